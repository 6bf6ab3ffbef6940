"""Workbook benchmark: exporting the 120-month, 60-line benchmark scenario, and LibreOffice
recalculating every formula of that workbook (the spreadsheet doing the engine's work)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_engine import benchmark_scenario  # noqa: E402
from measure import load, seconds, spread  # noqa: E402
from spreadsheet import SOFFICE, recalculate  # noqa: E402

from costmodel.engine import compute  # noqa: E402
from costmodel.scenario import parse_scenario  # noqa: E402
from costmodel.workbook.export import export_bytes  # noqa: E402


def main() -> None:
    scenario = parse_scenario(benchmark_scenario())
    result = compute(scenario)
    data = export_bytes(result)
    t_export = seconds(lambda: export_bytes(compute(scenario)), 5)
    t_engine = seconds(lambda: compute(scenario), 50)
    print(f"Workbook benchmark (120 months, 3 alternatives, 60 lines; {load()})")
    print(f"  export to xlsx (engine + workbook):    {spread(t_export)}   ({len(data) // 1000} kB)")
    if SOFFICE is None:
        print("  LibreOffice recalculation skipped: LibreOffice not found (apt-get install libreoffice-calc-nogui)")
        return
    times = []
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "bench.xlsx"
        path.write_bytes(data)
        for n in range(3):
            start = time.perf_counter()
            recalculate(path, Path(work) / f"run{n}")
            times.append(time.perf_counter() - start)
    engine = statistics.median(t_engine)
    print(f"  LibreOffice load + recalc + save:      {spread(times)}")
    print(
        f"  engine recompute (same figures):       {spread(t_engine)}   "
        f"(LibreOffice / engine: {spread([t / engine for t in times], 'x', 1)})"
    )


if __name__ == "__main__":
    main()
