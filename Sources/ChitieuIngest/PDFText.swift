import Foundation

/// The text of a PDF through poppler's `pdftotext`, when it is installed. A crafted or broken
/// PDF can keep it busy or make it print without end, so it gets a time limit and its output
/// is read only up to `DirectiveReader.maximumTextBytes`.
enum PDFText {
    /// Seconds pdftotext may take (a 300-page report takes about one); CHITIEU_PDF_TIMEOUT raises it.
    static var timeLimit: Int { ProcessInfo.processInfo.environment["CHITIEU_PDF_TIMEOUT"].flatMap(Int.init) ?? 60 }

    static func lines(_ data: Data, path: String) throws(IngestError) -> ([RawLine], String) {
        guard let tool = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw .unsupportedFormat(path: path, detail: "đọc PDF cần chương trình pdftotext; cài gói poppler-utils (apt-get install poppler-utils) hoặc lưu văn bản dưới dạng .docx/.txt")
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("chitieu-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: input) }
        do { try data.write(to: input) } catch { throw .unreadable(path: path, reason: error.localizedDescription) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-enc", "UTF-8", "-q", input.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw .unreadable(path: path, reason: "không chạy được pdftotext: \(error)") }
        let limit = DirectiveReader.maximumTextBytes
        let seconds = timeLimit
        let started = Date()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds), execute: timer)
        var text = Data()
        while let chunk = try? out.fileHandleForReading.read(upToCount: 1 << 16), !chunk.isEmpty {
            text.append(chunk)
            if text.count > limit {
                process.terminate()
                process.waitUntilExit()
                timer.cancel()
                throw DirectiveReader.tooMuchText(path, text.count)
            }
        }
        process.waitUntilExit()
        timer.cancel()
        if process.terminationReason == .uncaughtSignal {
            guard Date().timeIntervalSince(started) >= Double(seconds) else {
                throw .unreadable(path: path, reason: "pdftotext dừng bất thường (tín hiệu \(process.terminationStatus)); PDF hỏng")
            }
            throw .unreadable(path: path, reason: "pdftotext chạy quá \(seconds) giây và đã bị dừng; PDF có thể hỏng (đặt CHITIEU_PDF_TIMEOUT để cho thêm thời gian)")
        }
        guard process.terminationStatus == 0, let decoded = String(data: text, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "pdftotext không đọc được tệp (mã \(process.terminationStatus)); PDF hỏng hoặc có mật khẩu")
        }
        guard decoded.contains(where: { $0.isLetter }) else {
            throw .unsupportedFormat(path: path, detail: "PDF không có lớp chữ (bản quét ảnh); cần nhận dạng chữ (OCR) trước")
        }
        return (TextDecoding.lines(decoded), "utf-8")
    }
}
