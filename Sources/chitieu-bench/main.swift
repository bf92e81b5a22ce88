import ChitieuExtract
import ChitieuIngest
import ChitieuModel
import Foundation

// Extraction benchmark: the sample directives repeated to about 50 MB, read and extracted one
// document at a time on one core. Prints throughput for ingest (decode and repair) and for
// extraction, and the peak resident memory.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments.dropFirst()
let targetBytes = (arguments.first.flatMap(Int.init) ?? 50) * 1_000_000
let directory = arguments.dropFirst().first ?? "samples/directives"
let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
let seeds = try files.map { try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)) }
guard !seeds.isEmpty else {
    FileHandle.standardError.write(Data("chitieu-bench: không có tệp .txt trong \(directory)\n".utf8))
    exit(1)
}
var corpus: [(String, Data)] = []
var total = 0
while total < targetBytes {
    for (name, data) in zip(files, seeds) where total < targetBytes {
        corpus.append(("\(corpus.count)-\(name)", data))
        total += data.count
    }
}
let megabytes = Double(total) / 1_000_000
print("Tập văn bản: \(corpus.count) văn bản, \(String(format: "%.1f", megabytes)) MB")

var texts: [SourceText] = []
texts.reserveCapacity(corpus.count)
let ingestTime = try seconds {
    for (name, data) in corpus { texts.append(try DirectiveReader.decode(data, path: name)) }
}
let extractor = TargetExtractor()
var targetCount = 0
let extractTime = seconds {
    for text in texts { targetCount += extractor.extract(text: text.text, path: text.path, lineMap: text.lineMap).targets.count }
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let peakMB = Double(usage.ru_maxrss) / 1024
func rate(_ t: Double) -> String { String(format: "%.1f MB/s (%.2f s)", megabytes / t, t) }
print("Đọc và sửa văn bản: \(rate(ingestTime))")
print("Trích xuất chỉ tiêu: \(rate(extractTime)), \(targetCount) chỉ tiêu")
print("Cả hai bước:        \(rate(ingestTime + extractTime))")
print("Bộ nhớ đỉnh: \(String(format: "%.0f", peakMB)) MB")
