/// One cell of a streamed row; `style` indexes the stream's style palette.
public enum StreamCell: Sendable {
    case text(String, style: Int)
    case number(Double, style: Int)
    case empty
}

/// Rows made on demand while a sheet is written, for tables of national size (hundreds of
/// thousands of rows): they are never held together, and the writer flushes each row.
public struct RowStream: Sendable {
    /// The sheet row of the stream's first row (0-based).
    public var firstRow: Int
    public var count: Int
    /// The styles the cells refer to by index.
    public var styles: [CellStyle]
    /// Row `i` of the stream (0-based): its cells from column 0, and its height in points when
    /// it is not the default.
    public var row: @Sendable (Int) -> (cells: [StreamCell], height: Double?)

    public init(firstRow: Int, count: Int, styles: [CellStyle], row: @escaping @Sendable (Int) -> (cells: [StreamCell], height: Double?)) {
        self.firstRow = firstRow
        self.count = count
        self.styles = styles
        self.row = row
    }

    /// The sheet rows the stream fills.
    public var rows: Range<Int> { firstRow..<(firstRow + count) }
}
