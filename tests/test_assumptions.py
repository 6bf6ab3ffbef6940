"""Named assumptions (issue 11): one value or range shared by several fields, checked against the oracle.

The oracle (tests/oracle.py) resolves `{ref: NAME, plus_months: n}` on its own; each simulation draw
is checked against the oracle run on the file with that draw's values written in place.
"""

import copy
import json
import subprocess
import sys

import numpy as np
import oracle
import pytest
from conftest import BUDGETS
from helpers import scenario
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, scenarios

from costmodel.engine import compute, sensitivity, simulation, views, whatif
from costmodel.engine.grid import grid
from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario, parse_scenario, scenario_to_data
from costmodel.scenario.ranges import LINE_NUMBERS, month_text
from costmodel.yamlsafe import dump_yaml, load_yaml

CASE = BUDGETS / "egne-saksbehandlere-2025.yaml"
ARENDAL = BUDGETS / "arendal-tiltaksteam.yaml"


def _month_number(text: str) -> int:
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _link(data: dict, rnd) -> dict:
    """Random named assumptions: a number shared by every line of one kind with one field, ranged or not,
    and a month that starts lines (their ends, if any, kept after it by an offset)."""
    data = copy.deepcopy(data)
    lines = [*data["common"], *(line for alt in data["alternatives"] for line in alt["lines"])]
    fields = sorted({(line["kind"], f) for line in lines for f in line if f in LINE_NUMBERS})
    assumptions = {}
    if fields:
        kind, field = rnd.choice(fields)
        sharing = [line for line in lines if line["kind"] == kind and field in line]
        value = sharing[0][field]
        spec = {"value": value}
        if rnd.random() < 0.7:
            low, high = sorted((value * rnd.uniform(0.5, 1), value * rnd.uniform(1, 1.5)))
            if field.endswith("rate") and field != "hourly_rate":
                high = min(high, 1.0)
            if field == "hours_per_fte":
                low = max(low, 1.0)
            spec = {"low": low, "mode": value, "high": high} if rnd.random() < 0.5 else {"low": low, "high": high}
        assumptions["delt"] = {**spec, "label": "Delt verdi"}
        for line in sharing:
            line[field] = {"ref": "delt"}
    dated = [line for line in lines if rnd.random() < 0.5]
    if dated:
        first = _month_number(data["start"]) + rnd.randrange(-3, 12)
        spec = {"value": month_text(first)}
        if rnd.random() < 0.7:
            spec = {"low": month_text(first - rnd.randrange(0, 4)), "high": month_text(first + rnd.randrange(0, 6))}
        assumptions["fra"] = {**spec, "label": "Fra"}
        for line in dated:
            plus = rnd.randrange(-2, 4)
            line["start"] = {"ref": "fra", "plus_months": plus} if plus else {"ref": "fra"}
            if "end" in line and line["kind"] != "one_off":
                line["end"] = {"ref": "fra", "plus_months": plus + rnd.randrange(0, 13)}
    if rnd.random() < 0.3:
        assumptions["rente"] = {"low": 0.0, "mode": data["discount_rate"], "high": 0.1, "label": "Rente"}
        data["discount_rate"] = {"ref": "rente"}
    if assumptions:
        data["assumptions"] = assumptions
    return data


def _in_place(data: dict, values: dict) -> dict:
    """The file with each reference replaced by the drawn value (months moved by their offset)."""
    if isinstance(data, dict) and "ref" in data:
        value = values[data["ref"]]
        return month_text(value + data.get("plus_months", 0)) if isinstance(value, int) else value
    if isinstance(data, dict):
        return {k: _in_place(v, values) for k, v in data.items() if k != "assumptions"}
    if isinstance(data, list):
        return [_in_place(v, values) for v in data]
    return data


def _fixed(data: dict, s) -> dict:
    """Every assumption at its value without simulation, as `_in_place` wants it (months as numbers)."""
    return {name: int(a.value) if a.months else a.value for name, a in s.assumptions.items()}


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_a_reference_gives_exactly_what_the_number_written_in_place_gives(data, rnd):
    linked = _link(data, rnd)
    s = parse_scenario(linked)
    ours, theirs = views.summary(compute(s)), oracle.compute(linked)
    plain = views.summary(compute(parse_scenario(_in_place(linked, _fixed(linked, s)))))
    for alt, figures in theirs["alternatives"].items():
        for key in ("annual", "total", "present_value"):
            assert ours["alternatives"][alt][key] == pytest.approx(figures[key], rel=1e-9, abs=1e-6)
            assert ours["alternatives"][alt][key] == plain["alternatives"][alt][key]
    assert parse_scenario(load_yaml(dump_yaml(scenario_to_data(s)).encode())) == s


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_every_draw_is_the_file_with_that_draws_values_written_in_place(data, rnd):
    linked = _link(data, rnd)
    s = parse_scenario(linked)
    sim = simulation.simulate(s, 3, rnd.randrange(1000))
    for d in range(3):
        values = _fixed(linked, s)
        for name, a in s.assumptions.items():
            if a.range is not None:
                drawn = sim.samples[a.driver][d]
                values[name] = int(drawn) if a.months else float(drawn)
        expected = oracle.compute(_in_place(linked, values))
        for k, alt in enumerate(sim.alternatives):
            levels = np.array(list(expected["alternatives"][alt]["annual"].values()))
            scale = max(1.0, np.abs(levels).max())
            np.testing.assert_allclose(sim.annual[d, k], levels, rtol=1e-9, atol=1e-6 * scale)
            assert sim.present_value[d, k] == pytest.approx(expected["alternatives"][alt]["present_value"], rel=1e-9)


def test_linked_draws_move_together_and_keep_their_distance():
    s = load_scenario(CASE)
    assert set(s.ranges) == {"assumptions.timepris", "assumptions.ansatt_fra"}
    sim = simulation.simulate(s, 2_000, 5)
    months = sim.samples["assumptions.ansatt_fra"]
    assert set(range(_month_number("2025-02"), _month_number("2025-07"))) <= set(months)
    assert set(months) <= set(range(_month_number("2025-02"), _month_number("2025-09") + 1))
    # The agency costs the same in both alternatives until one month after the staff arrive.
    staff = 3 * (640_000 + 0.2 * 640_000) * 1.141 / 12
    agency = 2 * 1_695 * sim.samples["assumptions.timepris"] / 12
    months_2025 = months - _month_number("2025-01")
    expected_2025 = agency * (months_2025 + 2) + staff * (12 - months_2025)
    np.testing.assert_allclose(sim.annual[:, 1, 0], expected_2025, rtol=1e-12)


def test_draws_of_other_drivers_do_not_change_when_an_assumption_is_added():
    s = load_scenario(ARENDAL)
    data = scenario_to_data(s)
    data["assumptions"]["lonn"] = {"low": 480_000, "mode": 506_000, "high": 545_000, "label": "Årslønn"}
    data["alternatives"][1]["lines"][1]["annual_salary"] = {"ref": "lonn"}
    more = parse_scenario(data)
    before, after = simulation.simulate(s, 1_000, 7), simulation.simulate(more, 1_000, 7)
    for path in set(s.ranges) & set(more.ranges):
        assert np.array_equal(before.samples[path], after.samples[path]), path
    assert "tiltaksteam.team.annual_salary" not in more.ranges and "assumptions.lonn" in more.ranges


# --- what-if, tornado, goal seek, grid -------------------------------------------------------------


def test_a_what_if_on_an_assumption_moves_every_field_that_refers_to_it():
    s = load_scenario(CASE)
    changed = whatif.apply(s, {"assumptions.timepris": 1_000, "assumptions.ansatt_fra": "2025-06"})
    byra, egne = changed.alternative("byra").lines[0], changed.alternative("egne").lines
    assert byra.hourly_rate == egne[0].hourly_rate == 1_000
    assert (egne[1].start, egne[0].end) == ("2025-06", "2025-07")
    assert whatif.describe(s, {"assumptions.timepris": 1_000}) == ["Timepris byrå (kr) 1 150 kr → 1 000 kr"]
    with pytest.raises(ScenarioError) as exc:
        whatif.apply(s, {"egne.byra.hourly_rate": 900})
    assert "følger forutsetningen «Timepris byrå (kr)»; bruk assumptions.timepris" in str(exc.value)


def test_the_tornado_shows_a_later_start_making_hiring_dearer():
    s = load_scenario(CASE)
    base, bars = sensitivity.tornado(s, "egne", "total")
    month = next(b for b in bars if b.driver == "assumptions.ansatt_fra")
    assert month.label == "Nye saksbehandlere på plass"
    assert month.high > month.low  # staff in place later: the agency is kept longer, hiring costs more
    for value, expected in ((month.low_value, month.low), (month.high_value, month.high)):
        changed = whatif.apply(s, {"assumptions.ansatt_fra": month_text(value)})
        assert expected == pytest.approx(views.comparison(compute(changed))["egne"]["total_difference"], abs=1e-6)


def test_goal_seek_on_the_shared_rate_balances_both_lines():
    s = load_scenario(CASE)
    solution = sensitivity.solve(s, "assumptions.timepris", "egne", "present_value")
    changed = compute(whatif.apply(s, {"assumptions.timepris": solution.value}))
    assert abs(views.comparison(changed)["egne"]["present_value_difference"]) <= 1.0
    assert solution.value == pytest.approx(812, abs=1)
    assert "«Timepris byrå (kr)» er 812 kr" in sensitivity.sentence(s, solution)
    with pytest.raises(ScenarioError, match="følger forutsetningen"):
        sensitivity.solve(s, "byra.byra.hourly_rate", "egne")


def test_goal_seek_on_a_month_finds_the_last_month_the_alternative_is_cheaper():
    s = load_scenario(CASE)
    solution = sensitivity.solve(s, "assumptions.ansatt_fra", "egne", "2025")
    assert solution.months and solution.rising and month_text(solution.value) == "2025-06"
    for month, cheaper in (("2025-06", True), ("2025-07", False)):
        changed = compute(whatif.apply(s, {"assumptions.ansatt_fra": month}))
        assert (views.comparison(changed)["egne"]["difference_by_year"]["2025"] < 0) is cheaper
    assert sensitivity.sentence(s, solution) == (
        "«Tre egne saksbehandlere» er billigere enn «Fortsatt innleie fra byrå» (i 2025) når "
        "«Nye saksbehandlere på plass» er juni 2025 eller tidligere (i scenariet mars 2025)."
    )


def test_the_grid_over_rate_and_month_is_the_table_made_by_hand():
    s = load_scenario(CASE)
    rates, months = [900.0, 1_150.0, 1_400.0], ["2025-02", "2025-05", "2025-09"]
    table = grid(s, ("assumptions.timepris", rates), ("assumptions.ansatt_fra", months), "egne", "total")
    for i, month in enumerate(months):
        for j, rate in enumerate(rates):
            changed = compute(whatif.apply(s, {"assumptions.timepris": rate, "assumptions.ansatt_fra": month}))
            assert table.difference[i, j] == pytest.approx(views.comparison(changed)["egne"]["total_difference"])
    assert (np.diff(table.difference, axis=0) > 0).all()  # later staff: dearer, at every rate
    assert (np.diff(table.difference, axis=1) < 0).all()  # dearer agency: hiring saves more


def test_cli_grid_and_solve_take_assumptions():
    def run(*args):
        return subprocess.run([sys.executable, "-m", "costmodel", *args], capture_output=True, text=True, check=True)

    out = run(
        "grid", str(CASE), "--x", "assumptions.timepris=900,1150", "--y", "assumptions.ansatt_fra=2025-03,2025-09"
    )
    assert "Rader: Nye saksbehandlere på plass. Kolonner: Timepris byrå (kr)." in out.stdout
    assert "sep. 2025" in out.stdout and "1 150" in out.stdout
    answer = json.loads(
        run("solve", str(CASE), "--driver", "assumptions.ansatt_fra", "--measure", "2025", "--json").stdout
    )
    assert answer | {"current": None} == {
        "driver": "assumptions.ansatt_fra",
        "value": "2025-06",
        "current": None,
        "alternative": "egne",
        "measure": "2025",
        "cheaper": "to_and_including",
    }


# --- errors -------------------------------------------------------------------------------------------


def _case(assumptions, **fields):
    line = {"id": "k", "label": "Kjøp", "kind": "purchase", "annual_amount": 1_000_000, **fields}
    return scenario([line], start="2024-01", assumptions=assumptions)


@pytest.mark.parametrize(
    "assumptions, fields, path, words",
    [
        (
            {"pris": {"value": 1}},
            {"annual_amount": {"ref": "pirs"}},
            "annual_amount",
            "«pirs» er verken et tall eller en kjent forutsetning: mente du «pris»?",
        ),
        (
            {"pris": {"value": {"ref": "x"}}},
            {"annual_amount": {"ref": "pris"}},
            "assumptions.pris",
            "kan ikke vise til en annen",
        ),
        (
            {"fra": {"value": "2024-03"}},
            {"annual_amount": {"ref": "fra"}},
            "annual_amount",
            "er en måned og kan ikke stå i et tallfelt",
        ),
        ({"pris": {"value": 5}}, {"start": {"ref": "pris"}}, "start", "er et tall; start og slutt trenger en måned"),
        (
            {"pris": {"value": 5}},
            {"annual_amount": {"ref": "pris", "plus_months": 1}},
            "annual_amount.plus_months",
            "bare brukes med måneder",
        ),
        (
            {"fra": {"value": "2024-03"}},
            {"start": {"ref": "fra"}, "end": {"ref": "fra", "plus_months": -1}},
            "end",
            "før start",
        ),
        (
            {"fra": {"low": "2024-03", "high": "2024-09"}},
            {"start": {"ref": "fra"}, "end": "2024-06"},
            "end",
            "kan bli trukket før start",
        ),
        ({"pris": {"low": -5, "high": 10}}, {"annual_amount": {"ref": "pris"}}, "annual_amount", "kan bli -5 her"),
        (
            {"pris": {"value": 1, "high": 2}},
            {"annual_amount": {"ref": "pris"}},
            "assumptions.pris",
            "både value og et intervall",
        ),
        ({"pris": {"valeu": 1}}, {"annual_amount": {"ref": "pris"}}, "assumptions.pris.valeu", "mente du `value`?"),
        ({"fra": {"value": "2024-13"}}, {"start": {"ref": "fra"}}, "assumptions.fra.value", "finnes ikke"),
    ],
)
def test_each_error_names_its_field_in_norwegian(assumptions, fields, path, words):
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(_case(assumptions, **fields))
    path = path if path.startswith("assumptions") else f"alternatives[0].lines[0].{path}"
    problems = [p for p in exc.value.problems if p.path == path]
    assert problems and words in problems[0].message, exc.value.problems
    assert len(exc.value.problems) == 1, exc.value.problems  # no echo of the same problem from the field check


def test_a_start_and_end_tied_to_one_ranged_month_keep_their_distance_and_are_valid():
    s = parse_scenario(
        _case(
            {"fra": {"low": "2024-03", "high": "2024-09"}}, start={"ref": "fra"}, end={"ref": "fra", "plus_months": 2}
        )
    )
    assert (s.alternatives[0].lines[0].start, s.alternatives[0].lines[0].end) == ("2024-06", "2024-08")


def test_a_growth_rate_that_follows_an_assumption_keeps_following_it_after_another_growth_what_if():
    data = _case({"vekst": {"value": 0.03, "label": "Lønnsvekst"}}, index="wages")
    data.update(
        prices="nominal", growth={"wages": {2025: {"ref": "vekst"}, "default": 0.02}, "prices": {"default": 0.02}}
    )
    s = whatif.apply(parse_scenario(data), {"growth.wages.2026": 0.05})
    moved = whatif.apply(s, {"assumptions.vekst": 0.04})
    assert moved.growth.series("wages")[2025] == 0.04 and moved.growth.series("wages")[2026] == 0.05
