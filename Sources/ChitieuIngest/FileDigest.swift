import Crypto
import Foundation

/// SHA-256 of input files (swift-crypto), printed in the report's list of sources so that a
/// reader can tell which version of each file the figures come from.
public enum FileDigest {
    /// The digest as 64 lower-case hex digits.
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The digest of a file read in 1 MB pieces, or nil when it cannot be read.
    public static func sha256(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            // read(upToCount:) gives nil or no bytes at the end of the file.
            while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
                hasher.update(data: piece)
            }
        } catch {
            return nil
        }
        return hex(hasher.finalize())
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }
}

/// The size and modification time of a file: taken before a file is read and compared after,
/// so that a digest computed apart from the parsing still belongs to the bytes parsed.
public struct FileStamp: Equatable, Sendable {
    public let size: Int64
    public let modified: Date?

    public static func of(_ path: String) -> FileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return FileStamp(size: (attributes[.size] as? NSNumber)?.int64Value ?? -1, modified: attributes[.modificationDate] as? Date)
    }
}
