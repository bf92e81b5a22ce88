import ChitieuModel

/// The body that issues a report, printed top left: "UBND TỈNH …" over "SỞ NỘI VỤ".
public struct ReportingBody: Sendable, Hashable {
    public var parent: String?
    public var name: String

    public init(parent: String? = nil, name: String) {
        self.parent = parent
        self.name = name
    }
}

/// Everything a report shows, as plain values.
public struct ReportContent: Sendable {
    public var title: String
    public var period: ReportingPeriod
    public var body: ReportingBody
    public var place: String
    /// The date printed on the report (year, month, day).
    public var date: (year: Int, month: Int, day: Int)
    public var units: [ReportingUnit]
    public var evaluations: [Evaluation]
    public var documents: [DirectiveDocument]
    public var issues: [DataIssue]

    public init(title: String, period: ReportingPeriod, body: ReportingBody, place: String,
                date: (year: Int, month: Int, day: Int), units: [ReportingUnit], evaluations: [Evaluation],
                documents: [DirectiveDocument], issues: [DataIssue]) {
        self.title = title
        self.period = period
        self.body = body
        self.place = place
        self.date = date
        self.units = units
        self.evaluations = evaluations
        self.documents = documents
        self.issues = issues
    }

    /// "Hà Giang, ngày 05 tháng 01 năm 2025": days below 10 and months 1-2 take a leading zero
    /// (Decree 30/2020/NĐ-CP).
    public var placeDateLine: String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month <= 2 ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
    }
}

/// Counts of one unit's evaluation, for the summary.
public struct UnitSummary: Sendable, Hashable {
    public var unit: ReportingUnit
    public var targets = 0
    public var withData = 0
    public var exceeded = 0
    public var met = 0
    public var notMet = 0
    public var noData = 0
    public var notEvaluable = 0
    public var onTrack = 0
    public var behind = 0
    /// Mean completion over rows that have one, in percent.
    public var meanCompletion: Double?

    public init(unit: ReportingUnit, evaluations: [Evaluation]) {
        self.unit = unit
        let mine = evaluations.filter { $0.unit == unit }
        targets = mine.count
        var completions: [Double] = []
        for e in mine {
            switch e.status {
            case .exceeded: exceeded += 1
            case .met: met += 1
            case .notMet: notMet += 1
            case .noData: noData += 1
            case .notEvaluable: notEvaluable += 1
            case .onTrack: onTrack += 1
            case .behind: behind += 1
            }
            if e.actual != nil { withData += 1 }
            if let c = e.completion { completions.append(c) }
        }
        meanCompletion = completions.isEmpty ? nil : completions.reduce(0, +) / Double(completions.count)
    }
}
