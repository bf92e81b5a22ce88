import Foundation

/// Which way is better for an indicator.
public enum Direction: String, Sendable, Codable, CaseIterable {
    case higher, lower
}

/// How an indicator accumulates over a period.
public enum IndicatorKind: String, Sendable, Codable, CaseIterable {
    /// Accumulates over the period: budget revenue, tourists, new firms.
    case flow
    /// A state at a date: rates, communes meeting a standard, beds per 10 000 people.
    case level
    /// A rate of change against the same period of last year: GRDP growth.
    case growth
}

/// The sector an indicator belongs to, for grouping in reports.
public enum Sector: String, Sendable, Codable, CaseIterable {
    case economy, society, environment
    case defenceSecurity = "defence_security"
    case partyGovernment = "party_government"

    public var vietnamese: String {
        switch self {
        case .economy: "Kinh tế"
        case .society: "Văn hóa - Xã hội"
        case .environment: "Tài nguyên - Môi trường"
        case .defenceSecurity: "Quốc phòng - An ninh"
        case .partyGovernment: "Xây dựng Đảng, chính quyền"
        }
    }
}

/// One indicator of the catalogue: what must be known to evaluate and compare it.
public struct CatalogueEntry: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var english: String
    public var unit: MeasureUnit
    public var sector: Sector
    public var direction: Direction
    public var kind: IndicatorKind
    /// Lower-case spellings met in real texts.
    public var spellings: [String]
}

/// The indicator catalogue shipped with chitieu (Resources/catalogue.json).
public struct Catalogue: Sendable {
    public let entries: [CatalogueEntry]
    private let byCode: [String: CatalogueEntry]
    /// Spellings indexed by their first scalar: (entry index, spelling scalars); for scalars below
    /// U+2000 (all of Vietnamese) a flat table answers without hashing.
    private let spellingIndex: [Unicode.Scalar: [(Int, [Unicode.Scalar])]]
    private let flatIndex: [[(Int, [Unicode.Scalar])]]

    public init(entries: [CatalogueEntry]) {
        self.entries = entries
        self.byCode = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var index: [Unicode.Scalar: [(Int, [Unicode.Scalar])]] = [:]
        for (i, entry) in entries.enumerated() {
            for spelling in entry.spellings {
                let scalars = Array(spelling.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars)
                if let first = scalars.first { index[first, default: []].append((i, scalars)) }
            }
        }
        self.spellingIndex = index
        var flat = [[(Int, [Unicode.Scalar])]](repeating: [], count: 0x2000)
        for (first, spellings) in index where first.value < 0x2000 { flat[Int(first.value)] = spellings }
        self.flatIndex = flat
    }

    /// The catalogue bundled with the program.
    public static let standard: Catalogue = {
        // The file is part of the build; a failure here is a packaging bug, reported plainly.
        guard let url = Bundle.module.url(forResource: "catalogue", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data)
        else {
            FileHandle.standardError.write(Data("chitieu: không đọc được danh mục chỉ tiêu (catalogue.json) đi kèm chương trình\n".utf8))
            return Catalogue(entries: [])
        }
        return Catalogue(entries: file.indicators)
    }()

    public subscript(code: String) -> CatalogueEntry? { byCode[code] }

    /// "; có phải budget_revenue (Thu ngân sách ...)?" for the codes nearest a code that is in
    /// no list; empty when none is near.
    public func didYouMean(_ code: String) -> String {
        let near = NameMatching.nearest(code, among: entries.map { ($0, [NameMatching.loose($0.code), NameMatching.loose($0.name)]) })
        return NameMatching.didYouMean(near.map { "\($0.code) (\($0.name))" })
    }

    /// The best entry for a target's name and unit, with a confidence between 0 and 1.
    ///
    /// A spelling must occur in the name; longer spellings win; an entry whose unit does not
    /// convert to the target's loses most of its confidence (a rate is not a count).
    public func match(name: String, unit: MeasureUnit) -> (entry: CatalogueEntry, confidence: Double)? {
        let text = Array(name.lowercased().unicodeScalars)
        // The longest spelling of each entry found in the name, by one pass over its scalars.
        var longestByEntry = [Int](repeating: 0, count: entries.count)
        for start in text.indices {
            let first = text[start]
            let candidates = first.value < 0x2000 ? flatIndex[Int(first.value)] : spellingIndex[first] ?? []
            for (entry, spelling) in candidates where spelling.count > longestByEntry[entry] && start + spelling.count <= text.count {
                var k = 1
                while k < spelling.count, text[start + k] == spelling[k] { k += 1 }
                if k == spelling.count { longestByEntry[entry] = spelling.count }
            }
        }
        // An entry measured in a compatible unit wins, then the most specific spelling ("xã đạt
        // chuẩn nông thôn mới tăng thêm" over "xã đạt chuẩn nông thôn mới"), then the confidence.
        var best: (CatalogueEntry, Double, Int, Bool)?
        for (index, longest) in longestByEntry.enumerated() where longest > 0 {
            let entry = entries[index]
            var confidence = min(1, 0.5 + Double(longest) / Double(max(text.count, 1)))
            let convertible = entry.unit.isConvertible(to: unit)
            let compatible = convertible || (entry.unit.isPercentLike && unit.isPercentLike)
            if !convertible {
                confidence *= compatible ? 0.9 : (entry.unit.isPercentLike == unit.isPercentLike ? 0.6 : 0.25)
            }
            if let b = best, (b.3 ? 1 : 0, b.2, b.1) >= (compatible ? 1 : 0, longest, confidence) { continue }
            best = (entry, confidence, longest, compatible)
        }
        return best.map { ($0.0, $0.1) }
    }

    private struct File: Decodable {
        var indicators: [CatalogueEntry]
    }
}
