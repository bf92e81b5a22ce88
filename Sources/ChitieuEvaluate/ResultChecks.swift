import ChitieuModel

/// Checks reported results before they are used: unknown units, duplicates, impossible values,
/// results that no target or catalogue entry can use. Nothing is dropped without an issue.
public enum ResultChecks {
    /// Checks every result once. `targets[i]` are the targets of `directory.units[i]`; the usable
    /// results come back grouped the same way, so later stages never search for a unit again.
    public static func check(_ results: [ActualResult], directory: UnitDirectory, targets: [[Target]],
                             period: ReportingPeriod, catalogue: Catalogue) -> (usable: [[ActualResult]], issues: [DataIssue]) {
        let units = directory.units
        var usable: [[ActualResult]] = Array(repeating: [], count: units.count)
        var issues: [DataIssue] = []
        // Where each unit × indicator × period × basis was first reported.
        // Small keys and row numbers: a national run checks 700,000 results.
        struct Key: Hashable { let unit: Int32; let year: Int32; let firstHalf: Bool; let basis: ActualResult.Basis; let indicator: String }
        var seen: [Key: Int32] = [:]
        seen.reserveCapacity(results.count)
        var resolver = UnitResolver(directory)
        // The keys a result can join on, per unit: catalogue code or id, and id.
        let targetKeys: [Set<String>] = targets.map { list in
            Set(list.flatMap { [$0.catalogueCode ?? $0.id, $0.id] })
        }
        let known = units.count <= 12 ? "có: " + units.map(\.name).joined(separator: ", ")
                                      : "pipeline có \(units.count) đơn vị"
        for (row, result) in results.enumerated() {
            // One read of the stored row for all the checks.
            let r = result.fields
            guard let position = resolver.position(of: r.unit) else {
                issues.append(DataIssue(.warning, "đơn vị \"\(r.unit)\" không có trong pipeline (\(known)); sửa cột unit hoặc khai báo đơn vị; kết quả không được dùng", at: r.location))
                continue
            }
            let unit = units[position]
            let key = Key(unit: Int32(position), year: Int32(clamping: r.period.year), firstHalf: r.period.isFirstHalf, basis: r.basis,
                          indicator: r.indicator)
            if let first = seen[key] {
                let place = results[Int(first)].location?.description ?? "dòng trước"
                issues.append(DataIssue(.warning, "kết quả trùng: \(unit.name), \(r.indicator), \(r.period), \(r.basis.rawValue) đã có ở \(place); dòng này không được dùng", at: r.location))
                continue
            }
            seen[key] = Int32(row)
            let entry = catalogue[r.indicator]
            let isRate = r.measure == .percent && entry?.unit == .percent && entry?.kind == .level
            if r.basis == .value, isRate, r.value > 100 {
                issues.append(DataIssue(.warning, "tỷ lệ \(VietnameseNumber.formatCompact(r.value))% của \"\(r.indicator)\" (\(unit.name)) vượt 100%; kiểm tra lại số liệu; kết quả không được dùng", at: r.location))
                continue
            }
            if r.basis == .value, r.value < 0, !r.measure.isPercentLike, entry?.kind != .growth {
                issues.append(DataIssue(.warning, "số lượng âm (\(VietnameseNumber.formatCompact(r.value)) \(r.measure.display)) cho \"\(r.indicator)\" (\(unit.name)); kiểm tra lại số liệu; kết quả không được dùng", at: r.location))
                continue
            }
            let hasTarget = targetKeys[position].contains(r.indicator)
            if !hasTarget && entry == nil {
                issues.append(DataIssue(.warning, "mã chỉ tiêu \"\(r.indicator)\" (\(unit.name)) không khớp chỉ tiêu nào của đơn vị và không có trong danh mục; sửa cột indicator (mã danh mục hoặc mã chỉ tiêu)", at: r.location))
                continue
            }
            if r.period.year != period.year {
                issues.append(DataIssue(.note, "kết quả kỳ \(r.period) không thuộc năm \(period.year) của báo cáo; không dùng", at: r.location))
                continue
            }
            if !hasTarget && r.period == period {
                issues.append(DataIssue(.note, "\(unit.name) không giao chỉ tiêu \"\(entry?.name ?? r.indicator)\"; kết quả chỉ dùng để so sánh giữa các đơn vị", at: r.location))
            }
            usable[position].append(result)
        }
        return (usable, issues)
    }

    /// A note for each target that has no result in the period.
    public static func missingResults(_ evaluations: [Evaluation]) -> [DataIssue] {
        evaluations.filter { $0.status == .noData }.map { e in
            DataIssue(.note, "\(e.unit.name) chưa báo cáo kết quả \(e.period.vietnamese) cho chỉ tiêu \"\(e.target.name)\" (\(e.indicator))", at: e.target.location)
        }
    }
}
