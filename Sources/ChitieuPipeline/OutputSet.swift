import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outputs of a run as one set: written into a staging folder beside the output folder,
/// then swapped in at once, so that a reader sees the old set or the new one, never a mix. A
/// lock file keeps two runs out of one folder; leftovers of an interrupted run are cleared by
/// the next.
final class OutputSet {
    /// The folder readers use.
    let folder: String
    /// Where this run writes; the files to write into it.
    let files: OutputFiles
    private let staging: String
    private let lock: Int32
    private var committed = false

    /// Checks every output against the inputs, takes the lock, clears leftovers and makes the
    /// staging folder; nothing is written yet.
    init(folder: String, inputs: [String], names: [String]) throws(PipelineError) {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        self.folder = url.path
        let parent = url.deletingLastPathComponent().path
        let base = url.lastPathComponent
        staging = (parent as NSString).appendingPathComponent(".\(base).staging-\(ProcessInfo.processInfo.processIdentifier)")
        files = OutputFiles(directory: staging, inputs: inputs, shownAs: folder)
        // Collisions with inputs are refused before anything is written.
        try files.check(names: names)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .output(path: parent, message: "không tạo được thư mục (\(error.localizedDescription))")
        }
        let lockPath = (parent as NSString).appendingPathComponent(".\(base).lock")
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw .output(path: lockPath, message: "không tạo được tệp khóa") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .output(path: self.folder, message: "một lần chạy khác đang ghi vào thư mục này; chờ lần chạy đó xong rồi chạy lại")
        }
        lock = fd
        // What an interrupted run left behind (it held the lock we now hold).
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for name in leftovers where name.hasPrefix(".\(base).staging-") || name.hasPrefix(".\(base).old-") {
            try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(name))
        }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .output(path: staging, message: "không tạo được thư mục tạm (\(error.localizedDescription))")
        }
    }

    deinit {
        // Not committed: the staging folder goes, the old set stays as it was.
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
        flock(lock, LOCK_UN)
        close(lock)
    }

    /// Puts the new set in place of the old one at once. Files in the old folder that are not
    /// part of the set (templates, a person's notes) are kept.
    func commit(names: [String]) throws(PipelineError) {
        try FaultInjection.check("commit")
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .output(path: folder, message: "đã có một tệp (không phải thư mục) trùng tên thư mục output") }
            let ours = Set(names)
            for other in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where !ours.contains(other) {
                try? manager.moveItem(atPath: (folder as NSString).appendingPathComponent(other), toPath: (staging as NSString).appendingPathComponent(other))
            }
            // One rename swaps the two folders (Linux renameat2 with RENAME_EXCHANGE).
            if Self.exchange(staging, folder) {
                committed = true
                try? manager.removeItem(atPath: staging)
                return
            }
            let old = staging.replacingOccurrences(of: ".staging-", with: ".old-")
            guard rename(folder, old) == 0 else { throw .output(path: folder, message: "không thay được bộ kết quả cũ (\(String(cString: strerror(errno))))") }
            guard rename(staging, folder) == 0 else {
                _ = rename(old, folder)
                throw .output(path: folder, message: "không đặt được bộ kết quả mới (\(String(cString: strerror(errno))))")
            }
            try? manager.removeItem(atPath: old)
        } else {
            guard rename(staging, folder) == 0 else { throw .output(path: folder, message: "không đặt được bộ kết quả mới (\(String(cString: strerror(errno))))") }
        }
        committed = true
    }

    /// Swaps two paths in one step; false where the system cannot.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let atCurrentDirectory: Int32 = -100, renameExchange: UInt32 = 2
        return unsafeBitCast(symbol, to: RenameAt2.self)(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}

/// Failures on purpose, for the tests that show an interrupted run leaves the old set:
/// `CHITIEU_FAIL_AT=step` fails the named step ("commit", or the name of an output file).
enum FaultInjection {
    static func check(_ step: String) throws(PipelineError) {
        guard let at = ProcessInfo.processInfo.environment["CHITIEU_FAIL_AT"], at == step else { return }
        throw .output(path: step, message: "lỗi giả lập (CHITIEU_FAIL_AT=\(step))")
    }
}
