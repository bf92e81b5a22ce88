import ChitieuModel

/// Checks reported results before they are used: unknown units, duplicates, impossible values,
/// results that no target or catalogue entry can use. Nothing is dropped without an issue.
public enum ResultChecks {
    /// Checks every result once. `targets[i]` are the targets of `directory.units[i]`; the usable
    /// results come back grouped the same way, so later stages never search for a unit again.
    /// Issues come in the order of the rows.
    public static func check(_ results: [ActualResult], directory: UnitDirectory, targets: [[Target]],
                             period: ReportingPeriod, catalogue: Catalogue) -> (usable: [[ActualResult]], issues: [DataIssue]) {
        let units = directory.units
        // Each row's unit resolved once, in order; the rest is checked unit by unit.
        var rowsByUnit: [[Int32]] = Array(repeating: [], count: units.count)
        var unknown: [(row: Int, issue: DataIssue)] = []
        var resolver = UnitResolver(directory)
        let known = units.count <= 12 ? "có: " + units.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
                                      : "pipeline có \(units.count) đơn vị"
        for (row, result) in results.enumerated() {
            let name = result.unit
            guard let position = resolver.position(of: name) else {
                unknown.append((row, DataIssue(.warning, "đơn vị \"\(name)\" không có trong pipeline (\(known))\(Self.orStop(resolver.didYouMean(name))) Sửa cột unit hoặc khai báo đơn vị; kết quả không được dùng", at: result.location)))
                continue
            }
            rowsByUnit[position].append(Int32(row))
        }
        // Units are independent: two halves of them on two cores.
        let byUnit = rowsByUnit
        let done = ConcurrentParts<(usable: [[ActualResult]], issues: [(row: Int, issue: DataIssue)])>.inHalves(units.count) { half in
            var usable: [[ActualResult]] = []
            var issues: [(row: Int, issue: DataIssue)] = []
            var guesses: [String: String] = [:]
            for u in half {
                let (mine, found) = checkUnit(rows: byUnit[u], of: results, unit: units[u], targets: targets[u], period: period,
                                              catalogue: catalogue, guesses: &guesses)
                usable.append(mine)
                issues += found
            }
            return (usable, issues)
        }
        let issues = (unknown + done.flatMap(\.issues)).sorted { $0.row < $1.row }.map(\.issue)
        return (done.flatMap(\.usable), issues)
    }

    /// The checks of one unit's rows, in row order.
    static func checkUnit(rows: [Int32], of results: [ActualResult], unit: ReportingUnit, targets: [Target], period: ReportingPeriod,
                          catalogue: Catalogue, guesses: inout [String: String]) -> (usable: [ActualResult], issues: [(row: Int, issue: DataIssue)]) {
        var usable: [ActualResult] = []
        usable.reserveCapacity(rows.count)
        var issues: [(row: Int, issue: DataIssue)] = []
        // Where each indicator × period × basis was first reported.
        struct Key: Hashable { let year: Int32; let firstHalf: Bool; let basis: ActualResult.Basis; let indicator: String }
        var seen: [Key: Int32] = [:]
        // The keys a result can join on: catalogue code or id, and id.
        let targetKeys = Set(targets.flatMap { target in
            let t = target.fields
            return [t.joinKey, t.id]
        })
        // The nearest catalogue codes, found once per spelling.
        func guess(_ code: String) -> String {
            if let known = guesses[code] { return known }
            let found = catalogue.didYouMean(code)
            guesses[code] = found
            return found
        }
        for row in rows {
            let result = results[Int(row)]
            // One read of the stored row for all the checks.
            let r = result.fields
            func problem(_ severity: DataIssue.Severity, _ message: String) {
                issues.append((Int(row), DataIssue(severity, message, at: r.location)))
            }
            let key = Key(year: Int32(clamping: r.period.year), firstHalf: r.period.isFirstHalf, basis: r.basis, indicator: r.indicator)
            if let first = seen[key] {
                let place = results[Int(first)].location?.description ?? "dòng trước"
                problem(.warning, "kết quả trùng: \(unit.name), \(r.indicator), \(r.period), \(r.basis.rawValue) đã có ở \(place); dòng này không được dùng")
                continue
            }
            seen[key] = row
            let entry = catalogue[r.indicator]
            let hasTarget = targetKeys.contains(r.indicator)
            // A result judged against a target is checked for plausibility when it is judged
            // (status "Cần kiểm tra"); one kept for comparison only is checked here.
            let isRate = r.measure == .percent && entry?.unit == .percent && entry?.kind == .level
            if !hasTarget, r.basis == .value, isRate, r.value > 100 {
                problem(.warning, "tỷ lệ \(VietnameseNumber.formatCompact(r.value))% của \"\(r.indicator)\" (\(unit.name)) vượt 100%; kiểm tra lại số liệu; kết quả không được dùng")
                continue
            }
            if !hasTarget, r.basis == .value, r.value < 0, !r.measure.isPercentLike, entry?.kind != .growth {
                problem(.warning, "số lượng âm (\(VietnameseNumber.formatCompact(r.value)) \(r.measure.display)) cho \"\(r.indicator)\" (\(unit.name)); kiểm tra lại số liệu; kết quả không được dùng")
                continue
            }
            if !hasTarget && entry == nil {
                problem(.warning, "mã chỉ tiêu \"\(r.indicator)\" (\(unit.name)) không khớp chỉ tiêu nào của đơn vị và không có trong danh mục\(Self.orStop(guess(r.indicator))) Sửa cột indicator (mã danh mục hoặc mã chỉ tiêu)")
                continue
            }
            if r.period.year != period.year {
                problem(.note, "kết quả kỳ \(r.period) không thuộc năm \(period.year) của báo cáo; không dùng")
                continue
            }
            if !hasTarget && r.period == period {
                problem(.note, "\(unit.name) không giao chỉ tiêu \"\(entry?.name ?? r.indicator)\"; kết quả chỉ dùng để so sánh giữa các đơn vị")
            }
            usable.append(result)
        }
        return (usable, issues)
    }

    /// A "có phải ...?" suggestion, or the full stop that ends the sentence without one.
    public static func orStop(_ suggestion: String) -> String { suggestion.isEmpty ? "." : suggestion }

    /// A note for each target that has no result in the period.
    public static func missingResults(_ evaluations: [Evaluation]) -> [DataIssue] {
        evaluations.filter { $0.status == .noData }.map { e in
            DataIssue(.note, "\(e.unit.name) chưa báo cáo kết quả \(e.period.vietnamese) cho chỉ tiêu \"\(e.target.name)\" (\(e.indicator))", at: e.target.location)
        }
    }
}
