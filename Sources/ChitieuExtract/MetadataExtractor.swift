import ChitieuModel
import Foundation

/// Reads the header facts of a directive: type, number, issuer, place and date, signer, theme,
/// year, reporting duty, national movements and cited documents.
///
/// Header facts live in the first lines and the signature in the last ones, so only those are
/// split into lines; whole-text facts are found by scanning the lower-cased scalars, with
/// regular expressions compiled once and run on short windows.
enum MetadataExtractor {
    static let types: [(upper: String, name: String)] = [
        ("CHỈ THỊ", "Chỉ thị"), ("CHƯƠNG TRÌNH", "Chương trình"), ("KẾ HOẠCH", "Kế hoạch"), ("NGHỊ QUYẾT", "Nghị quyết"),
        ("PHÁT ĐỘNG", "Phát động"), ("QUYẾT ĐỊNH", "Quyết định"), ("THÔNG BÁO", "Thông báo"), ("HƯỚNG DẪN", "Hướng dẫn"),
    ]
    static let documentTypes = "Chỉ thị|Nghị quyết|Kế hoạch|Quyết định|Chương trình|Kết luận|Nghị định|Thông tư|Luật|Hướng dẫn|Công văn|Thông báo"

    // Compiled once; NSRegularExpression is immutable and Sendable.
    static let placeDatePattern = regex(#"(?:([^,]{2,40}),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"#)
    static let quotedPattern = regex(#"[“"]([^”"]{10,300})[”"]"#)
    static let reportingPattern = regex(#"^định kỳ[^.;\n]{0,40}(6 tháng|sáu tháng|hằng năm|hàng năm)[^.;\n]{0,160}"#, caseInsensitive: true)
    static let citationPattern = regex("(\(documentTypes)) (số|số:) ?([0-9]+[/-][0-9A-Za-zĐđ/-]+)(,? ngày ([0-9]{1,2}/[0-9]{1,2}/[0-9]{4}))?")
    static let launchPattern = regex("(\(documentTypes)) số ([0-9]+)[ /]*([A-ZĐa-zđ]+)[/-]([A-ZĐa-zđ]+)[^,]{0,20},? ngày ([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[^.;]{0,40}phát động")
    static let chairPattern = regex(#"(Chủ tịch|CHỦ TỊCH) (Ủy ban nhân dân|UBND|Uỷ ban nhân dân) (tỉnh|thị xã|huyện|thành phố|xã|phường)( [A-ZĐ][\p{L}]+( [A-ZĐ][\p{L}]+){0,3})?"#)

    /// The patterns are constants of this file; one that failed to compile finds nothing, and the
    /// metadata tests would show it.
    static func regex(_ pattern: String, caseInsensitive: Bool = false) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    static func firstMatch(_ regex: NSRegularExpression?, in text: String) -> (NSTextCheckingResult, NSString)? {
        guard let regex else { return nil }
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (m, ns)
    }

    static func extract(_ t: ScalarText, lines: Locator) -> DocumentMetadata {
        // Only the first 60 and last 15 lines become Strings.
        let newlines = t.scalars.indices.lazy.filter { t.scalars[$0] == "\n" }
        let headEnd = newlines.dropFirst(59).first ?? t.count
        var tailStart = 0
        var seen = 0
        for i in stride(from: t.count - 1, through: 0, by: -1) where t.scalars[i] == "\n" {
            seen += 1
            if seen == 15 { tailStart = i + 1; break }
        }
        // Header and signature lines are short; long lines (paragraphs) are left out as "".
        func lines(_ range: Range<Int>) -> [String] {
            var result: [String] = []
            var start = range.lowerBound
            for i in range where t.scalars[i] == "\n" || i == range.upperBound - 1 {
                let end = t.scalars[i] == "\n" ? i : i + 1
                result.append(end - start <= 250 ? NameCleaner.collapseSpaces(t.string(start..<end)) : "")
                start = i + 1
            }
            return result
        }
        let head = lines(0..<headEnd)
        let tail = lines(tailStart..<t.count)
        let found = scan(t)
        func at(_ phrase: String) -> [Int] { found[phrase] ?? [] }
        var m = DocumentMetadata()
        // The type is a line in capitals on its own near the top: "CHỈ THỊ".
        if let type = head.lazy.compactMap({ line in types.first { line == $0.upper } }).first { m.type = type.name }
        if let numberLine = head.prefix(40).first(where: { $0.hasPrefix("Số:") || $0.hasPrefix("Số :") }) {
            let value = numberLine.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            m.number = value.isEmpty ? nil : value
        }
        // "Vĩnh Long, ngày 26 tháng 12 năm 2023".
        for line in head where line.utf8.count > 12 && line.hasBytes("ngày") && line.hasBytes("tháng") {
            if let (place, date) = placeAndDate(line) {
                m.place = place
                m.date = date
                break
            }
        }
        m.theme = theme(t, at: at("chủ đề"), head: head)
        m.planYear = planYear(t, at: at("năm "), date: m.date)
        m.signer = signer(tail)
        if let titleIndex = head.firstIndex(where: { l in types.contains { l == $0.upper } }),
           let title = head[(titleIndex + 1)...].first(where: { !$0.isEmpty }) {
            m.title = title
        }
        m.reporting = reportingDuty(t, at: at("định kỳ"))
        m.movements = NationalMovement.all.filter { $0.spellings.contains { !at($0).isEmpty } }.map(\.code)
        m.cites = citations(t, at: at(" số"))
        if m.type == nil, let own = launchingDocument(t, at: at("phát động")),
           own.date.flatMap({ Int($0.prefix(4)) }).map({ $0 >= (m.planYear ?? 0) - 1 }) ?? true {
            // A news article about the document: "Chương trình số 322 CTr/UBND tỉnh, ngày 26/12/2023 về phát động …".
            m.type = own.type
            m.number = m.number ?? own.number
            m.date = m.date ?? own.date
        }
        m.issuer = issuer(head, text: t, chair: at("chủ tịch"), place: m.place)
        return m
    }

    /// The phrases looked for in every document, found in one pass.
    static let scannedPhrases: [String] = ["chủ đề", "năm ", "định kỳ", " số", "phát động", "chủ tịch"]
        + NationalMovement.all.flatMap(\.spellings)

    /// Offsets of each phrase of `scannedPhrases`, by one pass over the lower-cased scalars.
    static let scannedPatterns = scannedPhrases.map { Array($0.unicodeScalars) }
    /// Pattern indices by first scalar, in a flat table for scalars below U+2000.
    static let patternsByFirst: [[Int]] = {
        var table = [[Int]](repeating: [], count: 0x2000)
        for (i, p) in scannedPatterns.enumerated() where p[0].value < 0x2000 { table[Int(p[0].value)].append(i) }
        return table
    }()

    static func scan(_ t: ScalarText) -> [String: [Int]] {
        let patterns = scannedPatterns
        var found = [[Int]](repeating: [], count: patterns.count)
        for i in 0..<t.count {
            let v = t.lower[i].value
            guard v < 0x2000 else { continue }
            let candidates = patternsByFirst[Int(v)]
            if candidates.isEmpty { continue }
            for k in candidates where i + patterns[k].count <= t.count && t.lower[i..<(i + patterns[k].count)].elementsEqual(patterns[k]) {
                found[k].append(i)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(scannedPhrases, found))
    }

    /// Offsets where a lower-case phrase starts in the text.
    static func occurrences(of phrase: String, in t: ScalarText, limit: Int = .max) -> [Int] {
        let p = Array(phrase.unicodeScalars)
        guard let first = p.first, p.count <= t.count else { return [] }
        var found: [Int] = []
        var i = 0
        while i + p.count <= t.count, found.count < limit {
            if t.lower[i] == first, t.lower[i..<(i + p.count)].elementsEqual(p) { found.append(i) }
            i += 1
        }
        return found
    }

    static func placeAndDate(_ line: String) -> (String?, String)? {
        guard let (m, ns) = firstMatch(placeDatePattern, in: line) else { return nil }
        let numbers = (2...4).compactMap { Int(ns.substring(with: m.range(at: $0))) }
        guard numbers.count == 3 else { return nil }
        let (d, mo, y) = (numbers[0], numbers[1], numbers[2])
        guard (1...31).contains(d), (1...12).contains(mo) else { return nil }
        let place = m.range(at: 1).location != NSNotFound ? ns.substring(with: m.range(at: 1)).trimmingCharacters(in: .whitespaces) : nil
        return (place, String(format: "%04d-%02d-%02d", y, mo, d))
    }

    /// The theme: the quoted words after "chủ đề", or a quoted line standing alone at the top.
    static func theme(_ t: ScalarText, at offsets: [Int], head: [String]) -> String? {
        if let at = offsets.first {
            let window = t.string(at..<min(t.count, at + 400))
            if let (m, ns) = firstMatch(quotedPattern, in: window) { return NameCleaner.clean(ns.substring(with: m.range)) }
        }
        for line in head.filter({ !$0.isEmpty }).prefix(10) {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("“"), l.hasSuffix("”") { return NameCleaner.clean(l) }
        }
        return nil
    }

    static let planYearWords = WordTable.assertion["plan_year"].cueWords
    static let reportYearWords = WordTable.assertion["report_year"].cueWords

    /// The year the text plans for: of the years written "năm YYYY" (not before the date of
    /// issue), the one with most weight, a mention after words of planning ("mục tiêu, nhiệm vụ
    /// năm 2026", "phát động thi đua năm 2025") weighing 3, one after words of reporting
    /// ("kết quả năm 2025", "so với năm 2023") nothing, any other 1; the later year on a tie.
    static func planYear(_ t: ScalarText, at offsets: [Int], date: String?) -> Int? {
        var weights: [Int: Int] = [:]
        for at in offsets {
            let d = at + 4
            guard d + 4 <= t.count, (0..<4).allSatisfy({ ScalarText.isDigit(t.scalars[d + $0]) }),
                  d + 4 == t.count || !ScalarText.isDigit(t.scalars[d + 4]) else { continue }
            let year = (0..<4).reduce(0) { $0 * 10 + Int(t.scalars[d + $1].value - 48) }
            // The words just before, within the clause (a comma or a full stop ends the look back).
            var from = at
            while from > max(0, at - 60), !",.;:\n".unicodeScalars.contains(t.scalars[from - 1]) { from -= 1 }
            let before = from..<at
            let weight = reportYearWords.first(in: t, before) != nil ? 0
                : planYearWords.first(in: t, before) != nil ? 3 : 1
            weights[year, default: 0] += weight
        }
        let issued = date.flatMap { Int($0.prefix(4)) }
        let candidates = weights.filter { (issued == nil || $0.key >= issued!) && $0.value > 0 }
        return candidates.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
    }

    /// The signer: a line that reads as a person's name, after the signature title.
    static func signer(_ lines: [String]) -> String? {
        let tail = lines.filter { !$0.isEmpty }
        guard let titleIndex = tail.lastIndex(where: { l in
            ["CHỦ TỊCH", "TM.", "KT.", "TRƯỞNG CỤM", "GIÁM ĐỐC", "BÍ THƯ"].contains { l.hasPrefix($0) }
        }) else { return nil }
        return tail[(titleIndex + 1)...].first(where: isPersonName)
    }

    static func isPersonName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase else { return false }
            return w.dropFirst().allSatisfy { $0.isLowercase }
        }
    }

    static func reportingDuty(_ t: ScalarText, at offsets: [Int]) -> String? {
        for at in offsets {
            let window = t.string(at..<min(t.count, at + 260))
            if let (m, ns) = firstMatch(reportingPattern, in: window) { return NameCleaner.clean(ns.substring(with: m.range)) }
        }
        return nil
    }

    /// "Chỉ thị số 34-CT/TW ngày 07/4/2014", each once, in order of first mention. The pattern
    /// runs only on short windows around each " số ".
    static func citations(_ t: ScalarText, at offsets: [Int]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for at in offsets {
            // Only after a document type: "Chỉ thị số", "Kế hoạch số".
            guard citedTypeScalars.contains(where: { type in
                at >= type.count && t.lower[(at - type.count)..<at].elementsEqual(type)
            }) else { continue }
            let window = t.string(max(0, at - 16)..<min(t.count, at + 48))
            guard let (match, ns) = firstMatch(citationPattern, in: window) else { continue }
            let type = ns.substring(with: match.range(at: 1))
            let number = ns.substring(with: match.range(at: 3)).trimmingCharacters(in: CharacterSet(charactersIn: "/-"))
            guard seen.insert(number).inserted else { continue }
            let date = match.range(at: 5).location != NSNotFound ? " ngày " + ns.substring(with: match.range(at: 5)) : ""
            result.append("\(type) số \(number)\(date)")
        }
        return result
    }

    /// The document an article reports on: the first one said to launch ("phát động") the campaign.
    static let citedTypeScalars = documentTypes.lowercased().split(separator: "|").map { Array($0.unicodeScalars) }

    static func launchingDocument(_ t: ScalarText, at offsets: [Int]) -> (type: String, number: String, date: String?)? {
        guard let (m, ns) = offsets.lazy.compactMap({ at in
            firstMatch(launchPattern, in: t.string(max(0, at - 120)..<min(t.count, at + 10)))
        }).first else { return nil }
        func g(_ i: Int) -> String { ns.substring(with: m.range(at: i)) }
        guard let d = Int(g(5)), let mo = Int(g(6)), let y = Int(g(7)) else { return nil }
        // "322 CTr/UBND" is the number 322/CTr-UBND written loosely.
        return (g(1), "\(g(2))/\(g(3))-\(g(4))", String(format: "%04d-%02d-%02d", y, mo, d))
    }

    static let abbreviations: [(String, String)] = [
        ("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("TĐKT", "Thi đua - Khen thưởng"), ("TĐ-KT", "Thi đua - Khen thưởng"),
    ]

    /// The issuing body: the header block above the number, or "Chủ tịch UBND tỉnh …" in the text.
    static func issuer(_ head: [String], text t: ScalarText, chair: [Int], place: String?) -> String? {
        if let header = headerBlock(head), !header.isEmpty {
            // The last lines name the issuer, the first its parent body.
            let own = sentenceCase(header.dropFirst().joined(separator: " "))
            return header.count > 1 ? own + " (" + sentenceCase(header[0]) + ")" : sentenceCase(header[0])
        }
        guard let (m, ns) = chair.lazy
            .compactMap({ firstMatch(chairPattern, in: t.string($0..<min(t.count, $0 + 80))) }).first else { return nil }
        let level = ns.substring(with: m.range(at: 3))
        var name = m.range(at: 4).location != NSNotFound ? ns.substring(with: m.range(at: 4)).trimmingCharacters(in: .whitespaces) : ""
        // A name said once may be a word that happens to follow ("thị xã Chỉ thị"): trust the
        // place of the date line, then a name the text repeats.
        if let placed = place.flatMap(placeName(in:)) {
            name = placed
        } else if name.isEmpty || occurrences(of: (level + " " + name).lowercased(), in: t, limit: 2).count < 2 {
            name = mostCited(level: level, in: t) ?? ""
        }
        return "Ủy ban nhân dân " + level + (name.isEmpty ? "" : " " + name)
    }

    /// Upper-case lines at the top, before "Số:", without the national title.
    static func headerBlock(_ lines: [String]) -> [String]? {
        guard let numberIndex = lines.prefix(30).firstIndex(where: { $0.hasPrefix("Số:") || $0.hasPrefix("Số :") }) else { return nil }
        var block: [String] = []
        for line in lines[..<numberIndex] {
            var l = line
            for title in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] {
                l = l.replacingOccurrences(of: title, with: "")
            }
            l = l.trimmingCharacters(in: .whitespaces)
            let letters = l.filter(\.isLetter)
            if !letters.isEmpty, letters.allSatisfy({ $0.isUppercase }) { block.append(l) }
        }
        return block
    }

    /// "HỘI ĐỒNG TĐKT TỈNH LẠNG SƠN" → "Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn".
    static func sentenceCase(_ upper: String) -> String {
        let words = upper.split(separator: " ").map(String.init)
        var result: [String] = []
        var capitalizeRest = false
        for (i, word) in words.enumerated() {
            if let expansion = abbreviations.first(where: { $0.0 == word })?.1 { result.append(expansion); continue }
            let lower = word.lowercased()
            if capitalizeRest || i == 0 {
                result.append(lower.prefix(1).uppercased() + lower.dropFirst())
                continue
            }
            result.append(lower)
            // A province or town name follows "tỉnh", "huyện" or "thị xã" and ends the line.
            if ["tỉnh", "huyện"].contains(lower) || (lower == "xã" && words[i - 1].lowercased() == "thị") {
                capitalizeRest = i + 1 < words.count && words.count - i - 1 <= 3
            }
        }
        return result.joined(separator: " ")
    }

    /// The proper name in "Hương Trà", "TP. Lạng Sơn".
    static func placeName(in text: String) -> String? {
        let cleaned = text.replacingOccurrences(of: "TP.", with: "")
        let tail = cleaned.split(separator: " ").reversed().prefix { $0.first?.isUppercase == true }.reversed()
        return tail.isEmpty ? nil : tail.joined(separator: " ")
    }

    /// The name most often written after "tỉnh"/"thị xã"…: the unit a text is about.
    static func mostCited(level: String, in t: ScalarText) -> String? {
        var counts: [String: Int] = [:]
        for at in occurrences(of: level + " ", in: t) {
            let start = at + level.unicodeScalars.count + 1
            // Up to two capitalised words: "Hà Giang", "Quảng Nam".
            var end = start
            var words = 0
            while words < 2, end < t.count, t.scalars[end].properties.isUppercase {
                var j = end
                while j < t.count, ScalarText.isLetter(t.scalars[j]) { j += 1 }
                end = j
                words += 1
                if end + 1 < t.count, t.scalars[end] == " ", t.scalars[end + 1].properties.isUppercase { end += 1 } else { break }
            }
            if words > 0 { counts[t.string(start..<end).trimmingCharacters(in: .whitespaces), default: 0] += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
}

extension String {
    /// A byte search that does not go through Foundation (NFC text, exact spelling).
    func hasBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        return utf8.withContiguousStorageIfAvailable { hay -> Bool in
            guard hay.count >= n.count else { return false }
            for i in 0...(hay.count - n.count) where hay[i] == first {
                var k = 1
                while k < n.count, hay[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            return false
        } ?? contains(needle)
    }
}
