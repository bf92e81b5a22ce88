import Foundation
import Spreadsheet
import TestSupport
import Testing
import XlsxWriter

@Suite("Blocks kept on one printed page", .serialized)
struct PageBreakTests {
    /// Landscape A4 with 20 mm margins top and bottom: 481.9 pt a page, 24 rows of 20 pt.
    func page(keeping block: ClosedRange<Int>, repeat rows: ClosedRange<Int>? = nil) -> PageSetup {
        var page = PageSetup(repeatRows: rows)
        page.keepTogether = block
        return page
    }

    @Test("A block across a page end gets a break before it; one inside a page gets none")
    func pagination() {
        let twenty: (Int) -> Double = { _ in 20 }
        #expect(page(keeping: 22...24).breakKeepingTogether(firstRow: 0, scale: 1, heights: twenty) == 22)
        #expect(page(keeping: 10...12).breakKeepingTogether(firstRow: 0, scale: 1, heights: twenty) == nil)
        // Fit to width at half size: twice the rows on a page.
        #expect(page(keeping: 22...24).breakKeepingTogether(firstRow: 0, scale: 0.5, heights: twenty) == nil)
        #expect(page(keeping: 46...48).breakKeepingTogether(firstRow: 0, scale: 0.5, heights: twenty) == 46)
        // A repeated header of 4 rows leaves 20 rows on the second page: rows 24-43.
        #expect(page(keeping: 42...44, repeat: 0...3).breakKeepingTogether(firstRow: 0, scale: 1, heights: twenty) == 42)
        #expect(page(keeping: 40...42, repeat: 0...3).breakKeepingTogether(firstRow: 0, scale: 1, heights: twenty) == nil)
        // A break already set starts a page; a block taller than a page is left alone.
        var broken = page(keeping: 22...24)
        broken.rowBreaks = [10]
        #expect(broken.breakKeepingTogether(firstRow: 0, scale: 1, heights: twenty) == nil)
        #expect(page(keeping: 5...40).breakKeepingTogether(firstRow: 0, scale: 1, heights: twenty) == nil)
    }

    /// A sheet of `rows` rows of 20 pt and a three-line block after them.
    func sheet(rows: Int, keep: Bool) throws -> Worksheet {
        var sheet = Worksheet(name: try SheetName("Trang"))
        sheet.columnWidths = [0: 40, 1: 40]
        for r in 0..<rows {
            sheet.set(r, 0, .text("Dòng \(r + 1)"))
            sheet.rowHeights[r] = 20
        }
        for (i, words) in ["NGƯỜI LẬP BIỂU", "(Ký, họ tên)", "Nguyễn Văn An"].enumerated() {
            sheet.set(rows + i, 0, .text(words))
            sheet.rowHeights[rows + i] = 20
        }
        if keep { sheet.page.keepTogether = rows...(rows + 2) }
        return sheet
    }

    @Test("LibreOffice prints the block on one page with the break, and across two without it")
    func printed() throws {
        let soffice = try #require(which("soffice") ?? which("libreoffice"), "make test installs libreoffice-calc-nogui")
        let pdftotext = try #require(which("pdftotext"), "make test installs poppler-utils")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // 23 rows fill a page but one (481.9 pt holds 24 rows of 20 pt): the block's first
        // line ends the first page and the rest would go to the second.
        var pagesOfBlock: [Bool: Set<Int>] = [:]
        for keep in [true, false] {
            var workbook = Workbook()
            try workbook.append(try sheet(rows: 23, keep: keep))
            let name = keep ? "giu" : "khong-giu"
            try XlsxFileWriter.write(workbook, to: URL(fileURLWithPath: dir.path("\(name).xlsx")))
            let convert = try runProgram(soffice, ["-env:UserInstallation=file://\(dir.path("profile"))", "--headless", "--convert-to", "pdf",
                                                   "--outdir", dir.path("pdf"), dir.path("\(name).xlsx")])
            #expect(convert.status == 0, "\(convert.stderr)")
            var pages: Set<Int> = []
            for page in 1...3 {
                let text = try runProgram(pdftotext, ["-f", "\(page)", "-l", "\(page)", "-layout", dir.path("pdf/\(name).pdf"), "-"])
                if ["NGƯỜI LẬP BIỂU", "(Ký, họ tên)", "Nguyễn Văn An"].contains(where: text.stdout.contains) { pages.insert(page) }
            }
            pagesOfBlock[keep] = pages
        }
        #expect(pagesOfBlock[false]?.count == 2, "the test sheet must split the block without the break: \(pagesOfBlock)")
        #expect(pagesOfBlock[true] == [2], "kept together on the second page: \(pagesOfBlock)")
    }
}
