import Foundation

/// The same period of last year for one evaluation: the figure, how it was known, and the change.
public struct LastYear: Sendable, Hashable {
    public enum Status: String, Sendable {
        /// An official figure of the same unit.
        case reported
        /// The unit's own estimate.
        case estimate
        /// Put together from the old units that became this one.
        case restated
        /// No figure can be set against this year's: the reason says why.
        case notComparable = "not_comparable"
    }

    public var value: Double?
    public var measure: MeasureUnit?
    public var status: Status
    /// (v − v₀) ÷ v₀ × 100 for amounts and counts; v − v₀ for rates and shares.
    public var change: Double?
    /// "%" or "điểm %".
    public var changeUnit: String?
    /// How the figure was found, or why there is none, in Vietnamese: "Đà Nẵng 2024 (gộp Đà
    /// Nẵng 48 + Quảng Nam 49): 151.307 + 129.000 tỷ đồng".
    public var explanation: String

    public init(value: Double?, measure: MeasureUnit?, status: Status, change: Double? = nil, changeUnit: String? = nil, explanation: String) {
        self.value = value
        self.measure = measure
        self.status = status
        self.change = change
        self.changeUnit = changeUnit
        self.explanation = explanation
    }

    public static func notComparable(_ why: String) -> LastYear {
        LastYear(value: nil, measure: nil, status: .notComparable, explanation: why)
    }
}
