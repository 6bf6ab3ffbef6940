"""Follow-up speed: reading 100 000 postings (CSV, an ERP layout) and computing the status, in milliseconds, with
pandas' bare read_csv of the same bytes as the anchor. Medians of several runs; printed, not asserted."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measure import load, paired, ratios, seconds, spread  # noqa: E402

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


def main() -> None:
    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    data = postings_csv(POSTINGS)
    columns = scenario.follow_up.columns
    result = compute(scenario)
    postings = read.read_accounts(data, "bench.csv", columns)
    import io

    import pandas as pd

    reading, floor = paired(  # the bare read_csv: reading the bytes, no more
        lambda: read.read_accounts(data, "bench.csv", columns),
        lambda: pd.read_csv(io.BytesIO(data), sep=";", skiprows=1, dtype=str),
        RUNS,
    )
    status = seconds(lambda: follow_up(result, postings), RUNS)
    both = [r + s for r, s in zip(reading, status, strict=True)]
    postings_count = f"{POSTINGS:,}".replace(",", " ")
    print(f"Oppfølging: {postings_count} posteringer ({len(data) / 1e6:.1f} MB CSV), {RUNS} kjøringer; {load()}")
    per = statistics.median(reading) * 1e6 / POSTINGS
    print(f"  les regnskapet      {spread(reading)}   ({per:.2f} µs per postering)")
    print(f"  status og prognose  {spread(status)}")
    print(f"  sum                 {spread(both)}   (mål: godt under 1 000 ms)")
    print(f"  pandas read_csv     {spread(floor)}   (bare å lese filen)")
    print(f"  lesing / read_csv   {spread(ratios(reading, floor), 'x', 1)}")


if __name__ == "__main__":
    main()
