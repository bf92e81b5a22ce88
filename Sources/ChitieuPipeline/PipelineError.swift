import ChitieuModel

/// A failure that stops a run, with what to fix.
public enum PipelineError: Error, Sendable, CustomStringConvertible, Equatable {
    case config(path: String, message: String)
    /// A stage failed; `file` is the input or output it was working on, when one is to blame.
    case stage(name: String, file: String? = nil, message: String)
    case output(path: String, message: String)
    /// Inputs that could not be read (or, with --strict, rows set aside): no report is written.
    case inputsUnread(issues: [DataIssue])

    public var description: String {
        switch self {
        case .inputsUnread(let issues):
            let files = Set(issues.compactMap { $0.unreadableInput ? $0.location?.file : nil })
            let lines = issues.map { "  - \($0.description)" }.joined(separator: "\n")
            let what = files.isEmpty ? "\(issues.count) dòng bị bỏ qua hoặc cần kiểm tra (--strict)"
                                     : "\(files.count) tệp đầu vào không đọc được"
            return "không lập báo cáo: \(what):\n\(lines)\nSửa các tệp trên rồi chạy lại; hoặc chạy với --draft để lập bản nháp (ghi rõ \"BẢN NHÁP - CHƯA ĐỦ SỐ LIỆU\", không xếp hạng)."
        case .config(let path, let message): return "\(path): \(message)"
        case .stage(let name, let file?, let message): return "[\(name)] \(file): \(message)"
        case .stage(let name, nil, let message): return "[\(name)] \(message)"
        case .output(let path, let message): return "\(path): \(message)"
        }
    }

    /// The same error, named after the stage it left (an output error keeps its file).
    func inStage(_ name: String) -> PipelineError {
        switch self {
        case .output(let path, let message): .stage(name: name, file: path, message: message)
        case .config(let path, let message): .stage(name: name, file: path, message: message)
        case .stage, .inputsUnread: self
        }
    }
}
