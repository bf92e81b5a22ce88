import ChitieuModel
import Foundation

/// The JSON of `chitieu extract --format json`. The keys of the first contract (path,
/// metadata, indicators with name, value, valueMax, unit, comparator, text) never change.
public enum ExtractionOutput {
    public static func json(_ documents: [DirectiveDocument], catalogue: Catalogue) -> String {
        var out = "{\"documents\": [\n"
        out += documents.map { document($0, catalogue: catalogue) }.joined(separator: ",\n")
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
                ("confidence", t.catalogueConfidence.map(number) ?? "null"), ("approx", t.approx ? "true" : "false"),
                ("parent", string(t.parent)),
                ("location", t.location.map { object([("line", String($0.line)), ("column", $0.column.map(String.init) ?? "null")]) } ?? "null"),
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

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func string(_ s: String?) -> String {
        guard let s else { return "null" }
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
