/// The header facts of a directive, programme, plan or council resolution.
public struct DocumentMetadata: Hashable, Sendable, Codable {
    /// "Chỉ thị", "Chương trình", "Kế hoạch", "Nghị quyết", "Phát động"…
    public var type: String?
    /// "17/CT-UBND"; "/PD-CTĐ" when the number is left blank.
    public var number: String?
    public var issuer: String?
    public var place: String?
    /// ISO date "2023-12-26".
    public var date: String?
    public var signer: String?
    public var planYear: Int?
    public var title: String?
    /// The theme in quotes (chủ đề thi đua).
    public var theme: String?
    /// The reporting duty ("định kỳ 6 tháng và hàng năm báo cáo …").
    public var reporting: String?
    /// Codes of the national movements the document joins (see `NationalMovement`).
    public var movements: [String] = []
    /// Documents the text cites: "Chỉ thị số 34-CT/TW ngày 07/4/2014".
    public var cites: [String] = []

    public init(
        type: String? = nil, number: String? = nil, issuer: String? = nil, place: String? = nil,
        date: String? = nil, signer: String? = nil, planYear: Int? = nil, title: String? = nil,
        theme: String? = nil, reporting: String? = nil
    ) {
        self.type = type
        self.number = number
        self.issuer = issuer
        self.place = place
        self.date = date
        self.signer = signer
        self.planYear = planYear
        self.title = title
        self.theme = theme
        self.reporting = reporting
    }
}

/// A directive after extraction: where it came from, its facts and its targets.
public struct DirectiveDocument: Hashable, Sendable, Codable {
    public var path: String
    public var metadata: DocumentMetadata
    public var targets: [Target]
    public var qualitative: [QualitativeTarget]
    /// Every number of the text with what was made of it and why (`chitieu extract --explain`).
    public var decisions: [NumberDecision] = []

    public init(path: String, metadata: DocumentMetadata, targets: [Target], qualitative: [QualitativeTarget]) {
        self.path = path
        self.metadata = metadata
        self.targets = targets
        self.qualitative = qualitative
    }
}

/// What the extractor made of one number of a text: kept as a target or left out, and why, in
/// words a person checks against the text.
public struct NumberDecision: Hashable, Sendable, Codable {
    /// The number as written, with its unit: "20.403 tỷ đồng".
    public var text: String
    public var location: SourceLocation?
    public var kept: Bool
    public var reason: String

    public init(text: String, location: SourceLocation?, kept: Bool, reason: String) {
        self.text = text
        self.location = location
        self.kept = kept
        self.reason = reason
    }
}
