import ChitieuModel
import Foundation
import Yams

/// Pipeline YAML problems in words an official understands: the line and column, the entry
/// and key in plain Vietnamese, and what the key should hold; keys at the wrong indent named.
enum YAMLErrors {
    /// The keys each level of a pipeline knows.
    static let topKeys: Set<String> = ["title", "period", "units", "plans", "actuals", "output", "reporting_body", "place", "date",
                                       "expected_half_year_share", "plausible_completion", "scoring", "store", "restate_weights",
                                       "clusters", "cluster_scoring", "points", "awards", "tie_breaks"]
    static let unitKeys: Set<String> = ["code", "name", "directives", "group"]
    static let bodyKeys: Set<String> = ["parent", "name"]
    static let scoringKeys: Set<String> = ["exceeded", "met", "not_met", "no_data", "partial", "cap", "weights"]
    static let clusterKeys: Set<String> = ["code", "name", "members", "scoring"]
    static let tableKeys: Set<String> = ["criteria", "bonus_after_normalising"]
    static let criterionKeys: Set<String> = ["code", "name", "kind", "indicator", "max_points", "formula", "cap"]
    static let awardsKeys: Set<String> = ["flag", "merit"]

    /// "; có phải actuals?" for the known keys nearest a misspelled one.
    static func nearest(_ key: String, in known: Set<String>) -> String {
        NameMatching.didYouMean(NameMatching.nearest(key, among: known.sorted().map { ($0, [NameMatching.loose($0)]) }, limit: 2))
    }

    /// "mục units thứ 2, khóa directives" for a coding path.
    static func describe(_ path: [any CodingKey]) -> String {
        var words: [String] = []
        var pending: String?
        for key in path {
            if let index = key.intValue {
                words.append("mục \(pending ?? "") thứ \(index + 1)".replacingOccurrences(of: "mục  ", with: "mục "))
                pending = nil
            } else {
                if let p = pending { words.append("khóa \(p)") }
                pending = key.stringValue
            }
        }
        if let p = pending { words.append("khóa \(p)") }
        return words.joined(separator: ", ")
    }

    /// What a key holds, in words, from the type the decoder wanted.
    static func expected(_ type: Any.Type, key: String?) -> String {
        // The keys that hold lists, whatever element the decoder was at.
        if let key, ["directives", "plans", "actuals"].contains(key) { return "một danh sách tệp (mỗi tệp một dòng bắt đầu bằng \"- \")" }
        if key == "units" { return "một danh sách đơn vị (mỗi đơn vị bắt đầu bằng \"- code:\")" }
        if key == "plausible_completion" { return "hai số trong ngoặc vuông, ví dụ [1, 1000]" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return key == "directives" || key == "plans" || key == "actuals" ? "một danh sách tệp" : "một danh sách" }
        if name.hasPrefix("Dictionary") || name.contains("Unit") || name.contains("Body") || name.contains("Scoring") { return "một nhóm khóa" }
        if name.contains("Double") || name.contains("Int") { return "một số" }
        if name.contains("Bool") { return "true hoặc false" }
        return "một dòng chữ"
    }

    /// The line and column of the node a coding path leads to, when the text parses.
    static func place(of path: [any CodingKey], in text: String) -> (line: Int, column: Int)? {
        guard var node = try? Yams.compose(yaml: text) else { return nil }
        for key in path {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
            } else if let mapping = node.mapping, let pair = mapping.first(where: { $0.key.string == key.stringValue }) {
                node = pair.value
            } else {
                break
            }
        }
        return node.mark.map { ($0.line, $0.column) }
    }

    /// Keys at a level that does not know them but another does: most often a line indented
    /// too little or too much.
    /// Unknown keys of clusters, their scoring tables and criteria, and of awards.
    static func misplacedClusterKeys(_ top: Node.Mapping) -> String? {
        func check(_ node: Node?, _ allowed: Set<String>, _ place: String) -> String? {
            for (key, _) in node?.mapping ?? Node.Mapping([]) {
                guard let k = key.string, !allowed.contains(k) else { continue }
                let at = key.mark.map { "dòng \($0.line), cột \($0.column): " } ?? ""
                return at + "\(place).\(k): không có khóa này\(nearest(k, in: allowed)); các khóa dùng được: \(allowed.sorted().joined(separator: ", "))"
            }
            return nil
        }
        func table(_ node: Node?, _ place: String) -> String? {
            if let bad = check(node, tableKeys, place) { return bad }
            for (i, criterion) in (node?.mapping?.first { $0.key.string == "criteria" }?.value.sequence ?? Node.Sequence([])).enumerated() {
                if let bad = check(criterion, criterionKeys, "\(place).criteria[\(i + 1)]") { return bad }
            }
            return nil
        }
        for (i, cluster) in (top.first { $0.key.string == "clusters" }?.value.sequence ?? Node.Sequence([])).enumerated() {
            if let bad = check(cluster, clusterKeys, "clusters[\(i + 1)]") { return bad }
            if let bad = table(cluster.mapping?.first { $0.key.string == "scoring" }?.value, "clusters[\(i + 1)].scoring") { return bad }
        }
        if let bad = table(top.first { $0.key.string == "cluster_scoring" }?.value, "cluster_scoring") { return bad }
        return check(top.first { $0.key.string == "awards" }?.value, awardsKeys, "awards")
    }

    static func misplacedKeys(in text: String) -> String? {
        guard let root = try? Yams.compose(yaml: text), let top = root.mapping else { return nil }
        for (key, _) in top {
            guard let k = key.string, !topKeys.contains(k) else { continue }
            let at = key.mark.map { "dòng \($0.line), cột \($0.column): " } ?? ""
            if unitKeys.contains(k) {
                return at + "khóa \(k) nằm ở cấp ngoài cùng nhưng thuộc về một đơn vị trong units: thụt lề cho thẳng với code và name của đơn vị đó"
            }
            let unitNear = nearest(k, in: unitKeys)
            if !unitNear.isEmpty, nearest(k, in: topKeys).isEmpty {
                return at + "\(k): không có khóa này ở cấp ngoài cùng\(unitNear) (khóa của một đơn vị trong units, thụt lề cho thẳng với code và name)"
            }
            return at + "\(k): không có khóa này trong pipeline\(nearest(k, in: topKeys)); các khóa dùng được: \(topKeys.sorted().joined(separator: ", "))"
        }
        for (name, allowed) in [("reporting_body", bodyKeys), ("scoring", scoringKeys)] {
            for (key, _) in top.first(where: { $0.key.string == name })?.value.mapping ?? Node.Mapping([]) {
                guard let k = key.string, !allowed.contains(k) else { continue }
                let at = key.mark.map { "dòng \($0.line), cột \($0.column): " } ?? ""
                return at + "\(name).\(k): không có khóa này\(nearest(k, in: allowed)); các khóa dùng được: \(allowed.sorted().joined(separator: ", "))"
            }
        }
        if let misplaced = misplacedClusterKeys(top) { return misplaced }
        for (index, unit) in (top.first { $0.key.string == "units" }?.value.sequence ?? Node.Sequence([])).enumerated() {
            for (key, _) in unit.mapping ?? Node.Mapping([]) {
                guard let k = key.string, !unitKeys.contains(k) else { continue }
                let at = key.mark.map { "dòng \($0.line), cột \($0.column): " } ?? ""
                if topKeys.contains(k) {
                    return at + "khóa \(k) nằm trong đơn vị thứ \(index + 1) của units nhưng là khóa của cả pipeline: bỏ thụt lề cho thẳng với units"
                }
                return at + "khóa \(k) của đơn vị thứ \(index + 1) không dùng được\(nearest(k, in: unitKeys)); một đơn vị có: code, name, directives, group"
            }
        }
        return nil
    }

    /// The whole message for a decoding error.
    static func message(for error: any Error, text: String) -> String {
        func at(_ path: [any CodingKey]) -> String {
            place(of: path, in: text).map { "dòng \($0.line), cột \($0.column): " } ?? ""
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let owner = context.codingPath.isEmpty ? "pipeline" : describe(context.codingPath)
            let need = context.codingPath.isEmpty ? "; một pipeline cần title, period, units, output" : ""
            return "\(at(context.codingPath))\(owner) thiếu khóa \(key.stringValue)\(need)"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            return "\(at(context.codingPath))\(describe(context.codingPath)) phải là \(expected(type, key: context.codingPath.last?.stringValue))"
        case DecodingError.dataCorrupted(let context):
            if let yaml = context.underlyingError as? YamlError { return message(for: yaml, text: text) }
            return "\(at(context.codingPath))\(describe(context.codingPath)): giá trị không đọc được"
        case let yaml as YamlError:
            // Syntax: Yams gives the place in its description ("7:5: ...").
            let text = "\(yaml)"
            if let match = text.range(of: #"(\d+):(\d+)"#, options: .regularExpression) {
                let parts = text[match].split(separator: ":")
                return "dòng \(parts[0]), cột \(parts[1]): YAML sai cú pháp (thường do thụt lề không đều hoặc thiếu dấu hai chấm sau khóa)"
            }
            return "YAML sai cú pháp (thường do thụt lề không đều hoặc thiếu dấu hai chấm sau khóa)"
        default:
            return "YAML không đọc được"
        }
    }
}
