import ChitieuExtract
import ChitieuIngest
import Foundation

/// What every fuzz target shares: the bytes libFuzzer hands over, and a scratch file for the
/// readers that take a path (tables, pipelines), rewritten in place on every input.
public enum FuzzInput {
    public static func bytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
        guard let start, count > 0 else { return Data() }
        return Data(bytes: start, count: count)
    }

    private static let folder: String = {
        let path = NSTemporaryDirectory() + "chitieu-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes the input to `<scratch>/<name>` and returns its path.
    public static func file(_ data: Data, named name: String) -> String {
        let path = folder + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            fatalError("fuzz: cannot write the scratch file \(path)")
        }
        return path
    }

    /// The one property every refusal must have: it names the file the user gave.
    public static func expectNamesFile(_ message: String, _ path: String) {
        if !message.contains(path) {
            fatalError("fuzz: the error does not name the file: \(message)")
        }
    }
}

/// libFuzzer's entry (in the runtime that -sanitize=fuzzer links). SwiftPM gives every
/// executable a `main` of its own, so each target's main hands its input function to libFuzzer.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The three directive targets differ only in the file name the bytes arrive under (.txt,
/// .html, .docx), which decides how `DirectiveReader` reads them.
public enum DirectiveFuzz {
    nonisolated(unsafe) public static var path = "fuzz.txt"
    private static let extractor = TargetExtractor()

    /// A directive: decoded, repaired and read for targets, or refused by name.
    public static let input: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { start, count in
        do {
            let source = try DirectiveReader.decode(FuzzInput.bytes(start, count), path: path)
            _ = extractor.extract(text: source.text, path: path, lineMap: source.lineMap)
        } catch {
            FuzzInput.expectNamesFile("\(error)", path)
        }
        return 0
    }
}
