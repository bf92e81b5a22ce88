import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XlsxReader
import ZIPFoundation

/// The text of a .docx: paragraphs and table cells in reading order from word/document.xml.
/// Runs set in TCVN3 fonts (.VnTime…) or VNI fonts (VNI-Times…) are decoded from their bytes;
/// .VnTimeH and other capital fonts are upper-cased, as they print.
enum DocxText {
    static func lines(_ data: Data, path: String) throws(IngestError) -> ([RawLine], String) {
        let archive: SafeArchive
        do {
            archive = try SafeArchive(data: data)
        } catch {
            throw .unsupportedFormat(path: path, detail: error.damaged ? "tệp .docx: \(error.reason)"
                                                                     : "tệp .docx không mở được như tệp nén zip; tệp hỏng hoặc không phải Word 2007 trở lên")
        }
        guard let entry = archive["word/document.xml"] else {
            throw .unsupportedFormat(path: path, detail: "tệp .docx không có phần word/document.xml")
        }
        let xml: Data
        do {
            xml = try archive.data(of: entry)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        let defaultFont = defaultFontName(archive)
        let delegate = Delegate(defaultFont: defaultFont)
        let parsed = XMLParser.parseGuarded(xml, delegate: delegate)
        if !parsed.ok {
            throw .unreadable(path: path, reason: "word/document.xml hỏng ở dòng \(parsed.line): \(parsed.reason ?? "không rõ")")
        }
        let encoding = delegate.legacy.isEmpty ? "utf-8" : delegate.legacy.sorted().joined(separator: "+")
        return (delegate.paragraphs.enumerated().map { RawLine(text: $0.element, line: $0.offset + 1) }, encoding)
    }

    /// The font of the document defaults or of the Normal style, from word/styles.xml.
    static func defaultFontName(_ archive: SafeArchive) -> String? {
        guard let entry = archive["word/styles.xml"], let xml = try? archive.data(of: entry) else { return nil }
        final class Fonts: NSObject, XMLParserDelegate {
            var font: String?
            var inDefaults = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "w:docDefaults" { inDefaults = true }
                if name == "w:rFonts", inDefaults, font == nil { font = attributes["w:ascii"] ?? attributes["w:hAnsi"] }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "w:docDefaults" { inDefaults = false }
            }
        }
        let fonts = Fonts()
        _ = XMLParser.parseGuarded(xml, delegate: fonts)
        return fonts.font
    }

    enum FontFamily { case unicode, tcvn3, tcvn3Capitals, vni }

    static func family(_ font: String?) -> FontFamily {
        guard let f = font?.lowercased() else { return .unicode }
        if f.hasPrefix(".vn") { return f.hasSuffix("h") ? .tcvn3Capitals : .tcvn3 }
        if f.hasPrefix("vni-") || f.hasPrefix("vni ") { return .vni }
        return .unicode
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let defaultFont: String?
        var paragraphs: [String] = []
        var legacy: Set<String> = []
        private var paragraph = ""
        private var runText = ""
        private var runFont: String?
        private var inText = false

        init(defaultFont: String?) { self.defaultFont = defaultFont }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "w:p": paragraph = ""
            case "w:r": runText = ""; runFont = nil
            case "w:rFonts": runFont = attributes["w:ascii"] ?? attributes["w:hAnsi"] ?? runFont
            case "w:t": inText = true
            case "w:tab": runText += " "
            case "w:br", "w:cr": runText += "\n"
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { runText += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:r": paragraph += decode(runText, font: runFont ?? defaultFont)
            case "w:p":
                // A line break inside a paragraph starts a new line of the text.
                paragraphs += paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            default: break
            }
        }

        private func decode(_ text: String, font: String?) -> String {
            let bytes = text.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : nil }
            switch DocxText.family(font) {
            case .unicode: return text
            case .tcvn3, .tcvn3Capitals:
                guard bytes.allSatisfy({ $0 != nil }) else { return text }
                legacy.insert("tcvn3")
                let decoded = LegacyEncoding.tcvn3.decode(bytes.compactMap { $0 })
                return DocxText.family(font) == .tcvn3Capitals ? decoded.uppercased() : decoded
            case .vni:
                guard bytes.allSatisfy({ $0 != nil }) else { return text }
                legacy.insert("vni")
                return LegacyEncoding.vni.decode(bytes.compactMap { $0 })
            }
        }
    }
}
