"""For the council: partner municipalities (the split adds up, by share, by basis, a line paid by one) and
non-priced effects (format errors by field, the konsekvens matrix, fristbrudd from unmet capacity)."""

import pytest
from helpers import run, scenario

from costmodel.engine import compute, views
from costmodel.engine import effects as fx
from costmodel.errors import ScenarioError
from costmodel.scenario import parse_scenario

TWO = [
    {
        "id": "kjop",
        "name": "Kjøp",
        "lines": [
            {
                "id": "tiltak",
                "label": "Tiltak for barn i Søndre",
                "kind": "fixed",
                "annual_amount": 1_200_000,
                "partner": "sondre",
            },
            {"id": "felles", "label": "Felles innleie", "kind": "fixed", "annual_amount": 2_400_000},
        ],
    },
    {
        "id": "team",
        "name": "Team",
        "lines": [{"id": "team", "label": "Tiltaksteam", "kind": "fixed", "annual_amount": 3_000_000}],
    },
]


def problems(data) -> dict[str, str]:
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(data)
    return {p.path: p.message for p in exc.value.problems}


def test_a_line_paid_by_one_partner_and_the_rest_split_by_basis_by_hand():
    data = scenario(
        alternatives=TWO,
        baseline="kjop",
        months=12,
        partners=[
            {"id": "nordre", "name": "Nordre Land", "basis": 600},
            {"id": "sondre", "name": "Søndre Land", "basis": 400},
        ],
    )
    figures = run(data)
    kjop = figures["alternatives"]["kjop"]["partners"]
    # Nordre: 60 % of 2,4 mill.; Søndre: all of 1,2 mill. and 40 % of 2,4 mill.
    assert kjop["nordre"]["annual"]["2020"] == pytest.approx(1_440_000)
    assert kjop["sondre"]["annual"]["2020"] == pytest.approx(1_200_000 + 960_000)
    team = figures["alternatives"]["team"]["partners"]
    assert (team["nordre"]["total"], team["sondre"]["total"]) == pytest.approx((1_800_000, 1_200_000))
    diff = figures["comparison"]["team"]["partners"]
    # Søndre saves 960 000 kr; Nordre pays 360 000 kr more: the decision means different things for each
    assert diff["sondre"]["total_difference"] == pytest.approx(-960_000)
    assert diff["nordre"]["total_difference"] == pytest.approx(360_000)
    assert diff["nordre"]["total_difference"] + diff["sondre"]["total_difference"] == pytest.approx(
        figures["comparison"]["team"]["total_difference"]
    )


def test_shares_split_the_refund_with_its_line_and_the_cover_by_share():
    data = scenario(
        [
            {
                "id": "s",
                "label": "Egne",
                "kind": "staff",
                "fte": 2,
                "annual_cost_per_fte": 900_000,
                "partner": "b",
                "sick_leave_rate": 0.1,
                "sick_pay_refund_rate": 0.5,
            },
        ],
        months=12,
        partners=[{"id": "a1", "name": "A", "share": 0.7}, {"id": "b", "name": "B", "share": 0.3}],
        capacity={"need": {"fte": {"default": 3}}, "cover": "consultant", "cover_price_per_fte": 1_000_000},
    )
    figures = run(data)["alternatives"]["a"]
    lines = figures["lines"]
    cover, staff, refund = (sum(lines[k]["annual"].values()) for k in ("dekning", "s", "s.refusjon"))
    assert refund < 0 and cover > 0
    assert figures["partners"]["b"]["total"] == pytest.approx(staff + refund + 0.3 * cover)
    assert figures["partners"]["a1"]["total"] == pytest.approx(0.7 * cover)


def test_partner_errors_are_named_by_field():
    base = scenario(alternatives=TWO, baseline="kjop")
    found = problems(
        base | {"partners": [{"id": "nordre", "name": "N", "share": 0.5}, {"id": "sondre", "name": "S", "share": 0.4}]}
    )
    assert found == {"partners": "andelene summerer til 90,0 %, ikke 100 %"}
    found = problems(
        base | {"partners": [{"id": "nordre", "name": "N", "share": 0.5}, {"id": "sondre", "name": "S", "basis": 4}]}
    )
    assert found["partners[1]"].startswith("alle kommunene må ha share")
    found = problems(base | {"partners": [{"id": "nordre", "name": "N"}, {"id": "sondr", "name": "S", "share": 1}]})
    assert found["partners[0]"].startswith("oppgi enten share")
    assert found["alternatives[0].lines[0].partner"] == "ukjent kommune «sondre» (mente du «sondr»?)"
    assert problems(base)["alternatives[0].lines[0].partner"].startswith("partner brukes bare når")
    found = problems(base | {"partners": [{"id": "sondre", "name": "N", "share": 0.5}] * 2})
    assert found["partners[1].id"] == "kommunen «sondre» finnes allerede"


def without_partner() -> list[dict]:
    return [{**a, "lines": [{k: v for k, v in ln.items() if k != "partner"} for ln in a["lines"]]} for a in TWO]


def test_effect_errors_are_named_by_field():
    base = scenario(alternatives=without_partner(), baseline="kjop")
    effect = {"id": "e", "label": "Fagmiljø", "importance": "stor", "impact": {"team": "+"}}
    assert parse_scenario(base | {"effects": [effect]}).effects[0].impact == {"team": "+"}
    found = problems(base | {"effects": [effect | {"impact": {"tema": "+"}}]})
    assert found["effects[0].impact.tema"] == "«tema» er ikke et alternativ (mente du «team»?)"
    assert found["effects[0].impact"] == "mangler vurdering for «team» (--, -, 0, + eller ++)"
    found = problems(base | {"effects": [effect | {"impact": {"team": "+", "kjop": "-"}}]})
    assert found == {"effects[0].impact.kjop": "nullalternativet er sammenligningsgrunnlaget; omfanget er 0"}
    found = problems(base | {"effects": [effect | {"importance": "enorm", "impact": {"team": "+++"}}]})
    assert set(found) == {"effects[0].importance", "effects[0].impact.team"}


@pytest.mark.parametrize(
    "importance, impact, steps",
    [
        ("liten", "+", 1),
        ("liten", "++", 2),
        ("middels", "+", 2),
        ("middels", "++", 3),
        ("stor", "+", 3),
        ("stor", "++", 4),
        ("stor", "--", -4),
        ("middels", "-", -2),
        ("stor", "0", 0),
    ],
)
def test_the_konsekvens_matrix(importance, impact, steps):
    assert fx.consequence(importance, impact) == steps
    assert fx.symbol(steps) == ("0" if steps == 0 else ("+" if steps > 0 else "−") * abs(steps))


def test_a_typographic_minus_and_a_bare_zero_are_read():
    data = scenario(alternatives=without_partner(), baseline="kjop")
    data["effects"] = [{"id": "e", "label": "E", "importance": "liten", "impact": {"team": "−−", "kjop": 0}}]
    assert parse_scenario(data).effects[0].impact == {"team": "--"}  # the nullalternativ's 0 is implied


def test_unmet_capacity_adds_the_risk_of_fristbrudd():
    lines = [
        {"id": "egne", "label": "Egne", "kind": "staff", "fte": 2, "annual_cost_per_fte": 900_000},
    ]
    data = scenario(
        alternatives=[
            {"id": "kjop", "name": "Kjøp", "lines": lines},
            {"id": "fa", "name": "Færre", "lines": [{**lines[0], "fte": 1.5}]},
            {"id": "mange", "name": "Flere", "lines": [{**lines[0], "fte": 4}]},
        ],
        baseline="kjop",
        capacity={"need": {"fte": {"default": 3}}, "cover": "none"},
    )
    rows = fx.table(compute(parse_scenario(data)))
    assert [r["id"] for r in rows] == ["fristbrudd"]
    impacts = {alt: v["impact"] for alt, v in rows[0]["alternatives"].items()}
    assert impacts == {"kjop": "0", "fa": "-", "mange": "++"}  # 0,5 more unmet; 1 less unmet
    assert rows[0]["alternatives"]["mange"]["symbol"] == "++++"
    data["effects"] = [
        {"id": "fristbrudd", "label": "Fristbrudd", "importance": "middels", "impact": {"fa": "0", "mange": "+"}}
    ]
    rows = fx.table(compute(parse_scenario(data)))
    assert [(r["label"], r["importance"]) for r in rows] == [("Fristbrudd", "middels")]  # the file's own judgement


# --- the workbook: Fordeling and Virkninger recalculate to the engine's figures ---------------------------

LAND_SPLIT = {
    "partner_key": "Innbyggere 0–17 år",
    "partners": [
        {"id": "nordre", "name": "Nordre Land", "basis": 1300},
        {"id": "sondre", "name": "Søndre Land", "basis": 1100},
    ],
    "effects": [
        {"id": "fors", "label": "Forsvarlige tjenester", "importance": "stor", "impact": {"plan": "++"}},
        {"id": "kost", "label": "Kostnad ved overlapp", "importance": "liten", "impact": {"plan": "-"}},
    ],
}


def land_split():
    from conftest import BUDGETS

    from costmodel.scenario import load_scenario, scenario_to_data

    data = scenario_to_data(load_scenario(BUDGETS / "land-2017.yaml")) | LAND_SPLIT
    data["alternatives"][0]["lines"][0]["partner"] = "sondre"
    return data


def split_figures(book, result) -> dict:
    """From a recalculated Fordeling sheet: (alternative, partner) → (total, present value)."""
    ws = book["Fordeling"]
    total_col, pv_col = 2 + len(result.years), 3 + len(result.years)
    names = {p.name: p.id for p in result.scenario.partners}
    out, block = {}, None
    for r in range(1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        for alt in result.scenario.alternatives:
            if label == f"{alt.name}: nivå per kommune (kr)":
                block = alt.id
        if isinstance(label, str) and label.endswith("per kommune (kr)") and "differanse" in label:
            block = None
        if block and label in names:
            out[(block, names[label])] = (ws.cell(r, total_col).value, ws.cell(r, pv_col).value)
    return out


def test_the_workbooks_split_and_konsekvens_recalculate_to_the_engines_in_both_engines(tmp_path):
    from spreadsheet import ENGINES, error_cells, recalculate, values
    from test_workbook import require

    from costmodel.engine import views
    from costmodel.workbook.export import export_bytes
    from costmodel.workbook.read import read_workbook

    scenario = parse_scenario(land_split())
    result = compute(scenario)
    expected = views.partners(result)
    path = tmp_path / "land.xlsx"
    path.write_bytes(export_bytes(result))
    for engine in ENGINES:
        require(engine)
        (tmp_path / engine).mkdir()
        recalculated = recalculate(path, tmp_path / engine, engine)
        book = values(recalculated)
        assert error_cells(book) == []
        found = split_figures(book, result)
        assert len(found) == 4
        for (alt, pid), (total, pv) in found.items():
            assert total == pytest.approx(expected[alt]["levels"][pid]["total"], abs=0.5), (engine, alt, pid)
            assert pv == pytest.approx(expected[alt]["levels"][pid]["present_value"], abs=0.5), (engine, alt, pid)
        checks = book["Kontroll"]
        split = [
            checks.cell(r, 2).value
            for r in range(4, checks.max_row + 1)
            if "kommunenes andeler summerer" in str(checks.cell(r, 1).value)
        ]
        assert split == [True, True] and checks["B3"].value is True, engine
        effects = book["Virkninger"]
        assert [effects.cell(r, 4).value for r in (4, 5)] == ["++++", "−"], engine
        assert read_workbook(recalculated.read_bytes()) == scenario


def test_a_basis_edited_in_the_workbook_moves_the_split_as_the_engine_does(tmp_path):
    import openpyxl
    from spreadsheet import recalculate, values
    from test_workbook import require

    from costmodel.engine import views
    from costmodel.workbook.export import export_bytes
    from costmodel.workbook.layout import PARTNER_HEADERS

    require("libreoffice")
    data = land_split()
    path = tmp_path / "land.xlsx"
    path.write_bytes(export_bytes(compute(parse_scenario(data))))
    book = openpyxl.load_workbook(path)
    ws = book["Forutsetninger"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == PARTNER_HEADERS[0])
    ws.cell(header + 1, 4).value = 2000  # Nordre Land's basis
    book.save(path)
    data["partners"][0]["basis"] = 2000
    result = compute(parse_scenario(data))
    found = split_figures(values(recalculate(path, tmp_path, "libreoffice")), result)
    expected = views.partners(result)
    for (alt, pid), (total, _) in found.items():
        assert total == pytest.approx(expected[alt]["levels"][pid]["total"], abs=0.5)


def test_what_each_municipality_pays_per_year_adds_up_and_is_shown_in_the_app():
    """Per year, per alternative, per municipality (issue 21: it was only in the workbook); the municipalities add up
    to the alternative's level each year, and the differences to the alternative's difference."""
    from streamlit.testing.v1 import AppTest
    from test_app import APP, open_tab

    from costmodel import formatting as fmt
    from costmodel.report.council import partner_years_frame
    from costmodel.yamlsafe import dump_yaml

    result = compute(parse_scenario(land_split()))
    frame = partner_years_frame(result)
    summary = views.summary(result)
    for alt in result.scenario.alternatives:
        for year in map(str, result.years):
            paid = sum(frame.loc[f"{alt.name}: {p.name}", year] for p in result.scenario.partners)
            assert paid == pytest.approx(summary["alternatives"][alt.id]["annual"][year])
    diff = sum(frame.loc[f"Rådmannens forslag, merkostnad/innsparing: {p.name}"] for p in result.scenario.partners)
    assert diff["2018"] == pytest.approx(summary["comparison"]["plan"]["difference_by_year"]["2018"])
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader(key="upload_widget").set_value(("delt.yaml", dump_yaml(land_split()).encode(), "text/yaml"))
    at = open_tab(at.run(), "Virkninger og fordeling")
    assert not at.exception
    shown = next(t.value for t in at.table if "Rådmannens forslag: Nordre Land" in list(t.value.index))
    figure = frame.loc["Rådmannens forslag: Nordre Land", "2018"]
    assert shown.loc["Rådmannens forslag: Nordre Land", "2018"] == fmt.number(figure)


def test_the_key_inputs_stand_among_the_assumptions():
    """Issue 22: salary per position, pension, arbeidsgiveravgift, growth, sick leave, vacancy and need."""
    from conftest import BUDGETS

    from costmodel.report.council import assumption_lines
    from costmodel.scenario import load_scenario

    lines = assumption_lines(compute(load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")), [])
    assert (
        "«Tiltaksteam, 6 stillinger (f.o.m. september 2019)»: 6,0 årsverk, årslønn 506 000 kr, full kostnad "
        "om lag 743 000 kr per årsverk (pensjon 20,0 %, arbeidsgiveravgift 14,1 %)." in lines
    )
    assert any(line.startswith("Lønnsvekst 2020: 3,1 %, 2021: 2,7 %") for line in lines)
    capacity = assumption_lines(compute(load_scenario(BUDGETS / "land-2017-kapasitet.yaml")), [])
    assert (
        "Sykefravær 12,0 % (usikker: 7,0 % – 25,0 %), med refusjon av 60,0 % av kostnaden; vakanse 5,0 % "
        "(usikker: 2,0 % – 10,0 %)." in capacity
    )
    assert not any(line.startswith(("Sykefravær:", "Vakanse:")) for line in capacity)  # said once
    assert "Behov: 21,0 effektive årsverk hvert år." in capacity
    assert "«Faste stillinger (17 årsverk)»: 17,0 årsverk, full kostnad 650 000 kr per årsverk (oppgitt)." in capacity
    ranged = "Årslønn – Tiltaksteam, 6 stillinger: 506 000 kr (usikker: 480 000 kr – 545 000 kr)."
    assert ranged in lines  # every range the sensitivity slide tries stands among the assumptions


def test_the_largest_effects_are_all_named_when_several_are_as_large():
    """Issue 22: «størst: …» named one of two effects that were both +++."""
    from conftest import BUDGETS

    from costmodel.report.council import effects_sentence
    from costmodel.scenario import load_scenario

    sentence = effects_sentence(compute(load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")))
    assert (
        "størst: «Hjelpetiltak tilpasset familiens samlede behov» (+++) og «Kompetanse og fagmiljø; en attraktiv"
        in (sentence)
    )
