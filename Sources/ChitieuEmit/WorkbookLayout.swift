import ChitieuModel
import Spreadsheet

/// Lays the report out as a workbook model in the official format of Decree 30/2020: the
/// reporting body top left, the national title top right, title and period centred, "Đơn vị
/// tính", the place-date line in italics, signature blocks; Times New Roman, A4 landscape, one
/// page wide, header rows repeated, page numbers; columns and rows sized from measured text.
public struct WorkbookLayout {
    public let measurer: any TextMeasuring

    public init(measurer: any TextMeasuring) {
        self.measurer = measurer
    }

    static let fixedSheets = ["Tổng hợp", "So sánh", "Thống kê", "Chấm điểm", "Phong trào", "Nguồn", "Kiểm tra dữ liệu"]

    public func workbook(for content: ReportContent, created: Int? = nil) throws(SheetNameError) -> Workbook {
        var workbook = Workbook()
        workbook.properties = DocumentProperties(
            title: content.title, subject: "Đánh giá thực hiện chỉ tiêu thi đua \(content.period.vietnamese)",
            author: content.body.name, keywords: "chỉ tiêu, thi đua, khen thưởng, \(content.period)",
            comments: "Lập bằng chitieu", created: created)
        let summaryName = try SheetName("Tổng hợp")
        let scale = ReportScale(units: content.units.count)
        var taken = Set(Self.fixedSheets.map { $0.lowercased() } + ["chi tiết"])
        // Where each unit's own rows are: its sheet while there are few units, else its group's sheet.
        var unitSheetNames: [ReportingUnit: SheetName] = [:]
        var groupSheets: [(group: String, units: [ReportingUnit], name: SheetName)] = []
        if scale.sheetPerUnit {
            for unit in content.units {
                let name = SheetName.make(from: unit.name, avoiding: taken)
                taken.insert(name.folded)
                unitSheetNames[unit] = name
            }
        } else {
            var members: [String: [ReportingUnit]] = [:]
            var groups: [String] = []
            for unit in content.units {
                guard let group = content.groups[unit] else { continue }
                if members[group] == nil { groups.append(group) }
                members[group, default: []].append(unit)
            }
            for group in groups {
                let name = SheetName.make(from: group, avoiding: taken)
                taken.insert(name.folded)
                groupSheets.append((group, members[group]!, name))
                for unit in members[group]! { unitSheetNames[unit] = name }
            }
        }
        try workbook.append(summarySheet(content, name: summaryName, unitSheets: unitSheetNames))
        try workbook.append(scale.sideBySide ? comparisonSheet(content, name: SheetName("So sánh"))
                                             : longComparisonSheet(content, name: SheetName("So sánh")))
        if scale.sheetPerUnit {
            for unit in content.units {
                try workbook.append(unitSheet(content, unit: unit, name: unitSheetNames[unit]!, summary: summaryName))
            }
        } else {
            for (group, units, name) in groupSheets {
                try workbook.append(groupSheet(content, group: group, units: units, name: name, summary: summaryName))
            }
            try workbook.append(detailSheet(content, name: SheetName("Chi tiết")))
        }
        try workbook.append(statisticsSheet(content, name: SheetName("Thống kê")))
        try workbook.append(scale.sheetPerUnit ? scoringSheet(content, name: SheetName("Chấm điểm"))
                                               : unitScoresSheet(content, name: SheetName("Chấm điểm")))
        try workbook.append(scale.sideBySide ? movementsSheet(content, name: SheetName("Phong trào"))
                                             : movementsByUnitSheet(content, name: SheetName("Phong trào")))
        try workbook.append(sourcesSheet(content, name: SheetName("Nguồn")))
        try workbook.append(issuesSheet(content, name: SheetName("Kiểm tra dữ liệu")))
        return workbook
    }

    typealias Row = [(CellValue, CellStyle)]

    // MARK: Sheets

    func summarySheet(_ content: ReportContent, name: SheetName, unitSheets: [ReportingUnit: SheetName]) -> Worksheet {
        let halfYear = content.period.isFirstHalf
        let header = ["STT", "Đơn vị", "Số chỉ tiêu", "Có đánh giá"]
            + (halfYear ? ["Đúng tiến độ", "Chậm tiến độ"] : ["Vượt", "Đạt", "Không đạt"])
            + ["Chưa có số liệu", "Không đánh giá được", "Tỷ lệ đạt (%)", "Hoàn thành bình quân (%)", "Điểm (thang 100)", "Xếp hạng"]
        var rows: [Row] = []
        for (i, s) in content.summaries.enumerated() {
            let unit = s.unit
            let link: CellValue = unitSheets[unit].map { .link(target: "internal:'\($0.value)'!A1", label: unit.name) } ?? .text(unit.name)
            let counts = halfYear ? [s.targets, s.evaluated, s.onTrack, s.behind, s.noData, s.notEvaluable]
                                  : [s.targets, s.evaluated, s.exceeded, s.met, s.notMet, s.noData, s.notEvaluable]
            var row: Row = [(.number(Double(i + 1)), Styles.centered), (link, unitSheets[unit] == nil ? Styles.cell : Styles.link)]
            row += counts.map { (.number(Double($0)), Styles.integer) }
            row += [optional(s.shareAchieved, decimals: 1), optional(s.meanCompletion, decimals: 1), optional(s.score, decimals: 1),
                    s.rank.map { (.number(Double($0)), Styles.centered) } ?? (.text("-"), Styles.centered)]
            rows.append(row)
        }
        var sheet = tableSheet(content, name: name, subtitle: "Tổng hợp kết quả, điểm và xếp hạng theo đơn vị", unitLine: "Đơn vị tính: chỉ tiêu; %; điểm",
                               header: header, rows: rows)
        let first = tableStart(sheet)
        var next = sheet.lastRow + 1
        let notes = content.summaries.compactMap { s in s.tieBreak.map { "\(s.unit.name): \($0)" } }
        if !notes.isEmpty {
            sheet.merge(CellRange(rows: next...next, columns: 0...(header.count - 1)), .text("Phân định hạng: " + notes.joined(separator: "; ")), style: Styles.note)
            next += 1
        }
        // Completion by unit, drawn from the table above.
        if content.summaries.contains(where: { $0.meanCompletion != nil }), !rows.isEmpty {
            let column = header.count - 3
            sheet.charts.append(Chart(kind: .column, title: "Tỷ lệ hoàn thành bình quân theo đơn vị (%)",
                                      categories: CellRange(rows: first...(first + rows.count - 1), columns: 1...1),
                                      series: [.init(name: "Hoàn thành bình quân (%)", values: CellRange(rows: first...(first + rows.count - 1), columns: column...column))],
                                      valueAxisTitle: "%", anchor: CellReference(row: next + 1, column: 1), scale: (1.4, 1.1)))
        }
        finish(&sheet, wrapColumns: [1: 22])
        return sheet
    }

    func unitSheet(_ content: ReportContent, unit: ReportingUnit, name: SheetName, summary: SheetName) -> Worksheet {
        let halfYear = content.period.isFirstHalf
        let sixMonths = content.halfYear.filter { $0.unit == unit }
        let showHalf = !halfYear && !sixMonths.isEmpty
        var header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Kế hoạch"]
        if showHalf { header += ["Thực hiện 6 tháng", "Tiến độ 6 tháng"] }
        header += [halfYear ? "Thực hiện 6 tháng" : "Thực hiện", halfYear ? "So với kế hoạch năm (%)" : "Tỷ lệ hoàn thành (%)",
                   "Đánh giá", "Đơn vị tự đánh giá", "Văn bản giao chỉ tiêu", "Nguồn số liệu"]
        let documents = Dictionary(content.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        for (i, e) in content.evaluations.filter({ $0.unit == unit }).enumerated() {
            let t = e.target
            var row: Row = [(.number(Double(i + 1)), Styles.centered), (.text(t.parent == nil ? t.name : "- " + t.name), Styles.wrapped),
                            (.text(t.unit.display), Styles.centered), (.text(requirement(t)), Styles.wrapped),
                            (.number(t.value), Styles.decimal(VietnameseNumber.decimalsNeeded(t.value)))]
            if showHalf {
                let h = sixMonths.first { $0.target == t }
                row.append(h.map(resultCell) ?? (.text(""), Styles.cell))
                row.append(h.map { (.text($0.status.vietnamese), Styles.statusPlain) } ?? (.text(""), Styles.cell))
            }
            row.append(resultCell(e))
            row.append(optional(e.completion, decimals: 1))
            row.append((.text(e.status.vietnamese), Styles.statusPlain))
            row.append((.text(e.actual?.verdict ?? ""), Styles.centered))
            let doc = t.location.flatMap { documents[$0.file] }
            let reference = [doc?.metadata.type, doc?.metadata.number.map { "số " + $0 }].compactMap { $0 }.joined(separator: " ")
            let corrected = t.provenance.count > 1 ? "\n" + t.provenance.dropFirst().joined(separator: "\n") : ""
            row.append((.text((reference.isEmpty ? "" : reference + ": ") + "“" + t.text + "”" + corrected), Styles.wrappedSmall))
            row.append((.text(e.actual?.source ?? ""), Styles.wrappedSmall))
            rows.append(row)
        }
        var sheet = tableSheet(content, name: name, subtitle: "Đơn vị: \(unit.name)", unitLine: "Đơn vị tính: theo từng chỉ tiêu (cột Đơn vị tính)",
                               header: header, rows: rows, emptyNote: "Văn bản của đơn vị không giao chỉ tiêu định lượng; kết quả (nếu có) được dùng để so sánh giữa các đơn vị (trang So sánh).")
        // A way back to the summary, above the table.
        sheet.set(tableStart(sheet) - 2, 0, .link(target: "internal:'\(summary.value)'!A1", label: "← Tổng hợp"), style: Styles.linkPlain)
        let statusColumns = header.indices.filter { ["Đánh giá", "Tiến độ 6 tháng"].contains(header[$0]) }
        colourStatuses(&sheet, columns: statusColumns, rows: rows.count)
        var wrap: [Int: Double] = [1: 40, 3: 15]
        wrap[header.count - 2] = 46
        wrap[header.count - 1] = 30
        finish(&sheet, wrapColumns: wrap)
        return sheet
    }

    func resultCell(_ e: Evaluation) -> (CellValue, CellStyle) {
        guard let a = e.actual else { return (.text(""), Styles.cell) }
        if a.basis == .pctOfPlan {
            return (.text("đạt \(VietnameseNumber.formatCompact(a.value))% KH" + (a.status == .estimate ? " (ước)" : "")), Styles.wrapped)
        }
        let v = e.actualInTargetUnit ?? a.value
        let d = VietnameseNumber.decimalsNeeded(v)
        return (.number(v), a.status == .estimate ? Styles.estimate(d) : Styles.decimal(d))
    }

    func comparisonSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let units = content.units.filter { u in content.comparison.contains { $0.cells.contains { $0.unit == u } } }
        var header = ["Chỉ tiêu", "Đơn vị tính"]
        for u in units { header += ["\(u.name): kế hoạch", "\(u.name): thực hiện", "\(u.name): hoàn thành (%)", "\(u.name): đánh giá"] }
        var rows: [Row] = []
        var sector: Sector?
        for r in content.comparison {
            if r.sector != sector {
                sector = r.sector
                rows.append([(.text(r.sector.vietnamese), Styles.sectorHeading)] + Array(repeating: (CellValue.text(""), Styles.sectorHeading), count: header.count - 1))
            }
            var row: Row = [(.text(r.name), Styles.wrapped), (.text(r.measure.display), Styles.centered)]
            for u in units {
                let c = r.cells.first { $0.unit == u }
                row.append(c?.target.map { (.number($0), Styles.decimal(VietnameseNumber.decimalsNeeded($0))) } ?? (.text(""), Styles.cell))
                row.append(c?.result.map { v in (.number(v), c!.estimate ? Styles.estimate(VietnameseNumber.decimalsNeeded(v)) : Styles.decimal(VietnameseNumber.decimalsNeeded(v))) } ?? (.text(""), Styles.cell))
                row.append(optional(c?.completion, decimals: 1))
                row.append((.text(c?.status?.vietnamese ?? ""), Styles.statusPlain))
            }
            rows.append(row)
        }
        var sheet = tableSheet(content, name: name, subtitle: "So sánh các đơn vị theo chỉ tiêu chung, xếp theo lĩnh vực",
                               unitLine: "Đơn vị tính: theo từng chỉ tiêu (đã quy đổi về cùng đơn vị)", header: header, rows: rows)
        colourStatuses(&sheet, columns: units.indices.map { 2 + $0 * 4 + 3 }, rows: rows.count)
        addIndicatorCharts(&sheet, content.comparison, below: sheet.lastRow + 2)
        var wrap: [Int: Double] = [0: 30]
        for c in 2..<header.count { wrap[c] = 11 }
        finish(&sheet, wrapColumns: wrap)
        return sheet
    }

    /// One chart for each indicator shared by several units: completion when at least two units
    /// have one, otherwise the result. Each chart reads a small table written beside it.
    func addIndicatorCharts(_ sheet: inout Worksheet, _ rows: [ComparisonRow], below start: Int) {
        var row = start
        var placed = 0
        for r in rows {
            let completions = r.cells.filter { $0.completion != nil }
            let results = r.cells.filter { $0.result != nil }
            let useCompletion = completions.count >= 2
            let cells = useCompletion ? completions : results
            guard cells.count >= 2 else { continue }
            if placed == 0 {
                sheet.merge(CellRange(rows: row...row, columns: 0...1), .text("Số liệu của các biểu đồ"), style: Styles.bold)
                row += 1
            }
            let what = useCompletion ? "Tỷ lệ hoàn thành (%)" : "Thực hiện (\(r.measure.display))"
            sheet.set(row, 0, .text("\(r.name): \(what.lowercased())"), style: Styles.bold)
            sheet.set(row, 1, .text(what), style: Styles.header)
            for (i, c) in cells.enumerated() {
                sheet.set(row + 1 + i, 0, .text(c.unit.name), style: Styles.cell)
                let v = useCompletion ? c.completion! : c.result!
                sheet.set(row + 1 + i, 1, .number(v), style: Styles.decimal(min(2, VietnameseNumber.decimalsNeeded(v))))
            }
            let data = (row + 1)...(row + cells.count)
            sheet.charts.append(Chart(kind: .bar, title: "\(r.name): \(what.lowercased())", categories: CellRange(rows: data, columns: 0...0),
                                      series: [.init(name: what, values: CellRange(rows: data, columns: 1...1))],
                                      anchor: CellReference(row: row, column: 3), scale: (1.3, 0.9)))
            row += max(cells.count + 2, 15)
            placed += 1
        }
    }

    func statisticsSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Chỉ tiêu", "Đơn vị tính", "Số đơn vị", "Hoàn thành thấp nhất (%)", "Trung vị (%)", "Bình quân (%)", "Cao nhất (%)",
                      "Độ lệch chuẩn", "Thực hiện thấp nhất", "Thực hiện bình quân", "Thực hiện cao nhất", "Đơn vị tốt nhất", "Đơn vị thấp nhất"]
        let rows = content.statistics.map { s -> Row in
            let c = s.completion
            let r = s.result
            return [(.text(s.name), Styles.wrapped), (.text(s.measure.display), Styles.centered),
                    (.number(Double(max(c?.count ?? 0, r?.count ?? 0))), Styles.integer),
                    optional(c?.minimum, decimals: 1), optional(c?.median, decimals: 1), optional(c?.mean, decimals: 1), optional(c?.maximum, decimals: 1),
                    optional(c?.standardDeviation, decimals: 2), optional(r?.minimum, decimals: 2), optional(r?.mean, decimals: 2), optional(r?.maximum, decimals: 2),
                    (.text(s.best?.name ?? "-"), Styles.cell), (.text(s.worst?.name ?? "-"), Styles.cell)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Thống kê theo chỉ tiêu giữa các đơn vị", unitLine: "Đơn vị tính: % hoặc đơn vị của chỉ tiêu",
                               header: header, rows: rows)
        var wrap: [Int: Double] = [0: 30]
        for c in 3...10 { wrap[c] = 11 }
        finish(&sheet, wrapColumns: wrap)
        return sheet
    }

    func scoringSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Đánh giá", "Trọng số", "Điểm", "Điểm tối đa", "Cách tính"]
        var rows: [Row] = []
        for s in content.summaries {
            for l in s.lines {
                rows.append([(.text(s.unit.name), Styles.cell), (.text(l.indicator), Styles.cell), (.text(l.name), Styles.wrapped),
                             (.text(l.status.vietnamese), Styles.statusPlain), (.number(l.weight), Styles.decimal(VietnameseNumber.decimalsNeeded(l.weight))),
                             (.number(l.points), Styles.decimal(2)), (.number(l.maximum), Styles.decimal(2)), (.text(l.rule), Styles.wrapped)])
            }
            let total = s.score.map { "Tổng \(VietnameseNumber.format(s.points, decimals: 2)) / \(VietnameseNumber.format(s.maximum, decimals: 2)) điểm = \(VietnameseNumber.format($0, decimals: 1)) điểm (thang 100)" }
                ?? "Không có chỉ tiêu để chấm điểm; không xếp hạng"
            rows.append([(.text(s.unit.name), Styles.bold), (.text(""), Styles.cell), (.text(total), Styles.bold), (.text(""), Styles.cell),
                         (.text(""), Styles.cell), s.score == nil ? (.text(""), Styles.cell) : (.number(s.points), Styles.decimal(2)),
                         s.score == nil ? (.text(""), Styles.cell) : (.number(s.maximum), Styles.decimal(2)),
                         (.text(s.rank.map { "Hạng \($0)" + (s.tieBreak.map { " (\($0))" } ?? "") } ?? "-"), Styles.wrapped)])
        }
        var sheet = tableSheet(content, name: name, subtitle: "Cách tính điểm thi đua của từng đơn vị", unitLine: "Đơn vị tính: điểm", header: header, rows: rows)
        colourStatuses(&sheet, columns: [3], rows: rows.count)
        finish(&sheet, wrapColumns: [2: 34, 7: 44])
        return sheet
    }

    func movementsSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Phong trào thi đua"] + content.units.map(\.name)
        let rows = NationalMovement.all.map { m -> Row in
            [(.text(m.name), Styles.wrapped)] + content.units.map { u in
                let joins = (content.unitDocuments[u] ?? []).contains { $0.metadata.movements.contains(m.code) }
                return (.text(joins ? "x" : ""), Styles.centered)
            }
        }
        var sheet = tableSheet(content, name: name, subtitle: "Văn bản của đơn vị hưởng ứng phong trào thi đua do Thủ tướng Chính phủ phát động",
                               unitLine: "x: văn bản có nêu phong trào", header: header, rows: rows)
        finish(&sheet, wrapColumns: [0: 50])
        return sheet
    }

    /// For many units: one row per unit that has directives, with the movements they join.
    func movementsByUnitSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["STT", "Đơn vị", "Số văn bản", "Phong trào thi đua hưởng ứng"]
        var rows: [Row] = []
        for unit in content.units {
            let documents = content.unitDocuments[unit] ?? []
            guard !documents.isEmpty else { continue }
            let codes = Set(documents.flatMap(\.metadata.movements))
            let names = NationalMovement.all.filter { codes.contains($0.code) }.map(\.name)
            rows.append([(.number(Double(rows.count + 1)), Styles.centered), (.text(unit.name), Styles.wrapped),
                         (.number(Double(documents.count)), Styles.integer),
                         (.text(names.isEmpty ? "Không nêu phong trào nào" : names.joined(separator: "; ")), Styles.wrapped)])
        }
        var sheet = tableSheet(content, name: name, subtitle: "Văn bản của đơn vị hưởng ứng phong trào thi đua do Thủ tướng Chính phủ phát động",
                               unitLine: "", header: header, rows: rows,
                               emptyNote: "Không đơn vị nào có văn bản phát động trong kỳ này (số liệu chỉ từ tệp kế hoạch và kết quả).")
        finish(&sheet, wrapColumns: [1: 26, 3: 70])
        return sheet
    }

    func sourcesSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["STT", "Loại", "Đơn vị", "Văn bản", "Số", "Ngày", "Cơ quan ban hành", "Người ký", "Tệp", "SHA-256"]
        let rows = content.inputs.enumerated().map { i, f -> Row in
            let m = f.metadata
            return [(.number(Double(i + 1)), Styles.centered), (.text(f.role), Styles.cell), (.text(f.unit?.name ?? ""), Styles.cell),
                    (.text(m?.type ?? ""), Styles.cell), (.text(m?.number ?? ""), Styles.cell), (.text(m?.date.map(vietnameseDate) ?? ""), Styles.centered),
                    (.text(m?.issuer ?? ""), Styles.wrapped), (.text(m?.signer ?? ""), Styles.cell), (.text(f.path), Styles.wrappedSmall),
                    (.text(f.sha256 ?? "không đọc được"), Styles.hash)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Văn bản và số liệu đầu vào; kỳ số liệu theo Nghị định 09/2019/NĐ-CP",
                               unitLine: "", header: header, rows: rows)
        finish(&sheet, wrapColumns: [6: 30, 8: 34])
        return sheet
    }

    func issuesSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["STT", "Mức độ", "Tệp", "Dòng", "Ô", "Nội dung"]
        let rows = content.issues.enumerated().map { i, issue -> Row in
            let level = switch issue.severity { case .error: "Lỗi"; case .warning: "Cảnh báo"; case .note: "Ghi chú" }
            return [(.number(Double(i + 1)), Styles.centered), (.text(level), Styles.centered), (.text(issue.location?.file ?? ""), Styles.wrappedSmall),
                    issue.location.map { (.number(Double($0.line)), Styles.centered) } ?? (.text(""), Styles.cell),
                    (.text(issue.location?.cell ?? ""), Styles.cell), (.text(issue.message), Styles.wrapped)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Kiểm tra dữ liệu đầu vào", unitLine: "", header: header, rows: rows)
        finish(&sheet, wrapColumns: [2: 30, 5: 70])
        return sheet
    }

    // MARK: Pieces

    func vietnameseDate(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        return p.count == 3 ? "\(p[2])/\(p[1])/\(p[0])" : iso
    }

    func optional(_ value: Double?, decimals: Int) -> (CellValue, CellStyle) {
        value.map { (.number($0), Styles.decimal(decimals)) } ?? (.text("-"), Styles.centered)
    }

    func requirement(_ t: Target) -> String { Self.requirement(t) }

    /// The comparator in words: "trên 95", "từ 7,5 đến 8", "giảm 2.900".
    static func requirement(_ t: Target) -> String {
        let v = VietnameseNumber.formatCompact(t.value)
        let approx = t.approx ? "khoảng " : ""
        switch t.comparator {
        case .eq: return approx.isEmpty ? "đạt" : "đạt khoảng"
        case .range: return "từ \(v) đến \(VietnameseNumber.formatCompact(t.valueMax ?? t.value))"
        case .increaseBy, .decreaseBy:
            let upper = t.valueMax.map { " - " + VietnameseNumber.formatCompact($0) } ?? ""
            return (t.comparator == .increaseBy ? "tăng " : "giảm ") + approx + v + upper + (t.unit == .percentagePoint ? " điểm %" : "")
        default: return t.comparator.vietnamese + " " + v
        }
    }

    /// The first row of the table body (the row after the header).
    func tableStart(_ sheet: Worksheet) -> Int { (sheet.page.repeatRows?.upperBound ?? 8) + 1 }

    /// A sheet with the official header, one table and the signature block.
    func tableSheet(_ content: ReportContent, name: SheetName, subtitle: String, unitLine: String, header: [String], rows: [Row],
                    emptyNote: String = "Không có dữ liệu.") -> Worksheet {
        var sheet = Worksheet(name: name)
        var row = officialHeader(&sheet, content, columns: header.count, subtitle: subtitle, unitLine: unitLine)
        let headerRow = row
        writeHeader(&sheet, row: row, header)
        row += 1
        for cells in rows {
            for (c, cell) in cells.enumerated() { sheet.set(row, c, cell.0, style: cell.1) }
            row += 1
        }
        if rows.isEmpty {
            sheet.merge(CellRange(rows: row...row, columns: 0...(header.count - 1)), .text(emptyNote), style: Styles.note)
            row += 1
        } else {
            sheet.autofilter = CellRange(rows: headerRow...(row - 1), columns: 0...(header.count - 1))
        }
        sheet.freezeAt = CellReference(row: headerRow + 1, column: min(2, header.count - 1))
        sheet.page.repeatRows = headerRow...headerRow
        // Page numbers at the top centre (libxlsxwriter 1.1.4 cannot leave the first page out).
        sheet.page.header = "&C&\"Times New Roman\"&12&P"
        signature(&sheet, content, row: row + 1, columns: header.count)
        return sheet
    }

    /// The top of an official document. Returns the row where the table's header goes.
    func officialHeader(_ sheet: inout Worksheet, _ content: ReportContent, columns requested: Int, subtitle: String, unitLine: String) -> Int {
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
        let period = content.period.vietnamese
        sheet.merge(CellRange(rows: 5...5, columns: 0...(columns - 1)),
                    .text("\(period.prefix(1).uppercased() + period.dropFirst()) (số liệu từ \(content.period.dataWindowText))"), style: Styles.subtitle)
        sheet.merge(CellRange(rows: 6...6, columns: 0...(columns - 1)), .text(subtitle), style: Styles.subtitle)
        if !unitLine.isEmpty {
            sheet.merge(CellRange(rows: 7...7, columns: max(0, columns - 4)...(columns - 1)), .text(unitLine), style: Styles.unitLine)
        }
        return 9
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

    /// Status words coloured by the spreadsheet program (conditional formatting).
    func colourStatuses(_ sheet: inout Worksheet, columns: [Int], rows: Int) {
        guard rows > 0 else { return }
        let first = tableStart(sheet)
        for column in columns {
            let range = CellRange(rows: first...(first + rows - 1), columns: column...column)
            for status in EvaluationStatus.allCases {
                sheet.conditionalFormats.append(ConditionalFormat(range: range, equals: status.vietnamese, style: Styles.statusColour(status)))
            }
        }
    }

    /// Sizes columns and rows from measured text.
    func finish(_ sheet: inout Worksheet, wrapColumns: [Int: Double]) {
        for (column, width) in wrapColumns { sheet.columnWidths[column] = width }
        sheet.fitColumns(using: measurer, minimum: 5, maximum: 40)
        sheet.fitRowHeights(using: measurer)
    }
}
