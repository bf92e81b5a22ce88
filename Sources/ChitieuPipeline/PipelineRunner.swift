import ChitieuEmit
import ChitieuEvaluate
import ChitieuExtract
import ChitieuIngest
import ChitieuModel
import Foundation
import Spreadsheet
import TextMetrics

/// What a run produced.
public struct RunOutcome: Sendable {
    public var outputs: [String]
    public var issues: [DataIssue]
    /// True when an input could not be used at all; the run still wrote what it could.
    public var hadInputErrors: Bool { issues.contains { $0.severity == .error } }
}

/// Runs a pipeline: ingest → extract → evaluate → emit. Only this type knows the order.
public struct PipelineRunner {
    public let config: PipelineConfig
    public let progress: Progress
    public let catalogue: Catalogue

    public init(config: PipelineConfig, progress: Progress, catalogue: Catalogue = .standard) {
        self.config = config
        self.progress = progress
        self.catalogue = catalogue
    }

    /// The inputs of the run, read: directive texts per unit and the reported results.
    struct Inputs {
        var texts: [(unit: ReportingUnit, text: SourceText)] = []
        var results: [ActualResult] = []
        var issues: [DataIssue] = []
        var files = 0
    }

    public func run() throws(PipelineError) -> RunOutcome {
        let units = config.units.map { ReportingUnit(code: $0.code, name: $0.name) }
        let inputs = progress.stage(1, "Đọc văn bản và số liệu") { () -> (Inputs, String) in
            let i = ingest(units)
            return (i, "\(i.texts.count) văn bản, \(i.results.count) kết quả từ \(config.actuals.count) bảng")
        }
        var issues = inputs.issues
        let extractor = TargetExtractor(catalogue: catalogue)
        let documents = progress.stage(2, "Trích xuất chỉ tiêu") { () -> ([(ReportingUnit, DirectiveDocument)], String) in
            let docs = inputs.texts.map { ($0.unit, extractor.extract(text: $0.text.text, path: $0.text.path, lineMap: $0.text.lineMap)) }
            let count = docs.reduce(0) { $0 + $1.1.targets.count }
            return (docs, "\(count) chỉ tiêu từ \(docs.count) văn bản")
        }
        let evaluations = progress.stage(3, "Đánh giá kết quả") { () -> ([Evaluation], String) in
            let (rows, found) = evaluate(units: units, documents: documents, results: inputs.results)
            issues += found
            let withData = rows.filter { $0.actual != nil }.count
            return (rows, "\(rows.count) dòng, \(withData) có số liệu")
        }
        let outputs = try progress.stage(4, "Xuất báo cáo") { () throws(PipelineError) -> ([String], String) in
            let written = try emit(units: units, documents: documents.map(\.1), evaluations: evaluations, issues: issues)
            return (written, "\(written.count) tệp")
        }
        for issue in issues where issue.severity == .error { Console.error(issue.description) }
        progress.say("Đã ghi: " + outputs.joined(separator: ", "))
        return RunOutcome(outputs: outputs, issues: issues)
    }

    func ingest(_ units: [ReportingUnit]) -> Inputs {
        var inputs = Inputs()
        for (unit, declared) in zip(units, config.units) {
            for directive in declared.directives ?? [] {
                let path = config.resolve(directive)
                do {
                    inputs.texts.append((unit, try DirectiveReader.read(path: path)))
                } catch {
                    inputs.issues.append(DataIssue(.error, error.description, at: SourceLocation(file: path, line: 1)))
                }
            }
        }
        if !config.plans.isEmpty {
            inputs.issues.append(DataIssue(.error, "tệp kế hoạch (plans) chưa được hỗ trợ trong phiên bản này; các tệp \(config.plans.joined(separator: ", ")) không được đọc",
                                           at: SourceLocation(file: config.path, line: 1)))
        }
        for table in config.actuals {
            let path = config.resolve(table)
            do {
                let read = ActualsReader.results(from: try TableReader.read(path: path))
                inputs.results += read.results
                inputs.issues += read.issues
            } catch {
                inputs.issues.append(DataIssue(.error, error.description, at: SourceLocation(file: path, line: 1)))
            }
        }
        return inputs
    }

    func evaluate(units: [ReportingUnit], documents: [(ReportingUnit, DirectiveDocument)], results: [ActualResult]) -> ([Evaluation], [DataIssue]) {
        let evaluator = Evaluator(catalogue: catalogue, rules: config.rules)
        var rows: [Evaluation] = []
        var issues: [DataIssue] = []
        for result in results where !units.contains(where: { $0.isNamed(result.unit) }) {
            issues.append(DataIssue(.warning, "đơn vị \"\(result.unit)\" không có trong pipeline (có: \(units.map(\.name).joined(separator: ", "))); kết quả bị bỏ qua", at: result.location))
        }
        for unit in units {
            let targets = documents.filter { $0.0 == unit }.flatMap(\.1.targets)
            let mine = results.filter { unit.isNamed($0.unit) }
            let (evaluated, found) = evaluator.evaluate(unit: unit, targets: targets, results: mine, period: config.period) {
                IndicatorTraits.of($0, catalogue: catalogue)
            }
            rows += evaluated
            issues += found
        }
        return (rows, issues)
    }

    func emit(units: [ReportingUnit], documents: [DirectiveDocument], evaluations: [Evaluation], issues: [DataIssue]) throws(PipelineError) -> [String] {
        let outputDirectory = config.resolve(config.output)
        let inputs = config.units.flatMap { $0.directives ?? [] }.map(config.resolve) + config.actuals.map(config.resolve) + [config.path]
        let files = OutputFiles(directory: outputDirectory, inputs: inputs)
        try files.prepare()
        let measurer: HarfBuzzMeasurer
        do { measurer = try HarfBuzzMeasurer() } catch {
            throw .stage(name: "Xuất báo cáo", message: error.description)
        }
        let content = ReportContent(title: config.title, period: config.period, body: config.body, place: config.place,
                                    date: config.date, units: units, evaluations: evaluations, documents: documents, issues: issues)
        let workbook: Workbook
        do {
            workbook = try WorkbookLayout(measurer: measurer).workbook(for: content)
        } catch {
            throw .stage(name: "Xuất báo cáo", message: error.description)
        }
        let workbookName = "bao-cao-\(config.period).xlsx"
        try files.write(workbook: workbook, to: workbookName)
        try files.write(text: CSVRendering.evaluation(evaluations), to: "evaluation.csv")
        return [files.path(workbookName), files.path("evaluation.csv")]
    }
}
