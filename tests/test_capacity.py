"""Capacity (issue 12): sick leave, refund and vacancy on staff lines; the need, the gap and its cover.

Every figure is checked against the plain-loop oracle (tests/oracle.py), which implements the
capacity rules of the format on its own, and against a hand calculation.
"""

import copy

import numpy as np
import oracle
import pytest
from helpers import scenario
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, scenarios

from costmodel.engine import compute, sensitivity, simulation, views, whatif
from costmodel.errors import ScenarioError
from costmodel.scenario import parse_scenario, scenario_to_data
from costmodel.scenario.ranges import month_text
from costmodel.yamlsafe import dump_yaml, load_yaml

rate = st.floats(0, 0.4, allow_nan=False)


@st.composite
def capacity_scenarios(draw):
    """Random scenarios with random capacity rates (scenario-wide and on lines), `capacity: false` lines and
    a need (årsverk or cases) covered by consultants or not."""
    data = copy.deepcopy(draw(scenarios()))
    data["parameters"] = {
        **(data.get("parameters") or {}),
        "sick_leave_rate": draw(rate),
        "sick_pay_refund_rate": draw(st.floats(0, 1)),
        "vacancy_rate": draw(rate),
    }
    for line in [*data["common"], *(line for alt in data["alternatives"] for line in alt["lines"])]:
        if line["kind"] == "staff" and draw(st.booleans()):
            line["sick_leave_rate"] = draw(rate)
        if line["kind"] in ("staff", "consultant", "purchase") and draw(st.integers(0, 4)) == 0:
            line["capacity"] = False
    start_year = int(data["start"][:4])
    if draw(st.booleans()):
        need = {"fte": {start_year: draw(st.floats(0, 12)), "default": draw(st.floats(0, 12))}}
    else:
        need = {"cases": {"default": draw(st.floats(0, 200))}, "cases_per_fte": draw(st.floats(5, 20))}
    cover = draw(st.sampled_from(["consultant", "none"]))
    data["capacity"] = {"need": need, "cover": cover}
    if cover == "consultant":
        if draw(st.booleans()):
            data["capacity"]["cover_price_per_fte"] = draw(st.floats(0, 2_500_000))
        else:
            data["capacity"]["cover_hourly_rate"] = draw(st.floats(0, 1_500))
    return data


def _close(ours, theirs):
    assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-6)


@SETTINGS
@given(capacity_scenarios())
def test_the_engine_agrees_with_the_oracle_on_capacity(data):
    s = parse_scenario(data)
    ours, theirs = views.summary(compute(s)), oracle.compute(data)
    for alt, figures in theirs["alternatives"].items():
        mine = ours["alternatives"][alt]
        for key in ("annual", "changes", "fte", "total", "present_value"):
            _close(mine[key], figures[key])
        for name, values in figures["capacity"].items():
            _close(mine["capacity"][name], values)
        assert set(mine["lines"]) == set(figures["lines"])
        for line_id, line in figures["lines"].items():
            _close(mine["lines"][line_id]["annual"], line["annual"])
    for alt, figures in theirs["comparison"].items():
        _close(ours["comparison"][alt]["difference_by_year"], figures["difference_by_year"])
        assert ours["comparison"][alt]["break_even_month"] == figures["break_even_month"]
    assert parse_scenario(load_yaml(dump_yaml(scenario_to_data(s)).encode())) == s


@SETTINGS
@given(capacity_scenarios(), st.randoms(use_true_random=False))
def test_every_draw_with_ranged_rates_and_need_equals_a_deterministic_run(data, rnd):
    data = copy.deepcopy(data)
    sick = data["parameters"]["sick_leave_rate"]
    data["parameters"]["sick_leave_rate"] = {"low": 0.0, "mode": sick, "high": 0.5}
    need = data["capacity"]["need"]
    key = "fte" if "fte" in need else "cases"
    value = need[key]["default"]
    need[key]["default"] = {"low": value * 0.5, "high": value * 1.5 + 1}
    for line in [*data["common"], *(line for alt in data["alternatives"] for line in alt["lines"])]:
        if line.get("fte_equivalent") is not None:  # what a purchase delivers, ranged (contract 1.3)
            line["fte_equivalent"] = {"low": 0.0, "mode": line["fte_equivalent"], "high": line["fte_equivalent"] + 2}
    s = parse_scenario(data)
    sim = simulation.simulate(s, 3, rnd.randrange(1000))
    for d in range(3):
        values = {p: month_text(v[d]) if s.ranges[p].months else float(v[d]) for p, v in sim.samples.items()}
        result = compute(whatif.apply(s, values))
        levels = views.alternative_levels_array(result)
        scale = max(1.0, np.abs(levels).max())
        np.testing.assert_allclose(sim.annual[d], levels, rtol=0, atol=1e-9 * scale)


def test_without_rates_or_need_every_figure_is_as_before():
    data = scenario([{"id": "t", "label": "Team", "kind": "staff", "fte": 3, "annual_salary": 600_000}])
    plain = views.summary(compute(parse_scenario(data)))
    zero = copy.deepcopy(data)
    zero["parameters"] = {"sick_leave_rate": 0.0, "sick_pay_refund_rate": 0.0, "vacancy_rate": 0.0}
    assert views.summary(compute(parse_scenario(zero)))["alternatives"] == plain["alternatives"]
    assert "capacity" not in plain["alternatives"]["a"] and list(plain["alternatives"]["a"]["lines"]) == ["t"]


def test_a_hand_calculation():
    """The worked example of docs/method.md §13, to the krone."""
    data = scenario(
        alternatives=[
            {
                "id": "kjop",
                "lines": [
                    {"id": "k", "label": "Innleie", "kind": "consultant", "fte": 4, "annual_price_per_fte": 1_200_000}
                ],
            },
            {
                "id": "egne",
                "lines": [
                    {
                        "id": "t",
                        "label": "Team",
                        "kind": "staff",
                        "fte": 5,
                        "annual_cost_per_fte": 600_000,
                        "start": "2025-04",
                    },
                    {
                        "id": "leder",
                        "label": "Leder",
                        "kind": "staff",
                        "fte": 1,
                        "annual_cost_per_fte": 900_000,
                        "capacity": False,
                    },
                ],
            },
        ],
        start="2025-01",
        months=24,
        baseline="kjop",
        parameters={"sick_leave_rate": 0.1, "sick_pay_refund_rate": 0.6, "vacancy_rate": 0.05},
        capacity={"need": {"fte": {2025: 4, "default": 5}}, "cover": "consultant", "cover_price_per_fte": 1_200_000},
    )
    out = views.summary(compute(parse_scenario(data)))["alternatives"]
    egne = out["egne"]["lines"]
    # Team: 5 × 600 000 / 12 × (1 − 0,05) = 237 500 kr a month, April–December 2025
    assert egne["t"]["annual"]["2025"] == pytest.approx(9 * 237_500)
    # Refund: − 237 500 × 0,10 × 0,60 = − 14 250 kr a month
    assert egne["t.refusjon"]["annual"]["2025"] == pytest.approx(-9 * 14_250)
    assert egne["leder.refusjon"]["annual"]["2025"] == pytest.approx(-12 * 900_000 / 12 * 0.95 * 0.06)
    # Own effective årsverk: 5 × 0,95 × 0,90 = 4,275 from April (the leader counts for none)
    assert out["egne"]["capacity"]["own"]["2025"] == pytest.approx(4.275 * 9 / 12)
    # Gap 2025: 4 årsverk January–March, none after (4,275 ≥ 4); 2026: 5 − 4,275 = 0,725 all year
    assert egne["dekning"]["annual"]["2025"] == pytest.approx(3 * 4 * 1_200_000 / 12)
    assert egne["dekning"]["annual"]["2026"] == pytest.approx(0.725 * 1_200_000)
    assert out["egne"]["capacity"]["cover"] == pytest.approx({"2025": 1.0, "2026": 0.725})
    assert out["kjop"]["lines"]["dekning"]["annual"] == {"2025": 0.0, "2026": 1_200_000.0}
    # The årsverk view shows paid årsverk: 4,75 team from April, 0,95 leader, and the cover
    assert out["egne"]["fte"]["2025"] == pytest.approx(4.75 * 9 / 12 + 0.95 + 1.0)


def test_a_need_in_cases_and_an_uncovered_gap():
    data = scenario(
        [{"id": "t", "label": "Team", "kind": "staff", "fte": 2, "annual_cost_per_fte": 600_000}],
        start="2025-01",
        months=12,
        capacity={"need": {"cases": {"default": 33}, "cases_per_fte": 11}},
    )
    out = views.summary(compute(parse_scenario(data)))["alternatives"]["a"]
    assert out["capacity"] == {
        "need": {"2025": 3.0},
        "own": {"2025": 2.0},
        "cover": {"2025": 0.0},
        "unmet": {"2025": 1.0},
    }
    assert "dekning" not in out["lines"]


@pytest.mark.parametrize(
    "capacity, path, words",
    [
        ({"need": {"fte": {"default": 3}}, "cover": "consultant"}, "capacity", "trenger én pris"),
        ({"need": {"cases": {"default": 3}}}, "capacity.need", "cases_per_fte"),
        ({"need": {"fte": {"default": -1}}}, "capacity.need.fte.default", "minst 0"),
        ({"need": {}}, "capacity.need", "oppgi behovet"),
        ({"need": {"fte": {"default": 3}}, "cover": "vikar"}, "capacity.cover", "consultant"),
    ],
)
def test_capacity_errors_name_their_field(capacity, path, words):
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(scenario([], capacity=capacity))
    found = [p for p in exc.value.problems if p.path == path]
    assert found and words in found[0].message, exc.value.problems


def test_the_cover_line_id_is_reserved():
    line = {"id": "dekning", "label": "x", "kind": "fixed", "annual_amount": 1}
    capacity = {"need": {"fte": {"default": 1}}, "cover": "consultant", "cover_price_per_fte": 1}
    with pytest.raises(ScenarioError, match="reservert"):
        parse_scenario(scenario([line], capacity=capacity))


def test_with_high_sick_leave_the_tornado_puts_it_at_the_top():
    data = scenario(
        alternatives=[
            {
                "id": "kjop",
                "lines": [
                    {"id": "k", "label": "Innleie", "kind": "consultant", "fte": 5, "annual_price_per_fte": 1_300_000}
                ],
            },
            {
                "id": "egne",
                "lines": [
                    {
                        "id": "t",
                        "label": "Team",
                        "kind": "staff",
                        "fte": 6,
                        "annual_cost_per_fte": {"low": 620_000, "mode": 650_000, "high": 700_000},
                    }
                ],
            },
        ],
        start="2025-01",
        months=48,
        baseline="kjop",
        parameters={"sick_leave_rate": {"low": 0.1, "mode": 0.25, "high": 0.4}, "sick_pay_refund_rate": 0.6},
        capacity={"need": {"fte": {"default": 5}}, "cover": "consultant", "cover_price_per_fte": 1_300_000},
    )
    _, bars = sensitivity.tornado(parse_scenario(data), "egne", "total")
    assert bars[0].driver == "parameters.sick_leave_rate" and bars[0].label == "sykefravær"
    assert bars[0].high > bars[0].low  # more sick leave: more cover to buy


def test_the_published_figures_for_choosing_the_rates_carry_their_sources():
    from costmodel.parameters import load_reference
    from costmodel.report import narrative

    reference = load_reference().capacity
    assert set(reference) == {"sick_leave", "turnover", "refill_months", "cover_price_ratio"}
    lines = narrative.capacity_references()
    assert any(
        line.startswith("Sykefravær: Kommunene samlet, legemeldt per kvartal: 5,6 %–8,5 % (2021).") for line in lines
    )
    assert any(line.startswith("Turnover: Barnevernstjenesten, KS (2015→16): 11,5 % (2016).") for line in lines)
    for figures in reference.values():
        for figure in figures.figures:
            assert figure.low <= figure.high and figure.references and figure.confidence in ("✔", "◐")


# --- contract 1.3: what a purchase delivers ------------------------------------------------------------------

SILENT = {
    "name": "Kjøp mot team",
    "start": "2026-01",
    "months": 24,
    "baseline": "kjop",
    "alternatives": [
        {
            "id": "kjop",
            "name": "Fortsatt kjøp",
            "lines": [{"id": "t", "label": "Kjøp av tiltak", "kind": "purchase", "annual_amount": 5_000_000}],
        },
        {
            "id": "team",
            "name": "Eget team",
            "lines": [{"id": "s", "label": "Team", "kind": "staff", "fte": 6, "annual_cost_per_fte": 750_000}],
        },
    ],
}


def test_a_purchase_that_says_nothing_makes_the_capacity_comparison_unjudgeable_not_zero():
    from costmodel.report.narrative import unequal_capacity

    text, need = unequal_capacity(compute(parse_scenario(SILENT)))
    assert text.startswith("Om alternativene gir samme kapasitet, kan ikke vurderes: «Kjøp av tiltak» (Fortsatt kjøp)")
    assert "0,0" not in text and need is None
    data = copy.deepcopy(SILENT)
    data["alternatives"][0]["lines"][0]["fte_equivalent"] = 3.8
    text, need = unequal_capacity(compute(parse_scenario(data)))
    assert "om lag 3,8 mot 6,0 effektive årsverk" in text and need == {
        "default": 6.0
    }  # a purchase's årsverk: estimated


def test_arendals_purchases_say_what_they_deliver_and_its_council_documents_say_3_8_not_0():
    from conftest import BUDGETS

    from costmodel.report import council
    from costmodel.scenario import load_scenario, scenario_warnings

    result = compute(load_scenario(BUDGETS / "arendal-tiltaksteam.yaml"))
    lines = council.assumption_lines(result, [])
    assert lines[0].startswith("Merk: Alternativene gir ulik kapasitet: om lag 3,8 mot 6,0 effektive årsverk")
    assert not any("0,0 mot" in line for line in lines)
    assert scenario_warnings(result.scenario) == []


def test_under_a_need_a_purchase_that_says_nothing_is_warned_about_by_name():
    from costmodel.scenario import scenario_warnings

    data = copy.deepcopy(SILENT) | {"capacity": {"need": {"fte": {"default": 6}}, "cover": "none"}}
    (warning,) = scenario_warnings(parse_scenario(data))
    assert warning.path == "alternatives[0].lines[0].fte_equivalent"
    assert warning.message.startswith("«Kjøp av tiltak» (Fortsatt kjøp) er et kjøp som ikke sier hva det leverer")
    data["alternatives"][0]["lines"][0]["capacity"] = False  # said: it delivers nothing
    assert scenario_warnings(parse_scenario(data)) == []


def test_goal_seek_finds_the_årsverk_a_purchase_must_deliver_for_the_team_to_break_even():
    data = copy.deepcopy(SILENT) | {
        "capacity": {"need": {"fte": {"default": 6}}, "cover": "consultant", "cover_price_per_fte": 1_500_000}
    }
    data["alternatives"][0]["lines"][0] |= {
        "annual_amount": 3_000_000,
        "fte_equivalent": {"low": 2, "mode": 4, "high": 6},
    }
    s = parse_scenario(data)
    solution = sensitivity.solve(s, "kjop.t.fte_equivalent", "team", "total")
    # by hand: the team costs 6 × 750 000 = 4 500 000 a year; buying costs 3 000 000 + (6 − f) × 1 500 000 of
    # cover, as much when f = 5
    assert solution.value == pytest.approx(5.0, abs=1e-6)
    at = whatif.apply(s, {"kjop.t.fte_equivalent": solution.value})
    assert abs(views.summary(compute(at))["comparison"]["team"]["total_difference"]) < 1
