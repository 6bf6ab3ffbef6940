"""Engine benchmark: full recompute with all views, against the plain per-month, per-line loop.

Prints median times with the middle half, and the ratio run by run (the loop and the engine in turns). Aims
(issue 2): at least 20× faster than the loop on a 120-month, 3-alternative, 60-line scenario; a Land-sized
scenario well under 100 ms.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import oracle  # noqa: E402  (tests/oracle.py: the straightforward reference)
from measure import load, paired, ratios, seconds, spread  # noqa: E402

from costmodel.engine import compute, views  # noqa: E402
from costmodel.scenario import parse_scenario  # noqa: E402
from costmodel.yamlsafe import load_yaml  # noqa: E402

KINDS = [
    {"kind": "staff", "fte": 2, "annual_salary": 520_000, "recruitment_cost": 30_000},
    {"kind": "consultant", "fte": 1.5, "annual_price_per_fte": 1_400_000},
    {"kind": "consultant", "hours_per_month": 120, "hourly_rate": 950},
    {"kind": "purchase", "units_per_month": 3, "unit_price": 45_000, "vat_rate": 0.25, "vat_compensated": False},
    {"kind": "fixed", "annual_amount": -250_000},
    {"kind": "one_off", "amount": 80_000},
]


def benchmark_scenario(months: int = 120, alternatives: int = 3, lines: int = 60) -> dict:
    """A nominal scenario with every line kind, staggered starts and ends."""
    per_alt = lines // alternatives
    alts = []
    for a in range(alternatives):
        rows = []
        for k in range(per_alt):
            row = {"id": f"l{k}", "label": f"Linje {k}", **KINDS[(k + a) % len(KINDS)]}
            row["start"] = f"{2024 + k % 3}-{k % 12 + 1:02d}"
            if k % 4 == 0 and row["kind"] != "one_off":
                row["end"] = f"{2030 + k % 4}-06"
            rows.append(row)
        alts.append({"id": f"alt{a}", "name": f"Alternativ {a}", "lines": rows})
    return {
        "name": "Benchmark",
        "start": "2024-01",
        "months": months,
        "prices": "nominal",
        "growth": {"wages": {"default": 0.035}, "prices": {"default": 0.025}},
        "baseline": "alt0",
        "alternatives": alts,
    }


def engine_all_views(scenario):
    result = compute(scenario)
    views.summary(result)
    views.monthly_totals(result)
    return result


def main() -> None:
    data = benchmark_scenario()
    scenario = parse_scenario(data)
    engine_all_views(scenario)  # warm up imports and caches
    ours, theirs = views.summary(compute(scenario)), oracle.compute(data)
    worst = max(
        abs(ours["alternatives"][a]["total"] - theirs["alternatives"][a]["total"]) for a in theirs["alternatives"]
    )
    t_parse = seconds(lambda: parse_scenario(data), 30)
    t_loop, t_engine = paired(lambda: oracle.compute(data), lambda: engine_all_views(scenario), 15)
    t_engine += seconds(lambda: engine_all_views(scenario), 100)
    land = load_yaml((ROOT / "budgets" / "land-2017.yaml").read_bytes())
    t_land = seconds(lambda: engine_all_views(parse_scenario(land)), 100)
    rows = len(compute(scenario).ledger)
    print(f"Engine benchmark (repeated runs; {load()})")
    print(f"  scenario: 120 months, 3 alternatives, 60 lines, nominal prices ({rows} ledger rows)")
    print(f"  validate scenario (pydantic):          {spread(t_parse)}")
    print(f"  engine + all views:                    {spread(t_engine)}")
    print(f"  plain per-month, per-line loop:        {spread(t_loop)}")
    print(f"  ratio loop / engine:                   {spread(ratios(t_loop, t_engine[:15]), 'x', 1)}   (aim: >= 20 x)")
    print(f"  largest difference in totals:          {worst:8.2e} kr")
    print(f"  Land 2017, validate + engine + views:  {spread(t_land)}   (aim: well under 100 ms)")


if __name__ == "__main__":
    main()
