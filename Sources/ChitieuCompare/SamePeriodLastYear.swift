import ChitieuModel
import Foundation

/// Sets each evaluation against the same period of last year (2025 for 2026, 2025-H1 for
/// 2026-H1), from the figures remembered in the history store. A province made by the merger of
/// 1 July 2025 is compared with its old provinces put together: flows and counts summed, rates
/// and averages weighted by the indicator named in `restateWeights`; anything else is not
/// comparable, with the reason. Nothing is guessed.
public struct SamePeriodLastYear: Sendable {
    public let period: ReportingPeriod
    public let catalogue: Catalogue
    /// Rate indicator → the indicator whose values weigh it ("grdp_growth": "grdp_current_prices").
    public let restateWeights: [String: String]
    private let figures: [Key: [PastFigure]]
    /// The units the store knows anything of for the year before.
    private let knownUnits: Set<String>

    struct Key: Hashable { let unit: String; let indicator: String }

    /// `past` are the remembered figures of `period.yearBefore`, read once and indexed here.
    public init(period: ReportingPeriod, past: [PastFigure], catalogue: Catalogue, restateWeights: [String: String]) {
        self.period = period
        self.catalogue = catalogue
        self.restateWeights = restateWeights
        var index: [Key: [PastFigure]] = [:]
        for figure in past where figure.basis == .value {
            index[Key(unit: figure.unitCode, indicator: figure.indicator), default: []].append(figure)
        }
        figures = index
        knownUnits = Set(index.keys.map(\.unit))
    }

    /// A figure of this period to set against last year's: a unit's value of an indicator.
    struct Item: Sendable {
        var unit: ReportingUnit
        var indicator: String
        /// This period's value, when there is one as a value (not a share of a plan).
        var value: Double?
        var measure: MeasureUnit?
    }

    /// What is known of a unit before any indicator is asked: the codes it was remembered
    /// under, or the old units it was made of, and the answer for all its rows when there is one.
    struct UnitPlan: Sendable {
        var codes: [String]
        var pieces: [Succession]?
        var same: LastYear?
    }

    /// Each unit's plan, made once for the units of a run (`official` gives a unit's official
    /// province or commune); the answers per figure are then pure look-ups, made as the files are
    /// written, so that a national run holds no list of them.
    public func planned(units: [ReportingUnit], official: (ReportingUnit) -> OfficialUnit?) -> Planned {
        let map = AdministrativeMap.official
        let before = period.yearBefore
        let crosses = before.lastDay < AdministrativeMap.mergerDay && period.lastDay >= AdministrativeMap.mergerDay
        var plans: [ReportingUnit: UnitPlan] = [:]
        for unit in units where plans[unit] == nil {
            let found = official(unit)
            var pieces: [Succession]?
            if crosses, let found, found.until == nil {
                pieces = found.level == .province ? map.predecessors(ofProvince: found.code) : AdministrativeMap.communes.predecessors(of: found.code)
            }
            if let pieces, pieces.count > 1 || pieces.contains(where: { !$0.whole }) {
                plans[unit] = UnitPlan(codes: [], pieces: pieces, same: unitWide(unit, pieces: pieces, year: before))
            } else {
                // An unchanged unit is itself before the merger; otherwise the unit's own codes.
                let codes = pieces?.first.map { [$0.oldCode] } ?? (found.map { [$0.code, unit.code] } ?? [unit.code])
                let none = LastYear.notComparable("chưa có số liệu \(before.vietnamese) của \(unit.name) trong kho lịch sử")
                plans[unit] = UnitPlan(codes: codes, pieces: nil, same: codes.contains(where: knownUnits.contains) ? nil : none)
            }
        }
        return Planned(comparison: self, plans: plans)
    }

    /// The comparison with each unit's plan made: one answer per figure.
    public struct Planned: Sendable {
        let comparison: SamePeriodLastYear
        let plans: [ReportingUnit: UnitPlan]

        /// The same period of last year for a unit's value of an indicator (nil value: no change).
        public func lastYear(unit: ReportingUnit, indicator: String, value: Double?, measure: MeasureUnit?) -> LastYear {
            let item = Item(unit: unit, indicator: indicator, value: value, measure: measure)
            guard let plan = plans[unit] else { return .notComparable("đơn vị không có trong lượt chạy") }
            if let same = plan.same { return same }
            let before = comparison.period.yearBefore
            let past: LastYear
            if let pieces = plan.pieces {
                past = comparison.restated(item, name: unit.name, pieces: pieces, year: before)
            } else {
                past = comparison.direct(item, codes: plan.codes, year: before)
                    ?? .notComparable("chưa có số liệu \(before.vietnamese) của \(unit.name) cho chỉ tiêu này trong kho lịch sử")
            }
            return comparison.withChange(past, item)
        }

        /// For an evaluation: its own result, when it is a value.
        public func lastYear(_ e: Evaluation) -> LastYear {
            let actual = e.actual.flatMap { $0.basis == .value ? $0 : nil }
            return lastYear(unit: e.unit, indicator: e.indicator, value: actual?.value, measure: actual?.measure)
        }
    }

    private func lookup(_ codes: [String], _ indicator: String) -> PastFigure? {
        for code in codes { if let found = PastFigure.preferred(figures[Key(unit: code, indicator: indicator)] ?? []) { return found } }
        return nil
    }

    func direct(_ e: Item, codes: [String], year: ReportingPeriod) -> LastYear? {
        guard let figure = lookup(codes, e.indicator) else { return nil }
        return LastYear(value: figure.value, measure: figure.measure, status: figure.status == .reported ? .reported : .estimate,
                        explanation: "\(e.unit.name) \(year): \(Self.number(figure.value)) \(figure.measure.display)" + Self.origin(figure))
    }

    /// True for what adds up over units: amounts and counts, not rates, shares or averages.
    private func summable(_ indicator: String, measure: MeasureUnit) -> Bool {
        if let entry = catalogue[indicator] {
            if entry.kind == .growth { return false }
            if entry.kind == .flow { return true }
        }
        return !measure.isPercentLike && !measure.symbol.contains("/")
    }

    static func label(_ name: String, _ year: ReportingPeriod, _ pieces: [Succession]) -> String {
        "\(name) \(year) (gộp " + pieces.map { "\(NameMatching.withoutKind($0.oldName)) \($0.oldCode)" }.joined(separator: " + ") + ")"
    }

    /// The answer that does not depend on the indicator, when there is one: an old unit that went
    /// in only in part ("Nhập một phần") cannot be added without its share; nothing known of
    /// any old unit leaves nothing to add.
    private func unitWide(_ unit: ReportingUnit, pieces: [Succession], year: ReportingPeriod) -> LastYear? {
        let partial = pieces.filter { !$0.whole }
        if !partial.isEmpty {
            return .notComparable("\(Self.label(unit.name, year, pieces)): " + partial.map { "\($0.oldName) (\($0.oldCode)) \($0.note.lowercased())" }.joined(separator: ", ")
                                  + "; không gộp được khi chưa biết phần của đơn vị cũ đi vào đơn vị mới")
        }
        if !pieces.contains(where: { knownUnits.contains($0.oldCode) }) {
            return .notComparable("\(Self.label(unit.name, year, pieces)): chưa có số liệu \(year.vietnamese) của đơn vị cũ nào trong kho lịch sử")
        }
        return nil
    }

    func restated(_ e: Item, name: String, pieces: [Succession], year: ReportingPeriod) -> LastYear {
        let label = Self.label(name, year, pieces)
        let found: [(piece: Succession, figure: PastFigure?)] = pieces.map { piece in
            (piece, PastFigure.preferred(self.figures[Key(unit: piece.oldCode, indicator: e.indicator)] ?? []))
        }
        let missing = found.filter { $0.figure == nil }.map { "\(NameMatching.withoutKind($0.piece.oldName)) (\($0.piece.oldCode))" }
        guard missing.isEmpty else {
            return .notComparable("\(label): chưa có số liệu \(year.vietnamese) của \(missing.joined(separator: ", ")); cần đủ mọi đơn vị cũ để gộp")
        }
        let known: [PastFigure] = found.compactMap { $0.figure }
        let measure = known[0].measure
        let values: [Double?] = known.map { $0.measure.convert($0.value, to: measure) }
        guard values.allSatisfy({ $0 != nil }) else {
            return .notComparable("\(label): các đơn vị cũ báo cáo theo đơn vị đo khác nhau, không quy đổi được")
        }
        let numbers = values.compactMap { $0 }
        if summable(e.indicator, measure: measure) {
            let total = numbers.reduce(0, +)
            return LastYear(value: total, measure: measure, status: .restated,
                            explanation: "\(label): " + numbers.map(Self.number).joined(separator: " + ") + " = \(Self.number(total)) \(measure.display)")
        }
        guard let weightIndicator = restateWeights[e.indicator] else {
            return .notComparable("\(label): \(e.indicator) là tỷ lệ hoặc bình quân, không cộng được; khai báo restate_weights: {\(e.indicator): <mã chỉ tiêu trọng số>} trong pipeline để gộp có trọng số")
        }
        let weights = pieces.map { PastFigure.preferred(self.figures[Key(unit: $0.oldCode, indicator: weightIndicator)] ?? []) }
        let missingWeights = zip(pieces, weights).filter { $0.1 == nil }.map { "\(NameMatching.withoutKind($0.0.oldName)) (\($0.0.oldCode))" }
        guard missingWeights.isEmpty else {
            return .notComparable("\(label): thiếu trọng số \(weightIndicator) \(year.vietnamese) của \(missingWeights.joined(separator: ", "))")
        }
        let weightMeasure = weights[0]!.measure
        let w = weights.map { $0!.measure.convert($0!.value, to: weightMeasure) }
        guard w.allSatisfy({ ($0 ?? 0) > 0 }) else {
            return .notComparable("\(label): trọng số \(weightIndicator) không quy đổi được về một đơn vị đo hoặc không dương")
        }
        let ws = w.compactMap { $0 }
        let total = ws.reduce(0, +)
        var weighted = 0.0
        var termTexts: [String] = []
        for (v, weight) in zip(numbers, ws) {
            weighted += v * weight
            termTexts.append(Self.number(v) + " × " + Self.number(weight))
        }
        let value = weighted / total
        let terms = termTexts.joined(separator: " + ")
        return LastYear(value: value, measure: measure, status: .restated,
                        explanation: "\(label), trọng số \(weightIndicator): (\(terms)) ÷ \(Self.number(total)) = \(Self.number(value)) \(measure.display)")
    }

    /// The change from last year: a percentage for amounts and counts, points for rates.
    func withChange(_ past: LastYear, _ e: Item) -> LastYear {
        guard var result = Optional(past), let v0 = past.value, let measure = past.measure else { return past }
        guard let value = e.value, let current = e.measure else { return past }
        guard let now = current.convert(value, to: measure) else {
            result.explanation += "; kết quả năm nay đo bằng \(current.display), không quy đổi được"
            return result
        }
        if summable(e.indicator, measure: measure) {
            guard v0 != 0 else { return result }
            result.change = (now - v0) / v0 * 100
            result.changeUnit = "%"
        } else {
            result.change = now - v0
            result.changeUnit = MeasureUnit.percentagePoint.symbol
        }
        return result
    }

    static func number(_ v: Double) -> String { VietnameseNumber.formatCompact(v, maxDecimals: 2) }


    static func origin(_ figure: PastFigure) -> String {
        (figure.status == .estimate ? " (số ước)" : "") + (figure.source.map { "; nguồn: \($0)" } ?? "")
    }
}
