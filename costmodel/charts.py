"""Altair charts of the views, for the app and for presentations.

Charts take the labelled views (views.py) in long form; nothing is computed here but layout.
Amounts are shown in mill. kr with a decimal comma; colours are the Okabe–Ito palette, which
readers with colour-vision deficiencies can tell apart.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import vl_convert as vlc

from . import views
from .engine import Result

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MILL_LABEL = alt.Axis(title="mill. kr", labelExpr="replace(replace(format(datum.value, ',.1f'), ',', ' '), '.', ',')")


def _names(result: Result) -> dict[str, str]:
    return {a.id: a.name for a in result.scenario.alternatives}


def _colour(result: Result) -> alt.Color:
    names = list(_names(result).values())
    return alt.Color("Alternativ:N", scale=alt.Scale(domain=names, range=OKABE_ITO[: len(names)]),
                     legend=alt.Legend(orient="bottom", title=None))  # fmt: skip


def annual_cost(result: Result) -> alt.Chart:
    """Annual cost per alternative: grouped bars per year."""
    levels = views.alternative_levels(result).rename(index=_names(result))
    data = levels.rename_axis("Alternativ").reset_index().melt("Alternativ", var_name="År", value_name="kr")
    data["mill"] = data["kr"] / 1e6
    data["År"] = data["År"].astype(str)
    return (
        alt.Chart(data, title="Kostnad per år")
        .mark_bar()
        .encode(
            x=alt.X("År:O", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset="Alternativ:N",
            y=alt.Y("mill:Q", axis=MILL_LABEL),
            color=_colour(result),
            tooltip=["Alternativ", "År", alt.Tooltip("kr:Q", format=",.0f", title="kr")],
        )
    )


def cumulative_cost(result: Result) -> alt.Chart:
    """Cumulative cost since the start per alternative, with each break-even month marked."""
    monthly = views.monthly_totals(result).rename(index=_names(result))
    cumulative = monthly.cumsum(axis=1).rename_axis("Alternativ").reset_index()
    data = cumulative.melt("Alternativ", var_name="Måned", value_name="kr")
    data["Måned"] = pd.to_datetime(data["Måned"])
    data["mill"] = data["kr"] / 1e6
    lines = (
        alt.Chart(data, title="Akkumulert kostnad")
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("Måned:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("mill:Q", axis=MILL_LABEL),
            color=_colour(result),
            tooltip=["Alternativ", alt.Tooltip("Måned:T", format="%Y-%m"), alt.Tooltip("kr:Q", format=",.0f")],
        )
    )
    marks = [
        {"Måned": pd.Timestamp(f"{c['break_even_month']}-01"), "tekst": f"Lønner seg fra {c['break_even_month']}"}
        for c in views.comparison(result).values()
        if c["break_even_month"]
    ]
    if not marks:
        return lines
    rule = alt.Chart(pd.DataFrame(marks)).mark_rule(strokeDash=[4, 4], color="#444").encode(x="Måned:T")
    text = alt.Chart(pd.DataFrame(marks)).mark_text(align="left", dx=4, dy=-6, color="#444").encode(
        x="Måned:T", y=alt.value(12), text="tekst:N"
    )
    return lines + rule + text


def change_waterfall(result: Result, alternative: str, year: int) -> alt.Chart:
    """The year's budget change of one alternative, line by line, from last year's level to this year's."""
    levels, changes = views.annual_levels(result).loc[alternative], views.line_changes(result).loc[alternative]
    labels = result.lines.loc[alternative, "label"]
    previous = float(levels[year - 1].sum()) if year - 1 in levels.columns else float(
        result.lines.loc[alternative, "previous_year_amount"].sum())  # fmt: skip
    rows, running = [{"Post": f"Nivå {year - 1}", "fra": 0.0, "til": previous, "type": "nivå"}], previous
    for line, change in changes[year].items():
        if abs(change) >= 0.5:
            rows.append({"Post": labels[line], "fra": running, "til": running + change,
                         "type": "økning" if change > 0 else "reduksjon"})  # fmt: skip
            running += change
    rows.append({"Post": f"Nivå {year}", "fra": 0.0, "til": running, "type": "nivå"})
    data = pd.DataFrame(rows).assign(fra=lambda d: d.fra / 1e6, til=lambda d: d.til / 1e6)
    data["endring"] = data.til - data.fra
    return (
        alt.Chart(data, title=f"Endring {year} mot {year - 1}")
        .mark_bar()
        .encode(
            x=alt.X("Post:N", sort=None, title=None, axis=alt.Axis(labelAngle=-20, labelLimit=220)),
            y=alt.Y("fra:Q", axis=MILL_LABEL),
            y2="til:Q",
            color=alt.Color("type:N", scale=alt.Scale(domain=["nivå", "økning", "reduksjon"],
                                                      range=["#999999", OKABE_ITO[5], OKABE_ITO[2]]),
                            legend=alt.Legend(orient="bottom", title=None)),  # fmt: skip
            tooltip=["Post", alt.Tooltip("endring:Q", format="+.2f", title="mill. kr")],
        )
    )


def fte_over_time(result: Result) -> alt.Chart:
    """Årsverk per alternative and year."""
    fte = views.fte_by_year(result).rename(index=_names(result))
    data = fte.rename_axis("Alternativ").reset_index().melt("Alternativ", var_name="År", value_name="Årsverk")
    data["År"] = data["År"].astype(str)
    return (
        alt.Chart(data, title="Årsverk per år")
        .mark_line(point=True)
        .encode(
            x=alt.X("År:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Årsverk:Q", title="årsverk"),
            color=_colour(result),
            tooltip=["Alternativ", "År", alt.Tooltip("Årsverk:Q", format=".1f")],
        )
    )


def to_png(spec_json: str, scale: float = 2.0) -> bytes:
    """A chart (its Vega-Lite JSON) as PNG, rendered offline by vl-convert."""
    return vlc.vegalite_to_png(spec_json, scale=scale)


def to_svg(spec_json: str) -> str:
    """A chart (its Vega-Lite JSON) as SVG, for slides and print."""
    return vlc.vegalite_to_svg(spec_json)
