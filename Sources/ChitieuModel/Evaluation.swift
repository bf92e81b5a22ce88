/// The computed judgement of one result against its target.
public enum EvaluationStatus: String, Sendable, Codable, CaseIterable {
    /// Better than the target (above the upper bound of a range).
    case exceeded
    /// The comparator holds, or the value is inside the range.
    case met
    case notMet = "not_met"
    case noData = "no_data"
    /// No comparable unit, or nothing to compute with.
    case notEvaluable = "not_evaluable"
    /// Six months against the year: at or above the expected share.
    case onTrack = "on_track"
    case behind

    /// The word an official writes in the table.
    public var vietnamese: String {
        switch self {
        case .exceeded: "Vượt"
        case .met: "Đạt"
        case .notMet: "Không đạt"
        case .noData: "Chưa có số liệu"
        case .notEvaluable: "Không đánh giá được"
        case .onTrack: "Đúng tiến độ"
        case .behind: "Chậm tiến độ"
        }
    }
}

/// One row of the evaluation: a unit's target for a period, the result found for it, and the verdict.
public struct Evaluation: Hashable, Sendable, Codable {
    public var unit: ReportingUnit
    /// The join key: the target's catalogue code, or its id when it has none.
    public var indicator: String
    public var target: Target
    public var period: ReportingPeriod
    public var actual: ActualResult?
    /// The result converted into the target's unit, when it is an absolute value or a change.
    public var actualInTargetUnit: Double?
    /// Tỷ lệ hoàn thành kế hoạch, in percent.
    public var completion: Double?
    public var status: EvaluationStatus
    /// Why the status is what it is, in plain Vietnamese.
    public var explanation: String

    public init(
        unit: ReportingUnit, indicator: String, target: Target, period: ReportingPeriod,
        actual: ActualResult?, actualInTargetUnit: Double?, completion: Double?,
        status: EvaluationStatus, explanation: String
    ) {
        self.unit = unit
        self.indicator = indicator
        self.target = target
        self.period = period
        self.actual = actual
        self.actualInTargetUnit = actualInTargetUnit
        self.completion = completion
        self.status = status
        self.explanation = explanation
    }
}
