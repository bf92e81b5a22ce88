import ChitieuCompare
import ChitieuModel
import Testing

/// Clusters scored by their own tables: the leader-relative formula at its boundaries, judged,
/// bonus and penalty points by stage, normalisation, ranks and proposals.
@Suite("Emulation clusters scored by their own tables")
struct ClusterScoringTests {
    static let year = ReportingPeriod(year: 2025, span: .year)

    static func evaluation(_ unit: String, _ indicator: String, completion: Double?, status: EvaluationStatus) -> Evaluation {
        let target = Target(id: "\(unit)-\(indicator)", name: indicator, comparator: .gte, value: 100, valueMax: nil, unit: MeasureUnit("tỷ đồng"),
                            approx: false, text: "")
        return Evaluation(unit: ReportingUnit(code: unit, name: unit), indicator: indicator, target: target, period: year, actual: nil,
                          actualInTargetUnit: nil, completion: completion, status: status, reason: .comparedWithTarget)
    }

    static func cluster(_ members: [String], _ criteria: [Criterion], bonusAfter: Bool = true) -> Cluster {
        Cluster(code: "CUM1", name: "Cụm 1", members: members, table: ScoringTable(criteria: criteria, bonusAfterNormalising: bonusAfter))
    }

    static let budget = Criterion(code: "TC1", name: "Thu ngân sách", kind: .target(indicator: "budget_revenue", formula: .leaderRelative), maxPoints: 10)

    func points(_ completions: [String: Double?], statuses: [String: EvaluationStatus] = [:]) -> [String: Double] {
        let units = completions.keys.sorted()
        var evaluations: [String: [Evaluation]] = [:]
        for (unit, c) in completions {
            let status = statuses[unit] ?? (c == nil ? .noData : (c! >= 100 ? .exceeded : .notMet))
            evaluations[unit] = [Self.evaluation(unit, "budget_revenue", completion: c, status: status)]
        }
        let scores = ClusterScorer().score(Self.cluster(units, [Self.budget]), evaluations: evaluations, points: [])
        return Dictionary(uniqueKeysWithValues: scores.map { ($0.unit, $0.criteria[0].points) })
    }

    @Test("Leader-relative: below 1, at 1, above 1, the leader; the rule written as the sheet shows it")
    func leaderRelative() throws {
        let p = points(["A": 95, "B": 100, "C": 112, "D": 120])
        #expect(p["A"] == 0.5 * 10 * 0.95)
        #expect(p["B"] == 5)
        #expect(abs(p["C"]! - (5 + 5 * 0.12 / 0.20)) < 1e-12)
        #expect(p["D"] == 10)
        let scores = ClusterScorer().score(Self.cluster(["C", "D"], [Self.budget]),
                                           evaluations: ["C": [Self.evaluation("C", "budget_revenue", completion: 112, status: .exceeded)],
                                                         "D": [Self.evaluation("D", "budget_revenue", completion: 120, status: .exceeded)]], points: [])
        #expect(scores[0].criteria[0].rule == "0,5 × 10,00 + 0,5 × 10,00 × (1,12 − 1) ÷ (1,20 − 1) = 8,00")
        // Just below and just above 1.
        let near = points(["A": 99.999, "B": 100.001, "C": 110])
        #expect(near["A"]! < 5 && near["A"]! > 4.99)
        #expect(near["B"]! > 5 && near["B"]! < 5.001)
    }

    @Test("A single unit, a leader at exactly 1, and units without data")
    func edges() {
        #expect(points(["A": 130]) == ["A": 10])
        #expect(points(["A": 100, "B": 90]) == ["A": 5, "B": 4.5])
        // No data scores 0 and keeps its maximum; when nobody has data nobody leads.
        let none = ClusterScorer().score(Self.cluster(["A", "B"], [Self.budget]),
                                         evaluations: ["A": [Self.evaluation("A", "budget_revenue", completion: nil, status: .noData)]], points: [])
        #expect(none.map(\.criteria[0].points) == [0, 0])
        #expect(none.map(\.maximum) == [10, 10])
        #expect(none.allSatisfy { $0.score == 0 })
    }

    @Test("A criterion that does not apply leaves the unit's maximum; the score is out of what applies")
    func normalisation() throws {
        let growth = Criterion(code: "TC2", name: "Tăng trưởng", kind: .target(indicator: "grdp_growth", formula: .standard), maxPoints: 10)
        let cluster = Self.cluster(["A", "B"], [Self.budget, growth])
        let evaluations = [
            "A": [Self.evaluation("A", "budget_revenue", completion: 120, status: .exceeded), Self.evaluation("A", "grdp_growth", completion: nil, status: .notEvaluable)],
            "B": [Self.evaluation("B", "budget_revenue", completion: 100, status: .met), Self.evaluation("B", "grdp_growth", completion: 105, status: .exceeded)],
        ]
        let scores = ClusterScorer().score(cluster, evaluations: evaluations, points: [])
        let a = try #require(scores.first { $0.unit == "A" }), b = try #require(scores.first { $0.unit == "B" })
        #expect(a.maximum == 10 && a.score == 100)
        #expect(b.maximum == 20 && b.score == (5 + 10) / 20 * 100)
    }

    @Test("Judged points from the latest stage; bonus and penalty capped, after normalising or before")
    func stagesAndCaps() throws {
        let judged = Criterion(code: "TC3", name: "Tổ chức phong trào", kind: .judged, maxPoints: 10)
        let bonus = Criterion(code: "TH", name: "Điểm thưởng", kind: .bonus(cap: 15), maxPoints: nil)
        let penalty = Criterion(code: "TR", name: "Điểm trừ", kind: .penalty(cap: 10), maxPoints: nil)
        let entries = [
            PointEntry(unit: "A", criterion: "TC3", points: 10, stage: .own), PointEntry(unit: "A", criterion: "TC3", points: 8, stage: .cluster),
            PointEntry(unit: "A", criterion: "TH", points: 10, stage: .final), PointEntry(unit: "A", criterion: "TH", points: 15, stage: .final),
            PointEntry(unit: "B", criterion: "TC3", points: 9, stage: .own),
            PointEntry(unit: "B", criterion: "TR", points: 12, stage: .cluster), PointEntry(unit: "B", criterion: "TR", points: 1, stage: .own),
        ]
        for after in [true, false] {
            let scores = ClusterScorer().score(Self.cluster(["A", "B"], [judged, bonus, penalty], bonusAfter: after), evaluations: [:], points: entries)
            let a = try #require(scores.first { $0.unit == "A" }), b = try #require(scores.first { $0.unit == "B" })
            // A: the cluster's 8 over its own 10; bonus 25 capped at 15.
            #expect(a.criteria[0].points == 8 && a.criteria[0].stage == .cluster && a.criteria[0].byStage == [.own: 10, .cluster: 8])
            #expect(a.bonus == 15)
            // B: its own 9 (no review); the cluster's penalty of 12 capped at 10.
            #expect(b.penalty == 10)
            let expectedA: Double = after ? 80.0 + 15.0 : (8.0 + 15.0) / 10.0 * 100.0
            let expectedB: Double = after ? 90.0 - 10.0 : (9.0 - 10.0) / 10.0 * 100.0
            #expect(abs((a.score ?? .nan) - expectedA) < 1e-9, "\(String(describing: a.score))")
            #expect(abs((b.score ?? .nan) - expectedB) < 1e-9, "\(String(describing: b.score))")
        }
    }

    @Test("Ties broken in order; units equal on every key share the rank; the flag needs rank 1 alone, 90 points and no penalty")
    func ranksAndProposals() throws {
        let judged = Criterion(code: "TC3", name: "Tổ chức phong trào", kind: .judged, maxPoints: 10)
        let entries = ["A": 9.5, "B": 8.0, "C": 8.0, "D": 7.0].map { PointEntry(unit: $0.key, criterion: "TC3", points: $0.value, stage: .final) }
        let evaluations = ["B": [Self.evaluation("B", "x", completion: 100, status: .met)]]
        let scorer = ClusterScorer(awards: Awards(flagsPerCluster: 1, flagMinScore: 90, meritShare: 0.5))
        let scores = scorer.score(Self.cluster(["A", "B", "C", "D"], [judged]), evaluations: evaluations, points: entries)
        let byUnit = Dictionary(uniqueKeysWithValues: scores.map { ($0.unit, $0) })
        #expect(byUnit["A"]?.rank == 1 && byUnit["A"]?.proposal == .flag)
        // B and C have 80 each; B achieved one target, so it goes first.
        #expect(byUnit["B"]?.rank == 2 && byUnit["C"]?.rank == 3 && byUnit["B"]?.tieBreak == "số chỉ tiêu đạt và vượt")
        #expect(byUnit["B"]?.proposal == .merit && byUnit["C"]?.proposal == .merit && byUnit["D"]?.proposal == nil)
        // Equal on every key: shared rank, and no flag for a shared first place.
        let tie = ClusterScorer().score(Self.cluster(["A", "B"], [judged]), evaluations: [:],
                                        points: ["A", "B"].map { PointEntry(unit: $0, criterion: "TC3", points: 9.5, stage: .final) })
        #expect(tie.map(\.rank) == [1, 1] && tie.allSatisfy(\.sharedRank) && tie.allSatisfy { $0.proposal == nil })
    }

    @Test("Shuffling the input order changes no score, rank or proposal", arguments: 0..<20)
    func shuffled(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 1))
        let judged = Criterion(code: "TC3", name: "Tổ chức phong trào", kind: .judged, maxPoints: 10)
        let bonus = Criterion(code: "TH", name: "Điểm thưởng", kind: .bonus(cap: 15), maxPoints: nil)
        let units = ["A", "B", "C", "D", "E"]
        var entries: [PointEntry] = []
        var evaluations: [String: [Evaluation]] = [:]
        for (i, u) in units.enumerated() {
            entries.append(PointEntry(unit: u, criterion: "TC3", points: Double(5 + i % 3), stage: .cluster))
            entries.append(PointEntry(unit: u, criterion: "TH", points: 0.1 * Double(i), stage: .final))
            entries.append(PointEntry(unit: u, criterion: "TH", points: 0.7, stage: .final))
            evaluations[u] = [Self.evaluation(u, "budget_revenue", completion: 90 + Double(i * 7 % 30), status: .exceeded)]
        }
        let cluster = Self.cluster(units, [Self.budget, judged, bonus])
        let reference = ClusterScorer().score(cluster, evaluations: evaluations, points: entries)
        let again = ClusterScorer().score(cluster, evaluations: evaluations, points: entries.shuffled(using: &generator))
        #expect(reference == again)
    }
}

/// A small deterministic generator for shuffles.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
