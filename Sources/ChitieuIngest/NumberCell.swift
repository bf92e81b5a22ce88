import ChitieuModel
import Foundation

/// Reads the number in a table cell according to the file's dialect.
public enum NumberCell {
    /// `decimalMark` "," reads "7.266,3" as 7266.3; "." reads "7266.3"; nil (a workbook text
    /// cell typed by a person) reads the Vietnamese way first. `storedAsNumber` cells are exact.
    public static func parse(_ raw: String, decimalMark: Character?, storedAsNumber: Bool = false) -> Double? {
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
}
