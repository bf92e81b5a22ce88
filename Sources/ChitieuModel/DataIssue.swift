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

extension DataIssue {
    /// Places listed by name in a merged issue; the rest are counted.
    static let placesShown = 5

    /// The same problem said of many rows of one file (265,000 results of another year in a
    /// national form) becomes one issue that counts them and names the first rows, so that the
    /// list a person reads stays readable. Order is kept: each group sits where it first appeared.
    public static func merged(_ issues: [DataIssue]) -> [DataIssue] {
        struct Key: Hashable { let severity: Severity; let file: String?; let message: String }
        var merged: [DataIssue] = []
        var places: [[String]] = []
        var index: [Key: Int] = [:]
        merged.reserveCapacity(issues.count)
        for issue in issues {
            let key = Key(severity: issue.severity, file: issue.location?.file, message: issue.message)
            let place = issue.location.map { $0.cell ?? String($0.line) }
            if let at = index[key] {
                merged[at].occurrences += issue.occurrences
                if let place, places[at].count < placesShown { places[at].append(place) }
            } else {
                index[key] = merged.count
                merged.append(issue)
                places.append(place.map { [$0] } ?? [])
            }
        }
        for i in merged.indices where merged[i].occurrences > 1 {
            let count = merged[i].occurrences
            let shown = places[i].joined(separator: ", ") + (count > places[i].count ? ", …" : "")
            let rows = places[i].isEmpty ? "" : ": \(shown)"
            merged[i].message += " (gặp ở \(VietnameseNumber.format(Double(count))) dòng\(rows))"
        }
        return merged
    }
}
