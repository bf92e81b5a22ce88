import ChitieuCompare
import ChitieuEmit
import ChitieuEvaluate
import ChitieuModel
import Foundation
import Yams

/// One reporting run, read from pipelines/NAME.yaml. Paths are relative to the YAML file.
public struct PipelineConfig: Sendable {
    public struct Unit: Sendable, Decodable {
        public var code: String
        /// As written, or the official name when the unit is given by its official code alone.
        public var name: String
        public var directives: [String]?
        /// The province or cluster the unit belongs to; large reports get one sheet per group.
        public var group: String?
        /// The official province this unit is, found by its code or name at the period's end.
        public var official: OfficialUnit?

        enum CodingKeys: String, CodingKey { case code, name, directives, group }

        public init(code: String, name: String, directives: [String]? = nil, group: String? = nil) {
            self.code = code
            self.name = name
            self.directives = directives
            self.group = group
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decode(String.self, forKey: .code)
            // The name may be left out only for an official province or commune code ("08", "00004"); it
            // then comes from the list.
            if [2, 5].contains(code.count), code.allSatisfy(\.isNumber) {
                name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            } else {
                name = try c.decode(String.self, forKey: .name)
            }
            directives = try c.decodeIfPresent([String].self, forKey: .directives)
            group = try c.decodeIfPresent(String.self, forKey: .group)
        }
    }

    /// Each unit's official province or commune, by its code in the run; the code a unit is
    /// remembered under in the history store.
    public var officialUnits: [String: OfficialUnit] {
        Dictionary(units.compactMap { u in u.official.map { (u.code, $0) } }) { a, _ in a }
    }

    /// "\t(không khớp đơn vị hành chính nào; có phải Tỉnh Tuyên Quang (08)?)" for a name that
    /// matches no official unit.
    public static func nearestOfficial(_ name: String) -> String {
        let near = AdministrativeMap.official.suggestions(for: name).map(\.description)
        return "\t(không khớp tỉnh, thành phố nào" + (near.isEmpty ? ")" : NameMatching.didYouMean(near) + ")")
    }

    /// Finds each unit's official province or commune: by an official code ("08", "00004"; the
    /// name then comes from the list when the pipeline gives none), else by its name at the
    /// period's last day. A unit's own code that is not an official one is kept as it is; only a
    /// unit left with no name at all is an error.
    static func resolveUnits(_ units: [Unit], period: ReportingPeriod, path: String) throws(PipelineError) -> [Unit] {
        let map = AdministrativeMap.official
        let day = period.lastDay
        var resolved = units
        for i in resolved.indices {
            let unit = resolved[i]
            let digits = unit.code.allSatisfy(\.isNumber)
            var found: OfficialUnit?
            if digits, unit.code.count == 2 { found = map.province(code: unit.code, on: day) }
            if digits, unit.code.count == 5 { found = AdministrativeMap.communes.commune(code: unit.code) }
            if let found {
                resolved[i].official = found
                if unit.name.isEmpty { resolved[i].name = found.name }
            } else if unit.name.isEmpty {
                throw .config(path: path, message: "units: mã \"\(unit.code)\" không phải mã tỉnh (2 chữ số, ví dụ \"08\" Tuyên Quang) hay mã xã (5 chữ số) chính thức nào; ghi name cho đơn vị này hoặc sửa mã")
            } else {
                resolved[i].official = map.province(unit.name, on: day)
            }
        }
        return resolved
    }

    public struct Body: Sendable, Decodable {
        public var parent: String?
        public var name: String
    }

    /// `scoring:` in the YAML; every key optional, defaults in `ScoringScheme.standard`.
    struct Scoring: Decodable {
        struct Weights: Decodable {
            var sectors: [String: Double]?
            var indicators: [String: Double]?
        }
        var exceeded: Double?
        var met: Double?
        var not_met: Double?
        var no_data: Double?
        var partial: Bool?
        var cap: Double?
        var weights: Weights?
    }

    struct File: Decodable {
        var title: String
        var period: String
        var units: [Unit]
        var plans: [String]?
        var actuals: [String]?
        var output: String
        var reporting_body: Body?
        var place: String?
        var date: String?
        var expected_half_year_share: Double?
        var plausible_completion: [Double]?
        var scoring: Scoring?
        var store: String?
        var restate_weights: [String: String]?
        var clusters: [ClusterSpec]?
        var cluster_scoring: TableSpec?
        var points: [String]?
        var awards: AwardsSpec?
        var tie_breaks: [String]?
    }

    struct ClusterSpec: Decodable {
        var code: String
        var name: String
        var members: [String]
        var scoring: TableSpec?
    }

    struct TableSpec: Decodable {
        var criteria: [CriterionSpec]
        var bonus_after_normalising: Bool?
    }

    struct CriterionSpec: Decodable {
        var code: String
        var name: String
        var kind: String
        var indicator: String?
        var max_points: Double?
        var formula: String?
        var cap: Double?
    }

    struct AwardsSpec: Decodable {
        struct Flag: Decodable { var per_cluster: Int?; var min_score: Double? }
        struct Merit: Decodable { var share: Double?; var count: Int? }
        var flag: Flag?
        var merit: Merit?
    }

    /// The YAML file's path as given.
    public var path: String
    /// The folder the YAML file is in; inputs and outputs are resolved against it.
    public var baseDirectory: URL
    public var title: String
    public var period: ReportingPeriod
    public var units: [Unit]
    public var plans: [String]
    public var actuals: [String]
    public var output: String
    public var body: ReportingBody
    public var place: String
    /// The date printed on the report; today when the YAML leaves it out.
    public var date: (year: Int, month: Int, day: Int)
    public var rules: EvaluationRules
    public var scoring: ScoringScheme
    /// The history store (`store:`; by default chitieu.sqlite beside the output folder).
    public var store: String = ""
    /// Rate indicator → the indicator that weighs it when old units are put together.
    public var restateWeights: [String: String] = [:]
    /// Emulation clusters with their scoring tables, the points files and the proposals.
    public var clusters: [Cluster] = []
    public var points: [String] = []
    public var awards = Awards()
    public var tieBreaks: [ClusterScorer.TieBreak] = ClusterScorer.TieBreak.allCases

    /// Reads and checks a pipeline file; every problem names the file and says what to fix.
    public static func load(path: String) throws(PipelineError) -> PipelineConfig {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .config(path: path, message: "không tìm thấy tệp pipeline")
        }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .config(path: path, message: "không đọc được tệp (\(error.localizedDescription))")
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            throw .config(path: path, message: YAMLErrors.message(for: error, text: text))
        }
        if let misplaced = YAMLErrors.misplacedKeys(in: text) { throw .config(path: path, message: misplaced) }
        guard let period = ReportingPeriod(file.period) else {
            throw .config(path: path, message: "period \"\(file.period)\" không hợp lệ; \(ReportingPeriod.examples)")
        }
        guard !file.units.isEmpty else { throw .config(path: path, message: "units trống: khai báo ít nhất một đơn vị (code, name)") }
        var seen = Set<String>()
        for unit in file.units {
            guard seen.insert(unit.code.lowercased()).inserted else {
                throw .config(path: path, message: "mã đơn vị \"\(unit.code)\" khai báo hai lần")
            }
        }
        var date = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        if let d = file.date {
            // 2027-01-12 or 12/01/2027 (day first, as Vietnamese dates are written).
            let iso = d.split(separator: "-").compactMap { Int($0) }
            let written = d.split(separator: "/").compactMap { Int($0) }
            let parts = iso.count == 3 ? iso : (written.count == 3 ? [written[2], written[1], written[0]] : [])
            guard parts.count == 3, (1900...2200).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                let year = Calendar(identifier: .gregorian).component(.year, from: Date())
                throw .config(path: path, message: "date \"\(d)\" không hợp lệ; viết ngày/tháng/năm như 12/01/\(year) hoặc \(year)-01-12")
            }
            date = DateComponents(year: parts[0], month: parts[1], day: parts[2])
            // The day must exist in its month ("2025-02-31" does not).
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let real = calendar.date(from: date), calendar.component(.day, from: real) == parts[2] else {
                throw .config(path: path, message: "date \"\(d)\": ngày \(parts[2]) tháng \(parts[1]) năm \(parts[0]) không có")
            }
        }
        var band: ClosedRange<Double> = 1...1000
        if let given = file.plausible_completion {
            guard given.count == 2, given[0] >= 0, given[0] < given[1] else {
                throw .config(path: path, message: "plausible_completion phải là hai số phần trăm [thấp, cao], thấp < cao, ví dụ [1, 1000]")
            }
            band = given[0]...given[1]
        }
        if let share = file.expected_half_year_share, !(0...100).contains(share) {
            throw .config(path: path, message: "expected_half_year_share phải từ 0 đến 100 (phần trăm)")
        }
        var scheme = ScoringScheme.standard
        if let sc = file.scoring {
            scheme.exceededPoints = sc.exceeded ?? scheme.exceededPoints
            scheme.metPoints = sc.met ?? scheme.metPoints
            scheme.notMetPoints = sc.not_met ?? scheme.notMetPoints
            scheme.noDataPoints = sc.no_data ?? scheme.noDataPoints
            scheme.partialCredit = sc.partial ?? scheme.partialCredit
            scheme.capPoints = sc.cap ?? max(scheme.exceededPoints, scheme.capPoints)
            for (name, weight) in sc.weights?.sectors ?? [:] {
                guard let sector = Sector(rawValue: name) else {
                    throw .config(path: path, message: "scoring.weights.sectors: lĩnh vực \"\(name)\" không có; dùng \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                scheme.sectorWeights[sector] = weight
            }
            for (code, weight) in sc.weights?.indicators ?? [:] {
                guard Catalogue.standard[code] != nil else {
                    throw .config(path: path, message: "scoring.weights.indicators: mã \"\(code)\" không có trong danh mục chỉ tiêu")
                }
                scheme.indicatorWeights[code] = weight
            }
            // Points are finite and not negative; weights finite and above zero.
            let points = [("exceeded", scheme.exceededPoints), ("met", scheme.metPoints), ("not_met", scheme.notMetPoints),
                          ("no_data", scheme.noDataPoints), ("cap", scheme.capPoints)]
            if let (key, value) = points.first(where: { !$0.1.isFinite || $0.1 < 0 }) {
                throw .config(path: path, message: "scoring.\(key) = \(value) không dùng được: điểm phải là một số hữu hạn, không âm")
            }
            let weights = scheme.sectorWeights.map { ("sectors.\($0.key.rawValue)", $0.value) } + scheme.indicatorWeights.map { ("indicators.\($0.key)", $0.value) }
            if let (key, value) = weights.first(where: { !$0.1.isFinite || $0.1 <= 0 }) {
                throw .config(path: path, message: "scoring.weights.\(key) = \(value) không dùng được: trọng số phải là một số hữu hạn lớn hơn 0")
            }
        }
        if let share = file.expected_half_year_share, !share.isFinite {
            throw .config(path: path, message: "expected_half_year_share phải là một số từ 0 đến 100")
        }
        try checkOutput(file.output, base: url.deletingLastPathComponent(), path: path)
        let units = try resolveUnits(file.units, period: period, path: path)
        for (rate, weight) in file.restate_weights ?? [:] {
            for code in [rate, weight] where Catalogue.standard[code] == nil {
                throw .config(path: path, message: "restate_weights: mã \"\(code)\" không có trong danh mục chỉ tiêu\(Catalogue.standard.didYouMean(code))")
            }
        }
        let base = url.deletingLastPathComponent()
        let outputFolder = (file.output.hasPrefix("/") ? URL(fileURLWithPath: file.output) : base.appendingPathComponent(file.output)).standardizedFileURL
        let store = file.store.map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).standardizedFileURL.path }
            ?? outputFolder.deletingLastPathComponent().appendingPathComponent("chitieu.sqlite").path
        var config = PipelineConfig(
            path: path, baseDirectory: url.deletingLastPathComponent(), title: file.title, period: period, units: units,
            plans: file.plans ?? [], actuals: file.actuals ?? [], output: file.output,
            body: ReportingBody(parent: file.reporting_body?.parent, name: file.reporting_body?.name ?? "SỞ NỘI VỤ"),
            place: file.place ?? "", date: (date.year!, date.month!, date.day!),
            rules: EvaluationRules(expectedHalfYearShare: file.expected_half_year_share ?? 50, plausibleCompletion: band), scoring: scheme)
        config.store = store
        config.restateWeights = file.restate_weights ?? [:]
        config.clusters = try clusters(file, units: units, path: path)
        config.points = file.points ?? []
        if let flag = file.awards?.flag {
            config.awards.flagsPerCluster = flag.per_cluster ?? 1
            config.awards.flagMinScore = flag.min_score ?? 90
        }
        if let merit = file.awards?.merit {
            if let share = merit.share, !(0...1).contains(share) {
                throw .config(path: path, message: "awards.merit.share phải từ 0 đến 1 (phần của số đơn vị trong cụm), ví dụ 0.2")
            }
            config.awards.meritShare = merit.share
            config.awards.meritCount = merit.count
        }
        if let breaks = file.tie_breaks {
            config.tieBreaks = try breaks.map { name throws(PipelineError) in
                guard let t = ClusterScorer.TieBreak(rawValue: name) else {
                    throw .config(path: path, message: "tie_breaks: \"\(name)\" không dùng được; dùng \(ClusterScorer.TieBreak.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return t
            }
        }
        return config
    }

    /// The clusters of the pipeline: members must be units of the run, each in one cluster at
    /// most; each criterion well formed (a target names a catalogue indicator or a target id,
    /// maxima are positive, formulas and kinds known).
    static func clusters(_ file: File, units: [Unit], path: String) throws(PipelineError) -> [Cluster] {
        let codes = Set(units.map(\.code))
        var placed: [String: String] = [:]
        return try (file.clusters ?? []).map { spec throws(PipelineError) -> Cluster in
            for member in spec.members {
                guard codes.contains(member) else {
                    throw .config(path: path, message: "clusters \(spec.code): thành viên \"\(member)\" không có trong units" + NameMatching.didYouMean(
                        NameMatching.nearest(member, among: units.map { ($0.code, [NameMatching.loose($0.code), NameMatching.loose($0.name)]) })))
                }
                if let other = placed[member] {
                    throw .config(path: path, message: "clusters: đơn vị \"\(member)\" ở cả cụm \(other) và cụm \(spec.code); một đơn vị thuộc một cụm")
                }
                placed[member] = spec.code
            }
            guard let tableSpec = spec.scoring ?? file.cluster_scoring else {
                throw .config(path: path, message: "clusters \(spec.code): thiếu bảng chấm điểm (scoring: trong cụm, hoặc cluster_scoring: dùng chung)")
            }
            return Cluster(code: spec.code, name: spec.name, members: spec.members, table: try table(tableSpec, place: "clusters \(spec.code)", path: path))
        }
    }

    static func table(_ spec: TableSpec, place: String, path: String) throws(PipelineError) -> ScoringTable {
        var seen = Set<String>()
        let criteria = try spec.criteria.map { c throws(PipelineError) -> Criterion in
            let at = "\(place), tiêu chí \(c.code)"
            guard seen.insert(c.code).inserted else { throw .config(path: path, message: "\(at): mã tiêu chí khai báo hai lần") }
            if let max = c.max_points, !(max.isFinite && max > 0) { throw .config(path: path, message: "\(at): max_points phải là một số dương") }
            if let cap = c.cap, !(cap.isFinite && cap >= 0) { throw .config(path: path, message: "\(at): cap phải là một số không âm") }
            switch c.kind {
            case "target":
                guard let indicator = c.indicator else { throw .config(path: path, message: "\(at): tiêu chí target cần indicator (mã chỉ tiêu)") }
                guard let max = c.max_points else { throw .config(path: path, message: "\(at): thiếu max_points") }
                let formula = c.formula ?? "standard"
                guard let f = TargetFormula(rawValue: formula) else {
                    throw .config(path: path, message: "\(at): formula \"\(formula)\" không dùng được; dùng standard hoặc leader_relative")
                }
                return Criterion(code: c.code, name: c.name, kind: .target(indicator: indicator, formula: f), maxPoints: max)
            case "judged":
                guard let max = c.max_points else { throw .config(path: path, message: "\(at): thiếu max_points") }
                return Criterion(code: c.code, name: c.name, kind: .judged, maxPoints: max)
            case "bonus": return Criterion(code: c.code, name: c.name, kind: .bonus(cap: c.cap), maxPoints: nil)
            case "penalty": return Criterion(code: c.code, name: c.name, kind: .penalty(cap: c.cap), maxPoints: nil)
            default:
                throw .config(path: path, message: "\(at): kind \"\(c.kind)\" không dùng được; dùng target, judged, bonus hoặc penalty")
            }
        }
        return ScoringTable(criteria: criteria, bonusAfterNormalising: spec.bonus_after_normalising ?? true)
    }

    /// The output folder must be one a run may own: not the root, not a system folder, not the
    /// folder of the pipeline itself or a folder above it (where inputs live).
    static func checkOutput(_ output: String, base: URL, path: String) throws(PipelineError) {
        let folder = (output.hasPrefix("/") ? URL(fileURLWithPath: output) : base.appendingPathComponent(output)).standardizedFileURL.path
        let system = ["/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root", "/sbin", "/sys", "/usr", "/var", "/tmp", "/home", "/opt"]
        let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path
        let pipelineFolder = base.standardizedFileURL.path
        if system.contains(folder) || folder == home || folder.hasPrefix("/usr/") || folder.hasPrefix("/etc/") || folder.hasPrefix("/proc/") || folder.hasPrefix("/sys/") {
            throw .config(path: path, message: "output: \(output) là thư mục hệ thống; chọn một thư mục riêng cho báo cáo, ví dụ ../reports/ten-ky-bao-cao")
        }
        if pipelineFolder == folder || pipelineFolder.hasPrefix(folder + "/") {
            throw .config(path: path, message: "output: \(output) chứa chính tệp pipeline và các tệp đầu vào; chọn một thư mục riêng cho báo cáo, ví dụ ../reports/ten-ky-bao-cao")
        }
    }

    /// A path from the YAML resolved against its folder, shown relative to the working directory.
    public func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let full = baseDirectory.appendingPathComponent(relative).standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        return full.hasPrefix(cwd + "/") ? String(full.dropFirst(cwd.count + 1)) : full
    }
}

