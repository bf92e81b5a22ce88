import ChitieuModel
import Foundation

/// A directive's text, read and cleaned, with a way back to the original file.
public struct SourceText: Sendable {
    /// The path as given (relative paths stay relative, for messages and reports).
    public var path: String
    /// The cleaned text in NFC, lines separated by "\n".
    public var text: String
    /// Offsets of `text` back to lines and columns of the original (paragraphs for .docx).
    public var lineMap: LineMap
    /// "utf-8", "tcvn3", "vni".
    public var encoding: String
    /// SHA-256 of the very bytes the text was read from.
    public var sha256: String?
    /// Places where bytes that were not UTF-8 were replaced, as (line, message) to report.
    public var warnings: [(line: Int, message: String)] = []

    public init(path: String, text: String, lineMap: LineMap? = nil, encoding: String = "utf-8") {
        self.path = path
        self.text = text
        self.lineMap = lineMap ?? LineMap.identity(of: text)
        self.encoding = encoding
    }
}

/// A line as a format reader found it, with where it came from.
struct RawLine {
    var text: String
    /// 1-based line of the file (paragraph of a .docx).
    var line: Int
}

/// Reads directive files of any supported form into clean text.
public enum DirectiveReader {
    /// The line with the most bytes and its length.
    static func longestLine(_ data: Data) -> (Int, Int)? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> (Int, Int)? in
            guard let base = buffer.baseAddress else { return nil }
            var best = (1, 0)
            var line = 1
            var start = 0
            // memchr finds line ends at memory speed, so a 100 MB line costs milliseconds.
            while start <= buffer.count {
                let rest = buffer.count - start
                let found = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
                let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? buffer.count
                if end - start > best.1 { best = (line, end - start) }
                guard found != nil else { break }
                line += 1
                start = end + 1
            }
            return best
        }
    }

    /// Lines longer than this are not running text: refused rather than scanned for minutes.
    public static let maximumLineLength = 2_000_000

    /// The most text one directive may hold (the longest real ones are under 1 MB); more is
    /// refused before it is decoded. CHITIEU_TEXT_LIMIT_MB raises it.
    public static let maximumTextBytes: Int =
        (ProcessInfo.processInfo.environment["CHITIEU_TEXT_LIMIT_MB"].flatMap(Int.init) ?? 64) << 20

    static func tooMuchText(_ path: String, _ bytes: Int) -> IngestError {
        .unsupportedFormat(path: path, detail: "văn bản dài \(bytes >> 20) MB, quá giới hạn \(maximumTextBytes >> 20) MB của một văn bản chỉ đạo; kiểm tra lại tệp (đặt CHITIEU_TEXT_LIMIT_MB để nâng)")
    }

    public static func read(path: String) throws(IngestError) -> SourceText {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw .missing(path: path) }
        if isDirectory.boolValue { throw .unsupportedFormat(path: path, detail: "đây là thư mục, không phải tệp") }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        var text = try decode(data, path: path)
        text.sha256 = FileDigest.sha256(data)
        return text
    }

    /// Turns file bytes into clean text, refusing what is not text.
    public static func decode(_ data: Data, path: String) throws(IngestError) -> SourceText {
        guard !data.isEmpty else { throw .empty(path: path) }
        let ext = (path as NSString).pathExtension.lowercased()
        let raw: (lines: [RawLine], encoding: String)
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || ext == "docx" {
            raw = try DocxText.lines(data, path: path)
        } else if data.starts(with: Array("%PDF".utf8)) || ext == "pdf" {
            raw = try PDFText.lines(data, path: path)
        } else {
            if data.count > maximumTextBytes { throw tooMuchText(path, data.count) }
            // Checked on the bytes, before any decoding, so that a huge line costs one scan.
            if let (line, length) = longestLine(data), length > maximumLineLength {
                throw .unsupportedFormat(path: path, detail: "dòng \(line) dài \(length / 1_000_000) MB không xuống dòng; đây không giống văn bản chỉ đạo, hãy kiểm tra lại tệp")
            }
            let (text, encoding) = try TextDecoding.decode(data, path: path)
            if ext == "html" || ext == "htm" || HTMLText.looksLikeHTML(text) {
                raw = (HTMLText.lines(text), encoding)
            } else {
                raw = (TextDecoding.lines(text), encoding)
            }
        }
        let total = raw.lines.reduce(0) { $0 + $1.text.utf8.count }
        if total > maximumTextBytes { throw tooMuchText(path, total) }
        if let long = raw.lines.first(where: { $0.text.utf8.count > maximumLineLength }) {
            throw .unsupportedFormat(path: path, detail: "dòng \(long.line) dài \(long.text.utf8.count / 1_000_000) MB không xuống dòng; đây không giống văn bản chỉ đạo, hãy kiểm tra lại tệp")
        }
        let (text, map) = TextRepair.repair(TableUnflattener.rebuild(raw.lines))
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { throw .empty(path: path) }
        var source = SourceText(path: path, text: text, lineMap: map, encoding: raw.encoding)
        if raw.encoding == TextDecoding.nearUTF8 {
            source.warnings = raw.lines.filter { $0.text.unicodeScalars.contains("\u{FFFD}") }.map { line in
                (line.line, "byte không phải UTF-8 ở dòng \(line.line) đã được thay bằng \u{FFFD}; văn bản vẫn đọc theo UTF-8. Kiểm tra chữ quanh chỗ đó")
            }
        }
        return source
    }
}
