import Foundation

/// One named step of a run with a typed input and output; it returns its output and a short
/// summary for the progress line.
struct Stage<Input, Output> {
    let name: String
    let body: (Input) throws(PipelineError) -> (Output, String)

    init(_ name: String, _ body: @escaping (Input) throws(PipelineError) -> (Output, String)) {
        self.name = name
        self.body = body
    }
}

/// Stages in order. The "[i/N]" of each progress line is derived from the chain, and every
/// error leaving a stage carries the stage's name.
struct StageChain<Input, Output> {
    let names: [String]
    private let body: (Input, _ progress: Progress, _ total: Int) throws(PipelineError) -> Output

    init(_ first: Stage<Input, Output>) {
        names = [first.name]
        body = { input, progress, total throws(PipelineError) in
            try StageChain.step(first, input, index: 1, total: total, progress: progress)
        }
    }

    private init(names: [String], body: @escaping (Input, Progress, Int) throws(PipelineError) -> Output) {
        self.names = names
        self.body = body
    }

    /// This chain followed by `next`.
    func then<Next>(_ next: Stage<Output, Next>) -> StageChain<Input, Next> {
        let previous = body
        let index = names.count + 1
        return StageChain<Input, Next>(names: names + [next.name]) { input, progress, total throws(PipelineError) in
            let middle = try previous(input, progress, total)
            return try StageChain<Input, Next>.step(next, middle, index: index, total: total, progress: progress)
        }
    }

    func run(_ input: Input, progress: Progress) throws(PipelineError) -> Output {
        try body(input, progress, names.count)
    }

    private static func step<A, B>(_ stage: Stage<A, B>, _ input: A, index: Int, total: Int, progress: Progress) throws(PipelineError) -> B {
        do {
            return try progress.stage(index, total, stage.name) { () throws(PipelineError) -> (B, String) in try stage.body(input) }
        } catch {
            throw error.inStage(stage.name)
        }
    }
}
