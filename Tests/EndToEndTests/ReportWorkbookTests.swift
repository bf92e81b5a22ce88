import Foundation
import Spreadsheet
import TestSupport
import Testing
import TextMetrics
import XlsxReader

/// The sample report as an official would receive it: read back part by part.
@Suite("The report workbook", .serialized)
struct ReportWorkbookTests {
    /// Runs the sample pipeline into a fresh folder and returns the folder.
    static func runSample(_ pipeline: String = "pipelines/sample-2024.yaml", into dir: TemporaryDirectory, output: String = "out") throws {
        let path = try Repository.samplePipeline(pipeline, in: dir, output: output)
        let r = try runProgram(Repository.chitieuBinary, ["run", "-q", path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("Every sheet is set for A4 landscape, one page wide, decree margins, repeated header rows and page numbers")
    func pageSetup() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.runSample(into: dir)
        let document = try XlsxDocument(url: dir.url.appendingPathComponent("out/bao-cao-2024.xlsx"))
        #expect(document.sheetNames.contains("Nguồn"))
        let workbookXML = String(decoding: try document.part("xl/workbook.xml"), as: UTF8.self)
        for (name, part) in document.sheets {
            let xml = String(decoding: try document.part(part), as: UTF8.self)
            #expect(xml.contains("paperSize=\"9\""), "\(name): A4")
            #expect(xml.contains("orientation=\"landscape\""), "\(name): landscape")
            #expect(xml.contains("fitToHeight=\"0\""), "\(name): one page wide, any number tall")
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(name): fit to page")
            #expect(xml.contains("left=\"1.181102"), "\(name): left margin 30 mm")
            #expect(xml.contains("&amp;P"), "\(name): page number in the header")
            if name == "Biểu đồ" {
                #expect(!workbookXML.contains("'\(name)'!$10:$10"), "charts print without repeated header rows")
            } else {
                #expect(workbookXML.contains("'\(name)'!$10:$10"), "\(name): header row repeated on every page")
            }
        }
        let core = String(decoding: try document.part("docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("<dc:title>Báo cáo kết quả thực hiện chỉ tiêu thi đua năm 2024</dc:title>"))
        #expect(core.contains("<dc:creator>Ban Thi đua - Khen thưởng Trung ương</dc:creator>"))
        #expect(core.contains("<cp:keywords>"))
        #expect(core.contains("2025-01-10T00:00:00Z"), "the creation date is the report's date")
    }

    @Test("Statuses are coloured by conditional formatting; summary and comparison carry charts; units link back")
    func formattingAndCharts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.runSample(into: dir)
        let document = try XlsxDocument(url: dir.url.appendingPathComponent("out/bao-cao-2024.xlsx"))
        let part = { (name: String) in document.sheets.first { $0.name == name }!.part }
        let unitXML = String(decoding: try document.part(part("Hà Giang")), as: UTF8.self)
        #expect(unitXML.contains("<conditionalFormatting"))
        #expect(unitXML.contains("&quot;Vượt&quot;") || unitXML.contains("\"Vượt\""))
        #expect(unitXML.contains("<hyperlink"))
        let charts = document.partNames.filter { $0.hasPrefix("xl/charts/chart") }
        #expect(charts.count >= 3, "\(charts)")
        let chart = String(decoding: try document.part(charts[0]), as: UTF8.self)
        #expect(chart.contains("Times New Roman"))
        let sources = try document.sheet(named: "Nguồn")
        // Digests print in groups of eight hex digits so that they wrap.
        let digests = sources.rowsAsText.compactMap { $0.values.last?.replacingOccurrences(of: " ", with: "") }.filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }
        #expect(digests.count == 6, "five directives and one results table, each with its SHA-256")
        // Computed from the bytes read: the same as sha256sum of each input.
        let seed = "b5cc35fab77715f090dba724df29d0e2d14a493e2affee870cbea4c709d3ba81"
        #expect(digests.contains(seed), "the digest of 003_69f06bacfe25bd6e.txt")
        let sum = try runProgram(try #require(which("sha256sum")), [Repository.path("samples/actuals/ket-qua-2024.csv")])
        #expect(digests.contains(String(sum.stdout.prefix(64))))
        #expect(sources.rowsAsText.contains { $0.values.contains("322/CTr-UBND") })
    }

    @Test("The same input and date give identical workbook XML")
    func reproducible() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.runSample(into: dir, output: "a")
        try Self.runSample(into: dir, output: "b")
        let a = try XlsxDocument(url: dir.url.appendingPathComponent("a/bao-cao-2024.xlsx"))
        let b = try XlsxDocument(url: dir.url.appendingPathComponent("b/bao-cao-2024.xlsx"))
        #expect(a.partNames == b.partNames)
        for part in a.partNames {
            #expect(try a.part(part) == b.part(part), "\(part) differs between two runs")
        }
    }

    @Test("No text is cut: every single-line cell fits its column, measured with HarfBuzz")
    func noCutText() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.runSample(into: dir)
        let measurer = try HarfBuzzMeasurer()
        let document = try XlsxDocument(url: dir.url.appendingPathComponent("out/bao-cao-2024.xlsx"))
        let styles = try document.styles()
        var checked = 0
        for name in document.sheetNames {
            let sheet = try document.sheet(named: name)
            // Merged header cells are sized by their row height, not their column: skip them.
            let mergedCells = Set(sheet.merges.flatMap { ref -> [String] in
                let parts = ref.split(separator: ":").map(String.init)
                guard parts.count == 2, let a = CellReference(parts[0]), let b = CellReference(parts[1]) else { return [] }
                return (a.row...b.row).flatMap { r in (a.column...b.column).map { CellReference(row: r, column: $0).description } }
            })
            for (row, columns) in sheet.cells {
                for (column, cell) in columns {
                    let ref = CellReference(row: row, column: column)
                    guard !mergedCells.contains(ref.description), styles.cellFormats.indices.contains(cell.styleIndex),
                          !styles.cellFormats[cell.styleIndex].wrap, let font = styles.font(ofStyle: cell.styleIndex) else { continue }
                    let text: String = switch cell.value {
                    case .text(let s): s
                    case .number(let n): CellValue.number(n).displayText(numberFormat: styles.numberFormat(ofStyle: cell.styleIndex))
                    default: ""
                    }
                    guard !text.isEmpty else { continue }
                    let width = measurer.width(of: text, font: FontSpec(name: font.name, size: font.size, bold: font.bold, italic: font.italic))
                    let available = ExcelUnits.points(columnWidth: sheet.columnWidths[column] ?? 8.43)
                    #expect(width <= available, "\(name)!\(ref): “\(text)” needs \(width) pt, column has \(available) pt")
                    checked += 1
                }
            }
        }
        #expect(checked > 300)
    }
}

/// The sample reports printed by LibreOffice.
@Suite("The report printed by LibreOffice", .serialized)
struct PrintedReportTests {
    @Test("Each sheet prints one page wide: its first and last column titles share a page", arguments: ["pipelines/sample-2024.yaml", "pipelines/sample-2024-h1.yaml"])
    func onePageWide(_ pipeline: String) throws {
        let soffice = try #require(which("soffice") ?? which("libreoffice"), "make test installs libreoffice-calc-nogui")
        let pdftotext = try #require(which("pdftotext"))
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try ReportWorkbookTests.runSample(pipeline, into: dir)
        let xlsx = try FileManager.default.contentsOfDirectory(atPath: dir.path("out")).first { $0.hasSuffix(".xlsx") }!
        let convert = try runProgram(soffice, ["-env:UserInstallation=file://\(dir.path("profile"))", "--headless", "--convert-to", "pdf",
                                               "--outdir", dir.path("pdf"), dir.path("out/\(xlsx)")])
        #expect(convert.status == 0, "\(convert.stderr)")
        let pdf = dir.path("pdf/" + xlsx.replacingOccurrences(of: ".xlsx", with: ".pdf"))
        let document = try XlsxDocument(url: URL(fileURLWithPath: dir.path("out/\(xlsx)")))
        let info = try runProgram(which("pdfinfo")!, [pdf])
        let pages = Int(info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
        #expect(pages >= document.sheetNames.count)
        let pageTexts = try (1...pages).map { p in
            try runProgram(pdftotext, ["-f", "\(p)", "-l", "\(p)", pdf, "-"]).stdout.replacingOccurrences(of: "\n", with: " ")
        }
        for name in document.sheetNames {
            let sheet = try document.sheet(named: name)
            guard let header = sheet.cells[9].map({ row in row.keys.sorted().compactMap { row[$0]?.value.text } }), header.count >= 2 else { continue }
            // Titles wrap over lines in print (narrow columns wrap after every word): compare their first words.
            let first = String(header.first!.split(separator: " ").prefix(1).joined(separator: " "))
            let last = String(header.last!.split(separator: " ").prefix(1).joined(separator: " "))
            #expect(pageTexts.contains { $0.contains(first) && $0.contains(last) }, "\(name): “\(first)” and “\(last)” are never on one page")
        }
        let all = pageTexts.joined(separator: " ")
        for phrase in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Đơn vị tính"] {
            #expect(all.contains(phrase), "\(phrase)")
        }
    }
}

/// How the sample reports land on A4 when a printer fits each sheet to one page wide, computed
/// from the written workbooks read back (the rules of /work/shared/tools/check_print.py).
@Suite("The report on A4", .serialized)
struct PrintSizeTests {
    /// Pixels a column counts for at 96 dpi: trunc(width × 7 + 5).
    static func pixels(_ width: Double?) -> Double { ((width ?? 8.43) * 7 + 5).rounded(.down) }

    /// The print area of each sheet, from the defined names of xl/workbook.xml: first and last column.
    static func printAreas(_ document: XlsxDocument) throws -> [String: ClosedRange<Int>] {
        let xml = String(decoding: try document.part("xl/workbook.xml"), as: UTF8.self)
        var areas: [String: ClosedRange<Int>] = [:]
        for match in xml.matches(of: /_xlnm\.Print_Area" localSheetId="(\d+)"[^>]*>([^<]+)</) {
            let cells = String(match.output.2).matches(of: /\$([A-Z]+)\$(\d+)/).compactMap { CellReference("\($0.output.1)\($0.output.2)") }
            guard let index = Int(match.output.1), let first = cells.first, let last = cells.last, document.sheetNames.indices.contains(index) else { continue }
            areas[document.sheetNames[index]] = first.column...last.column
        }
        return areas
    }

    @Test("Body text lands at 10 pt or more, the header of rows 1-4 is whole, and no absolute path prints",
          arguments: ["pipelines/sample-2024.yaml", "pipelines/sample-2024-h1.yaml"])
    func landsOnA4(_ pipeline: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try ReportWorkbookTests.runSample(pipeline, into: dir)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path("out")).first { $0.hasSuffix(".xlsx") })
        try Self.checkPrint(XlsxDocument(url: dir.url.appendingPathComponent("out/\(name)")))
    }

    /// Every sheet of `document`, printed one page wide on A4 landscape: body text at 10 pt or
    /// more, every text of rows 1-4 whole (or wrapped in a row tall enough), no absolute path.
    static func checkPrint(_ document: XlsxDocument) throws {
        let styles = try document.styles()
        let measurer = try HarfBuzzMeasurer()
        let areas = try Self.printAreas(document)
        // A4 landscape, left margin 30 mm, right 15 mm.
        let printable = (297.0 - 30 - 15) / 25.4 * 96
        for sheetName in document.sheetNames {
            let sheet = try document.sheet(named: sheetName)
            let area = try #require(areas[sheetName], "\(sheetName): a print area is set")
            let used = area.reduce(0) { $0 + Self.pixels(sheet.columnWidths[$1]) }
            let scale = min(1, printable / used)
            var sizes: [Double] = []
            for (row, columns) in sheet.cells where row >= 8 {
                for (column, cell) in columns where area.contains(column) {
                    if case .text(let s) = cell.value, s.isEmpty { continue }
                    if let size = styles.font(ofStyle: cell.styleIndex)?.size { sizes.append(size) }
                    if case .text(let s) = cell.value {
                        #expect(s.firstMatch(of: /(^|[\s"'(])\/(tmp|home|root|work|usr|var|opt|mnt)\//) == nil,
                                "\(sheetName)!\(CellReference(row: row, column: column)): an absolute path prints: \(s)")
                    }
                }
            }
            let median = sizes.sorted()[sizes.count / 2]
            #expect(median * scale >= 10, "\(sheetName): body \(median) pt × scale \(scale) lands below 10 pt")
            // The Decree 30 header: every text of rows 1-4 fits its merged width, or wraps.
            let merges = sheet.merges.compactMap { ref -> (CellReference, CellReference)? in
                let parts = ref.split(separator: ":").map(String.init)
                guard parts.count == 2, let a = CellReference(parts[0]), let b = CellReference(parts[1]) else { return nil }
                return (a, b)
            }
            for row in 0...3 {
                for (column, cell) in sheet.cells[row] ?? [:] {
                    guard case .text(let text) = cell.value, !text.isEmpty, let font = styles.font(ofStyle: cell.styleIndex) else { continue }
                    let merge = merges.first { $0.0.row == row && $0.0.column == column }
                    let columns = merge.map { $0.0.column...$0.1.column } ?? column...column
                    let width = columns.reduce(0) { $0 + Self.pixels(sheet.columnWidths[$1]) }
                    let need = measurer.width(of: text, font: FontSpec(name: font.name, size: font.size, bold: font.bold, italic: font.italic)) * 96 / 72 + 4
                    let wraps = styles.cellFormats[cell.styleIndex].wrap
                    let lines = Double(TextWrapper.lineCount(text, font: FontSpec(name: font.name, size: font.size, bold: font.bold, italic: font.italic),
                                                             width: width * 72 / 96 - 4, measurer: measurer))
                    let height = sheet.rowHeights[row] ?? 15
                    #expect(need <= width + 3 || (wraps && height >= lines * font.size * 1.1),
                            "\(sheetName)!\(CellReference(row: row, column: column)): “\(text)” needs \(need) px, has \(width) px")
                }
            }
        }
    }
}
