"""Land's plan of December 2016 on the command line and in JSON.

The figures themselves («Prosjektplan (utkast) Land barnevernstjeneste 2017-2018», versjon 12.12.16,
kap. 3.3) are YAML cases in tests/cases/land-2017.yaml.
"""

import json
import subprocess
import sys

from conftest import BUDGETS
from pytest import approx

from costmodel.engine import compute, views
from costmodel.scenario import load_scenario

LAND = BUDGETS / "land-2017.yaml"


def summary():
    return views.summary(compute(load_scenario(LAND)))


def test_land_budget_command_prints_the_seeds_table():
    out = subprocess.run(
        [sys.executable, "-m", "costmodel", "budget", str(LAND), "--years", "2017-2018"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    changes = out.split("\n\n")[1].splitlines()[3:]
    rows = {line.rsplit(None, 2)[0]: line.split()[-2:] for line in changes if not line.startswith("-")}
    assert rows["Kjøp av tjenester (3 stillinger, jan. t.o.m. august)"] == ["+2,8", "−2,8"]
    assert rows["Permanent oppbemanning (inntil 4 stillinger, f.o.m. juli-17)"] == ["+1,3", "+1,3"]
    assert rows["Fradrag for konsekvensjustering av administrative utgifter fra 2016"] == ["−0,5", "–"]
    assert rows["Sum"] == ["+3,6", "−1,5"]


def test_land_table_is_the_plan_without_the_ro_project():
    # RO is budgeted apart (the plan, ch. 9): nothing RO-like in the plan's lines.
    lines = summary()["alternatives"]["plan"]["lines"]
    assert set(lines) == {"kjop", "oppbemanning", "fradrag"}


def test_summary_json_has_the_contract_shape():
    out = subprocess.run(
        [sys.executable, "-m", "costmodel", "summary", str(LAND), "--json"], capture_output=True, text=True, check=True
    ).stdout
    data = json.loads(out)
    assert (data["start"], data["months"], data["baseline"]) == ("2017-01", 48, "innleie")
    plan = data["alternatives"]["plan"]
    assert plan["name"] == "Rådmannens forslag"
    expected = {"2017": 3_600_000.0, "2018": 2_100_000.0, "2019": 2_100_000.0, "2020": 2_100_000.0}
    assert plan["annual"] == approx(expected, abs=0.01)
    assert plan["fte"]["2018"] == approx(4.0)
    assert set(data["comparison"]) == {"plan"}
