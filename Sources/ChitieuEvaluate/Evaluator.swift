import ChitieuModel
import Foundation

/// Compares each target of a unit with the result reported for it (DOMAIN.md, "Evaluating
/// planned against achieved").
///
/// Completion (tỷ lệ hoàn thành) is actual ÷ target for higher-is-better targets, target ÷
/// actual for lower-is-better ones, against the lower bound of a range (the upper bound when
/// lower is better), achieved change ÷ target for "tăng/giảm X", and the reported share when a
/// unit reports "đạt X% kế hoạch". A strict bound is strict: "trên 95%" is not met by 95.
public struct Evaluator: Sendable {
    public let catalogue: Catalogue
    public let rules: EvaluationRules

    public init(catalogue: Catalogue = .standard, rules: EvaluationRules = EvaluationRules()) {
        self.catalogue = catalogue
        self.rules = rules
    }

    /// The key that joins results to a target: its catalogue code, else its id.
    public static func joinKey(_ target: Target) -> String { target.fields.joinKey }

    /// Evaluates every target of one unit for one period.
    public func evaluate(unit: ReportingUnit, targets: [Target], results: [ActualResult], period: ReportingPeriod,
                         traits: (Target) -> IndicatorTraits) -> (evaluations: [Evaluation], issues: [DataIssue]) {
        var evaluations: [Evaluation] = []
        var issues: [DataIssue] = []
        var byIndicator: [String: [ActualResult]] = [:]
        for r in results {
            let f = r.fields
            if f.period == period { byIndicator[f.indicator, default: []].append(r) }
        }
        for target in targets {
            // The target's fields read once: it may live in a row of a plan table.
            let tf = target.fields
            let key = tf.joinKey
            let candidates = byIndicator[key] ?? []
            let t = traits(target)
            guard let chosen = choose(candidates, comparator: tf.comparator) else {
                evaluations.append(Evaluation(unit: unit, indicator: key, target: target, period: period, actual: nil,
                                              actualInTargetUnit: nil, completion: nil, status: .noData, reason: .noData))
                continue
            }
            let (evaluation, issue) = judge(target: target, fields: tf, traits: t, actual: chosen, unit: unit, key: key, period: period)
            evaluations.append(evaluation)
            if let issue { issues.append(issue) }
        }
        return (evaluations, issues)
    }

    /// Picks the result that can judge the target: a change for "tăng/giảm X", an absolute value
    /// otherwise, and a share of plan when nothing better is there.
    func choose(_ candidates: [ActualResult], comparator: TargetComparator) -> ActualResult? {
        let isChange = comparator == .increaseBy || comparator == .decreaseBy
        let order: [ActualResult.Basis] = isChange ? [.change, .value, .pctOfPlan] : [.value, .pctOfPlan, .change]
        for basis in order {
            if let r = candidates.first(where: { $0.fields.basis == basis }) { return r }
        }
        return nil
    }

    /// Judges one result against one target.
    public func judge(target: Target, traits: IndicatorTraits, actual result: ActualResult, unit: ReportingUnit,
                      key: String, period: ReportingPeriod) -> (Evaluation, DataIssue?) {
        judge(target: target, fields: target.fields, traits: traits, actual: result, unit: unit, key: key, period: period)
    }

    func judge(target: Target, fields tf: Target.Fields, traits: IndicatorTraits, actual result: ActualResult, unit: ReportingUnit,
               key: String, period: ReportingPeriod) -> (Evaluation, DataIssue?) {
        let (evaluation, issue) = assess(target: target, fields: tf, traits: traits, actual: result, unit: unit, key: key, period: period)
        guard issue == nil, evaluation.status != .notEvaluable,
              let doubt = Plausibility(rules: rules, catalogue: catalogue).doubt(actual: result.fields, inTargetUnit: evaluation.actualInTargetUnit,
                                                                                 completion: evaluation.completion, target: tf, traits: traits)
        else { return (evaluation, issue) }
        // Checked before it is scored: a figure that cannot be right earns nothing and ranks nowhere.
        var checked = evaluation
        checked.status = .needsCheck
        let message = "Cần kiểm tra số liệu \(period.vietnamese) của \(unit.name), chỉ tiêu \"\(tf.name)\": \(doubt)\(doubt.hasSuffix("?") ? "" : ".") Sửa cột value hoặc measure rồi chạy lại."
        checked.reason = .text(message)
        return (checked, DataIssue(.error, message, at: result.location))
    }

    /// The status a result earns against its target, before its plausibility is checked.
    func assess(target: Target, fields tf: Target.Fields, traits: IndicatorTraits, actual result: ActualResult, unit: ReportingUnit,
                key: String, period: ReportingPeriod) -> (Evaluation, DataIssue?) {
        // Fields read once: a result may live in a row of its table, read back on each access.
        let actual = result.fields
        func row(_ value: Double?, _ completion: Double?, _ status: EvaluationStatus, _ why: Evaluation.Reason) -> Evaluation {
            Evaluation(unit: unit, indicator: key, target: target, period: period, actual: result,
                       actualInTargetUnit: value, completion: completion, status: status, reason: why)
        }
        let halfYear = period.isFirstHalf

        if actual.basis == .pctOfPlan {
            let share = actual.value
            if halfYear {
                let onTrack = traits.kind == .flow ? share >= rules.expectedHalfYearShare : share >= 100
                let expected = traits.kind == .flow ? rules.expectedHalfYearShare : 100
                return (row(nil, share, onTrack ? .onTrack : .behind, .halfYearShareOfPlan(expected: expected)), nil)
            }
            let status: EvaluationStatus = share > 100 + 1e-9 ? .exceeded : (share >= 100 - 1e-9 ? .met : .notMet)
            return (row(nil, share, status, .shareOfPlan), nil)
        }

        guard let value = convert(actual, to: tf) else {
            let message = "Đơn vị tính của kết quả (\(actual.measure.display)) không quy đổi được sang đơn vị của chỉ tiêu (\(tf.unit.display)) cho \"\(tf.name)\" của \(unit.name); sửa cột measure hoặc nhập kết quả theo đơn vị \(tf.unit.display)."
            return (row(nil, nil, .notEvaluable, .text(message)), DataIssue(.warning, message, at: actual.location))
        }

        let comparator = tf.comparator
        let isChange = comparator == .increaseBy || comparator == .decreaseBy
        if isChange, actual.basis != .change, traits.kind != .flow {
            let message = "Chỉ tiêu \"\(tf.name)\" là mức tăng/giảm; kết quả \(VietnameseNumber.formatCompact(value)) là giá trị tuyệt đối, cần số tăng/giảm (basis = change)."
            return (row(value, nil, .notEvaluable, .text(message)), DataIssue(.warning, message, at: actual.location))
        }
        // A target in percentage points ("giảm 1,5-2 điểm %") is a change whatever its comparator.
        if !isChange, actual.basis == .change, tf.unit != .percentagePoint {
            let message = "Kết quả cho \"\(tf.name)\" là mức thay đổi, còn chỉ tiêu là một mức cần đạt; cần giá trị tuyệt đối (basis = value)."
            return (row(value, nil, .notEvaluable, .text(message)), DataIssue(.warning, message, at: actual.location))
        }

        let completion = Self.completion(target: tf, direction: traits.direction, actual: value)
        if halfYear && traits.kind == .flow {
            // Six months of a flow: progress towards the year's target.
            let base = tf.comparator == .range && traits.direction == .lower ? (tf.valueMax ?? tf.value) : tf.value
            let progress = base == 0 ? nil : value / base * 100
            let onTrack = (progress ?? 0) >= rules.expectedHalfYearShare
            return (row(value, progress, onTrack ? .onTrack : .behind, .halfYearProgress(expected: rules.expectedHalfYearShare)), nil)
        }
        let status = Self.status(target: tf, direction: traits.direction, actual: value)
        if halfYear {
            let good = status == .met || status == .exceeded
            return (row(value, completion, good ? .onTrack : .behind, .halfYearValue), nil)
        }
        return (row(value, completion, status, .comparedWithTarget), nil)
    }

    /// The result in the target's unit; nil when the units do not convert. A change of a rate
    /// reported as "%" is read as percentage points.
    func convert(_ actual: ActualResult.Fields, to target: Target.Fields) -> Double? {
        if target.unit == .percentagePoint, actual.measure.isPercentLike { return actual.value }
        if target.unit == .percent, actual.measure == .percentagePoint, actual.basis == .change { return actual.value }
        return actual.measure.convert(actual.value, to: target.unit)
    }

    /// Completion in percent; nil when it cannot be computed (a zero target or result).
    public static func completion(target: Target, direction: Direction, actual: Double) -> Double? {
        completion(target: target.fields, direction: direction, actual: actual)
    }

    public static func completion(target: Target.Fields, direction: Direction, actual: Double) -> Double? {
        func ratio(_ a: Double, _ b: Double) -> Double? { b == 0 ? nil : a / b * 100 }
        switch target.comparator {
        case .increaseBy, .decreaseBy:
            return ratio(actual, target.value)
        case .range:
            return direction == .higher ? ratio(actual, target.value) : ratio(target.valueMax ?? target.value, actual)
        case .lt, .lte:
            return ratio(target.value, actual)
        case .eq, .gt, .gte:
            return direction == .higher ? ratio(actual, target.value) : ratio(target.value, actual)
        }
    }

    /// The annual status: exceeded (better than the target), met (the comparator holds) or not met.
    public static func status(target: Target, direction: Direction, actual: Double) -> EvaluationStatus {
        status(target: target.fields, direction: direction, actual: actual)
    }

    public static func status(target: Target.Fields, direction: Direction, actual: Double) -> EvaluationStatus {
        let x = target.value
        let tolerance = 1e-9 * max(1, abs(x))
        let equal = abs(actual - x) <= tolerance
        switch target.comparator {
        // Strictly better than a bound is exceeded, strict or not (a board reads "trên 95%"
        // achieved with 96% as it reads "ít nhất 95%"); a strict bound reached exactly is not met.
        case .gt: return actual > x + tolerance ? .exceeded : .notMet
        case .lt: return actual < x - tolerance ? .exceeded : .notMet
        case .gte: return equal ? .met : (actual > x ? .exceeded : .notMet)
        case .lte: return equal ? .met : (actual < x ? .exceeded : .notMet)
        case .increaseBy, .decreaseBy: return equal ? .met : (actual > x ? .exceeded : .notMet)
        case .range:
            let y = target.valueMax ?? x
            let yTolerance = 1e-9 * max(1, abs(y))
            if actual >= x - tolerance && actual <= y + yTolerance { return .met }
            let above = actual > y
            return (above == (direction == .higher)) ? .exceeded : .notMet
        case .eq:
            if equal { return .met }
            return (actual > x) == (direction == .higher) ? .exceeded : .notMet
        }
    }
}
