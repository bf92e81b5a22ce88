import ArgumentParser
import ChitieuPipeline
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@main
struct Chitieu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chitieu",
        abstract: "Đọc văn bản phát động thi đua, trích xuất chỉ tiêu, đánh giá kết quả và lập báo cáo Excel.",
        discussion: "Ví dụ: chitieu run pipelines/sample-2024.yaml",
        version: "chitieu \(ChitieuVersion.current)",
        subcommands: [Run.self, Check.self, Template.self, Extract.self, History.self])

    /// Parses as ArgumentParser does, but a mistyped subcommand gets the nearest one named.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.map { $0._commandName }
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first), !first.contains("."), !first.contains("/") {
            Console.error("không có lệnh \"\(first)\"" + ChitieuVersion.didYouMean(first, among: names)
                          + " Các lệnh: \(names.joined(separator: ", ")); xem chitieu --help.")
            Foundation.exit(64)
        }
        limitMallocArenas()
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

extension Chitieu {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chạy một kỳ báo cáo theo tệp pipeline YAML: đọc → trích xuất → đánh giá → xuất báo cáo.")

        @Argument(help: "Tệp pipeline, ví dụ pipelines/sample-2024.yaml.")
        var pipeline: String

        @Flag(name: .shortAndLong, help: "Không in tiến trình.")
        var quiet = false

        @Flag(help: "Vẫn lập báo cáo khi có tệp đầu vào không đọc được: ghi \"BẢN NHÁP - CHƯA ĐỦ SỐ LIỆU\" trên mọi trang, không xếp hạng.")
        var draft = false

        @Flag(help: "Coi mọi cảnh báo (dòng bị bỏ qua) là lỗi: không lập báo cáo khi còn cảnh báo.")
        var strict = false

        func run() throws {
            do {
                let config = try PipelineConfig.load(path: pipeline)
                let options = PipelineRunner.Options(draft: draft, strict: strict)
                let outcome = try PipelineRunner(config: config, progress: Progress(quiet: quiet), options: options).run()
                if outcome.hadUnreadableInputs {
                    Console.error("đã lập BẢN NHÁP: có tệp đầu vào không đọc được (xem các dòng lỗi ở trên); chưa xếp hạng.")
                }
            } catch let error as PipelineError {
                Console.error(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra tệp pipeline và các tệp đầu vào, không ghi gì.")

        @Argument(help: "Tệp pipeline, ví dụ pipelines/sample-2024.yaml.")
        var pipeline: String

        @Flag(help: "Coi mọi cảnh báo là lỗi, như run --strict.")
        var strict = false

        @Flag(help: "Chỉ in các đơn vị: mã, tên, mã tỉnh chính thức tìm được (— nếu không có).")
        var units = false

        func run() throws {
            do {
                let config = try PipelineConfig.load(path: pipeline)
                if units {
                    for unit in config.units {
                        // A name that matches no official unit gets the nearest official names.
                        let near = unit.official == nil ? PipelineConfig.nearestOfficial(unit.name) : ""
                        print("\(unit.code)\t\(unit.name)\t\(unit.official?.code ?? "—")\(near)")
                    }
                    return
                }
                let outcome = try PipelineRunner(config: config, progress: Progress(), options: .init(strict: strict)).check()
                print("\(config.path): \(config.units.count) đơn vị, \(outcome.targets) chỉ tiêu, \(outcome.results) kết quả dùng được; "
                      + "\(outcome.counts.errors) lỗi, \(outcome.counts.warnings) cảnh báo, \(outcome.counts.notes) ghi chú.")
                // Whatever run would refuse, and every figure that needs a check, fails the check.
                if outcome.hadErrors || (strict && outcome.counts.warnings > 0) { throw ExitCode(1) }
            } catch let error as PipelineError {
                Console.error(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lập mẫu nhập kết quả (XLSX) cho từng đơn vị: chỉ tiêu điền sẵn và khóa, cột kết quả để nhập.")

        @Argument(help: "Tệp pipeline, ví dụ pipelines/sample-2024.yaml.")
        var pipeline: String

        @Option(name: .shortAndLong, help: "Thư mục ghi mẫu (mặc định: thư mục output của pipeline/mau-nhap).")
        var output: String?

        func run() throws {
            do {
                let config = try PipelineConfig.load(path: pipeline)
                _ = try PipelineRunner(config: config, progress: Progress()).templates(into: output)
            } catch let error as PipelineError {
                Console.error(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kho lịch sử: nhập số liệu các kỳ trước, xem số liệu đã biết của một đơn vị.",
            subcommands: [Import.self, Show.self])

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Nhập kết quả các kỳ trước (cùng định dạng tệp kết quả) vào kho lịch sử, không lập báo cáo.")

            @Argument(help: "Các tệp kết quả (.csv, .xlsx).")
            var files: [String]

            @Option(help: "Kho lịch sử (tệp SQLite), ví dụ reports/chitieu.sqlite.")
            var store: String = "reports/chitieu.sqlite"

            func run() throws {
                do {
                    for line in try HistoryCommand.importFiles(files, store: store) { print(line) }
                } catch {
                    Console.error(error.description)
                    throw ExitCode(1)
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "In số liệu đã biết của một đơn vị cho một chỉ tiêu, theo kỳ.")

            @Option(help: "Đơn vị: mã hoặc tên (\"48\", \"Quảng Nam\").")
            var unit: String

            @Option(help: "Mã chỉ tiêu, ví dụ grdp_growth.")
            var indicator: String

            @Option(help: "Kho lịch sử (tệp SQLite).")
            var store: String = "reports/chitieu.sqlite"

            func run() throws {
                do {
                    print(try HistoryCommand.show(unit: unit, indicator: indicator, store: store))
                } catch {
                    Console.error(error.description)
                    throw ExitCode(1)
                }
            }
        }
    }

    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trích xuất chỉ tiêu từ các văn bản và in ra (chạy riêng bước trích xuất).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, table, csv, xlsx }

        @Argument(help: "Các tệp văn bản (.txt, .md, .html, .docx, .pdf; UTF-8, TCVN3 hoặc VNI).")
        var files: [String]

        @Option(name: .shortAndLong, help: "Định dạng đầu ra: json, table, csv, xlsx.")
        var format: Format = .json

        @Option(name: .shortAndLong, help: "Tệp kết quả (bắt buộc với xlsx; mặc định in ra màn hình).")
        var output: String?

        @Option(help: "Mã đơn vị ghi vào cột unit của sổ kế hoạch (xlsx).")
        var unit: String = ""

        @Flag(help: "Liệt kê mọi con số của văn bản: giữ làm chỉ tiêu hay bỏ, và vì sao.")
        var explain = false

        func validate() throws {
            if format == .xlsx && output == nil {
                throw ValidationError("Định dạng xlsx cần --output TỆP.xlsx (sổ tính không in ra màn hình được).")
            }
        }

        func run() throws {
            let result = ExtractCommand.run(files: files, explain: explain)
            if explain {
                print(ExtractionOutput.explanation(result.documents), terminator: "")
                for failure in result.failures { Console.error(failure) }
                if !result.failures.isEmpty { throw ExitCode(1) }
                return
            }
            do {
                try ExtractCommand.write(result.documents, format: format.rawValue, output: output, unit: unit, inputs: files)
            } catch {
                Console.error(error.description)
                throw ExitCode(1)
            }
            for warning in result.warnings { Console.error(warning) }
            for failure in result.failures { Console.error(failure) }
            if !result.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

/// The run works on two threads at most; glibc would give each helper thread its own malloc
/// arena, which keeps freed memory apart and raises a national run's peak by about 20 MB.
/// (`mallopt` is not in Swift's Glibc module: found by name.)
func limitMallocArenas() {
    #if canImport(Glibc)
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
        _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMax, 2)
    }
    #endif
}
