/// A font as the workbook names it; measured with Liberation Serif when it is Times New Roman.
public struct FontSpec: Hashable, Sendable {
    public var name: String
    /// Size in points.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    /// RGB colour, e.g. 0xC00000; nil for automatic.
    public var color: UInt32?

    public init(name: String = "Times New Roman", size: Double = 12, bold: Bool = false, italic: Bool = false,
                underline: Bool = false, color: UInt32? = nil) {
        self.name = name
        self.size = size
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.color = color
    }
}

public enum HorizontalAlignment: Sendable, Hashable { case general, left, center, right }
public enum VerticalAlignment: Sendable, Hashable { case top, center, bottom }

/// Everything about how a cell looks. Two equal styles share one format in the file.
public struct CellStyle: Hashable, Sendable {
    public var font: FontSpec
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
    public var wrap: Bool
    /// Thin borders on all four sides.
    public var bordered: Bool
    /// An Excel number format ("#,##0.0", "0.00%"); nil for General.
    public var numberFormat: String?
    /// Background RGB colour.
    public var fill: UInt32?
    /// False for the input cells of a protected sheet.
    public var locked: Bool

    public init(font: FontSpec = FontSpec(), horizontal: HorizontalAlignment = .general,
                vertical: VerticalAlignment = .center, wrap: Bool = false, bordered: Bool = false,
                numberFormat: String? = nil, fill: UInt32? = nil, locked: Bool = true) {
        self.font = font
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.bordered = bordered
        self.numberFormat = numberFormat
        self.fill = fill
        self.locked = locked
    }

    /// Times New Roman 12, the body text of an official table.
    public static let body = CellStyle()
}
