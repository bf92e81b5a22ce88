import ChitieuExtract
import ChitieuIngest
import ChitieuModel
import Foundation
import TestSupport
import Testing

@Suite("Document facts of the seeds against their gold labels")
struct MetadataTests {
    struct Gold: Decodable {
        struct Metadata: Decodable {
            var type: String?
            var number: String?
            var issuer: String?
            var place: String?
            var date: String?
            var planYear: Int?
            var signer: String?
            var title: String?
            var theme: String?
            var reporting: String?
        }
        var file: String
        var metadata: Metadata
    }

    static let gold: [Gold] = {
        struct File: Decodable { var documents: [Gold] }
        let url = URL(fileURLWithPath: Repository.path("Tests/Fixtures/gold/seeds.json"))
        return (try? JSONDecoder().decode(File.self, from: Data(contentsOf: url)).documents) ?? []
    }()

    @Test("Type, number, issuer, place, date, year, signer, title, theme and reporting duty", arguments: gold.map(\.file))
    func facts(_ file: String) throws {
        let g = try #require(Self.gold.first { $0.file == file }).metadata
        let source = try DirectiveReader.read(path: Repository.path("samples/directives/" + file))
        let m = TargetExtractor().extract(text: source.text, path: file, lineMap: source.lineMap).metadata
        #expect(m.type == g.type)
        #expect(m.number == g.number)
        #expect(m.issuer == g.issuer)
        if let place = g.place { #expect(m.place == place) }
        #expect(m.date == g.date)
        #expect(m.planYear == g.planYear)
        #expect(m.signer == g.signer)
        if let title = g.title { #expect(m.title == title) }
        if let theme = g.theme { #expect(m.theme == theme) }
        if let reporting = g.reporting {
            // The gold shortens the body in brackets; the duty itself must be there.
            let duty = String(reporting.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
            #expect(m.reporting?.hasPrefix(duty) == true, "\(String(describing: m.reporting))")
        }
    }

    @Test("National movements map to one canonical list whatever the wording")
    func movements() throws {
        let text = """
        tiếp tục thực hiện phong trào thi đua "Quảng Nam chung sức xây dựng nông thôn mới"; phong trào "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau"; \
        phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn hoá công sở”.
        """
        let m = TargetExtractor().extract(text: text, path: "x.txt").metadata
        #expect(m.movements == ["nong_thon_moi", "vi_nguoi_ngheo", "van_hoa_cong_so"])
    }

    @Test("Cited documents are listed once each with their dates")
    func citations() {
        let text = "Thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị và Kế hoạch số 3919/KH-UBND ngày 23/9/2014; Chỉ thị số 34-CT/TW."
        let m = TargetExtractor().extract(text: text, path: "x.txt").metadata
        #expect(m.cites == ["Chỉ thị số 34-CT/TW ngày 07/4/2014", "Kế hoạch số 3919/KH-UBND ngày 23/9/2014"])
    }
}
