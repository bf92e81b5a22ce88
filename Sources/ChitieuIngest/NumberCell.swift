import ChitieuModel
import Foundation

/// Reads the number in a table cell according to the file's dialect.
public enum NumberCell {
    /// `decimalMark` "," reads "7.266,3" as 7266.3; "." reads "7266.3"; nil (a workbook text
    /// cell typed by a person) reads the Vietnamese way first. `storedAsNumber` cells are exact.
    public static func parse(_ raw: String, decimalMark: Character?, storedAsNumber: Bool = false) -> Double? {
        if let plain = plainNumber(raw, decimalMark: decimalMark, storedAsNumber: storedAsNumber) { return plain }
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        // Spaces (plain, non-breaking, thin) sometimes group thousands: "12 739,6".
        text.removeAll { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        var negative = false
        if let first = text.first, first == "-" || first == "−" {
            negative = true
            text.removeFirst()
        }
        guard !text.isEmpty else { return nil }
        let value: Double?
        if storedAsNumber {
            value = Double(text)
        } else if decimalMark == "." {
            value = Double(text).flatMap { text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } ? $0 : nil }
        } else {
            value = VietnameseNumber.parse(text)
        }
        guard let value, value.isFinite else { return nil }
        return negative ? -value : value
    }

    /// The common cell, read without building strings: ASCII digits with at most one "." that
    /// the dialect reads as the decimal mark ("12345.6" in a program's CSV, "12345" anywhere).
    static func plainNumber(_ raw: String, decimalMark: Character?, storedAsNumber: Bool) -> Double? {
        var dots = 0
        var digits = 0
        for b in raw.utf8 {
            if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { digits += 1 } else if b == UInt8(ascii: ".") { dots += 1 } else { return nil }
        }
        guard digits > 0, dots <= 1 else { return nil }
        // With "," as the mark, "1.234" groups thousands: left to the Vietnamese reader.
        guard dots == 0 || storedAsNumber || decimalMark == "." else { return nil }
        return Double(raw).flatMap { $0.isFinite ? $0 : nil }
    }
}
