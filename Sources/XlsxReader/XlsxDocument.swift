import Foundation
import Spreadsheet
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Why a workbook could not be read, naming the file and the part.
public enum XlsxReadError: Error, Sendable, CustomStringConvertible, Equatable {
    case notAZip(file: String)
    /// A zip whose directory does not match its contents (cut, or bytes changed).
    case damagedZip(file: String, reason: String)
    case missingPart(file: String, part: String)
    case malformedXML(file: String, part: String, line: Int, reason: String)
    case noSuchSheet(file: String, sheet: String, available: [String])

    public var description: String {
        switch self {
        case .notAZip(let file):
            "\(file): không phải tệp Excel .xlsx (không mở được như tệp nén zip)."
        case .damagedZip(let file, let reason):
            "\(file): \(reason)."
        case .missingPart(let file, let part):
            "\(file): thiếu phần \(part); tệp không phải sổ tính Excel hợp lệ."
        case .malformedXML(let file, let part, let line, let reason):
            line > 0 ? "\(file): phần \(part) dòng \(line) hỏng: \(reason)" : "\(file): phần \(part) hỏng: \(reason)"
        case .noSuchSheet(let file, let sheet, let available):
            "\(file): không có trang tính \"\(sheet)\" (có: \(available.joined(separator: ", ")))."
        }
    }
}

/// A cell's value as stored in the file.
public enum XlsxValue: Hashable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case error(String)

    /// The value as text: numbers without a trailing ".0".
    public var text: String {
        switch self {
        case .text(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e
        }
    }
}

/// One cell read back: its value and the index of its style in styles.xml.
public struct XlsxCell: Hashable, Sendable {
    public var value: XlsxValue
    public var styleIndex: Int
}

/// One sheet read back.
public struct XlsxSheet: Sendable {
    public var name: String
    /// Cells by zero-based (row, column).
    public var cells: [Int: [Int: XlsxCell]]
    /// Column widths by zero-based column.
    public var columnWidths: [Int: Double]
    public var rowHeights: [Int: Double]
    /// Merged ranges as written ("A1:F1").
    public var merges: [String]

    /// The cell at an A1 reference.
    public subscript(_ a1: String) -> XlsxCell? {
        guard let (row, column) = XlsxSheet.parse(a1) else { return nil }
        return cells[row]?[column]
    }

    /// Rows in order, each as an array of cell texts ("" for missing cells).
    public var rowsAsText: [(row: Int, values: [String])] {
        cells.keys.sorted().map { row in (row, Self.texts(cells[row]!)) }
    }

    /// One row's cells as text, by column from A ("" for an empty cell).
    public static func texts(_ cells: [Int: XlsxCell]) -> [String] {
        let width = (cells.keys.max() ?? -1) + 1
        return (0..<width).map { cells[$0]?.value.text ?? "" }
    }

    /// Zero-based (row, column) of an A1 reference.
    static func parse(_ a1: String) -> (Int, Int)? {
        CellReference(a1).map { ($0.row, $0.column) }
    }
}

/// A font as styles.xml describes it.
public struct XlsxFont: Hashable, Sendable {
    public var name: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
}

/// Cell formats of styles.xml: the font and number format of each style index.
public struct XlsxStyles: Sendable {
    public var fonts: [XlsxFont]
    /// For each cellXfs entry: font index, number format id, and whether the cell is locked.
    public var cellFormats: [(fontId: Int, numFmtId: Int, locked: Bool, wrap: Bool)]
    public var numberFormats: [Int: String]

    public func font(ofStyle index: Int) -> XlsxFont? {
        guard cellFormats.indices.contains(index), fonts.indices.contains(cellFormats[index].fontId) else { return nil }
        return fonts[cellFormats[index].fontId]
    }

    public func numberFormat(ofStyle index: Int) -> String? {
        guard cellFormats.indices.contains(index) else { return nil }
        let id = cellFormats[index].numFmtId
        return numberFormats[id] ?? (id == 0 ? "General" : "builtin:\(id)")
    }
}

/// An .xlsx file opened for reading. Every XML part is parsed with a streaming parser, so large
/// sheets do not hit the size limit of `XMLParser(data:)`.
public struct XlsxDocument {
    public let path: String
    private let archive: SafeArchive
    /// Sheet names in workbook order, with the part that holds each one.
    public let sheets: [(name: String, part: String)]
    private let sharedStrings: [String]

    public init(url: URL) throws(XlsxReadError) {
        path = url.path
        let opened: SafeArchive
        do {
            opened = try SafeArchive(url: url)
        } catch {
            throw error.damaged ? .damagedZip(file: url.path, reason: error.reason) : .notAZip(file: url.path)
        }
        archive = opened
        let workbookXML = try Self.data(of: "xl/workbook.xml", in: opened, file: url.path)
        let relsXML = try Self.data(of: "xl/_rels/workbook.xml.rels", in: opened, file: url.path)
        let sheetList = try StreamingXML.collect(workbookXML, file: url.path, part: "xl/workbook.xml") { name, attributes in
            name == "sheet" ? (attributes["name"] ?? "", attributes["r:id"] ?? "") : nil
        }
        let relations = try StreamingXML.collect(relsXML, file: url.path, part: "xl/_rels/workbook.xml.rels") { name, attributes in
            name == "Relationship" ? (attributes["Id"] ?? "", attributes["Target"] ?? "") : nil
        }
        let targets = Dictionary(relations.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        sheets = sheetList.map { sheet in
            let target = targets[sheet.1] ?? ""
            let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return (sheet.0, part)
        }
        if opened["xl/sharedStrings.xml"] != nil {
            let data = try Self.data(of: "xl/sharedStrings.xml", in: opened, file: url.path)
            sharedStrings = try SharedStringsParser.parse(data, file: url.path)
        } else {
            sharedStrings = []
        }
    }

    public var sheetNames: [String] { sheets.map(\.name) }

    /// Reads one sheet by name.
    public func sheet(named name: String) throws(XlsxReadError) -> XlsxSheet {
        guard let entry = sheets.first(where: { $0.name == name }) else {
            throw .noSuchSheet(file: path, sheet: name, available: sheetNames)
        }
        let data = try Self.data(of: entry.part, in: archive, file: path)
        return try SheetParser.parse(data, name: name, sharedStrings: sharedStrings, file: path, part: entry.part)
    }

    /// Each row of a sheet as it is read (row index from 0, cells by column), until `body`
    /// returns false; the sheet is never held as cells.
    public func forEachRow(ofSheet name: String, _ body: @escaping (Int, [Int: XlsxCell]) -> Bool) throws(XlsxReadError) {
        guard let entry = sheets.first(where: { $0.name == name }) else {
            throw .noSuchSheet(file: path, sheet: name, available: sheetNames)
        }
        guard let zipped = archive[entry.part] else { throw .missingPart(file: path, part: entry.part) }
        // Streamed from the zip: the sheet's XML is never held whole.
        var failure: XlsxReadError?
        do {
            try archive.stream(zipped) { input in
                do throws(XlsxReadError) {
                    try SheetParser.forEachRow(input, sharedStrings: sharedStrings, file: path, part: entry.part, body)
                } catch {
                    failure = error
                }
            }
        } catch {
            // What stopped the expanding (a limit, a bad byte) says more than the parser's end.
            throw .malformedXML(file: path, part: entry.part, line: 0, reason: error.reason)
        }
        if let failure { throw failure }
    }

    /// Reads the styles part.
    public func styles() throws(XlsxReadError) -> XlsxStyles {
        try StylesParser.parse(try part("xl/styles.xml"), file: path)
    }

    /// The raw bytes of any part ("docProps/core.xml").
    public func part(_ name: String) throws(XlsxReadError) -> Data {
        try Self.data(of: name, in: archive, file: path)
    }

    /// Names of all parts in the archive.
    public var partNames: [String] { archive.entries.map(\.path) }

    static func data(of part: String, in archive: SafeArchive, file: String) throws(XlsxReadError) -> Data {
        guard let entry = archive[part] else { throw .missingPart(file: file, part: part) }
        do {
            return try archive.data(of: entry)
        } catch {
            throw .malformedXML(file: file, part: part, line: 0, reason: error.reason)
        }
    }
}
