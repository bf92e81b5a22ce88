import ChitieuCompare
import ChitieuEmit
import ChitieuEvaluate
import ChitieuExtract
import ChitieuHistory
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
    /// True when an input could not be read at all.
    public var hadUnreadableInputs: Bool { issues.contains { $0.unreadableInput } }
    /// True when anything is an error: an unreadable input or a figure that needs a check.
    public var hadErrors: Bool { issues.contains { $0.severity == .error } }
    public var counts: (errors: Int, warnings: Int, notes: Int) {
        (issues.filter { $0.severity == .error }.count, issues.filter { $0.severity == .warning }.count, issues.filter { $0.severity == .note }.count)
    }
}

/// Runs a pipeline: ingest → extract → evaluate → compare → emit. Only this type knows the order.
public struct PipelineRunner {
    public let config: PipelineConfig
    public let progress: Progress
    public let catalogue: Catalogue
    public let options: Options

    /// How strictly a run treats its inputs.
    public struct Options: Sendable {
        /// Write the report even when inputs could not be read, marked as a draft, without ranks.
        public var draft = false
        /// Rows set aside (warnings) stop the report as unreadable files do.
        public var strict = false

        public init(draft: Bool = false, strict: Bool = false) {
            self.draft = draft
            self.strict = strict
        }
    }

    public init(config: PipelineConfig, progress: Progress, catalogue: Catalogue = .standard, options: Options = Options()) {
        self.config = config
        self.progress = progress
        self.catalogue = catalogue
        self.options = options
    }

    /// What stops a report: unreadable inputs, and with --strict every error and warning.
    func blocking(_ issues: [DataIssue]) -> [DataIssue] {
        issues.filter { $0.unreadableInput || (options.strict && $0.severity != .note) }
    }

    var units: [ReportingUnit] { config.units.map { ReportingUnit(code: $0.code, name: $0.name) } }

    /// Stage 1's output: directive texts per unit, plan rows and reported results, as read.
    struct Inputs {
        var texts: [(unit: Int, text: SourceText)] = []
        var plans: [PlanEntry] = []
        var results: [ActualResult] = []
        /// Points of emulation clusters, checked against their tables.
        var points: [PointEntry] = []
        var issues: [DataIssue] = []
        /// SHA-256 of every input read, by path: computed from the bytes read, in ingest.
        var digests: [String: String] = [:]
    }

    /// Stage 2's output: the inputs and each text's targets.
    struct Extracted {
        var inputs: Inputs
        var documents: [(unit: Int, document: DirectiveDocument)]
    }

    /// Stage 3's output: every target judged. Everything is grouped by the position of the unit
    /// in `directory.units`, resolved once.
    struct Evaluated {
        var directory: UnitDirectory
        var documents: [(unit: Int, document: DirectiveDocument)]
        var evaluations: [Evaluation] = []
        var results: [[ActualResult]] = []
        var issues: [DataIssue] = []
        var digests: [String: String] = [:]
        var points: [PointEntry] = []
    }

    /// Stage 4's output: everything computed before anything is written.
    struct Computed {
        var evaluated: Evaluated
        var summaries: [UnitSummary] = []
        var comparison: [ComparisonRow] = []
        var statistics: [IndicatorStatistics] = []

        /// The usable results counted before they were let go (emit needs only the evaluations).
        var resultCount = 0
        /// Each cluster member's score in its cluster.
        var clusterScores: [ClusterScore] = []

        var units: [ReportingUnit] { evaluated.directory.units }
        var evaluations: [Evaluation] { evaluated.evaluations }
        var issues: [DataIssue] { evaluated.issues }
    }

    // MARK: The stages, in order

    var ingestStage: Stage<Void, Inputs> {
        Stage("Đọc văn bản và số liệu") { () throws(PipelineError) -> (Inputs, String) in
            let i = ingest()
            return (i, "\(i.texts.count) văn bản, \(i.plans.count) dòng kế hoạch, \(i.results.count) kết quả")
        }
    }

    var extractStage: Stage<Inputs, Extracted> {
        let extractor = TargetExtractor(catalogue: catalogue)
        return Stage("Trích xuất chỉ tiêu") { (inputs: Inputs) throws(PipelineError) -> (Extracted, String) in
            // Texts are independent: extracted on every core, kept in their order.
            let texts = inputs.texts
            let extracted = ConcurrentParts<DirectiveDocument>.map(texts.count) { i in
                extractor.extract(text: texts[i].text.text, path: texts[i].text.path, lineMap: texts[i].text.lineMap)
            }
            let documents = zip(texts, extracted).map { (unit: $0.unit, document: $1) }
            let count = documents.reduce(0) { $0 + $1.document.targets.count }
            var inputs = inputs
            inputs.issues += unitsWithoutTargets(documents, plans: inputs.plans)
            return (Extracted(inputs: inputs, documents: documents), "\(count) chỉ tiêu từ \(documents.count) văn bản")
        }
    }

    /// A unit whose texts set no quantitative target and which has no plan row is judged on
    /// nothing: said once, so that its empty row in the report is not taken for a fault.
    func unitsWithoutTargets(_ documents: [(unit: Int, document: DirectiveDocument)], plans: [PlanEntry]) -> [DataIssue] {
        var targets = [Int](repeating: 0, count: config.units.count)
        var qualitative = [Int](repeating: 0, count: config.units.count)
        var first = [Int: String]()
        for (unit, document) in documents {
            targets[unit] += document.targets.count
            qualitative[unit] += document.qualitative.count
            if first[unit] == nil { first[unit] = document.path }
        }
        let planned = Set(plans.map(\.fields.unit))
        return config.units.indices.compactMap { i -> DataIssue? in
            let unit = config.units[i]
            guard let path = first[i], targets[i] == 0, !planned.contains(unit.code), !planned.contains(unit.name) else { return nil }
            let tasks = qualitative[i] > 0 ? " (có \(qualitative[i]) nhiệm vụ định tính)" : ""
            return DataIssue(.note, "\(unit.name): văn bản không đặt chỉ tiêu định lượng nào\(tasks); đơn vị không được đánh giá theo chỉ tiêu, "
                             + "kết quả chỉ dùng để so sánh. Nếu đơn vị có chỉ tiêu được giao, thêm tệp kế hoạch (plans) vào pipeline",
                             at: SourceLocation(file: path, line: 1))
        }
    }

    var evaluateStage: Stage<Extracted, Evaluated> {
        Stage("Đánh giá kết quả") { (extracted: Extracted) throws(PipelineError) -> (Evaluated, String) in
            let evaluated = evaluate(extracted)
            let withData = evaluated.evaluations.reduce(0) { $0 + ($1.actual == nil ? 0 : 1) }
            return (evaluated, "\(evaluated.evaluations.count) dòng, \(withData) có số liệu")
        }
    }

    var compareStage: Stage<Evaluated, Computed> {
        Stage("So sánh và chấm điểm") { (evaluated: Evaluated) throws(PipelineError) -> (Computed, String) in
            let units = evaluated.directory.units
            let builder = ComparisonBuilder(catalogue: catalogue)
            var computed = Computed(evaluated: evaluated)
            // Scores and comparison read the same evaluations and nothing else: one on each core.
            let scorer = Scorer(scheme: config.scoring, catalogue: catalogue)
            let scores = BackgroundWork { () throws(PipelineError) -> [UnitSummary] in scorer.summaries(units: units, evaluations: evaluated.evaluations) }
            computed.comparison = builder.rows(units: units, evaluations: evaluated.evaluations, results: evaluated.results, period: config.period)
            computed.statistics = builder.statistics(computed.comparison)
            computed.summaries = (try? scores.wait()) ?? scorer.summaries(units: units, evaluations: evaluated.evaluations)
            // The results live on in the evaluations that use them; the lists are no longer needed.
            computed.resultCount = evaluated.results.reduce(0) { $0 + $1.count }
            if !config.clusters.isEmpty {
                let byUnit = Dictionary(grouping: evaluated.evaluations, by: { $0.unit.code })
                let clusterScorer = ClusterScorer(scheme: config.scoring, awards: config.awards, tieBreaks: config.tieBreaks)
                computed.clusterScores = config.clusters.flatMap { clusterScorer.score($0, evaluations: byUnit, points: evaluated.points) }
            }
            let ranked = computed.summaries.reduce(0) { $0 + ($1.rank == nil ? 0 : 1) }
            return (computed, "\(computed.comparison.count) chỉ tiêu so sánh được, \(ranked) đơn vị được xếp hạng")
        }
    }

    var emitStage: Stage<Computed, [String]> {
        Stage("Xuất báo cáo") { (computed: Computed) throws(PipelineError) -> ([String], String) in
            guard !computed.evaluations.isEmpty || computed.resultCount > 0 else {
                throw .stage(name: "Xuất báo cáo", file: config.path, message: "không có chỉ tiêu nào và không có kết quả nào dùng được; sửa các lỗi ở trên (đường dẫn directives, actuals, plans trong pipeline) rồi chạy lại")
            }
            // Every input read, or no report: a ranking built on a file that could not be read
            // decides nothing. A draft says so on every sheet and ranks nobody.
            let blocked = blocking(computed.issues)
            if !blocked.isEmpty && !options.draft { throw .inputsUnread(issues: blocked) }
            let written = try emit(options.draft ? Self.draft(computed, missing: blocked) : computed, draft: options.draft ? blocked : nil)
            return (written, "\(written.count) tệp")
        }
    }

    /// Stages 1-4; `check` and `template` stop here, `run` goes on to write.
    var computeChain: StageChain<Void, Computed> {
        StageChain(ingestStage).then(extractStage).then(evaluateStage).then(compareStage)
    }

    /// The whole run: ingest → extract → evaluate → compare → emit.
    var runChain: StageChain<Void, (Computed, [String])> {
        let keep = Stage<Computed, (Computed, [String])>(emitStage.name) { (computed: Computed) throws(PipelineError) -> ((Computed, [String]), String) in
            let (written, summary) = try emitStage.body(computed)
            return ((computed, written), summary)
        }
        return computeChain.then(keep)
    }

    func compute() throws(PipelineError) -> Computed {
        try computeChain.run((), progress: progress)
    }

    public func run() throws(PipelineError) -> RunOutcome {
        let (computed, outputs) = try runChain.run((), progress: progress)
        report(computed.issues)
        progress.say("Đã ghi: " + outputs.joined(separator: ", "))
        return RunOutcome(outputs: outputs, issues: computed.issues, targets: computed.evaluations.count, results: computed.resultCount)
    }

    /// Validates the pipeline and its inputs without writing anything.
    public func check() throws(PipelineError) -> RunOutcome {
        let computed = try compute()
        report(computed.issues)
        return RunOutcome(outputs: [], issues: computed.issues, targets: computed.evaluations.count, results: computed.resultCount)
    }

    /// Writes one data-entry workbook per unit that has targets, into `directory`.
    public func templates(into directory: String?) throws(PipelineError) -> [String] {
        let computed = try compute()
        report(computed.issues)
        let folder = directory ?? (config.resolve(config.output) as NSString).appendingPathComponent("mau-nhap")
        let files = OutputFiles(directory: folder, inputs: inputPaths)
        try files.prepare()
        let measurer = try OutputFiles.measurer(stage: "Mẫu nhập")
        let byUnit = Dictionary(grouping: computed.evaluations, by: \.unit)
        var written: [String] = []
        func write(_ name: String, _ make: () throws -> Workbook) throws(PipelineError) {
            do {
                try files.write(workbook: try make(), to: name)
            } catch let error as PipelineError {
                throw error.inStage("Mẫu nhập")
            } catch {
                throw .stage(name: "Mẫu nhập", file: files.shownPath(name), message: "\(error)")
            }
            written.append(files.shownPath(name))
        }
        let layout = TemplateLayout(measurer: measurer)
        for unit in computed.units {
            let targets = (byUnit[unit] ?? []).map(\.target)
            guard !targets.isEmpty else {
                progress.say("\(unit.name): không có chỉ tiêu, không lập mẫu nhập")
                continue
            }
            // A unit code is the file's name: no folder separators, no "..", nothing outside the folder.
            try write("\(OutputFiles.safeFileName(unit.code))-\(config.period).xlsx") {
                try layout.workbook(unit: unit, targets: targets, period: config.period, title: config.title)
            }
        }
        // One points form per cluster, for the criteria scored by hand.
        for cluster in config.clusters {
            try write("cham-diem-\(OutputFiles.safeFileName(cluster.code))-\(config.period).xlsx") {
                try layout.pointsForm(cluster: cluster, units: computed.units, period: config.period, title: config.title)
            }
        }
        progress.say("Đã ghi: " + written.joined(separator: ", "))
        return written
    }

    /// Every input of the run, so that no output is ever written over one.
    var inputPaths: [String] {
        config.units.flatMap { $0.directives ?? [] }.map(config.resolve) + (config.actuals + config.plans + config.points).map(config.resolve) + [config.path]
    }

    /// Lines of errors and warnings a terminal shows; the rest are counted (all are in issues.csv).
    static let issuesShown = 200

    /// Errors and warnings on stderr, one per line (errors first); the counts on the closing line.
    func report(_ issues: [DataIssue]) {
        let shown = issues.filter { $0.severity == .error } + issues.filter { $0.severity == .warning }
        for issue in shown.prefix(Self.issuesShown) { Console.error(issue.description) }
        if shown.count > Self.issuesShown {
            Console.error("… và \(shown.count - Self.issuesShown) lỗi, cảnh báo khác: xem đầy đủ trong issues.csv")
        }
        let errors = issues.filter { $0.severity == .error }.count, warnings = issues.filter { $0.severity == .warning }.count
        let notes = issues.count - errors - warnings
        progress.say("Tổng cộng: \(errors) lỗi, \(warnings) cảnh báo, \(notes) ghi chú (xem issues.csv hoặc trang Kiểm tra dữ liệu)")
    }

    func ingest() -> Inputs {
        var inputs = Inputs()
        for (position, declared) in config.units.enumerated() {
            for directive in declared.directives ?? [] {
                let path = config.resolve(directive)
                do {
                    let text = try DirectiveReader.read(path: path)
                    inputs.digests[path] = text.sha256
                    inputs.issues += text.warnings.map { DataIssue(.warning, $0.message, at: SourceLocation(file: path, line: $0.line)) }
                    inputs.texts.append((position, text))
                } catch {
                    inputs.issues.append(DataIssue.unreadable(error.description, file: path))
                }
            }
        }
        // Plans and results are read at the same time, large CSV files in two parts: the parts
        // are spread over the cores.
        let catalogue = self.catalogue
        let planFiles = config.plans.map(config.resolve), resultFiles = config.actuals.map(config.resolve)
        var parts: [(isPlan: Bool, file: Int, table: Table)] = []
        let files = planFiles + resultFiles
        var openIssues: [[DataIssue]] = Array(repeating: [], count: files.count)
        // Each file's size and time before it is read: checked after, so that its digest
        // (computed beside the parsing) belongs to the bytes parsed.
        let stamps = files.map(FileStamp.of)
        for (file, path) in files.enumerated() {
            do {
                let table = try TableReader.read(path: path)
                if let encoding = table.encoding {
                    let how = encoding == .windows1258 ? " (CSV của Excel trên Windows tiếng Việt; dấu thanh đã chuẩn hoá về NFC)"
                            : encoding == .utf8 ? "" : " (\"Unicode Text\" của Excel)"
                    openIssues[file].append(DataIssue(.note, "đọc theo bảng mã \(encoding.rawValue)\(how), phân cách cột bằng \(table.separatorName)",
                                                      at: SourceLocation(file: path, line: 1)))
                }
                for part in try table.parts(2) { parts.append((file < planFiles.count, file, part)) }
            } catch {
                openIssues[file].append(DataIssue.unreadable(error.description, file: path))
            }
        }
        let tables = parts
        // The parts, and each file's digest, spread over the cores.
        let read = ConcurrentParts<(plans: [PlanEntry], results: [ActualResult], issues: [DataIssue], digest: String?)>
            .map(tables.count + files.count) { i in
                guard i < tables.count else { return ([], [], [], FileDigest.sha256(ofFile: files[i - tables.count])) }
                let part = tables[i]
                if part.isPlan {
                    let (entries, issues) = PlanReader.entries(from: part.table, catalogue: catalogue)
                    return (entries, [], issues, nil)
                }
                let (results, issues) = ActualsReader.results(from: part.table)
                return ([], results, issues, nil)
            }
        for (file, path) in files.enumerated() {
            inputs.digests[path] = read[tables.count + file].digest
            if openIssues[file].isEmpty, FileStamp.of(path) != stamps[file] {
                openIssues[file].append(DataIssue.unreadable("tệp đã thay đổi trong khi đọc; chạy lại khi không còn ai ghi vào tệp", file: path))
            }
        }
        // File by file, in order; a file with a part that could not be read gives no rows at all.
        var plansIssues: [DataIssue] = [], resultIssues: [DataIssue] = []
        for file in openIssues.indices {
            let mine = parts.indices.filter { parts[$0].file == file }
            let issues = openIssues[file] + mine.flatMap { read[$0].issues }
            let failed = issues.contains { $0.severity == .error }
            if file < planFiles.count {
                if !failed { inputs.plans += mine.flatMap { read[$0].plans } }
                plansIssues += issues
            } else {
                if !failed { inputs.results += mine.flatMap { read[$0].results } }
                resultIssues += issues
            }
        }
        inputs.issues += plansIssues + resultIssues
        readPoints(into: &inputs)
        return inputs
    }

    /// The points files: each row checked against its unit's cluster table. A unit in no
    /// cluster, a criterion not in its table, points above the maximum or below zero are errors
    /// naming the file and row, never clipped.
    func readPoints(into inputs: inout Inputs) {
        guard !config.clusters.isEmpty else { return }
        var clusterOf: [String: Cluster] = [:]
        for c in config.clusters { for m in c.members { clusterOf[m] = c } }
        for path in config.points.map(config.resolve) {
            let table: Table
            do { table = try TableReader.read(path: path) } catch {
                inputs.issues.append(DataIssue.unreadable(error.description, file: path))
                continue
            }
            inputs.digests[path] = FileDigest.sha256(ofFile: path)
            let (entries, issues) = PointsReader.entries(from: table)
            inputs.issues += issues
            for e in entries {
                let at = e.source
                let row = at.map { "dòng \($0.line): " } ?? ""
                guard let cluster = clusterOf[e.unit] else {
                    inputs.issues.append(DataIssue(.error, row + "đơn vị \"\(e.unit)\" không thuộc cụm nào trong clusters", at: at))
                    continue
                }
                guard let criterion = cluster.table.criteria.first(where: { $0.code == e.criterion }) else {
                    let codes = cluster.table.criteria.map(\.code).joined(separator: ", ")
                    inputs.issues.append(DataIssue(.error, row + "tiêu chí \"\(e.criterion)\" không có trong bảng chấm điểm của cụm \(cluster.code) (có: \(codes))", at: at))
                    continue
                }
                switch criterion.kind {
                case .target:
                    inputs.issues.append(DataIssue(.error, row + "tiêu chí \(e.criterion) được chấm từ kết quả chỉ tiêu, không nhập điểm tay", at: at))
                    continue
                case .judged:
                    if e.points < 0 || e.points > (criterion.maxPoints ?? 0) {
                        inputs.issues.append(DataIssue(.error, row + "\(e.unit), tiêu chí \(e.criterion): \(VietnameseNumber.formatCompact(e.points)) điểm nằm ngoài 0 đến \(VietnameseNumber.formatCompact(criterion.maxPoints ?? 0)); sửa tệp điểm, dòng này không được tính", at: at))
                        continue
                    }
                case .bonus, .penalty:
                    if e.points < 0 {
                        inputs.issues.append(DataIssue(.error, row + "\(e.unit), tiêu chí \(e.criterion): điểm thưởng và điểm trừ ghi số dương (\(VietnameseNumber.formatCompact(e.points))); dòng này không được tính", at: at))
                        continue
                    }
                }
                inputs.points.append(e)
            }
        }
    }


    func evaluate(_ extracted: Extracted) -> Evaluated {
        let directory = UnitDirectory(units)
        let units = directory.units
        var evaluated = Evaluated(directory: directory, documents: extracted.documents)
        // Issues gathered as found, the same problem of a file once (a million bad rows are not
        // a million issues).
        var issues = IssueMerger()
        issues.append(contentsOf: extracted.inputs.issues)
        evaluated.digests = extracted.inputs.digests
        evaluated.points = extracted.inputs.points
        // Plans and extracted targets grouped by unit, each plan row's unit resolved once.
        var resolver = UnitResolver(directory)
        // Positions in the plan list, not copies: a national plan has 400,000 rows.
        let allPlans = extracted.inputs.plans
        var plans: [[Int]] = Array(repeating: [], count: units.count)
        for (i, plan) in allPlans.enumerated() {
            guard let position = resolver.position(of: plan.unit) else {
                issues.append(DataIssue(.warning, "đơn vị \"\(plan.unit)\" của dòng kế hoạch không có trong pipeline\(ResultChecks.orStop(resolver.didYouMean(plan.unit))) Dòng không được dùng", at: plan.location))
                continue
            }
            plans[position].append(i)
        }
        var extractedTargets: [[Target]] = Array(repeating: [], count: units.count)
        for (unit, document) in extracted.documents { extractedTargets[unit] += document.targets }
        let period = config.period
        let catalogue = self.catalogue
        let targets: [[Target]] = ConcurrentParts<[[Target]]>.inHalves(units.count) { [extractedTargets, plans] range in
            range.map { u in
                PlanMerger.merge(extracted: extractedTargets[u], plans: plans[u].map { allPlans[$0] }, catalogue: catalogue).filter { t in
                    // A target for another year, or for six months when the report is annual, is not this report's.
                    guard let p = t.period else { return true }
                    return p.year == period.year && (p.span == .year || period.isFirstHalf)
                }
            }
        }.flatMap { $0 }
        let (usable, found) = ResultChecks.check(extracted.inputs.results, directory: directory, targets: targets, period: config.period, catalogue: catalogue)
        issues.append(contentsOf: found)
        evaluated.results = usable
        let evaluator = Evaluator(catalogue: catalogue, rules: config.rules)
        let half = ReportingPeriod(year: config.period.year, span: .firstHalf)
        let traits: @Sendable (Target) -> IndicatorTraits = { IndicatorTraits.of($0, catalogue: catalogue) }
        // Units are judged independently, two halves on two cores. The Evaluator gives one row
        // per target, so each unit's rows have a known place in the one final array and are
        // written there directly (no parts joined: a national run has 400,000 rows).
        var offsets = [0]
        for list in targets { offsets.append(offsets[offsets.count - 1] + list.count) }
        var foundIssues: [[DataIssue]] = []
        evaluated.evaluations = Array(unsafeUninitializedCapacity: offsets[units.count]) { buffer, initialized in
            let rows = SharedRows(buffer)
            foundIssues = ConcurrentParts<[DataIssue]>.inHalves(units.count) { [offsets] range in
                var issues: [DataIssue] = []
                for u in range {
                    let mine = usable[u]
                    var (unitRows, found) = evaluator.evaluate(unit: units[u], targets: targets[u], results: mine, period: period, traits: traits)
                    // An annual report also shows the six-month progress where it was reported:
                    // the same targets in the same order, so each half-year row joins its annual row.
                    if !period.isFirstHalf, mine.contains(where: { $0.fields.period == half }) {
                        let sixMonths = evaluator.evaluate(unit: units[u], targets: targets[u], results: mine, period: half, traits: traits).evaluations
                        for (i, h) in sixMonths.enumerated() { unitRows[i].sixMonths = Evaluation.SixMonths(h) }
                    }
                    precondition(unitRows.count == offsets[u + 1] - offsets[u], "one evaluation per target")
                    rows.initialize(at: offsets[u], from: unitRows)
                    issues += found
                }
                return issues
            }
            initialized = offsets[units.count]
        }
        for part in foundIssues { issues.append(contentsOf: part) }
        ResultChecks.missingResults(evaluated.evaluations, into: &issues)
        evaluated.issues = issues.issues
        return evaluated
    }

    /// The results of a draft: no unit and no figure ranked.
    static func draft(_ computed: Computed, missing: [DataIssue]) -> Computed {
        var draft = computed
        for i in draft.summaries.indices {
            draft.summaries[i].rank = nil
            draft.summaries[i].tieBreak = nil
        }
        for r in draft.comparison.indices {
            for c in draft.comparison[r].cells.indices {
                draft.comparison[r].cells[c].rankByCompletion = nil
                draft.comparison[r].cells[c].rankByResult = nil
            }
        }
        return draft
    }

    func emit(_ computed: Computed, draft: [DataIssue]? = nil) throws(PipelineError) -> [String] {
        let units = computed.units
        var byUnit: [ReportingUnit: [DirectiveDocument]] = [:]
        for (unit, document) in computed.evaluated.documents { byUnit[units[unit], default: []].append(document) }
        var content = ReportContent(title: config.title, period: config.period, body: config.body, place: config.place,
                                    date: config.date, units: units, evaluations: computed.evaluations,
                                    unitDocuments: byUnit, issues: computed.issues,
                                    summaries: computed.summaries, comparison: computed.comparison, statistics: computed.statistics)
        for (unit, declared) in zip(units, config.units) { content.groups[unit] = declared.group }
        content.clusters = config.clusters
        content.clusterScores = computed.clusterScores
        if let draft {
            content.title = ReportContent.draftMark + " - " + content.title
            content.draftReasons = draft.map(\.description)
        }
        content.baseDirectory = URL(fileURLWithPath: config.path).standardizedFileURL.deletingLastPathComponent().path
        // Digests of the bytes read in ingest: never the files read again now.
        let digests = computed.evaluated.digests
        content.inputs = computed.evaluated.documents.map { InputFile(role: "Văn bản", path: $0.document.path, sha256: digests[$0.document.path], unit: units[$0.unit], metadata: $0.document.metadata) }
            + config.plans.map(config.resolve).map { InputFile(role: "Kế hoạch", path: $0, sha256: digests[$0]) }
            + config.actuals.map(config.resolve).map { InputFile(role: "Kết quả", path: $0, sha256: digests[$0]) }
        // The history store is opened before anything is written: a locked or damaged store stops
        // the run with no report half made.
        let store: HistoryStore
        do { store = try HistoryStore(path: config.store) } catch {
            throw .stage(name: "Xuất báo cáo", file: config.store, message: error.message)
        }
        let past: [PastFigure]
        do { past = try store.figures(period: config.period.yearBefore) } catch {
            throw .stage(name: "Xuất báo cáo", file: config.store, message: error.message)
        }
        let official = config.officialUnits
        let lastYear = SamePeriodLastYear(period: config.period, past: past, catalogue: catalogue, restateWeights: config.restateWeights)
            .planned(units: units) { official[$0.code] }
        content.lastYear = lastYearLines(computed, past: past, planned: lastYear)
        if !past.isEmpty { content.lastYearOf = { lastYear.lastYear($0) } }
        if scaleAllowsTrend(units.count), !content.lastYear.isEmpty {
            (content.trendPeriods, content.trend) = try trend(content.lastYear, store: store, official: official)
        }
        var tables: [(String, @Sendable () -> CSVTable)] = [
            ("evaluation.csv", { CSVRendering.evaluation(computed.evaluations, lastYear: { lastYear.lastYear($0) }) }),
            ("comparison.csv", { CSVRendering.comparison(computed.comparison, units: units, lastYear: { row, cell in
                lastYear.lastYear(unit: cell.unit, indicator: row.code, value: cell.result, measure: row.measure)
            }) }),
            ("summary.csv", { [config] in
                CSVRendering.summary(computed.summaries, clusters: config.clusters.isEmpty ? nil : Dictionary(computed.clusterScores.map { ($0.unit, $0) }) { a, _ in a })
            }),
            ("scoring.csv", { [config] in CSVRendering.scoring(computed.summaries, clusters: config.clusters.isEmpty ? nil : config.clusters, scores: computed.clusterScores) }),
            ("statistics.csv", { CSVRendering.statistics(computed.statistics) }),
            ("movements.csv", { [byUnit] in CSVRendering.movements(units.map { ($0, byUnit[$0] ?? []) }) }),
            ("issues.csv", { [content] in CSVRendering.issues(content.issuesBySeverity) }),
        ]
        if !config.clusters.isEmpty {
            let names = Dictionary(units.map { ($0.code, $0.name) }) { a, _ in a }
            tables.append(("proposals.csv", { CSVRendering.proposals(computed.clusterScores, names: names) }))
        }
        let tableList = tables
        let workbookName = "bao-cao-\(config.period).xlsx"
        let names = [workbookName] + tableList.map(\.0)
        // One set: written into a staging folder, swapped in when every file is whole.
        let set = try OutputSet(folder: config.resolve(config.output), inputs: inputPaths, names: names)
        let files = set.files
        let measurer = try OutputFiles.measurer(stage: "Xuất báo cáo")
        let workbook: Workbook
        do {
            workbook = try progress.part("bố cục sổ tính") { () throws(SheetNameError) -> Workbook in
                try WorkbookLayout(measurer: measurer).workbook(for: content, created: content.creationTimestamp)
            }
        } catch {
            throw .stage(name: "Xuất báo cáo", message: error.description)
        }
        // The CSV files and the run's rows in the history store are made on a second thread while
        // the workbook is written: they share nothing but the computed results, which none changes.
        let config = self.config
        // A draft (inputs left unread) is not remembered: a later comparison would rest on it.
        let remembers = draft == nil
        let csv = BackgroundWork { () throws(PipelineError) in
            for (name, table) in tableList { try files.write(csv: table(), to: name) }
            if remembers { try PipelineRunner.remember(computed, in: store, config: config) }
        }
        try progress.part("ghi \(workbookName)") { () throws(PipelineError) in try files.write(workbook: workbook, to: workbookName) }
        try progress.part("ghi \(tableList.count) tệp CSV và kho lịch sử (song song)") { () throws(PipelineError) in _ = try csv.wait() }
        // The run is remembered before its report is put in place: if the store cannot take it,
        // the staged report is dropped with it.
        try set.commit(names: names)
        return names.map(files.shownPath)
    }


    /// "Diễn biến" is for a run small enough to read one line per unit and indicator.
    func scaleAllowsTrend(_ units: Int) -> Bool { units <= 100 }

    /// Each unit's figures over the last five years: this period's from the run, the year before
    /// as "Cùng kỳ" found it, earlier ones from the store, old units put together for the years
    /// before the merger.
    func trend(_ current: [LastYearLine], store: HistoryStore, official: [String: OfficialUnit]) throws(PipelineError) -> ([ReportingPeriod], [TrendLine]) {
        let units = Array(Set(current.map(\.unit)))
        var periods: [ReportingPeriod] = []
        var answers: [ReportingPeriod: SamePeriodLastYear.Planned] = [:]
        for year in (config.period.year - 4)..<(config.period.year - 1) {
            let period = ReportingPeriod(year: year, span: config.period.span)
            let figures: [PastFigure]
            do { figures = try store.figures(period: period) } catch {
                throw .stage(name: "Xuất báo cáo", file: config.store, message: error.message)
            }
            guard !figures.isEmpty else { continue }
            // The answer for `year` is the "last year" of the year after it.
            let next = ReportingPeriod(year: year + 1, span: config.period.span)
            answers[period] = SamePeriodLastYear(period: next, past: figures, catalogue: catalogue, restateWeights: config.restateWeights)
                .planned(units: units) { official[$0.code] }
            periods.append(period)
        }
        func inUnit(_ past: LastYear, _ line: LastYearLine) -> Double? {
            guard let value = past.value, let measure = past.measure else { return nil }
            return measure.convert(value, to: line.measure) ?? nil
        }
        let lines = current.map { line in
            TrendLine(unit: line.unit, indicator: line.indicator, measure: line.measure, values: periods.map { p in
                inUnit(answers[p]!.lastYear(unit: line.unit, indicator: line.code, value: nil, measure: nil), line)
            } + [inUnit(line.past, line), line.current])
        }
        return (periods + [config.period.yearBefore, config.period], lines)
    }

    /// Every unit's figures of this period (values, one per indicator: an official one over an
    /// estimate) against last year, for the "Cùng kỳ" sheet; none when the store knows nothing of
    /// last year.
    func lastYearLines(_ computed: Computed, past: [PastFigure], planned: SamePeriodLastYear.Planned) -> [LastYearLine] {
        guard !past.isEmpty else { return [] }
        let units = computed.units
        var lines: [LastYearLine] = []
        for (u, results) in computed.evaluated.results.enumerated() where u < units.count {
            let current = results.filter { $0.period == config.period && $0.basis == .value }
            for (indicator, group) in Dictionary(grouping: current, by: \.indicator).sorted(by: { $0.key < $1.key }) {
                guard let chosen = group.max(by: { ($0.status == .reported ? 1 : 0) < ($1.status == .reported ? 1 : 0) }) else { continue }
                lines.append(LastYearLine(unit: units[u], code: indicator, indicator: catalogue[indicator]?.name ?? chosen.name ?? indicator,
                                          measure: chosen.measure, current: chosen.value,
                                          past: planned.lastYear(unit: units[u], indicator: indicator, value: chosen.value, measure: chosen.measure)))
            }
        }
        return lines
    }

    /// Records the run's results and evaluations under the pipeline and period, replacing what
    /// the same pipeline recorded for the same period before; rows go to the store as they are
    /// made.
    static func remember(_ computed: Computed, in store: HistoryStore, config: PipelineConfig) throws(PipelineError) {
        let official = config.officialUnits
        let units = computed.units
        func storedCode(_ unit: ReportingUnit, _ official: [String: OfficialUnit]) -> String { official[unit.code]?.code ?? unit.code }
        let now = ISO8601DateFormatter().string(from: Date())
        let key = URL(fileURLWithPath: config.path).standardizedFileURL.path + "#" + config.period.description
        do {
            try store.record(key: key, period: config.period, digests: computed.evaluated.digests, at: now) { writer in
                for (u, results) in computed.evaluated.results.enumerated() where u < units.count {
                    let code = storedCode(units[u], official)
                    for r in results {
                        try writer.add(PastFigure(unitCode: code, unitName: units[u].name, indicator: r.indicator, period: r.period, value: r.value,
                                                  measure: r.measure, basis: r.basis, status: r.status, source: r.source, recordedAt: now))
                    }
                }
                for e in computed.evaluations {
                    try writer.add(PastEvaluation(unitCode: storedCode(e.unit, official), indicator: e.indicator, period: e.period, name: e.target.name,
                                                  comparator: e.target.comparator.rawValue, target: e.target.value, targetMax: e.target.valueMax,
                                                  measure: e.target.unit, status: e.status.rawValue, completion: e.completion))
                }
            }
        } catch {
            throw .stage(name: "Xuất báo cáo", file: config.store, message: error.message)
        }
    }
}

/// Memory two threads fill in disjoint places, each place once, before anyone reads it.
struct SharedRows<Element>: @unchecked Sendable {
    // @unchecked: every place is written by one thread only, and read after both are done.
    private let base: UnsafeMutablePointer<Element>?

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { base = buffer.baseAddress }

    func initialize(at offset: Int, from rows: [Element]) {
        guard let base, !rows.isEmpty else { return }
        rows.withUnsafeBufferPointer { (base + offset).initialize(from: $0.baseAddress!, count: rows.count) }
    }
}
