import Foundation

/// Work started on its own thread at once; `wait()` gives its error back on the caller's.
final class BackgroundWork: @unchecked Sendable {
    // @unchecked: `failure` is written once by the worker before `done` is signalled and read
    // only after waiting on `done`.
    private let done = DispatchSemaphore(value: 0)
    private var failure: PipelineError?

    init(_ body: @escaping @Sendable () throws(PipelineError) -> Void) {
        let thread = Thread { [self] in
            do throws(PipelineError) { try body() } catch { failure = error }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func wait() throws(PipelineError) {
        done.wait()
        if let failure { throw failure }
    }
}
