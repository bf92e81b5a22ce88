#!/usr/bin/env python3
"""`make bench`, extraction: times the real `chitieu extract` over a corpus of real directives
(the seed directives and the 22 dev-set texts, copied until about 20 MB), beside the peer a board's
IT would write in an afternoon: a Python regular expression that takes every number with a unit
and the words before it as the name (no assertion, no dedup, no comparator).

    python3 bench/extract.py CHITIEU [--rounds N] [--megabytes M]

Figures are whole processes as a user starts them: wall time, CPU time, peak memory.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national import best  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".build" / "bench" / "directives"

PEER = r'''
import json, re, sys
number = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(%|tỷ đồng|triệu đồng|triệu USD|xã|hộ|người|km|ha)")
found = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for m in number.finditer(text):
        value = float(m.group(1).replace(".", "") + ("." + m.group(2) if m.group(2) else ""))
        found.append({"file": path, "name": text[max(0, m.start() - 60):m.start()].strip(), "value": value, "unit": m.group(3)})
json.dump(found, open(sys.argv[0] + ".json", "w"), ensure_ascii=False)
'''


def corpus(megabytes):
    """Copies of the seed and dev-set texts (dev-set headers cut) until `megabytes` is reached."""
    WORK.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "samples" / "directives").glob("*.txt"))
    sources += sorted((ROOT / "Tests" / "Fixtures" / "devset" / "directives").glob("*.txt"))
    texts = []
    for path in sources:
        raw = path.read_text(encoding="utf-8")
        # Dev-set files open with "# …" header lines and a blank line: not the text.
        texts.append((path.stem, raw.split("\n\n", 1)[1] if raw.startswith("#") else raw))
    files, total = [], 0
    while total < megabytes * 1_000_000:
        for stem, text in texts:
            target = WORK / f"{len(files):05d}-{stem}.txt"
            if not target.exists():
                target.write_text(text, encoding="utf-8")
            files.append(str(target))
            total += len(text.encode("utf-8"))
    return files, total / 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chitieu")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--megabytes", type=int, default=20)
    args = parser.parse_args()
    files, size = corpus(args.megabytes)
    chitieu = str(Path(args.chitieu).resolve())
    print(f"== chitieu extract: {len(files)} văn bản thật (mẫu và dev set), {size:.1f} MB ==", flush=True)
    out = WORK.parent / "extract.json"
    wall, cpu, peak, _ = best(args.rounds, [chitieu, "extract", *files, "--format", "json", "--output", str(out)], ROOT)
    peer_script = WORK.parent / "regex_peer.py"
    peer_script.write_text(PEER, encoding="utf-8")
    p_wall, p_cpu, p_peak, _ = best(args.rounds, [sys.executable, str(peer_script), *files], ROOT)
    print("| Công cụ | Thời gian | MB/s | CPU | Bộ nhớ đỉnh |")
    print("|---|---|---|---|---|")
    print(f"| chitieu extract (JSON, mọi chỉ tiêu với bằng chứng) | {wall:.2f} s | {size / wall:.1f} | {cpu:.2f} s | {peak:.0f} MB |")
    print(f"| Python re: mọi số có đơn vị (không phân biệt kết quả) | {p_wall:.2f} s | {size / p_wall:.1f} | {p_cpu:.2f} s | {p_peak:.0f} MB |")


if __name__ == "__main__":
    main()
