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
        var unknown = IssueMerger()
        var resolver = UnitResolver(directory)
        let known = units.count <= 12 ? "có: " + units.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
                                      : "pipeline có \(units.count) đơn vị"
        for (row, result) in results.enumerated() {
            let name = result.unit
            guard let position = resolver.position(of: name) else {
                unknown.add(DataIssue(.warning, "đơn vị \"\(name)\" không có trong pipeline (\(known))\(Self.orStop(resolver.didYouMean(name))) Sửa cột unit hoặc khai báo đơn vị; kết quả không được dùng", at: result.location), order: row)
                continue
            }
            rowsByUnit[position].append(Int32(row))
        }
        // Units are independent: two halves of them on two cores.
        let byUnit = rowsByUnit
        let done = ConcurrentParts<(usable: [[ActualResult]], issues: IssueMerger)>.inHalves(units.count) { half in
            var usable: [[ActualResult]] = []
            var issues = IssueMerger()
            var guesses: [String: String] = [:]
            var otherPeriods: [ReportingPeriod: String] = [:]
            for u in half {
                let (mine, found) = checkUnit(rows: byUnit[u], of: results, unit: units[u], targets: targets[u], period: period,
                                              catalogue: catalogue, guesses: &guesses, otherPeriods: &otherPeriods)
                usable.append(mine)
                for (row, issue) in found { issues.add(issue, order: row) }
            }
            return (usable, issues)
        }
        // The same problem on many rows is one issue (gathered as found, never a million).
        var all = unknown
        for part in done {
            for (order, issue) in part.issues.ordered { all.add(issue, order: order) }
        }
        return (done.flatMap(\.usable), all.issues)
    }

    /// The checks of one unit's rows, in row order.
    static func checkUnit(rows: [Int32], of results: [ActualResult], unit: ReportingUnit, targets: [Target], period: ReportingPeriod,
                          catalogue: Catalogue, guesses: inout [String: String],
                          otherPeriods: inout [ReportingPeriod: String]) -> (usable: [ActualResult], issues: [(row: Int, issue: DataIssue)]) {
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
                // One sentence per period, shared by its rows (a national form may hold a whole past year).
                let words = otherPeriods[r.period] ?? "kết quả kỳ \(r.period) không thuộc năm \(period.year) của báo cáo; không dùng"
                otherPeriods[r.period] = words
                problem(.note, words)
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

    /// Targets named in one note before the rest are counted.
    static let missingNamed = 8

    /// One note for each unit with targets that have no result in the period, naming them
    /// (a unit that reported nothing has 120 such targets: one note says it, not 120).
    public static func missingResults(_ evaluations: [Evaluation], into issues: inout IssueMerger) {
        var i = evaluations.startIndex
        while i < evaluations.endIndex {
            // Evaluations come unit by unit.
            let unit = evaluations[i].unit
            var end = i
            while end < evaluations.endIndex, evaluations[end].unit.code == unit.code { end += 1 }
            let missing = evaluations[i..<end].filter { $0.status == .noData }
            if let first = missing.first {
                let named = missing.prefix(missingNamed).map { "\"\($0.target.name)\" (\($0.indicator))" }.joined(separator: ", ")
                let rest = missing.count > missingNamed ? " và \(missing.count - missingNamed) chỉ tiêu khác" : ""
                let what = missing.count == 1 ? "chỉ tiêu \(named)" : "\(missing.count) chỉ tiêu: \(named)\(rest)"
                issues.append(DataIssue(.note, "\(unit.name) chưa báo cáo kết quả \(first.period.vietnamese) cho \(what)", at: first.target.location))
            }
            i = end
        }
    }
}
