"""`costmodel grid`, Excel's two-way data table: every cell is what a separate what-if run gives."""

import json
import subprocess
import sys

import pytest
from conftest import BUDGETS
from pytest import approx

from costmodel.engine import compute, views, whatif
from costmodel.engine.grid import grid, parse_axis
from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario

CASE = load_scenario(BUDGETS / "egne-saksbehandlere-2025.yaml")
ARENDAL = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")


def separately(scenario, changes, alternative, measure):
    summary = views.summary(compute(whatif.apply(scenario, changes)))
    c = summary["comparison"][alternative]
    if measure == "total":
        return c["total_difference"]
    if measure == "present_value":
        return c["present_value_difference"]
    return c["difference_by_year"][measure]


@pytest.mark.parametrize("measure", ["total", "present_value", "2026"])
def test_every_cell_is_a_separate_what_if_run(measure):
    x = parse_axis("assumptions.timepris=900,1150,1400", "--x")
    y = parse_axis("egne.saksbehandlere.fte=2,3,4", "--y")
    table = grid(CASE, x, y, measure=measure)
    assert table.difference.shape == (3, 3)
    for i, fte in enumerate(y[1]):
        for j, rate in enumerate(x[1]):
            changes = {"assumptions.timepris": rate, "egne.saksbehandlere.fte": fte}
            assert table.difference[i, j] == approx(separately(CASE, changes, "egne", measure), abs=1e-6)


def test_a_grid_over_a_ranged_driver_and_growth_in_a_nominal_scenario():
    x = parse_axis("assumptions.kjop_per_ar=4000000,5000000,6000000", "--x")
    y = parse_axis("growth.wages.2021=0.01,0.05", "--y")
    table = grid(ARENDAL, x, y, measure="present_value")
    for i, growth in enumerate(y[1]):
        for j, amount in enumerate(x[1]):
            changes = {"assumptions.kjop_per_ar": amount, "growth.wages.2021": growth}
            assert table.difference[i, j] == approx(
                separately(ARENDAL, changes, "tiltaksteam", "present_value"), abs=1e-6
            )


def test_grid_json_has_the_shape_of_the_format():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "costmodel",
            "grid",
            str(BUDGETS / "land-2017.yaml"),
            "--json",
            "--x",
            "plan.oppbemanning.fte=3,4,5",
            "--y",
            "assumptions.konsulentpris=1200000,1400000",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    assert (data["alternative"], data["measure"]) == ("plan", "total")
    assert data["x"] == {"path": "plan.oppbemanning.fte", "values": [3.0, 4.0, 5.0]}
    assert len(data["difference"]) == 2 and len(data["difference"][0]) == 3
    assert data["difference"][1][1] == approx(-4_900_000, abs=0.01)  # the file's own values: the Land figure


@pytest.mark.parametrize(
    "x, y, message",
    [
        ("plan.oppbemanning.fte=-1,2", "innleie.kjop.fte=3", "må være minst 0"),
        ("plan.finnes.fte=1", "innleie.kjop.fte=3", "finner ikke linjen «finnes»"),
        ("plan.oppbemanning.start=2017-13", "innleie.kjop.fte=3", "måned 13 finnes ikke"),
        ("months=12,24", "innleie.kjop.fte=3", "kan ikke varieres i en tabell"),
        ("plan.oppbemanning.fte=1", "plan.oppbemanning.fte=2", "to forskjellige drivere"),
        ("plan.oppbemanning.fte=tre", "innleie.kjop.fte=3", "er ikke et tall"),
        ("plan.oppbemanning.fte", "innleie.kjop.fte=3", "DRIVER=V1,V2"),
        ("innleie.kjop.annual_price_per_fte=1", "innleie.kjop.fte=3", "følger forutsetningen «Pris per innleid"),
        ("assumptions.pris=1", "innleie.kjop.fte=3", "finner ikke forutsetningen «pris»; kjente: konsulentpris"),
        ("assumptions.konsulentpris=2017-03", "innleie.kjop.fte=3", "er en måned og kan ikke stå i et tallfelt"),
    ],
)
def test_bad_axes_are_named_in_norwegian_and_exit_2(x, y, message):
    with pytest.raises(ScenarioError) as info:
        grid(load_scenario(BUDGETS / "land-2017.yaml"), parse_axis(x, "--x"), parse_axis(y, "--y"))
    assert any(message in str(p) for p in info.value.problems), info.value.problems
    out = subprocess.run(
        [sys.executable, "-m", "costmodel", "grid", str(BUDGETS / "land-2017.yaml"), "--x", x, "--y", y],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr
