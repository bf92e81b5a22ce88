import Foundation

/// A unit that reports results: a province, a town, a department or a cluster member.
///
/// Its code and name live in one shared object: every evaluation and comparison cell holds its
/// unit, and a national run has a million of them.
public struct ReportingUnit: SharedFields {
    public struct Fields: Hashable, Sendable, Codable {
        /// A short stable code ("HG").
        public var code: String
        /// The name an official uses ("Hà Giang").
        public var name: String
    }

    public var storage: FieldStorage<Fields>

    public init(storage: FieldStorage<Fields>) { self.storage = storage }

    public init(code: String, name: String) {
        self.init(fields: Fields(code: code, name: name))
    }

    /// True when `reference` names this unit by code or by name, ignoring case and spacing.
    public func isNamed(_ reference: String) -> Bool {
        let r = ReportingUnit.key(reference)
        return r == ReportingUnit.key(self.code) || r == ReportingUnit.key(self.name)
    }

    /// The comparison form of a code or name: NFC, lower case, single spaces.
    static func key(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
