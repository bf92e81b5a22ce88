import Foundation

/// A reporting run of many units written into a folder: a pipeline, a plans table and a results
/// table, the shapes `make bench` uses (bench/generate.py), made here small and deterministic so
/// that tests can check the layout rules at scale without shared data.
public enum GeneratedPipeline {
    /// Catalogue indicators with a plan comparator, a target, a measure and a result factor range.
    static let indicators: [(code: String, comparator: String, target: Double, measure: String)] = [
        ("grdp_growth", "gte", 7.5, "%"), ("budget_revenue", "eq", 250, "tỷ đồng"), ("poverty_rate", "lte", 3.5, "%"),
        ("ntm_communes_new", "gte", 12, "xã"), ("health_insurance", "gt", 92, "%"), ("forest_cover", "range", 55, "%"),
        ("tourists", "gte", 1.2, "triệu lượt"), ("new_enterprises", "gte", 40, "doanh nghiệp"), ("export_value", "eq", 120, "triệu USD"),
        ("urbanisation_rate", "gte", 30, "%"), ("trained_labour", "gte", 70, "%"), ("urban_unemployment", "lt", 3, "%"),
    ]
    static let places = ["Tỉnh Tuyên Quang", "Thành phố Đà Nẵng", "Tỉnh Vĩnh Long", "Tỉnh Lạng Sơn", "Thành phố Huế"]
    static let wards = ["Phường Minh Xuân", "Xã Hòa Vang", "Xã Long Hồ", "Phường Đông Kinh", "Phường Hương Trà", "Xã Quảng Điền"]

    /// Writes `units` units (in groups of `perGroup`), every indicator planned for each, a result
    /// for most; returns the pipeline's path. Units are ranked in a known way: unit i's results
    /// rise with (i × 37) mod 101, so ties and spread both occur.
    public static func write(units: Int, perGroup: Int = 100, period: String = "2025", into dir: TemporaryDirectory,
                             name: String = "generated") throws -> String {
        var plans = "unit,indicator,name,measure,comparator,target,target_max,period\n"
        var results = "unit,indicator,period,value,measure,basis,status,name,source\n"
        var yamlUnits = ""
        for u in 0..<units {
            let code = String(format: "%05d", 10_000 + u)
            let unitName = "\(wards[u % wards.count]) \(u / wards.count + 1)"
            let group = places[(u / perGroup) % places.count] + (u / perGroup >= places.count ? " \(u / perGroup / places.count + 1)" : "")
            yamlUnits += "  - {code: \"\(code)\", name: \"\(unitName)\", group: \"\(group)\"}\n"
            let spread = Double((u * 37) % 101) / 100
            for (i, ind) in indicators.enumerated() {
                let targetMax = ind.comparator == "range" ? String(ind.target + 5) : ""
                plans += "\(code),\(ind.code),,\(ind.measure),\(ind.comparator),\(ind.target),\(targetMax),\(period.prefix(4))\n"
                guard (u + i) % 10 != 0 else { continue }
                let lowerBetter = ["lte", "lt"].contains(ind.comparator)
                let factor = lowerBetter ? 1.2 - 0.4 * spread : 0.8 + 0.4 * spread
                var value = (ind.target * factor * 100).rounded() / 100
                if ind.measure == "%" { value = min(value, 100) }
                let status = (u + i) % 3 == 0 ? "estimate" : "reported"
                results += "\(code),\(ind.code),\(period),\(value),\(ind.measure),value,\(status),,\"Báo cáo số \(u + 1)/BC-UBND, ngày 10/12/2025\"\n"
            }
        }
        try plans.write(toFile: dir.path("\(name)-plans.csv"), atomically: true, encoding: .utf8)
        try results.write(toFile: dir.path("\(name)-results.csv"), atomically: true, encoding: .utf8)
        let yaml = """
        title: Báo cáo kết quả thực hiện chỉ tiêu thi đua năm 2025
        period: "\(period)"
        reporting_body:
          parent: Bộ Nội vụ
          name: Ban Thi đua - Khen thưởng Trung ương
        place: Hà Nội
        date: "2026-01-10"
        units:
        \(yamlUnits)plans: [\(name)-plans.csv]
        actuals: [\(name)-results.csv]
        output: \(name)-out

        """
        let path = dir.path("\(name).yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
