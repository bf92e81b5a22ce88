/// Maps offsets in a cleaned text back to lines and columns of the original file.
///
/// Cleaning joins lines broken by page breaks, drops page chrome and removes Markdown markers;
/// each place where the correspondence jumps starts a new segment. Offsets count Unicode scalars
/// of the cleaned (NFC) text; columns count characters of the original line, so NFC and NFD
/// spellings of a file give the same columns.
public struct LineMap: Sendable, Hashable {
    public struct Segment: Sendable, Hashable {
        public var offset: Int
        public var line: Int
        public var column: Int

        public init(offset: Int, line: Int, column: Int) {
            self.offset = offset
            self.line = line
            self.column = column
        }
    }

    public private(set) var segments: [Segment] = []

    public init() {}

    /// Records that the text from `offset` on comes from `line`:`column` of the original.
    public mutating func mark(offset: Int, line: Int, column: Int) {
        if let last = segments.last {
            // Skip a mark that continues the previous segment unchanged.
            if last.line == line, last.column + (offset - last.offset) == column { return }
            if last.offset == offset { segments[segments.count - 1] = Segment(offset: offset, line: line, column: column); return }
        }
        segments.append(Segment(offset: offset, line: line, column: column))
    }

    /// The original line and column of a cleaned-text offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        guard !segments.isEmpty else { return (1, offset + 1) }
        var lo = 0
        var hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        let s = segments[lo]
        return (s.line, s.column + max(0, offset - s.offset))
    }

    /// The identity map of a text whose lines are the original lines.
    public static func identity(of text: String) -> LineMap {
        var map = LineMap()
        var offset = 0
        var line = 1
        map.mark(offset: 0, line: 1, column: 1)
        for scalar in text.unicodeScalars {
            offset += 1
            if scalar == "\n" {
                line += 1
                map.mark(offset: offset, line: line, column: 1)
            }
        }
        return map
    }
}
