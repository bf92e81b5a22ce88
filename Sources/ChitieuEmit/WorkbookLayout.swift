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
        var taken: Set<String> = Set(["Tổng hợp", "So sánh", "Thống kê", "Chấm điểm", "Phong trào", "Kiểm tra dữ liệu"].map { $0.lowercased() })
        for unit in content.units {
            let name = SheetName.make(from: unit.name, avoiding: taken)
            taken.insert(name.folded)
            unitSheetNames[unit] = name
        }
        try workbook.append(summarySheet(content, name: summaryName, unitSheets: unitSheetNames))
        try workbook.append(comparisonSheet(content, name: SheetName("So sánh")))
        for unit in content.units {
            try workbook.append(unitSheet(content, unit: unit, name: unitSheetNames[unit]!, summary: summaryName))
        }
        try workbook.append(statisticsSheet(content, name: SheetName("Thống kê")))
        try workbook.append(scoringSheet(content, name: SheetName("Chấm điểm")))
        try workbook.append(movementsSheet(content, name: SheetName("Phong trào")))
        try workbook.append(issuesSheet(content, name: SheetName("Kiểm tra dữ liệu")))
        return workbook
    }

    // MARK: Sheets

    func summarySheet(_ content: ReportContent, name: SheetName, unitSheets: [ReportingUnit: SheetName]) -> Worksheet {
        let halfYear = content.period.isFirstHalf
        let header = ["STT", "Đơn vị", "Số chỉ tiêu", "Có đánh giá"]
            + (halfYear ? ["Đúng tiến độ", "Chậm tiến độ"] : ["Vượt", "Đạt", "Không đạt"])
            + ["Chưa có số liệu", "Không đánh giá được", "Tỷ lệ đạt (%)", "Hoàn thành bình quân (%)", "Điểm", "Xếp hạng"]
        var rows: [[(CellValue, CellStyle)]] = []
        for (i, s) in content.summaries.enumerated() {
            let unit = s.unit
            let link: CellValue = unitSheets[unit].map { .link(target: "internal:'\($0.value)'!A1", label: unit.name) } ?? .text(unit.name)
            let counts = halfYear ? [s.targets, s.evaluated, s.onTrack, s.behind, s.noData, s.notEvaluable]
                                  : [s.targets, s.evaluated, s.exceeded, s.met, s.notMet, s.noData, s.notEvaluable]
            var row: [(CellValue, CellStyle)] = [(.number(Double(i + 1)), Styles.centered), (link, unitSheets[unit] == nil ? Styles.cell : Styles.link)]
            row += counts.map { (.number(Double($0)), Styles.integer) }
            row.append(optional(s.shareAchieved, decimals: 1))
            row.append(optional(s.meanCompletion, decimals: 1))
            row.append(optional(s.score, decimals: 1))
            row.append(s.rank.map { (.number(Double($0)), Styles.centered) } ?? (.text("-"), Styles.centered))
            rows.append(row)
        }
        var sheet = tableSheet(content, name: name, subtitle: "Tổng hợp kết quả, điểm và xếp hạng theo đơn vị", header: header, rows: rows)
        let notes = content.summaries.compactMap { s in s.tieBreak.map { "\(s.unit.name): \($0)" } }
        if !notes.isEmpty {
            let row = sheet.lastRow + 1
            sheet.merge(CellRange(rows: row...row, columns: 0...(header.count - 1)), .text("Phân định hạng: " + notes.joined(separator: "; ")), style: Styles.note)
        }
        finish(&sheet, wrapColumns: [1: 24])
        return sheet
    }

    func optional(_ value: Double?, decimals: Int) -> (CellValue, CellStyle) {
        value.map { (.number($0), Styles.decimal(decimals)) } ?? (.text("-"), Styles.centered)
    }

    /// A sheet with the official header, one table and the signature block.
    func tableSheet(_ content: ReportContent, name: SheetName, subtitle: String, header: [String], rows: [[(CellValue, CellStyle)]]) -> Worksheet {
        var sheet = Worksheet(name: name)
        var row = officialHeader(&sheet, content, columns: header.count, subtitle: subtitle)
        let headerRow = row
        writeHeader(&sheet, row: row, header)
        row += 1
        for cells in rows {
            for (c, cell) in cells.enumerated() { sheet.set(row, c, cell.0, style: cell.1) }
            row += 1
        }
        if rows.isEmpty {
            sheet.merge(CellRange(rows: row...row, columns: 0...(header.count - 1)), .text("Không có dữ liệu."), style: Styles.note)
            row += 1
        }
        sheet.freezeAt = CellReference(row: headerRow + 1, column: 0)
        sheet.autofilter = CellRange(rows: headerRow...max(headerRow, row - 1), columns: 0...(header.count - 1))
        sheet.page.repeatRows = headerRow...headerRow
        signature(&sheet, content, row: row + 1, columns: header.count)
        return sheet
    }

    func comparisonSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let units = content.units.filter { u in content.comparison.contains { $0.cells.contains { $0.unit == u } } }
        var header = ["Chỉ tiêu", "Đơn vị tính"]
        for u in units { header += ["\(u.name): kế hoạch", "\(u.name): thực hiện", "\(u.name): hoàn thành (%)", "\(u.name): hạng"] }
        var rows: [[(CellValue, CellStyle)]] = []
        var sector: Sector?
        for r in content.comparison {
            if r.sector != sector {
                sector = r.sector
                rows.append([(.text(r.sector.vietnamese), Styles.sectorHeading)] + Array(repeating: (CellValue.text(""), Styles.sectorHeading), count: header.count - 1))
            }
            var row: [(CellValue, CellStyle)] = [(.text(r.name), Styles.wrapped), (.text(r.measure.display), Styles.centered)]
            for u in units {
                let c = r.cells.first { $0.unit == u }
                row.append(c?.target.map { (.number($0), Styles.decimal(VietnameseNumber.decimalsNeeded($0))) } ?? (.text(""), Styles.cell))
                row.append(c?.result.map { (.number($0), c!.estimate ? Styles.estimate(VietnameseNumber.decimalsNeeded($0)) : Styles.decimal(VietnameseNumber.decimalsNeeded($0))) } ?? (.text(""), Styles.cell))
                row.append(optional(c?.completion, decimals: 1))
                row.append(c?.rankByCompletion.map { (.number(Double($0)), Styles.centered) } ?? c?.rankByResult.map { (.text("\($0)*"), Styles.centered) } ?? (.text(""), Styles.cell))
            }
            rows.append(row)
        }
        var sheet = tableSheet(content, name: name, subtitle: "So sánh các đơn vị theo chỉ tiêu chung (hạng có * xếp theo giá trị thực hiện)", header: header, rows: rows)
        finish(&sheet, wrapColumns: [0: 34])
        return sheet
    }

    func statisticsSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Chỉ tiêu", "Đơn vị tính", "Số đơn vị", "Hoàn thành thấp nhất (%)", "Trung vị (%)", "Bình quân (%)", "Cao nhất (%)",
                      "Độ lệch chuẩn", "Thực hiện thấp nhất", "Thực hiện bình quân", "Thực hiện cao nhất", "Đơn vị tốt nhất", "Đơn vị thấp nhất"]
        let rows = content.statistics.map { s -> [(CellValue, CellStyle)] in
            let c = s.completion
            let r = s.result
            return [(.text(s.name), Styles.wrapped), (.text(s.measure.display), Styles.centered),
                    (.number(Double(max(c?.count ?? 0, r?.count ?? 0))), Styles.integer),
                    optional(c?.minimum, decimals: 1), optional(c?.median, decimals: 1), optional(c?.mean, decimals: 1), optional(c?.maximum, decimals: 1),
                    optional(c?.standardDeviation, decimals: 2), optional(r?.minimum, decimals: 2), optional(r?.mean, decimals: 2), optional(r?.maximum, decimals: 2),
                    (.text(s.best?.name ?? "-"), Styles.cell), (.text(s.worst?.name ?? "-"), Styles.cell)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Thống kê theo chỉ tiêu giữa các đơn vị", header: header, rows: rows)
        finish(&sheet, wrapColumns: [0: 34])
        return sheet
    }

    func scoringSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Đánh giá", "Trọng số", "Điểm", "Điểm tối đa", "Cách tính"]
        var rows: [[(CellValue, CellStyle)]] = []
        for s in content.summaries {
            for l in s.lines {
                rows.append([(.text(s.unit.name), Styles.cell), (.text(l.indicator), Styles.cell), (.text(l.name), Styles.wrapped),
                             (.text(l.status.vietnamese), Styles.status(l.status)), (.number(l.weight), Styles.decimal(VietnameseNumber.decimalsNeeded(l.weight))),
                             (.number(l.points), Styles.decimal(2)), (.number(l.maximum), Styles.decimal(2)), (.text(l.rule), Styles.wrapped)])
            }
            let total = s.score.map { "Tổng \(VietnameseNumber.format(s.points, decimals: 2)) / \(VietnameseNumber.format(s.maximum, decimals: 2)) điểm = \(VietnameseNumber.format($0, decimals: 1)) điểm (thang 100)" }
                ?? "Không có chỉ tiêu để chấm điểm; không xếp hạng"
            rows.append([(.text(s.unit.name), Styles.bold), (.text(""), Styles.cell), (.text(total), Styles.bold), (.text(""), Styles.cell),
                         (.text(""), Styles.cell), (.number(s.points), Styles.decimal(2)), (.number(s.maximum), Styles.decimal(2)),
                         (.text(s.rank.map { "Hạng \($0)" + (s.tieBreak.map { " (\($0))" } ?? "") } ?? "-"), Styles.wrapped)])
        }
        var sheet = tableSheet(content, name: name, subtitle: "Cách tính điểm thi đua của từng đơn vị", header: header, rows: rows)
        finish(&sheet, wrapColumns: [2: 36, 7: 44])
        return sheet
    }

    func movementsSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Phong trào thi đua"] + content.units.map(\.name)
        let rows = NationalMovement.all.map { m -> [(CellValue, CellStyle)] in
            [(.text(m.name), Styles.wrapped)] + content.units.map { u in
                let joins = (content.unitDocuments[u] ?? []).contains { $0.metadata.movements.contains(m.code) }
                return (.text(joins ? "x" : ""), Styles.centered)
            }
        }
        var sheet = tableSheet(content, name: name, subtitle: "Văn bản của đơn vị hưởng ứng phong trào thi đua do Thủ tướng Chính phủ phát động", header: header, rows: rows)
        finish(&sheet, wrapColumns: [0: 48])
        return sheet
    }

    func issuesSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["STT", "Mức độ", "Tệp", "Dòng", "Ô", "Nội dung"]
        let rows = content.issues.enumerated().map { i, issue -> [(CellValue, CellStyle)] in
            let level = switch issue.severity { case .error: "Lỗi"; case .warning: "Cảnh báo"; case .note: "Ghi chú" }
            return [(.number(Double(i + 1)), Styles.centered), (.text(level), Styles.centered), (.text(issue.location?.file ?? ""), Styles.wrappedSmall),
                    issue.location.map { (.number(Double($0.line)), Styles.centered) } ?? (.text(""), Styles.cell),
                    (.text(issue.location?.cell ?? ""), Styles.cell), (.text(issue.message), Styles.wrapped)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Kiểm tra dữ liệu đầu vào", header: header, rows: rows)
        finish(&sheet, wrapColumns: [2: 30, 5: 70])
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
    func officialHeader(_ sheet: inout Worksheet, _ content: ReportContent, columns requested: Int, subtitle: String) -> Int {
        // The two header blocks need room: at least four columns, split about in the middle.
        let columns = max(requested, 4)
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

    func signature(_ sheet: inout Worksheet, _ content: ReportContent, row: Int, columns requested: Int) {
        let columns = max(requested, 4)
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
