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

    public static let percent = MeasureUnit("%")
    public static let percentagePoint = MeasureUnit("điểm %")
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

    // Magnitudes that change only the scale of a base unit.
    private static let magnitudes: [(prefix: String, factor: Double)] = [
        ("", 1), ("nghìn ", 1e3), ("triệu ", 1e6), ("tỷ ", 1e9), ("nghìn tỷ ", 1e12),
    ]
    private static let scalableBases = ["đồng", "USD", "lượt", "lượt khách", "người", "hộ", "tấn", "ha", "lao động", "doanh nghiệp"]
    private static let scales: [String: (base: String, factor: Double)] = {
        var table: [String: (base: String, factor: Double)] = [:]
        for base in scalableBases {
            for m in magnitudes { table[m.prefix + base] = (base, m.factor) }
        }
        table["lượt khách"] = ("lượt", 1)
        table["triệu lượt khách"] = ("lượt", 1e6)
        table["nghìn lượt khách"] = ("lượt", 1e3)
        return table
    }()

    /// One spelling for each unit: "tỉ" → "tỷ", "ngàn" → "nghìn", "/1 vạn dân" → "/vạn dân".
    /// Spellings that are already canonical, answered without any string work.
    static let knownCanonical: Set<String> = {
        var known: Set<String> = ["%", "điểm %", "‰", "", "bác sĩ/vạn dân", "giường bệnh/vạn dân", "hạng", "xã", "hộ", "người"]
        for base in scalableBases { for m in magnitudes { known.insert(m.prefix + base) } }
        return known
    }()

    static func canonicalSpelling(_ raw: String) -> String {
        if knownCanonical.contains(raw) { return raw }
        var s = raw.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\u{00A0}", with: " ")
            .trimmingCharacters(in: .whitespaces)
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        let lower = s.lowercased()
        if lower == "usd" { return "USD" }
        s = s.replacingOccurrences(of: "tỉ", with: "tỷ")
            .replacingOccurrences(of: "ngàn", with: "nghìn")
            .replacingOccurrences(of: "usd", with: "USD")
            .replacingOccurrences(of: "Usd", with: "USD")
            .replacingOccurrences(of: "đ/", with: "đồng/")
        for form in ["/1 vạn dân", "/ 1 vạn dân", "/ vạn dân", " trên 1 vạn dân", " trên vạn dân", "/10.000 dân", "/10.000 người dân"] {
            s = s.replacingOccurrences(of: form, with: "/vạn dân")
        }
        if s == "giường/vạn dân" { s = "giường bệnh/vạn dân" }
        if s == "điểm phần trăm" || s == "điểm%" { s = "điểm %" }
        if s == "phần trăm" { s = "%" }
        return s
    }
}
