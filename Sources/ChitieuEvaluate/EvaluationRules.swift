import ChitieuModel

/// Settings of an evaluation that a pipeline may change.
public struct EvaluationRules: Sendable, Hashable {
    /// The share of the year's target a flow should reach in the first six months, in percent.
    public var expectedHalfYearShare: Double
    /// Completions outside this band, in percent, cannot be right as typed: the row needs a check.
    public var plausibleCompletion: ClosedRange<Double>

    public init(expectedHalfYearShare: Double = 50, plausibleCompletion: ClosedRange<Double> = 1...1000) {
        self.expectedHalfYearShare = expectedHalfYearShare
        self.plausibleCompletion = plausibleCompletion
    }
}

/// What the evaluation needs to know about an indicator besides its target.
public struct IndicatorTraits: Sendable, Hashable {
    public var direction: Direction
    public var kind: IndicatorKind

    public init(direction: Direction, kind: IndicatorKind) {
        self.direction = direction
        self.kind = kind
    }

    /// The traits of a target: the catalogue decides; without an entry, a target is
    /// higher-is-better and a level (the reading that never counts part of a year as the whole).
    public static func of(_ target: Target, catalogue: Catalogue) -> IndicatorTraits {
        let t = target.fields
        let entry = t.catalogueCode.flatMap { catalogue[$0] }
        // A plan's direction or kind wins over the catalogue's.
        return IndicatorTraits(direction: t.direction ?? entry?.direction ?? .higher,
                               kind: t.kind ?? entry?.kind ?? .level)
    }
}
