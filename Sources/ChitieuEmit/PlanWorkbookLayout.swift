import ChitieuModel
import Spreadsheet

/// The editable plan workbook of `chitieu extract --format xlsx`: one row per target, in the
/// columns the evaluation stage reads back as a plan file, with the provenance beside them.
public struct PlanWorkbookLayout {
    /// The columns read back as a plan file, in the order of the sheet: what a person reads
    /// first, the codes the reader needs (`comparator`, `direction`, `kind`) last. `requirement`,
    /// `direction_text` and `kind_text` say the codes in Vietnamese and are not read back.
    public static let planColumns = ["unit", "indicator", "name", "measure", "requirement", "target", "target_max", "period",
                                     "direction_text", "kind_text", "catalogue", "source"]
    public static let provenanceColumns = ["document", "number", "line", "column", "confidence", "review", "text"]
    public static let codeColumns = ["comparator", "direction", "kind"]
    /// Vietnamese titles printed above the column names.
    static let titles = ["Đơn vị", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Chỉ tiêu", "Cận trên (khoảng)", "Năm",
                         "Chiều đánh giá", "Loại chỉ tiêu", "Mã danh mục", "Nguồn", "Văn bản", "Số hiệu", "Dòng", "Cột", "Độ tin cậy",
                         "Xem lại", "Lời văn", "Mã so sánh", "Mã chiều", "Mã loại"]

    public let measurer: any TextMeasuring

    public init(measurer: any TextMeasuring) {
        self.measurer = measurer
    }

    /// `unit` is the reporting unit's code written in every row (a person may change it).
    public func workbook(documents: [DirectiveDocument], unit: String, catalogue: Catalogue) throws(SheetNameError) -> Workbook {
        var sheet = Worksheet(name: try SheetName("Kế hoạch"))
        let header = Self.planColumns + Self.provenanceColumns + Self.codeColumns
        let headerStyle = CellStyle(font: FontSpec(bold: true), horizontal: .center, wrap: true, bordered: true, fill: 0xDDEBF7)
        let machineStyle = CellStyle(font: FontSpec(size: 10, italic: true), horizontal: .center, bordered: true, fill: 0xF2F2F2)
        let text = CellStyle(bordered: true)
        let wrapped = CellStyle(wrap: true, bordered: true)
        let review = CellStyle(bordered: true, fill: 0xFFEB9C)
        for (i, title) in Self.titles.enumerated() { sheet.set(0, i, .text(title), style: headerStyle) }
        for (i, name) in header.enumerated() { sheet.set(1, i, .text(name), style: machineStyle) }
        var row = 2
        for d in documents {
            for t in d.targets {
                let entry = t.catalogueCode.flatMap { catalogue[$0] }
                let year = d.metadata.planYear.map(String.init) ?? ""
                let values: [CellValue] = [
                    .text(unit), .text(t.fields.joinKey), .text(t.name), .text(t.unit.symbol), .text(t.comparator.vietnamese),
                    .number(t.value), t.valueMax.map(CellValue.number) ?? .empty, .text(year),
                    .text(entry.map { Self.vietnamese($0.direction) } ?? ""), .text(entry.map { Self.vietnamese($0.kind) } ?? ""), .text(t.catalogueCode ?? ""),
                    .text(d.path), .text(d.path), .text(d.metadata.number ?? ""),
                    t.location.map { .number(Double($0.line)) } ?? .empty, t.location?.column.map { .number(Double($0)) } ?? .empty,
                    t.catalogueConfidence.map(CellValue.number) ?? .empty, .text(t.needsReview ? "xem lại" : ""), .text(t.text),
                    .text(t.comparator.rawValue), .text(entry?.direction.rawValue ?? ""), .text(entry?.kind.rawValue ?? ""),
                ]
                for (c, v) in values.enumerated() {
                    let style = c == 2 || c == Self.planColumns.count + Self.provenanceColumns.count - 1 ? wrapped : (t.needsReview && c == 1 ? review : text)
                    sheet.set(row, c, v, style: style)
                }
                row += 1
            }
        }
        sheet.freezeAt = CellReference(row: 2, column: 3)
        sheet.autofilter = CellRange(rows: 1...max(1, row - 1), columns: 0...(header.count - 1))
        sheet.page.repeatRows = 0...1
        sheet.columnWidths[2] = 45
        sheet.columnWidths[Self.planColumns.count + Self.provenanceColumns.count - 1] = 60
        sheet.fitColumns(using: measurer, minimum: 6, maximum: 40)
        sheet.fitRowHeights(using: measurer)
        var workbook = Workbook()
        workbook.properties = DocumentProperties(title: "Kế hoạch chỉ tiêu", subject: "Chỉ tiêu trích từ văn bản", comments: "Lập bằng chitieu")
        try workbook.append(sheet)
        return workbook
    }

    /// "Cao hơn là tốt" / "Thấp hơn là tốt".
    public static func vietnamese(_ direction: Direction) -> String {
        direction == .higher ? "Cao hơn là tốt" : "Thấp hơn là tốt"
    }

    /// "Lũy kế" (flow), "Mức" (level), "Tốc độ tăng" (growth).
    public static func vietnamese(_ kind: IndicatorKind) -> String {
        switch kind {
        case .flow: "Lũy kế"
        case .level: "Mức"
        case .growth: "Tốc độ tăng"
        }
    }
}
