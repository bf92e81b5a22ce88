/// What a unit reports it achieved for one indicator in one period.
public struct ActualResult: SharedFields {
    /// How the reported number is to be read.
    public enum Basis: String, Sendable, Codable, CaseIterable {
        /// An absolute value ("12.221 tỷ đồng").
        case value
        /// A share of the plan ("đạt 119,9% kế hoạch").
        case pctOfPlan = "pct_of_plan"
        /// An achieved change ("giảm 1,01%").
        case change
    }

    /// Official figures or estimates ("ước", "ước thực hiện", "dự ước").
    public enum Status: String, Sendable, Codable, CaseIterable {
        case reported, estimate
    }

    public struct Fields: Hashable, Sendable, Codable {
        /// The code or name of the reporting unit, as written in the input.
        public var unit: String
        /// The key that joins this result to a target of the same unit: a catalogue code or any stable key.
        public var indicator: String
        /// The indicator's wording in the source, when given.
        public var name: String?
        public var period: ReportingPeriod
        public var value: Double
        public var measure: MeasureUnit
        public var basis: Basis
        public var status: Status
        /// The unit's own assessment ("Đạt", "Vượt"), kept beside the computed one.
        public var verdict: String?
        /// Where the figure was published.
        public var source: String?
        public var location: SourceLocation?

        public init(unit: String, indicator: String, name: String?, period: ReportingPeriod, value: Double, measure: MeasureUnit,
                    basis: Basis, status: Status, verdict: String?, source: String?, location: SourceLocation?) {
            self.unit = unit
            self.indicator = indicator
            self.name = name
            self.period = period
            self.value = value
            self.measure = measure
            self.basis = basis
            self.status = status
            self.verdict = verdict
            self.source = source
            self.location = location
        }
    }

    /// One shared, copy-on-write box, or a row of the results table it was read from: the
    /// result is held by its unit's list and by the evaluation that uses it, and a copy costs
    /// a pointer.
    public var storage: FieldStorage<Fields>

    public init(
        unit: String, indicator: String, name: String? = nil, period: ReportingPeriod, value: Double,
        measure: MeasureUnit, basis: Basis = .value, status: Status = .reported, verdict: String? = nil,
        source: String? = nil, location: SourceLocation? = nil
    ) {
        self.init(fields: Fields(unit: unit, indicator: indicator, name: name, period: period, value: value, measure: measure,
                                 basis: basis, status: status, verdict: verdict, source: source, location: location))
    }

    public init(storage: FieldStorage<Fields>) { self.storage = storage }
}
