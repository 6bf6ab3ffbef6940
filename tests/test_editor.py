"""«Ny modell»: the editor's tables (drafts.py) and its page (AppTest): add, remove, rename, kind change,
validation at the cell, undo, save and reopen."""

import copy
import re

import pytest
from conftest import BUDGETS
from streamlit.testing.v1 import AppTest
from test_app import APP, metrics

from costmodel import formatting as fmt
from costmodel.engine import compute, views
from costmodel.errors import ScenarioError
from costmodel.scenario import kind_label, load_scenario, parse_scenario, scenario_to_data
from costmodel.scenario.drafts import TEMPLATES, at_cells, column_title, kind_fields, template, to_data, to_tables


@pytest.mark.parametrize("path", sorted(BUDGETS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_scenario_goes_through_the_editors_tables_unchanged(path):
    scenario = load_scenario(path)
    data, _ = to_data(to_tables(scenario_to_data(scenario)))
    assert parse_scenario(data) == scenario


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_is_a_valid_case(name):
    from costmodel.report import tables

    scenario = parse_scenario(template(name, "2026-01"))
    assert scenario.start == "2026-01" and scenario.alternatives
    result = compute(scenario)
    if name in ("innleie", "tiltak"):  # what is bought today is in today's budget: no «new» spending from it
        for alt in result.alternatives:
            assert len(tables.change_base(result, alt)) == 1, tables.change_base(result, alt)


def test_a_kind_table_shows_only_that_kinds_fields_titled_in_norwegian():
    assert "annual_salary" in kind_fields("staff") and "hourly_rate" not in kind_fields("staff")
    assert "hourly_rate" in kind_fields("consultant") and "annual_salary" not in kind_fields("consultant")
    assert kind_fields("one_off")[:3] == ["id", "label", "kind"]
    assert column_title("annual_salary") == "Årslønn (kr)"
    assert column_title("vat_rate") == "Mva-sats (%)"
    assert column_title("start") == "Start (ÅÅÅÅ-MM)"


def test_add_remove_rename_and_change_kind_in_the_tables():
    tables = to_tables(template("innleie", "2026-01"))
    # rename an alternative and make the other the nullalternativ
    tables.alternatives[1]["name"] = "Tre egne saksbehandlere"
    tables.alternatives[0]["baseline"], tables.alternatives[1]["baseline"] = False, True
    # add a one-off line to the second alternative, remove the overlap consultant line
    tables.lines[(1, "one_off")] = [{"id": "utstyr", "label": "PC-er", "amount": "45 000", "start": "2026-03"}]
    tables.lines[(1, "consultant")] = []
    # a line moved to another kind: the staff line becomes a fixed amount
    staff = tables.lines[(1, "staff")].pop()
    tables.lines[(1, "fixed")] = [{"id": staff["id"], "label": staff["label"], "annual_amount": 1_800_000}]
    data, _ = to_data(tables)
    scenario = parse_scenario(data)
    egne = scenario.alternative("egne")
    assert (egne.name, scenario.baseline) == ("Tre egne saksbehandlere", "egne")
    assert [(line.id, line.kind) for line in egne.lines] == [("stillinger", "fixed"), ("utstyr", "one_off")]
    assert egne.lines[1].amount == 45_000  # a number written with a thousands space


def test_shares_are_edited_in_per_cent():
    data = template("innleie", "2026-01")
    data["alternatives"][1]["lines"][1]["pension_rate"] = 0.2
    tables = to_tables(data)
    row = tables.lines[(1, "staff")][0]
    assert row["pension_rate"] == pytest.approx(20.0)
    row["pension_rate"] = 15.5
    assert parse_scenario(to_data(tables)[0]).alternative("egne").lines[1].pension_rate == pytest.approx(0.155)


def test_each_problem_is_named_at_its_cell():
    tables = to_tables(template("innleie", "2026-01"))
    tables.lines[(1, "staff")][0]["fte"] = -1
    tables.lines[(1, "consultant")][0]["end"] = "2026-13"
    tables.settings["months"] = 0
    data, cells = to_data(tables)
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(data)
    shown = at_cells(exc.value.problems, cells)
    assert "Om modellen › Antall måneder: må være minst 1" in shown
    assert any(s.startswith("Faste stillinger › egne stillinger, rad 1 › Årsverk: må være minst 0") for s in shown)
    assert any(s.startswith("Faste stillinger › innleie, rad 1 › Slutt (ÅÅÅÅ-MM):") for s in shown)


def test_references_and_ranges_are_edited_as_text():
    scenario = load_scenario(BUDGETS / "egne-saksbehandlere-2025.yaml")
    tables = to_tables(scenario_to_data(scenario))
    row = tables.lines[(1, "consultant")][0]
    assert row["hourly_rate"] == {"ref": "timepris"}
    row["hourly_rate"] = "{low: 900, high: 1300}"
    changed = parse_scenario(to_data(tables)[0])
    assert changed.ranges["egne.byra.hourly_rate"].high == 1300


def test_a_named_assumption_edited_in_its_table_moves_every_field_that_refers_to_it():
    scenario = load_scenario(BUDGETS / "egne-saksbehandlere-2025.yaml")
    tables = to_tables(scenario_to_data(scenario))
    row = next(r for r in tables.assumptions if r["name"] == "timepris")
    assert (row["label"], row["low"], row["mode"], row["high"]) == ("Timepris byrå (kr)", "950", "1150", "1350")
    row.update(low="", mode="", high="", value="1 250,5")
    changed = parse_scenario(to_data(tables)[0])
    assert changed.alternative("egne").lines[0].hourly_rate == 1250.5
    assert changed.alternative("byra").lines[0].hourly_rate == 1250.5
    assert "assumptions.timepris" not in changed.ranges


def test_a_new_assumption_is_a_month_and_a_bad_one_is_named_at_its_cell():
    tables = to_tables(template("innleie", "2026-01"))
    tables.assumptions.append({"name": "ansatt_fra", "label": "Nye på plass", "value": "2026-05"})
    tables.lines[(1, "staff")][0]["start"] = "{ref: ansatt_fra}"
    tables.lines[(1, "consultant")][0]["end"] = "{ref: ansatt_fra, plus_months: -1}"
    scenario = parse_scenario(to_data(tables)[0])
    assert [(line.start, line.end) for line in scenario.alternative("egne").lines] == [
        (None, "2026-04"),
        ("2026-05", None),
    ]
    tables.assumptions[0]["value"] = "2026-13"
    data, cells = to_data(tables)
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(data)
    assert any(s.startswith("Navngitte forutsetninger, rad 1 › Verdi:") for s in at_cells(exc.value.problems, cells))


def test_staff_parameters_and_capacity_are_edited_in_per_cent_and_by_year():
    tables = to_tables(template("innleie", "2026-01"))
    assert tables.capacity is None and all(v is None for v in tables.parameters.values())
    tables.parameters.update(sick_leave_rate=9, sick_pay_refund_rate="60", vacancy_rate="{low: 2, high: 6}")
    tables.capacity = {
        "basis": "fte",
        "need": [{"year": "øvrige år", "value": "3"}, {"year": "2026", "value": "2,5"}],
        "cover": "consultant",
        "cover_price_per_fte": 1_900_000,
    }
    scenario = parse_scenario(to_data(tables)[0])
    p = scenario.parameters
    assert (p.sick_leave_rate, p.sick_pay_refund_rate, p.vacancy_rate) == (0.09, 0.6, pytest.approx(0.04))
    assert scenario.ranges["parameters.vacancy_rate"].high == pytest.approx(0.06)
    assert scenario.capacity.need.series() == {"default": 3.0, 2026: 2.5}
    assert scenario.capacity.cover_price_per_fte == 1_900_000
    again = to_tables(scenario_to_data(scenario))
    assert again.parameters["vacancy_rate"] == {"low": 2.0, "high": 6.0}
    assert again.capacity["need"] == [{"year": "øvrige år", "value": "3"}, {"year": "2026", "value": "2,5"}]


def test_capacity_problems_are_named_in_the_capacity_section():
    tables = to_tables(template("innleie", "2026-01"))
    tables.capacity = {"basis": "cases", "need": [{"year": "øvrige år", "value": "-5"}], "cover": "consultant"}
    data, cells = to_data(tables)
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(data)
    shown = at_cells(exc.value.problems, cells)
    assert any(s.startswith("Kapasitet") for s in shown), shown


# --- the page ---------------------------------------------------------------------------------------------


def start_editor(template_name="innleie") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["new_or_edit"] = True  # «Ny modell eller rediger» opened
    at.run()
    at.selectbox(key="new_template").set_value(template_name)
    return at.button(key="new_model").click().run()


def test_a_new_model_from_a_template_shows_the_engines_figures():
    at = start_editor()
    assert not at.exception and at.title[0].value == "Ny modell"
    expected = views.summary(compute(parse_scenario(template("innleie", "2026-01"))))
    egne = expected["alternatives"]["egne"]
    assert ("Sum 2026–2029", fmt.mill(egne["total"])) in metrics(at)
    columns = [d.value.columns.tolist()[:3] for d in at.dataframe]
    assert ["id", "name", "baseline"] in columns and ["name", "label", "value"] in columns


def test_a_bad_setting_is_named_the_figures_stay_and_undo_restores_it():
    at = start_editor()
    before = metrics(at)
    next(t for t in at.text_input if t.label == "Første måned (ÅÅÅÅ-MM)").set_value("2026-13").run()
    assert any("Om modellen › Første måned" in e.value and "måned 13 finnes ikke" in e.value for e in at.error)
    assert metrics(at) == before  # the last valid version's figures
    at.button(key="undo").click().run()
    assert not at.error and metrics(at) == before
    assert at.session_state["draft"]["start"] == "2026-01"


def test_save_opens_the_saved_case_whose_link_works_for_the_organisation(fresh_store):
    at = start_editor("tiltak")
    next(t for t in at.text_input if t.label == "Lagres som").set_value("Min kommune tiltaksteam").run()
    at.button(key="save_draft").click().run()
    assert not at.exception and not at.session_state["editing"]
    assert at.session_state["source"] == "lagret:lokal/min-kommune-tiltaksteam"
    other = AppTest.from_file(APP, default_timeout=60)
    other.query_params["scenario"] = "lagret:lokal/min-kommune-tiltaksteam"
    other.run()
    assert other.title[0].value == "Kjøp av hjelpetiltak eller eget tiltaksteam"
    assert metrics(other) == metrics(at)
    saved = copy.deepcopy(template("tiltak", "2026-01"))
    assert (
        "Sum 2026–2030",
        fmt.mill(views.summary(compute(parse_scenario(saved)))["alternatives"]["team"]["total"]),
    ) in metrics(other)


def test_the_user_guide_is_in_the_app_with_its_pictures():
    from conftest import ROOT

    guide = ROOT / "docs" / "brukerveiledning.md"
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide.read_text(encoding="utf-8"))
    assert len(pictures) >= 5 and all((guide.parent / p).exists() for p in pictures)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.toggle(key="help").set_value(True).run()
    assert not at.exception
    assert any(m.value.startswith("# Brukerveiledning") for m in at.markdown)
    assert len([c for c in at.main.children.values() if type(c).__name__ == "Image"]) == len(pictures)


@pytest.mark.parametrize("name", ["innleie", "tiltak"])
def test_opening_a_template_leaves_nothing_to_undo(name):
    at = start_editor(name)
    at.run()  # a second run: nothing the widgets wrote on their own is taken for an edit
    assert at.session_state["draft_history"] == [] and at.button(key="undo").disabled


@pytest.mark.parametrize("path", ["arendal-tiltaksteam.yaml", "egne-saksbehandlere-2025-kapasitet.yaml"])
def test_a_copy_opens_with_the_same_figures_and_nothing_to_undo(path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["scenario"] = path
    at.session_state["new_or_edit"] = True
    at.run()
    before = [m for m in metrics(at) if m[0].startswith("Sum")]
    at.button(key="edit_copy").click().run()
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["draft_history"] == []
    assert [m for m in metrics(at) if m[0].startswith("Sum")] == before


def test_turning_capacity_on_names_the_missing_need_and_keeps_the_figures():
    at = start_editor()
    before = metrics(at)
    next(c for c in at.checkbox if c.label == "Regn med kapasitetsbehov").check().run()
    assert [e.value for e in at.error] == [  # at the top, and beside the capacity table
        "**Dette må rettes før tallene oppdateres:**\n- Kapasitet › Behov, rad 1: mangler verdi; skriv et tall",
        "- Behov, rad 1: mangler verdi; skriv et tall",
    ]
    assert any(w.value.startswith("**Tallene under er fra siste gyldige versjon") for w in at.warning)
    assert metrics(at) == before
    next(r for r in at.radio if r.label == "Behovet oppgis som").set_value("cases").run()
    assert at.session_state["draft"]["capacity"]["need"] == {"cases": {"default": None}}


def test_the_editors_case_exports_a_workbook_that_imports_back_identical():
    from costmodel.workbook import export as workbook
    from costmodel.workbook.read import read_workbook

    at = start_editor("tiltak")
    assert not at.exception
    download = next(b for b in at.sidebar.get("download_button") if b.proto.label == "Last ned regneark (Excel)")
    assert download is not None
    scenario = at.session_state["draft_valid"]
    assert read_workbook(workbook.export_bytes(compute(scenario))) == scenario


def test_partners_and_effects_are_edited_in_their_tables_and_problems_named_at_their_cells():
    from costmodel.scenario.drafts import IMPACT

    tables = to_tables(template("tiltak", "2026-01"))
    tables.partners = [{"id": "a", "name": "Kommune A", "share": 60}, {"id": "b", "name": "Kommune B", "share": "40"}]
    tables.settings["partner_key"] = "Innbyggere 0–17 år"
    tables.effects = [{"id": "fag", "label": "Fagmiljø", "importance": "stor", IMPACT + "team": "++"}]
    tables.lines[(0, "purchase")][0]["partner"] = "b"
    scenario = parse_scenario(to_data(tables)[0])
    assert scenario.partner_shares() == {"a": 0.6, "b": 0.4} and scenario.partner_key == "Innbyggere 0–17 år"
    assert scenario.effects[0].impact == {"team": "++"}
    assert scenario.alternative("kjop").lines[0].partner == "b"
    tables.partners[1]["share"] = 30
    tables.effects[0][IMPACT + "team"] = None
    data, cells = to_data(tables)
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(data)
    shown = at_cells(exc.value.problems, cells)
    assert "Samarbeidskommuner: andelene summerer til 90,0 %, ikke 100 %" in shown or any(
        s.startswith("Samarbeidskommuner") and "90,0 %" in s for s in shown
    )
    assert any(s.startswith("Ikke-prissatte virkninger, rad 1: mangler vurdering for «team»") for s in shown), shown


def test_a_problem_of_a_whole_block_without_a_cell_is_still_named():
    from costmodel.errors import Problem

    assert at_cells([Problem("effects", "mangler noe")], {}) == ["ikke-prissatte virkninger: mangler noe"]
    assert at_cells([Problem("partners", "summerer til 90 %")], {"partners": "Samarbeidskommuner"}) == [
        "Samarbeidskommuner: summerer til 90 %"
    ]


# --- nothing the user typed may vanish (issue 21) ------------------------------------------------------------

BASES = {  # one valid line per driver group of each kind
    "staff": [{"fte": "2", "annual_salary": "600 000"}, {"fte": "2", "annual_cost_per_fte": "900 000"}],
    "consultant": [
        {"fte": "1", "annual_price_per_fte": "1 200 000"},
        {"fte": "1", "hourly_rate": "1 000"},
        {"hours_per_month": "100", "hourly_rate": "1 000"},
    ],
    "purchase": [{"units_per_month": "10", "unit_price": "1 000"}, {"annual_amount": "100 000"}],
    "fixed": [{"annual_amount": "1"}],
    "one_off": [{"amount": "1"}],
}
# What a user types in a cell of each kind of column, what the scenario then holds, and a value the cell refuses.
TYPED = {
    "number": ("12,5", 12.5, "tolv"),
    "kr": ("1 250 000,5", 1_250_000.5, "mye"),
    "share": ("14,1", 0.141, "140"),
    "month": ("ansatt_fra + 1", "2026-04", "2026-13"),
    "text": ("Ny tekst", "Ny tekst", None),
    "kostra": ("244", "244", "24"),
    "flag": (False, False, None),
}


def _typed(name: str):
    from costmodel.scenario import line_field
    from costmodel.scenario.drafts import cell_kind

    meta = line_field(name)
    if name.startswith("kostra"):
        return TYPED["kostra"]
    if name == "index":
        return ("prices", "prices", None)
    if name == "employer_tax_zone":
        return ("II", "II", "VII")
    if name == "unit":
        return ("hour", "hour", None)
    if name == "partner":
        return ("nord", "nord", "vest")
    if name == "previous_year_amount":
        return ("-250 000", -250_000.0, "forrige år")
    if meta.is_share:
        return TYPED["share"]
    if meta.is_money:
        return TYPED["kr"]
    return TYPED[{"choice": "text"}.get(cell_kind(name, meta), cell_kind(name, meta))]


def _walk():
    for kind, bases in BASES.items():
        drivers = {f for base in bases for f in base}
        for name in kind_fields(kind):
            if name in ("id", "kind"):
                continue
            base = next((b for b in bases if name in b), bases[0]) if name in drivers else bases[0]
            yield pytest.param(kind, name, base, id=f"{kind}.{name}")


def _case(kind: str, base: dict, name: str, value) -> tuple:
    data = {
        "name": "Alle felt",
        "start": "2026-01",
        "months": 24,
        "assumptions": {"ansatt_fra": {"value": "2026-03", "label": "Ansatt fra"}},
        "partners": [{"id": "nord", "name": "Nord", "share": 0.5}, {"id": "sor", "name": "Sør", "share": 0.5}],
        "alternatives": [{"id": "a", "name": "Alternativ A", "lines": []}],
    }
    tables = to_tables(data)
    row = {"id": "x", "label": "Linje", **base, name: value}
    if name == "end":
        row.setdefault("start", "2026-01")
    tables.lines[(0, kind)] = [row]
    return to_data(tables)


@pytest.mark.parametrize(("kind", "name", "base"), list(_walk()))
def test_every_editable_column_keeps_an_accepted_value_and_names_a_refused_one_at_its_cell(kind, name, base):
    """Each column of each line kind, as the editor reads it: a value the user types that the format accepts is in
    the scenario afterwards (a linked month too), and one it refuses is named at that very cell."""
    from costmodel.scenario import line_field

    typed, held, refused = _typed(name)
    data, cells = _case(kind, base, name, typed)
    line = parse_scenario(data).alternatives[0].lines[0]
    assert getattr(line, name) == (pytest.approx(held) if isinstance(held, float) else held)
    if refused is None:
        return
    data, cells = _case(kind, base, name, refused)
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(data)
    cell = f"Alternativ A › {kind_label(kind)}, rad 1 › {column_title(line_field(name))}"
    assert any(s.startswith(cell + ":") for s in at_cells(exc.value.problems, cells)), (cell, exc.value.problems)


def test_no_column_of_the_editor_drops_a_value_the_format_accepts():
    """The grid silently drops a value that fails a column's pattern: no column may carry one, so a linked month
    («ansatt_fra + 1») or a number written the Norwegian way reaches the scenario's own check."""
    from costmodel.scenario import LINE_KINDS, line_field
    from costmodel.ui.editor import _column

    for kind in LINE_KINDS:
        for name in kind_fields(kind):
            config = _column(name, line_field(name), False)
            assert (config.get("type_config") or {}).get("validate") is None, (kind, name)


def test_a_linked_month_is_shown_and_read_back_in_its_short_form():
    from costmodel.scenario.drafts import month_cell, read_month_cell

    for typed, held in (
        ("ansatt_fra", {"ref": "ansatt_fra"}),
        ("ansatt_fra + 1", {"ref": "ansatt_fra", "plus_months": 1}),
        ("ansatt_fra − 2 mnd.", {"ref": "ansatt_fra", "plus_months": -2}),
        ("{ref: ansatt_fra, plus_months: 3}", {"ref": "ansatt_fra", "plus_months": 3}),
        ("2026-03", "2026-03"),
    ):
        assert read_month_cell(typed) == held
        assert read_month_cell(month_cell(held)) == held


# --- work is not lost (issue 21) ------------------------------------------------------------------------------


def test_a_draft_is_kept_as_the_user_types_and_its_address_reopens_it_in_a_new_session(fresh_store):
    from costmodel.store import links
    from costmodel.store.members import LOCAL, LOCAL_USER
    from costmodel.yamlsafe import load_yaml

    at = start_editor("tiltak")
    next(t for t in at.text_input if t.label == "Navn").set_value("Vårt tiltaksteam").run()
    ident = at.query_params["utkast"][0] if isinstance(at.query_params["utkast"], list) else at.query_params["utkast"]
    kept = links.load_draft(fresh_store, LOCAL_USER, LOCAL, ident)
    assert load_yaml(kept.encode())["name"] == "Vårt tiltaksteam"
    assert any(i.value.startswith("**Utkast, ikke lagret ennå.**") for i in at.info)
    again = AppTest.from_file(APP, default_timeout=60)  # a reload: a new session with the same address
    again.query_params["utkast"] = ident
    again.run()
    assert not again.exception and again.session_state["editing"]
    assert next(t for t in again.text_input if t.label == "Navn").value == "Vårt tiltaksteam"
    assert metrics(again) == metrics(at)
    gone = AppTest.from_file(APP, default_timeout=60)
    gone.query_params["utkast"] = "0" * 32
    gone.run()
    assert not gone.exception and any("Utkastet i adressen finnes ikke lenger" in w.value for w in gone.warning)


def test_a_saved_case_is_edited_under_its_own_name_and_saved_again_as_a_new_version(fresh_store):
    from costmodel.store import scenarios
    from costmodel.store.members import LOCAL, LOCAL_USER

    at = start_editor("tiltak")
    next(t for t in at.text_input if t.label == "Lagres som").set_value("Lagres to ganger").run()
    at.button(key="save_draft").click().run()
    first = scenarios.open_version(fresh_store, LOCAL_USER, LOCAL, "lagres-to-ganger")[2]
    at.session_state["new_or_edit"] = True
    at.run()
    at.button(key="edit_copy").click().run()  # «Rediger dette scenariet»: no «(kopi)»
    assert next(t for t in at.text_input if t.label == "Navn").value == "Kjøp av hjelpetiltak eller eget tiltaksteam"
    assert at.title[0].value == "Rediger «Kjøp av hjelpetiltak eller eget tiltaksteam»"
    next(t for t in at.text_input if t.label == "Navn").set_value("Endret i editoren").run()
    next(t for t in at.text_input if t.label == "Lagres som").set_value("Lagres to ganger").run()
    at.button(key="save_draft").click().run()  # the scenario on screen under its own name: its next version
    assert not at.exception and not at.session_state["editing"]
    assert [t.value for t in at.toast] == ["Lagret som «Lagres to ganger», versjon 2."]
    kept = scenarios.versions(fresh_store, LOCAL_USER, LOCAL, "lagres-to-ganger")
    assert [v.number for v in kept] == [2, 1]
    assert scenarios.open_version(fresh_store, LOCAL_USER, LOCAL, "lagres-to-ganger", 1)[2] == first  # kept
    other = start_editor("tiltak")  # a new model under a name that is taken: asked first, nothing added
    next(t for t in other.text_input if t.label == "Lagres som").set_value("Lagres to ganger").run()
    other.button(key="save_draft").click().run()
    assert (
        other.session_state["editing"]
        and len(scenarios.versions(fresh_store, LOCAL_USER, LOCAL, "lagres-to-ganger")) == 2
    )
    assert any("Lagre dette som en ny versjon av det?" in w.value for w in other.warning)
    other.button(key="save_again_yes").click().run()
    assert [t.value for t in other.toast] == ["Lagret som «Lagres to ganger», versjon 3."]


def test_the_tiltak_template_with_capacity_turned_on_does_not_buy_its_hours_twice():
    """Issue 21's first wrong answer: from «Kjøp av hjelpetiltak → eget tiltaksteam» with a capacity need and cover,
    the template's bought hours count against the need (they say they are hours), so «Fortsatt kjøp» buys cover only
    for what its hours leave open, and the template warns about nothing."""
    from costmodel.scenario import scenario_warnings

    tables = to_tables(template("tiltak", "2026-01"))
    tables.capacity = {
        "basis": "fte",
        "need": [{"year": "øvrige år", "value": "3"}],
        "cover": "consultant",
        "cover_price_per_fte": "1 900 000",
    }
    scenario = parse_scenario(to_data(tables)[0])
    assert scenario_warnings(scenario) == []
    summary = views.summary(compute(scenario))
    bought = 420 * 12 / 1695  # the template's hours: 2,97 årsverk
    cover = summary["alternatives"]["kjop"]["lines"]["dekning"]["annual"]["2026"]
    assert cover == pytest.approx((3 - bought) * 1_900_000)
    assert summary["alternatives"]["kjop"]["capacity"]["own"]["2026"] == pytest.approx(bought)


def test_an_assumption_a_rate_uses_is_typed_in_per_cent_like_every_rate_in_the_app():
    data = template("innleie", "2026-01")
    data["assumptions"] = {"syk": {"low": 0.06, "mode": 0.1, "high": 0.2, "label": "Sykefravær"}}
    data["parameters"] = {"sick_leave_rate": {"ref": "syk"}}
    tables = to_tables(data)
    (row,) = tables.assumptions
    assert (row["unit"], row["low"], row["mode"], row["high"]) == ("%", "6", "10", "20")
    row["mode"] = "12,5"  # typed as a Norwegian writes a rate
    scenario = parse_scenario(to_data(tables)[0])
    assert scenario.assumptions["syk"].value == pytest.approx(0.125)
    assert scenario.parameters.sick_leave_rate == pytest.approx(0.125)


def test_messages_in_the_app_name_fields_in_norwegian_never_by_their_keys():
    from costmodel.scenario.messages import in_words, place

    cases = {
        "mangler prisdriver for innleie: oppgi fte (årsverk) + annual_price_per_fte (pris per årsverk)": (
            "mangler prisdriver for innleie: oppgi årsverk + pris per årsverk"
        ),
        "dekning med innleie trenger én pris: cover_price_per_fte eller cover_hourly_rate": (
            "dekning med innleie trenger én pris: pris per dekningsårsverk eller timepris for dekning"
        ),
        "oppgi enten value eller {low, mode, high}": "oppgi enten én verdi eller lav, mest sannsynlig og høy",
        "må være en av: 'consultant' eller 'none'": "må være en av: 'innleie' eller 'ingen'",
        "1.4 ser ut som en prosentsats; skriv andelen, f.eks. 0.014 for 1.4 %": "er over 100 %",
    }
    for message, words in cases.items():
        assert in_words(message) == words
    data = {"alternatives": [{"id": "egne", "name": "Egne", "lines": [{"id": "t", "label": "Team"}]}]}
    assert place("alternatives[0].lines[0].annual_salary", data) == "«Egne» › linje «Team» › årslønn"
    assert place("parameters.sick_leave_rate") == "felles forutsetninger › sykefravær"
