import Foundation

/// A reporting period: a year ("2024") or its first six months ("2024-H1").
public struct ReportingPeriod: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public enum Span: String, Sendable, Codable { case year, firstHalf = "H1" }

    public var year: Int
    public var span: Span

    public init(year: Int, span: Span) {
        self.year = year
        self.span = span
    }

    /// The forms a period may be written in, with this year as the example.
    public static var examples: String {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        return "viết \(year) hoặc Năm \(year) (cả năm), \(year)-H1, 6 tháng \(year), 6 tháng đầu năm \(year) hoặc 6T/\(year) (6 tháng đầu năm)"
    }

    /// Reads "2024" or "2024-H1" (also "2024-h1", "6T/2024", "6 tháng 2024"); nil otherwise.
    public init?(_ text: String) {
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        // "Năm 2026" is the year; "6 tháng đầu năm 2026" its first half (Resources/lexicon/layout.tsv).
        for prefix in Self.yearWords where t.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if let y = Int(t), (1900...2200).contains(y) {
            self.init(year: y, span: .year)
            return
        }
        for prefix in Self.halfWords where t.hasPrefix(prefix) {
            if let y = Int(t.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)), (1900...2200).contains(y) {
                self.init(year: y, span: .firstHalf)
                return
            }
        }
        let parts = t.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), (1900...2200).contains(y), parts[1] == "h1" else { return nil }
        self.init(year: y, span: .firstHalf)
    }

    static let yearWords = WordTable.layout["period_year"]
    static let halfWords = WordTable.layout["period_half"]

    /// The period's last day, "2024-12-31" or "2024-06-30": the day unit names are read at.
    public var lastDay: String { span == .year ? "\(year)-12-31" : "\(year)-06-30" }

    /// The same period a year before: 2025 for 2026, 2025-H1 for 2026-H1.
    public var yearBefore: ReportingPeriod { ReportingPeriod(year: year - 1, span: span) }

    public var description: String { span == .year ? String(year) : "\(year)-H1" }

    /// "năm 2024" or "6 tháng đầu năm 2024".
    public var vietnamese: String { span == .year ? "năm \(year)" : "6 tháng đầu năm \(year)" }

    public var isFirstHalf: Bool { span == .firstHalf }

    /// The data window of Decree 09/2019/NĐ-CP: from 15/12 of the previous year to 14/6 (six
    /// months) or 14/12 (the year).
    public var dataWindow: (from: DateComponents, to: DateComponents) {
        let from = DateComponents(year: year - 1, month: 12, day: 15)
        let to = DateComponents(year: year, month: span == .year ? 12 : 6, day: 14)
        return (from, to)
    }

    /// "15/12/2023 - 14/12/2024".
    public var dataWindowText: String {
        let (a, b) = dataWindow
        func f(_ d: DateComponents) -> String { String(format: "%02d/%02d/%d", d.day!, d.month!, d.year!) }
        return f(a) + " - " + f(b)
    }

    public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool {
        (a.year, a.span == .year ? 1 : 0) < (b.year, b.span == .year ? 1 : 0)
    }
}
