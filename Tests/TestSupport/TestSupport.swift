import Foundation

/// Places in the repository, found from this file's path.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The `chitieu` binary built beside the test bundle.
    public static var chitieuBinary: String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("chitieu").path
    }
}

/// A fresh folder under the system temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chitieu-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The result of running a program.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program to completion, capturing its output.
public func runProgram(_ executable: String, _ arguments: [String], workingDirectory: String? = nil,
                       environment: [String: String]? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Finds a program on PATH.
public func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// A small deterministic random generator (SplitMix64) so property tests repeat exactly.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Repository {
    /// A copy of a sample pipeline in `dir` that reads the repository's samples and writes into
    /// `dir/output`; `actuals` replaces the results tables. Returns the copy's path.
    public static func samplePipeline(_ pipeline: String = "pipelines/sample-2024.yaml", in dir: TemporaryDirectory,
                                      output: String = "out", actuals: [String]? = nil) throws -> String {
        var yaml = try String(contentsOfFile: path(pipeline), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "../samples/", with: path("samples") + "/")
        yaml = yaml.replacingOccurrences(of: #"output: ../reports/[a-z0-9-]+"#, with: "output: \(output)", options: .regularExpression)
        if let actuals {
            yaml = yaml.replacingOccurrences(of: "actuals:\n  - \(path("samples"))/actuals/ket-qua-2024.csv",
                                             with: "actuals:\n" + actuals.map { "  - \($0)" }.joined(separator: "\n"))
        }
        let copy = dir.path("\(URL(fileURLWithPath: pipeline).deletingPathExtension().lastPathComponent)-\(output).yaml")
        try yaml.write(toFile: copy, atomically: true, encoding: .utf8)
        return copy
    }
}
