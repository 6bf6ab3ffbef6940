"""Store speed with 1 000 saved scenarios × 20 versions each (20 000 versions): listing the organisation's
scenarios, opening the latest version, opening an old one, listing a scenario's versions and saving a new version,
in milliseconds (medians of several runs), on SQLite and, where PostgreSQL's binaries are installed, on a
throwaway PostgreSQL cluster. The slider's latency (bench_app.py, about 150 ms in the browser) is the yardstick:
each of these runs on a page load or a click. Printed, not asserted."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sqlalchemy import insert  # noqa: E402

from costmodel.scenario.storage import content_hash  # noqa: E402
from costmodel.store import database, members, scenarios  # noqa: E402
from costmodel.store.members import LOCAL, LOCAL_USER, now  # noqa: E402
from costmodel.store.tables import Organisation, SavedScenario, Version  # noqa: E402

SCENARIOS, VERSIONS, RUNS = 1000, 20, 9
DATA = (ROOT / "budgets" / "land-2017.yaml").read_bytes()


def fill(db: database.Database) -> None:
    """1 000 scenarios of 20 versions, inserted in bulk (as if saved one by one over years)."""
    with database.transaction(db) as session:
        org = session.query(Organisation).filter_by(slug=LOCAL).one()
        stamp, text = now(), DATA.decode()
        session.execute(
            insert(SavedScenario),
            [
                dict(organisation_id=org.id, slug=f"plan-{k}", name=f"Plan {k}", created_at=stamp, latest=VERSIONS)
                for k in range(SCENARIOS)
            ],  # fmt: skip
        )
        ids = dict(session.query(SavedScenario.slug, SavedScenario.id).all())
        rows = [
            dict(scenario_id=ids[f"plan-{k}"], number=n, author="lokal", saved_at=stamp, comment=f"versjon {n}",
                 status="", content=text + f"# {k}-{n}\n", content_hash=content_hash(f"{k}-{n}".encode()))
            for k in range(SCENARIOS) for n in range(1, VERSIONS + 1)
        ]  # fmt: skip
        for first in range(0, len(rows), 5000):
            session.execute(insert(Version), rows[first : first + 5000])


def timed(action) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(name: str, url: str) -> None:
    db = database.connect(url)
    database.upgrade(db)
    members.ensure_local(db)
    fill(db)
    saved = []
    figures = {
        "liste 1 000 scenarier": timed(lambda: scenarios.list_scenarios(db, LOCAL_USER, LOCAL)),
        "åpne siste versjon": timed(lambda: scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-500")),
        "åpne versjon 3": timed(lambda: scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-500", 3)),
        "liste 20 versjoner": timed(lambda: scenarios.versions(db, LOCAL_USER, LOCAL, "plan-500")),
        "lagre ny versjon": timed(
            lambda: saved.append(scenarios.save(db, LOCAL_USER, LOCAL, "Plan 500", DATA, new_version=True))
        ),
    }
    count, versions = scenarios.count(db)
    print(f"{name}: {count} scenarier, {versions} versjoner")
    for what, ms in figures.items():
        print(f"  {what:24} {ms:7.1f} ms  ({ms / 150:.2f} × glidebryterens 150 ms)")
    db.engine.dispose()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    measure("SQLite", f"sqlite:///{folder / 'store.sqlite3'}")
    from postgres import Cluster, binaries

    if binaries() is None:
        print("PostgreSQL: ikke installert, hoppet over")
        return
    cluster = Cluster()
    try:
        measure("PostgreSQL", cluster.database())
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
