import ChitieuExtract
import ChitieuIngest
import ChitieuModel
import Foundation
import TestSupport
import Testing

/// Whole plan texts in the two commonest shapes (numbered items of a council resolution, and a
/// bulleted plan), written for the tests; every target listed with value, upper bound, unit
/// (pp = percentage points) and comparator. As in the dev set's labels, "đạt 3.850 tỷ đồng,
/// tăng 8% so với …" is one target, the amount: the rise is the same target said another way.
@Suite("Whole plan documents")
struct PlanDocumentTests {
    static let expected: [(String, [String])] = [
        ("nghi-quyet-chi-tieu.txt", [
            "7.0|7.5|%|range", "75.0|76.0|triệu đồng|range", "28.5||%|eq", "30.2||%|eq", "36.8||%|eq", "4.5||%|eq",
            "32000.0||tỷ đồng|eq", "5120.0||tỷ đồng|eq", "4800.0||tỷ đồng|eq", "1.5||tỷ USD|eq", "700.0||doanh nghiệp|eq",
            "1.5|2.0|%pp|decrease_by", "70.0||%|eq", "30.0||%|eq", "20000.0||lao động|eq", "10.5||bác sĩ/vạn dân|eq",
            "32.0||giường bệnh/vạn dân|eq", "95.5||%|eq", "10.0||xã|increase_by", "5.0||xã|eq", "65.0||%|eq", "46.0||%|eq",
            "98.5||%|eq", "60.0||%|eq", "95.0||%|eq",
        ]),
        ("ke-hoach-gach-dau-dong.txt", [
            "8.0||%|gt", "68.0||triệu đồng/người/năm|eq", "3850.0||tỷ đồng|eq", "4.2||triệu lượt|eq", "9500.0||tỷ đồng|eq",
            "17500.0||lao động|eq", "2000.0||người|eq", "3.0||%|lt", "3.0||%|lt", "95.0||%|gt", "100.0||%|eq", "100.0||%|eq",
            "100.0||%|eq", "1200.0||đảng viên|eq",
        ]),
        // A news paragraph: this year's targets, then last year's results, which are not targets.
        ("bai-bao-chi-tieu-va-ket-qua.txt", [
            "8.0|8.5|%|range", "6250.0||tỷ đồng|eq", "36500.0||tỷ đồng|eq", "95.0||xã|eq", "25.0||xã|eq", "8.0||xã|eq",
            "2.5||%|lte", "25.0||nghìn lao động|eq",
        ]),
    ]

    @Test("Every target is found, with nothing extra", arguments: expected.map(\.0))
    func document(_ file: String) throws {
        let source = try DirectiveReader.read(path: Repository.path("Tests/Fixtures/plans/" + file))
        let targets = TargetExtractor().extract(text: source.text, path: file, lineMap: source.lineMap).targets
        let keys = targets.map { t in
            "\(t.value)|\(t.valueMax.map { "\($0)" } ?? "")|\(t.unit.display)\(t.unit == .percentagePoint ? "pp" : "")|\(t.comparator.rawValue)"
        }
        #expect(keys == Self.expected.first { $0.0 == file }!.1)
        #expect(targets.allSatisfy { $0.catalogueCode != nil } || file != "nghi-quyet-chi-tieu.txt")
    }

    @Test("Shares, per-population units named before the number, and catalogue codes")
    func names() throws {
        let source = try DirectiveReader.read(path: Repository.path("Tests/Fixtures/plans/nghi-quyet-chi-tieu.txt"))
        let targets = TargetExtractor().extract(text: source.text, path: "x", lineMap: source.lineMap).targets
        let byValue = { (v: Double) in targets.first { $0.value == v } }
        #expect(byValue(28.5)?.name == "Tỷ trọng nông, lâm nghiệp và thủy sản")
        #expect(byValue(28.5)?.catalogueCode == "agri_share")
        #expect(byValue(36.8)?.catalogueCode == "services_share")
        #expect(byValue(10.5)?.catalogueCode == "doctors_per_10k")
        #expect(byValue(5)?.catalogueCode == "advanced_ntm_communes")
        #expect(byValue(4800)?.parent == "Tổng thu ngân sách nhà nước trên địa bàn")
    }

    @Test("Sub-targets after \"trong đó … và …\" keep their parent; a count out of a total keeps its total")
    func subTargetsAndRatios() throws {
        let source = try DirectiveReader.read(path: Repository.path("Tests/Fixtures/plans/bai-bao-chi-tieu-va-ket-qua.txt"))
        let targets = TargetExtractor().extract(text: source.text, path: "x", lineMap: source.lineMap).targets
        let communes = try #require(targets.first { $0.value == 95 })
        #expect(communes.name == "Số xã đạt chuẩn nông thôn mới")
        #expect(targets.filter { $0.parent == communes.name }.map(\.value) == [25, 8])
        #expect(!targets.contains { $0.value == 7.2 || $0.value == 5800 || $0.value == 93 }, "last year's results are not targets")
    }
}
