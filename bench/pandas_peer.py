#!/usr/bin/env python3
"""What an analyst would do instead of `chitieu run`, on the same CSVs: pandas + XlsxWriter.

    python bench/pandas_peer.py DIR PERIOD OUT.xlsx        # PERIOD: 2025 or 2025-H1

Reads DIR/plans.csv and DIR/results.csv (written by bench/generate.py), judges every target
by the rules chitieu uses (README "Rules and scoring"), ranks the units and writes four sheets:
"Chi tiết" (every target), "Tổng hợp" (per unit), "So sánh" (every catalogue indicator's units as
rows, best first, as chitieu lays it out beyond five units), "Thống kê" (per catalogue indicator).
Prints the time from reading the inputs to closing the workbook (imports excluded).
"""

import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "Sources" / "ChitieuModel" / "Resources" / "catalogue.json"

EXCEEDED, MET, NOT_MET, NO_DATA, NOT_EVALUABLE = "Vượt", "Đạt", "Không đạt", "Chưa có số liệu", "Không đánh giá được"
ON_TRACK, BEHIND = "Đúng tiến độ", "Chậm tiến độ"
HALF_YEAR_SHARE = 50.0  # expected_half_year_share: a flow should reach 50 % of the year after six months
POINTS = {EXCEEDED: 12.0, MET: 10.0, ON_TRACK: 10.0, NO_DATA: 0.0}  # not met: 10 x completion, cap 12
CAP = 12.0

# Money units that convert: "result measure>plan measure" -> factor.
CONVERSIONS = {"triệu đồng>tỷ đồng": 0.001, "tỷ đồng>triệu đồng": 1000.0,
               "tỷ đồng>nghìn tỷ đồng": 0.001, "nghìn tỷ đồng>tỷ đồng": 1000.0}

TEXT = {"unit": str, "indicator": str, "name": str, "measure": str, "comparator": str, "period": str,
        "basis": str, "status": str, "source": str}


def judge(df, half):
    """Adds completion and status to plan rows merged with their result (vectorised)."""
    t, tmax, v = df["target"].to_numpy(), df["target_max"].to_numpy(), df["value_t"].to_numpy()
    comp = df["comparator"].to_numpy()
    higher = (df["direction"] == "higher").to_numpy()
    flow = (df["kind"] == "flow").to_numpy()
    has = df["value"].notna().to_numpy()
    pct = (df["basis"] == "pct_of_plan").to_numpy()
    change_basis = (df["basis"] == "change").to_numpy()
    is_change = np.isin(comp, ["increase_by", "decrease_by"])
    is_range = comp == "range"

    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.where(t != 0, v / t * 100, np.nan)            # result / target
        down = np.where(v != 0, t / v * 100, np.nan)          # target / result
        range_down = np.where(v != 0, np.where(np.isnan(tmax), t, tmax) / v * 100, np.nan)
        completion = np.select(
            [is_change, is_range & higher, is_range, np.isin(comp, ["lt", "lte"]), higher],
            [up, up, range_down, down, up], default=down)
    completion = np.where(pct, df["value"].to_numpy(), completion)

    # Annual status by the comparator (strict bounds are strict).
    tol = 1e-9 * np.maximum(1, np.abs(t))
    equal = np.abs(v - t) <= tol
    above_max = v > np.where(np.isnan(tmax), t, tmax)
    in_range = (v >= t - tol) & (v <= np.where(np.isnan(tmax), t, tmax) + 1e-9 * np.maximum(1, np.abs(tmax)))
    better = np.where(higher, v > t, v < t)
    status = np.select(
        [comp == "gt", comp == "lt", np.isin(comp, ["gte", "increase_by", "decrease_by"]), comp == "lte", is_range],
        [np.where(v > t + tol, MET, NOT_MET),
         np.where(v < t - tol, MET, NOT_MET),
         np.where(equal, MET, np.where(v > t, EXCEEDED, NOT_MET)),
         np.where(equal, MET, np.where(v < t, EXCEEDED, NOT_MET)),
         np.where(in_range, MET, np.where(above_max == higher, EXCEEDED, NOT_MET))],
        default=np.where(equal, MET, np.where(better, EXCEEDED, NOT_MET)))  # eq
    pct_value = df["value"].to_numpy()
    status = np.where(pct, np.where(pct_value > 100 + 1e-9, EXCEEDED, np.where(pct_value >= 100 - 1e-9, MET, NOT_MET)), status)

    if half:
        # Six months: flows by progress towards the year's target, the rest by their value.
        base = np.where(is_range & ~higher & ~np.isnan(tmax), tmax, t)
        with np.errstate(divide="ignore", invalid="ignore"):
            progress = np.where(base != 0, v / base * 100, np.nan)
        value_flow = flow & ~pct
        completion = np.where(value_flow, progress, completion)
        good = np.where(value_flow, progress >= HALF_YEAR_SHARE, np.isin(status, [MET, EXCEEDED]))
        good = np.where(pct, pct_value >= np.where(flow, HALF_YEAR_SHARE, 100.0), good)
        status = np.where(good, ON_TRACK, BEHIND)

    # Results that cannot judge the target: an absolute value for a change of a level, a change
    # for a level to reach, or a measure that does not convert.
    unusable = (~pct & ((is_change & ~change_basis & ~flow) | (~is_change & change_basis) | np.isnan(v)))
    status = np.where(has & unusable, NOT_EVALUABLE, status)
    completion = np.where(has & unusable, np.nan, completion)
    status = np.where(has, status, NO_DATA)
    completion = np.where(has, completion, np.nan)
    df["completion"] = completion
    df["status"] = status
    return df


def main():
    if len(sys.argv) != 4:
        sys.exit("dùng: python bench/pandas_peer.py THƯ_MỤC KỲ (2025 hoặc 2025-H1) TỆP.xlsx")
    folder, period, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    year, half = period.split("-")[0], period.endswith("-H1")

    start = time.perf_counter()
    with open(CATALOGUE, encoding="utf-8") as f:
        catalogue = pd.DataFrame(json.load(f)["indicators"])[["code", "direction", "kind", "sector"]]
    plans = pd.read_csv(folder / "plans.csv", dtype=TEXT, keep_default_na=False, na_values={"target_max": [""]})
    results = pd.read_csv(folder / "results.csv", dtype=TEXT, keep_default_na=False)

    # The targets of the report's year (an H1 report measures progress against the annual plan).
    plans = plans[(plans["period"] == year) | (plans["period"] == period)].drop(columns="period")
    plans = plans.merge(catalogue, left_on="indicator", right_on="code", how="left").drop(columns="code")
    plans["direction"] = plans["direction"].fillna("higher")  # not in the catalogue: higher is better,
    plans["kind"] = plans["kind"].fillna("level")             # and a level, as chitieu reads it

    # Results of the period, joined to the targets; one result per target, preferring a change
    # for "tăng/giảm X" and an absolute value otherwise.
    results = results[results["period"] == period].drop(columns=["period", "name"])
    results = results.rename(columns={"measure": "result_measure", "status": "result_status"})
    df = plans.merge(results, on=["unit", "indicator"], how="left")
    change_target = df["comparator"].isin(["increase_by", "decrease_by"])
    df["_pref"] = np.where(change_target, df["basis"].map({"change": 0, "value": 1, "pct_of_plan": 2}),
                           df["basis"].map({"value": 0, "pct_of_plan": 1, "change": 2}))
    df = df.sort_values(["unit", "indicator", "_pref"], kind="stable").drop_duplicates(["unit", "indicator"])
    df = df.drop(columns="_pref").reset_index(drop=True)

    # The result in the plan's measure: same measure as is, money converted, anything else unusable.
    pairs = (df["result_measure"] + ">" + df["measure"]).map(CONVERSIONS).astype(float)
    factor = np.where(df["result_measure"] == df["measure"], 1.0, pairs)
    df["value_t"] = np.where(df["basis"] == "pct_of_plan", np.nan, df["value"] * factor)
    df = judge(df, half)
    df["rank"] = df.groupby("indicator")["completion"].rank(method="min", ascending=False).astype("Int64")

    # Per unit: counts by status, mean completion, score and rank.
    evaluable = df[df["status"] != NOT_EVALUABLE]
    points = evaluable["status"].map(POINTS)
    partial = (evaluable["completion"].fillna(0).clip(0, 100) / 10).clip(upper=CAP)
    points = points.fillna(partial)  # not met / behind: 10 x completion (at most 100 %)
    counts = df.pivot_table(index="unit", columns="status", values="indicator", aggfunc="size", fill_value=0)
    order = [s for s in (EXCEEDED, MET, ON_TRACK, BEHIND, NOT_MET, NO_DATA, NOT_EVALUABLE) if s in counts.columns]
    summary = counts[order].copy()
    summary.insert(0, "Số chỉ tiêu", counts.sum(axis=1))
    summary["Hoàn thành bình quân (%)"] = df.groupby("unit")["completion"].mean()
    summary["Điểm"] = (points.groupby(evaluable["unit"]).sum()
                       / (evaluable.groupby("unit").size() * CAP) * 100)
    summary["Xếp hạng"] = summary["Điểm"].rank(method="min", ascending=False).astype("Int64")
    summary = summary.sort_values(["Xếp hạng", "Hoàn thành bình quân (%)"], ascending=[True, False]).reset_index()

    # Per catalogue indicator: spread of completion across units, best and worst unit.
    shared = df[df["indicator"].isin(catalogue["code"]) & df["completion"].notna()]
    grouped = shared.groupby("indicator")["completion"]
    stats = grouped.agg(["count", "min", "median", "mean", "max", "std"])
    stats["best"] = shared.loc[grouped.idxmax(), ["indicator", "unit"]].set_index("indicator")["unit"]
    stats["worst"] = shared.loc[grouped.idxmin(), ["indicator", "unit"]].set_index("indicator")["unit"]
    names = plans.drop_duplicates("indicator").set_index("indicator")["name"]
    stats.insert(0, "name", names.reindex(stats.index))
    stats = stats.reset_index()

    detail = df[["unit", "indicator", "name", "measure", "comparator", "target", "target_max", "value",
                 "result_measure", "basis", "result_status", "completion", "status", "rank", "source"]]
    detail = detail.rename(columns={
        "unit": "Đơn vị", "indicator": "Mã chỉ tiêu", "name": "Tên chỉ tiêu", "measure": "Đơn vị tính",
        "comparator": "So sánh", "target": "Chỉ tiêu", "target_max": "Chỉ tiêu tối đa", "value": "Kết quả",
        "result_measure": "Đơn vị tính kết quả", "basis": "Cơ sở", "result_status": "Loại số liệu",
        "completion": "Tỷ lệ hoàn thành (%)", "status": "Đánh giá", "rank": "Xếp hạng trong chỉ tiêu", "source": "Nguồn"})
    stats = stats.rename(columns={
        "indicator": "Mã chỉ tiêu", "name": "Tên chỉ tiêu", "count": "Số đơn vị", "min": "Thấp nhất (%)",
        "median": "Trung vị (%)", "mean": "Bình quân (%)", "max": "Cao nhất (%)", "std": "Độ lệch chuẩn",
        "best": "Đơn vị cao nhất", "worst": "Đơn vị thấp nhất"})
    summary = summary.rename(columns={"unit": "Đơn vị"})

    # Units side by side as rows: every shared (catalogue) indicator, its units best first,
    # as chitieu's "So sánh" lays it out beyond a handful of units.
    comparison = df[df["indicator"].isin(catalogue["code"])]
    comparison = comparison.sort_values(["indicator", "rank", "unit"], na_position="last", kind="stable")
    comparison = comparison[["indicator", "name", "measure", "rank", "unit", "target", "value_t", "completion", "status"]].rename(columns={
        "indicator": "Mã chỉ tiêu", "name": "Chỉ tiêu", "measure": "Đơn vị tính", "rank": "Hạng", "unit": "Đơn vị",
        "target": "Kế hoạch", "value_t": "Thực hiện", "completion": "Hoàn thành (%)", "status": "Đánh giá"})

    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        detail.to_excel(writer, sheet_name="Chi tiết", index=False)
        summary.to_excel(writer, sheet_name="Tổng hợp", index=False)
        comparison.to_excel(writer, sheet_name="So sánh", index=False)
        stats.to_excel(writer, sheet_name="Thống kê", index=False)
    elapsed = time.perf_counter() - start

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tally = ", ".join(f"{k}: {v}" for k, v in df["status"].value_counts().items())
    print(f"{out}: {len(detail)} dòng chi tiết, {len(summary)} đơn vị, {len(stats)} chỉ tiêu; {tally}; "
          f"bộ nhớ đỉnh {peak:.0f} MB", file=sys.stderr)
    print(f"pandas+XlsxWriter: {elapsed:.2f} s")


if __name__ == "__main__":
    main()
