import ChitieuModel
import Foundation

/// Progress lines on standard error: "[2/5] Trích xuất chỉ tiêu: 35 chỉ tiêu (0,04 s)".
public struct Progress: Sendable {
    public let quiet: Bool

    public init(quiet: Bool = false) {
        self.quiet = quiet
    }

    /// Runs a stage, timing it, and prints its line with the summary the stage returns.
    public func stage<T, E: Error>(_ index: Int, _ total: Int, _ name: String, _ body: () throws(E) -> (T, String)) throws(E) -> T {
        let start = DispatchTime.now()
        let (value, summary) = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        say("[\(index)/\(total)] \(name): \(summary) (\(VietnameseNumber.format(seconds, decimals: 2)) s, bộ nhớ đỉnh \(Self.peakMegabytes) MB)")
        return value
    }

    /// The most memory the process has held so far, in megabytes (getrusage).
    static var peakMegabytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss / 1024)
    }

    /// Runs one part of a long stage and prints its time on an indented line.
    public func part<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now()
        let value = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        say("      \(name) (\(VietnameseNumber.format(seconds, decimals: 2)) s, bộ nhớ đỉnh \(Self.peakMegabytes) MB)")
        return value
    }

    public func say(_ line: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Messages for the person running the tool, on standard error.
public enum Console {
    public static func error(_ message: String) {
        FileHandle.standardError.write(Data(("chitieu: " + message + "\n").utf8))
    }
}

/// The program's version, and the nearest of a list of names (for mistyped subcommands).
public enum ChitieuVersion {
    public static let current = "0.9.0"

    /// "; có phải check?" for the names nearest a mistyped one; empty when none is near.
    public static func didYouMean(_ spelling: String, among names: [String]) -> String {
        NameMatching.didYouMean(NameMatching.nearest(spelling, among: names.map { ($0, [$0]) }, limit: 2))
    }
}
