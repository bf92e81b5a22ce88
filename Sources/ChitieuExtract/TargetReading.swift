import ChitieuModel

/// One quantity read in its segment: the comparator from the words before the number, the name
/// from the words before those (or after the number when it comes first).
struct TargetReading {
    let text: ScalarText
    let quantity: Quantity
    let before: Range<Int>
    let after: Range<Int>
    /// Where the target's words start in the text, after fillers such as "Phấn đấu".
    let textStart: Int

    init(text: ScalarText, quantity: Quantity, before: Range<Int>, after: Range<Int>) {
        self.text = text
        self.quantity = quantity
        self.before = before
        self.after = after
        textStart = Self.skipLeading(text, from: before.lowerBound, to: quantity.start, fillers: Lexicon.textFillers)
    }

    func target(previousName: String?) -> Target? {
        let q = quantity
        let (cues, nameEnd) = collectCues()
        let nameStart = Self.skipLeading(text, from: before.lowerBound, to: nameEnd, fillers: Lexicon.leadingFillers)
        var nameBefore = NameCleaner.clean(text, nameStart..<max(nameStart, nameEnd))
        let afterText = NameCleaner.clean(text, after).trimmingTrailing(Lexicon.trailingNoise)

        // TargetComparator: a range or a bound wins over a change; a change over the plain level.
        var comparator = TargetComparator.eq
        var unit = MeasureUnit(q.unit)
        let isRateSubject = NameCleaner.isRate(nameBefore) || (nameBefore.isEmpty && q.isPercent && afterText.isEmpty)
        let amountGrowth = q.isPercent && !isRateSubject && !nameBefore.isEmpty
        if q.valueMax != nil {
            // "Tỷ lệ hộ nghèo giảm 1,5 - 2%" is a decrease of 1,5 to 2 points; "GRDP tăng 7,5-8%" a range of the growth rate.
            if let change = cues.change, !amountGrowth {
                comparator = change
                if q.isPercent && isRateSubject { unit = .percentagePoint }
            } else {
                comparator = .range
            }
        } else if q.isRank {
            comparator = .lte
        } else if let bound = q.boundAfter {
            comparator = bound
        } else if let bound = cues.bound {
            comparator = bound
        } else if let change = cues.change {
            if q.isPercent && !isRateSubject && !nameBefore.isEmpty {
                // "GRDP tăng 7,5%" is a growth rate: the level of the rate is the target.
                comparator = .eq
            } else {
                comparator = change
                // "Tỷ lệ hộ nghèo giảm 4,4%" is 4,4 percentage points of the rate.
                if q.isPercent && isRateSubject { unit = .percentagePoint }
            }
        }

        // "nông, lâm nghiệp và thủy sản chiếm 28,5%": a share of a whole.
        if cues.share, q.isPercent, !nameBefore.isEmpty, !NameCleaner.isRate(nameBefore) {
            nameBefore = NameForm.share + " " + NameCleaner.lowerFirst(nameBefore)
        }
        if cues.change == .increaseBy, q.isPercent, !isRateSubject, !nameBefore.isEmpty, !NameCleaner.mentionsGrowth(nameBefore) {
            nameBefore = NameForm.growth + " " + NameCleaner.lowerFirst(nameBefore)
        }
        var name = nameBefore
        var textEnd = q.end
        // "…, tăng 10% so với năm 2023" after a target: the growth of that target.
        if nameBefore.isEmpty, q.isPercent, cues.change != nil, let previousName, !NameCleaner.isRate(previousName),
           afterText.isEmpty || NameForm.comparedWith.contains(where: afterText.lowercased().hasPrefix) {
            let verb = (cues.change == .increaseBy ? NameForm.growth : NameForm.decrease) + " "
            return Target(id: "", name: verb + NameCleaner.lowerFirst(previousName), comparator: q.valueMax != nil ? .range : (cues.bound ?? .eq),
                          value: q.value, valueMax: q.valueMax, unit: unit, approx: cues.approx,
                          text: text.collapsedString(textStart..<q.end))
        }
        let nameLower = nameBefore.lowercased()
        let afterLower = afterText.lowercased()
        let shortVerbPhrase = !afterText.isEmpty && nameBefore.utf8.lazy.filter({ $0 == 0x20 }).prefix(2).count <= 1
            && !Lexicon.afterConnectives.contains { afterLower.hasPrefix($0) } && !NameCleaner.isRate(nameBefore)
            && !(q.isPercent && !Lexicon.keptVerbs.contains(nameLower))
        let numberFirst = nameBefore.isEmpty || Lexicon.keptVerbs.contains(nameLower)
            || Lexicon.additiveVerbs.contains(nameLower) || shortVerbPhrase
        if numberFirst {
            // The words between the fillers and the number's cues, only needed here.
            let verb = nameBefore.isEmpty ? NameCleaner.clean(text, textStart..<max(textStart, nameEnd)).lowercased() : nameLower
            if shortVerbPhrase, !nameBefore.isEmpty, !Lexicon.keptVerbs.contains(verb), !Lexicon.additiveVerbs.contains(verb) {
                // "Cứng hóa 200 km đường giao thông nông thôn": the verb heads the name.
                let noun = q.unitIsNoun ? " " + q.unitWord : ""
                name = nameBefore + noun + " " + afterText
                textEnd = NameCleaner.endOfCleanText(text, after, cleaned: afterText)
                return Target(id: "", name: NameCleaner.upperFirst(name), comparator: comparator, value: q.value, valueMax: q.valueMax,
                              unit: unit, approx: cues.approx, text: text.collapsedString(textStart..<max(textStart, textEnd)))
            }
            name = numberFirstName(verb: verb, after: afterText, increase: cues.change == .increaseBy)
            if !afterText.isEmpty { textEnd = NameCleaner.endOfCleanText(text, after, cleaned: afterText) }
        }
        if (name.count <= Lexicon.longestVagueName && Lexicon.vagueNames.contains(name.lowercased())) || (NameCleaner.isRate(name) && name.count <= 6) {
            guard let previousName else { return nil }
            name = (q.isPercent ? NameForm.rate + " " : "") + NameCleaner.lowerFirst(NameCleaner.droppingCountPrefix(previousName))
        }
        name = NameCleaner.upperFirst(name)
        guard !name.isEmpty else { return nil }
        // "Số bác sĩ/vạn dân 10,5 bác sĩ": the name carries the per-population unit.
        if q.unitIsNoun, !q.unit.contains("/"), NameCleaner.isPerPopulation(name) {
            unit = MeasureUnit(q.unit + MeasureUnit.perPopulationSuffix)
        }
        let start = textStart
        return Target(
            id: "", name: name, comparator: comparator, value: q.value, valueMax: q.valueMax, unit: unit,
            approx: cues.approx, text: text.collapsedString(start..<max(start, textEnd)))
    }

    /// The name when the number comes first: "Tỷ lệ xã … ", "Số hộ nghèo", "Giải ngân kế hoạch vốn".
    private func numberFirstName(verb: String, after: String, increase: Bool) -> String {
        let q = quantity
        let kept = Lexicon.keptVerbs.first { verb.hasSuffix($0) }
        let additive = increase || Lexicon.additiveVerbs.contains { verb.hasSuffix($0) }
        if q.isPercent {
            if let kept { return kept + " " + after }
            return after.isEmpty ? "" : NameForm.rate + " " + after
        }
        if q.unit.hasSuffix(MeasureUnit.perPopulationSuffix) {
            return NameForm.count + " " + q.unitWord + " " + NameForm.perPopulation
        }
        if q.unitIsNoun {
            let head = kept.map { $0 + " " + q.unitWord } ?? NameForm.count + " " + q.unitWord
            var name = after.isEmpty ? head : head + " " + after
            if additive && kept == nil { name += " " + NameForm.additive }
            return name
        }
        if let kept { return after.isEmpty ? kept : kept + " " + after }
        return after
    }

    struct Cues {
        var bound: TargetComparator?
        var change: TargetComparator?
        var approx = false
        /// "chiếm": the number is a share of a whole.
        var share = false
        /// "ước đạt", "đã đạt": the number is a result.
    }

    /// Walks back from the number over comparator words and linkers; returns what they say and
    /// where the name ends.
    private func collectCues() -> (Cues, Int) {
        var cues = Cues()
        var end = quantity.start
        let lists = Self.cueLists
        var matched = true
        while matched {
            matched = false
            let e = text.skipSpacesBack(end, limit: before.lowerBound)
            // Choose the longest cue that ends here, whatever its list.
            var best: (length: Int, apply: @Sendable (inout Cues) -> Void)?
            for (words, apply) in lists {
                if let w = text.wordEnding(at: e, in: words, limit: before.lowerBound), w.count > (best?.length ?? 0) {
                    best = (w.count, apply)
                }
            }
            if let best {
                best.apply(&cues)
                end = e - best.length
                matched = true
            }
        }
        return (cues, text.skipSpacesBack(end, limit: before.lowerBound))
    }

    /// The cue lists and what each says, built once.
    static let cueLists: [([[Unicode.Scalar]], @Sendable (inout Cues) -> Void)] = [
            (Lexicon.atMost, { if $0.bound == nil { $0.bound = .lte } }),
            (Lexicon.atLeast, { if $0.bound == nil { $0.bound = .gte } }),
            (Lexicon.approximately, { $0.approx = true }),
            (Lexicon.strictlyAbove, { if $0.bound == nil { $0.bound = .gt } }),
            (Lexicon.strictlyBelow, { if $0.bound == nil { $0.bound = .lt } }),
            (Lexicon.decrease, { if $0.change == nil { $0.change = .decreaseBy } }),
            (Lexicon.increase, { if $0.change == nil { $0.change = .increaseBy } }),
            (Lexicon.shareCues, { $0.share = true }),
            (Lexicon.linkers, { _ in }),
    ]

    /// Skips fillers, item markers and time phrases at the start of a stretch.
    static func skipLeading(_ t: ScalarText, from start: Int, to end: Int, fillers: [[Unicode.Scalar]]) -> Int {
        var i = start
        var moved = true
        while moved && i < end {
            moved = false
            let j = skipPunctuation(t, i, end)
            if j != i { i = j; moved = true }
            if let f = t.firstWord(of: Lexicon.timeLeads, at: i) {
                let k = t.skipSpaces(i + f.count, limit: end)
                if k + 4 <= end, (0..<4).allSatisfy({ ScalarText.isDigit(t.scalars[k + $0]) }) {
                    i = k + 4
                    moved = true
                    continue
                }
            }
            if let f = t.firstWord(of: fillers, at: i), i + f.count <= end {
                i += f.count
                moved = true
            }
        }
        return i
    }

    private static func skipPunctuation(_ t: ScalarText, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end, " ,.;:-–+*_\t".unicodeScalars.contains(t.scalars[j]) { j += 1 }
        return j
    }
}

extension Lexicon {
    static let longestVagueName = vagueNames.map(\.count).max() ?? 0

    /// "chiếm 28,5%": a share of a whole.
    static let shareCues = words("share")

    /// Fillers skipped before a target's exact words (its `text`).
    static let textFillers = words("text_filler")

    /// Words after a number that do not start a noun phrase of the name.
    static let afterConnectives: [String] = table.rows("after_connective").map(\.[0])

    /// Words cut from the end of a number-first name, tried in the file's order.
    static let trailingNoise: [String] = table.rows("trailing_noise").map(\.[0])
}

extension String {
    func trimmingTrailing(_ words: [String]) -> String {
        // Only the end of the name is lower-cased: the longest word and its space.
        let longest = (words.map(\.count).max() ?? 0) + 1
        var s = self
        var tail = s.suffix(longest).lowercased()
        var changed = true
        while changed {
            changed = false
            for w in words where tail.hasSuffix(w) && tail.dropLast(w.count).hasSuffix(" ") {
                s = String(s.dropLast(w.count + 1)).trimmingCharacters(in: .whitespaces)
                tail = s.suffix(longest).lowercased()
                changed = true
            }
        }
        return s
    }
}

/// The words a name is built with when the text leaves them out ("Tỷ trọng …", "Số … trên 1
/// vạn dân"), from Resources/lexicon/extraction.tsv, capitalised as a name starts.
enum NameForm {
    static func form(_ role: String) -> String { Lexicon.table.phrase("name_form", role: role) }
    static let share = NameCleaner.upperFirst(form("share"))
    static let growth = NameCleaner.upperFirst(form("growth"))
    static let decrease = NameCleaner.upperFirst(form("decrease"))
    static let rate = NameCleaner.upperFirst(form("rate"))
    static let count = NameCleaner.upperFirst(form("count"))
    static let perPopulation = form("per_population")
    static let additive = form("additive")
    static let comparedWith = WordTable.assertion["compared_with"]
}
