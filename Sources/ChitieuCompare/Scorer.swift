import ChitieuModel

/// Scores and ranks units by a `ScoringScheme`, explaining every point.
///
/// Ranks go by score, higher first. Ties are broken, in order, by more targets achieved
/// (exceeded, met or on track), then by higher mean completion, then by fewer targets without
/// data; units still equal share the rank. Units with nothing to score get no score and no rank.
public struct Scorer: Sendable {
    public let scheme: ScoringScheme
    public let catalogue: Catalogue

    public init(scheme: ScoringScheme = .standard, catalogue: Catalogue = .standard) {
        self.scheme = scheme
        self.catalogue = catalogue
    }

    public func summaries(units: [ReportingUnit], evaluations: [Evaluation]) -> [UnitSummary] {
        let byUnit = Dictionary(grouping: evaluations.indices, by: { evaluations[$0].unit })
        var rules = RuleWords()
        var summaries = units.map { unit in
            let mine = byUnit[unit] ?? []
            var s = summary(for: unit, evaluations: mine.lazy.map { evaluations[$0] }, rules: &rules)
            // Exactly as long as needed: a national run keeps 370,000 lines.
            s.lines = s.lines.withUnsafeBufferPointer { Array($0) }
            return s
        }
        rank(&summaries)
        return summaries
    }

    func weight(_ target: Target) -> Double {
        let code = target.catalogueCode
        if let code, let w = scheme.indicatorWeights[code] { return w }
        if let code, let sector = catalogue[code]?.sector, let w = scheme.sectorWeights[sector] { return w }
        return 1
    }

    func summary(for unit: ReportingUnit, evaluations: some Sequence<Evaluation>) -> UnitSummary {
        var rules = RuleWords()
        return summary(for: unit, evaluations: evaluations, rules: &rules)
    }

    func summary(for unit: ReportingUnit, evaluations: some Sequence<Evaluation>, rules: inout RuleWords) -> UnitSummary {
        var s = UnitSummary(unit: unit)
        var completions: [Double] = []
        for e in evaluations {
            switch e.status {
            case .exceeded: s.exceeded += 1
            case .met: s.met += 1
            case .notMet: s.notMet += 1
            case .noData: s.noData += 1
            case .notEvaluable: s.notEvaluable += 1
            case .onTrack: s.onTrack += 1
            case .behind: s.behind += 1
            case .needsCheck: s.needsCheck += 1
            }
            // A figure that needs a check enters no mean.
            if e.status != .needsCheck, let c = e.completion { completions.append(c) }
            if var line = scoreLine(e) {
                line.rule = rules.shared(line.rule)
                s.lines.append(line)
            }
        }
        s.meanCompletion = completions.isEmpty ? nil : completions.reduce(0, +) / Double(completions.count)
        return s
    }

    /// The points of one evaluation row, or nil when the row is not scored (not evaluable).
    func scoreLine(_ e: Evaluation) -> ScoreLine? {
        let w = weight(e.target)
        let maximum = min(scheme.exceededPoints, scheme.capPoints) * w
        let f = { (v: Double) in VietnameseNumber.formatCompact(v, maxDecimals: 2) }
        let weightText = w == 1 ? "" : " × trọng số \(f(w))"
        let base: Double
        let rule: String
        switch e.status {
        case .notEvaluable:
            return nil
        case .exceeded:
            base = min(scheme.exceededPoints, scheme.capPoints)
            rule = "Vượt: \(f(base)) điểm\(weightText)"
        case .met, .onTrack:
            base = min(scheme.metPoints, scheme.capPoints)
            rule = "\(e.status.vietnamese): \(f(base)) điểm\(weightText)"
        case .notMet, .behind:
            if scheme.partialCredit, let c = e.completion {
                base = min(scheme.metPoints * min(max(c, 0), 100) / 100, scheme.capPoints)
                rule = "\(e.status.vietnamese), hoàn thành \(f(c))%: \(f(scheme.metPoints)) × \(f(min(max(c, 0), 100)))% = \(f(base)) điểm\(weightText)"
            } else {
                base = scheme.notMetPoints
                rule = "\(e.status.vietnamese): \(f(base)) điểm\(weightText)"
            }
        case .noData:
            base = scheme.noDataPoints
            rule = "Chưa có số liệu: \(f(base)) điểm theo quy tắc no_data_points\(weightText)"
        case .needsCheck:
            base = 0
            rule = "Cần kiểm tra số liệu: 0 điểm cho đến khi đơn vị sửa hoặc xác nhận con số\(weightText)"
        }
        return ScoreLine(indicator: e.indicator, name: e.target.name, status: e.status, weight: w, points: base * w, maximum: maximum, rule: rule)
    }

    func rank(_ summaries: inout [UnitSummary]) {
        let scored = summaries.indices.filter { summaries[$0].score != nil }
        // The keys in order: score, achieved, mean completion, fewer without data.
        func key(_ s: UnitSummary) -> [Double] {
            [s.score ?? 0, Double(s.exceeded + s.met + s.onTrack), s.meanCompletion ?? 0, -Double(s.noData)]
        }
        let names = ["điểm", "số chỉ tiêu đạt và vượt", "tỷ lệ hoàn thành bình quân", "số chỉ tiêu thiếu số liệu"]
        let order = scored.sorted { a, b in
            let (ka, kb) = (key(summaries[a]), key(summaries[b]))
            for i in ka.indices where abs(ka[i] - kb[i]) > 1e-9 { return ka[i] > kb[i] }
            return summaries[a].unit.code < summaries[b].unit.code
        }
        for (position, index) in order.enumerated() {
            if position > 0 {
                let previous = order[position - 1]
                let (kp, kc) = (key(summaries[previous]), key(summaries[index]))
                if let decisive = kp.indices.first(where: { abs(kp[$0] - kc[$0]) > 1e-9 }) {
                    summaries[index].rank = position + 1
                    if decisive > 0 {
                        summaries[index].tieBreak = "bằng điểm với \(summaries[previous].unit.name); xếp sau do \(names[decisive])"
                        if summaries[previous].tieBreak == nil {
                            summaries[previous].tieBreak = "bằng điểm với \(summaries[index].unit.name); xếp trước do \(names[decisive])"
                        }
                    }
                } else {
                    summaries[index].rank = summaries[previous].rank
                    summaries[index].tieBreak = "bằng \(summaries[previous].unit.name) ở mọi tiêu chí; đồng hạng"
                }
            } else {
                summaries[index].rank = 1
            }
        }
    }
}

/// One copy of each rule sentence: most units' lines say the same few things ("Vượt: 12 điểm").
struct RuleWords {
    private var seen: Set<String> = []

    mutating func shared(_ rule: String) -> String {
        if let known = seen.firstIndex(of: rule) { return seen[known] }
        seen.insert(rule)
        return rule
    }
}
