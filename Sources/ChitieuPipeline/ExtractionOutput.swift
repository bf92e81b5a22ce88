import ChitieuEmit
import ChitieuModel
import Foundation

/// The JSON of `chitieu extract --format json`. The keys of the first contract (path,
/// metadata, indicators with name, value, valueMax, unit, comparator, text) never change.
public enum ExtractionOutput {
    public static func json(_ documents: [DirectiveDocument], catalogue: Catalogue) -> String {
        var out = "{\"documents\": [\n"
        // Each document's text is made on its own, so on every core.
        out += ConcurrentParts<String>.map(documents.count) { document(documents[$0], catalogue: catalogue) }.joined(separator: ",\n")
        out += "\n]}\n"
        return out
    }

    static func document(_ d: DirectiveDocument, catalogue: Catalogue) -> String {
        let m = d.metadata
        let metadata = object([
            ("type", string(m.type)), ("number", string(m.number)), ("issuer", string(m.issuer)), ("place", string(m.place)),
            ("date", string(m.date)), ("signer", string(m.signer)), ("planYear", m.planYear.map(String.init) ?? "null"),
            ("title", string(m.title)), ("theme", string(m.theme)), ("reporting", string(m.reporting)),
            ("movements", "[" + m.movements.map { string($0) }.joined(separator: ", ") + "]"),
            ("cites", "[" + m.cites.map { string($0) }.joined(separator: ", ") + "]"),
        ])
        let indicators = d.targets.map { t -> String in
            let entry = t.catalogueCode.flatMap { catalogue[$0] }
            return "    " + object([
                ("name", string(t.name)), ("value", number(t.value)), ("valueMax", t.valueMax.map(number) ?? "null"),
                ("unit", string(t.unit.display)), ("comparator", string(t.comparator.rawValue)), ("text", string(t.text)),
                ("id", string(t.id)), ("percentagePoints", t.unit == .percentagePoint ? "true" : "false"),
                ("catalogue", string(t.catalogueCode)), ("sector", string(entry?.sector.rawValue)),
                ("confidence", t.catalogueConfidence.map(number) ?? "null"), ("review", t.needsReview ? "true" : "false"),
                ("approx", t.approx ? "true" : "false"),
                ("parent", string(t.parent)),
                ("location", t.location.map { object([("line", String($0.line)), ("column", $0.column.map(String.init) ?? "null")]) } ?? "null"),
                ("evidence", "[" + t.evidence.map { string($0) }.joined(separator: ", ") + "]"),
                ("repeatedAt", "[" + t.repeatedAt.map { object([("line", String($0.line)), ("column", $0.column.map(String.init) ?? "null")]) }.joined(separator: ", ") + "]"),
            ])
        }
        let qualitative = d.qualitative.map { q in
            "    " + object([("text", string(q.text)),
                             ("location", q.location.map { object([("line", String($0.line)), ("column", $0.column.map(String.init) ?? "null")]) } ?? "null")])
        }
        return "  {\"path\": \(string(d.path)), \"metadata\": \(metadata),\n   \"indicators\": [\n"
            + indicators.joined(separator: ",\n") + (indicators.isEmpty ? "" : "\n") + "   ],\n   \"qualitative\": [\n"
            + qualitative.joined(separator: ",\n") + (qualitative.isEmpty ? "" : "\n") + "   ]}"
    }

    /// `chitieu extract --explain`: every number of each text, kept or left out, and why.
    public static func explanation(_ documents: [DirectiveDocument]) -> String {
        var out = ""
        for d in documents {
            let kept = d.decisions.filter(\.kept).count
            out += "\(d.path): năm kế hoạch \(d.metadata.planYear.map(String.init) ?? "không rõ"); \(d.decisions.count) số, giữ \(kept) chỉ tiêu\n"
            for decision in d.decisions {
                let place = decision.location.map { "\($0.line):\($0.column ?? 0)" } ?? "-"
                let mark = decision.kept ? "giữ" : "bỏ "
                out += "  \(place.padding(toLength: 7, withPad: " ", startingAt: 0)) \(mark)  \(decision.text): \(decision.reason)\n"
            }
        }
        return out
    }

    /// One row per target, for spreadsheets and scripts.
    public static func csv(_ documents: [DirectiveDocument], catalogue: Catalogue) -> String {
        let header = ["document", "id", "name", "comparator", "value", "value_max", "unit", "percentage_points", "approx", "parent",
                      "catalogue", "sector", "confidence", "review", "line", "column", "text"]
        var rows: [[String]] = []
        for d in documents {
            for t in d.targets {
                let entry = t.catalogueCode.flatMap { catalogue[$0] }
                rows.append([CSVRendering.field(d.path), t.id, CSVRendering.field(t.name), t.comparator.rawValue, CSVRendering.number(t.value),
                             CSVRendering.number(t.valueMax), CSVRendering.field(t.unit.display), t.unit == .percentagePoint ? "yes" : "no",
                             t.approx ? "yes" : "no", CSVRendering.field(t.parent ?? ""), t.catalogueCode ?? "", entry?.sector.rawValue ?? "",
                             CSVRendering.number(t.catalogueConfidence), t.needsReview ? "yes" : "no",
                             t.location.map { String($0.line) } ?? "", t.location?.column.map(String.init) ?? "", CSVRendering.field(t.text)])
            }
        }
        return CSVRendering.table(header: header, rows: rows)
    }

    /// What a person reads in a terminal: the document's facts, then its targets in columns.
    public static func table(_ documents: [DirectiveDocument]) -> String {
        var out = ""
        for d in documents {
            let m = d.metadata
            let heading = [m.type, m.number.map { "số " + $0 }, m.issuer, m.date.map { "ngày " + $0 }].compactMap { $0 }.joined(separator: " · ")
            out += "\(d.path)\n  \(heading.isEmpty ? "(không rõ văn bản)" : heading)\n"
            if d.targets.isEmpty { out += "  Không có chỉ tiêu định lượng.\n" }
            let rows = d.targets.map { t -> [String] in
                [t.id.split(separator: "-").last.map(String.init) ?? t.id, (t.parent == nil ? "" : "  ") + t.name,
                 t.plainText, t.catalogueCode ?? "-", t.needsReview ? "xem lại" : "",
                 t.location.map { "\($0.line):\($0.column ?? 0)" } ?? ""]
            }
            let header = ["#", "Chỉ tiêu", "Yêu cầu", "Mã", "", "Dòng"]
            let widths = (0..<header.count).map { c in min(c == 1 ? 60 : 30, ([header] + rows).map { $0[c].count }.max() ?? 0) }
            func line(_ cells: [String]) -> String {
                "  " + cells.enumerated().map { i, cell in
                    let cut = cell.count > widths[i] ? String(cell.prefix(widths[i] - 1)) + "…" : cell
                    return cut + String(repeating: " ", count: max(0, widths[i] - cut.count))
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            }
            if !rows.isEmpty {
                out += line(header)
                for r in rows { out += line(r) }
            }
            if !d.qualitative.isEmpty {
                out += "  Chỉ tiêu định tính:\n"
                for q in d.qualitative { out += "  - \(q.text)\n" }
            }
            out += "\n"
        }
        return out
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// A JSON number: the CSV spelling (2460, 7.5), or null when not finite.
    static func number(_ v: Double) -> String {
        v.isFinite ? CSVRendering.number(v) : "null"
    }

    static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        // Most strings need no escape: checked on their bytes, then copied whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
