/// A zero-based cell position, printed the spreadsheet way ("A1").
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Reads "B7" (also "$B$7"); nil when it is not a cell reference.
    public init?(_ a1: String) {
        var letters = 0
        var digits = 0
        for c in a1.utf8 where c != UInt8(ascii: "$") {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits = digits * 10 + Int(c - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                letters = letters * 26 + Int(c - UInt8(ascii: "A") + 1)
            default:
                return nil
            }
            // Beyond Excel's sheet (1,048,576 rows, 16,384 columns) it is no cell; checked at
            // every digit, so that the arithmetic never overflows.
            if digits > CellReference.maximumRows || letters > CellReference.maximumColumns { return nil }
        }
        guard letters > 0, digits > 0 else { return nil }
        self.init(row: digits - 1, column: letters - 1)
    }

    /// Excel's limits of a sheet.
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384

    /// "A", "Z", "AA" for columns 0, 25, 26.
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    public var description: String { CellReference.columnName(column) + String(row + 1) }

    public static func < (a: CellReference, b: CellReference) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

/// A rectangle of cells, inclusive ("A1:D1").
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(_ first: CellReference, _ last: CellReference) {
        self.first = first
        self.last = last
    }

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(CellReference(row: rows.lowerBound, column: columns.lowerBound),
                  CellReference(row: rows.upperBound, column: columns.upperBound))
    }

    public var rows: ClosedRange<Int> { first.row...last.row }
    public var columns: ClosedRange<Int> { first.column...last.column }

    public func contains(_ cell: CellReference) -> Bool {
        rows.contains(cell.row) && columns.contains(cell.column)
    }

    public var description: String { "\(first):\(last)" }
}
