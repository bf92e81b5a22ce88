import ChitieuModel

/// Puts units side by side for every indicator they share (DOMAIN.md: same catalogue code and
/// units that convert), and computes statistics across them.
public struct ComparisonBuilder: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue = .standard) {
        self.catalogue = catalogue
    }

    /// Rows for indicators that at least two units have a target or a result for.
    /// `results[i]` are the usable results of `units[i]`. Each evaluation and result is visited
    /// once: they are grouped by catalogue code and unit before the rows are built.
    public func rows(units: [ReportingUnit], evaluations: [Evaluation], results: [[ActualResult]], period: ReportingPeriod) -> [ComparisonRow] {
        let position = Dictionary(units.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // code → unit position → the evaluation that stands for it (a main target before a sub-target).
        // Positions in `evaluations`, not copies: a national run has 400,000 of them.
        var chosen: [String: [Int: Int]] = [:]
        var lastUnit: (ReportingUnit, Int)? = nil
        for (i, e) in evaluations.enumerated() {
            let target = e.target.fields
            guard let code = target.catalogueCode else { continue }
            // Evaluations come unit by unit: look the unit up once per run of rows.
            let u: Int
            if let last = lastUnit, last.0 == e.unit { u = last.1 } else {
                guard let found = position[e.unit] else { continue }
                u = found
                lastUnit = (e.unit, found)
            }
            if let existing = chosen[code]?[u], evaluations[existing].target.parent == nil || target.parent != nil { continue }
            chosen[code, default: [:]][u] = i
        }
        // code → unit position → the unit's first value and first share of plan for it, in input order.
        struct Reported { var value: ActualResult?; var share: Double? }
        var reported: [String: [Int: Reported]] = [:]
        for (u, list) in results.enumerated() {
            for result in list {
                let r = result.fields
                guard r.period == period, r.basis != .change, catalogue[r.indicator] != nil else { continue }
                var known = reported[r.indicator, default: [:]][u] ?? Reported()
                if r.basis == .value, known.value == nil { known.value = result }
                if r.basis == .pctOfPlan, known.share == nil { known.share = r.value }
                reported[r.indicator, default: [:]][u] = known
            }
        }
        var rows: [ComparisonRow] = []
        for code in Set(chosen.keys).union(reported.keys).sorted() {
            guard let entry = catalogue[code] else { continue }
            let evaluationsByUnit = chosen[code] ?? [:]
            let resultsByUnit = reported[code] ?? [:]
            let present = Set(evaluationsByUnit.keys).union(resultsByUnit.keys).sorted()
            var cells: [ComparisonCell] = []
            cells.reserveCapacity(present.count)
            for u in present {
                let evaluation = evaluationsByUnit[u].map { evaluations[$0] }
                let own = resultsByUnit[u]
                let value = own?.value?.fields
                let result = value.flatMap { $0.measure.convert($0.value, to: entry.unit) }
                let target = evaluation.flatMap { e in
                    let t = e.target.fields
                    return t.unit.convert(t.value, to: entry.unit)
                }
                cells.append(ComparisonCell(unit: units[u], target: target, result: result,
                                            estimate: value?.status == .estimate, completion: evaluation?.completion
                                                ?? own?.share,
                                            status: evaluation?.status))
            }
            guard cells.count >= 2 else { continue }
            rank(&cells, direction: entry.direction)
            rows.append(ComparisonRow(code: code, name: entry.name, sector: entry.sector, direction: entry.direction, measure: entry.unit, cells: cells))
        }
        return rows.sorted { ($0.sector.order, $0.name) < ($1.sector.order, $1.name) }
    }

    /// Ranks by completion (higher first) and by result in the indicator's direction; equal
    /// values share a rank.
    func rank(_ cells: inout [ComparisonCell], direction: Direction) {
        func ranks(_ values: [(Int, Double)], higherFirst: Bool) -> [Int: Int] {
            let sorted = values.sorted { higherFirst ? $0.1 > $1.1 : $0.1 < $1.1 }
            var result: [Int: Int] = [:]
            // Sorted, so a tie is always with the run just before: compare with the run's first value.
            var runStart = 0
            for (position, item) in sorted.enumerated() {
                if position > 0, abs(sorted[runStart].1 - item.1) < 1e-9 {
                    result[item.0] = runStart + 1
                } else {
                    runStart = position
                    result[item.0] = position + 1
                }
            }
            return result
        }
        // A figure that needs a check takes no rank.
        let plausible = cells.indices.filter { cells[$0].status != .needsCheck }
        let byCompletion = ranks(plausible.compactMap { i in cells[i].completion.map { (i, $0) } }, higherFirst: true)
        let byResult = ranks(plausible.compactMap { i in cells[i].result.map { (i, $0) } }, higherFirst: direction == .higher)
        for i in cells.indices {
            cells[i].rankByCompletion = byCompletion[i]
            cells[i].rankByResult = byResult[i]
        }
    }

    /// Statistics per indicator: completion and result distributions, best and worst unit.
    public func statistics(_ rows: [ComparisonRow]) -> [IndicatorStatistics] {
        rows.map { row in
            // Figures that need a check enter no statistic.
            let plausible = row.cells.filter { $0.status != .needsCheck }
            let completions = plausible.compactMap(\.completion)
            let results = plausible.compactMap(\.result)
            // Best and worst by completion when there is one, else by result in the indicator's direction.
            let ranked = row.cells.filter { $0.rankByCompletion != nil }.sorted { $0.rankByCompletion! < $1.rankByCompletion! }
            let byResult = row.cells.filter { $0.rankByResult != nil }.sorted { $0.rankByResult! < $1.rankByResult! }
            let order = ranked.count >= 2 ? ranked : byResult
            return IndicatorStatistics(code: row.code, name: row.name, measure: row.measure, completion: Distribution(completions),
                                       result: Distribution(results), best: order.first?.unit, worst: order.count >= 2 ? order.last?.unit : nil)
        }
    }
}

extension Sector {
    /// The order of sectors in reports: economy first, party and government last.
    public var order: Int { Sector.allCases.firstIndex(of: self) ?? 0 }
}
