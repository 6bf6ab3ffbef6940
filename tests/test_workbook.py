"""The exported workbook computes: LibreOffice recalculates every formula to the engine's figures.

Without LibreOffice these tests are skipped with a reason, except under CI, where that fails.
"""

import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import BUDGETS
from hypothesis import HealthCheck, given, settings
from spreadsheet import SOFFICE, error_cells, recalculate, values
from test_properties import scenarios

from costmodel.engine import compute, views, whatif
from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario, parse_scenario
from costmodel.workbook import FIELD_COLUMN, build_workbook, export_bytes

TOLERANCE = 0.5  # kr


@pytest.fixture(autouse=True)
def needs_libreoffice():
    if SOFFICE is None:
        message = "regnearktestene ble hoppet over: LibreOffice finnes ikke (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail("under CI må regnearktestene kjøre, men " + message)
        pytest.skip(message)


def computed(result, work: Path, name="modell.xlsx", workbook=None) -> openpyxl.Workbook:
    path = work / name
    if workbook is None:
        path.write_bytes(export_bytes(result))
    else:
        workbook.save(path)
    return values(recalculate(path, work))


def assert_agrees(book: openpyxl.Workbook, result, ledger_current: bool = True) -> None:
    """Every annual level, change, difference, present value and break-even equals the engine's.

    After inputs are edited in the workbook, Hovedbok (the exported engine values) is stale for the
    alternatives whose figures changed: then only ledger checks may fail, and some must.
    """
    assert error_cells(book) == []
    checks = book["Kontroll"]
    outcomes = {checks.cell(r, 1).value: checks.cell(r, 2).value for r in range(4, checks.max_row + 1)}
    ledger = {label: ok for label, ok in outcomes.items() if "hovedboken er lik beregningen" in label}
    assert all(ok is True for label, ok in outcomes.items() if label not in ledger), outcomes
    assert all(ok is True for ok in ledger.values()) is ledger_current
    assert checks["B3"].value is ledger_current
    summary = views.summary(result)
    years = [str(y) for y in result.years]
    levels, changes = book["Årsbudsjett"], book["Endringer"]
    found = {(levels.cell(r, 2).value, r) for r in range(1, levels.max_row + 1)}
    for alt in summary["alternatives"].values():
        for line_id, line in alt["lines"].items():
            row = next(
                r
                for (lid, r) in sorted(found, key=lambda x: x[1])
                if lid == line_id and _owner(levels, r) == alt["name"]
            )
            for k, year in enumerate(years):
                assert abs(levels.cell(row, 3 + k).value - line["annual"][year]) < TOLERANCE
                assert abs(changes.cell(row, 3 + k).value - line["changes"][year]) < TOLERANCE
    compare = book["Sammenligning"]
    rows = {compare.cell(r, 1).value: r for r in range(1, compare.max_row + 1) if compare.cell(r, 1).value}
    for alt_id, alt in summary["alternatives"].items():
        name = alt["name"] + (" (nullalternativ)" if alt_id == result.scenario.baseline else "")
        r = rows[name]
        for k, year in enumerate(years):
            assert abs(compare.cell(r, 2 + k).value - alt["annual"][year]) < TOLERANCE
        assert abs(compare.cell(r, 2 + len(years)).value - alt["total"]) < TOLERANCE
        assert abs(compare.cell(r, 3 + len(years)).value - alt["present_value"]) < TOLERANCE
    for alt_id, c in summary["comparison"].items():
        r = rows[f"{summary['alternatives'][alt_id]['name']}: differanse mot nullalternativet"]
        for k, year in enumerate(years):
            assert abs(compare.cell(r, 2 + k).value - c["difference_by_year"][year]) < TOLERANCE
        assert abs(compare.cell(r, 3 + len(years)).value - c["present_value_difference"]) < TOLERANCE
        even = compare.cell(r + 2, 2).value
        expected = c["break_even_month"]
        assert (even.strftime("%Y-%m") if isinstance(even, datetime) else None) == expected, (even, expected)


def _owner(sheet, row: int) -> str:
    """The alternative a line row of Årsbudsjett belongs to: the bold header above it."""
    while sheet.cell(row, 2).value is not None:
        row -= 1
    return sheet.cell(row, 1).value


@pytest.mark.parametrize("name", ["land-2017", "arendal-tiltaksteam", "gjerdrum-2022", "land-2017-ro-prosjekt"])
def test_bundled_scenarios_compute_to_the_engines_figures(tmp_path, name):
    result = compute(load_scenario(BUDGETS / f"{name}.yaml"))
    assert_agrees(computed(result, tmp_path), result)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=scenarios())
def test_random_scenarios_compute_to_the_engines_figures(tmp_path_factory, data):
    result = compute(parse_scenario(data))
    assert_agrees(computed(result, tmp_path_factory.mktemp("wb")), result)


def test_the_formulas_are_live(tmp_path):
    """Change input cells, recalculate, and get what the engine gives for the same change."""
    scenario = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")
    workbook = build_workbook(compute(scenario))
    sheet = workbook["Forutsetninger"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(1, sheet.max_row + 1)}
    team = rows[("tiltaksteam", "team")]
    sheet[f"{FIELD_COLUMN['fte']}{team}"] = 4.5
    sheet[f"{FIELD_COLUMN['annual_salary']}{team}"] = 520_000
    purchase = rows[("kjop", "hjelpetiltak")]
    sheet[f"{FIELD_COLUMN['annual_amount']}{purchase}"] = 6_000_000
    growth = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == 2021)
    sheet.cell(growth, 2).value = 0.05  # wage growth 2021
    changed = whatif.apply(
        scenario,
        {
            "tiltaksteam.team.fte": 4.5,
            "tiltaksteam.team.annual_salary": 520_000,
            "kjop.hjelpetiltak.annual_amount": 6_000_000,
        },
    )
    wages = {**changed.growth.series("wages"), 2021: 0.05}
    changed = changed.model_copy(
        update={
            "growth": changed.growth.model_copy(
                update={"source": None, "wages": wages, "prices": dict(changed.growth.series("prices"))}
            )
        }
    )
    assert_agrees(computed(None, tmp_path, workbook=workbook), compute(changed), ledger_current=False)


def test_a_global_parameter_is_live(tmp_path):
    scenario = load_scenario(BUDGETS / "gjerdrum-2022.yaml")
    workbook = build_workbook(compute(scenario))
    sheet = workbook["Forutsetninger"]
    label_rows = {sheet.cell(r, 1).value: r for r in range(1, 20)}
    sheet.cell(label_rows["Pensjon"], 2).value = 0.15
    sheet.cell(label_rows["Kalkulasjonsrente"], 2).value = 0.025
    changed = whatif.apply(scenario, {"parameters.pension_rate": 0.15, "discount_rate": 0.025})
    assert_agrees(computed(None, tmp_path, workbook=workbook), compute(changed), ledger_current=False)


ATTACKS = [
    "=1+1",
    '=HYPERLINK("http://x.example","klikk")',
    "+47 22 00 00 00",
    "-5 %",
    "@SUM(A1)",
    "\t=1+1",
    "#N/A",
    "=",
    '"a";=1+1',
    "Lønn\x1b og sosiale",
    "NO",
]


def test_user_text_is_never_a_formula_and_reads_back_unchanged(tmp_path):
    lines = [
        {"id": f"l{k}", "label": text, "kind": "fixed", "annual_amount": 1000 * (k + 1)}
        for k, text in enumerate(ATTACKS)
    ]
    data = {
        "name": "=cmd|' /C calc'!A0",
        "start": "2024-01",
        "months": 12,
        "alternatives": [{"id": "a", "name": "@alternativ", "lines": lines}],
    }
    with pytest.raises(ScenarioError):  # control characters are refused by the scenario itself
        parse_scenario(data)
    lines[ATTACKS.index("Lønn\x1b og sosiale")]["label"] = "Lønn og sosiale"
    lines[ATTACKS.index("\t=1+1")]["label"] = "=1+1 igjen"
    result = compute(parse_scenario(data))
    path = tmp_path / "angrep.xlsx"
    path.write_bytes(export_bytes(result))
    with zipfile.ZipFile(path) as archive:
        sheets = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))
    formulas = re.findall(r"<f>(.*?)</f>", sheets)
    assert formulas and not [f for f in formulas if "HYPERLINK" in f or "1+1" in f or "SUM(A1)" in f]
    assert 't="e"' not in sheets
    book = values(recalculate(path, tmp_path))
    texts = {
        cell.value for ws in book.worksheets for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)
    }
    for line in lines:
        assert line["label"] in texts
    assert "=cmd|' /C calc'!A0" in texts and "@alternativ" in texts


def test_openpyxl_guards_against_xml_attacks():
    assert openpyxl.DEFUSEDXML is True
