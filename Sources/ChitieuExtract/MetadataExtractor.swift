import ChitieuModel
import Foundation

/// Reads the header facts of a directive: type, number, issuer, place and date, signer, theme,
/// year, reporting duty, national movements and cited documents.
///
/// Header facts live in the first lines and the signature in the last ones, so only those are
/// split into lines; whole-text facts are found by scanning the lower-cased scalars, with
/// regular expressions compiled once and run on short windows.
enum MetadataExtractor {
    static let words = WordTable.metadata
    /// Types written alone in capitals above the title ("CHỈ THỊ"), and their names.
    static let headingTypes: [(upper: String, name: String)] = words.pairs("heading_type").map { ($0.phrase.uppercased(), $0.value) }
    /// Types that cite a document ("Chỉ thị số …"), as written in running text.
    static let citedTypes: [String] = words.pairs("cited_type").map(\.value)
    static let citedTypeScalars = words.pairs("cited_type").map { Array($0.phrase.unicodeScalars) }
    static let numberLabels = words["number_label"]
    static let dayWords = words["day_word"], monthWords = words["month_word"], yearWords = words["year_word"]
    /// The day word as written in a date line: "ngày", "Ngày", "NGÀY".
    static let dayWordForms = dayWords.flatMap { [$0, $0.prefix(1).uppercased() + $0.dropFirst(), $0.uppercased()] }
    static let signerTitles = words["signer_title"]
    static let longestSignerTitle = signerTitles.map(\.count).max() ?? 0
    static let nationalTitles = words["national_title"]
    static let abbreviations: [String: String] = Dictionary(words.pairs("abbreviation").map { ($0.phrase, $0.value) }) { a, _ in a }
    static let placeLevels = Set(words["place_level"])
    static let unitLevels = words["unit_level"]
    static let committees = words.pairs("people_committee")
    static let chairTitleScalars = words["chair_title"].map { Array($0.unicodeScalars) }
    static let cityAbbreviations = words["unit_level_abbreviation"]

    // The shapes around the words, checked by the compiler. Regex is not marked Sendable, but it is
    // immutable and compiles its program once under an atomic swap, so sharing it is safe.
    nonisolated(unsafe) static let writtenDate = #/\s+(\d{1,2})\s+(\p{L}+)\s+(\d{1,2})\s+(\p{L}+)\s+(\d{4})/#
    nonisolated(unsafe) static let launchedNumber = #/ (\p{L}+) ([0-9]+)[ \/]*([A-ZĐa-zđ]+)[\/-]([A-ZĐa-zđ]+)[^,]{0,20},? (\p{L}+) ([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})[^.;]{0,40}/#
    nonisolated(unsafe) static let properName = #/ [A-ZĐ]\p{L}+(?: [A-ZĐ]\p{L}+){0,3}/#

    /// `s` after one of `phrases` at its start (compared in lower case), or nil.
    static func dropping(_ phrases: [String], from s: Substring) -> Substring? {
        for p in phrases where s.prefix(p.count).lowercased() == p { return s.dropFirst(p.count) }
        return nil
    }

    /// True for a line that starts with the number's label: "Số: 12/CT-UBND", "Số : 12".
    static func isNumberLine(_ line: String) -> Bool {
        guard let rest = dropping(numberLabels, from: Substring(line)), line.first?.isUppercase == true else { return false }
        return rest.drop { $0 == " " }.first == ":"
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
                result.append(end - start <= 250 ? t.collapsedString(start..<end) : "")
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
        if let type = head.lazy.compactMap({ line in headingTypes.first { line == $0.upper } }).first { m.type = type.name }
        if let numberLine = head.prefix(40).first(where: isNumberLine) {
            let value = numberLine.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            m.number = value.isEmpty ? nil : value
        }
        // "Vĩnh Long, ngày 26 tháng 12 năm 2023".
        for line in head where line.utf8.count > 12 && dayWordForms.contains(where: line.hasBytes) {
            if let (place, date) = placeAndDate(line) {
                m.place = place
                m.date = date
                break
            }
        }
        m.theme = theme(t, at: words["theme_lead"].flatMap(at).sorted(), head: head)
        m.planYear = planYear(t, at: yearWords.flatMap { w in at(w + " ").map { ($0, $0 + w.unicodeScalars.count + 1) } }, date: m.date)
        m.signer = signer(tail)
        if let titleIndex = head.firstIndex(where: { l in headingTypes.contains { l == $0.upper } }),
           let title = head[(titleIndex + 1)...].first(where: { !$0.isEmpty }) {
            m.title = title
        }
        m.reporting = reportingDuty(t, at: words["reporting_lead"].flatMap(at).sorted())
        m.movements = NationalMovement.all.filter { $0.spellings.contains { !at($0).isEmpty } }.map(\.code)
        m.cites = citations(t, at: numberLabels.flatMap { at(" " + $0) }.sorted())
        if m.type == nil, let own = launchingDocument(t, at: words["launch_word"].flatMap(at).sorted()),
           own.date.flatMap({ Int($0.prefix(4)) }).map({ $0 >= (m.planYear ?? 0) - 1 }) ?? true {
            // A news article about the document: "Chương trình số 322 CTr/UBND tỉnh, ngày 26/12/2023 về phát động …".
            m.type = own.type
            m.number = m.number ?? own.number
            m.date = m.date ?? own.date
        }
        m.issuer = issuer(head, text: t, chair: words["chair_title"].flatMap(at).sorted(), place: m.place)
        return m
    }

    /// The phrases looked for in every document, found in one pass.
    static let scannedPhrases: [String] = Array(Set(words["theme_lead"] + yearWords.map { $0 + " " } + words["reporting_lead"]
        + numberLabels.map { " " + $0 } + words["launch_word"] + words["chair_title"] + NationalMovement.all.flatMap(\.spellings)))

    /// Offsets of each phrase of `scannedPhrases`, by one pass over the lower-cased scalars.
    static let scannedPatterns = scannedPhrases.map { Array($0.unicodeScalars) }
    /// Pattern indices by first scalar below U+2000, as runs of one flat array: `firstRuns[v]`
    /// is where the run for scalar v starts and ends in `patternsByFirst`.
    static let (patternsByFirst, firstRuns): ([Int], [(start: Int32, end: Int32)]) = {
        var buckets = [[Int]](repeating: [], count: 0x2000)
        for (i, p) in scannedPatterns.enumerated() where p[0].value < 0x2000 { buckets[Int(p[0].value)].append(i) }
        var flat: [Int] = []
        var runs = [(start: Int32, end: Int32)](repeating: (0, 0), count: 0x2000)
        for (v, bucket) in buckets.enumerated() where !bucket.isEmpty {
            runs[v] = (Int32(flat.count), Int32(flat.count + bucket.count))
            flat += bucket
        }
        return (flat, runs)
    }()

    static func scan(_ t: ScalarText) -> [String: [Int]] {
        let patterns = scannedPatterns
        var found = [[Int]](repeating: [], count: patterns.count)
        let byFirst = patternsByFirst
        firstRuns.withUnsafeBufferPointer { runs in
            t.lower.withUnsafeBufferPointer { lower in
                let n = lower.count
                for i in 0..<n {
                    let v = lower[i].value
                    guard v < 0x2000 else { continue }
                    let run = runs[Int(v)]
                    if run.start == run.end { continue }
                    for r in Int(run.start)..<Int(run.end) {
                        let k = byFirst[r]
                        let p = patterns[k]
                        guard i + p.count <= n else { continue }
                        var j = 1
                        while j < p.count, lower[i + j] == p[j] { j += 1 }
                        if j == p.count { found[k].append(i) }
                    }
                }
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

    /// "Vĩnh Long, ngày 26 tháng 12 năm 2023": the place (the words after the last comma before
    /// the date, at most 40 letters) and the date.
    static func placeAndDate(_ line: String) -> (String?, String)? {
        let lower = line.lowercased()
        for day in dayWords {
            var from = lower.startIndex
            while let r = lower.range(of: day, range: from..<lower.endIndex) {
                from = r.upperBound
                // Lower-casing keeps the letters where they were, so offsets carry over.
                let offset = lower.distance(from: lower.startIndex, to: r.upperBound)
                let rest = line.dropFirst(offset)
                guard let m = rest.prefixMatch(of: writtenDate),
                      monthWords.contains(m.2.lowercased()), yearWords.contains(m.4.lowercased()),
                      let d = Int(m.1), let mo = Int(m.3), let y = Int(m.5), (1...31).contains(d), (1...12).contains(mo) else { continue }
                let before = line.prefix(lower.distance(from: lower.startIndex, to: r.lowerBound))
                var place: String?
                let head = before.reversed().drop { $0 == " " || $0 == "\t" }
                if head.first == ",", case let segment = head.dropFirst().prefix(while: { $0 != "," }), (2...40).contains(segment.count) {
                    place = String(segment.reversed()).trimmingCharacters(in: .whitespaces)
                }
                return (place, String(format: "%04d-%02d-%02d", y, mo, d))
            }
        }
        return nil
    }

    /// The theme: the quoted words after "chủ đề", or a quoted line standing alone at the top.
    /// The first span in quotes (“…” or "…") of 10 to 300 letters in `range`, quotes included.
    static func quotedSpan(_ t: ScalarText, in range: Range<Int>) -> Range<Int>? {
        let s = t.scalars
        var i = range.lowerBound
        while i < range.upperBound {
            if s[i] == "“" || s[i] == "\"" {
                var j = i + 1
                while j < range.upperBound, j - i - 1 <= 300, s[j] != "”", s[j] != "\"" { j += 1 }
                if j < range.upperBound, (10...300).contains(j - i - 1), s[j] == "”" || s[j] == "\"" { return i..<(j + 1) }
            }
            i += 1
        }
        return nil
    }

    static func theme(_ t: ScalarText, at offsets: [Int], head: [String]) -> String? {
        if let at = offsets.first, let quote = quotedSpan(t, in: at..<min(t.count, at + 400)) {
            return NameCleaner.clean(t, quote)
        }
        // Head lines are already collapsed and trimmed.
        for line in head.filter({ !$0.isEmpty }).prefix(10) where line.hasPrefix("“") && line.hasSuffix("”") {
            return NameCleaner.clean(line)
        }
        return nil
    }

    static let planYearWords = WordTable.assertion["plan_year"].cueWords
    static let reportYearWords = WordTable.assertion["report_year"].cueWords

    /// The year the text plans for: of the years written "năm YYYY" (not before the date of
    /// issue), the one with most weight, a mention after words of planning ("mục tiêu, nhiệm vụ
    /// năm 2026", "phát động thi đua năm 2025") weighing 3, one after words of reporting
    /// ("kết quả năm 2025", "so với năm 2023") nothing, any other 1; the later year on a tie.
    static func planYear(_ t: ScalarText, at offsets: [(word: Int, digits: Int)], date: String?) -> Int? {
        var weights: [Int: Int] = [:]
        for (at, d) in offsets {
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
            guard l.first?.isUppercase == true else { return false }
            let start = l.prefix(longestSignerTitle).lowercased()
            return signerTitles.contains { start.hasPrefix($0) }
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

    /// "Định kỳ 6 tháng, hằng năm, các đơn vị báo cáo …": the duty, to the end of its clause.
    static func reportingDuty(_ t: ScalarText, at offsets: [Int]) -> String? {
        let frequencies = words["reporting_frequency"]
        for at in offsets {
            var end = at
            while end < min(t.count, at + 260), !".;\n".unicodeScalars.contains(t.scalars[end]) { end += 1 }
            let clause = t.string(at..<end)
            let lower = clause.lowercased()
            guard let lead = words["reporting_lead"].first(where: lower.hasPrefix) else { continue }
            // The frequency within 40 letters of the lead, the duty at most 160 after it.
            let window = lower.dropFirst(lead.count).prefix(40 + (frequencies.map(\.count).max() ?? 0))
            guard let found = frequencies.lazy.compactMap({ window.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }),
                  window.distance(from: window.startIndex, to: found.lowerBound) <= 40 else { continue }
            let frequencyEnd = lead.count + window.distance(from: window.startIndex, to: found.upperBound)
            return NameCleaner.clean(String(clause.prefix(frequencyEnd + 160)))
        }
        return nil
    }

    /// "Chỉ thị số 34-CT/TW ngày 07/4/2014", each once, in order of first mention, read only
    /// where " số " follows a document type.
    static func citations(_ t: ScalarText, at offsets: [Int]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for at in offsets {
            // Only after a document type as written in a sentence: "Chỉ thị số", "Kế hoạch số".
            guard let k = citedTypeScalars.firstIndex(where: { type in at >= type.count && t.hasWord(type, at: at - type.count) }),
                  t.string((at - citedTypeScalars[k].count)..<at) == citedTypes[k] else { continue }
            guard let label = numberLabels.first(where: { t.hasWord(Array($0.unicodeScalars), at: at + 1) }),
                  let cited = citedNumber(t, from: at + 1 + label.unicodeScalars.count, limit: min(t.count, at + 48)),
                  seen.insert(cited.number).inserted else { continue }
            result.append("\(citedTypes[k]) \(label) \(cited.number)" + (cited.date.map { " " + $0 } ?? ""))
        }
        return result
    }

    static let codeScalars = Set("ĐđÐ/-".unicodeScalars)

    /// After "số": ":? ?" then the number "34-CT/TW" (digits, a "/" or "-", then letters, digits,
    /// "/" and "-"), and an optional ",? ngày 07/4/2014" after it.
    static func citedNumber(_ t: ScalarText, from: Int, limit: Int) -> (number: String, date: String?)? {
        let s = t.scalars
        var i = from
        if i < limit, s[i] == ":" { i += 1 }
        if i < limit, s[i] == " " { i += 1 }
        let start = i
        while i < limit, ScalarText.isDigit(s[i]) { i += 1 }
        guard i > start, i < limit, s[i] == "/" || s[i] == "-" else { return nil }
        i += 1
        let codeStart = i
        while i < limit, s[i].isASCII && (ScalarText.isDigit(s[i]) || ScalarText.isLetter(s[i])) || codeScalars.contains(s[i]) { i += 1 }
        guard i > codeStart else { return nil }
        var end = i
        while end > start, s[end - 1] == "/" || s[end - 1] == "-" { end -= 1 }
        let number = t.string(start..<end)
        // ",? ngày dd/mm/yyyy"
        var j = i
        if j < limit, s[j] == "," { j += 1 }
        guard j < limit, s[j] == " " else { return (number, nil) }
        j += 1
        let wordStart = j
        while j < limit, ScalarText.isLetter(s[j]) { j += 1 }
        let word = t.lower[wordStart..<j]
        guard j < limit, s[j] == " ", dayScalars.contains(where: { $0.elementsEqual(word) }) else { return (number, nil) }
        j += 1
        let dateStart = j
        for (minimum, maximum, separator) in [(1, 2, true), (1, 2, true), (4, 4, false)] {
            let digits = j
            while j < limit, j - digits < maximum, ScalarText.isDigit(s[j]) { j += 1 }
            guard j - digits >= minimum else { return (number, nil) }
            if separator {
                guard j < limit, s[j] == "/" else { return (number, nil) }
                j += 1
            }
        }
        if j < s.count, ScalarText.isDigit(s[j]) { return (number, nil) }
        return (number, t.string(wordStart..<(wordStart + word.count)) + " " + t.string(dateStart..<j))
    }
    static let dayScalars = dayWords.map { Array($0.unicodeScalars) }

    /// The document an article reports on: the first one said to launch ("phát động") the
    /// campaign within the 120 letters before the verb.
    static func launchingDocument(_ t: ScalarText, at offsets: [Int]) -> (type: String, number: String, date: String?)? {
        for at in offsets {
            let from = max(0, at - 120)
            for start in from..<at {
                guard let k = citedTypeScalars.firstIndex(where: { t.hasWord($0, at: start) }) else { continue }
                let type = citedTypes[k]
                let end = start + citedTypeScalars[k].count
                if end <= at, t.string(start..<end) == type {
                    guard let m = t.string(end..<at).wholeMatch(of: launchedNumber),
                          numberLabels.contains(String(m.1)), dayWords.contains(String(m.5)),
                          let d = Int(m.6), let mo = Int(m.7), let y = Int(m.8) else { continue }
                    // "322 CTr/UBND" is the number 322/CTr-UBND written loosely.
                    return (type, "\(m.2)/\(m.3)-\(m.4)", String(format: "%04d-%02d-%02d", y, mo, d))
                }
            }
        }
        return nil
    }

    /// The issuing body: the header block above the number, or "Chủ tịch UBND tỉnh …" in the text.
    static func issuer(_ head: [String], text t: ScalarText, chair: [Int], place: String?) -> String? {
        if let header = headerBlock(head), !header.isEmpty {
            // The last lines name the issuer, the first its parent body.
            let own = sentenceCase(header.dropFirst().joined(separator: " "))
            return header.count > 1 ? own + " (" + sentenceCase(header[0]) + ")" : sentenceCase(header[0])
        }
        // Most "chủ tịch" in an article are people's titles: the committee must follow before a String is made.
        let committeeWords = committees.map { Array($0.phrase.unicodeScalars) }
        let chairs = chair.filter { at in
            guard let title = chairTitleScalars.first(where: { t.hasWord($0, at: at) }) else { return false }
            return t.firstWord(of: committeeWords, at: t.skipSpaces(at + title.count)) != nil
        }
        guard let (level, said) = chairs.lazy.compactMap({ chaired(t.string($0..<min(t.count, $0 + 80))) }).first else { return nil }
        var name = said
        // A name said once may be a word that happens to follow ("thị xã Chỉ thị"): trust the
        // place of the date line, then a name the text repeats.
        if let placed = place.flatMap(placeName(in:)) {
            name = placed
        } else if name.isEmpty || occurrences(of: (level + " " + name).lowercased(), in: t, limit: 2).count < 2 {
            name = mostCited(level: level, in: t) ?? ""
        } else if let cited = mostCited(level: level, in: t), name.hasPrefix(cited + " ") {
            // "thành phố Hải Phòng Nguyễn Văn Tùng": the chair's own name follows the place's.
            name = cited
        }
        return committees[0].value + " " + level + (name.isEmpty ? "" : " " + name)
    }

    /// "Chủ tịch UBND tỉnh Lạng Sơn …": the level ("tỉnh") and the name after it, if any.
    static func chaired(_ s: String) -> (level: String, name: String)? {
        guard let afterTitle = dropping(words["chair_title"], from: Substring(s)), afterTitle.first == " ",
              let afterCommittee = dropping(committees.map(\.phrase), from: afterTitle.dropFirst()), afterCommittee.first == " ",
              let level = unitLevels.first(where: { afterCommittee.dropFirst().hasPrefix($0) }) else { return nil }
        let rest = afterCommittee.dropFirst(1 + level.count)
        guard rest.first.map({ !$0.isLetter }) ?? true else { return nil }
        let name = rest.prefixMatch(of: properName).map { String($0.0).trimmingCharacters(in: .whitespaces) } ?? ""
        return (level, name)
    }

    /// Upper-case lines at the top, before "Số:", without the national title.
    static func headerBlock(_ lines: [String]) -> [String]? {
        guard let numberIndex = lines.prefix(30).firstIndex(where: isNumberLine) else { return nil }
        var block: [String] = []
        for line in lines[..<numberIndex] {
            var l = line
            let lower = l.lowercased()
            for title in nationalTitles where lower.hasBytes(title) {
                while let r = l.range(of: title, options: .caseInsensitive) { l.removeSubrange(r) }
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
            if let expansion = abbreviations[word.lowercased()] { result.append(expansion); continue }
            let lower = word.lowercased()
            if capitalizeRest || i == 0 {
                result.append(lower.prefix(1).uppercased() + lower.dropFirst())
                continue
            }
            result.append(lower)
            // A province or town name follows "tỉnh", "huyện" or "thị xã" and ends the line.
            if placeLevels.contains(lower) || (i > 0 && placeLevels.contains(words[i - 1].lowercased() + " " + lower)) {
                capitalizeRest = i + 1 < words.count && words.count - i - 1 <= 3
            }
        }
        return result.joined(separator: " ")
    }

    /// The proper name in "Hương Trà", "TP. Lạng Sơn".
    static func placeName(in text: String) -> String? {
        var cleaned = text
        for abbreviation in cityAbbreviations where abbreviation.hasSuffix(".") {
            while let r = cleaned.range(of: abbreviation, options: .caseInsensitive) { cleaned.removeSubrange(r) }
        }
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
