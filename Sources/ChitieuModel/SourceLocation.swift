/// A place in an input file: a line and column of a text, or a row (and cell) of a table.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line of a text file, or row of a table.
    public var line: Int
    /// 1-based column in characters, when known.
    public var column: Int?
    /// A spreadsheet cell reference ("D7") or sheet name, when the input is a workbook.
    public var cell: String?

    public init(file: String, line: Int, column: Int? = nil, cell: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.cell = cell
    }

    /// "samples/actuals/a.csv:12" or "plan.xlsx [Kế hoạch!D7]".
    public var description: String {
        if let cell { return "\(file) [\(cell)]" }
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}
