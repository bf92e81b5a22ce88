import ChitieuEvaluate
import ChitieuIngest
import ChitieuModel
import Foundation
import Testing

@Suite("Completion and status (DOMAIN.md rules)")
struct RuleTests {
    func target(_ comparator: TargetComparator, _ value: Double, _ max: Double? = nil, unit: String = "%") -> Target {
        Target(id: "t", name: "Chỉ tiêu", comparator: comparator, value: value, valueMax: max, unit: MeasureUnit(unit), text: "")
    }

    @Test("Boundaries: exactly at a strict bound fails, exactly at an inclusive one holds", arguments: [
        (TargetComparator.gt, 95.0, nil as Double?, 95.0, EvaluationStatus.notMet),
        (.gt, 95, nil, 95.01, .exceeded),
        (.gt, 95, nil, 96, .exceeded),
        (.gte, 95, nil, 96, .exceeded),
        (.gte, 8500, nil, 8500, .met),
        (.gte, 8500, nil, 8499, .notMet),
        (.gte, 8500, nil, 8600, .exceeded),
        (.lt, 3, nil, 3, .notMet),
        (.lt, 3, nil, 2.9, .exceeded),
        (.lte, 4, nil, 4, .met),
        (.lte, 4, nil, 3.5, .exceeded),
        (.lte, 4, nil, 4.1, .notMet),
        (.range, 7.5, 8, 7.5, .met),
        (.range, 7.5, 8, 8, .met),
        (.range, 7.5, 8, 7.49, .notMet),
        (.range, 7.5, 8, 8.1, .exceeded),
        (.eq, 2460, nil, 2460, .met),
        (.eq, 2460, nil, 2461, .exceeded),
        (.eq, 2460, nil, 2000, .notMet),
    ])
    func boundaries(_ comparator: TargetComparator, _ value: Double, _ max: Double?, _ actual: Double, _ expected: EvaluationStatus) {
        #expect(Evaluator.status(target: target(comparator, value, max), direction: .higher, actual: actual) == expected)
    }

    @Test("Completion by direction and comparator")
    func completion() {
        #expect(Evaluator.completion(target: target(.eq, 23600, unit: "tỷ đồng"), direction: .higher, actual: 27594)!.isApprox(116.9237))
        #expect(Evaluator.completion(target: target(.range, 7.5, 8), direction: .higher, actual: 7.1)!.isApprox(94.6667))
        #expect(Evaluator.completion(target: target(.eq, 1.3), direction: .lower, actual: 1.2)!.isApprox(108.3333))
        #expect(Evaluator.completion(target: target(.decreaseBy, 4.4, unit: "điểm %"), direction: .lower, actual: 1.01)!.isApprox(22.9545))
        #expect(Evaluator.completion(target: target(.eq, 0), direction: .higher, actual: 5) == nil)
    }

    @Test("Lower is better: a result under the target exceeds it")
    func lowerIsBetter() {
        #expect(Evaluator.status(target: target(.eq, 1.3), direction: .lower, actual: 1.2) == .exceeded)
        #expect(Evaluator.status(target: target(.eq, 1.3), direction: .lower, actual: 1.4) == .notMet)
    }

    /// Property: completion rises with the result when higher is better and falls when lower is better.
    @Test("Completion is monotonic in the result")
    func monotonic() {
        for comparator in [TargetComparator.eq, .gte, .gt, .range] {
            let t = target(comparator, 50, comparator == .range ? 60 : nil)
            var previousHigher = -Double.infinity
            var previousLower = Double.infinity
            for step in 1...200 {
                let actual = Double(step) * 0.7
                let higher = Evaluator.completion(target: t, direction: .higher, actual: actual)!
                let lower = Evaluator.completion(target: t, direction: .lower, actual: actual)!
                #expect(higher > previousHigher)
                #expect(lower < previousLower)
                previousHigher = higher
                previousLower = lower
            }
        }
    }

    @Test("The sample results: Quảng Nam budget exceeded, GRDP growth below its range, Hà Giang share of plan used as given")
    func sampleRows() throws {
        let unit = ReportingUnit(code: "QN", name: "Quảng Nam")
        let year = try #require(ReportingPeriod("2024"))
        let budget = Target(id: "b", name: "Thu ngân sách", comparator: .eq, value: 23600, unit: MeasureUnit("tỷ đồng"), text: "", catalogueCode: "budget_revenue")
        let growth = Target(id: "g", name: "GRDP", comparator: .range, value: 7.5, valueMax: 8, unit: .percent, text: "", catalogueCode: "grdp_growth")
        let results = [
            ActualResult(unit: "Quảng Nam", indicator: "budget_revenue", period: year, value: 27.594, measure: MeasureUnit("nghìn tỷ đồng"), status: .estimate),
            ActualResult(unit: "Quảng Nam", indicator: "budget_revenue", period: year, value: 116.92, measure: .percent, basis: .pctOfPlan),
            ActualResult(unit: "Quảng Nam", indicator: "grdp_growth", period: year, value: 7.1, measure: .percent),
        ]
        let (rows, issues) = Evaluator().evaluate(unit: unit, targets: [budget, growth], results: results, period: year) {
            IndicatorTraits.of($0, catalogue: .standard)
        }
        #expect(issues.isEmpty)
        #expect(rows[0].status == .exceeded)
        #expect(rows[0].actualInTargetUnit!.isApprox(27594))
        #expect(rows[0].completion!.isApprox(116.92))
        #expect(rows[1].status == .notMet)
        #expect(rows[1].completion!.isApprox(94.67))
    }

    @Test("A unit that does not convert makes the row not evaluable, with a data-quality entry")
    func incompatibleUnit() throws {
        let year = try #require(ReportingPeriod("2024"))
        let t = Target(id: "b", name: "Thu ngân sách", comparator: .eq, value: 23600, unit: MeasureUnit("tỷ đồng"), text: "", catalogueCode: "budget_revenue")
        let r = ActualResult(unit: "QN", indicator: "budget_revenue", period: year, value: 1, measure: MeasureUnit("triệu USD"),
                             location: SourceLocation(file: "a.csv", line: 4))
        let (rows, issues) = Evaluator().evaluate(unit: ReportingUnit(code: "QN", name: "Quảng Nam"), targets: [t], results: [r], period: year) {
            IndicatorTraits.of($0, catalogue: .standard)
        }
        #expect(rows.first?.status == .notEvaluable)
        #expect(issues.first?.location == SourceLocation(file: "a.csv", line: 4))
    }
}

extension Double {
    func isApprox(_ other: Double, tolerance: Double = 0.01) -> Bool { abs(self - other) < tolerance }
}

@Suite("Targets in percentage points")
struct PercentagePointTests {
    @Test("\"giảm 1,5-2 điểm %\" (a range in points) and \"giảm 1,5 điểm %\" are judged on a reported change, not refused")
    func rangeOfPoints() {
        let hg = ReportingUnit(code: "HG", name: "Hà Giang")
        let period = ReportingPeriod(year: 2024, span: .year)
        let evaluator = Evaluator()
        for (comparator, value, max) in [(TargetComparator.range, 1.5, 2.0 as Double?), (.decreaseBy, 1.5, nil)] {
            let target = Target(id: "poverty_rate", name: "Giảm tỷ lệ hộ nghèo", comparator: comparator, value: value, valueMax: max,
                                unit: .percentagePoint, text: "")
            let change = ActualResult(unit: "HG", indicator: "poverty_rate", period: period, value: 1.8, measure: .percent, basis: .change)
            let row = evaluator.evaluate(unit: hg, targets: [target], results: [change], period: period) { _ in
                IndicatorTraits(direction: .higher, kind: .level)
            }.evaluations.first
            #expect(row?.status != .notEvaluable, "\(comparator): \(row?.explanation ?? "")")
            #expect(row?.actualInTargetUnit == 1.8)
            #expect(row?.status == (comparator == .range ? .met : .exceeded))
        }
    }
}
