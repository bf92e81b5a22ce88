import Foundation

/// A part of a zip as its directory declares it, checked to lie inside the file.
public struct ZipEntry: Sendable {
    public let path: String
    /// 0 stored, 8 deflated; nothing else is read.
    let method: UInt16
    public let compressedSize: Int
    public let uncompressedSize: Int
    let crc32: UInt32
    /// Where the part's compressed bytes start in the file.
    let dataStart: UInt64
}

/// The directory of a zip, read and checked before any part is expanded. ZIPFoundation trusts
/// the offsets and sizes a zip declares and reads its file until a deflate stream ends: a part
/// whose data runs past the end of the file, or whose stream never ends, made it loop for ever
/// (found by `make fuzz`). So the parts are located here, and `SafeArchive` expands exactly the
/// declared bytes of each. Only the end record, the central directory and the 30-byte header in
/// front of each part are read.
enum ZipLayout {
    /// More parts than any workbook or document has; a zip listing more is not read.
    static let maximumEntries = 100_000

    static func entries(_ url: URL) throws(ZipProblem) -> [ZipEntry] {
        guard let file = FileHandle(forReadingAtPath: url.path) else { throw ZipProblem(reason: "không mở được tệp") }
        defer { try? file.close() }
        let size: UInt64
        do { size = try file.seekToEnd() } catch { throw ZipProblem(reason: "không đọc được tệp") }
        let damaged = ZipProblem(reason: "tệp nén zip bị hỏng (mục lục không khớp với nội dung); mở bằng Excel hoặc Word rồi lưu lại", damaged: true)
        func bytes(at offset: UInt64, count: Int) throws(ZipProblem) -> [UInt8] {
            // Offsets come from the file: past its end (or past Int64, where seeking traps) is damage.
            guard offset <= size else { throw damaged }
            do {
                try file.seek(toOffset: offset)
                return [UInt8](try file.read(upToCount: count) ?? Data())
            } catch { throw ZipProblem(reason: "không đọc được tệp (\(error.localizedDescription))") }
        }

        // The end record: 22 bytes, then a comment of up to 65,535 bytes.
        let tailStart = size > 65_557 ? size - 65_557 : 0
        let tail = try bytes(at: tailStart, count: Int(size - tailStart))
        guard tail.count >= 22, let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.matches(0x0605_4B50, at: $0) })
        else { throw ZipProblem(reason: "không mở được như tệp nén zip") }
        var entries = UInt64(tail.u16(end + 10))
        var directorySize = UInt64(tail.u32(end + 12))
        var directoryStart = UInt64(tail.u32(end + 16))
        // Zip64: the real figures are in the zip64 end record that its locator points to.
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF {
            guard end >= 20, tail.matches(0x0706_4B50, at: end - 20) else { throw damaged }
            let record = tail.u64(end - 20 + 8)
            guard record < size else { throw damaged }
            let zip64 = try bytes(at: record, count: 56)
            guard zip64.count == 56, zip64.matches(0x0606_4B50, at: 0) else { throw damaged }
            entries = zip64.u64(32)
            directorySize = zip64.u64(40)
            directoryStart = zip64.u64(48)
        }
        guard entries <= maximumEntries else {
            throw ZipProblem(reason: "tệp nén có \(entries) phần, quá \(maximumEntries) phần của một tệp bình thường", damaged: true)
        }
        guard directoryStart <= size, directorySize <= size - directoryStart else { throw damaged }
        let directory = try bytes(at: directoryStart, count: Int(directorySize))
        var at = 0
        var found: [ZipEntry] = []
        for _ in 0..<entries {
            guard at + 46 <= directory.count, directory.matches(0x0201_4B50, at: at) else { throw damaged }
            var compressed = UInt64(directory.u32(at + 20))
            var uncompressed = UInt64(directory.u32(at + 24))
            var offset = UInt64(directory.u32(at + 42))
            let nameLength = Int(directory.u16(at + 28)), extraLength = Int(directory.u16(at + 30)), commentLength = Int(directory.u16(at + 32))
            guard at + 46 + nameLength + extraLength <= directory.count else { throw damaged }
            // Zip64 extra field (tag 1): the 8-byte sizes and offset that did not fit, in order.
            var extra = at + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let tag = directory.u16(extra), length = Int(directory.u16(extra + 2))
                if tag == 1 {
                    var field = extra + 4
                    func next() -> UInt64? {
                        guard field + 8 <= min(extra + 4 + length, extraEnd) else { return nil }
                        defer { field += 8 }
                        return directory.u64(field)
                    }
                    if uncompressed == 0xFFFF_FFFF { uncompressed = next() ?? uncompressed }
                    if compressed == 0xFFFF_FFFF { compressed = next() ?? compressed }
                    if offset == 0xFFFF_FFFF { offset = next() ?? offset }
                }
                extra += 4 + length
            }
            // The part's own header, then its data: all of it before the end of the file.
            let header = try bytes(at: offset, count: 30)
            guard header.count == 30, header.matches(0x0403_4B50, at: 0) else { throw damaged }
            let dataStart = offset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
            guard dataStart <= size, compressed <= size - dataStart, uncompressed <= UInt64(Int.max) else { throw damaged }
            // Part names: UTF-8 when flag bit 11 says so, and in practice in every Office file.
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            found.append(ZipEntry(path: name, method: directory.u16(at + 10), compressedSize: Int(compressed),
                                  uncompressedSize: Int(uncompressed), crc32: directory.u32(at + 16), dataStart: dataStart))
            at += 46 + nameLength + extraLength + commentLength
        }
        return found
    }
}

private extension [UInt8] {
    func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
    func matches(_ signature: UInt32, at i: Int) -> Bool { i >= 0 && i + 4 <= count && u32(i) == signature }
}
