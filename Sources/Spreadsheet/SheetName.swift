import Foundation

/// Why a sheet name cannot be used.
public enum SheetNameError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case tooLong(name: String, characters: Int)
    case forbiddenCharacter(name: String, character: Character)
    case apostropheAtEdge(name: String)
    case duplicate(name: String, existing: String)

    public var description: String {
        switch self {
        case .empty:
            "Tên trang tính trống: đặt một tên."
        case .tooLong(let name, let n):
            "Tên trang tính \"\(name)\" dài \(n) ký tự; Excel chỉ cho phép tối đa 31 ký tự."
        case .forbiddenCharacter(let name, let c):
            "Tên trang tính \"\(name)\" chứa ký tự \"\(c)\"; không được dùng [ ] : * ? / \\."
        case .apostropheAtEdge(let name):
            "Tên trang tính \"\(name)\" không được bắt đầu hay kết thúc bằng dấu nháy đơn."
        case .duplicate(let name, let existing):
            "Tên trang tính \"\(name)\" trùng với \"\(existing)\" (không phân biệt hoa thường)."
        }
    }
}

/// A sheet name that Excel accepts: NFC, at most 31 characters, none of [ ] : * ? / \.
public struct SheetName: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(SheetNameError) {
        let name = raw.precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { throw .empty }
        // Excel counts UTF-16 code units; after NFC every Vietnamese letter is one.
        let length = name.utf16.count
        guard length <= 31 else { throw .tooLong(name: name, characters: length) }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            throw .forbiddenCharacter(name: name, character: bad)
        }
        guard !name.hasPrefix("'"), !name.hasSuffix("'") else { throw .apostropheAtEdge(name: name) }
        self.value = name
    }

    /// Case-folded form used for uniqueness ("Tổng hợp" and "TỔNG HỢP" collide).
    public var folded: String { value.lowercased() }

    public var description: String { value }

    /// Makes a valid name from any text: forbidden characters dropped, cut to 31 characters,
    /// and a number added when the name is already taken.
    public static func make(from text: String, avoiding taken: Set<String>) -> SheetName {
        var base = String(text.precomposedStringWithCanonicalMapping.filter { !"[]:*?/\\".contains($0) })
            .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        if base.isEmpty { base = "Trang" }
        var candidate = String(base.prefix(31))
        var n = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        // The filtering above leaves only valid characters, at most 31 of them, no edge apostrophe.
        return SheetName(unchecked: candidate)
    }

    private init(unchecked value: String) {
        self.value = value
    }
}
