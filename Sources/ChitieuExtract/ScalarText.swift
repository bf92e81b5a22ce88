import ChitieuModel

/// A text as arrays of Unicode scalars, with a lower-cased twin of the same length, so that
/// scanning and word matching work on plain offsets.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    let lower: [Unicode.Scalar]

    init(_ text: String) {
        // One pass, with room for the worst case (one scalar per UTF-8 byte), instead of
        // counting the scalars first.
        var scalars: [Unicode.Scalar] = []
        var lower: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        lower.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            scalars.append(s)
            lower.append(ScalarCase.lower(s))
        }
        self.scalars = scalars
        self.lower = lower
    }

    var count: Int { scalars.count }

    func string(_ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count * 2)
        for s in scalars[range] { UTF8.encode(s) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of `range` with runs of spaces, tabs and newlines as one space, trimmed.
    func collapsedString(_ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count * 2)
        var pendingSpace = false
        for s in scalars[range] {
            if s == " " || s == "\t" || s == "\n" {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            UTF8.encode(s) { bytes.append($0) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v | 0x20) >= 97 && (v | 0x20) <= 122 }
        // Vietnamese letters live in Latin-1, Latin Extended-A/B and Latin Extended Additional:
        // answered without a Unicode property lookup (× and ÷ are the only non-letters there).
        if (0xC0...0x24F).contains(v) { return v != 0xD7 && v != 0xF7 }
        if (0x1E00...0x1EFF).contains(v) { return true }
        return c.properties.isAlphabetic
    }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

    /// True when `word` (lower case, may contain spaces) stands at `i` as whole words.
    func hasWord(_ word: [Unicode.Scalar], at i: Int) -> Bool {
        guard i >= 0, i + word.count <= count else { return false }
        for k in 0..<word.count where lower[i + k] != word[k] { return false }
        // Word boundaries matter only where the word itself begins or ends with a letter.
        if i > 0, let first = word.first, ScalarText.isLetter(first),
           ScalarText.isLetter(lower[i - 1]) || ScalarText.isDigit(lower[i - 1]) { return false }
        let end = i + word.count
        if end < count, let last = word.last, ScalarText.isLetter(last), ScalarText.isLetter(lower[end]) { return false }
        return true
    }

    /// Skips spaces forward from `i`.
    func skipSpaces(_ i: Int, limit: Int? = nil) -> Int {
        var j = i
        let end = limit ?? count
        while j < end, ScalarText.isSpace(scalars[j]) { j += 1 }
        return j
    }

    /// Skips spaces backward from `i` (exclusive end); returns the new exclusive end.
    func skipSpacesBack(_ i: Int, limit: Int = 0) -> Int {
        var j = i
        while j > limit, ScalarText.isSpace(scalars[j - 1]) { j -= 1 }
        return j
    }

    /// The first word of `words` found at `i`, longest first.
    func firstWord(of words: [[Unicode.Scalar]], at i: Int) -> [Unicode.Scalar]? {
        words.first { hasWord($0, at: i) }
    }

    /// The word of `words` that ends exactly at `end` (exclusive), longest first.
    func wordEnding(at end: Int, in words: [[Unicode.Scalar]], limit: Int = 0) -> [Unicode.Scalar]? {
        words.first { w in end - w.count >= limit && hasWord(w, at: end - w.count) }
    }
}

extension Array where Element == String {
    /// Lower-case scalar arrays, longest first, for `ScalarText` matching.
    var scalarWords: [[Unicode.Scalar]] {
        map { [Unicode.Scalar]($0.lowercased().unicodeScalars) }.sorted { $0.count > $1.count }
    }
}
