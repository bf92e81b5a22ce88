/// The units of a run, found by code or name in one dictionary look-up.
///
/// Inputs name units many ways ("HG", "Hà Giang", "hà  giang"); each distinct spelling is
/// normalised once, so resolving a million result rows costs a million hash look-ups, not a
/// million normalisations times the number of units.
public struct UnitDirectory: Sendable {
    public let units: [ReportingUnit]
    private let positions: [String: Int]

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
    }

    /// The position in `units` of the unit a reference names, or nil.
    public func position(of reference: String) -> Int? {
        positions[ReportingUnit.key(reference)]
    }

    public func unit(named reference: String) -> ReportingUnit? {
        position(of: reference).map { units[$0] }
    }
}

/// A `UnitDirectory` that remembers every spelling it has resolved.
public struct UnitResolver {
    public let directory: UnitDirectory
    private var cache: [String: Int?] = [:]

    public init(_ directory: UnitDirectory) {
        self.directory = directory
    }

    public mutating func position(of reference: String) -> Int? {
        if let known = cache[reference] { return known }
        let found = directory.position(of: reference)
        cache[reference] = .some(found)
        return found
    }
}
