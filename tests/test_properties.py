"""Invariants over random valid scenarios (hypothesis), and the engine against the plain-loop oracle."""

import math

import oracle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest import approx

from costmodel.engine import compute, views
from costmodel.scenario import load_scenario, parse_scenario, scenario_to_data
from costmodel.yamlsafe import dump_yaml

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

money = st.floats(0, 2_000_000, allow_nan=False, allow_infinity=False)
signed = st.floats(-2_000_000, 2_000_000, allow_nan=False, allow_infinity=False)
share = st.floats(0, 0.5, allow_nan=False)
fte = st.floats(0, 10, allow_nan=False)
labels = st.sampled_from(["NO", "010", "yes", "1:30", "Lønn og sosiale utgifter", "Kjøp – æøå", "=1+1", "-5 %"])


@st.composite
def months(draw, lo=2014, hi=2032):
    return f"{draw(st.integers(lo, hi)):04d}-{draw(st.integers(1, 12)):02d}"


@st.composite
def lines(draw, ident):
    kind = draw(st.sampled_from(["staff", "consultant", "purchase", "fixed", "one_off"]))
    line = {"id": ident, "label": draw(labels), "kind": kind}
    if kind == "staff":
        line["fte"] = draw(fte)
        if draw(st.booleans()):
            line["annual_salary"] = draw(money)
            for name, strategy in [
                ("pension_rate", share),
                ("employer_tax_rate", share),
                ("holiday_pay_included", st.booleans()),
                ("holiday_pay_rate", share),
                ("overhead_per_fte", money),
            ]:
                if draw(st.booleans()):
                    line[name] = draw(strategy)
        else:
            line["annual_cost_per_fte"] = draw(money)
        if draw(st.booleans()):
            line["recruitment_cost"] = draw(money)
            if draw(st.booleans()):
                line["hires"] = float(draw(st.integers(0, 8)))
    elif kind == "consultant":
        way = draw(st.integers(0, 2))
        if way == 0:
            line.update(fte=draw(fte), annual_price_per_fte=draw(money))
        elif way == 1:
            line.update(fte=draw(fte), hourly_rate=draw(st.floats(0, 3000)))
        else:
            line.update(hours_per_month=draw(st.floats(0, 500)), hourly_rate=draw(st.floats(0, 3000)))
        if draw(st.booleans()):
            line["hours_per_fte"] = draw(st.floats(1000, 2000))
    elif kind == "purchase":
        if draw(st.booleans()):
            line.update(units_per_month=draw(st.floats(0, 500)), unit_price=draw(st.floats(0, 200_000)))
            line.update(draw(st.sampled_from([{}, {"unit": "hour"}, {"unit": "døgn"}])))
            if line.get("unit") == "hour" and draw(st.booleans()):
                line["hours_per_fte"] = draw(st.floats(1000, 2000))
        else:
            line["annual_amount"] = draw(money)
        if draw(st.booleans()):  # what the purchase delivers, in årsverk: overrides the hours rule
            line["fte_equivalent"] = draw(fte)
    elif kind == "fixed":
        line["annual_amount"] = draw(signed)
    else:
        line["amount"] = draw(signed)
    if kind in ("consultant", "purchase") and draw(st.booleans()):
        line.update(vat_rate=draw(st.sampled_from([0.0, 0.12, 0.25])), vat_compensated=draw(st.booleans()))
    if draw(st.booleans()):
        line["start"] = draw(months())
    if draw(st.booleans()) and kind != "one_off":
        end = draw(months())
        start = line.get("start", "0000-00")
        line["end"] = max(end, start) if start != "0000-00" else end
    if draw(st.booleans()):
        line["previous_year_amount"] = draw(signed)
    if draw(st.booleans()):
        line["index"] = draw(st.sampled_from(["wages", "prices", "none"]))
    if draw(st.booleans()):
        line["kostra_art"] = draw(st.sampled_from(["010", "270", "370"]))
    return line


@st.composite
def scenarios(draw):
    start = draw(months(2016, 2026))
    data = {
        "name": draw(labels),
        "start": start,
        "months": draw(st.integers(1, 72)),
        "discount_rate": draw(st.floats(0, 0.1)),
        "prices": draw(st.sampled_from(["fixed", "nominal"])),
    }
    if data["prices"] == "nominal":
        data["price_basis"] = draw(st.integers(2014, 2030))
        data["growth"] = {
            "wages": {"default": draw(st.floats(-0.02, 0.08))},
            "prices": {"default": draw(st.floats(-0.02, 0.08)), 2020: draw(st.floats(0, 0.1))},
        }
    if draw(st.booleans()):
        data["parameters"] = {
            "pension_rate": draw(share),
            "employer_tax_zone": draw(st.sampled_from(["I", "III", "V"])),
        }
    data["common"] = [draw(lines(f"c{k}")) for k in range(draw(st.integers(0, 2)))]
    n_alt = draw(st.integers(1, 3))
    data["alternatives"] = [
        {
            "id": f"alt{i}",
            "name": f"Alternativ {i}",
            "lines": [draw(lines(f"l{k}")) for k in range(draw(st.integers(0, 4)))],
        }
        for i in range(n_alt)
    ]
    if draw(st.booleans()):
        data["baseline"] = "alt0"
    if draw(st.booleans()):  # partner municipalities: by share or by basis; some lines paid by one of them
        if draw(st.booleans()):
            first = draw(st.floats(0, 1))
            data["partners"] = [
                {"id": "p1", "name": "P1", "share": first},
                {"id": "p2", "name": "P2", "share": 1 - first},
            ]
            if first + (1 - first) != 1:
                data["partners"][1]["share"] = 1 - first  # floats: 1 − x + x may miss 1 by an ulp
        else:
            data["partners"] = [
                {"id": f"p{k}", "name": f"P{k}", "basis": draw(st.floats(1, 5000))}
                for k in range(draw(st.integers(1, 3)))
            ]
        for line in [*data["common"], *(ln for a in data["alternatives"] for ln in a["lines"])]:
            if draw(st.booleans()):
                line["partner"] = draw(st.sampled_from([p["id"] for p in data["partners"]]))
    # a line's default start is the scenario start: keep ends after it
    for line in [*data["common"], *(ln for a in data["alternatives"] for ln in a["lines"])]:
        if "end" in line and "start" not in line and line["end"] < start:
            line["end"] = start
    return data


def summary(data):
    return views.summary(compute(parse_scenario(data)))


@SETTINGS
@given(scenarios())
def test_engine_agrees_with_the_plain_loop_oracle(data):
    ours, theirs = summary(data), oracle.compute(data)
    for alt, figures in theirs["alternatives"].items():
        mine = ours["alternatives"][alt]
        for key in ("annual", "changes", "fte", "total", "present_value"):
            assert mine[key] == approx(figures[key], rel=1e-9, abs=1e-6), key
        for pid, part in figures.get("partners", {}).items():
            for key in ("annual", "total", "present_value"):
                assert mine["partners"][pid][key] == approx(part[key], rel=1e-9, abs=1e-6), (pid, key)
        for line_id, line in figures["lines"].items():
            assert mine["lines"][line_id]["annual"] == approx(line["annual"], rel=1e-9, abs=1e-6)
            assert mine["lines"][line_id]["changes"] == approx(line["changes"], rel=1e-9, abs=1e-6)
    for alt, figures in theirs["comparison"].items():
        mine = ours["comparison"][alt]
        assert mine["difference_by_year"] == approx(figures["difference_by_year"], rel=1e-9, abs=1e-6)
        assert mine["present_value_difference"] == approx(figures["present_value_difference"], rel=1e-9, abs=1e-6)
        assert mine["break_even_month"] == figures["break_even_month"]
        for pid, part in figures.get("partners", {}).items():
            assert mine["partners"][pid]["total_difference"] == approx(part["total_difference"], rel=1e-9, abs=1e-6)


@SETTINGS
@given(scenarios())
def test_lines_sum_to_totals_months_to_years_and_changes_telescope(data):
    result = compute(parse_scenario(data))
    levels, totals = views.annual_levels(result), views.alternative_levels(result)
    summed = levels.groupby(level="alternative", sort=False).sum().reindex(totals.index, fill_value=0.0)
    assert summed.to_numpy() == approx(totals.to_numpy(), rel=1e-12, abs=1e-6)
    by_year = result.ledger.groupby(["alternative", "line", "year"])["amount"].sum()
    for (alt, line, year), amount in by_year.items():
        assert levels.loc[(alt, line), year] == approx(amount, rel=1e-12, abs=1e-6)
    monthly = views.monthly_totals(result)
    assert monthly.T.groupby(result.months.year).sum().T.to_numpy() == approx(totals.to_numpy(), rel=1e-9, abs=1e-6)
    changes = views.line_changes(result)
    previous = result.lines["previous_year_amount"]
    telescoped = changes.sum(axis=1)
    assert telescoped.to_numpy() == approx((levels.iloc[:, -1] - previous).to_numpy(), rel=1e-9, abs=1e-5)
    figures = views.summary(result)
    assert all(math.isfinite(v) for alt in figures["alternatives"].values() for v in alt["annual"].values())


@SETTINGS
@given(scenarios(), st.sampled_from([0, 1]))
def test_doubling_fte_doubles_a_staff_line(data, _):
    """Twice the årsverk (and twice the people hired, where given) costs twice as much."""
    staff = [ln for a in data["alternatives"] for ln in a["lines"] if ln["kind"] == "staff"]
    before = summary(data)
    for line in staff:
        line["fte"] *= 2
        if "hires" in line:
            line["hires"] *= 2
    after = summary(data)
    for alt in data["alternatives"]:
        for line in alt["lines"]:
            if line["kind"] == "staff":
                doubled = {
                    y: 2 * v for y, v in before["alternatives"][alt["id"]]["lines"][line["id"]]["annual"].items()
                }
                assert after["alternatives"][alt["id"]]["lines"][line["id"]]["annual"] == approx(
                    doubled, rel=1e-12, abs=1e-6
                )


@SETTINGS
@given(scenarios())
def test_nominal_prices_with_zero_growth_equal_fixed_prices(data):
    fixed = dict(data, prices="fixed")
    fixed.pop("growth", None)
    nominal = dict(data, prices="nominal", growth={"wages": {"default": 0}, "prices": {"default": 0}})
    a, b = summary(fixed), summary(nominal)
    for alt in a["alternatives"]:
        assert a["alternatives"][alt]["annual"] == approx(b["alternatives"][alt]["annual"], rel=1e-12, abs=1e-9)


@SETTINGS
@given(scenarios())
def test_present_value_at_zero_rate_is_the_total_in_fixed_prices(data):
    figures = summary(dict(data, discount_rate=0, prices="fixed"))
    for alt in figures["alternatives"].values():
        assert alt["present_value"] == approx(alt["total"], rel=1e-12, abs=1e-6)


@SETTINGS
@given(scenarios(), st.floats(-0.02, 0.08), st.integers(2014, 2030))
def test_present_value_is_in_real_kroner_of_the_price_basis(data, growth, basis):
    """Lines that follow the prices index have the same present value in løpende and in faste priser:
    the deflator undoes the indexation (docs/method.md §4)."""
    for line in [*data["common"], *(ln for a in data["alternatives"] for ln in a["lines"])]:
        line["index"] = "prices"
    fixed = summary(dict(data, prices="fixed", price_basis=basis))
    nominal = summary(dict(data, prices="nominal", price_basis=basis, growth={"prices": {"default": growth}}))
    for alt, figures in fixed["alternatives"].items():
        assert nominal["alternatives"][alt]["present_value"] == approx(figures["present_value"], rel=1e-9, abs=1e-6)


@SETTINGS
@given(scenarios())
def test_model_to_yaml_to_model_is_the_same_model(data):
    model = parse_scenario(data)
    assert load_scenario(dump_yaml(scenario_to_data(model)).encode("utf-8")) == model


@SETTINGS
@given(scenarios())
def test_partners_add_up_to_the_whole_to_the_krone(data):
    figures = summary(data)
    assert ("partners" in next(iter(figures["alternatives"].values()))) == bool(data.get("partners"))
    for alt in figures["alternatives"].values():
        for part in alt.get("partners", {}).values():
            assert part["total"] == approx(sum(part["annual"].values()), rel=1e-9, abs=1e-6)
        if "partners" in alt:
            for year, level in alt["annual"].items():
                assert sum(p["annual"][year] for p in alt["partners"].values()) == approx(level, rel=1e-9, abs=0.5)
            assert sum(p["present_value"] for p in alt["partners"].values()) == approx(alt["present_value"], abs=0.5)
    for compared in figures["comparison"].values():
        if "partners" in compared:
            assert sum(p["total_difference"] for p in compared["partners"].values()) == approx(
                compared["total_difference"], abs=0.5
            )
