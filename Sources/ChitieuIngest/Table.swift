import ChitieuModel
import Foundation
import Spreadsheet
import XlsxReader

/// A table read from CSV or XLSX: a header and rows, each cell with its place in the file.
public struct Table: Sendable {
    public struct Row: Sendable {
        /// 1-based row in the file (the header is row 1 in most files).
        public var line: Int
        public var values: [String]
        /// Columns whose cell was stored as a number (XLSX only).
        public var numericColumns: Set<Int> = []
    }

    public var path: String
    /// The sheet the table came from, for workbooks.
    public var sheet: String?
    public var header: [String]
    public var rows: [Row]
    /// The decimal mark numbers use in this file: "," for CSV saved by Excel on a Vietnamese
    /// system, "." for CSV written by programs, nil for XLSX (numbers are stored as numbers).
    public var decimalMark: Character?

    /// The index of a column by name, ignoring case, spaces and underscores.
    public func column(_ name: String) -> Int? {
        let key = Table.key(name)
        return header.firstIndex { Table.key($0) == key }
    }

    /// An error naming the required columns the header lacks, or nil when all are there.
    public func missingColumns(_ required: [String], kind: String) -> DataIssue? {
        let missing = required.filter { column($0) == nil }
        guard !missing.isEmpty else { return nil }
        return DataIssue(.error,
            "thiếu cột \(missing.joined(separator: ", ")); \(kind) cần các cột \(required.joined(separator: ", ")) (có: \(header.joined(separator: ", ")))",
            at: SourceLocation(file: path, line: 1, cell: sheet.map { "\($0)!1" }))
    }

    /// A cell reference a person can find: "D7" in a workbook, "dòng 7, cột value" in CSV.
    public func place(row: Row, column: Int) -> String {
        if let sheet {
            return "\(sheet)!\(CellReference(row: row.line - 1, column: column))"
        }
        let name = header.indices.contains(column) ? header[column] : String(column + 1)
        return "cột \(name)"
    }

    static func key(_ s: String) -> String {
        s.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
    }
}

/// Reads tables from CSV (both dialects) and XLSX files.
public enum TableReader {
    /// Reads a CSV file, or the first sheet of a workbook.
    public static func read(path: String) throws(IngestError) -> Table {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(path: path) }
        switch url.pathExtension.lowercased() {
        case "xlsx", "xlsm": return try readWorkbook(url: url, path: path)
        case "csv", "txt", "tsv": break
        default: throw .unsupportedFormat(path: path, detail: "chỉ đọc được bảng .csv và .xlsx")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: path, reason: error.localizedDescription) }
        guard !data.isEmpty else { throw .empty(path: path) }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw .invalidEncoding(path: path, line: 1)
        }
        return try CSVParser.table(from: text.precomposedStringWithCanonicalMapping, path: path)
    }

    static func readWorkbook(url: URL, path: String) throws(IngestError) -> Table {
        do {
            let document = try XlsxDocument(url: url)
            guard let name = document.sheetNames.first else {
                throw IngestError.malformedTable(path: path, detail: "sổ tính không có trang nào")
            }
            let content = try document.sheet(named: name)
            let rows = content.rowsAsText.filter { !$0.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
            func numeric(_ row: Int) -> Set<Int> {
                Set((content.cells[row] ?? [:]).compactMap { column, cell in
                    if case .number = cell.value { return column } else { return nil }
                })
            }
            guard let headerIndex = rows.firstIndex(where: { row in
                row.values.contains { Table.key($0) == "unit" } && row.values.contains { Table.key($0) == "indicator" }
            }) ?? rows.indices.first else { throw IngestError.empty(path: path) }
            let header = rows[headerIndex].values.map { $0.trimmingCharacters(in: .whitespaces) }
            let body = rows[(headerIndex + 1)...].map {
                Table.Row(line: $0.row + 1, values: $0.values, numericColumns: numeric($0.row))
            }
            return Table(path: path, sheet: name, header: header, rows: body, decimalMark: nil)
        } catch let error as XlsxReadError {
            throw .malformedTable(path: path, detail: error.description)
        } catch let error as IngestError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }
}

/// RFC 4180 CSV with the dialect guessed from the header: "," or ";" (or tab) as separator.
enum CSVParser {
    static func table(from text: String, path: String) throws(IngestError) -> Table {
        let firstLine = text.prefix { $0 != "\n" }
        let separator: Character = [";", "\t", ","].max { a, b in
            firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count
        } ?? ","
        let records = try records(text, separator: separator, path: path)
        guard let header = records.first else { throw .empty(path: path) }
        let rows = records.dropFirst().filter { !$0.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        // Excel on a Vietnamese system writes ";" between fields and "," as the decimal mark.
        let mark: Character = separator == ";" ? "," : "."
        return Table(path: path, sheet: nil, header: header.values.map { $0.trimmingCharacters(in: .whitespaces) },
                     rows: Array(rows), decimalMark: mark)
    }

    static func records(_ text: String, separator: Character, path: String) throws(IngestError) -> [Table.Row] {
        var rows: [Table.Row] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true
            case separator:
                fields.append(field)
                field = ""
            case "\n", "\r\n":
                fields.append(field)
                rows.append(Table.Row(line: recordLine, values: fields))
                fields = []
                field = ""
                line += 1
                recordLine = line
            default: field.append(c)
            }
        }
        if inQuotes { throw .malformedTable(path: path, detail: "dòng \(recordLine): dấu ngoặc kép mở nhưng không đóng") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Table.Row(line: recordLine, values: fields))
        }
        return rows
    }
}
