import ChitieuModel
import Spreadsheet

/// How a row of a workbook names the cell its location points at ("Kết quả!D7"): the sheet
/// and the column are the same for every row, so the name is made when asked, not kept for each
/// of a million rows.
struct CellNaming: Sendable {
    let sheet: String
    let column: Int

    /// For a table read from a sheet, naming its `column`; nil for CSV.
    init?(_ table: Table, column: String) {
        guard let sheet = table.sheet, let index = table.column(column) else { return nil }
        self.sheet = sheet
        self.column = index
    }

    func cell(line: UInt32) -> String? {
        line == 0 ? nil : "\(sheet)!\(CellReference(row: Int(line) - 1, column: column))"
    }
}

/// Values seen in a table, each kept once and named by its position; 0 names "none".
struct Interner<Value: Hashable & Sendable>: Sendable {
    /// The values by position.
    private(set) var values: [Value?] = [nil]
    private var positions: [Value: UInt32] = [:]

    mutating func id(_ value: Value?) -> UInt32 {
        guard let value else { return 0 }
        if let known = positions[value] { return known }
        values.append(value)
        let id = UInt32(values.count - 1)
        positions[value] = id
        return id
    }
}

/// An interner that first compares with the value last seen in the same column: rows come
/// grouped (a unit's 120 indicators, a report's source), and equal strings that share storage
/// compare without hashing.
struct ColumnInterner<Value: Hashable & Sendable> {
    private var interner = Interner<Value>()
    private var last: [Value?]
    private var lastIDs: [UInt32]

    init(columns: Int) {
        last = Array(repeating: nil, count: columns)
        lastIDs = Array(repeating: 0, count: columns)
    }

    mutating func id(_ value: Value?, column: Int) -> UInt32 {
        guard let value else { return 0 }
        if let previous = last[column], previous == value { return lastIDs[column] }
        let id = interner.id(value)
        last[column] = value
        lastIDs[column] = id
        return id
    }

    var values: [Value?] { interner.values }
}

/// The results of one table as compact rows: every string interned, about 48 bytes a row
/// where an object per result takes about 210.
struct ResultColumns {
    private struct Row {
        var unit, indicator, name, measure, verdict, source: UInt32
        var line: UInt32
        var value: Double
        var period: Int32
        var basis, status: UInt8
    }

    let file: String
    /// The cell of the value, in a workbook.
    let cells: CellNaming?
    private var rows: [Row] = []
    private var strings = ColumnInterner<String>(columns: 5)
    private var measures = ColumnInterner<MeasureUnit>(columns: 1)

    init(file: String, cells: CellNaming?) {
        self.file = file
        self.cells = cells
    }

    mutating func append(unit: String, indicator: String, name: String?, period: ReportingPeriod, value: Double,
                         measure: MeasureUnit, basis: ActualResult.Basis, status: ActualResult.Status, verdict: String?,
                         source: String?, line: Int) {
        rows.append(Row(unit: strings.id(unit, column: 0), indicator: strings.id(indicator, column: 1), name: strings.id(name, column: 2),
                        measure: measures.id(measure, column: 0), verdict: strings.id(verdict, column: 3),
                        source: strings.id(source, column: 4), line: UInt32(clamping: line), value: value, period: Self.code(period),
                        basis: Self.basisCodes[basis]!, status: status == .estimate ? 1 : 0))
    }

    /// The results, each reading its fields from this table's rows.
    func results() -> [ActualResult] {
        // An exact copy: the appended array may hold room for twice its rows.
        let rows = self.rows.withUnsafeBufferPointer { Array($0) }, strings = strings.values, measures = measures.values, file = file, cells = cells
        let store = RowStore<ActualResult.Fields>(count: rows.count) { i in
            let r = rows[i]
            return ActualResult.Fields(
                unit: strings[Int(r.unit)] ?? "", indicator: strings[Int(r.indicator)] ?? "", name: strings[Int(r.name)],
                period: Self.period(r.period), value: r.value, measure: measures[Int(r.measure)] ?? .none,
                basis: Self.bases[Int(r.basis)], status: r.status == 1 ? .estimate : .reported,
                verdict: strings[Int(r.verdict)], source: strings[Int(r.source)],
                location: SourceLocation(file: file, line: Int(r.line), cell: cells?.cell(line: r.line)))
        }
        return (0..<rows.count).map { ActualResult(storage: FieldStorage(store: store, row: $0)) }
    }

    private static let bases = ActualResult.Basis.allCases
    private static let basisCodes = Dictionary(uniqueKeysWithValues: bases.enumerated().map { ($1, UInt8($0)) })

    static func code(_ period: ReportingPeriod) -> Int32 {
        Int32(clamping: period.year) * 2 + (period.span == .firstHalf ? 1 : 0)
    }

    static func period(_ code: Int32) -> ReportingPeriod {
        ReportingPeriod(year: Int(code >> 1), span: code & 1 == 1 ? .firstHalf : .year)
    }
}

/// The rows of one plan table as compact rows, read back as plan entries or as the targets
/// they add.
struct PlanColumns {
    private struct Row {
        var unit, indicator, name, measure, catalogue, source: UInt32
        var line: UInt32
        var target: Double
        var targetMax: Double
        var period: Int32
        var comparator, direction, kind: UInt8
        var hasMax: Bool
    }

    let file: String
    /// The cell of the target, in a workbook.
    let cells: CellNaming?
    private var rows: [Row] = []
    private var strings = ColumnInterner<String>(columns: 5)
    private var measures = ColumnInterner<MeasureUnit>(columns: 1)

    init(file: String, cells: CellNaming?) {
        self.file = file
        self.cells = cells
    }

    /// Adds a row; its location's line is kept, the cell is named again from `cells`.
    mutating func append(_ e: PlanEntry.Fields) {
        rows.append(Row(unit: strings.id(e.unit, column: 0), indicator: strings.id(e.indicator, column: 1), name: strings.id(e.name, column: 2),
                        measure: measures.id(e.measure, column: 0), catalogue: strings.id(e.catalogue, column: 3),
                        source: strings.id(e.source, column: 4), line: UInt32(clamping: e.location?.line ?? 0), target: e.target,
                        targetMax: e.targetMax ?? 0, period: e.period.map(ResultColumns.code) ?? -1,
                        comparator: Self.code(e.comparator, in: Self.comparators), direction: Self.code(e.direction, in: Self.directions),
                        kind: Self.code(e.kind, in: Self.kinds), hasMax: e.targetMax != nil))
    }

    /// The entries, each reading its row; a new target made from one reads the same row.
    func entries(catalogue: Catalogue) -> [PlanEntry] {
        let rows = self.rows.withUnsafeBufferPointer { Array($0) }, strings = strings.values, measures = measures.values, file = file, cells = cells
        let read: @Sendable (Int) -> PlanEntry.Fields = { i in
            let r = rows[i]
            return PlanEntry.Fields(
                unit: strings[Int(r.unit)] ?? "", indicator: strings[Int(r.indicator)] ?? "", name: strings[Int(r.name)],
                measure: measures[Int(r.measure)] ?? .none, comparator: Self.comparators[Int(r.comparator)]!, target: r.target,
                targetMax: r.hasMax ? r.targetMax : nil, period: r.period < 0 ? nil : ResultColumns.period(r.period),
                direction: Self.directions[Int(r.direction)], kind: Self.kinds[Int(r.kind)],
                catalogue: strings[Int(r.catalogue)], source: strings[Int(r.source)],
                location: r.line == 0 ? nil : SourceLocation(file: file, line: Int(r.line), cell: cells?.cell(line: r.line)))
        }
        // The target a row adds. What the catalogue says of each distinct string is looked up
        // once: a target is read many times.
        let names: [String?] = strings.map { $0.flatMap { catalogue[$0]?.name } }
        let targets = RowStore<Target.Fields>(count: rows.count) { i in
            let r = rows[i]
            let code = r.catalogue != 0 ? r.catalogue : (names[Int(r.indicator)] != nil ? r.indicator : 0)
            return Target.Fields(plan: read(i), code: strings[Int(code)], catalogueName: names[Int(code)])
        }
        let store = RowStore<PlanEntry.Fields>(count: rows.count, companion: targets, read: read)
        return (0..<rows.count).map { PlanEntry(storage: FieldStorage(store: store, row: $0)) }
    }

    // Position 0 of each list is "not given".
    private static let comparators: [TargetComparator?] = [nil] + TargetComparator.allCases
    private static let directions: [Direction?] = [nil] + Direction.allCases
    private static let kinds: [IndicatorKind?] = [nil] + IndicatorKind.allCases

    private static func code<T: Equatable>(_ value: T?, in list: [T?]) -> UInt8 {
        guard let value else { return 0 }
        return UInt8(list.firstIndex(of: value) ?? 0)
    }
}
