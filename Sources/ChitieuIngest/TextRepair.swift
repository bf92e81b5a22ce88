import ChitieuModel
import Foundation

/// Repairs what converters leave behind, keeping the way back to the original lines:
/// NFC, odd spaces, soft hyphens, Markdown emphasis, OCR variants of cue words, page chrome,
/// and paragraphs broken mid-sentence by page breaks.
enum TextRepair {
    static func repair(_ lines: [RawLine]) -> (String, LineMap) {
        let keep = ChromeFilter.keep(lines.map(\.text))
        // Output as UTF-8 bytes: appending to an array is cheaper than growing a String.
        var out = ScalarBytes()
        out.bytes.reserveCapacity(lines.reduce(0) { $0 + $1.text.utf8.count + 1 })
        var map = LineMap()
        var offset = 0
        var pendingJoin = false
        var blankRun = 0
        var lastLine: ArraySlice<Unicode.Scalar> = []
        for (index, raw) in lines.enumerated() where keep[index] {
            let line = PreparedLine(raw.text)
            if line.isBlank {
                blankRun += 1
                if pendingJoin {
                    // Up to two blank lines inside a broken paragraph do not break it.
                    if blankRun <= 2 { continue }
                    // More is a real paragraph end: close the line and give back the held blanks.
                    for _ in 0..<blankRun { out.append("\n"); offset += 1 }
                    pendingJoin = false
                }
                out.append("\n"); offset += 1
                continue
            }
            if pendingJoin {
                if continuesParagraph(line.head, after: lastLine) {
                    out.append(" "); offset += 1
                } else {
                    for _ in 0...blankRun { out.append("\n"); offset += 1 }
                }
            } else if blankRun == 0, !lastLine.isEmpty, Self.continuesLine(line.head, after: lastLine) {
                // A hard break inside a phrase of a short line ("c) Kim ngạch xuất khẩu" /
                // "đạt 1.850 triệu USD;"): the next line goes on in lower case.
                out.bytes.removeLast(); offset -= 1
                out.append(" "); offset += 1
            }
            blankRun = 0
            line.write(into: &out, map: &map, offset: &offset, line: raw.line)
            pendingJoin = line.isUnfinished
            lastLine = line.tail
            if !pendingJoin { out.append("\n"); offset += 1 }
        }
        if pendingJoin { out.append("\n") }
        return (out.string, map)
    }

    /// True when a line that ends without a stop is followed by one that opens in lower case, or
    /// a line that ends on a colon by its value ("thuế sản phẩm:" / "3,30%;"), not a numbered item.
    static func continuesLine(_ head: ArraySlice<Unicode.Scalar>, after tail: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let last = tail.last, let first = head.first else { return false }
        if last == ":" { return first.value >= 48 && first.value <= 57 && !isListMarker(head) }
        return !".;:!?…”\")]".unicodeScalars.contains(last) && first.properties.isLowercase
    }

    /// One input line, ready to copy: plain lines (the usual case) are copied as bytes; lines
    /// that need cleaning go through `cleanLine` scalar by scalar.
    struct PreparedLine {
        /// Set for plain lines: the trimmed bytes, their first column and scalar count.
        var plain: (bytes: ArraySlice<UInt8>, column: Int, count: Int)?
        /// Set for cleaned lines: the trimmed scalars and their columns.
        var cleaned: (scalars: ArraySlice<Unicode.Scalar>, columns: [Int])?
        var isBlank: Bool
        /// The first scalars (for list markers and ordinals) and the last ones (for connectives).
        var head: ArraySlice<Unicode.Scalar>
        var tail: ArraySlice<Unicode.Scalar>
        var isUnfinished: Bool

        init(_ text: String) {
            let utf8 = Array(text.utf8)
            if TextRepair.isPlain(utf8) {
                var lo = 0
                var hi = utf8.count
                while lo < hi, utf8[lo] == 0x20 { lo += 1 }
                while hi > lo, utf8[hi - 1] == 0x20 { hi -= 1 }
                let bytes = utf8[lo..<hi]
                let count = bytes.reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
                plain = (bytes, lo + 1, count)
                isBlank = bytes.isEmpty
                // Only the first and last scalars are looked at, unless the line may be cut by a page break.
                head = ArraySlice(String(decoding: bytes.prefix(96), as: UTF8.self).unicodeScalars.prefix(24))
                tail = ArraySlice(String(decoding: bytes.suffix(160), as: UTF8.self).unicodeScalars.suffix(40))
                isUnfinished = count >= 60 && !".;:!?…”\")]".unicodeScalars.contains(tail.last ?? ".")
                    && TextRepair.isUnfinished(ArraySlice(String(decoding: bytes, as: UTF8.self).unicodeScalars))
            } else {
                let (scalars, columns) = TextRepair.cleanLine(text)
                let trimmed = TextRepair.trimEnd(scalars)
                var start = 0
                while start < trimmed.count, trimmed[start] == " " { start += 1 }
                cleaned = (trimmed[start...], columns)
                isBlank = start == trimmed.count
                head = trimmed[start...].prefix(24)
                tail = trimmed.suffix(40)
                // Leading spaces do not count towards a full line, as on the plain path.
                isUnfinished = TextRepair.isUnfinished(trimmed[start...])
            }
        }

        func write(into out: inout ScalarBytes, map: inout LineMap, offset: inout Int, line: Int) {
            if let plain {
                map.mark(offset: offset, line: line, column: plain.column)
                out.bytes.append(contentsOf: plain.bytes)
                offset += plain.count
                return
            }
            guard let (scalars, columns) = cleaned, let first = scalars.indices.first else { return }
            map.mark(offset: offset, line: line, column: columns.indices.contains(first) ? columns[first] : 1)
            for i in scalars.indices {
                if i > first, columns[i] != columns[i - 1] + 1 { map.mark(offset: offset, line: line, column: columns[i]) }
                out.append(scalars[i]); offset += 1
            }
        }
    }

    /// True when a line needs no cleaning: no control characters or tabs, no odd or zero-width
    /// spaces, no soft hyphens, no combining marks (NFD), no Markdown marks, no OCR variant of
    /// "Phấn đấu". Checked on bytes.
    static func isPlain(_ b: [UInt8]) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 || c == 0x2A || c == 0x5F || c == 0x23 { return false }
                i += 1
                continue
            }
            switch c {
            case 0xC2: if i + 1 < n, b[i + 1] == 0xA0 || b[i + 1] == 0xAD { return false }
            case 0xCC, 0xCD: return false
            case 0xE2: if i + 2 < n, b[i + 1] == 0x80 || (b[i + 1] == 0x81 && (b[i + 2] == 0x9F || b[i + 2] == 0xA0)) {
                // U+2000-U+200F, U+2028-U+202F, U+205F, U+2060 (quotes and dashes U+2010-U+2027 are fine)
                if b[i + 1] == 0x81 || b[i + 2] <= 0x8F || (b[i + 2] >= 0xA8 && b[i + 2] <= 0xAF) { return false }
            }
            case 0xE3: if i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x80 { return false }
            case 0xEF: if i + 2 < n, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return false }
            case 0xE1:
                // "hân đầu", "hần đấu"…: an OCR-damaged "Phấn đấu" (ầ is E1 BA A7, ấ E1 BA A5, đ C4 91).
                if i + 2 < n, b[i + 1] == 0xBA, b[i + 2] == 0xA7 || b[i + 2] == 0xA5, i >= 7, b[i - 2] == 0xC4, b[i - 1] == 0x91,
                   b[i - 3] == 0x20, b[i - 4] == 0x6E {
                    let vowel2 = b[i - 6] == 0xC3 && b[i - 5] == 0xA2 && b[i - 7] == 0x68
                    let vowel3 = i >= 8 && b[i - 7] == 0xE1 && b[i - 6] == 0xBA && (b[i - 5] == 0xA7 || b[i - 5] == 0xA5) && b[i - 8] == 0x68
                    // The right spelling, "hấn đấu", needs no repair.
                    let correct = vowel3 && b[i - 5] == 0xA5 && b[i + 2] == 0xA5
                    if (vowel2 || vowel3) && !correct { return false }
                }
            default: break
            }
            i += 1
        }
        return true
    }

    /// Cleans one line; returns its scalars and, for each, the 1-based column of the original
    /// character it came from.
    static func cleanLine(_ text: String) -> ([Unicode.Scalar], [Int]) {
        var scalars: [Unicode.Scalar] = []
        var columns: [Int] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        columns.reserveCapacity(text.unicodeScalars.count)
        func add(_ s: Unicode.Scalar, _ column: Int) {
            switch s.value {
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x0009:
                scalars.append(" "); columns.append(column)
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x0000...0x0008, 0x000B, 0x000E...0x001F:
                break
            default:
                scalars.append(s); columns.append(column)
            }
        }
        // Most lines are already NFC with one scalar per character: no Foundation call needed.
        if !text.unicodeScalars.contains(where: { $0.value >= 0x0300 && $0.value <= 0x036F }) {
            var column = 0
            for s in text.unicodeScalars {
                column += 1
                add(s, column)
            }
        } else {
            var column = 0
            for character in text {
                column += 1
                let unicode = character.unicodeScalars
                if unicode.count == 1 {
                    add(unicode.first!, column)
                } else {
                    for s in String(character).precomposedStringWithCanonicalMapping.unicodeScalars { add(s, column) }
                }
            }
        }
        removeMarkdown(&scalars, &columns)
        fixOCR(&scalars)
        return (scalars, columns)
    }

    /// Drops "**", "__" and heading "#" marks left by converters; a lone "*" bullet stays.
    static func removeMarkdown(_ s: inout [Unicode.Scalar], _ c: inout [Int]) {
        var i = 0
        var keptS: [Unicode.Scalar] = []
        var keptC: [Int] = []
        keptS.reserveCapacity(s.count)
        while i < s.count {
            if i + 1 < s.count, (s[i] == "*" && s[i + 1] == "*") || (s[i] == "_" && s[i + 1] == "_") {
                i += 2
                continue
            }
            keptS.append(s[i]); keptC.append(c[i])
            i += 1
        }
        // A single "*" around words is emphasis ("“*Tiếp tục đổi mới*”"); one that opens the
        // line is a bullet and stays.
        if let first = keptS.firstIndex(where: { $0 != " " }) {
            var j = keptS.count - 1
            while j > first {
                if keptS[j] == "*" { keptS.remove(at: j); keptC.remove(at: j) }
                j -= 1
            }
        }
        // "## Heading" at the start of a line.
        var start = 0
        while start < keptS.count, keptS[start] == "#" { start += 1 }
        if start > 0, start < keptS.count, keptS[start] == " " {
            keptS.removeFirst(start + 1)
            keptC.removeFirst(start + 1)
        }
        s = keptS
        c = keptC
    }

    /// OCR misreadings of cue words ("phân đầu" for "phấn đấu") that would hide a target;
    /// each the same length as the word, so columns stay true (Resources/lexicon/layout.tsv).
    static let ocrVariants: [(String, String)] = WordTable.layout.pairs("ocr_variant").flatMap { pair in
        guard pair.phrase.unicodeScalars.count == pair.value.unicodeScalars.count else {
            fatalError("chitieu: lexicon/layout.tsv: ocr_variant \"\(pair.phrase)\" phải dài bằng \"\(pair.value)\"")
        }
        func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
        return [(pair.phrase, pair.value), (capitalised(pair.phrase), capitalised(pair.value))]
    }
    private static let ocrTable: [([Unicode.Scalar], [Unicode.Scalar])] = ocrVariants.map {
        (Array($0.0.unicodeScalars), Array($0.1.unicodeScalars))
    }

    private static let ocrInitials = Set(ocrTable.compactMap(\.0.first))
    private static let ocrShortest = ocrTable.map(\.0.count).min() ?? 0

    static func fixOCR(_ s: inout [Unicode.Scalar]) {
        guard !ocrTable.isEmpty, s.count >= ocrShortest else { return }
        var i = 0
        while i + ocrShortest <= s.count {
            if ocrInitials.contains(s[i]) {
                for (wrong, right) in ocrTable where i + wrong.count <= s.count && s[i..<(i + wrong.count)].elementsEqual(wrong) {
                    let before = i == 0 || !s[i - 1].properties.isAlphabetic
                    let after = i + wrong.count == s.count || !s[i + wrong.count].properties.isAlphabetic
                    if before && after { s.replaceSubrange(i..<(i + wrong.count), with: right) }
                }
            }
            i += 1
        }
    }

    static func trimEnd(_ s: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
        var end = s.count
        while end > 0, s[end - 1] == " " { end -= 1 }
        return s[0..<end]
    }

    /// A long line that stops without closing punctuation was cut by a page break.
    static func isUnfinished(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        guard line.count >= 60, let last = line.last, !".;:!?…”\")]".unicodeScalars.contains(last) else { return false }
        // Headings in capitals end where they end.
        let letters = line.filter { $0.properties.isAlphabetic }
        return letters.filter({ $0.properties.isUppercase }).count * 10 < letters.count * 8
    }

    /// The next line goes on with the sentence: it is not a heading, a list item or a signature.
    static func continuesParagraph(_ line: ArraySlice<Unicode.Scalar>, after previous: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = line.first else { return false }
        // After a capital, the sentence goes on only if the line before stopped on a word that
        // cannot end one ("theo", "của", "và") or on a comma or dash; a title does not.
        if first.properties.isUppercase {
            let lastWord = String(String.UnicodeScalarView(previous.reversed().prefix { $0 != " " }.reversed())).lowercased()
            guard lastWord.hasSuffix(",") || lastWord.hasSuffix("-") || connectives.contains(lastWord) else { return false }
        }
        if "-+•*(".unicodeScalars.contains(first) { return false }
        if isListMarker(line) { return false }
        // "Ba là, …", "Thứ hai, …": items of a list in words.
        let words = line.prefix(24).split(separator: " ", maxSplits: 2).map { String(String.UnicodeScalarView($0)) }
        if words.count >= 2, words[0].first?.isUppercase == true {
            let first = words[0].lowercased()
            let second = words[1].trimmingCharacters(in: CharacterSet(charactersIn: ",:"))
            if ordinalWords.contains(first) && ordinalLinks.contains(second) { return false }
            if ordinalLeads.contains(first) && (ordinalWords.contains(second) || ordinalFirsts.contains(second)) { return false }
        }
        let letters = line.filter { $0.properties.isAlphabetic }
        if letters.count >= 4, letters.allSatisfy({ $0.properties.isUppercase }) { return false }
        return true
    }
}

extension TextRepair {
    /// "Ba là, …", "Thứ hai, …", "Thứ nhất, …" (Resources/lexicon/layout.tsv).
    static let ordinalWords = Set(WordTable.layout["ordinal"])
    static let ordinalLeads = Set(WordTable.layout["ordinal_lead"])
    static let ordinalFirsts = Set(WordTable.layout["ordinal_first"])
    static let ordinalLinks = Set(WordTable.layout["ordinal_link"])

    /// "1. ", "12) ", "IV. ", "a) ": a numbered or lettered item.
    static func isListMarker(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = line.startIndex
        let end = min(line.endIndex, line.startIndex + 8)
        let isDigit: (Unicode.Scalar) -> Bool = { $0.value >= 48 && $0.value <= 57 }
        let isRoman: (Unicode.Scalar) -> Bool = { "IVXL".unicodeScalars.contains($0) }
        if i < end, isDigit(line[i]) { while i < end, isDigit(line[i]) { i += 1 } }
        else if i < end, isRoman(line[i]) { while i < end, isRoman(line[i]) { i += 1 } }
        else if i < end, (line[i].value >= 97 && line[i].value <= 122) || line[i] == "đ" { i += 1 }
        else { return false }
        guard i + 1 < line.endIndex, line[i] == "." || line[i] == ")" else { return false }
        return line[i + 1] == " "
    }

    /// Words after which a sentence cannot stop.
    static let connectives = Set(WordTable.layout["connective"])
}

/// A growing UTF-8 buffer that takes scalars.
struct ScalarBytes {
    var bytes: [UInt8] = []

    mutating func append(_ s: Unicode.Scalar) {
        if s.value < 0x80 { bytes.append(UInt8(s.value)) } else { UTF8.encode(s) { bytes.append($0) } }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Page chrome of web pages: share buttons, font-size switches, visitor counters.
enum ChromeFilter {
    static let words = WordTable.layout
    static let chromePhrases = words["chrome"]
    static let counterHeadings = words["counter_heading"]
    static let counterLabels = words["counter_label"]
    static let socialSites = words["social_site"]
    static let shareWords = words["share_word"]

    static let chromeInitials = Set((chromePhrases + counterHeadings + counterLabels + socialSites).compactMap { $0.unicodeScalars.first })

    static func keep(_ lines: [String]) -> [Bool] {
        var keep = Array(repeating: true, count: lines.count)
        var inCounter = false
        for (i, line) in lines.enumerated() {
            // Chrome lines are short; running text is left alone without a look.
            guard line.utf8.count < 200, !line.isEmpty else { inCounter = false; continue }
            if !inCounter, let first = line.unicodeScalars.first(where: { $0 != " " }), !chromeInitials.contains(ScalarCase.lower(first)) { continue }
            let l = line.lowercased().trimmingCharacters(in: .whitespaces)
            if l.isEmpty { continue }
            if chromePhrases.contains(where: { l.hasPrefix($0) }) || counterHeadings.contains(where: { l.hasPrefix($0) })
                || (socialSites.contains(where: l.hasBytes) && shareWords.contains(where: l.hasBytes)) {
                keep[i] = false
                inCounter = counterHeadings.contains { l.hasPrefix($0) }
                continue
            }
            // "Hôm nay : 168", "Năm 2024 : 481.223" under a counter heading, or standing alone.
            if l.utf8.contains(UInt8(ascii: ":")), inCounter || counterLabels.contains(where: { l.hasPrefix($0) }), isCounter(l) {
                keep[i] = false
                continue
            }
            inCounter = false
        }
        return keep
    }

    /// "label : 1.234" with a short label.
    static func isCounter(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let label = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard (2...20).contains(label.count), let first = value.first, first.isNumber else { return false }
        return value.allSatisfy { $0.isNumber || $0 == "." || $0 == "," }
    }
}
