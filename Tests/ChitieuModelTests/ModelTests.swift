import ChitieuModel
import Testing

@Suite("Units, periods and the catalogue")
struct ModelTests {
    @Test("Money, dollars and arrivals convert; different things do not")
    func conversions() {
        #expect(MeasureUnit("nghìn tỷ đồng").convert(43.5, to: MeasureUnit("tỷ đồng")) == 43_500)
        #expect(MeasureUnit("tỷ đồng").convert(12_739.6, to: MeasureUnit("triệu đồng")) == 12_739_600)
        #expect(MeasureUnit("tỷ USD").convert(1.006, to: MeasureUnit("triệu USD")) == 1006)
        #expect(MeasureUnit("triệu lượt").convert(3.2, to: MeasureUnit("lượt")) == 3_200_000)
        #expect(MeasureUnit("tỷ đồng").convert(1, to: MeasureUnit("triệu USD")) == nil)
        #expect(MeasureUnit.percent.convert(1, to: .percentagePoint) == nil)
        #expect(MeasureUnit("hộ").convert(1, to: MeasureUnit("%")) == nil)
    }

    @Test("Spellings collapse to one canonical unit", arguments: [
        ("tỉ đồng", "tỷ đồng"), ("ngàn tỷ đồng", "nghìn tỷ đồng"), ("bác sĩ/1 vạn dân", "bác sĩ/vạn dân"),
        ("giường/vạn dân", "giường bệnh/vạn dân"), ("usd", "USD"), ("triệu usd", "triệu USD"),
    ])
    func canonical(_ raw: String, _ expected: String) {
        #expect(MeasureUnit(raw).symbol == expected)
    }

    @Test("Periods read and print, with the data window of Decree 09/2019")
    func periods() throws {
        let year = try #require(ReportingPeriod("2024"))
        let half = try #require(ReportingPeriod("2024-H1"))
        #expect(year.description == "2024")
        #expect(half.description == "2024-H1")
        #expect(half < year)
        #expect(year.dataWindowText == "15/12/2023 - 14/12/2024")
        #expect(half.dataWindowText == "15/12/2023 - 14/06/2024")
        #expect(ReportingPeriod("2024-Q3") == nil)
        #expect(ReportingPeriod("hai nghìn") == nil)
    }

    @Test("The catalogue has the indicators the samples need, each with a direction and a kind")
    func catalogue() throws {
        let catalogue = Catalogue.standard
        #expect(catalogue.entries.count >= 60)
        let poverty = try #require(catalogue["poverty_rate"])
        #expect(poverty.direction == .lower)
        #expect(poverty.kind == .level)
        #expect(catalogue["budget_revenue"]?.kind == .flow)
        #expect(catalogue["grdp_growth"]?.kind == .growth)
        #expect(Set(catalogue.entries.map(\.code)).count == catalogue.entries.count)
    }

    @Test("Names map to catalogue codes, the most specific spelling winning")
    func matching() {
        let c = Catalogue.standard
        #expect(c.match(name: "Thu ngân sách nhà nước trên địa bàn", unit: MeasureUnit("tỷ đồng"))?.entry.code == "budget_revenue")
        #expect(c.match(name: "Số xã đạt chuẩn nông thôn mới tăng thêm", unit: MeasureUnit("xã"))?.entry.code == "ntm_communes_new")
        #expect(c.match(name: "Số xã đạt chuẩn nông thôn mới", unit: MeasureUnit("xã"))?.entry.code == "ntm_communes")
        #expect(c.match(name: "Tăng trưởng tổng sản phẩm trên địa bàn tỉnh", unit: .percent)?.entry.code == "grdp_growth")
        #expect(c.match(name: "Tổng sản phẩm trên địa bàn", unit: MeasureUnit("tỷ đồng"))?.entry.code == "grdp")
        #expect(c.match(name: "Tỷ lệ hộ nghèo", unit: .percentagePoint)?.entry.code == "poverty_rate")
        #expect(c.match(name: "Chỉ tiêu không có trong danh mục", unit: MeasureUnit("cái")) == nil)
    }

    @Test("Units are found by code or by name")
    func unitNames() {
        let unit = ReportingUnit(code: "HG", name: "Hà Giang")
        #expect(unit.isNamed("hg"))
        #expect(unit.isNamed("Hà  Giang"))
        #expect(unit.isNamed("Ha\u{0300} Giang")) // NFD "à"
        #expect(!unit.isNamed("Hà Nội"))
    }
}

@Suite("Names people type")
struct NameMatchingTests {
    let directory = UnitDirectory([
        ReportingUnit(code: "HC", name: "Phường Hải Châu"),
        ReportingUnit(code: "TK", name: "Phường Thanh Khê"),
        ReportingUnit(code: "48", name: "Thành phố Đà Nẵng"),
        ReportingUnit(code: "HG", name: "Tỉnh Hà Giang"),
        ReportingUnit(code: "TL1", name: "Xã Tân Lập"),
        ReportingUnit(code: "TL2", name: "Phường Tân Lập"),
    ])

    @Test("Matched regardless of case, accents, the kind word and spacing", arguments: [
        ("Phường Hải Châu", "HC"), ("phuong hai chau", "HC"), ("Hải Châu", "HC"), ("HẢI  CHÂU", "HC"),
        ("TP. Đà Nẵng", "48"), ("Đà Nẵng", "48"), ("thanh pho da nang", "48"), ("Hà Giang", "HG"), ("tinh ha giang", "HG"), ("hc", "HC"),
    ])
    func matches(_ spelling: String, _ code: String) {
        #expect(directory.position(of: spelling).map { directory.units[$0].code } == code, "\(spelling)")
    }

    @Test("A loose name two units share names neither; the full name still does")
    func ambiguous() {
        #expect(directory.position(of: "Tân Lập") == nil)
        #expect(directory.position(of: "Xã Tân Lập").map { directory.units[$0].code } == "TL1")
        #expect(directory.position(of: "Phường Tân Lập").map { directory.units[$0].code } == "TL2")
    }

    @Test("A slip gets the nearest units by name and code; nothing near gets no guess")
    func suggestions() {
        #expect(directory.position(of: "Phường Hải Chau") != nil, "an accent left out is matched, not merely suggested")
        #expect(directory.position(of: "Phường Hải Chầu") != nil)
        #expect(directory.position(of: "Phường Hải Chu") == nil)
        #expect(directory.didYouMean("Phường Hải Chu") == "; có phải Phường Hải Châu (HC)?")
        #expect(directory.didYouMean("HCC").contains("Phường Hải Châu (HC)"))
        #expect(directory.didYouMean("Quảng Nam") == "")
        #expect(Catalogue.standard.didYouMean("budget_revenu").contains("budget_revenue ("))
    }
}

@Suite("The same problem on many rows")
struct MergedIssueTests {
    @Test("Identical problems of one file become one issue counting the rows and naming the first five; order is kept")
    func merged() {
        var issues: [DataIssue] = []
        for row in 2...1_001 {
            issues.append(DataIssue(.note, "kết quả kỳ 2024 không thuộc năm 2025 của báo cáo; không dùng", at: SourceLocation(file: "kq.csv", line: row)))
            if row % 100 == 0 { issues.append(DataIssue(.warning, "dòng \(row) sai", at: SourceLocation(file: "kq.csv", line: row))) }
        }
        // The same words in another file, or with another severity, are another problem.
        issues.append(DataIssue(.note, "kết quả kỳ 2024 không thuộc năm 2025 của báo cáo; không dùng", at: SourceLocation(file: "khac.csv", line: 7)))
        issues.append(DataIssue(.warning, "kết quả kỳ 2024 không thuộc năm 2025 của báo cáo; không dùng", at: SourceLocation(file: "kq.csv", line: 9)))
        let merged = DataIssue.merged(issues)
        #expect(merged.count == 1 + 10 + 2)
        #expect(merged[0].occurrences == 1_000)
        #expect(merged[0].location?.line == 2)
        #expect(merged[0].text.hasSuffix("không dùng (gặp ở 1.000 dòng: 2, 3, 4, 5, 6, …)"), "\(merged[0].text)")
        #expect(merged[0].description.hasPrefix("kq.csv:2: ghi chú: kết quả kỳ 2024") && merged[0].description.hasSuffix("…)"))
        #expect(merged[1].text == "dòng 100 sai" && merged[1].occurrences == 1)
        #expect(merged.suffix(2).allSatisfy { $0.occurrences == 1 && !$0.text.contains("gặp ở") })
        // Merging what was merged (two halves of a table, then the whole run) counts once.
        var twice = IssueMerger()
        for (i, issue) in (merged + merged).enumerated() { twice.add(issue, order: i) }
        #expect(twice.issues.count == merged.count && twice.issues[0].occurrences == 2_000)
        #expect(twice.issues[0].text.hasSuffix("(gặp ở 2.000 dòng: 2, 3, 4, 5, 6, …)"))
        #expect(merged.reduce(0) { $0 + $1.occurrences } == issues.count, "nothing is lost: every row is counted")
    }

    @Test("Cells name the rows of a workbook")
    func cells() {
        let issues = (2...3).map { DataIssue(.warning, "ô trống", at: SourceLocation(file: "kq.xlsx", line: $0, cell: "KQ!D\($0)")) }
        #expect(DataIssue.merged(issues).map(\.text) == ["ô trống (gặp ở 2 dòng: KQ!D2, KQ!D3)"])
    }
}

@Suite("Word tables as data")
struct WordTableTests {
    @Test("A table is read with its extra fields; a bad line, an unknown concept or a concept without a phrase is an error naming the line")
    func parse() throws {
        let table = try WordTable.parse("# chú thích\nmagnitude\tNghìn tỷ\tnghìn tỷ\t1e12\nunit\tha\n", name: "thu.tsv", concepts: ["magnitude", "unit"])
        #expect(table["unit"] == ["ha"])
        #expect(table.rows("magnitude") == [["nghìn tỷ", "nghìn tỷ", "1e12"]])
        #expect(throws: WordTableError.self) { try WordTable.parse("unit ha\n", name: "thu.tsv", concepts: ["unit"]) }
        let unknown = #expect(throws: WordTableError.self) { try WordTable.parse("đơn vị\tha\n", name: "thu.tsv", concepts: ["unit"]) }
        #expect(unknown?.description.hasPrefix("thu.tsv:1:") == true)
        let empty = #expect(throws: WordTableError.self) { try WordTable.parse("unit\tha\n", name: "thu.tsv", concepts: ["unit", "magnitude"]) }
        #expect(empty?.description.contains("magnitude") == true)
    }

    @Test("The shipped tables load with every concept they must have")
    func shipped() {
        #expect(!WordTable.extraction["count_unit"].isEmpty && !WordTable.extraction["starter"].isEmpty)
        #expect(WordTable.extraction.rows("magnitude").allSatisfy { $0.count == 3 && Double($0[2]) != nil })
        #expect(WordTable.assertion["target"].contains("phấn đấu"))
        #expect(WordTable.metadata.pairs("cited_type").contains { $0 == ("chỉ thị", "Chỉ thị") })
        #expect(WordTable.layout["connective"].contains("của"))
        // Every OCR variant keeps the length of its word, so columns of the text stay true.
        #expect(WordTable.layout.pairs("ocr_variant").allSatisfy { $0.phrase.unicodeScalars.count == $0.value.unicodeScalars.count })
        // Comparator and status codes name real cases.
        #expect(WordTable.layout.pairs("plan_comparator").allSatisfy { TargetComparator(rawValue: $0.value) != nil })
        #expect(WordTable.layout.pairs("result_status").allSatisfy { ActualResult.Status(rawValue: $0.value) != nil })
        #expect(NationalMovement.all.count == WordTable.metadata.rows("movement").count)
        #expect(NationalMovement.all.allSatisfy { !$0.spellings.isEmpty })
    }

    @Test("One units table drives the scanner and conversion: units it scans convert with their magnitudes")
    func unitsFromTable() {
        // A count unit of the table scales like an amount: the drift behind "2 nghìn doanh nghiệp".
        #expect(MeasureUnit("nghìn doanh nghiệp").convert(2, to: MeasureUnit("doanh nghiệp")) == 2000)
        #expect(MeasureUnit("ngàn tỉ đồng").symbol == "nghìn tỷ đồng")
        #expect(MeasureUnit("nghìn tỷ đồng").convert(1, to: MeasureUnit("tỷ đồng")) == 1000)
        #expect(MeasureUnit("triệu lượt khách").convert(2, to: MeasureUnit("lượt")) == 2_000_000)
        #expect(MeasureUnit("Điểm phần trăm") == .percentagePoint)
        #expect(MeasureUnit("bác sĩ trên vạn dân").symbol == "bác sĩ/vạn dân")
        #expect(MeasureUnit("giường/1 vạn dân").symbol == "giường bệnh/vạn dân")
        #expect(MeasureUnit("Usd").symbol == "USD")
        // Every magnitude and scalable unit of the table is a unit conversion knows.
        for row in WordTable.extraction.rows("magnitude") {
            for base in WordTable.extraction.pairs("scalable_unit").map(\.value) {
                #expect(MeasureUnit(row[1] + " " + base).isConvertible(to: MeasureUnit(base)), "\(row[1]) \(base)")
            }
        }
    }
}
