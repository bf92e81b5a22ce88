#!/usr/bin/env python3
"""`make bench`, national scale: times the real `chitieu run` on generated inputs for the 34
provinces and the 3,321 communes (annual and six-month), beside the same work done with pandas +
XlsxWriter and beside libxlsxwriter's own time for the very cells chitieu wrote (its floor).

    python3 bench/national.py CHITIEU REPLAY PYTHON-WITH-PANDAS [--rounds N]

Every figure is a whole process as a user starts it: wall time, CPU time and peak memory
(ru_maxrss of the child). The floor is `replay` (Sources/chitieu-bench/reference/replay.c)
writing the cells logged by a separate chitieu run with CHITIEU_CELL_LOG; the clock starts after
the log is read into memory. With --rounds N each command runs N times and the best wall time
is kept (the machine's noise between runs is about ±10 %).
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".build" / "bench"


def timed(command, cwd, env=None):
    """Runs a command; returns (wall s, cpu s, peak MB, stdout+stderr)."""
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # Read to the end first (a full pipe would stall the child), then collect its usage.
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"bench: {' '.join(map(str, command))} thoát với mã {code}:\n{output[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def best(rounds, command, cwd, env=None):
    runs = [timed(command, cwd, env) for _ in range(rounds)]
    return min(runs, key=lambda r: r[0])


def generate(name, units, limit=None):
    folder = WORK / name
    if not (folder / "results.csv").exists():
        args = [sys.executable, str(ROOT / "bench" / "generate.py"), "--units", units, "--out", str(folder)]
        if limit:
            args += ["--limit", str(limit)]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return folder


def stages(output):
    """The "[i/5] name: ... (1,23 s, bộ nhớ đỉnh 80 MB)" lines of a chitieu run, as name → seconds."""
    found = {}
    for name, seconds in re.findall(r"^\[\d/\d\] ([^:]+):.*\(([\d,]+) s[,)]", output, re.M):
        found[name] = float(seconds.replace(",", "."))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chitieu")
    parser.add_argument("replay")
    parser.add_argument("python")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    chitieu, replay = str(Path(args.chitieu).resolve()), str(Path(args.replay).resolve())
    WORK.mkdir(parents=True, exist_ok=True)

    cases = [
        ("34 tỉnh, cả năm", generate("provinces", "provinces"), "annual.yaml", "2025", "report-annual/bao-cao-2025.xlsx"),
        ("3.321 xã, cả năm", generate("communes", "communes"), "annual.yaml", "2025", "report-annual/bao-cao-2025.xlsx"),
        ("3.321 xã, 6 tháng", generate("communes", "communes"), "h1.yaml", "2025-H1", "report-h1/bao-cao-2025-H1.xlsx"),
        ("1.660 xã, cả năm", generate("communes-half", "communes", 1660), "annual.yaml", "2025", "report-annual/bao-cao-2025.xlsx"),
    ]
    rows = []
    for label, folder, pipeline, period, book in cases:
        print(f"== {label} ({folder.name}/{pipeline}) ==", flush=True)
        wall, cpu, peak, output = best(args.rounds, [chitieu, "run", pipeline], folder)
        for line in output.splitlines():
            if line.startswith("[") or line.startswith("      "):
                print("   " + line)
        log = folder / "cells.log"
        env = dict(os.environ, CHITIEU_CELL_LOG=str(log))
        timed([chitieu, "run", "-q", pipeline], folder, env)
        floor = best(args.rounds, [replay, str(log), str(folder / "replay.xlsx")], folder)
        cells = re.search(r"(\d+) ô", floor[3])
        log.unlink()
        pandas = best(args.rounds, [args.python, str(ROOT / "bench" / "pandas_peer.py"), str(folder), period, str(folder / f"pandas-{period}.xlsx")], folder)
        size = (folder / book).stat().st_size / 1e6
        rows.append((label, wall, cpu, peak, floor[0], int(cells.group(1)) if cells else 0, pandas[0], pandas[2], size, stages(output)))
        print(f"   chitieu {wall:.2f} s (CPU {cpu:.2f} s, {peak:.0f} MB); libxlsxwriter cùng các ô {floor[0]:.2f} s; "
              f"pandas + XlsxWriter {pandas[0]:.2f} s ({pandas[2]:.0f} MB)", flush=True)

    print()
    print("| Trường hợp | chitieu run | CPU | Bộ nhớ đỉnh | libxlsxwriter, cùng các ô | chitieu ÷ libxlsxwriter | pandas + XlsxWriter | pandas ÷ chitieu | Sổ tính |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, wall, cpu, peak, floor, cells, pandas, pandas_peak, size, _ in rows:
        print(f"| {label} | {wall:.2f} s | {cpu:.2f} s | {peak:.0f} MB | {floor:.2f} s ({cells:,} ô) | {wall / floor:.2f} | "
              f"{pandas:.2f} s ({pandas_peak:.0f} MB) | {pandas / wall:.1f} | {size:.1f} MB |")
    full = next(r for r in rows if r[0].startswith("3.321 xã, cả năm"))
    half = next(r for r in rows if r[0].startswith("1.660"))
    print(f"\nGấp đôi số đơn vị (1.660 → 3.321 xã, cả năm): thời gian × {full[1] / half[1]:.2f}")
    print("\nThời gian từng bước của chitieu run (giây):")
    names = list(rows[0][9].keys())
    print("| Trường hợp | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for r in rows:
        print(f"| {r[0]} | " + " | ".join(f"{r[9].get(n, 0):.2f}" for n in names) + " |")

    # Issue 10: a results workbook of 1,000,000 rows is read as a stream in under 30 s and 300 MB.
    folder = WORK / "communes"
    subprocess.run([args.python, str(ROOT / "bench" / "million.py"), str(folder)], check=True)
    print("\n== 1.000.000 dòng kết quả trong một sổ tính .xlsx (communes/annual-1m.yaml) ==", flush=True)
    wall, cpu, peak, output = best(args.rounds, [chitieu, "run", "annual-1m.yaml"], folder)
    reading = re.search(r"^\[1/5\][^\n]*\(([\d,]+) s, bộ nhớ đỉnh (\d+) MB\)", output, re.M)
    if reading:
        print(f"   đọc: {reading.group(1)} s, bộ nhớ đỉnh {reading.group(2)} MB (mục tiêu: dưới 30 s và 300 MB)")
    print(f"   cả lượt chạy: {wall:.2f} s (CPU {cpu:.2f} s), bộ nhớ đỉnh {peak:.0f} MB")


if __name__ == "__main__":
    main()
