import Foundation

/// Turns raw words into the clean noun phrase an official writes in a table.
enum NameCleaner {
    static let edge = Set(" ,.;:-–—+*_\t\"“”'()\n".unicodeScalars)

    static func clean(_ raw: String) -> String {
        // Collapse runs of spaces and trim edge punctuation, on scalars.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(raw.unicodeScalars.count)
        for c in raw.unicodeScalars {
            let isSpace = c == " " || c == "\t" || c == "\n"
            if isSpace { if scalars.last != " " && !scalars.isEmpty { scalars.append(" ") } } else { scalars.append(c) }
        }
        var lo = 0
        var hi = scalars.count
        while lo < hi, edge.contains(scalars[lo]) { lo += 1 }
        while hi > lo, edge.contains(scalars[hi - 1]) { hi -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        var s = String(view)
        // Keep a closing parenthesis that closes one inside the name: "(GRDP giá so sánh)".
        if raw.contains(")"), s.contains("("), !s.hasSuffix(")"),
           s.filter({ $0 == "(" }).count > s.filter({ $0 == ")" }).count, raw.trimmingCharacters(in: .whitespaces).hasSuffix(")") {
            s += ")"
        }
        return s
    }

    static func collapseSpaces(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    static func isRate(_ name: String) -> Bool {
        let l = name.lowercased()
        return l.hasPrefix("tỷ lệ") || l.hasPrefix("tỉ lệ") || l.hasPrefix("tỷ suất") || l.hasPrefix("tỷ trọng") || l.hasPrefix("tỉ trọng")
    }

    static func isPerPopulation(_ name: String) -> Bool {
        let l = name.lowercased()
        return l.hasSuffix("/vạn dân") || l.hasSuffix("/1 vạn dân") || l.hasSuffix("trên 1 vạn dân") || l.hasSuffix("trên vạn dân")
            || l.hasSuffix("/10.000 dân")
    }

    static func mentionsGrowth(_ name: String) -> Bool {
        let l = name.lowercased()
        return l.contains("tăng trưởng") || l.contains("tốc độ")
    }

    static func upperFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }

    /// Lower-cases the first letter unless the first word is an acronym ("GRDP").
    static func lowerFirst(_ s: String) -> String {
        guard let first = s.split(separator: " ").first, first.count > 1, first.allSatisfy({ $0.isUppercase || !$0.isLetter }) == false
        else { return s }
        return s.prefix(1).lowercased() + s.dropFirst()
    }

    static func droppingCountPrefix(_ s: String) -> String {
        for p in ["Số ", "số ", "Tổng số ", "tổng số "] where s.hasPrefix(p) { return String(s.dropFirst(p.count)) }
        return s
    }

    /// The offset in `range` where the cleaned words end, for the exact `text` of a target.
    static func endOfCleanText(_ t: ScalarText, _ range: Range<Int>, cleaned: String) -> Int {
        guard let last = cleaned.unicodeScalars.last else { return range.lowerBound }
        var i = range.upperBound
        while i > range.lowerBound, t.scalars[i - 1] != last { i -= 1 }
        return i
    }
}
