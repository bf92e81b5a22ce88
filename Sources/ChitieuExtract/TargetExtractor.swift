import ChitieuModel
import Foundation

/// Reads the quantitative and qualitative targets of a directive, programme, plan or resolution.
///
/// The text is cut into clauses (";", sentence ends, numbered items) and each clause into
/// segments (one target each). In a segment, a quantity is a Vietnamese number with a unit;
/// the words just before it give the comparator ("trên", "ít nhất", "giảm", "khoảng"…) and the
/// words before those the indicator's name. When the number comes first ("100% xã …"), the
/// name is built from the words after it.
public struct TargetExtractor: Sendable {
    public let catalogue: Catalogue

    /// Keep what was made of every number (`chitieu extract --explain`); the targets' own
    /// evidence is kept either way.
    public var explains = false

    public init(catalogue: Catalogue = .standard, explains: Bool = false) {
        self.catalogue = catalogue
        self.explains = explains
    }

    /// Extracts everything from one text.
    public func extract(text: String, path: String, lineMap: LineMap? = nil) -> DirectiveDocument {
        let t = ScalarText(text)
        let lines = Locator(map: lineMap ?? LineMap.identity(of: text))
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let scanner = QuantityScanner(text: t)
        var targets: [Target] = []
        var qualitative: [QualitativeTarget] = []
        var lastTopLevel: String?
        var subList = false
        let metadata = MetadataExtractor.extract(t, lines: lines)
        var pastSentence = false
        var frame = TimeFrame()
        var decisions: [NumberDecision] = []
        // The same indicator with the same quantity said again (title, lead, body) is one
        // target, kept where first said, the other places in its provenance; different
        // quantities of one indicator stay apart.
        struct Said: Hashable { let value: Double; let valueMax: Double?; let unit: String }
        var said: [Said: [Int]] = [:]
        var tails: [Int: String] = [:]
        let explains = self.explains
        func decide(_ q: Quantity, kept: Bool, _ reason: @autoclosure () -> String) {
            guard explains else { return }
            decisions.append(NumberDecision(text: t.string(q.start..<q.end), location: lines.location(path, q.start), kept: kept, reason: reason()))
        }

        let clauses = ClauseSplitter.clauses(t)
        var sentenceMixesYears = false
        for (index, clause) in clauses.enumerated() {
            // "…; trong đó:" opens a list of sub-targets in the clauses that follow.
            let opening = t.skipSpaces(clause.range.lowerBound, limit: clause.range.upperBound)
            if let length = ClauseSplitter.subList(t, at: opening), t.skipSpacesBack(clause.range.upperBound, limit: opening) == opening + length {
                subList = true
                continue
            }
            // The list goes on over bullet lines ("- thu nội địa …") and ends at the next plain line or item.
            if clause.itemMarker || (clause.startsLine && !(opening < t.count && "-+•".unicodeScalars.contains(t.scalars[opening]))) {
                subList = false
            }
            // "Năm 2023, GRDP tăng 7,2%…": a sentence about a past year quotes results, not targets.
            if clause.startsSentence { pastSentence = PastContext.opensPastSentence(t, at: opening, planYear: metadata.planYear) }
            if clause.startsLine { frame.newParagraph() }
            if clause.startsSentence {
                let end = clauses[(index + 1)...].first(where: \.startsSentence)?.range.lowerBound ?? t.count
                frame.newSentence(t, clause.range.lowerBound..<end)
                sentenceMixesYears = frame.sentenceMixesYears(planYear: metadata.planYear)
            }
            // The numbers of a past sentence are needed only to explain them.
            let quantities = !pastSentence || explains || sentenceMixesYears ? scanner.quantities(in: clause.range) : []
            // "Kết quả năm 2025; mục tiêu năm 2026": a sentence naming both years only announces
            // topics; its clauses without numbers leave the time spoken of as it was.
            if !(sentenceMixesYears && quantities.isEmpty) {
                frame.read(t, clause: clause.range, planYear: metadata.planYear)
            }
            if pastSentence {
                for q in quantities { decide(q, kept: false, "kết quả: câu nói về thời gian đã qua") }
                continue
            }
            if quantities.isEmpty {
                if clause.itemMarker, let q = qualitativeText(t, clause.range) {
                    qualitative.append(QualitativeTarget(text: q, location: lines.location(path, t.skipSpaces(clause.range.lowerBound))))
                }
                continue
            }
            // Segments are needed only where there are numbers.
            var segments = ClauseSplitter.segments(t, clause: clause.range)
            if subList { segments = segments.map { Segment(range: $0.range, isSubTarget: true) } }
            var previousInClause: String?
            // The end of the clause's last amount (not a rate), for "đạt 46.600 tỷ đồng, tăng 6,6% so với …".
            var lastAmountEnd: Int?
            for segment in segments {
                let inSegment = quantities.filter { segment.range.contains($0.start) }
                if inSegment.isEmpty {
                    if let q = commitmentText(t, segment.range) {
                        qualitative.append(QualitativeTarget(text: q, location: lines.location(path, t.skipSpaces(segment.range.lowerBound))))
                    }
                    continue
                }
                var cursor = segment.range.lowerBound
                for (k, q) in inSegment.enumerated() {
                    let afterEnd = max(q.end, k + 1 < inSegment.count ? inSegment[k + 1].start : segment.range.upperBound)
                    let reading = TargetReading(text: t, quantity: q, before: cursor..<q.start, after: q.end..<afterEnd)
                    let before = segment.range.lowerBound..<q.start
                    cursor = q.end
                    defer { lastAmountEnd = q.unit == "%" ? nil : q.end }
                    // "…đạt 46.600 tỷ đồng, tăng 6,6% so với năm trước": the growth of the amount
                    // just given, not a target of its own.
                    if let amountEnd = lastAmountEnd, q.unit == "%", TimeFrame.growthOfAmount(t, between: amountEnd..<q.start, after: q.end..<clause.range.upperBound) {
                        decide(q, kept: false, "mức tăng so với kỳ trước của số vừa nêu, không phải chỉ tiêu riêng")
                        continue
                    }
                    // A result, a past figure or a replaced target is not a target of the plan.
                    let evidence: [String]
                    switch frame.judge(t, quantity: q, before: before, after: q.end..<segment.range.upperBound, clause: clause.range, planYear: metadata.planYear) {
                    case .result(let why): decide(q, kept: false, "kết quả, không phải chỉ tiêu (\(why))"); continue
                    case .superseded(let why): decide(q, kept: false, "chỉ tiêu cũ đã được thay (\(why))"); continue
                    case .target(let found): evidence = found
                    }
                    guard var target = reading.target(previousName: previousInClause) else {
                        decide(q, kept: false, "không thành chỉ tiêu: không rõ tên chỉ tiêu hoặc là số thứ tự, ngày, mã")
                        continue
                    }
                    target.evidence = evidence
                    target.id = stem + (targets.count + 1 < 10 ? "-0" : "-") + String(targets.count + 1)
                    target.location = lines.location(path, reading.textStart)
                    if segment.isSubTarget, let parent = lastTopLevel { target.parent = parent }
                    if let match = catalogue.match(name: target.name, unit: target.unit) {
                        target.catalogueCode = match.entry.code
                        target.catalogueConfidence = (match.confidence * 100).rounded() / 100
                        // "Tổng mức bán lẻ … tăng 12% trở lên": a rate for an amount is the amount's growth.
                        if target.unit == .percent, match.entry.unit != .percent, let growth = catalogue[match.entry.code + "_growth"] {
                            target.catalogueCode = growth.code
                        }
                    }
                    previousInClause = target.name
                    if !segment.isSubTarget { lastTopLevel = target.name }
                    let key = Said(value: target.value, valueMax: target.valueMax, unit: target.unit.symbol)
                    var tail: String?
                    let earlier = said[key, default: []]
                    if let first = earlier.first(where: { i in
                        if let code = target.catalogueCode, code == targets[i].catalogueCode,
                           max(target.catalogueConfidence ?? 0, targets[i].catalogueConfidence ?? 0) >= Self.sameIndicatorConfidence { return true }
                        // Names compared by their last words, each worked out once.
                        if tail == nil { tail = Self.nameTail(target.name) }
                        if tails[i] == nil { tails[i] = Self.nameTail(targets[i].name) }
                        return tails[i] == tail
                    }) {
                        if let place = target.location { targets[first].repeatedAt.append(place) }
                        decide(q, kept: false, "lặp lại chỉ tiêu đã nêu ở dòng \(targets[first].location?.line ?? 0)")
                        continue
                    }
                    said[key, default: []].append(targets.count)
                    if let tail { tails[targets.count] = tail }
                    decide(q, kept: true, "chỉ tiêu: " + evidence.joined(separator: "; "))
                    targets.append(target)
                }
            }
        }
        var document = DirectiveDocument(path: path, metadata: metadata, targets: targets, qualitative: qualitative)
        document.decisions = decisions
        return document
    }

    /// A catalogue match this sure names the indicator when a target is said again.
    /// Two targets of the same quantity name the same indicator when the catalogue says so and is
    /// this sure of one of them, or when their names end alike (`nameTail`): "1 huyện … nâng cao"
    /// and "1 huyện … kiểu mẫu", both matched weakly to one code, are two targets.
    static let sameIndicatorConfidence = 0.7

    /// The last words of a name, years left out: what tells one indicator from another
    /// ("… nông thôn mới nâng cao" / "… kiểu mẫu"), while a lead-in that differs between the
    /// title and the body ("Theo đó, Châu Đức phấn đấu đưa …") does not.
    static let yearWords = Set(WordTable.assertion["year_word"].map(NameMatching.loose))

    static func nameTail(_ name: String) -> String {
        let words = NameMatching.loose(name).split(separator: " ").filter { w in
            !yearWords.contains(String(w)) && !(w.count == 4 && w.allSatisfy(\.isNumber))
        }
        return words.suffix(4).joined(separator: " ")
    }

    /// A numbered item with no number is a qualitative target: "(15) Đảm bảo công tác quốc phòng".
    private func qualitativeText(_ t: ScalarText, _ range: Range<Int>) -> String? {
        let s = NameCleaner.clean(t, range)
        return s.count >= 8 ? s : nil
    }

    /// A segment without a number, next to targets, that commits to something: "hoàn thành việc …".
    private func commitmentText(_ t: ScalarText, _ range: Range<Int>) -> String? {
        let start = t.skipSpaces(range.lowerBound, limit: range.upperBound)
        guard t.firstWord(of: Lexicon.commitments, at: start) != nil else { return nil }
        let s = NameCleaner.clean(t, start..<range.upperBound)
        return s.count >= 12 ? s : nil
    }
}

/// Sentences that report the past: "Năm 2023, …", "Trong năm qua, …", "Kết quả năm 2023 …".
enum PastContext {
    static let relativePast = WordTable.assertion["opens_past"].scalarWords
    static let yearLeads = WordTable.assertion["year_lead"].scalarWords

    static func opensPastSentence(_ t: ScalarText, at start: Int, planYear: Int?) -> Bool {
        var i = start
        while i < t.count, "-+•*( ".unicodeScalars.contains(t.scalars[i]) { i += 1 }
        if t.firstWord(of: relativePast, at: i) != nil { return true }
        guard let planYear, let lead = t.firstWord(of: yearLeads, at: i) else { return false }
        let y = t.skipSpaces(i + lead.count)
        guard y + 4 <= t.count, (0..<4).allSatisfy({ ScalarText.isDigit(t.scalars[y + $0]) }) else { return false }
        let year = (0..<4).reduce(0) { $0 * 10 + Int(t.scalars[y + $1].value - 48) }
        return year < planYear
    }
}

/// Locations of scalar offsets in the original file.
struct Locator {
    let map: LineMap

    func location(_ file: String, _ offset: Int) -> SourceLocation {
        let (line, column) = map.location(of: offset)
        return SourceLocation(file: file, line: line, column: column)
    }
}
