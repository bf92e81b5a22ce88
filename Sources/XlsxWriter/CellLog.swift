import Foundation
import Spreadsheet

/// For `make bench` only: when `CHITIEU_CELL_LOG` names a file, every sheet and cell the writer
/// hands to libxlsxwriter is also logged there, so that a plain C program can replay the same
/// cells and time libxlsxwriter alone (Sources/chitieu-bench/reference/replay.c).
///
/// Records, little-endian: 'S' u32 length, name bytes (a new sheet); 'T' u32 row, u16 column,
/// u16 style, u32 length, bytes (text); 'N' u32 row, u16 column, u16 style, f64 (number).
final class CellLog {
    private let handle: FileHandle
    private var buffer = Data()
    private var styles: [CellStyle: UInt16] = [:]

    /// The log named by the environment, or nil (the normal case).
    static func fromEnvironment() -> CellLog? {
        guard let path = ProcessInfo.processInfo.environment["CHITIEU_CELL_LOG"], !path.isEmpty,
              FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { return nil }
        return CellLog(handle: handle)
    }

    private init(handle: FileHandle) {
        self.handle = handle
    }

    deinit {
        flush()
        try? handle.close()
    }

    func sheet(_ name: String) {
        buffer.append(UInt8(ascii: "S"))
        append(UInt32(name.utf8.count))
        buffer.append(contentsOf: name.utf8)
    }

    func text(row: Int, column: Int, style: CellStyle, _ text: String) {
        buffer.append(UInt8(ascii: "T"))
        append(UInt32(row)); append(UInt16(column)); append(id(style))
        append(UInt32(text.utf8.count))
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 20 { flush() }
    }

    func number(row: Int, column: Int, style: CellStyle, _ value: Double) {
        buffer.append(UInt8(ascii: "N"))
        append(UInt32(row)); append(UInt16(column)); append(id(style))
        append(value.bitPattern)
        if buffer.count > 1 << 20 { flush() }
    }

    private func id(_ style: CellStyle) -> UInt16 {
        if let known = styles[style] { return known }
        let next = UInt16(styles.count)
        styles[style] = next
        return next
    }

    private func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
