/// One row of a plan file: a target a person adds or corrects.
///
/// Columns `unit, indicator, name, measure, comparator, target, target_max, period` and optional
/// `direction, kind, catalogue, source`.
public struct PlanEntry: SharedFields {
    public struct Fields: Hashable, Sendable, Codable {
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
                    targetMax: Double?, period: ReportingPeriod?, direction: Direction?, kind: IndicatorKind?, catalogue: String?,
                    source: String?, location: SourceLocation?) {
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

    /// Its own box, or a row of the plan table it was read from.
    public var storage: FieldStorage<Fields>

    public init(storage: FieldStorage<Fields>) { self.storage = storage }

    public init(unit: String, indicator: String, name: String?, measure: MeasureUnit, comparator: TargetComparator, target: Double,
                targetMax: Double?, period: ReportingPeriod?, direction: Direction? = nil, kind: IndicatorKind? = nil,
                catalogue: String? = nil, source: String? = nil, location: SourceLocation? = nil) {
        self.init(fields: Fields(unit: unit, indicator: indicator, name: name, measure: measure, comparator: comparator, target: target,
                                 targetMax: targetMax, period: period, direction: direction, kind: kind, catalogue: catalogue,
                                 source: source, location: location))
    }

    /// The target the row adds when no target of its unit has its indicator. A row of a plan
    /// table gives a target that reads the same row (nothing more is stored for it).
    public func newTarget(catalogue: Catalogue) -> Target {
        if storage.row >= 0, let targets = unsafeDowncast(storage.object, to: RowStore<Fields>.self).companion as? RowStore<Target.Fields> {
            return Target(storage: FieldStorage(store: targets, row: Int(storage.row)))
        }
        return Target(fields: Target.Fields(plan: fields, catalogue: catalogue))
    }
}

extension Target.Fields {
    /// The fields of the target a plan row adds: its catalogue code is the row's, else its
    /// indicator when the catalogue has it.
    public init(plan entry: PlanEntry.Fields, catalogue: Catalogue) {
        let code = entry.catalogue ?? (catalogue[entry.indicator] != nil ? entry.indicator : nil)
        self.init(plan: entry, code: code, catalogueName: code.flatMap { catalogue[$0]?.name })
    }

    /// The same with the code and its catalogue name already looked up (a table of plan rows
    /// looks them up once per distinct string).
    public init(plan entry: PlanEntry.Fields, code: String?, catalogueName: String?) {
        self.init(id: entry.indicator, name: entry.name ?? catalogueName ?? entry.indicator,
                  comparator: entry.comparator, value: entry.target, valueMax: entry.targetMax, unit: entry.measure, approx: false,
                  text: entry.source ?? "", parent: nil, location: entry.location, catalogueCode: code,
                  catalogueConfidence: code == nil ? nil : 1, period: entry.period, direction: entry.direction, kind: entry.kind,
                  origin: .addedFromPlan)
    }
}
