/// The units of a run, found by code or name in one dictionary look-up.
///
/// Inputs name units many ways ("HG", "Hà Giang", "hà  giang"); each distinct spelling is
/// normalised once, so resolving a million result rows costs a million hash look-ups, not a
/// million normalisations times the number of units.
public struct UnitDirectory: Sendable {
    public let units: [ReportingUnit]
    private let positions: [String: Int]
    /// Loose forms (no accents, no "Tỉnh", "Phường"...) that name exactly one unit.
    private let loosePositions: [String: Int]

    public init(_ units: [ReportingUnit]) {
        self.units = units
        var positions: [String: Int] = [:]
        // Codes first, so that a code wins over another unit's name spelled the same way.
        for (i, unit) in units.enumerated() where positions[ReportingUnit.key(unit.code)] == nil {
            positions[ReportingUnit.key(unit.code)] = i
        }
        for (i, unit) in units.enumerated() where positions[ReportingUnit.key(unit.name)] == nil {
            positions[ReportingUnit.key(unit.name)] = i
        }
        self.positions = positions
        var loose: [String: Int?] = [:]
        for (i, unit) in units.enumerated() {
            for form in Set([NameMatching.loose(unit.code), NameMatching.loose(unit.name)]) where !form.isEmpty {
                // A loose form two units share names neither (many communes share a name).
                if let seen = loose[form], seen != i { loose[form] = .some(nil) } else { loose[form] = i }
            }
        }
        loosePositions = loose.compactMapValues { $0 }
    }

    /// The position in `units` of the unit a reference names, or nil: by code or name as
    /// written, else by a loose form that names one unit only.
    public func position(of reference: String) -> Int? {
        positions[ReportingUnit.key(reference)] ?? loosePositions[NameMatching.loose(reference)]
    }

    /// The units nearest to a spelling that names none, for "có phải ...?".
    public func suggestions(for reference: String) -> [ReportingUnit] {
        NameMatching.nearest(reference, among: units.map { ($0, [NameMatching.loose($0.code), NameMatching.loose($0.name)]) })
    }

    /// "; có phải Phường Hải Châu (HC)?" for the nearest units; empty when none is near.
    public func didYouMean(_ reference: String) -> String {
        NameMatching.didYouMean(suggestions(for: reference).map { "\($0.name) (\($0.code))" })
    }

    public func unit(named reference: String) -> ReportingUnit? {
        position(of: reference).map { units[$0] }
    }
}

/// A `UnitDirectory` that remembers every spelling it has resolved.
public struct UnitResolver {
    public let directory: UnitDirectory
    private var cache: [String: Int?] = [:]
    private var guesses: [String: String] = [:]

    public init(_ directory: UnitDirectory) {
        self.directory = directory
    }

    public mutating func position(of reference: String) -> Int? {
        if let known = cache[reference] { return known }
        let found = directory.position(of: reference)
        cache[reference] = .some(found)
        return found
    }

    /// The directory's suggestion for a spelling that names no unit, found once per spelling.
    public mutating func didYouMean(_ reference: String) -> String {
        if let known = guesses[reference] { return known }
        let found = directory.didYouMean(reference)
        guesses[reference] = found
        return found
    }
}
