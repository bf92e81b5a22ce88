import ChitieuModel
import Foundation

/// Scores the members of a cluster by its own scoring table, ranks them within it and names the
/// proposals, every point with its rule and numbers. The input order of evaluations and points
/// changes nothing: members are taken in the cluster's order and sums in a fixed order.
public struct ClusterScorer: Sendable {
    public let scheme: ScoringScheme
    public let awards: Awards
    /// The tie-breaks after the score, in order; the default is the run's own.
    public let tieBreaks: [TieBreak]

    public enum TieBreak: String, Sendable, CaseIterable {
        case achieved, meanCompletion = "mean_completion", fewerNoData = "fewer_no_data"

        var vietnamese: String {
            switch self {
            case .achieved: "số chỉ tiêu đạt và vượt"
            case .meanCompletion: "tỷ lệ hoàn thành bình quân"
            case .fewerNoData: "số chỉ tiêu thiếu số liệu"
            }
        }
    }

    public init(scheme: ScoringScheme = .standard, awards: Awards = Awards(), tieBreaks: [TieBreak] = TieBreak.allCases) {
        self.scheme = scheme
        self.awards = awards
        self.tieBreaks = tieBreaks
    }

    static func f(_ v: Double) -> String { VietnameseNumber.format(v, decimals: 2) }

    /// `evaluations` by unit code; `points` may hold rows of other clusters (they are ignored).
    public func score(_ cluster: Cluster, evaluations: [String: [Evaluation]], points: [PointEntry]) -> [ClusterScore] {
        let members = Set(cluster.members)
        // Each unit's rows per criterion and stage, summed in a fixed order.
        var entered: [String: [String: [PointStage: Double]]] = [:]
        for entry in points.filter({ members.contains($0.unit) }).sorted(by: { ($0.unit, $0.criterion, $0.stage, $0.points) < ($1.unit, $1.criterion, $1.stage, $1.points) }) {
            entered[entry.unit, default: [:]][entry.criterion, default: [:]][entry.stage, default: 0] += entry.points
        }
        func evaluation(_ unit: String, _ indicator: String) -> Evaluation? {
            evaluations[unit]?.first { $0.indicator == indicator }
        }
        // The best completion ratio of each leader-relative criterion among the members.
        var leaders: [String: Double] = [:]
        for criterion in cluster.table.criteria {
            guard case .target(let indicator, .leaderRelative) = criterion.kind else { continue }
            let ratios = cluster.members.compactMap { unit -> Double? in
                guard let e = evaluation(unit, indicator), Self.scored(e.status), let c = e.completion else { return nil }
                return c / 100
            }
            if let best = ratios.max() { leaders[criterion.code] = best }
        }
        var scores = cluster.members.map { unit -> ClusterScore in
            var lines: [CriterionScore] = []
            var bonus = 0.0, penalty = 0.0
            for criterion in cluster.table.criteria {
                let stages = entered[unit]?[criterion.code] ?? [:]
                switch criterion.kind {
                case .target(let indicator, let formula):
                    let max = criterion.maxPoints ?? 0
                    let e = evaluation(unit, indicator)
                    lines.append(formula == .standard ? standard(e, criterion: criterion.code, max: max)
                                 : leaderRelative(e, criterion: criterion.code, max: max, leader: leaders[criterion.code]))
                case .judged:
                    let max = criterion.maxPoints ?? 0
                    if let latest = stages.keys.max() {
                        let p = stages[latest]!
                        lines.append(CriterionScore(criterion: criterion.code, points: p, maximum: max,
                                                    rule: "\(latest.vietnamese): \(Self.f(p)) / \(Self.f(max)) điểm", stage: latest, byStage: stages))
                    } else {
                        lines.append(CriterionScore(criterion: criterion.code, points: 0, maximum: max, rule: "Chưa chấm: 0 / \(Self.f(max)) điểm"))
                    }
                case .bonus(let cap), .penalty(let cap):
                    guard let latest = stages.keys.max() else { continue }
                    let given = stages[latest]!
                    let counted = cap.map { Swift.min(given, $0) } ?? given
                    let capped = counted < given ? " (tối đa \(Self.f(cap!)))" : ""
                    let isBonus = { if case .bonus = criterion.kind { return true } else { return false } }()
                    if isBonus { bonus += counted } else { penalty += counted }
                    lines.append(CriterionScore(criterion: criterion.code, points: isBonus ? counted : -counted, maximum: nil,
                                                rule: "\(latest.vietnamese): \(isBonus ? "cộng" : "trừ") \(Self.f(given))\(capped) = \(isBonus ? "+" : "−")\(Self.f(counted)) điểm",
                                                stage: latest, byStage: stages))
                }
            }
            let applying = lines.filter { $0.maximum != nil }
            let points = applying.reduce(0) { $0 + $1.points }
            let maximum = applying.reduce(0) { $0 + ($1.maximum ?? 0) }
            var score: Double?
            if maximum > 0 {
                score = cluster.table.bonusAfterNormalising ? points / maximum * 100 + bonus - penalty
                                                            : (points + bonus - penalty) / maximum * 100
            }
            return ClusterScore(unit: unit, cluster: cluster.code, criteria: lines, points: points, maximum: maximum, bonus: bonus, penalty: penalty, score: score)
        }
        rank(&scores, evaluations: evaluations)
        propose(&scores)
        return scores
    }

    /// Statuses whose completion is a result to score.
    static func scored(_ status: EvaluationStatus) -> Bool {
        [.exceeded, .met, .notMet, .onTrack, .behind].contains(status)
    }

    func standard(_ e: Evaluation?, criterion: String, max: Double) -> CriterionScore {
        let top = Swift.min(scheme.exceededPoints, scheme.capPoints)
        guard let e else { return CriterionScore(criterion: criterion, points: 0, maximum: max, rule: "Chưa có chỉ tiêu hoặc số liệu: 0 điểm") }
        let base: Double
        switch e.status {
        case .notEvaluable:
            return CriterionScore(criterion: criterion, points: 0, maximum: nil, rule: "Không đánh giá được: không tính vào điểm tối đa")
        case .exceeded: base = top
        case .met, .onTrack: base = Swift.min(scheme.metPoints, scheme.capPoints)
        case .notMet, .behind:
            base = scheme.partialCredit ? Swift.min(scheme.metPoints * Swift.min(Swift.max(e.completion ?? 0, 0), 100) / 100, scheme.capPoints) : scheme.notMetPoints
        case .noData: base = scheme.noDataPoints
        case .needsCheck: base = 0
        }
        let points = top > 0 ? base / top * max : 0
        return CriterionScore(criterion: criterion, points: points, maximum: max,
                              rule: "\(e.status.vietnamese): \(Self.f(base)) ÷ \(Self.f(top)) × \(Self.f(max)) = \(Self.f(points))")
    }

    func leaderRelative(_ e: Evaluation?, criterion: String, max: Double, leader: Double?) -> CriterionScore {
        guard let e else { return CriterionScore(criterion: criterion, points: 0, maximum: max, rule: "Chưa có chỉ tiêu hoặc số liệu: 0 điểm") }
        if e.status == .notEvaluable {
            return CriterionScore(criterion: criterion, points: 0, maximum: nil, rule: "Không đánh giá được: không tính vào điểm tối đa")
        }
        guard Self.scored(e.status), let c = e.completion, let leader else {
            return CriterionScore(criterion: criterion, points: 0, maximum: max, rule: "\(e.status.vietnamese): 0 điểm")
        }
        let r = c / 100
        let f = Self.f
        let points: Double
        let rule: String
        if abs(r - 1) < 1e-9 {
            points = 0.5 * max
            rule = "r = 1: 0,5 × \(f(max)) = \(f(points))"
        } else if r < 1 {
            points = 0.5 * max * r
            rule = "r = \(f(r)) < 1: 0,5 × \(f(max)) × \(f(r)) = \(f(points))"
        } else if r >= leader - 1e-12 {
            points = max
            rule = "Dẫn đầu cụm (r = L = \(f(r))): \(f(max))"
        } else {
            points = 0.5 * max + 0.5 * max * (r - 1) / (leader - 1)
            rule = "0,5 × \(f(max)) + 0,5 × \(f(max)) × (\(f(r)) − 1) ÷ (\(f(leader)) − 1) = \(f(points))"
        }
        return CriterionScore(criterion: criterion, points: points, maximum: max, rule: rule)
    }

    /// Ranks within the cluster: score, then the tie-breaks in order; units equal on all share
    /// the rank. Units with no score are not ranked.
    func rank(_ scores: inout [ClusterScore], evaluations: [String: [Evaluation]]) {
        // The tie-break figures are the run's own (achieved, mean completion, without data), from
        // the run-wide scorer's summary of each unit.
        let scorer = Scorer(scheme: scheme)
        func key(_ s: ClusterScore) -> [Double] {
            let summary = scorer.summary(for: ReportingUnit(code: s.unit, name: s.unit), evaluations: evaluations[s.unit] ?? [])
            return [s.score ?? 0] + tieBreaks.map { t in
                switch t {
                case .achieved: Double(summary.exceeded + summary.met + summary.onTrack)
                case .meanCompletion: summary.meanCompletion ?? 0
                case .fewerNoData: -Double(summary.noData)
                }
            }
        }
        let keys = scores.map(key)
        let order = scores.indices.filter { scores[$0].score != nil }.sorted { a, b in
            keys[a] != keys[b] ? keys[b].lexicographicallyPrecedes(keys[a]) : a < b
        }
        var previous: Int?
        for (position, i) in order.enumerated() {
            if let p = previous, keys[p] == keys[i] {
                scores[i].rank = scores[p].rank
                scores[i].sharedRank = true
                scores[p].sharedRank = true
            } else {
                scores[i].rank = position + 1
                // The first key where this unit differs from the one above decided its place.
                if let p = previous, keys[p][0] == keys[i][0], let k = (1..<keys[i].count).first(where: { keys[p][$0] != keys[i][$0] }) {
                    scores[i].tieBreak = tieBreaks[k - 1].vietnamese
                    scores[p].tieBreak = scores[p].tieBreak ?? tieBreaks[k - 1].vietnamese
                }
            }
            previous = i
        }
    }

    /// The flag for the first of the cluster (alone in its rank, score at least the minimum, no
    /// penalty); merit for the next ones, by share or number.
    func propose(_ scores: inout [ClusterScore]) {
        let ranked = scores.indices.filter { scores[$0].rank != nil }.sorted { (scores[$0].rank!, $0) < (scores[$1].rank!, $1) }
        var flags = 0
        for i in ranked where flags < awards.flagsPerCluster {
            let s = scores[i]
            guard s.rank == 1, !s.sharedRank, (s.score ?? 0) >= awards.flagMinScore, s.penalty == 0 else { break }
            scores[i].proposal = .flag
            flags += 1
        }
        let meritCount = awards.meritCount ?? awards.meritShare.map { Int((Double(scores.count) * $0).rounded(.down)) } ?? 0
        var merits = 0
        for i in ranked where scores[i].proposal == nil && merits < meritCount {
            scores[i].proposal = .merit
            merits += 1
        }
    }
}
