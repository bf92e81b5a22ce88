import Foundation
import ZIPFoundation

/// Builds a minimal Word document: one paragraph per line, each run in `font` when given.
public enum DocxBuilder {
    public static func docx(lines: [String], font: String? = nil, tableFrom: Int? = nil) throws -> Data {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let runProperties = font.map { "<w:rPr><w:rFonts w:ascii=\"\($0)\" w:hAnsi=\"\($0)\"/></w:rPr>" } ?? ""
        func paragraph(_ line: String) -> String {
            // Split each line into two runs to show that runs are joined back.
            let mid = line.index(line.startIndex, offsetBy: line.count / 2)
            return "<w:p><w:r>\(runProperties)<w:t xml:space=\"preserve\">\(escape(String(line[..<mid])))</w:t></w:r>"
                + "<w:r>\(runProperties)<w:t xml:space=\"preserve\">\(escape(String(line[mid...])))</w:t></w:r></w:p>"
        }
        var body = ""
        for (i, line) in lines.enumerated() {
            if let t = tableFrom, i >= t {
                body += "<w:tbl><w:tr><w:tc>\(paragraph(line))</w:tc></w:tr></w:tbl>"
            } else {
                body += paragraph(line)
            }
        }
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
        let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """
        let rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
        return try zip(["[Content_Types].xml": contentTypes, "_rels/.rels": rels, "word/document.xml": document])
    }

    /// A zip archive of text parts.
    public static func zip(_ parts: [String: String]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}
