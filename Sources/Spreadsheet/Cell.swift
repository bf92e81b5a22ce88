/// What a cell holds. Numbers stay numbers; text is never read as a formula.
public enum CellValue: Hashable, Sendable {
    case text(String)
    case number(Double)
    /// A hyperlink; `target` is a URL or "internal:'Sheet'!A1".
    case link(target: String, label: String)
    case empty

    /// The text a person sees, for measuring (numbers formatted by `numberFormat`).
    public func displayText(numberFormat: String?) -> String {
        switch self {
        case .text(let s): s
        case .link(_, let label): label
        case .empty: ""
        case .number(let n): NumberFormatPreview.render(n, format: numberFormat)
        }
    }
}

/// One written cell.
public struct Cell: Sendable, Hashable {
    public var reference: CellReference
    public var value: CellValue
    public var style: CellStyle

    public init(_ reference: CellReference, _ value: CellValue, style: CellStyle = .body) {
        self.reference = reference
        self.value = value
        self.style = style
    }
}

/// A merged range with its content (written into the first cell).
public struct MergedCell: Sendable, Hashable {
    public var range: CellRange
    public var value: CellValue
    public var style: CellStyle

    public init(_ range: CellRange, _ value: CellValue, style: CellStyle = .body) {
        self.range = range
        self.value = value
        self.style = style
    }
}

/// Renders a number roughly as a spreadsheet shows it, good enough to measure its width.
enum NumberFormatPreview {
    static func render(_ n: Double, format: String?) -> String {
        guard let format, format != "General" else {
            return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        }
        let percent = format.contains("%")
        let value = percent ? n * 100 : n
        let decimals: Int = {
            guard let dot = format.firstIndex(of: ".") else { return 0 }
            return format[format.index(after: dot)...].prefix { $0 == "0" || $0 == "#" }.count
        }()
        let grouped = format.contains(",")
        var text = String(format: "%.\(decimals)f", abs(value))
        if grouped {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            var integer = String(parts[0])
            var out = ""
            while integer.count > 3 {
                out = "," + integer.suffix(3) + out
                integer = String(integer.dropLast(3))
            }
            text = integer + out + (parts.count > 1 ? "." + parts[1] : "")
        }
        return (value < 0 ? "-" : "") + text + (percent ? "%" : "")
    }
}

/// What Excel can hold, so that nothing is dropped without a word.
public enum ExcelLimits {
    /// Characters in one cell; libxlsxwriter refuses longer text.
    public static let cellCharacters = 32_767
    /// The tallest row, in points.
    public static let rowHeight = 409.0

    /// The text itself when it fits in a cell, otherwise its beginning and a note saying so.
    public static func clip(_ text: String) -> String {
        // A UTF-16 count never exceeds the UTF-8 count, which a native string knows at once.
        guard text.utf8.count > cellCharacters, text.utf16.count > cellCharacters else { return text }
        let note = " … [đã rút gọn: ô Excel chứa tối đa 32.767 ký tự; xem bản đầy đủ trong tệp CSV]"
        var kept = ""
        var used = 0
        for character in text {
            let size = character.utf16.count
            if used + size > cellCharacters - note.utf16.count { break }
            kept.append(character)
            used += size
        }
        return kept + note
    }
}
