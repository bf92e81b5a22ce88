/// A quantitative target (chỉ tiêu) as an official writes it down: the name, the number, the unit,
/// the comparator and the exact words it came from.
///
/// Its fields live in one shared, copy-on-write box: a national run holds each target in its
/// unit's list, its evaluation and its six-month evaluation, and copies cost a pointer.
public struct Target: SharedFields {
    public struct Fields: Hashable, Sendable, Codable {
        /// Stable within a run: the document's stem and the target's ordinal ("003-07").
        public var id: String
        /// The clean noun phrase for the first column of a table: "Thu ngân sách nhà nước trên địa bàn".
        public var name: String
        public var comparator: TargetComparator
        /// The target value; the lower bound of a range.
        public var value: Double
        /// The upper bound of a range.
        public var valueMax: Double?
        public var unit: MeasureUnit
        /// "khoảng X", "gần X".
        public var approx: Bool
        /// The exact words of the source.
        public var text: String
        /// The name of the target this one belongs to ("trong đó" sub-targets).
        public var parent: String?
        public var location: SourceLocation?
        /// The catalogue code this target maps to, with the confidence of the match (0-1).
        public var catalogueCode: String?
        public var catalogueConfidence: Double?
        /// The period the target is for; nil means the year of the plan.
        public var period: ReportingPeriod?
        /// A plan's override of the catalogue's direction and kind.
        public var direction: Direction?
        public var kind: IndicatorKind?
        /// Where the target comes from; its line of the provenance is written when asked for.
        public var origin: Origin = .extracted
        /// Every correction a plan file made, oldest first.
        public var corrections: [String] = []
        /// Other places of the text that state this same target (title, lead and body).
        public var repeatedAt: [SourceLocation] = []
        /// Why the extractor read this number as a target of the plan: the plan year and the cue
        /// words that decided ("năm kế hoạch 2025", "từ đặt mục tiêu: phấn đấu").
        public var evidence: [String] = []

        public init(id: String, name: String, comparator: TargetComparator, value: Double, valueMax: Double?, unit: MeasureUnit,
                    approx: Bool, text: String, parent: String?, location: SourceLocation?, catalogueCode: String?,
                    catalogueConfidence: Double?, period: ReportingPeriod? = nil, direction: Direction? = nil,
                    kind: IndicatorKind? = nil, origin: Origin = .extracted) {
            self.id = id
            self.name = name
            self.comparator = comparator
            self.value = value
            self.valueMax = valueMax
            self.unit = unit
            self.approx = approx
            self.text = text
            self.parent = parent
            self.location = location
            self.catalogueCode = catalogueCode
            self.catalogueConfidence = catalogueConfidence
            self.period = period
            self.direction = direction
            self.kind = kind
            self.origin = origin
        }
    }

    /// Where a target comes from.
    public enum Origin: Hashable, Sendable, Codable {
        /// Read from a directive's words.
        case extracted
        /// Added by a row of a plan file, with the values it still has.
        case addedFromPlan
        /// Said in words (an origin whose values have since been corrected).
        case noted(String)
    }

    public var storage: FieldStorage<Fields>

    public init(
        id: String, name: String, comparator: TargetComparator, value: Double, valueMax: Double? = nil,
        unit: MeasureUnit, approx: Bool = false, text: String, parent: String? = nil,
        location: SourceLocation? = nil, catalogueCode: String? = nil, catalogueConfidence: Double? = nil
    ) {
        storage = FieldStorage(box: SharedBox(Fields(id: id, name: name, comparator: comparator, value: value, valueMax: valueMax, unit: unit,
                               approx: approx, text: text, parent: parent, location: location, catalogueCode: catalogueCode,
                               catalogueConfidence: catalogueConfidence)))
    }

    public init(storage: FieldStorage<Fields>) { self.storage = storage }

    /// Where the target comes from, oldest first: the directive's words or the plan row that
    /// added it, then every correction.
    public var provenance: [String] {
        let f = fields
        let again = f.repeatedAt.isEmpty ? [] : ["Cũng nêu ở dòng " + f.repeatedAt.map { String($0.line) }.joined(separator: ", ")]
        return [originLine] + again + f.corrections
    }

    /// The first line of the provenance.
    public var originLine: String {
        let f = fields
        switch f.origin {
        case .extracted:
            let place = f.location.map { "\($0.file) dòng \($0.line)" } ?? "văn bản"
            return "Trích từ \(place): “\(f.text)”"
        case .addedFromPlan:
            let place = f.location.map { "\($0.file) \($0.cell ?? "dòng \($0.line)")" } ?? "tệp kế hoạch"
            return "Thêm theo \(place): \(plainText)"
        case .noted(let line):
            return line
        }
    }

    /// True when a person should check the target: no catalogue entry fits it well.
    public var needsReview: Bool { (self.catalogueConfidence ?? 0) < Target.reviewThreshold }

    /// Below this catalogue confidence a target is flagged for review (kept, never dropped).
    public static let reviewThreshold = 0.6

    /// The target as a person reads it in a table: "trên 95 %", "7,5 - 8 %", "giảm 2.900 hộ".
    public var plainText: String { fields.plainText }
}

/// A target written in words only ("Đảm bảo công tác quốc phòng và quân sự địa phương").
public struct QualitativeTarget: Hashable, Sendable, Codable {
    public var text: String
    public var location: SourceLocation?

    public init(text: String, location: SourceLocation? = nil) {
        self.text = text
        self.location = location
    }
}

extension Target.Fields {
    /// The key that joins results to the target: its catalogue code, else its id.
    public var joinKey: String { catalogueCode ?? id }

    /// The target as a person reads it in a table: "trên 95 %", "7,5 - 8 %", "giảm 2.900 hộ".
    public var plainText: String {
        let f = self
        let number = VietnameseNumber.formatCompact(f.value)
        let unitText = f.unit.display.isEmpty ? "" : (f.unit.display == "%" ? "%" : " " + f.unit.display)
        let approxText = f.approx ? "khoảng " : ""
        switch f.comparator {
        case .eq: return approxText + number + unitText
        case .range: return number + " - " + VietnameseNumber.formatCompact(f.valueMax ?? f.value) + unitText
        default:
            let upper = f.valueMax.map { " - " + VietnameseNumber.formatCompact($0) } ?? ""
            return f.comparator.vietnamese + " " + approxText + number + upper + unitText
        }
    }
}
