import ChitieuModel

/// Puts units side by side for every indicator they share (DOMAIN.md: same catalogue code and
/// units that convert), and computes statistics across them.
public struct ComparisonBuilder: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue = .standard) {
        self.catalogue = catalogue
    }

    /// Rows for indicators that at least two units have a target or a result for.
    public func rows(units: [ReportingUnit], evaluations: [Evaluation], results: [ActualResult], period: ReportingPeriod) -> [ComparisonRow] {
        var codes = Set(evaluations.compactMap { $0.target.catalogueCode })
        codes.formUnion(results.filter { $0.period == period }.map(\.indicator).filter { catalogue[$0] != nil })
        var rows: [ComparisonRow] = []
        for code in codes.sorted() {
            guard let entry = catalogue[code] else { continue }
            var cells: [ComparisonCell] = []
            for unit in units {
                let evaluation = evaluations.first { $0.unit == unit && $0.target.catalogueCode == code && $0.target.parent == nil }
                    ?? evaluations.first { $0.unit == unit && $0.target.catalogueCode == code }
                let own = results.filter { unit.isNamed($0.unit) && $0.indicator == code && $0.period == period }
                let value = own.first { $0.basis == .value }
                let result = value.flatMap { $0.measure.convert($0.value, to: entry.unit) }
                let target = evaluation.flatMap { e in e.target.unit.convert(e.target.value, to: entry.unit) }
                guard evaluation != nil || result != nil || !own.isEmpty else { continue }
                cells.append(ComparisonCell(unit: unit, target: target, result: result,
                                            estimate: value?.status == .estimate, completion: evaluation?.completion
                                                ?? own.first { $0.basis == .pctOfPlan }?.value,
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
            for (position, item) in sorted.enumerated() {
                let tiedWith = sorted[..<position].first { abs($0.1 - item.1) < 1e-9 }
                result[item.0] = tiedWith.flatMap { result[$0.0] } ?? position + 1
            }
            return result
        }
        let byCompletion = ranks(cells.enumerated().compactMap { i, c in c.completion.map { (i, $0) } }, higherFirst: true)
        let byResult = ranks(cells.enumerated().compactMap { i, c in c.result.map { (i, $0) } }, higherFirst: direction == .higher)
        for i in cells.indices {
            cells[i].rankByCompletion = byCompletion[i]
            cells[i].rankByResult = byResult[i]
        }
    }

    /// Statistics per indicator: completion and result distributions, best and worst unit.
    public func statistics(_ rows: [ComparisonRow]) -> [IndicatorStatistics] {
        rows.map { row in
            let completions = row.cells.compactMap(\.completion)
            let results = row.cells.compactMap(\.result)
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
