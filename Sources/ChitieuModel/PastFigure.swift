import Foundation

/// A figure remembered from an earlier run or an import: a unit's value of an indicator for a
/// period, as reported or estimated, with where it came from.
public struct PastFigure: Sendable, Hashable {
    /// The official code when the unit has one ("49" for Quảng Nam before 2025), else the
    /// pipeline's code.
    public var unitCode: String
    public var unitName: String
    public var indicator: String
    public var period: ReportingPeriod
    public var value: Double
    public var measure: MeasureUnit
    public var basis: ActualResult.Basis
    public var status: ActualResult.Status
    public var source: String?
    /// When it was recorded ("2026-01-10T08:00:00Z"); a later official figure supersedes an
    /// earlier estimate, both stay stored.
    public var recordedAt: String

    public init(unitCode: String, unitName: String, indicator: String, period: ReportingPeriod, value: Double, measure: MeasureUnit,
                basis: ActualResult.Basis, status: ActualResult.Status, source: String?, recordedAt: String) {
        self.unitCode = unitCode
        self.unitName = unitName
        self.indicator = indicator
        self.period = period
        self.value = value
        self.measure = measure
        self.basis = basis
        self.status = status
        self.source = source
        self.recordedAt = recordedAt
    }
}

extension PastFigure {
    /// Of several figures for one unit, indicator and period, the one comparisons use: an
    /// official figure over an estimate, then the latest recorded.
    public static func preferred(_ figures: [PastFigure]) -> PastFigure? {
        figures.max { a, b in
            let ra = a.status == .reported ? 1 : 0, rb = b.status == .reported ? 1 : 0
            return (ra, a.recordedAt) < (rb, b.recordedAt)
        }
    }
}
