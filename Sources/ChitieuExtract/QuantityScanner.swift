import ChitieuModel

/// A number with its unit as written in a text: "2.460 tỷ đồng", "7,5-8%", "137 xã/193 xã".
struct Quantity {
    /// Scalar offsets of the number's first digit and of the end of its unit.
    var start: Int
    var end: Int
    var value: Double
    var valueMax: Double?
    var unit: String
    /// The unit is a count of things that can head a name ("xã", "hộ", "doanh nghiệp").
    var unitIsNoun: Bool
    /// The noun written after the number, before canonicalisation ("giường" for "giường bệnh/vạn dân").
    var unitWord: String
    /// "trở lên" / "trở xuống" right after the unit.
    var boundAfter: TargetComparator?
    /// "18.690/23.500 tỷ đồng": achieved over planned; `value` is the plan.
    var planOfPair = false

    /// "Top 5": a rank, the only quantity measured in "hạng".
    var isRank: Bool { unit == Units.rank }

    var isPercent: Bool { unit == Units.percent }
}

/// Finds quantities in a text: Vietnamese numbers followed by a unit. A number without a unit,
/// or one that is a date, a year, a document number or an item marker, is not a quantity.
struct QuantityScanner {
    let text: ScalarText

    /// All quantities between `start` and `end`.
    func quantities(in range: Range<Int>) -> [Quantity] {
        var found: [Quantity] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let c = text.scalars[i]
            guard ScalarText.isDigit(c) else { i += 1; continue }
            if i > 0, isGlued(text.scalars[i - 1]) {
                i = skipToken(from: i)
                continue
            }
            if let q = quantity(at: i, limit: range.upperBound) {
                found.append(q)
                i = q.end
            } else {
                i = skipToken(from: i)
            }
        }
        return found
    }

    /// Characters that, right before a digit, make it part of a code or a date ("CT/2024", "B2").
    private func isGlued(_ c: Unicode.Scalar) -> Bool {
        ScalarText.isLetter(c) || ScalarText.isDigit(c) || c == "/" || c == "." || c == "," || c == "_"
    }

    private func skipToken(from i: Int) -> Int {
        var j = i
        while j < text.count, !ScalarText.isSpace(text.scalars[j]), text.scalars[j] != "\n", text.scalars[j] != ";" { j += 1 }
        return max(j, i + 1)
    }

    private func quantity(at start: Int, limit: Int) -> Quantity? {
        guard let (value, length) = VietnameseNumber.scan(text.scalars, from: start) else { return nil }
        var i = start + length
        // Dates, document numbers and codes: "26/12/2023", "17/CT-UBND", "34-CT/TW", "(13)".
        var ratio: Double?
        if i < limit {
            let next = text.scalars[i]
            if next == "/" {
                // "xếp hạng 15/34": a rank out of the number ranked.
                if text.wordEnding(at: text.skipSpacesBack(start), in: Lexicon.rankWords) != nil,
                   let (_, len) = VietnameseNumber.scan(text.scalars, from: i + 1), len > 0 {
                    return Quantity(start: start, end: i + 1 + len, value: value, valueMax: nil, unit: Units.rank, unitIsNoun: false, unitWord: "")
                }
                // "95/117 xã" is a count out of a total, "2,89/3,84%" achieved over planned;
                // "26/12/2023" and "17/CT-UBND" are neither.
                guard let (den, len) = ratioDenominator(after: i, limit: limit) ?? percentPair(after: i, limit: limit) else { return nil }
                ratio = den
                i += 1 + len
            }
            if next == "-", i + 1 < limit, ScalarText.isLetter(text.scalars[i + 1]) { return nil }
            if next == ")", start > 0, text.scalars[start - 1] == "(" { return nil }
        }
        let previousWordEnd = text.skipSpacesBack(start)
        if text.wordEnding(at: previousWordEnd, in: Lexicon.referenceCues) != nil { return nil }
        if let cue = Lexicon.dateCues.first(where: { text.wordEnding(at: previousWordEnd, in: [$0.word]) != nil }),
           cue.range.contains(value), value == value.rounded() { return nil }

        var q = Quantity(start: start, end: i, value: value, valueMax: nil, unit: "", unitIsNoun: false, unitWord: "")
        // "nằm trong nhóm 10 tỉnh dẫn đầu": a rank of at most 10; the places counted are read past.
        if text.wordEnding(at: previousWordEnd, in: Lexicon.rankGroupWords) != nil {
            q.unit = Units.rank
            q.boundAfter = .lte
            let w = text.skipSpaces(i, limit: limit)
            if let noun = text.firstWord(of: Lexicon.countUnitWords, at: w) { q.end = w + noun.count }
            return q
        }
        var percentSeen = false
        // A percent sign may sit on both ends of a range: "7,5% - 8%".
        if let p = text.firstWord(of: Lexicon.percentWords, at: text.skipSpaces(i, limit: limit)), !p.isEmpty {
            percentSeen = true
            i = text.skipSpaces(i, limit: limit) + p.count
        }
        if ratio == nil, let (maxValue, after) = rangeEnd(from: i, limit: limit, lower: value) {
            q.valueMax = maxValue
            i = after
            percentSeen = false
        }
        if percentSeen {
            q.unit = Units.percent
            q.end = i
        } else if let (unit, word, noun, after) = unit(from: i, limit: limit, value: &q.value, valueMax: &q.valueMax) {
            q.unit = unit
            q.unitWord = word
            q.unitIsNoun = noun
            q.end = after
        } else if text.wordEnding(at: previousWordEnd, in: Lexicon.rankWords) != nil {
            q.unit = Units.rank
        } else {
            return nil
        }
        // Before a count a ratio is a part of a total ("95/117 xã": 95); before an amount or a
        // rate it is achieved over planned ("18.690/23.500 tỷ đồng": the plan, 23.500).
        if let planned = ratio, !q.unitIsNoun {
            guard value != 0 else { return nil }
            q.value = planned * (q.value / value)
            q.planOfPair = true
        }
        // "137 xã/193 xã": the target is the count; the total is read past.
        if q.end < limit, text.scalars[q.end] == "/", let (_, len) = VietnameseNumber.scan(text.scalars, from: q.end + 1) {
            var j = q.end + 1 + len
            let w = text.skipSpaces(j, limit: limit)
            if !q.unitWord.isEmpty, text.hasWord(Array(q.unitWord.lowercased().unicodeScalars), at: w) { j = w + q.unitWord.unicodeScalars.count }
            q.end = j
        }
        let after = text.skipSpaces(q.end, limit: limit)
        if let w = text.firstWord(of: Lexicon.atLeastAfter, at: after) {
            q.boundAfter = .gte
            q.end = after + w.count
        } else if let w = text.firstWord(of: Lexicon.atMostAfter, at: after) {
            q.boundAfter = .lte
            q.end = after + w.count
        }
        return q
    }

    /// The denominator of "95/117 xã": digits after the slash, then a space and a letter, and no
    /// second slash (which would make a date).
    private func ratioDenominator(after slash: Int, limit: Int) -> (Double, Int)? {
        let d = slash + 1
        guard d < limit, ScalarText.isDigit(text.scalars[d]), let (value, length) = VietnameseNumber.scan(text.scalars, from: d) else { return nil }
        let end = d + length
        guard end < limit, ScalarText.isSpace(text.scalars[end]) else { return nil }
        let next = text.skipSpaces(end, limit: limit)
        guard next < limit, ScalarText.isLetter(text.scalars[next]) else { return nil }
        return (value, length)
    }

    /// The second number of "2,89/3,84%": digits after the slash, then a percent sign.
    private func percentPair(after slash: Int, limit: Int) -> (Double, Int)? {
        let d = slash + 1
        guard d < limit, ScalarText.isDigit(text.scalars[d]), let (value, length) = VietnameseNumber.scan(text.scalars, from: d) else { return nil }
        guard d + length < limit, text.scalars[d + length] == "%" else { return nil }
        return (value, length)
    }


    /// The upper bound of a range written after the first number.
    private func rangeEnd(from i: Int, limit: Int, lower: Double) -> (Double, Int)? {
        let j = text.skipSpaces(i, limit: limit)
        guard let joiner = text.firstWord(of: Lexicon.rangeJoiners, at: j) else { return nil }
        let k = text.skipSpaces(j + joiner.count, limit: limit)
        guard k < limit, ScalarText.isDigit(text.scalars[k]),
              let (upper, length) = VietnameseNumber.scan(text.scalars, from: k), upper > lower else { return nil }
        // "2021-2025" style spans are years, not ranges of a target.
        if lower >= 1900, upper <= 2100, lower == lower.rounded(), upper == upper.rounded() { return nil }
        let end = k + length
        if end < limit, text.scalars[end] == "/" { return nil }
        // "41,42% - 16,84% - 38,56% - 3,18%": a third value joined the same way makes a list of
        // values (the parts of a whole), not a range.
        var next = text.skipSpaces(end, limit: limit)
        if let p = text.firstWord(of: Lexicon.percentWords, at: next) { next = text.skipSpaces(next + p.count, limit: limit) }
        if text.hasWord(joiner, at: next) {
            let after = text.skipSpaces(next + joiner.count, limit: limit)
            if after < limit, ScalarText.isDigit(text.scalars[after]) { return nil }
        }
        return (upper, end)
    }

    /// The unit after a number: "%", "tỷ đồng", "triệu lượt", "xã", "bác sĩ/vạn dân".
    private func unit(from i: Int, limit: Int, value: inout Double, valueMax: inout Double?) -> (String, String, Bool, Int)? {
        var j = text.skipSpaces(i, limit: limit)
        guard j < limit else { return nil }
        if text.firstWord(of: Lexicon.nonTargetWords, at: j) != nil { return nil }
        if let p = text.firstWord(of: Lexicon.percentWords, at: j) {
            return (Units.percent, Units.percent, false, j + p.count)
        }
        if let p = text.firstWord(of: Lexicon.perMilleWords, at: j) {
            return (Units.perMille, Units.perMille, false, j + p.count)
        }
        if let p = text.firstWord(of: Lexicon.percentagePointWords, at: j) {
            return (Units.percentagePoint, Units.percentagePoint, false, j + p.count)
        }
        if let m = Lexicon.magnitudes.first(where: { text.hasWord($0.word, at: j) }) {
            let magnitude = m
            j += m.word.count
            // "12.739 tỷ 600 triệu đồng" = 12 739,6 tỷ đồng.
            let k = text.skipSpaces(j, limit: limit)
            if k < limit, ScalarText.isDigit(text.scalars[k]), let (part, len) = VietnameseNumber.scan(text.scalars, from: k) {
                let l = text.skipSpaces(k + len, limit: limit)
                if let smaller = Lexicon.magnitudes.first(where: { text.hasWord($0.word, at: l) }), smaller.factor < magnitude.factor {
                    value += part * smaller.factor / magnitude.factor
                    j = l + smaller.word.count
                }
            }
            let b = text.skipSpaces(j, limit: limit)
            if let base = Lexicon.scalableUnits.first(where: { text.hasWord($0.word, at: b) }) {
                let (tail, end) = perTail(at: b + base.word.count, limit: limit)
                // "25 nghìn lao động": the name can still say "lao động".
                return (magnitude.canonical + " " + base.canonical + tail, base.canonical, Lexicon.nounUnits.contains(base.canonical) && tail.isEmpty, end)
            }
            // "3 triệu khách": visitors are counted in arrivals; leave "khách" for the name.
            if text.firstWord(of: Lexicon.visitorWords, at: b) != nil {
                return (magnitude.canonical + " " + Units.visits, Units.visits, false, j)
            }
            // "2 nghìn doanh nghiệp": a count in thousands keeps its magnitude in the unit.
            if let noun = text.firstWord(of: Lexicon.countUnitWords, at: b) {
                let word = String(String.UnicodeScalarView(noun))
                return (magnitude.canonical + " " + word, word, Lexicon.nounUnits.contains(word), b + noun.count)
            }
            return (magnitude.canonical, magnitude.canonical, false, j)
        }
        if let w = text.firstWord(of: Lexicon.countUnitWords, at: j) {
            let end = j + w.count
            let canonical = String(String.UnicodeScalarView(w))
            // "bác sĩ/1 vạn dân", "giường bệnh trên 1 vạn dân": with or without a space before.
            for at in [end, text.skipSpaces(end, limit: limit)] {
                if let per = text.firstWord(of: Lexicon.perPopulation, at: at) {
                    return (canonical + Units.perPopulation, text.string(j..<end), false, at + per.count)
                }
            }
            let unit = Lexicon.scalableUnits.first(where: { $0.word == w })?.canonical ?? canonical
            // "1,2 km/km2", "28 m2/người": a density or a share per person.
            let (tail, afterTail) = perTail(at: end, limit: limit)
            return (unit + tail, unit, Lexicon.nounUnits.contains(unit) && tail.isEmpty, afterTail)
        }
        if let base = Lexicon.scalableUnits.first(where: { text.hasWord($0.word, at: j) }) {
            let (tail, end) = perTail(at: j + base.word.count, limit: limit)
            return (base.canonical + tail, base.canonical, Lexicon.nounUnits.contains(base.canonical) && tail.isEmpty, end)
        }
        return nil
    }

    /// "/người/năm" right after a unit.
    private func perTail(at i: Int, limit: Int) -> (String, Int) {
        guard i < limit, text.scalars[i] == "/", let w = text.firstWord(of: Lexicon.perTails, at: i) else { return ("", i) }
        return (String(String.UnicodeScalarView(w)), i + w.count)
    }
}

/// Canonical unit spellings the scanner writes (Resources/lexicon/extraction.tsv, canonical_unit).
enum Units {
    static let rank = MeasureUnit.canonical("rank")
    static let percent = MeasureUnit.canonical("percent")
    static let perMille = MeasureUnit.canonical("per_mille")
    static let percentagePoint = MeasureUnit.canonical("percentage_point")
    static let visits = MeasureUnit.canonical("visits")
    static let perPopulation = MeasureUnit.perPopulationSuffix
}
