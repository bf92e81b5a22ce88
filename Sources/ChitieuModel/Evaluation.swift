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
    /// The figure cannot be right as it stands (a unit slip, a rate above 100 %): it earns no
    /// points, takes no rank and enters no statistic until a person checks it.
    case needsCheck = "needs_check"

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
        case .needsCheck: "Cần kiểm tra"
        }
    }
}

/// One row of the evaluation: a unit's target for a period, the result found for it, and the verdict.
public struct Evaluation: Hashable, Sendable, Codable {
    public var unit: ReportingUnit
    /// The join key: the target's catalogue code, or its id when it has none.
    public var indicator: String
    public var target: Target
    public var status: EvaluationStatus
    public var actual: ActualResult?
    public var period: ReportingPeriod
    /// The result converted into the target's unit, when it is an absolute value or a change.
    @MissingNumber public var actualInTargetUnit: Double?
    /// Tỷ lệ hoàn thành kế hoạch, in percent.
    @MissingNumber public var completion: Double?
    /// Why the status is what it is; written out in words when asked for (a national run has
    /// 400,000 rows, most explained by the same few sentences).
    public var reason: Reason

    /// In an annual report, the same target after six months, where the unit reported it.
    public var sixMonths: SixMonths?

    /// A six-month result kept beside the annual row (only what the report shows of it).
    public struct SixMonths: Hashable, Sendable, Codable {
        public var actual: ActualResult
        public var status: EvaluationStatus
        @MissingNumber public var actualInTargetUnit: Double?
        @MissingNumber public var completion: Double?

        /// The six-month part of an evaluation of the first half; nil when nothing was reported.
        public init?(_ e: Evaluation) {
            guard let actual = e.actual else { return nil }
            self.actual = actual
            actualInTargetUnit = e.actualInTargetUnit
            completion = e.completion
            status = e.status
        }
    }

    /// The six-month row as an evaluation of its own, for the columns that show it.
    public var sixMonthsRow: Evaluation? {
        sixMonths.map { h in
            Evaluation(unit: unit, indicator: indicator, target: target, period: ReportingPeriod(year: period.year, span: .firstHalf),
                       actual: h.actual, actualInTargetUnit: h.actualInTargetUnit, completion: h.completion, status: h.status,
                       reason: .comparedWithTarget)
        }
    }

    /// The kinds of explanation; the numbers come from the row itself.
    public enum Reason: Hashable, Sendable, Codable {
        /// "Chưa có số liệu thực hiện năm 2025."
        case noData
        /// "Thực hiện 12.000 so với chỉ tiêu trên 11.500 tỷ đồng."
        case comparedWithTarget
        /// "Đơn vị báo cáo đạt 105,0% kế hoạch."
        case shareOfPlan
        /// Six months of a flow: "6 tháng đạt 48,0% chỉ tiêu năm; mức cần đạt 45,0%."
        case halfYearProgress(expected: Double)
        /// Six months reported as a share of the year's plan.
        case halfYearShareOfPlan(expected: Double)
        /// Six months of a level against the year's target.
        case halfYearValue
        /// Anything else, in words.
        case text(String)
    }

    public init(
        unit: ReportingUnit, indicator: String, target: Target, period: ReportingPeriod,
        actual: ActualResult?, actualInTargetUnit: Double?, completion: Double?,
        status: EvaluationStatus, reason: Reason
    ) {
        self.unit = unit
        self.indicator = indicator
        self.target = target
        self.period = period
        self.actual = actual
        self.actualInTargetUnit = actualInTargetUnit
        self.completion = completion
        self.status = status
        self.reason = reason
    }

    /// Why the status is what it is, in plain Vietnamese.
    public var explanation: String {
        get {
            let estimate = actual?.status == .estimate ? " (số ước)" : ""
            switch reason {
            case .noData:
                return "Chưa có số liệu thực hiện \(period.vietnamese)."
            case .comparedWithTarget:
                return "Thực hiện \(number(actualInTargetUnit)) so với chỉ tiêu \(target.plainText)\(estimate)."
            case .shareOfPlan:
                return "Đơn vị báo cáo đạt \(percent(completion)) kế hoạch\(estimate)."
            case .halfYearProgress(let expected):
                return "6 tháng đạt \(percent(completion)) chỉ tiêu năm; mức cần đạt \(percent(expected))\(estimate)."
            case .halfYearShareOfPlan(let expected):
                return "Đạt \(percent(completion)) kế hoạch năm, so với mức cần đạt \(percent(expected))\(estimate)."
            case .halfYearValue:
                return "Giá trị 6 tháng \(number(actualInTargetUnit)) so với chỉ tiêu năm \(target.plainText)\(estimate)."
            case .text(let words):
                return words
            }
        }
        set { reason = .text(newValue) }
    }

    private func number(_ v: Double?) -> String { v.map { VietnameseNumber.formatCompact($0) } ?? "-" }
    private func percent(_ v: Double?) -> String { v.map(VietnameseNumber.percent) ?? "-" }
}
