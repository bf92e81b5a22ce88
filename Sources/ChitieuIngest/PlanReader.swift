import ChitieuModel
import Foundation

/// Turns a plan table (CSV or XLSX) into `PlanEntry` rows, reporting every row it cannot use.
public enum PlanReader {
    public static let requiredColumns = ["unit", "indicator", "name", "measure", "comparator", "target", "target_max", "period"]

    /// Comparators as people write them in a plan table.
    static let comparatorWords: [String: TargetComparator] = Dictionary(WordTable.layout.pairs("plan_comparator").map { pair in
        guard let comparator = TargetComparator(rawValue: pair.value) else {
            fatalError("chitieu: lexicon/layout.tsv: plan_comparator \"\(pair.phrase)\" có mã \"\(pair.value)\" không hợp lệ")
        }
        return (pair.phrase, comparator)
    }) { first, _ in first }

    public static func entries(from table: Table, catalogue: Catalogue = .standard) -> (entries: [PlanEntry], issues: [DataIssue]) {
        var issues: [DataIssue] = []
        if let missing = table.missingColumns(requiredColumns, kind: "tệp kế hoạch") { return ([], [missing]) }
        var entries = PlanColumns(file: table.path, cells: CellNaming(table, column: "target"))
        var measures = MeasureSpellings()
        var periods = PeriodSpellings()
        do {
        try table.forEachRow { row in
            let cells = TableRow(table: table, row: row)
            func problem(_ column: String, _ message: String) {
                issues.append(DataIssue(.warning, cells.prefix(column) + message + "; dòng bị bỏ qua", at: cells.location(column)))
            }
            guard let unit = cells[.unit] else { problem("unit", "thiếu đơn vị"); return }
            guard let indicator = cells[.indicator] else { problem("indicator", "thiếu mã chỉ tiêu"); return }
            guard let comparatorText = cells[.comparator], let comparator = comparatorWords[comparatorText.lowercased()] else {
                problem("comparator", "so sánh \"\(cells[.comparator] ?? "")\" không hợp lệ; dùng eq, gt, gte, lt, lte, range, increase_by hoặc decrease_by")
                return
            }
            guard let target = cells.number(.target) else {
                problem("target", "chỉ tiêu \"\(cells[.target] ?? "")\" không phải là số")
                return
            }
            var targetMax: Double?
            if cells[.targetMax] != nil {
                guard let v = cells.number(.targetMax) else { problem("target_max", "target_max \"\(cells[.targetMax]!)\" không phải là số"); return }
                targetMax = v
            }
            if comparator == .range, targetMax == nil { problem("target_max", "chỉ tiêu dạng khoảng (range) cần target_max"); return }
            if let max = targetMax, max < target { problem("target_max", "target_max \(max) nhỏ hơn target \(target)"); return }
            var period: ReportingPeriod?
            if let p = cells[.period] {
                guard let parsed = periods.period(p) else { problem("period", "kỳ \"\(p)\" không hợp lệ; \(ReportingPeriod.examples)"); return }
                period = parsed
            }
            var direction: Direction?
            if let d = cells[.direction] {
                guard let parsed = Direction(rawValue: d.lowercased()) else { problem("direction", "direction \"\(d)\" không hợp lệ; dùng higher hoặc lower"); return }
                direction = parsed
            }
            var kind: IndicatorKind?
            if let k = cells[.kind] {
                guard let parsed = IndicatorKind(rawValue: k.lowercased()) else { problem("kind", "kind \"\(k)\" không hợp lệ; dùng flow, level hoặc growth"); return }
                kind = parsed
            }
            entries.append(PlanEntry.Fields(
                unit: unit, indicator: indicator, name: cells[.name], measure: measures.unit(cells[.measure] ?? ""),
                comparator: comparator, target: target, targetMax: targetMax, period: period, direction: direction,
                kind: kind, catalogue: cells[.catalogue], source: cells[.source], location: cells.location("target")))
        }
        } catch {
            // A table that could not be read to its end gives no rows: a report is never built
            // on half a file.
            issues.append(DataIssue.unreadable(error.description, file: table.path))
            return ([], issues)
        }
        return (entries.entries(catalogue: catalogue), issues)
    }
}

/// The cells of one table row by column name, with their places for messages.
struct TableRow {
    let table: Table
    let row: Table.Row

    subscript(_ column: ContractColumn) -> String? {
        guard let i = table.column(column) else { return nil }
        return self[position: i]
    }

    func number(_ column: ContractColumn) -> Double? {
        guard let i = table.column(column), let text = self[position: i] else { return nil }
        return NumberCell.parse(text, decimalMark: table.decimalMark, storedAsNumber: row.numericColumns.contains(i))
    }

    /// The trimmed text of the cell at a column position, nil when empty or missing.
    subscript(position i: Int) -> String? {
        guard row.values.indices.contains(i) else { return nil }
        let raw = row.values[i]
        // Most cells have no spaces at their ends: skip Foundation's trimming for them.
        guard let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last else { return nil }
        func plain(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? c != " " && c != "\t" : !c.properties.isWhitespace
        }
        if plain(first), plain(last) { return raw }
        let v = raw.trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }

    func location(_ column: String) -> SourceLocation {
        SourceLocation(file: table.path, line: row.line, cell: table.sheet == nil ? nil : table.column(column).map { table.place(row: row, column: $0) })
    }

    /// "dòng 7, cột value: " for CSV; the cell is in the location for workbooks.
    func prefix(_ column: String) -> String {
        table.sheet == nil ? "dòng \(row.line), cột \(column): " : ""
    }
}

/// Measures as written in a table, each distinct spelling made canonical once.
struct MeasureSpellings {
    private var known: [String: MeasureUnit] = [:]

    mutating func unit(_ spelling: String) -> MeasureUnit {
        if let unit = known[spelling] { return unit }
        let unit = MeasureUnit(spelling)
        known[spelling] = unit
        return unit
    }
}

/// Periods as written in a table, each distinct spelling parsed once.
struct PeriodSpellings {
    private var known: [String: ReportingPeriod?] = [:]

    mutating func period(_ spelling: String) -> ReportingPeriod? {
        if let period = known[spelling] { return period }
        let period = ReportingPeriod(spelling)
        known[spelling] = .some(period)
        return period
    }
}
