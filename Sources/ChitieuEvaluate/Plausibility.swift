import ChitieuModel
import Foundation

/// Figures that cannot be right as typed (DOMAIN.md: a board must never rank on them): a
/// completion outside the plausible band, a value a thousand or a million times off its target
/// (đồng / nghìn / triệu / tỷ, lượt / nghìn lượt / triệu lượt typed in the wrong column), a rate
/// above 100 %, a growth rate beyond ±100 %, a negative count.
struct Plausibility {
    let rules: EvaluationRules
    let catalogue: Catalogue

    /// Why the figure needs a check, in words for the official, or nil when it is plausible.
    func doubt(actual: ActualResult.Fields, inTargetUnit value: Double?, completion: Double?, target: Target.Fields,
               traits: IndicatorTraits) -> String? {
        // Words are made only for a row that needs a check: 400,000 rows pass.
        func typed() -> String { "\(VietnameseNumber.formatCompact(actual.value)) \(actual.measure.display)".trimmingCharacters(in: .whitespaces) }
        if actual.basis == .value, actual.value < 0, !actual.measure.isPercentLike, traits.kind != .growth {
            return "số lượng âm (\(typed()))"
        }
        if let value, actual.basis == .value {
            if target.unit == .percent, traits.kind == .level, value > 100,
               target.catalogueCode.flatMap({ catalogue[$0] })?.unit == .percent {
                return "tỷ lệ \(VietnameseNumber.percent(value)) vượt 100%"
            }
            if traits.kind == .growth, abs(value) > 100, target.unit.isPercentLike {
                return "tốc độ tăng trưởng \(VietnameseNumber.percent(value)) vượt ±100%"
            }
            if let slip = unitSlip(value: value, target: target) {
                let converted = actual.measure == target.unit ? "" : " = \(VietnameseNumber.formatCompact(value)) \(target.unit.display)"
                return "\(typed())\(converted) \(slip.words) chỉ tiêu \(target.plainText): có thể đúng là "
                    + "\(VietnameseNumber.formatCompact(slip.intended)) \(target.unit.display)?"
            }
        }
        if let completion, !rules.plausibleCompletion.contains(completion) {
            return "tỷ lệ hoàn thành \(VietnameseNumber.percent(completion)) nằm ngoài khoảng hợp lý \(VietnameseNumber.percent(rules.plausibleCompletion.lowerBound)) - "
                + "\(VietnameseNumber.percent(rules.plausibleCompletion.upperBound)) (plausible_completion trong pipeline)"
        }
        return nil
    }

    /// A value about a thousand or a million times its target, or that much smaller: the
    /// factor in words and the value it was probably meant to be.
    func unitSlip(value: Double, target: Target.Fields) -> (words: String, intended: Double)? {
        guard target.value != 0, value != 0, !target.unit.isPercentLike else { return nil }
        // Within a factor of about 300 either way there is no slip to name.
        let ratio = abs(value / target.value)
        guard ratio > 300 || ratio < 1.0 / 300 else { return nil }
        let orders = log10(ratio)
        for (power, words) in [(3.0, "một nghìn"), (6.0, "một triệu")] {
            if abs(orders - power) <= 0.5 { return ("gấp khoảng \(words) lần", value / pow(10, power)) }
            if abs(orders + power) <= 0.5 { return ("chỉ bằng khoảng một phần " + words.replacingOccurrences(of: "một ", with: ""), value * pow(10, power)) }
        }
        return nil
    }
}
