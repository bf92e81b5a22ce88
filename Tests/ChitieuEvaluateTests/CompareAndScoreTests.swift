import ChitieuCompare
import ChitieuEvaluate
import ChitieuIngest
import ChitieuModel
import Foundation
import TestSupport
import Testing

private let year = ReportingPeriod(year: 2024, span: .year)
private let half = ReportingPeriod(year: 2024, span: .firstHalf)
private let hg = ReportingUnit(code: "HG", name: "Hà Giang")
private let qn = ReportingUnit(code: "QN", name: "Quảng Nam")
private let ls = ReportingUnit(code: "LS", name: "Lạng Sơn")

private func target(_ code: String, _ comparator: TargetComparator, _ value: Double, _ unit: String, max: Double? = nil) -> Target {
    Target(id: code, name: Catalogue.standard[code]?.name ?? code, comparator: comparator, value: value, valueMax: max,
           unit: MeasureUnit(unit), text: "", catalogueCode: code, catalogueConfidence: 1)
}

private func result(_ unit: String, _ code: String, _ value: Double, _ measure: String, period: ReportingPeriod = year,
                    basis: ActualResult.Basis = .value, status: ActualResult.Status = .reported, line: Int = 2) -> ActualResult {
    ActualResult(unit: unit, indicator: code, period: period, value: value, measure: MeasureUnit(measure), basis: basis, status: status,
                 location: SourceLocation(file: "ket-qua.csv", line: line))
}

private func evaluate(_ unit: ReportingUnit, _ targets: [Target], _ results: [ActualResult], period: ReportingPeriod = year,
                      share: Double = 50) -> [Evaluation] {
    Evaluator(rules: EvaluationRules(expectedHalfYearShare: share)).evaluate(unit: unit, targets: targets, results: results, period: period) {
        IndicatorTraits.of($0, catalogue: .standard)
    }.evaluations
}

@Suite("Six months against the year")
struct SixMonthTests {
    @Test("A flow is on track at exactly the expected share and behind just below it")
    func flowBoundary() {
        let t = target("budget_revenue", .eq, 20000, "tỷ đồng")
        #expect(evaluate(qn, [t], [result("QN", "budget_revenue", 10000, "tỷ đồng", period: half)], period: half).first?.status == .onTrack)
        #expect(evaluate(qn, [t], [result("QN", "budget_revenue", 9999, "tỷ đồng", period: half)], period: half).first?.status == .behind)
        #expect(evaluate(qn, [t], [result("QN", "budget_revenue", 9999, "tỷ đồng", period: half)], period: half, share: 45).first?.status == .onTrack)
    }

    @Test("Quảng Nam's six-month budget: 12.221 of 23.600 tỷ đồng is 51,8 % and on track")
    func quangNam() throws {
        let row = try #require(evaluate(qn, [target("budget_revenue", .eq, 23600, "tỷ đồng")],
                                        [result("QN", "budget_revenue", 12221, "tỷ đồng", period: half, status: .estimate)], period: half).first)
        #expect(row.status == .onTrack)
        #expect(abs(row.completion! - 51.78) < 0.01)
        #expect(row.explanation.contains("số ước"))
    }

    @Test("Levels and growth rates are judged by the value itself")
    func levels() {
        let growth = target("grdp_growth", .range, 7.5, "%", max: 8)
        #expect(evaluate(qn, [growth], [result("QN", "grdp_growth", 2.7, "%", period: half)], period: half).first?.status == .behind)
        #expect(evaluate(qn, [growth], [result("QN", "grdp_growth", 7.6, "%", period: half)], period: half).first?.status == .onTrack)
    }
}

@Suite("Plans, result checks, comparison and scoring")
struct CompareAndScoreTests {
    @Test("A person's plan row wins over extraction and both stay in the provenance; a new row adds a target")
    func planMerge() {
        var extracted = target("budget_revenue", .eq, 2460, "tỷ đồng")
        extracted.text = "Thu ngân sách nhà nước trên địa bàn đạt 2.460 tỷ đồng"
        extracted.location = SourceLocation(file: "003.txt", line: 9, column: 300)
        let plans = [
            PlanEntry(unit: "HG", indicator: "budget_revenue", name: nil, measure: MeasureUnit("tỷ đồng"), comparator: .gte, target: 2500,
                      targetMax: nil, period: year, location: SourceLocation(file: "ke-hoach.csv", line: 2)),
            PlanEntry(unit: "HG", indicator: "forest_cover", name: "Tỷ lệ che phủ rừng", measure: .percent, comparator: .eq, target: 59.5,
                      targetMax: nil, period: year, direction: .higher, location: SourceLocation(file: "ke-hoach.csv", line: 3)),
        ]
        let merged = PlanMerger.merge(extracted: [extracted], plans: plans, catalogue: .standard)
        #expect(merged.count == 2)
        #expect(merged[0].value == 2500)
        #expect(merged[0].comparator == .gte)
        #expect(merged[0].provenance.count == 2)
        #expect(merged[0].provenance[0].contains("2.460 tỷ đồng"))
        #expect(merged[0].provenance[1].contains("ke-hoach.csv dòng 2"))
        #expect(merged[1].catalogueCode == "forest_cover")
        #expect(merged[1].provenance.first?.hasPrefix("Thêm theo ke-hoach.csv dòng 3") == true)
    }

    @Test("Plan files: both CSV dialects, a bad comparator and a range without its upper bound reported by row")
    func planReader() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "unit;indicator;name;measure;comparator;target;target_max;period\nHG;budget_revenue;Thu ngân sách;tỷ đồng;gte;2.500;;2024\nHG;x;X;%;bằng;5;;2024\nHG;grdp_growth;GRDP;%;range;7,5;;2024\n"
            .write(to: url, atomically: true, encoding: .utf8)
        let (entries, issues) = PlanReader.entries(from: try TableReader.read(path: url.path))
        #expect(entries.map(\.target) == [2500])
        #expect(issues.map(\.location?.line) == [3, 4])
        #expect(issues[0].message.contains("bằng"))
        #expect(issues[1].message.contains("target_max"))
    }

    @Test("A plan row read from a table and the same row built by hand give the same entry and the same new target")
    func planRowsMatchBoxedValues() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        // Catalogue codes and free keys, names given and not, ranges, directions and kinds, sources.
        try """
        unit,indicator,name,measure,comparator,target,target_max,period,direction,kind,catalogue,source
        HG,budget_revenue,,tỷ đồng,gte,2500,,2024,,,,
        HG,forest_cover,Tỷ lệ che phủ rừng,%,range,59,60,2024,higher,level,,Nghị quyết 12
        HG,own_key,Chỉ tiêu riêng,hộ,decrease_by,120,,2024-H1,lower,flow,,
        HG,own_key_2,,km,lte,5,,,,,grdp,
        HG,own_key_3,Tên,km,eq,5,,2024,,,not_a_code,
        """.write(to: url, atomically: true, encoding: .utf8)
        let (entries, issues) = PlanReader.entries(from: try TableReader.read(path: url.path))
        #expect(issues.isEmpty)
        #expect(entries.count == 5)
        for entry in entries {
            let boxed = PlanEntry(storage: FieldStorage(box: SharedBox(entry.fields)))
            #expect(boxed == entry)
            let fromRow = entry.newTarget(catalogue: .standard)
            let fromFields = Target(fields: Target.Fields(plan: entry.fields, catalogue: .standard))
            #expect(fromRow.fields == fromFields.fields, "\(entry.indicator)")
            #expect(fromRow.provenance == fromFields.provenance)
        }
        // A changed copy of a row gets its own box; the row is not touched.
        var changed = entries[0].newTarget(catalogue: .standard)
        changed.value = 1
        #expect(changed.value == 1)
        #expect(entries[0].newTarget(catalogue: .standard).value == 2500)
    }

    @Test("Unknown units, duplicates, rates above 100 %, negative counts and unknown indicators are set aside with their row")
    func resultChecks() {
        let results = [
            result("Hà Giang", "budget_revenue", 2500, "tỷ đồng", line: 2),
            result("Hà Nội", "budget_revenue", 1, "tỷ đồng", line: 3),
            result("HG", "budget_revenue", 2600, "tỷ đồng", line: 4),
            result("HG", "forest_cover", 105, "%", line: 5),
            result("HG", "new_enterprises", -3, "doanh nghiệp", line: 6),
            result("HG", "chi_tieu_la", 1, "%", line: 7),
            result("HG", "tourists", 3.2, "triệu lượt", line: 8),
        ]
        let targets = [[target("budget_revenue", .eq, 2460, "tỷ đồng")]]
        let (usable, issues) = ResultChecks.check(results, directory: UnitDirectory([hg]), targets: targets, period: year, catalogue: .standard)
        #expect(usable.flatMap { $0 }.map { $0.location!.line } == [2, 8])
        let byLine = Dictionary(grouping: issues, by: { $0.location!.line })
        #expect(byLine[3]?.first?.message.contains("Hà Nội") == true)
        #expect(byLine[4]?.first?.message.contains("trùng") == true)
        #expect(byLine[5]?.first?.message.contains("vượt 100%") == true)
        #expect(byLine[6]?.first?.message.contains("âm") == true)
        #expect(byLine[7]?.first?.message.contains("chi_tieu_la") == true)
        #expect(byLine[8]?.first?.severity == .note, "a result with no target is kept for comparison, with a note")
        #expect([3, 4, 5, 6, 7].allSatisfy { byLine[$0]?.first?.severity == .warning })
    }

    @Test("Comparison converts units, ranks with shared places, and leaves out what only one unit has")
    func comparison() throws {
        let evaluations = evaluate(qn, [target("budget_revenue", .eq, 23600, "tỷ đồng")], [result("QN", "budget_revenue", 27.594, "nghìn tỷ đồng")])
            + evaluate(hg, [target("budget_revenue", .eq, 2460, "tỷ đồng")], [result("HG", "budget_revenue", 119.9, "%", basis: .pctOfPlan)])
        let results = [result("QN", "budget_revenue", 27.594, "nghìn tỷ đồng"), result("HG", "budget_revenue", 119.9, "%", basis: .pctOfPlan),
                       result("LS", "budget_revenue", 9805, "tỷ đồng"), result("LS", "new_enterprises", 1200, "doanh nghiệp")]
        let rows = ComparisonBuilder().rows(units: [hg, qn, ls], evaluations: evaluations, results: byUnit(results, [hg, qn, ls]), period: year)
        #expect(rows.map(\.code) == ["budget_revenue"])
        let cells = try #require(rows.first?.cells)
        #expect(cells.map(\.unit.code) == ["HG", "QN", "LS"])
        #expect(abs(cells[1].result! - 27594) < 1e-6)
        #expect(cells.map(\.rankByCompletion) == [1, 2, nil])
        #expect(cells.map(\.rankByResult) == [nil, 1, 2])
        let stats = try #require(ComparisonBuilder().statistics(rows).first)
        #expect(stats.completion?.count == 2)
        #expect(abs(stats.completion!.mean - (119.9 + 116.92) / 2) < 0.01)
        #expect(stats.best == hg)
        #expect(stats.worst == qn)
    }

    @Test("Distribution: median of an even count, population standard deviation")
    func distribution() throws {
        let d = try #require(Distribution([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(d.median == 4.5)
        #expect(d.mean == 5)
        #expect(d.standardDeviation == 2)
        #expect(Distribution([]) == nil)
    }

    @Test("Scoring: points by status and weight, partial credit, no data said, not evaluable left out")
    func scoring() throws {
        let scheme = ScoringScheme(sectorWeights: [.economy: 1.5], indicatorWeights: ["budget_revenue": 2])
        let rows = evaluate(qn, [target("budget_revenue", .eq, 23600, "tỷ đồng"), target("grdp_growth", .range, 7.5, "%", max: 8),
                                 target("forest_cover", .eq, 60, "%"), target("tourists", .eq, 8, "triệu lượt")],
                            [result("QN", "budget_revenue", 27594, "tỷ đồng"), result("QN", "grdp_growth", 7.1, "%"),
                             result("QN", "tourists", 8, "triệu USD")])
        let s = try #require(Scorer(scheme: scheme).summaries(units: [qn], evaluations: rows).first)
        let lines = Dictionary(uniqueKeysWithValues: s.lines.map { ($0.indicator, $0) })
        #expect(lines["budget_revenue"]?.points == 24)                 // exceeded 12 × weight 2
        #expect(abs(lines["grdp_growth"]!.points - 10 * 0.946667 * 1.5) < 0.01) // partial 94,67 % of 10 × 1,5
        #expect(lines["forest_cover"]?.points == 0)
        #expect(lines["forest_cover"]?.rule.contains("Chưa có số liệu") == true)
        #expect(lines["tourists"] == nil, "a result in an incompatible unit is not evaluable and not scored")
        #expect(abs(s.maximum - (24 + 18 + 12)) < 1e-9)
        #expect(abs(s.score! - s.points / s.maximum * 100) < 1e-9)
    }

    @Test("Ranks: higher score first; equal scores split by targets achieved, then shared when all keys tie")
    func ranking() {
        let a = ReportingUnit(code: "A", name: "Đơn vị A")
        let b = ReportingUnit(code: "B", name: "Đơn vị B")
        let c = ReportingUnit(code: "C", name: "Đơn vị C")
        let d = ReportingUnit(code: "D", name: "Đơn vị D")
        let t = target("forest_cover", .eq, 50, "%")
        func rows(_ unit: ReportingUnit, _ values: [Double?]) -> [Evaluation] {
            values.enumerated().flatMap { i, v in
                var tt = t
                tt.id = "t\(i)"
                tt.catalogueCode = "forest_cover_\(i)"
                let r = v.map { [ActualResult(unit: unit.code, indicator: tt.catalogueCode!, period: year, value: $0, measure: .percent)] } ?? []
                return evaluate(unit, [tt], r)
            }
        }
        // A: one met (10) and one at 0 % (0) = 10 points. B, C, D: two at 50 % (5 + 5) = 10 points.
        // Equal scores; A achieved one target, so it goes first; B, C and D tie on every key.
        let evaluations = rows(a, [50, 0]) + rows(b, [25, 25]) + rows(c, [25, 25]) + rows(d, [25, 25])
        let summaries = Scorer().summaries(units: [d, c, b, a], evaluations: evaluations)
        let rank = Dictionary(uniqueKeysWithValues: summaries.map { ($0.unit.code, $0.rank) })
        #expect(Set(summaries.compactMap(\.score)) == [10.0 / 24 * 100])
        #expect(rank["A"] == 1)
        #expect(rank["B"] == 2 && rank["C"] == 2 && rank["D"] == 2)
        #expect(summaries.first { $0.unit == a }?.tieBreak?.contains("số chỉ tiêu đạt và vượt") == true)
        #expect(summaries.first { $0.unit == d }?.tieBreak?.contains("đồng hạng") == true)
    }

    /// Property: the order in which units are listed never changes any unit's figures.
    @Test("Shuffling the units changes no unit's evaluation, summary or comparison cell")
    func orderIndependence() {
        var rng = SeededGenerator(seed: 42)
        let units = (0..<6).map { ReportingUnit(code: "U\($0)", name: "Đơn vị \($0)") }
        let codes = ["budget_revenue", "grdp_growth", "forest_cover", "tourists"]
        var evaluations: [Evaluation] = []
        var results: [ActualResult] = []
        for u in units {
            for code in codes where Bool.random(using: &rng) {
                let entry = Catalogue.standard[code]!
                let t = target(code, .eq, Double(Int.random(in: 10...100, using: &rng)), entry.unit.symbol)
                let r = Bool.random(using: &rng) ? [ActualResult(unit: u.code, indicator: code, period: year, value: Double(Int.random(in: 5...120, using: &rng)), measure: entry.unit)] : []
                results += r
                evaluations += evaluate(u, [t], r)
            }
        }
        func figures(_ order: [ReportingUnit]) -> ([String: UnitSummary], [String: [String: ComparisonCell]]) {
            let summaries = Scorer().summaries(units: order, evaluations: evaluations)
            let rows = ComparisonBuilder().rows(units: order, evaluations: evaluations, results: byUnit(results, order), period: year)
            let cells = Dictionary(uniqueKeysWithValues: rows.map { row in (row.code, Dictionary(uniqueKeysWithValues: row.cells.map { ($0.unit.code, $0) })) })
            return (Dictionary(uniqueKeysWithValues: summaries.map { ($0.unit.code, $0) }), cells)
        }
        let reference = figures(units)
        for _ in 0..<20 {
            let shuffled = figures(units.shuffled(using: &rng))
            #expect(shuffled.0 == reference.0)
            #expect(shuffled.1 == reference.1)
        }
    }
}

/// Results grouped by the position of their unit in `units`, as the pipeline hands them on.
func byUnit(_ results: [ActualResult], _ units: [ReportingUnit]) -> [[ActualResult]] {
    let directory = UnitDirectory(units)
    var grouped = Array(repeating: [ActualResult](), count: units.count)
    for r in results {
        if let p = directory.position(of: r.unit) { grouped[p].append(r) }
    }
    return grouped
}

@Suite("Plausibility before scoring")
struct PlausibilityTests {
    @Test("A result in the wrong magnitude needs a check, names the likely value, earns nothing, ranks nowhere, enters no mean")
    func wrongMagnitude() throws {
        // Plans in triệu đồng; one unit typed its result in tỷ đồng (86,5 tỷ = 86.500 triệu).
        let t = Target(id: "thu", name: "Thu ngân sách xã", comparator: .gte, value: 85, unit: MeasureUnit("triệu đồng"), text: "")
        let hgRows = evaluate(hg, [t], [result("HG", "thu", 86.5, "tỷ đồng")])
        let qnRows = evaluate(qn, [t], [result("QN", "thu", 90, "triệu đồng")])
        let slip = try #require(hgRows.first)
        #expect(slip.status == .needsCheck)
        #expect(slip.explanation.contains("86,5 tỷ đồng = 86.500 triệu đồng"))
        #expect(slip.explanation.contains("có thể đúng là 86,5 triệu đồng?"))
        #expect(qnRows.first?.status == .exceeded)

        let summaries = Scorer().summaries(units: [hg, qn], evaluations: hgRows + qnRows)
        let h = try #require(summaries.first { $0.unit == hg })
        #expect(h.needsCheck == 1)
        #expect(h.points == 0)
        #expect(h.meanCompletion == nil, "a figure to check enters no mean")
        #expect(h.lines.first?.rule.contains("Cần kiểm tra") == true)
        #expect(summaries.first { $0.unit == qn }?.rank == 1)

        // By catalogue code, so that the comparison sees both units.
        let b = target("budget_revenue", .gte, 85, "triệu đồng")
        let rows = evaluate(hg, [b], [result("HG", "budget_revenue", 86.5, "tỷ đồng")])
            + evaluate(qn, [b], [result("QN", "budget_revenue", 90, "triệu đồng")])
        #expect(rows.first?.status == .needsCheck)
        let comparison = ComparisonBuilder().rows(units: [hg, qn], evaluations: rows,
                                                  results: byUnit([result("HG", "budget_revenue", 86.5, "tỷ đồng"),
                                                                   result("QN", "budget_revenue", 90, "triệu đồng")], [hg, qn]), period: year)
        let cells = try #require(comparison.first).cells
        #expect(cells.first { $0.unit == hg }?.rankByCompletion == nil)
        #expect(cells.first { $0.unit == hg }?.rankByResult == nil)
        #expect(cells.first { $0.unit == qn }?.rankByCompletion == 1)
        let stats = try #require(ComparisonBuilder().statistics(comparison).first)
        #expect(stats.completion?.count == 1, "the implausible completion is in no statistic")
    }

    @Test("Each kind of implausible figure, and plausible ones left alone", arguments: [
        // (comparator, target, target unit, result, result measure, needs a check, words)
        (TargetComparator.gte, 5.2, "triệu lượt", 5_500_000.0, "triệu lượt", true, "gấp khoảng một triệu lần"),
        (.gte, 3_000, "hộ", 3.1, "hộ", true, "chỉ bằng khoảng một phần nghìn"),
        (.gte, 95, "%", 103, "%", true, "vượt 100%"),
        (.gte, 1_000, "doanh nghiệp", -5, "doanh nghiệp", true, "âm"),
        (.gte, 100, "tỷ đồng", 1_500, "tỷ đồng", true, "ngoài khoảng hợp lý"),
        (.gte, 100, "tỷ đồng", 0.5, "tỷ đồng", true, "ngoài khoảng hợp lý"),
        (.gte, 100, "tỷ đồng", 950, "tỷ đồng", false, ""),
        (.gte, 95, "%", 99.5, "%", false, ""),
    ])
    func kinds(_ comparator: TargetComparator, _ value: Double, _ unit: String, _ actual: Double, _ measure: String, _ doubtful: Bool, _ words: String) {
        // Catalogue codes give the traits: a rate (level in %) and counts.
        let code = unit == "%" ? "health_insurance" : (unit == "doanh nghiệp" ? "new_enterprises" : "x")
        let t = Target(id: code, name: "Chỉ tiêu", comparator: comparator, value: value, unit: MeasureUnit(unit), text: "",
                       catalogueCode: Catalogue.standard[code] == nil ? nil : code, catalogueConfidence: 1)
        let row = evaluate(hg, [t], [result("HG", code, actual, measure)]).first
        #expect((row?.status == .needsCheck) == doubtful, "\(row?.explanation ?? "")")
        if doubtful { #expect(row?.explanation.contains(words) == true, "\(row?.explanation ?? "")") }
    }

    @Test("A growth rate beyond ±100 % needs a check")
    func growth() {
        let t = target("grdp_growth", .gte, 7, "%")
        #expect(evaluate(hg, [t], [result("HG", "grdp_growth", 150, "%")]).first?.status == .needsCheck)
        #expect(evaluate(hg, [t], [result("HG", "grdp_growth", 7.5, "%")]).first?.status == .exceeded)
    }
}
