import ChitieuModel
import Foundation
import TestSupport
import Testing

@Suite("Vietnamese number grammar")
struct VietnameseNumberTests {
    @Test("Numbers written the Vietnamese way", arguments: [
        ("2.460", 2460.0), ("7,5", 7.5), ("8.962,72", 8962.72), ("07", 7.0), ("02", 2.0), ("23.600", 23600.0),
        ("108,987", 108.987), ("1.000.000", 1_000_000.0), ("0,5", 0.5), ("100", 100.0), ("12.739", 12739.0),
    ])
    func reads(_ text: String, _ expected: Double) {
        #expect(VietnameseNumber.parse(text) == expected)
    }

    @Test("Other conventions are refused, never guessed", arguments: ["6.5", "1.2345", "1,234.5", "12.34", "abc", "", "3G", "1.000.5"])
    func refuses(_ text: String) {
        #expect(VietnameseNumber.parse(text) == nil)
    }

    @Test("Scanning stops where the number ends")
    func scanStops() throws {
        let scalars = Array("7,5-8%".unicodeScalars)
        let (value, length) = try #require(VietnameseNumber.scan(scalars, from: 0))
        #expect(value == 7.5)
        #expect(length == 3)
        let money = Array("2.460 tỷ đồng".unicodeScalars)
        #expect(VietnameseNumber.scan(money, from: 0)?.length == 5)
    }

    @Test("Formatting groups thousands with dots and uses a decimal comma")
    func formats() {
        #expect(VietnameseNumber.format(27594) == "27.594")
        #expect(VietnameseNumber.format(8962.72, decimals: 2) == "8.962,72")
        #expect(VietnameseNumber.formatCompact(7.5) == "7,5")
        #expect(VietnameseNumber.format(-1234.5, decimals: 1) == "-1.234,5")
    }

    /// Property: any number written the Vietnamese way reads back exactly.
    @Test("Every formatted number reads back exactly")
    func roundTrip() {
        var rng = SeededGenerator(seed: 20241226)
        for _ in 0..<5_000 {
            let decimals = Int.random(in: 0...3, using: &rng)
            let integer = Double(UInt64.random(in: 0...9_999_999_999, using: &rng))
            let fraction = decimals == 0 ? 0 : Double(Int.random(in: 0..<Int(pow(10, Double(decimals))), using: &rng)) / pow(10, Double(decimals))
            let value = integer + fraction
            let text = VietnameseNumber.format(value, decimals: decimals)
            let read = VietnameseNumber.parse(text)
            #expect(read != nil && abs(read! - value) <= max(1e-9, abs(value) * 1e-15), "\(text) read as \(String(describing: read)), expected \(value)")
        }
    }

    /// Property: an English-style decimal with one to two decimals is never read as a Vietnamese number.
    @Test("English decimals such as 6.5 are never read")
    func englishDecimalsRefused() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let whole = Int.random(in: 0...999, using: &rng)
            let digits = Int.random(in: 1...2, using: &rng)
            let fraction = String(format: "%0\(digits)d", Int.random(in: 0..<(digits == 1 ? 10 : 100), using: &rng))
            #expect(VietnameseNumber.parse("\(whole).\(fraction)") == nil)
        }
    }
}
