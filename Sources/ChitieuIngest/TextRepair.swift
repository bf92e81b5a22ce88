import ChitieuModel
import Foundation

/// Repairs what converters leave behind, keeping the way back to the original lines:
/// NFC, odd spaces, soft hyphens, Markdown emphasis, OCR variants of cue words, page chrome,
/// and paragraphs broken mid-sentence by page breaks.
enum TextRepair {
    static func repair(_ lines: [RawLine]) -> (String, LineMap) {
        var cleaned: [(text: [Unicode.Scalar], columns: [Int], line: Int)] = []
        for raw in lines {
            let (scalars, columns) = cleanLine(raw.text)
            cleaned.append((scalars, columns, raw.line))
        }
        let keep = ChromeFilter.keep(cleaned.map { String(String.UnicodeScalarView($0.text)) })
        var out = String.UnicodeScalarView()
        var map = LineMap()
        var offset = 0
        var pendingJoin = false
        var blankRun = 0
        var lastLine: ArraySlice<Unicode.Scalar> = []
        for (index, line) in cleaned.enumerated() where keep[index] {
            let trimmedEnd = trimEnd(line.text)
            let isBlank = trimmedEnd.allSatisfy { $0 == " " }
            if isBlank {
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
            var start = 0
            while start < trimmedEnd.count, trimmedEnd[start] == " " { start += 1 }
            if pendingJoin {
                if continuesParagraph(trimmedEnd[start...], after: lastLine) {
                    out.append(" "); offset += 1
                } else {
                    for _ in 0...blankRun { out.append("\n"); offset += 1 }
                }
            }
            blankRun = 0
            map.mark(offset: offset, line: line.line, column: line.columns.indices.contains(start) ? line.columns[start] : 1)
            for i in start..<trimmedEnd.count {
                if i > start, line.columns[i] != line.columns[i - 1] + 1 {
                    map.mark(offset: offset, line: line.line, column: line.columns[i])
                }
                out.append(trimmedEnd[i]); offset += 1
            }
            pendingJoin = isUnfinished(trimmedEnd)
            lastLine = trimmedEnd
            if !pendingJoin { out.append("\n"); offset += 1 }
        }
        if pendingJoin { out.append("\n") }
        return (String(out), map)
    }

    /// Cleans one line; returns its scalars and, for each, the 1-based column of the original
    /// character it came from.
    static func cleanLine(_ text: String) -> ([Unicode.Scalar], [Int]) {
        var scalars: [Unicode.Scalar] = []
        var columns: [Int] = []
        var column = 0
        for character in text {
            column += 1
            let composed = String(character).precomposedStringWithCanonicalMapping
            for s in composed.unicodeScalars {
                switch s.value {
                case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x0009:
                    scalars.append(" "); columns.append(column)
                case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x0000...0x0008, 0x000B, 0x000E...0x001F:
                    continue
                default:
                    scalars.append(s); columns.append(column)
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

    /// OCR misreadings of "Phấn đấu" (strive) that would hide a target's cue; same length, so
    /// columns stay true.
    static let ocrVariants: [(String, String)] = [
        ("Phân đầu", "Phấn đấu"), ("phân đầu", "phấn đấu"), ("Phần đầu", "Phấn đấu"), ("phần đầu", "phấn đấu"),
        ("Phấn đầu", "Phấn đấu"), ("phấn đầu", "phấn đấu"), ("Phân đấu", "Phấn đấu"), ("phân đấu", "phấn đấu"),
        ("Phần đấu", "Phấn đấu"), ("phần đấu", "phấn đấu"),
    ]
    private static let ocrTable: [([Unicode.Scalar], [Unicode.Scalar])] = ocrVariants.map {
        (Array($0.0.unicodeScalars), Array($0.1.unicodeScalars))
    }

    static func fixOCR(_ s: inout [Unicode.Scalar]) {
        guard s.count >= 8 else { return }
        var i = 0
        while i + 8 <= s.count {
            if s[i] == "P" || s[i] == "p" {
                for (wrong, right) in ocrTable where i + wrong.count <= s.count && Array(s[i..<(i + wrong.count)]) == wrong {
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
        guard line.count >= 60, let last = line.last else { return false }
        // Headings in capitals end where they end.
        let letters = line.filter { $0.properties.isAlphabetic }
        if letters.filter({ $0.properties.isUppercase }).count * 10 >= letters.count * 8 { return false }
        return !".;:!?…”\")]".unicodeScalars.contains(last)
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
        let text = String(String.UnicodeScalarView(line.prefix(12)))
        if text.range(of: #"^([0-9]+|[IVXL]+|[a-zđ])[.)]\s"#, options: .regularExpression) != nil { return false }
        // "Ba là, …", "Thứ hai, …": items of a list in words.
        let opening = String(String.UnicodeScalarView(line.prefix(16)))
        if opening.range(of: #"^(Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười) là\b|^Thứ (nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\b"#, options: .regularExpression) != nil {
            return false
        }
        let letters = line.filter { $0.properties.isAlphabetic }
        if letters.count >= 4, letters.allSatisfy({ $0.properties.isUppercase }) { return false }
        return true
    }
}

extension TextRepair {
    /// Words after which a sentence cannot stop.
    static let connectives: Set<String> = [
        "theo", "của", "và", "với", "cho", "các", "những", "về", "tại", "trong", "là", "ngày", "số", "đến", "từ", "để", "nhằm",
        "gắn", "thuộc", "tỉnh", "huyện", "xã", "thị", "thành", "phố", "đối", "vào", "ra", "trên", "dưới", "sau", "trước", "hoặc",
        "như", "mà", "thì", "nhưng", "được", "bị", "do", "bởi", "nên", "vì", "khi", "đã", "sẽ", "đang", "có", "không", "lần", "thứ",
    ]
}

/// Page chrome of web pages: share buttons, font-size switches, visitor counters.
enum ChromeFilter {
    static let chromePhrases = ["chia sẻ bài viết", "a- a a+", "tăng tương phản", "giảm tương phản", "thống kê truy cập",
                                "đang truy cập", "lượt truy cập", "bản quyền thuộc", "in bài viết", "gửi bài viết", "đăng nhập"]
    static let counterLabels = ["hôm nay", "hôm qua", "tuần này", "tuần trước", "tháng này", "tháng trước", "tất cả", "tổng cộng",
                                "đang online", "trực tuyến", "tháng", "năm", "tuần"]

    static func keep(_ lines: [String]) -> [Bool] {
        var keep = Array(repeating: true, count: lines.count)
        var inCounter = false
        for (i, line) in lines.enumerated() {
            let l = line.lowercased().trimmingCharacters(in: .whitespaces)
            if l.isEmpty { continue }
            if chromePhrases.contains(where: { l.hasPrefix($0) || (l.count < 200 && l.contains($0) && l.contains("facebook")) }) {
                keep[i] = false
                inCounter = l.hasPrefix("thống kê truy cập")
                continue
            }
            // "Hôm nay : 168", "Năm 2024 : 481.223" under a counter heading, or standing alone.
            if l.range(of: #"^[\p{L} 0-9]{2,20}\s*:\s*[0-9][0-9.,]*$"#, options: .regularExpression) != nil,
               inCounter || counterLabels.contains(where: { l.hasPrefix($0) }) {
                keep[i] = false
                continue
            }
            inCounter = false
        }
        return keep
    }
}
