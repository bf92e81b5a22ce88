import ChitieuCompare
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
    public var targets: Int
    public var results: Int
    /// True when an input could not be used at all; the run still wrote what it could.
    public var hadInputErrors: Bool { issues.contains { $0.severity == .error } }
    public var counts: (errors: Int, warnings: Int, notes: Int) {
        (issues.filter { $0.severity == .error }.count, issues.filter { $0.severity == .warning }.count, issues.filter { $0.severity == .note }.count)
    }
}

/// Runs a pipeline: ingest → extract → evaluate → compare → emit. Only this type knows the order.
public struct PipelineRunner {
    public let config: PipelineConfig
    public let progress: Progress
    public let catalogue: Catalogue

    public init(config: PipelineConfig, progress: Progress, catalogue: Catalogue = .standard) {
        self.config = config
        self.progress = progress
        self.catalogue = catalogue
    }

    var units: [ReportingUnit] { config.units.map { ReportingUnit(code: $0.code, name: $0.name) } }

    /// The inputs of the run, read: directive texts per unit, plan rows and reported results.
    struct Inputs {
        var texts: [(unit: ReportingUnit, text: SourceText)] = []
        var plans: [PlanEntry] = []
        var results: [ActualResult] = []
        var issues: [DataIssue] = []
    }

    /// Everything computed before anything is written.
    struct Computed {
        var documents: [(ReportingUnit, DirectiveDocument)] = []
        var evaluations: [Evaluation] = []
        var results: [ActualResult] = []
        var summaries: [UnitSummary] = []
        var comparison: [ComparisonRow] = []
        var statistics: [IndicatorStatistics] = []
        var halfYear: [Evaluation] = []
        var issues: [DataIssue] = []
    }

    /// Stages 1-4; `check` stops here, `run` goes on to write.
    func compute() -> Computed {
        let units = self.units
        var computed = Computed()
        let inputs = progress.stage(1, "Đọc văn bản và số liệu") { () -> (Inputs, String) in
            let i = ingest(units)
            return (i, "\(i.texts.count) văn bản, \(i.plans.count) dòng kế hoạch, \(i.results.count) kết quả")
        }
        computed.issues = inputs.issues
        let extractor = TargetExtractor(catalogue: catalogue)
        computed.documents = progress.stage(2, "Trích xuất chỉ tiêu") { () -> ([(ReportingUnit, DirectiveDocument)], String) in
            let docs = inputs.texts.map { ($0.unit, extractor.extract(text: $0.text.text, path: $0.text.path, lineMap: $0.text.lineMap)) }
            let count = docs.reduce(0) { $0 + $1.1.targets.count }
            return (docs, "\(count) chỉ tiêu từ \(docs.count) văn bản")
        }
        progress.stage(3, "Đánh giá kết quả") { () -> (Void, String) in
            evaluate(units: units, inputs: inputs, computed: &computed)
            let withData = computed.evaluations.filter { $0.actual != nil }.count
            return ((), "\(computed.evaluations.count) dòng, \(withData) có số liệu")
        }
        progress.stage(4, "So sánh và chấm điểm") { () -> (Void, String) in
            let builder = ComparisonBuilder(catalogue: catalogue)
            computed.comparison = builder.rows(units: units, evaluations: computed.evaluations, results: computed.results, period: config.period)
            computed.statistics = builder.statistics(computed.comparison)
            computed.summaries = Scorer(scheme: config.scoring, catalogue: catalogue).summaries(units: units, evaluations: computed.evaluations)
            let ranked = computed.summaries.filter { $0.rank != nil }.count
            return ((), "\(computed.comparison.count) chỉ tiêu so sánh được, \(ranked) đơn vị được xếp hạng")
        }
        return computed
    }

    public func run() throws(PipelineError) -> RunOutcome {
        let computed = compute()
        let targets = computed.evaluations.count
        guard targets > 0 || !computed.results.isEmpty else {
            report(computed.issues)
            throw .stage(name: "Đánh giá kết quả", message: "không có chỉ tiêu nào và không có kết quả nào dùng được; sửa các lỗi ở trên (đường dẫn directives, actuals, plans trong \(config.path)) rồi chạy lại")
        }
        let outputs = try progress.stage(5, "Xuất báo cáo") { () throws(PipelineError) -> ([String], String) in
            let written = try emit(computed)
            return (written, "\(written.count) tệp")
        }
        report(computed.issues)
        progress.say("Đã ghi: " + outputs.joined(separator: ", "))
        return RunOutcome(outputs: outputs, issues: computed.issues, targets: targets, results: computed.results.count)
    }

    /// Validates the pipeline and its inputs without writing anything.
    public func check() -> RunOutcome {
        let computed = compute()
        report(computed.issues)
        return RunOutcome(outputs: [], issues: computed.issues, targets: computed.evaluations.count, results: computed.results.count)
    }

    /// Writes one data-entry workbook per unit that has targets, into `directory`.
    public func templates(into directory: String?) throws(PipelineError) -> [String] {
        let computed = compute()
        report(computed.issues)
        let folder = directory ?? (config.resolve(config.output) as NSString).appendingPathComponent("mau-nhap")
        let inputs = config.units.flatMap { $0.directives ?? [] }.map(config.resolve) + (config.actuals + config.plans).map(config.resolve)
        let files = OutputFiles(directory: folder, inputs: inputs)
        try files.prepare()
        let measurer = try OutputFiles.measurer(stage: "Mẫu nhập")
        var written: [String] = []
        for unit in units {
            let targets = computed.evaluations.filter { $0.unit == unit }.map(\.target)
            guard !targets.isEmpty else {
                progress.say("\(unit.name): không có chỉ tiêu, không lập mẫu nhập")
                continue
            }
            let name = "\(unit.code)-\(config.period).xlsx"
            do {
                let workbook = try TemplateLayout(measurer: measurer).workbook(unit: unit, targets: targets, period: config.period, title: config.title)
                try files.write(workbook: workbook, to: name)
            } catch let error as PipelineError {
                throw error
            } catch {
                throw .stage(name: "Mẫu nhập", message: "\(error)")
            }
            written.append(files.path(name))
        }
        progress.say("Đã ghi: " + written.joined(separator: ", "))
        return written
    }

    /// Errors and warnings on stderr, one per line; notes counted.
    func report(_ issues: [DataIssue]) {
        for issue in issues where issue.severity != .note { Console.error(issue.description) }
        let notes = issues.filter { $0.severity == .note }.count
        if notes > 0 { progress.say("\(notes) ghi chú về dữ liệu (xem issues.csv hoặc trang Kiểm tra dữ liệu)") }
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
        inputs.plans = readTables(config.plans, into: &inputs.issues) { PlanReader.entries(from: $0) }
        inputs.results = readTables(config.actuals, into: &inputs.issues) { ActualsReader.results(from: $0) }
        return inputs
    }

    /// Reads every table of a list; a file that cannot be read becomes an error and the others go on.
    func readTables<Row>(_ paths: [String], into issues: inout [DataIssue], _ rows: (Table) -> ([Row], [DataIssue])) -> [Row] {
        var all: [Row] = []
        for table in paths {
            let path = config.resolve(table)
            do {
                let (read, found) = rows(try TableReader.read(path: path))
                all += read
                issues += found
            } catch {
                issues.append(DataIssue(.error, error.description, at: SourceLocation(file: path, line: 1)))
            }
        }
        return all
    }

    func evaluate(units: [ReportingUnit], inputs: Inputs, computed: inout Computed) {
        for plan in inputs.plans where !units.contains(where: { $0.isNamed(plan.unit) }) {
            computed.issues.append(DataIssue(.warning, "đơn vị \"\(plan.unit)\" của dòng kế hoạch không có trong pipeline; dòng không được dùng", at: plan.location))
        }
        var targets: [ReportingUnit: [Target]] = [:]
        for unit in units {
            let extracted = computed.documents.filter { $0.0 == unit }.flatMap(\.1.targets)
            let plans = inputs.plans.filter { unit.isNamed($0.unit) }
            targets[unit] = PlanMerger.merge(extracted: extracted, plans: plans, catalogue: catalogue).filter { t in
                // A target for another year, or for six months when the report is annual, is not this report's.
                guard let p = t.period else { return true }
                return p.year == config.period.year && (p.span == .year || config.period.isFirstHalf)
            }
        }
        let (usable, found) = ResultChecks.check(inputs.results, units: units, targets: targets, period: config.period, catalogue: catalogue)
        computed.issues += found
        computed.results = usable
        let evaluator = Evaluator(catalogue: catalogue, rules: config.rules)
        let half = ReportingPeriod(year: config.period.year, span: .firstHalf)
        for unit in units {
            let mine = usable.filter { unit.isNamed($0.unit) }
            let (rows, issues) = evaluator.evaluate(unit: unit, targets: targets[unit] ?? [], results: mine, period: config.period) {
                IndicatorTraits.of($0, catalogue: catalogue)
            }
            computed.evaluations += rows
            computed.issues += issues
            // An annual report also shows the six-month progress where it was reported.
            if !config.period.isFirstHalf, mine.contains(where: { $0.period == half }) {
                computed.halfYear += evaluator.evaluate(unit: unit, targets: targets[unit] ?? [], results: mine, period: half) {
                    IndicatorTraits.of($0, catalogue: catalogue)
                }.evaluations.filter { $0.actual != nil }
            }
        }
        computed.issues += ResultChecks.missingResults(computed.evaluations)
    }

    func emit(_ computed: Computed) throws(PipelineError) -> [String] {
        let outputDirectory = config.resolve(config.output)
        let inputs = config.units.flatMap { $0.directives ?? [] }.map(config.resolve) + (config.actuals + config.plans).map(config.resolve) + [config.path]
        let files = OutputFiles(directory: outputDirectory, inputs: inputs)
        try files.prepare()
        let measurer = try OutputFiles.measurer(stage: "Xuất báo cáo")
        let units = self.units
        var byUnit: [ReportingUnit: [DirectiveDocument]] = [:]
        for (unit, document) in computed.documents { byUnit[unit, default: []].append(document) }
        var content = ReportContent(title: config.title, period: config.period, body: config.body, place: config.place,
                                    date: config.date, units: units, evaluations: computed.evaluations,
                                    unitDocuments: byUnit, issues: computed.issues,
                                    summaries: computed.summaries, comparison: computed.comparison, statistics: computed.statistics)
        content.halfYear = computed.halfYear
        content.baseDirectory = URL(fileURLWithPath: config.path).standardizedFileURL.deletingLastPathComponent().path
        content.inputs = computed.documents.map { InputFile(role: "Văn bản", path: $0.1.path, sha256: SHA256.hex(ofFile: $0.1.path), unit: $0.0, metadata: $0.1.metadata) }
            + config.plans.map(config.resolve).map { InputFile(role: "Kế hoạch", path: $0, sha256: SHA256.hex(ofFile: $0)) }
            + config.actuals.map(config.resolve).map { InputFile(role: "Kết quả", path: $0, sha256: SHA256.hex(ofFile: $0)) }
        let workbook: Workbook
        do {
            workbook = try WorkbookLayout(measurer: measurer).workbook(for: content, created: content.creationTimestamp)
        } catch {
            throw .stage(name: "Xuất báo cáo", message: error.description)
        }
        let workbookName = "bao-cao-\(config.period).xlsx"
        let tables: [(String, String)] = [
            ("evaluation.csv", CSVRendering.evaluation(computed.evaluations)),
            ("comparison.csv", CSVRendering.comparison(computed.comparison, units: units)),
            ("summary.csv", CSVRendering.summary(computed.summaries)),
            ("scoring.csv", CSVRendering.scoring(computed.summaries)),
            ("statistics.csv", CSVRendering.statistics(computed.statistics)),
            ("movements.csv", CSVRendering.movements(units.map { ($0, byUnit[$0] ?? []) })),
            ("issues.csv", CSVRendering.issues(computed.issues)),
        ]
        try files.write(workbook: workbook, to: workbookName)
        for (name, text) in tables { try files.write(text: text, to: name) }
        return [files.path(workbookName)] + tables.map { files.path($0.0) }
    }
}
