"""Saving scenarios: atomic, previous version kept, conflicts, safe names, nothing lost on failure."""

import errno
import multiprocessing
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BUDGETS, ROOT

from costmodel.engine import whatif
from costmodel.scenario import load_scenario, storage

LAND = load_scenario(BUDGETS / "land-2017.yaml")


def test_save_writes_a_scenario_that_reads_back_equal(tmp_path):
    changed = whatif.apply(LAND, {"plan.oppbemanning.fte": 5})
    path = storage.save_scenario(changed, "Plan B – fem årsverk", tmp_path)
    assert path == tmp_path / "plan-b-fem-arsverk.yaml"
    assert load_scenario(path) == changed
    assert path.read_text("utf-8").startswith("# Plan B – fem årsverk\n")
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == [path.name]


def test_saving_a_new_name_that_exists_is_a_conflict(tmp_path):
    storage.save_scenario(LAND, "plan", tmp_path)
    before = (tmp_path / "plan.yaml").read_bytes()
    with pytest.raises(storage.SaveConflict, match="finnes allerede"):
        storage.save_scenario(whatif.apply(LAND, {"plan.kjop.fte": 1}), "plan", tmp_path)
    assert (tmp_path / "plan.yaml").read_bytes() == before


def test_replacing_keeps_the_previous_version_and_detects_lost_updates(tmp_path):
    path = storage.save_scenario(LAND, "plan", tmp_path)
    first = path.read_bytes()
    second = whatif.apply(LAND, {"plan.kjop.fte": 2})
    storage.save_scenario(second, "plan", tmp_path, replaces=storage.content_hash(first))
    assert load_scenario(path) == second and (tmp_path / "plan.yaml.1").read_bytes() == first
    with pytest.raises(storage.SaveConflict, match="endret av noen andre"):
        storage.save_scenario(LAND, "plan", tmp_path, replaces=storage.content_hash(first))  # stale
    assert load_scenario(path) == second
    third = whatif.apply(LAND, {"plan.kjop.fte": 1})
    storage.save_scenario(third, "plan", tmp_path, replaces=storage.content_hash(path.read_bytes()))
    kept = storage.versions(path)  # every earlier version, none written over another
    assert [p.name for p in kept] == ["plan.yaml.1", "plan.yaml.2"]
    assert kept[0].read_bytes() == first and load_scenario(kept[1]) == second and load_scenario(path) == third


def test_a_draft_is_kept_under_an_unguessable_id_and_read_back_even_when_invalid(tmp_path):
    ident = storage.new_draft_id()
    storage.save_draft(ident, {"name": "Halvferdig", "months": "tolv", "alternatives": []}, tmp_path)
    assert storage.load_draft(ident, tmp_path) == {"name": "Halvferdig", "months": "tolv", "alternatives": []}
    assert storage.load_draft("../../etc/passwd", tmp_path) is None and storage.load_draft("ab" * 16, tmp_path) is None
    with pytest.raises(storage.SaveError):
        storage.save_draft("../x", {}, tmp_path)
    storage.drop_draft(ident, tmp_path)
    assert storage.load_draft(ident, tmp_path) is None


@pytest.mark.parametrize(
    "name", ["../../etc/x", "..\\x", "/abs", "x\x00y", "CON", "a" * 300, "   ", "///", "..", "ååå/../x"]
)
def test_names_cannot_escape_the_folder(tmp_path, name):
    with pytest.raises(storage.SaveError, match="kan ikke brukes som navn|reservert filnavn"):
        storage.save_scenario(LAND, name, tmp_path / "brukere")
    assert not list(tmp_path.glob("**/*.yaml"))


def test_bundled_scenarios_are_never_the_save_folder():
    assert storage.USER_DIR.resolve() != BUDGETS.resolve()
    assert BUDGETS.resolve() not in storage.USER_DIR.resolve().parents


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failed_save_leaves_the_old_file_intact_and_no_temporary_files(tmp_path, monkeypatch, failing):
    path = storage.save_scenario(LAND, "plan", tmp_path)
    before = path.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "replace":
        monkeypatch.setattr(storage.os, "replace", full_disk)
    elif failing == "fsync":
        monkeypatch.setattr(storage.os, "fsync", full_disk)
    else:
        monkeypatch.setattr(storage, "_write_synced", full_disk)
    with pytest.raises(storage.SaveError, match="disken er full"):
        storage.save_scenario(
            whatif.apply(LAND, {"plan.kjop.fte": 2}), "plan", tmp_path, replaces=storage.content_hash(before)
        )
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".tmp", ".bak")]


def _save_big(folder: str, fte: float) -> None:
    big = whatif.apply(LAND, {"plan.oppbemanning.fte": fte})
    path = Path(folder) / "stor.yaml"
    replaces = storage.content_hash(path.read_bytes()) if path.exists() else None
    storage.save_scenario(big, "stor", Path(folder), replaces=replaces)


def test_killing_a_save_midway_leaves_the_old_or_the_new_file(tmp_path):
    storage.save_scenario(LAND, "stor", tmp_path)
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r}); from test_storage import _save_big\n"
        f"for i in range(10**6): _save_big({str(tmp_path)!r}, 1 + i % 7)"
    )
    for attempt in range(12):
        child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
        time.sleep(0.6 + 0.05 * attempt)
        child.send_signal(signal.SIGKILL)
        child.wait()
        scenario = load_scenario(tmp_path / "stor.yaml")  # always a whole, valid scenario
        assert scenario.name == LAND.name
        for leftover in tmp_path.glob(".*.tmp"):
            leftover.unlink()  # what a killed writer leaves is never the scenario file itself


def _race(folder, fte, results):
    try:
        storage.save_scenario(whatif.apply(LAND, {"plan.oppbemanning.fte": fte}), "felles", folder)
        results.put(("ok", fte))
    except storage.SaveConflict as exc:
        results.put(("conflict", str(exc)))


def test_two_sessions_saving_the_same_name_give_one_winner_and_one_conflict(tmp_path):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=_race, args=(tmp_path, fte, results)) for fte in (5.0, 6.0)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    outcomes = sorted(results.get(timeout=5)[0] for _ in workers)
    assert outcomes == ["conflict", "ok"]
    assert load_scenario(tmp_path / "felles.yaml").alternative("plan").lines[1].fte in (5.0, 6.0)


def test_saved_lists_the_users_files(tmp_path):
    storage.save_scenario(LAND, "a", tmp_path)
    time.sleep(0.01)
    storage.save_scenario(LAND, "b", tmp_path)
    assert [p.name for p in storage.saved(tmp_path)] == ["b.yaml", "a.yaml"]


def test_downloads_are_named_after_the_scenario_and_the_day():
    from datetime import date

    name = storage.download_name("Land barnevernstjeneste – budsjett 2017–2020", ".xlsx", date(2026, 11, 25))
    assert name == "land-barnevernstjeneste-budsjett-2017-2020-2026-11-25.xlsx"
    assert storage.download_name("../..", ".xlsx", date(2026, 11, 25)) == "kostnadsmodell-2026-11-25.xlsx"
    kinds = {"regneark": ".xlsx", "presentasjon": ".pptx", "notat": ".docx"}  # each download says what it is
    names = {storage.download_name("Land", suffix, date(2026, 11, 25), kind=k) for k, suffix in kinds.items()}
    assert names == {"land-regneark-2026-11-25.xlsx", "land-presentasjon-2026-11-25.pptx", "land-notat-2026-11-25.docx"}
