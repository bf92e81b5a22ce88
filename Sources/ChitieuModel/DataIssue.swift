/// A data-quality finding: what is wrong, where, and what to do about it.
public struct DataIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        /// The input could not be used at all.
        case error
        /// The input was used, but a row or value was set aside or is doubtful.
        case warning
        /// Worth knowing, nothing to fix: a result kept for comparison only, a target without data.
        case note
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// What is wrong and what to fix, in plain words.
    public var message: String
    /// A whole input file could not be read: no report is built without it.
    public var unreadableInput = false
    /// Rows of the file that have this very problem (more than one after `merged`).
    public var occurrences = 1
    /// The next few of those rows, after `location` (the first).
    public var otherPlaces: [String] = []

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// An input file that could not be read at all (missing, not a table, a required column
    /// missing, bytes that are not text).
    public static func unreadable(_ message: String, file: String) -> DataIssue {
        var issue = DataIssue(.error, message, at: SourceLocation(file: file, line: 1))
        issue.unreadableInput = true
        return issue
    }

    public var description: String {
        let label = switch severity {
        case .error: "lỗi"
        case .warning: "cảnh báo"
        case .note: "ghi chú"
        }
        if let location { return "\(location): \(label): \(text)" }
        return "\(label): \(text)"
    }
}

extension DataIssue {
    /// Places listed by name in a merged issue; the rest are counted.
    static let placesShown = 5

    /// The message as a person reads it: for a problem found on many rows, how many and the
    /// first of them ("… (gặp ở 265.436 dòng: 733330, 733331, …)").
    public var text: String {
        guard occurrences > 1 else { return message }
        let places = (location.map { [$0.place] } ?? []) + otherPlaces
        let shown = places.joined(separator: ", ") + (occurrences > places.count ? ", …" : "")
        return message + " (gặp ở \(VietnameseNumber.format(Double(occurrences))) dòng\(places.isEmpty ? "" : ": " + shown))"
    }

    /// The same problem said of many rows of one file (265,000 results of another year in a
    /// national form) becomes one issue that counts them and names the first rows, so that the
    /// list a person reads stays readable. Order is kept: each group sits where it first appeared.
    public static func merged(_ issues: [DataIssue]) -> [DataIssue] {
        var merger = IssueMerger()
        merger.append(contentsOf: issues)
        return merger.issues
    }
}

/// Issues gathered as they are found, the same problem of the same file kept once with a count,
/// so that a file repeating one mistake a million times never holds a million issues; and at
/// most `distinctPerFile` different problems of one severity per file, the rest counted in one
/// closing issue (a file where every row is wrong is fixed from its first rows, then run again).
public struct IssueMerger: Sendable {
    /// Different problems listed per file and severity.
    public static let distinctPerFile = 10_000
    static let beyondCap = "còn các dòng khác có vấn đề chưa liệt kê (mỗi tệp chỉ liệt kê \(VietnameseNumber.format(Double(distinctPerFile))) vấn đề khác nhau mỗi mức); sửa các vấn đề trên rồi chạy lại để xem tiếp"

    private struct Key: Hashable { let severity: DataIssue.Severity; let file: String?; let message: String }
    private struct Listed: Hashable { let severity: DataIssue.Severity; let file: String? }
    private var groups: [(order: Int, issue: DataIssue)] = []
    private var index: [Key: Int] = [:]
    private var listed: [Listed: Int] = [:]

    private var appended = 0

    public init() {}

    /// Adds an issue after all those appended before.
    public mutating func append(_ issue: DataIssue) {
        add(issue, order: appended)
        appended += 1
    }

    public mutating func append(contentsOf issues: [DataIssue]) {
        for issue in issues { append(issue) }
    }

    /// Adds an issue (or a group already merged elsewhere); `order` places it among the others
    /// (a row number), the smallest of a group counting.
    public mutating func add(_ issue: DataIssue, order: Int) {
        var issue = issue
        var key = Key(severity: issue.severity, file: issue.location?.file, message: issue.message)
        if index[key] == nil, issue.message != Self.beyondCap {
            let file = Listed(severity: issue.severity, file: key.file)
            let count = listed[file, default: 0]
            if count >= Self.distinctPerFile {
                issue.message = Self.beyondCap
                key = Key(severity: issue.severity, file: key.file, message: Self.beyondCap)
            } else {
                listed[file] = count + 1
            }
        }
        guard let at = index[key] else {
            index[key] = groups.count
            groups.append((order, issue))
            return
        }
        groups[at].order = min(groups[at].order, order)
        groups[at].issue.occurrences += issue.occurrences
        let room = DataIssue.placesShown - 1 - groups[at].issue.otherPlaces.count
        if room > 0 {
            let more = (issue.location.map { [$0.place] } ?? []) + issue.otherPlaces
            groups[at].issue.otherPlaces += more.prefix(room)
        }
    }

    /// The issues in order, each group once.
    public var issues: [DataIssue] { ordered.map(\.issue) }

    /// The same, with the order of each group.
    public var ordered: [(order: Int, issue: DataIssue)] {
        groups.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
    }
}

extension SourceLocation {
    /// The row or cell a person looks for: "KQ!D7", or the line.
    var place: String { cell ?? String(line) }
}
