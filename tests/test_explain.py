"""Explanations show the engine's formula with the actual inputs and each parameter's source."""

import re

from conftest import BUDGETS
from hypothesis import HealthCheck, given, settings
from pytest import approx
from test_properties import scenarios

from costmodel import formatting as fmt
from costmodel.engine import compute, views
from costmodel.engine.kinds import COMPONENTS
from costmodel.report.explain import figure_formulas, line_formula
from costmodel.scenario import load_scenario

ARENDAL = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")
LAND = load_scenario(BUDGETS / "land-2017.yaml")


def test_staff_line_with_salary_pension_tax_and_sources():
    text = line_formula(compute(ARENDAL), "tiltaksteam", "team")
    assert text[0] == "Tiltaksteam, 6 stillinger (f.o.m. september 2019) (egne stillinger)"
    assert "Pensjon: 20,0 % × 506 000 kr = 101 200 kr [satt i scenariets parameters]" in text
    tax = next(t for t in text if t.startswith("Arbeidsgiveravgift"))
    assert tax.startswith(
        "Arbeidsgiveravgift: 14,1 % × (506 000 kr + 101 200 kr) = 85 615 kr "
        "[sone I (scenariets parameters), sats fra 2007:"
    )
    assert "Full kostnad per årsverk: 742 815 kr" in text
    assert "Per måned: 6 årsverk × 742 815 kr / 12 = 371 408 kr" in text
    assert "Rekruttering i startmåneden: 6 årsverk × 30 000 kr = 180 000 kr" in text
    assert any(t.startswith("Løpende priser: × prisindeks for lønn (1 i 2019): 2019: 1,0000; 2020: 1,") for t in text)
    assert text[-1].startswith("Per år (sum av månedene, med prisindeks): 2019: 4 mnd. = ")


def test_default_parameters_name_their_year_and_source():
    from helpers import scenario

    from costmodel.scenario import parse_scenario

    s = parse_scenario(scenario([{"id": "s", "label": "S", "kind": "staff", "fte": 1, "annual_salary": 100}]))
    text = "\n".join(line_formula(compute(s), "a", "s"))
    assert "[standardverdi (2016): Modellvalg." in text
    assert "standard sone I, sats fra 2007" in text


def test_consultant_and_key_figures_of_land():
    assert "Per måned: 3 årsverk × 1 400 000 kr / 12 = 350 000 kr" in line_formula(compute(LAND), "plan", "kjop")
    formulas = figure_formulas(compute(LAND), "plan")
    assert formulas[1] == "Sum 2017–2020 = 3 600 000 + 2 100 000 + 2 100 000 + 2 100 000 = 9 900 000 kr"
    assert formulas[2].endswith("= 9 427 691 kr")
    assert formulas[-1].endswith("desember 2017")


# --- every explained figure is the engine's ---------------------------------------------------------

RESULT = re.compile(r"= (−?[\d ]+ kr)")  # the figure each step arrives at


def engine_figures(cost) -> dict[str, float]:
    """Every number the engine returned for a line: its parts, per-årsverk parts, once-parts and totals."""
    figures = {"monthly": cost.monthly, "once": cost.once}
    figures.update({f"part:{k}": v for k, v in cost.parts.items()})
    figures.update({f"per_fte:{k}": v for k, v in cost.per_fte.items()})
    figures.update({f"once:{k}": v for k, v in cost.once_parts.items()})
    return figures


def check_explanations(result) -> None:
    levels = views.line_levels_array(result)
    for k, info in enumerate(result.line_info):
        cost = result.line_costs[k]
        text = line_formula(result, info.alternative, info.line)
        shown = {fmt.kr(v) for v in [*engine_figures(cost).values(), *levels[k]]}
        # every entry, whatever its kind (refund and cover too), ends with its level in every year it has one
        for year, level in zip(result.years, levels[k]):
            if level:
                assert f"{year}: " in text[-1] and f"= {fmt.kr(level)}" in text[-1], (info.line, year, text[-1])
        for step in text[1:]:
            for figure in RESULT.findall(step):
                assert figure in shown, f"{info.line}: «{step}» shows {figure}, which is none of the engine's parts"
        # each part the engine returns is named and shown, with its Norwegian label
        for name, value in [*cost.per_fte.items(), *cost.once_parts.items()]:
            if name in ("total", "holiday_pay", "amount") or not value:
                continue
            label = COMPONENTS[name][:1].upper() + COMPONENTS[name][1:]
            assert any(step.startswith(label) and fmt.kr(value) in step for step in text), (info.line, name)
        assert sum(cost.parts.values()) == approx(cost.monthly, rel=1e-12, abs=1e-9)
        assert sum(cost.once_parts.values()) == approx(cost.once, rel=1e-12, abs=1e-9)


def test_every_explained_figure_of_the_bundled_scenarios_is_an_engine_part():
    for path in sorted(BUDGETS.glob("*.yaml")):
        check_explanations(compute(load_scenario(path)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_explained_figure_of_random_scenarios_is_an_engine_part(data):
    from costmodel.scenario import parse_scenario

    check_explanations(compute(parse_scenario(data)))


def test_the_staff_parts_are_the_method_of_fullkost():
    cost = compute(ARENDAL).line_costs[[i.line for i in compute(ARENDAL).line_info].index("team")]
    part = cost.per_fte
    assert part["pension"] == approx(506_000 * 0.20)  # pension on the salary without feriepenger
    assert part["employer_tax"] == approx((506_000 + 101_200) * 0.141)  # tax on salary and pension
    assert part["total"] == approx(506_000 + 101_200 + 85_615.2 + 50_000)  # + overhead 50 000
    assert cost.monthly == approx(6 * part["total"] / 12)


def test_a_line_says_which_fields_follow_a_named_assumption():
    from conftest import BUDGETS

    from costmodel.engine import compute
    from costmodel.report.explain import line_formula
    from costmodel.scenario import load_scenario

    result = compute(load_scenario(BUDGETS / "egne-saksbehandlere-2025.yaml"))
    steps = line_formula(result, "egne", "byra")
    assert "Timepris følger den navngitte forutsetningen «Timepris byrå (kr)»" in steps
    assert "Slutt følger den navngitte forutsetningen «Nye saksbehandlere på plass», +1 mnd." in steps
    assert "Aktiv: 2025-01 – 2025-04" in steps


def test_every_entry_kind_of_every_bundled_scenario_is_explained_with_its_own_numbers():
    """Staff, consultant, purchase, fixed, one-off, the sick-pay refund and the cover «dekning»: each is explained
    with its own figures (a refund names its staff line's monthly amount, the cover its price and gap)."""
    kinds = set()
    for path in sorted(BUDGETS.glob("*.yaml")):
        result = compute(load_scenario(path))
        for k, info in enumerate(result.line_info):
            text = line_formula(result, info.alternative, info.line)
            kinds.add("cover" if info.line == "dekning" else info.kind)
            if info.kind == "refund":
                staff = result.line_costs[k - 1].monthly
                assert f"per måned {fmt.kr(staff)} × " in text[1], text
            if info.line == "dekning":
                assert any(t.startswith("Pris per årsverk: ") for t in text)
                assert any(t.startswith("Snitt per år (effektive årsverk") for t in text)
    assert kinds == {"staff", "consultant", "purchase", "fixed", "refund", "cover"}  # one-offs: random scenarios


def test_a_nominal_line_prints_its_growth_factor_for_each_year():
    text = line_formula(compute(ARENDAL), "kjop", "hjelpetiltak")
    factors = next(t for t in text if t.startswith("Løpende priser"))
    assert factors.startswith("Løpende priser: × prisindeks for priser (1 i 2019): 2019: 1,0000; 2020: ")
    assert factors.count(";") == 4  # five years
