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
    public var header: [String] { didSet { columns = Table.columnIndex(header) } }
    private var storedRows: [Row]
    /// The bytes of a CSV file below its header, parsed row by row when read.
    private var csvBody: CSVBody?
    /// The sheet of a workbook below its header, read row by row when the table is read.
    var workbookBody: WorkbookBody?
    /// Column positions by normalised name, computed once per header (not once per cell).
    private var columns: [String: Int] { didSet { contract = Table.contractIndex(columns) } }
    /// The positions of the contract columns present in the header.
    private var contract: [ContractColumn: Int] = [:]
    /// The text encoding of a CSV file (nil for a workbook).
    public var encoding: TableEncoding?
    /// The decimal mark numbers use in this file: "," for CSV saved by Excel on a Vietnamese
    /// system, "." for CSV written by programs, nil for XLSX (numbers are stored as numbers).
    public var decimalMark: Character?

    public init(path: String, sheet: String?, header: [String], rows: [Row], decimalMark: Character?) {
        self.path = path
        self.sheet = sheet
        self.header = header
        self.storedRows = rows
        self.decimalMark = decimalMark
        self.columns = Table.columnIndex(header)
        self.contract = Table.contractIndex(columns)
    }

    init(path: String, header: [String], csv body: CSVBody, decimalMark: Character) {
        self.init(path: path, sheet: nil, header: header, rows: [], decimalMark: decimalMark)
        csvBody = body
    }

    /// The table cut into at most `count` parts of about equal size, at row boundaries, each
    /// read on its own (a large CSV file read on two cores); one part for a workbook or a small file.
    public func parts(_ count: Int, minimumBytes: Int = 32 << 20) throws(IngestError) -> [Table] {
        guard count > 1, let csv = csvBody, csv.end == nil else { return [self] }
        let size = try ChunkedFile.size(path: path, memory: csv.memory)
        guard size - csv.start >= max(minimumBytes, 1) else { return [self] }
        // Read up to the middle, then to the end of the record there, counting lines.
        let file = try ChunkedFile(path: path, from: csv.start, memory: csv.memory)
        var scanner = RecordBoundaries(separator: csv.separator)
        let middle = (size - csv.start) / 2
        var read = 0
        var cut: Int?
        while cut == nil {
            let chunk = try file.next()
            if chunk.isEmpty { return [self] }
            cut = scanner.scan(chunk, stopAtRecordEndFrom: middle - read)
            read += chunk.count
        }
        guard let cut else { return [self] }
        var first = self, second = self
        first.csvBody = CSVBody(start: csv.start, line: csv.line, separator: csv.separator, end: csv.start + cut, memory: csv.memory)
        second.csvBody = CSVBody(start: csv.start + cut, line: csv.line + scanner.lineBreaks, separator: csv.separator, memory: csv.memory)
        return [first, second]
    }

    /// The field separator of a CSV file, in words.
    public var separatorName: String {
        switch csvBody?.separator {
        case UInt8(ascii: ";"): "dấu chấm phẩy (;)"
        case UInt8(ascii: "\t"): "dấu tab"
        case UInt8(ascii: ","): "dấu phẩy (,)"
        default: "ô của sổ tính"
        }
    }

    /// Calls `body` with every row that is not blank, in file order.
    public func forEachRow(_ body: (Row) -> Void) throws(IngestError) {
        if let workbook = workbookBody {
            // Streamed: a million-row workbook is never held as cells.
            try withoutActuallyEscaping(body) { (body: @escaping (Row) -> Void) throws(IngestError) in
                do {
                    try XlsxDocument(url: workbook.url).forEachRow(ofSheet: workbook.sheet) { row, cells in
                        guard row > workbook.headerRow else { return true }
                        let values = XlsxSheet.texts(cells)
                        if values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return true }
                        let numeric = Set(cells.compactMap { column, cell -> Int? in
                            if case .number = cell.value { return column } else { return nil }
                        })
                        body(Row(line: row + 1, values: values, numericColumns: numeric))
                        return true
                    }
                } catch {
                    throw .malformedTable(path: path, detail: "\(error)")
                }
            }
            return
        }
        guard let csv = csvBody else {
            storedRows.forEach(body)
            return
        }
        // Blank rows (all cells empty or spaces) are skipped, as Excel leaves them.
        try CSVParser.forEachRecord(of: csv, path: path) { row in
            if !row.values.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { body(row) }
        }
    }

    /// How many non-blank rows of a workbook are searched for the header.
    static let headerSearchRows = 100

    /// The index of a column by name, ignoring case, spaces and underscores.
    public func column(_ name: String) -> Int? {
        if let known = columns[name] { return known < 0 ? nil : known }
        return columns[Table.key(name)]
    }

    /// The column names of the plan and result contracts, answered (found or not) without
    /// normalising on every cell.
    static let contractColumns = ContractColumn.allCases.map(\.rawValue)

    /// The position of a contract column, found once per table; nil when the header lacks it.
    public func column(_ name: ContractColumn) -> Int? {
        contract[name]
    }

    private static func contractIndex(_ columns: [String: Int]) -> [ContractColumn: Int] {
        var index: [ContractColumn: Int] = [:]
        for column in ContractColumn.allCases { index[column] = columns[column.rawValue].flatMap { $0 < 0 ? nil : $0 } }
        return index
    }

    /// Each header cell by its normalised name and, for the common case, by the name as asked.
    private static func columnIndex(_ header: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, title) in header.enumerated() where index[key(title)] == nil { index[key(title)] = i }
        // Readers ask by the names of the contract ("target_max"): answer those without normalising.
        for (i, title) in header.enumerated() where index[title] == nil && index[key(title)] == i { index[title] = i }
        for name in contractColumns where index[name] == nil { index[name] = index[key(name)] ?? -1 }
        return index
    }

    /// An error naming the required columns the header lacks, or nil when all are there.
    public func missingColumns(_ required: [String], kind: String) -> DataIssue? {
        let missing = required.filter { column($0) == nil }
        guard !missing.isEmpty else { return nil }
        var issue = DataIssue.unreadable(
            "thiếu cột \(missing.joined(separator: ", ")); \(kind) cần các cột \(required.joined(separator: ", ")) (có: \(header.joined(separator: ", ")))",
            file: path)
        issue.location?.cell = sheet.map { "\($0)!1" }
        return issue
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

/// The columns of the plan and result tables, as named in the README.
public enum ContractColumn: String, CaseIterable, Sendable {
    case unit, indicator, name, measure, comparator, target, targetMax = "target_max", period
    case direction, kind, catalogue, source, value, basis, status, verdict
    // Points files of emulation clusters.
    case criterion, points, stage, note
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
        return try CSVParser.table(path: path)
    }

    static func readWorkbook(url: URL, path: String) throws(IngestError) -> Table {
        do {
            let document = try XlsxDocument(url: url)
            guard let name = document.sheetNames.first else {
                throw IngestError.malformedTable(path: path, detail: "sổ tính không có trang nào")
            }
            // The header is the first row naming unit and indicator (or criterion, in a points
            // form) within the first rows, else the first row; only those rows are read now, the
            // rest when the table is read.
            var header: (row: Int, values: [String])?
            var first: (row: Int, values: [String])?
            var seen = 0
            try document.forEachRow(ofSheet: name) { row, cells in
                let values = XlsxSheet.texts(cells)
                guard !values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return true }
                if first == nil { first = (row, values) }
                if values.contains(where: { Table.key($0) == "unit" }) && values.contains(where: { ["indicator", "criterion"].contains(Table.key($0)) }) {
                    header = (row, values)
                    return false
                }
                seen += 1
                return seen < Table.headerSearchRows
            }
            guard let found = header ?? first else { throw IngestError.empty(path: path) }
            var table = Table(path: path, sheet: name, header: found.values.map { $0.trimmingCharacters(in: .whitespaces) }, rows: [], decimalMark: nil)
            table.workbookBody = WorkbookBody(url: url, sheet: name, headerRow: found.row)
            return table
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
///
/// Works on the UTF-8 bytes: one pass finds the fields, and a field becomes a String only once
/// (repeated values such as unit codes, indicator names and measures share one copy). Fields
/// are NFC-normalised only when they hold combining marks (U+0300-U+036F, bytes CC/CD), which
/// is how decomposed Vietnamese text arrives.
enum CSVParser {
    /// Bytes read at a time: the file is never held whole (a national results file is 113 MB).
    static let chunkSize = 4 << 20

    /// Reads the header; the rows are read from the file when the table is read.
    static func table(path: String) throws(IngestError) -> Table {
        // Excel saves CSV as UTF-8, as UTF-16 ("Unicode Text") or, as plain "CSV" on a
        // Vietnamese Windows, in Windows-1258: the first bytes tell which. Text not in UTF-8 is
        // converted whole (such files are typed by hand, not national extracts).
        let first = try ChunkedFile(path: path).next()
        guard !first.isEmpty else { throw .empty(path: path) }
        let encoding = TableEncoding.sniff(first)
        var memory: [UInt8]?
        if encoding != .utf8 {
            let all: [UInt8]
            do { all = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch { throw .unreadable(path: path, reason: error.localizedDescription) }
            let utf16 = encoding == .utf16LittleEndian || encoding == .utf16BigEndian
            if utf16, all.count % 2 != 0 {
                throw .malformedTable(path: path, detail: "tệp mã \(encoding.rawValue) có số byte lẻ, tức là bị cắt hoặc lẫn byte lạ; hãy lưu lại từ Excel (Unicode Text hoặc CSV UTF-8)")
            }
            guard let converted = encoding.utf8(all) else {
                if utf16 { throw .malformedTable(path: path, detail: "không đọc được theo mã \(encoding.rawValue); hãy lưu lại từ Excel dưới dạng CSV UTF-8") }
                throw .invalidEncoding(path: path, line: 1)
            }
            memory = converted
        }
        let file = try ChunkedFile(path: path, memory: memory)
        var bytes: [UInt8] = []
        // The header is the first record: read until a line ends outside quotes.
        var cut = 0
        repeat {
            let chunk = try file.next()
            if chunk.isEmpty { cut = bytes.count; break }
            bytes += chunk
            cut = recordsEnd(bytes, separator: bytes.withUnsafeBufferPointer { guessSeparator($0) })
        } while cut == 0
        guard !bytes.isEmpty else { throw .empty(path: path) }
        let skip = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        return try bytes.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(IngestError) -> Table in
            let head = UnsafeBufferPointer(rebasing: all[skip..<max(cut, skip)])
            if let line = UTF8Validation.firstInvalidLine(head) { throw .invalidEncoding(path: path, line: line) }
            let separator = guessSeparator(head)
            var header: Table.Row?
            var strings = FieldStrings()
            let end = try records(head, from: 0, line: 1, separator: separator, path: path, strings: &strings) { row in
                header = row
                return false
            }
            guard let header else { throw .empty(path: path) }
            let body = CSVBody(start: skip + end.offset, line: end.line, separator: separator, memory: memory)
            // Excel on a Vietnamese system writes ";" between fields and "," as the decimal mark.
            let mark: Character = separator == UInt8(ascii: ";") ? "," : "."
            var table = Table(path: path, header: header.values.map { $0.trimmingCharacters(in: .whitespaces) }, csv: body, decimalMark: mark)
            table.encoding = encoding
            return table
        }
    }

    /// Where the last complete record of `bytes` ends (after its line break outside quotes), or
    /// 0 when no record ends in them.
    static func recordsEnd(_ bytes: [UInt8], separator: UInt8) -> Int {
        var scanner = RecordBoundaries(separator: separator)
        _ = scanner.scan(bytes)
        return scanner.lastEnd
    }

    /// Parses the body of a CSV table one record at a time, reading the file a chunk at a time.
    static func forEachRecord(of csv: CSVBody, path: String, _ body: (Table.Row) -> Void) throws(IngestError) {
        let file = try ChunkedFile(path: path, from: csv.start, to: csv.end, memory: csv.memory)
        var strings = FieldStrings()
        var pending: [UInt8] = []
        var line = csv.line
        while true {
            let chunk = try file.next()
            let atEnd = chunk.isEmpty
            pending += chunk
            // Whole records only; the unfinished one waits for the next chunk.
            let cut = atEnd ? pending.count : recordsEnd(pending, separator: csv.separator)
            if cut > 0 {
                line = try pending.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(IngestError) -> Int in
                    let part = UnsafeBufferPointer(rebasing: all[0..<cut])
                    if let bad = UTF8Validation.firstInvalidLine(part) { throw .invalidEncoding(path: path, line: line + bad - 1) }
                    return try records(part, from: 0, line: line, separator: csv.separator, path: path, strings: &strings) { row in
                        body(row)
                        return true
                    }.line
                }
                pending.removeSubrange(0..<cut)
            }
            if atEnd { return }
        }
    }

    /// The separator used most on the first line, outside quotes: ";", tab or ",".
    static func guessSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0, UInt8(ascii: ","): 0]
        var quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if b == UInt8(ascii: "\n") { break }
            if counts[b] != nil { counts[b]! += 1 }
        }
        // Ties go to ",", the RFC's separator.
        return [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")].max { counts[$0]! < counts[$1]! } ?? UInt8(ascii: ",")
    }

    /// Reads records from `offset` on, handing each to `body` until it returns false; returns
    /// where reading stopped and the line there.
    static func records(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, line startLine: Int, separator: UInt8, path: String,
                        strings: inout FieldStrings, _ body: (Table.Row) -> Bool) throws(IngestError) -> (offset: Int, line: Int) {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        var fields: [String] = []
        var line = startLine
        var recordLine = startLine
        var i = offset
        let n = bytes.count
        var escaped: [UInt8] = []
        while i < n {
            // One field.
            if bytes[i] == quote {
                i += 1
                escaped.removeAll(keepingCapacity: true)
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote { escaped.append(quote); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if b == newline { line += 1 }
                    escaped.append(b)
                    i += 1
                }
                if !closed { throw .malformedTable(path: path, detail: "dòng \(recordLine): dấu ngoặc kép mở nhưng không đóng") }
                // Text after the closing quote, up to the separator, is kept as Excel does.
                let tail = i
                while i < n, bytes[i] != separator, bytes[i] != newline, bytes[i] != carriage { i += 1 }
                escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[tail..<i]))
                fields.append(escaped.withUnsafeBufferPointer { strings.make($0) })
            } else {
                let start = i
                while i < n, bytes[i] != separator, bytes[i] != newline, bytes[i] != carriage { i += 1 }
                fields.append(strings.make(UnsafeBufferPointer(rebasing: bytes[start..<i])))
            }
            // What ends it.
            if i < n, bytes[i] == separator {
                i += 1
                if i == n { fields.append("") }
                continue
            }
            if i < n, bytes[i] == carriage { i += 1 }
            if i < n, bytes[i] == newline { i += 1 }
            line += 1
            let more = body(Table.Row(line: recordLine, values: fields))
            fields.removeAll(keepingCapacity: true)
            recordLine = line
            if !more { return (i, line) }
        }
        if !fields.isEmpty { _ = body(Table.Row(line: recordLine, values: fields)) }
        return (i, line)
    }
}

/// Where the rows of a workbook's table are: its file, its sheet and the header's row.
struct WorkbookBody: Sendable {
    let url: URL
    let sheet: String
    let headerRow: Int
}

/// Where the rows of a CSV table start in its file.
struct CSVBody: Sendable {
    /// The byte offset of the first row, and its line.
    let start: Int
    let line: Int
    let separator: UInt8
    /// Where the rows stop; nil for the end of the file.
    var end: Int? = nil
    /// The text converted to UTF-8, for a file in another encoding; nil: read the file.
    var memory: [UInt8]? = nil
}

/// Finds where records end in bytes read one chunk after another, as `CSVParser.records`
/// reads them (a field is quoted only when it starts with a quote, and "" inside it is one
/// quote), and counts the line breaks on the way.
struct RecordBoundaries {
    let separator: UInt8
    /// Just after the last record end seen, counted from the first chunk; 0 before any.
    private(set) var lastEnd = 0
    /// The line breaks seen so far, quoted ones included (the parser counts them too).
    private(set) var lineBreaks = 0
    private var inQuotes = false
    private var fieldStart = true
    private var pendingQuote = false
    private var offset = 0

    init(separator: UInt8) { self.separator = separator }

    /// Scans the next chunk; stops at the first record end at or after `from` bytes into this
    /// chunk and returns the place just after it.
    mutating func scan(_ bytes: [UInt8], stopAtRecordEndFrom from: Int = .max) -> Int? {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        defer { offset += bytes.count }
        for i in bytes.indices {
            let b = bytes[i]
            if b == newline { lineBreaks += 1 }
            if pendingQuote {
                // The quote before closed the field unless this one doubles it.
                pendingQuote = false
                if b == quote { continue }
                inQuotes = false
            }
            if inQuotes {
                if b == quote { pendingQuote = true }
            } else if b == quote, fieldStart {
                inQuotes = true
                fieldStart = false
            } else {
                fieldStart = b == separator || b == newline
                if b == newline {
                    lastEnd = offset + i + 1
                    if i >= from { return lastEnd }
                }
            }
        }
        return nil
    }
}

/// A file read a chunk at a time.
final class ChunkedFile {
    private let handle: FileHandle?
    private let memory: [UInt8]?
    private var offset: Int
    private let path: String
    private var remaining: Int

    /// Reads the file, or `memory` (its text already converted) when given.
    init(path: String, from offset: Int = 0, to end: Int? = nil, memory: [UInt8]? = nil) throws(IngestError) {
        self.path = path
        self.offset = offset
        self.memory = memory
        remaining = (end ?? memory?.count).map { $0 - offset } ?? .max
        if memory != nil {
            handle = nil
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "không mở được tệp") }
        self.handle = handle
        do { try handle.seek(toOffset: UInt64(offset)) } catch { throw .unreadable(path: path, reason: error.localizedDescription) }
    }

    deinit { try? handle?.close() }

    /// The size of what is read: the converted text, or the file.
    static func size(path: String, memory: [UInt8]?) throws(IngestError) -> Int {
        if let memory { return memory.count }
        do {
            return Int((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0)
        } catch { throw .unreadable(path: path, reason: error.localizedDescription) }
    }

    /// The next bytes; empty at the end.
    func next(size: Int = CSVParser.chunkSize) throws(IngestError) -> [UInt8] {
        guard remaining > 0 else { return [] }
        if let memory {
            let count = min(size, remaining, memory.count - offset)
            guard count > 0 else { return [] }
            defer { offset += count; remaining -= count }
            return Array(memory[offset..<(offset + count)])
        }
        guard let handle else { return [] }
        do {
            let bytes = [UInt8](try handle.read(upToCount: min(size, remaining)) ?? Data())
            remaining -= bytes.count
            return bytes
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }
}

/// Makes field strings, sharing one copy of every short value seen before and normalising
/// decomposed text.
struct FieldStrings {
    private var seen: [Int: [String]] = [:]

    mutating func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 bytes a String holds its text inline; long, unique-looking fields (notes,
        // URLs) are not worth remembering.
        guard bytes.count > 15, bytes.count <= 96 else { return decode(bytes) }
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let key = hasher.finalize()
        if let candidates = seen[key] {
            for s in candidates where s.utf8.elementsEqual(bytes) { return s }
        }
        let s = decode(bytes)
        // Equal only to its own bytes when no normalisation changed it.
        if s.utf8.elementsEqual(bytes) { seen[key, default: []].append(s) }
        return s
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(where: { $0 == 0xCC || $0 == 0xCD }) ? s.precomposedStringWithCanonicalMapping : s
    }
}
