#!/usr/bin/env python3
"""Generate realistic national inputs for `make bench`: plans, results and two pipelines.

    python3 bench/generate.py --units provinces|communes [--limit N] --out DIR [--shared PATH]

Writes DIR/plans.csv, DIR/results.csv, DIR/annual.yaml and DIR/h1.yaml for every province
(34) or commune (3,321) of Vietnam after 1 July 2025: 120 targets per unit (the whole
catalogue plus unit-defined ones), an annual result for ~94 % and a six-month result for ~90 %
of them. The output is deterministic (random.Random(2025)); stdlib only.
"""

import argparse
import csv
import json
import math
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "Sources" / "ChitieuModel" / "Resources" / "catalogue.json"
YEAR = 2025
INDICATORS_PER_UNIT = 120

# Unit-defined targets (not in the catalogue): name, measure, whether the value is a whole
# number, and whether it accumulates over the year (a six-month result is then about half).
CUSTOM = [
    ("Số mô hình \u201cDân vận khéo\u201d được công nhận", "mô hình", True, True),
    ("Số km đường giao thông nông thôn được cứng hóa", "km", False, True),
    ("Số hộ được hỗ trợ xóa nhà tạm, nhà dột nát", "hộ", True, True),
    ("Tỷ lệ hộ gia đình phân loại rác thải tại nguồn", "%", False, False),
    ("Số tuyến đường hoa, cây xanh kiểu mẫu", "tuyến", True, True),
    ("Số lớp tập huấn kỹ năng số cho người dân", "lớp", True, True),
    ("Tỷ lệ người dân có tài khoản định danh điện tử mức 2", "%", False, False),
    ("Số camera an ninh được lắp đặt tại khu dân cư", "camera", True, True),
    ("Số tổ tự quản về an ninh, trật tự được thành lập", "tổ", True, True),
    ("Số buổi đối thoại của người đứng đầu với nhân dân", "buổi", True, True),
]

# Plausible target ranges by measure: (province low, province high, commune low, commune high,
# whole number). A unit's size picks a point between low and high on a log scale.
RANGES = {
    "tỷ đồng": (1_000, 100_000, 5, 500, False),
    "triệu USD": (100, 30_000, 0.5, 50, False),
    "triệu đồng": (60, 200, 40, 120, False),
    "triệu lượt": (1, 40, 0.01, 0.5, False),
    "nghìn lượt": (10, 8_000, 0.5, 50, False),
    "nghìn tấn": (50, 3_000, 0.5, 20, False),
    "người": (2_000, 60_000, 20, 800, True),
    "doanh nghiệp": (300, 20_000, 2, 300, True),
    "hợp tác xã": (10, 200, 1, 5, True),
    "sản phẩm": (10, 80, 1, 5, True),
    "đảng viên": (1_000, 6_000, 10, 60, True),
    "hộ": (2_000, 40_000, 10, 400, True),
    "bác sĩ/vạn dân": (8, 20, 5, 12, False),
    "giường bệnh/vạn dân": (25, 40, 15, 30, False),
    "xã": (10, 120, 1, 1, True),
    "tiêu chí": (10, 80, 1, 5, True),
    "căn": (100, 3_000, 2, 30, True),
    "ha": (500, 10_000, 5, 100, False),
    "thị trấn": (1, 3, 1, 1, True),
    "vụ": (50, 1_000, 1, 12, True),
    "hạng": (1, 20, 1, 50, True),
    # unit-defined measures
    "mô hình": (20, 300, 1, 10, True),
    "km": (50, 1_500, 0.5, 20, False),
    "tuyến": (10, 200, 1, 8, True),
    "lớp": (50, 800, 2, 30, True),
    "camera": (500, 20_000, 5, 200, True),
    "tổ": (100, 3_000, 2, 40, True),
    "buổi": (30, 300, 2, 12, True),
}


def num(value, decimals):
    """A plain CSV number: '.' decimal mark, no thousands separators, no exponent."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def read_units(kind, shared, limit):
    """Units as (code, name, group, size in 0..1); codes stay text with their leading zeros."""
    path = Path(shared) / ("provinces-2025.csv" if kind == "provinces" else "communes-2025.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    if limit is not None:
        rows = rows[:limit]
    rng = random.Random(f"{YEAR}-sizes")
    units = []
    if kind == "provinces":
        counts = [int(r["communes"]) for r in rows]
        lo, hi = math.log(min(counts)), math.log(max(counts))
        for r, n in zip(rows, counts):
            size = (math.log(n) - lo) / (hi - lo or 1)
            if r["type"] != "tỉnh":  # centrally-run cities are the largest economies
                size = min(1.0, size + 0.35)
            units.append((r["code"], r["name"], r["name"], size))
    else:
        for r in rows:
            size = rng.betavariate(2, 3) + (0.25 if r["type"] == "phường" else 0.0)
            units.append((r["code"], r["name"], r["province_name"], min(1.0, size)))
    return units


def indicator_list():
    """The catalogue (code, name, measure, direction, kind) plus unit-defined targets up to 120."""
    with open(CATALOGUE, encoding="utf-8") as f:
        catalogue = json.load(f)["indicators"]
    items = [dict(code=e["code"], name=e["name"], measure=e["unit"], direction=e["direction"], kind=e["kind"],
                  whole=e["unit"] in RANGES and RANGES[e["unit"]][4], accumulates=e["kind"] == "flow") for e in catalogue]
    for i in range(INDICATORS_PER_UNIT - len(items)):
        name, measure, whole, accumulates = CUSTOM[i % len(CUSTOM)]
        if i >= len(CUSTOM):
            name = f"{name} (nhóm {i // len(CUSTOM) + 1})"
        items.append(dict(code=f"rieng_{i + 1:03d}", name=name, measure=measure, direction="higher",
                          kind="level" if measure == "%" else "flow", whole=whole, accumulates=accumulates))
    return items


def target_for(ind, size, is_province, rng):
    """(comparator, target, target_max) in the indicator's own measure."""
    measure, direction, kind = ind["measure"], ind["direction"], ind["kind"]
    if measure == "%":
        if kind == "growth":
            target = rng.uniform(3.0, 4.5) if direction == "lower" else rng.uniform(5.0, 10.0)  # CPI vs growth
            decimals = 1
        elif direction == "lower":
            target, decimals = rng.uniform(0.5, 10.0), 2
        else:
            target, decimals = rng.uniform(50.0, 99.5), 1
        target = round(target, decimals)
        if direction == "lower":
            if kind == "level" and rng.random() < 0.3:
                return "decrease_by", round(rng.uniform(0.5, 2.0), 1), None  # "giảm 1,2 điểm %"
            return ("lte" if rng.random() < 0.7 else "lt"), target, None
        if kind == "level" and rng.random() < 0.05:
            return "increase_by", round(rng.uniform(0.5, 3.0), 1), None  # "tăng thêm 2 điểm %"
        roll = rng.random()
        if roll < 0.1:
            top = 100.0 if kind == "level" else 15.0
            high = round(min(top, target + rng.choice((0.5, 1.0, 2.0))), decimals)
            if high > target:
                return "range", target, high
        return ("gte" if roll < 0.7 else "eq" if roll < 0.9 else "gt"), target, None

    p_lo, p_hi, c_lo, c_hi, _ = RANGES[measure]
    lo, hi = (p_lo, p_hi) if is_province else (c_lo, c_hi)
    whole = ind["whole"]
    position = min(1.0, max(0.0, size + rng.gauss(0, 0.12)))
    target = lo * (hi / lo) ** position
    target = float(max(1, round(target))) if whole else round(target, 1 if target >= 10 else 2)
    if direction == "lower":
        return ("lte" if rng.random() < 0.7 else "lt"), target, None
    roll = rng.random()
    if roll < 0.1:
        high = target * rng.uniform(1.03, 1.10)
        high = float(math.ceil(high)) if whole else round(high, 1 if high >= 10 else 2)
        if high > target:
            return "range", target, high
    return ("gte" if roll < 0.7 else "eq" if roll < 0.9 else "gt"), target, None


def achievement(rng):
    """How well a unit did against a target: mostly around or above it, some short."""
    if rng.random() < 0.06:
        return 1.0  # exactly the target
    return rng.triangular(0.7, 1.3, 1.15)


def result_value(ind, comparator, target, factor, half):
    """The result in the plan's measure for an achievement factor (> 1 is better)."""
    if comparator in ("increase_by", "decrease_by"):
        return target * factor * (0.6 if half else 1.0)  # achieved change, in points
    if half and ind["accumulates"]:
        return target * 0.5 * factor  # six months of a flow: about half of the year
    if half:
        factor = 1 + (factor - 1) * 0.8 - 0.01  # levels a little short at mid-year
    if ind["measure"] == "%" and ind["kind"] == "level":
        # A rate moves within its headroom and never passes 100 %.
        value = target / factor if ind["direction"] == "lower" else target * (1 + (factor - 1) * 0.25)
        return min(100.0, max(0.0, value))
    return target / factor if ind["direction"] == "lower" else target * factor


def completion(ind, comparator, target, value):
    """The completion % a unit would write for basis pct_of_plan."""
    if comparator in ("lt", "lte") or (ind["direction"] == "lower" and comparator not in ("increase_by", "decrease_by")):
        return target / value * 100 if value else 100.0
    return value / target * 100


def generate(units, indicators, is_province, out):
    rng = random.Random(2025)
    year, half = str(YEAR), f"{YEAR}-H1"
    plan_rows = result_rows = 0
    with open(out / "plans.csv", "w", encoding="utf-8", newline="") as pf, \
         open(out / "results.csv", "w", encoding="utf-8", newline="") as rf:
        plans, results = csv.writer(pf), csv.writer(rf)
        plans.writerow(["unit", "indicator", "name", "measure", "comparator", "target", "target_max", "period"])
        results.writerow(["unit", "indicator", "period", "value", "measure", "basis", "status", "name", "source"])
        for code, _name, _group, size in units:
            # One report per unit and period, as a People's Committee would send it.
            source_year = f"Báo cáo số {rng.randint(100, 999)}/BC-UBND ngày {rng.randint(1, 20)}/12/{YEAR}"
            source_half = f"Báo cáo số {rng.randint(50, 499)}/BC-UBND ngày {rng.randint(1, 25)}/6/{YEAR}"
            for ind in indicators:
                comparator, target, target_max = target_for(ind, size, is_province, rng)
                measure = ind["measure"]
                money = measure == "tỷ đồng"
                scale = 1.0
                if money and rng.random() < 0.10:  # the plan written in triệu đồng
                    measure, scale = "triệu đồng", 1000.0
                plans.writerow([code, ind["code"], ind["name"], measure, comparator,
                                num(target * scale, 2), "" if target_max is None else num(target_max * scale, 2), year])
                plan_rows += 1
                factor = achievement(rng)
                for period, share, source in ((year, 0.94, source_year), (half, 0.90, source_half)):
                    if rng.random() >= share:
                        continue
                    is_half = period == half
                    value = result_value(ind, comparator, target, factor if not is_half else achievement(rng), is_half)
                    change = comparator in ("increase_by", "decrease_by")
                    basis, out_measure, out_value = ("change" if change else "value"), measure, value * scale
                    if not change and rng.random() < 0.02:
                        basis, out_measure = "pct_of_plan", "%"
                        out_value = completion(ind, comparator, target, value)
                    elif money and rng.random() < 0.05:  # the result in the other money unit
                        out_measure = "tỷ đồng" if measure == "triệu đồng" else "triệu đồng"
                        out_value = value * (1000.0 if out_measure == "triệu đồng" else 1.0)
                    if ind["whole"] and basis == "value":
                        out_value = float(round(out_value))  # counts are whole numbers
                    status = "estimate" if not is_half and rng.random() < 0.30 else "reported"
                    results.writerow([code, ind["code"], period, num(out_value, 2), out_measure, basis, status,
                                      ind["name"], source])
                    result_rows += 1
    return plan_rows, result_rows


def yaml_text(value):
    """A YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_pipelines(units, out):
    lines = [f"  - {{code: {yaml_text(c)}, name: {yaml_text(n)}, group: {yaml_text(g)}}}" for c, n, g, _ in units]
    for file, title, period, date, output in (
        ("annual.yaml", f"Báo cáo kết quả thực hiện chỉ tiêu thi đua năm {YEAR}", f"{YEAR}", f"{YEAR + 1}-01-10", "report-annual"),
        ("h1.yaml", f"Báo cáo kết quả thực hiện chỉ tiêu thi đua 6 tháng đầu năm {YEAR}", f"{YEAR}-H1", f"{YEAR}-07-10", "report-h1"),
    ):
        text = "\n".join([
            f"# Sinh bởi bench/generate.py: {len(units)} đơn vị, dữ liệu giả lập để đo hiệu năng.",
            f"title: {title}",
            f"period: {yaml_text(period)}",
            "reporting_body:",
            "  parent: Bộ Nội vụ",
            "  name: Ban Thi đua - Khen thưởng Trung ương",
            "place: Hà Nội",
            f"date: {yaml_text(date)}",
            "units:",
            *lines,
            "plans: [plans.csv]",
            "actuals: [results.csv]",
            f"output: {output}",
            "",
        ])
        (out / file).write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description="Sinh dữ liệu đo hiệu năng chitieu (kế hoạch, kết quả, pipeline).")
    parser.add_argument("--units", choices=("provinces", "communes"), required=True)
    parser.add_argument("--limit", type=int, help="chỉ lấy N đơn vị đầu tiên")
    parser.add_argument("--out", required=True, help="thư mục ghi kết quả")
    parser.add_argument("--shared", default=str(REPO.parent / "shared" / "data" / "units"),
                        help="thư mục chứa provinces-2025.csv và communes-2025.csv")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit phải là số dương")

    start = time.perf_counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        units = read_units(args.units, args.shared, args.limit)
    except FileNotFoundError as error:
        parser.error(f"không đọc được danh sách đơn vị: {error.filename} (dùng --shared để chỉ thư mục)")
    indicators = indicator_list()
    plan_rows, result_rows = generate(units, indicators, args.units == "provinces", out)
    write_pipelines(units, out)
    size = sum(os.path.getsize(out / f) for f in ("plans.csv", "results.csv", "annual.yaml", "h1.yaml"))
    print(f"{out}: {len(units)} đơn vị, {plan_rows} dòng kế hoạch, {result_rows} dòng kết quả, "
          f"{size / 1e6:.1f} MB ({size} byte), {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
