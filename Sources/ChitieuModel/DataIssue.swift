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
        if let location { return "\(location): \(label): \(message)" }
        return "\(label): \(message)"
    }
}
