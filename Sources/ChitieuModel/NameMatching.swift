import Foundation

/// How names are compared when people type them: without accents, case, spacing or the word
/// for the kind of unit ("Tỉnh", "Thành phố", "TP.", "Phường", "Xã"), and how far apart two
/// spellings are when nothing matches.
public enum NameMatching {
    /// The words for kinds of units that a name may carry or leave out, longest first.
    /// (Compared without accents: "thanh pho" is "Thành phố" typed without them.)
    static let unitKinds = (spelledKinds + WordTable.metadata["unit_level_abbreviation"])
        .sorted { $0.count > $1.count }.map(fold)

    /// The name without its kind of unit, accents kept: "Tỉnh Quảng Nam" → "Quảng Nam".
    public static func withoutKind(_ name: String) -> String {
        let lower = name.lowercased()
        for kind in spelledKinds where lower.hasPrefix(kind + " ") { return String(name.dropFirst(kind.count + 1)) }
        return name
    }
    static let spelledKinds = WordTable.metadata["unit_level"]

    /// Lower case, NFC, no accents, đ as d.
    static func fold(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.lowercased().replacingOccurrences(of: "đ", with: "d")
            .folding(options: .diacriticInsensitive, locale: nil)
    }

    /// The loose form of a name: lower case, no accents (đ as d), no kind word in front,
    /// punctuation as spaces, single spaces.
    public static func loose(_ name: String) -> String {
        var s = fold(name).trimmingCharacters(in: .whitespaces)
        for kind in unitKinds where s.hasPrefix(kind + " ") || (kind.hasSuffix(".") && s.hasPrefix(kind)) {
            s = String(s.dropFirst(kind.count))
            break
        }
        let words = s.split { !$0.isLetter && !$0.isNumber }
        return words.joined(separator: " ")
    }

    /// "; có phải A hoặc B?" for the suggestions, or nothing when there is none.
    public static func didYouMean(_ labels: [String]) -> String {
        labels.isEmpty ? "" : "; có phải " + labels.joined(separator: " hoặc ") + "?"
    }

    /// The edit distance between two spellings (insertions, deletions, substitutions).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidates nearest to a spelling, at most `limit`, close enough to be a slip
    /// (about one letter in four); each candidate is given by its loose forms.
    public static func nearest<T>(_ spelling: String, among candidates: [(value: T, forms: [String])], limit: Int = 3) -> [T] {
        let target = loose(spelling)
        guard !target.isEmpty else { return [] }
        let allowed = max(1, target.count / 4)
        var scored: [(distance: Int, index: Int)] = []
        for (i, candidate) in candidates.enumerated() {
            // Lengths alone rule most candidates out before any distance is computed.
            let best = candidate.forms.filter { abs($0.count - target.count) <= allowed }.map { distance(target, $0) }.min()
            if let best, best <= allowed { scored.append((best, i)) }
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map { candidates[$0.index].value }
    }
}
