import Foundation
import Spreadsheet
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs a streaming XML parser over bytes and turns its failure into an `XlsxReadError`.
enum StreamingXML {
    static func run(_ data: Data, delegate: XMLParserDelegate, file: String, part: String) throws(XlsxReadError) {
        let result = XMLParser.parseGuarded(data, delegate: delegate)
        if !result.ok {
            throw .malformedXML(file: file, part: part, line: result.line, reason: result.reason ?? "không rõ")
        }
    }

    /// Collects one value per start element for which `pick` returns non-nil.
    static func collect<T>(_ data: Data, file: String, part: String,
                           _ pick: @escaping (String, [String: String]) -> T?) throws(XlsxReadError) -> [T] {
        let delegate = ElementCollector(pick)
        try run(data, delegate: delegate, file: file, part: part)
        return delegate.items
    }

    final class ElementCollector<T>: NSObject, XMLParserDelegate {
        let pick: (String, [String: String]) -> T?
        var items: [T] = []
        init(_ pick: @escaping (String, [String: String]) -> T?) { self.pick = pick }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if let item = pick(name, attributes) { items.append(item) }
        }
    }
}

/// xl/sharedStrings.xml: each <si> is one string, possibly split into rich-text runs.
enum SharedStringsParser {
    static func parse(_ data: Data, file: String) throws(XlsxReadError) -> [String] {
        let delegate = Delegate()
        try StreamingXML.run(data, delegate: delegate, file: file, part: "xl/sharedStrings.xml")
        return delegate.strings
    }

    final class Delegate: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
    }
}

/// A worksheet part: cells, column widths, row heights and merged ranges.
enum SheetParser {
    /// Each row of a sheet with its cells, in order, as the XML is read; nothing else is kept.
    static func forEachRow(_ input: InputStream, sharedStrings: [String], file: String, part: String,
                           _ body: @escaping (Int, [Int: XlsxCell]) -> Bool) throws(XlsxReadError) {
        let delegate = Delegate(sharedStrings: sharedStrings)
        delegate.rowHandler = body
        let result = XMLParser.parseGuarded(stream: input, delegate: delegate)
        if delegate.stoppedByHandler { return }
        if let problem = delegate.problem { throw .malformedXML(file: file, part: part, line: 0, reason: problem) }
        if !result.ok { throw .malformedXML(file: file, part: part, line: result.line, reason: result.reason ?? "không rõ") }
    }

    static func parse(_ data: Data, name: String, sharedStrings: [String], file: String, part: String) throws(XlsxReadError) -> XlsxSheet {
        let delegate = Delegate(sharedStrings: sharedStrings)
        do {
            try StreamingXML.run(data, delegate: delegate, file: file, part: part)
        } catch {
            if let problem = delegate.problem { throw .malformedXML(file: file, part: part, line: 0, reason: problem) }
            throw error
        }
        if let problem = delegate.problem { throw .malformedXML(file: file, part: part, line: 0, reason: problem) }
        return XlsxSheet(name: name, cells: delegate.cells, columnWidths: delegate.widths,
                         rowHeights: delegate.heights, merges: delegate.merges)
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let sharedStrings: [String]
        var cells: [Int: [Int: XlsxCell]] = [:]
        var widths: [Int: Double] = [:]
        var heights: [Int: Double] = [:]
        var merges: [String] = []
        /// What made the part unreadable (a row or column outside Excel's sheet).
        var problem: String?
        /// When set, each row goes here as it ends instead of into `cells` (return false to stop).
        var rowHandler: ((Int, [Int: XlsxCell]) -> Bool)?
        private(set) var stoppedByHandler = false
        private var rowCells: [Int: XlsxCell] = [:]
        private var ref: (Int, Int)?
        private var type = ""
        private var style = 0
        private var text = ""
        private var collecting = false
        private var nextColumn = 0
        private var currentRow = 0

        init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

        /// Stops reading the part, remembering why.
        private func stop(_ parser: XMLParser, _ why: String) {
            if problem == nil { problem = why }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "row":
                if let r = attributes["r"] {
                    guard let number = Int(r), (1...CellReference.maximumRows).contains(number) else {
                        return stop(parser, "hàng r=\"\(r.prefix(30))\" ngoài giới hạn của Excel (1 - 1.048.576)")
                    }
                    currentRow = number - 1
                } else {
                    currentRow += 1
                }
                nextColumn = 0
                if let ht = attributes["ht"].flatMap(Double.init) { heights[currentRow] = ht }
            case "c":
                if let r = attributes["r"] {
                    guard let parsed = XlsxSheet.parse(r) else {
                        return stop(parser, "ô r=\"\(r.prefix(30))\" không phải một ô trong giới hạn của Excel (A1 - XFD1048576)")
                    }
                    ref = parsed
                } else {
                    ref = (currentRow, nextColumn)
                }
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap(Int.init) ?? 0
                text = ""
            case "v", "t":
                collecting = true
            case "col":
                if let min = attributes["min"].flatMap(Int.init), let max = attributes["max"].flatMap(Int.init),
                   let width = attributes["width"].flatMap(Double.init) {
                    guard 1 <= min, min <= max, max <= CellReference.maximumColumns else {
                        return stop(parser, "cột min=\(min) max=\(max) không hợp lệ (1 ≤ min ≤ max ≤ 16.384)")
                    }
                    for c in min...max { widths[c - 1] = width }
                }
            case "mergeCell":
                if let r = attributes["ref"] { merges.append(r) }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if collecting { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t": collecting = false
            case "c":
                guard let (row, column) = ref else { return }
                nextColumn = column + 1
                let value: XlsxValue?
                switch type {
                case "s": value = Int(text).flatMap { sharedStrings.indices.contains($0) ? .text(sharedStrings[$0]) : nil }
                case "inlineStr", "str": value = .text(text)
                case "b": value = .bool(text == "1")
                case "e": value = .error(text)
                default: value = text.isEmpty ? nil : Double(text).map(XlsxValue.number)
                }
                if let value {
                    if rowHandler != nil { rowCells[column] = XlsxCell(value: value, styleIndex: style) } else {
                        cells[row, default: [:]][column] = XlsxCell(value: value, styleIndex: style)
                    }
                }
                ref = nil
            case "row":
                guard let handler = rowHandler else { return }
                let finished = rowCells
                rowCells = [:]
                if !finished.isEmpty, !handler(currentRow, finished) {
                    stoppedByHandler = true
                    parser.abortParsing()
                }
            default: break
            }
        }
    }
}

/// xl/styles.xml: fonts, number formats and the cell formats that combine them.
enum StylesParser {
    static func parse(_ data: Data, file: String) throws(XlsxReadError) -> XlsxStyles {
        let delegate = Delegate()
        try StreamingXML.run(data, delegate: delegate, file: file, part: "xl/styles.xml")
        return XlsxStyles(fonts: delegate.fonts, cellFormats: delegate.formats, numberFormats: delegate.numberFormats)
    }

    final class Delegate: NSObject, XMLParserDelegate {
        var fonts: [XlsxFont] = []
        var formats: [(fontId: Int, numFmtId: Int, locked: Bool, wrap: Bool)] = []
        var numberFormats: [Int: String] = [:]
        private var section = ""
        private var font: XlsxFont?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "fonts", "cellXfs", "cellStyleXfs": section = name
            case "font" where section == "fonts": font = XlsxFont(name: "", size: 0, bold: false, italic: false)
            case "name": font?.name = attributes["val"] ?? ""
            case "sz": font?.size = attributes["val"].flatMap(Double.init) ?? 0
            case "b": font?.bold = attributes["val"] != "0"
            case "i": font?.italic = attributes["val"] != "0"
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init) { numberFormats[id] = attributes["formatCode"] ?? "" }
            case "xf" where section == "cellXfs":
                formats.append((attributes["fontId"].flatMap(Int.init) ?? 0, attributes["numFmtId"].flatMap(Int.init) ?? 0, true, false))
            case "alignment" where section == "cellXfs":
                if attributes["wrapText"] == "1", !formats.isEmpty { formats[formats.count - 1].wrap = true }
            case "protection" where section == "cellXfs":
                if attributes["locked"] == "0", !formats.isEmpty { formats[formats.count - 1].locked = false }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "font", let f = font {
                fonts.append(f)
                font = nil
            }
            if name == section { section = "" }
        }
    }
}
