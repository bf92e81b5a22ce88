import Foundation

/// Rebuilds tables that a converter flattened to one cell per line:
///
///     STT / Chỉ tiêu / Đơn vị tính / Kế hoạch 2024 / 1 / Tốc độ tăng trưởng GRDP / % / 7,5
///
/// becomes one line per row, "Tốc độ tăng trưởng GRDP: 7,5%", which the extractor reads like
/// running text. A run that does not fit the header's column count is left as it is.
enum TableUnflattener {
    static let nameHeaders = ["chỉ tiêu", "tên chỉ tiêu", "nội dung", "chỉ tiêu chủ yếu", "danh mục"]
    static let unitHeaders = ["đơn vị tính", "đvt", "đơn vị"]
    static let planWords = ["kế hoạch", "chỉ tiêu", "mục tiêu", "phấn đấu", "giao"]
    static let pastWords = ["thực hiện", "ước", "so sánh", "tỷ lệ", "ghi chú", "cùng kỳ"]

    static func rebuild(_ lines: [RawLine]) -> [RawLine] {
        var result: [RawLine] = []
        var i = 0
        while i < lines.count {
            // A table starts with a short cell ("STT", "Chỉ tiêu"); longer lines are passed at once.
            if (1...30).contains(lines[i].text.utf8.count), let (rows, used) = table(at: i, in: lines) {
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
            if header.isEmpty, !(["stt", "tt", "số tt"].contains(cell) || nameHeaders.contains(cell)) { return nil }
            // The header ends at the first cell that is a row number.
            if !header.isEmpty, Int(cell) != nil { break }
            header.append(cell)
            j += 1
        }
        guard let nameColumn = header.firstIndex(where: { nameHeaders.contains($0) }),
              let unitColumn = header.firstIndex(where: { unitHeaders.contains($0) }), header.count >= 3 else { return nil }
        let valueColumns = header.indices.filter { $0 != nameColumn && $0 != unitColumn && !["stt", "tt", "số tt"].contains(header[$0]) }
        guard let planColumn = valueColumns.first(where: { c in planWords.contains { header[c].contains($0) } && !pastWords.contains { header[c].hasPrefix($0) } })
            ?? valueColumns.last(where: { c in !pastWords.contains { header[c].hasPrefix($0) } }) else { return nil }
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
            guard cells.count == header.count else { break }
            let name = cells[nameColumn].text.trimmingCharacters(in: .whitespaces)
            let value = cells[planColumn].text.trimmingCharacters(in: .whitespaces)
            let unit = cells[unitColumn].text.trimmingCharacters(in: .whitespaces)
            // A row has a name with letters and a value that starts with a number or a bound sign.
            guard name.contains(where: \.isLetter), name.count <= 200, unit.count <= 30,
                  let first = value.first, first.isNumber || "≥≤><~".contains(first) || value.hasPrefix("Trên") || value.hasPrefix("trên") else { break }
            let joiner = unit == "%" || unit.isEmpty ? "" : " "
            rows.append(RawLine(text: "\(name): \(value)\(joiner)\(unit).", line: cells[nameColumn].line))
            k = m
        }
        guard rows.count >= 2 else { return nil }
        return (rows, k - start)
    }
}
