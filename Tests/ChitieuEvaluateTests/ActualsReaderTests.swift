import ChitieuIngest
import ChitieuModel
import Foundation
import TestSupport
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

    @Test("Quoted fields keep commas, doubled quotes and line breaks; lines count the breaks; blank rows are skipped")
    func quotedFields() throws {
        let (results, issues) = try read("unit,indicator,period,value,measure,name,source\n"
            + "QN,grdp_growth,2024,7.1,%,\"Tăng trưởng, GRDP\",\"Báo cáo \"\"số 1\"\"\nkèm phụ lục\"\n"
            + ",,,,,,\n"
            + "QN,budget_revenue,2024,abc,tỷ đồng,,\n")
        #expect(results.count == 1)
        #expect(results.first?.name == "Tăng trưởng, GRDP")
        #expect(results.first?.source == "Báo cáo \"số 1\"\nkèm phụ lục")
        #expect(issues.map(\.location?.line) == [5], "the quoted line break counts: the bad row is on line 5")
    }

    @Test("Decomposed (NFD) Vietnamese in a CSV reads as the same unit and measure as composed text")
    func decomposedText() throws {
        let nfd = "Quảng Nam;tỷ đồng".decomposedStringWithCanonicalMapping.split(separator: ";").map(String.init)
        let (results, _) = try read("unit,indicator,period,value,measure\n\(nfd[0]),budget_revenue,2024,1,\(nfd[1])\n")
        #expect(results.first?.unit == "Quảng Nam")
        #expect(results.first?.measure == MeasureUnit("tỷ đồng"))
    }

    @Test("A quote opened and never closed is an error naming the line, not a crash; no row of the file is used")
    func unclosedQuote() throws {
        let (results, issues) = try read("unit,indicator,period,value,measure\nQN,a,2024,1,%\nQN,\"b,2024,1,%\n")
        #expect(results.isEmpty, "a file read only in part gives no results")
        #expect(issues.count == 1)
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.message.contains("dòng 3") == true)
    }

    @Test("A file cut in two parts read apart gives the same results, lines and sources as read whole")
    func partsReadApart() throws {
        var text = "unit;indicator;period;value;measure;source\n"
        let rows = 5_000
        for i in 0..<rows {
            // Quoted line breaks and doubled quotes around the middle of the file, where the cut falls.
            let source = i % 2 == 0 ? "\"Báo cáo \"\"số \(i)\"\";\nphụ lục\"" : "số \(i)"
            text += "QN;i\(i % 97);2024;\(i),5;tỷ đồng;\(source)\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parts-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try TableReader.read(path: url.path)
        let whole = ActualsReader.results(from: table)
        let parts = try table.parts(2, minimumBytes: 0)
        #expect(parts.count == 2)
        let apart = parts.map { ActualsReader.results(from: $0) }
        #expect(apart.allSatisfy { $0.issues.isEmpty && !$0.results.isEmpty })
        let joined = apart.flatMap(\.results)
        #expect(joined.count == rows)
        #expect(joined.map(\.value) == whole.results.map(\.value))
        #expect(joined.map(\.source) == whole.results.map(\.source))
        #expect(joined.map { $0.location?.line } == whole.results.map { $0.location?.line })
        #expect(try table.parts(2).count == 1, "a small file stays one part")
    }

    @Test("A file larger than one read is read whole: records cut by a chunk's end, quoted line breaks and stray quotes")
    func chunkedReading() throws {
        // Over 4 MB, with fields that span lines and quotes inside unquoted fields.
        var text = "unit,indicator,period,value,measure,source\n"
        let rows = 80_000
        for i in 0..<rows {
            let source = i % 3 == 0 ? "\"Báo cáo \"\"số \(i)\"\"\nkèm phụ lục\"" : "màn hình 12\" số \(i)"
            text += "QN,i\(i % 97),2024,\(i),tỷ đồng,\(source)\n"
        }
        #expect(text.utf8.count > 4 << 20, "more than one 4 MB read")
        let (results, issues) = try read(text)
        #expect(issues.isEmpty)
        #expect(results.count == rows)
        #expect(results.map(\.value) == (0..<rows).map(Double.init))
        #expect(results[3].source == "Báo cáo \"số 3\"\nkèm phụ lục")
        #expect(results[4].source == "màn hình 12\" số 4")
        // Line numbers count the quoted line breaks: row i starts on line 2 + i + (i + 2) / 3.
        #expect(results.last?.location?.line == 2 + (rows - 1) + (rows - 1 + 2) / 3)
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

@Suite("SHA-256 of input files")
struct SHA256Tests {
    @Test("Known vectors from FIPS 180-4, and a seed file against sha256sum", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(_ text: String, _ digest: String) {
        #expect(FileDigest.sha256(Data(text.utf8)) == digest)
    }

    @Test("A seed directive hashes as sha256sum says")
    func seed() {
        #expect(FileDigest.sha256(ofFile: Repository.path("samples/directives/003_69f06bacfe25bd6e.txt")) == "b5cc35fab77715f090dba724df29d0e2d14a493e2affee870cbea4c709d3ba81")
    }

    @Test("A million 'a' crosses many blocks")
    func long() {
        #expect(FileDigest.sha256(Data(repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
