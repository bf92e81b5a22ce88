import Foundation

/// Work started on its own thread at once; `wait()` gives its result (or its error) back on
/// the caller's thread. The machine has at least two cores; the pipeline uses the second one
/// for work that shares nothing mutable with the first.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `outcome` is written once by the worker before `done` is signalled and read
    // only after waiting on `done`.
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Value, PipelineError>?

    init(_ body: @escaping @Sendable () throws(PipelineError) -> Value) {
        let thread = Thread { [self] in
            do throws(PipelineError) { outcome = .success(try body()) } catch { outcome = .failure(error) }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func wait() throws(PipelineError) -> Value {
        done.wait()
        switch outcome! {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }
}
