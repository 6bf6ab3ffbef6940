"""The app's views: what changed, key figures, charts and tables. Every figure comes from views.py.

The charts (report/charts.py, with altair) are imported by the functions that draw them, so a page's first run
puts its key figures on the screen before altair has loaded (docs/method.md §18)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

from costmodel import formatting as fmt
from costmodel.engine import Result, views, whatif
from costmodel.errors import ScenarioError
from costmodel.parameters import load_reference
from costmodel.report import council, explain, files, glossary, narrative, tables
from costmodel.scenario import Scenario, kind_label, parse_scenario, scenario_to_data, scenario_warnings, storage
from costmodel.scenario.messages import in_words, place
from costmodel.ui import chart, controls, grid, source, text, uncertainty, work

if TYPE_CHECKING:
    import pandas as pd


def _reset(scenario: Scenario) -> None:
    controls.seed_state(scenario, {})


def header(scenario: Scenario, current: Scenario, changed: list[str]) -> None:
    """Title, what the scenario is as computed (the what-if included), and what the what-if has changed from the
    file `scenario` (`changed`, whatif.describe; with a reset)."""
    st.title(current.name)
    st.caption(
        f"{current.municipality + ' · ' if current.municipality else ''}{fmt.month_name(current.start)}, "
        f"{current.months} måneder · {fmt.price_basis(current)} · {fmt.present_value_basis(current)} · "
        f"referanseparametre versjon {load_reference().vintage}"
    )
    for problem in st.session_state.pop("link_problems", []):
        st.warning(
            f"Lenken inneholder en verdi som ikke kan brukes: {text.plain(_driver_place(scenario, problem.path))}: "
            f"{text.plain(in_words(problem.message))}"
        )
    if changed:
        lines = "\n".join(f"- {text}" for text in changed)
        st.info(f"**Endret fra scenariofilen:**\n{lines}")
        st.button("Tilbakestill til scenariofilen", on_click=_reset, args=(scenario,), key="reset")


def warnings(scenario: Scenario) -> None:
    """What is valid but probably not meant (a line that never runs), above the figures in every mode."""
    for warning in scenario_warnings(scenario):
        st.warning(f"**Advarsel:** {in_words(warning.message)}")


PAGE_STYLE = """<style>
/* five key figures in a row: a figure shrinks with its column instead of being cut off («−10,2 mil…»), and in a
   narrow window the row wraps rather than cutting labels */
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] { font-size: clamp(1.25rem, 16cqi, 2.25rem); }
.st-key-figures [data-testid="stHorizontalBlock"] { flex-wrap: wrap; row-gap: 0.5rem; }
.st-key-figures [data-testid="stColumn"] { min-width: 9rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"], .stDownloadButton,
  button { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stMetric"], [data-testid="stTable"] { break-inside: avoid; }
  [class*="st-key-print-"] { break-inside: avoid; }  /* a section and its heading stay on one page */
}
</style>"""


PRESENTATION_STYLE = """<style>
/* the council chamber at 1920×1080: body text 24 px and up; no download buttons, toolbars or chart menus */
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td,
[data-testid="stMain"] th { font-size: 24px !important; line-height: 1.45; }
[data-testid="stMain"] h3 { font-size: 30px !important; }
[data-testid="stMetricLabel"] p { font-size: 24px !important; }
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: 44px !important; line-height: 1.2; }
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stElementToolbar"], .stDownloadButton,
[data-testid="stDownloadButton"] { display: none !important; }
/* Ctrl+P: A4 landscape at print sizes; the page's whole width; each chart scaled with its text to its column */
@media print {
  [data-testid="stMainBlockContainer"] { max-width: none !important; padding: 0 !important; }
  [data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td,
  [data-testid="stMain"] th, [data-testid="stMetricLabel"] p { font-size: 11pt !important; line-height: 1.35; }
  [data-testid="stMain"] h1 { font-size: 20pt !important; padding-top: 0 !important; }
  [data-testid="stMain"] h3 { font-size: 13pt !important; }
  [data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: 20pt !important; }
  /* the charts one under the other, each kept whole at up to 88 mm high: its text scales with it, ≥ 9 pt */
  .st-key-print-charts [data-testid="stHorizontalBlock"] { flex-direction: column !important; }
  .st-key-print-charts [data-testid="stColumn"] { width: 100% !important; flex: none !important; }
  [data-testid="stVegaLiteChart"] { width: 165mm !important; max-width: 100%; height: auto !important; }
  [data-testid="stVegaLiteChart"] svg { width: auto !important; height: auto !important; max-width: 100% !important;
    max-height: 88mm !important; }
  [data-testid="stExpander"] { display: none !important; }
}
</style>"""


def page_style() -> None:
    """Key figures that fit their columns, and Ctrl+P giving clean A4 landscape pages: no sidebar, no buttons,
    charts not split across pages."""
    st.html(PAGE_STYLE)


def _span(result: Result) -> str:
    years = result.years
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _driver_place(scenario: Scenario, path: str) -> str:
    """A what-if driver path in words (`Rådmannens forslag › Permanent oppbemanning: årsverk`), or, for a path the
    scenario does not have, its parts in words."""
    try:
        return whatif.where(scenario, path) + whatif.label(path, scenario)
    except (ScenarioError, KeyError, StopIteration, ValueError, IndexError):
        *owner, field = path.split(".")
        return " › ".join([*owner, place(field)])


def capacity_notice(result: Result) -> None:
    """Beside the comparison: when the alternatives deliver different capacity and no need holds them to the same,
    say so, and offer to add that need (as a new uploaded scenario, so the file is never changed)."""
    found = narrative.unequal_capacity(result)
    if found is None:
        return
    text, need = found
    st.warning(text)
    if need is None:
        return
    st.button(
        f"Hold alle alternativene til samme behov: {fmt.number(need['default'], 1)} effektive årsverk",
        key="add_need",
        on_click=_add_need,
        args=(result.scenario, need),
        help="Lager en kopi av scenariet med dette kapasitetsbehovet; gapet vises som udekket til du legger inn en "
        "pris for dekning. Scenariofilen endres ikke.",
    )


def _add_need(scenario: Scenario, need: dict) -> None:
    data = scenario_to_data(scenario) | {"capacity": {"need": {"fte": need}, "cover": "none"}}
    source.adopt(parse_scenario(data), f"{scenario.name} (med kapasitetsbehov)")


def key_figures(result: Result, notice: bool = True) -> None:
    """Per alternative: cost in the first year, over the period, present value; against the baseline.

    `notice`: say when the alternatives deliver different capacity (not in the editor, which has no scenario file).
    """
    summary = views.summary(result)
    first, span = str(result.years[0]), _span(result)
    if notice:
        capacity_notice(result)
    # The rows are found by one class (PAGE_STYLE): a [class*="st-key-figures-"] match made the browser restyle
    # the page's every element that a class change could touch, about 600 of them on each slider step.
    rows = st.container(key="figures")
    for alt_id, alt in summary["alternatives"].items():
        baseline = alt_id == result.scenario.baseline
        box = rows.container(key=f"figures-{alt_id}")
        box.subheader(alt["name"] + (" (nullalternativ)" if baseline else ""))
        columns = box.columns(5)
        s = result.scenario
        columns[0].metric(f"Kostnad {first}", fmt.mill(alt["annual"][first]), help=glossary.cost_in_year(s, first))
        columns[1].metric(f"Sum {span}", fmt.mill(alt["total"]), help=glossary.total(s, span))
        columns[2].metric("Nåverdi", fmt.mill(alt["present_value"]), help=glossary.present_value(s))
        comparison = summary["comparison"].get(alt_id)
        if comparison:
            diff = comparison["total_difference"]
            columns[3].metric(f"Differanse {span}", fmt.mill(diff, plus="+"), help=glossary.difference(s, span))
            month = comparison["break_even_month"]
            columns[4].metric(
                "Lønner seg fra", fmt.month_short(month) if month else "ikke i perioden", help=glossary.break_even()
            )
        unmet = narrative.unmet_sentence(result, alt_id) if result.need is not None else None
        if unmet:
            box.warning(unmet)
        explanation = box.expander("Slik er tallene regnet ut", key=f"explain-{alt_id}", on_change="rerun")
        if explanation.open:  # written out only when someone opens it
            with explanation:
                formulas = explain.figure_formulas(result, alt_id)
                st.markdown(fmt.unbroken("\n".join(f"- {text}" for text in formulas)))
                for line_id in _entries(result, alt_id):
                    _line_formula(result, alt_id, line_id)


def _entries(result: Result, alternative: str) -> list[str]:
    """Every ledger entry of an alternative in budget order: its lines, each staff line's refund, the cover."""
    return [info.line for info in result.line_info if info.alternative == alternative]


def _line_formula(result: Result, alternative: str, line_id: str) -> None:
    title, *steps = explain.line_formula(result, alternative, line_id)
    st.markdown(fmt.unbroken(f"**{title}**\n" + "\n".join(f"- {step}" for step in steps)))  # no number split


def budget_table(result: Result) -> None:
    """The budget change table in the Land format for any alternative, with its waterfall."""
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    scenario = result.scenario
    ids = [a.id for a in scenario.alternatives]
    default = next((i for i, a in enumerate(ids) if a != scenario.baseline), 0)
    left, middle, right = st.columns(3)
    alternative = left.selectbox(
        "Alternativ", ids, index=default, key="budget_alternative", format_func=lambda a: scenario.alternative(a).name
    )
    against = middle.selectbox(
        "Endring mot",
        [None, *tables.base_years(result)],
        key="budget_against",
        format_func=lambda y: "forrige år" if y is None else f"budsjett {y} (opprinnelig budsjett)",
        help=f"Mot forrige år, eller mot ett års budsjett som mange økonomiplaner viser endringene mot. Budsjett "
        f"{result.years[0] - 1} er linjenes nivå året før perioden («forrige års nivå»).",
    )
    unit = right.radio(
        "Enhet",
        ["mill", "kr"],
        horizontal=True,
        key="budget_unit",
        format_func=lambda u: "mill. kr" if u == "mill" else "kr",
    )
    frames = tables.budget_frames(result, alternative, against=against)
    title = tables.changes_title(against)
    st.markdown(f"**{title[:1].upper() + title[1:]} ({'mill. kr' if unit == 'mill' else 'kr'})**")
    st.table(frames["changes"].map(lambda v: fmt.change(v, unit)).rename(columns=str))
    st.caption(" ".join(tables.change_base(result, alternative, against)))
    st.markdown(f"**Årsbudsjett ({'mill. kr' if unit == 'mill' else 'kr'})**")
    st.table(frames["levels"].map(lambda v: fmt.level(v, unit)).rename(columns=str))
    explanation = st.expander("Slik er linjene regnet ut", key="explain-lines", on_change="rerun")
    if explanation.open:
        with explanation:
            for line_id in _entries(result, alternative):
                _line_formula(result, alternative, line_id)
    if len(result.years) > 1:
        year = st.select_slider("År for fossefallet", result.years[1:], key="waterfall_year")
        chart.draw(charts.change_waterfall(result, alternative, year))


LEDGER_TITLES = {  # the ledger's columns as the app and its CSV name them
    "alternative": "Alternativ",
    "line": "Linje-id",
    "kind": "Type",
    "label": "Tekst",
    "month": "Måned",
    "year": "År",
    "amount": "Beløp (kr)",
    "fte": "Årsverk",
    "kostra_function": "KOSTRA-funksjon",
    "kostra_art": "KOSTRA-art",
    "common": "Felles linje",
}


def _ledger_frame(result: Result) -> pd.DataFrame:
    """The ledger in Norwegian: its columns, kinds and yes/no; amounts and årsverk unrounded (for the CSV)."""
    ledger = result.ledger
    frame = ledger.assign(
        month=ledger["month"].dt.strftime("%Y-%m"),
        kind=ledger["kind"].map(kind_label),
        common=ledger["common"].map({True: "ja", False: "nei"}),
        kostra_function=ledger["kostra_function"].fillna(""),
        kostra_art=ledger["kostra_art"].fillna(""),
    )
    return frame.rename(columns=LEDGER_TITLES)


def ledger_csv(result: Result) -> bytes:
    """The ledger as CSV for a Norwegian spreadsheet, no text cell able to run as a formula (OWASP)."""
    return tables.csv_frame(_ledger_frame(result)).to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def ledger(result: Result) -> None:
    """The tidy ledger as a table (on request: it is long), with a CSV download (unrounded kroner)."""
    st.caption(
        f"{len(result.amount)} rader: én per alternativ, linje og måned. "
        "Alle tall i andre visninger er summer av disse."
    )
    st.download_button(
        "Last ned hovedboken (CSV)",
        lambda: ledger_csv(result),
        file_name="hovedbok.csv",
        mime="text/csv",
        key="ledger_csv",
    )
    if st.toggle("Vis hovedboken som tabell", key="show_ledger"):
        shown = _ledger_frame(result)  # as Norwegians write figures: 231 000, 1,56
        shown["Beløp (kr)"] = shown["Beløp (kr)"].map(fmt.number)
        shown["Årsverk"] = shown["Årsverk"].map(lambda v: fmt.number(v, 2))
        st.dataframe(shown, hide_index=True, width="stretch")


def tabs(result: Result, key: str | None = None) -> None:
    """The views in tabs; only the open tab is computed and sent (a slider move redraws just that). `key` names the
    scenario picked (the follow-up offers its example's files)."""
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    saved = key is not None and key.startswith(source.SAVED)
    overview, budget, fte, risk, beside, table, book, follow, *kept = st.tabs(
        [
            "Oversikt",
            "Budsjettendringer",
            "Årsverk og kapasitet",
            "Usikkerhet",
            "Virkninger og fordeling",
            "Tabell for to forutsetninger",
            "Hovedbok",
            "Oppfølging",
            *(["Versjoner"] if saved else []),
        ],
        key="view_tab",
        on_change="rerun",
    )
    if overview.open:
        with overview:
            left, right = st.columns(2)
            chart.draw(charts.annual_cost(result), left)
            chart.draw(charts.cumulative_cost(result), right)
            st.table(yearly_table(result))
    if budget.open:
        with budget:
            budget_table(result)
    if fte.open:
        with fte:
            chart.draw(charts.fte_over_time(result))
            names = {a.id: a.name for a in result.scenario.alternatives}
            by_year = views.fte_by_year(result).rename(index=names, columns=str).map(lambda v: fmt.number(v, 1))
            st.table(by_year.rename_axis("Alternativ"))
            capacity(result)
    if risk.open:
        with risk:
            uncertainty.view(result)
    if beside.open:
        with beside:
            effects(result)
            partners(result)
    if table.open:
        with table:
            grid.view(result.scenario)
    if book.open:
        with book:
            ledger(result)
    if follow.open:
        from costmodel.ui import followup

        with follow:
            followup.view(result, key)
    if kept and kept[0].open:
        from costmodel.ui import versions

        with kept[0]:
            versions.view(key)


CAPACITY_ROWS = {
    "need": "Behov",
    "staff": "Egne ansatte (effektive årsverk)",
    "bought": "Innleid eller kjøpt",
    "cover": "Innleie til dekning",
    "unmet": "Udekket behov",
}


def capacity(result: Result) -> None:
    """Capacity (§13): per alternative the chart by month, the figures by year (effective årsverk, means over the
    year's months), and the cost per effective årsverk, like for like."""
    import pandas as pd

    from costmodel.report import charts  # altair loads after the key figures are on the screen

    references = st.expander(
        "Typiske verdier for sykefravær, turnover, vakanse og innleiepris, med kilder",
        key="capacity-references",
        on_change="rerun",
    )
    if references.open:  # written out only when someone opens it
        references.markdown("\n".join(f"- {line}" for line in narrative.capacity_references()))
    if result.need is None:
        st.caption(
            "Årsverkene over er betalte årsverk. Legg inn et kapasitetsbehov (`capacity:` i scenariofilen) for å se "
            "effektive årsverk etter sykefravær og vakanse, og hva som må dekkes inn."
        )
        return
    st.subheader("Kapasitet: behov og dekning")
    parts = views.capacity_months(result)
    per_year = {key: views.yearly_mean(result, values) for key, values in parts.items()}
    unit = views.cost_per_effective_fte(result)
    for a, alt in enumerate(result.scenario.alternatives):
        chart.draw(charts.capacity_chart(result, alt.id))
        frame = pd.DataFrame(
            {label: per_year[key][a] for key, label in CAPACITY_ROWS.items()}, index=list(map(str, result.years))
        ).T.map(lambda v: fmt.number(v, 2))
        st.table(frame.rename_axis(f"{alt.name} (årsverk)"))
        price = "–" if np.isnan(unit[a]) else fmt.kr(unit[a])
        st.markdown(f"Kostnad per effektivt årsverk over perioden: **{price}** ({fmt.price_basis(result.scenario)})")
        unmet = narrative.unmet_sentence(result, alt.id)
        if unmet:
            st.warning(unmet)


def effects_table(result: Result) -> None:
    """The non-priced effects: konsekvens per compared alternative, coloured from red (−−−−) to blue (++++)."""
    frame, steps = council.effects_frame(result), council.effects_steps(result)

    def colour(column: pd.Series) -> list[str]:
        if column.name not in steps:
            return [""] * len(column)
        return [
            f"background-color: {council.COLOURS[k]}; color: {'white' if k in council.DARK else 'black'}; "
            "text-align: center; font-weight: bold"
            for k in steps[column.name]
        ]

    st.table(frame.style.apply(colour).hide(axis="index"))


def effects(result: Result) -> None:
    """Ikke-prissatte virkninger beside the kroner (§15)."""
    st.subheader("Ikke-prissatte virkninger")
    if not council.effects_frame(result).shape[0]:
        st.caption(
            "Ingen ikke-prissatte virkninger er lagt inn. Legg dem inn under «Ny modell eller rediger» → "
            "Forutsetninger, eller som `effects:` i scenariofilen."
        )
        return
    sentence = council.effects_sentence(result)
    if sentence:
        st.markdown(sentence)
    effects_table(result)
    st.caption(
        "Konsekvens = betydning × omfang mot nullalternativet, på skalaen −−−− … 0 … ++++ (Miljødirektoratets "
        "konsekvensvifte, M-1941; samme metode som DFØs pluss-minus-metode). Virkningene legges ikke sammen og "
        "regnes ikke om til kroner."
    )


def partners(result: Result) -> None:
    """The split between partner municipalities (§16): the sentence for each, a chart and the table."""
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    st.subheader("Fordeling mellom kommunene")
    if not result.scenario.partners:
        st.caption(
            "Scenariet har ingen samarbeidskommuner. Legg dem inn under «Ny modell eller rediger» → Forutsetninger, "
            "eller som `partners:` i scenariofilen, for å se hva hver kommune betaler."
        )
        return
    for sentence in council.partner_sentences(result):
        st.markdown(sentence)
    st.caption(council.partner_key_text(result))
    chart.draw(charts.partner_cost(result))
    frame = council.partner_frame_text(result).set_index("Kommune")
    st.table(frame.style.set_properties(**{"text-align": "right", "white-space": "nowrap"}))
    st.markdown(f"**Hva hver kommune betaler per år (kr, {fmt.price_basis(result.scenario)})**")
    years = council.partner_years_frame(result)
    shown = years.map(lambda v: fmt.number(v)).astype(str)
    for label in years.index:
        if f", {council.SAVING}:" in label:
            shown.loc[label] = years.loc[label].map(lambda v: fmt.number(v, plus="+"))
    st.table(shown.style.set_properties(**{"text-align": "right", "white-space": "nowrap"}))


def yearly_table(result: Result) -> pd.DataFrame:
    """Annual cost per alternative, and each compared alternative's difference per year (used by the overview)."""
    import pandas as pd

    names = [a.name for a in result.scenario.alternatives]
    rows = {name: [fmt.kr(v) for v in levels] for name, levels in zip(names, views.alternative_levels_array(result))}
    for alt_id, c in views.comparison(result).items():
        name = result.scenario.alternative(alt_id).name
        rows[f"{name}: differanse mot nullalternativet"] = [
            f"{fmt.number(v, plus='+')} kr" for v in c["difference_by_year"].values()
        ]
    years = [str(y) for y in result.years]
    return pd.DataFrame.from_dict(rows, orient="index", columns=years).rename_axis("Alternativ")


FIGURE_NAMES = {
    "kostnad-per-ar": "Kostnad per år",
    "akkumulert-kostnad": "Akkumulert kostnad",
    "kostnad-per-kommune": "Kostnad per kommune",
}


def _downloads(spec: dict, name: str) -> None:
    """A chart's name and buttons to download it as PNG and SVG (rendered when clicked)."""
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    label, left, right = st.columns([2, 1, 1])
    label.markdown(FIGURE_NAMES.get(name, name))
    left.download_button(
        "Last ned PNG", lambda: charts.to_png(spec), file_name=f"{name}.png", mime="image/png", key=f"{name}-png"
    )
    right.download_button(
        "Last ned SVG", lambda: charts.to_svg(spec), file_name=f"{name}.svg", mime="image/svg+xml", key=f"{name}-svg"
    )


def presentation(result: Result, changed: list[str]) -> None:
    """The page for the council chamber: the conclusion in words, large figures, two charts.

    `changed` describes what the what-if changed from the scenario file (whatif.describe).
    """
    scenario = result.scenario
    st.html(PRESENTATION_STYLE)
    st.title(scenario.name)
    done = uncertainty.analysis(scenario) if scenario.ranges and scenario.baseline else None
    sure = done.summary if done is not None else None
    for sentence in narrative.comparison_sentences(result, sure):
        st.markdown(f"### {sentence}")
    summary = views.summary(result)
    span = _span(result)
    for alt_id, c in summary["comparison"].items():
        name = summary["alternatives"][alt_id]["name"]
        box = st.container(key=f"presentation-{alt_id}")
        box.subheader(f"{name} mot {scenario.alternative(scenario.baseline).name.lower()}")
        columns = box.columns(3)
        # the sentence's convention: a word (billigere, dyrere) and the amount, never a bare sign
        diff, pv = c["total_difference"], c["present_value_difference"]
        columns[0].metric(
            f"{'Billigere' if diff < 0 else 'Dyrere'} i {span}",
            fmt.mill(abs(diff)),
            help=glossary.difference(scenario, span),
        )
        if sure is not None:  # how sure, under the figure it qualifies (docs/method.md §12)
            p = sure["comparison"][alt_id]["probability_cheaper"]
            columns[0].caption(f"Med mest sannsynlige verdier; i {narrative.draws(p if diff < 0 else 1 - p)}.")
        columns[1].metric(
            f"{'Billigere' if pv < 0 else 'Dyrere'} i nåverdi", fmt.mill(abs(pv)), help=glossary.present_value(scenario)
        )
        month = c["break_even_month"]
        columns[2].metric(
            "Lønner seg fra", fmt.month_short(month) if month else "ikke i perioden", help=glossary.break_even()
        )
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    left, right = st.container(key="print-charts").columns(2)  # right under the conclusion, above the fold
    chart.draw(charts.readable(charts.annual_cost(result)), left)
    chart.draw(charts.readable(charts.cumulative_cost(result)), right)
    if result.need is not None:
        for alt in result.alternatives:
            st.markdown(narrative.capacity_sentence(result, alt))
            unmet = narrative.unmet_sentence(result, alt)
            if unmet:
                st.warning(unmet)
    if council.effects_frame(result).shape[0]:
        with st.container(key="print-effects"):
            st.subheader("Ikke-prissatte virkninger")
            sentence = council.effects_sentence(result)
            if sentence:
                st.markdown(sentence)
            effects_table(result)
    if scenario.partners and scenario.baseline:
        with st.container(key="print-partners"):
            st.subheader("Hva betyr det for hver kommune?")
            for sentence in council.partner_sentences(result):
                st.markdown(sentence)
            chart.draw(charts.readable(charts.partner_cost(result)))
            st.caption(council.partner_key_text(result))
    if scenario.ranges and scenario.baseline:
        _presentation_uncertainty(scenario)
    st.markdown("**Forutsetninger bak tallene**")
    st.markdown("\n".join(f"- {note}" for note in council.assumption_lines(result, changed)))
    _figure_downloads(result)


def _figure_downloads(result: Result) -> None:
    """The page's charts as PNG and SVG, folded away at its foot: the chamber sees no buttons."""
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    box = st.expander("Figurene som bilder (PNG og SVG)", key="figure-downloads", on_change="rerun")
    if not box.open:
        return
    figures = [(charts.annual_cost(result), "kostnad-per-ar"), (charts.cumulative_cost(result), "akkumulert-kostnad")]
    if result.scenario.partners and result.scenario.baseline:
        figures.append((charts.partner_cost(result), "kostnad-per-kommune"))
    with box:
        for spec, name in figures:
            _downloads(spec, name)


def _presentation_uncertainty(scenario: Scenario) -> None:
    """How sure the answer is: the sentence per alternative, the fan chart and the first alternative's tornado."""
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    result = uncertainty.analysis(scenario)
    if result is None:
        return
    st.subheader("Hvor sikkert er svaret?")
    for alternative, (_, bars) in result.tornados.items():
        st.markdown(
            "### "
            + narrative.uncertainty_sentence(scenario, result.summary, alternative, bars, *result.flips[alternative])
        )
    alternative = next(iter(result.tornados))
    base, bars = result.tornados[alternative]
    left, right = st.columns(2)
    chart.draw(charts.readable(charts.fan_chart(scenario, result.summary)), left)
    chart.draw(charts.readable(charts.tornado_for(scenario, alternative, base, bars)), right)


def save_panel(current: Scenario, key: str | None = None) -> None:
    """«Lagre»: as a new version in the store (never budgets/), with a comment; or as a download."""
    from costmodel.store import scenarios
    from costmodel.store.database import StoreError
    from costmodel.ui import saving

    box = controls.group("Lagre", "save_panel", where=st.sidebar)
    if box is None:
        return
    with box:
        name = st.text_input(
            "Navn", key="save_name", max_chars=64, placeholder="f.eks. Plan B med 5 årsverk", persist_state="page"
        )
        comment = st.text_input(
            "Kommentar (valgfri)", key="save_comment", max_chars=500, placeholder="f.eks. etter møtet med rådmannen"
        )
        refused = saving.denied_text()
        if refused:
            st.caption(refused)
        asked = bool(name.strip()) and st.session_state.get("panel_save_again") == name.strip()
        clicked = st.button("Lagre", key="save", disabled=bool(not name.strip() or refused))
        again = False
        if asked:
            st.warning(
                f"Det finnes allerede et lagret scenario som heter «{name.strip()}». Lagre dette som en ny versjon av "
                "det? Versjonene som er lagret, beholdes."
            )
            again = st.button("Lagre som ny versjon", key="save_again_panel")
        if clicked or again:
            based_on = saving.opened_version(key, name)
            try:
                done = saving.save(current, name, comment, new_version=again or based_on is not None, based_on=based_on)
            except scenarios.Exists:
                st.session_state["panel_save_again"] = name.strip()
                st.rerun()
            except (StoreError, storage.SaveError) as exc:
                st.error(f"Ikke lagret: {exc}")
            else:
                st.session_state.pop("panel_save_again", None)
                st.success(saving.told(done, name) + " Det finnes i scenariolisten.")
        try:
            file_name = f"{storage.slug(name)}.yaml" if name.strip() else "scenario.yaml"
        except storage.SaveError:
            file_name = "scenario.yaml"
        st.download_button(
            "Last ned som YAML",
            lambda: storage.serialise(current, name.strip() or current.name),
            file_name=file_name,
            mime="application/x-yaml",
            key="save_download",
        )


def workbook_download(result: Result) -> None:
    """The budget workbook (Excel, live formulas), built when the button is clicked."""
    scenario, alive = result.scenario, work.session_alive(work.current_session())
    st.sidebar.download_button(
        "Last ned regneark (Excel)",
        lambda: work.bounded(files.workbook_file, scenario, what="Regnearket", wanted=alive),
        file_name=storage.download_name(result.scenario.name, ".xlsx", kind="regneark"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="workbook_download",
    )


MIMES = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


def council_downloads(result: Result, changed: list[str]) -> None:
    """The deck and the case note for the what-if on screen (`changed` says what differs from the file), built
    when a button is clicked, in a child process with a cap (ui/work.py); the tagged PDF where LibreOffice is."""
    from costmodel.report.pdf import office

    name, scenario = result.scenario.name, result.scenario
    alive = work.session_alive(work.current_session())
    documents = [  # (label, builder, its extra arguments, what it is in words, suffix, kind, key, help)
        ("Last ned presentasjon (PowerPoint)", files.deck_file, (), "Presentasjonen", ".pptx", "presentasjon",
         "deck_download", None),
        ("Last ned økonomiske konsekvenser (Word)", files.note_file, (), "Notatet", ".docx", "notat", "note_download",
         "Avsnittet «Økonomiske konsekvenser» til saksframlegget, klart til å limes inn i kommunens mal"),
        ("Last ned hele saksframlegget (Word)", files.note_file, (True,), "Saksframlegget", ".docx", "saksframlegg",
         "case_download",
         "Saksframlegget med alle overskrifter: de økonomiske delene er fylt ut, resten skriver du selv"),
    ]  # fmt: skip
    if office() is not None:  # a tagged PDF (PDF/UA) for publishing, made by LibreOffice where it is installed
        documents.append(
            ("Last ned saksframlegget som PDF", files.note_pdf_file, (True,), "PDF-en", ".pdf", "saksframlegg",
             "case_pdf_download",
             "Universelt utformet PDF (PDF/UA, med struktur, språk og tittel) til publisering med saken")
        )  # fmt: skip
    for label, build, extra, what, suffix, kind, key, tip in documents:
        st.sidebar.download_button(
            label,
            lambda build=build, extra=extra, what=what: work.bounded(
                build, scenario, changed, *extra, what=what, wanted=alive
            ),
            file_name=storage.download_name(name, suffix, kind=kind),
            mime=MIMES[suffix],
            key=key,
            help=tip,
        )
