import ChitieuExtract
import ChitieuIngest
import ChitieuModel
import Foundation
import TestSupport
import Testing

/// The seeds made messy the ways real files are: the targets must come out identical.
@Suite("Messy copies of the seeds give the same records")
struct MessyInputTests {
    static let seeds = ["003_69f06bacfe25bd6e.txt", "004_ba79e22acb77a903.txt", "000_e130fa088c5baf06.txt", "001_07af803d77207afe.txt"]

    static func original(_ file: String) throws -> String {
        try String(contentsOfFile: Repository.path("samples/directives/" + file), encoding: .utf8)
    }

    /// What must not change: every field of every target except its place in the file.
    struct Record: Equatable, CustomStringConvertible {
        var name, text, unit, comparator: String
        var value: Double
        var valueMax: Double?
        var approx: Bool
        var parent, catalogue: String?
        var description: String { "\(name) | \(comparator) \(value) \(valueMax.map { "\($0)" } ?? "") \(unit) | \(text)" }
    }

    static func records(_ data: Data, path: String, foldCase: Bool = false) throws -> [Record] {
        let source = try DirectiveReader.decode(data, path: path)
        let document = TargetExtractor().extract(text: source.text, path: path, lineMap: source.lineMap)
        return document.targets.map { t in
            Record(name: foldCase ? t.name.lowercased() : t.name, text: foldCase ? t.text.lowercased() : t.text, unit: t.unit.symbol,
                   comparator: t.comparator.rawValue, value: t.value, valueMax: t.valueMax, approx: t.approx,
                   parent: foldCase ? t.parent?.lowercased() : t.parent, catalogue: t.catalogueCode)
        }
    }

    static func reference(_ file: String, foldCase: Bool = false) throws -> [Record] {
        try records(Data(try original(file).utf8), path: file, foldCase: foldCase)
    }

    @Test("UTF-8 with two stray bytes at its end is read as UTF-8, the bytes replaced and their place reported", arguments: seeds)
    func strayBytes(_ file: String) throws {
        let clean = try Self.original(file)
        let lines = clean.split(separator: "\n", omittingEmptySubsequences: false).count
        let messy = Data(clean.utf8) + Data([0xFF, 0xFE])
        #expect(String(data: messy, encoding: .utf8) == nil, "the file is not valid UTF-8")
        #expect(try Self.records(messy, path: file) == Self.reference(file))
        let source = try DirectiveReader.decode(messy, path: file)
        #expect(source.encoding.hasPrefix("utf-8"))
        #expect(source.warnings.map(\.line) == [lines], "\(source.warnings)")
    }

    @Test("NFD text", arguments: seeds)
    func nfd(_ file: String) throws {
        let messy = try Self.original(file).decomposedStringWithCanonicalMapping
        #expect(try Self.records(Data(messy.utf8), path: file) == Self.reference(file))
    }

    @Test("CRLF line ends and a byte-order mark", arguments: seeds)
    func crlfBOM(_ file: String) throws {
        let messy = "\u{FEFF}" + (try Self.original(file)).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try Self.records(Data(messy.utf8), path: file) == Self.reference(file))
    }

    @Test("Non-breaking spaces between numbers and units and inside words", arguments: seeds)
    func nonBreakingSpaces(_ file: String) throws {
        var messy = ""
        var count = 0
        for c in try Self.original(file) {
            if c == " " { count += 1; messy.append(count % 3 == 0 ? "\u{00A0}" : " ") } else { messy.append(c) }
        }
        #expect(try Self.records(Data(messy.utf8), path: file) == Self.reference(file))
    }

    @Test("Page breaks in the middle of sentences", arguments: seeds)
    func pageBreaks(_ file: String) throws {
        var lines: [String] = []
        for line in try Self.original(file).split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            guard line.count > 200, words.count > 20 else { lines.append(String(line)); continue }
            // Break after a word in the middle whose follower starts in lower case, as page breaks fall.
            let middle = (words.count / 2..<words.count - 2).first { words[$0 + 1].first?.isLowercase == true } ?? words.count / 2
            lines.append(words[...middle].joined(separator: " "))
            lines.append("\u{0C}")
            lines.append("")
            lines.append(words[(middle + 1)...].joined(separator: " "))
        }
        let messy = lines.joined(separator: "\n")
        #expect(try Self.records(Data(messy.utf8), path: file) == Self.reference(file))
    }

    @Test("TCVN3 (ABC) bytes", arguments: seeds)
    func tcvn3(_ file: String) throws {
        let bytes = try #require(LegacyEncoding.tcvn3.encode(try Self.original(file)))
        // TCVN3 has no code for toned capitals: its fonts draw them from lower-case codes, so
        // plain TCVN3 text cannot tell "Ủ" from "ủ". Compare without case.
        #expect(try Self.records(Data(bytes), path: file, foldCase: true) == Self.reference(file, foldCase: true))
        #expect(try DirectiveReader.decode(Data(bytes), path: file).encoding == "tcvn3")
    }

    @Test("VNI Windows bytes", arguments: seeds)
    func vni(_ file: String) throws {
        let bytes = try #require(LegacyEncoding.vni.encode(try Self.original(file)))
        #expect(try Self.records(Data(bytes), path: file) == Self.reference(file))
        #expect(try DirectiveReader.decode(Data(bytes), path: file).encoding == "vni")
    }

    @Test("TCVN3 bytes copied into UTF-8 as Latin-1 characters")
    func tcvn3AsLatin1() throws {
        let file = Self.seeds[0]
        let bytes = try #require(LegacyEncoding.tcvn3.encode(try Self.original(file)))
        let latin1 = String(bytes.map { Character(Unicode.Scalar($0)) })
        #expect(try Self.records(Data(latin1.utf8), path: file, foldCase: true) == Self.reference(file, foldCase: true))
    }

    @Test("A .docx made from the text, with the end of the text in a table", arguments: seeds)
    func docx(_ file: String) throws {
        let lines = try Self.original(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let data = try DocxBuilder.docx(lines: lines, tableFrom: lines.count - 3)
        #expect(try Self.records(data, path: file.replacingOccurrences(of: ".txt", with: ".docx")) == Self.reference(file))
    }

    @Test("A .docx typed in TCVN3 with .VnTime fonts and in VNI with VNI-Times")
    func legacyDocx() throws {
        let file = Self.seeds[1]
        let lines = try Self.original(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tcvn = try lines.map { String(try #require(LegacyEncoding.tcvn3.encode($0)).map { Character(Unicode.Scalar($0)) }) }
        let tcvnDoc = try DocxBuilder.docx(lines: tcvn, font: ".VnTime")
        #expect(try Self.records(tcvnDoc, path: "a.docx", foldCase: true) == Self.reference(file, foldCase: true))
        let vni = try lines.map { String(try #require(LegacyEncoding.vni.encode($0)).map { Character(Unicode.Scalar($0)) }) }
        let vniDoc = try DocxBuilder.docx(lines: vni, font: "VNI-Times")
        #expect(try Self.records(vniDoc, path: "b.docx") == Self.reference(file))
    }

    @Test("A web page with a menu, share buttons and a visitor counter", arguments: seeds)
    func html(_ file: String) throws {
        let paragraphs = try Self.original(file).split(separator: "\n").map { line in
            "<p>" + line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</p>"
        }
        let page = """
        <!DOCTYPE html><html><head><title>Tin tức</title><script>var x = "đạt 99%";</script></head><body>
        <nav class="main-menu"><ul><li>Trang chủ</li><li>Tin tức 2024</li></ul></nav>
        <div class="share-buttons">Chia sẻ bài viết lên facebook</div>
        <div class="content">\(paragraphs.joined(separator: "\n"))</div>
        <div id="thongke">Thống kê truy cập<br>Hôm nay : 168<br>Năm 2024 : 481.223</div>
        <footer>Bản quyền thuộc UBND tỉnh. Điện thoại 0219 3 866 888</footer></body></html>
        """
        #expect(try Self.records(Data(page.utf8), path: "page.html") == Self.reference(file))
    }

    @Test("Locations survive NFD and CRLF: the same line and column as the clean file")
    func locationsSurvive() throws {
        let file = Self.seeds[1]
        let clean = try DirectiveReader.decode(Data(try Self.original(file).utf8), path: file)
        let messy = try DirectiveReader.decode(Data(try Self.original(file).decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n").utf8), path: file)
        let a = TargetExtractor().extract(text: clean.text, path: file, lineMap: clean.lineMap).targets.map(\.location)
        let b = TargetExtractor().extract(text: messy.text, path: file, lineMap: messy.lineMap).targets.map(\.location)
        #expect(a == b)
        #expect(!a.isEmpty)
    }
}

@Suite("Bad input gets a clear message naming the file")
struct BadInputTests {
    func decode(_ data: Data, _ path: String) -> IngestError? {
        do { _ = try DirectiveReader.decode(data, path: path); return nil } catch { return error }
    }

    @Test("Empty, binary, invalid UTF-8, not-a-zip .docx, .docx without its document part")
    func clearMessages() throws {
        #expect(decode(Data(), "rong.txt") == .empty(path: "rong.txt"))
        #expect(decode(Data("   \n\n  ".utf8), "trang.txt") == .empty(path: "trang.txt"))
        #expect(decode(Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00] + Array(repeating: 0, count: 100)), "a.bin") == .binary(path: "a.bin"))
        var rng = SeededGenerator(seed: 3)
        let garbage = Data((0..<4000).map { i in i % 40 == 39 ? 0x0A : UInt8.random(in: 0x80...0xFF, using: &rng) })
        guard case .invalidEncoding(let path, let line)? = decode(garbage, "rac.txt") else {
            Issue.record("random high bytes must be refused as an unknown encoding")
            return
        }
        #expect(path == "rac.txt")
        #expect(line == 1)
        guard case .unsupportedFormat(let p1, let d1)? = decode(Data("không phải zip".utf8), "gia.docx") else {
            Issue.record("a .docx that is not a zip must be refused")
            return
        }
        #expect(p1 == "gia.docx" && d1.contains("zip"))
        let empty = try DocxBuilder.zip(["[Content_Types].xml": "<Types/>"])
        guard case .unsupportedFormat(_, let d2)? = decode(empty, "thieu.docx") else {
            Issue.record("a .docx without word/document.xml must be refused")
            return
        }
        #expect(d2.contains("word/document.xml"))
        for error in [IngestError.empty(path: "x.txt"), .binary(path: "x.txt"), .invalidEncoding(path: "x.txt", line: 3)] {
            #expect(error.description.hasPrefix("x.txt"))
        }
    }

    @Test("A 30 MB single line is refused quickly, not scanned (a text over 64 MB is refused for its size first)")
    func hugeLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("mot-dong.txt")
        let chunk = Data(String(repeating: "thu ngân sách đạt 2.460 tỷ đồng ", count: 32_768).utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var written = 0
        while written < 30_000_000 {
            handle.write(chunk)
            written += chunk.count
        }
        try handle.close()
        let error = #expect(throws: IngestError.self) { try DirectiveReader.read(path: path) }
        guard case .unsupportedFormat(let p, let detail)? = error else { return }
        #expect(p == path)
        #expect(detail.contains("dòng 1"))
    }
}

@Suite("Tables flattened one cell per line")
struct FlattenedTableTests {
    @Test("A plan table flattened by a converter is read row by row, the plan column chosen over the past one")
    func flattened() throws {
        let text = """
        Các chỉ tiêu chủ yếu năm 2024
        STT
        Chỉ tiêu
        Đơn vị tính
        Thực hiện năm 2023
        Kế hoạch năm 2024
        1
        Tốc độ tăng trưởng GRDP
        %
        6,8
        7,5-8
        2
        Thu ngân sách nhà nước trên địa bàn
        tỷ đồng
        2.300
        2.460
        3
        Tỷ lệ xã đạt chuẩn nông thôn mới
        %
        50
        ≥ 55
        Ghi chú: số liệu năm 2023 là ước thực hiện.
        """
        let source = try DirectiveReader.decode(Data(text.utf8), path: "bang.txt")
        let targets = TargetExtractor().extract(text: source.text, path: "bang.txt", lineMap: source.lineMap).targets
        #expect(targets.map(\.value) == [7.5, 2460, 55])
        #expect(targets.map(\.valueMax) == [8, nil, nil])
        #expect(targets.map(\.comparator) == [.range, .eq, .gte])
        #expect(targets.map(\.name) == ["Tốc độ tăng trưởng GRDP", "Thu ngân sách nhà nước trên địa bàn", "Tỷ lệ xã đạt chuẩn nông thôn mới"])
        #expect(targets.map { $0.location?.line } == [8, 13, 18])
    }
}

@Suite("Tables in the other shapes converters leave")
struct OtherTableTests {
    func targets(_ text: String) throws -> [Target] {
        let source = try DirectiveReader.decode(Data(text.utf8), path: "bang.txt")
        return TargetExtractor().extract(text: source.text, path: "bang.txt", lineMap: source.lineMap).targets
    }

    @Test("Rows between '|': the plan column's values, the unit from the brackets after the name, the rows' own lines")
    func barred() throws {
        let found = try targets("""
        Kế hoạch phát triển kinh tế - xã hội năm 2025
        | Chỉ tiêu | Thực hiện năm 2024 | Kế hoạch năm 2025 |
        |---|---|---|
        | Tổng vốn đầu tư toàn xã hội (tỷ đồng) | 29.459 | 33.000-34.000 |
        | Tốc độ tăng trưởng GRDP (%) | 7,2 | 8,0 |
        """)
        #expect(found.map(\.value) == [33_000, 8] && found.map(\.valueMax) == [34_000, nil])
        #expect(found.map { $0.unit.display } == ["tỷ đồng", "%"])
        #expect(found.map(\.name) == ["Tổng vốn đầu tư toàn xã hội", "Tốc độ tăng trưởng GRDP"])
        #expect(found.map { $0.location?.line } == [4, 5])
    }

    @Test("One cell a line without row numbers: the header ends where the first name begins")
    func flattenedWithoutNumbers() throws {
        let found = try targets("Chỉ tiêu\nThực hiện năm 2024\nKế hoạch năm 2025\nTổng vốn đầu tư toàn xã hội (tỷ đồng)\n29.459\n33.000-34.000\nTốc độ tăng trưởng GRDP (%)\n7,2\n8,0\n")
        #expect(found.map(\.value) == [33_000, 8])
    }

    @Test("A Word table with a unit column: each row a target")
    func word() throws {
        let data = try DocxBuilder.docx(lines: ["Năm 2025, phấn đấu các chỉ tiêu sau:", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm 2025",
                                                "Tốc độ tăng trưởng GRDP", "%", "8,0", "Thu ngân sách nhà nước", "tỷ đồng", "12.500"], tableFrom: 1)
        let source = try DirectiveReader.decode(data, path: "bang.docx")
        let found = TargetExtractor().extract(text: source.text, path: "bang.docx", lineMap: source.lineMap).targets
        #expect(found.map(\.value) == [8, 12_500])
        #expect(found.map { $0.unit.display } == ["%", "tỷ đồng"])
    }
}

@Suite("UTF-8 read as Windows-1252 and saved again")
struct DoubleEncodingTests {
    @Test("Mojibake such as \"Tá»· lá»‡\" is repaired before extraction")
    func repaired() throws {
        let clean = "Tỷ lệ hộ nghèo giảm 4,4%; thu ngân sách nhà nước trên địa bàn đạt 2.460 tỷ đồng."
        // Each UTF-8 byte read as a Windows-1252 character.
        let cp1252Extra: [UInt8: Unicode.Scalar] = [0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
                                                    0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”",
                                                    0x95: "•", 0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ"]
        var mojibake = String.UnicodeScalarView()
        for b in clean.utf8 { mojibake.append(cp1252Extra[b] ?? Unicode.Scalar(b)) }
        let source = try DirectiveReader.decode(Data(String(mojibake).utf8), path: "loi-font.txt")
        #expect(source.text.contains("Tỷ lệ hộ nghèo"))
        let targets = TargetExtractor().extract(text: source.text, path: "loi-font.txt", lineMap: source.lineMap).targets
        #expect(targets.map(\.value) == [4.4, 2460])
    }
}

@Suite("Deep and odd HTML")
struct DeepHTMLTests {
    @Test("A target inside 3,000 nested elements, closed or never closed, is read (make fuzz and the note time 100,000)")
    func deep() throws {
        let sentence = "Thu ngân sách nhà nước trên địa bàn đạt 2.500 tỷ đồng."
        for closing in ["</div>", "</span>", ""] {
            let html = "<html><body>" + String(repeating: "<div>", count: 3_000) + sentence + String(repeating: closing, count: 3_000) + "</body></html>"
            let source = try DirectiveReader.decode(Data(html.utf8), path: "sau.html")
            let targets = TargetExtractor().extract(text: source.text, path: "sau.html", lineMap: source.lineMap).targets
            #expect(targets.map(\.value) == [2500], "closing with \(closing.isEmpty ? "nothing" : closing)")
        }
    }
}
