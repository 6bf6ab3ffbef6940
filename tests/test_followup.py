"""Follow-up (issue 23, contract 1.3): the accounts against the plan, checked against a hand computation, across
three ERP layouts, by properties, and with bad and hostile files."""

from __future__ import annotations

import copy
import io
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from costmodel.engine import compute
from costmodel.errors import ScenarioError
from costmodel.followup import read, report
from costmodel.followup.status import follow_up
from costmodel.scenario import load_scenario, parse_scenario, scenario_to_data

CASES = ROOT / "tests" / "followup"
SMALL = load_scenario(CASES / "small.yaml")
ACCOUNTS = (CASES / "small-regnskap.csv").read_bytes()
ACTIVITY = (CASES / "small-aktivitet.csv").read_bytes()


def small(accounts: bytes = ACCOUNTS, activity: bytes | None = ACTIVITY, scenario=SMALL, name="regnskap.csv"):
    columns = scenario.follow_up.columns
    postings = read.read_accounts(accounts, name, columns)
    done = read.read_activity(activity, "aktivitet.csv") if activity is not None else None
    return follow_up(compute(scenario), postings, done)


def test_the_small_case_agrees_with_a_hand_computation():
    """tests/followup/small.yaml by hand: the team (2 årsverk à 600 000 kr) costs 100 000 kr a month, the bought
    hours 50 × 1 000 kr through June. Actuals through April: the team 400 000 kr; the hours 55, 60, 48 and 66
    thousand kr (60 hours at 1 100 kr in April); 5 000 kr on art 120 belong to no line."""
    data = small().as_dict()
    assert (data["year"], data["through"]) == (2026, "2026-04")
    team, hours = data["lines"]["team"], data["lines"]["innleie"]
    assert team == {
        "plan_to_date": 400_000.0,
        "actual_to_date": 400_000.0,
        "deviation_to_date": 0.0,
        "budget": 1_200_000.0,
        "forecast": {"plan": 1_200_000.0, "trend": 1_200_000.0, "model": 1_200_000.0},
        "volume_effect": None,  # no activity: «ikke forklart»
        "price_effect": None,
    }
    assert hours["plan_to_date"] == 200_000 and hours["actual_to_date"] == 229_000
    assert hours["deviation_to_date"] == 29_000 and hours["budget"] == 300_000
    # plan: 229 000 + May and June at 50 000; trend: the mean of Feb–Apr (58 000) for the 8 months left;
    # model: April's 60 hours at April's 1 100 kr for the months the plan still runs (May, June)
    assert hours["forecast"] == {"plan": 329_000.0, "trend": 229_000.0 + 8 * 58_000, "model": 229_000.0 + 2 * 66_000}
    # January +5 h, February +10 h, March −2 h at 1 000 kr; April +10 h at (1 000 + 1 100)/2 and +100 kr at
    # (50 + 60)/2 hours
    assert hours["volume_effect"] == 5_000 + 10_000 - 2_000 + 10_500
    assert hours["price_effect"] == 5_500
    assert hours["volume_effect"] + hours["price_effect"] == hours["deviation_to_date"]
    assert data["total"]["deviation_to_date"] == 29_000 and data["total"]["budget"] == 1_500_000
    assert data["unmapped"] == {"rows": 1, "amount": 5_000.0}
    # the baseline (100 hours à 1 000 kr) against the decided plan and the accounts
    assert data["gains"] == {"planned_to_date": 400_000 - 600_000.0, "realised_to_date": 400_000 - 629_000.0}


def _comma_layout() -> bytes:
    """An export with commas, a decimal point, YYYYMM, upper-case titles, an extra column, quoted text, cp1252."""
    lines = ["BILAG,PERIODE,ART,FUNKSJON,ANSVAR,BELØP,TEKST"]
    for k, line in enumerate(ACCOUNTS.decode().splitlines()[1:]):
        month, art, function, ansvar, amount, text = line.split(";")
        amount = amount.replace(" ", "").replace(",", ".")
        lines.append(f'{1000 + k},{month.replace("-", "")},{art},{function},{ansvar},{amount},"{text}, bokført"')
    return "\r\n".join(lines).encode("cp1252")


def _xlsx_layout() -> bytes:
    """An xlsx with two title rows, numbers as numbers, MM.YYYY, codes as numbers and its own column names."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Hovedbok, Liten kommune"])
    sheet.append(["Utskrevet 5.5.2026"])
    sheet.append(["Måned", "Kontoart", "Funksjon", "Beløp NOK", "Beskrivelse"])
    for line in ACCOUNTS.decode().splitlines()[1:]:
        month, art, function, _, amount, text = line.split(";")
        value = float(amount.replace(" ", "").replace(",", "."))
        sheet.append([f"{month[5:]}.{month[:4]}", int(art), int(function), value, text])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_three_erp_layouts_give_the_same_figures():
    expected = small().as_dict()
    assert small(_comma_layout()).as_dict() == expected
    mapped = parse_scenario(
        scenario_to_data(SMALL)
        | {
            "follow_up": {
                "alternative": "egne",
                "columns": {"periode": "Måned", "art": "Kontoart", "beløp": "Beløp NOK", "tekst": "Beskrivelse"},
            }
        }
    )
    assert small(_xlsx_layout(), scenario=mapped, name="hovedbok.xlsx").as_dict() == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,50", 1234.5),
        ("-1234.5", -1234.5),
        ("1.234,50", 1234.5),
        ("(1 234)", -1234.0),
        ("−12", -12.0),
        ("1 234,50 kr", 1234.5),
        ("NOK 1234,5", 1234.5),
    ],
)
def test_amounts_in_norwegian_or_plain_notation(text, value):
    rows = f"periode;art;funksjon;beløp\n2026-01;010;244;{text}\n2026-01;010;244;1,00\n"
    if "." in text and "," not in text:  # a file written with decimal points throughout
        rows = rows.replace("1,00", "1.00")
    assert read.read_accounts(rows.encode(), "f.csv")["amount"].iloc[0] == value


def test_bad_rows_are_named_by_row_and_column_in_norwegian():
    bad = b"Periode;Art;Funksjon;Bel\xc3\xb8p\n2026-13;010;244;100\n2026-02;010;244;12,3,4\n2026-03;010;244;\n"
    with pytest.raises(ScenarioError) as info:
        read.read_accounts(bad, "regnskap.csv")
    shown = [str(p) for p in info.value.problems]
    assert (
        "regnskap.csv, rad 2, kolonne «Periode»: «2026-13» er ikke en periode; skriv ÅÅÅÅ-MM, ÅÅÅÅMM eller MM.ÅÅÅÅ"
        in (shown)
    )
    assert "regnskap.csv, rad 3, kolonne «Beløp»: «12,3,4» er ikke et beløp" in shown
    assert "regnskap.csv, rad 4, kolonne «Beløp»: mangler et beløp" in shown


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "filen er tom"),
        (b"\x00\x01\x02garbage" * 100, "verken tekst (CSV) eller et Excel-regneark"),
        (b"dato;konto;sum\n2026-01;1;2\n", "fant ikke kolonnene «periode», «art», «funksjon», «beløp»"),
        (b"PK\x03\x04not really a zip", "ikke et Excel-regneark"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "kryptert eller passordbeskyttet"),
        (b"periode;art;funksjon;bel\xc3\xb8p\n2026-01;010;244;1\n2026-02;010;244;1;9;9\n", "rad 3: CSV-filen kan ikke"),
    ],
)
def test_hostile_and_wrong_files_get_a_clear_message(data, words):
    with pytest.raises(ScenarioError) as info:
        read.read_accounts(data, "regnskap")
    assert words in str(info.value)


def test_a_posting_two_lines_claim_is_an_error_naming_both():
    data = scenario_to_data(SMALL)
    data["alternatives"][1]["lines"][1]["kostra_art"] = "010"  # the hours on the team's account
    with pytest.raises(ScenarioError) as info:
        small(scenario=parse_scenario(data))
    assert "rad 2: posteringen passer både linjen «Team» og «Innleie i overgangen» i kontokoblingen" in str(info.value)


def test_activity_for_a_line_the_decision_does_not_have_is_named():
    with pytest.raises(ScenarioError) as info:
        small(activity=b"periode;linje;mengde\n2026-01;ukjent;5\n")
    assert "aktivitetsfilen, rad 2: «ukjent» er ikke en linje i det vedtatte alternativet" in str(info.value)


def test_an_accounts_mapping_with_ansvar_separates_two_lines_on_the_same_codes():
    data = scenario_to_data(SMALL)
    data["alternatives"][1]["lines"][1]["kostra_art"] = "010"
    data["follow_up"]["accounts"] = [
        {"line": "team", "art": "010", "funksjon": "244", "ansvar": "4100"},
        {"line": "innleie", "art": ["010", "270"], "funksjon": "244", "ansvar": "4200"},
    ]
    moved = ACCOUNTS.replace(b"270;244;4100", b"270;244;4200")
    figures = small(moved, scenario=parse_scenario(data)).as_dict()
    assert figures["lines"]["innleie"]["actual_to_date"] == 229_000 and figures["unmapped"]["rows"] == 1


# --- properties ---------------------------------------------------------------------------------------------


def _rows(amounts: list[list[float]], art: str) -> list[str]:
    return [f"2026-{month:02d};{art};244;{v:.2f}" for month, values in enumerate(amounts, start=1) for v in values]


amounts = st.lists(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 2)), max_size=3), min_size=1, max_size=12
)


@settings(max_examples=40, deadline=None)
@given(amounts, amounts)
def test_unmapped_and_mapped_postings_add_up_to_the_file(mapped, other):
    rows = _rows(mapped, "270") + _rows(other, "120")
    if not rows:
        return
    figures = small("\n".join(["periode;art;funksjon;beløp", *rows]).encode(), activity=None)
    total = sum(map(sum, mapped)) + sum(map(sum, other))
    counted = figures.as_dict()["total"]["actual_to_date"] + figures.unmapped_amount
    assert counted == pytest.approx(total, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12))
def test_the_plan_forecast_with_actuals_equal_to_the_plan_is_the_budget(through):
    result = compute(SMALL)
    plan = follow_up(
        result,
        pd.DataFrame(columns=["rad", "month", "art", "funksjon", "ansvar", "prosjekt", "amount"]),
        None,
        2026 * 12 + through - 1,
    ).plan
    rows = ["periode;art;funksjon;beløp"]
    for month in range(through):
        rows.append(f"2026-{month + 1:02d};010;244;{plan[0, month]:.2f}")
        if plan[1, month]:
            rows.append(f"2026-{month + 1:02d};270;244;{plan[1, month]:.2f}")
    figures = small("\n".join(rows).encode(), activity=None).as_dict()
    assert figures["total"]["forecast"]["plan"] == pytest.approx(figures["total"]["budget"])
    assert figures["total"]["deviation_to_date"] == pytest.approx(0, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 120), st.floats(500, 2000).map(lambda v: round(v, 2))), min_size=4, max_size=4)
)
def test_the_parts_of_a_deviation_add_up_to_it(months):
    """Hours and prices each month: actual = hours × price, so volume + price explain the whole deviation."""
    accounts = ["periode;art;funksjon;beløp"] + ["2026-01;010;244;100000"]
    activity = ["periode;linje;mengde"]
    for month, (hours, price) in enumerate(months, start=1):
        accounts.append(f"2026-{month:02d};270;244;{hours * price:.2f}")
        activity.append(f"2026-{month:02d};innleie;{hours}")
    figures = small("\n".join(accounts).encode(), "\n".join(activity).encode()).as_dict()["lines"]["innleie"]
    parts = figures["volume_effect"] + figures["price_effect"]
    assert parts == pytest.approx(figures["deviation_to_date"], abs=1e-6)


# --- the command and the words ------------------------------------------------------------------------------


def test_the_command_prints_the_contracts_json_and_a_report_in_norwegian():
    from click.testing import CliRunner

    from costmodel.cli import app

    runner = CliRunner()
    args = ["oppfolging", str(CASES / "small.yaml"), str(CASES / "small-regnskap.csv")]
    out = runner.invoke(app, [*args, "--aktivitet", str(CASES / "small-aktivitet.csv"), "--json"])
    assert out.exit_code == 0 and json.loads(out.stdout) == small().as_dict()
    text = runner.invoke(app, [*args, "--aktivitet", str(CASES / "small-aktivitet.csv")]).stdout
    assert "Per april 2026: regnskap 629 000 kr mot plan 600 000 kr hittil i år, merforbruk 29 000 kr." in text
    assert (
        "Innleie i overgangen: merforbruk 29 000 kr hittil i år; av dette 23 500 kr fordi antall timer er høyere enn "
        "planlagt og 5 500 kr fordi timeprisen er høyere." in text
    )
    assert "Team:" not in text  # no deviation, nothing to explain
    assert "1 postering på til sammen 5 000 kr er ikke knyttet til noen linje" in text
    march = runner.invoke(app, [*args, "--til", "2026-03", "--json"])
    assert json.loads(march.stdout)["lines"]["innleie"]["actual_to_date"] == 163_000
    wrong = runner.invoke(app, [*args, "--til", "mars"])
    assert wrong.exit_code == 2 and "«mars» er ikke en måned" in wrong.stderr


def test_the_report_names_a_line_without_activity_as_not_explained():
    text = report.deviation_sentences(small(activity=None))
    assert text == [
        "Innleie i overgangen: merforbruk 29 000 kr hittil i år; ikke forklart (ingen aktivitetstall for linjen)."
    ]


def test_postings_after_the_month_counted_do_not_count():
    later = ACCOUNTS + b"2026-05;270;244;4100;1 000 000,00;Mai\n"
    through_april = follow_up(compute(SMALL), read.read_accounts(later, "r.csv"), None, 2026 * 12 + 3)
    assert through_april.as_dict()["lines"]["innleie"]["actual_to_date"] == 229_000
    assert through_april.outside_rows == 1
    assert np.isclose(small(later, activity=None).as_dict()["lines"]["innleie"]["actual_to_date"], 1_229_000)


def test_a_scenario_without_a_follow_up_says_so():
    data = copy.deepcopy(scenario_to_data(SMALL))
    del data["follow_up"]
    with pytest.raises(ScenarioError) as info:
        follow_up(compute(parse_scenario(data)), read.read_accounts(ACCOUNTS, "r.csv"))
    assert "saken har ingen oppfølging" in str(info.value)


# --- the bundled example ------------------------------------------------------------------------------------

EXAMPLE = ROOT / "budgets" / "oppfolging"


def test_the_example_files_are_what_their_script_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("lag_eksempel", EXAMPLE / "lag_eksempel.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (EXAMPLE / "hovedbok-2017-08.csv").read_text(encoding="utf-8") == module.accounts_csv()
    assert (EXAMPLE / "aktivitet-2017-08.csv").read_text(encoding="utf-8") == module.activity_csv()


def test_the_example_forecasts_a_merforbruk_of_the_kind_lands_report_describes():
    """Land's report of September 2017: a forecast merforbruk of 2,8 mill. kr in the administration (funksjon
    244) and 3,6 mill. kr on tiltak (251, 252). The example's trend and model forecasts are of that kind."""
    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    postings = read.read_accounts(
        (EXAMPLE / "hovedbok-2017-08.csv").read_bytes(), "hovedbok.csv", scenario.follow_up.columns
    )
    activity = read.read_activity((EXAMPLE / "aktivitet-2017-08.csv").read_bytes(), "aktivitet.csv")
    data = follow_up(compute(scenario), postings, activity).as_dict()
    assert data["through"] == "2017-08"
    lines = data["lines"]

    def over(names, method):
        return sum(lines[n]["forecast"][method] - lines[n]["budget"] for n in names)

    admin, tiltak = ("faste", "nye", "konsulenter"), ("hjelpetiltak", "institusjon")
    assert 2.5e6 < over(admin, "trend") < 3.5e6
    assert 3.0e6 < over(tiltak, "model") < 4.0e6
    # the consultants: 520 hours at 900 kr against 425 at 825, eight months
    assert lines["konsulenter"]["deviation_to_date"] == pytest.approx(8 * (468_000 - 350_625))
    assert lines["konsulenter"]["volume_effect"] + lines["konsulenter"]["price_effect"] == pytest.approx(
        lines["konsulenter"]["deviation_to_date"]
    )
    assert data["unmapped"] == {"rows": 21, "amount": pytest.approx(8 * 8_000 + 8 * 5_000 - 5 * 30_000)}


# --- the app ------------------------------------------------------------------------------------------------


def _follow_tab():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.query_params["scenario"] = "land-2017-oppfolging.yaml"
    at.run()
    at.session_state["view_tab"] = "Oppfølging"
    return at.run()


def test_the_app_tab_shows_the_status_of_the_uploaded_accounts_as_the_engine_computes_it():
    from costmodel import formatting as fmt

    at = _follow_tab()
    assert not at.exception and not at.error
    at.file_uploader(key="followup_accounts").set_value(
        ("hovedbok.csv", (EXAMPLE / "hovedbok-2017-08.csv").read_bytes(), "text/csv")
    )
    at.file_uploader(key="followup_activity").set_value(
        ("aktivitet.csv", (EXAMPLE / "aktivitet-2017-08.csv").read_bytes(), "text/csv")
    )
    at = at.run()
    assert not at.exception and not at.error
    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    postings = read.read_accounts((EXAMPLE / "hovedbok-2017-08.csv").read_bytes(), "h.csv", scenario.follow_up.columns)
    activity = read.read_activity((EXAMPLE / "aktivitet-2017-08.csv").read_bytes(), "a.csv")
    figures = follow_up(compute(scenario), postings, activity)
    total = figures.as_dict()["total"]
    shown = {m.label: m.value for m in at.metric}
    assert shown["Regnskap hittil"] == fmt.mill(total["actual_to_date"])
    assert shown["Prognose (modell)"] == fmt.mill(total["forecast"]["model"])
    texts = [m.value for m in at.markdown]
    result = compute(scenario)
    shared = report.shared_deviation(result, figures)
    assert shared == pytest.approx(270_000 + 1_000_000 + 1_304_000, abs=0.1)  # faste, hjelpetiltak, institusjon: alike
    for paragraph in report.status_text(figures, "fortsatt innleie", "model", report.units(result, figures), shared):
        assert paragraph in texts
    assert any(
        "Av forskjellen er merforbruk 2,6 mill. kr på linjer som er de samme i begge alternativene" in t for t in texts
    )
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"Last ned regnearket med oppfølgingen (Excel)", "Last ned økonomisk status (Word)"} <= labels
    at.radio(key="followup_method").set_value("trend").run()
    assert {m.label: m.value for m in at.metric}["Prognose (trend)"] == fmt.mill(total["forecast"]["trend"])


def test_a_bad_accounts_file_in_the_app_is_named_in_words_and_the_page_keeps_working():
    at = _follow_tab()
    at.file_uploader(key="followup_accounts").set_value(("feil.csv", b"dato;sum\n2017-01;5\n", "text/csv"))
    at = at.run()
    assert not at.exception
    assert "fant ikke kolonnene" in at.error[0].value and "feil.csv" in at.error[0].value


def test_unmapped_postings_are_listed_per_account_with_their_sums():
    frame = report.unmapped_frame(small())
    assert frame.to_dict("records") == [
        {
            "Art": "120",
            "Funksjon": "244",
            "Ansvar": "4100",
            "Prosjekt": "",
            "Tekst (første)": "Kontorrekvisita",
            "Posteringer": 1,
            "Beløp (kr)": 5000.0,
        }
    ]


def test_the_status_note_for_the_monthly_report_names_its_method_and_gives_the_engines_figures(tmp_path):
    from click.testing import CliRunner
    from docx import Document

    from costmodel import formatting as fmt
    from costmodel.cli import app

    path = tmp_path / "status.docx"
    args = ["notat", str(ROOT / "budgets" / "land-2017-oppfolging.yaml"), "-o", str(path)]
    args += ["--regnskap", str(EXAMPLE / "hovedbok-2017-08.csv"), "--aktivitet", str(EXAMPLE / "aktivitet-2017-08.csv")]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    doc = Document(str(path))
    texts = [p.text.replace("\u00a0", " ").replace("\u2060", "") for p in doc.paragraphs]
    assert texts[0] == "Økonomisk status per august 2017"
    assert any(t.startswith("Prognosen for 2017 er 27,4 mill. kr mot et budsjett på 23,0 mill. kr") for t in texts)
    assert any("metode: regnskap hittil og modellen med siste måneds mengde og pris" in t for t in texts)
    assert any("fordi antall døgn er høyere enn planlagt" in t for t in texts)
    table = [[c.text.replace("\u00a0", " ") for c in row.cells] for row in doc.tables[0].rows]
    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    postings = read.read_accounts((EXAMPLE / "hovedbok-2017-08.csv").read_bytes(), "h", scenario.follow_up.columns)
    total = follow_up(compute(scenario), postings).as_dict()["total"]
    assert table[-1][:5] == [
        "Sum",
        fmt.level(total["budget"]),
        fmt.level(total["plan_to_date"]),
        fmt.level(total["actual_to_date"]),
        "+3,3",
    ]
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5) and doc.core_properties.language == "nb-NO"


@pytest.mark.parametrize("prices", ["fixed", "nominal"])
def test_a_reforecast_puts_what_happened_in_as_the_drivers(prices):
    """April's 60 hours at 1 100 kr become the line's hours and rate; in løpende priser the rate is put in the
    price basis's kroner, so the engine's 2026 month costs exactly 60 × 1 100 kr again."""
    from costmodel.followup import reforecast

    data = scenario_to_data(SMALL)
    if prices == "nominal":
        data |= {
            "prices": "nominal",
            "price_basis": 2025,
            "growth": {"wages": {"default": 0.05}, "prices": {"default": 0.02}},
        }
    scenario = parse_scenario(data)
    result = compute(scenario)
    activity = read.read_activity(ACTIVITY, "aktivitet.csv")
    moved, said = reforecast.reforecast(result, activity, 2026 * 12 + 3)
    assert moved.name == f"{scenario.name} – reprognose per april 2026"
    line = next(x for x in moved.alternative("egne").lines if x.id == "innleie")
    assert line.hours_per_month == 60
    assert said == ["«Innleie i overgangen»: timer per måned 50 → 60", said[1]] and "timepris" in said[1]
    after = follow_up(compute(moved), read.read_accounts(ACCOUNTS, "r.csv"), activity)
    assert after.plan[1, 4] == pytest.approx(60 * 1_100)  # May in the re-forecast
    before = follow_up(result, read.read_accounts(ACCOUNTS, "r.csv"), activity)
    assert after.plan[0, 4] == pytest.approx(before.plan[0, 4])  # the team, without activity, as before


def saved_in(db) -> list:
    """The scenarios saved in the store, as parsed scenarios (latest versions, newest first)."""
    from costmodel.store import scenarios
    from costmodel.store.members import LOCAL, LOCAL_USER

    found = scenarios.list_scenarios(db, LOCAL_USER, LOCAL)
    return [load_scenario(scenarios.open_version(db, LOCAL_USER, LOCAL, s.slug)[2]) for s in found]


def test_the_app_saves_a_reforecast_in_one_click(fresh_store):
    at = _follow_tab()
    at.button(key="followup_example").click().run()
    assert not at.exception
    assert any("«Innleide konsulenter (januar–august)»: timer per måned 425 → 520" in m.value for m in at.markdown)
    at.button(key="followup_reforecast").click().run()
    assert not at.exception and at.success[0].value.startswith("Lagret som")
    (moved,) = saved_in(fresh_store)
    assert moved.name.endswith("reprognose per august 2017")
    at.button(key="followup_reforecast").click().run()  # once more: a second scenario, never a dead end
    assert not at.error and len(saved_in(fresh_store)) == 2
    assert next(x for x in moved.alternative("plan").lines if x.id == "institusjon").units_per_month == 85


# --- the workbook -------------------------------------------------------------------------------------------


def test_the_workbooks_follow_up_recalculates_to_the_engines_figures_in_both_engines(tmp_path):
    """Oppfølging: the accounts as SUMIFS over Posteringer, the figures to date and the plan and trend forecasts as
    formulas; recalculated in LibreOffice and Gnumeric they are the engine's, through August and, with the month
    cell set to 6, through June."""
    from spreadsheet import ENGINES, error_cells, recalculate, values
    from test_workbook import require

    from costmodel.workbook.export import export_bytes

    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    result = compute(scenario)
    postings = read.read_accounts((EXAMPLE / "hovedbok-2017-08.csv").read_bytes(), "h", scenario.follow_up.columns)
    activity = read.read_activity((EXAMPLE / "aktivitet-2017-08.csv").read_bytes(), "a")
    figures = follow_up(result, postings, activity)
    june = follow_up(result, postings, activity, 2017 * 12 + 5)
    keys = ("budget", "plan_to_date", "actual_to_date", "deviation_to_date")
    for month, expected in ((8, figures), (6, june)):
        book = openpyxl.load_workbook(io.BytesIO(export_bytes(result, figures)))
        book["Oppfølging"]["C3"] = month  # the user moves the month counted through
        path = tmp_path / f"oppfolging-{month}.xlsx"
        book.save(path)
        for engine in ENGINES:
            require(engine)
            workdir = tmp_path / f"{engine}-{month}"
            workdir.mkdir()
            recalculated = values(recalculate(path, workdir, engine))
            assert error_cells(recalculated) == [], engine
            ws = recalculated["Oppfølging"]
            data = expected.as_dict()
            for k, line in enumerate(expected.lines):
                row = [ws.cell(7 + k, c).value for c in range(3, 9)]
                want = [data["lines"][line][key] for key in keys]
                want += [data["lines"][line]["forecast"][m] for m in ("plan", "trend")]
                assert row == pytest.approx(want, abs=1e-6), (engine, month, line)
            unmapped = ws.cell(7 + len(expected.lines) + 1, 5).value  # counted through the month in C3
            assert unmapped == pytest.approx(expected.unmapped_amount), engine


def test_the_mapping_is_edited_in_a_table_used_at_once_and_saved_with_the_scenario(fresh_store):
    """Issue 23: the app edits which accounts belong to which line, and the file's own column names."""
    at = _follow_tab()
    at.session_state["followup-mapping"] = True  # the user opens «Hvilke kontoer hører til hvilken linje»
    at = at.run()
    assert not at.exception
    consultants = {
        "Linje": "Innleide konsulenter (januar–august)",
        "Art": "270, 429",
        "Funksjon": "244",
        "Ansvar": "",
        "Prosjekt": "",
    }
    at.session_state["followup_accounts_land-2017-oppfolging.yaml"] = {  # a row added in the table, as typed
        "edited_rows": {},
        "added_rows": [consultants],
        "deleted_rows": [],
    }
    at.button(key="followup_example").click().run()
    at.button(key="followup_use_mapping").click().run()
    assert not at.exception and not at.error
    at = at.run()
    texts = [m.value for m in at.markdown]
    # the travel (art 429) now counts on the consultants: 8 × 5 000 kr more, and 8 postings fewer unmapped
    assert any(t.startswith("13 posteringer på til sammen −86 000 kr er ikke knyttet til noen linje") for t in texts)
    at.button(key="followup_save_mapping").click().run()
    (saved,) = saved_in(fresh_store)
    accounts = saved.follow_up.accounts
    assert [(m.line, m.art) for m in accounts][-1] == ("konsulenter", ["270", "429"])


def test_a_reforecast_takes_a_staff_lines_actual_sick_leave_from_the_activity_file():
    from costmodel.followup import reforecast

    activity = read.read_activity(
        "periode;linje;mengde;pris;sykefravær\n2026-03;team;2;;6 %\n2026-04;team;2;;8,5 %\n".encode(), "aktivitet.csv"
    )
    assert list(activity["sick_leave"]) == pytest.approx([0.06, 0.085])
    moved, said = reforecast.reforecast(compute(SMALL), activity, 2026 * 12 + 3)
    team = next(x for x in moved.alternative("egne").lines if x.id == "team")
    assert team.sick_leave_rate == pytest.approx(0.085) and team.fte == 2
    assert said == ["«Team»: sykefravær 0,0 % → 8,5 %"]
    with pytest.raises(ScenarioError) as info:
        read.read_activity("periode;linje;mengde;sykefravær\n2026-01;team;2;140 %\n".encode(), "a.csv")
    assert "mellom 0 og 100 %" in str(info.value)


def test_the_standard_column_names_are_read_even_where_the_scenario_names_its_own_and_a_missing_one_is_named():
    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")  # maps periode and beløp to its ERP's
    plain = b"periode;art;funksjon;bel\xc3\xb8p\n2017-01;270;244;1000\n"
    assert read.read_accounts(b"Periode;Art;Funksjon;Belop\n2017-01;270;244;5\n", "r.csv")["amount"].tolist() == [5.0]
    assert read.read_accounts(plain, "r.csv", scenario.follow_up.columns)["amount"].tolist() == [1000.0]
    with pytest.raises(ScenarioError) as info:
        read.read_accounts(b"periode;art;funksjon;sum\n2017-01;270;244;1000\n", "r.csv", scenario.follow_up.columns)
    message = str(info.value)
    assert "fant ikke kolonnen «Beløp i kr»" in message and "«art»" not in message.split("(")[0]


def test_the_reforecast_moves_the_baselines_line_alike_and_a_late_start():
    """What happened to prices and volumes happened under either alternative; the new positions began in August."""
    from costmodel.followup import reforecast

    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    activity = read.read_activity((EXAMPLE / "aktivitet-2017-08.csv").read_bytes(), "a")
    moved, said = reforecast.reforecast(compute(scenario), activity, 2017 * 12 + 7)
    for alternative in ("plan", "innleie"):
        line = next(x for x in moved.alternative(alternative).lines if x.id == "institusjon")
        assert (line.units_per_month, line.unit_price) == (85, 5800)
    assert next(x for x in moved.alternative("plan").lines if x.id == "nye").start == "2017-08"
    assert "«Nye faste stillinger (4 årsverk fra juli)»: start juli 2017 → august 2017" in said


def test_a_bad_code_in_the_mapping_table_is_named_by_its_row_and_column():
    from costmodel.ui.followup import _bad_codes

    wrong = _bad_codes(
        [{"line": "faste", "art": "010"}, {"line": "nye", "art": ["010", "12"]}, {"line": "nye"}],
        {"faste": "Faste", "nye": "Nye"},
    )
    assert wrong == [
        "Rad 2 («Nye»), Art: «12» er ikke en KOSTRA-kode; skriv tre sifre, f.eks. 010",
        "Rad 3 («Nye»): skriv minst én kode, ellers tar linjen alle posteringene",
    ]
