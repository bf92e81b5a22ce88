import ChitieuModel

/// The words of Vietnamese target-setting: units, magnitudes, comparator cues and fillers, read
/// from Resources/lexicon/extraction.tsv (the concepts are described at its top), so that they
/// are extended without touching Swift. All are lower case and matched as whole words; they
/// describe the language, not any one document.
enum Lexicon {
    static let table = WordTable.extraction

    /// A concept's phrases as scalar arrays, longest first, for `ScalarText` matching.
    static func words(_ concept: String) -> [[Unicode.Scalar]] { table.rows(concept).map(\.[0]).scalarWords }

    /// Magnitude words and their factors. "vạn" is 10 000 but mostly appears as "trên 1 vạn dân".
    static let magnitudes: [(word: [Unicode.Scalar], canonical: String, factor: Double)] = table.rows("magnitude").map { row in
        guard row.count == 3, let factor = Double(row[2]) else { fatalError("chitieu: \(table.name): magnitude \"\(row[0])\" cần cách viết chuẩn và hệ số") }
        return (Array(row[0].unicodeScalars), row[1], factor)
    }.sorted { $0.word.count > $1.word.count }

    /// Base units that a magnitude may scale ("tỷ đồng", "triệu lượt"), canonical spelling second.
    static let scalableUnits: [(word: [Unicode.Scalar], canonical: String)] = table.rows("scalable_unit").map { row in
        guard row.count == 2 else { fatalError("chitieu: \(table.name): scalable_unit \"\(row[0])\" cần cách viết chuẩn") }
        return (Array(row[0].unicodeScalars), row[1])
    }.sorted { $0.word.count > $1.word.count }

    /// Units that stand alone after a number: counts of things, lengths, rates.
    static let countUnits: [String] = table.rows("count_unit").map(\.[0])
    static let countUnitWords: [[Unicode.Scalar]] = countUnits.scalarWords

    /// The noun-like units that can head a name: "Số xã …", "Số hộ nghèo".
    static let nounUnits: Set<String> = Set(countUnits).subtracting(table.rows("count_unit_not_noun").map(\.[0]))

    /// "/1 vạn dân", "trên 1 vạn dân"… after a unit make it a per-population unit.
    static let perPopulation = words("per_population")

    /// "điểm phần trăm", "điểm %": percentage points.
    static let percentagePointWords = words("percentage_point")

    /// Before a number: a rank ("xếp hạng 15/34", "top 5"), or the size of a leading group
    /// ("nằm trong nhóm 10 tỉnh dẫn đầu": a rank of at most 10).
    static let rankWords = words("rank")
    static let rankGroupWords = words("rank_group")

    /// "3 triệu khách": visitors, counted in arrivals.
    static let visitorWords = words("visitors")

    /// Percent spellings.
    static let percentWords = words("percent")
    static let perMilleWords = words("per_mille")

    /// "/người/năm", "/ha": a per-something tail that belongs to the unit ("triệu đồng/người/năm").
    static let perTails = words("per_tail")

    /// Words that may stand between a colon and its number: "GRDP: đạt 7,5%".
    static let colonCues = words("colon_cue")

    // MARK: TargetComparator cues before the number

    static let strictlyAbove = words("strictly_above")
    static let atLeast = words("at_least")
    static let strictlyBelow = words("strictly_below")
    static let atMost = words("at_most")
    static let approximately = words("approximately")
    static let increase = words("increase")
    static let decrease = words("decrease")
    /// Words that sit between a name and its number without changing the comparator.
    static let linkers = words("linker")

    /// Words after a number that make it a bound: "80% trở lên", "5% trở xuống".
    static let atLeastAfter = words("at_least_after")
    static let atMostAfter = words("at_most_after")

    /// Range joiners: "7,5-8%", "7,5 - 8%", "từ 7,5 đến 8%", "7,5% – 8%".
    static let rangeJoiners = words("range_joiner")

    // MARK: Names

    /// Words that start a new target inside a clause when they follow a comma or "và".
    static let starterWords = words("starter")

    /// Phrases at the start of a segment that are not part of any name.
    static let leadingFillers = words("leading_filler")

    /// Verbs that make a good head for a name when the number comes first: "Giải ngân kế hoạch vốn".
    static let keptVerbs: Set<String> = Set(table.rows("kept_verb").map(\.[0]))

    /// Words in a number-first name that only say "more of it".
    static let additiveVerbs: Set<String> = Set(table.rows("additive_verb").map(\.[0]))

    /// Words that make a name too vague to stand alone ("đạt tỷ lệ 71%" after "137 xã"); an
    /// empty name is as vague.
    static let vagueNames: Set<String> = Set(table.rows("vague_name").map(\.[0])).union([""])

    // MARK: Not targets

    /// Words before a number that make it a reference, a date or a count, not a target.
    static let referenceCues = words("reference_cue")

    /// Date words before a number: "năm 2024", "tháng 6", "ngày 26" are dates when the number fits.
    static let dateCues: [(word: [Unicode.Scalar], range: ClosedRange<Double>)] = table.rows("date_cue").map { row in
        guard row.count == 3, let low = Double(row[1]), let high = Double(row[2]), low <= high else {
            fatalError("chitieu: \(table.name): date_cue \"\(row[0])\" cần số nhỏ nhất và lớn nhất")
        }
        return (Array(row[0].unicodeScalars), low...high)
    }

    /// Units that never make a target: spans of time and counts of sections.
    static let nonTargetWords = words("non_target_unit")

    /// Verbs that open a qualitative commitment next to quantitative targets.
    static let commitments = words("commitment")

    /// Time phrases at the start of a segment: "năm 2024", "trong năm 2024", "đến cuối năm 2025".
    static let timeLeads = words("time_lead")
}
