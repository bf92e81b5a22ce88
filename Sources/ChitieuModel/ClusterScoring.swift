import Foundation

/// An emulation cluster (cụm, khối thi đua): its members and the scoring table they agreed.
public struct Cluster: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Unit codes, as in the pipeline.
    public var members: [String]
    public var table: ScoringTable

    public init(code: String, name: String, members: [String], table: ScoringTable) {
        self.code = code
        self.name = name
        self.members = members
        self.table = table
    }
}

/// A cluster's scoring table (bảng chấm điểm): criteria with their maxima, bonus and penalty.
public struct ScoringTable: Sendable, Hashable {
    public var criteria: [Criterion]
    /// Bonus and penalty added to the score out of 100 (true), or to the points before they are
    /// divided by the maxima (false).
    public var bonusAfterNormalising: Bool

    public init(criteria: [Criterion], bonusAfterNormalising: Bool = true) {
        self.criteria = criteria
        self.bonusAfterNormalising = bonusAfterNormalising
    }
}

/// One criterion of a scoring table.
public struct Criterion: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Scored from the unit's evaluation of `indicator`.
        case target(indicator: String, formula: TargetFormula)
        /// Points the cluster gives ("tổ chức tốt phong trào").
        case judged
        /// Points added, at most `cap` in all.
        case bonus(cap: Double?)
        /// Points taken away (written as positive numbers), at most `cap` in all.
        case penalty(cap: Double?)
    }

    public var code: String
    public var name: String
    public var kind: Kind
    /// The most a unit can earn; none for bonus and penalty.
    public var maxPoints: Double?

    public init(code: String, name: String, kind: Kind, maxPoints: Double?) {
        self.code = code
        self.name = name
        self.kind = kind
        self.maxPoints = maxPoints
    }
}

/// How a target criterion turns an evaluation into points.
public enum TargetFormula: String, Sendable, Hashable, CaseIterable {
    /// Exceeded, met, partial or no data, as the run's scoring scheme scores them, scaled to the
    /// criterion's maximum.
    case standard
    /// Against the cluster's best: r = completion ÷ 100 and L the best r; r < 1 → 0,5 × max × r;
    /// r = 1 → 0,5 × max; r = L > 1 → max; other r > 1 → 0,5 × max + 0,5 × max × (r − 1) ÷ (L − 1).
    case leaderRelative = "leader_relative"
}

/// Who gave a criterion's points: the unit itself, the cluster's review, the board's decision.
/// The latest stage present is the one scored.
public enum PointStage: String, Sendable, Hashable, CaseIterable, Comparable {
    case own = "self"
    case cluster
    case final

    var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: PointStage, b: PointStage) -> Bool { a.order < b.order }

    public var vietnamese: String {
        switch self {
        case .own: "Đơn vị tự chấm"
        case .cluster: "Cụm chấm"
        case .final: "Hội đồng quyết định"
        }
    }
}

/// One row of a points file.
public struct PointEntry: Sendable, Hashable {
    public var unit: String
    public var criterion: String
    public var points: Double
    public var stage: PointStage
    public var note: String?
    public var source: SourceLocation?

    public init(unit: String, criterion: String, points: Double, stage: PointStage, note: String? = nil, source: SourceLocation? = nil) {
        self.unit = unit
        self.criterion = criterion
        self.points = points
        self.stage = stage
        self.note = note
        self.source = source
    }
}

/// A unit's points on one criterion, and how they were found.
public struct CriterionScore: Sendable, Hashable {
    public var criterion: String
    public var points: Double
    /// Nil when the criterion does not apply to the unit (its target is not evaluable, or bonus
    /// and penalty): it is left out of the unit's maximum.
    public var maximum: Double?
    /// The rule and the numbers, as the sheet shows them: "0,5 × 10 + … = 8,00".
    public var rule: String
    /// The stage the points came from, for judged, bonus and penalty points.
    public var stage: PointStage?
    /// Every stage's points, so that a board sees where a unit scored itself higher.
    public var byStage: [PointStage: Double]

    public init(criterion: String, points: Double, maximum: Double?, rule: String, stage: PointStage? = nil, byStage: [PointStage: Double] = [:]) {
        self.criterion = criterion
        self.points = points
        self.maximum = maximum
        self.rule = rule
        self.stage = stage
        self.byStage = byStage
    }
}

/// A unit's score in its cluster.
public struct ClusterScore: Sendable, Hashable {
    public enum Proposal: String, Sendable, Hashable {
        /// "Đề nghị tặng Cờ thi đua".
        case flag
        /// "Đề nghị tặng Bằng khen".
        case merit
    }

    public var unit: String
    public var cluster: String
    public var criteria: [CriterionScore]
    /// Points of the criteria that apply, their maxima, bonus and penalty after caps.
    public var points: Double
    public var maximum: Double
    public var bonus: Double
    public var penalty: Double
    /// Out of 100, bonus and penalty applied; nil when nothing applies to the unit.
    public var score: Double?
    public var rank: Int?
    /// True when another unit of the cluster has the same rank.
    public var sharedRank: Bool
    public var tieBreak: String?
    public var proposal: Proposal?

    public init(unit: String, cluster: String, criteria: [CriterionScore], points: Double, maximum: Double, bonus: Double, penalty: Double,
                score: Double?) {
        self.unit = unit
        self.cluster = cluster
        self.criteria = criteria
        self.points = points
        self.maximum = maximum
        self.bonus = bonus
        self.penalty = penalty
        self.score = score
        self.sharedRank = false
    }
}

/// Who is proposed for what: the first of each cluster for the flag if its score is at least
/// `flagMinScore` and it has no penalty; then a share or a number of the next for merit.
public struct Awards: Sendable, Hashable {
    public var flagsPerCluster: Int
    public var flagMinScore: Double
    public var meritShare: Double?
    public var meritCount: Int?

    public init(flagsPerCluster: Int = 1, flagMinScore: Double = 90, meritShare: Double? = nil, meritCount: Int? = nil) {
        self.flagsPerCluster = flagsPerCluster
        self.flagMinScore = flagMinScore
        self.meritShare = meritShare
        self.meritCount = meritCount
    }
}
