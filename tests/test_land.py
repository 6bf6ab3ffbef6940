"""The seeds' own figures, reproduced from drivers (seed 003, Land prosjektplan 12.12.16)."""

import json
import subprocess
import sys

from conftest import BUDGETS
from pytest import approx

from costmodel.engine import views
from costmodel.engine import compute
from costmodel.scenario import load_scenario

LAND = BUDGETS / "land-2017.yaml"


def summary():
    return views.summary(compute(load_scenario(LAND)))


def test_land_line_values_to_the_krone():
    # Seed 003 ch. 3.3: +2,8 / −2,8; +1,3 / +1,3; −0,5 / – (mill. kr), from drivers.
    lines = summary()["alternatives"]["plan"]["lines"]
    assert lines["kjop"]["changes"]["2017"] == approx(2_800_000, abs=0.01)
    assert lines["kjop"]["changes"]["2018"] == approx(-2_800_000, abs=0.01)
    assert lines["oppbemanning"]["changes"]["2017"] == approx(1_300_000, abs=0.01)
    assert lines["oppbemanning"]["changes"]["2018"] == approx(1_300_000, abs=0.01)
    assert lines["fradrag"]["changes"]["2017"] == approx(-500_000, abs=0.01)
    assert lines["fradrag"]["changes"]["2018"] == approx(0, abs=0.01)


def test_land_sum_row_to_the_krone():
    plan = summary()["alternatives"]["plan"]
    assert plan["changes"]["2017"] == approx(3_600_000, abs=0.01)
    assert plan["changes"]["2018"] == approx(-1_500_000, abs=0.01)


def test_land_budget_command_prints_the_seeds_table():
    out = subprocess.run(
        [sys.executable, "-m", "costmodel", "budget", str(LAND), "--years", "2017-2018"],
        capture_output=True, text=True, check=True,
    ).stdout
    changes = out.split("\n\n")[1].splitlines()[3:]
    rows = {line.rsplit(None, 2)[0]: line.split()[-2:] for line in changes if not line.startswith("-")}
    assert rows["Kjøp av tjenester (3 stillinger, jan. t.o.m. august)"] == ["+2,8", "−2,8"]
    assert rows["Permanent oppbemanning (inntil 4 stillinger, f.o.m. juli-17)"] == ["+1,3", "+1,3"]
    assert rows["Fradrag for konsekvensjustering av administrative utgifter fra 2016"] == ["−0,5", "–"]
    assert rows["Sum"] == ["+3,6", "−1,5"]


def test_land_table_is_the_plan_without_the_ro_project():
    # RO is budgeted apart (seed ch. 9): nothing RO-like in the plan's lines.
    lines = summary()["alternatives"]["plan"]["lines"]
    assert set(lines) == {"kjop", "oppbemanning", "fradrag"}


def test_ro_project_budget_is_24_dagsverk_at_17000():
    ro = views.summary(compute(load_scenario(BUDGETS / "land-2017-ro-prosjekt.yaml")))
    assert ro["alternatives"]["prosjekt"]["annual"]["2017"] == approx(24 * 17_000, abs=0.01)  # 408 000; seed rounds to 400 000


def test_land_comparison_with_continued_hiring():
    comparison = summary()["comparison"]["plan"]
    # Baseline 3 × 1,4 mill. a year; the plan 2,8 + 1,3 in 2017, 2,6 mill. a year after; both −0,5.
    expected = {"2017": -100_000, "2018": -1_600_000, "2019": -1_600_000, "2020": -1_600_000}
    assert comparison["difference_by_year"] == approx(expected, abs=0.01)
    assert comparison["total_difference"] == approx(-4_900_000, abs=0.01)
    # From July the plan pays both; by December 2017 it has caught up (433 333 − 4 × 133 333 < 0).
    assert comparison["break_even_month"] == "2017-12"


def test_summary_json_has_the_contract_shape():
    out = subprocess.run([sys.executable, "-m", "costmodel", "summary", str(LAND), "--json"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    data = json.loads(out)
    assert (data["start"], data["months"], data["baseline"]) == ("2017-01", 48, "innleie")
    plan = data["alternatives"]["plan"]
    assert plan["name"] == "Rådmannens forslag"
    expected = {"2017": 3_600_000.0, "2018": 2_100_000.0, "2019": 2_100_000.0, "2020": 2_100_000.0}
    assert plan["annual"] == approx(expected, abs=0.01)
    assert plan["fte"]["2018"] == approx(4.0)
    assert set(data["comparison"]) == {"plan"}
