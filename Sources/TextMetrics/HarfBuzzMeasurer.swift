import CHarfBuzz
import Foundation
import Spreadsheet

/// Why fonts could not be loaded for measuring.
public enum TextMetricsError: Error, Sendable, CustomStringConvertible {
    case fontMissing(file: String, searched: [String])
    case fontUnreadable(path: String)

    public var description: String {
        switch self {
        case .fontMissing(let file, let searched):
            "Không tìm thấy phông \(file) (đã tìm trong \(searched.joined(separator: ", "))). "
                + "Cài gói fonts-liberation2 (make report cài tự động) hoặc đặt CHITIEU_FONT_DIR."
        case .fontUnreadable(let path):
            "Không đọc được phông \(path): tệp hỏng hoặc không phải phông TrueType."
        }
    }
}

/// Measures text with HarfBuzz and Liberation Serif, which has the metrics of Times New Roman.
///
/// `@unchecked Sendable`: the HarfBuzz fonts are made immutable after loading, which HarfBuzz
/// documents as safe to share between threads, and each measurement uses its own buffer.
public final class HarfBuzzMeasurer: TextMeasuring, @unchecked Sendable {
    private struct LoadedFont {
        let font: OpaquePointer
        let unitsPerEm: Double
    }

    private let regular: LoadedFont
    private let bold: LoadedFont
    private let italic: LoadedFont
    private let boldItalic: LoadedFont

    /// Where Debian's fonts-liberation2 puts the fonts, and older places.
    public static let searchDirectories = [
        "/usr/share/fonts/truetype/liberation2",
        "/usr/share/fonts/truetype/liberation",
        "/usr/share/fonts/liberation",
    ]

    /// Loads Liberation Serif from `directory`, `$CHITIEU_FONT_DIR` or the system font folders.
    public init(directory: String? = nil) throws(TextMetricsError) {
        var directories = Self.searchDirectories
        if let env = ProcessInfo.processInfo.environment["CHITIEU_FONT_DIR"] { directories.insert(env, at: 0) }
        if let directory { directories = [directory] }
        func load(_ file: String) throws(TextMetricsError) -> LoadedFont {
            guard let dir = directories.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + file) }) else {
                throw .fontMissing(file: file, searched: directories)
            }
            let path = dir + "/" + file
            // hb_blob_create_from_file_or_fail returns NULL instead of an empty blob on failure.
            guard let blob = hb_blob_create_from_file_or_fail(path) else { throw .fontUnreadable(path: path) }
            defer { hb_blob_destroy(blob) }
            let face = hb_face_create(blob, 0)
            defer { hb_face_destroy(face) }
            let upem = hb_face_get_upem(face)
            guard upem > 0, let font = hb_font_create(face) else { throw .fontUnreadable(path: path) }
            hb_font_set_scale(font, Int32(upem), Int32(upem))
            hb_font_make_immutable(font)
            return LoadedFont(font: font, unitsPerEm: Double(upem))
        }
        regular = try load("LiberationSerif-Regular.ttf")
        bold = try load("LiberationSerif-Bold.ttf")
        italic = try load("LiberationSerif-Italic.ttf")
        boldItalic = try load("LiberationSerif-BoldItalic.ttf")
    }

    deinit {
        for f in [regular, bold, italic, boldItalic] { hb_font_destroy(f.font) }
    }

    /// The advance width of `text` set in `font`, in points.
    public func width(of text: String, font: FontSpec) -> Double {
        guard !text.isEmpty else { return 0 }
        let style = (font.bold ? 1 : 0) + (font.italic ? 2 : 0)
        // Widths scale with the size: remember them per point, for the same words and names
        // measured again and again in national tables.
        let key = CacheKey(text: text, style: style)
        let shard = cache[Int(UInt(bitPattern: key.hashValue) % UInt(cache.count))]
        if let known = shard.withLock({ $0[key] }) { return known * font.size }
        let face = switch style {
        case 0: regular
        case 1: bold
        case 2: italic
        default: boldItalic
        }
        let perPoint = shape(text, face: face)
        shard.withLock { cache in
            if cache.count >= 20_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = perPoint
        }
        return perPoint * font.size
    }

    private struct CacheKey: Hashable {
        let text: String
        let style: Int
    }

    /// Sixteen shards, each behind its own lock, so that layout threads rarely wait for each other.
    private let cache = (0..<16).map { _ in LockedDictionary<CacheKey, Double>() }

    /// The advance width of `text` at a size of one point.
    private func shape(_ text: String, face: LoadedFont) -> Double {
        guard let buffer = hb_buffer_create() else { return 0 }
        defer { hb_buffer_destroy(buffer) }
        // NFC so that Vietnamese letters use their precomposed glyphs, as the workbook stores them.
        // Combining marks (U+0300-U+036F) start with bytes CC or CD; text without them is already NFC.
        let decomposed = text.utf8.contains { $0 == 0xCC || $0 == 0xCD }
        let utf8 = Array((decomposed ? text.precomposedStringWithCanonicalMapping : text).utf8)
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                hb_buffer_add_utf8(buffer, chars.baseAddress, Int32(chars.count), 0, Int32(chars.count))
            }
        }
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(face.font, buffer, nil, 0)
        var count: UInt32 = 0
        guard let positions = hb_buffer_get_glyph_positions(buffer, &count) else { return 0 }
        var advance: Int64 = 0
        for i in 0..<Int(count) { advance += Int64(positions[i].x_advance) }
        return Double(advance) / face.unitsPerEm
    }
}

/// A dictionary behind a lock, shared by the threads that measure.
final class LockedDictionary<Key: Hashable, Value>: @unchecked Sendable {
    // @unchecked: every access to `storage` goes through `lock`.
    private let lock = NSLock()
    private var storage: [Key: Value] = [:]

    func withLock<T>(_ body: (inout [Key: Value]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&storage)
    }
}
