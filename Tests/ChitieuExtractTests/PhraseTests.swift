import ChitieuExtract
import ChitieuModel
import Testing

/// Extracts one phrase and checks it gives exactly the expected target.
func expectSingleTarget(_ p: Phrase) throws {
    let targets = TargetExtractor().extract(text: p.text, path: "phrase.txt").targets
    #expect(targets.count == 1, "\(targets.map(\.text))")
    let t = try #require(targets.first)
    #expect(t.value == p.value)
    #expect(t.valueMax == p.valueMax)
    #expect(t.unit.display == p.unit)
    #expect(t.comparator == p.comparator)
    #expect(t.approx == p.approx)
    #expect((t.unit == .percentagePoint) == p.points)
}

/// One phrase and the target an official would write down for it.
struct Phrase: Sendable, CustomTestStringConvertible {
    var text: String
    var value: Double
    var valueMax: Double? = nil
    var unit: String
    var comparator: TargetComparator
    var approx = false
    var points = false

    var testDescription: String { text }
}

@Suite("Phrases of Vietnamese target-setting")
struct PhraseTests {
    static let phrases: [Phrase] = [
        Phrase(text: "Thu ngân sách nhà nước trên địa bàn đạt 2.460 tỷ đồng.", value: 2460, unit: "tỷ đồng", comparator: .eq),
        Phrase(text: "Tăng trưởng kinh tế (GRDP) đạt 7,5-8%.", value: 7.5, valueMax: 8, unit: "%", comparator: .range),
        Phrase(text: "Tốc độ tăng trưởng GRDP từ 7,5 đến 8%.", value: 7.5, valueMax: 8, unit: "%", comparator: .range),
        Phrase(text: "Tăng trưởng kinh tế khoảng 7,5% - 8%.", value: 7.5, valueMax: 8, unit: "%", comparator: .range, approx: true),
        Phrase(text: "Tổng thu ngân sách đạt 64.400- 64.920 tỉ đồng.", value: 64400, valueMax: 64920, unit: "tỷ đồng", comparator: .range),
        Phrase(text: "Tăng trưởng GRDP đạt 6- 6,8%.", value: 6, valueMax: 6.8, unit: "%", comparator: .range),
        Phrase(text: "Tỷ lệ xã đạt chuẩn an toàn đạt trên 95%.", value: 95, unit: "%", comparator: .gt),
        Phrase(text: "Tổng số doanh nghiệp hoạt động hơn 10.000 doanh nghiệp.", value: 10000, unit: "doanh nghiệp", comparator: .gt),
        Phrase(text: "Có thêm ít nhất 07 xã đạt chuẩn nông thôn mới.", value: 7, unit: "xã", comparator: .gte),
        Phrase(text: "Tỷ lệ trường đạt chuẩn tối thiểu 60%.", value: 60, unit: "%", comparator: .gte),
        Phrase(text: "80% trở lên xã, phường, thị trấn an toàn về an ninh, trật tự.", value: 80, unit: "%", comparator: .gte),
        Phrase(text: "Tỷ lệ thất nghiệp khu vực thành thị dưới 3%.", value: 3, unit: "%", comparator: .lt),
        Phrase(text: "Chỉ số giá tiêu dùng tăng không quá 4%.", value: 4, unit: "%", comparator: .lte),
        Phrase(text: "Tỷ lệ hộ nghèo giảm còn 2,5%.", value: 2.5, unit: "%", comparator: .lte),
        Phrase(text: "Tỷ lệ hộ nghèo giảm 4,4%.", value: 4.4, unit: "%", comparator: .decreaseBy, points: true),
        Phrase(text: "Giảm 2.900 hộ nghèo.", value: 2900, unit: "hộ", comparator: .decreaseBy),
        Phrase(text: "Số lao động có việc làm mới tăng thêm 16.000 người.", value: 16000, unit: "người", comparator: .increaseBy),
        Phrase(text: "Phát triển thêm khoảng 1.500 doanh nghiệp.", value: 1500, unit: "doanh nghiệp", comparator: .increaseBy, approx: true),
        Phrase(text: "Duy trì bình quân 10,2 bác sĩ/1 vạn dân.", value: 10.2, unit: "bác sĩ/vạn dân", comparator: .eq),
        Phrase(text: "Số giường bệnh trên 1 vạn dân đạt 48,3 giường/vạn dân.", value: 48.3, unit: "giường bệnh/vạn dân", comparator: .eq),
        Phrase(text: "Thu hút 3,2 triệu lượt khách du lịch.", value: 3.2, unit: "triệu lượt", comparator: .eq),
        Phrase(text: "Kim ngạch xuất khẩu đạt 308 triệu USD.", value: 308, unit: "triệu USD", comparator: .eq),
        Phrase(text: "Tổng vốn đầu tư toàn xã hội đạt 43,5 nghìn tỷ đồng.", value: 43.5, unit: "nghìn tỷ đồng", comparator: .eq),
        Phrase(text: "Thu ngân sách đạt 12.739 tỷ 600 triệu đồng.", value: 12739.6, unit: "tỷ đồng", comparator: .eq),
        Phrase(text: "Nâng số xã đạt chuẩn nông thôn mới lên 137 xã/193 xã.", value: 137, unit: "xã", comparator: .eq),
        Phrase(text: "Tổng vốn đầu tư ngân sách khoảng 5.000 tỷ đồng.", value: 5000, unit: "tỷ đồng", comparator: .eq, approx: true),
    ]

    @Test("Each phrase gives exactly its target", arguments: phrases)
    func phrase(_ p: Phrase) throws {
        try expectSingleTarget(p)
    }

    @Test("Dates, years, document numbers, anniversaries and counters are not targets", arguments: [
        "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị.",
        "Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025.",
        "Kỷ niệm 70 năm ngày Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024).",
        "Chương trình số 322 CTr/UBND tỉnh, ngày 26/12/2023 với 06 nội dung thi đua gồm:",
        "Hôm nay : 168\nHôm qua : 2.432\nNăm 2024 : 481.223",
        "đến năm 2030, tầm nhìn đến năm 2045",
        "Tỷ lệ tai nạn giao thông giảm cả 3 tiêu chí (số vụ, người chết, bị thương)",
        "Số: 17/CT-UBND",
        "Trong năm qua, toàn tỉnh đã giải quyết việc làm cho 24.500 lao động.",
        "Ước đạt 93 xã đạt chuẩn nông thôn mới.",
    ])
    func notTargets(_ text: String) {
        #expect(TargetExtractor().extract(text: text, path: "noise.txt").targets.isEmpty)
    }

    @Test("Results of a year before the plan year are quoted for context, not targets")
    func pastYear() {
        let text = "Năm 2024, phấn đấu thu ngân sách đạt 6.000 tỷ đồng. Năm 2023, GRDP của tỉnh tăng 7,2%, thu ngân sách đạt 5.800 tỷ đồng."
        #expect(TargetExtractor().extract(text: text, path: "x.txt").targets.map(\.value) == [6000])
    }

    @Test("Two targets in one clause, and two forms of one target")
    func twoInOne() {
        let beds = TargetExtractor().extract(text: "45,7 giường bệnh/1 vạn dân; 14,5 bác sĩ/vạn dân.", path: "x.txt").targets
        #expect(beds.map(\.value) == [45.7, 14.5])
        let communes = TargetExtractor().extract(text: "nâng số xã đạt chuẩn nông thôn mới lên 137 xã/193 xã, đạt tỷ lệ 71%.", path: "x.txt").targets
        #expect(communes.map(\.value) == [137, 71])
        #expect(communes.last?.name == "Tỷ lệ xã đạt chuẩn nông thôn mới")
    }

    @Test("A \"trong đó\" sub-target names its parent")
    func subTarget() {
        let targets = TargetExtractor().extract(
            text: "thu ngân sách trên địa bàn đạt 23.600 tỷ đồng; trong đó, thu nội địa đạt 20.100 tỷ đồng.", path: "x.txt").targets
        #expect(targets.count == 2)
        #expect(targets.last?.name == "Thu nội địa")
        #expect(targets.last?.parent == "Thu ngân sách trên địa bàn")
    }
}

@Suite("Phrases of council resolutions and plans")
struct PlanPhraseTests {
    static let phrases: [Phrase] = [
        Phrase(text: "- Tốc độ tăng trưởng kinh tế (GRDP): 7,5-8%.", value: 7.5, valueMax: 8, unit: "%", comparator: .range),
        Phrase(text: "Tổng vốn đầu tư toàn xã hội: khoảng 32.000 tỷ đồng.", value: 32000, unit: "tỷ đồng", comparator: .eq, approx: true),
        Phrase(text: "Tốc độ tăng trưởng kinh tế đạt từ 7,5% trở lên.", value: 7.5, unit: "%", comparator: .gte),
        Phrase(text: "Thu nhập bình quân đầu người đạt 65 triệu đồng/người/năm.", value: 65, unit: "triệu đồng/người/năm", comparator: .eq),
        Phrase(text: "Tỷ lệ hộ nghèo giảm còn dưới 3%.", value: 3, unit: "%", comparator: .lt),
        Phrase(text: "Chỉ số giá tiêu dùng (CPI) tăng dưới 4%.", value: 4, unit: "%", comparator: .lt),
        Phrase(text: "Tỷ suất sinh thô giảm 0,2‰.", value: 0.2, unit: "‰", comparator: .decreaseBy),
        Phrase(text: "Cứng hóa 200 km đường giao thông nông thôn.", value: 200, unit: "km", comparator: .eq),
        Phrase(text: "Giải quyết việc làm cho 25.000 lao động.", value: 25000, unit: "lao động", comparator: .eq),
        Phrase(text: "Đón 4,5 triệu lượt khách du lịch.", value: 4.5, unit: "triệu lượt", comparator: .eq),
        Phrase(text: "Sản lượng lương thực có hạt đạt 650 nghìn tấn.", value: 650, unit: "nghìn tấn", comparator: .eq),
        Phrase(text: "Kim ngạch xuất khẩu đạt 2,5 tỷ USD.", value: 2.5, unit: "tỷ USD", comparator: .eq),
        Phrase(text: "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm còn 20%.", value: 20, unit: "%", comparator: .lte),
        Phrase(text: "PCI của tỉnh nằm trong Top 20.", value: 20, unit: "hạng", comparator: .lte),
        Phrase(text: "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95% trở lên.", value: 95, unit: "%", comparator: .gte),
        Phrase(text: "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tăng 12%.", value: 12, unit: "%", comparator: .eq),
        Phrase(text: "Tỷ lệ đô thị hóa đạt 35%.", value: 35, unit: "%", comparator: .eq),
        Phrase(text: "Tỷ lệ thất nghiệp không quá 2,5%.", value: 2.5, unit: "%", comparator: .lte),
        Phrase(text: "Số doanh nghiệp thành lập mới không dưới 500 doanh nghiệp.", value: 500, unit: "doanh nghiệp", comparator: .gte),
        Phrase(text: "Tỷ lệ hồ sơ giải quyết đúng hạn tối thiểu 98%.", value: 98, unit: "%", comparator: .gte),
        Phrase(text: "Diện tích trồng rừng mới gần 5.000 ha.", value: 5000, unit: "ha", comparator: .eq, approx: true),
    ]

    @Test("Each phrase gives exactly its target", arguments: phrases)
    func phrase(_ p: Phrase) throws {
        try expectSingleTarget(p)
    }

    @Test("A growth written after an amount is the amount said another way: one target, the rise explained")
    func growthAfterTarget() {
        let document = TargetExtractor(explains: true).extract(text: "Năm 2024, phấn đấu kim ngạch xuất khẩu đạt 1.200 triệu USD, tăng 10% so với năm 2023.", path: "x.txt")
        #expect(document.targets.map(\.value) == [1200])
        #expect(document.targets.first?.evidence == ["năm kế hoạch 2024", "từ đặt chỉ tiêu: phấn đấu"])
        let rise = document.decisions.first { $0.text == "10%" }
        #expect(rise?.kept == false && rise?.reason.contains("mức tăng so với kỳ trước của số vừa nêu") == true, "\(String(describing: rise))")
        // Without an amount before it, a rise is a target of its own.
        let alone = TargetExtractor().extract(text: "Kim ngạch xuất khẩu tăng 10% so với năm 2023.", path: "x.txt").targets
        #expect(alone.map(\.value) == [10])
    }

    @Test("\"trong đó:\" opens a list of sub-targets on bullet lines")
    func subList() {
        let text = "Thu ngân sách nhà nước trên địa bàn 5.850 tỷ đồng; trong đó:\n- Thu nội địa 5.500 tỷ đồng;\n- Thu xuất nhập khẩu 350 tỷ đồng.\nTổng vốn đầu tư 20.000 tỷ đồng."
        let targets = TargetExtractor().extract(text: text, path: "x.txt").targets
        #expect(targets.map(\.value) == [5850, 5500, 350, 20000])
        #expect(targets.map(\.parent) == [nil, "Thu ngân sách nhà nước trên địa bàn", "Thu ngân sách nhà nước trên địa bàn", nil])
    }
}

@Suite("Units and ranks a reader knows")
struct UnitAndRankTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let value: Double
        let unit: String
        var comparator: TargetComparator = .eq
        var catalogue: String?
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "Mật độ đường giao thông đạt 1,2 km/km2.", value: 1.2, unit: "km/km2"),
        Case(text: "Diện tích nhà ở bình quân đạt 28 m2/người.", value: 28, unit: "m2/người"),
        Case(text: "Đón 3,5 triệu lượt người đến tham quan.", value: 3.5, unit: "triệu lượt người"),
        Case(text: "Tạo việc làm mới cho 25.000 chỗ làm.", value: 25_000, unit: "chỗ làm"),
        Case(text: "Tổ chức cho 5.000 thanh niên tham gia tình nguyện.", value: 5_000, unit: "thanh niên"),
        Case(text: "Số giường bệnh đạt 32 giường bệnh/10.000 người dân.", value: 32, unit: "giường bệnh/vạn dân"),
        Case(text: "Chỉ số PCI xếp hạng 15/34.", value: 15, unit: "hạng", comparator: .lte),
        Case(text: "Nằm trong nhóm 10 tỉnh dẫn đầu cả nước về chỉ số PAPI.", value: 10, unit: "hạng", comparator: .lte),
        Case(text: "Tỷ lệ hộ nghèo giảm 1,5 điểm phần trăm.", value: 1.5, unit: "%", comparator: .decreaseBy),
        Case(text: "Có 2 nghìn doanh nghiệp thành lập mới.", value: 2, unit: "nghìn doanh nghiệp"),
        Case(text: "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tăng 12% trở lên.", value: 12, unit: "%", comparator: .gte,
             catalogue: "retail_sales_growth"),
    ]

    @Test("One target with its value, unit and comparator", arguments: cases)
    func reads(_ c: Case) {
        let targets = TargetExtractor().extract(text: "Năm 2026, phấn đấu:\n- " + c.text, path: "x.txt").targets
        #expect(targets.count == 1, "\(targets.map(\.plainText))")
        guard let t = targets.first else { return }
        #expect(t.value == c.value && t.unit.display == c.unit && t.comparator == c.comparator, "\(t.value) \(t.unit.display) \(t.comparator)")
        if let code = c.catalogue { #expect(t.catalogueCode == code) }
        if c.text.contains("điểm phần trăm") { #expect(t.unit == .percentagePoint) }
    }
}
