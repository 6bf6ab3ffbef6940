"""Each field declares its label, unit and help once, on its model; every face reads it from there."""

import json
import subprocess
import sys

from conftest import ROOT

from costmodel.engine import whatif
from costmodel.scenario import (
    LINE_MODELS,
    Alternative,
    Growth,
    Scenario,
    StaffParameters,
    kind_label,
    line_field,
    load_scenario,
    model_fields,
)
from costmodel.ui.controls import all_controls, line_controls
from costmodel.workbook.layout import LINE_COLUMNS

MODELS = [Scenario, StaffParameters, Growth, Alternative, *LINE_MODELS.values()]


def test_every_field_has_a_norwegian_label_and_lines_agree_across_kinds():
    for model in MODELS:
        for name, info in model.model_fields.items():
            assert info.title, f"{model.__name__}.{name} declares no label"
    for model in LINE_MODELS.values():
        for name, meta in model_fields(model).items():
            first = line_field(name)
            assert (meta.label, meta.unit, meta.help) == (first.label, first.unit, first.help), name


def test_every_line_field_has_a_workbook_column_titled_by_its_label():
    columns = {field: title for title, field in LINE_COLUMNS if field}
    for model in LINE_MODELS.values():
        for name in model.model_fields:
            assert columns[name] == line_field(name).title


def test_what_if_controls_and_labels_come_from_the_models():
    land = load_scenario(ROOT / "budgets" / "land-2017.yaml")
    controls = {c.path: c for c in all_controls(land)}
    assert controls["plan.oppbemanning.fte"].label == "Årsverk"
    assert controls["plan.oppbemanning.annual_cost_per_fte"].label == "Kostnad per årsverk (kr)"
    # A named assumption has one control, labelled as the file names it, drawn as the fields that use it;
    # the lines that refer to it show a note instead of a control of their own.
    price = controls["assumptions.konsulentpris"]
    assert (price.label, price.widget, price.step) == ("Pris per innleid årsverk (kr)", "number", 10_000)
    assert "Rådmannens forslag › Kjøp av tjenester (3 stillinger, jan. t.o.m. august): pris per årsverk" in price.help
    assert "plan.kjop.annual_price_per_fte" not in controls
    linked = {c.path: c for c in line_controls(land, "plan", land.alternative("plan").lines[0])}
    assert linked["plan.kjop.annual_price_per_fte"].widget == "linked"
    assert linked["plan.kjop.annual_price_per_fte"].label == "Pris per årsverk: følger «Pris per innleid årsverk (kr)»"
    assert controls["discount_rate"].label == "Kalkulasjonsrente (%)"
    assert controls["discount_rate"].help == model_fields(Scenario)["discount_rate"].help
    assert whatif.describe(land, {"parameters.pension_rate": 0.15}) == ["pensjon 20,0 % → 15,0 %"]
    assert kind_label("purchase") == "kjøp av tiltak"


def test_schema_command_prints_labels_units_and_help():
    out = subprocess.run([sys.executable, "-m", "costmodel", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(out.stdout)
    salary = schema["$defs"]["StaffLine"]["properties"]["annual_salary"]
    assert (salary["title"], salary["unit"]) == ("årslønn", "kr")
    assert salary["description"].startswith("Årslønn per årsverk")
    assert schema["$defs"]["ConsultantLine"]["title"] == "innleie"
    assert schema["properties"]["assumptions"]["title"] == "navngitte forutsetninger"
    assert "{ref: NAVN, plus_months: n}" in schema["description"]


def test_every_numeric_line_field_may_be_a_range():
    from costmodel.scenario.ranges import LINE_MONTHS, LINE_NUMBERS

    numeric = {"kr", "andel", "årsverk", "timer", "enheter", "personer"}
    fields = {n: m for model in LINE_MODELS.values() for n, m in model_fields(model).items()}
    assert set(LINE_NUMBERS) == {n for n, m in fields.items() if m.unit in numeric} - {"previous_year_amount"}
    assert set(LINE_MONTHS) == {n for n, m in fields.items() if m.unit == "måned"}
