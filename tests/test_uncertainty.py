"""Ranges, Monte Carlo, tornado and goal seek (issue 5): figures checked against deterministic runs."""

import copy
import json
import math
import subprocess
import sys

import numpy as np
import pytest
from conftest import BUDGETS
from helpers import scenario, team_case
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, scenarios

from costmodel.engine import compute, sensitivity, simulation, views, whatif
from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario, parse_scenario, scenario_to_data
from costmodel.scenario.ranges import month_text
from costmodel.yamlsafe import dump_yaml, load_yaml

ARENDAL = BUDGETS / "arendal-tiltaksteam.yaml"


def plain(data):
    """Scenario data with every range replaced by its deterministic value."""
    s = parse_scenario(data)
    out = s.model_dump(mode="json", exclude_unset=True)
    return parse_scenario(out)


def two_way(kjop=None, team=None, **top):
    """Buying (baseline) against an own team, fixed prices, 2024–2026."""
    return scenario(
        alternatives=[
            {
                "id": "kjop",
                "lines": [{"id": "k", "label": "Kjøp", "kind": "purchase", "annual_amount": kjop or 1_200_000}],
            },
            {
                "id": "egen",
                "lines": [
                    {
                        "id": "t",
                        "label": "Team",
                        "kind": "staff",
                        "fte": 2,
                        "annual_cost_per_fte": team or 500_000,
                        "start": "2024-04",
                    }
                ],
            },
        ],
        baseline="kjop",
        start="2024-01",
        months=36,
        **top,
    )


# --- ranges in scenario files ----------------------------------------------------------------------


def test_arendal_ranges_leave_every_deterministic_figure_as_before():
    s = load_scenario(ARENDAL)
    assert len(s.ranges) == 6
    assert views.summary(compute(s)) == views.summary(compute(plain(load_yaml(ARENDAL.read_bytes()))))
    # the source's own figures (Arendal, tiltaksteam 2019): 5 mill. kr of purchases, six positions from September 2019
    assert s.alternative("kjop").lines[0].annual_amount == 5_000_000
    assert s.alternative("tiltaksteam").lines[1].start == "2019-09"


def test_mode_or_midpoint_is_the_deterministic_value():
    data = two_way(kjop={"low": 1_000_000, "high": 1_600_000}, team={"low": 400_000, "mode": 450_000, "high": 700_000})
    data["alternatives"][1]["lines"][0]["start"] = {"low": "2024-03", "high": "2024-06"}
    s = parse_scenario(data)
    assert s.alternative("kjop").lines[0].annual_amount == 1_300_000
    assert s.alternative("egen").lines[0].annual_cost_per_fte == 450_000
    assert s.alternative("egen").lines[0].start == "2024-04"  # the earlier of the two middle months


def test_ranges_survive_the_yaml_round_trip_and_what_ifs_elsewhere():
    s = load_scenario(ARENDAL)
    again = parse_scenario(load_yaml(dump_yaml(scenario_to_data(s)).encode()))
    assert again == s and again.ranges == s.ranges
    changed = whatif.apply(s, {"tiltaksteam.team.fte": 5})
    assert changed.ranges == s.ranges
    pinned = whatif.apply(s, {"assumptions.kjop_per_ar": 5_500_000})
    assert "assumptions.kjop_per_ar" not in pinned.ranges and len(pinned.ranges) == 5
    assert [line.annual_amount for line in pinned.lines_of("tiltaksteam")[:1] + pinned.lines_of("kjop")] == [5.5e6] * 2


@pytest.mark.parametrize(
    "field, spec, path, words",
    [
        (
            "annual_amount",
            {"low": 3e6, "mode": 1e6, "high": 2e6},
            "alternatives[0].lines[0].annual_amount",
            "større enn high",
        ),
        (
            "annual_amount",
            {"low": 1e6, "mode": 3e6, "high": 2e6},
            "alternatives[0].lines[0].annual_amount.mode",
            "utenfor",
        ),
        ("annual_amount", {"low": -1, "high": 2e6}, "alternatives[0].lines[0].annual_amount.low", "minst 0"),
        ("annual_amount", {"low": 1, "high": "mye"}, "alternatives[0].lines[0].annual_amount.high", "tall"),
        (
            "annual_amount",
            {"low": 1, "mode": 2, "high": 3, "dist": "uniform"},
            "alternatives[0].lines[0].annual_amount.dist",
            "uniform",
        ),
        (
            "annual_amount",
            {"low": 1, "high": 3, "dist": "pert"},
            "alternatives[0].lines[0].annual_amount.mode",
            "trenger mode",
        ),
        (
            "annual_amount",
            {"low": 1, "high": 3, "dist": "lognormal"},
            "alternatives[0].lines[0].annual_amount.dist",
            "ukjent fordeling",
        ),
        ("annual_amount", {"min": 1, "max": 3}, "alternatives[0].lines[0].annual_amount", "ukjent nøkkel"),
        ("vat_rate", {"low": 0.1, "high": 25}, "alternatives[0].lines[0].vat_rate.high", "prosentsats"),
        ("start", {"low": "2024-13", "high": "2025-02"}, "alternatives[0].lines[0].start.low", "finnes ikke"),
        ("end", {"low": "2023-01", "high": "2025-02"}, "alternatives[0].lines[0].end", "før start"),
    ],
)
def test_bad_ranges_are_errors_that_name_the_field(field, spec, path, words):
    line = {"id": "k", "label": "Kjøp", "kind": "purchase", "annual_amount": 1_000_000, field: spec}
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(scenario([line], start="2024-01"))
    problems = [p for p in exc.value.problems if p.path == path]
    assert problems and words in problems[0].message, exc.value.problems


# --- Monte Carlo ------------------------------------------------------------------------------------


def test_same_seed_same_numbers_and_a_new_range_moves_no_other_draw():
    s = load_scenario(ARENDAL)
    first, second = simulation.simulate(s, 3_000, 7), simulation.simulate(s, 3_000, 7)
    assert np.array_equal(first.annual, second.annual) and simulation.summary(first) == simulation.summary(second)
    assert not np.array_equal(first.annual, simulation.simulate(s, 3_000, 8).annual)
    more = whatif.apply(s, {"tiltaksteam.team.fte": {"low": 5, "mode": 6, "high": 6}})
    extra = simulation.simulate(more, 3_000, 7)
    for path in s.ranges:
        assert np.array_equal(extra.samples[path], first.samples[path])


def test_the_arendal_file_sets_draws_and_seed():
    s = load_scenario(ARENDAL)
    result = simulation.summary(simulation.simulate(s))
    assert (result["draws"], result["seed"]) == (10_000, 2019)
    c = result["comparison"]["tiltaksteam"]
    assert 0.3 < c["probability_cheaper"] < 0.9  # genuinely uncertain, as the ranges say
    assert c["total_difference"]["p10"] < 0 < c["total_difference"]["p90"]


def test_zero_width_ranges_give_the_deterministic_result():
    data = load_yaml(ARENDAL.read_bytes())
    deterministic = views.summary(compute(plain(data)))
    zero = parse_scenario(_zero_width(data))
    result = simulation.summary(simulation.simulate(zero, 50, 3))
    for alt, figures in deterministic["alternatives"].items():
        got = result["alternatives"][alt]
        for stat in ("mean", "p10", "p50", "p90"):
            assert got["total"][stat] == pytest.approx(figures["total"], abs=1e-6)
            assert got["present_value"][stat] == pytest.approx(figures["present_value"], abs=1e-6)
            for year, level in figures["annual"].items():
                assert got["annual"][year][stat] == pytest.approx(level, abs=1e-6)
    c, d = result["comparison"]["tiltaksteam"], deterministic["comparison"]["tiltaksteam"]
    assert c["probability_cheaper"] == (1.0 if d["total_difference"] < 0 else 0.0)
    assert c["break_even_month"]["p50"] == d["break_even_month"] == "2022-11"


def _zero_width(data):
    """Every range collapsed onto its deterministic value (months too)."""
    s = parse_scenario(data)
    out = copy.deepcopy(data)
    changes = {}
    for path, r in s.ranges.items():
        value = month_text(r.value) if r.months else r.value
        changes[path] = {"low": value, "mode": value, "high": value}
    return scenario_to_data(whatif.apply(parse_scenario(out), changes))


@pytest.mark.parametrize(
    "spec, mean",
    [
        ({"low": 1_000_000, "mode": 1_200_000, "high": 2_000_000}, (1_000_000 + 4 * 1_200_000 + 2_000_000) / 6),
        (
            {"low": 1_000_000, "mode": 1_200_000, "high": 2_000_000, "dist": "triangular"},
            (1_000_000 + 1_200_000 + 2_000_000) / 3,
        ),
        ({"low": 1_000_000, "high": 2_000_000}, 1_500_000),
    ],
)
def test_monte_carlo_mean_of_a_linear_driver_is_within_four_standard_errors(spec, mean):
    s = parse_scenario(two_way(kjop=spec))
    sim = simulation.simulate(s, 10_000, 11)
    total = sim.total[:, 0]
    standard_error = total.std(ddof=1) / math.sqrt(len(total))
    assert abs(total.mean() - 3 * mean) < 4 * standard_error  # 36 months of annual_amount / 12
    assert s.ranges["kjop.k.annual_amount"].mean == pytest.approx(mean)


def test_probabilities_follow_the_draws():
    s = parse_scenario(two_way(kjop={"low": 900_000, "high": 1_500_000}))
    sim = simulation.simulate(s, 4_000, 5)
    result = simulation.summary(sim)["comparison"]["egen"]
    difference = sim.total[:, 1] - sim.total[:, 0]
    assert result["probability_cheaper"] == np.mean(difference < 0)
    # egen costs 2 × 500 000 × 33/12 = 2,75 mill.; kjop costs 3 × amount: cheaper when amount > 916 667
    assert result["probability_cheaper"] == pytest.approx((1_500_000 - 2_750_000 / 3) / 600_000, abs=0.03)
    assert result["probability_break_even"] == pytest.approx(result["probability_cheaper"], abs=1e-3)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_every_draw_equals_a_deterministic_run_with_its_values(data, rnd):
    """The vectorised engine against the ledger engine: each draw's values put in with what-if."""
    data = copy.deepcopy(data)
    _add_ranges(data, rnd)
    s = parse_scenario(data)
    sim = simulation.simulate(s, 3, rnd.randrange(1000))
    for d in range(3):
        values = {p: month_text(v[d]) if s.ranges[p].months else float(v[d]) for p, v in sim.samples.items()}
        result = compute(whatif.apply(s, values))
        levels = views.alternative_levels_array(result)
        scale = max(1.0, np.abs(levels).max())
        np.testing.assert_allclose(sim.annual[d], levels, rtol=0, atol=1e-9 * scale)
        pv = levels @ views.discount_factors(result)
        np.testing.assert_allclose(sim.present_value[d], pv, rtol=0, atol=1e-9 * scale)


def _add_ranges(data, rnd):
    """Random ranges on random numeric drivers: money, årsverk, rates, starts, pension, the discount rate, growth."""
    lines = [*data["common"], *(line for alt in data["alternatives"] for line in alt["lines"])]
    for line in lines:
        for field, value in list(line.items()):
            if field in ("previous_year_amount",) or isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            if rnd.random() < 0.5:
                continue
            low, high = sorted((value * rnd.uniform(0.5, 1), value * rnd.uniform(1, 1.5)))
            if field.endswith("rate") and field != "hourly_rate":
                high = min(high, 1.0)
            if field == "hours_per_fte":
                low = max(low, 1.0)
            dist = rnd.choice(["pert", "triangular", "uniform"])
            line[field] = (
                {"low": low, "high": high}
                if dist == "uniform"
                else {"low": low, "mode": value, "high": high, "dist": dist}
            )
        if "end" not in line and rnd.random() < 0.3:
            start = line.get("start", data["start"])
            number = int(start[:4]) * 12 + int(start[5:]) - 1
            line["start"] = {"low": month_text(number - 2), "mode": start, "high": month_text(number + 3)}
    if "parameters" in data and rnd.random() < 0.5:
        rate = data["parameters"]["pension_rate"]
        data["parameters"]["pension_rate"] = {"low": rate / 2, "mode": rate, "high": min(1.0, rate * 1.5)}
    if rnd.random() < 0.5:
        rate = data["discount_rate"]
        data["discount_rate"] = {"low": 0.0, "mode": rate, "high": max(rate, 0.1)}
    if data["prices"] == "nominal" and rnd.random() < 0.5:
        data["growth"]["wages"]["default"] = {"low": -0.02, "high": 0.08}
    if data["prices"] == "nominal" and rnd.random() < 0.5:
        data["growth"]["prices"][2020] = {"low": 0.0, "mode": 0.03, "high": 0.1, "dist": "triangular"}


def test_samples_are_every_draw_with_its_drivers_and_totals():
    s = load_scenario(ARENDAL)
    sim = simulation.simulate(s, 500, 1)
    frame = simulation.samples_frame(sim)
    assert len(frame) == 500 and list(frame.columns[:6]) == list(s.ranges)
    assert set(frame["tiltaksteam.team.start"]) <= {"2019-08", "2019-09", "2019-10", "2019-11", "2019-12", "2020-01"}
    assert len(set(frame["tiltaksteam.team.start"])) == 6
    assert frame["kjop.total"].to_numpy() == pytest.approx(sim.total[:, 0])


# --- tornado ------------------------------------------------------------------------------------


def test_tornado_swings_match_separate_deterministic_runs():
    s = load_scenario(ARENDAL)
    base, bars = sensitivity.tornado(s, "tiltaksteam")
    assert base == pytest.approx(views.comparison(compute(s))["tiltaksteam"]["present_value_difference"], abs=1e-6)
    assert [b.swing for b in bars] == sorted((b.swing for b in bars), reverse=True)
    assert bars[0].driver == "assumptions.kjop_per_ar"  # the price of buying matters most
    assert bars[0].label == "Kjøp av hjelpetiltak per år (kr)"
    for bar in bars:
        r = s.ranges[bar.driver]
        for value, expected in ((bar.low_value, bar.low), (bar.high_value, bar.high)):
            changed = whatif.apply(s, {bar.driver: month_text(value) if r.months else value})
            actual = views.comparison(compute(changed))["tiltaksteam"]["present_value_difference"]
            assert expected == pytest.approx(actual, abs=1e-6)
        assert bar.swing == pytest.approx(abs(bar.high - bar.low))


def test_tornado_in_one_year():
    s = load_scenario(ARENDAL)
    _, bars = sensitivity.tornado(s, "tiltaksteam", "2019")
    by_driver = {b.driver: b for b in bars}
    # In 2019 both alternatives buy all year at the one shared price: it moves neither difference.
    assert by_driver["assumptions.kjop_per_ar"].low == pytest.approx(1_665_630.40, abs=0.01)
    assert by_driver["assumptions.kjop_per_ar"].swing == pytest.approx(0, abs=1e-6)


# --- goal seek -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "driver, measure",
    [
        ("assumptions.kjop_per_ar", "present_value"),
        ("assumptions.kjop_per_ar", "total"),
        ("tiltaksteam.team.annual_salary", "present_value"),
        ("tiltaksteam.team.fte", "2021"),
        ("parameters.pension_rate", "total"),
        ("parameters.overhead_per_fte", "present_value"),
        ("discount_rate", "present_value"),
    ],
)
def test_goal_seek_value_balances_within_one_krone(driver, measure):
    s = load_scenario(ARENDAL)
    try:
        solution = sensitivity.solve(s, driver, "tiltaksteam", measure)
    except sensitivity.NoBalance:
        assert driver == "discount_rate"  # the sign never changes with the rate here
        return
    changed = compute(whatif.apply(s, {driver: solution.value}))
    c = views.comparison(changed)["tiltaksteam"]
    key = {"present_value": "present_value_difference", "total": "total_difference"}.get(measure)
    difference = c[key] if key else c["difference_by_year"][measure]
    assert abs(difference) <= 1.0


def test_goal_seek_finds_the_purchase_price_where_buying_and_the_team_cost_the_same():
    s = parse_scenario(two_way())
    solution = sensitivity.solve(s, "kjop.k.annual_amount", "egen", "total")
    assert solution.value == pytest.approx(2_750_000 / 3, abs=1e-3)  # 2 × 500 000 × 33/12 over 3 years
    assert not solution.rising
    assert "916 667 kr" in sensitivity.sentence(s, solution) and "over dette" in sensitivity.sentence(s, solution)


def test_goal_seek_says_so_when_nothing_balances():
    s = load_scenario(ARENDAL)
    with pytest.raises(sensitivity.NoBalance) as exc:
        sensitivity.solve(s, "tiltaksteam.team.recruitment_cost", "tiltaksteam", "2019")
    assert "Ingen verdi" in exc.value.problems[0].message and "dyrere for alle verdier" in exc.value.problems[0].message


@pytest.mark.parametrize(
    "driver, words",
    [
        ("kjop.hjelpetiltak.annual_amount", "følger forutsetningen «Kjøp av hjelpetiltak per år (kr)»"),
        ("tiltaksteam.nope.fte", "finner ikke linjen"),
        ("kjop.hjelpetiltak.units_per_month", "ikke satt"),
    ],
)
def test_goal_seek_refuses_what_it_cannot_solve(driver, words):
    with pytest.raises(ScenarioError) as exc:
        sensitivity.solve(load_scenario(ARENDAL), driver, "tiltaksteam")
    assert words in exc.value.problems[0].message


def test_questions_without_a_baseline_or_with_a_bad_measure_are_refused():
    data = two_way()
    del data["baseline"]
    with pytest.raises(ScenarioError, match="nullalternativ"):
        sensitivity.tornado(parse_scenario(data))
    with pytest.raises(ScenarioError, match="2030"):
        sensitivity.tornado(parse_scenario(two_way()), "egen", "2030")
    with pytest.raises(ScenarioError, match="kan ikke sammenlignes"):
        sensitivity.tornado(parse_scenario(two_way()), "kjop")


def test_json_contract_shape():
    result = json.loads(json.dumps(simulation.summary(simulation.simulate(load_scenario(ARENDAL), 200, 4))))
    assert set(result) >= {"draws", "seed", "alternatives", "comparison"}
    for alt in result["alternatives"].values():
        assert set(alt["total"]) == set(alt["present_value"]) == {"mean", "p10", "p50", "p90"}
        assert list(alt["annual"]) == ["2019", "2020", "2021", "2022", "2023"]
    c = result["comparison"]["tiltaksteam"]
    assert set(c) >= {"probability_cheaper", "probability_break_even", "total_difference"}


# --- the command line ---------------------------------------------------------------------------


def cli(*args: str, code: int = 0) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "costmodel", *args], capture_output=True, text=True)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    return done


def test_cli_simulate_json_is_the_contract_and_repeatable(tmp_path):
    out = cli("simulate", str(ARENDAL), "--draws", "2000", "--seed", "42", "--json").stdout
    assert out == cli("simulate", str(ARENDAL), "--draws", "2000", "--seed", "42", "--json").stdout
    data = json.loads(out)
    assert (data["draws"], data["seed"]) == (2000, 42)
    expected = simulation.summary(simulation.simulate(load_scenario(ARENDAL), 2000, 42))
    assert data == json.loads(json.dumps(expected))
    samples = tmp_path / "trekk.csv"
    cli("simulate", str(ARENDAL), "--draws", "300", "--samples", str(samples))
    rows = samples.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 301 and rows[0].startswith("draw;assumptions.kjop_per_ar;parameters.overhead_per_fte;")


def test_cli_simulate_text_states_the_probability():
    out = cli("simulate", str(ARENDAL)).stdout
    probability = simulation.summary(simulation.simulate(load_scenario(ARENDAL)))["comparison"]["tiltaksteam"]
    share = round(probability["probability_cheaper"] * 100)
    assert f"billigere enn fortsatt kjøp av hjelpetiltak over 2019–2023 i {share} % av 10 000 simuleringer" in out
    assert "P10" in out and "Nåverdi" in out


def test_cli_tornado_and_solve_json():
    bars = json.loads(cli("tornado", str(ARENDAL), "--alternative", "tiltaksteam", "--json").stdout)
    assert bars["alternative"] == "tiltaksteam" and bars["bars"][0]["driver"] == "assumptions.kjop_per_ar"
    assert {"driver", "low", "high", "swing"} <= set(bars["bars"][0])
    start = next(b for b in bars["bars"] if b["driver"] == "tiltaksteam.team.start")
    assert (start["low_value"], start["high_value"]) == ("2019-08", "2020-01")
    answer = json.loads(
        cli(
            "solve",
            str(ARENDAL),
            "--alternative",
            "tiltaksteam",
            "--driver",
            "assumptions.kjop_per_ar",
            "--json",
        ).stdout
    )
    assert answer["driver"] == "assumptions.kjop_per_ar"
    assert answer["value"] == pytest.approx(sensitivity.solve(load_scenario(ARENDAL), answer["driver"]).value)


def test_cli_solve_without_balance_exits_1_with_a_sentence_and_bad_options_exit_2():
    done = cli("solve", str(ARENDAL), "--driver", "tiltaksteam.team.recruitment_cost", "--measure", "2019", code=1)
    assert done.stderr.startswith("Ingen verdi av «") and done.stdout == ""
    as_json = cli(
        "solve", str(ARENDAL), "--driver", "tiltaksteam.team.recruitment_cost", "--measure", "2019", "--json", code=1
    )
    answer = json.loads(as_json.stdout)
    assert answer["value"] is None and answer["message"].startswith("Ingen verdi av «")
    assert (
        "--measure" in cli("solve", str(ARENDAL), "--driver", "discount_rate", "--measure", "neste år", code=2).stderr
    )
    assert "--draws" in cli("simulate", str(ARENDAL), "--draws", "0", code=2).stderr


# --- the tornado speaks Norwegian, whole, with its values and its direction (issue 21) -------------------------

SPARE_TEAM = team_case(
    {
        "id": "s",
        "label": "Tre familieveiledere i eget tiltaksteam fra september",
        "kind": "staff",
        "fte": 3,
        "annual_salary": 590000,
        "start": "2026-09",
    },
    name="Team med ledig kapasitet",
    parameters={"sick_leave_rate": {"low": 0.05, "mode": 0.1, "high": 0.2}, "sick_pay_refund_rate": 0.6},
    capacity={"need": {"fte": {"default": 1.5575}}, "cover": "consultant", "cover_hourly_rate": 1050},
)


def test_the_tornado_has_whole_norwegian_labels_the_values_tried_and_which_way_is_cheaper():
    from costmodel.report import charts, narrative

    s = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")
    base, bars = sensitivity.tornado(s, "tiltaksteam")
    values = sensitivity.tornado_values(s)
    spec = charts.tornado_chart(base, bars, values, "Hvilken", narrative.tornado_direction(s, "tiltaksteam"))
    records = spec["datasets"]["figures"]
    labels = {r["Forutsetning"] for r in records}
    assert "Felleskostnader per årsverk" in labels and not any("overhead" in label.lower() for label in labels)
    assert "Årslønn – Tiltaksteam, 6 stillinger" in labels  # the field first; the line without its parenthesis
    for r in records:  # the whole label, wrapped into lines the axis splits, never cut with «…»
        assert r["etikett"].replace("|", " ") == r["Forutsetning"]
        assert all(len(line) <= 46 for line in r["etikett"].split("|"))
    assert {r["verdi"] for r in records} >= {"4 mill. kr", "6,5 mill. kr", "oktober 2019", "juni 2020"}
    layers = spec["layer"]
    assert any(layer["mark"]["type"] == "text" and layer["encoding"]["text"]["field"] == "verdi" for layer in layers)
    subtitle = " ".join(layers[0]["title"]["subtitle"])
    assert "Til venstre for streken er «Eget tiltaksteam (6 årsverk)» billigere" in subtitle
    assert "til høyre dyrere" in subtitle


def test_more_sick_leave_making_a_team_with_spare_capacity_cheaper_is_explained():
    from costmodel.engine import compute
    from costmodel.report import narrative

    s = parse_scenario(SPARE_TEAM)
    base, bars = sensitivity.tornado(s, "team")
    (sentence,) = narrative.tornado_sentences(compute(s), "team", bars)
    assert sentence.startswith("Jo høyere «Sykefravær», jo billigere blir «Eget tiltaksteam» mot fortsatt kjøp")
    assert "5,0 % gir" in sentence and "20,0 % gir" in sentence
    assert "mer kapasitet enn behovet" in sentence and "sykepengerefusjonen" in sentence


def test_an_assumption_no_field_uses_is_no_driver_and_is_said_to_affect_nothing():
    from costmodel.report.narrative import assumption_notes
    from costmodel.scenario import scenario_warnings

    data = copy.deepcopy(SPARE_TEAM)
    data["assumptions"] = {"ubrukt": {"low": 1, "mode": 2, "high": 3, "label": "Ubrukt forutsetning"}}
    s = parse_scenario(data)
    assert "assumptions.ubrukt" not in s.ranges
    assert [b.driver for b in sensitivity.tornado(s, "team")[1]] == ["parameters.sick_leave_rate"]
    assert any("brukes ikke i noe felt og påvirker ingen tall" in n for n in assumption_notes(s))
    (warning,) = [w for w in scenario_warnings(s) if w.path == "assumptions.ubrukt"]
    assert "«Ubrukt forutsetning» brukes ikke i noe felt" in warning.message
