"""Follow-up speed: reading 100 000 postings (CSV, an ERP layout) and computing the status, in milliseconds, with
pandas' bare read_csv of the same bytes as the anchor. Medians of several runs; printed, not asserted."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from costmodel.engine import compute  # noqa: E402
from costmodel.followup import read  # noqa: E402
from costmodel.followup.status import follow_up  # noqa: E402
from costmodel.scenario import load_scenario  # noqa: E402

POSTINGS = 100_000
RUNS = 7
ACCOUNTS = [
    ("010", "244", "4410"),
    ("010", "244", "4411"),
    ("270", "244", "4410"),
    ("370", "251", "4420"),
    ("375", "252", "4420"),
    ("120", "244", "4410"),
    ("710", "244", "4410"),
]


def postings_csv(n: int) -> bytes:
    """n postings over January–August in the example's ERP layout, amounts in Norwegian notation."""
    lines = ["Hovedbok", "Periode (ÅÅÅÅMM);Konto;Art;Funksjon;Ansvar;Prosjekt;Beløp i kr;Tekst"]
    for k in range(n):
        art, function, ansvar = ACCOUNTS[k % len(ACCOUNTS)]
        amount = f"{(k * 7919) % 100_000:,}".replace(",", " ") + f",{k % 100:02d}"
        lines.append(f"2017{k % 8 + 1:02d};1{art}0;{art};{function};{ansvar};;{amount};Bilag {k}")
    return ("\n".join(lines) + "\n").encode()


def timed(work) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    data = postings_csv(POSTINGS)
    columns = scenario.follow_up.columns
    result = compute(scenario)
    postings = read.read_accounts(data, "bench.csv", columns)
    import io

    import pandas as pd

    floor = timed(lambda: pd.read_csv(io.BytesIO(data), sep=";", skiprows=1, dtype=str))  # reading bytes, no more
    reading = timed(lambda: read.read_accounts(data, "bench.csv", columns))
    status = timed(lambda: follow_up(result, postings))
    print(
        f"Oppfølging: {POSTINGS:,} posteringer ({len(data) / 1e6:.1f} MB CSV), median av {RUNS} kjøringer".replace(
            ",", " "
        )
    )
    print(f"  les regnskapet      {reading:8.1f} ms   ({reading * 1000 / POSTINGS:.2f} µs per postering)")
    print(f"  status og prognose  {status:8.1f} ms")
    print(f"  sum                 {reading + status:8.1f} ms   (mål: godt under 1 000 ms)")
    print(
        f"  pandas read_csv     {floor:8.1f} ms   (bare å lese filen; forhold lesing / read_csv: {reading / floor:.1f})"
    )


if __name__ == "__main__":
    main()
