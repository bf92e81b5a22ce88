import ChitieuModel
import Foundation
import GRDB

/// A target and its evaluation, remembered with the run that judged it.
public struct PastEvaluation: Sendable, Hashable {
    public var unitCode: String
    public var indicator: String
    public var period: ReportingPeriod
    public var name: String
    public var comparator: String
    public var target: Double
    public var targetMax: Double?
    public var measure: MeasureUnit
    public var status: String
    public var completion: Double?

    public init(unitCode: String, indicator: String, period: ReportingPeriod, name: String, comparator: String, target: Double,
                targetMax: Double?, measure: MeasureUnit, status: String, completion: Double?) {
        self.unitCode = unitCode
        self.indicator = indicator
        self.period = period
        self.name = name
        self.comparator = comparator
        self.target = target
        self.targetMax = targetMax
        self.measure = measure
        self.status = status
        self.completion = completion
    }
}

/// Why the store could not be used, in words that say what to do; always names the file.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// The history store: one SQLite file (GRDB), versioned by migrations. A run's rows are written
/// in one transaction; running the same pipeline again replaces them.
public final class HistoryStore: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// The schema, one migration per version; a store made by an older chitieu is brought up to
    /// date when opened.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                // The pipeline's path and period, or "import:" and the file imported.
                t.column("key", .text).notNull().unique()
                t.column("period", .text).notNull()
                t.column("recordedAt", .text).notNull()
                t.column("digests", .text).notNull()
            }
            try db.create(table: "result") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("run", onDelete: .cascade).notNull()
                t.column("unitCode", .text).notNull()
                t.column("unitName", .text).notNull()
                t.column("indicator", .text).notNull()
                t.column("period", .text).notNull()
                t.column("value", .double).notNull()
                t.column("measure", .text).notNull()
                t.column("basis", .text).notNull()
                t.column("status", .text).notNull()
                t.column("source", .text)
                t.column("recordedAt", .text).notNull()
            }
        }
        migrator.registerMigration("v2") { db in
            // Targets and their evaluations, and an index for "same period last year".
            try db.create(table: "evaluation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("run", onDelete: .cascade).notNull()
                t.column("unitCode", .text).notNull()
                t.column("indicator", .text).notNull()
                t.column("period", .text).notNull()
                t.column("name", .text).notNull()
                t.column("comparator", .text).notNull()
                t.column("target", .double).notNull()
                t.column("targetMax", .double)
                t.column("measure", .text).notNull()
                t.column("status", .text).notNull()
                t.column("completion", .double)
            }
            try db.create(index: "result_by_period", on: "result", columns: ["period", "unitCode", "indicator"])
        }
        return migrator
    }

    /// Opens (or creates) the store and brings its schema up to date.
    public init(path: String) throws(HistoryError) {
        self.path = path
        var configuration = Configuration()
        // Another run writing: wait a little, then say so rather than hang.
        configuration.busyMode = .timeout(3)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator().migrate(queue)
        } catch {
            throw Self.explain(error, path: path)
        }
    }

    /// A store as an older chitieu left it (schema up to `version`), for the migration tests.
    public static func makeOlder(path: String, version: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Self.migrator().migrate(queue, upTo: version)
    }

    /// The versions applied to the store, oldest first.
    public func appliedVersions() throws(HistoryError) -> [String] {
        do { return try queue.read { db in try Self.migrator().appliedMigrations(db) } } catch { throw Self.explain(error, path: path) }
    }

    static func explain(_ error: any Error, path: String) -> HistoryError {
        guard let db = error as? DatabaseError else { return HistoryError(path: path, message: "kho lịch sử: \(error)") }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return HistoryError(path: path, message: "kho lịch sử đang bị một chương trình khác khóa (một lượt chạy khác đang ghi?); đợi lượt đó xong rồi chạy lại. Chưa ghi gì.")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return HistoryError(path: path, message: "tệp này không phải kho lịch sử SQLite hoặc đã hỏng; khôi phục bản sao lưu, hoặc đổi tên tệp để chitieu tạo kho mới rồi nhập lại số liệu cũ bằng \"chitieu history import\". Chưa ghi gì.")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
            return HistoryError(path: path, message: "không mở hoặc không ghi được kho lịch sử (thư mục không có hoặc không có quyền ghi); chọn đường dẫn khác bằng khóa store: trong pipeline")
        default:
            return HistoryError(path: path, message: "kho lịch sử: \(db.message ?? db.description)")
        }
    }

    /// Writes the rows of one run inside its transaction, one prepared statement per table, so
    /// that a national run's million rows are never gathered in memory first.
    public struct RunWriter {
        let run: Int64
        let results: Statement
        let evaluations: Statement

        public func add(_ r: PastFigure) throws {
            try results.execute(arguments: [run, r.unitCode, r.unitName, r.indicator, r.period.description, r.value, r.measure.symbol,
                                            r.basis.rawValue, r.status.rawValue, r.source, r.recordedAt])
        }

        public func add(_ e: PastEvaluation) throws {
            try evaluations.execute(arguments: [run, e.unitCode, e.indicator, e.period.description, e.name, e.comparator, e.target,
                                                e.targetMax, e.measure.symbol, e.status, e.completion])
        }
    }

    /// Records a run (or an import) under `key`, replacing what that key recorded before, in one
    /// transaction: a failure leaves the store as it was.
    public func record(key: String, period: ReportingPeriod, digests: [String: String], at recordedAt: String,
                       rows: (RunWriter) throws -> Void) throws(HistoryError) {
        do {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM run WHERE key = ?", arguments: [key])
                let digestText = digests.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
                try db.execute(sql: "INSERT INTO run (key, period, recordedAt, digests) VALUES (?, ?, ?, ?)",
                               arguments: [key, period.description, recordedAt, digestText])
                let writer = RunWriter(run: db.lastInsertedRowID, results: try db.makeStatement(sql: """
                    INSERT INTO result (runId, unitCode, unitName, indicator, period, value, measure, basis, status, source, recordedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """), evaluations: try db.makeStatement(sql: """
                    INSERT INTO evaluation (runId, unitCode, indicator, period, name, comparator, target, targetMax, measure, status, completion)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
                try rows(writer)
            }
        } catch {
            throw Self.explain(error, path: path)
        }
    }

    /// Records arrays of rows (imports and tests).
    public func record(key: String, period: ReportingPeriod, digests: [String: String], results: [PastFigure],
                       evaluations: [PastEvaluation], at recordedAt: String) throws(HistoryError) {
        try record(key: key, period: period, digests: digests, at: recordedAt) { writer in
            for r in results { try writer.add(r) }
            for e in evaluations { try writer.add(e) }
        }
    }

    /// Every figure of a period, read once; the caller indexes them by unit and indicator.
    public func figures(period: ReportingPeriod) throws(HistoryError) -> [PastFigure] {
        try fetch("SELECT * FROM result WHERE period = ? ORDER BY recordedAt, id", [period.description])
    }

    /// What is known of one unit's indicator, by period (oldest first).
    public func history(unit: String, indicator: String) throws(HistoryError) -> [PastFigure] {
        try fetch("SELECT * FROM result WHERE (unitCode = ? OR unitName = ?) AND indicator = ? ORDER BY period, recordedAt, id", [unit, unit, indicator])
    }

    /// How many rows a key recorded (for tests and `history show`).
    public func count(key: String) throws(HistoryError) -> Int {
        do {
            return try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result JOIN run ON run.id = result.runId WHERE run.key = ?", arguments: [key]) ?? 0
            }
        } catch { throw Self.explain(error, path: path) }
    }

    private func fetch(_ sql: String, _ arguments: StatementArguments) throws(HistoryError) -> [PastFigure] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> PastFigure? in
                    guard let period = ReportingPeriod(row["period"] as String),
                          let basis = ActualResult.Basis(rawValue: row["basis"]),
                          let status = ActualResult.Status(rawValue: row["status"]) else { return nil }
                    return PastFigure(unitCode: row["unitCode"], unitName: row["unitName"], indicator: row["indicator"], period: period,
                                      value: row["value"], measure: MeasureUnit(row["measure"] as String), basis: basis, status: status,
                                      source: row["source"], recordedAt: row["recordedAt"])
                }
            }
        } catch { throw Self.explain(error, path: path) }
    }
}
