import ChitieuModel
import Foundation

/// Turns a points file of emulation clusters into `PointEntry`s: `unit, criterion, points`
/// (required) and `stage, note, source` (optional; the stage is `self`, `cluster` or `final`,
/// `self` when left empty). A row that cannot be read is reported with its file and row and
/// left out; whether its unit, criterion and points fit the cluster's table is checked by the
/// pipeline, which knows the tables.
public enum PointsReader {
    public static let requiredColumns = ["unit", "criterion", "points"]

    public static func entries(from table: Table) -> (entries: [PointEntry], issues: [DataIssue]) {
        var issues: [DataIssue] = []
        if let missing = table.missingColumns(requiredColumns, kind: "tệp điểm chấm") { return ([], [missing]) }
        var entries: [PointEntry] = []
        do {
            try table.forEachRow { row in
                let cells = TableRow(table: table, row: row)
                func problem(_ column: String, _ message: String) {
                    issues.append(DataIssue(.error, cells.prefix(column) + message, at: cells.location(column)))
                }
                guard let unit = cells[.unit] else { problem("unit", "thiếu đơn vị"); return }
                guard let criterion = cells[.criterion] else { problem("criterion", "thiếu mã tiêu chí"); return }
                guard let text = cells[.points] else {
                    // A row of the form left blank: not scored yet, said as a note rather than a fault.
                    issues.append(DataIssue(.note, cells.prefix("points") + "chưa nhập điểm \(criterion) cho \(unit)", at: cells.location("points")))
                    return
                }
                guard let points = cells.number(.points), points.isFinite else { problem("points", "điểm \"\(text)\" không phải là số"); return }
                var stage = PointStage.own
                if let s = cells[.stage] {
                    guard let parsed = PointStage(rawValue: s.lowercased()) else {
                        problem("stage", "giai đoạn \"\(s)\" không dùng được; dùng self (đơn vị tự chấm), cluster (cụm chấm) hoặc final (hội đồng quyết định)")
                        return
                    }
                    stage = parsed
                }
                entries.append(PointEntry(unit: unit, criterion: criterion, points: points, stage: stage, note: cells[.note], source: cells.location("points")))
            }
        } catch {
            issues.append(DataIssue.unreadable(error.description, file: table.path))
            return ([], issues)
        }
        return (entries, issues)
    }
}
