"""The app under Streamlit's AppTest: figures equal the engine's, what-ifs, links, uploads, isolation."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from costmodel import formatting as fmt
from costmodel.engine import compute, views, whatif
from costmodel.scenario import StaffLine, load_scenario, model_fields
from costmodel.ui import controls

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
LAND = load_scenario(Path(APP).parent / "budgets" / "land-2017.yaml")


def start(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    return at.run()


def open_groups(at: AppTest) -> AppTest:
    """Open every group of «Hva om?» (a closed group's controls are not drawn), as a user clicks them open."""
    for key in [k for k in at.session_state if str(k).startswith(controls.GROUP)]:
        at.session_state[key] = True
    return at.run()


def metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def expected_metrics(changes: dict) -> list[tuple[str, str]]:
    """The key figures the app must show, computed by the engine directly."""
    result = compute(whatif.apply(LAND, changes))
    summary = views.summary(result)
    out = []
    for alt_id, alt in summary["alternatives"].items():
        out += [
            ("Kostnad 2017", fmt.mill(alt["annual"]["2017"])),
            ("Sum 2017–2020", fmt.mill(alt["total"])),
            ("Nåverdi", fmt.mill(alt["present_value"])),
        ]
        if alt_id in summary["comparison"]:
            c = summary["comparison"][alt_id]
            month = c["break_even_month"]
            out += [
                ("Differanse 2017–2020", fmt.mill(c["total_difference"], plus="+")),  # signed: + dearer, − cheaper
                ("Lønner seg fra", fmt.month_short(month) if month else "ikke i perioden"),
            ]
    return out


def test_land_key_figures_equal_the_engine():
    at = start()
    assert not at.exception
    assert metrics(at) == expected_metrics({})
    assert ("Lønner seg fra", "des. 2017") in metrics(at)
    assert not any("Per måned" in m.value for m in at.markdown)  # explanations wait until opened
    at.session_state["explain-plan"] = True
    at.run()
    shown = [
        m.value.replace("\u00a0", " ").replace("\u2060", "") for m in at.markdown
    ]  # figures never break: non-breaking spaces
    assert any("Per måned: 3 årsverk × 1 400 000 kr / 12 = 350 000 kr" in text for text in shown)
    assert any("1\u00a0400\u00a0000\u00a0kr" in m.value for m in at.markdown)
    assert any(m.value.startswith("- Årsnivå = summen") for m in at.markdown)
    assert at.title[0].value == "Land barnevernstjeneste – budsjett 2017–2020"


@pytest.mark.parametrize(
    "path, value", [("innleie.kjop.fte", 2.0), ("plan.kjop.fte", 4.0), ("plan.oppbemanning.fte", 5.5)]
)
def test_moving_a_slider_gives_the_engines_figures(path, value):
    at = open_groups(start())
    at.slider(key="drv:" + path).set_value(value).run()
    assert not at.exception
    assert metrics(at) == expected_metrics({path: value})
    assert metrics(at) != expected_metrics({})
    assert "Endret fra scenariofilen" in at.info[0].value
    assert at.query_params[path] == fmt_query(value)


def fmt_query(value: float) -> str:
    return whatif.to_query({"x": value})["x"]


def test_number_input_and_global_controls():
    at = open_groups(start())
    at.number_input(key="drv:plan.oppbemanning.annual_cost_per_fte").set_value(700_000.0).run()
    at.slider(key="drv:discount_rate").set_value(2.5).run()
    assert not at.exception
    assert metrics(at) == expected_metrics({"plan.oppbemanning.annual_cost_per_fte": 700_000.0, "discount_rate": 0.025})


def test_a_link_restores_the_same_view():
    at = start(scenario="land-2017.yaml", **{"plan.oppbemanning.fte": "5", "plan.kjop.end": "2017-10"})
    assert not at.exception
    assert at.slider(key="drv:plan.oppbemanning.fte").value == 5.0
    assert metrics(at) == expected_metrics({"plan.oppbemanning.fte": 5, "plan.kjop.end": "2017-10"})
    assert at.query_params["plan.oppbemanning.fte"] == "5"


def test_a_bad_link_is_reported_and_ignored():
    at = start(**{"plan.oppbemanning.fte": "mange", "plan.nope.fte": "1"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Rådmannens forslag › Permanent oppbemanning (inntil 4 stillinger, f.o.m. juli-17): årsverk" in warnings
    assert "plan › nope › årsverk: ingen slik kontroll" in warnings
    assert metrics(at) == expected_metrics({})


def test_reset_returns_to_the_file():
    at = start()
    at.slider(key="drv:plan.oppbemanning.fte").set_value(6.0).run()
    at.button(key="reset").click().run()
    assert metrics(at) == expected_metrics({})
    assert not at.info and dict(at.query_params) == {"scenario": "land-2017.yaml"}


def test_an_impossible_value_is_explained_not_a_traceback():
    at = start()
    at.select_slider(key="drv:plan.kjop.start").set_value("2018-06").run()  # after its end 2017-08
    assert not at.exception
    assert any("slutt 2017-08 er før start 2018-06" in e.value for e in at.error)
    at.select_slider(key="drv:plan.kjop.start").set_value("2017-01").run()
    assert not at.error and metrics(at) == expected_metrics({})


def test_a_bad_upload_shows_its_error_and_the_app_keeps_working():
    at = start()
    at.file_uploader(key="upload_widget").set_value(("feil.yaml", b"name: X\nmonths: 0\n", "application/x-yaml")).run()
    assert not at.exception
    assert any("feil.yaml" in e.value and "antall måneder: må være minst 1" in e.value for e in at.error)
    assert not any("months" in e.value for e in at.error)  # the app names fields in Norwegian, never by YAML key
    assert metrics(at) == expected_metrics({})  # still showing Land
    at.slider(key="drv:plan.oppbemanning.fte").set_value(5.0).run()
    assert metrics(at) == expected_metrics({"plan.oppbemanning.fte": 5.0})


def test_a_good_upload_becomes_the_scenario():
    text = (Path(APP).parent / "budgets" / "gjerdrum-2022.yaml").read_bytes()
    at = start()
    at.file_uploader(key="upload_widget").set_value(("mitt.yaml", text, "application/x-yaml")).run()
    assert not at.exception
    assert at.title[0].value.startswith("Gjerdrum")


def test_switching_scenario():
    at = start()
    at.selectbox(key="source").set_value("arendal-tiltaksteam.yaml").run()
    assert not at.exception
    assert at.title[0].value.startswith("Arendal")
    assert at.query_params["scenario"] == "arendal-tiltaksteam.yaml"
    open_groups(at)
    # growth as the file has it: the state budget's deflator year by year, not a flat 0,0 %
    assert at.slider(key="drv:growth.wages.2021").value == 2.7
    assert at.slider(key="drv:growth.prices.2023").value == 3.7


def test_two_sessions_never_see_each_others_what_if():
    a, b = start(), start()
    a.slider(key="drv:plan.oppbemanning.fte").set_value(7.0).run()
    b.run()
    assert metrics(b) == expected_metrics({})
    assert metrics(a) == expected_metrics({"plan.oppbemanning.fte": 7.0})


def test_presentation_mode_from_a_link_shows_the_engines_summary():
    at = start(visning="presentasjon", **{"plan.oppbemanning.fte": "5"})
    assert not at.exception
    from costmodel.report.narrative import comparison_sentences

    sentence = comparison_sentences(compute(whatif.apply(LAND, {"plan.oppbemanning.fte": 5})))[0]
    assert any(sentence in m.value for m in at.markdown)
    assert ("Lønner seg fra", "mars 2018") in metrics(at)
    assert at.main.get("download_button") == []  # the chamber sees no buttons; the figures fold away at the foot
    at.session_state["figure-downloads"] = True
    at.run()
    assert [b.label for b in at.main.get("download_button")] == ["Last ned PNG", "Last ned SVG"] * 3  # + per kommune
    assert any("årsverk 4 → 5" in m.value for m in at.markdown)  # what differs from the file, on the page
    assert any("nåverdi i faste 2017-kroner, realrente 4 %" in m.value for m in at.markdown)
    assert ("Billigere i 2017–2020", "2,6 mill. kr") in metrics(at)  # a word and the amount, as the sentence
    assert at.query_params["visning"] == "presentasjon"


def test_presentation_toggle():
    at = start()
    at.toggle(key="presentation").set_value(True).run()
    assert not at.exception and at.query_params["visning"] == "presentasjon"
    assert any("koster 4,9 mill. kr mindre enn fortsatt innleie i 2017–2020" in m.value for m in at.markdown)
    at.toggle(key="presentation").set_value(False).run()
    assert "visning" not in at.query_params and metrics(at) == expected_metrics({})


def test_save_as_a_new_version_then_open_it(fresh_store):
    from costmodel.store import scenarios
    from costmodel.store.members import LOCAL, LOCAL_USER

    at = start()
    at.slider(key="drv:plan.oppbemanning.fte").set_value(5.0).run()
    at.session_state["save_panel"] = True  # «Lagre» opened
    at.run()
    at.text_input(key="save_name").input("Plan B").run()
    at.text_input(key="save_comment").input("fem årsverk").run()
    at.button(key="save").click().run()
    assert not at.exception and "Lagret som «Plan B», versjon 1." in at.success[0].value
    _, info, data = scenarios.open_version(fresh_store, LOCAL_USER, LOCAL, "plan-b")
    assert load_scenario(data) == whatif.apply(LAND, {"plan.oppbemanning.fte": 5.0})
    assert (info.comment, info.author) == ("fem årsverk", "lokal")
    at.button(key="save").click().run()  # the same name again: asked first, nothing added
    assert any("finnes allerede" in w.value for w in at.warning)
    assert len(scenarios.versions(fresh_store, LOCAL_USER, LOCAL, "plan-b")) == 1
    at.button(key="save_again_panel").click().run()
    assert "versjon 2" in at.success[0].value
    fresh = start()
    assert "Lagret: Plan B" in fresh.selectbox(key="source").options
    fresh.session_state["source"] = "lagret:lokal/plan-b"
    fresh.run()
    assert not fresh.exception and metrics(fresh) == expected_metrics({"plan.oppbemanning.fte": 5.0})
    old = start(scenario="lagret:plan-b")  # an address from before the database still opens
    assert not old.exception and metrics(old) == expected_metrics({"plan.oppbemanning.fte": 5.0})


def test_bundled_scenarios_are_not_touched_by_the_app():
    before = {p.name: p.read_bytes() for p in (Path(APP).parent / "budgets").glob("*.yaml")}
    at = start()
    at.slider(key="drv:plan.oppbemanning.fte").set_value(5.0).run()
    after = {p.name: p.read_bytes() for p in (Path(APP).parent / "budgets").glob("*.yaml")}
    assert before == after


def open_tab(at: AppTest, name: str) -> AppTest:
    at.session_state["view_tab"] = name
    return at.run()


def test_each_tab_shows_its_view_and_only_the_open_one_is_drawn():
    at = start()
    assert len(at.get("vega_lite_chart")) == 2  # the overview: annual and cumulative cost
    budget = open_tab(at, "Budsjettendringer")
    assert not budget.exception and len(budget.get("vega_lite_chart")) == 1  # the waterfall
    changes = budget.table[0].value
    assert list(changes.loc["Sum", ["2017", "2018"]]) == ["+3,6", "−1,5"]
    assert list(
        changes.loc["Fradrag for konsekvensjustering av administrative utgifter fra 2016", ["2017", "2018"]]
    ) == ["−0,5", "–"]
    fte = open_tab(at, "Årsverk og kapasitet")
    assert fte.table[0].value.loc["Rådmannens forslag", "2018"] == "4,0"
    book = open_tab(at, "Hovedbok")
    book.toggle(key="show_ledger").set_value(True).run()
    ledger = book.dataframe[0].value
    assert len(ledger) == len(compute(LAND).ledger)
    assert list(ledger.columns[:4]) == ["Alternativ", "Linje-id", "Type", "Tekst"]  # Norwegian, not the code's
    assert set(ledger["Type"]) == {"innleie", "egne stillinger", "fast beløp per år"}
    kroner = ledger["Beløp (kr)"].map(lambda t: float(t.replace("\u2212", "-").replace(" ", "")))
    assert kroner.sum() == pytest.approx(compute(LAND).amount.sum(), abs=len(ledger))  # shown to the krone


def test_switching_a_fixed_scenario_to_nominal_prices_with_growth():
    at = open_groups(start())
    at.radio(key="drv:prices").set_value("nominal").run()
    assert not at.exception and not at.error
    assert metrics(at) == expected_metrics(
        {"prices": "nominal", "growth.wages.default": 0.0, "growth.prices.default": 0.0}
    )
    at.slider(key="drv:growth.wages.default").set_value(3.0).run()
    changes = {"prices": "nominal", "growth.wages.default": 0.03, "growth.prices.default": 0.0}
    assert metrics(at) == expected_metrics(changes)
    baseline_2020 = views.summary(compute(whatif.apply(LAND, changes)))["alternatives"]["innleie"]["lines"]["kjop"]
    assert abs(baseline_2020["annual"]["2020"] - 4_200_000 * 1.03**3) < 0.01


def test_the_workbook_can_be_downloaded_from_the_app():
    at = start()
    assert "Last ned regneark (Excel)" in [b.label for b in at.sidebar.get("download_button")]


def test_an_exported_workbook_can_be_uploaded():
    from costmodel.workbook.export import export_bytes

    data = export_bytes(compute(whatif.apply(LAND, {"plan.oppbemanning.fte": 5})))
    at = start()
    at.file_uploader(key="upload_widget").set_value(("land.xlsx", data, "application/vnd.ms-excel")).run()
    assert not at.exception and not at.error
    assert metrics(at) == expected_metrics({"plan.oppbemanning.fte": 5})


def test_a_hostile_workbook_upload_is_refused_in_words():
    at = start()
    at.file_uploader(key="upload_widget").set_value(
        ("bombe.xlsx", b"PK\x03\x04" + b"\0" * 100, "application/zip")
    ).run()
    assert not at.exception
    assert any("bombe.xlsx" in e.value and "Excel-regneark" in e.value for e in at.error)


# --- uncertainty (issue 5) ------------------------------------------------------------------------


def test_uncertainty_view_states_probability_driver_and_flip_point_as_the_engine_does():
    from costmodel.engine import sensitivity
    from costmodel.report import narrative

    arendal = load_scenario(Path(APP).parent / "budgets" / "arendal-tiltaksteam.yaml")
    at = open_tab(start(scenario="arendal-tiltaksteam.yaml"), "Usikkerhet")
    assert not at.exception
    analysis = sensitivity.analyse(arendal)
    bars = analysis.tornados["tiltaksteam"][1]
    sentence = narrative.uncertainty_sentence(
        arendal, analysis.summary, "tiltaksteam", bars, *analysis.flips["tiltaksteam"]
    )
    assert at.markdown[0].value == f"#### {sentence}"
    assert (
        "i 60 % av 10 000 simuleringer" in sentence
        and "«Kjøp av hjelpetiltak per år»" in sentence
        and "over om lag 4,9 mill. kr (i saken 5 000 000 kr)" in sentence  # computed: rounded; typed: as typed
    )
    c = analysis.summary["comparison"]["tiltaksteam"]
    assert ("Sannsynlighet billigere", fmt.percent(c["probability_cheaper"], 0)) in metrics(at)
    assert len(at.get("vega_lite_chart")) == 3  # fan chart, histogram, tornado
    assert at.selectbox(key="goal_driver").value == "assumptions.kjop_per_ar"
    at.selectbox(key="goal_driver").set_value("tiltaksteam.team.annual_salary").run()
    solution = sensitivity.solve(arendal, "tiltaksteam.team.annual_salary", "tiltaksteam")
    assert any(m.value == sensitivity.sentence(arendal, solution) for m in at.markdown)


def test_uncertainty_follows_the_sliders_a_pinned_driver_is_no_longer_uncertain():
    at = open_tab(start(scenario="arendal-tiltaksteam.yaml"), "Usikkerhet")
    before = at.markdown[0].value
    at.number_input(key="drv:assumptions.kjop_per_ar").set_value(6_000_000.0).run()
    after = at.markdown[0].value
    assert not at.exception and after != before
    assert "Kjøp av hjelpetiltak per år" not in after.split("betyr mest")[1][:120]  # now a fixed number


def test_uncertainty_without_ranges_says_how_to_write_one():
    at = open_tab(start(), "Usikkerhet")
    assert not at.exception
    assert any("«Navngitte forutsetninger», fyll inn lav, mest sannsynlig og høy verdi" in i.value for i in at.info)
    assert not any("{low" in i.value or "annual_amount" in i.value for i in at.info)  # no YAML in the app


def test_presentation_says_how_sure_the_answer_is():
    at = start(scenario="arendal-tiltaksteam.yaml", visning="presentasjon")
    assert not at.exception
    assert any("Hvor sikkert er svaret?" == h.value for h in at.subheader)
    assert any("simuleringer" in m.value and "betyr mest" in m.value for m in at.markdown)


def test_a_ranged_driver_says_so_in_its_help():
    at = start(scenario="arendal-tiltaksteam.yaml")
    tip = at.number_input(key="drv:assumptions.kjop_per_ar").help
    assert tip.startswith("Usikker i scenariofilen: 4 000 000 kr – 6 500 000 kr, mest sannsynlig 5 000 000 kr (PERT")
    assert tip.endswith(
        "Brukes av: Fortsatt kjøp av hjelpetiltak › Kjøp av hjelpetiltak fra private: årsbeløp; "
        "Eget tiltaksteam (6 årsverk) › Kjøp av hjelpetiltak fra private (til teamet er i drift): årsbeløp"
    )
    assert at.select_slider(key="drv:tiltaksteam.team.start").help.startswith(
        "Usikker i scenariofilen: 2019-08 – 2020-01"
    )
    # A driver without a range gets its field's help text (declared on the model), not a range.
    assert at.slider(key="drv:tiltaksteam.team.fte").help == model_fields(StaffLine)["fte"].help


def test_moving_one_growth_year_changes_that_year_only():
    at = open_groups(start(scenario="arendal-tiltaksteam.yaml"))
    at.slider(key="drv:growth.wages.2021").set_value(5.0).run()
    arendal = load_scenario(Path(APP).parent / "budgets" / "arendal-tiltaksteam.yaml")
    expected = views.summary(compute(whatif.apply(arendal, {"growth.wages.2021": 0.05})))
    team = expected["alternatives"]["tiltaksteam"]
    assert any(m.value == fmt.mill(team["total"]) for m in at.metric)
    assert at.query_params["growth.wages.2021"] == "0.05"
    assert "lønnsvekst 2021 2,7 % → 5,0 %" in at.info[0].value


def test_the_caption_follows_a_what_if_horizon():
    at = open_groups(start())
    at.slider(key="drv:months").set_value(36.0).run()
    assert "36 måneder" in at.caption[0].value
    assert at.select_slider(key="drv:plan.oppbemanning.end").options[-2] == "2019-12"


def test_the_overview_has_the_difference_per_year_and_the_budget_table_changes_against_a_base_year():
    at = start()
    table = at.table[0].value
    row = table.loc["Rådmannens forslag: differanse mot nullalternativet"]
    assert list(row) == ["−100 000 kr", "−1 600 000 kr", "−1 600 000 kr", "−1 600 000 kr"]
    budget = open_tab(at, "Budsjettendringer")
    budget.selectbox(key="budget_against").set_value(2017).run()
    changes = budget.table[0].value
    assert set(changes["2017"]) == {"–"} and changes.loc["Sum", "2018"] == "−1,5"


def test_the_two_way_table_shows_the_engines_grid_as_heatmap_and_table():
    from costmodel.engine.grid import grid

    at = start(scenario="egne-saksbehandlere-2025.yaml")
    at = open_tab(at, "Tabell for to forutsetninger")
    assert not at.exception
    x_path, y_path = at.selectbox(key="grid_x").value, at.selectbox(key="grid_y").value
    # The named assumptions come first: the shared hourly rate × the month the new staff are in place.
    assert x_path == "assumptions.timepris" and y_path == "assumptions.ansatt_fra"
    shown = at.table[-1].value
    assert list(shown.index) == ["jan. 2025", "feb. 2025", "mars 2025", "apr. 2025", "mai 2025", "juni 2025"]
    case = load_scenario(Path(APP).parent / "budgets" / "egne-saksbehandlere-2025.yaml")
    xs = [float(v) for v in __import__("numpy").linspace(920, 1380, 5)]
    ys = [f"2025-{m:02d}" for m in range(1, 7)]
    expected = grid(case, (x_path, xs), (y_path, ys), "egne", "total").difference
    assert shown.iloc[0, 0] == f"{fmt.change(expected[0, 0], 'kr')} kr"
    assert shown.iloc[5, 4] == f"{fmt.change(expected[5, 4], 'kr')} kr"
    assert expected[5, 4] > expected[0, 4]  # staff in place later: the agency is kept longer, hiring costs more
    charts = at.get("vega_lite_chart")
    assert any('"mark": {"type": "rect"}' in c.proto.spec or '"rect"' in c.proto.spec for c in charts)


# --- named assumptions (issue 11) ---------------------------------------------------------------------


def test_a_named_assumption_has_one_control_first_that_moves_every_line_using_it():
    at = start()
    labels = [e.label for e in at.sidebar.expander]  # under «Hva om?», the named assumptions come first
    assert labels.index("Navngitte forutsetninger") + 1 == labels.index("Felles forutsetninger")
    assert at.number_input(key="drv:assumptions.konsulentpris").label == "Pris per innleid årsverk (kr)"
    assert "drv:plan.kjop.annual_price_per_fte" not in at.session_state  # follows the assumption: no control
    assert any(c.value == "Pris per årsverk: følger «Pris per innleid årsverk (kr)»" for c in at.sidebar.caption)
    at.number_input(key="drv:assumptions.konsulentpris").set_value(1_200_000.0).run()
    assert not at.exception
    assert metrics(at) == expected_metrics({"assumptions.konsulentpris": 1_200_000})
    moved = compute(whatif.apply(LAND, {"assumptions.konsulentpris": 1_200_000}))
    assert views.summary(moved)["alternatives"]["innleie"]["total"] == pytest.approx(4 * 3 * 1_200_000 - 4 * 500_000)
    assert at.query_params["assumptions.konsulentpris"] == "1200000"


def test_a_link_carries_a_named_assumption():
    at = start(**{"scenario": "egne-saksbehandlere-2025.yaml", "assumptions.ansatt_fra": "2025-07"})
    assert not at.exception
    assert at.select_slider(key="drv:assumptions.ansatt_fra").value == "2025-07"
    assert at.info[0].value == "**Endret fra scenariofilen:**\n- Nye saksbehandlere på plass 2025-03 → 2025-07"
    case = load_scenario(Path(APP).parent / "budgets" / "egne-saksbehandlere-2025.yaml")
    later = views.summary(compute(whatif.apply(case, {"assumptions.ansatt_fra": "2025-07"})))
    shown = fmt.mill(later["comparison"]["egne"]["total_difference"], plus="+")
    assert ("Differanse 2025–2028", shown) in metrics(at)


def test_the_uncertainty_tab_goal_seeks_the_shared_rate_and_the_month():
    from costmodel.engine import sensitivity

    case = load_scenario(Path(APP).parent / "budgets" / "egne-saksbehandlere-2025.yaml")
    at = open_tab(start(scenario="egne-saksbehandlere-2025.yaml"), "Usikkerhet")
    assert not at.exception
    assert at.selectbox(key="goal_driver").value == "assumptions.timepris"  # the largest swing
    assert any(
        m.value == sensitivity.sentence(case, sensitivity.solve(case, "assumptions.timepris")) for m in at.markdown
    )
    at.selectbox(key="goal_driver").set_value("assumptions.ansatt_fra").run()
    at.selectbox(key="goal_measure").set_value("2025").run()
    assert any("er juni 2025 eller tidligere (i scenariet mars 2025)" in m.value for m in at.markdown)


def test_the_council_page_names_the_shared_assumptions_behind_the_figures():
    at = start(scenario="egne-saksbehandlere-2025.yaml", visning="presentasjon")
    assert not at.exception
    notes = next(m.value for m in at.markdown if "Periode:" in m.value)
    assert "- Timepris byrå: 1 150 kr (usikker: 950 kr – 1 350 kr)." in notes  # one «kr»
    assert "- Nye saksbehandlere på plass: mars 2025 (usikker: februar 2025 – september 2025)." in notes
    assert "brukt i" not in notes  # where an assumption is used is the tool's business, not the council's


# --- capacity (issue 12) ------------------------------------------------------------------------------


def test_alternatives_of_different_capacity_are_flagged_and_one_click_holds_them_to_the_same_need():
    at = start()
    assert at.warning[0].value.startswith("Alternativene gir ulik kapasitet: 3,0 mot 4,0 effektive årsverk i 2020")
    at.button(key="add_need").click().run()
    assert not at.exception and at.session_state["source"].startswith("delt:")
    warnings = [w.value for w in at.warning]
    assert "«Fortsatt innleie» dekker ikke behovet i 48 av 48 måneder (inntil 1,0 årsverk udekket)." in warnings
    assert not any(w.startswith("Alternativene gir ulik kapasitet") for w in warnings)


def test_the_capacity_tab_shows_need_and_cover_like_for_like():
    case = load_scenario(Path(APP).parent / "budgets" / "land-2017-kapasitet.yaml")
    result = compute(case)
    at = open_tab(start(scenario="land-2017-kapasitet.yaml"), "Årsverk og kapasitet")
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 3  # årsverk per year, and capacity per month for each alternative
    unit = views.cost_per_effective_fte(result)
    texts = [m.value for m in at.markdown]
    for a in range(2):
        assert f"Kostnad per effektivt årsverk over perioden: **{fmt.kr(unit[a])}** (faste 2017-kroner)" in texts
    table = at.table[-1].value
    assert list(table.index) == [
        "Behov",
        "Egne ansatte (effektive årsverk)",
        "Innleid eller kjøpt",
        "Innleie til dekning",
        "Udekket behov",
    ]
    assert table.loc["Innleie til dekning", "2018"] == fmt.number(views.yearly_mean(result, result.cover)[1, 1], 2)


def test_the_council_page_says_how_each_alternative_meets_the_need():
    from costmodel.report import narrative

    case = compute(load_scenario(Path(APP).parent / "budgets" / "land-2017-kapasitet.yaml"))
    at = start(scenario="land-2017-kapasitet.yaml", visning="presentasjon")
    assert not at.exception
    shown = [m.value for m in at.markdown]
    for alt in case.alternatives:
        assert narrative.capacity_sentence(case, alt) in shown
    assert any(
        "17,1 effektive årsverk egne ansatte, 0,5 innleid eller kjøpt og 3,4 innleid til dekning" in m for m in shown
    )


def test_closed_groups_are_not_drawn_and_keep_their_values():
    """A slider move sends only the open groups' controls; a value set in a group outlives closing it."""
    at = start()
    drawn = {s.key for s in at.slider}
    assert "drv:plan.oppbemanning.fte" in drawn  # the proposal's group is open
    assert "drv:discount_rate" not in drawn and "drv:innleie.kjop.fte" not in drawn  # closed: not sent
    open_groups(at)
    at.slider(key="drv:discount_rate").set_value(2.5).run()
    at.session_state[controls.GROUP + "global"] = False  # closed again
    at.run()
    assert "drv:discount_rate" not in {s.key for s in at.slider}
    at.slider(key="drv:plan.oppbemanning.fte").set_value(5.0).run()
    expected = expected_metrics({"discount_rate": 0.025, "plan.oppbemanning.fte": 5.0})
    assert metrics(at) == expected and at.query_params["discount_rate"] == "0.025"
    at.session_state[controls.GROUP + "global"] = True
    at.run()
    assert at.slider(key="drv:discount_rate").value == 2.5 and metrics(at) == expected


def test_a_link_sets_a_control_in_a_closed_group():
    at = start(**{"discount_rate": "0.025", "innleie.kjop.fte": "2"})
    assert not at.exception and "drv:discount_rate" not in {s.key for s in at.slider}
    assert metrics(at) == expected_metrics({"discount_rate": 0.025, "innleie.kjop.fte": 2.0})
    open_groups(at)
    assert at.slider(key="drv:discount_rate").value == 2.5 and at.slider(key="drv:innleie.kjop.fte").value == 2.0


def test_the_budget_tab_offers_the_year_before_and_states_the_first_years_base():
    at = open_tab(start(), "Budsjettendringer")
    against = at.selectbox(key="budget_against")
    assert 2016 in against.options or "budsjett 2016 (opprinnelig budsjett)" in against.options
    assert any(
        c.value.startswith("Endring 2017 er regnet fra budsjett 2016, der postene ikke har beløp.") for c in at.caption
    )
    against.set_value(2016).run()
    assert any(c.value.startswith("Endringene er regnet fra budsjett 2016") for c in at.caption)


def test_a_run_cut_off_midway_does_not_leave_the_next_run_believing_a_control_moved(monkeypatch):
    """Issue 24: sessions on Arendal showed Land's figures after «Usikkerhet». A slider's run cut off while the
    sidebar was drawn left «a control moved» set, so the tab's run did not set the picker again, and a browser that
    had missed a render sent the first scenario (Land). The flag is now taken at the start of each run."""
    import streamlit as st

    at = start(scenario="arendal-tiltaksteam.yaml")
    title = at.main.title[0].value
    slider = next(s for s in at.slider if str(s.key).startswith("drv:"))
    real = controls.draw
    monkeypatch.setattr(controls, "draw", lambda control, scenario: st.stop())  # the run is cut off midway
    slider.set_value(slider.max).run()
    monkeypatch.setattr(controls, "draw", real)
    open_tab(at, "Usikkerhet")  # a click that is not a control's move
    assert at.session_state[controls.RUN_MOVED] is False  # so the picker and every control are set again
    assert at.session_state["source"] == "arendal-tiltaksteam.yaml" and at.main.title[0].value == title


def test_a_first_page_loads_only_what_its_figures_need(tmp_path):
    """A link's first run (here presentation mode on a what-if) imports no goal seek (scipy), no workbook reader
    or builder (openpyxl), no deck or note, and opens a database at the newest schema without Alembic."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"for query in ({{}}, {{'visning': 'presentasjon', 'plan.oppbemanning.fte': '5'}}):\n"
        f"    at = AppTest.from_file({APP!r}, default_timeout=60)\n"
        "    at.query_params.update(query)\n"
        "    at.run()\n"
        "    assert not at.exception and len(at.metric) >= 3, at.exception\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    from costmodel.store import database

    env = {**os.environ, "COSTMODEL_USER_DIR": str(tmp_path)}
    env.pop("COSTMODEL_DATABASE_URL", None)
    database.upgrade(database.connect(f"sqlite:///{tmp_path / database.FILE_NAME}"))  # a server started before
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(done.stdout.split())
    assert {"streamlit", "pandas", "sqlalchemy", "altair"} <= loaded  # the page, the engine, the store, the charts
    assert not loaded & {"scipy", "openpyxl", "pptx", "docx", "alembic"}


def test_a_slider_step_asks_the_store_nothing_and_the_next_page_load_asks_again(fresh_store):
    """A slider step reuses what the session last read (memberships, saved scenarios): no query on the hot path.
    Any other run reads again, so a scenario another member saved meanwhile is in the picker at the next click."""
    from sqlalchemy import event

    from costmodel.store import database, scenarios
    from costmodel.store.members import LOCAL, LOCAL_USER
    from costmodel.ui import account

    at = start()
    engine = account._open(database.database_url())[0].engine
    asked: list[str] = []

    def ask(conn, cursor, statement, *rest) -> None:
        asked.append(statement)

    event.listen(engine, "before_cursor_execute", ask)
    try:
        land = (Path(APP).parent / "budgets" / "land-2017.yaml").read_bytes()
        scenarios.save(fresh_store, LOCAL_USER, LOCAL, "Plan C", land)  # another member saves meanwhile
        at.slider(key="drv:plan.oppbemanning.fte").set_value(4.5).run()
        assert not at.exception and asked == [] and "Lagret: Plan C" not in at.selectbox(key="source").options
        at.run()  # a page load, a click or a tab
        assert any("FROM members" in s for s in asked) and any("FROM scenarios" in s for s in asked)
        assert "Lagret: Plan C" in at.selectbox(key="source").options
        assert metrics(at) == expected_metrics({"plan.oppbemanning.fte": 4.5})
    finally:
        event.remove(engine, "before_cursor_execute", ask)


def test_the_key_figures_are_on_the_page_before_pandas_is_loaded(tmp_path):
    """pandas takes about a second to import on a cold server: the first run loads it for the tables and charts
    below the key figures (docs/method.md §18), not before them."""
    import os
    import subprocess
    import sys

    probe = (
        "import importlib.abc, sys, traceback\n"
        "first = []\n"
        "class Watch(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'pandas' and not first:\n"
        "            first.append([f.name for f in traceback.extract_stack() if 'costmodel' in f.filename])\n"
        "sys.meta_path.insert(0, Watch())\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({APP!r}, default_timeout=60).run()\n"
        "assert not at.exception and len(at.metric) >= 3, at.exception\n"
        "print(' '.join(first[0]))\n"
    )
    env = {**os.environ, "COSTMODEL_USER_DIR": str(tmp_path)}
    env.pop("COSTMODEL_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    stack = done.stdout.split()
    assert "tabs" in stack and "key_figures" not in stack, stack  # loaded by the views below the figures
