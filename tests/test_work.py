"""Long work in a child process: capped in time and memory, stopped when its session leaves, said in words; and the
server's own process and its other sessions untouched."""

from __future__ import annotations

import time

import numpy as np
import pytest
from conftest import BUDGETS

from costmodel.scenario import load_scenario
from costmodel.ui import work


def sleeps(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def fills(megabytes: int) -> int:
    return int(np.ones(megabytes * 1024 * 1024 // 8).sum())


def test_work_within_its_caps_returns_its_result():
    assert work.bounded(sleeps, 0.05, what="Testen") == 0.05
    assert work.bounded(fills, 100, what="Testen", memory_mb=600) == 100 * 1024 * 1024 // 8


def test_work_past_its_time_is_stopped_and_said_in_words():
    began = time.perf_counter()
    with pytest.raises(work.WorkStopped, match="Regnearket tok mer enn 1 sekunder og er stoppet"):
        work.bounded(sleeps, 30, what="Regnearket", seconds=1)
    assert time.perf_counter() - began < 20  # stopped, not waited out (30 s)


def test_work_past_its_memory_is_stopped_and_the_server_is_untouched():
    with pytest.raises(work.WorkStopped, match="trengte mer enn 300 MB minne"):
        work.bounded(fills, 4000, what="Simuleringen", memory_mb=300)
    assert fills(10) > 0  # this process never held the memory


def test_work_for_a_session_that_has_gone_stops():
    asked = []

    def gone() -> bool:
        asked.append(1)
        return len(asked) < 3

    began = time.perf_counter()
    with pytest.raises(work.WorkStopped, match="stoppet fordi siden ble lukket"):
        work.bounded(sleeps, 30, what="Tabellen", wanted=gone)
    assert time.perf_counter() - began < 20  # stopped, not waited out (30 s)


def test_the_engines_own_refusal_comes_back_as_its_message():
    from costmodel.engine import simulation

    scenario = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")
    with pytest.raises(work.WorkStopped, match="bruk høyst"):
        work.bounded(simulation.simulate, scenario, 200_000_000, what="Simuleringen")
