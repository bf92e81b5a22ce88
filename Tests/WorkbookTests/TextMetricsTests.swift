import Spreadsheet
import Testing
import TextMetrics

@Suite("HarfBuzz text metrics with Liberation Serif")
struct TextMetricsTests {
    let measurer: HarfBuzzMeasurer

    init() throws {
        measurer = try HarfBuzzMeasurer()
    }

    @Test("Widths follow Times New Roman metrics")
    func knownWidths() {
        let font = FontSpec(name: "Times New Roman", size: 12)
        // Liberation Serif digits advance 1024 of 2048 units: 6 pt each at 12 pt.
        #expect(abs(measurer.width(of: "0000000000", font: font) - 60) < 0.01)
        #expect(measurer.width(of: "", font: font) == 0)
        let regular = measurer.width(of: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font: font)
        let bold = measurer.width(of: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font: FontSpec(size: 12, bold: true))
        #expect(bold > regular)
        let large = measurer.width(of: "Độc lập - Tự do - Hạnh phúc", font: FontSpec(size: 14))
        let small = measurer.width(of: "Độc lập - Tự do - Hạnh phúc", font: FontSpec(size: 7))
        #expect(abs(large - 2 * small) < 0.01)
    }

    @Test("NFC and NFD spellings of the same Vietnamese text measure the same")
    func normalisation() {
        let font = FontSpec()
        let nfc = "Thu ngân sách nhà nước trên địa bàn"
        #expect(abs(measurer.width(of: nfc, font: font) - measurer.width(of: nfc.decomposedStringWithCanonicalMapping, font: font)) < 0.01)
    }

    @Test("Column widths fit the longest text; wrapped text grows its row instead")
    func fitting() throws {
        var sheet = Worksheet(name: try SheetName("Thử"))
        let long = "Tỷ lệ xã, phường, thị trấn, cơ quan đạt tiêu chuẩn an toàn về an ninh trật tự"
        sheet.set(0, 0, .text("Ngắn"))
        sheet.set(1, 0, .text(long))
        sheet.set(0, 1, .text(long), style: CellStyle(wrap: true))
        sheet.fitColumns(using: measurer, minimum: 4, maximum: 30)
        sheet.fitRowHeights(using: measurer)
        let needed = ExcelUnits.columnWidth(points: measurer.width(of: long, font: FontSpec()))
        #expect(try #require(sheet.columnWidths[0]) >= needed)
        #expect(sheet.columnWidths[1] == 30)
        #expect(try #require(sheet.rowHeights[0]) > 2 * ExcelUnits.lineHeight(fontSize: 12))
    }
}
