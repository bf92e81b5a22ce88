/// Tells whether a word is a well-formed Vietnamese syllable, to choose between decodings.
enum VietnameseSyllables {
    private static let onsets = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""]
    private static let nuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ",
        "uê", "ui", "uô", "uơ", "ưa", "ưi", "ươ", "ưu", "uy", "yê", "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya",
        "uyê", "yêu", "uyu", "oao",
    ]
    private static let codas = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""]
    private static let tones: Set<Unicode.Scalar> = ["\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}"]

    /// True for "nghiêng", "được", "tỷ"; false for "aù", "tû".
    static func isSyllable(_ word: String) -> Bool {
        // Strip the tone (at most one) and keep the shape marks.
        var toneCount = 0
        var base = String.UnicodeScalarView()
        for s in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if tones.contains(s) { toneCount += 1 } else { base.append(s) }
        }
        guard toneCount <= 1 else { return false }
        let plain = String(base).precomposedStringWithCanonicalMapping
        guard !plain.isEmpty, plain.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return false }
        for onset in onsets where plain.hasPrefix(onset) {
            let rest = plain.dropFirst(onset.count)
            for coda in codas where rest.hasSuffix(coda) {
                let nucleus = String(rest.dropLast(coda.count))
                if nuclei.contains(nucleus) { return true }
            }
        }
        return false
    }

    /// The share of words with non-ASCII letters that are valid syllables (1 when there are none).
    static func score(_ text: String) -> Double {
        var total = 0
        var valid = 0
        var word = ""
        var hasNonASCII = false
        // Words are read one at a time, so scoring stops after 4 000 whatever the text's length.
        func finish() {
            if hasNonASCII {
                total += 1
                if isSyllable(word) { valid += 1 }
            }
            word = ""
            hasNonASCII = false
        }
        for c in text {
            if c.isLetter {
                word.append(c)
                if !c.isASCII { hasNonASCII = true }
            } else if !word.isEmpty {
                finish()
                if total >= 4000 { break }
            }
        }
        if !word.isEmpty && total < 4000 { finish() }
        return total == 0 ? 1 : Double(valid) / Double(total)
    }
}
