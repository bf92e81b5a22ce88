import ChitieuModel
import Foundation

/// CSV as programs read it: comma-separated, "." decimals, RFC 4180 quoting, UTF-8. The output
/// files start with a byte order mark, so that Excel on a Vietnamese system reads the accents.
public enum CSVRendering {
    /// The UTF-8 byte order mark that starts every CSV file written by `run`.
    public static let byteOrderMark = "\u{FEFF}"

    /// A table as a file: the byte order mark, then the table.
    public static func file(header: [String], rows: [[String]]) -> CSVTable {
        CSVTable(header: header, count: rows.count) { rows[$0] }
    }

    /// One field. Text that a spreadsheet would run as a formula ("=", "+", "-", "@") gets a
    /// leading apostrophe; numbers are written plainly.
    public static func field(_ text: String) -> String {
        var s = text
        if let first = s.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(first) {
            s = "'" + s
        }
        // One pass over the bytes: most fields need no quotes.
        if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            let escaped = s.utf8.contains(UInt8(ascii: "\"")) ? s.replacingOccurrences(of: "\"", with: "\"\"") : s
            s = "\"" + escaped + "\""
        }
        return s
    }

    public static func number(_ value: Double?, decimals: Int? = nil) -> String {
        guard let value, value.isFinite else { return "" }
        if let decimals { return fixed(value, decimals: decimals) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // Shortest exact form: 7.5, 8962.72.
        return "\(value)"
    }

    /// `value` with exactly `decimals` decimals and "." as the mark, as "%.2f" writes it, in
    /// integer arithmetic for the values of a report.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var power: Int64 = 1
        for _ in 0..<decimals { power *= 10 }
        let scaledValue = (abs(value) * Double(power)).rounded()
        guard decimals >= 0, decimals <= 6, scaledValue < 1e15 else { return String(format: "%.\(decimals)f", value) }
        let scaled = Int64(scaledValue)
        var text = String(scaled / power)
        if decimals > 0 {
            let fraction = String(scaled % power)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    public static func table(header: [String], rows: [[String]]) -> String {
        ([header.map(field)] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `evaluation.csv`: one row per unit × indicator × period.
    /// The last-year columns of an evaluation row; empty cells when the run has no store.
    static func lastYearFields(_ past: LastYear?) -> [String] {
        guard let past else { return ["", "", "", "", "", ""] }
        return [number(past.value), field(past.measure?.display ?? ""), past.status.rawValue,
                number(past.change, decimals: 2), field(past.changeUnit ?? ""), field(past.explanation)]
    }

    /// `lastYear`, when given, answers for each evaluation: the same period of last year, worked
    /// out as the row is written.
    public static func evaluation(_ evaluations: [Evaluation], lastYear: (@Sendable (Evaluation) -> LastYear)? = nil) -> CSVTable {
        let header = ["unit", "indicator", "name", "period", "comparator", "target", "target_max", "measure", "actual",
                      "actual_measure", "completion_pct", "status", "basis", "estimate", "unit_verdict", "target_text",
                      "target_location", "actual_source", "actual_location", "explanation",
                      "last_year_value", "last_year_measure", "last_year_status", "change_vs_last_year", "change_vs_last_year_unit", "last_year_note"]
        // Rows are made as the file is written: a national run has 400,000 of them.
        return CSVTable(header: header, count: evaluations.count) { i -> [String] in
            let e = evaluations[i]
            // Each stored row read once.
            let t = e.target.fields, a = e.actual?.fields
            return [
             field(e.unit.code), field(e.indicator), field(t.name), e.period.description, t.comparator.rawValue,
             number(t.value), number(t.valueMax), field(t.unit.symbol),
             number(a?.value), field(a?.measure.symbol ?? ""), number(e.completion, decimals: 2),
             e.status.rawValue, a?.basis.rawValue ?? "", a.map { $0.status == .estimate ? "yes" : "no" } ?? "",
             field(a?.verdict ?? ""), field(t.text), field(t.location?.description ?? ""),
             field(a?.source ?? ""), field(a?.location?.description ?? ""), field(e.explanation)]
                + lastYearFields(lastYear?(e))
        }
    }

    /// `comparison.csv`: one row per shared indicator, each unit's target, result, completion and ranks side by side.
    /// `lastYear`, when given, answers for each cell (the row's indicator, the cell's unit and
    /// result): the same period of last year and the change, two more columns per unit.
    public static func comparison(_ rows: [ComparisonRow], units: [ReportingUnit],
                                  lastYear: (@Sendable (ComparisonRow, ComparisonCell) -> LastYear)? = nil) -> CSVTable {
        var header = ["indicator", "name", "sector", "measure", "direction"]
        for u in units {
            header += ["\(u.code)_target", "\(u.code)_result", "\(u.code)_completion_pct", "\(u.code)_status", "\(u.code)_rank_completion", "\(u.code)_rank_result"]
            if lastYear != nil { header += ["\(u.code)_last_year", "\(u.code)_change_vs_last_year"] }
        }
        // Lines are made as the file is written: with 3,321 units they hold 1.6 million fields.
        let position = Dictionary(units.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return CSVTable(header: header, count: rows.count) { r -> [String] in
            let row = rows[r]
            var line = [row.code, field(row.name), row.sector.rawValue, field(row.measure.symbol), row.direction.rawValue]
            var byUnit: [ComparisonCell?] = Array(repeating: nil, count: units.count)
            for c in row.cells { if let u = position[c.unit], byUnit[u] == nil { byUnit[u] = c } }
            line.reserveCapacity(5 + 8 * units.count)
            for c in byUnit {
                line += [number(c?.target), number(c?.result), number(c?.completion, decimals: 2), c?.status?.rawValue ?? "",
                         c?.rankByCompletion.map(String.init) ?? "", c?.rankByResult.map(String.init) ?? ""]
                if let lastYear {
                    let past = c.map { lastYear(row, $0) }
                    line += [number(past?.value), past?.change.map { number($0, decimals: 2) + " " + (past?.changeUnit ?? "") } ?? ""]
                }
            }
            return line
        }
    }

    /// `summary.csv`: per unit, the counts, the share achieved, the mean completion, the score and the rank.
    /// `clusters`, when the run has emulation clusters: each unit's score in its cluster, three
    /// more columns (cluster, cluster_rank, proposal).
    public static func summary(_ summaries: [UnitSummary], clusters: [String: ClusterScore]? = nil) -> CSVTable {
        var header = ["unit", "name", "targets", "evaluated", "exceeded", "met", "not_met", "no_data", "not_evaluable", "on_track", "behind",
                      "share_achieved_pct", "mean_completion_pct", "points", "max_points", "score", "rank", "tie_break", "needs_check"]
        if clusters != nil { header += ["cluster", "cluster_rank", "proposal"] }
        let rows = summaries.map { s -> [String] in
            var row = [field(s.unit.code), field(s.unit.name), "\(s.targets)", "\(s.evaluated)", "\(s.exceeded)", "\(s.met)", "\(s.notMet)", "\(s.noData)",
                       "\(s.notEvaluable)", "\(s.onTrack)", "\(s.behind)", number(s.shareAchieved, decimals: 2), number(s.meanCompletion, decimals: 2),
                       number(s.points, decimals: 2), number(s.maximum, decimals: 2), number(s.score, decimals: 2), s.rank.map(String.init) ?? "",
                       field(s.tieBreak ?? ""), "\(s.needsCheck)"]
            if let clusters {
                let c = clusters[s.unit.code]
                row += [field(c?.cluster ?? ""), c?.rank.map(String.init) ?? "", c?.proposal?.rawValue ?? ""]
            }
            return row
        }
        return file(header: header, rows: rows)
    }

    /// `proposals.csv`: who each cluster proposes for the flag and for merit, with the score.
    public static func proposals(_ scores: [ClusterScore], names: [String: String]) -> CSVTable {
        let header = ["cluster", "unit", "name", "cluster_rank", "score", "penalty", "proposal", "proposal_vi"]
        let words: [ClusterScore.Proposal: String] = [.flag: "Đề nghị tặng Cờ thi đua", .merit: "Đề nghị tặng Bằng khen"]
        let rows = scores.filter { $0.proposal != nil }.map { c -> [String] in
            [field(c.cluster), field(c.unit), field(names[c.unit] ?? c.unit), c.rank.map(String.init) ?? "", number(c.score, decimals: 2),
             number(c.penalty, decimals: 2), c.proposal!.rawValue, field(words[c.proposal!]!)]
        }
        return file(header: header, rows: rows)
    }

    /// `scoring.csv`: how each unit's points were made, target by target.
    /// With `clusters`, the rows gain `cluster, criterion, stage`, and each unit's points in its
    /// cluster follow, criterion by criterion.
    public static func scoring(_ summaries: [UnitSummary], clusters: [Cluster]? = nil, scores: [ClusterScore] = []) -> CSVTable {
        var header = ["unit", "indicator", "name", "status", "weight", "points", "max_points", "rule"]
        if clusters != nil { header += ["cluster", "criterion", "stage"] }
        let lines = summaries.indices.flatMap { s in summaries[s].lines.indices.map { (s, $0) } }
        let criteria = Dictionary((clusters ?? []).map { c in (c.code, Dictionary(c.table.criteria.map { ($0.code, $0) }) { a, _ in a }) }) { a, _ in a }
        let clusterLines = scores.flatMap { s in s.criteria.map { (s, $0) } }
        return CSVTable(header: header, count: lines.count + clusterLines.count) { i in
            guard i >= lines.count else {
                let s = summaries[lines[i].0]
                let l = s.lines[lines[i].1]
                return [field(s.unit.code), field(l.indicator), field(l.name), l.status.rawValue, number(l.weight), number(l.points, decimals: 2),
                        number(l.maximum, decimals: 2), field(l.rule)] + (clusters == nil ? [] : ["", "", ""])
            }
            let (s, c) = clusterLines[i - lines.count]
            let criterion = criteria[s.cluster]?[c.criterion]
            var indicator = ""
            if case .target(let code, _)? = criterion?.kind { indicator = code }
            return [field(s.unit), field(indicator), field(criterion?.name ?? c.criterion), "", "", number(c.points, decimals: 2),
                    number(c.maximum, decimals: 2), field(c.rule), field(s.cluster), field(c.criterion), c.stage?.rawValue ?? ""]
        }
    }

    /// `statistics.csv`: per indicator across units.
    public static func statistics(_ stats: [IndicatorStatistics]) -> CSVTable {
        var header = ["indicator", "name", "measure"]
        for what in ["completion", "result"] {
            header += ["count", "min", "median", "mean", "max", "sd"].map { "\(what)_\($0)" }
        }
        header += ["best_unit", "worst_unit"]
        let rows = stats.map { s -> [String] in
            var line = [s.code, field(s.name), field(s.measure.symbol)]
            for d in [s.completion, s.result] {
                line += [d.map { "\($0.count)" } ?? "0", number(d?.minimum, decimals: 2), number(d?.median, decimals: 2), number(d?.mean, decimals: 2),
                         number(d?.maximum, decimals: 2), number(d?.standardDeviation, decimals: 2)]
            }
            return line + [field(s.best?.code ?? ""), field(s.worst?.code ?? "")]
        }
        return file(header: header, rows: rows)
    }

    /// `movements.csv`: which unit's directive joins which national movement.
    public static func movements(_ unitDocuments: [(ReportingUnit, [DirectiveDocument])]) -> CSVTable {
        let header = ["unit", "name", "movement", "movement_name", "document"]
        var rows: [[String]] = []
        for (unit, documents) in unitDocuments {
            for d in documents {
                for code in d.metadata.movements {
                    rows.append([field(unit.code), field(unit.name), code, field(NationalMovement.named(code)?.name ?? code), field(d.path)])
                }
            }
        }
        return file(header: header, rows: rows)
    }

    /// `issues.csv`: the data-quality table.
    public static func issues(_ issues: [DataIssue]) -> CSVTable {
        // `rows`: how many rows of the file have this very problem (one line for them all).
        let header = ["severity", "file", "line", "cell", "message", "rows"]
        let rows = issues.map { i in
            [i.severity.rawValue, field(i.location?.file ?? ""), i.location.map { String($0.line) } ?? "", field(i.location?.cell ?? ""), field(i.text),
             String(i.occurrences)]
        }
        return file(header: header, rows: rows)
    }
}

/// A CSV table whose rows are made when it is written, one at a time.
public struct CSVTable: Sendable {
    public let header: [String]
    public let count: Int
    /// Row `i`, each field already quoted as needed (`CSVRendering.field`).
    public let row: @Sendable (Int) -> [String]

    public init(header: [String], count: Int, row: @escaping @Sendable (Int) -> [String]) {
        self.header = header
        self.count = count
        self.row = row
    }

    /// Every line, header first, each ending in a newline; the byte order mark is the file's.
    public func forEachLine(_ body: (String) throws -> Void) rethrows {
        try body(header.map(CSVRendering.field).joined(separator: ",") + "\n")
        for i in 0..<count { try body(row(i).joined(separator: ",") + "\n") }
    }

    /// The whole file as text, byte order mark included.
    public var text: String {
        var out = CSVRendering.byteOrderMark
        forEachLine { out += $0 }
        return out
    }
}
