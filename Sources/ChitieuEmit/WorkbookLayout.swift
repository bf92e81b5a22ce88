import Foundation
import ChitieuModel
import Spreadsheet

/// Lays the report out as a workbook model in the official format of Decree 30/2020: the
/// reporting body top left, the national title top right, title and period centred, "Đơn vị
/// tính", the place-date line in italics, signature blocks; Times New Roman, A4 landscape, one
/// page wide, header rows repeated, page numbers; columns and rows sized from measured text.
public struct WorkbookLayout: Sendable {
    public let measurer: any TextMeasuring

    public init(measurer: any TextMeasuring) {
        self.measurer = measurer
    }

    static let fixedSheets = ["Tổng hợp", "So sánh", "Biểu đồ", "Thống kê", "Chấm điểm", "Phong trào", "Nguồn", "Kiểm tra dữ liệu"]

    /// The smallest size, in points, body text may land at on A4 after fit-to-width: columns
    /// are narrowed (text wraps) until the table fits the page at this size.
    static let minimumPrintedSize = 10.3
    /// The body text size of every table.
    static let bodySize = Styles.font.size

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
        // The sheets are independent but for the numbered references, which the unit sheets
        // hand on to "Nguồn": those go together in one job. The jobs share the two cores.
        let names = try (comparison: SheetName("So sánh"), charts: SheetName("Biểu đồ"), detail: SheetName("Chi tiết"),
                         statistics: SheetName("Thống kê"), scoring: SheetName("Chấm điểm"), movements: SheetName("Phong trào"),
                         sources: SheetName("Nguồn"), issues: SheetName("Kiểm tra dữ liệu"), lastYear: SheetName("Cùng kỳ"),
                         trend: SheetName("Diễn biến"), sharedScoring: SheetName("Chấm điểm chung"),
                         proposals: SheetName("Đề nghị khen thưởng"))
        let unitNames = unitSheetNames
        let groups = groupSheets
        let references = scale.sheetPerUnit ? allReferences(content) : References(content)
        var jobs: [@Sendable () -> [Worksheet]] = [
            { [summarySheet(content, name: summaryName, unitSheets: unitNames)] },
            { [scale.sideBySide ? comparisonSheet(content, name: names.comparison) : longComparisonSheet(content, name: names.comparison)] },
            { [chartSheet(content, name: names.charts)] },
            { [statisticsSheet(content, name: names.statistics)] + (content.lastYear.isEmpty ? [] : [lastYearSheet(content, name: names.lastYear)])
                + (content.trend.isEmpty ? [] : [trendSheet(content, name: names.trend)]) },
            { (content.clusters.isEmpty ? [] : [clusterScoringSheet(content, name: names.scoring), proposalsSheet(content, name: names.proposals)])
                + [scale.sheetPerUnit ? scoringSheet(content, name: content.clusters.isEmpty ? names.scoring : names.sharedScoring)
                                      : unitScoresSheet(content, name: content.clusters.isEmpty ? names.scoring : names.sharedScoring)] },
            { [scale.sideBySide ? movementsSheet(content, name: names.movements) : movementsByUnitSheet(content, name: names.movements)] },
            { [sourcesSheet(content, name: names.sources, references: references)] },
            { [issuesSheet(content, name: names.issues)] },
        ]
        // Then one job per unit or group sheet, in the book's order after "Biểu đồ".
        if scale.sheetPerUnit {
            for unit in content.units {
                jobs.append {
                    var cited = references
                    return [unitSheet(content, unit: unit, name: unitNames[unit]!, summary: summaryName, references: &cited)]
                }
            }
        } else {
            for (group, units, name) in groups {
                jobs.append { [groupSheet(content, group: group, units: units, name: name, summary: summaryName)] }
            }
            jobs.append { [detailSheet(content, name: names.detail)] }
        }
        let done = SheetsByJob(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { [jobs] in done.set($0, jobs[$0]()) }
        let sheets = done.all
        // Book order: Tổng hợp, So sánh, Biểu đồ, the unit or group sheets, then the rest.
        for sheet in sheets[0...2].joined() { try workbook.append(sheet) }
        for sheet in sheets[8...].joined() { try workbook.append(sheet) }
        for sheet in sheets[3...7].joined() { try workbook.append(sheet) }
        return workbook
    }

    typealias Row = [(CellValue, CellStyle)]

    /// The sheets each job made, collected from the threads that made them.
    final class SheetsByJob: @unchecked Sendable {
        // @unchecked: every access to `sheets` holds `lock`.
        private let lock = NSLock()
        private var sheets: [[Worksheet]]

        init(count: Int) { sheets = Array(repeating: [], count: count) }

        func set(_ job: Int, _ made: [Worksheet]) {
            lock.lock()
            sheets[job] = made
            lock.unlock()
        }

        var all: [[Worksheet]] {
            lock.lock()
            defer { lock.unlock() }
            return sheets
        }
    }

    // MARK: Sheets

    /// Units in rank order: ranked units by rank (ties in the order of the pipeline), then the unranked.
    static func rankOrder(_ summaries: [UnitSummary]) -> [UnitSummary] {
        summaries.enumerated().sorted { a, b in
            switch (a.element.rank, b.element.rank) {
            case let (x?, y?): x != y ? x < y : a.offset < b.offset
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.offset < b.offset
            }
        }.map(\.element)
    }

    func summarySheet(_ content: ReportContent, name: SheetName, unitSheets: [ReportingUnit: SheetName]) -> Worksheet {
        let halfYear = content.period.isFirstHalf
        // With clusters, each unit's cluster, its score and rank there, and its proposal.
        let inCluster = Dictionary(content.clusterScores.map { ($0.unit, $0) }) { a, _ in a }
        let header = ["STT", "Đơn vị", "Số chỉ tiêu", "Có đánh giá"]
            + (halfYear ? ["Đúng tiến độ", "Chậm tiến độ"] : ["Vượt", "Đạt", "Không đạt"])
            + ["Chưa có số liệu", "Không đánh giá được", "Cần kiểm tra", "Tỷ lệ đạt (%)", "Hoàn thành bình quân (%)", "Điểm (thang 100)", "Xếp hạng"]
            + (content.clusters.isEmpty ? [] : ["Mã cụm", "Điểm trong cụm", "Hạng trong cụm", "Đề nghị"])
        var rows: [Row] = []
        let ranked = Self.rankOrder(content.summaries)
        for (i, s) in ranked.enumerated() {
            let unit = s.unit
            let link: CellValue = unitSheets[unit].map { .link(target: "internal:'\($0.value)'!A1", label: unit.name) } ?? .text(unit.name)
            let counts = halfYear ? [s.targets, s.evaluated, s.onTrack, s.behind, s.noData, s.notEvaluable, s.needsCheck]
                                  : [s.targets, s.evaluated, s.exceeded, s.met, s.notMet, s.noData, s.notEvaluable, s.needsCheck]
            var row: Row = [(.number(Double(i + 1)), Styles.centered), (link, unitSheets[unit] == nil ? Styles.cell : Styles.link)]
            row += counts.map { (.number(Double($0)), Styles.integer) }
            row += [optional(s.shareAchieved, decimals: 1), optional(s.meanCompletion, decimals: 1), optional(s.score, decimals: 1),
                    s.rank.map { (.number(Double($0)), Styles.centered) } ?? (.text("-"), Styles.centered)]
            if !content.clusters.isEmpty {
                let c = inCluster[unit.code]
                let proposal = c?.proposal.map { $0 == .flag ? "Cờ thi đua" : "Bằng khen" } ?? ""
                // The cluster's code keeps the row to one line; its name heads its table in "Chấm điểm".
                row += [(.text(c?.cluster ?? "-"), Styles.centered), optional(c?.score, decimals: 1),
                        (.text(c?.rank.map { "\($0)" + (c!.sharedRank ? " (đồng hạng)" : "") } ?? "-"), Styles.centered),
                        (.text(proposal), Styles.centeredWrapped)]
            }
            rows.append(row)
        }
        var sheet = tableSheet(content, name: name, subtitle: "Tổng hợp kết quả, điểm và xếp hạng theo đơn vị (xếp theo thứ hạng)",
                               unitLine: "Đơn vị tính: chỉ tiêu; %; điểm", header: header, rows: rows)
        // One row per tie-break note: a joined note would pass Excel's 32,767 characters when
        // hundreds of units tie.
        var next = sheet.lastRow + 1
        draftNotes(&sheet, content, row: &next, columns: header.count)
        let notes = ranked.compactMap { s in s.tieBreak.map { "\(s.unit.name): \($0)" } }
        if !notes.isEmpty {
            sheet.merge(CellRange(rows: next...next, columns: 0...(header.count - 1)), .text("Phân định hạng (\(notes.count) đơn vị):"), style: Styles.note)
            for note in notes {
                next += 1
                sheet.merge(CellRange(rows: next...next, columns: 0...(header.count - 1)), .text(note), style: Styles.note)
            }
        }
        finish(&sheet, content, wrapColumns: [1: 16])
        return sheet
    }

    /// A draft's reasons under the summary table: the inputs that could not be read, one a row.
    func draftNotes(_ sheet: inout Worksheet, _ content: ReportContent, row next: inout Int, columns: Int) {
        guard let reasons = content.draftReasons else { return }
        let lines = ["\(ReportContent.draftMark): chưa xếp hạng; các tệp sau chưa đọc được (\(reasons.count)):"] + reasons
        for line in lines {
            sheet.merge(CellRange(rows: next...next, columns: 0...(columns - 1)), .text(line), style: Styles.note)
            next += 1
        }
    }

    static let quoteKind = "Lời văn chỉ tiêu"
    static let sourceKind = "Nguồn số liệu"

    /// What a unit's row cites on "Nguồn": the target's exact words (with the document, its
    /// number on Nguồn, and every correction) and the source of the result, if any.
    func citations(_ content: ReportContent, _ e: Evaluation, documents: [String: DirectiveDocument],
                   references: References) -> (quote: String, source: String?) {
        let t = e.target
        let doc = t.location.flatMap { documents[$0.file] }
        let named = [doc?.metadata.type, doc?.metadata.number.map { "số " + $0 }].compactMap { $0 }.joined(separator: " ")
        let input = doc.flatMap { references.inputNumber(path: $0.path) }
        let corrected = t.provenance.count > 1 ? "\nĐiều chỉnh: " + t.provenance.dropFirst().joined(separator: "; ") : ""
        let quote = (named.isEmpty ? "" : named + (input.map { " [\($0)]" } ?? "") + ": ") + "“" + t.text + "”" + corrected
        let source = e.actual?.source.flatMap { $0.isEmpty ? nil : content.displayText($0) }
        return ("\(t.name): " + quote, source)
    }

    /// The references of every unit sheet, numbered in the order the sheets cite them, so that
    /// the sheets themselves can be made in any order.
    func allReferences(_ content: ReportContent) -> References {
        var references = References(content)
        let documents = Dictionary(content.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let byUnit = Dictionary(grouping: content.evaluations, by: \.unit)
        for unit in content.units {
            for e in byUnit[unit] ?? [] {
                let (quote, source) = citations(content, e, documents: documents, references: references)
                _ = references.add(kind: Self.quoteKind, unit: unit, text: quote)
                if let source { _ = references.add(kind: Self.sourceKind, unit: unit, text: source) }
            }
        }
        return references
    }

    func unitSheet(_ content: ReportContent, unit: ReportingUnit, name: SheetName, summary: SheetName, references: inout References) -> Worksheet {
        let halfYear = content.period.isFirstHalf
        let evaluations = content.evaluations.filter { $0.unit == unit }
        guard !evaluations.isEmpty else { return qualitativeSheet(content, unit: unit, name: name, summary: summary, references: references) }
        let showHalf = !halfYear && evaluations.contains { $0.sixMonths != nil }
        var header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Kế hoạch"]
        if showHalf { header += ["Thực hiện 6 tháng", "Tiến độ 6 tháng"] }
        header += [halfYear ? "Thực hiện 6 tháng" : "Thực hiện", halfYear ? "So với kế hoạch năm (%)" : "Tỷ lệ hoàn thành (%)"]
        let lastYearOf = content.lastYearOf
        if lastYearOf != nil { header += ["Cùng kỳ năm trước", "So với cùng kỳ"] }
        header += ["Đánh giá", "Đơn vị tự đánh giá", "Văn bản giao chỉ tiêu", "Nguồn số liệu"]
        let documents = Dictionary(content.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        for (i, e) in evaluations.enumerated() {
            let t = e.target
            var row: Row = [(.number(Double(i + 1)), Styles.centered), (.text(t.parent == nil ? t.name : "- " + t.name), Styles.wrapped),
                            (.text(t.unit.display), Styles.centeredWrapped), (.text(requirement(t)), Styles.wrapped),
                            (.number(t.value), Styles.decimal(VietnameseNumber.decimalsNeeded(t.value)))]
            if showHalf {
                let h = e.sixMonthsRow
                row.append(h.map(resultCell) ?? (.text(""), Styles.cell))
                row.append(h.map { (.text($0.status.vietnamese), Styles.statusPlain) } ?? (.text(""), Styles.cell))
            }
            row.append(resultCell(e))
            row.append(optional(e.completion, decimals: 1))
            if let lastYearOf {
                let past = lastYearOf(e)
                row.append(optional(past.value, decimals: 2))
                row.append((.text(past.change.map { VietnameseNumber.format($0, decimals: 2) + " " + (past.changeUnit ?? "") } ?? "-"), Styles.centered))
            }
            row.append((.text(e.status.vietnamese), Styles.statusPlain))
            row.append((.text(e.actual?.verdict ?? ""), Styles.centeredWrapped))
            // The exact words and the source go to "Nguồn" under a number; the row keeps the number.
            let (quote, source) = citations(content, e, documents: documents, references: references)
            row.append((.text("[\(references.add(kind: Self.quoteKind, unit: unit, text: quote))]"), Styles.centered))
            if let source {
                row.append((.text("[\(references.add(kind: Self.sourceKind, unit: unit, text: source))]"), Styles.centered))
            } else {
                row.append((.text(""), Styles.cell))
            }
            rows.append(row)
        }
        var sheet = tableSheet(content, name: name, subtitle: "Đơn vị: \(unit.name)",
                               unitLine: "Đơn vị tính: theo từng chỉ tiêu (cột Đơn vị tính); [số]: lời văn và nguồn ở trang Nguồn",
                               header: header, rows: rows)
        // A way back to the summary, above the table.
        let back = tableStart(sheet) - 2
        sheet.merge(CellRange(rows: back...back, columns: 0...1), .link(target: "internal:'\(summary.value)'!A1", label: "← Tổng hợp"), style: Styles.linkPlain)
        let statusColumns = header.indices.filter { ["Đánh giá", "Tiến độ 6 tháng"].contains(header[$0]) }
        colourStatuses(&sheet, columns: statusColumns, rows: rows.count)
        finish(&sheet, content, wrapColumns: [1: 30, 3: 12])
        return sheet
    }

    /// A unit whose documents set no quantitative target: its qualitative targets and the
    /// national movements its documents join, instead of an empty table.
    func qualitativeSheet(_ content: ReportContent, unit: ReportingUnit, name: SheetName, summary: SheetName, references: References) -> Worksheet {
        let header = ["STT", "Nhiệm vụ, mục tiêu (định tính) và phong trào thi đua hưởng ứng", "Văn bản"]
        var rows: [Row] = []
        let documents = content.unitDocuments[unit] ?? []
        for d in documents {
            let cite = references.inputNumber(path: d.path).map { "[\($0)]" } ?? ""
            for q in d.qualitative {
                rows.append([(.number(Double(rows.count + 1)), Styles.centered), (.text(q.text), Styles.wrapped), (.text(cite), Styles.centered)])
            }
        }
        var movements: [(String, String)] = []
        for d in documents {
            let cite = references.inputNumber(path: d.path).map { "[\($0)]" } ?? ""
            for code in d.metadata.movements where !movements.contains(where: { $0.0 == code }) {
                movements.append((code, cite))
            }
        }
        for (code, cite) in movements {
            let movement = NationalMovement.named(code)?.name ?? code
            rows.append([(.number(Double(rows.count + 1)), Styles.centered), (.text("Hưởng ứng phong trào “\(movement)”"), Styles.wrapped),
                         (.text(cite), Styles.centered)])
        }
        var sheet = tableSheet(content, name: name, subtitle: "Đơn vị: \(unit.name)",
                               unitLine: "Văn bản của đơn vị không giao chỉ tiêu định lượng", header: header, rows: rows,
                               emptyNote: "Văn bản của đơn vị không giao chỉ tiêu định lượng và không nêu nhiệm vụ định tính.")
        let next = sheet.lastRow + 1
        sheet.merge(CellRange(rows: next...next, columns: 0...2),
                    .text("Kết quả của đơn vị (nếu có) được dùng để so sánh giữa các đơn vị (trang So sánh); [số]: văn bản ở trang Nguồn."),
                    style: Styles.note)
        let back = tableStart(sheet) - 2
        sheet.merge(CellRange(rows: back...back, columns: 0...1), .link(target: "internal:'\(summary.value)'!A1", label: "← Tổng hợp"), style: Styles.linkPlain)
        finish(&sheet, content, wrapColumns: [1: 60])
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
        var headings: [Int] = []
        var sector: Sector?
        for r in content.comparison {
            if r.sector != sector {
                sector = r.sector
                headings.append(rows.count)
                rows.append([(.text(r.sector.vietnamese), Styles.sectorHeading)])
            }
            var row: Row = [(.text(r.name), Styles.wrapped), (.text(r.measure.display), Styles.centeredWrapped)]
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
        // A sector heading runs across the row.
        for h in headings {
            let row = tableStart(sheet) + h
            sheet.merge(CellRange(rows: row...row, columns: 0...(header.count - 1)), .text(rowsSector(rows[h])), style: Styles.sectorHeading)
        }
        var wrap: [Int: Double] = [0: 24]
        for c in 2..<header.count { wrap[c] = 9 }
        finish(&sheet, content, wrapColumns: wrap)
        return sheet
    }

    func rowsSector(_ row: Row) -> String {
        if case .text(let s) = row.first?.0 { return s }
        return ""
    }

    /// Rows per chart on "Biểu đồ": a chart 0,9 × 288 px tall takes 13 rows of 20 px.
    static let chartBlockRows = 15

    /// The charts, on a sheet of their own without repeated header rows: mean completion by
    /// unit, then one chart per shared indicator, each beside the small table it reads; two
    /// charts to a printed page.
    func chartSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        var sheet = Worksheet(name: name)
        sheet.page.header = "&C&\"Times New Roman\"&12&P"
        writeTitles(&sheet, content, columns: Self.chartColumns, subtitle: "Biểu đồ so sánh giữa các đơn vị", unitLine: "Đơn vị tính: % hoặc đơn vị của chỉ tiêu")
        // The report's title repeats on each printed page, as the header rows of the table sheets do.
        sheet.page.repeatRows = 4...4
        var row = 9
        var placed = 0
        func block(title: String, what: String, pairs: [(String, Double)], decimals: Int, kind: Chart.Kind) {
            if placed > 0, placed % 2 == 1 { sheet.page.rowBreaks.append(row) }
            sheet.merge(CellRange(rows: row...row, columns: 0...1), .text(title), style: Styles.bold)
            sheet.set(row + 1, 0, .text("Đơn vị"), style: Styles.header)
            sheet.set(row + 1, 1, .text(what), style: Styles.header)
            for (i, p) in pairs.enumerated() {
                sheet.set(row + 2 + i, 0, .text(p.0), style: Styles.wrapped)
                sheet.set(row + 2 + i, 1, .number(p.1), style: Styles.decimal(decimals))
            }
            let data = (row + 2)...(row + 1 + pairs.count)
            sheet.charts.append(Chart(kind: kind, title: title, categories: CellRange(rows: data, columns: 0...0),
                                      series: [.init(name: what, values: CellRange(rows: data, columns: 1...1))],
                                      valueAxisTitle: kind == .column ? "%" : nil, anchor: CellReference(row: row, column: 3), scale: (1.3, 0.9)))
            row += max(pairs.count + 3, Self.chartBlockRows)
            placed += 1
        }
        let means = Self.chartSelection(Self.rankOrder(content.summaries).compactMap { s in s.meanCompletion.map { (s.unit.name, $0) } })
        if !means.pairs.isEmpty {
            // Beyond a few units, horizontal bars keep every name level and readable.
            let kind: Chart.Kind = means.pairs.count <= ReportScale.sideBySideLimit ? .column : .bar
            block(title: "Tỷ lệ hoàn thành bình quân theo đơn vị (%)" + means.note, what: "Hoàn thành bình quân (%)", pairs: means.pairs, decimals: 1, kind: kind)
        }
        for r in content.comparison {
            let completions = r.cells.filter { $0.completion != nil }
            let results = r.cells.filter { $0.result != nil }
            let useCompletion = completions.count >= 2
            let cells = useCompletion ? completions : results
            guard cells.count >= 2 else { continue }
            let what = useCompletion ? "Tỷ lệ hoàn thành (%)" : "Thực hiện (\(r.measure.display))"
            let ordered = cells.sorted { a, b in
                let (x, y) = useCompletion ? (a.rankByCompletion ?? .max, b.rankByCompletion ?? .max) : (a.rankByResult ?? .max, b.rankByResult ?? .max)
                return x < y
            }
            let selection = Self.chartSelection(ordered.map { ($0.unit.name, useCompletion ? $0.completion! : $0.result!) })
            let values = selection.pairs
            block(title: "\(r.name): \(what.lowercased())" + selection.note, what: what, pairs: values,
                  decimals: min(2, values.map { VietnameseNumber.decimalsNeeded($0.1) }.max() ?? 0), kind: .bar)
        }
        if placed == 0 {
            sheet.merge(CellRange(rows: row...row, columns: 0...(Self.chartColumns - 1)), .text("Không có chỉ tiêu chung để vẽ biểu đồ."), style: Styles.note)
        }
        // The charts cover columns D onwards at the default width: 1,3 × 480 px ≈ 10 columns of 64 px.
        sheet.fitColumns(using: measurer, columns: 0...1, budget: 300, preferred: [0: 16, 1: 14])
        sheet.columnWidths[2] = 2
        for c in 3..<Self.chartColumns { sheet.columnWidths[c] = 8.43 }
        frame(&sheet, content, columns: 0...(Self.chartColumns - 1))
        return sheet
    }

    /// At most `ReportScale.chartBars` bars, from values ordered best first: all of them, or the
    /// best and the worst halves, with a note for the title.
    static func chartSelection(_ ordered: [(String, Double)]) -> (pairs: [(String, Double)], note: String) {
        let limit = ReportScale.chartBars
        guard ordered.count > limit else { return (ordered, "") }
        let half = limit / 2
        return (Array(ordered.prefix(half)) + Array(ordered.suffix(half)),
                " — \(half) đơn vị đứng đầu và \(half) đơn vị đứng cuối trong \(ordered.count)")
    }

    /// Columns of "Biểu đồ": two for the data, a gap, ten under the chart.
    static let chartColumns = 13

    func statisticsSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Chỉ tiêu", "Đơn vị tính", "Số đơn vị", "Hoàn thành thấp nhất (%)", "Trung vị (%)", "Bình quân (%)", "Cao nhất (%)",
                      "Độ lệch chuẩn", "Thực hiện thấp nhất", "Thực hiện bình quân", "Thực hiện cao nhất", "Đơn vị tốt nhất", "Đơn vị thấp nhất"]
        let rows = content.statistics.map { s -> Row in
            let c = s.completion
            let r = s.result
            return [(.text(s.name), Styles.wrapped), (.text(s.measure.display), Styles.centeredWrapped),
                    (.number(Double(max(c?.count ?? 0, r?.count ?? 0))), Styles.integer),
                    optional(c?.minimum, decimals: 1), optional(c?.median, decimals: 1), optional(c?.mean, decimals: 1), optional(c?.maximum, decimals: 1),
                    optional(c?.standardDeviation, decimals: 2), optional(r?.minimum, decimals: 2), optional(r?.mean, decimals: 2), optional(r?.maximum, decimals: 2),
                    (.text(s.best?.name ?? "-"), Styles.cell), (.text(s.worst?.name ?? "-"), Styles.cell)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Thống kê theo chỉ tiêu giữa các đơn vị", unitLine: "Đơn vị tính: % hoặc đơn vị của chỉ tiêu",
                               header: header, rows: rows)
        var wrap: [Int: Double] = [0: 24, 11: 12, 12: 12]
        for c in 3...10 { wrap[c] = 10 }
        finish(&sheet, content, wrapColumns: wrap)
        return sheet
    }

    /// Each unit's figures against the same period of last year: the figure, how it was known
    /// (an official figure, an estimate, old units put together) and the change.
    func lastYearSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let before = content.period.yearBefore
        let header = ["Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Kỳ này (\(content.period))", "Cùng kỳ năm trước (\(before))", "So với cùng kỳ",
                      "Số liệu cùng kỳ", "Cách tính và nguồn"]
        let kinds: [LastYear.Status: String] = [.reported: "Số chính thức", .estimate: "Số ước", .restated: "Gộp từ đơn vị cũ",
                                                .notComparable: "Không so sánh được"]
        let rows = content.lastYear.map { line -> Row in
            let change = line.past.change.map { VietnameseNumber.format($0, decimals: 2) + " " + (line.past.changeUnit ?? "") } ?? "-"
            return [(.text(line.unit.name), Styles.wrapped), (.text(line.indicator), Styles.wrapped), (.text(line.measure.display), Styles.centeredWrapped),
                    optional(line.current, decimals: 2), optional(line.past.value, decimals: 2), (.text(change), Styles.centered),
                    (.text(kinds[line.past.status] ?? ""), Styles.centeredWrapped), (.text(line.past.explanation), Styles.wrapped)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "So với cùng kỳ năm trước (\(before.vietnamese)); đơn vị sau sắp xếp so với các đơn vị cũ gộp lại",
                               unitLine: "Đơn vị tính: theo từng chỉ tiêu; \"%\" là mức tăng, \"điểm %\" là chênh lệch của tỷ lệ", header: header, rows: rows)
        finish(&sheet, content, wrapColumns: [0: 16, 1: 30, 2: 9, 6: 12, 7: 44])
        return sheet
    }

    /// Each unit's figures year by year, with a line chart for each indicator that more than one
    /// year is known of.
    func trendSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let periods = content.trendPeriods
        let header = ["Đơn vị", "Chỉ tiêu", "Đơn vị tính"] + periods.map(\.description)
        let lines = content.trend.sorted { ($0.indicator, content.units.firstIndex(of: $0.unit) ?? 0) < ($1.indicator, content.units.firstIndex(of: $1.unit) ?? 0) }
        let rows = lines.map { line -> Row in
            [(.text(line.unit.name), Styles.wrapped), (.text(line.indicator), Styles.wrapped), (.text(line.measure.display), Styles.centeredWrapped)]
                + line.values.map { optional($0, decimals: 2) }
        }
        var sheet = tableSheet(content, name: name, subtitle: "Diễn biến theo năm; trước 1/7/2025, số của đơn vị sau sắp xếp là các đơn vị cũ gộp lại",
                               unitLine: "Đơn vị tính: theo từng chỉ tiêu; \"-\" là chưa có số liệu", header: header, rows: rows)
        finish(&sheet, content, wrapColumns: [0: 16, 1: 30, 2: 9])
        // One line chart per indicator with two known years or more, below the table.
        let first = tableStart(sheet)
        var anchorRow = first + rows.count + 12
        let byIndicator = Dictionary(grouping: lines.indices, by: { lines[$0].indicator })
        for (indicator, indices) in byIndicator.sorted(by: { $0.key < $1.key }).prefix(4) {
            let series = indices.filter { i in lines[i].values.compactMap { $0 }.count >= 2 }
            guard !series.isEmpty else { continue }
            let yearCells = CellRange(rows: (first - 1)...(first - 1), columns: 3...(2 + periods.count))
            sheet.charts.append(Chart(kind: .line, title: "\(indicator) (\(lines[series[0]].measure.display))", categories: yearCells,
                                      series: series.map { i in
                                          .init(name: lines[i].unit.name, values: CellRange(rows: (first + i)...(first + i), columns: 3...(2 + periods.count)))
                                      }, anchor: CellReference(row: anchorRow, column: 0), scale: (1.3, 1)))
            sheet.page.rowBreaks.append(anchorRow - 1)
            anchorRow += 18
        }
        // The charts print too, each on a page after the table and its signature.
        if let area = sheet.page.printArea, !sheet.charts.isEmpty {
            sheet.page.printArea = CellRange(area.first, CellReference(row: anchorRow, column: area.last.column))
        }
        return sheet
    }

    /// Each cluster's own scoring table: per member, criterion by criterion, the points the unit
    /// gave itself, the cluster's and the board's side by side, the points counted and how; then
    /// the total, bonus, penalty, the score out of 100, the rank in the cluster and the proposal.
    func clusterScoringSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Cụm", "Thứ hạng trong cụm", "Đơn vị", "Tiêu chí", "Điểm tối đa", "Đơn vị tự chấm", "Cụm chấm", "Hội đồng quyết định",
                      "Điểm tính", "Cách tính"]
        let names = Dictionary(content.units.map { ($0.code, $0.name) }) { a, _ in a }
        let proposals: [ClusterScore.Proposal: String] = [.flag: "Đề nghị tặng Cờ thi đua", .merit: "Đề nghị tặng Bằng khen"]
        var rows: [Row] = []
        for cluster in content.clusters {
            let criteria = Dictionary(cluster.table.criteria.map { ($0.code, $0) }) { a, _ in a }
            let members = content.clusterScores.filter { $0.cluster == cluster.code }
                .sorted { ($0.rank ?? .max, cluster.members.firstIndex(of: $0.unit) ?? 0) < ($1.rank ?? .max, cluster.members.firstIndex(of: $1.unit) ?? 0) }
            for s in members {
                let unitName = names[s.unit] ?? s.unit
                let rank = s.rank.map { "\($0)" + (s.sharedRank ? " (đồng hạng)" : "") } ?? "-"
                for c in s.criteria {
                    let criterion = criteria[c.criterion]
                    func stage(_ st: PointStage) -> (CellValue, CellStyle) { optional(c.byStage[st], decimals: 2) }
                    rows.append([(.text(cluster.name), Styles.wrapped), (.text(rank), Styles.centered), (.text(unitName), Styles.wrapped),
                                 (.text("\(c.criterion). \(criterion?.name ?? "")"), Styles.wrapped), optional(c.maximum, decimals: 2),
                                 stage(.own), stage(.cluster), stage(.final), (.number(c.points), Styles.decimal(2)), (.text(c.rule), Styles.wrapped)])
                }
                let total = "Tổng \(VietnameseNumber.format(s.points, decimals: 2)) / \(VietnameseNumber.format(s.maximum, decimals: 2)) điểm"
                    + (s.bonus > 0 ? ", thưởng +\(VietnameseNumber.format(s.bonus, decimals: 2))" : "")
                    + (s.penalty > 0 ? ", trừ −\(VietnameseNumber.format(s.penalty, decimals: 2))" : "")
                    + (s.score.map { "; điểm thi đua \(VietnameseNumber.format($0, decimals: 2)) / 100" } ?? "; không có tiêu chí nào áp dụng")
                    + (s.tieBreak.map { "; phân hạng theo \($0)" } ?? "")
                    + (s.proposal.map { "; " + (proposals[$0] ?? "") } ?? "")
                rows.append([(.text(cluster.name), Styles.bold), (.text(rank), Styles.centered), (.text(unitName), Styles.bold),
                             (.text("Cộng"), Styles.bold), (.number(s.maximum), Styles.decimal(2)), (.text(""), Styles.cell), (.text(""), Styles.cell),
                             (.text(""), Styles.cell), optional(s.score, decimals: 2), (.text(total), Styles.bold)])
            }
        }
        var sheet = tableSheet(content, name: name, subtitle: "Chấm điểm thi đua theo bảng chấm điểm của từng cụm (xếp theo thứ hạng trong cụm)",
                               unitLine: "Đơn vị tính: điểm; dòng \"Cộng\" cho điểm thi đua trên thang 100", header: header, rows: rows)
        finish(&sheet, content, wrapColumns: [0: 14, 2: 12, 3: 22, 9: 36])
        return sheet
    }

    /// The proposals of every cluster: who, for what, with the score and the rank that carry it.
    func proposalsSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["STT", "Cụm", "Đơn vị", "Hình thức đề nghị", "Điểm thi đua", "Thứ hạng trong cụm", "Căn cứ"]
        let names = Dictionary(content.units.map { ($0.code, $0.name) }) { a, _ in a }
        let clusterNames = Dictionary(content.clusters.map { ($0.code, $0.name) }) { a, _ in a }
        let words: [ClusterScore.Proposal: String] = [.flag: "Cờ thi đua", .merit: "Bằng khen"]
        let proposed = content.clusterScores.filter { $0.proposal != nil }
            .sorted { ($0.cluster, $0.proposal == .flag ? 0 : 1, $0.rank ?? .max) < ($1.cluster, $1.proposal == .flag ? 0 : 1, $1.rank ?? .max) }
        let rows = proposed.enumerated().map { i, s -> Row in
            let basis = s.proposal == .flag ? "Dẫn đầu cụm, đạt điểm tối thiểu, không có điểm trừ (Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 26)"
                                            : "Xếp hạng tiếp theo trong cụm"
            return [(.number(Double(i + 1)), Styles.centered), (.text(clusterNames[s.cluster] ?? s.cluster), Styles.wrapped),
                    (.text(names[s.unit] ?? s.unit), Styles.wrapped), (.text(words[s.proposal!] ?? ""), Styles.centeredWrapped),
                    optional(s.score, decimals: 2), (.text(s.rank.map(String.init) ?? "-"), Styles.centered), (.text(basis), Styles.wrapped)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Danh sách đề nghị khen thưởng theo kết quả chấm điểm của các cụm thi đua",
                               unitLine: "Đơn vị tính: điểm (thang 100)", header: header, rows: rows, emptyNote: "Không có đơn vị đủ điều kiện đề nghị.")
        finish(&sheet, content, wrapColumns: [1: 20, 2: 16, 6: 40])
        return sheet
    }

    func scoringSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Đơn vị", "Chỉ tiêu", "Đánh giá", "Trọng số", "Điểm", "Điểm tối đa", "Cách tính", "Mã chỉ tiêu"]
        var rows: [Row] = []
        for s in Self.rankOrder(content.summaries) {
            for l in s.lines {
                rows.append([(.text(s.unit.name), Styles.wrapped), (.text(l.name), Styles.wrapped),
                             (.text(l.status.vietnamese), Styles.statusPlain), (.number(l.weight), Styles.decimal(VietnameseNumber.decimalsNeeded(l.weight))),
                             (.number(l.points), Styles.decimal(2)), (.number(l.maximum), Styles.decimal(2)), (.text(Self.vietnameseRule(l.rule)), Styles.wrapped),
                             (.text(l.indicator), Styles.wrapped)])
            }
            let total = s.score.map { "Tổng \(VietnameseNumber.format(s.points, decimals: 2)) / \(VietnameseNumber.format(s.maximum, decimals: 2)) điểm = \(VietnameseNumber.format($0, decimals: 1)) điểm (thang 100)" }
                ?? "Không có chỉ tiêu để chấm điểm; không xếp hạng"
            rows.append([(.text(s.unit.name), Styles.bold), (.text(total), Styles.bold), (.text(""), Styles.cell),
                         (.text(""), Styles.cell), s.score == nil ? (.text(""), Styles.cell) : (.number(s.points), Styles.decimal(2)),
                         s.score == nil ? (.text(""), Styles.cell) : (.number(s.maximum), Styles.decimal(2)),
                         (.text(s.rank.map { "Hạng \($0)" + (s.tieBreak.map { " (\($0))" } ?? "") } ?? "-"), Styles.wrapped), (.text(""), Styles.cell)])
        }
        var sheet = tableSheet(content, name: name, subtitle: "Cách tính điểm thi đua của từng đơn vị (xếp theo thứ hạng)", unitLine: "Đơn vị tính: điểm", header: header, rows: rows)
        colourStatuses(&sheet, columns: [2], rows: rows.count)
        finish(&sheet, content, wrapColumns: [1: 30, 6: 40, 7: 12])
        return sheet
    }

    /// Rule text with the configuration keys it names said in words.
    static func vietnameseRule(_ rule: String) -> String {
        rule.replacingOccurrences(of: "theo quy tắc no_data_points", with: "theo quy định điểm cho chỉ tiêu chưa có số liệu")
            .replacingOccurrences(of: "no_data_points", with: "điểm khi chưa có số liệu")
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
        finish(&sheet, content, wrapColumns: [0: 50])
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
        finish(&sheet, content, wrapColumns: [1: 26, 3: 70])
        return sheet
    }

    /// Every input (type, number, date, issuer, signer, file relative to the pipeline, SHA-256),
    /// then the numbered references of the unit sheets: the exact words of each target with its
    /// corrections, and the sources of the results.
    func sourcesSheet(_ content: ReportContent, name: SheetName, references: References) -> Worksheet {
        let header = ["Số", "Loại", "Đơn vị", "Văn bản, nội dung", "Số hiệu", "Ngày", "Cơ quan ban hành, người ký", "Tệp", "SHA-256"]
        var rows: [Row] = content.inputs.enumerated().map { i, f -> Row in
            let m = f.metadata
            let issuer = [m?.issuer, m?.signer.map { "Người ký: " + $0 }].compactMap { $0 }.joined(separator: "\n")
            return [(.text("[\(i + 1)]"), Styles.centered), (.text(f.role), Styles.wrapped), (.text(f.unit?.name ?? ""), Styles.wrapped),
                    (.text(m?.type ?? ""), Styles.wrapped), (.text(m?.number ?? ""), Styles.wrapped), (.text(m?.date.map(vietnameseDate) ?? ""), Styles.centered),
                    (.text(issuer), Styles.wrapped), (.text(Self.breakablePath(content.displayPath(f.path))), Styles.wrapped),
                    (.text(f.sha256.map(Self.grouped) ?? "không đọc được"), Styles.hash)]
        }
        let firstReference = rows.count
        for r in references.entries {
            rows.append([(.text("[\(r.number)]"), Styles.centered), (.text(r.kind), Styles.wrapped), (.text(r.unit.name), Styles.wrapped)])
        }
        var sheet = tableSheet(content, name: name, subtitle: "Văn bản và số liệu đầu vào; kỳ số liệu theo Nghị định 09/2019/NĐ-CP; lời văn chỉ tiêu và nguồn số liệu theo số tham chiếu",
                               unitLine: "", header: header, rows: rows)
        // The long words of a reference run across the columns of the file and digest.
        let start = tableStart(sheet)
        for (i, r) in references.entries.enumerated() {
            let row = start + firstReference + i
            sheet.merge(CellRange(rows: row...row, columns: 3...(header.count - 1)), .text(r.text), style: Styles.wrapped)
        }
        finish(&sheet, content, wrapColumns: [3: 14, 6: 24, 7: 20])
        return sheet
    }

    /// A SHA-256 in groups of eight, so that it wraps in a narrow column.
    static func grouped(_ digest: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(digest)
        while !rest.isEmpty { groups.append(rest.prefix(8)); rest = rest.dropFirst(8) }
        return groups.joined(separator: " ")
    }

    /// A path that may wrap after each folder: "../samples/actuals/\nket-qua-2024.csv".
    static func breakablePath(_ path: String) -> String {
        guard path.count > 24, let slash = path.lastIndex(of: "/") else { return path }
        return String(path[...slash]) + "\n" + path[path.index(after: slash)...]
    }

    func issuesSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        if content.issues.count > Self.streamedIssues { return streamedIssuesSheet(content, name: name) }
        let header = ["STT", "Mức độ", "Tệp", "Dòng", "Ô", "Nội dung"]
        let rows = content.issuesBySeverity.enumerated().map { i, issue -> Row in
            let level = switch issue.severity { case .error: "Lỗi"; case .warning: "Cảnh báo"; case .note: "Ghi chú" }
            return [(.number(Double(i + 1)), Styles.centered), (.text(level), Styles.centered),
                    (.text(Self.breakablePath(content.displayPath(issue.location?.file ?? ""))), Styles.wrapped),
                    issue.location.map { (.number(Double($0.line)), Styles.centered) } ?? (.text(""), Styles.cell),
                    (.text(issue.location?.cell ?? ""), Styles.cell), (.text(content.displayText(issue.text)), Styles.wrapped)]
        }
        var sheet = tableSheet(content, name: name, subtitle: "Kiểm tra dữ liệu đầu vào", unitLine: "", header: header, rows: rows)
        finish(&sheet, content, wrapColumns: [2: 22, 5: 70])
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
    static func requirement(_ t: Target) -> String { requirement(t.fields) }

    static func requirement(_ t: Target.Fields) -> String {
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

    /// A sheet with the title rows and one table; `finish` adds the header blocks, the signature
    /// and the print settings once the columns have their widths.
    func tableSheet(_ content: ReportContent, name: SheetName, subtitle: String, unitLine: String, header: [String], rows: [Row],
                    emptyNote: String = "Không có dữ liệu.") -> Worksheet {
        var sheet = Worksheet(name: name)
        writeTitles(&sheet, content, columns: header.count, subtitle: subtitle, unitLine: unitLine)
        var row = 9
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
        return sheet
    }

    /// Title, period, subtitle and "Đơn vị tính" (rows 5-8), across all columns, wrapped.
    func writeTitles(_ sheet: inout Worksheet, _ content: ReportContent, columns: Int, subtitle: String, unitLine: String) {
        let all = 0...(max(columns, 2) - 1)
        sheet.merge(CellRange(rows: 4...4, columns: all), .text(content.title.uppercased()), style: Styles.title)
        let period = content.period.vietnamese
        sheet.merge(CellRange(rows: 5...5, columns: all),
                    .text("\(period.prefix(1).uppercased() + period.dropFirst()) (số liệu từ \(content.period.dataWindowText))"), style: Styles.subtitle)
        sheet.merge(CellRange(rows: 6...6, columns: all), .text(subtitle), style: Styles.subtitle)
        if !unitLine.isEmpty {
            sheet.merge(CellRange(rows: 7...7, columns: all), .text(unitLine), style: Styles.unitLine)
        }
    }

    /// The widest a text of the header block is, in pixels, with a little room.
    func pixels(_ text: String, _ style: CellStyle) -> Double {
        measurer.width(of: text, font: style.font) * 96 / 72 + 10
    }

    func columnPixels(_ sheet: Worksheet, _ columns: ClosedRange<Int>) -> Double {
        columns.reduce(0) { $0 + ExcelUnits.storedPixels(columnWidth: sheet.columnWidths[$1] ?? 8.43) }
    }

    /// The header blocks of Decree 30 (rows 1-3), the signature block after the last row, and
    /// the print area, over `columns` whose widths are set. The split between the left block
    /// (the reporting body) and the right one (the national title) is chosen from measured text:
    /// the right block gets the room its title needs, the left block the rest, wrapping when
    /// narrower than its text; a sheet too narrow for the national title gets a wider last column.
    func frame(_ sheet: inout Worksheet, _ content: ReportContent, columns: ClosedRange<Int>, budget: Double = .infinity) {
        let parent = (content.body.parent ?? "").uppercased()
        let body = content.body.name.uppercased()
        let rightNeed = max(pixels("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Styles.nationalTitle), pixels("Độc lập - Tự do - Hạnh phúc", Styles.motto),
                            pixels(content.placeDateLine, Styles.placeDate), pixels("THỦ TRƯỞNG ĐƠN VỊ", Styles.signatureTitle))
        var last = columns.upperBound
        if columns.count < 2 { last = columns.lowerBound + 1 }
        let total = columnPixels(sheet, columns.lowerBound...last)
        let firstPixels = columnPixels(sheet, columns.lowerBound...columns.lowerBound)
        if total - firstPixels < rightNeed {
            // Not even one column for the left block: widen the last column.
            let lastWidth = sheet.columnWidths[last] ?? 8.43
            sheet.columnWidths[last] = lastWidth + ((rightNeed - (total - firstPixels)) / 7).rounded(.up)
        }
        // The last split that leaves the right block its room; prefer one that also fits the left block.
        // The right block keeps the room it needs; the left one takes the rest and wraps if it must.
        var split = columns.lowerBound + 1
        for s in (columns.lowerBound + 1)...last where columnPixels(sheet, s...last) >= rightNeed { split = s }
        let leftNeed = max(pixels(parent, Styles.bodyParent), pixels(body, Styles.bodyName), pixels("NGƯỜI LẬP BIỂU", Styles.signatureTitle))
        if columnPixels(sheet, columns.lowerBound...(split - 1)) < leftNeed,
           let s = ((columns.lowerBound + 1)...last).first(where: { columnPixels(sheet, columns.lowerBound...($0 - 1)) >= leftNeed }) {
            // Few wide columns: give the left block its room and widen the right block's last
            // column, when the page allows it.
            let deficit = rightNeed - columnPixels(sheet, s...last)
            if deficit <= 0 || columnPixels(sheet, columns.lowerBound...last) + deficit <= budget {
                if deficit > 0 { sheet.columnWidths[last] = (sheet.columnWidths[last] ?? 8.43) + (deficit / 7).rounded(.up) }
                split = s
            }
        }
        let left = columns.lowerBound...(split - 1)
        let right = split...last
        sheet.merge(CellRange(rows: 0...0, columns: left), .text(parent), style: Styles.bodyParent)
        sheet.merge(CellRange(rows: 1...1, columns: left), .text(body), style: Styles.bodyName)
        sheet.merge(CellRange(rows: 0...0, columns: right), .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), style: Styles.nationalTitle)
        sheet.merge(CellRange(rows: 1...1, columns: right), .text("Độc lập - Tự do - Hạnh phúc"), style: Styles.motto)
        sheet.merge(CellRange(rows: 2...2, columns: right), .text(content.placeDateLine), style: Styles.placeDate)
        // The signature block after the table, on the last page.
        let row = sheet.lastRow + 2
        sheet.merge(CellRange(rows: row...row, columns: left), .text("NGƯỜI LẬP BIỂU"), style: Styles.signatureTitle)
        sheet.merge(CellRange(rows: (row + 1)...(row + 1), columns: left), .text("(Ký, họ tên)"), style: Styles.signatureHint)
        sheet.merge(CellRange(rows: row...row, columns: right), .text("THỦ TRƯỞNG ĐƠN VỊ"), style: Styles.signatureTitle)
        sheet.merge(CellRange(rows: (row + 1)...(row + 1), columns: right), .text("(Ký, họ tên, đóng dấu)"), style: Styles.signatureHint)
        // Room to sign under the titles. The block prints on one page, with the two rows above it
        // (the table's end, or its last row and a note): a page never holds a signature alone
        // under a repeated header.
        sheet.rowHeights[row + 2] = Self.signingSpace
        let carried = max(row - 3, (sheet.page.repeatRows?.upperBound ?? -1) + 1, 0)
        sheet.page.keepTogether = carried...(row + 2)
        sheet.fitRowHeights(using: measurer)
        sheet.page.printArea = CellRange(CellReference(row: 0, column: columns.lowerBound), CellReference(row: row + 2, column: last))
    }

    /// The height left for a signature and a seal, in points (about 2.5 cm).
    static let signingSpace = 72.0

    func writeHeader(_ sheet: inout Worksheet, row: Int, _ titles: [String]) {
        for (i, title) in titles.enumerated() { sheet.set(row, i, .text(title), style: Styles.header) }
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

    /// The pixels a sheet's printed columns may take so that fit-to-width keeps body text at
    /// `minimumPrintedSize` or more.
    func pageBudget(_ sheet: Worksheet) -> Double {
        (sheet.page.printableWidthPixels * Self.bodySize / Self.minimumPrintedSize).rounded(.down)
    }

    /// Sizes the columns of the table so that it prints one page wide with its body text at
    /// `minimumPrintedSize` or more, then adds the header blocks, the signature and the print area.
    func finish(_ sheet: inout Worksheet, _ content: ReportContent, wrapColumns: [Int: Double]) {
        let last = sheet.cells.map(\.reference.column).max() ?? 0
        let columns = 0...max(last, 1)
        let budget = pageBudget(sheet)
        sheet.fitColumns(using: measurer, columns: columns, budget: budget, preferred: wrapColumns, minimum: 3.5, maximum: 40)
        frame(&sheet, content, columns: columns, budget: budget)
    }
}

/// The numbered references of the "Nguồn" sheet: the input files first ([1], [2], …), then
/// whatever a unit sheet cites (the exact words of a target, the source of a result), each
/// distinct text once.
struct References {
    struct Entry {
        var number: Int
        var kind: String
        var unit: ReportingUnit
        var text: String
    }

    private(set) var entries: [Entry] = []
    private var numbers: [String: Int] = [:]
    private var inputs: [String: Int] = [:]
    private var next: Int

    init(_ content: ReportContent) {
        for (i, f) in content.inputs.enumerated() where inputs[f.path] == nil { inputs[f.path] = i + 1 }
        next = content.inputs.count + 1
    }

    /// The number of an input file.
    func inputNumber(path: String) -> Int? { inputs[path] }

    /// The number of a cited text, new or already listed.
    mutating func add(kind: String, unit: ReportingUnit, text: String) -> Int {
        let key = kind + "\u{1}" + unit.code + "\u{1}" + text
        if let n = numbers[key] { return n }
        let n = next
        next += 1
        numbers[key] = n
        entries.append(Entry(number: n, kind: kind, unit: unit, text: text))
        return n
    }
}
