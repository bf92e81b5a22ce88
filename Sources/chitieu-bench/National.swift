import Foundation
import Spreadsheet
import XlsxWriter

/// The national-scale sheet written through chitieu's streaming writer, cell for cell as the C
/// reference (reference/national.c) writes it. Returns seconds, rows and peak memory in MB.
enum NationalBenchmark {
    static let units = 3355
    static let indicators = 120

    static func run(path: String) throws -> (seconds: Double, rows: Int, peakMB: Double) {
        let codes = (0..<units).map { $0 < 34 ? String(format: "T%02d", $0) : String(format: "X%04d", $0 - 34) }
        let names = (0..<units).map { $0 < 34 ? "Tỉnh số \($0 + 1)" : "Xã số \($0 - 33)" }
        let icodes = (0..<indicators).map { String(format: "CT%03d", $0 + 1) }
        let inames = (0..<indicators).map { "Chỉ tiêu kinh tế - xã hội số \($0 + 1)" }
        let periods = ["2024-H1", "2024"]
        let headers = ["unit", "name", "indicator", "indicator_name", "period", "target", "actual", "completion_pct", "status"]
        let font = FontSpec(name: "Times New Roman", size: 12)
        let styles = [CellStyle(font: font, vertical: .bottom), CellStyle(font: font, vertical: .bottom, numberFormat: "#,##0.0"),
                      CellStyle(font: FontSpec(name: "Times New Roman", size: 12, bold: true), vertical: .bottom)]
        let rows = units * indicators * 2 + 1
        let sheet = StreamingSheet(name: try SheetName("Chi tiết"), columnWidths: [0: 10, 1: 18, 3: 36], styles: styles, rowCount: rows) { r in
            if r == 0 { return headers.map { .text($0, style: 2) } }
            let k = r - 1
            let (u, i, p) = (k / (indicators * 2), (k / 2) % indicators, k % 2)
            let target = Double(100 + (u * 7 + i * 13) % 900)
            let actual = target * (0.8 + Double((u * 31 + i * 17 + p) % 50) / 100)
            let completion = actual / target * 100
            return [.text(codes[u], style: 0), .text(names[u], style: 0), .text(icodes[i], style: 0), .text(inames[i], style: 0),
                    .text(periods[p], style: 0), .number(target, style: 1), .number(actual, style: 1), .number(completion, style: 1),
                    .text(completion >= 100 ? "Đạt" : "Không đạt", style: 0)]
        }
        let start = DispatchTime.now().uptimeNanoseconds
        try XlsxFileWriter.write(streaming: [sheet], to: URL(fileURLWithPath: path))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (seconds, rows, Double(usage.ru_maxrss) / 1024)
    }
}
