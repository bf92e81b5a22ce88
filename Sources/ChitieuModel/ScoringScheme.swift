/// How a cluster turns evaluations into points, set in the pipeline YAML (`scoring:`).
///
/// Each target earns points by its status, times its weight (by indicator code, else by
/// sector, else 1). A target that is not met earns `partial` × its completion share of the
/// met points when `partial` is on. No data earns `noDataPoints` (0 by default, and said so in
/// the explanation: it is never silently zero). Targets that cannot be evaluated are left out
/// of both the points and the maximum. The score is points ÷ maximum × 100, so units with more
/// targets are not favoured.
public struct ScoringScheme: Sendable, Hashable {
    public var exceededPoints: Double
    public var metPoints: Double
    public var notMetPoints: Double
    public var noDataPoints: Double
    /// Give a not-met target a share of the met points in proportion to its completion.
    public var partialCredit: Bool
    /// The most a single target can earn before its weight.
    public var capPoints: Double
    public var sectorWeights: [Sector: Double]
    public var indicatorWeights: [String: Double]

    public init(exceededPoints: Double = 12, metPoints: Double = 10, notMetPoints: Double = 0, noDataPoints: Double = 0,
                partialCredit: Bool = true, capPoints: Double = 12, sectorWeights: [Sector: Double] = [:],
                indicatorWeights: [String: Double] = [:]) {
        self.exceededPoints = exceededPoints
        self.metPoints = metPoints
        self.notMetPoints = notMetPoints
        self.noDataPoints = noDataPoints
        self.partialCredit = partialCredit
        self.capPoints = capPoints
        self.sectorWeights = sectorWeights
        self.indicatorWeights = indicatorWeights
    }

    /// The default scheme, documented in the README.
    public static let standard = ScoringScheme()
}
