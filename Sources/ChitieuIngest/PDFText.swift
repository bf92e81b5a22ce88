import Foundation

/// The text of a PDF through poppler's `pdftotext`, when it is installed.
enum PDFText {
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
        let text = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let decoded = String(data: text, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "pdftotext không đọc được tệp (mã \(process.terminationStatus)); PDF hỏng hoặc có mật khẩu")
        }
        guard decoded.contains(where: { $0.isLetter }) else {
            throw .unsupportedFormat(path: path, detail: "PDF không có lớp chữ (bản quét ảnh); cần nhận dạng chữ (OCR) trước")
        }
        return (TextDecoding.lines(decoded), "utf-8")
    }
}
