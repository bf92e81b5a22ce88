import Foundation

/// Bytes to text: UTF-8 (with or without BOM), or TCVN3 / VNI when the bytes are not UTF-8 or
/// when UTF-8 text is really legacy bytes copied as Latin-1 ("Ch¬ng tr×nh").
enum TextDecoding {
    /// The encoding name of UTF-8 text read with a few stray bytes replaced.
    static let nearUTF8 = "utf-8 (thay byte lỗi)"

    static func decode(_ data: Data, path: String) throws(IngestError) -> (String, String) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if looksBinary(bytes) { throw .binary(path: path) }
        if let text = String(data: bytes, encoding: .utf8) {
            // UTF-8 that was read as Windows-1252 and saved again ("Tá»· lá»‡" for "Tỷ lệ").
            if let repaired = doubleEncoded(text) { return (repaired, "utf-8 (sửa mã hóa kép)") }
            // Legacy bytes that went through a Latin-1 to UTF-8 conversion.
            if let legacy = legacyInLatin1(text) { return legacy }
            return (text, "utf-8")
        }
        let candidates = LegacyEncoding.allCases.map { ($0, $0.decode(bytes)) }
        let scored = candidates.map { ($0.0, $0.1, VietnameseSyllables.score($0.1)) }
        // Near-UTF-8 is UTF-8: a few stray bytes in UTF-8 text are replaced (and reported by
        // the caller), unless a legacy encoding explains the text better.
        let lossy = String(decoding: bytes, as: UTF8.self)
        let replaced = lossy.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) }
        let utf8Score = VietnameseSyllables.score(lossy)
        let best = scored.max(by: { $0.2 < $1.2 })
        if replaced <= max(8, lossy.unicodeScalars.count / 1000), utf8Score >= (best?.2 ?? 0) {
            return (lossy, TextDecoding.nearUTF8)
        }
        guard let best, best.2 >= 0.6 else {
            throw .invalidEncoding(path: path, line: firstInvalidLine(bytes))
        }
        return (best.1, best.0.rawValue)
    }

    /// Text whose non-ASCII characters are all below U+0100 and read badly as Vietnamese may be
    /// TCVN3 or VNI bytes; decode it again when that reads better.
    static func legacyInLatin1(_ text: String) -> (String, String)? {
        var latin = 0
        // The whole text is turned back into bytes, so the whole text must qualify.
        for s in text.unicodeScalars where !s.isASCII {
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

    /// Windows-1252 characters above U+00FF and the bytes they stand for.
    static let cp1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
        0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
        0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Undoes a UTF-8 → Windows-1252 → UTF-8 round trip when the result reads better as Vietnamese.
    static func doubleEncoded(_ text: String) -> String? {
        // "á»" and "Ä‘" are how the commonest Vietnamese letters look after the round trip.
        guard text.utf8.count > 20, hasDoubleEncodingMarks(text) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            if s.value < 0x100 { bytes.append(UInt8(s.value)) } else if let b = cp1252[s.value] { bytes.append(b) } else { return nil }
        }
        guard let repaired = String(validating: bytes, as: UTF8.self),
              VietnameseSyllables.score(repaired) > VietnameseSyllables.score(text) + 0.3 else { return nil }
        return repaired
    }

    /// "Ã" (C3 83), "Ä" (C3 84) or "á»" (C3 A1 C2 BB) in the bytes: looked for without Foundation.
    static func hasDoubleEncodingMarks(_ text: String) -> Bool {
        var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        for b in text.utf8 {
            if (last.2 == 0xC3 && (b == 0x83 || b == 0x84)) || (last == (0xC3, 0xA1, 0xC2) && b == 0xBB) {
                count += 1
                if count >= 3 { return true }
            }
            last = (last.1, last.2, b)
        }
        return false
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
