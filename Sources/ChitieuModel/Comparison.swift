/// One unit's figures for one indicator in the side-by-side comparison.
///
/// Missing numbers take 8 bytes and missing ranks 4: a national comparison has 270,000 cells.
public struct ComparisonCell: Hashable, Sendable {
    public var unit: ReportingUnit
    /// The target in the indicator's common unit, when the unit has one.
    @MissingNumber public var target: Double?
    /// The result in the indicator's common unit, when reported as a value.
    @MissingNumber public var result: Double?
    @MissingNumber public var completion: Double?
    private var storedRankByCompletion: Int32 = 0
    private var storedRankByResult: Int32 = 0
    public var estimate: Bool
    public var status: EvaluationStatus?

    public init(unit: ReportingUnit, target: Double?, result: Double?, estimate: Bool,
                completion: Double?, status: EvaluationStatus?) {
        self.unit = unit
        self.target = target
        self.result = result
        self.estimate = estimate
        self.completion = completion
        self.status = status
    }

    /// 1 = best completion; nil without a completion.
    public var rankByCompletion: Int? {
        get { storedRankByCompletion == 0 ? nil : Int(storedRankByCompletion) }
        set { storedRankByCompletion = newValue.map { Int32(clamping: $0) } ?? 0 }
    }

    /// 1 = best result in the indicator's direction; nil without a result.
    public var rankByResult: Int? {
        get { storedRankByResult == 0 ? nil : Int(storedRankByResult) }
        set { storedRankByResult = newValue.map { Int32(clamping: $0) } ?? 0 }
    }
}

/// An indicator comparable across units: same catalogue code, units that convert.
public struct ComparisonRow: Hashable, Sendable {
    public var code: String
    public var name: String
    public var sector: Sector
    public var direction: Direction
    /// The unit every figure of the row is converted to.
    public var measure: MeasureUnit
    public var cells: [ComparisonCell]

    public init(code: String, name: String, sector: Sector, direction: Direction, measure: MeasureUnit, cells: [ComparisonCell]) {
        self.code = code
        self.name = name
        self.sector = sector
        self.direction = direction
        self.measure = measure
        self.cells = cells
    }
}

/// Count, minimum, median, mean, maximum and standard deviation of a set of numbers.
public struct Distribution: Hashable, Sendable {
    public var count: Int
    public var minimum: Double
    public var median: Double
    public var mean: Double
    public var maximum: Double
    /// Population standard deviation (0 for one value).
    public var standardDeviation: Double

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        minimum = sorted.first!
        maximum = sorted.last!
        median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        mean = sorted.reduce(0, +) / Double(sorted.count)
        let m = mean
        standardDeviation = (sorted.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(sorted.count)).squareRoot()
    }
}

/// Statistics of one indicator across units.
public struct IndicatorStatistics: Hashable, Sendable {
    public var code: String
    public var name: String
    public var measure: MeasureUnit
    public var completion: Distribution?
    public var result: Distribution?
    public var best: ReportingUnit?
    public var worst: ReportingUnit?

    public init(code: String, name: String, measure: MeasureUnit, completion: Distribution?, result: Distribution?,
                best: ReportingUnit?, worst: ReportingUnit?) {
        self.code = code
        self.name = name
        self.measure = measure
        self.completion = completion
        self.result = result
        self.best = best
        self.worst = worst
    }
}

/// How one target contributed to a unit's score.
public struct ScoreLine: Hashable, Sendable {
    public var indicator: String
    public var name: String
    public var status: EvaluationStatus
    public var weight: Double
    public var points: Double
    public var maximum: Double
    /// The rule applied, in Vietnamese: "Vượt: 12 điểm × trọng số 1,5".
    public var rule: String

    public init(indicator: String, name: String, status: EvaluationStatus, weight: Double, points: Double, maximum: Double, rule: String) {
        self.indicator = indicator
        self.name = name
        self.status = status
        self.weight = weight
        self.points = points
        self.maximum = maximum
        self.rule = rule
    }
}

/// One unit's summary, score and rank.
public struct UnitSummary: Hashable, Sendable {
    public var unit: ReportingUnit
    public var exceeded = 0
    public var met = 0
    public var notMet = 0
    public var noData = 0
    public var notEvaluable = 0
    public var onTrack = 0
    public var behind = 0
    /// Rows whose figure cannot be right as it stands: counted, never scored.
    public var needsCheck = 0
    public var meanCompletion: Double?
    public var rank: Int?
    /// Which tie-break decided the rank, when one was needed.
    public var tieBreak: String?
    public var lines: [ScoreLine] = []

    public init(unit: ReportingUnit) {
        self.unit = unit
    }

    /// Every row of the unit, whatever its status.
    public var targets: Int { exceeded + met + notMet + noData + notEvaluable + onTrack + behind + needsCheck }
    /// Rows with a computed status other than no data and not evaluable.
    public var evaluated: Int { exceeded + met + notMet + onTrack + behind }
    /// (exceeded + met + on track) ÷ evaluated, in percent.
    public var shareAchieved: Double? { evaluated == 0 ? nil : Double(exceeded + met + onTrack) / Double(evaluated) * 100 }
    public var points: Double { lines.reduce(0) { $0 + $1.points } }
    public var maximum: Double { lines.reduce(0) { $0 + $1.maximum } }
    /// points ÷ maximum × 100; nil when the unit has nothing to score.
    public var score: Double? { maximum > 0 ? points / maximum * 100 : nil }
}
