import ChitieuModel
import Spreadsheet

/// The editable plan workbook of `chitieu extract --format xlsx`: one row per target, in the
/// columns the evaluation stage reads back as a plan file, with the provenance beside them.
public struct PlanWorkbookLayout {
    /// Plan columns first (read back), provenance after (kept for the person checking).
    public static let planColumns = ["unit", "indicator", "name", "measure", "comparator", "target", "target_max", "period",
                                     "direction", "kind", "catalogue", "source"]
    public static let provenanceColumns = ["document", "number", "line", "column", "confidence", "review", "text"]

    public let measurer: any TextMeasuring

    public init(measurer: any TextMeasuring) {
        self.measurer = measurer
    }

    /// `unit` is the reporting unit's code written in every row (a person may change it).
    public func workbook(documents: [DirectiveDocument], unit: String, catalogue: Catalogue) throws(SheetNameError) -> Workbook {
        var sheet = Worksheet(name: try SheetName("Kế hoạch"))
        let header = Self.planColumns + Self.provenanceColumns
        let headerStyle = CellStyle(font: FontSpec(bold: true), horizontal: .center, wrap: true, bordered: true, fill: 0xDDEBF7)
        let text = CellStyle(bordered: true)
        let wrapped = CellStyle(wrap: true, bordered: true)
        let review = CellStyle(bordered: true, fill: 0xFFEB9C)
        for (i, title) in header.enumerated() { sheet.set(0, i, .text(title), style: headerStyle) }
        var row = 1
        for d in documents {
            for t in d.targets {
                let entry = t.catalogueCode.flatMap { catalogue[$0] }
                let year = d.metadata.planYear.map(String.init) ?? ""
                let values: [CellValue] = [
                    .text(unit), .text(t.catalogueCode ?? t.id), .text(t.name), .text(t.unit.symbol), .text(t.comparator.rawValue),
                    .number(t.value), t.valueMax.map(CellValue.number) ?? .empty, .text(year),
                    .text(entry?.direction.rawValue ?? ""), .text(entry?.kind.rawValue ?? ""), .text(t.catalogueCode ?? ""),
                    .text(d.path), .text(d.path), .text(d.metadata.number ?? ""),
                    t.location.map { .number(Double($0.line)) } ?? .empty, t.location?.column.map { .number(Double($0)) } ?? .empty,
                    t.catalogueConfidence.map(CellValue.number) ?? .empty, .text(t.needsReview ? "xem lại" : ""), .text(t.text),
                ]
                for (c, v) in values.enumerated() {
                    let style = c == 2 || c == header.count - 1 ? wrapped : (t.needsReview && c == 1 ? review : text)
                    sheet.set(row, c, v, style: style)
                }
                row += 1
            }
        }
        sheet.freezeAt = CellReference(row: 1, column: 3)
        sheet.autofilter = CellRange(rows: 0...max(0, row - 1), columns: 0...(header.count - 1))
        sheet.page.repeatRows = 0...0
        sheet.columnWidths[2] = 45
        sheet.columnWidths[header.count - 1] = 60
        sheet.fitColumns(using: measurer, minimum: 6, maximum: 40)
        sheet.fitRowHeights(using: measurer)
        var workbook = Workbook()
        workbook.properties = DocumentProperties(title: "Kế hoạch chỉ tiêu", subject: "Chỉ tiêu trích từ văn bản", comments: "Lập bằng chitieu")
        try workbook.append(sheet)
        return workbook
    }
}
