/// The legacy Vietnamese encodings still met in provincial documents.
public enum LegacyEncoding: String, Sendable, CaseIterable {
    /// TCVN 5712:1993 VN3, "ABC", fonts .VnTime, .VnArial…: one byte per letter, lower case only
    /// for toned letters (capitals come from the .VnTimeH font).
    case tcvn3
    /// VNI Windows, fonts VNI-Times…: a base letter followed by a byte for its marks.
    case vni

    /// Decodes bytes (or characters below U+0100 standing for bytes) into NFC Unicode.
    public func decode(_ bytes: some Sequence<UInt8>) -> String {
        var out = String.UnicodeScalarView()
        switch self {
        case .tcvn3:
            for b in bytes {
                if b >= 0x80, let s = LegacyTables.tcvn3[b] { out.append(s) } else { out.append(Unicode.Scalar(b)) }
            }
        case .vni:
            var pending: Unicode.Scalar?
            func flush() {
                guard let p = pending else { return }
                // A pending byte above 0x7F is ơ or ư written as one byte.
                out.append(p.value >= 0x80 ? LegacyTables.vniSingles[UInt8(p.value)]! : p)
                pending = nil
            }
            for b in bytes {
                if let p = pending, let combined = LegacyTables.vniPairs[[UInt8(p.value), b]] {
                    pending = nil
                    out.append(combined)
                    continue
                }
                flush()
                if let single = LegacyTables.vniSingles[b] {
                    // "ô" (0xF4) is ơ and may take a tone byte after it.
                    if LegacyTables.vniBases.contains(b) { pending = Unicode.Scalar(b) } else { out.append(single) }
                } else if b < 0x80, LegacyTables.vniBases.contains(b) {
                    pending = Unicode.Scalar(b)
                } else {
                    out.append(Unicode.Scalar(b))
                }
            }
            flush()
        }
        return String(out).precomposedVietnamese
    }

    /// Encodes Unicode text (for tests and for writing legacy fixtures); nil for a character the
    /// encoding cannot hold. TCVN3 writes toned capitals as their lower-case code, as its fonts do.
    public func encode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for c in text.precomposedVietnamese.unicodeScalars {
            if c.value < 0x80 { bytes.append(UInt8(c.value)); continue }
            // Typographic punctuation these encodings lack is typed in ASCII.
            if let ascii = LegacyTables.asciiPunctuation[c] { bytes += Array(ascii.utf8); continue }
            switch self {
            case .tcvn3:
                if let b = LegacyTables.tcvn3Reverse[c] { bytes.append(b) }
                else if let lower = c.properties.lowercaseMapping.unicodeScalars.first, let b = LegacyTables.tcvn3Reverse[lower] { bytes.append(b) }
                else { return nil }
            case .vni:
                guard let seq = LegacyTables.vniReverse[c] else { return nil }
                bytes += seq
            }
        }
        return bytes
    }
}

extension String {
    /// NFC, which is how every Vietnamese letter becomes one character.
    var precomposedVietnamese: String { precomposedStringWithCanonicalMapping }
}

enum LegacyTables {
    static let asciiPunctuation: [Unicode.Scalar: String] = [
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "\u{00A0}": " ", "•": "-",
    ]

    /// TCVN3 bytes 0x80-0xFF to Unicode.
    static let tcvn3: [UInt8: Unicode.Scalar] = {
        let pairs: [(UInt8, String)] = [
            (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
            (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"), (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"),
            (0xB5, "à"), (0xB6, "ả"), (0xB7, "ã"), (0xB8, "á"), (0xB9, "ạ"),
            (0xBB, "ằ"), (0xBC, "ẳ"), (0xBD, "ẵ"), (0xBE, "ắ"), (0xC6, "ặ"),
            (0xC7, "ầ"), (0xC8, "ẩ"), (0xC9, "ẫ"), (0xCA, "ấ"), (0xCB, "ậ"),
            (0xCC, "è"), (0xCE, "ẻ"), (0xCF, "ẽ"), (0xD0, "é"), (0xD1, "ẹ"),
            (0xD2, "ề"), (0xD3, "ể"), (0xD4, "ễ"), (0xD5, "ế"), (0xD6, "ệ"),
            (0xD7, "ì"), (0xD8, "ỉ"), (0xDC, "ĩ"), (0xDD, "í"), (0xDE, "ị"),
            (0xDF, "ò"), (0xE1, "ỏ"), (0xE2, "õ"), (0xE3, "ó"), (0xE4, "ọ"),
            (0xE5, "ồ"), (0xE6, "ổ"), (0xE7, "ỗ"), (0xE8, "ố"), (0xE9, "ộ"),
            (0xEA, "ờ"), (0xEB, "ở"), (0xEC, "ỡ"), (0xED, "ớ"), (0xEE, "ợ"),
            (0xEF, "ù"), (0xF1, "ủ"), (0xF2, "ũ"), (0xF3, "ú"), (0xF4, "ụ"),
            (0xF5, "ừ"), (0xF6, "ử"), (0xF7, "ữ"), (0xF8, "ứ"), (0xF9, "ự"),
            (0xFA, "ỳ"), (0xFB, "ỷ"), (0xFC, "ỹ"), (0xFD, "ý"), (0xFE, "ỵ"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, $0.1.unicodeScalars.first!) })
    }()
    static let tcvn3Reverse: [Unicode.Scalar: UInt8] = Dictionary(uniqueKeysWithValues: tcvn3.map { ($0.value, $0.key) })

    /// VNI: letters written as one byte.
    static let vniSingles: [UInt8: Unicode.Scalar] = {
        let pairs: [(UInt8, String)] = [
            (0xF4, "ơ"), (0xD4, "Ơ"), (0xF6, "ư"), (0xD6, "Ư"), (0xF1, "đ"), (0xD1, "Đ"),
            (0xED, "í"), (0xEC, "ì"), (0xE6, "ỉ"), (0xF3, "ĩ"), (0xF2, "ị"),
            (0xCD, "Í"), (0xCC, "Ì"), (0xC6, "Ỉ"), (0xD3, "Ĩ"), (0xD2, "Ị"), (0xEE, "ỵ"), (0xCE, "Ỵ"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, $0.1.unicodeScalars.first!) })
    }()

    /// Bytes that may be followed by a mark byte: the vowels, and ơ, ư written as one byte.
    static let vniBases: Set<UInt8> = Set("aAeEoOuUyY".utf8).union([0xF4, 0xD4, 0xF6, 0xD6])

    /// Mark bytes: lower-case form, upper-case form, and what they add.
    private static let vniMarks: [(lower: UInt8, upper: UInt8, marks: String)] = [
        (0xF9, 0xD9, "\u{0301}"), (0xF8, 0xD8, "\u{0300}"), (0xFB, 0xDB, "\u{0309}"), (0xF5, 0xD5, "\u{0303}"), (0xEF, 0xCF, "\u{0323}"),
        (0xE2, 0xC2, "\u{0302}"), (0xE1, 0xC1, "\u{0302}\u{0301}"), (0xE0, 0xC0, "\u{0302}\u{0300}"), (0xE5, 0xC5, "\u{0302}\u{0309}"),
        (0xE3, 0xC3, "\u{0302}\u{0303}"), (0xE4, 0xC4, "\u{0302}\u{0323}"),
        (0xEA, 0xCA, "\u{0306}"), (0xE9, 0xC9, "\u{0306}\u{0301}"), (0xE8, 0xC8, "\u{0306}\u{0300}"), (0xFA, 0xDA, "\u{0306}\u{0309}"),
        (0xFC, 0xDC, "\u{0306}\u{0303}"), (0xEB, 0xCB, "\u{0306}\u{0323}"),
    ]

    /// Two-byte VNI sequences to one Unicode letter.
    static let vniPairs: [[UInt8]: Unicode.Scalar] = {
        var table: [[UInt8]: Unicode.Scalar] = [:]
        let bases: [(UInt8, String)] = [(0x61, "a"), (0x65, "e"), (0x6F, "o"), (0x75, "u"), (0x79, "y"), (0xF4, "ơ"), (0xF6, "ư")]
        for (byte, letter) in bases {
            for mark in vniMarks {
                // Breve goes only on a; circumflex on a, e, o; ơ and ư take tones only.
                let isShape = mark.marks.hasPrefix("\u{0302}") || mark.marks.hasPrefix("\u{0306}")
                if isShape && !(letter == "a" || (mark.marks.hasPrefix("\u{0302}") && (letter == "e" || letter == "o"))) { continue }
                let lower = (letter + mark.marks).precomposedStringWithCanonicalMapping.unicodeScalars
                guard lower.count == 1, let l = lower.first else { continue }
                table[[byte, mark.lower]] = l
                let upperBase: UInt8 = byte < 0x80 ? byte - 32 : byte - 0x20
                if let u = l.properties.uppercaseMapping.unicodeScalars.first {
                    table[[upperBase, mark.upper]] = u
                    // Title case as written: capital base, lower-case mark byte.
                    if table[[upperBase, mark.lower]] == nil { table[[upperBase, mark.lower]] = u }
                }
            }
        }
        return table
    }()

    static let vniReverse: [Unicode.Scalar: [UInt8]] = {
        var table: [Unicode.Scalar: [UInt8]] = [:]
        for (seq, s) in vniPairs where table[s] == nil || (seq[1] >= 0xE0) == s.properties.isLowercase { table[s] = seq }
        for (b, s) in vniSingles { table[s] = [b] }
        return table
    }()
}
