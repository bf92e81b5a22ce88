import ChitieuExtract
import ChitieuIngest
import ChitieuModel
import Foundation
import TestSupport
import Testing

/// The hand labels of shared/gold (copied to Tests/Fixtures/gold) against what the extractor finds.
struct GoldDocument: Decodable {
    struct Indicator: Decodable {
        var name: String
        var value: Double
        var valueMax: Double?
        var unit: String
        var comparator: String
        var text: String
        var parent: String?
        var approx: Bool?
    }

    var file: String
    var indicators: [Indicator]
    var not_indicators: [String]?

    static let all: [GoldDocument] = {
        struct File: Decodable { var documents: [GoldDocument] }
        let url = URL(fileURLWithPath: Repository.path("Tests/Fixtures/gold/seeds.json"))
        return (try? JSONDecoder().decode(File.self, from: Data(contentsOf: url)).documents) ?? []
    }()
}

@Suite("Seed directives against their gold labels")
struct GoldSeedTests {
    static let files = GoldDocument.all.map(\.file)

    func extract(_ file: String) throws -> (DirectiveDocument, SourceText) {
        let source = try DirectiveReader.read(path: Repository.path("samples/directives/" + file))
        return (TargetExtractor().extract(text: source.text, path: file, lineMap: source.lineMap), source)
    }

    /// The key that must match: value, upper bound, unit and comparator.
    static func key(_ value: Double, _ max: Double?, _ unit: String, _ comparator: String) -> String {
        "\(value)|\(max.map { "\($0)" } ?? "-")|\(unit)|\(comparator)"
    }

    @Test("The gold file is there and lists the five seeds")
    func goldLoaded() {
        #expect(GoldDocument.all.count == 5)
    }

    @Test("Every gold target is found with its value, unit and comparator, and nothing else", arguments: files)
    func targets(_ file: String) throws {
        let gold = try #require(GoldDocument.all.first { $0.file == file })
        let (document, _) = try extract(file)
        let expected = gold.indicators.map { Self.key($0.value, $0.valueMax, $0.unit, $0.comparator) }.sorted()
        let found = document.targets.map { Self.key($0.value, $0.valueMax, $0.unit.display, $0.comparator.rawValue) }.sorted()
        #expect(found == expected, "\(file): missing \(Set(expected).subtracting(found).sorted()), extra \(Set(found).subtracting(expected).sorted())")
    }

    @Test("Sub-targets keep their parent and approximations are marked", arguments: files)
    func parentsAndApprox(_ file: String) throws {
        let gold = try #require(GoldDocument.all.first { $0.file == file })
        let (document, _) = try extract(file)
        for g in gold.indicators {
            guard let t = document.targets.first(where: { $0.value == g.value && $0.unit.display == g.unit && $0.comparator.rawValue == g.comparator })
            else { continue }
            #expect((t.parent != nil) == (g.parent != nil), "\(g.text): parent \(String(describing: t.parent))")
            #expect(t.approx == (g.approx ?? false), "\(g.text): approx")
        }
    }

    @Test("Numbers that are not targets are never reported", arguments: files)
    func notIndicators(_ file: String) throws {
        let gold = try #require(GoldDocument.all.first { $0.file == file })
        let (document, source) = try extract(file)
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for phrase in gold.not_indicators ?? [] {
            for (lineIndex, line) in lines.enumerated() {
                guard let r = line.range(of: phrase) else { continue }
                let start = line.distance(from: line.startIndex, to: r.lowerBound) + 1
                let end = start + phrase.count
                for t in document.targets where t.location?.line == lineIndex + 1 {
                    let tStart = t.location?.column ?? 0
                    let tEnd = tStart + t.text.count
                    // The target's words may surround the phrase only if its number is elsewhere.
                    let overlaps = tStart < end && start < tEnd && t.text.contains(phrase)
                    #expect(!overlaps, "\(file): \"\(phrase)\" was reported inside \"\(t.text)\"")
                }
            }
        }
    }

    @Test("Every target keeps its place in the original file", arguments: files)
    func locations(_ file: String) throws {
        let (document, _) = try extract(file)
        let original = try String(contentsOfFile: Repository.path("samples/directives/" + file), encoding: .utf8)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for t in document.targets {
            let loc = try #require(t.location)
            let line = lines[loc.line - 1]
            let from = line.index(line.startIndex, offsetBy: try #require(loc.column) - 1)
            #expect(line[from...].hasPrefix(t.text.prefix(12)), "\(t.text) not at \(loc)")
        }
    }
}
