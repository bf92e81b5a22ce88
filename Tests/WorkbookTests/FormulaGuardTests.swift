import ChitieuEmit
import Testing

@Suite("Text that looks like a formula stays text")
struct FormulaGuardTests {
    @Test("CSV fields starting with = + - @ get an apostrophe; plain text and numbers do not", arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+84 912", "'+84 912"), ("-  Thu nội địa", "'-  Thu nội địa"), ("@chitieu", "'@chitieu"),
        ("Thu ngân sách", "Thu ngân sách"), ("a, b", "\"a, b\""), ("=1,2", "\"'=1,2\""),
    ])
    func csv(_ raw: String, _ expected: String) {
        #expect(CSVRendering.field(raw) == expected)
    }

    @Test("Numbers are written plainly, negative ones included")
    func numbers() {
        #expect(CSVRendering.number(-5) == "-5")
        #expect(CSVRendering.number(7.5) == "7.5")
        #expect(CSVRendering.number(116.9237, decimals: 2) == "116.92")
        #expect(CSVRendering.number(nil) == "")
    }
}
