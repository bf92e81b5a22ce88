import Foundation
import TestSupport
import Testing
import XlsxReader

/// Runs the built `chitieu` binary as a user would.
@Suite("chitieu from the command line", .serialized)
struct CLITests {
    /// A copy of the sample pipeline that writes into a temporary folder.
    func samplePipeline(in dir: TemporaryDirectory) throws -> String {
        var yaml = try String(contentsOfFile: Repository.path("pipelines/sample-2024.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "../samples/", with: Repository.path("samples") + "/")
        yaml = yaml.replacingOccurrences(of: "output: ../reports/sample-2024", with: "output: out")
        let path = dir.path("sample-2024.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("run writes the workbook and evaluation.csv, with progress on stderr")
    func runSample() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try runProgram(Repository.chitieuBinary, ["run", try samplePipeline(in: dir)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("[1/4] Đọc văn bản và số liệu"))
        #expect(result.stderr.contains("[2/4] Trích xuất chỉ tiêu: 35 chỉ tiêu"))
        #expect(result.stderr.contains("[4/4] Xuất báo cáo"))
        #expect(result.stderr.contains("Đã ghi:"))

        let workbook = try XlsxDocument(url: dir.url.appendingPathComponent("out/bao-cao-2024.xlsx"))
        #expect(workbook.sheetNames == ["Tổng hợp", "Vĩnh Long", "Lạng Sơn", "Hương Trà", "Hà Giang", "Quảng Nam"])
        let haGiang = try workbook.sheet(named: "Hà Giang")
        let budgetRow = try #require(haGiang.cells.first { $0.value[1]?.value == .text("Thu ngân sách nhà nước trên địa bàn") })
        #expect(budgetRow.value[4]?.value == .number(2460))
        #expect(budgetRow.value[6]?.value == .number(119.9))
        #expect(budgetRow.value[7]?.value == .text("Vượt"))
        let quangNam = try workbook.sheet(named: "Quảng Nam")
        let growth = try #require(quangNam.cells.first { ($0.value[1]?.value.text ?? "").hasPrefix("Tốc độ tăng tổng sản phẩm") })
        #expect(growth.value[5]?.value == .number(7.1))
        #expect(growth.value[7]?.value == .text("Không đạt"))
        let styles = try workbook.styles()
        let fonts = Set(haGiang.cells.values.flatMap(\.values).compactMap { styles.font(ofStyle: $0.styleIndex)?.name })
        #expect(fonts == ["Times New Roman"])
        #expect(haGiang.columnWidths.count >= 8)

        let csv = try String(contentsOfFile: dir.path("out/evaluation.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first?.hasPrefix("unit,indicator,name,period,comparator,target,target_max,measure,actual,actual_measure,completion_pct,status") == true)
        #expect(lines.count == 36)
        #expect(lines.contains { $0.hasPrefix("QN,budget_revenue,Thu ngân sách trên địa bàn,2024,eq,23600,,tỷ đồng,27594,tỷ đồng,116.92,exceeded") })
    }

    @Test("extract prints the JSON contract")
    func extractJSON() throws {
        let result = try runProgram(Repository.chitieuBinary, ["extract", "samples/directives/003_69f06bacfe25bd6e.txt", "--format", "json"],
                                    workingDirectory: Repository.root.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.first?["path"] as? String == "samples/directives/003_69f06bacfe25bd6e.txt")
        #expect(documents.first?["metadata"] is [String: Any])
        let indicators = try #require(documents.first?["indicators"] as? [[String: Any]])
        let budget = try #require(indicators.first { $0["name"] as? String == "Thu ngân sách nhà nước trên địa bàn" })
        #expect(budget["value"] as? Double == 2460)
        #expect(budget["valueMax"] is NSNull)
        #expect(budget["unit"] as? String == "tỷ đồng")
        #expect(budget["comparator"] as? String == "eq")
        #expect(budget["text"] as? String == "Thu ngân sách nhà nước trên địa bàn đạt 2.460 tỷ đồng")
        #expect(result.stdout.contains("\"value\": 2460,"), "numbers are JSON numbers")
    }

    @Test("A missing file is named, the other files still go through, and the exit status says so")
    func extractMissingFile() throws {
        let result = try runProgram(Repository.chitieuBinary, ["extract", "khong-co.txt", "samples/directives/004_ba79e22acb77a903.txt"],
                                    workingDirectory: Repository.root.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("khong-co.txt"))
        #expect(result.stdout.contains("004_ba79e22acb77a903.txt"))
    }

    @Test("A pipeline with a bad period is refused with a message that says what to write")
    func badPipeline() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("bad.yaml")
        try "title: x\nperiod: \"2024-Q3\"\nunits: [{code: A, name: B}]\noutput: out\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runProgram(Repository.chitieuBinary, ["run", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("2024-H1"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
    }
}

@Suite("chitieu extract output formats", .serialized)
struct ExtractFormatTests {
    let directive = "samples/directives/004_ba79e22acb77a903.txt"

    @Test("table is readable in a terminal: facts, targets, qualitative targets")
    func table() throws {
        let r = try runProgram(Repository.chitieuBinary, ["extract", directive, "--format", "table"], workingDirectory: Repository.root.path)
        #expect(r.status == 0)
        #expect(r.stdout.contains("Chỉ thị · Ủy ban nhân dân tỉnh Quảng Nam"))
        #expect(r.stdout.contains("Thu ngân sách trên địa bàn"))
        #expect(r.stdout.contains("23.600 tỷ đồng"))
        #expect(r.stdout.contains("Chỉ tiêu định tính:"))
    }

    @Test("csv has one row per target with provenance")
    func csv() throws {
        let r = try runProgram(Repository.chitieuBinary, ["extract", directive, "--format", "csv"], workingDirectory: Repository.root.path)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines[0] == "document,id,name,comparator,value,value_max,unit,percentage_points,approx,parent,catalogue,sector,confidence,review,line,column,text")
        #expect(lines.contains { $0.contains(",Thu nội địa,eq,20100,,tỷ đồng,no,no,Thu ngân sách trên địa bàn,budget_revenue_domestic,economy,") })
    }

    @Test("xlsx writes an editable plan workbook whose plan columns come first")
    func xlsx() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path("ke-hoach.xlsx")
        let r = try runProgram(Repository.chitieuBinary, ["extract", directive, "--format", "xlsx", "--output", out, "--unit", "QN"],
                               workingDirectory: Repository.root.path)
        #expect(r.status == 0, "\(r.stderr)")
        let sheet = try XlsxDocument(url: URL(fileURLWithPath: out)).sheet(named: "Kế hoạch")
        let header = sheet.rowsAsText.first?.values ?? []
        #expect(Array(header.prefix(8)) == ["unit", "indicator", "name", "measure", "comparator", "target", "target_max", "period"])
        let budget = try #require(sheet.rowsAsText.first { $0.values.count > 2 && $0.values[2] == "Thu ngân sách trên địa bàn" })
        #expect(budget.values[0] == "QN")
        #expect(budget.values[1] == "budget_revenue")
        #expect(sheet.cells[budget.row]?[5]?.value == .number(23600))
        #expect(budget.values[7] == "2024")
    }

    @Test("xlsx without --output is refused with a message that says what to add")
    func xlsxNeedsOutput() throws {
        let r = try runProgram(Repository.chitieuBinary, ["extract", directive, "--format", "xlsx"], workingDirectory: Repository.root.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains("--output"))
    }
}
