import Foundation

/// The readable text of a web page: markup, scripts and page chrome (menus, share buttons,
/// counters, headers and footers) removed; block elements become lines.
enum HTMLText {
    static func looksLikeHTML(_ text: String) -> Bool {
        // No "<" in the first 2 KB: plain text, decided without any search.
        guard text.utf8.prefix(2048).contains(UInt8(ascii: "<")) else { return false }
        let head = text.prefix(2048).lowercased()
        return head.contains("<!doctype html") || head.contains("<html") || (head.contains("<body") && head.contains("</"))
    }

    /// Elements whose content is never article text.
    static let skippedElements: Set<String> = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
                                               "select", "iframe", "svg", "template", "head", "menu"]
    /// Class or id fragments that mark chrome.
    static let chromeMarkers = ["menu", "nav", "share", "social", "breadcrumb", "footer", "header", "sidebar", "counter", "thongke",
                                "thong-ke", "comment", "banner", "advert", "quangcao", "quang-cao", "toolbar", "login", "search"]
    static let blockElements: Set<String> = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
                                             "section", "article", "blockquote", "td", "th", "dd", "dt", "hr", "pre", "title", "main"]
    static let voidElements: Set<String> = ["br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"]

    /// How many open elements a closing tag is matched against (real pages nest a few dozen deep).
    static let closingSearch = 1_000

    static func lines(_ html: String) -> [RawLine] {
        var lines: [RawLine] = []
        var current = ""
        var currentLine = 1
        var sourceLine = 1
        var skipStack: [String] = []
        var openStack: [(name: String, skipping: Bool)] = []
        func endLine() {
            let t = current.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty { lines.append(RawLine(text: t, line: currentLine)) }
            current = ""
        }
        let scalars = Array(html.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" { sourceLine += 1 }
            if c == "<" {
                // Comments.
                if i + 3 < scalars.count, scalars[i + 1] == "!", scalars[i + 2] == "-", scalars[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < scalars.count, !(scalars[j] == "-" && scalars[j + 1] == "-" && scalars[j + 2] == ">") {
                        if scalars[j] == "\n" { sourceLine += 1 }
                        j += 1
                    }
                    i = j + 3
                    continue
                }
                var j = i + 1
                var tag = String.UnicodeScalarView()
                var quote: Unicode.Scalar?
                while j < scalars.count {
                    let d = scalars[j]
                    if d == "\n" { sourceLine += 1 }
                    if let q = quote { if d == q { quote = nil } } else if d == "\"" || d == "'" { quote = d } else if d == ">" { break }
                    tag.append(d)
                    j += 1
                }
                i = j + 1
                let tagText = String(tag)
                let closing = tagText.hasPrefix("/")
                let name = String(tagText.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
                guard !name.isEmpty else { continue }
                let selfClosing = tagText.hasSuffix("/") || voidElements.contains(name)
                if closing {
                    // The element closed is looked for among the innermost open ones only, and no
                    // slice of the stack is kept while it shrinks: linear time at any depth.
                    if let index = openStack.indices.reversed().prefix(Self.closingSearch).first(where: { openStack[$0].name == name }) {
                        var skipping = 0
                        for k in index..<openStack.count where openStack[k].skipping { skipping += 1 }
                        if skipping > 0 { skipStack.removeLast(min(skipStack.count, skipping)) }
                        openStack.removeSubrange(index...)
                    }
                    if blockElements.contains(name), skipStack.isEmpty { endLine() }
                    continue
                }
                let isChrome = skippedElements.contains(name) || {
                    let values = classAndID(tagText.lowercased())
                    return !values.isEmpty && chromeMarkers.contains { values.contains($0) }
                }()
                if blockElements.contains(name), skipStack.isEmpty { endLine() }
                if !selfClosing {
                    openStack.append((name, isChrome))
                    if isChrome { skipStack.append(name) }
                }
                if name == "td" || name == "th" { current += " " }
                continue
            }
            if skipStack.isEmpty {
                if current.isEmpty { currentLine = sourceLine }
                if c == "&", let (decoded, length) = entity(scalars, at: i) {
                    current += decoded
                    i += length
                    continue
                }
                current.unicodeScalars.append(c == "\n" || c == "\t" || c == "\r" ? " " : c)
            }
            i += 1
        }
        endLine()
        return lines
    }

    /// The values of the class and id attributes of a tag, joined by spaces ("" when none).
    static func classAndID(_ tag: String) -> String {
        var values: [Substring] = []
        for attribute in ["class", "id"] {
            var rest = Substring(tag)
            while let r = rest.range(of: attribute) {
                rest = rest[r.upperBound...].drop { $0 == " " }
                guard rest.first == "=" else { continue }
                rest = rest.dropFirst().drop { $0 == " " }
                guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
                let value = rest.dropFirst().prefix { $0 != quote }
                values.append(value)
                rest = rest.dropFirst(value.count + 1)
            }
        }
        return values.joined(separator: " ")
    }

    static let namedEntities: [String: String] = [
        "nbsp": "\u{00A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "ndash": "–", "mdash": "—", "hellip": "…", "shy": "\u{00AD}", "agrave": "à", "aacute": "á",
        "atilde": "ã", "acirc": "â", "egrave": "è", "eacute": "é", "ecirc": "ê", "igrave": "ì", "iacute": "í", "ograve": "ò",
        "oacute": "ó", "otilde": "õ", "ocirc": "ô", "ugrave": "ù", "uacute": "ú", "yacute": "ý", "Agrave": "À", "Aacute": "Á",
        "Atilde": "Ã", "Acirc": "Â", "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Igrave": "Ì", "Iacute": "Í", "Ograve": "Ò",
        "Oacute": "Ó", "Otilde": "Õ", "Ocirc": "Ô", "Ugrave": "Ù", "Uacute": "Ú", "Yacute": "Ý", "laquo": "«", "raquo": "»",
    ]

    static func entity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        var name = String.UnicodeScalarView()
        while j < s.count, j - i <= 10, s[j] != ";" {
            name.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";" else { return nil }
        let text = String(name)
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let v = value, let scalar = Unicode.Scalar(v) else { return nil }
            return (String(scalar), j - i + 1)
        }
        guard let decoded = namedEntities[text] else { return nil }
        return (decoded, j - i + 1)
    }
}
