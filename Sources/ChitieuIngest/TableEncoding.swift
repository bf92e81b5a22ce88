import Foundation
import XlsxReader

/// The text encodings a table saved from Excel comes in.
public enum TableEncoding: String, Sendable {
    /// "CSV UTF-8": with or without a byte order mark.
    case utf8 = "UTF-8"
    /// "Unicode Text": UTF-16 little-endian with a byte order mark, tab between fields.
    case utf16LittleEndian = "UTF-16 LE"
    case utf16BigEndian = "UTF-16 BE"
    /// Plain "CSV" on a Vietnamese Windows: one byte a letter, tone marks as combining
    /// characters after the letter (normalised to NFC when read).
    case windows1258 = "Windows-1258"

    /// The encoding of a file from its first bytes: a UTF-16 byte order mark or the zero bytes
    /// of UTF-16 text; UTF-8 when the bytes read as UTF-8; Windows-1258 otherwise.
    static func sniff(_ head: [UInt8]) -> TableEncoding {
        if head.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if head.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        let sample = head.prefix(512)
        if sample.count >= 4 {
            let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[sample.startIndex + $0] == 0 }.count
            let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[sample.startIndex + $0] == 0 }.count
            if oddZeros * 3 > sample.count { return .utf16LittleEndian }
            if evenZeros * 3 > sample.count { return .utf16BigEndian }
        }
        // A sequence cut at the end of the sample is not a fault: up to the last ASCII byte
        // every sequence is whole.
        let whole = head[..<(head.lastIndex(where: { $0 < 0x80 }).map { $0 + 1 } ?? head.startIndex)]
        return UTF8Validation.firstInvalidLine(whole) == nil ? .utf8 : .windows1258
    }

    /// The whole text as NFC UTF-8 bytes, without a byte order mark; nil when it does not decode.
    func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        let text: String?
        switch self {
        case .utf8: return bytes
        case .utf16LittleEndian: text = String(data: Data(bytes.starts(with: [0xFF, 0xFE]) ? bytes.dropFirst(2) : bytes[...]), encoding: .utf16LittleEndian)
        case .utf16BigEndian: text = String(data: Data(bytes.starts(with: [0xFE, 0xFF]) ? bytes.dropFirst(2) : bytes[...]), encoding: .utf16BigEndian)
        case .windows1258:
            var scalars = String.UnicodeScalarView()
            for b in bytes {
                guard b >= 0x80 else { scalars.append(Unicode.Scalar(b)); continue }
                let value = Self.windows1258High[Int(b) - 0x80]
                guard value != 0xFFFD, let scalar = Unicode.Scalar(value) else { return nil }
                scalars.append(scalar)
            }
            text = String(scalars)
        }
        return text.map { Array($0.precomposedStringWithCanonicalMapping.utf8) }
    }

    /// Windows-1258, bytes 0x80-0xFF (0xFFFD: no character). The five tone marks are the
    /// combining characters at 0xCC, 0xD2, 0xDE, 0xEC and 0xF2.
    static let windows1258High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
        0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
        0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
    ]
}
