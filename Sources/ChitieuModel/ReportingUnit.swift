import Foundation

/// A unit that reports results: a province, a town, a department or a cluster member.
public struct ReportingUnit: Hashable, Sendable, Codable {
    /// A short stable code ("HG").
    public var code: String
    /// The name an official uses ("Hà Giang").
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// True when `reference` names this unit by code or by name, ignoring case and spacing.
    public func isNamed(_ reference: String) -> Bool {
        let r = ReportingUnit.key(reference)
        return r == ReportingUnit.key(code) || r == ReportingUnit.key(name)
    }

    /// The comparison form of a code or name: NFC, lower case, single spaces.
    static func key(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
