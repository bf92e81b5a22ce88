import ChitieuModel

/// Applies plan files to the targets extracted from a unit's directives: a person's row wins
/// over extraction for the same indicator, and both stay in the target's provenance.
public enum PlanMerger {
    public static func merge(extracted: [Target], plans: [PlanEntry], catalogue: Catalogue) -> [Target] {
        var targets = extracted
        // Where each key first occurs: the join key (catalogue code or id) and the id.
        var positions: [String: Int] = [:]
        func remember(_ target: Target, at i: Int) {
            let t = target.fields
            if positions[t.joinKey] == nil { positions[t.joinKey] = i }
            if positions[t.id] == nil { positions[t.id] = i }
        }
        for (i, t) in targets.enumerated() { remember(t, at: i) }
        for plan in plans {
            guard let index = positions[plan.indicator] else {
                // A new target: it has the row's values, and a row of a table stays a row.
                let t = plan.newTarget(catalogue: catalogue)
                targets.append(t)
                remember(t, at: targets.count - 1)
                continue
            }
            let entry = plan.fields
            let place = entry.location.map { "\($0.file) \($0.cell ?? "dòng \($0.line)")" } ?? "tệp kế hoạch"
            var t = targets[index]
            // The origin's line keeps the values it was written with.
            if case .addedFromPlan = t.origin { t.origin = .noted(t.originLine) }
            t.corrections.append("Sửa theo \(place): \(describe(entry)) (trích xuất: \(t.plainText))")
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
            targets[index] = t
            remember(t, at: index)
        }
        return targets
    }

    static func describe(_ e: PlanEntry.Fields) -> String {
        let t = Target(id: "", name: "", comparator: e.comparator, value: e.target, valueMax: e.targetMax, unit: e.measure, text: "")
        return t.plainText
    }
}
