import ChitieuModel
import Foundation

/// Rebuilds tables that a converter flattened to one cell per line:
///
///     STT / Chỉ tiêu / Đơn vị tính / Kế hoạch 2024 / 1 / Tốc độ tăng trưởng GRDP / % / 7,5
///
/// becomes one line per row, "Tốc độ tăng trưởng GRDP: 7,5%", which the extractor reads like
/// running text. A run that does not fit the header's column count is left as it is.
enum TableUnflattener {
    // The words of table headers (Resources/lexicon/layout.tsv).
    static let nameHeaders = WordTable.layout["table_name_header"]
    static let unitHeaders = WordTable.layout["table_unit_header"]
    static let planWords = WordTable.layout["table_plan_header"]
    static let pastWords = WordTable.layout["table_past_header"]
    static let numberHeaders = WordTable.layout["table_number_header"]
    static let valuePrefixes = WordTable.layout["table_value_prefix"]
    /// Words a header cell is made of.
    static let columnWords = nameHeaders + unitHeaders + planWords + pastWords + numberHeaders + WordTable.layout["table_header_word"]

    static func rebuild(_ lines: [RawLine]) -> [RawLine] {
        var result: [RawLine] = []
        var i = 0
        while i < lines.count {
            // "| Chỉ tiêu | Thực hiện 2024 | Kế hoạch 2025 |": a table kept on its lines.
            if lines[i].text.utf8.contains(UInt8(ascii: "|")), let (rows, used) = barredTable(at: i, in: lines) {
                result += rows
                i += used
            // A table starts with a short cell ("STT", "Chỉ tiêu"); longer lines are passed at once.
            } else if (1...30).contains(lines[i].text.utf8.count), let (rows, used) = table(at: i, in: lines) {
                result += rows
                i += used
            } else {
                result.append(lines[i])
                i += 1
            }
        }
        return result
    }

    static func key(_ s: String) -> String {
        s.lowercased().trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":.")))
    }

    /// The cells of a line written with "|" between them; nil when it has fewer than three.
    static func cells(_ line: String) -> [String]? {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.first?.isEmpty == true { parts.removeFirst() }
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts.count >= 3 ? parts : nil
    }

    /// The column of plan values among `columns` of a header: the one that names the plan,
    /// else the last that names no result.
    static func planColumn(_ header: [String], among columns: [Int]) -> Int? {
        columns.first(where: { c in planWords.contains { header[c].contains($0) } && !pastWords.contains { header[c].hasPrefix($0) } })
            ?? columns.last(where: { c in !pastWords.contains { header[c].hasPrefix($0) } })
    }

    /// One row as a line the extractor reads like running text: "Tổng vốn đầu tư: 33.000-34.000
    /// tỷ đồng." The unit comes from its column, or from brackets closing the name ("(tỷ đồng)").
    static func rowLine(name raw: String, unit column: String?, value: String, line: Int) -> RawLine? {
        var name = raw
        var unit = column ?? ""
        if column == nil, name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
            let inside = name[name.index(after: open)..<name.index(before: name.endIndex)].trimmingCharacters(in: .whitespaces)
            if inside.count <= 30 {
                unit = inside
                name = name[..<open].trimmingCharacters(in: .whitespaces)
            }
        }
        // A row has a name with letters and a value that starts with a number or a bound sign.
        guard name.contains(where: \.isLetter), name.count <= 200, unit.count <= 30,
              let first = value.first, first.isNumber || "≥≤><~".contains(first) || valuePrefixes.contains(where: { value.lowercased().hasPrefix($0) }) else { return nil }
        let joiner = unit == "%" || unit.isEmpty ? "" : " "
        return RawLine(text: "\(name): \(value)\(joiner)\(unit).", line: line)
    }

    /// A "|" table at `start`: a header with a name column and a plan column, then rows with as
    /// many cells.
    static func barredTable(at start: Int, in lines: [RawLine]) -> ([RawLine], Int)? {
        guard let header = cells(lines[start].text)?.map(key),
              let nameColumn = header.firstIndex(where: { nameHeaders.contains($0) }) else { return nil }
        let unitColumn = header.firstIndex(where: { unitHeaders.contains($0) })
        let valueColumns = header.indices.filter { $0 != nameColumn && $0 != unitColumn && !numberHeaders.contains(header[$0]) }
        guard let plan = planColumn(header, among: valueColumns) else { return nil }
        var rows: [RawLine] = []
        var k = start + 1
        while k < lines.count {
            // A rule line of dashes under the header ("|---|---|") is skipped.
            if lines[k].text.allSatisfy({ "|-: ".contains($0) }) { k += 1; continue }
            guard let row = cells(lines[k].text), row.count == header.count,
                  let line = rowLine(name: row[nameColumn], unit: unitColumn.map { row[$0] }, value: row[plan], line: lines[k].line) else { break }
            rows.append(line)
            k += 1
        }
        guard !rows.isEmpty else { return nil }
        return (rows, k - start)
    }

    /// A header at `start`: optional "STT", a name column, a unit column, value columns.
    static func table(at start: Int, in lines: [RawLine]) -> ([RawLine], Int)? {
        var header: [String] = []
        var j = start
        while j < lines.count, header.count < 8 {
            // Header cells are short: a long line ends the search before any string work.
            guard lines[j].text.utf8.count <= 80 else { break }
            let cell = key(lines[j].text)
            if cell.isEmpty { j += 1; continue }
            guard cell.count <= 40 else { break }
            if header.isEmpty, !(numberHeaders.contains(cell) || nameHeaders.contains(cell)) { return nil }
            // The header ends at the first cell that is a row number, or that names no column
            // (a table without numbered rows starts its first row with a name).
            if !header.isEmpty, Int(cell) != nil || !columnWords.contains(where: { cell.contains($0) }) { break }
            header.append(cell)
            j += 1
        }
        guard let nameColumn = header.firstIndex(where: { nameHeaders.contains($0) }), header.count >= 3 else { return nil }
        // The unit is in its own column, or in brackets after the name.
        let unitColumn = header.firstIndex(where: { unitHeaders.contains($0) })
        let valueColumns = header.indices.filter { $0 != nameColumn && $0 != unitColumn && !numberHeaders.contains(header[$0]) }
        guard let planColumn = planColumn(header, among: valueColumns) else { return nil }
        // Rows of exactly header.count non-empty cells follow.
        var rows: [RawLine] = []
        var k = j
        while true {
            var cells: [RawLine] = []
            var m = k
            while m < lines.count, cells.count < header.count {
                if !lines[m].text.trimmingCharacters(in: .whitespaces).isEmpty { cells.append(lines[m]) }
                m += 1
            }
            guard cells.count == header.count,
                  let row = rowLine(name: cells[nameColumn].text.trimmingCharacters(in: .whitespaces),
                                    unit: unitColumn.map { cells[$0].text.trimmingCharacters(in: .whitespaces) },
                                    value: cells[planColumn].text.trimmingCharacters(in: .whitespaces), line: cells[nameColumn].line) else { break }
            rows.append(row)
            k = m
        }
        guard rows.count >= 2 else { return nil }
        return (rows, k - start)
    }
}
