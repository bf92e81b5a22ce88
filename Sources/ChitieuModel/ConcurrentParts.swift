import Dispatch

/// One slot per concurrent part, each written once by its own part.
public final class ConcurrentParts<Value>: @unchecked Sendable {
    // @unchecked: part i writes slot i only, through the pointer (no shared array to modify);
    // `values` is read after concurrentPerform returns.
    private let slots: UnsafeMutablePointer<Value?>
    private let count: Int

    public init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    public func set(_ i: Int, _ value: Value) { slots[i] = value }

    public var values: [Value] { (0..<count).compactMap { slots[$0] } }
}

extension ConcurrentParts {
    /// `work(i)` for every i in `0..<count`, spread over the cores; the answers in order.
    public static func map(_ count: Int, _ work: @Sendable (Int) -> Value) -> [Value] {
        let parts = ConcurrentParts(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { parts.set($0, work($0)) }
        return parts.values
    }

    /// `work` on the first and the second half of `0..<count`, on two cores (one part for
    /// fewer than 64, where a thread costs more than it saves); the answers in order.
    public static func inHalves(_ count: Int, _ work: @Sendable (Range<Int>) -> Value) -> [Value] {
        let ranges = count >= 64 ? [0..<count / 2, count / 2..<count] : [0..<count]
        return map(ranges.count) { work(ranges[$0]) }
    }
}
