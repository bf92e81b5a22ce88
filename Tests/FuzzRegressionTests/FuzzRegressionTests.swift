import ChitieuExtract
import ChitieuIngest
import ChitieuPipeline
import Foundation
import Testing
import TestSupport

/// One hostile input and what chitieu must make of it (a line of expectations.tsv).
struct FuzzCase: CustomTestStringConvertible, Sendable {
    /// "docx/zip-bomb-document.docx", under Tests/Fixtures/fuzz.
    let file: String
    /// `error`: refused, the message naming the file and holding `words`;
    /// `targets`: read, and a target with catalogue code `words` found;
    /// `warning`: read, with a warning holding `words`; `ok`: read (pipelines: loaded).
    let outcome: String
    let words: String

    var kind: String { String(file.split(separator: "/")[0]) }
    var path: String { Repository.path("Tests/Fixtures/fuzz/" + file) }
    var testDescription: String { file }

    static let all: [FuzzCase] = {
        let manifest = (try? String(contentsOfFile: Repository.path("Tests/Fixtures/fuzz/expectations.tsv"), encoding: .utf8)) ?? ""
        return manifest.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return fields.count == 3 ? FuzzCase(file: fields[0], outcome: fields[1], words: fields[2]) : nil
        }
    }()
}

/// What reading a case gave: the messages of refusals, warnings, and the catalogue codes found.
struct Reading {
    var errors: [String] = []
    var warnings: [String] = []
    var codes: [String] = []
}

@Suite("Hostile inputs found by make fuzz or named by issue 10: each gives its clear error or its result")
struct FuzzRegressionTests {
    static let extractor = TargetExtractor()

    /// Reads a case through the same entry points as the fuzz targets (Fuzz/Targets).
    static func read(_ c: FuzzCase) -> Reading {
        var reading = Reading()
        switch c.kind {
        case "text", "html", "docx":
            do {
                let source = try DirectiveReader.read(path: c.path)
                reading.warnings = source.warnings.map(\.message)
                reading.codes = extractor.extract(text: source.text, path: c.path, lineMap: source.lineMap).targets.compactMap(\.catalogueCode)
            } catch {
                reading.errors.append(error.description)
            }
        case "xlsx", "csv":
            do {
                let table = try TableReader.read(path: c.path)
                let (_, issues) = ActualsReader.results(from: table)
                reading.errors = issues.filter { $0.severity == .error }.map(\.description)
                reading.warnings = issues.filter { $0.severity == .warning }.map(\.description)
            } catch {
                reading.errors.append(error.description)
            }
        default:
            do { _ = try PipelineConfig.load(path: c.path) } catch { reading.errors.append(error.description) }
        }
        return reading
    }

    @Test("The corpus and its expectations list the same files")
    func manifestComplete() throws {
        let root = Repository.path("Tests/Fixtures/fuzz")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { $0.contains("/") && !$0.hasSuffix("/") && !FileManager.default.isDirectory(root + "/" + $0) }
        #expect(Set(files) == Set(FuzzCase.all.map(\.file)))
        #expect(FuzzCase.all.count >= 30)
    }

    @Test("Each case", arguments: FuzzCase.all)
    func each(_ c: FuzzCase) {
        let reading = Self.read(c)
        switch c.outcome {
        case "error":
            #expect(reading.errors.contains { $0.contains(c.words) }, "\(reading.errors)")
            #expect(reading.errors.allSatisfy { $0.contains(c.path) }, "every refusal names the file: \(reading.errors)")
        case "targets":
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            #expect(reading.codes.contains(c.words), "\(reading.codes)")
        case "warning":
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            #expect(reading.warnings.contains { $0.contains(c.words) }, "\(reading.warnings)")
        default:
            #expect(reading.errors.isEmpty, "\(reading.errors)")
        }
    }
}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
