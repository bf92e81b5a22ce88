/// A failure that stops a run, with what to fix.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    case config(path: String, message: String)
    case stage(name: String, message: String)
    case output(path: String, message: String)

    public var description: String {
        switch self {
        case .config(let path, let message): "\(path): \(message)"
        case .stage(let name, let message): "[\(name)] \(message)"
        case .output(let path, let message): "\(path): \(message)"
        }
    }
}
