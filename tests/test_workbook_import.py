"""Reading workbooks back: exact round trip, cell-named errors, and hostile files refused fast."""

import io
import json
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from conftest import BUDGETS, ROOT

from costmodel.engine import compute
from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario
from costmodel.workbook.export import export_bytes
from costmodel.workbook.layout import FIELD_COLUMN
from costmodel.workbook.read import read_workbook

NAMES = ["land-2017", "arendal-tiltaksteam", "gjerdrum-2022", "land-2017-ro-prosjekt", "land-2017-kapasitet"]


def exported(name: str = "land-2017") -> bytes:
    return export_bytes(compute(load_scenario(BUDGETS / f"{name}.yaml")))


@pytest.mark.parametrize("name", NAMES)
def test_export_then_import_gives_the_same_scenario(name):
    assert read_workbook(exported(name)) == load_scenario(BUDGETS / f"{name}.yaml")


def edited(change, name: str = "land-2017") -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(exported(name)))
    sheet = book["Forutsetninger"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(1, sheet.max_row + 1)}
    change(sheet, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems(data: bytes) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        read_workbook(data)
    return [str(p) for p in info.value.problems]


def test_edits_are_read_and_bad_cells_named():
    def change(sheet, rows):
        sheet[f"{FIELD_COLUMN['fte']}{rows[('plan', 'oppbemanning')]}"] = 5
        sheet[f"{FIELD_COLUMN['fte']}{rows[('plan', 'kjop')]}"] = "tre"
        sheet[f"{FIELD_COLUMN['annual_price_per_fte']}{rows[('innleie', 'kjop')]}"] = -1

    found = problems(edited(change))
    assert any(
        p.endswith(": «tre» er ikke et tall") and p.startswith(f"Forutsetninger!{FIELD_COLUMN['fte']}") for p in found
    )
    assert any(
        p.startswith(f"Forutsetninger!{FIELD_COLUMN['annual_price_per_fte']}") and "må være minst 0" in p for p in found
    )
    good = read_workbook(
        edited(lambda sheet, rows: sheet.__setitem__(f"{FIELD_COLUMN['fte']}{rows[('plan', 'oppbemanning')]}", 5))
    )
    assert good.alternative("plan").lines[1].fte == 5


def test_a_formula_without_a_computed_value_is_an_error_not_zero():
    def change(sheet, rows):
        sheet[f"{FIELD_COLUMN['fte']}{rows[('plan', 'oppbemanning')]}"] = "=2+2"

    found = problems(edited(change))
    assert any("formelen har ingen beregnet verdi" in p for p in found), found


def test_a_formula_is_read_by_its_computed_value(tmp_path):
    from spreadsheet import SOFFICE, recalculate

    if SOFFICE is None:
        pytest.skip("LibreOffice mangler")
    path = tmp_path / "formel.xlsx"
    path.write_bytes(
        edited(lambda sheet, rows: sheet.__setitem__(f"{FIELD_COLUMN['fte']}{rows[('plan', 'oppbemanning')]}", "=2+3"))
    )
    scenario = read_workbook(recalculate(path, tmp_path).read_bytes())
    assert scenario.alternative("plan").lines[1].fte == 5


def test_a_workbook_without_the_sheet():
    book = openpyxl.Workbook()
    book.active.title = "Ark1"
    buffer = io.BytesIO()
    book.save(buffer)
    assert problems(buffer.getvalue()) == [
        "regnearket har ikke arket «Forutsetninger»; bruk et regneark eksportert fra kostnadsmodellen"
    ]


# --- hostile files, built at test time ------------------------------------------------------------


def rewrite(part: str, transform) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(exported()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, transform(data) if info.filename == part else data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet2.xml"  # Forutsetninger
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b"]>"
)


def with_doctype(doctype: bytes, inject: bytes):
    """A sheet rewrite: the given DOCTYPE in front, `inject` at the start of the sheet data."""

    def transform(d: bytes) -> bytes:
        body = d.split(b"?>", 1)[1] if d.startswith(b"<?xml") else d
        return doctype + body.replace(b"<sheetData>", b"<sheetData>" + inject, 1)

    return transform


def xml_bomb() -> bytes:
    return rewrite(SHEET, with_doctype(LAUGHS, b"&lol9;"))


def quadratic() -> bytes:
    entity = b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "' + b"A" * 50_000 + b'">]>'
    return rewrite(SHEET, with_doctype(entity, b"&a;" * 5000))


def external_entity() -> bytes:
    doctype = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    return rewrite(SHEET, with_doctype(doctype, b"&x;"))


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in zipfile.ZipFile(io.BytesIO(exported())).infolist():
            target.writestr(info.filename, zipfile.ZipFile(io.BytesIO(exported())).read(info.filename))
        target.writestr("xl/media/padding.xml", b"0" * 60_000_000)
    return out.getvalue()


def far_cell() -> bytes:
    return rewrite(
        SHEET,
        lambda d: d.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
    )


def whole_sheet_merge() -> bytes:
    return rewrite(
        SHEET,
        lambda d: d.replace(
            b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'
        ),
    )


def lying_dimension() -> bytes:
    return rewrite(
        SHEET,
        lambda d: (
            d.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>', 1)
            if b"<dimension" not in d
            else re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', d)
        ),
    )


import re  # noqa: E402  (used by lying_dimension)

HOSTILE = {
    "xml_bomb": (xml_bomb, "kan ikke leses"),
    "quadratic": (quadratic, "kan ikke leses"),
    "external_entity": (external_entity, "kan ikke leses"),
    "zip_bomb": (zip_bomb, "zip-bombe"),
    "truncated": (lambda: exported()[: len(exported()) // 2], "ikke et Excel-regneark"),
    "not_a_zip": (lambda: b"alternativ;linje\nplan;kjop\n", "ikke et Excel-regneark"),
    "encrypted": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096, "kryptert"),
    "zip_not_xlsx": (lambda: _zip({"hei.txt": b"hei"}), "mangler xl/workbook.xml"),
    "far_cell": (far_cell, None),  # read within limits: imports normally
    "whole_sheet_merge": (whole_sheet_merge, None),
    "lying_dimension": (lying_dimension, None),
}


def _zip(parts: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


PROBE = """
import json, sys, time
from costmodel.workbook.read import read_workbook
from costmodel.errors import ScenarioError
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    read_workbook(data)
    outcome = None
except ScenarioError as exc:
    outcome = str(exc)
# VmHWM is this process's own peak (ru_maxrss would include the parent's size at fork on Linux)
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome, "peak_mb": peak / 1024}))
"""


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_are_refused_clearly_fast_and_small(tmp_path, name):
    build, expected = HOSTILE[name]
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(build())
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    if expected is None:
        assert report["outcome"] is None  # a correct, capped read
    else:
        assert report["outcome"] and expected in report["outcome"], report
    assert report["seconds"] < 2.0 and report["peak_mb"] < 300, report


def test_macros_are_refused():
    data = _zip(
        {
            **{
                i.filename: zipfile.ZipFile(io.BytesIO(exported())).read(i.filename)
                for i in zipfile.ZipFile(io.BytesIO(exported())).infolist()
            },
            "xl/vbaProject.bin": b"\0" * 10,
        }
    )
    assert any("makroer" in p for p in problems(data))


def test_upload_size_is_limited():
    assert any("for stor" in p for p in problems(b"PK" + b"\0" * 2_100_000))


def test_openpyxl_uses_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def lines_csv(scenario, edit=None) -> bytes:
    """The lines table of an exported workbook as CSV (`;`, decimal comma), as a spreadsheet saves it."""
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(compute(scenario))))
    sheet = book["Forutsetninger"]
    top = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Alternativ")
    rows = []
    for r in range(top, sheet.max_row + 1):
        cells = []
        for c in range(1, sheet.max_column + 1):
            value = _computed(sheet, sheet.cell(r, c).value)
            if hasattr(value, "strftime"):
                value = value.strftime("%Y-%m")
            elif isinstance(value, bool):
                value = "SANN" if value else "USANN"
            elif isinstance(value, float):
                value = repr(value).replace(".", ",")
            cells.append("" if value is None else str(value))
        rows.append(";".join(cells))
    if edit:
        rows = edit(rows)
    return ("\n".join(rows) + "\n").encode("utf-8")


def _computed(sheet, value):
    """What a spreadsheet saves to CSV for a cell pointing at a named assumption: its value (month moved)."""
    if not (isinstance(value, str) and value.startswith(("=F_", "=EDATE("))):
        return value
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Forutsetning")
    named = {sheet.cell(r, 4).value: sheet.cell(r, 3).value for r in range(header + 1, header + 20)}
    name, _, plus = value.removeprefix("=EDATE(").removeprefix("=").rstrip(")").partition(",")
    found = named[name]
    if plus:
        number = found.year * 12 + found.month - 1 + int(plus)
        found = found.replace(year=number // 12, month=number % 12 + 1)
    return found


def test_a_csv_of_lines_reads_back_to_the_same_scenario():
    from costmodel.workbook.read import read_lines_csv

    for name in NAMES:
        scenario = load_scenario(BUDGETS / f"{name}.yaml")
        assert read_lines_csv(lines_csv(scenario), scenario) == scenario


def test_a_csv_with_a_bad_cell_names_it():
    from costmodel.workbook.read import read_lines_csv

    scenario = load_scenario(BUDGETS / "land-2017.yaml")

    def edit(rows):
        return [row.replace(";innleie;3;", ";innleie;tre;") if row.startswith("innleie;kjop;") else row for row in rows]

    data = lines_csv(scenario, edit)
    row = next(n for n, line in enumerate(data.decode().splitlines(), start=1) if line.startswith("innleie;kjop;"))
    with pytest.raises(ScenarioError) as info:
        read_lines_csv(data, scenario)
    assert [str(p) for p in info.value.problems] == [f"linjer.csv!E{row}: «tre» er ikke et tall"]


def _same(x, y) -> bool:
    """Equal data; floats equal to the 15–16 significant digits a spreadsheet keeps."""
    if isinstance(x, float) and isinstance(y, float):
        return x == y or abs(x - y) <= 1e-14 * max(abs(x), abs(y))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_same(x[k], y[k]) for k in x)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(_same(a, b) for a, b in zip(x, y))
    return x == y


from hypothesis import HealthCheck, given, settings  # noqa: E402
from test_properties import scenarios  # noqa: E402

from costmodel.scenario import parse_scenario  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_random_scenarios_survive_export_and_import(data):
    scenario = parse_scenario(data)
    assert _same(read_workbook(export_bytes(compute(scenario))).model_dump(), scenario.model_dump())


# --- ranges (issue 5) --------------------------------------------------------------------------------


def _range_row(sheet, driver: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == driver)


def test_ranges_are_inputs_that_read_back_and_bad_ones_are_named_by_cell():
    def wider(sheet, rows):
        sheet.cell(_range_row(sheet, "assumptions.kjop_per_ar"), 5).value = 8_000_000

    scenario = read_workbook(edited(wider, "arendal-tiltaksteam"))
    assert scenario.ranges["assumptions.kjop_per_ar"].high == 8_000_000
    assert scenario.assumptions["kjop_per_ar"].label == "Kjøp av hjelpetiltak per år (kr)"
    assert scenario.alternative("kjop").lines[0].annual_amount == 5_000_000

    def inverted(sheet, rows):
        sheet.cell(_range_row(sheet, "tiltaksteam.team.annual_salary"), 3).value = 600_000

    row = None

    def remember(sheet, rows):
        nonlocal row
        row = _range_row(sheet, "tiltaksteam.team.annual_salary")

    edited(remember, "arendal-tiltaksteam")
    assert problems(edited(inverted, "arendal-tiltaksteam")) == [
        f"Forutsetninger!C{row}: low (600 000) er større enn high (545 000)"
    ]


def test_a_driver_cell_edited_away_from_its_range_is_an_error_not_a_silent_choice():
    cell = None

    def change(sheet, rows):
        nonlocal cell
        cell = f"{FIELD_COLUMN['annual_salary']}{rows[('tiltaksteam', 'team')]}"
        sheet[cell] = 520_000

    found = problems(edited(change, "arendal-tiltaksteam"))
    assert len(found) == 1 and found[0].startswith(
        f"Forutsetninger!{cell}: intervallet for tiltaksteam.team.annual_salary"
    )

    def named(sheet, rows):  # a ranged named assumption's value cell: the same rule
        nonlocal cell
        header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Forutsetning")
        cell = f"C{header + 1}"
        sheet[cell] = 5_500_000

    found = problems(edited(named, "arendal-tiltaksteam"))
    assert found == [
        f"Forutsetninger!{cell}: intervallet for assumptions.kjop_per_ar sier 5 000 000, men cellen for driveren "
        "er 5 500 000; endre cellen eller intervallet så de stemmer, eller slett intervallraden"
    ]


def test_the_uncertainty_sheet_holds_the_simulation():
    from costmodel.engine import simulation

    book = openpyxl.load_workbook(io.BytesIO(exported("arendal-tiltaksteam")))
    sheet = book["Usikkerhet"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    data = simulation.summary(simulation.simulate(load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")))
    c = data["comparison"]["tiltaksteam"]
    row = next(r for r in values if r[0] == "Eget tiltaksteam (6 årsverk)")
    # xlsx keeps 16 significant digits
    assert row[2:7] == pytest.approx(
        [
            c["total_difference"]["p10"],
            c["total_difference"]["p50"],
            c["total_difference"]["p90"],
            c["probability_cheaper"],
            c["probability_break_even"],
        ],
        rel=1e-15,
    )
    assert "i 60 % av 10 000 simuleringer" in values[3][0]
    from costmodel.engine.sensitivity import tornado

    _, bars = tornado(load_scenario(BUDGETS / "arendal-tiltaksteam.yaml"), "tiltaksteam")
    rows = [r for r in values if r[0] in {b.driver for b in bars}]
    assert [r[0] for r in rows] == [b.driver for b in bars]
    assert rows[0][2:7] == pytest.approx([4_000_000, 6_500_000, bars[0].low, bars[0].high, bars[0].swing], rel=1e-14)
    assert "Usikkerhet" not in openpyxl.load_workbook(io.BytesIO(exported("land-2017"))).sheetnames


def test_a_csv_keeps_a_range_only_where_its_value_is_unchanged():
    from costmodel.workbook.read import read_lines_csv

    scenario = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")

    def edit(rows):
        return [row.replace(";506000;", ";520000;") for row in rows]

    changed = read_lines_csv(lines_csv(scenario, edit), scenario)
    assert changed.alternative("tiltaksteam").lines[1].annual_salary == 520_000
    assert set(scenario.ranges) - set(changed.ranges) == {"tiltaksteam.team.annual_salary"}


def test_problems_point_at_the_row_and_column_of_the_cell_that_is_wrong():
    import io

    from costmodel.workbook.export import build_workbook as build

    workbook = build(compute(load_scenario(BUDGETS / "land-2017.yaml")))
    sheet = workbook["Forutsetninger"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(1, sheet.max_row + 1)}
    common, kjop, staff = rows[("felles", "fradrag")], rows[("plan", "kjop")], rows[("plan", "oppbemanning")]
    sheet[f"{FIELD_COLUMN['annual_amount']}{common}"] = "minus"
    sheet[f"{FIELD_COLUMN['fte']}{staff}"] = -2
    sheet[f"{FIELD_COLUMN['annual_price_per_fte']}{kjop}"] = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ScenarioError) as info:
        read_workbook(buffer.getvalue())
    found = {p.path: p.message for p in info.value.problems}
    assert found[f"Forutsetninger!{FIELD_COLUMN['annual_amount']}{common}"] == "«minus» er ikke et tall"
    assert found[f"Forutsetninger!{FIELD_COLUMN['fte']}{staff}"] == "må være minst 0"
    assert found[f"Forutsetninger!{FIELD_COLUMN['id']}{kjop}"].startswith("mangler prisdriver for innleie")


from test_capacity import capacity_scenarios  # noqa: E402


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(capacity_scenarios())
def test_random_capacity_scenarios_survive_export_and_import(data):
    scenario = parse_scenario(data)
    back = read_workbook(export_bytes(compute(scenario)))
    assert _same(back.model_dump(), scenario.model_dump())


def test_a_workbook_exported_before_a_column_was_renamed_still_reads_back():
    """«Rekruttering per årsverk» became «Rekruttering» and «Overhead per årsverk» «Felleskostnader per årsverk»
    (issue 21): a workbook with the old titles still gives the same scenario."""
    scenario = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(compute(scenario))))
    renamed = 0
    for row in book["Forutsetninger"].iter_rows():
        for cell in row:
            old = {"Rekruttering": "Rekruttering per årsverk", "Felleskostnader per årsverk": "Overhead per årsverk"}
            if cell.value in old:
                cell.value, renamed = old[cell.value], renamed + 1
    buffer = io.BytesIO()
    book.save(buffer)
    assert renamed == 2 and read_workbook(buffer.getvalue()) == scenario


def test_the_sources_and_the_councils_text_are_edited_in_the_workbook_and_read_back():
    """Issue 22: sources and council text (format 1.3) were lost on a round trip through the workbook."""

    def change(sheet, rows):
        proposal = [r for (label, _), r in rows.items() if label == "Forslag til vedtak, punkt"]
        sheet.cell(proposal[0], 2).value = "Prosjektplanen godkjennes med de endringer som fremkom i møtet."
        title = next(r for (label, _), r in rows.items() if label == "Kilde: tittel")
        sheet.cell(title + 1, 3).value = 2017  # the year of the first source

    scenario = read_workbook(edited(change))
    assert scenario.council.proposal[0] == "Prosjektplanen godkjennes med de endringer som fremkom i møtet."
    assert len(scenario.council.proposal) == 3 and scenario.sources[0].year == 2017
    assert scenario.sources[1] == load_scenario(BUDGETS / "land-2017.yaml").sources[1]
