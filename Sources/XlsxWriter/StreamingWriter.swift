import CXlsxWriter
import Foundation
import Spreadsheet

/// A sheet written row by row, for national-scale reports: rows are produced on demand and
/// never held together, and libxlsxwriter's constant-memory mode flushes each row to disk.
public struct StreamingSheet {
    public var name: SheetName
    public var columnWidths: [Int: Double]
    /// The styles the rows refer to by index.
    public var styles: [CellStyle]
    public var rowCount: Int
    /// Produces row `i` (0-based) when it is written.
    public var row: (Int) -> [StreamCell]

    public init(name: SheetName, columnWidths: [Int: Double], styles: [CellStyle], rowCount: Int, row: @escaping (Int) -> [StreamCell]) {
        self.name = name
        self.columnWidths = columnWidths
        self.styles = styles
        self.rowCount = rowCount
        self.row = row
    }
}

extension XlsxFileWriter {
    /// Writes streamed sheets in constant-memory mode, under a temporary name renamed into place.
    public static func write(streaming sheets: [StreamingSheet], properties: DocumentProperties = DocumentProperties(),
                             to url: URL) throws(XlsxWriterError) {
        try writeWhole(to: url, constantMemory: true) { handle throws(XlsxWriterError) in
            try setProperties(handle, properties)
            var registry = FormatRegistry(workbook: handle.pointer)
            var names = SheetNames()
            for sheet in sheets {
                let worksheet = try names.add(sheet.name, to: handle)
                var palette: [UnsafeMutablePointer<lxw_format>] = []
                for style in sheet.styles { palette.append(try registry.format(for: style)) }
                try setColumnWidths(worksheet, sheet.columnWidths, sheet: sheet.name.value)
                for r in 0..<sheet.rowCount {
                    for (c, cell) in sheet.row(r).enumerated() {
                        let result: lxw_error
                        switch cell {
                        case .text(let s, let style):
                            result = s.withCString { worksheet_write_string(worksheet, lxw_row_t(r), lxw_col_t(c), $0, palette[style]) }
                        case .number(let n, let style):
                            result = worksheet_write_number(worksheet, lxw_row_t(r), lxw_col_t(c), n, palette[style])
                        case .empty:
                            continue
                        }
                        if result != LXW_NO_ERROR {
                            try XlsxWriterError.check(result, "ghi ô", sheet: sheet.name.value, cell: CellReference(row: r, column: c).description)
                        }
                    }
                }
            }
        }
    }
}
