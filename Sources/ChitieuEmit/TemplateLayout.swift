import ChitieuModel
import Spreadsheet

/// The data-entry workbook sent to one unit: its targets filled in and locked, a column to type
/// each result (numbers only), drop-downs for the basis and for reported/estimate, and
/// instructions in Vietnamese. A filled template is read back as an actuals table as it is.
public struct TemplateLayout {
    public let measurer: any TextMeasuring

    public init(measurer: any TextMeasuring) {
        self.measurer = measurer
    }

    /// Columns in the order of the sheet; the first nine are the actuals columns.
    public static let columns = ["unit", "indicator", "period", "value", "measure", "basis", "status", "verdict", "source", "name", "target"]
    /// Column titles in Vietnamese, printed above the machine names.
    static let titles = ["Đơn vị", "Mã chỉ tiêu", "Kỳ", "Kết quả thực hiện", "Đơn vị tính", "Loại số liệu", "Chính thức/ước",
                         "Đơn vị tự đánh giá", "Nguồn số liệu", "Chỉ tiêu", "Kế hoạch"]
    static let inputColumns: Set<Int> = [3, 5, 6, 7, 8]

    public func workbook(unit: ReportingUnit, targets: [Target], period: ReportingPeriod, title: String) throws(SheetNameError) -> Workbook {
        var sheet = Worksheet(name: try SheetName("Nhập kết quả"))
        let width = Self.columns.count
        let instructions = [
            "MẪU NHẬP KẾT QUẢ THỰC HIỆN CHỈ TIÊU - \(unit.name.uppercased()) - \(period.vietnamese.uppercased())",
            "\(title). Số liệu tính từ \(period.dataWindowText) (Nghị định 09/2019/NĐ-CP).",
            "1. Nhập kết quả vào cột \"Kết quả thực hiện\" (value), bằng số, theo đơn vị tính ở cột bên cạnh; để trống nếu chưa có số liệu.",
            "2. \"Loại số liệu\" (basis): value = giá trị thực hiện; pct_of_plan = đạt bao nhiêu % kế hoạch; change = mức tăng/giảm.",
            "3. \"Chính thức/ước\" (status): chọn \"chính thức\" cho số chính thức, \"ước\" cho số ước thực hiện.",
            "4. Có thể ghi đơn vị tự đánh giá (Đạt, Vượt…) và nguồn số liệu. Các cột khác đã khóa, không sửa; lưu tệp và gửi lại.",
        ]
        for (i, line) in instructions.enumerated() {
            sheet.merge(CellRange(rows: i...i, columns: 0...(width - 1)), .text(line), style: i == 0 ? Self.heading : Self.instruction)
        }
        let titleRow = instructions.count + 1
        let headerRow = titleRow + 1
        for (c, t) in Self.titles.enumerated() { sheet.set(titleRow, c, .text(t), style: Self.header) }
        for (c, name) in Self.columns.enumerated() { sheet.set(headerRow, c, .text(name), style: Self.machineHeader) }
        var row = headerRow + 1
        for t in targets {
            let values: [CellValue] = [
                .text(unit.code), .text(t.fields.joinKey), .text(period.description), .empty, .text(t.unit.symbol),
                .text(t.comparator == .increaseBy || t.comparator == .decreaseBy ? "change" : "value"), .text("chính thức"),
                .empty, .empty, .text(t.name), .text(t.plainText),
            ]
            for (c, v) in values.enumerated() {
                let open = Self.inputColumns.contains(c)
                sheet.set(row, c, v, style: open ? (c == 3 ? Self.inputNumber : Self.input) : (c == 9 ? Self.lockedWrapped : Self.locked))
            }
            row += 1
        }
        let body = (headerRow + 1)...max(headerRow + 1, row - 1)
        if !targets.isEmpty {
            sheet.validations = [
                DataValidation(range: CellRange(rows: body, columns: 3...3), rule: .decimal(minimum: nil),
                               inputTitle: "Kết quả", inputMessage: "Nhập số, dấu phẩy thập phân theo máy (ví dụ 7,5).",
                               errorTitle: "Không phải số", errorMessage: "Ô này chỉ nhận số. Ghi chú hãy để ở cột Nguồn số liệu."),
                DataValidation(range: CellRange(rows: body, columns: 5...5), rule: .list(["value", "pct_of_plan", "change"]),
                               inputTitle: "Loại số liệu", inputMessage: "value, pct_of_plan hoặc change."),
                // The results reader takes these words as they are (reported / estimate).
                DataValidation(range: CellRange(rows: body, columns: 6...6), rule: .list(["chính thức", "ước"]),
                               inputTitle: "Chính thức hay ước", inputMessage: "chính thức (số chính thức) hoặc ước (số ước thực hiện)."),
            ]
        }
        return try form(sheet, titleRow: titleRow, headerRow: headerRow, widths: [9: 44, 3: 16],
                        properties: DocumentProperties(title: "Mẫu nhập kết quả \(unit.name) \(period.vietnamese)", author: unit.name,
                                                       keywords: "chỉ tiêu, thi đua, \(period)", comments: "Lập bằng chitieu"))
    }

    /// A form's sheet finished the same way for every form: locked but for its input cells, the
    /// header frozen and repeated on each page, columns fitted, in a workbook of its own.
    func form(_ sheet: Worksheet, titleRow: Int, headerRow: Int, widths: [Int: Double], properties: DocumentProperties) throws(SheetNameError) -> Workbook {
        var sheet = sheet
        sheet.isProtected = true
        sheet.freezeAt = CellReference(row: headerRow + 1, column: 2)
        sheet.page.repeatRows = titleRow...headerRow
        for (column, width) in widths { sheet.columnWidths[column] = width }
        sheet.fitColumns(using: measurer, minimum: 8, maximum: 40)
        sheet.fitRowHeights(using: measurer)
        var workbook = Workbook()
        workbook.properties = properties
        try workbook.append(sheet)
        return workbook
    }

    /// The points form of a cluster: one row per member and criterion that is entered by hand
    /// (judged, bonus, penalty), the criterion and its maximum locked, a points column that takes
    /// 0 to the maximum (bonus and penalty: 0 to their cap), the stage chosen from a list. Read back
    /// as a points file as it is.
    public func pointsForm(cluster: Cluster, units: [ReportingUnit], period: ReportingPeriod, title: String) throws(SheetNameError) -> Workbook {
        var sheet = Worksheet(name: try SheetName("Chấm điểm"))
        let columns = ["unit", "criterion", "points", "stage", "note", "source", "name", "max_points"]
        let titles = ["Đơn vị", "Mã tiêu chí", "Điểm", "Người chấm", "Ghi chú", "Căn cứ", "Tiêu chí", "Điểm tối đa"]
        let instructions = [
            "PHIẾU CHẤM ĐIỂM THI ĐUA - \(cluster.name.uppercased()) - \(period.vietnamese.uppercased())",
            "\(title). Các tiêu chí chấm từ kết quả chỉ tiêu do chương trình tính; phiếu này cho các tiêu chí chấm tay.",
            "1. Nhập điểm vào cột \"Điểm\" (points), từ 0 đến điểm tối đa của tiêu chí; điểm thưởng và điểm trừ ghi số dương.",
            "2. \"Người chấm\" (stage): self = đơn vị tự chấm, cluster = cụm chấm, final = hội đồng quyết định.",
            "3. Có thể ghi chú và căn cứ (văn bản, quyết định). Các cột khác đã khóa, không sửa; lưu tệp và gửi lại.",
        ]
        for (i, line) in instructions.enumerated() {
            sheet.merge(CellRange(rows: i...i, columns: 0...(columns.count - 1)), .text(line), style: i == 0 ? Self.heading : Self.instruction)
        }
        let titleRow = instructions.count + 1
        let headerRow = titleRow + 1
        for (c, t) in titles.enumerated() { sheet.set(titleRow, c, .text(t), style: Self.header) }
        for (c, name) in columns.enumerated() { sheet.set(headerRow, c, .text(name), style: Self.machineHeader) }
        var row = headerRow + 1
        var validations: [DataValidation] = []
        let members = units.filter { cluster.members.contains($0.code) }
        for unit in members {
            for criterion in cluster.table.criteria {
                let most: Double?
                switch criterion.kind {
                case .target: continue
                case .judged: most = criterion.maxPoints
                case .bonus(let cap), .penalty(let cap): most = cap
                }
                let values: [CellValue] = [.text(unit.code), .text(criterion.code), .empty, .text("self"), .empty, .empty,
                                           .text(criterion.name), most.map { .number($0) } ?? .text("không giới hạn")]
                for (c, v) in values.enumerated() {
                    let open = (2...5).contains(c)
                    sheet.set(row, c, v, style: open ? (c == 2 ? Self.inputNumber : Self.input) : (c == 6 ? Self.lockedWrapped : Self.locked))
                }
                validations.append(DataValidation(range: CellRange(rows: row...row, columns: 2...2), rule: .between(0, most ?? 1e6),
                                                  inputTitle: "Điểm", inputMessage: "Từ 0 đến \(most.map { VietnameseNumber.formatCompact($0) } ?? "không giới hạn").",
                                                  errorTitle: "Ngoài thang điểm", errorMessage: "Điểm phải từ 0 đến điểm tối đa của tiêu chí."))
                row += 1
            }
        }
        if row > headerRow + 1 {
            validations.append(DataValidation(range: CellRange(rows: (headerRow + 1)...(row - 1), columns: 3...3), rule: .list(["self", "cluster", "final"]),
                                              inputTitle: "Người chấm", inputMessage: "self, cluster hoặc final."))
        }
        sheet.validations = validations
        return try form(sheet, titleRow: titleRow, headerRow: headerRow, widths: [6: 36],
                        properties: DocumentProperties(title: "Phiếu chấm điểm \(cluster.name) \(period.vietnamese)", author: cluster.name,
                                                       keywords: "chấm điểm, thi đua, \(period)", comments: "Lập bằng chitieu"))
    }

    static let font = FontSpec(name: "Times New Roman", size: 12)
    static let heading = CellStyle(font: FontSpec(size: 13, bold: true), horizontal: .center, wrap: true)
    static let instruction = CellStyle(font: FontSpec(size: 12, italic: true), horizontal: .left, wrap: true)
    static let header = CellStyle(font: FontSpec(bold: true), horizontal: .center, wrap: true, bordered: true, fill: 0xDDEBF7)
    static let machineHeader = CellStyle(font: FontSpec(size: 10, italic: true), horizontal: .center, bordered: true, fill: 0xF2F2F2)
    static let locked = CellStyle(font: font, bordered: true, fill: 0xF2F2F2)
    static let lockedWrapped = CellStyle(font: font, wrap: true, bordered: true, fill: 0xF2F2F2)
    static let input = CellStyle(font: font, bordered: true, fill: 0xFFF2CC, locked: false)
    static let inputNumber = CellStyle(font: font, horizontal: .right, bordered: true, numberFormat: "#,##0.###", fill: 0xFFF2CC, locked: false)
}
