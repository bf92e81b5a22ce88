import ChitieuModel
import Foundation

/// Reads the header facts of a directive: type, number, place and date, signer, theme, year.
enum MetadataExtractor {
    static let types: [(upper: String, name: String)] = [
        ("CHỈ THỊ", "Chỉ thị"), ("CHƯƠNG TRÌNH", "Chương trình"), ("KẾ HOẠCH", "Kế hoạch"), ("NGHỊ QUYẾT", "Nghị quyết"),
        ("PHÁT ĐỘNG", "Phát động"), ("QUYẾT ĐỊNH", "Quyết định"), ("THÔNG BÁO", "Thông báo"), ("HƯỚNG DẪN", "Hướng dẫn"),
    ]

    static func extract(_ t: ScalarText, lines: Locator) -> DocumentMetadata {
        let full = t.string(0..<t.count)
        let textLines = full.split(separator: "\n", omittingEmptySubsequences: false).map {
            NameCleaner.collapseSpaces(String($0).replacingOccurrences(of: "**", with: ""))
        }
        var m = DocumentMetadata()
        // The type is a line in capitals on its own near the top: "CHỈ THỊ".
        for line in textLines.prefix(60) {
            if let type = types.first(where: { line == $0.upper }) {
                m.type = type.name
                break
            }
        }
        if let numberLine = textLines.prefix(40).first(where: { $0.hasPrefix("Số:") || $0.hasPrefix("Số :") }) {
            let value = numberLine.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            m.number = value.isEmpty ? nil : value
        }
        // "Vĩnh Long, ngày 26 tháng 12 năm 2023".
        for line in textLines.prefix(60) {
            if let (place, date) = placeAndDate(line) {
                m.place = place
                m.date = date
                break
            }
        }
        m.theme = theme(full)
        m.planYear = planYear(textLines, date: m.date)
        m.signer = signer(textLines)
        if let titleIndex = textLines.prefix(60).firstIndex(where: { l in types.contains { l == $0.upper } }),
           let title = textLines[(titleIndex + 1)...].first(where: { !$0.isEmpty }) {
            m.title = title
        }
        m.reporting = reportingDuty(full)
        m.movements = movements(full)
        m.cites = citations(full)
        if m.type == nil, let own = launchingDocument(full), own.date.flatMap({ Int($0.prefix(4)) }).map({ $0 >= (m.planYear ?? 0) - 1 }) ?? true {
            // A news article about the document: "Chương trình số 322 CTr/UBND tỉnh, ngày 26/12/2023 về phát động …".
            m.type = m.type ?? own.type
            m.number = m.number ?? own.number
            m.date = m.date ?? own.date
        }
        m.issuer = issuer(textLines, full: full, place: m.place)
        return m
    }

    /// The national movements the text names, in the canonical list's order.
    static func movements(_ full: String) -> [String] {
        let lower = full.lowercased()
        return NationalMovement.all.filter { movement in movement.spellings.contains { lower.contains($0) } }.map(\.code)
    }

    static let documentTypes = "Chỉ thị|Nghị quyết|Kế hoạch|Quyết định|Chương trình|Kết luận|Nghị định|Thông tư|Luật|Hướng dẫn|Công văn|Thông báo"

    /// "Chỉ thị số 34-CT/TW ngày 07/4/2014", each once, in order of first mention.
    static func citations(_ full: String) -> [String] {
        let pattern = "(\(documentTypes)) (số|số:) ?([0-9]+[/-][0-9A-Za-zĐđ/-]+)(,? ngày ([0-9]{1,2}/[0-9]{1,2}/[0-9]{4}))?"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        var seen = Set<String>()
        var result: [String] = []
        let ns = full as NSString
        for match in regex.matches(in: full, range: NSRange(location: 0, length: ns.length)) {
            let type = ns.substring(with: match.range(at: 1))
            let number = ns.substring(with: match.range(at: 3)).trimmingCharacters(in: CharacterSet(charactersIn: "/-"))
            guard seen.insert(number).inserted else { continue }
            let date = match.range(at: 5).location != NSNotFound ? " ngày " + ns.substring(with: match.range(at: 5)) : ""
            result.append("\(type) số \(number)\(date)")
        }
        return result
    }

    /// The document an article reports on: the first one said to launch ("phát động") the campaign.
    static func launchingDocument(_ full: String) -> (type: String, number: String, date: String?)? {
        let pattern = "(\(documentTypes)) số ([0-9]+)[ /]*([A-ZĐa-zđ]+)[/-]([A-ZĐa-zđ]+)[^,]{0,20},? ngày ([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[^.;]{0,40}phát động"
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: full, range: NSRange(location: 0, length: (full as NSString).length)) else { return nil }
        let ns = full as NSString
        func g(_ i: Int) -> String { ns.substring(with: m.range(at: i)) }
        guard let d = Int(g(5)), let mo = Int(g(6)), let y = Int(g(7)) else { return nil }
        // "322 CTr/UBND" is the number 322/CTr-UBND written loosely.
        return (g(1), "\(g(2))/\(g(3))-\(g(4))", String(format: "%04d-%02d-%02d", y, mo, d))
    }

    static let abbreviations: [(String, String)] = [
        ("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("TĐKT", "Thi đua - Khen thưởng"), ("TĐ-KT", "Thi đua - Khen thưởng"),
    ]

    /// The issuing body: the header block above the number, or "Chủ tịch UBND tỉnh …" in the text.
    static func issuer(_ lines: [String], full: String, place: String?) -> String? {
        if let header = headerBlock(lines), !header.isEmpty {
            // The last lines name the issuer, the first its parent body.
            let own = sentenceCase(header.dropFirst().joined(separator: " "))
            return header.count > 1 ? own + " (" + sentenceCase(header[0]) + ")" : sentenceCase(header[0])
        }
        let pattern = "(Chủ tịch|CHỦ TỊCH) (Ủy ban nhân dân|UBND|Uỷ ban nhân dân) (tỉnh|thị xã|huyện|thành phố|xã|phường)( [A-ZĐ][\\p{L}]+( [A-ZĐ][\\p{L}]+){0,3})?"
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: full, range: NSRange(location: 0, length: (full as NSString).length)) else { return nil }
        let ns = full as NSString
        let level = ns.substring(with: m.range(at: 3))
        var name = m.range(at: 4).location != NSNotFound ? ns.substring(with: m.range(at: 4)).trimmingCharacters(in: .whitespaces) : ""
        // A name said once may be a word that happens to follow ("thị xã Chỉ thị", "tỉnh Ba là"):
        // trust the place of the date line, then a name the text repeats.
        if let placed = place.flatMap(placeName(in:)) {
            name = placed
        } else if name.isEmpty || full.components(separatedBy: level + " " + name).count < 3 {
            name = mostCited(level: level, in: full) ?? ""
        }
        return ("Ủy ban nhân dân " + level + (name.isEmpty ? "" : " " + name))
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
        var words = upper.split(separator: " ").map(String.init)
        var result: [String] = []
        var capitalizeRest = false
        for (i, word) in words.enumerated() {
            if let expansion = abbreviations.first(where: { $0.0 == word })?.1 { result.append(expansion); continue }
            let lower = word.lowercased()
            if capitalizeRest {
                result.append(lower.prefix(1).uppercased() + lower.dropFirst())
                continue
            }
            result.append(i == 0 ? lower.prefix(1).uppercased() + lower.dropFirst() : lower)
            // A province or town name follows "tỉnh"/"thị xã"/"huyện" and ends the line.
            if ["tỉnh", "huyện"].contains(lower) || (lower == "xã" && i > 0 && words[i - 1].lowercased() == "thị") {
                capitalizeRest = i + 1 < words.count && words.count - i - 1 <= 3
            }
        }
        words = result
        return words.joined(separator: " ")
    }

    /// The proper name in "Hương Trà", "TP. Lạng Sơn", "Ủy ban nhân dân tỉnh Hà Giang".
    static func placeName(in text: String) -> String? {
        let cleaned = text.replacingOccurrences(of: "TP. ", with: "").replacingOccurrences(of: "TP.", with: "")
        let words = cleaned.split(separator: " ")
        let tail = words.reversed().prefix { $0.first?.isUppercase == true }.reversed()
        return tail.isEmpty ? nil : tail.joined(separator: " ")
    }

    /// The name most often written after "tỉnh"/"thị xã"…: the unit a text is about.
    static func mostCited(level: String, in full: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: level + " ([A-ZĐ][\\p{L}]+( [A-ZĐ][\\p{L}]+)?)") else { return nil }
        let ns = full as NSString
        var counts: [String: Int] = [:]
        for m in regex.matches(in: full, range: NSRange(location: 0, length: ns.length)) {
            counts[ns.substring(with: m.range(at: 1)), default: 0] += 1
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    static func placeAndDate(_ line: String) -> (String?, String)? {
        guard let r = line.range(of: #"(?:([^,]{2,40}),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"#, options: .regularExpression) else { return nil }
        let match = String(line[r])
        let numbers = match.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 3 else { return nil }
        let (d, mo, y) = (numbers[numbers.count - 3], numbers[numbers.count - 2], numbers[numbers.count - 1])
        guard (1...31).contains(d), (1...12).contains(mo) else { return nil }
        let place = match.contains(",") ? String(match.prefix { $0 != "," }).trimmingCharacters(in: .whitespaces) : nil
        return (place, String(format: "%04d-%02d-%02d", y, mo, d))
    }

    /// The theme: the quoted words after "chủ đề", or a quoted line standing alone at the top.
    static func theme(_ full: String) -> String? {
        let quoted = #"[“"]([^”"]{10,300})[”"]"#
        if let r = full.range(of: "chủ đề", options: .caseInsensitive) {
            let tail = full[r.upperBound...].prefix(400)
            if let q = tail.range(of: quoted, options: .regularExpression) {
                return NameCleaner.clean(String(tail[q]))
            }
        }
        for line in full.split(separator: "\n").prefix(10) {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("“"), l.hasSuffix("”") { return NameCleaner.clean(l) }
        }
        return nil
    }

    static func planYear(_ lines: [String], date: String?) -> Int? {
        var counts: [Int: Int] = [:]
        for line in lines {
            var rest = Substring(line)
            while let r = rest.range(of: #"năm \d{4}"#, options: .regularExpression) {
                if let y = Int(rest[r].suffix(4)) { counts[y, default: 0] += 1 }
                rest = rest[r.upperBound...]
            }
        }
        let issued = date.flatMap { Int($0.prefix(4)) }
        let candidates = counts.filter { issued == nil || $0.key >= issued! }
        return candidates.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
    }

    /// The signer: the last line that reads as a person's name, after the signature title.
    static func signer(_ lines: [String]) -> String? {
        let tail = lines.suffix(12).filter { !$0.isEmpty }
        guard let titleIndex = tail.lastIndex(where: { l in
            ["CHỦ TỊCH", "TM.", "KT.", "TRƯỞNG CỤM", "GIÁM ĐỐC", "BÍ THƯ"].contains { l.hasPrefix($0) }
        }) else { return nil }
        for line in tail[(titleIndex + 1)...] where isPersonName(line) { return line }
        // "CHỦ TỊCH UBND THÀNH PHỐ Nguyễn Văn Hạnh" on one line.
        return nil
    }

    static func isPersonName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase else { return false }
            return w.dropFirst().allSatisfy { $0.isLowercase }
        }
    }

    static func reportingDuty(_ full: String) -> String? {
        guard let r = full.range(of: #"định kỳ[^.;\n]{0,40}(6 tháng|sáu tháng|hằng năm|hàng năm)[^.;\n]{0,160}"#, options: [.regularExpression, .caseInsensitive])
        else { return nil }
        return NameCleaner.clean(String(full[r]))
    }
}
