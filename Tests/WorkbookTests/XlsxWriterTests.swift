import Foundation
import Spreadsheet
import TestSupport
import TextMetrics
import Testing
import XlsxReader
import XlsxWriter
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("libxlsxwriter wrapper")
struct XlsxWriterTests {
    func sheet(_ name: String) throws -> Worksheet {
        var s = Worksheet(name: try SheetName(name))
        s.set(0, 0, .text("Chỉ tiêu"))
        return s
    }

    @Test("Sheet names are checked in Swift before libxlsxwriter sees them", arguments: [
        ("", SheetNameError.empty),
        ("Báo cáo tổng hợp kết quả thực hiện chỉ tiêu", .tooLong(name: "Báo cáo tổng hợp kết quả thực hiện chỉ tiêu", characters: 43)),
        ("Kế hoạch/Thực hiện", .forbiddenCharacter(name: "Kế hoạch/Thực hiện", character: "/")),
        ("Quý [1]", .forbiddenCharacter(name: "Quý [1]", character: "[")),
        ("'Hà Giang'", .apostropheAtEdge(name: "'Hà Giang'")),
    ])
    func badNames(_ name: String, _ expected: SheetNameError) {
        #expect(throws: expected) { try SheetName(name) }
    }

    @Test("31 characters count after NFC: a decomposed Vietnamese name that fits is accepted")
    func nfcLength() throws {
        let decomposed = "Tổng hợp chỉ tiêu Quảng Nam".decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count > 31)
        let name = try SheetName(decomposed)
        #expect(name.value.utf16.count <= 31)
    }

    @Test("Duplicate names are refused regardless of case, Vietnamese letters included")
    func duplicates() throws {
        var workbook = Workbook()
        try workbook.append(sheet("Tổng hợp"))
        #expect(throws: SheetNameError.duplicate(name: "TỔNG HỢP", existing: "Tổng hợp")) {
            try workbook.append(try sheet("TỔNG HỢP"))
        }
    }

    @Test("An unwritable path is a Swift error naming the operation, and leaves no partial file")
    func unwritablePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A regular file where a folder should be: no permission trick that root would bypass.
        let blocker = dir.path("not-a-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        var workbook = Workbook()
        try workbook.append(sheet("Trang 1"))
        let target = URL(fileURLWithPath: blocker + "/report.xlsx")
        let error = #expect(throws: XlsxWriterError.self) { try XlsxFileWriter.write(workbook, to: target) }
        guard case .library(let operation, _, _, let code, let message)? = error else {
            Issue.record("expected a libxlsxwriter error, got \(String(describing: error))")
            return
        }
        #expect(operation.contains("workbook_close"))
        #expect(code != 0)
        #expect(!message.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["not-a-folder"])
    }

    @Test("A workbook reads back cell by cell: text stays text, numbers stay numbers, fonts and widths hold")
    func readBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var s = try sheet("Hà Giang")
        let money = CellStyle(font: FontSpec(name: "Times New Roman", size: 12), numberFormat: "#,##0.0")
        s.set(1, 0, .text("Thu ngân sách nhà nước trên địa bàn"))
        s.set(1, 1, .number(2460), style: money)
        s.set(2, 0, .text("=SUM(A1:A2)"))
        s.set(2, 1, .number(7.5))
        s.merge(CellRange(rows: 4...4, columns: 0...2), .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        s.columnWidths[0] = 40
        s.rowHeights[1] = 31.5
        var workbook = Workbook()
        workbook.properties = DocumentProperties(title: "Báo cáo", author: "Sở Nội vụ", created: 1_735_689_600)
        try workbook.append(s)
        let url = dir.url.appendingPathComponent("read-back.xlsx")
        try XlsxFileWriter.write(workbook, to: url)

        let document = try XlsxDocument(url: url)
        #expect(document.sheetNames == ["Hà Giang"])
        let read = try document.sheet(named: "Hà Giang")
        #expect(read["A1"]?.value == .text("Chỉ tiêu"))
        #expect(read["A2"]?.value == .text("Thu ngân sách nhà nước trên địa bàn"))
        #expect(read["B2"]?.value == .number(2460))
        #expect(read["A3"]?.value == .text("=SUM(A1:A2)"), "text from documents must never become a formula")
        #expect(read["B3"]?.value == .number(7.5))
        #expect(read["A5"]?.value == .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(read.merges == ["A5:C5"])
        // Excel stores a width with its 5 px padding, in 1/256 of a character: 40 → 40.7109375.
        #expect(read.columnWidths[0] == ((40.0 * 7 + 5) / 7 * 256).rounded(.down) / 256)
        #expect(read.rowHeights[1] == 31.5)
        let styles = try document.styles()
        let b2 = try #require(read["B2"])
        #expect(styles.font(ofStyle: b2.styleIndex)?.name == "Times New Roman")
        #expect(styles.numberFormat(ofStyle: b2.styleIndex) == "#,##0.0")
        let core = String(decoding: try document.part("docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("<dc:title>Báo cáo</dc:title>"))
        #expect(core.contains("<dc:creator>Sở Nội vụ</dc:creator>"))
        #expect(core.contains("2025-01-01T00:00:00Z"))
    }

    @Test("A file that is not a workbook gets a clear error naming it")
    func readerErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("fake.xlsx")
        try Data("không phải zip".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: XlsxReadError.notAZip(file: path)) { try XlsxDocument(url: URL(fileURLWithPath: path)) }
    }
}

@Suite("Excel's limits")
struct ExcelLimitTests {
    @Test("Text over 32,767 characters is shortened, says so, and stays within the limit; shorter text is untouched")
    func clip() {
        let short = String(repeating: "Chỉ tiêu ", count: 100)
        #expect(ExcelLimits.clip(short) == short)
        let long = String(repeating: "Phường Hội An bằng điểm; ", count: 2_000)
        let clipped = ExcelLimits.clip(long)
        #expect(clipped.utf16.count <= ExcelLimits.cellCharacters)
        #expect(clipped.hasSuffix("tệp CSV]"))
        #expect(long.hasPrefix(String(clipped.prefix(1_000))))
    }

    @Test("Row heights from measured text never pass 409 pt")
    func rowHeight() throws {
        var sheet = Worksheet(name: try SheetName("Thử"))
        sheet.columnWidths[0] = 5
        sheet.set(0, 0, .text(String(repeating: "chỉ tiêu thi đua ", count: 400)), style: CellStyle(wrap: true))
        sheet.fitRowHeights(using: try HarfBuzzMeasurer())
        #expect(sheet.rowHeights[0] == ExcelLimits.rowHeight)
    }
}

@Suite("Hostile workbooks: a clear error, never a trap or a runaway")
struct HostileWorkbookTests {
    /// A minimal workbook whose first sheet is `sheet` (the XML of its <sheetData> and around).
    func workbook(sheet: String) throws -> URL {
        let parts = [
            "[Content_Types].xml": "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
            "_rels/.rels": "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            "xl/workbook.xml": "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"KQ\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            "xl/worksheets/sheet1.xml": "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(sheet)</worksheet>",
        ]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).xlsx")
        try DocxBuilder.zip(parts).write(to: url)
        return url
    }

    @Test("Cell references and ranges outside Excel's sheet are refused with the part named", arguments: [
        ("<sheetData><row r=\"1\"><c r=\"A99999999999999999999\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>", "A99999999999999999999"),
        ("<sheetData><row r=\"1\"><c r=\"ZZZZZZZZZZZZZZZ3\"><v>1</v></c></row></sheetData>", "ZZZZZZZZZZZZZZZ3"),
        ("<sheetData><row r=\"1\"><c r=\"ZZZZZZ3\"><v>1</v></c></row></sheetData>", "ZZZZZZ3"),
        ("<sheetData><row r=\"-9223372036854775808\"><c><v>1</v></c></row></sheetData>", "-9223372036854775808"),
        ("<cols><col min=\"5\" max=\"1\" width=\"9\"/></cols><sheetData/>", "min=5 max=1"),
        ("<cols><col min=\"1\" max=\"300000000\" width=\"9\"/></cols><sheetData/>", "max=300000000"),
    ])
    func refused(_ sheet: String, _ words: String) throws {
        let url = try workbook(sheet: sheet)
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try XlsxDocument(url: url)
        let error = #expect(throws: XlsxReadError.self) { try document.sheet(named: "KQ") }
        #expect(error?.description.contains(words) == true, "\(String(describing: error))")
        #expect(error?.description.contains("xl/worksheets/sheet1.xml") == true)
    }

    @Test("The control: the same workbook with sane references reads")
    func sane() throws {
        let url = try workbook(sheet: "<cols><col min=\"1\" max=\"16384\" width=\"9\"/></cols><sheetData><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>")
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try XlsxDocument(url: url).sheet(named: "KQ")
        #expect(sheet.cells[1_048_575]?[16_383] != nil)
    }
}

@Suite("Zip and XML limits")
struct ZipAndXMLLimitTests {
    @Test("A part that expands past the limit or the ratio is refused with its name, before it is all in memory")
    func zipBomb() throws {
        // 8 MB of one letter compresses about 1,000:1.
        let bomb = try DocxBuilder.zip(["word/document.xml": String(repeating: "a", count: 8 << 20)])
        #expect(bomb.count < 100_000)
        let byRatio = try SafeArchive(data: bomb, limits: ZipLimits(totalBytes: 200 << 20, ratio: 100))
        let ratio = #expect(throws: ZipProblem.self) { try byRatio.data(of: byRatio["word/document.xml"]!) }
        #expect(ratio?.reason.contains("word/document.xml") == true && ratio?.reason.contains("CHITIEU_ZIP_RATIO") == true, "\(String(describing: ratio))")
        let bySize = try SafeArchive(data: bomb, limits: ZipLimits(totalBytes: 1 << 20, ratio: 10_000))
        let size = #expect(throws: ZipProblem.self) { try bySize.data(of: bySize["word/document.xml"]!) }
        #expect(size?.reason.contains("CHITIEU_ZIP_LIMIT_MB") == true, "\(String(describing: size))")
        let generous = try SafeArchive(data: bomb, limits: ZipLimits(totalBytes: 200 << 20, ratio: 10_000))
        #expect(try generous.data(of: generous["word/document.xml"]!).count == 8 << 20, "within the limits it reads")
    }

    @Test("Bytes that are not a zip are a clear error, not a trap")
    func notAZip() {
        #expect(throws: ZipProblem.self) { try SafeArchive(data: Data("PK\u{3}\u{4} hỏng".utf8)) }
        #expect(throws: ZipProblem.self) { try SafeArchive(data: Data(repeating: 0xFF, count: 4096)) }
    }

    @Test("XML is checked as UTF-8 before the parser and its nesting is limited")
    func xml() {
        final class Nothing: NSObject, XMLParserDelegate {}
        var bad = Data("<a><b".utf8)
        bad.append(contentsOf: [0xFF, 0xC3])
        bad.append(Data("/></a>".utf8))
        let invalid = XMLParser.parseGuarded(bad, delegate: Nothing())
        #expect(!invalid.ok && invalid.reason == "byte không phải UTF-8")
        let deep = Data((String(repeating: "<d>", count: 5_000) + String(repeating: "</d>", count: 5_000)).utf8)
        let nested = XMLParser.parseGuarded(deep, delegate: Nothing())
        #expect(!nested.ok && nested.reason?.contains("lồng nhau sâu") == true)
        #expect(XMLParser.parseGuarded(Data("<a><b>Hà Giang</b></a>".utf8), delegate: Nothing()).ok)
    }
}
