/// The national emulation movements launched by the Prime Minister, in one canonical list so that
/// units whose directives word them differently can be compared.
public struct NationalMovement: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Lower-case fragments that identify the movement in any province's wording.
    public var spellings: [String]

    /// From Resources/lexicon/metadata.tsv; a spelling must name a movement of the list.
    public static let all: [NationalMovement] = {
        let table = WordTable.metadata
        let spellings = table.pairs("movement_spelling")
        let movements = table.rows("movement").map { row -> NationalMovement in
            guard row.count >= 2 else { fatalError("chitieu: \(table.name): movement \"\(row[0])\" cần tên phong trào") }
            return NationalMovement(code: row[0], name: row[1], spellings: spellings.filter { $0.value == row[0] }.map(\.phrase))
        }
        for s in spellings where !movements.contains(where: { $0.code == s.value }) {
            fatalError("chitieu: \(table.name): movement_spelling \"\(s.phrase)\" chỉ tới phong trào \"\(s.value)\" không có")
        }
        return movements
    }()

    public static func named(_ code: String) -> NationalMovement? { all.first { $0.code == code } }
}
