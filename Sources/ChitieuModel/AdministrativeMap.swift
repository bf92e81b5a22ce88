import Foundation

/// An official administrative unit with its code: a province or a commune, as it was named
/// from `from` to `until` (ISO days, either open).
public struct OfficialUnit: Hashable, Sendable, CustomStringConvertible {
    public enum Level: String, Sendable { case province, commune }
    public var code: String
    public var name: String
    public var level: Level
    /// For a commune, the code of its province.
    public var provinceCode: String?
    public var from: String?
    public var until: String?

    public var description: String { "\(name) (\(code))" }

    /// True when the name was in use on `day` ("2024-12-31").
    public func isValid(on day: String) -> Bool {
        (from.map { $0 <= day } ?? true) && (until.map { day <= $0 } ?? true)
    }
}

/// How an old unit went into a new one ("Nhập toàn bộ", "Nhập một phần", "Giữ nguyên"...).
public struct Succession: Hashable, Sendable {
    public var oldCode: String
    public var oldName: String
    public var newCode: String
    public var note: String
    /// False when only part of the old unit went into the new one: its figures cannot be
    /// summed into the new unit without a share.
    public var whole: Bool
}

/// Vietnam's administrative units from 1 July 2025 and the ones before, with the official
/// codes and the tables of which old unit went where (Resources/units, from the NSO's list of
/// Decision 19/2025/QĐ-TTg and its conversion table; README there). Read once, when first used.
public struct AdministrativeMap: Sendable {
    /// The day the 63 provinces became 34 and districts ended.
    public static let mergerDay = "2025-07-01"
    public static let lastDayBefore = "2025-06-30"

    /// The 34 provinces, the 63 before them, and every dated name (old names, short forms).
    public let provinces: [OfficialUnit]
    public let formerProvinces: [OfficialUnit]
    public let provinceSuccession: [Succession]
    private let names: [(loose: String, unit: OfficialUnit)]
    private let byCode: [String: [OfficialUnit]]

    public static let official: AdministrativeMap = {
        do { return try AdministrativeMap(bundle: .module) } catch {
            fatalError("chitieu: \(error)")
        }
    }()

    init(bundle: Bundle) throws(UnitTableError) {
        func rows(_ name: String) throws(UnitTableError) -> [[String: String]] { try UnitTableError.bundled(name, in: bundle) }
        let current = try rows("provinces-2025").map { r in
            OfficialUnit(code: r["code"] ?? "", name: r["name"] ?? "", level: .province, from: Self.mergerDay)
        }
        var former: [OfficialUnit] = []
        var succession: [Succession] = []
        for r in try rows("provinces-2025-from-before") {
            let unit = OfficialUnit(code: r["old_code"] ?? "", name: r["old_name"] ?? "", level: .province, until: Self.lastDayBefore)
            former.append(unit)
            succession.append(Succession(oldCode: unit.code, oldName: unit.name, newCode: r["new_code"] ?? "", note: "", whole: true))
        }
        var dated: [OfficialUnit] = []
        for r in try rows("dated-names") {
            dated.append(OfficialUnit(code: r["code"] ?? "", name: r["name"] ?? "", level: .province,
                                      from: r["from"].flatMap { $0.isEmpty ? nil : $0 }, until: r["until"].flatMap { $0.isEmpty ? nil : $0 }))
        }
        provinces = current
        formerProvinces = former
        provinceSuccession = succession
        // A name that ended ("Tỉnh Thừa Thiên Huế" until 31/12/2024) starts the code's next name
        // the day after.
        for i in former.indices {
            if let ended = dated.filter({ $0.code == former[i].code }).compactMap(\.until).max() {
                former[i].from = Self.dayAfter(ended)
            }
        }
        var all = current + former + dated
        // A province that kept its name and code is the same unit before the merger too.
        for unit in former where current.contains(where: { $0.code == unit.code && $0.name == unit.name }) {
            all.append(OfficialUnit(code: unit.code, name: unit.name, level: .province))
        }
        names = all.map { (NameMatching.loose($0.name), $0) }
        byCode = Dictionary(grouping: all, by: \.code)
    }

    /// "2024-12-31" → "2025-01-01".
    static func dayAfter(_ day: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              let next = calendar.date(byAdding: .day, value: 1, to: date) else { return day }
        let c = calendar.dateComponents([.year, .month, .day], from: next)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The province with this code as it was named on `day`, or any of its names.
    public func province(code: String, on day: String? = nil) -> OfficialUnit? {
        guard let found = byCode[code] else { return nil }
        if let day, let valid = found.first(where: { $0.isValid(on: day) }) { return valid }
        return found.first { $0.until == nil } ?? found.first
    }

    /// The province a reference names ("Hà Giang", "Tỉnh Quảng Nam", "TP.HCM", "08"), preferring
    /// the name in use on `day`; nil when nothing matches.
    public func province(_ reference: String, on day: String) -> OfficialUnit? {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if text.allSatisfy(\.isNumber), let byCode = province(code: text, on: day) { return byCode }
        let loose = NameMatching.loose(text)
        let candidates = names.filter { $0.loose == loose }.map(\.unit)
        return candidates.first { $0.isValid(on: day) } ?? candidates.first
    }

    /// The official names nearest to a reference that matches none, for "có phải ...?".
    public func suggestions(for reference: String) -> [OfficialUnit] {
        let unique = Dictionary(grouping: provinces + formerProvinces, by: \.name).compactMap { $0.value.first }.sorted { $0.code < $1.code }
        return NameMatching.nearest(reference, among: unique.map { ($0, [NameMatching.loose($0.name)]) })
    }

    /// The new province an old one went into (every old province went wholly into one).
    public func successor(ofProvince code: String) -> String? {
        provinceSuccession.first { $0.oldCode == code }?.newCode
    }

    /// The old provinces a new one was made of, in code order ("48" → Đà Nẵng 48, Quảng Nam 49).
    public func predecessors(ofProvince code: String) -> [Succession] {
        provinceSuccession.filter { $0.newCode == code }.sorted { $0.oldCode < $1.oldCode }
    }

    /// The communes, read only when asked (10,571 rows of conversion).
    public static let communes: CommuneMap = {
        do { return try CommuneMap(bundle: .module) } catch {
            fatalError("chitieu: \(error)")
        }
    }()
}

/// The 3,321 communes from 1 July 2025 and the conversion from the 10,034 before them.
public struct CommuneMap: Sendable {
    public let communes: [OfficialUnit]
    /// Every row of the conversion table: one old commune may be split among several new ones.
    public let succession: [Succession]
    private let byCode: [String: OfficialUnit]
    private let intoNew: [String: [Int]]
    private let fromOld: [String: [Int]]

    init(bundle: Bundle) throws(UnitTableError) {
        func rows(_ name: String) throws(UnitTableError) -> [[String: String]] { try UnitTableError.bundled(name, in: bundle) }
        communes = try rows("communes-2025").map { r in
            OfficialUnit(code: r["code"] ?? "", name: r["name"] ?? "", level: .commune, provinceCode: r["province_code"], from: AdministrativeMap.mergerDay)
        }
        let whole = Set(["Nhập toàn bộ", "Giữ nguyên", "Đổi tên", "Đổi loại hình"])
        let rows = try rows("communes-2025-from-before").compactMap { r -> Succession? in
            // The islands made special zones from a whole district have no old commune code.
            guard let old = r["old_code"], !old.isEmpty else { return nil }
            let note = r["note"] ?? ""
            return Succession(oldCode: old, oldName: r["old_name"] ?? "", newCode: r["new_code"] ?? "", note: note, whole: whole.contains(note))
        }
        succession = rows
        byCode = Dictionary(communes.map { ($0.code, $0) }) { a, _ in a }
        intoNew = Dictionary(grouping: rows.indices, by: { rows[$0].newCode })
        fromOld = Dictionary(grouping: rows.indices, by: { rows[$0].oldCode })
    }

    public func commune(code: String) -> OfficialUnit? { byCode[code] }

    /// The old communes that went (wholly or in part) into a new one.
    public func predecessors(of code: String) -> [Succession] { (intoNew[code] ?? []).map { succession[$0] } }

    /// Where an old commune went: one row, or several when it was split.
    public func successors(of oldCode: String) -> [Succession] { (fromOld[oldCode] ?? []).map { succession[$0] } }
}

/// A bundled unit table that cannot be read: a packaging fault, named with its file and line.
public struct UnitTableError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }

    /// The records of a table shipped in Resources/units.
    static func bundled(_ name: String, in bundle: Bundle) throws(UnitTableError) -> [[String: String]] {
        guard let url = bundle.url(forResource: name, withExtension: "csv", subdirectory: "units"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw UnitTableError(file: "units/\(name).csv", line: 0, reason: "không tìm thấy tệp đi kèm chương trình")
        }
        return try records(text, file: "units/\(name).csv")
    }

    /// The records of a small, well-formed CSV file (quoted fields allowed), by header name.
    static func records(_ text: String, file: String) throws(UnitTableError) -> [[String: String]] {
        // "\r\n" is one Character in Swift: split on both.
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard !lines.isEmpty else { throw UnitTableError(file: file, line: 1, reason: "tệp trống") }
        let header = fields(lines.removeFirst())
        return try lines.enumerated().map { (i, line) throws(UnitTableError) -> [String: String] in
            let values = fields(line)
            guard values.count == header.count else {
                throw UnitTableError(file: file, line: i + 2, reason: "có \(values.count) cột, tiêu đề có \(header.count)")
            }
            return Dictionary(zip(header, values)) { a, _ in a }
        }
    }

    static func fields(_ line: Substring) -> [String] {
        var result: [String] = []
        var field = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex, line[next] == "\"" { field.append("\""); i = next } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                result.append(field)
                field = ""
            } else {
                field.append(c)
            }
            i = line.index(after: i)
        }
        result.append(field)
        return result
    }
}
