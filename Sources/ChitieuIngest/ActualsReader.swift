import ChitieuModel
import Foundation

/// Turns a table of results into `ActualResult`s, reporting every row it cannot use.
///
/// Columns: `unit, indicator, period, value, measure` (required) and `basis, status, verdict,
/// source, name` (optional). A row with a problem is reported with its file and row (or sheet
/// and cell) and left out; the other rows go on.
public enum ActualsReader {
    public static let requiredColumns = ["unit", "indicator", "period", "value", "measure"]

    /// The status of a result as people write it (Resources/lexicon/layout.tsv).
    static let statusWords: [String: ActualResult.Status] = Dictionary(WordTable.layout.pairs("result_status").map { pair in
        guard let status = ActualResult.Status(rawValue: pair.value) else {
            fatalError("chitieu: lexicon/layout.tsv: result_status \"\(pair.phrase)\" có mã \"\(pair.value)\" không hợp lệ")
        }
        return (pair.phrase, status)
    }) { first, _ in first }

    public static func results(from table: Table) -> (results: [ActualResult], issues: [DataIssue]) {
        var issues: [DataIssue] = []
        if let missing = table.missingColumns(requiredColumns, kind: "bảng kết quả") { return ([], [missing]) }
        var results = ResultColumns(file: table.path, cells: CellNaming(table, column: "value"))
        var measures = MeasureSpellings()
        var periods = PeriodSpellings()
        do {
        try table.forEachRow { row in
            let cells = TableRow(table: table, row: row)
            func problem(_ column: String, _ message: String) {
                issues.append(DataIssue(.warning, cells.prefix(column) + message + "; dòng bị bỏ qua", at: cells.location(column)))
            }
            guard let unit = cells[.unit] else { problem("unit", "thiếu đơn vị báo cáo"); return }
            guard let indicator = cells[.indicator] else { problem("indicator", "thiếu mã chỉ tiêu"); return }
            guard let periodText = cells[.period], let period = periods.period(periodText) else {
                problem("period", "kỳ báo cáo \"\(cells[.period] ?? "")\" không hợp lệ; \(ReportingPeriod.examples)")
                return
            }
            guard let valueText = cells[.value] else {
                // A template row left blank: no result yet, said as a note rather than a fault.
                issues.append(DataIssue(.note, cells.prefix("value") + "chưa nhập kết quả cho \(indicator) (\(unit))", at: cells.location("value")))
                return
            }
            guard let value = cells.number(.value) else { problem("value", "giá trị \"\(valueText)\" không phải là số"); return }
            var basis = ActualResult.Basis.value
            if let b = cells[.basis] {
                guard let parsed = ActualResult.Basis(rawValue: b.lowercased()) else {
                    problem("basis", "cơ sở \"\(b)\" không hợp lệ; dùng value, pct_of_plan hoặc change")
                    return
                }
                basis = parsed
            }
            var status = ActualResult.Status.reported
            if let s = cells[.status] {
                guard let parsed = statusWords[s.lowercased().trimmingCharacters(in: .whitespaces)] else {
                    problem("status", "trạng thái \"\(s)\" không hợp lệ; dùng reported hoặc estimate")
                    return
                }
                status = parsed
            }
            results.append(unit: unit, indicator: indicator, name: cells[.name], period: period, value: value,
                           measure: measures.unit(cells[.measure] ?? ""), basis: basis, status: status,
                           verdict: cells[.verdict], source: cells[.source], line: cells.row.line)
        }
        } catch {
            // A table that could not be read to its end gives no results: a report is never
            // built on half a file.
            issues.append(DataIssue.unreadable(error.description, file: table.path))
            return ([], issues)
        }
        return (results.results(), issues)
    }
}
