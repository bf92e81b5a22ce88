import ChitieuHistory
import ChitieuModel
import Foundation
import GRDB
import TestSupport
import Testing
import XlsxReader

/// Two reporting years in one store. The figures of these tests are test inputs laid out to make
/// each case of the merger; they are not published figures.
@Suite("Memory across periods: the same period of last year, across the 1/7/2025 merger")
struct HistoryTests {
    static let results2024 = """
        unit,indicator,period,value,measure,basis,status,name,source
        48,budget_revenue,2024,30000,tỷ đồng,value,reported,Thu ngân sách,test
        49,budget_revenue,2024,27594,tỷ đồng,value,estimate,Thu ngân sách,test
        48,grdp_growth,2024,7.51,%,value,estimate,Tăng trưởng GRDP,test
        49,grdp_growth,2024,7.1,%,value,estimate,Tăng trưởng GRDP,test
        48,grdp_current_prices,2024,151307,tỷ đồng,value,estimate,GRDP giá hiện hành,test
        49,grdp_current_prices,2024,129,nghìn tỷ đồng,value,reported,GRDP giá hiện hành,test
        48,poverty_rate,2024,0.5,%,value,reported,Tỷ lệ hộ nghèo,test
        49,poverty_rate,2024,4.56,%,value,reported,Tỷ lệ hộ nghèo,test
        20,grdp_growth,2024,6.01,%,value,estimate,Tăng trưởng GRDP,test
        02,budget_revenue,2024,4000,tỷ đồng,value,reported,Thu ngân sách,test

        """
    static let plans2025 = """
        unit,indicator,name,measure,comparator,target,target_max,period
        48,budget_revenue,Thu ngân sách,tỷ đồng,gte,60000,,2025
        48,grdp_growth,Tăng trưởng GRDP,%,gte,8,,2025
        48,poverty_rate,Tỷ lệ hộ nghèo,%,lte,2,,2025
        20,grdp_growth,Tăng trưởng GRDP,%,gte,8,,2025
        08,budget_revenue,Thu ngân sách,tỷ đồng,gte,10000,,2025

        """
    static let results2025 = """
        unit,indicator,period,value,measure,basis,status,name,source
        48,budget_revenue,2025,63000,tỷ đồng,value,reported,Thu ngân sách,test
        48,grdp_growth,2025,9.18,%,value,estimate,Tăng trưởng GRDP,test
        48,poverty_rate,2025,1.5,%,value,reported,Tỷ lệ hộ nghèo,test
        20,grdp_growth,2025,8.06,%,value,reported,Tăng trưởng GRDP,test
        08,budget_revenue,2025,12000,tỷ đồng,value,reported,Thu ngân sách,test

        """

    /// A folder with the 2024 and 2025 pipelines; the store is `chitieu.sqlite` in it.
    func setUp(_ dir: TemporaryDirectory) throws {
        try Self.results2024.write(toFile: dir.path("kq-2024.csv"), atomically: true, encoding: .utf8)
        try Self.results2025.write(toFile: dir.path("kq-2025.csv"), atomically: true, encoding: .utf8)
        try Self.plans2025.write(toFile: dir.path("kh-2025.csv"), atomically: true, encoding: .utf8)
        try """
            title: Năm 2024
            period: "2024"
            units:
              - code: "48"
              - code: "49"
              - code: "20"
              - code: "02"
            actuals: [kq-2024.csv]
            output: out-2024
            """.write(toFile: dir.path("p2024.yaml"), atomically: true, encoding: .utf8)
        try """
            title: Năm 2025
            period: "2025"
            units:
              - code: "48"
              - code: "08"
              - code: "20"
            plans: [kh-2025.csv]
            actuals: [kq-2025.csv]
            output: out-2025
            restate_weights:
              grdp_growth: grdp_current_prices
            """.write(toFile: dir.path("p2025.yaml"), atomically: true, encoding: .utf8)
    }

    /// The evaluation.csv rows by "unit,indicator", as column → value.
    func evaluations(_ dir: TemporaryDirectory) throws -> [String: [String: String]] {
        let lines = try String(contentsOfFile: dir.path("out-2025/evaluation.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\n").map(String.init)
        let header = csvFields(lines[0])
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            let fields = csvFields(line)
            let row = Dictionary(zip(header, fields)) { a, _ in a }
            rows["\(row["unit"]!),\(row["indicator"]!)"] = row
        }
        return rows
    }

    func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
        }
        fields.append(field)
        return fields
    }

    func run(_ pipeline: String, in dir: TemporaryDirectory) throws -> ProcessResult {
        try runProgram(Repository.chitieuBinary, ["run", dir.path(pipeline)])
    }

    @Test("2024 then 2025 with one store: a summed flow, a weighted rate, a rate without weights, a missing old province, an unchanged province")
    func twoYears() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try setUp(dir)
        let first = try run("p2024.yaml", in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try run("p2025.yaml", in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        let rows = try evaluations(dir)

        // A flow of a merged province: the old provinces summed.
        let budget = try #require(rows["48,budget_revenue"])
        #expect(budget["last_year_value"] == "57594" && budget["last_year_status"] == "restated")
        #expect(Double(budget["change_vs_last_year"] ?? "") == 9.39 && budget["change_vs_last_year_unit"] == "%")
        #expect(budget["last_year_note"]?.contains("gộp Đà Nẵng 48 + Quảng Nam 49") == true, "\(budget)")
        #expect(budget["last_year_note"]?.contains("30.000 + 27.594") == true, "\(budget)")

        // A rate of a merged province, weighted by GRDP at current prices (129 nghìn tỷ = 129.000 tỷ).
        let growth = try #require(rows["48,grdp_growth"])
        let expected = (7.51 * 151_307 + 7.1 * 129_000) / 280_307
        #expect(abs((Double(growth["last_year_value"] ?? "") ?? 0) - expected) < 1e-6, "\(growth)")
        #expect(growth["last_year_status"] == "restated" && growth["change_vs_last_year_unit"] == "điểm %")
        #expect(Double(growth["change_vs_last_year"] ?? "") == ((9.18 - expected) * 100).rounded() / 100)

        // A rate without weights: not comparable, and why.
        let poverty = try #require(rows["48,poverty_rate"])
        #expect(poverty["last_year_status"] == "not_comparable" && poverty["last_year_value"] == "")
        #expect(poverty["last_year_note"]?.contains("restate_weights") == true, "\(poverty)")

        // An old province with no figure: not comparable, naming it.
        let tuyenQuang = try #require(rows["08,budget_revenue"])
        #expect(tuyenQuang["last_year_status"] == "not_comparable")
        #expect(tuyenQuang["last_year_note"]?.contains("Tuyên Quang (08)") == true, "\(tuyenQuang)")

        // An unchanged province: its own figure, an estimate, in points.
        let langSon = try #require(rows["20,grdp_growth"])
        #expect(langSon["last_year_value"] == "6.01" && langSon["last_year_status"] == "estimate")
        #expect(langSon["change_vs_last_year"] == "2.05" && langSon["change_vs_last_year_unit"] == "điểm %")

        // The workbook's "Cùng kỳ" sheet shows the parts of a restated figure.
        let book = try XlsxDocument(url: URL(fileURLWithPath: dir.path("out-2025/bao-cao-2025.xlsx")))
        #expect(book.sheetNames.contains("Cùng kỳ"))
        let sheet = try book.sheet(named: "Cùng kỳ")
        let texts = sheet.cells.values.flatMap { $0.values }.compactMap { cell -> String? in
            if case .text(let t) = cell.value { return t } else { return nil }
        }
        #expect(texts.contains { $0.contains("Thành phố Đà Nẵng 2024 (gộp Đà Nẵng 48 + Quảng Nam 49): 30.000 + 27.594 = 57.594 tỷ đồng") }, "\(texts)")
        #expect(texts.contains("Gộp từ đơn vị cũ") && texts.contains("Không so sánh được"))

        // The unit sheet carries last year beside each target.
        let daNang = try book.sheet(named: "Thành phố Đà Nẵng")
        let headerRow = try #require(daNang.cells.first { $0.value.values.contains { $0.value == .text("Cùng kỳ năm trước") } })
        let pastColumn = try #require(headerRow.value.first { $0.value.value == .text("Cùng kỳ năm trước") }?.key)
        let budgetRow = try #require(daNang.cells.first { $0.value[1]?.value == .text("Thu ngân sách") })
        #expect(budgetRow.value[pastColumn]?.value == .number(57594))
        #expect(budgetRow.value[pastColumn + 1]?.value == .text("9,39 %"))

        // "Diễn biến": each figure by year, the merged province's 2024 put together.
        let trend = try book.sheet(named: "Diễn biến")
        let growthRow = try #require(trend.cells.first { row in
            row.value.values.contains { $0.value == .text("Thành phố Đà Nẵng") } && row.value.values.contains { cell in
                if case .text(let t) = cell.value { return t.hasPrefix("Tốc độ tăng trưởng") } else { return false }
            }
        })
        let numbers = growthRow.value.sorted { $0.key < $1.key }.compactMap { cell -> Double? in
            if case .number(let n) = cell.value.value { return n } else { return nil }
        }
        #expect(numbers.count == 2 && abs(numbers[0] - expected) < 1e-9 && numbers[1] == 9.18, "\(numbers)")
    }

    @Test("Running again replaces the run's rows; a later official figure supersedes an estimate, both stay stored")
    func rerunAndSupersede() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try setUp(dir)
        #expect(try run("p2024.yaml", in: dir).status == 0)
        let store = try HistoryStore(path: dir.path("chitieu.sqlite"))
        let key = URL(fileURLWithPath: dir.path("p2024.yaml")).standardizedFileURL.path + "#2024"
        let once = try store.count(key: key)
        #expect(once == 10)
        #expect(try run("p2024.yaml", in: dir).status == 0)
        #expect(try store.count(key: key) == once)

        // Quảng Nam's budget, official, imported later: the 2025 comparison uses it.
        try "unit,indicator,period,value,measure,basis,status,name,source\nQuảng Nam,budget_revenue,2024,28000,tỷ đồng,value,reported,Thu ngân sách,test\n"
            .write(toFile: dir.path("chinh-thuc.csv"), atomically: true, encoding: .utf8)
        let imported = try runProgram(Repository.chitieuBinary, ["history", "import", dir.path("chinh-thuc.csv"), "--store", dir.path("chitieu.sqlite")])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try store.history(unit: "49", indicator: "budget_revenue").map(\.value).sorted() == [27594, 28000])
        #expect(try run("p2025.yaml", in: dir).status == 0)
        #expect(try evaluations(dir)["48,budget_revenue"]?["last_year_value"] == "58000")
        let shown = try runProgram(Repository.chitieuBinary, ["history", "show", "--unit", "Quảng Nam", "--indicator", "budget_revenue", "--store", dir.path("chitieu.sqlite")])
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("2024\t28.000\ttỷ đồng\tvalue\treported") && $0.contains("\tcó\t") }, "\(shown.stdout)")
        #expect(lines.contains { $0.hasPrefix("2024\t27.594\ttỷ đồng\tvalue\testimate") && !$0.contains("\tcó\t") }, "\(shown.stdout)")
    }

    @Test("A draft (an input left unread) is not remembered")
    func draftNotRemembered() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try setUp(dir)
        let yaml = try String(contentsOfFile: dir.path("p2024.yaml"), encoding: .utf8).replacingOccurrences(of: "actuals: [kq-2024.csv]", with: "actuals: [kq-2024.csv, khong-co.csv]")
        try yaml.write(toFile: dir.path("draft.yaml"), atomically: true, encoding: .utf8)
        let draft = try runProgram(Repository.chitieuBinary, ["run", "--draft", dir.path("draft.yaml")])
        #expect(FileManager.default.fileExists(atPath: dir.path("out-2024/bao-cao-2024.xlsx")), "\(draft.stderr)")
        let store = try HistoryStore(path: dir.path("chitieu.sqlite"))
        #expect(try store.count(key: URL(fileURLWithPath: dir.path("draft.yaml")).standardizedFileURL.path + "#2024") == 0)
    }

    @Test("A store written by an older schema is brought up to date and keeps its figures")
    func migration() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("old.sqlite")
        try HistoryStore.makeOlder(path: path, version: "v1")
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: "INSERT INTO run (key, period, recordedAt, digests) VALUES ('import:x', '2024', '2025-01-01T00:00:00Z', '')")
            try db.execute(sql: """
                INSERT INTO result (runId, unitCode, unitName, indicator, period, value, measure, basis, status, source, recordedAt)
                VALUES (1, '20', 'Tỉnh Lạng Sơn', 'grdp_growth', '2024', 6.01, '%', 'value', 'estimate', NULL, '2025-01-01T00:00:00Z')
                """)
        }
        try old.close()
        let store = try HistoryStore(path: path)
        #expect(try store.appliedVersions() == ["v1", "v2"])
        #expect(try store.figures(period: ReportingPeriod(year: 2024, span: .year)).map(\.value) == [6.01])
    }

    @Test("A locked or damaged store stops the run with a clear message, and no report is written")
    func lockedAndCorrupt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try setUp(dir)
        #expect(try run("p2024.yaml", in: dir).status == 0)
        // Another program holds the store.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: dir.path("chitieu.sqlite"), configuration: holding)
        try other.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        let locked = try run("p2025.yaml", in: dir)
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        try other.close()
        #expect(locked.status != 0)
        #expect(locked.stderr.contains("chitieu.sqlite") && locked.stderr.contains("đang bị một chương trình khác khóa"), "\(locked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out-2025")))

        // The store is not a database.
        try Data("đây không phải SQLite".utf8).write(to: URL(fileURLWithPath: dir.path("chitieu.sqlite")))
        let corrupt = try run("p2025.yaml", in: dir)
        #expect(corrupt.status != 0)
        #expect(corrupt.stderr.contains("không phải kho lịch sử SQLite hoặc đã hỏng"), "\(corrupt.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out-2025")))
    }

    @Test("Communes by their official codes: old communes merged whole are summed; one that went in only in part makes the figure not comparable")
    func communes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Xã Kim Anh (00382) is Minh Trí (00382), Minh Phú (00397) and Tân Dân (00415), each whole;
        // Phường Phúc Lợi (00136) took part of Xã Cổ Bi (00553).
        try """
            unit,indicator,period,value,measure,basis,status,name,source
            00382,new_enterprises,2024,10,doanh nghiệp,value,reported,Doanh nghiệp mới,test
            00397,new_enterprises,2024,12,doanh nghiệp,value,reported,Doanh nghiệp mới,test
            00415,new_enterprises,2024,8,doanh nghiệp,value,reported,Doanh nghiệp mới,test
            00136,new_enterprises,2024,5,doanh nghiệp,value,reported,Doanh nghiệp mới,test

            """.write(toFile: dir.path("kq-2024.csv"), atomically: true, encoding: .utf8)
        try """
            unit,indicator,period,value,measure,basis,status,name,source
            00382,new_enterprises,2025,33,doanh nghiệp,value,reported,Doanh nghiệp mới,test
            00136,new_enterprises,2025,7,doanh nghiệp,value,reported,Doanh nghiệp mới,test

            """.write(toFile: dir.path("kq-2025.csv"), atomically: true, encoding: .utf8)
        try "title: Xã\nperiod: \"2025\"\nunits:\n  - code: \"00382\"\n  - code: \"00136\"\nactuals: [kq-2025.csv]\noutput: out-2025\n"
            .write(toFile: dir.path("p2025.yaml"), atomically: true, encoding: .utf8)
        let imported = try runProgram(Repository.chitieuBinary, ["history", "import", dir.path("kq-2024.csv"), "--store", dir.path("chitieu.sqlite")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try run("p2025.yaml", in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let book = try XlsxDocument(url: URL(fileURLWithPath: dir.path("out-2025/bao-cao-2025.xlsx")))
        let texts = try book.sheet(named: "Cùng kỳ").cells.values.flatMap { $0.values }.compactMap { cell -> String? in
            if case .text(let t) = cell.value { return t } else { return nil }
        }
        #expect(texts.contains { $0.contains("Xã Kim Anh 2024 (gộp Minh Trí 00382 + Minh Phú 00397 + Tân Dân 00415)") && $0.contains("10 + 12 + 8 = 30 doanh nghiệp") }, "\(texts)")
        #expect(texts.contains { $0.contains("Xã Cổ Bi (00553) nhập một phần") }, "\(texts)")
    }
}

@Suite("Clusters from the pipeline: points files checked row by row, scores and proposals written")
struct ClusterPipelineTests {
    @Test("The sample cluster: ranks in the cluster, the flag for the first, merit for the next; bad points rows named with file and row")
    func sampleCluster() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var yaml = try String(contentsOfFile: Repository.path("pipelines/sample-2024-cum.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "../samples/", with: Repository.path("samples") + "/")
            .replacingOccurrences(of: "output: ../reports/sample-2024-cum", with: "output: out")
            .replacingOccurrences(of: "points: [" + Repository.path("samples") + "/points/diem-cham-2024.csv]", with: "points: [diem.csv]")
        try yaml.write(toFile: dir.path("p.yaml"), atomically: true, encoding: .utf8)
        var points = try String(contentsOfFile: Repository.path("samples/points/diem-cham-2024.csv"), encoding: .utf8)
        try points.write(toFile: dir.path("diem.csv"), atomically: true, encoding: .utf8)
        let good = try runProgram(Repository.chitieuBinary, ["run", dir.path("p.yaml")])
        #expect(good.status == 0, "\(good.stderr)")
        let proposals = try String(contentsOfFile: dir.path("out/proposals.csv"), encoding: .utf8)
        #expect(proposals.contains("CUM1,QN,Quảng Nam,1,98.48,0.00,flag,Đề nghị tặng Cờ thi đua"), "\(proposals)")
        #expect(proposals.contains("CUM1,HG,Hà Giang,2,72.50,0.00,merit,Đề nghị tặng Bằng khen"), "\(proposals)")
        let summary = try String(contentsOfFile: dir.path("out/summary.csv"), encoding: .utf8)
        #expect(summary.contains(",cluster,cluster_rank,proposal\n") || summary.contains(",cluster,cluster_rank,proposal\r\n"))
        let scoring = try String(contentsOfFile: dir.path("out/scoring.csv"), encoding: .utf8)
        #expect(scoring.contains("\"0,5 × 20,00 + 0,5 × 20,00 × (1,17 − 1) ÷ (1,20 − 1) = 18,50\",CUM1,TC1,"), "\(scoring)")
        #expect(scoring.contains("\"Cụm chấm: 9,00 / 10,00 điểm\",CUM1,TC3,cluster"))
        // "Chấm điểm" is the cluster's own table; the run-wide scoring moves to "Chấm điểm chung".
        let book = try XlsxDocument(url: URL(fileURLWithPath: dir.path("out/bao-cao-2024.xlsx")))
        #expect(book.sheetNames.contains("Chấm điểm") && book.sheetNames.contains("Chấm điểm chung"))
        let texts = try book.sheet(named: "Chấm điểm").cells.values.flatMap { $0.values }.compactMap { cell -> String? in
            if case .text(let t) = cell.value { return t } else { return nil }
        }
        #expect(texts.contains { $0.contains("điểm thi đua 98,48 / 100; Đề nghị tặng Cờ thi đua") }, "\(texts)")
        #expect(texts.contains("Đơn vị tự chấm") && texts.contains("Cụm chấm") && texts.contains("Hội đồng quyết định"))
        // "Tổng hợp" shows each unit's cluster, its rank there and its proposal.
        let summarySheet = try book.sheet(named: "Tổng hợp")
        let quangNam = try #require(summarySheet.cells.first { $0.value.values.contains { $0.value == .text("Quảng Nam") } })
        #expect(quangNam.value.values.contains { $0.value == .text("CUM1") })
        #expect(quangNam.value.values.contains { $0.value == .text("Cờ thi đua") })
        #expect(book.sheetNames.contains("Đề nghị khen thưởng"))

        // The points form of the cluster: locked criteria, read back as a points file as it is.
        let form = try runProgram(Repository.chitieuBinary, ["template", dir.path("p.yaml"), "--output", dir.path("mau")])
        #expect(form.status == 0, "\(form.stderr)")
        let formPath = dir.path("mau/cham-diem-CUM1-2024.xlsx")
        #expect(FileManager.default.fileExists(atPath: formPath))
        let formBook = try XlsxDocument(url: URL(fileURLWithPath: formPath))
        let formTexts = try formBook.sheet(named: "Chấm điểm").cells.values.flatMap { $0.values }.compactMap { cell -> String? in
            if case .text(let t) = cell.value { return t } else { return nil }
        }
        #expect(formTexts.contains("Tổ chức phong trào thi đua") && !formTexts.contains("TC1"), "target criteria are not entered by hand")
        try yaml.replacingOccurrences(of: "points: [diem.csv]", with: "points: [mau/cham-diem-CUM1-2024.xlsx]").write(toFile: dir.path("form.yaml"), atomically: true, encoding: .utf8)
        let blank = try runProgram(Repository.chitieuBinary, ["check", dir.path("form.yaml")])
        // Its blank rows are notes ("chưa nhập điểm"), not errors.
        #expect(blank.status == 0 && blank.stdout.contains("; 0 lỗi"), "\(blank.stdout)\(blank.stderr)")

        // Points above the maximum, an unknown criterion, a unit outside the cluster, a target criterion.
        points += "HG,TC3,11,final,,\nHG,TC9,1,final,,\nHT,TC3,5,final,,\nQN,TC1,5,final,,\n"
        try points.write(toFile: dir.path("diem.csv"), atomically: true, encoding: .utf8)
        let bad = try runProgram(Repository.chitieuBinary, ["check", dir.path("p.yaml")])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("diem.csv") && bad.stderr.contains("dòng 11: HG, tiêu chí TC3: 11 điểm nằm ngoài 0 đến 10"), "\(bad.stderr)")
        #expect(bad.stderr.contains("dòng 12: tiêu chí \"TC9\" không có trong bảng chấm điểm của cụm CUM1"), "\(bad.stderr)")
        #expect(bad.stderr.contains("dòng 13: đơn vị \"HT\" không thuộc cụm nào"), "\(bad.stderr)")
        #expect(bad.stderr.contains("dòng 14: tiêu chí TC1 được chấm từ kết quả chỉ tiêu"), "\(bad.stderr)")
    }
}
