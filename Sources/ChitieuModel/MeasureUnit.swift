import Foundation

/// A unit of measure in its one canonical spelling ("tỷ đồng", "triệu lượt", "%", "bác sĩ/vạn dân").
///
/// Percent (a level or a rate) and percentage points (a change of a rate) are different units
/// even where a text writes both as "%".
public struct MeasureUnit: Hashable, Sendable, Codable, CustomStringConvertible {
    public let symbol: String

    public init(_ symbol: String) {
        self.symbol = MeasureUnit.canonicalSpelling(symbol)
    }

    public var description: String { symbol }

    /// Encoded as its symbol: "tỷ đồng".
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(symbol)
    }

    public static let percent = MeasureUnit(canonical("percent"))
    public static let percentagePoint = MeasureUnit(canonical("percentage_point"))
    public static let rank = MeasureUnit(canonical("rank"))
    public static let none = MeasureUnit("")

    /// True for "%" and percentage points.
    public var isPercentLike: Bool { self == .percent || self == .percentagePoint }

    /// The unit as a reader writes it in a table: percentage points are shown as "%".
    public var display: String { self == .percentagePoint ? "%" : symbol }

    /// Converts a value into `other`; nil when the two units measure different things.
    public func convert(_ value: Double, to other: MeasureUnit) -> Double? {
        if self == other { return value }
        guard let a = MeasureUnit.scales[symbol], let b = MeasureUnit.scales[other.symbol], a.base == b.base
        else { return nil }
        return value * a.factor / b.factor
    }

    /// True when values in the two units can be compared after conversion.
    public func isConvertible(to other: MeasureUnit) -> Bool { convert(1, to: other) != nil }

    // Everything below comes from the units of Resources/lexicon/extraction.tsv, the table the
    // scanner reads numbers with, so the two cannot drift apart.
    private static let words = WordTable.extraction

    /// A canonical spelling by its role ("percentage_point" → "điểm %").
    public static func canonical(_ role: String) -> String { words.phrase("canonical_unit", role: role) }

    /// Magnitudes that change only the scale of a base unit: "", "nghìn ", "triệu "…
    private static let magnitudes: [(prefix: String, factor: Double)] = {
        var seen = Set<String>()
        let written = words.rows("magnitude").compactMap { row -> (String, Double)? in
            guard row.count == 3, let factor = Double(row[2]), seen.insert(row[1]).inserted else { return nil }
            return (row[1] + " ", factor)
        }
        return [("", 1)] + written
    }()

    /// Base units a magnitude may scale: the scanner's scalable units and its count units.
    private static let scalableBases: [String] = {
        var seen = Set<String>()
        return (words.pairs("scalable_unit").map(\.value) + words.rows("count_unit").map(\.[0])).filter { seen.insert($0).inserted }
    }()

    private static let scales: [String: (base: String, factor: Double)] = {
        var table: [String: (base: String, factor: Double)] = [:]
        for base in scalableBases {
            for m in magnitudes { table[m.prefix + base] = (base, m.factor) }
        }
        // "lượt khách" counts the same as "lượt".
        for (same, base) in words.pairs("same_base") {
            for m in magnitudes { table[m.prefix + same] = (base, m.factor) }
        }
        return table
    }()

    private static let wholeSpellings: [String: String] = Dictionary(words.pairs("unit_spelling").map { ($0.phrase, $0.value) }) { a, _ in a }
    /// Parts spelled two ways ("tỉ" → "tỷ"), in lower case and capitalised.
    private static let partSpellings: [(String, String)] = words.pairs("unit_spelling_part").flatMap { pair in
        [(pair.phrase, pair.value), (pair.phrase.prefix(1).uppercased() + pair.phrase.dropFirst(), pair.value)]
    }
    /// "/1 vạn dân", " trên 1 vạn dân"… → "/vạn dân"; a form that starts with a letter follows a space.
    private static let perPopulationForms: [String] = words["per_population"].map { form in
        form.first.map { $0.isLetter } == true ? " " + form : form
    }
    public static let perPopulationSuffix = canonical("per_population")

    /// Spellings that are already canonical, answered without any string work.
    static let knownCanonical: Set<String> = {
        let candidates = Set(scales.keys).union(wholeSpellings.values).union(words.pairs("canonical_unit").map(\.phrase)).union([""])
        return candidates.filter { spell($0) == $0 }
    }()

    /// One spelling for each unit: "tỉ" → "tỷ", "ngàn" → "nghìn", "/1 vạn dân" → "/vạn dân".
    static func canonicalSpelling(_ raw: String) -> String {
        knownCanonical.contains(raw) ? raw : spell(raw)
    }

    private static func spell(_ raw: String) -> String {
        var s = raw.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\u{00A0}", with: " ")
            .trimmingCharacters(in: .whitespaces)
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        if let whole = wholeSpellings[s.lowercased()] { return whole }
        // A byte search first: most units have none of these parts.
        for (variant, canonical) in partSpellings where s.hasBytes(variant) { s = s.replacingOccurrences(of: variant, with: canonical) }
        for form in perPopulationForms where s.hasBytes(form) { s = s.replacingOccurrences(of: form, with: perPopulationSuffix) }
        return wholeSpellings[s] ?? s
    }
}
