"""Explanations show the engine's formula with the actual inputs and each parameter's source."""

from conftest import BUDGETS

from costmodel.engine import compute
from costmodel.report.explain import figure_formulas, line_formula
from costmodel.scenario import load_scenario

ARENDAL = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")
LAND = load_scenario(BUDGETS / "land-2017.yaml")


def test_staff_line_with_salary_pension_tax_and_sources():
    text = line_formula(compute(ARENDAL), "tiltaksteam", "team")
    assert text[0] == "Tiltaksteam, 6 stillinger (f.o.m. september 2019) (egne stillinger)"
    assert "Pensjon: 20,0 % × 506 000 kr = 101 200 kr [satt i scenariets parameters]" in text
    tax = next(t for t in text if t.startswith("Arbeidsgiveravgift"))
    assert tax.startswith("Arbeidsgiveravgift: 14,1 % × (506 000 kr + 101 200 kr) = 85 615 kr [sone I (scenariets parameters), sats fra 2007:")
    assert "Full kostnad per årsverk: 742 815 kr" in text
    assert "Per måned: 6 årsverk × 742 815 kr / 12 = 371 408 kr" in text
    assert "Rekruttering i startmåneden: 6 × 30 000 kr = 180 000 kr" in text
    assert "Løpende priser: × prisindeks for lønn (1 i 2019)" in text


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
