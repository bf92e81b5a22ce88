import ChitieuModel
import Foundation

/// Reads the header facts of a directive: type, number, place and date, signer, theme, year.
enum MetadataExtractor {
    static let types: [(upper: String, name: String)] = [
        ("CHỈ THỊ", "Chỉ thị"), ("CHƯƠNG TRÌNH", "Chương trình"), ("KẾ HOẠCH", "Kế hoạch"), ("NGHỊ QUYẾT", "Nghị quyết"),
        ("PHÁT ĐỘNG", "Phát động"), ("QUYẾT ĐỊNH", "Quyết định"), ("THÔNG BÁO", "Thông báo"), ("HƯỚNG DẪN", "Hướng dẫn"),
    ]

    static func extract(_ t: ScalarText, lines: Locator) -> DocumentMetadata {
        let full = t.string(0..<t.count)
        let textLines = full.split(separator: "\n", omittingEmptySubsequences: false).map {
            NameCleaner.collapseSpaces(String($0).replacingOccurrences(of: "**", with: ""))
        }
        var m = DocumentMetadata()
        // The type is a line in capitals on its own near the top: "CHỈ THỊ".
        for line in textLines.prefix(60) {
            if let type = types.first(where: { line == $0.upper }) {
                m.type = type.name
                break
            }
        }
        if let numberLine = textLines.prefix(40).first(where: { $0.hasPrefix("Số:") || $0.hasPrefix("Số :") }) {
            let value = numberLine.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            m.number = value.isEmpty ? nil : value
        }
        // "Vĩnh Long, ngày 26 tháng 12 năm 2023".
        for line in textLines.prefix(60) {
            if let (place, date) = placeAndDate(line) {
                m.place = place
                m.date = date
                break
            }
        }
        m.theme = theme(full)
        m.planYear = planYear(textLines, date: m.date)
        m.signer = signer(textLines)
        if let titleIndex = textLines.prefix(60).firstIndex(where: { l in types.contains { l == $0.upper } }),
           let title = textLines[(titleIndex + 1)...].first(where: { !$0.isEmpty }) {
            m.title = title
        }
        m.reporting = reportingDuty(full)
        return m
    }

    static func placeAndDate(_ line: String) -> (String?, String)? {
        guard let r = line.range(of: #"(?:([^,]{2,40}),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"#, options: .regularExpression) else { return nil }
        let match = String(line[r])
        let numbers = match.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 3 else { return nil }
        let (d, mo, y) = (numbers[numbers.count - 3], numbers[numbers.count - 2], numbers[numbers.count - 1])
        guard (1...31).contains(d), (1...12).contains(mo) else { return nil }
        let place = match.contains(",") ? String(match.prefix { $0 != "," }).trimmingCharacters(in: .whitespaces) : nil
        return (place, String(format: "%04d-%02d-%02d", y, mo, d))
    }

    /// The theme: the quoted words after "chủ đề", or a quoted line standing alone at the top.
    static func theme(_ full: String) -> String? {
        let quoted = #"[“"]([^”"]{10,300})[”"]"#
        if let r = full.range(of: "chủ đề", options: .caseInsensitive) {
            let tail = full[r.upperBound...].prefix(400)
            if let q = tail.range(of: quoted, options: .regularExpression) {
                return NameCleaner.clean(String(tail[q]))
            }
        }
        for line in full.split(separator: "\n").prefix(10) {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("“"), l.hasSuffix("”") { return NameCleaner.clean(l) }
        }
        return nil
    }

    static func planYear(_ lines: [String], date: String?) -> Int? {
        var counts: [Int: Int] = [:]
        for line in lines {
            var rest = Substring(line)
            while let r = rest.range(of: #"năm \d{4}"#, options: .regularExpression) {
                if let y = Int(rest[r].suffix(4)) { counts[y, default: 0] += 1 }
                rest = rest[r.upperBound...]
            }
        }
        let issued = date.flatMap { Int($0.prefix(4)) }
        let candidates = counts.filter { issued == nil || $0.key >= issued! }
        return candidates.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
    }

    /// The signer: the last line that reads as a person's name, after the signature title.
    static func signer(_ lines: [String]) -> String? {
        let tail = lines.suffix(12).filter { !$0.isEmpty }
        guard let titleIndex = tail.lastIndex(where: { l in
            ["CHỦ TỊCH", "TM.", "KT.", "TRƯỞNG CỤM", "GIÁM ĐỐC", "BÍ THƯ"].contains { l.hasPrefix($0) }
        }) else { return nil }
        for line in tail[(titleIndex + 1)...] where isPersonName(line) { return line }
        // "CHỦ TỊCH UBND THÀNH PHỐ Nguyễn Văn Hạnh" on one line.
        return nil
    }

    static func isPersonName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase else { return false }
            return w.dropFirst().allSatisfy { $0.isLowercase }
        }
    }

    static func reportingDuty(_ full: String) -> String? {
        guard let r = full.range(of: #"định kỳ[^.;\n]{0,40}(6 tháng|sáu tháng|hằng năm|hàng năm)[^.;\n]{0,160}"#, options: [.regularExpression, .caseInsensitive])
        else { return nil }
        return NameCleaner.clean(String(full[r]))
    }
}
