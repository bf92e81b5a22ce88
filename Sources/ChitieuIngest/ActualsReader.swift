import ChitieuModel
import Foundation

/// Turns a table of results into `ActualResult`s, reporting every row it cannot use.
///
/// Columns: `unit, indicator, period, value, measure` (required) and `basis, status, verdict,
/// source, name` (optional). A row with a problem is reported with its file and row and left
/// out; the other rows go on.
public enum ActualsReader {
    public static let requiredColumns = ["unit", "indicator", "period", "value", "measure"]

    public static func results(from table: Table) -> (results: [ActualResult], issues: [DataIssue]) {
        var issues: [DataIssue] = []
        let missing = requiredColumns.filter { table.column($0) == nil }
        guard missing.isEmpty else {
            issues.append(DataIssue(.error,
                "thiếu cột \(missing.joined(separator: ", ")); bảng kết quả cần các cột \(requiredColumns.joined(separator: ", ")) (có: \(table.header.joined(separator: ", ")))",
                at: SourceLocation(file: table.path, line: 1, cell: table.sheet.map { "\($0)!1" })))
            return ([], issues)
        }
        func index(_ name: String) -> Int? { table.column(name) }
        var results: [ActualResult] = []
        for row in table.rows {
            func cell(_ name: String) -> String? {
                guard let i = index(name), row.values.indices.contains(i) else { return nil }
                let v = row.values[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            func location(_ column: String) -> SourceLocation {
                let place = index(column).map { table.place(row: row, column: $0) }
                return SourceLocation(file: table.path, line: row.line, cell: table.sheet == nil ? nil : place)
            }
            func problem(_ column: String, _ message: String) {
                let where_ = table.sheet == nil ? "dòng \(row.line), cột \(column)" : ""
                issues.append(DataIssue(.warning, [where_, message].filter { !$0.isEmpty }.joined(separator: ": "), at: location(column)))
            }
            guard let unit = cell("unit") else { problem("unit", "thiếu đơn vị báo cáo; dòng bị bỏ qua"); continue }
            guard let indicator = cell("indicator") else { problem("indicator", "thiếu mã chỉ tiêu; dòng bị bỏ qua"); continue }
            guard let periodText = cell("period"), let period = ReportingPeriod(periodText) else {
                problem("period", "kỳ báo cáo \"\(cell("period") ?? "")\" không hợp lệ; viết 2024 (cả năm) hoặc 2024-H1 (6 tháng); dòng bị bỏ qua")
                continue
            }
            guard let valueText = cell("value") else { problem("value", "chưa có số liệu; dòng bị bỏ qua"); continue }
            let numeric = index("value").map { row.numericColumns.contains($0) } ?? false
            guard let value = NumberCell.parse(valueText, decimalMark: table.decimalMark, storedAsNumber: numeric) else {
                problem("value", "giá trị \"\(valueText)\" không phải là số; dòng bị bỏ qua")
                continue
            }
            var basis = ActualResult.Basis.value
            if let b = cell("basis") {
                guard let parsed = ActualResult.Basis(rawValue: b.lowercased()) else {
                    problem("basis", "cơ sở \"\(b)\" không hợp lệ; dùng value, pct_of_plan hoặc change; dòng bị bỏ qua")
                    continue
                }
                basis = parsed
            }
            var status = ActualResult.Status.reported
            if let s = cell("status") {
                switch s.lowercased() {
                case "reported", "chính thức", "thực hiện": status = .reported
                case "estimate", "ước", "ước thực hiện", "dự ước", "ước tính": status = .estimate
                default:
                    problem("status", "trạng thái \"\(s)\" không hợp lệ; dùng reported hoặc estimate; dòng bị bỏ qua")
                    continue
                }
            }
            results.append(ActualResult(
                unit: unit, indicator: indicator, name: cell("name"), period: period, value: value,
                measure: MeasureUnit(cell("measure") ?? ""), basis: basis, status: status,
                verdict: cell("verdict"), source: cell("source"), location: location("value")))
        }
        return (results, issues)
    }
}
