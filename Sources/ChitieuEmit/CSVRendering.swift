import ChitieuModel
import Foundation

/// CSV as programs read it: comma-separated, "." decimals, RFC 4180 quoting, UTF-8.
public enum CSVRendering {
    /// One field. Text that a spreadsheet would run as a formula ("=", "+", "-", "@") gets a
    /// leading apostrophe; numbers are written plainly.
    public static func field(_ text: String) -> String {
        var s = text
        if let first = s.first, "=+-@".contains(first) || first == "\t" || first == "\r" { s = "'" + s }
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            s = "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public static func number(_ value: Double?, decimals: Int? = nil) -> String {
        guard let value, value.isFinite else { return "" }
        if let decimals { return String(format: "%.\(decimals)f", value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // Shortest exact form: 7.5, 8962.72.
        return "\(value)"
    }

    public static func table(header: [String], rows: [[String]]) -> String {
        ([header.map(field)] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `evaluation.csv`: one row per unit × indicator × period.
    public static func evaluation(_ evaluations: [Evaluation]) -> String {
        let header = ["unit", "indicator", "name", "period", "comparator", "target", "target_max", "measure", "actual",
                      "actual_measure", "completion_pct", "status", "basis", "estimate", "unit_verdict", "target_text",
                      "target_location", "actual_source", "actual_location", "explanation"]
        let rows = evaluations.map { e -> [String] in
            [field(e.unit.code), field(e.indicator), field(e.target.name), e.period.description, e.target.comparator.rawValue,
             number(e.target.value), number(e.target.valueMax), field(e.target.unit.symbol),
             number(e.actual?.value), field(e.actual?.measure.symbol ?? ""), number(e.completion, decimals: 2),
             e.status.rawValue, e.actual?.basis.rawValue ?? "", e.actual.map { $0.status == .estimate ? "yes" : "no" } ?? "",
             field(e.actual?.verdict ?? ""), field(e.target.text), field(e.target.location?.description ?? ""),
             field(e.actual?.source ?? ""), field(e.actual?.location?.description ?? ""), field(e.explanation)]
        }
        return table(header: header, rows: rows)
    }
}
