import Foundation
import TestSupport
import Testing
import XlsxReader
import ZIPFoundation

/// Runs the built `chitieu` binary as a user would.
@Suite("chitieu from the command line", .serialized)
struct CLITests {
    @Test("run writes the workbook and evaluation.csv, with progress on stderr")
    func runSample() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try runProgram(Repository.chitieuBinary, ["run", try Repository.samplePipeline(in: dir)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("[1/5] Đọc văn bản và số liệu"))
        #expect(result.stderr.contains("[2/5] Trích xuất chỉ tiêu: 35 chỉ tiêu"))
        #expect(result.stderr.contains("[4/5] So sánh và chấm điểm"))
        #expect(result.stderr.contains("[5/5] Xuất báo cáo"))
        #expect(result.stderr.contains("Đã ghi:"))

        let workbook = try XlsxDocument(url: dir.url.appendingPathComponent("out/bao-cao-2024.xlsx"))
        #expect(workbook.sheetNames == ["Tổng hợp", "So sánh", "Biểu đồ", "Vĩnh Long", "Lạng Sơn", "Hương Trà", "Hà Giang", "Quảng Nam",
                                        "Thống kê", "Chấm điểm", "Phong trào", "Nguồn", "Kiểm tra dữ liệu"])
        for name in ["evaluation", "comparison", "summary", "scoring", "statistics", "movements", "issues"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("out/\(name).csv")), "\(name).csv")
        }
        let summaryData = try Data(contentsOf: dir.url.appendingPathComponent("out/summary.csv"))
        #expect(summaryData.starts(with: [0xEF, 0xBB, 0xBF]), "CSV files start with the UTF-8 byte order mark")
        let summary = String(decoding: summaryData.dropFirst(3), as: UTF8.self).split(separator: "\n")
        #expect(summary.first?.hasPrefix("unit,name,targets,evaluated,exceeded,met,not_met,no_data,not_evaluable,on_track,behind,share_achieved_pct,mean_completion_pct,points,max_points,score,rank") == true)
        #expect(summary.contains { $0.hasPrefix("HG,Hà Giang,15,3,1,2,0,12,0,") && $0.hasSuffix(",1,,0") })
        #expect(summary.contains { $0.hasPrefix("LS,Lạng Sơn,0,0,") && $0.hasSuffix(",,,0") }, "a unit without targets has no score and no rank")
        // Its empty row is explained once, at its directive, not left to look like a fault.
        let issues = try String(contentsOfFile: dir.path("out/issues.csv"), encoding: .utf8).split(separator: "\n")
        #expect(issues.contains { $0.contains("001_07af803d77207afe.txt,1,") && $0.contains("Lạng Sơn: văn bản không đặt chỉ tiêu định lượng nào") })
        #expect(!issues.contains { $0.contains("Hà Giang: văn bản không đặt chỉ tiêu") })
        let haGiang = try workbook.sheet(named: "Hà Giang")
        // Columns by their printed titles (row 10): the annual sheet also shows six-month columns.
        func column(_ sheet: XlsxSheet, _ title: String) throws -> Int {
            try #require(sheet.cells[9]?.first { $0.value.value == .text(title) }?.key, "no column \(title)")
        }
        let budgetRow = try #require(haGiang.cells.first { $0.value[1]?.value == .text("Thu ngân sách nhà nước trên địa bàn") })
        #expect(budgetRow.value[try column(haGiang, "Kế hoạch")]?.value == .number(2460))
        #expect(budgetRow.value[try column(haGiang, "Tỷ lệ hoàn thành (%)")]?.value == .number(119.9))
        #expect(budgetRow.value[try column(haGiang, "Đánh giá")]?.value == .text("Vượt"))
        let quangNam = try workbook.sheet(named: "Quảng Nam")
        let growth = try #require(quangNam.cells.first { ($0.value[1]?.value.text ?? "").hasPrefix("Tốc độ tăng tổng sản phẩm") })
        #expect(growth.value[try column(quangNam, "Thực hiện 6 tháng")]?.value == .number(2.7))
        #expect(growth.value[try column(quangNam, "Tiến độ 6 tháng")]?.value == .text("Chậm tiến độ"))
        #expect(growth.value[try column(quangNam, "Thực hiện")]?.value == .number(7.1))
        #expect(growth.value[try column(quangNam, "Đánh giá")]?.value == .text("Không đạt"))
        let styles = try workbook.styles()
        let fonts = Set(haGiang.cells.values.flatMap(\.values).compactMap { styles.font(ofStyle: $0.styleIndex)?.name })
        #expect(fonts == ["Times New Roman"])
        #expect(haGiang.columnWidths.count >= 8)

        let csvData = try Data(contentsOf: dir.url.appendingPathComponent("out/evaluation.csv"))
        #expect(csvData.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: csvData.dropFirst(3), as: UTF8.self).split(separator: "\n")
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

    @Test("Text over the size limit is refused before it is decoded; CHITIEU_TEXT_LIMIT_MB moves the limit")
    func textLimit() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let seed = try String(contentsOfFile: Repository.path("samples/directives/004_ba79e22acb77a903.txt"), encoding: .utf8)
        let path = folder.path("dai.txt")
        try String(repeating: seed + "\n", count: 110).write(toFile: path, atomically: true, encoding: .utf8)  // about 2.3 MB
        let refused = try runProgram(Repository.chitieuBinary, ["extract", path], environment: ["CHITIEU_TEXT_LIMIT_MB": "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("dai.txt") && refused.stderr.contains("quá giới hạn 1 MB") && refused.stderr.contains("CHITIEU_TEXT_LIMIT_MB"), "\(refused.stderr)")
        let read = try runProgram(Repository.chitieuBinary, ["extract", path])
        #expect(read.status == 0 && read.stdout.contains("\"indicators\""))
    }

    @Test("A pipeline with a bad period is refused with a message that says what to write")
    func badPipeline() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("bad.yaml")
        try "title: x\nperiod: \"2024-Q3\"\nunits: [{code: A, name: B}]\noutput: out\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runProgram(Repository.chitieuBinary, ["run", path])
        #expect(result.status == 1)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(result.stderr.contains("\(year)-H1"))
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
        // Vietnamese titles above, the column names read back below them; codes only at the end.
        #expect(sheet.rowsAsText.first?.values.prefix(3) == ["Đơn vị", "Mã chỉ tiêu", "Tên chỉ tiêu"])
        let header = sheet.rowsAsText.first { $0.values.first == "unit" }?.values ?? []
        #expect(Array(header.prefix(8)) == ["unit", "indicator", "name", "measure", "requirement", "target", "target_max", "period"])
        #expect(Array(header.suffix(3)) == ["comparator", "direction", "kind"])
        let budget = try #require(sheet.rowsAsText.first { $0.values.count > 2 && $0.values[2] == "Thu ngân sách trên địa bàn" })
        #expect(budget.values[0] == "QN")
        #expect(budget.values[1] == "budget_revenue")
        #expect(sheet.cells[budget.row]?[5]?.value == .number(23600))
        #expect(budget.values[7] == "2024")
        #expect(budget.values[4] == "đạt", "the comparator in words")
    }

    @Test("xlsx without --output is refused with a message that says what to add")
    func xlsxNeedsOutput() throws {
        let r = try runProgram(Repository.chitieuBinary, ["extract", directive, "--format", "xlsx"], workingDirectory: Repository.root.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains("--output"))
    }
}

@Suite("Pipelines: check, templates and bad input", .serialized)
struct PipelineCommandTests {
    @Test("check validates the pipeline and its inputs and writes nothing")
    func check() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try runProgram(Repository.chitieuBinary, ["check", try Repository.samplePipeline(in: dir)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("5 đơn vị, 35 chỉ tiêu"))
        #expect(r.stdout.contains("0 lỗi"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
    }

    @Test("A missing results file is named, no report is written, and the exit status is 1")
    func missingFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Repository.samplePipeline(in: dir, actuals: [Repository.path("samples/actuals/ket-qua-2024.csv"), dir.path("khong-co.csv")])
        let r = try runProgram(Repository.chitieuBinary, ["run", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("khong-co.csv: không tìm thấy tệp"))
        #expect(r.stderr.contains("không lập báo cáo: 1 tệp đầu vào không đọc được"))
        #expect(r.stderr.contains("--draft"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/bao-cao-2024.xlsx")), "no workbook built on inputs that could not be read")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/evaluation.csv")))
        // check refuses what run refuses.
        let check = try runProgram(Repository.chitieuBinary, ["check", path])
        #expect(check.status == 1)
        #expect(check.stderr.contains("khong-co.csv"))
    }

    @Test("--draft writes the report anyway: marked on every sheet, the missing file listed, nobody ranked")
    func draft() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Repository.samplePipeline(in: dir, actuals: [Repository.path("samples/actuals/ket-qua-2024.csv"), dir.path("khong-co.csv")])
        let r = try runProgram(Repository.chitieuBinary, ["run", "--draft", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("BẢN NHÁP"))
        let workbook = try XlsxDocument(url: dir.url.appendingPathComponent("out/bao-cao-2024.xlsx"))
        for name in workbook.sheetNames {
            let sheet = try workbook.sheet(named: name)
            let texts = sheet.rowsAsText.prefix(8).flatMap(\.values)
            #expect(texts.contains { $0.contains("BẢN NHÁP - CHƯA ĐỦ SỐ LIỆU") }, "sheet \(name) is not marked as a draft")
        }
        let summarySheet = try workbook.sheet(named: "Tổng hợp")
        let all = summarySheet.rowsAsText.flatMap(\.values)
        #expect(all.contains { $0.contains("khong-co.csv") }, "the missing file is listed on the summary sheet")
        let summary = try String(contentsOfFile: dir.path("out/summary.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!summary.isEmpty)
        // The rank column (17th) is empty for every unit.
        #expect(summary.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[16].isEmpty }, "no rank in a draft")
    }

    @Test("Bad result rows go to issues.csv and stderr with file and row; good rows are still evaluated")
    func badRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bad = dir.path("xau.csv")
        try """
        unit,indicator,period,value,measure,basis,status
        Quảng Nam,budget_revenue,2024,27594,tỷ đồng,value,estimate
        Quảng Nam,budget_revenue,2024,27600,tỷ đồng,value,reported
        Hà Nội,budget_revenue,2024,1,tỷ đồng,value,reported
        Hà Giang,forest_cover,2024,105,%,value,reported
        Hà Giang,export_import_value,2024,mười,triệu USD,value,reported
        Hà Giang,tourists,2024,3,tỷ đồng,value,reported
        Quảng Nam,new_enterprises,2024,-5,doanh nghiệp,value,reported

        """.write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try runProgram(Repository.chitieuBinary, ["run", try Repository.samplePipeline(in: dir, actuals: [bad])])
        #expect(r.status == 0, "rows set aside and figures to check do not stop the report: \(r.stderr)")
        // Rows set aside are warnings; figures judged against a target that cannot be right
        // (a rate above 100 %, a negative count) are errors: "Cần kiểm tra".
        for (line, words, severity) in [(3, "trùng", "warning"), (4, "Hà Nội", "warning"), (5, "vượt 100%", "error"), (6, "mười", "warning"),
                                         (7, "không quy đổi", "warning"), (8, "âm", "error")] {
            #expect(r.stderr.contains(words), "stderr lacks \(words)")
            let issues = try String(contentsOfFile: dir.path("out/issues.csv"), encoding: .utf8)
            #expect(issues.split(separator: "\n").contains { $0.hasPrefix("\(severity),\(bad),\(line),") && $0.contains(words) }, "issues.csv row \(line)")
        }
        let evaluation = try String(contentsOfFile: dir.path("out/evaluation.csv"), encoding: .utf8)
        #expect(evaluation.contains("QN,budget_revenue,Thu ngân sách trên địa bàn,2024,eq,23600,,tỷ đồng,27594,tỷ đồng,116.92,exceeded"))
        #expect(evaluation.contains("HG,tourists,Thu hút khách du lịch,2024,eq,3.2,,triệu lượt,3,tỷ đồng,,not_evaluable"))
    }

    @Test("template writes one locked workbook per unit with targets; a filled template is read back as results")
    func templateRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Repository.samplePipeline(in: dir)
        let r = try runProgram(Repository.chitieuBinary, ["template", path, "--output", dir.path("mau")])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("mau")).sorted()
        #expect(files == ["HG-2024.xlsx", "QN-2024.xlsx"])
        let url = dir.url.appendingPathComponent("mau/QN-2024.xlsx")
        let document = try XlsxDocument(url: url)
        let sheet = try document.sheet(named: "Nhập kết quả")
        let xml = String(decoding: try document.part("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(xml.contains("<sheetProtection"))
        #expect(xml.contains("type=\"decimal\""))
        #expect(xml.contains("chính thức,ước"), "the drop-down offers Vietnamese words the results reader takes")
        let header = try #require(sheet.rowsAsText.first { $0.values.first == "unit" })
        #expect(Array(header.values.prefix(9)) == ["unit", "indicator", "period", "value", "measure", "basis", "status", "verdict", "source"])
        let budget = try #require(sheet.rowsAsText.first { $0.values.count > 1 && $0.values[1] == "budget_revenue" })
        let styles = try document.styles()
        // A blank input cell carries only its style: read it from the sheet XML.
        func style(of cell: String) throws -> Int {
            let ns = xml as NSString
            let m = try #require(try NSRegularExpression(pattern: "<c r=\"\(cell)\" s=\"([0-9]+)\"").firstMatch(in: xml, range: NSRange(location: 0, length: ns.length)))
            return Int(ns.substring(with: m.range(at: 1)))!
        }
        #expect(styles.cellFormats[try style(of: "D\(budget.row + 1)")].locked == false, "the value cell is open for input")
        #expect(styles.cellFormats[try style(of: "B\(budget.row + 1)")].locked == true, "the indicator cell is locked")

        // Fill the budget value as a spreadsheet program would, then use the file as the results table.
        let cell = "D\(budget.row + 1)"
        let filled = try fill(url, cell: cell, value: "27594")
        let run = try runProgram(Repository.chitieuBinary, ["run", "-q", try Repository.samplePipeline(in: dir, actuals: [filled.path])])
        #expect(run.status == 0, "\(run.stderr)")
        let evaluation = try String(contentsOfFile: dir.path("out/evaluation.csv"), encoding: .utf8)
        #expect(evaluation.contains("QN,budget_revenue,Thu ngân sách trên địa bàn,2024,eq,23600,,tỷ đồng,27594,tỷ đồng,116.92,exceeded"))
    }

    /// Writes a number into an empty cell of the first sheet and saves the workbook under a new name.
    func fill(_ url: URL, cell: String, value: String) throws -> URL {
        let out = url.deletingLastPathComponent().appendingPathComponent("filled.xlsx")
        let source = try Archive(url: url, accessMode: .read)
        let target = try Archive(url: out, accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "xl/worksheets/sheet1.xml" {
                var xml = String(decoding: data, as: UTF8.self)
                let pattern = try NSRegularExpression(pattern: "<c r=\"\(cell)\"( s=\"[0-9]+\")?/>")
                let ns = xml as NSString
                let match = try #require(pattern.firstMatch(in: xml, range: NSRange(location: 0, length: ns.length)))
                let style = match.range(at: 1).location != NSNotFound ? ns.substring(with: match.range(at: 1)) : ""
                xml = ns.replacingCharacters(in: match.range, with: "<c r=\"\(cell)\"\(style)><v>\(value)</v></c>")
                data = Data(xml.utf8)
            }
            let bytes = data
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return out
    }
}

/// The sample results as Excel saves them on a Vietnamese Windows: plain "CSV" (Windows-1258,
/// ";" between fields, decimal comma) and "Unicode Text" (UTF-16 LE with a byte order mark, tabs).
@Suite("Tables saved from Excel in other encodings")
struct ExcelEncodingTests {
    /// Fields of one CSV line (quotes as RFC 4180).
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { out.append(field); field = "" } else { field.append(c) }
        }
        return out + [field]
    }

    /// Windows-1258 bytes of NFC text: letters the code page has as one byte, other toned
    /// letters as the base letter and a combining tone mark.
    static func windows1258(_ text: String) -> [UInt8] {
        let table: [UInt32] = [0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0, 0x2039, 0x0152, 0, 0, 0,
                               0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0, 0x203A, 0x0153, 0, 0, 0x0178]
            + (0xA0...0xBF).map { UInt32($0) }
            + [0xC0, 0xC1, 0xC2, 0x102, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0x300, 0xCD, 0xCE, 0xCF,
               0x110, 0xD1, 0x309, 0xD3, 0xD4, 0x1A0, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0x1AF, 0x303, 0xDF,
               0xE0, 0xE1, 0xE2, 0x103, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0x301, 0xED, 0xEE, 0xEF,
               0x111, 0xF1, 0x323, 0xF3, 0xF4, 0x1A1, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0x1B0, 0x20AB, 0xFF]
        var byte: [UInt32: UInt8] = [:]
        for (i, v) in table.enumerated() where v != 0 { byte[v] = UInt8(0x80 + i) }
        let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
        var out: [UInt8] = []
        for character in text {
            let scalars = character.unicodeScalars.map(\.value)
            // ASCII, "\r\n" (one Character) included.
            if scalars.allSatisfy({ $0 < 0x80 }) { out += scalars.map { UInt8($0) }; continue }
            if scalars.count == 1, let b = byte[scalars[0]] { out.append(b); continue }
            let parts = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
            let tone = parts.first { tones.contains($0) }
            let base = String(String.UnicodeScalarView(parts.filter { !tones.contains($0) }.compactMap(Unicode.Scalar.init)))
                .precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
            guard base.count == 1, let b = base[0] < 0x80 ? UInt8(base[0]) : byte[base[0]] else { continue }
            out.append(b)
            if let tone, let t = byte[tone] { out.append(t) }
        }
        return out
    }

    func evaluation(_ dir: TemporaryDirectory, actuals: String, output: String) throws -> [String] {
        let r = try runProgram(Repository.chitieuBinary, ["run", "-q", try Repository.samplePipeline(in: dir, output: output, actuals: [actuals])])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dir.path("\(output)/evaluation.csv"), encoding: .utf8)
        // The results file's name is in the location column: the rest must be equal.
        return text.replacingOccurrences(of: actuals, with: "KET-QUA").split(separator: "\n").map(String.init)
    }

    @Test("A Windows-1258 ';' CSV and a UTF-16 tab file give the same evaluations as the UTF-8 file, and the decoding is named")
    func sameEvaluations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let source = Repository.path("samples/actuals/ket-qua-2024.csv")
        let lines = try String(contentsOfFile: source, encoding: .utf8).split(separator: "\n").map { Self.fields(String($0)) }
        let valueColumn = try #require(lines.first?.firstIndex(of: "value"))
        // Plain "CSV" on a Vietnamese Windows: ";" and a decimal comma; tone marks as combining bytes.
        let semicolon = lines.enumerated().map { i, fields in
            fields.enumerated().map { c, f in
                let v = (i > 0 && c == valueColumn) ? f.replacingOccurrences(of: ".", with: ",") : f
                return v.contains(";") || v.contains("\"") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
            }.joined(separator: ";")
        }.joined(separator: "\r\n") + "\r\n"
        let cp1258 = Self.windows1258(semicolon)
        #expect(String(validating: cp1258, as: UTF8.self) == nil, "the test file is not UTF-8")
        try Data(cp1258).write(to: dir.url.appendingPathComponent("excel-1258.csv"))
        // "Unicode Text": tabs, UTF-16 little-endian with its byte order mark.
        let tabs = lines.map { $0.joined(separator: "\t") }.joined(separator: "\r\n") + "\r\n"
        try (Data([0xFF, 0xFE]) + tabs.data(using: .utf16LittleEndian)!).write(to: dir.url.appendingPathComponent("excel-unicode.txt"))

        let reference = try evaluation(dir, actuals: source, output: "utf8")
        #expect(reference.count > 30)
        #expect(try evaluation(dir, actuals: dir.path("excel-1258.csv"), output: "cp1258") == reference)
        #expect(try evaluation(dir, actuals: dir.path("excel-unicode.txt"), output: "utf16") == reference)
        let notes = try String(contentsOfFile: dir.path("cp1258/issues.csv"), encoding: .utf8)
        #expect(notes.contains("Windows-1258"))
        #expect(notes.contains("dấu chấm phẩy"))
        let utf16Notes = try String(contentsOfFile: dir.path("utf16/issues.csv"), encoding: .utf8)
        #expect(utf16Notes.contains("UTF-16 LE"))
    }
}

@Suite("Messages an official understands")
struct MessageTests {
    func check(_ yaml: String) throws -> ProcessResult {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try yaml.write(toFile: dir.path("p.yaml"), atomically: true, encoding: .utf8)
        return try runProgram(Repository.chitieuBinary, ["check", dir.path("p.yaml")])
    }

    @Test("YAML errors give the line, the column and the key in Vietnamese", arguments: [
        ("title: T\nperiod: \"2026\"\nunits:\n  - code: A\n    name: Xã A\n  - code: B\n    name: Xã B\n    directives: b.txt\noutput: out\n",
         "dòng 8, cột 17: mục units thứ 2, khóa directives phải là một danh sách tệp"),
        ("title: T\nperiod: \"2026\"\nunits:\n  - code: A\n    name: Xã A\ndirectives: [a.txt]\noutput: out\n",
         "dòng 6, cột 1: khóa directives nằm ở cấp ngoài cùng nhưng thuộc về một đơn vị trong units"),
        ("title: T\nperiod: \"2026\"\nunits:\n  - code: A\n   name: Xã A\noutput: out\n", "dòng 5, cột 4: YAML sai cú pháp"),
        ("title: T\nperiod: \"2026\"\nunits:\n  - code: A\noutput: out\n", "dòng 4, cột 5: mục units thứ 1 thiếu khóa name"),
        ("title: T\nperiod: \"2026\"\nunits:\n  - code: A\n    name: Xã A\n", "pipeline thiếu khóa output"),
    ])
    func yamlErrors(_ yaml: String, _ words: String) throws {
        let r = try check(yaml)
        #expect(r.status == 1)
        #expect(r.stderr.contains(words), "\(r.stderr)")
        #expect(!r.stderr.contains("DecodingError") && !r.stderr.contains("Index"), "\(r.stderr)")
    }

    @Test("Periods and dates in the forms officials write", arguments: ["2026", "Năm 2026", "2026-H1", "6 tháng 2026", "6 tháng đầu năm 2026", "6T/2026"])
    func periods(_ period: String) throws {
        for date in ["12/01/2027", "2027-01-12"] {
            let r = try check("title: T\nperiod: \"\(period)\"\nunits:\n  - code: A\n    name: Xã A\noutput: out\ndate: \"\(date)\"\n")
            #expect(!r.stderr.contains("không hợp lệ"), "\(period), \(date): \(r.stderr)")
        }
        let bad = try check("title: T\nperiod: \"quý 3/2026\"\nunits:\n  - code: A\n    name: Xã A\noutput: out\n")
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(bad.stderr.contains("viết \(year) hoặc Năm \(year)"), "examples use the current year: \(bad.stderr)")
    }

    @Test("--version, and a mistyped subcommand gets the nearest one")
    func commandLine() throws {
        let version = try runProgram(Repository.chitieuBinary, ["--version"])
        #expect(version.stdout.hasPrefix("chitieu "))
        let typo = try runProgram(Repository.chitieuBinary, ["chek", "p.yaml"])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("có phải check?"))
    }

    @Test("A misspelled unit in a results file is named with the nearest units, codes and names")
    func misspelledUnit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let results = dir.path("kq.csv")
        try "unit,indicator,period,value,measure\nHà Giag,budget_revenue,2024,2500,tỷ đồng\nha giang,grdp_growth,2024,6.5,%\n"
            .write(toFile: results, atomically: true, encoding: .utf8)
        let path = try Repository.samplePipeline(in: dir, actuals: [results])
        let r = try runProgram(Repository.chitieuBinary, ["check", path])
        #expect(r.stderr.contains("\"Hà Giag\" không có trong pipeline"), "\(r.stderr)")
        #expect(r.stderr.contains("có phải Hà Giang (HG)?"), "\(r.stderr)")
        #expect(!r.stderr.contains("\"ha giang\""), "a name typed without accents matches")
    }
}

@Suite("Strict runs")
struct StrictTests {
    @Test("--strict refuses a report while rows are set aside; check --strict fails the same way")
    func strict() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let results = dir.path("kq.csv")
        try "unit,indicator,period,value,measure\nQuảng Nam,budget_revenue,2024,27594,tỷ đồng\nQuảng Nam,budget_revenue,2024,27600,tỷ đồng\n"
            .write(toFile: results, atomically: true, encoding: .utf8)
        let path = try Repository.samplePipeline(in: dir, actuals: [results])
        let strict = try runProgram(Repository.chitieuBinary, ["run", "--strict", path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("không lập báo cáo") && strict.stderr.contains("trùng"), "\(strict.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/bao-cao-2024.xlsx")))
        #expect(try runProgram(Repository.chitieuBinary, ["check", "--strict", path]).status == 1)
        // Without --strict the duplicate is a warning and the report is written.
        let plain = try runProgram(Repository.chitieuBinary, ["run", path])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("Tổng cộng: 0 lỗi, 1 cảnh báo"), "\(plain.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("out/bao-cao-2024.xlsx")))
    }
}

@Suite("A figure typed in the wrong unit, end to end")
struct WrongMagnitudeTests {
    @Test("27.594 typed in triệu đồng against a plan in tỷ đồng: needs_check in every output, no rank, the likely value named")
    func slip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let results = dir.path("kq.csv")
        try "unit;indicator;period;value;measure\nQuảng Nam;budget_revenue;2024;27594;triệu đồng\nHà Giang;budget_revenue;2024;2500;tỷ đồng\n"
            .write(toFile: results, atomically: true, encoding: .utf8)
        let path = try Repository.samplePipeline(in: dir, actuals: [results])
        let check = try runProgram(Repository.chitieuBinary, ["check", path])
        #expect(check.status == 1, "check reports a figure to check as an error")
        #expect(check.stderr.contains("có thể đúng là 27.594 tỷ đồng?"), "\(check.stderr)")
        let run = try runProgram(Repository.chitieuBinary, ["run", path])
        #expect(run.status == 0, "\(run.stderr)")
        let evaluation = try String(contentsOfFile: dir.path("out/evaluation.csv"), encoding: .utf8)
        #expect(evaluation.split(separator: "\n").contains { $0.hasPrefix("QN,budget_revenue,") && $0.contains(",needs_check,") })
        let summary = try String(contentsOfFile: dir.path("out/summary.csv"), encoding: .utf8).split(separator: "\n")
        let qn = try #require(summary.first { $0.hasPrefix("QN,") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(qn.last == "1", "the summary counts the row")
        #expect(qn[12].isEmpty, "no mean completion from it")
        let issues = try String(contentsOfFile: dir.path("out/issues.csv"), encoding: .utf8).split(separator: "\n")
        #expect(issues.dropFirst().first?.hasPrefix("error,") == true, "listed first")
    }
}

@Suite("Configuration checked whole")
struct ConfigurationTests {
    func check(_ extra: String, output: String = "out") throws -> ProcessResult {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try "title: T\nperiod: \"2026\"\nunits:\n  - code: A\n    name: Xã A\noutput: \(output)\n\(extra)\n".write(toFile: dir.path("p.yaml"), atomically: true, encoding: .utf8)
        return try runProgram(Repository.chitieuBinary, ["check", dir.path("p.yaml")])
    }

    @Test("Unknown keys are refused with the nearest known key; numbers out of range, days that do not exist and system folders too", arguments: [
        ("actual: [a.csv]", "out", "có phải actuals?"),
        ("scorring: {met: 1}", "out", "có phải scoring?"),
        ("directive: [a.txt]", "out", "có phải directives?"),
        ("scoring: {metx: 1}", "out", "scoring.metx: không có khóa này; có phải met?"),
        ("scoring: {no_data: -50}", "out", "scoring.no_data"),
        ("scoring: {met: .nan}", "out", "scoring.met"),
        ("scoring: {cap: .inf}", "out", "scoring.cap"),
        ("scoring: {weights: {sectors: {economy: -3}}}", "out", "trọng số phải là một số hữu hạn lớn hơn 0"),
        ("date: \"2025-02-31\"", "out", "ngày 31 tháng 2 năm 2025 không có"),
        ("", "/", "thư mục hệ thống"),
        ("", ".", "chứa chính tệp pipeline"),
    ])
    func refused(_ extra: String, _ output: String, _ words: String) throws {
        let r = try check(extra, output: output)
        #expect(r.status == 1)
        #expect(r.stderr.contains(words), "\(r.stderr)")
    }

    @Test("A unit given by its official code takes its official name; a code that is no province is refused with the nearest names")
    func officialCodes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        func check(_ units: String) throws -> ProcessResult {
            try "title: T\nperiod: \"2025\"\nunits:\n\(units)\noutput: out\n".write(toFile: dir.path("p.yaml"), atomically: true, encoding: .utf8)
            return try runProgram(Repository.chitieuBinary, ["check", dir.path("p.yaml"), "--units"])
        }
        let good = try check("  - code: \"08\"\n  - code: \"48\"\n  - code: LS\n    name: Lạng Sơn")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("08\tTỉnh Tuyên Quang\t08"), "\(good.stdout)")
        #expect(good.stdout.contains("48\tThành phố Đà Nẵng\t48"), "\(good.stdout)")
        #expect(good.stdout.contains("LS\tLạng Sơn\t20"), "\(good.stdout)")
        let bad = try check("  - code: \"99\"")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("mã \"99\" không phải mã tỉnh"), "\(bad.stderr)")
        // A board's own code with a misspelled name: kept, and the nearest official names said.
        let misspelled = try check("  - code: TQ\n    name: Tuyen Quan")
        #expect(misspelled.status == 0, "\(misspelled.stderr)")
        #expect(misspelled.stdout.contains("TQ\tTuyen Quan\t—\t(không khớp tỉnh, thành phố nào; có phải Tỉnh Tuyên Quang (08)"), "\(misspelled.stdout)")
        let nameless = try check("  - code: X1")
        #expect(nameless.status == 1 && nameless.stderr.contains("thiếu khóa name"), "\(nameless.stderr)")
    }

    @Test("A unit code that climbs out of the folder makes a safe file name inside it")
    func traversal() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var yaml = try String(contentsOfFile: try Repository.samplePipeline(in: dir), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "code: HG", with: "code: \"../../../../tmp/x\"")
        try yaml.write(toFile: dir.path("p.yaml"), atomically: true, encoding: .utf8)
        let r = try runProgram(Repository.chitieuBinary, ["template", dir.path("p.yaml"), "--output", dir.path("mau")])
        #expect(r.status == 0, "\(r.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path("mau"))
        #expect(written.contains { $0.hasPrefix("___") && $0.contains("_tmp_x") }, "\(written)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/x-2024.xlsx"))
    }
}

@Suite("Outputs as one set", .serialized)
struct OutputSetTests {
    /// Every file of a folder with its bytes.
    func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        return files
    }

    @Test("A run that fails at any step leaves the old set whole; leftovers go; other files in the folder stay")
    func interrupted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Repository.samplePipeline(in: dir)
        #expect(try runProgram(Repository.chitieuBinary, ["run", "-q", path]).status == 0)
        try "ghi chú của cán bộ".write(toFile: dir.path("out/ghi-chu.txt"), atomically: true, encoding: .utf8)
        let old = try snapshot(dir.path("out"))
        #expect(old.count == 9)
        // The next run differs: another date on the report.
        var yaml = try String(contentsOfFile: path, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: #"date: "[0-9-]+""#, with: "date: \"2025-02-20\"", options: .regularExpression)
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let steps = ["bao-cao-2024.xlsx", "evaluation.csv", "comparison.csv", "summary.csv", "scoring.csv", "statistics.csv", "movements.csv",
                     "issues.csv", "commit"]
        for step in steps {
            let r = try runProgram(Repository.chitieuBinary, ["run", "-q", path], environment: ["CHITIEU_FAIL_AT": step])
            #expect(r.status == 1, "\(step)")
            #expect(try snapshot(dir.path("out")) == old, "a failure at \(step) changed the old set")
            let hidden = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains(".staging-") || $0.contains(".old-") }
            #expect(hidden.isEmpty, "left behind after \(step): \(hidden)")
        }
        // A staging folder left by a killed run is cleared by the next one.
        try FileManager.default.createDirectory(atPath: dir.path(".out.staging-99999"), withIntermediateDirectories: true)
        #expect(try runProgram(Repository.chitieuBinary, ["run", "-q", path]).status == 0)
        let new = try snapshot(dir.path("out"))
        #expect(Set(new.keys) == Set(old.keys))
        #expect(new["bao-cao-2024.xlsx"] != old["bao-cao-2024.xlsx"], "the new set is in place")
        #expect(new["ghi-chu.txt"] == old["ghi-chu.txt"], "a file that is not part of the set stays")
        #expect(!FileManager.default.fileExists(atPath: dir.path(".out.staging-99999")))
    }

    @Test("A second run into the same folder at once stops with a clear message")
    func locked() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Repository.samplePipeline(in: dir)
        let fd = open(dir.path(".out.lock"), O_CREAT | O_RDWR, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let r = try runProgram(Repository.chitieuBinary, ["run", "-q", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("một lần chạy khác đang ghi vào thư mục này"), "\(r.stderr)")
        flock(fd, LOCK_UN)
        #expect(try runProgram(Repository.chitieuBinary, ["run", "-q", path]).status == 0)
    }
}
