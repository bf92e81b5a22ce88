import Foundation

/// Vietnamese words that decide how text is read, kept as data (Resources/lexicon/*.tsv) so
/// that a Vietnamese-speaking expert can extend them without reading Swift. Each file maps
/// concepts to phrases; it is loaded once and checked: a missing file, a bad line or a concept
/// without a phrase stops the program with the file and line named, never an empty list.
public struct WordTable: Sendable {
    public let name: String
    private let phrases: [String: [String]]
    private let lines: [String: [[String]]]

    /// The phrases of a concept, NFC and lower case, longest first.
    public subscript(concept: String) -> [String] {
        guard let found = phrases[concept] else {
            fatalError("chitieu: bảng từ \(name) không có khái niệm \"\(concept)\"; đây là lỗi đóng gói chương trình")
        }
        return found
    }

    /// The rows of a concept in file order: the phrase (NFC, lower case), then its other fields.
    public func rows(_ concept: String) -> [[String]] {
        guard let found = lines[concept] else {
            fatalError("chitieu: bảng từ \(name) không có khái niệm \"\(concept)\"; đây là lỗi đóng gói chương trình")
        }
        return found
    }

    /// The rows of a concept that pair a phrase with one value ("ubnd" → "Ủy ban nhân dân").
    public func pairs(_ concept: String) -> [(phrase: String, value: String)] {
        rows(concept).map { row in
            guard row.count >= 2, !row[1].isEmpty else {
                fatalError("chitieu: bảng từ \(name): \(concept) \"\(row[0])\" cần cột thứ ba (giá trị đi kèm)")
            }
            return (row[0], row[1])
        }
    }

    /// The phrase of a concept's row whose value is `role` ("name_form", "share" → "tỷ trọng").
    public func phrase(_ concept: String, role: String) -> String {
        guard let found = pairs(concept).first(where: { $0.value == role }) else {
            fatalError("chitieu: bảng từ \(name) thiếu \(concept) cho vai trò \"\(role)\"")
        }
        return found.phrase
    }

    /// Parses a table; `concepts` are the ones it must define.
    public static func parse(_ text: String, name: String, concepts: [String]) throws(WordTableError) -> WordTable {
        var phrases: [String: [String]] = [:]
        var lines: [String: [[String]]] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[1].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw WordTableError(file: name, line: number + 1, reason: "cần \"khái niệm<TAB>cụm từ\"")
            }
            let concept = String(fields[0])
            guard concepts.contains(concept) else {
                throw WordTableError(file: name, line: number + 1, reason: "khái niệm \"\(concept)\" không có trong danh sách (\(concepts.joined(separator: ", ")))")
            }
            let phrase = fields[1].trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping.lowercased()
            phrases[concept, default: []].append(phrase)
            lines[concept, default: []].append([phrase] + fields.dropFirst(2).map { $0.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping })
        }
        for concept in concepts where phrases[concept] == nil {
            throw WordTableError(file: name, line: 0, reason: "khái niệm \"\(concept)\" không có cụm từ nào")
        }
        return WordTable(name: name, phrases: phrases.mapValues { $0.sorted { $0.count > $1.count } }, lines: lines)
    }

    /// A table shipped with the program; a failure is a packaging bug and stops the program.
    public static func bundled(_ name: String, concepts: [String]) -> WordTable {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "lexicon"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("chitieu: không tìm thấy bảng từ lexicon/\(name).tsv đi kèm chương trình")
        }
        do { return try parse(text, name: "lexicon/\(name).tsv", concepts: concepts) } catch {
            fatalError("chitieu: \(error)")
        }
    }

    /// The words that read a number and its name (Resources/lexicon/extraction.tsv).
    public static let extraction = bundled("extraction", concepts: [
        "magnitude", "scalable_unit", "count_unit", "count_unit_not_noun", "per_population", "percent", "per_mille", "per_tail",
        "colon_cue", "strictly_above", "at_least", "strictly_below", "at_most", "approximately", "increase", "decrease", "linker",
        "at_least_after", "at_most_after", "range_joiner", "starter", "leading_filler", "kept_verb", "additive_verb", "vague_name",
        "reference_cue", "date_cue", "non_target_unit", "commitment", "time_lead",
        "share", "text_filler", "after_connective", "trailing_noise", "percentage_point", "rank", "rank_group", "visitors",
        "sub_list", "and_word", "count_name_prefix", "rate_name", "growth_name", "name_form",
        "canonical_unit", "unit_spelling_part", "unit_spelling", "same_base",
    ])

    /// Cues of assertion and time: target, result, superseded (Resources/lexicon/assertion.tsv).
    public static let assertion = bundled("assertion", concepts: ["target", "result", "result_after", "of_plan", "past", "superseded", "plan_year", "report_year", "plan_value", "opens_past", "year_lead",
                                                              "comparison", "compared_with", "plan_value_link", "year_word"])

    /// The words of a document's header and signature (Resources/lexicon/metadata.tsv).
    public static let metadata = bundled("metadata", concepts: [
        "heading_type", "cited_type", "number_label", "day_word", "month_word", "year_word", "theme_lead", "reporting_lead",
        "reporting_frequency", "launch_word", "chair_title", "people_committee", "unit_level", "unit_level_abbreviation",
        "place_level", "signer_title", "national_title", "abbreviation", "movement", "movement_spelling",
    ])

    /// The words of layout repair, flattened tables and plan files (Resources/lexicon/layout.tsv).
    public static let layout = bundled("layout", concepts: [
        "ocr_variant", "connective", "ordinal", "ordinal_lead", "ordinal_first", "ordinal_link", "chrome", "counter_heading",
        "counter_label", "social_site", "share_word", "table_name_header", "table_unit_header", "table_plan_header",
        "table_past_header", "table_number_header", "table_header_word", "table_value_prefix", "plan_comparator",
        "result_status", "period_year", "period_half",
    ])
}

public struct WordTableError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}
