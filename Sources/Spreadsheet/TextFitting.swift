/// Measures how wide a text is when printed, in points.
public protocol TextMeasuring: Sendable {
    func width(of text: String, font: FontSpec) -> Double
}

/// Conversions between points and Excel's column-width unit.
///
/// A column width counts digits of the workbook's default font (Calibri 11, whose digit is 7 px
/// wide at 96 dpi) plus 5 px of padding: pixels = width × 7 + 5.
public enum ExcelUnits {
    public static func columnWidth(points: Double) -> Double {
        let pixels = points * 96 / 72
        return max(0, (pixels - 5) / 7)
    }

    public static func points(columnWidth: Double) -> Double {
        (columnWidth * 7 + 5) * 72 / 96
    }

    /// The pixels a column of `columnWidth` counts for when its stored width is read back:
    /// libxlsxwriter stores trunc(width × 7 + 5) ÷ 7, and readers count stored × 7 + 5 pixels.
    public static func storedPixels(columnWidth: Double) -> Double {
        (columnWidth * 7 + 5).rounded(.down) + 5
    }

    /// What a cell's text cannot use of its column, in points: the padding on both sides, and
    /// a margin for programs that measure a little wider than HarfBuzz.
    public static let cellPadding = 8.0

    /// The height of one line of text in a row, in points.
    public static func lineHeight(fontSize: Double) -> Double {
        (fontSize * 1.25).rounded(.up)
    }
}

extension Worksheet {
    /// Sets column widths from the measured text of every cell (merged cells excluded), between
    /// `minimum` and `maximum` characters; wrapped text that is longer wraps instead of widening.
    public mutating func fitColumns(using measurer: some TextMeasuring, minimum: Double = 4,
                                    maximum: Double = 60, padding: Double = 1.5) {
        var widest: [Int: Double] = [:]
        for cell in cellsInRowOrder {
            let text = cell.value.displayText(numberFormat: cell.style.numberFormat)
            guard !text.isEmpty else { continue }
            let longestLine = text.split(separator: "\n").map { measurer.width(of: String($0), font: cell.style.font) }.max() ?? 0
            var width = ExcelUnits.columnWidth(points: longestLine) + padding
            if cell.style.wrap { width = min(width, maximum) }
            widest[cell.reference.column] = max(widest[cell.reference.column] ?? 0, width)
        }
        // Text that does not wrap is never cut: its column may go beyond the maximum.
        for (column, width) in widest where columnWidths[column] == nil {
            columnWidths[column] = max(width, minimum)
        }
    }

    /// Sets the widths of `columns` so that together they take at most `budget` pixels (the
    /// printable width divided by the smallest scale a printer may apply), like a browser lays
    /// out a table: every column gets at least its longest word (wrapped cells) or its whole
    /// text (cells that do not wrap); what is left of the budget goes to the columns whose text
    /// would like more room, in proportion to what they lack. `preferred` widths (characters)
    /// cap what a wrapped column asks for. Merged cells are left out.
    ///
    /// Returns the width in pixels the columns take (more than `budget` only when their
    /// longest words alone do not fit).
    @discardableResult
    public mutating func fitColumns(using measurer: some TextMeasuring, columns: ClosedRange<Int>, budget: Double,
                                    preferred: [Int: Double] = [:], minimum: Double = 3, maximum: Double = 40,
                                    padding: Double = 1.2) -> Double {
        let mergedCells = Set(merges.flatMap { m in m.range.rows.flatMap { r in m.range.columns.map { CellReference(row: r, column: $0) } } })
        var least: [Int: Double] = [:]
        var wanted: [Int: Double] = [:]
        for cell in cellsInRowOrder where columns.contains(cell.reference.column) && !mergedCells.contains(cell.reference) {
            let text = cell.value.displayText(numberFormat: cell.style.numberFormat)
            guard !text.isEmpty else { continue }
            let lines = text.split(separator: "\n").map(String.init)
            let whole = ExcelUnits.columnWidth(points: lines.map { measurer.width(of: $0, font: cell.style.font) }.max() ?? 0) + padding
            let column = cell.reference.column
            if cell.style.wrap {
                let words = lines.flatMap { $0.split(separator: " ") }.map { measurer.width(of: String($0), font: cell.style.font) }
                let word = ExcelUnits.columnWidth(points: words.max() ?? 0) + padding
                least[column] = max(least[column] ?? 0, word)
                wanted[column] = max(wanted[column] ?? 0, min(whole, preferred[column] ?? maximum))
            } else {
                least[column] = max(least[column] ?? 0, whole)
                wanted[column] = max(wanted[column] ?? 0, whole)
            }
        }
        func pixels(_ width: Double) -> Double { ExcelUnits.storedPixels(columnWidth: width) }
        var low: [Int: Double] = [:]
        var high: [Int: Double] = [:]
        for c in columns {
            low[c] = max(least[c] ?? minimum, minimum)
            high[c] = max(wanted[c] ?? low[c]!, low[c]!)
        }
        let lowTotal = columns.reduce(0) { $0 + pixels(low[$1]!) }
        let highTotal = columns.reduce(0) { $0 + pixels(high[$1]!) }
        if highTotal <= budget {
            for c in columns { columnWidths[c] = high[c]! }
        } else if lowTotal >= budget {
            for c in columns { columnWidths[c] = low[c]! }
        } else {
            let share = (budget - lowTotal - Double(columns.count)) / (highTotal - lowTotal)
            for c in columns {
                let px = pixels(low[c]!) + (pixels(high[c]!) - pixels(low[c]!)) * share
                columnWidths[c] = max(low[c]!, ((px - 10) / 7 * 100).rounded(.down) / 100)
            }
        }
        return columns.reduce(0) { $0 + pixels(columnWidths[$1]!) }
    }

    /// Sets the height of every row that holds wrapped text (merged ranges included) so that all
    /// its lines show; spreadsheet programs do not grow merged rows by themselves.
    public mutating func fitRowHeights(using measurer: some TextMeasuring, defaultWidth: Double = 8.43) {
        var needed: [Int: Double] = [:]
        func columnPoints(_ columns: ClosedRange<Int>) -> Double {
            columns.reduce(0) { $0 + ExcelUnits.points(columnWidth: columnWidths[$1] ?? defaultWidth) }
        }
        func require(rows: ClosedRange<Int>, text: String, style: CellStyle, available: Double) {
            let width = available - ExcelUnits.cellPadding
            // No glyph of Times New Roman is wider than 1 em: a short text without line breaks
            // fits on one line without measuring.
            let surelyOneLine = Double(text.utf8.count) * style.font.size <= width && !text.utf8.contains(UInt8(ascii: "\n"))
            let lines = surelyOneLine ? 1 : TextWrapper.lineCount(text, font: style.font, width: width, measurer: measurer)
            let height = Double(lines) * ExcelUnits.lineHeight(fontSize: style.font.size) + 3
            let perRow = height / Double(rows.count)
            for row in rows { needed[row] = max(needed[row] ?? 0, perRow) }
        }
        let mergedCells = Set(merges.flatMap { m in m.range.rows.flatMap { r in m.range.columns.map { CellReference(row: r, column: $0) } } })
        for cell in cellsInRowOrder where cell.style.wrap && !mergedCells.contains(cell.reference) {
            let text = cell.value.displayText(numberFormat: cell.style.numberFormat)
            require(rows: cell.reference.row...cell.reference.row, text: text, style: cell.style,
                    available: columnPoints(cell.reference.column...cell.reference.column))
        }
        for merged in merges {
            let text = merged.value.displayText(numberFormat: merged.style.numberFormat)
            guard !text.isEmpty else { continue }
            require(rows: merged.range.rows, text: text, style: merged.style, available: columnPoints(merged.range.columns))
        }
        for (row, height) in needed {
            let single = ExcelUnits.lineHeight(fontSize: 12) + 3
            if height > single || rowHeights[row] != nil {
                rowHeights[row] = min(max(rowHeights[row] ?? 0, height), ExcelLimits.rowHeight)
            }
        }
    }
}

/// Greedy word wrapping, the way spreadsheet programs wrap cell text.
public enum TextWrapper {
    public static func lines(_ text: String, font: FontSpec, width: Double, measurer: some TextMeasuring) -> [String] {
        var result: [String] = []
        let space = measurer.width(of: " ", font: font)
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Words are measured one by one and added up with the spaces between them (kerning
            // across a space is nil in Times New Roman), so a line costs one measurement a word.
            var line = ""
            var lineWidth = 0.0
            for word in paragraph.split(separator: " ") {
                let wordWidth = measurer.width(of: String(word), font: font)
                if line.isEmpty, wordWidth <= width {
                    line = String(word)
                    lineWidth = wordWidth
                    continue
                }
                if !line.isEmpty, lineWidth + space + wordWidth <= width {
                    line += " " + word
                    lineWidth += space + wordWidth
                    continue
                }
                if !line.isEmpty { result.append(line) }
                line = ""
                lineWidth = 0
                if wordWidth <= width {
                    line = String(word)
                    lineWidth = wordWidth
                    continue
                }
                // A word wider than the column (a web address) breaks between characters.
                for character in word {
                    if !line.isEmpty, measurer.width(of: line + String(character), font: font) > width {
                        result.append(line)
                        line = ""
                    }
                    line.append(character)
                }
                lineWidth = measurer.width(of: line, font: font)
            }
            result.append(line)
        }
        return result
    }

    public static func lineCount(_ text: String, font: FontSpec, width: Double, measurer: some TextMeasuring) -> Int {
        max(1, lines(text, font: font, width: width, measurer: measurer).count)
    }
}
