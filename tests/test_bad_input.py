"""The bad-input catalogue: each file gives its message with the field path, never a traceback."""

import re
import subprocess
import sys

import pytest
from conftest import BUDGETS, ROOT
from helpers import scenario

from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario, parse_scenario
from costmodel.yamlsafe import dump_yaml, load_yaml

GOOD = """name: Test
start: 2020-01
months: 12
alternatives:
  - id: a
    name: A
    lines:
      - {id: s, label: S, kind: staff, fte: 1, annual_salary: 500000}
"""


def problems_of(source) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        if isinstance(source, dict):
            parse_scenario(source)
        else:
            load_scenario(source if isinstance(source, bytes) else source.encode("utf-8"))
    return [str(p) for p in info.value.problems]


def line(**fields):
    return scenario([{"id": "x", "label": "X", **fields}])


@pytest.mark.parametrize(
    "source, expected",
    [
        (GOOD.replace("fte: 1,", "fte: 1, fet: 2,"), "alternatives[0].lines[0].fet: ukjent felt"),
        (GOOD.replace("months: 12", "months: tolv"), "months: må være et heltall"),
        (GOOD.replace("fte: 1,", "fte: -1,"), "alternatives[0].lines[0].fte: må være minst 0"),
        (
            GOOD.replace("annual_salary: 500000", "annual_salary: -5"),
            "alternatives[0].lines[0].annual_salary: må være minst 0",
        ),
        (GOOD.replace("start: 2020-01", "start: 2020-13"), "start: «2020-13»: måned 13 finnes ikke"),
        (GOOD.replace("months: 12", "months: 0"), "months: må være minst 1"),
        (GOOD.replace("months: 12", "months: 100000"), "months: kan være høyst 600"),
        (GOOD.replace("annual_salary: 500000", "annual_salary: .nan"), "annual_salary: må være et endelig tall"),
        (GOOD.replace("annual_salary: 500000", "annual_salary: .inf"), "annual_salary: må være et endelig tall"),
        (GOOD.replace("annual_salary: 500000", "annual_salary: 1e400"), "annual_salary: må være et endelig tall"),
        (GOOD.replace("fte: 1,", "fte: yes,"), "alternatives[0].lines[0].fte: må være et tall, fikk teksten «yes»"),
        (GOOD.replace("fte: 1,", "fte: true,"), "alternatives[0].lines[0].fte: må være et tall, ikke ja/nei"),
        (GOOD.replace("fte: 1,", "fte: 1:30,"), "alternatives[0].lines[0].fte: må være et tall, fikk teksten «1:30»"),
        (
            GOOD + "parameters: {employer_tax_rate: 14.1}\n",
            "parameters.employer_tax_rate: 14.1 ser ut som en prosentsats; skriv andelen, f.eks. 0.141",
        ),
        (GOOD + "discount_rate: 4\n", "discount_rate: 4 ser ut som en prosentsats"),
        (GOOD + "baseline: b\n", "baseline: «b» er ikke et alternativ"),
        (GOOD + "name: Igjen\n", "nøkkelen «name» står to ganger"),
        (GOOD.replace("kind: staff", "kind: robot"), "alternatives[0].lines[0]: ukjent linjetype «robot»"),
        (GOOD.replace("kind: staff, ", ""), "alternatives[0].lines[0]: mangler kind"),
        (GOOD.replace("months: 12", "months: [12"), "YAML-syntaksfeil på linje"),
        ("", "filen er tom"),
        ("- 1\n- 2\n", "filen må være en samling felt"),
        ("just text", "filen må være en samling felt"),
        ("a: &x [1]\nb: *x\n", "ankere (&x) er ikke tillatt"),
        ("a: !!python/object/apply:os.system [ls]\n", "YAML-tagger"),
        ("[" * 30000 + "]" * 30000, "for dyp nøsting"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "filen ser ut til å være binær"),
        (b"name: \xff\xfe\n", "filen er ikke UTF-8-tekst"),
        (b"a: " + b"x" * 1_100_000, "filen er for stor"),
    ],
)
def test_bad_files(source, expected):
    assert any(expected in p for p in problems_of(source)), problems_of(source)


def test_alias_bomb_is_refused_before_it_expands():
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    assert any("ankere" in p or "aliaser" in p for p in problems_of(bomb))


def test_kostra_codes_are_three_digit_text_never_octal():
    assert (
        parse_scenario(line(kind="fixed", annual_amount=1, kostra_art="010")).alternatives[0].lines[0].kostra_art
        == "010"
    )
    unquoted = load_scenario(GOOD.replace("fte: 1,", "fte: 1, kostra_art: 010,").encode())
    assert unquoted.alternatives[0].lines[0].kostra_art == "010"
    assert any("er ikke en KOSTRA-kode" in p for p in problems_of(line(kind="fixed", annual_amount=1, kostra_art=8)))


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"kind": "staff", "fte": 1}, "mangler prisdriver for egne stillinger"),
        ({"kind": "staff", "fte": 1, "annual_salary": 1, "annual_cost_per_fte": 2}, "for mange prisdrivere"),
        ({"kind": "consultant", "fte": 1}, "mangler prisdriver for innleie"),
        ({"kind": "consultant", "fte": 1, "hourly_rate": 1, "annual_price_per_fte": 1}, "for mange prisdrivere"),
        ({"kind": "consultant", "fte": 1, "hours_per_month": 3, "hourly_rate": 1}, "for mange prisdrivere"),
        ({"kind": "purchase", "units_per_month": 1}, "mangler prisdriver for kjøp"),
        ({"kind": "purchase", "annual_amount": 1, "units_per_month": 1, "unit_price": 1}, "for mange prisdrivere"),
        (
            {"kind": "fixed", "annual_amount": 1, "start": "2021-05", "end": "2021-02"},
            "end: slutt 2021-02 er før start 2021-05",
        ),
        ({"kind": "fixed", "annual_amount": 1, "end": "2019-12"}, "end: slutt 2019-12 er før start 2020-01"),
        ({"kind": "staff", "fte": 1, "annual_salary": 1, "employer_tax_zone": "VII"}, "ukjent sone «VII»"),
        (
            {"kind": "staff", "fte": 1, "annual_salary": 1, "employer_tax_zone": "I", "employer_tax_rate": 0.1},
            "oppgi enten employer_tax_rate eller employer_tax_zone",
        ),
        ({"kind": "purchase", "annual_amount": 1, "vat_rate": 25}, "vat_rate: 25 ser ut som en prosentsats"),
        ({"kind": "fixed", "annual_amount": 1, "pension_rate": 0.2}, "pension_rate: ukjent felt"),
        ({"kind": "fixed", "annual_amount": 1, "label": ""}, "label: kan ikke være tom"),
    ],
)
def test_bad_lines(fields, expected):
    found = problems_of(line(**fields))
    assert any(expected in p for p in found), found


def test_duplicate_ids_and_every_problem_at_once():
    data = scenario(
        alternatives=[
            {
                "id": "a",
                "name": "A",
                "lines": [
                    {"id": "x", "label": "X", "kind": "fixed", "annual_amount": 1},
                    {"id": "x", "label": "Y", "kind": "fixed", "annual_amount": -1},
                ],
            },
            {"id": "a", "name": "B", "lines": [{"id": "c", "label": "C", "kind": "fixed", "annual_amount": "mye"}]},
        ],
        common=[{"id": "c", "label": "C", "kind": "fixed", "annual_amount": 1}],
    )
    found = problems_of(data)
    assert "alternatives[0].lines[1].id: linje-id «x» er brukt før i samme alternativ" in found
    assert "alternatives[1].id: alternativet «a» finnes allerede" in found
    assert "alternatives[1].lines[0].id: linje-id «c» er brukt før i common" in found
    assert "alternatives[1].lines[0].annual_amount: må være et tall, fikk teksten «mye»" in found


def test_nominal_scenario_missing_a_growth_year():
    data = scenario(
        [{"id": "x", "label": "X", "kind": "staff", "fte": 1, "annual_salary": 1}],
        prices="nominal",
        start="2020-01",
        months=36,
        growth={"wages": {2021: 0.03}},
    )
    assert problems_of(data) == [
        # the prices series deflates the present value (docs/method.md §4), so it is needed too
        "growth.prices: løpende priser trenger vekst for 2021, 2022 for å regne nåverdien i faste kroner, "
        "men serien mangler dem og har ingen default",
        "growth.wages: løpende priser trenger vekst for 2022, men serien mangler det og har ingen default",
    ]
    named = scenario(
        [{"id": "x", "label": "X", "kind": "fixed", "annual_amount": 1}],
        prices="nominal",
        start="2026-01",
        months=12,
        price_basis=2025,
        growth="statsbudsjett",
    )
    assert problems_of(named) == [
        "growth.prices: løpende priser trenger vekst for 2026, men serien mangler det og har ingen default"
    ]
    unknown = scenario([], prices="nominal", growth="gjetning")
    assert any("ukjent vekstserie «gjetning»" in p for p in problems_of(unknown))


@pytest.mark.parametrize("command", [["validate"], ["summary"], ["summary", "--json"], ["budget"]])
def test_cli_refuses_bad_files_with_exit_2_and_no_traceback(tmp_path, command):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("fte: 1,", "fte: -1,").replace("months: 12", "months: 0"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "costmodel", *command, str(bad)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert "  months: må være minst 1" in done.stderr.splitlines()
    assert "  alternatives[0].lines[0].fte: må være minst 0" in done.stderr.splitlines()


def test_cli_missing_file_and_unknown_alternative(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "costmodel", "validate", str(tmp_path / "nope.yaml")], capture_output=True, text=True
    )
    assert done.returncode == 2 and "finner ikke filen" in done.stderr and "Traceback" not in done.stderr
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "costmodel", "budget", str(good), "-a", "zz"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "«zz» finnes ikke; velg en av a" in done.stderr


def test_saved_text_round_trips_tricky_strings():
    data = scenario(
        [{"id": "x", "label": label, "kind": "fixed", "annual_amount": 1} for label in ["NO"]]
        + [{"id": "y", "label": "010", "kind": "one_off", "amount": 2, "kostra_art": "010"}],
        name="1:30",
    )
    model = parse_scenario(data)
    from costmodel.scenario import scenario_to_data

    assert load_scenario(dump_yaml(scenario_to_data(model)).encode()) == model


def test_a_misspelt_field_suggests_the_one_it_most_likely_meant():
    typo = GOOD.replace("fte: 1,", "fte: 1, recruitment: 30000,")
    assert "alternatives[0].lines[0].recruitment: ukjent felt `recruitment`: mente du `recruitment_cost` " in "\n".join(
        problems_of(typo)
    )
    norwegian = GOOD.replace("fte: 1,", "fte: 1, årslønn: 500000,")
    assert any("mente du `annual_salary` (årslønn)?" in p for p in problems_of(norwegian))
    top = GOOD.replace("months: 12", "months: 12\nparametre: {}")
    assert any(p.startswith("parametre: ukjent felt `parametre`: mente du `parameters`") for p in problems_of(top))


def test_an_unknown_kind_still_reports_the_lines_other_problems():
    typo = GOOD.replace("kind: staff, fte: 1,", "kind: staf, fte: -1, recruitment: 5,")
    problems = problems_of(typo)
    assert problems[0].startswith("alternatives[0].lines[0]: ukjent linjetype «staf»: mente du «staff»?")
    assert "alternatives[0].lines[0].fte: må være minst 0" in problems
    assert any(p.startswith("alternatives[0].lines[0].recruitment: ukjent felt") for p in problems)
    far = GOOD.replace("kind: staff", "kind: robot").replace("label:", "start: 2020-13, label:")
    assert "alternatives[0].lines[0].start: «2020-13»: måned 13 finnes ikke (1–12)" in problems_of(far)


# --- downloads that cannot run code (issue 24: CSV formula injection, OWASP) ------------------------------------


def _hostile():
    from helpers import scenario as make

    lines = [{"id": "l1", "label": "=1+1", "kind": "fixed", "annual_amount": -1000}]
    alternatives = [{"id": "a", "name": '=HYPERLINK("http://x.example","klikk")', "lines": lines}]
    return parse_scenario(make(alternatives=alternatives))


def _cells(text: str) -> list[str]:
    import csv
    import io

    return [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]


TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\u2212", "\x00")


def test_no_text_cell_of_any_csv_can_run_as_a_formula_and_the_numbers_stay_numbers():
    from costmodel.engine import compute, views
    from costmodel.report import tables
    from costmodel.ui.panels import ledger_csv

    result = compute(_hostile())
    ledger = ledger_csv(result).decode("utf-8-sig")
    budget = tables.to_csv(tables.budget_frames(result, "a"), "kr")
    summary = tables.to_csv({"levels": views.alternative_levels(result)}, "kr", index_name="alternativ")
    for text in (ledger, budget, summary):
        cells = _cells(text)
        texts = [c for c in cells if not c.lstrip("-").replace(",", "").replace(".", "").isdigit()]
        assert [c for c in texts if c.startswith(TRIGGERS)] == [], text[:300]
    assert "'=1+1" in _cells(ledger) and "-1000" in "".join(_cells(budget)).replace(",0", "")  # a number stays one


# --- large numbers (issue 24): bounded at validation, with a message; no figure can crash a view ------------------


@pytest.mark.parametrize("value", [1e308, -1e26, 1.0000001e12])
def test_a_figure_beyond_a_thousand_billion_is_refused_by_name(value):
    from helpers import scenario as make

    data = make([{"id": "f", "label": "Fast", "kind": "fixed", "annual_amount": value}])
    assert problems_of(data) == [
        f"alternatives[0].lines[0].annual_amount: {value:g} er for stort; tall i et scenario må ligge under "
        "1 000 milliarder (1e12)"
    ]


def test_every_finite_figure_formats_and_the_largest_allowed_case_keeps_its_json_finite():
    import json

    from helpers import scenario as make

    from costmodel import formatting as fmt
    from costmodel.engine import compute, views

    assert fmt.kr(-1.7e308).startswith("−170 000") and fmt.mill(1e212).endswith("mill. kr")
    staff = {"id": "s", "label": "S", "kind": "staff", "fte": 1e12, "annual_cost_per_fte": 1e12}
    summary = views.summary(compute(parse_scenario(make([staff]))))
    json.dumps(summary, allow_nan=False)  # no Infinity or NaN in what the CLI prints


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"scenario": "egne-saksbehandlere-2025.yaml", "assumptions.timepris": "1e308"}, "er for stort"),
        ({"scenario": "land-2017.yaml", "months": ".nan"}, "må være et heltall"),
    ],
)
def test_a_crafted_address_with_huge_or_no_numbers_gets_a_message_not_a_crash(query, words):
    from streamlit.testing.v1 import AppTest
    from test_app import APP

    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert words in at.error[0].value


HOSTILE = "# Overskrift [lenke](https://evil.example/x) ![bilde](https://evil.example/p.png) :red[rød] <b>fet</b>"


def _unescaped_markdown(text: str) -> list[str]:
    """What in `text` would render as a link, an image, HTML, a directive or a heading."""
    found = []
    for pattern in (r"(?<!\\)\]\(", r"(?<!\\)!(?<!\\)\[", r"(?<!\\)<b>", r"(?<!\\):red(?<!\\)\[", r"(?m)^#\s"):
        found += re.findall(pattern, text)
    return found


def test_user_text_is_shown_as_text_everywhere_on_the_page(fresh_store):
    """Issue 24: names and labels from a shared scenario, and an address's parameter names, never become a heading,
    a link, an image the viewer's browser fetches, HTML or a coloured directive."""
    from streamlit.testing.v1 import AppTest

    data = load_yaml((BUDGETS / "arendal-tiltaksteam.yaml").read_bytes())
    data["name"] = HOSTILE
    data["municipality"] = HOSTILE
    for alternative in data["alternatives"]:
        alternative["name"] = HOSTILE + " " + alternative["id"]
        for line in alternative["lines"]:
            line["label"] = HOSTILE + " " + line["id"]
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    at.file_uploader[0].set_value(("fiendtlig.yaml", dump_yaml(data).encode(), "application/x-yaml")).run()
    key = at.session_state["source"]
    for query in ({}, {"visning": "presentasjon"}, {"[lenke](https://evil.example)": "1", "# x": "2"}):
        page = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        page.query_params.update({"scenario": key, **query})
        page.run()
        assert not page.exception
        for tab in ("Oversikt", "Usikkerhet", "Budsjettendringer") if not query else ("Oversikt",):
            page.session_state["view_tab"] = tab
            page.run()
            shown = [e.value for kind in ("title", "markdown", "caption", "info", "warning", "error", "success")
                     for e in page.get(kind)]  # fmt: skip
            shown += [m.label for m in page.metric] + [e.label for e in page.expander]
            bad = {text[:120] for text in shown if _unescaped_markdown(str(text))}
            assert not bad, (query, tab, sorted(bad)[:5])


# --- bounded work: no file, address or slider may take a server down (issue 24) ---------------------------------


def _lines(n: int, prefix: str = "l") -> list[dict]:
    return [{"id": f"{prefix}{k}", "label": f"Linje {k}", "kind": "fixed", "annual_amount": 1000} for k in range(n)]


def _refused(data, *needles: str) -> list[str]:
    import time

    began = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        parse_scenario(data)
    assert time.perf_counter() - began < 2  # refused before any costly work
    messages = [str(p) for p in info.value.problems]
    for needle in needles:
        assert any(needle in m for m in messages), (needle, messages)
    return messages


def test_a_scenario_too_big_to_compute_is_refused_at_once_saying_the_limit():
    from costmodel.scenario import limits

    _refused(scenario(_lines(1700)), "1 700 linjer i ett alternativ er for mange; høyst 100")
    many = [{"id": f"a{k}", "name": f"A{k}", "lines": _lines(1)} for k in range(13)]
    _refused(scenario(alternatives=many), "13 alternativer er for mange; høyst 12")
    four = [{"id": f"a{k}", "name": f"A{k}", "lines": _lines(80, f"x{k}_")} for k in range(4)]
    _refused(scenario(alternatives=four), "scenariet regner 320 linjer", "høyst 300")
    two = [{"id": f"a{k}", "name": f"A{k}", "lines": _lines(100, f"x{k}_")} for k in range(2)]
    _refused(scenario(alternatives=two, months=600), "600 måneder × 200 linjer = 120 000 månedsposter er for mye")
    drawn = scenario(alternatives=two, months=240, simulation={"draws": 200_000})
    _refused(drawn, "200 000 trekk over 48 000 månedsposter", "bruk høyst 6 250 trekk")
    assert parse_scenario(scenario(alternatives=two, months=240))  # within every bound
    assert limits.MAX_LEDGER >= 240 * 200


def test_a_simulation_or_table_asked_for_beyond_the_bound_is_refused_before_it_starts():
    from costmodel.engine import grid, simulation
    from costmodel.scenario import limits

    two = [{"id": f"a{k}", "name": f"A{k}", "lines": _lines(100, f"x{k}_")} for k in range(2)]
    big = parse_scenario(scenario(alternatives=two, months=240, baseline="a0"))
    with pytest.raises(ScenarioError, match="bruk høyst 6 250 trekk"):
        simulation.simulate(big, draws=100_000)
    axis = ("a1.x1_0.annual_amount", [1000 + k for k in range(200)])
    with pytest.raises(ScenarioError, match="40 000 celler i tabellen over 48 000 månedsposter"):
        grid.grid(big, axis, ("discount_rate", [0.01 + k / 10_000 for k in range(200)]), "a1")
    assert limits.MAX_WORK // (240 * 200) == 6250


def test_the_cli_refuses_too_many_draws_with_the_limit_and_exit_2(tmp_path):
    two = [{"id": f"a{k}", "name": f"A{k}", "lines": _lines(100, f"x{k}_")} for k in range(2)]
    data = scenario(alternatives=two, months=240, baseline="a0")
    data["alternatives"][1]["lines"][0]["annual_amount"] = {"low": 900, "high": 1100}
    path = tmp_path / "stor.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "costmodel", "simulate", str(path), "--draws", "100000"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and "bruk høyst 6 250 trekk" in done.stderr and "Traceback" not in done.stderr


def test_a_file_of_unknown_keys_is_refused_quickly_and_lists_only_the_first_problems():
    import time

    land = (BUDGETS / "land-2017.yaml").read_text(encoding="utf-8")
    huge = (land + "".join(f"ukjent{k}: {k}\n" for k in range(100_000))).encode()[:990_000]
    began = time.perf_counter()
    with pytest.raises(ScenarioError, match="for mange felt og verdier"):
        load_scenario(huge)
    assert time.perf_counter() - began < 3
    with pytest.raises(ScenarioError) as info:
        load_scenario((land + "".join(f"ukjent{k}: {k}\n" for k in range(3000))).encode())
    assert len(info.value.problems) == 31
    assert info.value.problems[-1].message == "… og 2970 feil til av samme slag; rett disse først"


def test_a_workbook_with_huge_shared_strings_is_refused_before_it_is_parsed():
    import io
    import time
    import zipfile

    from costmodel.workbook.read import read_workbook

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        strings = "<sst>" + "<si><t>" + "x" * 40 + "</t></si>" * 1 + "</sst>"
        archive.writestr("xl/sharedStrings.xml", strings + " " * 46_000_000)
    began = time.perf_counter()
    with pytest.raises(ScenarioError, match="delen xl/sharedStrings.xml i regnearket er 46 MB"):
        read_workbook(buffer.getvalue())
    assert time.perf_counter() - began < 2


def test_a_crafted_address_that_asks_for_too_much_gets_a_message():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params.update({f"x{k}": "1" for k in range(300)})
    at.run()
    assert not at.exception and at.metric  # the page, and one message about the link
    assert any("lenken setter 300 verdier; høyst 200" in w.value for w in at.warning)


def test_the_workbook_deck_and_note_keep_formula_like_labels_as_text():
    """A label `=1+1` and a name `=HYPERLINK(…)` are text in every sheet of the workbook (never a formula), and
    plain text in the deck and the note."""
    import io

    import openpyxl
    from docx import Document
    from pptx import Presentation

    from costmodel.engine import compute
    from costmodel.report.deck import deck_bytes
    from costmodel.report.note import note_bytes
    from costmodel.workbook.export import export_bytes

    result = compute(_hostile())
    hostile = {"=1+1", '=HYPERLINK("http://x.example","klikk")'}
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(result)))
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and any(h in cell.value for h in hostile):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    found.add(sheet.title)
    assert {"Forutsetninger", "Beregning"} <= found
    slides = Presentation(io.BytesIO(deck_bytes(result))).slides
    texts = [sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame]
    assert any("=HYPERLINK" in t for t in texts)  # shown as the text it is
    note = Document(io.BytesIO(note_bytes(result)))
    assert not note.element.xpath("//w:fldSimple | //w:instrText")  # no field codes: nothing a reader computes
    assert any("=HYPERLINK" in p.text for p in note.paragraphs) or any(
        "=HYPERLINK" in c.text for t in note.tables for r in t.rows for c in r.cells
    )
