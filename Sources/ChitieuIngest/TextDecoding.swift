import Foundation

/// Bytes to text: UTF-8 (with or without BOM), or TCVN3 / VNI when the bytes are not UTF-8 or
/// when UTF-8 text is really legacy bytes copied as Latin-1 ("Ch¬ng tr×nh").
enum TextDecoding {
    static func decode(_ data: Data, path: String) throws(IngestError) -> (String, String) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if looksBinary(bytes) { throw .binary(path: path) }
        if let text = String(data: bytes, encoding: .utf8) {
            // Legacy bytes that went through a Latin-1 to UTF-8 conversion.
            if let legacy = legacyInLatin1(text) { return legacy }
            return (text, "utf-8")
        }
        let candidates = LegacyEncoding.allCases.map { ($0, $0.decode(bytes)) }
        let scored = candidates.map { ($0.0, $0.1, VietnameseSyllables.score($0.1)) }
        guard let best = scored.max(by: { $0.2 < $1.2 }), best.2 >= 0.6 else {
            throw .invalidEncoding(path: path, line: firstInvalidLine(bytes))
        }
        return (best.1, best.0.rawValue)
    }

    /// Text whose non-ASCII characters are all below U+0100 and read badly as Vietnamese may be
    /// TCVN3 or VNI bytes; decode it again when that reads better.
    static func legacyInLatin1(_ text: String) -> (String, String)? {
        var latin = 0
        for s in text.unicodeScalars.prefix(200_000) where !s.isASCII {
            // Any character above U+00FF means real Unicode text: stop at once.
            if s.value >= 0x100 { return nil }
            latin += 1
        }
        guard latin > 20 else { return nil }
        let current = VietnameseSyllables.score(text)
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let scored = LegacyEncoding.allCases.map { ($0, $0.decode(bytes)) }.map { ($0.0, $0.1, VietnameseSyllables.score($0.1)) }
        guard let best = scored.max(by: { $0.2 < $1.2 }), best.2 > current + 0.3, best.2 >= 0.6 else { return nil }
        return (best.1, best.0.rawValue)
    }

    /// NUL bytes, or many control characters, in the first 8 KB.
    static func looksBinary(_ bytes: Data.SubSequence) -> Bool {
        Data(bytes.prefix(8192)).withUnsafeBytes { (head: UnsafeRawBufferPointer) -> Bool in
            var controls = 0
            for b in head {
                if b == 0 { return true }
                if b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09 && b != 0x0C { controls += 1 }
            }
            return head.count > 64 && controls * 20 > head.count
        }
    }

    static func firstInvalidLine(_ bytes: Data.SubSequence) -> Int {
        var line = 1
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == 0x0A {
            if String(data: bytes[start..<i], encoding: .utf8) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }

    /// Splits text into numbered lines; CRLF, CR and form feeds (page breaks) all end a line.
    static func lines(_ text: String) -> [RawLine] {
        // The usual case, "\n" only (no CR, form feed or U+2028/2029), splits on bytes.
        let bytes = text.utf8
        var usual = true
        var previous: (UInt8, UInt8) = (0, 0)
        for b in bytes {
            if b == 0x0D || b == 0x0C || (previous == (0xE2, 0x80) && (b == 0xA8 || b == 0xA9)) { usual = false; break }
            previous = (previous.1, b)
        }
        if usual {
            return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map {
                RawLine(text: String(Substring($0.element)), line: $0.offset + 1)
            }
        }
        var result: [RawLine] = []
        var current = String.UnicodeScalarView()
        var line = 1
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = s == "\r"
            if s == "\u{0C}" {
                // A page break ends a line (if any text precedes it) without starting a new line number.
                if !current.isEmpty { result.append(RawLine(text: String(current), line: line)) }
                current = String.UnicodeScalarView()
            } else if s == "\n" || s == "\r" || s == "\u{2028}" || s == "\u{2029}" {
                result.append(RawLine(text: String(current), line: line))
                current = String.UnicodeScalarView()
                line += 1
            } else {
                current.append(s)
            }
        }
        result.append(RawLine(text: String(current), line: line))
        return result
    }
}
