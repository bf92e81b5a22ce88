@testable import ChitieuIngest
import Foundation
import TestSupport
import Testing

@Suite("The plain-line fast path of text repair")
struct RepairFastPathTests {
    /// Property: a line the byte check calls plain is exactly what cleaning would give back.
    @Test("Every line judged plain is left unchanged by cleaning, on the seeds and on their messy forms")
    func plainMeansUnchanged() throws {
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Repository.path("samples/directives")) where file.hasSuffix(".txt") {
            let text = try String(contentsOfFile: Repository.path("samples/directives/" + file), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(String(line))
                lines.append(String(line).decomposedStringWithCanonicalMapping)
                lines.append(String(line).replacingOccurrences(of: " ", with: "\u{00A0}"))
                lines.append("Phân đầu " + String(line.prefix(40)))
            }
        }
        var plain = 0
        for line in lines {
            let (scalars, columns) = TextRepair.cleanLine(line)
            if TextRepair.isPlain(Array(line.utf8)) {
                plain += 1
                #expect(scalars.elementsEqual(line.unicodeScalars), "judged plain but cleaning changes it: \(line.prefix(60))")
                #expect(columns == Array(1...max(1, columns.count)).prefix(columns.count).map { $0 })
            }
        }
        #expect(plain > lines.count / 4, "most lines take the fast path")
        #expect(!TextRepair.isPlain(Array("Phân đầu năm 2024".utf8)))
        #expect(TextRepair.isPlain(Array("Tổng vốn đầu tư toàn xã hội “đạt” 32.000 tỷ đồng – tăng".utf8)))
    }
}

@Suite("Text repair treats plain and cleaned lines alike")
struct RepairConsistencyTests {
    @Test("An indented long line is judged cut by a page break the same way with or without a non-breaking space")
    func indentedLines() {
        // 56 characters after 4 spaces of indentation (60 in all): not a full line on either path.
        let body = "thu ngân sách nhà nước trên địa bàn tỉnh năm nay đạt mức"
        #expect(body.count == 56)
        let plain = "    " + body
        let cleaned = "   \u{00A0}" + body
        let next = RawLine(text: "nhiều hơn so với năm trước.", line: 2)
        let a = TextRepair.repair([RawLine(text: plain, line: 1), next]).0
        let b = TextRepair.repair([RawLine(text: cleaned, line: 1), next]).0
        #expect(a == b)
    }

    @Test("Text with real Unicode after 200 000 characters of Latin-1 is not re-decoded as TCVN3")
    func latinPrefixThenUnicode() {
        let latin = String(repeating: "Ch\u{00AC}ng tr\u{00D7}nh ", count: 20_000)
        #expect(TextDecoding.legacyInLatin1(latin + "Tỷ lệ hộ nghèo") == nil)
    }
}
