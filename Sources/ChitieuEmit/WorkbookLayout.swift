import ChitieuModel
import Spreadsheet

/// Lays the report out as a workbook model: a summary sheet and one sheet per unit, in the
/// official format of Decree 30/2020 (Times New Roman, national title, place and date line,
/// signature), columns sized from measured text.
public struct WorkbookLayout {
    public let measurer: any TextMeasuring

    public init(measurer: any TextMeasuring) {
        self.measurer = measurer
    }

    public func workbook(for content: ReportContent, created: Int? = nil) throws(SheetNameError) -> Workbook {
        var workbook = Workbook()
        workbook.properties = DocumentProperties(
            title: content.title, subject: "Đánh giá thực hiện chỉ tiêu thi đua \(content.period.vietnamese)",
            author: content.body.name, keywords: "chỉ tiêu, thi đua, khen thưởng, \(content.period)",
            comments: "Lập bằng chitieu", created: created)
        let summaryName = try SheetName("Tổng hợp")
        var unitSheetNames: [ReportingUnit: SheetName] = [:]
        var taken: Set<String> = [summaryName.folded]
        for unit in content.units {
            let name = SheetName.make(from: unit.name, avoiding: taken)
            taken.insert(name.folded)
            unitSheetNames[unit] = name
        }
        try workbook.append(summarySheet(content, name: summaryName, unitSheets: unitSheetNames))
        for unit in content.units {
            try workbook.append(unitSheet(content, unit: unit, name: unitSheetNames[unit]!, summary: summaryName))
        }
        return workbook
    }

    // MARK: Sheets

    func summarySheet(_ content: ReportContent, name: SheetName, unitSheets: [ReportingUnit: SheetName]) -> Worksheet {
        var sheet = Worksheet(name: name)
        let halfYear = content.period.isFirstHalf
        let header = halfYear
            ? ["STT", "Đơn vị", "Số chỉ tiêu", "Có số liệu", "Đúng tiến độ", "Chậm tiến độ", "Chưa có số liệu", "Không đánh giá được", "Tỷ lệ thực hiện bình quân (%)"]
            : ["STT", "Đơn vị", "Số chỉ tiêu", "Có số liệu", "Vượt", "Đạt", "Không đạt", "Chưa có số liệu", "Không đánh giá được", "Tỷ lệ hoàn thành bình quân (%)"]
        var row = officialHeader(&sheet, content, columns: header.count, subtitle: "Tổng hợp kết quả thực hiện chỉ tiêu theo đơn vị")
        let headerRow = row
        writeHeader(&sheet, row: row, header)
        row += 1
        for (i, unit) in content.units.enumerated() {
            let s = UnitSummary(unit: unit, evaluations: content.evaluations)
            sheet.set(row, 0, .number(Double(i + 1)), style: Styles.centered)
            if let target = unitSheets[unit] {
                sheet.set(row, 1, .link(target: "internal:'\(target.value)'!A1", label: unit.name), style: Styles.link)
            } else {
                sheet.set(row, 1, .text(unit.name), style: Styles.cell)
            }
            let counts = halfYear
                ? [s.targets, s.withData, s.onTrack, s.behind, s.noData, s.notEvaluable]
                : [s.targets, s.withData, s.exceeded, s.met, s.notMet, s.noData, s.notEvaluable]
            for (k, n) in counts.enumerated() { sheet.set(row, 2 + k, .number(Double(n)), style: Styles.integer) }
            let last = 2 + counts.count
            if let mean = s.meanCompletion {
                sheet.set(row, last, .number(mean), style: Styles.decimal(1))
            } else {
                sheet.set(row, last, .text("-"), style: Styles.centered)
            }
            row += 1
        }
        sheet.freezeAt = CellReference(row: headerRow + 1, column: 2)
        sheet.autofilter = CellRange(rows: headerRow...(max(headerRow, row - 1)), columns: 0...(header.count - 1))
        sheet.page.repeatRows = headerRow...headerRow
        signature(&sheet, content, row: row + 1, columns: header.count)
        finish(&sheet, wrapColumns: [1: 30])
        return sheet
    }

    func unitSheet(_ content: ReportContent, unit: ReportingUnit, name: SheetName, summary: SheetName) -> Worksheet {
        var sheet = Worksheet(name: name)
        let halfYear = content.period.isFirstHalf
        let header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Kế hoạch", halfYear ? "Thực hiện 6 tháng" : "Thực hiện",
                      halfYear ? "Tỷ lệ so với kế hoạch năm (%)" : "Tỷ lệ hoàn thành (%)", "Đánh giá", "Đơn vị tự đánh giá",
                      "Văn bản giao chỉ tiêu", "Nguồn số liệu"]
        var row = officialHeader(&sheet, content, columns: header.count, subtitle: "Đơn vị: \(unit.name)")
        sheet.set(row, 0, .link(target: "internal:'\(summary.value)'!A1", label: "← Về trang Tổng hợp"), style: Styles.link)
        row += 1
        let headerRow = row
        writeHeader(&sheet, row: row, header)
        row += 1
        let rows = content.evaluations.filter { $0.unit == unit }
        let documents = Dictionary(content.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, e) in rows.enumerated() {
            let t = e.target
            sheet.set(row, 0, .number(Double(i + 1)), style: Styles.centered)
            sheet.set(row, 1, .text(t.parent == nil ? t.name : "- " + t.name), style: Styles.wrapped)
            sheet.set(row, 2, .text(t.unit.display), style: Styles.centered)
            sheet.set(row, 3, .text(requirement(t)), style: Styles.wrapped)
            sheet.set(row, 4, .number(t.value), style: Styles.decimal(VietnameseNumber.decimalsNeeded(t.value)))
            if let a = e.actual {
                if a.basis == .pctOfPlan {
                    sheet.set(row, 5, .text("đạt \(VietnameseNumber.formatCompact(a.value))% KH" + (a.status == .estimate ? " (ước)" : "")), style: Styles.wrapped)
                } else {
                    let v = e.actualInTargetUnit ?? a.value
                    sheet.set(row, 5, .number(v), style: a.status == .estimate ? Styles.estimate(VietnameseNumber.decimalsNeeded(v)) : Styles.decimal(VietnameseNumber.decimalsNeeded(v)))
                }
            } else {
                sheet.set(row, 5, .text(""), style: Styles.cell)
            }
            if let c = e.completion {
                sheet.set(row, 6, .number(c), style: Styles.decimal(1))
            } else {
                sheet.set(row, 6, .text("-"), style: Styles.centered)
            }
            sheet.set(row, 7, .text(e.status.vietnamese), style: Styles.status(e.status))
            sheet.set(row, 8, .text(e.actual?.verdict ?? ""), style: Styles.centered)
            let doc = t.location.flatMap { documents[$0.file] }
            let reference = [doc?.metadata.type, doc?.metadata.number].compactMap { $0 }.joined(separator: " ")
            let provenance = (reference.isEmpty ? "" : reference + ": ") + "“" + t.text + "”"
            sheet.set(row, 9, .text(provenance), style: Styles.wrappedSmall)
            sheet.set(row, 10, .text(e.actual?.source ?? ""), style: Styles.wrappedSmall)
            row += 1
        }
        if rows.isEmpty {
            sheet.merge(CellRange(rows: row...row, columns: 0...(header.count - 1)),
                        .text("Văn bản của đơn vị không giao chỉ tiêu định lượng; kết quả (nếu có) được dùng để so sánh giữa các đơn vị."),
                        style: Styles.note)
            row += 1
        }
        sheet.freezeAt = CellReference(row: headerRow + 1, column: 2)
        sheet.page.repeatRows = headerRow...headerRow
        signature(&sheet, content, row: row + 1, columns: header.count)
        finish(&sheet, wrapColumns: [1: 42, 3: 16, 5: 18, 9: 48, 10: 36])
        return sheet
    }

    // MARK: Pieces

    /// The comparator in words: "trên 95", "từ 7,5 đến 8", "giảm 2.900".
    func requirement(_ t: Target) -> String {
        let v = VietnameseNumber.formatCompact(t.value)
        let approx = t.approx ? "khoảng " : ""
        switch t.comparator {
        case .eq: return approx.isEmpty ? "đạt" : "đạt khoảng"
        case .range: return "từ \(v) đến \(VietnameseNumber.formatCompact(t.valueMax ?? t.value))"
        case .increaseBy: return "tăng \(approx)" + v + (t.unit == .percentagePoint ? " điểm %" : "")
        case .decreaseBy: return "giảm \(approx)" + v + (t.unit == .percentagePoint ? " điểm %" : "")
        default: return t.comparator.vietnamese + " " + v
        }
    }

    /// The top of an official document: issuing body left, national title right, title centred.
    /// Returns the first free row.
    func officialHeader(_ sheet: inout Worksheet, _ content: ReportContent, columns: Int, subtitle: String) -> Int {
        let split = max(2, columns / 2 - 1)
        let left = 0...(split - 1)
        let right = split...(columns - 1)
        sheet.merge(CellRange(rows: 0...0, columns: left), .text((content.body.parent ?? "").uppercased()), style: Styles.bodyParent)
        sheet.merge(CellRange(rows: 1...1, columns: left), .text(content.body.name.uppercased()), style: Styles.bodyName)
        sheet.merge(CellRange(rows: 0...0, columns: right), .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), style: Styles.nationalTitle)
        sheet.merge(CellRange(rows: 1...1, columns: right), .text("Độc lập - Tự do - Hạnh phúc"), style: Styles.motto)
        sheet.merge(CellRange(rows: 2...2, columns: right), .text(content.placeDateLine), style: Styles.placeDate)
        sheet.merge(CellRange(rows: 4...4, columns: 0...(columns - 1)), .text(content.title.uppercased()), style: Styles.title)
        sheet.merge(CellRange(rows: 5...5, columns: 0...(columns - 1)),
                    .text("\(content.period.vietnamese.prefix(1).uppercased() + content.period.vietnamese.dropFirst()) (số liệu từ \(content.period.dataWindowText))"),
                    style: Styles.subtitle)
        sheet.merge(CellRange(rows: 6...6, columns: 0...(columns - 1)), .text(subtitle), style: Styles.subtitle)
        return 8
    }

    func writeHeader(_ sheet: inout Worksheet, row: Int, _ titles: [String]) {
        for (i, title) in titles.enumerated() { sheet.set(row, i, .text(title), style: Styles.header) }
    }

    func signature(_ sheet: inout Worksheet, _ content: ReportContent, row: Int, columns: Int) {
        let split = max(2, columns / 2 - 1)
        sheet.merge(CellRange(rows: row...row, columns: 0...(split - 1)), .text("NGƯỜI LẬP BIỂU"), style: Styles.signatureTitle)
        sheet.merge(CellRange(rows: (row + 1)...(row + 1), columns: 0...(split - 1)), .text("(Ký, họ tên)"), style: Styles.signatureHint)
        sheet.merge(CellRange(rows: row...row, columns: split...(columns - 1)), .text("THỦ TRƯỞNG ĐƠN VỊ"), style: Styles.signatureTitle)
        sheet.merge(CellRange(rows: (row + 1)...(row + 1), columns: split...(columns - 1)), .text("(Ký, họ tên, đóng dấu)"), style: Styles.signatureHint)
    }

    /// Sizes columns and rows from measured text.
    func finish(_ sheet: inout Worksheet, wrapColumns: [Int: Double]) {
        for (column, width) in wrapColumns { sheet.columnWidths[column] = width }
        sheet.fitColumns(using: measurer, minimum: 6, maximum: 40)
        sheet.fitRowHeights(using: measurer)
    }
}
