import ChitieuEmit
import Foundation
import Spreadsheet
import TextMetrics
import XlsxWriter

/// Writes outputs whole or not at all, and never over an input.
public struct OutputFiles: Sendable {
    public let directory: String
    public let inputs: Set<String>
    /// The folder named in messages and listings, when the files are written elsewhere first.
    public let shownDirectory: String

    /// The folder of `file`, ready to write into.
    public static func beside(_ file: String, inputs: [String]) throws(PipelineError) -> (files: OutputFiles, name: String) {
        let url = URL(fileURLWithPath: file)
        let files = OutputFiles(directory: url.deletingLastPathComponent().path, inputs: inputs)
        try files.prepare()
        return (files, url.lastPathComponent)
    }

    /// The HarfBuzz measurer every layout needs, its failure named after the stage.
    public static func measurer(stage: String) throws(PipelineError) -> HarfBuzzMeasurer {
        do { return try HarfBuzzMeasurer() } catch { throw .stage(name: stage, message: error.description) }
    }

    public init(directory: String, inputs: [String], shownAs shown: String? = nil) {
        self.directory = directory
        self.inputs = Set(inputs.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        shownDirectory = shown ?? directory
    }

    /// Where a file is written.
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// Where a reader finds it.
    public func shownPath(_ name: String) -> String { (shownDirectory as NSString).appendingPathComponent(name) }

    public func prepare() throws(PipelineError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .output(path: directory, message: "không tạo được thư mục kết quả (\(error.localizedDescription))")
        }
    }

    private func guardInput(_ path: String) throws(PipelineError) {
        // Every output stays inside the output folder.
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path == folder else {
            throw .output(path: path, message: "tên tệp kết quả ra ngoài thư mục output; không ghi")
        }
        // Compared where a reader finds the file (a set is written elsewhere first).
        let shown = shownPath((path as NSString).lastPathComponent)
        if inputs.contains(URL(fileURLWithPath: shown).standardizedFileURL.path) {
            throw .output(path: shown, message: "tệp kết quả trùng với một tệp đầu vào; đổi thư mục output trong pipeline")
        }
    }

    /// Refuses, before anything is written, any of `names` that would leave the folder or
    /// replace an input.
    func check(names: [String]) throws(PipelineError) {
        for name in names { try guardInput(path(name)) }
    }

    /// Writes text through a temporary file renamed into place.
    public func write(text: String, to name: String) throws(PipelineError) {
        let target = path(name)
        try guardInput(target)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw .output(path: target, message: "không ghi được (\(error.localizedDescription))")
        }
    }

    /// A name made safe to use as a file name inside the output folder: separators, "..",
    /// control characters and leading dots become "_".
    public static func safeFileName(_ name: String) -> String {
        var safe = String(name.unicodeScalars.map { c -> Character in
            c == "/" || c == "\\" || c == ":" || c.properties.generalCategory == .control ? "_" : Character(c)
        })
        safe = safe.replacingOccurrences(of: "..", with: "_")
        while safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
        return safe.isEmpty ? "_" : safe
    }

    /// Writes a CSV table line by line (UTF-8 with a byte order mark, so that Excel shows the
    /// accents) through a temporary file renamed into place; the table is never held as text.
    public func write(csv table: CSVTable, to name: String) throws(PipelineError) {
        let target = path(name)
        try guardInput(target)
        try FaultInjection.check(name)
        let temporary = (directory as NSString).appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).partial")
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw .output(path: target, message: "không tạo được tệp tạm để ghi")
        }
        do {
            var buffer = Data(CSVRendering.byteOrderMark.utf8)
            buffer.reserveCapacity(1 << 20)
            try table.forEachLine { line in
                buffer.append(contentsOf: line.utf8)
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
            guard rename(temporary, target) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw .output(path: target, message: "không ghi được (\(error.localizedDescription))")
        }
    }

    public func write(workbook: Workbook, to name: String, constantMemory: Bool = false) throws(PipelineError) {
        let target = path(name)
        try guardInput(target)
        try FaultInjection.check(name)
        do {
            try XlsxFileWriter.write(workbook, to: URL(fileURLWithPath: target), constantMemory: constantMemory)
        } catch {
            throw .output(path: target, message: error.description)
        }
    }
}
