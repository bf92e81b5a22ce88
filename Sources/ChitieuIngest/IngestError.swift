/// Why an input file could not be read; every case names the file.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String)
    case invalidEncoding(path: String, line: Int)
    case unsupportedFormat(path: String, detail: String)
    case malformedTable(path: String, detail: String)

    public var path: String {
        switch self {
        case .missing(let p), .unreadable(let p, _), .empty(let p), .binary(let p), .invalidEncoding(let p, _),
             .unsupportedFormat(let p, _), .malformedTable(let p, _): p
        }
    }

    public var description: String {
        switch self {
        case .missing(let p): "\(p): không tìm thấy tệp; kiểm tra lại đường dẫn."
        case .unreadable(let p, let r): "\(p): không đọc được tệp (\(r))."
        case .empty(let p): "\(p): tệp rỗng, không có nội dung để đọc."
        case .binary(let p): "\(p): tệp nhị phân, không phải văn bản; hãy lưu văn bản dưới dạng .txt, .docx hoặc .html."
        case .invalidEncoding(let p, let line): "\(p):\(line): văn bản không đúng mã UTF-8 và không nhận ra bảng mã TCVN3/VNI; hãy lưu lại với mã UTF-8."
        case .unsupportedFormat(let p, let d): "\(p): định dạng không hỗ trợ (\(d))."
        case .malformedTable(let p, let d): "\(p): bảng dữ liệu hỏng: \(d)"
        }
    }
}
