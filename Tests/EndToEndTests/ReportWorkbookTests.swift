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
            #expect(workbookXML.contains("'\(name)'!$10:$10"), "\(name): header row repeated on every page")
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
        let digests = sources.rowsAsText.compactMap { $0.values.last }.filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }
        #expect(digests.count == 6, "five directives and one results table, each with its SHA-256")
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
            // Titles wrap over lines in print; compare their first word runs.
            let first = String(header.first!.split(separator: " ").prefix(2).joined(separator: " "))
            let last = String(header.last!.split(separator: " ").prefix(2).joined(separator: " "))
            #expect(pageTexts.contains { $0.contains(first) && $0.contains(last) }, "\(name): “\(first)” and “\(last)” are never on one page")
        }
        let all = pageTexts.joined(separator: " ")
        for phrase in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Đơn vị tính"] {
            #expect(all.contains(phrase), "\(phrase)")
        }
    }
}
