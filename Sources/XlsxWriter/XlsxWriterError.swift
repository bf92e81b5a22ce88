import CXlsxWriter

/// A failure while writing a workbook, naming the operation, the sheet and the cell.
public enum XlsxWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A libxlsxwriter call returned an error.
    case library(operation: String, sheet: String?, cell: String?, code: UInt32, message: String)
    /// The sheet name is not one Excel accepts.
    case sheetName(SheetNameProblem)
    /// The finished file could not be moved into place.
    case fileSystem(operation: String, path: String, reason: String)

    /// A sheet-name problem, kept as text so the error stays Equatable and Sendable.
    public struct SheetNameProblem: Equatable, Sendable {
        public let message: String
    }

    public var description: String {
        switch self {
        case .library(let operation, let sheet, let cell, let code, let message):
            var place = ""
            if let sheet { place += " trang \"\(sheet)\"" }
            if let cell { place += " ô \(cell)" }
            return "libxlsxwriter: \(operation)\(place) thất bại: \(message) (mã \(code))"
        case .sheetName(let problem):
            return problem.message
        case .fileSystem(let operation, let path, let reason):
            return "Không \(operation) được tệp \(path): \(reason)"
        }
    }

    static func check(_ result: lxw_error, _ operation: String, sheet: String? = nil, cell: String? = nil) throws(XlsxWriterError) {
        guard result != LXW_NO_ERROR else { return }
        throw .library(operation: operation, sheet: sheet, cell: cell, code: result.rawValue, message: describe(result))
    }

    static func describe(_ code: lxw_error) -> String {
        // lxw_strerror returns a pointer to a static string.
        guard let text = lxw_strerror(code) else { return "lỗi không rõ" }
        return String(cString: text)
    }
}
