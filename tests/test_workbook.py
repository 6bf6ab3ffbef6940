"""The exported workbook computes: LibreOffice and Gnumeric recalculate every formula to the engine's figures.

Gnumeric follows the OOXML standard where Office has readings of its own, so a formula both compute alike is
portable. Without an engine these tests are skipped with a reason, except under CI, where that fails.
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
from spreadsheet import ENGINES, INSTALL, error_cells, recalculate, values
from test_properties import scenarios

from costmodel.engine import compute, views, whatif
from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario, parse_scenario
from costmodel.workbook.export import build_workbook, export_bytes
from costmodel.workbook.layout import FIELD_COLUMN

TOLERANCE = 0.5  # kr


def require(engine: str) -> None:
    if ENGINES[engine] is None:
        message = f"regnearktestene ble hoppet over: {engine} finnes ikke (apt-get install {INSTALL[engine]})"
        if os.environ.get("CI") == "true":
            pytest.fail("under CI må regnearktestene kjøre, men " + message)
        pytest.skip(message)


@pytest.fixture(params=list(ENGINES))
def engine(request) -> str:
    """Each test runs in both spreadsheet engines."""
    require(request.param)
    return request.param


def computed(result, work: Path, engine: str, name="modell.xlsx", workbook=None) -> openpyxl.Workbook:
    path = work / name
    if workbook is None:
        path.write_bytes(export_bytes(result))
    else:
        workbook.save(path)
    return values(recalculate(path, work, engine))


def assert_agrees(book: openpyxl.Workbook, result, ledger_current: bool = True) -> None:
    """Every annual level, change, difference, present value and break-even equals the engine's.

    After inputs are edited in the workbook, Hovedbok (the exported engine values) is stale for the
    alternatives whose figures changed: then only ledger checks may fail, and some must.
    """
    assert error_cells(book) == []
    checks = book["Kontroll"]
    outcomes = {checks.cell(r, 1).value: checks.cell(r, 2).value for r in range(4, checks.max_row + 1)}
    ledger = {
        label: ok
        for label, ok in outcomes.items()
        if label and ("beregningen er lik hovedboken" in label or label.startswith("Samme tall som i appen"))
    }
    internal = {label: ok for label, ok in outcomes.items() if label not in ledger and isinstance(ok, bool)}
    assert all(ok is True for ok in internal.values()), outcomes
    assert all(ok is True for ok in ledger.values()) is ledger_current
    assert checks["B3"].value is True  # «regnearket går opp» holds after any valid edit
    front = {book["Forside"].cell(r, 1).value: book["Forside"].cell(r, 2).value for r in range(1, 15)}
    assert front["Regnearket går opp"] is True and front["Samme tall som i appen"] is ledger_current
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


@pytest.mark.parametrize(
    "name",
    [
        "land-2017",
        "arendal-tiltaksteam",
        "gjerdrum-2022",
        "land-2017-ro-prosjekt",
        "egne-saksbehandlere-2025",
        "land-2017-kapasitet",
        "egne-saksbehandlere-2025-kapasitet",
    ],
)
def test_bundled_scenarios_compute_to_the_engines_figures(tmp_path, name, engine):
    result = compute(load_scenario(BUDGETS / f"{name}.yaml"))
    assert_agrees(computed(result, tmp_path, engine), result)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=scenarios())
def test_random_scenarios_compute_to_the_engines_figures(tmp_path_factory, data, engine):
    result = compute(parse_scenario(data))
    assert_agrees(computed(result, tmp_path_factory.mktemp("wb"), engine), result)


def test_the_formulas_are_live(tmp_path, engine):
    """Change input cells, recalculate, and get what the engine gives for the same change."""
    scenario = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")
    workbook = build_workbook(compute(scenario))
    sheet = workbook["Forutsetninger"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(1, sheet.max_row + 1)}
    team = rows[("tiltaksteam", "team")]
    sheet[f"{FIELD_COLUMN['fte']}{team}"] = 4.5
    sheet[f"{FIELD_COLUMN['annual_salary']}{team}"] = 520_000
    sheet.cell(_named_row(sheet, "kjop_per_ar"), 3).value = 6_000_000  # both alternatives' purchases follow
    growth = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == 2021)
    sheet.cell(growth, 2).value = 0.05  # wage growth 2021
    changed = whatif.apply(
        scenario,
        {
            "tiltaksteam.team.fte": 4.5,
            "tiltaksteam.team.annual_salary": 520_000,
            "assumptions.kjop_per_ar": 6_000_000,
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
    assert_agrees(computed(None, tmp_path, engine, workbook=workbook), compute(changed), ledger_current=False)


def test_a_global_parameter_is_live(tmp_path, engine):
    scenario = load_scenario(BUDGETS / "gjerdrum-2022.yaml")
    workbook = build_workbook(compute(scenario))
    sheet = workbook["Forutsetninger"]
    label_rows = {sheet.cell(r, 1).value: r for r in range(1, 20)}
    sheet.cell(label_rows["Pensjon"], 2).value = 0.15
    sheet.cell(label_rows["Kalkulasjonsrente"], 2).value = 0.025
    changed = whatif.apply(scenario, {"parameters.pension_rate": 0.15, "discount_rate": 0.025})
    assert_agrees(computed(None, tmp_path, engine, workbook=workbook), compute(changed), ledger_current=False)


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


def test_user_text_is_never_a_formula_and_reads_back_unchanged(tmp_path, engine):
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
    book = values(recalculate(path, tmp_path, engine))
    texts = {
        cell.value for ws in book.worksheets for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)
    }
    for line in lines:
        assert line["label"] in texts
    assert "=cmd|' /C calc'!A0" in texts and "@alternativ" in texts


@pytest.mark.parametrize("name", ["land-2017", "arendal-tiltaksteam", "gjerdrum-2022", "egne-saksbehandlere-2025"])
def test_every_figure_is_readable_on_the_printed_pages(tmp_path, name):
    """Columns fit their widest figure, negatives included: no «###» anywhere on the pages LibreOffice prints."""
    from spreadsheet import PDFTOTEXT, rendered_text

    require("libreoffice")
    if PDFTOTEXT is None:
        message = "sideutskriftstesten ble hoppet over: pdftotext finnes ikke (apt-get install poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail("under CI må den kjøre, men " + message)
        pytest.skip(message)
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(export_bytes(compute(load_scenario(BUDGETS / f"{name}.yaml"))))
    text = rendered_text(path, tmp_path)
    assert "Endring mot forrige år" in text and "Sammenligning med nullalternativet" in text
    assert "###" not in text


def test_openpyxl_guards_against_xml_attacks():
    assert openpyxl.DEFUSEDXML is True


def test_gnumeric_really_recalculates_a_stale_value(tmp_path):
    """A canary: a cached value that no longer fits its input must come back corrected, or the checks prove nothing."""
    require("libreoffice")
    require("gnumeric")
    book = openpyxl.Workbook()
    book.active["A1"], book.active["A2"] = 1, "=A1*2"
    book.save(tmp_path / "kanari.xlsx")
    cached = recalculate(tmp_path / "kanari.xlsx", tmp_path, "libreoffice")  # A2 now carries the value 2
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(cached) as source, zipfile.ZipFile(stale, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'(<c r="A1"[^>]*><v>)1(</v>)', rb"\g<1>5\g<2>", data)
                assert n == 1
            target.writestr(item, data)
    assert values(stale).active["A2"].value == 2  # stale: the input says 5
    assert values(recalculate(stale, tmp_path, "gnumeric")).active["A2"].value == 10


def _lines_table(sheet) -> tuple[int, int]:
    """The lines table's header row and its last line row on Forutsetninger."""
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Alternativ")
    last = header
    while sheet.cell(last + 1, 1).value:
        last += 1
    return header, last


def test_a_line_row_added_in_the_spreadsheet_is_flagged_and_read_on_import(tmp_path, engine):
    from costmodel.workbook.read import read_workbook

    scenario = load_scenario(BUDGETS / "land-2017.yaml")
    workbook = build_workbook(compute(scenario))
    sheet = workbook["Forutsetninger"]
    _, last = _lines_table(sheet)
    new = last + 1
    for field, value in {"id": "vikar", "label": "Vikarer", "kind": "fixed", "annual_amount": 240_000}.items():
        sheet[f"{FIELD_COLUMN[field]}{new}"] = value
    sheet[f"A{new}"] = "plan"
    book = computed(None, tmp_path, engine, workbook=workbook)
    checks = book["Kontroll"]
    assert checks["B3"].value is False  # regnearket går ikke opp: the new row is not in Beregning
    assert checks["B4"].value is False and "Alle linjene på Forutsetninger" in checks["A4"].value
    path = tmp_path / "recalculated.xlsx"
    workbook.save(path)
    imported = read_workbook(recalculate(path, tmp_path, engine).read_bytes())
    assert [line.id for line in imported.alternative("plan").lines][-1] == "vikar"


def test_a_line_row_after_a_blank_row_is_reported_on_import_not_ignored(tmp_path):
    from costmodel.workbook.read import read_workbook

    workbook = build_workbook(compute(load_scenario(BUDGETS / "land-2017.yaml")))
    sheet = workbook["Forutsetninger"]
    _, last = _lines_table(sheet)
    sheet.insert_rows(last + 1, 2)
    stray = last + 2
    for field, value in {"id": "vikar", "label": "Vikarer", "kind": "fixed", "annual_amount": 1}.items():
        sheet[f"{FIELD_COLUMN[field]}{stray}"] = value
    sheet[f"A{stray}"] = "plan"
    path = tmp_path / "gap.xlsx"
    workbook.save(path)
    with pytest.raises(ScenarioError) as info:
        read_workbook(recalculate(path, tmp_path, "libreoffice").read_bytes())
    assert any(p.path == f"Forutsetninger!A{stray}" and "tom rad" in p.message for p in info.value.problems)


def test_changes_against_the_first_years_budget(tmp_path, engine):
    result = compute(load_scenario(BUDGETS / "egne-saksbehandlere-2025.yaml"))
    book = computed(result, tmp_path, engine)
    sheet = book["Endringer"]
    top = next(r for r in range(1, sheet.max_row + 1) if str(sheet.cell(r, 1).value).startswith("Endring mot budsjett"))
    levels = views.line_levels_array(result)
    expected = views.changes_against_array(levels, 0)
    k = [i.line for i in result.line_info].index("saksbehandlere")
    row = next(r for r in range(top, sheet.max_row + 1) if sheet.cell(r, 2).value == "saksbehandlere")
    for j in range(len(result.years)):
        assert abs(sheet.cell(row, 3 + j).value - expected[k, j]) < TOLERANCE


def _named_row(sheet, name: str) -> int:
    """The row of a named assumption in the table «Navngitte forutsetninger»."""
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Forutsetning")
    return next(r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == name)


def test_a_named_assumption_changed_once_moves_every_line_that_uses_it(tmp_path, engine):
    """The new user's case: the agency's rate and the staff's first month edited once each, in the spreadsheet."""
    from costmodel.workbook.read import read_workbook

    scenario = load_scenario(BUDGETS / "egne-saksbehandlere-2025.yaml")
    workbook = build_workbook(compute(scenario))
    sheet = workbook["Forutsetninger"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(1, sheet.max_row + 1)}
    assert sheet[f"{FIELD_COLUMN['hourly_rate']}{rows[('egne', 'byra')]}"].value == "=F_timepris"
    assert sheet[f"{FIELD_COLUMN['end']}{rows[('egne', 'byra')]}"].value == "=EDATE(F_ansatt_fra,1)"
    sheet.cell(_named_row(sheet, "timepris"), 3).value = 950
    sheet.cell(_named_row(sheet, "ansatt_fra"), 3).value = datetime(2025, 6, 1)
    changed = whatif.apply(scenario, {"assumptions.timepris": 950, "assumptions.ansatt_fra": "2025-06"})
    book = computed(None, tmp_path, engine, workbook=workbook)
    assert_agrees(book, compute(changed), ledger_current=False)
    # Read back: the rate has a range whose most likely value still says 1 150: named, never picked silently.
    path = tmp_path / "edited.xlsx"
    workbook.save(path)
    with pytest.raises(ScenarioError) as info:
        read_workbook(recalculate(path, tmp_path, engine).read_bytes())
    cell = f"Forutsetninger!C{_named_row(sheet, 'timepris')}"
    assert any(
        p.path == cell and "sier 1 150, men cellen for driveren er 950" in p.message for p in info.value.problems
    )


def test_references_survive_a_round_trip_through_the_spreadsheet_engine(tmp_path, engine):
    from costmodel.workbook.read import read_workbook

    for name in ("egne-saksbehandlere-2025", "gjerdrum-2022", "land-2017-kapasitet"):
        scenario = load_scenario(BUDGETS / f"{name}.yaml")
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(export_bytes(compute(scenario)))
        imported = read_workbook(recalculate(path, tmp_path, engine).read_bytes())
        assert imported == scenario and imported.references == scenario.references
        assert imported.assumptions == scenario.assumptions


def test_an_edited_named_value_reads_back_as_the_new_value_with_its_references(tmp_path, engine):
    from costmodel.workbook.read import read_workbook

    scenario = load_scenario(BUDGETS / "gjerdrum-2022.yaml")
    workbook = build_workbook(compute(scenario))
    sheet = workbook["Forutsetninger"]
    sheet.cell(_named_row(sheet, "timepris"), 3).value = 850
    sheet.cell(_named_row(sheet, "ansatt_fra"), 3).value = datetime(2023, 4, 1)
    path = tmp_path / "edited.xlsx"
    workbook.save(path)
    imported = read_workbook(recalculate(path, tmp_path, engine).read_bytes())
    expected = whatif.apply(scenario, {"assumptions.timepris": 850, "assumptions.ansatt_fra": "2023-04"})
    assert imported == expected and imported.references == scenario.references
    assert imported.alternative("egne").lines[0].end == "2023-06"


def _capacity_case() -> dict:
    from helpers import scenario

    return scenario(
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
                        "annual_salary": 600_000,
                        "start": "2025-04",
                        "sick_leave_rate": 0.12,
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
        prices="nominal",
        growth={"wages": {"default": 0.04}, "prices": {"default": 0.025}},
        parameters={"sick_leave_rate": 0.1, "sick_pay_refund_rate": 0.6, "vacancy_rate": 0.05},
        capacity={"need": {"fte": {2025: 4, "default": 5}}, "cover": "consultant", "cover_price_per_fte": 1_200_000},
    )


def test_capacity_computes_to_the_engines_figures_and_editing_sick_leave_moves_the_cover(tmp_path, engine):
    scenario = parse_scenario(_capacity_case())
    result = compute(scenario)
    book = computed(result, tmp_path, engine)
    assert_agrees(book, result)
    sheet = book["Kapasitet"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 3).value): r for r in range(1, sheet.max_row + 1)}
    for a, alt in enumerate(result.alternatives):
        for label, figures in (("Egne effektive årsverk", result.own), ("Dekning (innleie)", result.cover)):
            shown = [sheet.cell(rows[(alt, label)], 11 + k).value for k in range(len(result.month_numbers))]
            assert shown == pytest.approx(figures[a].tolist(), abs=1e-9)
    # The team's sick leave 12 % → 25 % and the scenario-wide rate (the leader's) 10 % → 20 %: less own
    # capacity, more cover bought, larger refunds.
    workbook = build_workbook(result)
    inputs = workbook["Forutsetninger"]
    label_rows = {inputs.cell(r, 1).value: r for r in range(1, 30)}
    inputs.cell(label_rows["Sykefravær"], 2).value = 0.2
    team = next(
        r for r in range(1, inputs.max_row + 1) if (inputs.cell(r, 1).value, inputs.cell(r, 2).value) == ("egne", "t")
    )
    inputs[f"{FIELD_COLUMN['sick_leave_rate']}{team}"] = 0.25
    changed = compute(whatif.apply(scenario, {"parameters.sick_leave_rate": 0.2, "egne.t.sick_leave_rate": 0.25}))
    edited = computed(None, tmp_path, engine, name="endret.xlsx", workbook=workbook)
    assert_agrees(edited, changed, ledger_current=False)
    before, after = (views.summary(r)["alternatives"]["egne"]["lines"]["dekning"]["annual"] for r in (result, changed))
    assert after["2026"] > before["2026"]


def test_a_need_in_cases_with_no_cover_computes_alike(tmp_path, engine):
    data = _capacity_case()
    data["capacity"] = {"need": {"cases": {"default": 44}, "cases_per_fte": 11}}
    result = compute(parse_scenario(data))
    assert_agrees(computed(result, tmp_path, engine), result)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=__import__("test_capacity").capacity_scenarios())
def test_random_capacity_scenarios_compute_to_the_engines_figures(tmp_path_factory, data, engine):
    result = compute(parse_scenario(data))
    assert_agrees(computed(result, tmp_path_factory.mktemp("wb"), engine), result)


def test_bought_hours_and_a_purchase_that_says_its_årsverk_count_in_the_workbooks_capacity(tmp_path, engine):
    """Contract 1.3 in both spreadsheet engines: hours bought (unit hour) and a purchase's årsverk levert fill the
    need, so only the rest is covered; editing the hours or the årsverk on Forutsetninger moves the cover."""
    data = _capacity_case()
    data["alternatives"][0]["lines"] = [
        {"id": "h", "label": "Timer", "kind": "purchase", "units_per_month": 300, "unit": "hour", "unit_price": 1000},
        {"id": "t", "label": "Tiltak", "kind": "purchase", "annual_amount": 2_000_000, "fte_equivalent": 1.5},
    ]
    scenario = parse_scenario(data)
    result = compute(scenario)
    book = computed(result, tmp_path, engine)
    assert_agrees(book, result)
    sheet = book["Kapasitet"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 3).value): r for r in range(1, sheet.max_row + 1)}
    shown = [sheet.cell(rows[("kjop", "Egne effektive årsverk")], 11 + k).value for k in range(24)]
    assert shown == pytest.approx([300 * 12 / 1695 + 1.5] * 24)
    workbook = build_workbook(result)
    inputs = workbook["Forutsetninger"]
    found = {(inputs.cell(r, 1).value, inputs.cell(r, 2).value): r for r in range(1, inputs.max_row + 1)}
    inputs[f"{FIELD_COLUMN['units_per_month']}{found[('kjop', 'h')]}"] = 150
    inputs[f"{FIELD_COLUMN['fte_equivalent']}{found[('kjop', 't')]}"] = 0.5
    changed = compute(whatif.apply(scenario, {"kjop.h.units_per_month": 150, "kjop.t.fte_equivalent": 0.5}))
    edited = computed(None, tmp_path, engine, name="endret.xlsx", workbook=workbook)
    assert_agrees(edited, changed, ledger_current=False)
    before, after = (views.summary(r)["alternatives"]["kjop"]["lines"]["dekning"]["annual"] for r in (result, changed))
    assert after["2025"] > before["2025"]


def test_the_workbook_prints_on_a4_with_readable_wide_sheets_and_its_kinds_in_norwegian():
    """A wide sheet (a column per month) is not squeezed onto one page: it prints at a readable scale with its
    labels and title rows repeated; a narrow one fits the page width. The line kinds read «innleie», not
    «consultant», and still read back on import."""
    from costmodel.workbook.read import read_workbook

    scenario = load_scenario(BUDGETS / "land-2017-kapasitet.yaml")
    book = build_workbook(compute(scenario))
    for ws in book.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"  # A4
    for name in ("Forutsetninger", "Beregning", "Kapasitet"):
        ws = book[name]
        assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 70
        assert ws.print_title_cols == "$A:$C"
    assert book["Beregning"].print_title_rows == "$1:$8"
    assert book["Sammenligning"].sheet_properties.pageSetUpPr.fitToPage
    kinds = {c.value for c in book["Forutsetninger"][FIELD_COLUMN["kind"]] if c.value}
    assert {"innleie", "egne stillinger", "fast beløp per år"} <= kinds and "consultant" not in kinds
    assert read_workbook(export_bytes(compute(scenario))) == scenario
