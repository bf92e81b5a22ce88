import Foundation

/// A directive's text, read and cleaned, with a way back to lines of the original file.
public struct SourceText: Sendable {
    /// The path as given (relative paths stay relative, for messages and reports).
    public var path: String
    /// The cleaned text in NFC, lines separated by "\n".
    public var text: String
    /// For each line of `text`, the 1-based line of the original file it starts on.
    public var originalLines: [Int]

    public init(path: String, text: String, originalLines: [Int]? = nil) {
        self.path = path
        self.text = text
        self.originalLines = originalLines ?? Array(1...max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count))
    }
}

/// Reads directive files into clean text.
public enum DirectiveReader {
    /// Reads a text file (UTF-8 with or without BOM, CRLF or LF, NFC or NFD).
    public static func read(path: String, relativeTo base: URL? = nil) throws(IngestError) -> SourceText {
        let url = base.map { URL(fileURLWithPath: path, relativeTo: $0) } ?? URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Turns file bytes into clean text, refusing what is not text.
    public static func decode(_ data: Data, path: String) throws(IngestError) -> SourceText {
        guard !data.isEmpty else { throw .empty(path: path) }
        if data.prefix(4096).contains(0) { throw .binary(path: path) }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let decoded = String(data: bytes, encoding: .utf8) else {
            let line = firstInvalidLine(bytes)
            throw .invalidEncoding(path: path, line: line)
        }
        let text = TextCleaner.clean(decoded)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty(path: path) }
        return SourceText(path: path, text: text)
    }

    private static func firstInvalidLine(_ bytes: Data) -> Int {
        var line = 1
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == 0x0A {
            if String(data: bytes[start..<i], encoding: .utf8) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}

/// The repairs every text needs whatever its origin: NFC, one kind of line break, ordinary spaces.
public enum TextCleaner {
    public static func clean(_ raw: String) -> String {
        var s = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        s = s.precomposedStringWithCanonicalMapping
        // Non-breaking, thin and other spaces become plain spaces; zero-width ones and soft
        // hyphens disappear. Line count is preserved so locations stay true.
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x0009: out.append(" ")
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
