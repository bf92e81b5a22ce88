import Foundation

/// Turns raw words into the clean noun phrase an official writes in a table.
enum NameCleaner {
    static let edge = Set(" ,.;:-–—+*_\t\"“”'()\n".unicodeScalars)

    static func clean(_ raw: String) -> String {
        clean(Array(raw.unicodeScalars)[...])
    }

    /// The clean words of a stretch of a text, read from its scalars without making the raw String.
    static func clean(_ t: ScalarText, _ range: Range<Int>) -> String {
        clean(t.scalars[range])
    }

    static func clean(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        // Collapse runs of spaces and trim edge punctuation, on scalars.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(raw.count)
        var opened = 0, closed = 0
        for c in raw {
            let isSpace = c == " " || c == "\t" || c == "\n"
            if isSpace { if scalars.last != " " && !scalars.isEmpty { scalars.append(" ") } } else { scalars.append(c) }
        }
        var lo = 0
        var hi = scalars.count
        while lo < hi, edge.contains(scalars[lo]) { lo += 1 }
        while hi > lo, edge.contains(scalars[hi - 1]) { hi -= 1 }
        for c in scalars[lo..<hi] where c == "(" || c == ")" { if c == "(" { opened += 1 } else { closed += 1 } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((hi - lo) * 2 + 1)
        for c in scalars[lo..<hi] { if c.isASCII { bytes.append(UInt8(c.value)) } else { UTF8.encode(c) { bytes.append($0) } } }
        // Keep a closing parenthesis that closes one inside the name: "(GRDP giá so sánh)".
        if opened > closed, hi > lo, scalars[hi - 1] != ")",
           raw.last(where: { $0 != " " && $0 != "\t" }) == ")" {
            bytes.append(UInt8(ascii: ")"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // Resources/lexicon/extraction.tsv.
    static let rateNames = Lexicon.table["rate_name"]
    static let growthNames = Lexicon.table["growth_name"]
    static let countPrefixes = Lexicon.table["count_name_prefix"]
    static let perPopulationForms = Lexicon.table["per_population"]

    static let longestRateName = rateNames.map(\.count).max() ?? 0

    static func isRate(_ name: String) -> Bool {
        let l = name.prefix(longestRateName).lowercased()
        return rateNames.contains { l.hasPrefix($0) }
    }

    static func isPerPopulation(_ name: String) -> Bool {
        let l = name.lowercased()
        return perPopulationForms.contains { l.hasSuffix($0) }
    }

    static func mentionsGrowth(_ name: String) -> Bool {
        let l = name.lowercased()
        return growthNames.contains { l.contains($0) }
    }

    static func upperFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }

    /// Lower-cases the first letter unless the first word is an acronym ("GRDP").
    static func lowerFirst(_ s: String) -> String {
        let first = s.prefix { $0 != " " }
        guard first.count > 1, first.allSatisfy({ $0.isUppercase || !$0.isLetter }) == false
        else { return s }
        return s.prefix(1).lowercased() + s.dropFirst()
    }

    static func droppingCountPrefix(_ s: String) -> String {
        let l = s.lowercased()
        for p in countPrefixes where l.hasPrefix(p + " ") { return String(s.dropFirst(p.count + 1)) }
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
