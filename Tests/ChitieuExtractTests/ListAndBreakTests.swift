import ChitieuExtract
import ChitieuIngest
import ChitieuModel
import Foundation
import Testing

@Suite("Lists, ranges and hard line breaks")
struct ListAndBreakTests {
    @Test("Values joined by dashes are a range when there are two, a list of parts when there are more")
    func dashLists() {
        let range = TargetExtractor().extract(text: "Năm 2026, phấn đấu tốc độ tăng trưởng kinh tế 7,5 - 8%.", path: "x.txt").targets
        #expect(range.map(\.value) == [7.5] && range.first?.valueMax == 8)
        let list = TargetExtractor().extract(
            text: "Năm 2026, phấn đấu cơ cấu kinh tế khu vực I - II - III - thuế sản phẩm tương ứng 41,42% - 16,84% - 38,56% - 3,18%.", path: "x.txt").targets
        #expect(list.map(\.value) == [41.42, 16.84, 38.56, 3.18], "\(list.map(\.plainText))")
        #expect(list.allSatisfy { $0.valueMax == nil })
    }

    @Test("The values listed after a plan's first value are the plan's too; the achieved ones before are not")
    func planList() {
        let text = "Cơ cấu kinh tế ước đạt 41,57% - 15,45% - 39,82% - 3,15% (chỉ tiêu nghị quyết là 41,42% - 16,84% - 38,56% - 3,18%)."
        let document = TargetExtractor(explains: true).extract(text: text, path: "x.txt")
        #expect(document.targets.map(\.value) == [41.42, 16.84, 38.56, 3.18], "\(document.decisions.map { "\($0.text): \($0.reason)" })")
    }

    @Test("A line that ends on a colon goes on with its value on the next line; a numbered item does not")
    func colonValue() throws {
        let repaired = try DirectiveReader.decode(Data("Phấn đấu cơ cấu kinh tế: Khu vực I: 33,10%; thuế sản phẩm:\n3,30%;\nCác chỉ tiêu chủ yếu:\n1. Tốc độ tăng trưởng 7%.\n".utf8), path: "x.txt")
        #expect(repaired.text.contains("thuế sản phẩm: 3,30%;"))
        #expect(repaired.text.contains("chủ yếu:\n1. Tốc độ"))
        let targets = TargetExtractor().extract(text: repaired.text, path: "x.txt", lineMap: repaired.lineMap).targets
        // The target starts where its name does, on the first line.
        #expect(targets.contains { $0.value == 3.3 && $0.location?.line == 1 }, "\(targets.map { "\($0.plainText) @\($0.location?.line ?? 0)" })")
    }
}
