import Foundation
import Spreadsheet

/// Makes the rows of a long stream on a second thread, a chunk ahead of the writer, so that
/// building the cells (Swift) and writing them (libxlsxwriter) overlap on two cores. Rows come
/// out in order, exactly as `stream.row` makes them.
final class RowPrefetch: @unchecked Sendable {
    // @unchecked: each slot is written by the producer only after `free` allows it and read by
    // the consumer only after `filled` says so; the semaphores order the two.
    typealias Row = (cells: [StreamCell], height: Double?)
    static let chunk = 4096

    private let stream: RowStream
    private var slots: [[Row]] = [[], []]
    private let free = DispatchSemaphore(value: 2)
    private let filled = DispatchSemaphore(value: 0)

    init(_ stream: RowStream) {
        self.stream = stream
        let thread = Thread { [self] in
            var start = 0
            var k = 0
            while start < stream.count {
                free.wait()
                let end = min(start + Self.chunk, stream.count)
                slots[k % 2] = (start..<end).map { stream.row($0) }
                filled.signal()
                start = end
                k += 1
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Calls `body` with every row in order (row index, cells, height).
    func forEach(_ body: (Int, Row) throws(XlsxWriterError) -> Void) throws(XlsxWriterError) {
        var start = 0
        var k = 0
        // On an error the producer may still be waiting on `free`: let it finish its chunks.
        defer { while start < stream.count { filled.wait(); free.signal(); start += Self.chunk } }
        while start < stream.count {
            filled.wait()
            let rows = slots[k % 2]
            slots[k % 2] = []
            free.signal()
            for (i, row) in rows.enumerated() { try body(start + i, row) }
            start += rows.count
            k += 1
        }
    }
}
