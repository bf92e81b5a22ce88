/// A clause of a text: the stretch between sentence-level separators, where one or a few
/// targets are stated. `itemMarker` is true when the clause opens a numbered item "(7)".
struct Clause {
    var range: Range<Int>
    var itemMarker: Bool
    /// The clause opens a line.
    var startsLine: Bool = false
    /// The clause opens a sentence (after ".", "!", "?" or a line break).
    var startsSentence: Bool = false
}

/// A segment of a clause: one target's words. "trong đó" segments belong to the target before.
struct Segment {
    var range: Range<Int>
    var isSubTarget: Bool
}

enum ClauseSplitter {
    /// Splits at line breaks, ";", ":", sentence ends and numbered item markers "(1)".
    static func clauses(_ t: ScalarText) -> [Clause] {
        var result: [Clause] = []
        var start = 0
        var marker = false
        var lineStart = true
        var sentenceStart = true
        var i = 0
        func close(_ end: Int, next: Int, nextMarker: Bool, newLine: Bool = false, newSentence: Bool = false) {
            if end > start { result.append(Clause(range: start..<end, itemMarker: marker, startsLine: lineStart, startsSentence: sentenceStart)) }
            start = next
            marker = nextMarker
            lineStart = newLine
            sentenceStart = newLine || newSentence || nextMarker
        }
        let s = t.scalars
        while i < s.count {
            let c = s[i]
            switch c {
            case "\n":
                close(i, next: i + 1, nextMarker: false, newLine: true)
            case "!", "?":
                close(i, next: i + 1, nextMarker: false, newSentence: true)
            case ";", "…":
                close(i, next: i + 1, nextMarker: false)
            case ":":
                // "Tốc độ tăng trưởng kinh tế: 7,5-8%" keeps the name with its number.
                if !introducesNumber(t, after: i + 1) { close(i, next: i + 1, nextMarker: false) }
            case ".":
                // A sentence ends at a dot followed by a space or the end, not inside "2.460".
                if i + 1 >= s.count || ScalarText.isSpace(s[i + 1]) || s[i + 1] == "\n" || s[i + 1] == "." {
                    close(i, next: i + 1, nextMarker: false, newSentence: true)
                }
            case "(":
                // "(12)" opens a numbered item.
                var j = i + 1
                while j < s.count, j - i <= 3, ScalarText.isDigit(s[j]) { j += 1 }
                if j > i + 1, j < s.count, s[j] == ")" {
                    close(i, next: j + 1, nextMarker: true)
                    i = j
                }
            default: break
            }
            i += 1
        }
        close(s.count, next: s.count, nextMarker: false)
        return result
    }

    /// "trong đó": what follows are parts of the target before.
    static let subListWords = Lexicon.words("sub_list")
    /// "và": joins two targets in one clause.
    static let andWords = Lexicon.words("and_word")
    static let andInitials = Set(andWords.compactMap(\.first))

    /// The length of a sub-list opener ("trong đó") at `i`, or nil.
    static func subList(_ t: ScalarText, at i: Int) -> Int? { t.firstWord(of: subListWords, at: i)?.count }

    /// True when a colon is followed by a number, or by a comparator word and a number.
    static func introducesNumber(_ t: ScalarText, after i: Int) -> Bool {
        var j = t.skipSpaces(i)
        if j < t.count, ScalarText.isDigit(t.scalars[j]) { return true }
        for _ in 0..<3 {
            guard let w = t.firstWord(of: Lexicon.colonCues, at: j) else { return false }
            j = t.skipSpaces(j + w.count)
            if j < t.count, ScalarText.isDigit(t.scalars[j]) { return true }
        }
        return false
    }

    /// Splits a clause where a new target starts: after a comma or "và" followed by a word that
    /// opens a target ("nâng", "tỷ lệ", "thu"…) or by a number, and at "(trong đó".
    static func segments(_ t: ScalarText, clause: Range<Int>) -> [Segment] {
        var result: [Segment] = []
        var start = clause.lowerBound
        var sub = false
        let s = t.scalars
        var i = clause.lowerBound
        func close(_ end: Int, next: Int, nextSub: Bool) {
            if end > start { result.append(Segment(range: start..<end, isSubTarget: sub)) }
            start = next
            sub = nextSub
        }
        if subList(t, at: t.skipSpaces(start, limit: clause.upperBound)) != nil { sub = true }
        while i < clause.upperBound {
            let c = s[i]
            // A comma inside "7,5" is a decimal mark, not a break: breaks have a space after them.
            let isBreak = c == "," && i + 1 < clause.upperBound && ScalarText.isSpace(s[i + 1])
            let joiner = !isBreak && c != "(" && andInitials.contains(c) ? t.firstWord(of: andWords, at: i) : nil
            if isBreak || c == "(" || joiner != nil {
                let after = t.skipSpaces(i + (joiner?.count ?? 1), limit: clause.upperBound)
                guard after < clause.upperBound else { i += 1; continue }
                // "trong đó, thu nội địa …": the comma after "trong đó" does not end its segment.
                let opened = t.skipSpaces(start, limit: clause.upperBound)
                if let length = subList(t, at: opened), t.skipSpacesBack(i, limit: opened) == opened + length {
                    i += 1
                    continue
                }
                if subList(t, at: after) != nil {
                    close(i, next: after, nextSub: true)
                } else if c == "(" {
                    // Parentheses inside a name stay in the name: "(GRDP giá so sánh)".
                } else if t.firstWord(of: Lexicon.starterWords, at: after) != nil || ScalarText.isDigit(s[after]) {
                    // Items after "trong đó" stay sub-targets to the end of the clause: "trong đó 25 xã … và 8 xã …".
                    close(i, next: after, nextSub: sub)
                }
            } else if c == ")", sub {
                close(i, next: i + 1, nextSub: false)
            }
            i += 1
        }
        close(clause.upperBound, next: clause.upperBound, nextSub: false)
        return result
    }
}
