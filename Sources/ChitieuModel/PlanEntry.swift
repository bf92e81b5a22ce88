/// One row of a plan file: a target a person adds or corrects.
///
/// Columns `unit, indicator, name, measure, comparator, target, target_max, period` and optional
/// `direction, kind, catalogue, source`.
public struct PlanEntry: Hashable, Sendable {
    public var unit: String
    /// Joins the row to an extracted target of the same unit (its catalogue code or id).
    public var indicator: String
    public var name: String?
    public var measure: MeasureUnit
    public var comparator: TargetComparator
    public var target: Double
    public var targetMax: Double?
    public var period: ReportingPeriod?
    public var direction: Direction?
    public var kind: IndicatorKind?
    public var catalogue: String?
    public var source: String?
    public var location: SourceLocation?

    public init(unit: String, indicator: String, name: String?, measure: MeasureUnit, comparator: TargetComparator, target: Double,
                targetMax: Double?, period: ReportingPeriod?, direction: Direction? = nil, kind: IndicatorKind? = nil,
                catalogue: String? = nil, source: String? = nil, location: SourceLocation? = nil) {
        self.unit = unit
        self.indicator = indicator
        self.name = name
        self.measure = measure
        self.comparator = comparator
        self.target = target
        self.targetMax = targetMax
        self.period = period
        self.direction = direction
        self.kind = kind
        self.catalogue = catalogue
        self.source = source
        self.location = location
    }
}
