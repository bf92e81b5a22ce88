import Foundation
import Spreadsheet
import TestSupport
import Testing
import XlsxReader

/// The report for many units, read back cell by cell: the layout rules of a national run.
@Suite("The report for many units", .serialized)
struct LargeReportTests {
    static func run(units: Int, period: String = "2025", in dir: TemporaryDirectory) throws -> XlsxDocument {
        let yaml = try GeneratedPipeline.write(units: units, period: period, into: dir)
        let r = try runProgram(Repository.chitieuBinary, ["run", "-q", yaml])
        #expect(r.status == 0, "\(r.stderr)")
        return try XlsxDocument(url: dir.url.appendingPathComponent("generated-out/bao-cao-\(period).xlsx"))
    }

    /// The texts of column `column` from row `first` down, while the row has a cell there.
    static func column(_ sheet: XlsxSheet, _ column: Int, from first: Int) -> [XlsxValue] {
        var values: [XlsxValue] = []
        var row = first
        while let cell = sheet.cells[row]?[column] {
            values.append(cell.value)
            row += 1
        }
        return values
    }

    @Test("500 units: long comparison, one sheet per group, every target in Chi tiết, ranks in order, Excel's limits")
    func fiveHundredUnits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let document = try Self.run(units: 500, in: dir)
        let names = document.sheetNames
        #expect(Array(names.prefix(3)) == ["Tổng hợp", "So sánh", "Biểu đồ"])
        let groups = names.filter { $0.hasPrefix("Tỉnh") || $0.hasPrefix("Thành phố") }
        #expect(groups.count == 5, "one sheet per group of 100 units, no sheet per unit: \(names)")
        #expect(names.count == 14, "\(names)")
        #expect(names.contains("Chi tiết"))

        // Tổng hợp: every unit once, ranked units in rank order.
        let summary = try document.sheet(named: "Tổng hợp")
        let header = (0..<20).compactMap { summary.cells[9]?[$0]?.value.text }
        let rankColumn = try #require(header.firstIndex(of: "Xếp hạng"))
        let ranks = Self.column(summary, rankColumn, from: 10).compactMap { if case .number(let n) = $0 { n } else { nil } }
        #expect(ranks.count == 500)
        #expect(ranks == ranks.sorted(), "Tổng hợp is in rank order")
        // Tie-break notes are one per row, never one joined cell.
        for row in summary.cells.values {
            for cell in row.values { #expect(cell.value.text.count < 1_000) }
        }

        // So sánh: units as rows, at most 9 columns, each indicator's units best first.
        let comparison = try document.sheet(named: "So sánh")
        #expect(comparison.cells.values.allSatisfy { $0.keys.allSatisfy { $0 < 9 } })
        let indicatorNames = Self.column(comparison, 1, from: 10).map(\.text)
        let comparisonRanks = Self.column(comparison, 3, from: 10)
        #expect(indicatorNames.count == 12 * 500, "every unit of every shared indicator")
        var previous: (name: String, rank: Double)? = nil
        for (name, value) in zip(indicatorNames, comparisonRanks) {
            guard case .number(let rank) = value else { continue }
            if let p = previous, p.name == name { #expect(rank >= p.rank, "\(name): ranks ascend") }
            previous = (name, rank)
        }

        // Chi tiết: one row per unit and target.
        let detail = try document.sheet(named: "Chi tiết")
        #expect(Self.column(detail, 0, from: 10).count == 500 * 12)

        // Charts: at most 20 bars each.
        for part in document.partNames where part.hasPrefix("xl/charts/chart") {
            let xml = String(decoding: try document.part(part), as: UTF8.self)
            for range in xml.matches(of: /\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)/) {
                let rows = Int(range.output.2)! - Int(range.output.1)! + 1
                #expect(rows <= 20, "\(part): \(rows) bars")
            }
        }

        // Excel's limits: no cell beyond 32,767 characters, no row taller than 409 pt, no
        // column beyond 16,384, no sheet with more than 65,530 links.
        for (name, part) in document.sheets {
            let xml = String(decoding: try document.part(part), as: UTF8.self)
            for height in xml.matches(of: /ht="([\d.]+)"/) { #expect(Double(height.output.1)! <= 409, "\(name): row height") }
            #expect(xml.components(separatedBy: "<hyperlink ").count - 1 <= 65_530, "\(name): links")
            let sheet = try document.sheet(named: name)
            for row in sheet.cells.values {
                for (column, cell) in row {
                    #expect(column < 16_384)
                    #expect(cell.value.text.count <= 32_767)
                }
            }
        }
        try PrintSizeTests.checkPrint(document)
    }

    @Test("94 units, annual and six-month: every printed sheet lands at 10 pt or more on A4, headers whole",
          arguments: ["2025", "2025-H1"])
    func ninetyFourUnits(_ period: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let document = try Self.run(units: 94, period: period, in: dir)
        #expect(document.sheetNames.contains("Chi tiết"), "94 units: one sheet per group and the detail sheet")
        try PrintSizeTests.checkPrint(document)
    }

    @Test("Up to 5 units side by side; beyond 60 units, groups instead of unit sheets")
    func shapeFollowsTheNumberOfUnits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let few = try Self.run(units: 5, in: dir)
        let comparison = try few.sheet(named: "So sánh")
        let titles = (0..<40).compactMap { comparison.cells[9]?[$0]?.value.text }
        #expect(titles.count > 9, "5 units side by side: \(titles)")
        #expect(few.sheetNames.contains("Xã Hòa Vang 1"), "a sheet per unit while there are few")
        #expect(!few.sheetNames.contains("Chi tiết"))
    }
}
