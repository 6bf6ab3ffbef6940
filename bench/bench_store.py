"""Store speed with 1 000 saved scenarios × 20 versions each (20 000 versions): listing the organisation's
scenarios, opening the latest version, opening an old one, listing a scenario's versions and saving a new version,
in milliseconds (medians of several runs), on SQLite and, where PostgreSQL's binaries are installed, on a
throwaway PostgreSQL cluster. The slider's latency (bench_app.py, about 150 ms in the browser) is the yardstick:
each of these runs on a page load or a click. Printed, not asserted."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from measure import load, seconds, spread  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from costmodel.scenario.storage import content_hash  # noqa: E402
from costmodel.store import database, members, scenarios  # noqa: E402
from costmodel.store.members import LOCAL, LOCAL_USER, now  # noqa: E402
from costmodel.store.tables import Organisation, SavedScenario, Version  # noqa: E402

SCENARIOS, VERSIONS, RUNS = 1000, 20, 9
SLIDER = 0.150  # seconds: a slider move's budget, which a store operation is measured against
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


def measure(name: str, url: str) -> None:
    db = database.connect(url)
    database.upgrade(db)
    members.ensure_local(db)
    fill(db)
    saved = []
    figures = {
        "liste 1 000 scenarier": seconds(lambda: scenarios.list_scenarios(db, LOCAL_USER, LOCAL), RUNS),
        "åpne siste versjon": seconds(lambda: scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-500"), RUNS),
        "åpne versjon 3": seconds(lambda: scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-500", 3), RUNS),
        "liste 20 versjoner": seconds(lambda: scenarios.versions(db, LOCAL_USER, LOCAL, "plan-500"), RUNS),
        "lagre ny versjon": seconds(
            lambda: saved.append(scenarios.save(db, LOCAL_USER, LOCAL, "Plan 500", DATA, new_version=True)), RUNS
        ),
    }
    count, versions = scenarios.count(db)
    print(f"{name}: {count} scenarier, {versions} versjoner ({load()})")
    for what, times in figures.items():
        share = statistics.median(times) / SLIDER  # against a fixed budget: the spread is the time's own
        print(f"  {what:24} {spread(times)}   ({share:.2f} × glidebryterens {SLIDER * 1000:.0f} ms)")
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
