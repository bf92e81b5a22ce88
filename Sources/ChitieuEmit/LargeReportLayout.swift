import ChitieuModel
import Spreadsheet

/// The report's shape as the number of units grows (5 units, 34 provinces, 124 communes of a
/// province, 3,321 communes of the country), within Excel's limits and readable on A4.
public struct ReportScale: Sendable, Equatable {
    /// Units side by side in columns while they fit a printed page; beyond, one long table.
    public static let sideBySideLimit = 5
    /// One sheet per unit while there are few; beyond, one sheet per group plus "Chi tiết".
    public static let unitSheetLimit = 60
    /// At most this many bars in a chart: the best and the worst units.
    public static let chartBars = 20

    public var units: Int

    public init(units: Int) { self.units = units }

    public var sideBySide: Bool { units <= Self.sideBySideLimit }
    public var sheetPerUnit: Bool { units <= Self.unitSheetLimit }
}

extension WorkbookLayout {
    // MARK: So sánh, long form

    /// Each shared indicator (grouped by sector) with its units as rows, best first, in one
    /// filtered table; written as a stream, so 272,000 rows cost no memory.
    func longComparisonSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Lĩnh vực", "Chỉ tiêu", "Đơn vị tính", "Hạng", "Đơn vị", "Kế hoạch", "Thực hiện", "Hoàn thành (%)", "Đánh giá"]
        // Each row of the table: the comparison row and the cell within it, best first.
        var order: [(row: Int, cell: Int)] = []
        for (r, row) in content.comparison.enumerated() {
            let cells = row.cells.indices.sorted { a, b in
                let (x, y) = (row.cells[a], row.cells[b])
                let kx = x.rankByCompletion ?? x.rankByResult.map { $0 + 1_000_000 } ?? Int.max
                let ky = y.rankByCompletion ?? y.rankByResult.map { $0 + 1_000_000 } ?? Int.max
                return kx != ky ? kx < ky : a < b
            }
            order += cells.map { (r, $0) }
        }
        var sheet = Worksheet(name: name)
        let headerRow = 9
        writeTitles(&sheet, content, columns: header.count,
                    subtitle: "So sánh các đơn vị theo từng chỉ tiêu chung, đơn vị tốt nhất trước; lọc theo cột Chỉ tiêu",
                    unitLine: "Đơn vị tính: theo từng chỉ tiêu (đã quy đổi về cùng đơn vị)")
        writeHeader(&sheet, row: headerRow, header)
        let widths: [Int: Double] = [0: 13, 1: 34, 2: 10, 3: 6, 4: 24, 5: 11, 6: 11, 7: 11, 8: 16]
        sheet.columnWidths = widths
        let palette = StreamPalette()
        let rows = content.comparison
        let heights = LineHeights(measurer: measurer, font: Styles.font)
        let nameLines = heights.lines(for: rows.map(\.name), columnWidth: widths[1]!)
        let unitLines = heights.lines(for: content.units.map(\.name), columnWidth: widths[4]!)
        let sectorLines = heights.lines(for: Sector.allCases.map(\.vietnamese), columnWidth: widths[0]!)
        let measureLines = heights.lines(for: rows.map(\.measure.display), columnWidth: widths[2]!)
        sheet.stream = RowStream(firstRow: headerRow + 1, count: order.count, styles: palette.styles) { [order] i in
            let (r, c) = order[i]
            let row = rows[r]
            let cell = row.cells[c]
            let rank: StreamCell = (cell.rankByCompletion ?? cell.rankByResult).map { .number(Double($0), style: palette.centered) } ?? .text("-", style: palette.centered)
            let cells: [StreamCell] = [
                .text(row.sector.vietnamese, style: palette.wrapped), .text(row.name, style: palette.wrapped),
                .text(row.measure.display, style: palette.centeredWrapped), rank, .text(cell.unit.name, style: palette.wrapped),
                palette.number(cell.target), palette.number(cell.result, estimate: cell.estimate), palette.number(cell.completion, decimals: 1),
                .text(cell.status?.vietnamese ?? "", style: palette.centered),
            ]
            let lines = max(nameLines[row.name] ?? 1, unitLines[cell.unit.name] ?? 1, sectorLines[row.sector.vietnamese] ?? 1,
                            measureLines[row.measure.display] ?? 1)
            return (cells, heights.height(lines: lines))
        }
        finishStreamed(&sheet, content, headerRow: headerRow, columns: header.count, printed: header.count, rows: order.count, statusColumns: [8])
        return sheet
    }

    // MARK: Chi tiết

    /// Every evaluated target of every unit, one row each, in one filtered table (the workbook
    /// twin of evaluation.csv), written as a stream.
    func detailSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let halfYear = content.period.isFirstHalf
        let showHalf = !halfYear && content.evaluations.contains { $0.sixMonths != nil }
        var header = ["STT", "Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Yêu cầu", "Kế hoạch"]
        if showHalf { header += ["Thực hiện 6 tháng", "Tiến độ 6 tháng"] }
        header += [halfYear ? "Thực hiện 6 tháng" : "Thực hiện", halfYear ? "So với kế hoạch năm (%)" : "Tỷ lệ hoàn thành (%)", "Đánh giá",
                   "Điểm", "Cách tính điểm"]
        let lines = scoreLines(content)
        let summaries = content.summaries
        var sheet = Worksheet(name: name)
        let headerRow = 9
        writeTitles(&sheet, content, columns: header.count - 1,
                    subtitle: "Chi tiết kết quả từng chỉ tiêu của từng đơn vị; lọc theo cột Đơn vị hoặc Chỉ tiêu. Cột Cách tính điểm không in.",
                    unitLine: "Đơn vị tính: theo từng chỉ tiêu (cột Đơn vị tính)")
        writeHeader(&sheet, row: headerRow, header)
        var widths: [Int: Double] = [0: 7, 1: 16, 2: 24, 3: 9, 4: 10, 5: 10]
        for c in 6..<header.count { widths[c] = 10 }
        // Status words ("Chưa có số liệu") stay on one line.
        for c in header.indices where header[c] == "Đánh giá" { widths[c] = 15 }
        for c in header.indices where header[c] == "Tiến độ 6 tháng" { widths[c] = 13 }
        widths[header.count - 2] = 8
        widths[header.count - 1] = 60
        sheet.columnWidths = widths
        let palette = StreamPalette()
        let evaluations = content.evaluations
        let heights = LineHeights(measurer: measurer, font: Styles.font)
        let nameLines = heights.lines(for: evaluations.lazy.map { $0.target.name }, columnWidth: widths[2]!)
        let unitLines = heights.lines(for: content.units.map(\.name), columnWidth: widths[1]!)
        let measureLines = heights.lines(for: evaluations.lazy.map { $0.target.unit.display }, columnWidth: widths[3]!)
        let requirementColumnWidth = widths[4]!
        let requirementFont = Styles.font
        let measurer = self.measurer
        sheet.stream = RowStream(firstRow: headerRow + 1, count: evaluations.count, styles: palette.styles) { i in
            let e = evaluations[i]
            // The target's fields read once: it may live in a row of a plan table.
            let t = e.target.fields
            let requirement = WorkbookLayout.requirement(t)
            var cells: [StreamCell] = [
                .number(Double(i + 1), style: palette.centered), .text(e.unit.name, style: palette.wrapped),
                .text(t.parent == nil ? t.name : "- " + t.name, style: palette.wrapped), .text(t.unit.display, style: palette.centeredWrapped),
                .text(requirement, style: palette.wrapped), palette.number(t.value),
            ]
            if showHalf {
                let h = e.sixMonthsRow
                cells.append(h.map { palette.result($0) } ?? .text("", style: palette.plain))
                cells.append(.text(h?.status.vietnamese ?? "", style: palette.centered))
            }
            cells += [palette.result(e), palette.number(e.completion, decimals: 1), .text(e.status.vietnamese, style: palette.centered)]
            if let line = lines.line(i, in: summaries) {
                cells += [palette.number(line.points, decimals: 2), .text(line.rule, style: palette.plain)]
            } else {
                cells += [.text("-", style: palette.centered), .text("Không chấm điểm (không đánh giá được)", style: palette.plain)]
            }
            var lines = max(nameLines[t.name] ?? 1, unitLines[e.unit.name] ?? 1, measureLines[t.unit.display] ?? 1)
            // Short requirements fit on one line; only long ones are measured.
            if requirement.count > 10 {
                lines = max(lines, TextWrapper.lineCount(requirement, font: requirementFont,
                                                         width: ExcelUnits.points(columnWidth: requirementColumnWidth) - ExcelUnits.cellPadding, measurer: measurer))
            }
            return (cells, heights.height(lines: lines))
        }
        let statusColumns = header.indices.filter { ["Đánh giá", "Tiến độ 6 tháng"].contains(header[$0]) }
        // The rule of each point is for reading on screen and in scoring.csv: it is not printed.
        finishStreamed(&sheet, content, headerRow: headerRow, columns: header.count, printed: header.count - 1, rows: evaluations.count, statusColumns: statusColumns)
        return sheet
    }

    // MARK: One sheet per group

    /// The units of one group (a province's communes, a cluster's members) as rows, with their
    /// counts, score and rank, nationally and within the group.
    func groupSheet(_ content: ReportContent, group: String, units: [ReportingUnit], name: SheetName, summary: SheetName) -> Worksheet {
        let halfYear = content.period.isFirstHalf
        let byUnit = Dictionary(content.summaries.map { ($0.unit, $0) }, uniquingKeysWith: { a, _ in a })
        let members = Self.rankOrder(units.compactMap { byUnit[$0] })
        let header = ["STT", "Đơn vị", "Số chỉ tiêu"] + (halfYear ? ["Đúng tiến độ", "Chậm tiến độ"] : ["Vượt", "Đạt", "Không đạt"])
            + ["Chưa có số liệu", "Cần kiểm tra", "Tỷ lệ đạt (%)", "Hoàn thành bình quân (%)", "Điểm (thang 100)", "Hạng chung", "Hạng trong \(groupWord(group))"]
        var groupRank: [ReportingUnit: Int] = [:]
        var previous: (score: Double?, rank: Int?, position: Int)? = nil
        for (position, s) in members.enumerated() where s.rank != nil {
            // Units that share a national rank share the group rank too.
            let rank = previous.flatMap { $0.rank == s.rank ? groupRank[members[$0.position].unit] : nil } ?? (groupRank.count + 1)
            groupRank[s.unit] = rank
            previous = (s.score, s.rank, position)
        }
        let rows: [Row] = members.enumerated().map { i, s in
            let counts = halfYear ? [s.targets, s.onTrack, s.behind, s.noData, s.needsCheck]
                                  : [s.targets, s.exceeded, s.met, s.notMet, s.noData, s.needsCheck]
            var row: Row = [(.number(Double(i + 1)), Styles.centered), (.text(s.unit.name), Styles.wrapped)]
            row += counts.map { (.number(Double($0)), Styles.integer) }
            row += [optional(s.shareAchieved, decimals: 1), optional(s.meanCompletion, decimals: 1), optional(s.score, decimals: 1),
                    s.rank.map { (.number(Double($0)), Styles.centered) } ?? (.text("-"), Styles.centered),
                    groupRank[s.unit].map { (.number(Double($0)), Styles.centered) } ?? (.text("-"), Styles.centered)]
            return row
        }
        var sheet = tableSheet(content, name: name, subtitle: "\(group): kết quả của \(members.count) đơn vị, xếp theo hạng",
                               unitLine: "Đơn vị tính: chỉ tiêu; %; điểm", header: header, rows: rows)
        sheet.set(tableStart(sheet) - 2, 0, .link(target: "internal:'\(summary.value)'!A1", label: "← Tổng hợp"), style: Styles.linkPlain)
        finish(&sheet, content, wrapColumns: [1: 26])
        return sheet
    }

    /// "tỉnh", "thành phố", or "nhóm" for a group's rank column.
    func groupWord(_ group: String) -> String {
        let lower = group.lowercased()
        if lower.hasPrefix("tỉnh") { return "tỉnh" }
        if lower.hasPrefix("thành phố") { return "thành phố" }
        if lower.hasPrefix("cụm") { return "cụm" }
        if lower.hasPrefix("khối") { return "khối" }
        return "nhóm"
    }

    // MARK: Chấm điểm, per unit

    /// For many units: each unit's total, rank and tie-break on one row; the points of every
    /// target and how they were made are in "Chi tiết" and scoring.csv.
    func unitScoresSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["Hạng", "Đơn vị", "Số chỉ tiêu chấm điểm", "Điểm đạt", "Điểm tối đa", "Điểm (thang 100)", "Phân định hạng"]
        let rows: [Row] = Self.rankOrder(content.summaries).map { s in
            [s.rank.map { (.number(Double($0)), Styles.centered) } ?? (.text("-"), Styles.centered), (.text(s.unit.name), Styles.wrapped),
             (.number(Double(s.lines.count)), Styles.integer),
             s.score == nil ? (.text("-"), Styles.centered) : (.number(s.points), Styles.decimal(2)),
             s.score == nil ? (.text("-"), Styles.centered) : (.number(s.maximum), Styles.decimal(2)),
             optional(s.score, decimals: 1),
             (.text(s.tieBreak ?? (s.score == nil ? "Không có chỉ tiêu để chấm điểm; không xếp hạng" : "")), Styles.wrapped)]
        }
        var sheet = tableSheet(content, name: name,
                               subtitle: "Điểm thi đua của từng đơn vị; điểm từng chỉ tiêu và cách tính ở trang Chi tiết (cột Điểm, Cách tính điểm) và tệp scoring.csv",
                               unitLine: "Đơn vị tính: điểm", header: header, rows: rows)
        var next = sheet.lastRow + 1
        draftNotes(&sheet, content, row: &next, columns: header.count)
        finish(&sheet, content, wrapColumns: [1: 26, 6: 44])
        return sheet
    }

    /// The score line of every evaluation, in the order of `content.evaluations`: a unit's lines
    /// follow its evaluations, leaving out those not scored.
    func scoreLines(_ content: ReportContent) -> ScoreLinePositions {
        var lines = ScoreLinePositions(count: content.evaluations.count)
        var next: [ReportingUnit: (summary: Int, cursor: Int)] = [:]
        for (i, s) in content.summaries.enumerated() { next[s.unit] = (i, 0) }
        for (i, e) in content.evaluations.enumerated() {
            guard var entry = next[e.unit] else { continue }
            let summary = content.summaries[entry.summary]
            guard entry.cursor < summary.lines.count else { continue }
            let line = summary.lines[entry.cursor]
            if line.indicator == e.indicator, line.name == e.target.name {
                lines.set(i, summary: entry.summary, line: entry.cursor)
                entry.cursor += 1
                next[e.unit] = entry
            }
        }
        return lines
    }

    // MARK: Kiểm tra dữ liệu, streamed

    /// Above this many issues the data-check sheet is written as a stream with set widths.
    static let streamedIssues = 2_000

    /// Issues listed on the sheet; beyond them one line sends the reader to issues.csv, which
    /// has them all (a sheet holds 1,048,576 rows, and nobody reads 50,000).
    static let issuesOnSheet = 50_000

    /// Every issue, errors first (figures to check among them), then warnings, then notes, each
    /// as found; a national run has tens of thousands of notes, kept here up to `issuesOnSheet`
    /// and all in issues.csv.
    func streamedIssuesSheet(_ content: ReportContent, name: SheetName) -> Worksheet {
        let header = ["STT", "Mức độ", "Tệp", "Dòng", "Ô", "Nội dung"]
        let issues = content.issuesBySeverity
        let listed = min(issues.count, Self.issuesOnSheet)
        var sheet = Worksheet(name: name)
        let headerRow = 9
        writeTitles(&sheet, content, columns: header.count,
                    subtitle: "Kiểm tra dữ liệu đầu vào: \(issues.count) mục, lỗi và cảnh báo trước, ghi chú sau", unitLine: "")
        writeHeader(&sheet, row: headerRow, header)
        let widths: [Int: Double] = [0: 7, 1: 10, 2: 22, 3: 7, 4: 8, 5: 70]
        sheet.columnWidths = widths
        let palette = StreamPalette()
        let heights = LineHeights(measurer: measurer, font: Styles.font)
        let paths = Dictionary(Set(issues.compactMap { $0.location?.file }).map { ($0, Self.breakablePath(content.displayPath($0))) },
                               uniquingKeysWith: { a, _ in a })
        let pathLines = heights.lines(for: paths.values, columnWidth: widths[2]!)
        let messageWidth = ExcelUnits.points(columnWidth: widths[5]!) - ExcelUnits.cellPadding
        let measurer = self.measurer
        let font = Styles.font
        let rest = "… và \(VietnameseNumber.format(Double(issues.count - listed))) mục khác: xem đầy đủ trong issues.csv"
        sheet.stream = RowStream(firstRow: headerRow + 1, count: listed + (issues.count > listed ? 1 : 0), styles: palette.styles) { i in
            guard i < listed else {
                let empty = StreamCell.text("", style: palette.plain)
                return ([empty, empty, empty, empty, empty, .text(rest, style: palette.wrapped)], heights.height(lines: 1))
            }
            let issue = issues[i]
            let level = switch issue.severity { case .error: "Lỗi"; case .warning: "Cảnh báo"; case .note: "Ghi chú" }
            let path = issue.location.flatMap { paths[$0.file] } ?? ""
            let message = content.displayText(issue.text)
            let cells: [StreamCell] = [
                .number(Double(i + 1), style: palette.centered), .text(level, style: palette.centered), .text(path, style: palette.wrapped),
                issue.location.map { .number(Double($0.line), style: palette.centered) } ?? .text("", style: palette.plain),
                .text(issue.location?.cell ?? "", style: palette.plain), .text(message, style: palette.wrapped),
            ]
            let lines = max(pathLines[path] ?? 1, TextWrapper.lineCount(message, font: font, width: messageWidth, measurer: measurer))
            return (cells, heights.height(lines: lines))
        }
        finishStreamed(&sheet, content, headerRow: headerRow, columns: header.count, printed: header.count, rows: issues.count, statusColumns: [])
        return sheet
    }

    // MARK: Pieces

    /// Filter, frozen header, repeated header row, page numbers, status colours and the
    /// signature block below a streamed table.
    func finishStreamed(_ sheet: inout Worksheet, _ content: ReportContent, headerRow: Int, columns: Int, printed: Int, rows: Int, statusColumns: [Int]) {
        if rows > 0 {
            sheet.autofilter = CellRange(rows: headerRow...(headerRow + rows), columns: 0...(columns - 1))
        }
        sheet.freezeAt = CellReference(row: headerRow + 1, column: 0)
        sheet.page.repeatRows = headerRow...headerRow
        sheet.page.header = "&C&\"Times New Roman\"&12&P"
        colourStatuses(&sheet, columns: statusColumns, rows: rows)
        // Header blocks, signature and print area over the printed columns; the stream's rows
        // carry their own heights.
        frame(&sheet, content, columns: 0...(printed - 1), budget: pageBudget(sheet))
    }
}

/// The cell styles of streamed tables, by index.
struct StreamPalette: Sendable {
    let styles: [CellStyle]
    let plain = 0, centered = 1, wrapped = 2, bold = 3, centeredWrapped = 4
    /// Number styles start here: decimals 0-3, then the same in italics (estimates).
    private let numbers = 5

    init() {
        var styles = [Styles.cell, Styles.centered, Styles.wrapped, Styles.bold, Styles.centeredWrapped]
        styles += (0...3).map { Styles.decimal($0) }
        styles += (0...3).map { Styles.estimate($0) }
        self.styles = styles
    }

    func number(_ value: Double?, decimals: Int? = nil, estimate: Bool = false) -> StreamCell {
        guard let value else { return .text("-", style: centered) }
        let d = min(3, decimals ?? VietnameseNumber.decimalsNeeded(value))
        return .number(value, style: numbers + d + (estimate ? 4 : 0))
    }

    /// The result of an evaluation in the target's unit; a share of the plan in words.
    func result(_ e: Evaluation) -> StreamCell {
        guard let a = e.actual else { return .text("", style: plain) }
        if a.basis == .pctOfPlan {
            // A share of the plan, short enough for a number column; estimates in italics as numbers are.
            return .text("\(VietnameseNumber.formatCompact(a.value, maxDecimals: 1))% KH", style: numbers + (a.status == .estimate ? 4 : 0))
        }
        return number(e.actualInTargetUnit ?? a.value, estimate: a.status == .estimate)
    }
}

/// How many lines a text wraps to in a column, measured once per distinct text.
struct LineHeights: Sendable {
    let measurer: any TextMeasuring
    let font: FontSpec

    func lines(for texts: some Sequence<String>, columnWidth: Double) -> [String: Int] {
        var known: [String: Int] = [:]
        let width = ExcelUnits.points(columnWidth: columnWidth) - ExcelUnits.cellPadding
        for text in texts where known[text] == nil {
            known[text] = TextWrapper.lineCount(text, font: font, width: width, measurer: measurer)
        }
        return known
    }

    /// The row height for `lines` lines, nil for one line (the default height).
    func height(lines: Int) -> Double? {
        lines <= 1 ? nil : Double(lines) * ExcelUnits.lineHeight(fontSize: font.size) + 3
    }
}

/// Where each evaluation's score line is among the units' summaries: two small numbers a row
/// rather than a copy of the line.
struct ScoreLinePositions: Sendable {
    private var summary: [Int32]
    private var line: [Int32]

    init(count: Int) {
        summary = Array(repeating: -1, count: count)
        line = Array(repeating: -1, count: count)
    }

    mutating func set(_ row: Int, summary s: Int, line l: Int) {
        summary[row] = Int32(s)
        line[row] = Int32(l)
    }

    func line(_ row: Int, in summaries: [UnitSummary]) -> ScoreLine? {
        summary[row] < 0 ? nil : summaries[Int(summary[row])].lines[Int(line[row])]
    }
}
