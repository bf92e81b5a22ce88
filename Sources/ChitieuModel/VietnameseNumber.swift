import Foundation

/// The Vietnamese way of writing numbers: "." groups thousands, "," marks decimals.
///
/// "2.460" is 2460, "7,5" is 7.5, "8.962,72" is 8962.72, "07" is 7. A dot that is not followed
/// by exactly three digits is not Vietnamese ("6.5" is rejected, never read as 65 or 6.5).
public enum VietnameseNumber {
    /// Reads a whole string as a Vietnamese number; nil when it is not one.
    public static func parse(_ text: some StringProtocol) -> Double? {
        let scalars = Array(text.unicodeScalars)
        guard let (value, length) = scan(scalars, from: 0), length == scalars.count else { return nil }
        return value
    }

    /// Scans a number starting at `start`; returns its value and how many scalars it used.
    ///
    /// The scan stops before a separator that does not continue the number, so "2.460 tỷ" yields
    /// 2460 (5 scalars) and "7,5-8%" yields 7.5 (3 scalars).
    public static func scan(_ s: [Unicode.Scalar], from start: Int) -> (value: Double, length: Int)? {
        var i = start
        var integerDigits = ""
        while i < s.count, let d = asciiDigit(s[i]) {
            integerDigits.append(d)
            i += 1
        }
        guard !integerDigits.isEmpty else { return nil }
        // Thousands groups: only when the first group has 1-3 digits and every group has exactly 3.
        if integerDigits.count <= 3 {
            while i + 3 < s.count + 0, s[i] == ".", isGroup(s, at: i + 1) {
                integerDigits += String(String.UnicodeScalarView(s[(i + 1)...(i + 3)]))
                i += 4
            }
        }
        var fraction = ""
        if i + 1 < s.count, s[i] == ",", asciiDigit(s[i + 1]) != nil {
            var j = i + 1
            while j < s.count, let d = asciiDigit(s[j]) {
                fraction.append(d)
                j += 1
            }
            i = j
        }
        // A dot right after the digits that did not start a thousands group means the text uses
        // another convention ("6.5", "1.2345"): refuse rather than guess.
        if i + 1 < s.count, s[i] == ".", asciiDigit(s[i + 1]) != nil { return nil }
        // Digits glued to letters ("3G", "B2") are names, not numbers.
        if i < s.count, s[i].properties.isAlphabetic, !isUnitStart(s[i]) { return nil }
        let literal = fraction.isEmpty ? integerDigits : integerDigits + "." + fraction
        guard let value = Double(literal) else { return nil }
        return (value, i - start)
    }

    /// Writes a number the Vietnamese way with a fixed number of decimals: 27594 → "27.594".
    public static func format(_ value: Double, decimals: Int = 0) -> String {
        if let fast = formatExactly(value, decimals: decimals) { return fast }
        let rounded = (value * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        let negative = rounded < 0
        let text = String(format: "%.\(decimals)f", abs(rounded))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "." + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        if parts.count > 1 { grouped += "," + parts[1] }
        return negative ? "-" + grouped : grouped
    }

    /// `format` in integer arithmetic, for values whose scaled magnitude fits in 15 digits
    /// (every figure of a report); nil for the rest.
    static func formatExactly(_ value: Double, decimals: Int) -> String? {
        guard value.isFinite, (0...6).contains(decimals) else { return nil }
        var power: Int64 = 1
        for _ in 0..<decimals { power *= 10 }
        let scaledValue = (abs(value) * Double(power)).rounded()
        guard scaledValue < 1e15 else { return nil }
        let scaled = Int64(scaledValue)
        var integer = scaled / power
        let fraction = scaled % power
        // Built backwards: fraction digits, the comma, then the integer in groups of three.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        if decimals > 0 {
            var f = fraction
            for _ in 0..<decimals {
                bytes.append(UInt8(ascii: "0") + UInt8(f % 10))
                f /= 10
            }
            bytes.append(UInt8(ascii: ","))
        }
        var digits = 0
        repeat {
            if digits > 0, digits % 3 == 0 { bytes.append(UInt8(ascii: ".")) }
            bytes.append(UInt8(ascii: "0") + UInt8(integer % 10))
            integer /= 10
            digits += 1
        } while integer > 0
        if value < 0, scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }

    /// Writes a number with as few decimals as it needs (at most `maxDecimals`): 7.5 → "7,5".
    /// A share in percent as a report writes it: "105,3%".
    public static func percent(_ value: Double) -> String { format(value, decimals: 1) + "%" }

    public static func formatCompact(_ value: Double, maxDecimals: Int = 3) -> String {
        format(value, decimals: decimalsNeeded(value, max: maxDecimals))
    }

    /// The number of decimals needed to show `value` exactly, up to `max`.
    public static func decimalsNeeded(_ value: Double, max: Int = 3) -> Int {
        for decimals in 0..<max {
            let scale = pow(10, Double(decimals))
            if abs((value * scale).rounded() - value * scale) < 1e-6 { return decimals }
        }
        return max
    }

    private static func isGroup(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 2 < s.count, asciiDigit(s[i]) != nil, asciiDigit(s[i + 1]) != nil, asciiDigit(s[i + 2]) != nil
        else { return false }
        // "1.2345" is not a group: the group must end after three digits.
        return i + 3 >= s.count || asciiDigit(s[i + 3]) == nil
    }

    private static func asciiDigit(_ c: Unicode.Scalar) -> Character? {
        c.value >= 0x30 && c.value <= 0x39 ? Character(c) : nil
    }

    /// Units written without a space after the number ("5ha", "20km") still count as numbers.
    private static func isUnitStart(_ c: Unicode.Scalar) -> Bool {
        "hkmtđn".unicodeScalars.contains(c)
    }
}
