import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Limits on what a zip (.xlsx, .docx) may expand to, so that a 2 MB file cannot take 10 GB:
/// the total uncompressed size of the parts read, and each part's compression ratio. Both can
/// be raised with CHITIEU_ZIP_LIMIT_MB and CHITIEU_ZIP_RATIO for a genuinely huge workbook.
public struct ZipLimits: Sendable {
    /// Parts held in memory (workbook, shared strings, a document's text), all together.
    public var totalBytes: Int
    public var ratio: Int
    /// A sheet read as a stream is never held: it may be larger (a million rows is about 300 MB
    /// of XML), and is bounded so that reading it ends in reasonable time.
    public var streamedBytes: Int

    public init(totalBytes: Int, ratio: Int, streamedBytes: Int = 4 << 30) {
        self.totalBytes = totalBytes
        self.ratio = ratio
        self.streamedBytes = streamedBytes
    }

    public static var current: ZipLimits {
        let environment = ProcessInfo.processInfo.environment
        return ZipLimits(totalBytes: (environment["CHITIEU_ZIP_LIMIT_MB"].flatMap(Int.init) ?? 200) << 20,
                         ratio: environment["CHITIEU_ZIP_RATIO"].flatMap(Int.init) ?? 100,
                         streamedBytes: (environment["CHITIEU_ZIP_STREAM_LIMIT_MB"].flatMap(Int.init) ?? 4096) << 20)
    }
}

/// A part refused by the limits, or a zip that cannot be read; the reason in Vietnamese.
public struct ZipProblem: Error, Sendable {
    public let reason: String
    /// A zip, but one whose directory does not match its bytes (rather than not a zip at all).
    public var damaged = false
}

/// Reads parts of a zip within `ZipLimits`, counting what was expanded so far. The parts are
/// located by `ZipLayout`; ZIPFoundation only inflates the bytes handed to it.
public final class SafeArchive {
    public let entries: [ZipEntry]
    private let byPath: [String: ZipEntry]
    private let url: URL
    private let limits: ZipLimits
    private var expanded = 0
    /// The file written for a zip given as bytes, removed with the archive.
    private var temporary: URL?

    deinit {
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Opens a zip from a file.
    public init(url: URL, limits: ZipLimits = .current) throws(ZipProblem) {
        entries = try ZipLayout.entries(url)
        byPath = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.url = url
        self.limits = limits
    }

    /// Opens a zip from bytes, through a temporary file.
    public convenience init(data: Data, limits: ZipLimits = .current) throws(ZipProblem) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chitieu-\(UUID().uuidString).zip")
        do { try data.write(to: url) } catch { throw ZipProblem(reason: "không ghi được tệp tạm để mở (\(error.localizedDescription))") }
        do throws(ZipProblem) { try self.init(url: url, limits: limits) } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        temporary = url
    }

    public subscript(path: String) -> ZipEntry? { byPath[path] }

    /// The bytes of a part, refused when its size or ratio passes the limits (judged on the
    /// sizes the zip declares; a part that expands past its declared size is refused as it comes,
    /// since a zip may lie).
    public func data(of entry: ZipEntry) throws(ZipProblem) -> Data {
        let budget = limits.totalBytes - expanded
        if entry.uncompressedSize > budget {
            throw ZipProblem(reason: "phần \(entry.path) bung ra \((expanded + entry.uncompressedSize) >> 20) MB, quá giới hạn \(limits.totalBytes >> 20) MB (đặt CHITIEU_ZIP_LIMIT_MB để nâng)")
        }
        if let problem = Self.ratioProblem(entry, limits: limits) { throw problem }
        var data = Data()
        try Self.expand(entry, from: url) { chunk throws(ZipProblem) in data.append(chunk) }
        expanded += data.count
        return data
    }

    /// Expands one part, handing its bytes to `consumer` as they come: exactly the compressed
    /// bytes the directory declares are read, the output may not pass the declared size, and
    /// the checksum must match.
    static func expand(_ entry: ZipEntry, from url: URL, _ consumer: (Data) throws(ZipProblem) -> Void) throws(ZipProblem) {
        let cut = ZipProblem(reason: "phần \(entry.path) bị cắt: dữ liệu nén hết trước khi giải nén xong; tệp bị hỏng", damaged: true)
        guard let file = FileHandle(forReadingAtPath: url.path) else { throw ZipProblem(reason: "không mở được tệp") }
        defer { try? file.close() }
        let chunkSize = 1 << 16
        var remaining = entry.compressedSize
        var produced = 0
        var stopped: ZipProblem?
        // ZIPFoundation's inflate tells zlib a whole chunk is there even for the last, short
        // one, so every chunk handed over is full size (the rest zeros, never read by a sound
        // stream); once the declared bytes are used up, a stream that wants more is cut.
        func provider(_: Int64, _ size: Int) throws -> Data {
            guard remaining > 0 else { throw cut }
            var chunk = try file.read(upToCount: min(size, remaining)) ?? Data()
            guard !chunk.isEmpty else { throw cut }
            remaining -= chunk.count
            if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
            return chunk
        }
        func sink(_ piece: Data) throws {
            produced += piece.count
            if produced > entry.uncompressedSize { stopped = liesAboutSize(entry); throw CocoaError(.fileReadTooLarge) }
            do throws(ZipProblem) { try consumer(piece) } catch { stopped = error; throw error }
        }
        do {
            try file.seek(toOffset: entry.dataStart)
            let checksum: CRC32
            switch entry.method {
            case 0:
                var crc = CRC32(0)
                while remaining > 0 {
                    let piece = try provider(0, min(chunkSize, remaining))
                    crc = piece.crc32(checksum: crc)
                    try sink(piece)
                }
                checksum = crc
            case 8:
                checksum = try Data.decompress(size: Int64(entry.compressedSize), bufferSize: chunkSize, skipCRC32: false,
                                               provider: provider, consumer: sink)
            default:
                throw ZipProblem(reason: "phần \(entry.path) nén theo phương thức \(entry.method), không phải cách Excel và Word lưu (8)", damaged: true)
            }
            guard produced == entry.uncompressedSize, checksum == entry.crc32 else {
                throw ZipProblem(reason: "phần \(entry.path) giải nén ra không khớp với kích thước hoặc mã kiểm tra khai báo; tệp bị hỏng", damaged: true)
            }
        } catch let problem as ZipProblem {
            throw stopped ?? problem
        } catch {
            throw stopped ?? ZipProblem(reason: "giải nén \(entry.path) lỗi: \(error)", damaged: true)
        }
    }
}

extension SafeArchive {
    /// Hands `read` a stream of a part's bytes as they are expanded (on another thread, through
    /// a pipe), so that a part of any size is parsed without being held; the ratio and the
    /// streamed-size limits apply. `read` may stop early.
    public func stream(_ entry: ZipEntry, _ read: (InputStream) -> Void) throws(ZipProblem) {
        // A reader that stops early closes the pipe; the writer must get an error, not a signal.
        signal(SIGPIPE, SIG_IGN)
        if entry.uncompressedSize > limits.streamedBytes {
            throw ZipProblem(reason: "phần \(entry.path) bung ra \(entry.uncompressedSize >> 20) MB, quá giới hạn \(limits.streamedBytes >> 20) MB (đặt CHITIEU_ZIP_STREAM_LIMIT_MB để nâng)")
        }
        if let problem = Self.ratioProblem(entry, limits: limits) { throw problem }
        let pipe = Pipe()
        let url = self.url
        let path = entry.path
        let outcome = StreamOutcome()
        let writer = Thread {
            var utf8 = UTF8Checker()
            var first = true
            do throws(ZipProblem) {
                try Self.expand(entry, from: url) { chunk throws(ZipProblem) in
                    if first, XMLGuard.declaresDocumentType(chunk) { throw ZipProblem(reason: "phần \(path) \(XMLGuard.refusedDeclaration)") }
                    first = false
                    // Checked before the parser sees it: Foundation's parser traps on some bad bytes.
                    guard let checked = utf8.feed(chunk) else { throw ZipProblem(reason: "phần \(path) có byte không phải UTF-8") }
                    do { try pipe.fileHandleForWriting.write(contentsOf: checked) } catch {
                        throw ZipProblem(reason: "đọc \(path) dừng")
                    }
                }
                if !utf8.isComplete { outcome.set("phần \(path) kết thúc giữa một chữ UTF-8") }
            } catch {
                if !outcome.readerStopped { outcome.set(error.reason) }
            }
            try? pipe.fileHandleForWriting.close()
            outcome.finish()
        }
        writer.start()
        if let input = InputStream(fileAtPath: "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)") {
            read(input)
        }
        outcome.readerStopped = true
        try? pipe.fileHandleForReading.close()
        outcome.wait()
        if let problem = outcome.problem { throw ZipProblem(reason: problem) }
    }

    /// A part larger than 1 MB that declares more than `ratio` times its compressed size.
    static func ratioProblem(_ entry: ZipEntry, limits: ZipLimits) -> ZipProblem? {
        let compressed = max(1, entry.compressedSize)
        guard entry.uncompressedSize > 1 << 20, entry.uncompressedSize / compressed > limits.ratio else { return nil }
        return ZipProblem(reason: "phần \(entry.path) nén \(entry.uncompressedSize / compressed):1, quá tỷ lệ \(limits.ratio):1 của một tệp bình thường (đặt CHITIEU_ZIP_RATIO để nâng)")
    }

    /// A part that expands past the size the zip declares for it: damaged or crafted.
    static func liesAboutSize(_ entry: ZipEntry) -> ZipProblem {
        ZipProblem(reason: "phần \(entry.path) bung ra nhiều hơn kích thước tệp nén khai báo (\(entry.uncompressedSize) byte); tệp bị hỏng hoặc bị sửa", damaged: true)
    }
}

/// UTF-8 checked piece by piece. A byte below 0x80 never sits inside a longer sequence, so
/// everything up to the last such byte is whole; the rest waits for the next piece.
struct UTF8Checker {
    private var carry = Data()

    /// The bytes now known to be whole and valid, or nil at a byte that is not UTF-8.
    mutating func feed(_ chunk: Data) -> Data? {
        let bytes = carry + chunk
        let cut = bytes.lastIndex(where: { $0 < 0x80 }).map { $0 + 1 } ?? bytes.startIndex
        carry = bytes[cut...]
        let whole = bytes[..<cut]
        return UTF8Validation.firstInvalidLine(whole) == nil ? whole : nil
    }

    /// True when no unfinished sequence is left over.
    var isComplete: Bool { UTF8Validation.firstInvalidLine(carry) == nil }
}

/// What the expanding thread of `SafeArchive.stream` ended with.
final class StreamOutcome: @unchecked Sendable {
    // @unchecked: every field is read and written under `lock`, or after `done` is signalled.
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var reason: String?
    private var stopped = false

    func set(_ why: String) { lock.withLock { if reason == nil { reason = why } } }
    var problem: String? { lock.withLock { reason } }
    var readerStopped: Bool {
        get { lock.withLock { stopped } }
        set { lock.withLock { stopped = newValue } }
    }
    func finish() { done.signal() }
    func wait() { done.wait() }
}

/// Where bytes stop being UTF-8.
public enum UTF8Validation {
    /// The 1-based line of the first byte sequence that is not UTF-8, or nil when all is UTF-8.
    public static func firstInvalidLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // ASCII is valid; only runs with high bytes need the decoder.
        if !bytes.contains(where: { $0 >= 0x80 }) { return nil }
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1
        var start = 0
        for i in 0...bytes.count {
            if i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
                if String(validating: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) == nil { return line }
                line += 1
                start = i + 1
            }
        }
        return 1
    }

    public static func firstInvalidLine(_ data: some DataProtocol & ContiguousBytes) -> Int? {
        data.withUnsafeBytes { firstInvalidLine($0.bindMemory(to: UInt8.self)) }
    }
}

/// XML from outside checked before Foundation's parser sees it: UTF-8 throughout (the parser
/// traps on some invalid bytes inside names) and nesting no deeper than a limit.
public enum XMLGuard {
    public static let maximumDepth = 256

    /// Excel and Word never write a document type declaration; declared entities are how a
    /// few bytes of XML expand to gigabytes. It may only come before the first element, so the
    /// first bytes tell.
    static let declaration = Data("<!DOCTYPE".utf8)
    static let refusedDeclaration = "có khai báo kiểu tài liệu và thực thể (<!DOCTYPE), điều Excel và Word không bao giờ ghi"

    static func declaresDocumentType(_ head: some DataProtocol) -> Bool {
        Data(head.prefix(4096)).range(of: declaration) != nil
    }

    /// The parser's error in words: libxml2's code, named for the common ones.
    static func describe(_ error: Error?) -> String {
        guard let error = error as NSError? else { return "lỗi cú pháp XML" }
        let named: [Int: String] = [4: "tài liệu trống hoặc không phải XML", 5: "XML kết thúc giữa chừng", 9: "ký tự không hợp lệ trong XML",
                                    26: "thực thể chưa khai báo", 76: "thẻ mở và thẻ đóng không khớp", 89: "thực thể lồng vòng hoặc bung quá lớn"]
        return "\(named[error.code] ?? "lỗi cú pháp XML") (mã \(error.code) của libxml2)"
    }
}

/// Forwards a parser's events to a delegate, stopping the parse when elements nest deeper
/// than `XMLGuard.maximumDepth` (depth is what makes some parsers slow or crash).
final class DepthLimited: NSObject, XMLParserDelegate {
    let inner: XMLParserDelegate
    private(set) var tooDeep = false
    private var depth = 0

    init(_ inner: XMLParserDelegate) { self.inner = inner }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        depth += 1
        if depth > XMLGuard.maximumDepth {
            tooDeep = true
            parser.abortParsing()
            return
        }
        #if canImport(FoundationXML)
        inner.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        #else
        inner.parser?(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        #endif
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        #if canImport(FoundationXML)
        inner.parser(parser, didEndElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
        #else
        inner.parser?(parser, didEndElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
        #endif
    }

    /// Why the parse was stopped here, if it was.
    var failure: String? { tooDeep ? "các thẻ lồng nhau sâu quá \(XMLGuard.maximumDepth) cấp" : nil }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        #if canImport(FoundationXML)
        inner.parser(parser, foundCharacters: string)
        #else
        inner.parser?(parser, foundCharacters: string)
        #endif
    }
}

extension XMLParser {
    /// Parses XML arriving as a stream, depth limited (the bytes cannot be checked as UTF-8
    /// before; the parser's own check stops at a bad byte in text).
    public static func parseGuarded(stream: InputStream, delegate: XMLParserDelegate) -> (ok: Bool, line: Int, reason: String?) {
        let guarded = DepthLimited(delegate)
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.delegate = guarded
        if parser.parse() { return (true, 0, nil) }
        return (false, parser.lineNumber, guarded.failure ?? XMLGuard.describe(parser.parserError))
    }

    /// Parses outside XML safely: checked as UTF-8 first, depth limited; the reason on failure.
    public static func parseGuarded(_ data: Data, delegate: XMLParserDelegate) -> (ok: Bool, line: Int, reason: String?) {
        if let line = UTF8Validation.firstInvalidLine(data) {
            return (false, line, "byte không phải UTF-8")
        }
        if XMLGuard.declaresDocumentType(data) { return (false, 1, XMLGuard.refusedDeclaration) }
        let guarded = DepthLimited(delegate)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = guarded
        if parser.parse() { return (true, 0, nil) }
        return (false, parser.lineNumber, guarded.failure ?? XMLGuard.describe(parser.parserError))
    }
}
