#!/usr/bin/env python3
"""Writes the hand-made hostile inputs of the fuzz regression corpus (the cases issue 10 names).
Files found by `make fuzz` are copied here as they were found; this script makes the rest.
Every file is listed, with what chitieu must say about it, in expectations.tsv.

    python3 Tests/Fixtures/fuzz/make-cases.py
"""
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent.parent / "Fuzz" / "seeds"

CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
WORKBOOK = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="KQ" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                 'Target="worksheets/sheet1.xml"/></Relationships>')
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c><c r="B1" t="inlineStr"><is><t>indicator</t></is></c>'
              '<c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="D1" t="inlineStr"><is><t>value</t></is></c>'
              '<c r="E1" t="inlineStr"><is><t>measure</t></is></c></row>')


def zip_parts(path, parts, method=zipfile.ZIP_DEFLATED):
    # A fixed date, so that making the cases again gives the same bytes.
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=method)


def zip64_offset_zip(name, data, offset):
    """One stored part whose directory entry gives its header offset in a zip64 extra field."""
    crc = zlib.crc32(data)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0) + name + data
    extra = struct.pack("<HHQ", 1, 8, offset)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0, crc, len(data), len(data), len(name),
                          len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + name + extra
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    return local + central + end


def workbook(name, sheet_xml, extra=None):
    parts = {"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": WORKBOOK,
             "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
             "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                         + sheet_xml + "</worksheet>"}
    parts.update(extra or {})
    zip_parts(HERE / "xlsx" / name, parts)


def document(name, body, raw=None):
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body>" + body + "</w:body></w:document>").encode()
    zip_parts(HERE / "docx" / name, {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": raw if raw is not None else xml})


def main():
    for folder in ("text", "html", "docx", "xlsx", "csv", "yaml"):
        (HERE / folder).mkdir(exist_ok=True)

    # Cell references and column ranges outside Excel's sheet (each once trapped or ran away).
    cell = lambda ref: f'<sheetData>{HEADER_ROW}<row r="2"><c r="{ref}"><v>1</v></c></row></sheetData>'
    workbook("cell-row-past-int64.xlsx", cell("A99999999999999999999"))
    workbook("cell-column-15-letters.xlsx", cell("ZZZZZZZZZZZZZZZ3"))
    workbook("cell-column-ZZZZZZ.xlsx", cell("ZZZZZZ3"))
    workbook("row-int64-min.xlsx", f'<sheetData>{HEADER_ROW}<row r="-9223372036854775808"><c><v>1</v></c></row></sheetData>')
    workbook("columns-inverted.xlsx", f'<cols><col min="5" max="1" width="9"/></cols><sheetData>{HEADER_ROW}</sheetData>')
    workbook("columns-300-million.xlsx", f'<cols><col min="1" max="300000000" width="9"/></cols><sheetData>{HEADER_ROW}</sheetData>')
    # A sheet of 50 MB of one repeated row: about 1,000:1, refused by the ratio as it streams.
    row = '<row><c t="inlineStr"><is><t>Hà Giang</t></is></c></row>'
    workbook("zip-bomb-sheet.xlsx", f"<sheetData>{HEADER_ROW}" + row * (50_000_000 // len(row)) + "</sheetData>")
    # Shared strings that expand 1,000:1 (held in memory, so refused before they are read).
    workbook("zip-bomb-shared-strings.xlsx", f"<sheetData>{HEADER_ROW}</sheetData>",
             {"xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
                                      + "a" * 30_000_000 + "</t></si></sst>"})
    # Invalid UTF-8 inside an element name: Foundation's parser trapped on it.
    workbook("sheet-bad-utf8-in-name.xlsx", "", {"xl/worksheets/sheet1.xml":
             b'<?xml version="1.0"?><worksheet><sheetData><ro\xff\xc3w r="1"/></sheetData></worksheet>'})
    # Entities declared in a DTD ("billion laughs"): refused at the declaration.
    laughs = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
              '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&h;</t></si></sst>')
    workbook("entity-expansion.xlsx", f"<sheetData>{HEADER_ROW}</sheetData>", {"xl/sharedStrings.xml": laughs})
    document("entity-expansion.docx", "", raw=laughs.replace("sst", "w:document").replace(
        '<si><t>&h;</t></si>', '<w:body><w:p><w:r><w:t>&h;</w:t></w:r></w:p></w:body>').encode())
    # The central directory points past the end of the file.
    good = HERE / "xlsx" / "columns-inverted.xlsx"
    data = bytearray(good.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 16, len(data) + 1000)
    (HERE / "xlsx" / "directory-past-end.xlsx").write_bytes(bytes(data))
    # Cut in the middle: the end record is gone.
    seed = (SEEDS / "xlsx" / "results.xlsx").read_bytes()
    (HERE / "xlsx" / "cut-in-half.xlsx").write_bytes(seed[: len(seed) // 2])

    # Word documents.
    document("document-bad-utf8-in-name.docx", "", raw=b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p\xff\xfe><w:r><w:t>Ch\xe1\xbb\x89 ti\xc3\xaau</w:t></w:r></w:p></w:body></w:document>')
    document("zip-bomb-document.docx", "<w:p><w:r><w:t>" + "a" * 60_000_000 + "</w:t></w:r></w:p>")
    document("nested-5000.docx", "<w:p>" * 5000 + "</w:p>" * 5000)
    # A zip that lies: it declares 1 KB for a part that expands to 40 MB.
    lying = HERE / "docx" / "declared-size-lies.docx"
    document("declared-size-lies.docx", "<w:p><w:r><w:t>" + "b" * 40_000_000 + "</w:t></w:r></w:p>")
    data = bytearray(lying.read_bytes())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_at = 30 if signature == b"PK\x03\x04" else 46
            name_length = struct.unpack_from("<H", data, at + 28)[0]
            if data[at + name_at: at + name_at + name_length] == b"word/document.xml":
                struct.pack_into("<I", data, at + size_at, 1024)
            at += 4
    lying.write_bytes(bytes(data))
    seed = (SEEDS / "docx" / "directive.docx").read_bytes()
    (HERE / "docx" / "cut-in-half.docx").write_bytes(seed[: len(seed) // 2])
    # A zip64 offset past 2^63 in the directory (seeking there trapped in Foundation; found by make fuzz).
    (HERE / "docx" / "zip64-offset-past-int64.docx").write_bytes(zip64_offset_zip(b"word/document.xml", b"<w:document/>", 0xFFFF_FFFF_FFFF_FF00))

    # HTML nested 100,000 deep, closed and never closed; a target inside.
    target = "<p>Phấn đấu tốc độ tăng trưởng GRDP đạt 8% trở lên.</p>"
    (HERE / "html" / "nested-100000.html").write_text("<html><body>" + "<div>" * 100_000 + target + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    (HERE / "html" / "unclosed-100000.html").write_text("<html><body>" + "<div><span>" * 50_000 + target, encoding="utf-8")
    (HERE / "html" / "comment-never-closed.html").write_text("<html><body>" + target + "<!-- " + "x" * 1_000_000, encoding="utf-8")

    # Text: valid UTF-8 but for two stray bytes at its end; NUL bytes; one huge line.
    directive = (SEEDS / "text" / "part-0.txt").read_bytes()
    (HERE / "text" / "stray-bytes-at-end.txt").write_bytes(directive + b"\xff\xfe")
    (HERE / "text" / "nul-bytes.txt").write_bytes(b"\x00" * 4096 + directive)
    (HERE / "text" / "line-of-3-MB.txt").write_bytes(b"Ch\xe1\xbb\x89 ti\xc3\xaau " * 300_000)

    # CSV: a quote never closed; a field of 3 MB; UTF-16 of odd length; Windows-1258 cut mid-letter.
    (HERE / "csv" / "quote-never-closed.csv").write_text('unit,indicator,period,value,measure\nHà Giang,grdp_growth,2025,"6,5,%\nQuảng Nam,grdp,2025,1,%\n', encoding="utf-8")
    (HERE / "csv" / "field-of-3-MB.csv").write_text("unit,indicator,period,value,measure\nHà Giang,grdp_growth,2025," + "9" * 3_000_000 + ",%\n", encoding="utf-8")
    (HERE / "csv" / "utf16-odd-length.csv").write_bytes("unit\tindicator\tperiod\tvalue\tmeasure\r\nHà Giang\tgrdp\t2025\t1\t%\r\n".encode("utf-16") + b"\x41")
    (HERE / "csv" / "header-only-separators.csv").write_text(";;;;;;;;\n;;;;\n", encoding="utf-8")

    # Pipelines: misspelled keys, bad numbers, an alias bomb, deep nesting, a traversal code.
    base = 'title: T\nperiod: "2025"\nunits:\n  - code: HG\n    name: Hà Giang\noutput: out\n'
    (HERE / "yaml" / "misspelled-actuals.yaml").write_text(base + "actual: [kq.csv]\n", encoding="utf-8")
    (HERE / "yaml" / "scoring-nan.yaml").write_text(base + "scoring:\n  met: .nan\n", encoding="utf-8")
    (HERE / "yaml" / "scoring-negative.yaml").write_text(base + "scoring:\n  no_data: -50\n", encoding="utf-8")
    (HERE / "yaml" / "date-31-february.yaml").write_text(base + 'date: "2025-02-31"\n', encoding="utf-8")
    (HERE / "yaml" / "output-root.yaml").write_text(base.replace("output: out", "output: /"), encoding="utf-8")
    (HERE / "yaml" / "alias-bomb.yaml").write_text(
        'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n' + base, encoding="utf-8")
    (HERE / "yaml" / "nested-10000.yaml").write_text("title: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    (HERE / "yaml" / "unit-code-traversal.yaml").write_text(base.replace("code: HG", "code: ../../../../tmp/x"), encoding="utf-8")


if __name__ == "__main__":
    main()
