"""Scenario files and names: the checked YAML the store keeps, names that cannot escape or mislead, download
names; and the store's own faults (a full disk, a read-only or busy database) said in words, nothing lost."""

import pytest
from conftest import BUDGETS

from costmodel.engine import whatif
from costmodel.scenario import load_scenario, storage
from costmodel.store import database, members, scenarios
from costmodel.store.database import StoreError
from costmodel.store.members import LOCAL, LOCAL_USER

LAND = load_scenario(BUDGETS / "land-2017.yaml")


def test_the_kept_yaml_reads_back_equal_and_says_its_name_on_one_line():
    changed = whatif.apply(LAND, {"plan.oppbemanning.fte": 5})
    data = storage.serialise(changed, "Plan B – fem årsverk")
    assert load_scenario(data) == changed
    assert data.decode("utf-8").startswith("# Plan B – fem årsverk\n# Lagret fra kostnadsmodell ")
    sneaky = storage.serialise(changed, "Plan\nmonths: 1\n# ")  # a title cannot add a line to the file
    assert load_scenario(sneaky) == changed and sneaky.decode().startswith("# Plan months: 1 #\n")


@pytest.mark.parametrize(
    "name", ["../../etc/x", "..\\x", "/abs", "x\x00y", "CON", "a" * 300, "   ", "///", "..", "ååå/../x"]
)
def test_names_that_cannot_be_keys_are_refused_in_words(db, name):
    with pytest.raises(StoreError, match="kan ikke brukes som navn|reservert filnavn"):
        scenarios.save(db, LOCAL_USER, LOCAL, name, storage.serialise(LAND, "x"))
    assert scenarios.list_scenarios(db, LOCAL_USER, LOCAL) == []


def test_the_store_is_never_in_the_bundled_folder():
    assert BUDGETS.resolve() not in database.user_dir().resolve().parents
    assert database.user_dir().resolve() != BUDGETS.resolve()


def test_a_full_disk_is_said_in_words_and_what_was_saved_stays(tmp_path):
    db = database.connect(f"sqlite:///{tmp_path / 'full.sqlite3'}")
    database.upgrade(db)
    members.ensure_local(db)
    first = storage.serialise(LAND, "plan")
    scenarios.save(db, LOCAL_USER, LOCAL, "plan", first)
    with db.engine.connect() as connection:  # a database that may not grow: SQLite's own «disk full»
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    db.engine.dispose()

    from sqlalchemy import event

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    big = storage.serialise(LAND, "plan") + b"#" + b"x" * 200_000 + b"\n"
    with pytest.raises(StoreError, match="disken er full; ingenting er lagret"):
        scenarios.save(db, LOCAL_USER, LOCAL, "plan", big, new_version=True)
    kept = scenarios.versions(db, LOCAL_USER, LOCAL, "plan")
    assert [v.number for v in kept] == [1]
    assert scenarios.open_version(db, LOCAL_USER, LOCAL, "plan")[2] == first


def test_a_read_only_database_is_said_in_words(tmp_path):
    file = tmp_path / "ro.sqlite3"
    db = database.connect(f"sqlite:///{file}")
    database.upgrade(db)
    members.ensure_local(db)
    db.engine.dispose()
    read_only = database.connect(f"sqlite:///file:{file}?mode=ro&uri=true")
    with pytest.raises(StoreError, match="mangler skrivetilgang til databasen"):
        scenarios.save(read_only, LOCAL_USER, LOCAL, "plan", storage.serialise(LAND, "plan"))


def test_downloads_are_named_after_the_scenario_and_the_day():
    from datetime import date

    name = storage.download_name("Land barnevernstjeneste – budsjett 2017–2020", ".xlsx", date(2026, 11, 25))
    assert name == "land-barnevernstjeneste-budsjett-2017-2020-2026-11-25.xlsx"
    assert storage.download_name("../..", ".xlsx", date(2026, 11, 25)) == "kostnadsmodell-2026-11-25.xlsx"
    kinds = {"regneark": ".xlsx", "presentasjon": ".pptx", "notat": ".docx"}  # each download says what it is
    names = {storage.download_name("Land", suffix, date(2026, 11, 25), kind=k) for k, suffix in kinds.items()}
    assert names == {"land-regneark-2026-11-25.xlsx", "land-presentasjon-2026-11-25.pptx", "land-notat-2026-11-25.docx"}
