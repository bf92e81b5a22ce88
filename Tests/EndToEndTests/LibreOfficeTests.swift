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
        var yaml = try String(contentsOfFile: Repository.path("pipelines/sample-2024.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "../samples/", with: Repository.path("samples") + "/")
            .replacingOccurrences(of: "output: ../reports/sample-2024", with: "output: out")
        try yaml.write(toFile: dir.path("p.yaml"), atomically: true, encoding: .utf8)
        let run = try runProgram(Repository.chitieuBinary, ["run", "-q", dir.path("p.yaml")])
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
