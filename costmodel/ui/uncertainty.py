"""The app's uncertainty view: the simulation with a progress bar, fan chart, histogram, tornado and goal seek.

Everything comes from sensitivity.analyse; results are kept per scenario in the session, so a
rerun that changes nothing uncertain does not simulate again.
"""

from __future__ import annotations

import streamlit as st

from costmodel import formatting as fmt
from costmodel.engine import Result, sensitivity
from costmodel.errors import ScenarioError
from costmodel.report import narrative
from costmodel.scenario import Scenario, scenario_to_data
from costmodel.ui import chart, work
from costmodel.yamlsafe import dump_yaml

CACHE = "uncertainty_cache"
KEEP = 4  # scenarios remembered per session


def analysis(scenario: Scenario) -> sensitivity.Analysis | None:
    """The analysis of this scenario: from the session's cache, else computed with a progress bar; None (and why,
    on the page) when it would be more work than one request may do."""
    key = dump_yaml(scenario_to_data(scenario))
    cache: dict = st.session_state.setdefault(CACHE, {})
    if key not in cache:
        draws = fmt.number(scenario.simulation.draws)
        bar = st.progress(0.0, text=f"Simulerer {draws} trekk …")
        try:  # in a child process with a cap; a click elsewhere stops it (the bar's update lets Streamlit stop)
            done = work.bounded(
                sensitivity.analyse, scenario, what="Simuleringen",
                tick=lambda t: bar.progress(min(t / work.SECONDS, 1.0), text=f"Simulerer {draws} trekk … {t:.0f} s"),
            )  # fmt: skip
        except ScenarioError as exc:
            bar.empty()
            st.warning(f"Usikkerheten regnes ikke ut: {exc.problems[0].message}.")
            return None
        bar.empty()
        while len(cache) >= KEEP:
            cache.pop(next(iter(cache)))
        cache[key] = done
    return cache[key]


def no_ranges_note() -> None:
    st.info(
        "Scenariet har ingen intervaller, så det er ingen usikkerhet å regne på. Gi en forutsetning et intervall: "
        "i «Ny modell eller rediger» → «Navngitte forutsetninger», fyll inn lav, mest sannsynlig og høy verdi "
        "(uten mest sannsynlig er alle verdier mellom lav og høy like sannsynlige), og la feltene vise til den. "
        "Formatet for scenariofiler står i brukerveiledningen."
    )


def view(computed: Result) -> None:
    """The tab: the answer in one sentence, then the charts and the goal seek for any driver."""
    from costmodel.report import charts  # altair loads after the key figures are on the screen

    scenario = computed.scenario
    if not scenario.ranges:
        no_ranges_note()
        return
    result = analysis(scenario)
    if result is None:
        return
    data = result.summary
    challengers = list(data["comparison"])
    st.caption(
        f"{fmt.number(data['draws'])} trekk, frø {data['seed']}, {len(scenario.ranges)} forutsetninger med "
        "intervall. Samme frø gir samme tall hver gang."
    )
    if not challengers:
        st.warning("Scenariet har ikke noe nullalternativ (baseline) å sammenligne med.")
        chart.draw(charts.fan_chart(scenario, data))
        return
    alternative = challengers[0]
    if len(challengers) > 1:
        alternative = st.selectbox(
            "Alternativ", challengers, key="uncertainty_alternative", format_func=lambda a: scenario.alternative(a).name
        )
    base, bars = result.tornados[alternative]
    st.markdown(f"#### {narrative.uncertainty_sentence(scenario, data, alternative, bars, *result.flips[alternative])}")
    c = data["comparison"][alternative]
    columns = st.container(key="uncertainty-figures").columns(4)
    columns[0].metric("Sannsynlighet billigere", fmt.percent(c["probability_cheaper"], 0))
    d = c["total_difference"]
    columns[1].metric("Differanse P50", fmt.mill(d["p50"]), help=fmt.kr(d["p50"]))
    columns[2].metric(
        "P10 – P90 (mill. kr)",
        f"{fmt.number(d['p10'] / 1e6, 1)} – {fmt.number(d['p90'] / 1e6, 1)}",
        help="8 av 10 trekk gir en differanse mellom disse",
    )
    months = c["break_even_month"]
    columns[3].metric(
        "Lønner seg innen perioden",
        fmt.percent(c["probability_break_even"], 0),
        help=f"i de trekkene: median {fmt.month_name(months['p50'])}" if months else None,
    )
    left, right = st.columns(2)
    chart.draw(charts.fan_chart(scenario, data), left)
    name = scenario.alternative(alternative).name
    chart.draw(charts.difference_histogram(result.differences[alternative], f"{name} minus nullalternativet"), right)
    chart.draw(charts.tornado_for(scenario, alternative, base, bars))
    st.markdown("\n".join(f"- {t}" for t in narrative.tornado_sentences(computed, alternative, bars)))
    goal_seek(scenario, alternative, [b.driver for b in bars])


def goal_seek(scenario: Scenario, alternative: str, order: list[str]) -> None:
    """Målsøk on a ranged driver (the one that matters most first) and a measure; the answer in one sentence.

    For a month (when the new staff are in place): the last month the alternative is still cheaper.
    """
    st.markdown("**Målsøk: når koster alternativene det samme?**")
    drivers = list(order)
    if not drivers:
        return
    left, right = st.columns([3, 1])
    driver = left.selectbox(
        "Forutsetning", drivers, key="goal_driver", format_func=lambda p: sensitivity.driver_label(scenario, p)
    )
    measures = ["present_value", "total", *map(str, range(scenario.start_year, scenario.end_year + 1))]
    measure = right.selectbox(
        "Målt som", measures, key="goal_measure", format_func=lambda m: sensitivity.measure_text(m, scenario)
    )
    try:
        st.write(sensitivity.sentence(scenario, sensitivity.solve(scenario, driver, alternative, measure)))
    except sensitivity.NoBalance as exc:
        st.write(exc.problems[0].message)
