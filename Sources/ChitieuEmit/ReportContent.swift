import ChitieuModel
import Foundation

/// The body that issues a report, printed top left: "UBND TỈNH …" over "SỞ NỘI VỤ".
public struct ReportingBody: Sendable, Hashable {
    public var parent: String?
    public var name: String

    public init(parent: String? = nil, name: String) {
        self.parent = parent
        self.name = name
    }
}

/// An input file listed in the "Nguồn" sheet.
public struct InputFile: Sendable, Hashable {
    /// "Văn bản", "Kết quả", "Kế hoạch".
    public var role: String
    public var path: String
    public var sha256: String?
    public var unit: ReportingUnit?
    public var metadata: DocumentMetadata?

    public init(role: String, path: String, sha256: String?, unit: ReportingUnit? = nil, metadata: DocumentMetadata? = nil) {
        self.role = role
        self.path = path
        self.sha256 = sha256
        self.unit = unit
        self.metadata = metadata
    }
}

/// Everything a report shows, as plain values.
public struct ReportContent: Sendable {
    public var title: String
    public var period: ReportingPeriod
    public var body: ReportingBody
    public var place: String
    /// The date printed on the report (year, month, day).
    public var date: (year: Int, month: Int, day: Int)
    public var units: [ReportingUnit]
    public var evaluations: [Evaluation]
    /// Each unit's directives.
    public var unitDocuments: [ReportingUnit: [DirectiveDocument]]
    /// All directives, unit by unit in the order of `units`.
    public var documents: [DirectiveDocument] { units.flatMap { unitDocuments[$0] ?? [] } }
    public var issues: [DataIssue]
    /// The issues as "Kiểm tra dữ liệu" lists them: errors, then warnings, then notes, each as found.
    public var issuesBySeverity: [DataIssue] {
        issues.filter { $0.severity == .error } + issues.filter { $0.severity == .warning } + issues.filter { $0.severity == .note }
    }
    public var summaries: [UnitSummary]
    public var comparison: [ComparisonRow]
    public var statistics: [IndicatorStatistics]
    /// In a draft: why the report is not final (the inputs that could not be read), listed on
    /// the summary sheet; nil for a final report.
    public var draftReasons: [String]?
    public static let draftMark = "BẢN NHÁP - CHƯA ĐỦ SỐ LIỆU"
    /// Every input file: what it is, its path and its SHA-256.
    public var inputs: [InputFile] = []
    /// The group (province, cluster) of each unit, where the pipeline says it.
    public var groups: [ReportingUnit: String] = [:]
    /// The folder of the pipeline file: printed paths are shown relative to it, never absolute.
    public var baseDirectory: String?
    /// Each unit's figures set against the same period of last year, when the run has a store:
    /// the "Cùng kỳ" sheet.
    public var lastYear: [LastYearLine] = []
    /// The same period of last year for an evaluation, when the store knows last year: two more
    /// columns on the unit sheets.
    public var lastYearOf: (@Sendable (Evaluation) -> LastYear)?
    /// Each unit's figures year by year ("Diễn biến"), old units put together before the merger;
    /// `trendPeriods` are the columns, oldest first.
    public var trend: [TrendLine] = []
    public var trendPeriods: [ReportingPeriod] = []
    /// Emulation clusters and each member's score in its cluster: the "Chấm điểm" sheet shows
    /// them as the clusters' own scoring tables (the run-wide scoring moves to "Chấm điểm chung").
    public var clusters: [Cluster] = []
    public var clusterScores: [ClusterScore] = []

    public init(title: String, period: ReportingPeriod, body: ReportingBody, place: String,
                date: (year: Int, month: Int, day: Int), units: [ReportingUnit], evaluations: [Evaluation],
                unitDocuments: [ReportingUnit: [DirectiveDocument]], issues: [DataIssue],
                summaries: [UnitSummary] = [], comparison: [ComparisonRow] = [], statistics: [IndicatorStatistics] = []) {
        self.unitDocuments = unitDocuments
        self.summaries = summaries
        self.comparison = comparison
        self.statistics = statistics
        self.title = title
        self.period = period
        self.body = body
        self.place = place
        self.date = date
        self.units = units
        self.evaluations = evaluations
        self.issues = issues
    }

    /// Seconds since 1970 of the report date at midnight UTC: the workbook's creation date, so
    /// the same inputs give the same file.
    public var creationTimestamp: Int {
        var c = DateComponents(year: date.year, month: date.month, day: date.day)
        c.timeZone = TimeZone(identifier: "UTC")
        return Int(Calendar(identifier: .gregorian).date(from: c)?.timeIntervalSince1970 ?? 0)
    }

    /// A path as it may be printed: relative to the pipeline's folder ("../samples/a.txt"), or
    /// the file name alone when it lies far from it; never absolute.
    public func displayPath(_ path: String) -> String {
        guard !path.isEmpty else { return path }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let baseDirectory else { return path.hasPrefix("/") ? url.lastPathComponent : path }
        let base = URL(fileURLWithPath: baseDirectory, isDirectory: true).standardizedFileURL.pathComponents
        let parts = url.pathComponents
        var common = 0
        while common < min(base.count, parts.count - 1), base[common] == parts[common] { common += 1 }
        let up = base.count - common
        // Only the root in common, or too far up: the file name says enough.
        guard common > 1, up <= 2 else { return url.lastPathComponent }
        return (Array(repeating: "..", count: up) + parts[common...]).joined(separator: "/")
    }

    /// Text with every absolute path in it replaced by its printable form (`displayPath`): a
    /// "/" at the start or after a space, a quote or a parenthesis begins a path, which runs to
    /// the next space, quote, comma, semicolon or parenthesis.
    public func displayText(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "/")) else { return text }
        let opens: Set<Character> = [" ", "\t", "\n", "\"", "'", "“", "("]
        let ends: Set<Character> = [" ", "\t", "\n", "\"", "'", "“", "”", ",", ";", "(", ")"]
        var out = ""
        var previous: Character? = nil
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "/", previous == nil || opens.contains(previous!) {
                var j = text.index(after: i)
                while j < text.endIndex, !ends.contains(text[j]) { j = text.index(after: j) }
                out += displayPath(String(text[i..<j]))
                previous = text[text.index(before: j)]
                i = j
                continue
            }
            out.append(c)
            previous = c
            i = text.index(after: i)
        }
        return out
    }

    /// "Hà Giang, ngày 05 tháng 01 năm 2025": days below 10 and months 1-2 take a leading zero
    /// (Decree 30/2020/NĐ-CP).
    public var placeDateLine: String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month <= 2 ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
    }
}

/// One line of the "Cùng kỳ" sheet: a unit's figure this period and the same period last year.
public struct LastYearLine: Sendable {
    public var unit: ReportingUnit
    /// The indicator's code and its name as the sheet shows it.
    public var code: String
    public var indicator: String
    public var measure: MeasureUnit
    public var current: Double?
    public var past: LastYear

    public init(unit: ReportingUnit, code: String, indicator: String, measure: MeasureUnit, current: Double?, past: LastYear) {
        self.unit = unit
        self.code = code
        self.indicator = indicator
        self.measure = measure
        self.current = current
        self.past = past
    }
}

/// One line of "Diễn biến": a unit's value of an indicator in each period of `trendPeriods`.
public struct TrendLine: Sendable {
    public var unit: ReportingUnit
    public var indicator: String
    public var measure: MeasureUnit
    public var values: [Double?]

    public init(unit: ReportingUnit, indicator: String, measure: MeasureUnit, values: [Double?]) {
        self.unit = unit
        self.indicator = indicator
        self.measure = measure
        self.values = values
    }
}
