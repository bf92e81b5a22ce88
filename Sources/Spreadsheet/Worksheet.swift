/// Page setup for printing (Decree 30/2020: A4, margins in millimetres).
public struct PageSetup: Hashable, Sendable {
    public var landscape: Bool
    /// Fit all columns on one page wide (any number of pages tall).
    public var fitToWidth: Bool
    /// Rows repeated at the top of every printed page.
    public var repeatRows: ClosedRange<Int>?
    public var marginTopMM: Double
    public var marginBottomMM: Double
    public var marginLeftMM: Double
    public var marginRightMM: Double
    /// Page header in Excel's codes ("&C&P" = page number in the centre).
    public var header: String?
    /// The cells that print; nil prints everything used.
    public var printArea: CellRange?
    /// Rows that start a new printed page.
    public var rowBreaks: [Int] = []
    /// Rows that must print on one page (a signature block); the writer breaks before them when
    /// they would fall across two.
    public var keepTogether: ClosedRange<Int>?

    /// A4 is 297 × 210 mm.
    public var paperWidthMM: Double { landscape ? 297 : 210 }
    public var paperHeightMM: Double { landscape ? 210 : 297 }

    /// The printable height in points, between the top and bottom margins.
    public var printableHeightPoints: Double { (paperHeightMM - marginTopMM - marginBottomMM) / 25.4 * 72 }

    /// The printable width in pixels at 96 dpi, between the left and right margins.
    public var printableWidthPixels: Double { (paperWidthMM - marginLeftMM - marginRightMM) / 25.4 * 96 }

    public init(landscape: Bool = true, fitToWidth: Bool = true, repeatRows: ClosedRange<Int>? = nil,
                marginTopMM: Double = 20, marginBottomMM: Double = 20, marginLeftMM: Double = 30,
                marginRightMM: Double = 15, header: String? = nil) {
        self.landscape = landscape
        self.fitToWidth = fitToWidth
        self.repeatRows = repeatRows
        self.marginTopMM = marginTopMM
        self.marginBottomMM = marginBottomMM
        self.marginLeftMM = marginLeftMM
        self.marginRightMM = marginRightMM
        self.header = header
    }
}

/// One sheet: cells, merged ranges, column widths, row heights and print settings.
public struct Worksheet: Sendable {
    public var name: SheetName
    public private(set) var cells: [Cell] = []
    public private(set) var merges: [MergedCell] = []
    /// Column widths in Excel's character units.
    public var columnWidths: [Int: Double] = [:]
    /// Row heights in points.
    public var rowHeights: [Int: Double] = [:]
    /// The first cell that scrolls: rows above and columns left of it stay in view.
    public var freezeAt: CellReference?
    public var autofilter: CellRange?
    public var page = PageSetup()
    public var validations: [DataValidation] = []
    public var conditionalFormats: [ConditionalFormat] = []
    public var charts: [Chart] = []
    /// Locked cells cannot be changed; cells styled `locked: false` stay open for input.
    public var isProtected = false
    /// Rows made while writing, between the cells above and below them.
    public var stream: RowStream?

    public init(name: SheetName) {
        self.name = name
    }

    /// Writes a value; a later write to the same cell replaces the earlier one.
    public mutating func set(_ row: Int, _ column: Int, _ value: CellValue, style: CellStyle = .body) {
        cells.append(Cell(CellReference(row: row, column: column), value, style: style))
    }

    /// Merges a range and writes a value into it.
    public mutating func merge(_ range: CellRange, _ value: CellValue, style: CellStyle = .body) {
        merges.append(MergedCell(range, value, style: style))
    }

    /// The last row that holds anything, or -1 for an empty sheet.
    public var lastRow: Int {
        max(cells.map(\.reference.row).max() ?? -1, merges.map(\.range.last.row).max() ?? -1, (stream?.rows.upperBound ?? 0) - 1)
    }

    /// Cells in writing order (row by row), the last write to a cell winning.
    public var cellsInRowOrder: [Cell] {
        // Most sheets are written row by row, each cell once: nothing to sort.
        if zip(cells, cells.dropFirst()).allSatisfy({ $0.reference < $1.reference }) { return cells }
        var latest: [CellReference: Cell] = [:]
        for cell in cells { latest[cell.reference] = cell }
        return latest.values.sorted { $0.reference < $1.reference }
    }
}

/// Title, author and the rest of the file's document properties.
public struct DocumentProperties: Hashable, Sendable {
    public var title: String?
    public var subject: String?
    public var author: String?
    public var keywords: String?
    public var comments: String?
    /// Seconds since 1970; a fixed value makes the same input give the same file.
    public var created: Int?

    public init(title: String? = nil, subject: String? = nil, author: String? = nil, keywords: String? = nil,
                comments: String? = nil, created: Int? = nil) {
        self.title = title
        self.subject = subject
        self.author = author
        self.keywords = keywords
        self.comments = comments
        self.created = created
    }
}

/// A whole workbook as plain values, ready for a writer.
public struct Workbook: Sendable {
    public private(set) var sheets: [Worksheet] = []
    public var properties = DocumentProperties()

    public init() {}

    /// Adds a sheet; names must be unique regardless of case.
    public mutating func append(_ sheet: Worksheet) throws(SheetNameError) {
        if let clash = sheets.first(where: { $0.name.folded == sheet.name.folded }) {
            throw .duplicate(name: sheet.name.value, existing: clash.name.value)
        }
        sheets.append(sheet)
    }
}

/// A rule on what may be typed in a range, with the help text shown to the person typing.
public struct DataValidation: Sendable, Hashable {
    public enum Rule: Sendable, Hashable {
        /// A number, optionally at least `minimum`.
        case decimal(minimum: Double?)
        /// One of the listed words, from a drop-down.
        case list([String])
        /// A number from `minimum` to `maximum`, both included.
        case between(Double, Double)
    }

    public var range: CellRange
    public var rule: Rule
    public var inputTitle: String?
    public var inputMessage: String?
    public var errorTitle: String?
    public var errorMessage: String?

    public init(range: CellRange, rule: Rule, inputTitle: String? = nil, inputMessage: String? = nil,
                errorTitle: String? = nil, errorMessage: String? = nil) {
        self.range = range
        self.rule = rule
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }
}

/// A style applied by the spreadsheet program when a cell's text equals a word ("Vượt", "Đạt").
public struct ConditionalFormat: Sendable, Hashable {
    public var range: CellRange
    public var equals: String
    public var style: CellStyle

    public init(range: CellRange, equals: String, style: CellStyle) {
        self.range = range
        self.equals = equals
        self.style = style
    }
}

/// A chart drawn from ranges of its own sheet.
public struct Chart: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case column, bar, line }

    public struct Series: Sendable, Hashable {
        public var name: String
        public var values: CellRange

        public init(name: String, values: CellRange) {
            self.name = name
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String
    public var categories: CellRange
    public var series: [Series]
    public var valueAxisTitle: String?
    /// The top-left cell the chart is drawn over.
    public var anchor: CellReference
    /// Size as a multiple of the default 480 × 288 pixels.
    public var scale: (x: Double, y: Double)

    public init(kind: Kind = .column, title: String, categories: CellRange, series: [Series], valueAxisTitle: String? = nil,
                anchor: CellReference, scale: (x: Double, y: Double) = (1, 1)) {
        self.kind = kind
        self.title = title
        self.categories = categories
        self.series = series
        self.valueAxisTitle = valueAxisTitle
        self.anchor = anchor
        self.scale = scale
    }

    public static func == (a: Chart, b: Chart) -> Bool {
        a.kind == b.kind && a.title == b.title && a.categories == b.categories && a.series == b.series
            && a.valueAxisTitle == b.valueAxisTitle && a.anchor == b.anchor && a.scale == b.scale
    }

    public func hash(into h: inout Hasher) {
        h.combine(title)
        h.combine(anchor)
    }
}

extension PageSetup {
    /// The row to break before so that `keepTogether` prints on one page, or nil when it does
    /// already (or is taller than a page). Pages are laid out as spreadsheet programs do: rows
    /// fill the printable height at the fit-to-width `scale`, repeated rows take their room at
    /// the top of every page after the first, and the breaks already set start new pages.
    /// `heights` gives each row's height in points, from `firstRow` on.
    public func breakKeepingTogether(firstRow: Int, scale: Double, heights: (Int) -> Double) -> Int? {
        guard let block = keepTogether, block.lowerBound > firstRow, scale > 0 else { return nil }
        let capacity = printableHeightPoints / scale
        guard block.reduce(0, { $0 + heights($1) }) <= capacity else { return nil }
        let repeated = repeatRows.map { rows in rows.reduce(0) { $0 + heights($1) } } ?? 0
        let breaks = Set(rowBreaks)
        var used = 0.0
        var page = 0
        var pageOfFirst = 0
        for row in firstRow...block.upperBound {
            let height = heights(row)
            if row > firstRow, breaks.contains(row) || used + height > capacity {
                page += 1
                used = (repeatRows.map { row > $0.upperBound } ?? false) ? repeated : 0
            }
            used += height
            if row == block.lowerBound { pageOfFirst = page }
        }
        return page == pageOfFirst ? nil : block.lowerBound
    }
}
