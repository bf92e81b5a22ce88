import CXlsxWriter
import Foundation
import Spreadsheet

/// Writes a `Workbook` to an .xlsx file with libxlsxwriter.
///
/// All C calls happen inside `write`, on the calling thread. The file is written under a
/// temporary name beside the destination and moved into place only when complete, so a
/// failed run never leaves a half-written workbook or replaces a good one.
public enum XlsxFileWriter {
    /// Streamed sheets are always written in constant-memory mode (libxlsxwriter then keeps one
    /// row per sheet in memory and writes text inline).
    public static func write(_ workbook: Workbook, to url: URL, constantMemory: Bool = false) throws(XlsxWriterError) {
        let constantMemory = constantMemory || workbook.sheets.contains { $0.stream != nil }
        try writeWhole(to: url, constantMemory: constantMemory) { handle throws(XlsxWriterError) in
            try populate(handle, from: workbook)
        }
    }

    /// Runs `fill` on a new workbook written under a temporary name beside `url`, then renames
    /// it into place; on any failure the partial file is removed and `url` is left as it was.
    static func writeWhole(to url: URL, constantMemory: Bool,
                           _ fill: (borrowing WorkbookHandle) throws(XlsxWriterError) -> Void) throws(XlsxWriterError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        do throws(XlsxWriterError) {
            let handle = try WorkbookHandle(path: temporary.path, constantMemory: constantMemory, temporaryDirectory: nil)
            try fill(handle)
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        // rename(2) replaces an existing file in one step, so readers see the old or the new file.
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .fileSystem(operation: "ghi", path: url.path, reason: reason)
        }
    }

    private static func populate(_ handle: borrowing WorkbookHandle, from workbook: Workbook) throws(XlsxWriterError) {
        try setProperties(handle, workbook.properties)
        var formats = FormatRegistry(workbook: handle.pointer)
        var sheets = SheetNames()
        let log = CellLog.fromEnvironment()
        for sheet in workbook.sheets {
            let worksheet = try sheets.add(sheet.name, to: handle)
            log?.sheet(sheet.name.value)
            try SheetWriter(worksheet: worksheet, sheet: sheet, workbook: handle.pointer, log: log).write(formats: &formats)
        }
    }

    static func setProperties(_ handle: borrowing WorkbookHandle, _ p: DocumentProperties) throws(XlsxWriterError) {
        // workbook_set_properties copies every string, so the C strings only need to live for the call.
        let strings = [p.title, p.subject, p.author, p.keywords, p.comments].map { $0.map { strdup($0) } ?? nil }
        defer { strings.forEach { free($0) } }
        var props = lxw_doc_properties()
        props.title = strings[0]
        props.subject = strings[1]
        props.author = strings[2]
        props.keywords = strings[3]
        props.comments = strings[4]
        props.created = time_t(p.created ?? 0)
        try XlsxWriterError.check(workbook_set_properties(handle.pointer, &props), "workbook_set_properties")
    }
}

/// Adds worksheets, checking names once more: libxlsxwriter folds only ASCII case, and a
/// `Workbook` or a list of streamed sheets may not have gone through `Workbook.append`.
struct SheetNames {
    private var seen: [String: String] = [:]

    mutating func add(_ name: SheetName, to handle: borrowing WorkbookHandle) throws(XlsxWriterError) -> UnsafeMutablePointer<lxw_worksheet> {
        if let clash = seen[name.folded] {
            throw .sheetName(.init(message: SheetNameError.duplicate(name: name.value, existing: clash).description))
        }
        seen[name.folded] = name.value
        let worksheet: UnsafeMutablePointer<lxw_worksheet>? = name.value.withCString { workbook_add_worksheet(handle.pointer, $0) }
        guard let worksheet else {
            throw .library(operation: "workbook_add_worksheet", sheet: name.value, cell: nil,
                           code: LXW_ERROR_PARAMETER_VALIDATION.rawValue, message: "libxlsxwriter từ chối tên trang tính")
        }
        return worksheet
    }
}

/// Column widths in Excel's character units, column by column.
func setColumnWidths(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, _ widths: [Int: Double], sheet: String) throws(XlsxWriterError) {
    for (column, width) in widths.sorted(by: { $0.key < $1.key }) {
        let col = lxw_col_t(column)
        try XlsxWriterError.check(worksheet_set_column(worksheet, col, col, width, nil),
                                  "worksheet_set_column", sheet: sheet, cell: CellReference.columnName(column))
    }
}

/// Formats created once per distinct `CellStyle`; libxlsxwriter owns and frees them with the workbook.
struct FormatRegistry {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

    init(workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
    }

    mutating func format(for style: CellStyle) throws(XlsxWriterError) -> UnsafeMutablePointer<lxw_format> {
        if let existing = formats[style] { return existing }
        guard let f = workbook_add_format(workbook) else {
            throw .library(operation: "workbook_add_format", sheet: nil, cell: nil,
                           code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue, message: "hết bộ nhớ")
        }
        // The format_set_* functions copy the strings they are given.
        format_set_font_name(f, style.font.name)
        format_set_font_size(f, style.font.size)
        if style.font.bold { format_set_bold(f) }
        if style.font.italic { format_set_italic(f) }
        if style.font.underline { format_set_underline(f, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let color = style.font.color { format_set_font_color(f, color) }
        switch style.horizontal {
        case .general: break
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch style.vertical {
        case .top: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        }
        if style.wrap { format_set_text_wrap(f) }
        if style.bordered { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let numberFormat = style.numberFormat { format_set_num_format(f, numberFormat) }
        if let fill = style.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fill)
        }
        if !style.locked { format_set_unlocked(f) }
        formats[style] = f
        return f
    }
}

/// Writes one sheet, row by row so that constant-memory mode keeps every cell.
struct SheetWriter {
    let worksheet: UnsafeMutablePointer<lxw_worksheet>
    let sheet: Worksheet
    let workbook: UnsafeMutablePointer<lxw_workbook>
    var log: CellLog? = nil
    /// The heights of streamed rows as written, kept when a block must be kept on one page.
    let streamHeights = StreamHeights()

    private var name: String { sheet.name.value }

    func write(formats: inout FormatRegistry) throws(XlsxWriterError) {
        try setColumnWidths(worksheet, sheet.columnWidths, sheet: name)
        try writePageSetup()

        // Everything that is not a cell goes first: in constant-memory mode libxlsxwriter checks
        // ranges against the rows not yet written, and refuses ranges over rows already flushed.
        if let freeze = sheet.freezeAt {
            worksheet_freeze_panes(worksheet, lxw_row_t(freeze.row), lxw_col_t(freeze.column))
        }
        for validation in sheet.validations { try writeValidation(validation) }
        for conditional in sheet.conditionalFormats { try writeConditional(conditional, formats: &formats) }
        for chart in sheet.charts { try writeChart(chart) }
        if sheet.isProtected {
            // No password: the lock guards against slips, not against a determined person.
            var options = lxw_protection()
            options.format_columns = 1
            options.format_rows = 1
            worksheet_protect(worksheet, nil, &options)
        }
        if let filter = sheet.autofilter {
            try XlsxWriterError.check(
                worksheet_autofilter(worksheet, lxw_row_t(filter.first.row), lxw_col_t(filter.first.column),
                                     lxw_row_t(filter.last.row), lxw_col_t(filter.last.column)),
                "worksheet_autofilter", sheet: name, cell: filter.description)
        }
        let mergesByRow = Dictionary(grouping: sheet.merges, by: \.range.first.row)
        let cellsByRow = Dictionary(grouping: sheet.cellsInRowOrder, by: \.reference.row)
        let rows = Set(mergesByRow.keys).union(cellsByRow.keys).union(sheet.rowHeights.keys).sorted()
        // Rows are written in order (constant-memory mode drops a row once a later one is begun):
        // the cells above the stream, the stream, then the cells below it.
        let streamStart = sheet.stream?.firstRow ?? Int.max
        var streamWritten = false
        for row in rows {
            if row >= streamStart, !streamWritten {
                try writeStream(sheet.stream!, formats: &formats)
                streamWritten = true
            }
            if let height = sheet.rowHeights[row] {
                try XlsxWriterError.check(worksheet_set_row(worksheet, lxw_row_t(row), min(height, ExcelLimits.rowHeight), nil),
                                          "worksheet_set_row", sheet: name, cell: "hàng \(row + 1)")
            }
            for merged in mergesByRow[row] ?? [] {
                try writeMerge(merged, formats: &formats)
            }
            for cell in cellsByRow[row] ?? [] {
                try writeCell(cell.reference, cell.value, style: cell.style, format: formats.format(for: cell.style))
            }
        }
        if let stream = sheet.stream, !streamWritten { try writeStream(stream, formats: &formats) }
        try writePageBreaks()
    }

    /// The page breaks set, and one before a block that must stay on one page when the rows as
    /// written (their heights now all known, streamed ones too) would print it across two.
    private func writePageBreaks() throws(XlsxWriterError) {
        var breaks = sheet.page.rowBreaks
        if sheet.page.keepTogether != nil {
            let first = sheet.page.printArea?.first.row ?? 0
            let columns = sheet.page.printArea.map { $0.first.column...$0.last.column } ?? 0...max(0, (sheet.columnWidths.keys.max() ?? 0))
            let width = columns.reduce(0) { $0 + ExcelUnits.storedPixels(columnWidth: sheet.columnWidths[$1] ?? 8.43) }
            let scale = sheet.page.fitToWidth ? min(1, sheet.page.printableWidthPixels / max(width, 1)) : 1
            if let row = sheet.page.breakKeepingTogether(firstRow: first, scale: scale, heights: rowHeight) { breaks.append(row) }
        }
        guard !breaks.isEmpty else { return }
        // worksheet_set_h_pagebreaks reads a zero-terminated array and copies it; row 0 cannot break.
        var list = Set(breaks).filter { $0 > 0 }.sorted().map { lxw_row_t($0) } + [0]
        try XlsxWriterError.check(list.withUnsafeMutableBufferPointer { worksheet_set_h_pagebreaks(worksheet, $0.baseAddress) },
                                  "worksheet_set_h_pagebreaks", sheet: name, cell: nil)
    }

    /// A row's height as written; rows without one take the height of a line of 12 pt text.
    private func rowHeight(_ row: Int) -> Double {
        if let height = sheet.rowHeights[row] ?? streamHeights[row] { return min(height, ExcelLimits.rowHeight) }
        return ExcelUnits.lineHeight(fontSize: 12) + 3
    }

    private func writeStream(_ stream: RowStream, formats: inout FormatRegistry) throws(XlsxWriterError) {
        var palette: [UnsafeMutablePointer<lxw_format>] = []
        for style in stream.styles { palette.append(try formats.format(for: style)) }
        // Long streams are made a chunk ahead on the second core.
        if stream.count >= 2 * RowPrefetch.chunk {
            try RowPrefetch(stream).forEach { (i, row) throws(XlsxWriterError) in try writeStreamRow(i, row.cells, row.height, stream: stream, palette: palette) }
        } else {
            for i in 0..<stream.count {
                let (cells, height) = stream.row(i)
                try writeStreamRow(i, cells, height, stream: stream, palette: palette)
            }
        }
    }

    private func writeStreamRow(_ i: Int, _ cells: [StreamCell], _ height: Double?, stream: RowStream,
                                palette: [UnsafeMutablePointer<lxw_format>]) throws(XlsxWriterError) {
        let r = stream.firstRow + i
        if sheet.page.keepTogether != nil { streamHeights.record(row: r, height) }
        if let height {
            try XlsxWriterError.check(worksheet_set_row(worksheet, lxw_row_t(r), min(height, ExcelLimits.rowHeight), nil), "worksheet_set_row", sheet: name, cell: "hàng \(r + 1)")
        }
        for (c, cell) in cells.enumerated() {
            if let log {
                switch cell {
                case .text(let s, let style) where !s.isEmpty: log.text(row: r, column: c, style: stream.styles[style], s)
                case .number(let n, let style): log.number(row: r, column: c, style: stream.styles[style], n)
                default: break
                }
            }
            let result: lxw_error
            switch cell {
            case .text(let s, let style):
                result = s.isEmpty ? worksheet_write_blank(worksheet, lxw_row_t(r), lxw_col_t(c), palette[style])
                                   : worksheet_write_string(worksheet, lxw_row_t(r), lxw_col_t(c), ExcelLimits.clip(s), palette[style])
            case .number(let n, let style):
                result = n.isFinite ? worksheet_write_number(worksheet, lxw_row_t(r), lxw_col_t(c), n, palette[style])
                                    : worksheet_write_blank(worksheet, lxw_row_t(r), lxw_col_t(c), palette[style])
            case .empty:
                continue
            }
            if result != LXW_NO_ERROR {
                try XlsxWriterError.check(result, "ghi ô", sheet: name, cell: CellReference(row: r, column: c).description)
            }
        }
    }

    private func writeConditional(_ c: ConditionalFormat, formats: inout FormatRegistry) throws(XlsxWriterError) {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        rule.format = try formats.format(for: c.style)
        // A text criterion is a formula string: the word in double quotes. The call copies it.
        let quoted = strdup("\"" + c.equals.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        defer { free(quoted) }
        rule.value_string = quoted
        let r = c.range
        try XlsxWriterError.check(
            worksheet_conditional_format_range(worksheet, lxw_row_t(r.first.row), lxw_col_t(r.first.column),
                                               lxw_row_t(r.last.row), lxw_col_t(r.last.column), &rule),
            "worksheet_conditional_format_range", sheet: name, cell: r.description)
    }

    private func writeChart(_ c: Chart) throws(XlsxWriterError) {
        let type = c.kind == .column ? LXW_CHART_COLUMN : c.kind == .line ? LXW_CHART_LINE : LXW_CHART_BAR
        guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else {
            throw .library(operation: "workbook_add_chart", sheet: name, cell: c.anchor.description,
                           code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue, message: "không tạo được biểu đồ")
        }
        // The chart functions copy their strings; the font name and sizes are set on every text.
        var font = lxw_chart_font()
        let fontName = strdup("Times New Roman")
        defer { free(fontName) }
        font.name = fontName
        font.size = 11
        chart_title_set_name(chart, c.title)
        var titleFont = font
        titleFont.size = 12
        titleFont.bold = 1
        chart_title_set_name_font(chart, &titleFont)
        // A line is a unit's: its name is shown even when it is alone.
        chart_legend_set_position(chart, UInt8(c.series.count > 1 || c.kind == .line ? LXW_CHART_LEGEND_BOTTOM.rawValue : LXW_CHART_LEGEND_NONE.rawValue))
        chart_axis_set_num_font(chart.pointee.x_axis, &font)
        chart_axis_set_num_font(chart.pointee.y_axis, &font)
        // Horizontal bars list their categories top down, in the order of the table beside them.
        if c.kind == .bar { chart_axis_set_reverse(chart.pointee.y_axis) }
        // Bars start from zero on the value axis (y for columns, x for horizontal bars); a line
        // shows its range as it is.
        if c.kind != .line { chart_axis_set_min(c.kind == .column ? chart.pointee.y_axis : chart.pointee.x_axis, 0) }
        if let axis = c.valueAxisTitle {
            chart_axis_set_name(chart.pointee.y_axis, axis)
            chart_axis_set_name_font(chart.pointee.y_axis, &font)
        }
        for s in c.series {
            guard let series = chart_add_series(chart, nil, nil) else {
                throw .library(operation: "chart_add_series", sheet: name, cell: s.values.description,
                               code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue, message: "không thêm được dãy số liệu")
            }
            let k = c.categories
            chart_series_set_categories(series, name, lxw_row_t(k.first.row), lxw_col_t(k.first.column), lxw_row_t(k.last.row), lxw_col_t(k.last.column))
            let v = s.values
            chart_series_set_values(series, name, lxw_row_t(v.first.row), lxw_col_t(v.first.column), lxw_row_t(v.last.row), lxw_col_t(v.last.column))
            chart_series_set_name(series, s.name)
        }
        var options = lxw_chart_options()
        options.x_scale = c.scale.x
        options.y_scale = c.scale.y
        options.x_offset = 4
        options.y_offset = 4
        try XlsxWriterError.check(worksheet_insert_chart_opt(worksheet, lxw_row_t(c.anchor.row), lxw_col_t(c.anchor.column), chart, &options),
                                  "worksheet_insert_chart_opt", sheet: name, cell: c.anchor.description)
    }

    private func writeValidation(_ v: DataValidation) throws(XlsxWriterError) {
        // worksheet_data_validation_range copies the strings and the list it is given.
        var owned: [UnsafeMutablePointer<CChar>?] = []
        defer { owned.forEach { free($0) } }
        func c(_ s: String?) -> UnsafeMutablePointer<CChar>? {
            guard let s else { return nil }
            let p = strdup(s)
            owned.append(p)
            return p
        }
        var validation = lxw_data_validation()
        var list: [UnsafeMutablePointer<CChar>?] = []
        switch v.rule {
        case .decimal(let minimum):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            if let minimum {
                validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
                validation.value_number = minimum
            } else {
                validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                validation.minimum_number = -1e15
                validation.maximum_number = 1e15
            }
        case .list(let words):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            list = words.map { c($0) } + [nil]
        case .between(let low, let high):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            validation.minimum_number = low
            validation.maximum_number = high
        }
        validation.input_title = c(v.inputTitle)
        validation.input_message = c(v.inputMessage)
        validation.error_title = c(v.errorTitle)
        validation.error_message = c(v.errorMessage)
        validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        let r = v.range
        let result: lxw_error = list.withUnsafeMutableBufferPointer { buffer in
            if !buffer.isEmpty { validation.value_list = buffer.baseAddress }
            return worksheet_data_validation_range(worksheet, lxw_row_t(r.first.row), lxw_col_t(r.first.column),
                                                   lxw_row_t(r.last.row), lxw_col_t(r.last.column), &validation)
        }
        try XlsxWriterError.check(result, "worksheet_data_validation_range", sheet: name, cell: r.description)
    }

    private func writeMerge(_ merged: MergedCell, formats: inout FormatRegistry) throws(XlsxWriterError) {
        let r = merged.range
        let format = try formats.format(for: merged.style)
        // libxlsxwriter refuses to merge a single cell: it is written as a cell.
        if r.first == r.last { return try writeCell(r.first, merged.value, style: merged.style, format: format) }
        let text: String = if case .text(let s) = merged.value { ExcelLimits.clip(s) } else { "" }
        log?.text(row: r.first.row, column: r.first.column, style: merged.style, text)
        try XlsxWriterError.check(
            worksheet_merge_range(worksheet, lxw_row_t(r.first.row), lxw_col_t(r.first.column),
                                  lxw_row_t(r.last.row), lxw_col_t(r.last.column), text, format),
            "worksheet_merge_range", sheet: name, cell: r.description)
        // Only text goes through merge_range; other values overwrite its first cell.
        if case .text = merged.value { return }
        try writeCell(r.first, merged.value, style: merged.style, format: format)
    }

    private func writeCell(_ ref: CellReference, _ value: CellValue, style: CellStyle, format: UnsafeMutablePointer<lxw_format>) throws(XlsxWriterError) {
        if let log {
            switch value {
            case .number(let n): log.number(row: ref.row, column: ref.column, style: style, n)
            case .text(let s), .link(_, let s): log.text(row: ref.row, column: ref.column, style: style, s)
            case .empty: break
            }
        }
        let row = lxw_row_t(ref.row)
        let col = lxw_col_t(ref.column)
        let result: lxw_error
        switch value {
        case .number(let n):
            // NaN and infinities would make a file Excel refuses to open.
            result = n.isFinite ? worksheet_write_number(worksheet, row, col, n, format)
                                : worksheet_write_blank(worksheet, row, col, format)
        case .text(let s):
            // write_string stores text as text: "=SUM(A1)" from a document never becomes a formula.
            result = worksheet_write_string(worksheet, row, col, ExcelLimits.clip(s), format)
        case .link(let target, let label):
            result = worksheet_write_url_opt(worksheet, row, col, target, format, label, nil)
        case .empty:
            result = worksheet_write_blank(worksheet, row, col, format)
        }
        try XlsxWriterError.check(result, "ghi ô", sheet: name, cell: ref.description)
    }

    private func writePageSetup() throws(XlsxWriterError) {
        let page = sheet.page
        worksheet_set_paper(worksheet, 9) // 9 = A4 in Excel's paper codes
        if page.landscape { worksheet_set_landscape(worksheet) } else { worksheet_set_portrait(worksheet) }
        if page.fitToWidth { worksheet_fit_to_pages(worksheet, 1, 0) }
        let inch = 25.4
        worksheet_set_margins(worksheet, page.marginLeftMM / inch, page.marginRightMM / inch,
                              page.marginTopMM / inch, page.marginBottomMM / inch)
        if let rows = page.repeatRows {
            try XlsxWriterError.check(worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                                      "worksheet_repeat_rows", sheet: name, cell: nil)
        }
        if let header = page.header {
            try XlsxWriterError.check(worksheet_set_header(worksheet, header), "worksheet_set_header", sheet: name, cell: nil)
        }
        if let area = page.printArea {
            try XlsxWriterError.check(
                worksheet_print_area(worksheet, lxw_row_t(area.first.row), lxw_col_t(area.first.column),
                                     lxw_row_t(area.last.row), lxw_col_t(area.last.column)),
                "worksheet_print_area", sheet: name, cell: area.description)
        }
    }
}

/// The heights of a stream's rows, in order, as they are written (NaN: the default height).
final class StreamHeights {
    private var firstRow = 0
    private var heights: [Double] = []

    func record(row: Int, _ height: Double?) {
        if heights.isEmpty { firstRow = row }
        guard row == firstRow + heights.count else { return }
        heights.append(height ?? .nan)
    }

    subscript(row: Int) -> Double? {
        let i = row - firstRow
        guard heights.indices.contains(i), !heights[i].isNaN else { return nil }
        return heights[i]
    }
}
