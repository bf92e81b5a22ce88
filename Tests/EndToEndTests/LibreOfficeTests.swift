import Foundation
import TestSupport
import Testing

/// The sample workbook printed by a real spreadsheet program.
@Suite("LibreOffice prints the sample workbook", .serialized)
struct LibreOfficeTests {
    @Test("soffice converts the workbook to PDF and the Vietnamese text is there")
    func printsToPDF() throws {
        let soffice = try #require(which("soffice") ?? which("libreoffice"), "make test installs libreoffice-calc-nogui")
        let pdftotext = try #require(which("pdftotext"), "make test installs poppler-utils")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let run = try runProgram(Repository.chitieuBinary, ["run", "-q", try Repository.samplePipeline(in: dir)])
        #expect(run.status == 0, "\(run.stderr)")

        // A private profile folder so a running LibreOffice or a stale lock cannot interfere.
        let convert = try runProgram(soffice, [
            "-env:UserInstallation=file://\(dir.path("profile"))", "--headless", "--convert-to", "pdf",
            "--outdir", dir.path("pdf"), dir.path("out/bao-cao-2024.xlsx"),
        ])
        #expect(convert.status == 0, "\(convert.stderr)")
        let pdf = dir.path("pdf/bao-cao-2024.pdf")
        #expect(FileManager.default.fileExists(atPath: pdf))
        let text = try runProgram(pdftotext, ["-layout", pdf, "-"])
        #expect(text.status == 0)
        for phrase in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Thu ngân sách nhà nước trên địa bàn",
                       "Quảng Nam", "Hà Giang", "Vượt", "Không đạt", "Hà Nội, ngày 10 tháng 01 năm 2025"] {
            #expect(text.stdout.contains(phrase), "the printed workbook lacks \"\(phrase)\"")
        }
    }
}

@Suite("PDF directives through pdftotext", .serialized)
struct PDFInputTests {
    @Test("Target sentences printed to PDF by LibreOffice come back through pdftotext with the same records")
    func pdf() throws {
        let soffice = try #require(which("soffice") ?? which("libreoffice"), "make test installs libreoffice-calc-nogui")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // The Hà Giang targets, one per line (the Calc-only LibreOffice of the tests prints sheets, not text).
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Fixtures/gold/seeds.json")))) as? [String: Any]
        let documents = try #require(gold?["documents"] as? [[String: Any]])
        let indicators = try #require(documents[3]["indicators"] as? [[String: Any]])
        let sentences = indicators.compactMap { $0["text"] as? String }.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + ".\"" }
        try (sentences.joined(separator: "\n") + "\n").write(toFile: dir.path("hg.csv"), atomically: true, encoding: .utf8)
        let convert = try runProgram(soffice, ["-env:UserInstallation=file://\(dir.path("profile"))", "--headless",
                                               "--infilter=CSV:44,34,76", "--convert-to", "pdf", "--outdir", dir.path("pdf"), dir.path("hg.csv")])
        #expect(convert.status == 0, "\(convert.stderr)")
        let pdf = dir.path("pdf/hg.pdf")
        let fromPDF = try runProgram(Repository.chitieuBinary, ["extract", pdf, "--format", "json"])
        #expect(fromPDF.status == 0, "\(fromPDF.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(fromPDF.stdout.utf8)) as? [String: Any]
        let extracted = try #require((json?["documents"] as? [[String: Any]])?.first?["indicators"] as? [[String: Any]])
        func key(_ i: [String: Any]) -> String {
            let value = i["value"] as? Double ?? 0
            let number = value == value.rounded() ? String(Int(value)) : String(value)
            return "\(i["comparator"] as? String ?? "")|\(number)||\(i["unit"] as? String ?? "")"
        }
        let found = extracted.map(key)
        let expected = indicators.map(key)
        #expect(found == expected)
    }
}
