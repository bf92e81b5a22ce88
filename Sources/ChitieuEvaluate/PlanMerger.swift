import ChitieuModel

/// Applies plan files to the targets extracted from a unit's directives: a person's row wins
/// over extraction for the same indicator, and both stay in the target's provenance.
public enum PlanMerger {
    public static func merge(extracted: [Target], plans: [PlanEntry], catalogue: Catalogue) -> [Target] {
        var targets = extracted.map { target -> Target in
            var t = target
            if t.provenance.isEmpty {
                let place = t.location.map { "\($0.file) dòng \($0.line)" } ?? "văn bản"
                t.provenance = ["Trích từ \(place): “\(t.text)”"]
            }
            return t
        }
        // Where each key first occurs: the join key (catalogue code or id) and the id.
        var positions: [String: Int] = [:]
        func remember(_ t: Target, at i: Int) {
            if positions[t.catalogueCode ?? t.id] == nil { positions[t.catalogueCode ?? t.id] = i }
            if positions[t.id] == nil { positions[t.id] = i }
        }
        for (i, t) in targets.enumerated() { remember(t, at: i) }
        for entry in plans {
            let place = entry.location.map { "\($0.file) \($0.cell ?? "dòng \($0.line)")" } ?? "tệp kế hoạch"
            let index = positions[entry.indicator]
            var t: Target
            if let index {
                t = targets[index]
                t.provenance.append("Sửa theo \(place): \(describe(entry)) (trích xuất: \(t.plainText))")
            } else {
                let code = entry.catalogue ?? (catalogue[entry.indicator] != nil ? entry.indicator : nil)
                t = Target(id: entry.indicator, name: entry.name ?? code.flatMap { catalogue[$0]?.name } ?? entry.indicator,
                           comparator: entry.comparator, value: entry.target, unit: entry.measure, text: entry.source ?? "",
                           location: entry.location, catalogueCode: code, catalogueConfidence: code == nil ? nil : 1)
                t.provenance = ["Thêm theo \(place): \(describe(entry))"]
            }
            if let name = entry.name { t.name = name }
            t.comparator = entry.comparator
            t.value = entry.target
            t.valueMax = entry.targetMax
            t.unit = entry.measure
            t.approx = false
            t.period = entry.period ?? t.period
            t.direction = entry.direction ?? t.direction
            t.kind = entry.kind ?? t.kind
            if let code = entry.catalogue { t.catalogueCode = code; t.catalogueConfidence = 1 }
            if let index { targets[index] = t } else { targets.append(t) }
            remember(t, at: index ?? targets.count - 1)
        }
        return targets
    }

    static func describe(_ e: PlanEntry) -> String {
        let t = Target(id: "", name: "", comparator: e.comparator, value: e.target, valueMax: e.targetMax, unit: e.measure, text: "")
        return t.plainText
    }
}
