import ChitieuIngest
import ChitieuModel
import Foundation
import Testing

@Suite("Reading results from CSV")
struct ActualsReaderTests {
    func read(_ csv: String) throws -> (results: [ActualResult], issues: [DataIssue]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("actuals-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return ActualsReader.results(from: try TableReader.read(path: url.path))
    }

    @Test("CSV written by programs: commas between fields, dots for decimals")
    func programCSV() throws {
        let (results, issues) = try read("unit,indicator,period,value,measure,basis,status\nQuảng Nam,grdp_growth,2024,7.1,%,value,estimate\nHà Giang,budget_revenue,2024,\"119.9\",%,pct_of_plan,reported\n")
        #expect(issues.isEmpty)
        #expect(results.map(\.value) == [7.1, 119.9])
        #expect(results[0].status == .estimate)
        #expect(results[1].basis == .pctOfPlan)
    }

    @Test("CSV saved by Excel on a Vietnamese system: semicolons, decimal commas, thousands dots, BOM and CRLF")
    func excelVietnameseCSV() throws {
        let (results, issues) = try read("\u{FEFF}unit;indicator;period;value;measure\r\nQuảng Nam;budget_revenue;2024;27.594;tỷ đồng\r\nHà Giang;grdp_growth;2024-H1;5,66;%\r\n")
        #expect(issues.isEmpty)
        #expect(results.map(\.value) == [27594, 5.66])
        #expect(results[1].period.description == "2024-H1")
    }

    @Test("A bad row is reported with its line and the others go through")
    func badRows() throws {
        let (results, issues) = try read("unit,indicator,period,value,measure\nQN,a,2024,abc,%\nQN,b,2024-Q3,1,%\nQN,c,2024,5,%\n")
        #expect(results.map(\.indicator) == ["c"])
        #expect(issues.map(\.location?.line) == [2, 3])
        #expect(issues[0].message.contains("abc"))
    }

    @Test("A table without the required columns says which are missing")
    func missingColumns() throws {
        let (results, issues) = try read("unit,value\nQN,5\n")
        #expect(results.isEmpty)
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.message.contains("indicator") == true)
    }
}
