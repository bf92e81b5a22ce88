import ChitieuHistory
import ChitieuIngest
import ChitieuModel
import Foundation

/// `chitieu history import` and `chitieu history show`: past results into the store without a
/// report, and what the store knows of a unit's indicator.
public enum HistoryCommand {
    /// Reads results files (the actuals format) and records each under "import:" and its path,
    /// replacing an earlier import of the same file. A unit named by an official code or name is
    /// stored under its official code as it was at the end of the result's period ("Quảng Nam"
    /// in 2024 → 49). A file with a row that cannot be read is refused whole.
    public static func importFiles(_ files: [String], store path: String) throws(PipelineError) -> [String] {
        let store: HistoryStore
        do { store = try HistoryStore(path: path) } catch { throw .stage(name: "Nhập lịch sử", file: path, message: error.message) }
        let map = AdministrativeMap.official
        var said: [String] = []
        for file in files {
            let table: Table
            do { table = try TableReader.read(path: file) } catch {
                throw .stage(name: "Nhập lịch sử", file: file, message: error.description)
            }
            let (results, issues) = ActualsReader.results(from: table)
            // A note (an empty value) is no reason to refuse; a row set aside is.
            if let bad = issues.first(where: { $0.severity != .note }) {
                throw .stage(name: "Nhập lịch sử", file: file, message: bad.description + "; sửa tệp rồi nhập lại (chưa nhập gì từ tệp này)")
            }
            let now = ISO8601DateFormatter().string(from: Date())
            var unknown = Set<String>()
            let figures = results.map { r -> PastFigure in
                let official = map.province(r.unit, on: r.period.lastDay)
                if official == nil { unknown.insert(r.unit) }
                return PastFigure(unitCode: official?.code ?? r.unit, unitName: official?.name ?? r.unit, indicator: r.indicator,
                                  period: r.period, value: r.value, measure: r.measure, basis: r.basis, status: r.status,
                                  source: r.source, recordedAt: now)
            }
            let periods = Set(figures.map(\.period.description)).sorted()
            do {
                try store.record(key: "import:" + URL(fileURLWithPath: file).standardizedFileURL.path,
                                 period: figures.first?.period ?? ReportingPeriod(year: 1900, span: .year),
                                 digests: [file: FileDigest.sha256(ofFile: file) ?? ""], results: figures, evaluations: [], at: now)
            } catch {
                throw .stage(name: "Nhập lịch sử", file: path, message: error.message)
            }
            var line = "\(file): nhập \(figures.count) kết quả (kỳ \(periods.joined(separator: ", "))) vào \(path)"
            if !unknown.isEmpty {
                let names = unknown.sorted().prefix(5).map { "\"\($0)\"" + NameMatching.didYouMean(map.suggestions(for: $0).map(\.description)) }
                line += "; không khớp tỉnh, thành phố nào, lưu theo tên như đã ghi: " + names.joined(separator: ", ")
            }
            said.append(line)
        }
        return said
    }

    /// What the store knows of a unit's indicator, by period: one line per figure, the one
    /// comparisons use marked.
    public static func show(unit: String, indicator: String, store path: String) throws(PipelineError) -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .stage(name: "Lịch sử", file: path, message: "chưa có kho lịch sử ở đây; chạy chitieu run hoặc chitieu history import trước, hoặc chỉ đường dẫn bằng --store")
        }
        let store: HistoryStore
        do { store = try HistoryStore(path: path) } catch { throw .stage(name: "Lịch sử", file: path, message: error.message) }
        let map = AdministrativeMap.official
        var codes = [unit]
        if let province = map.province(unit, on: "9999-12-31") { codes.append(province.code) }
        var figures: [PastFigure] = []
        do { for code in Set(codes) { figures += try store.history(unit: code, indicator: indicator) } } catch {
            throw .stage(name: "Lịch sử", file: path, message: error.message)
        }
        guard !figures.isEmpty else { return "Chưa có số liệu của \(unit), chỉ tiêu \(indicator) trong \(path)." }
        var lines = ["kỳ\tgiá trị\tđơn vị đo\tcơ sở\ttrạng thái\tghi ngày\tdùng để so sánh\tnguồn"]
        for (period, group) in Dictionary(grouping: figures, by: \.period.description).sorted(by: { $0.key < $1.key }) {
            let chosen = PastFigure.preferred(group.filter { $0.basis == .value })
            for f in group.sorted(by: { $0.recordedAt < $1.recordedAt }) {
                lines.append([period, VietnameseNumber.formatCompact(f.value), f.measure.display, f.basis.rawValue, f.status.rawValue,
                              f.recordedAt, f == chosen ? "có" : "", f.source ?? ""].joined(separator: "\t"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
