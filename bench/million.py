#!/usr/bin/env python3
"""Makes the 1,000,000-row results workbook of `make bench` (issue 10: a results .xlsx of a
million rows is read as a stream, in under 30 s and 300 MB, by the real `chitieu run`).

    PYTHON-WITH-XLSXWRITER bench/million.py FOLDER

FOLDER is the generated 3,321-commune case (results.csv, annual.yaml). The workbook holds every
row of results.csv (2025 and 2025-H1) and, to reach a million, the same communes' 2024 figures
(the 2025 annual rows with period 2024 and a value 7 % lower), as a board's year-on-year form
would; numbers are numbers, names and sources text. Writes results-1m.xlsx and annual-1m.yaml.
"""
import csv
import sys
from pathlib import Path

import xlsxwriter

ROWS = 1_000_000


def main():
    folder = Path(sys.argv[1])
    book_path, pipeline_path = folder / "results-1m.xlsx", folder / "annual-1m.yaml"
    if book_path.exists() and pipeline_path.exists():
        return
    with open(folder / "results.csv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    extra = []
    for row in rows:
        if len(rows) + len(extra) >= ROWS:
            break
        if row[2] == "2025":
            past = list(row)
            past[2], past[3], past[6] = "2024", f"{float(row[3]) * 0.93:.2f}", "reported"
            extra.append(past)
    rows = (rows + extra)[:ROWS]
    temporary = book_path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(temporary), {"constant_memory": True})
    sheet = book.add_worksheet("Kết quả")
    sheet.write_row(0, 0, header)
    value = header.index("value")
    for i, row in enumerate(rows, start=1):
        for j, cell in enumerate(row):
            if j == value:
                sheet.write_number(i, j, float(cell))
            else:
                sheet.write_string(i, j, cell)
    book.close()
    temporary.rename(book_path)
    pipeline = (folder / "annual.yaml").read_text(encoding="utf-8")
    pipeline = pipeline.replace("results.csv", "results-1m.xlsx").replace("report-annual", "report-1m")
    pipeline_path.write_text(pipeline, encoding="utf-8")
    print(f"{book_path}: {len(rows):,} dòng", file=sys.stderr)


if __name__ == "__main__":
    main()
