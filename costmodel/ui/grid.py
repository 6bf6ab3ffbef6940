"""«Tabell for to forutsetninger»: Excel's two-way data table in the app, as a heatmap and a table.

Two drivers, each with a span of values; every cell is the alternative's difference against the
baseline (engine/grid.py), red where it is dearer, green where it is cheaper.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from costmodel import formatting as fmt
from costmodel.engine import sensitivity, whatif
from costmodel.engine.grid import NOT_IN_A_GRID, grid, is_month
from costmodel.errors import ScenarioError
from costmodel.scenario import Scenario, month_label
from costmodel.scenario.messages import in_words
from costmodel.ui import chart, controls, work


def _drivers(scenario: Scenario) -> list[str]:
    """Every driver with a number or month control that a table can vary: named assumptions first, then the
    lines', then the scenario's."""
    paths = [
        c.path
        for c in controls.all_controls(scenario)
        if c.widget in ("slider", "number", "percent", "month") and c.path not in NOT_IN_A_GRID
    ]
    named = [p for p in paths if p.startswith("assumptions.")]
    scenario_wide = [p for p in paths if p.split(".")[0] in ("parameters", "growth") or "." not in p]
    return named + [p for p in paths if p not in scenario_wide and p not in named] + scenario_wide


def _axis(scenario: Scenario, drivers: list[str], name: str, default: int) -> tuple[str, list]:
    """A driver and its values, chosen on the page: a span in even steps (months: every month in the span)."""
    left, middle, right, count_column = st.columns([3, 2, 2, 1])
    path = left.selectbox(
        f"Forutsetning {name}",
        drivers,
        index=min(default, len(drivers) - 1),
        key=f"grid_{name}",
        format_func=lambda p: sensitivity.driver_label(scenario, p, short=True),
    )
    current = whatif.effective_value(scenario, path)
    if is_month(scenario, path):
        months = [month_label(scenario.start_index + k) for k in range(scenario.months)]
        here = current if current in months else months[0]
        first = months.index(here)
        span = middle.select_slider(
            "Fra og til",
            months,
            value=(months[max(0, first - 3)], months[min(len(months) - 1, first + 3)]),
            key=f"grid_{name}_months",
        )
        values = months[months.index(span[0]) : months.index(span[1]) + 1]
        count_column.caption(f"{len(values)} mnd.")
        return path, values[:24]
    value = float(current or 0.0)
    share = sensitivity.value_is_rate(path, scenario)
    scale = 100.0 if share else 1.0
    low = middle.number_input("Fra", value=round(value * 0.8 * scale, 4), key=f"grid_{name}_low")
    high = right.number_input("Til", value=round(value * 1.2 * scale, 4) or 1.0, key=f"grid_{name}_high")
    count = count_column.number_input("Antall", 2, 20, 5, key=f"grid_{name}_count")
    return path, [float(v) / scale for v in np.linspace(low, high, int(count))]


def _label(scenario: Scenario, path: str, value) -> str:
    return fmt.month_short(value) if isinstance(value, str) else sensitivity.show_value(path, value, scenario=scenario)


def view(scenario: Scenario) -> None:
    """The tab: choose two drivers and their spans, see the difference for every pair."""
    import pandas as pd

    from costmodel.report import charts  # altair loads after the key figures are on the screen

    if scenario.baseline is None or len(scenario.alternatives) < 2:
        st.info("Tabellen sammenligner et alternativ med nullalternativet; scenariet har ingen å sammenligne.")
        return
    drivers = _drivers(scenario)
    if len(drivers) < 2:
        st.info("Scenariet har for få forutsetninger å variere.")
        return
    st.caption(
        "Som en datatabell i Excel: differansen mot nullalternativet for hvert par av verdier. "
        "Rødt: alternativet er dyrere. Grønt: billigere."
    )
    x = _axis(scenario, drivers, "x", 0)
    y = _axis(scenario, drivers, "y", 1)
    others = [a.id for a in scenario.alternatives if a.id != scenario.baseline]
    left, right = st.columns(2)
    alternative = left.selectbox(
        "Alternativ", others, key="grid_alternative", format_func=lambda a: scenario.alternative(a).name
    )
    measures = ["total", "present_value", *map(str, range(scenario.start_year, scenario.end_year + 1))]
    measure = right.selectbox(
        "Målt som", measures, key="grid_measure", format_func=lambda m: sensitivity.measure_text(m, scenario)
    )
    try:  # in a child process with a cap on time and memory (ui/work.py)
        table = work.bounded(grid, scenario, x, y, alternative, measure, what="Tabellen")
    except ScenarioError as exc:
        st.error("Tabellen kan ikke regnes ut:\n\n" + "\n".join(f"- {in_words(p.message)}" for p in exc.problems))
        return
    x_labels = [_label(scenario, table.x_path, v) for v in table.x_values]
    y_labels = [_label(scenario, table.y_path, v) for v in table.y_values]
    x_title, y_title = (sensitivity.driver_label(scenario, p, short=True) for p in (table.x_path, table.y_path))
    chart.draw(charts.grid_heatmap(x_labels, y_labels, table.difference, x_title, y_title))
    frame = pd.DataFrame(table.difference, index=y_labels, columns=x_labels).map(lambda v: f"{fmt.change(v, 'kr')} kr")
    st.markdown(
        f"**Differanse mot «{scenario.alternative(scenario.baseline).name}» "
        f"({sensitivity.measure_text(measure, scenario)}), kr.** Rader: {y_title}. Kolonner: {x_title}."
    )
    st.table(frame.rename_axis(y_title))
