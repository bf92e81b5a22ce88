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

    /// Sets the height of every row that holds wrapped text (merged ranges included) so that all
    /// its lines show; spreadsheet programs do not grow merged rows by themselves.
    public mutating func fitRowHeights(using measurer: some TextMeasuring, defaultWidth: Double = 8.43) {
        var needed: [Int: Double] = [:]
        func columnPoints(_ columns: ClosedRange<Int>) -> Double {
            columns.reduce(0) { $0 + ExcelUnits.points(columnWidth: columnWidths[$1] ?? defaultWidth) }
        }
        func require(rows: ClosedRange<Int>, text: String, style: CellStyle, available: Double) {
            let lines = TextWrapper.lineCount(text, font: style.font, width: available - 4, measurer: measurer)
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
