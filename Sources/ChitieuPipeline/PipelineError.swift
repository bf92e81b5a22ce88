/// A failure that stops a run, with what to fix.
public enum PipelineError: Error, Sendable, CustomStringConvertible, Equatable {
    case config(path: String, message: String)
    /// A stage failed; `file` is the input or output it was working on, when one is to blame.
    case stage(name: String, file: String? = nil, message: String)
    case output(path: String, message: String)

    public var description: String {
        switch self {
        case .config(let path, let message): "\(path): \(message)"
        case .stage(let name, let file?, let message): "[\(name)] \(file): \(message)"
        case .stage(let name, nil, let message): "[\(name)] \(message)"
        case .output(let path, let message): "\(path): \(message)"
        }
    }

    /// The same error, named after the stage it left (an output error keeps its file).
    func inStage(_ name: String) -> PipelineError {
        switch self {
        case .output(let path, let message): .stage(name: name, file: path, message: message)
        case .config(let path, let message): .stage(name: name, file: path, message: message)
        case .stage: self
        }
    }
}
