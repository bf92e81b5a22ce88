import ChitieuModel

/// What a number asserts, read as a careful reader does: a target of the plan period, or a
/// result (achieved, estimated, a past period's), or an older target replaced. Decided from the
/// document's plan year, the time the narrative is in, and cue words (Resources/lexicon/assertion.tsv).
enum Assertion: Equatable {
    /// With the evidence that decided.
    case target([String])
    case result(String)
    case superseded(String)
}

/// The time the text is speaking of: set by a clause that names years ("Năm 2024, …") or the
/// past ("Trong năm qua, …"), kept by the clauses after it ("Trong đó, …") until another sets it.
struct TimeFrame {
    enum Time: Equatable { case plan, past(String) }
    private(set) var time: Time = .plan

    static let table = WordTable.assertion
    static let ofPlanWords = table["of_plan"].scalarWords
    static let planValueWords = table["plan_value"].scalarWords
    /// A result cue met earlier in the paragraph ("ước đạt 5,77%; trong đó, khu vực I tăng
    /// 2,65%. GRDP bình quân đầu người đạt 60,10 triệu đồng."), until a target cue or the plan year.
    private(set) var sentenceResult: String?

    /// The cues and years of the current sentence, found in one pass.
    private(set) var cues = SentenceCues()

    /// A new paragraph: what the last one said of results does not carry.
    mutating func newParagraph() { sentenceResult = nil }

    /// A sentence that reports several results and sets no target ("… ước đạt 6.700 tỷ đồng
    /// (bằng 100% KH); … ước đạt 11.527 tỷ đồng (vượt 24,7% KH) …") reports all its numbers.
    mutating func newSentence(_ t: ScalarText, _ range: Range<Int>) {
        cues = SentenceCues(t, range)
        guard cues.first(.target, in: range) == nil else { sentenceResult = nil; return }
        if cues.count(.result, in: range) >= 2 { sentenceResult = "câu báo cáo nhiều kết quả" }
    }

    /// True when the current sentence names both a year before the plan year and the plan year or later.
    func sentenceMixesYears(planYear: Int?) -> Bool {
        guard let planYear else { return false }
        let years = cues.years(in: 0..<Int.max)
        return years.contains { $0 < planYear } && years.contains { $0 >= planYear }
    }
    /// "năm": the word before a year.
    static let yearWords = WordTable.assertion["year_word"].scalarWords
    /// Words before a year that make it a base of comparison, not the time spoken of:
    /// "so với năm 2023", "giá so sánh năm 2010", "so với dự toán năm 2024".
    static let comparisonBases = WordTable.assertion["comparison"].cueWords

    /// Moves the frame on over one clause.
    mutating func read(_ t: ScalarText, clause: Range<Int>, planYear: Int?) {
        let years = cues.years(in: clause)
        if let planYear, !years.isEmpty {
            let past = years.filter { $0 < planYear }
            // A clause naming both ("kết quả năm 2025; mục tiêu năm 2026") keeps the frame.
            if past.count == years.count { time = .past("năm \(past.max()!)") }
            else if past.isEmpty { time = .plan; sentenceResult = nil }
            return
        }
        if let word = cues.first(.past, in: clause) { time = .past(word); return }
        if cues.first(.target, in: clause) != nil { time = .plan; sentenceResult = nil }
    }

    static let comparedWith = WordTable.assertion["compared_with"].cueWords
    static let changeWords = Lexicon.increase + Lexicon.decrease
    /// Words that may stand between a plan word and its value: "chỉ tiêu nghị quyết là 7,5%".
    static let planValueLinks = WordTable.assertion["plan_value_link"].scalarWords

    /// True when only a comma and "tăng"/"giảm" stand between an amount and this rate, and the
    /// rate is compared with something ("so với …"): the amount's change, said along with it.
    static func growthOfAmount(_ t: ScalarText, between: Range<Int>, after: Range<Int>) -> Bool {
        guard between.lowerBound <= between.upperBound else { return false }
        var i = t.skipSpaces(between.lowerBound, limit: between.upperBound)
        guard i < between.upperBound, t.scalars[i] == "," else { return false }
        i = t.skipSpaces(i + 1, limit: between.upperBound)
        guard let verb = t.firstWord(of: Self.changeWords, at: i),
              t.skipSpaces(i + verb.count, limit: between.upperBound) == between.upperBound else { return false }
        let end = min(after.upperBound, after.lowerBound + 16)
        return comparedWith.first(in: t, after.lowerBound..<end) != nil
    }

    static let listDashes = Set("-–".unicodeScalars)
    static func isValueScalar(_ c: Unicode.Scalar) -> Bool { ScalarText.isDigit(c) || c == "," || c == "." || c == "%" }

    /// "100% KH", "24,7% kế hoạch", "70,8% dự toán" in a stretch.
    static func shareOfPlan(_ t: ScalarText, in range: Range<Int>) -> String? {
        var i = range.lowerBound
        while i < range.upperBound {
            if t.scalars[i] == "%" {
                let j = t.skipSpaces(i + 1, limit: range.upperBound)
                if let word = t.firstWord(of: ofPlanWords, at: j), j + word.count <= range.upperBound {
                    var start = i
                    while start > range.lowerBound, !ScalarText.isSpace(t.scalars[start - 1]), t.scalars[start - 1] != "(" { start -= 1 }
                    return "so với kế hoạch: \(t.string(start..<(j + word.count)))"
                }
            }
            i += 1
        }
        return nil
    }

    /// What a quantity asserts. `before` are the words of its segment before it, `after` those
    /// after it to the segment's end, `clause` the clause around it.
    mutating func judge(_ t: ScalarText, quantity q: Quantity, before: Range<Int>, after: Range<Int>, clause: Range<Int>, planYear: Int?) -> Assertion {
        let decided = decide(t, quantity: q, before: before, after: after, clause: clause)
        switch decided {
        case .result(let why):
            sentenceResult = why
            return decided
        case .target(let evidence):
            return .target((planYear.map { ["năm kế hoạch \($0)"] } ?? []) + evidence)
        case .superseded:
            return decided
        }
    }

    private func decide(_ t: ScalarText, quantity q: Quantity, before: Range<Int>, after: Range<Int>, clause: Range<Int>) -> Assertion {
        let near = max(before.lowerBound, before.upperBound - 40)..<before.upperBound
        if let word = cues.first(.superseded, in: near) { return .superseded(word) }
        // The plan's own value: "2,89/3,84%", "(NQ 6,5%)", "(chỉ tiêu nghị quyết là 7,5 - 8%)".
        if q.planOfPair { return .target(["số sau dấu / là kế hoạch (đạt/kế hoạch)"]) }
        var cue = t.skipSpacesBack(q.start, limit: before.lowerBound)
        // "(NQ 41,42% - 16,84% - 38,56%)": the values listed after the plan's first value share its cue.
        while cue > before.lowerBound, Self.listDashes.contains(t.scalars[cue - 1]) {
            let valueEnd = t.skipSpacesBack(cue - 1, limit: before.lowerBound)
            var valueStart = valueEnd
            while valueStart > before.lowerBound, Self.isValueScalar(t.scalars[valueStart - 1]) { valueStart -= 1 }
            guard valueStart < valueEnd, ScalarText.isDigit(t.scalars[valueStart]) else { break }
            cue = t.skipSpacesBack(valueStart, limit: before.lowerBound)
        }
        for word in Self.planValueLinks where t.wordEnding(at: cue, in: [word], limit: before.lowerBound) != nil {
            cue = t.skipSpacesBack(cue - word.count, limit: before.lowerBound)
        }
        if let word = t.wordEnding(at: cue, in: Self.planValueWords, limit: before.lowerBound) {
            return .target(["số của kế hoạch, sau \"\(String(String.UnicodeScalarView(word)))\""])
        }
        let targetCue = cues.first(.target, in: clause)
        let setsTarget = targetCue != nil
        // "vượt 24,7% KH", "đạt 70,8% dự toán": the share of a plan achieved.
        if q.unit == "%" {
            var j = t.skipSpaces(q.end, limit: after.upperBound)
            if j < after.upperBound, t.scalars[j] == "(" { j = t.skipSpaces(j + 1, limit: after.upperBound) }
            if let word = t.firstWord(of: Self.ofPlanWords, at: j), !setsTarget { return .result("\(q.value)% \(String(String.UnicodeScalarView(word)))") }
        }
        if !setsTarget, let word = cues.first(.result, in: clause.lowerBound..<before.upperBound) { return .result(word) }
        // "đạt 82% (bằng 100% KH)", "có thêm 6 trường đạt chuẩn, đạt 100% KH": a figure set
        // against its plan in its own clause is what was achieved.
        if !setsTarget, let share = Self.shareOfPlan(t, in: q.end..<clause.upperBound) { return .result(share) }
        if !setsTarget, let word = cues.first(.resultAfter, in: after) { return .result(word) }
        if case .past(let why) = time, !setsTarget { return .result(why) }
        if let why = sentenceResult, !setsTarget { return .result(why) }
        return .target(targetCue.map { ["từ đặt chỉ tiêu: \($0)"] } ?? ["không có dấu hiệu kết quả hay năm đã qua"])
    }
}

extension Array where Element == String {
    /// `scalarWords`, with the index that lets a search skip most positions at once.
    var cueWords: CueWords { CueWords(scalarWords) }
}

/// Cue phrases searched for in stretches of text: only positions whose scalar can begin one of
/// them are tried, so a search costs about one comparison per scalar.
struct CueWords: Sendable {
    let phrases: [[Unicode.Scalar]]
    /// Whether a scalar (of the Basic Multilingual Plane, where Vietnamese is) begins a phrase.
    private let begins: [Bool]

    init(_ phrases: [[Unicode.Scalar]]) {
        self.phrases = phrases
        var begins = [Bool](repeating: false, count: 0x10000)
        for first in phrases.compactMap(\.first) where first.value < 0x10000 { begins[Int(first.value)] = true }
        self.begins = begins
    }

    /// The first phrase found in `range`, whole words.
    func first(in t: ScalarText, _ range: Range<Int>) -> String? {
        var i = range.lowerBound
        while i < range.upperBound {
            let v = Int(t.lower[i].value)
            if v < 0x10000, begins[v], let w = t.firstWord(of: phrases, at: i), i + w.count <= range.upperBound {
                return String(String.UnicodeScalarView(w))
            }
            i += 1
        }
        return nil
    }
}


/// The cue phrases and years of one sentence, found in a single pass: at each word start whose
/// letter can begin a phrase, the phrases of that letter are tried (Resources/lexicon/assertion.tsv).
struct SentenceCues {
    enum Concept: CaseIterable { case target, result, resultAfter, past, superseded }
    struct Hit {
        let at: Int
        let concept: Concept
        let phrase: [Unicode.Scalar]
    }

    private var hits: [Hit] = []
    private var yearsFound: [(at: Int, year: Int)] = []

    init() {}

    init(_ t: ScalarText, _ range: Range<Int>) {
        let byFirst = Self.byFirst
        let begins = Self.begins
        let yearBegins = Self.yearBegins
        var i = range.lowerBound
        while i < range.upperBound {
            let c = t.lower[i]
            let v = Int(c.value)
            // Only where a phrase can begin, and only at a word's start.
            if v < begins.count, begins[v], i == 0 || Self.endsWord(t.lower[i - 1]) {
                if v < yearBegins.count, yearBegins[v], let word = t.firstWord(of: TimeFrame.yearWords, at: i),
                   let year = Self.year(t, after: i + word.count, limit: range.upperBound),
                   TimeFrame.comparisonBases.first(in: t, max(range.lowerBound, i - 24)..<i) == nil {
                    yearsFound.append((i, year))
                }
                let second = i + 1 < range.upperBound ? t.lower[i + 1] : " "
                for (phrase, concept) in byFirst[v] where phrase.count > 1 && phrase[1] == second
                    && i + phrase.count <= range.upperBound && t.hasWord(phrase, at: i) {
                    hits.append(Hit(at: i, concept: concept, phrase: phrase))
                }
            }
            i += 1
        }
    }

    /// The first phrase of a concept that starts in `range` (and, for a sentence, ends in it).
    func first(_ concept: Concept, in range: Range<Int>) -> String? {
        guard let hit = hits.first(where: { $0.concept == concept && range.contains($0.at) && $0.at + $0.phrase.count <= range.upperBound }) else { return nil }
        return String(String.UnicodeScalarView(hit.phrase))
    }

    func count(_ concept: Concept, in range: Range<Int>) -> Int {
        hits.reduce(0) { $0 + ($1.concept == concept && range.contains($1.at) ? 1 : 0) }
    }

    /// Years written "năm YYYY" in `range`, not those after "so với" or "giá so sánh".
    func years(in range: Range<Int>) -> [Int] {
        yearsFound.filter { range.contains($0.at) }.map(\.year)
    }

    /// True when a word may begin after this scalar: ASCII that is not a letter or digit, or one
    /// of the few other marks Vietnamese text puts before a word (no-break space, quotes,
    /// dashes, bullets, ellipsis).
    /// Every other scalar beyond ASCII is taken for a letter, which spares a Unicode lookup.
    private static func endsWord(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return !ScalarText.isLetter(c) && !ScalarText.isDigit(c) }
        switch c.value {
        case 0xA0, 0xAB, 0xB7, 0xBB, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026: return true
        default: return false
        }
    }

    private static func year(_ t: ScalarText, after i: Int, limit: Int) -> Int? {
        let y = t.skipSpaces(i, limit: limit)
        guard y + 4 <= limit, (0..<4).allSatisfy({ ScalarText.isDigit(t.scalars[y + $0]) }),
              y + 4 == limit || !ScalarText.isDigit(t.scalars[y + 4]) else { return nil }
        let value = (0..<4).reduce(0) { $0 * 10 + Int(t.scalars[y + $1].value - 48) }
        return (1990...2100).contains(value) ? value : nil
    }

    /// The phrases of every concept by their first letter (its scalar value, in the Basic
    /// Multilingual Plane where Vietnamese is), longest first.
    private static let byFirst: [[([Unicode.Scalar], Concept)]] = {
        let table = WordTable.assertion
        let names: [Concept: String] = [.target: "target", .result: "result", .resultAfter: "result_after", .past: "past", .superseded: "superseded"]
        var byFirst = [[([Unicode.Scalar], Concept)]](repeating: [], count: 0x10000)
        for concept in Concept.allCases {
            for phrase in table[names[concept]!].scalarWords {
                if let first = phrase.first, first.value < 0x10000 { byFirst[Int(first.value)].append((phrase, concept)) }
            }
        }
        for v in byFirst.indices where byFirst[v].count > 1 { byFirst[v].sort { $0.0.count > $1.0.count } }
        return byFirst
    }()

    /// Whether a phrase (or a year, "năm") can begin with a scalar: the test made at every scalar.
    private static let begins: [Bool] = {
        var begins = byFirst.map { !$0.isEmpty }
        for i in yearBegins.indices where yearBegins[i] { begins[i] = true }
        return begins
    }()

    /// Where "năm" (the words before a year) can begin.
    private static let yearBegins: [Bool] = {
        var begins = [Bool](repeating: false, count: 0x10000)
        for word in TimeFrame.yearWords { if let first = word.first, first.value < 0x10000 { begins[Int(first.value)] = true } }
        return begins
    }()
}
