"""Charts of the views as Vega-Lite specifications, for the app and for presentations.

Each chart's layout is an Altair chart built once per scenario structure (names, years) and
cached as a specification with a named data source; every rerun only attaches that rerun's
figures as records. A slider move thus costs no schema work. Amounts are shown in mill. kr;
every number and month on an axis or in a tooltip is written the Norwegian way by Vega's own
locale (`3 700 000`, `3,7`, `des.`). A screen reader hears each chart as one image, named by the
Norwegian description the app gives it, with its figures in a table beside it: Vega's own names
for marks, axes and legends are English and US-formatted, so they are switched off. Colours are
the Okabe–Ito palette, which readers with colour-vision deficiencies can tell apart. Nothing is
computed here but layout: figures come from views.py.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache

import altair as alt
import vl_convert as vlc

from costmodel import formatting as fmt
from costmodel.engine import Result, views

# The Okabe–Ito hues (told apart with every common colour-vision deficiency), darkened where needed so that every
# mark has at least 3:1 against the page (WCAG 1.4.11): orange, green, pink, sky blue and yellow are deeper here.
OKABE_ITO = ["#0072B2", "#B36B00", "#00876A", "#B85C99", "#3A8CC4", "#D55E00", "#8A7F00", "#000000"]
GREY = "#767676"  # a level, or the plan: 4,5:1
MILL_FORMAT = ",.1f"  # 1 234,5 (with LOCALE)
MILL_AXIS = alt.Axis(
    title="mill. kr",
    format=MILL_FORMAT,
    tickMinStep=0.1,  # one decimal is shown: a finer step would print «0,3 0,3 0,3»
)
FTE_AXIS = alt.Axis(title="årsverk", format=".1f")  # 1,5 not 1.5
# d3's number and time formats in Norwegian (decimal comma, a space between thousands, the minus sign, month
# names as formatting.py writes them), for every format() and timeFormat() in a chart: axes, tooltips.
LOCALE = {
    "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"], "minus": "\u2212"},
    "time": {
        "dateTime": "%A %e. %B %Y kl. %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["", ""],
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn.", "man.", "tir.", "ons.", "tor.", "fre.", "lør."],
        "months": list(fmt.MONTHS),
        "shortMonths": list(fmt.MONTHS_SHORT),
    },
}
DATA = alt.NamedData(name="figures")
MARKS = alt.NamedData(name="marks")


def _colour(names: tuple[str, ...]) -> alt.Color:
    return alt.Color(
        "Alternativ:N",
        scale=alt.Scale(domain=list(names), range=OKABE_ITO[: len(names)]),
        legend=alt.Legend(orient="bottom", title=None, labelLimit=0, columns=1),
    )


def _spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's specification, in Norwegian, and one image to a screen reader (see the module's docstring)."""
    spec = chart.configure(locale=LOCALE, aria=False).to_dict(validate=False)  # axes and legends
    _unnamed(spec)
    return spec


def _unnamed(part: dict) -> None:
    """No ARIA for the marks and the title of `part` and its layers (config.aria leaves a mark's container and the
    title to themselves: a container with a role and no name is an error to a screen reader)."""
    for key, field in (("mark", "type"), ("title", "text")):
        found = part.get(key)
        if found is not None:
            part[key] = {**found, "aria": False} if isinstance(found, dict) else {field: found, "aria": False}
    mark = part.get("mark", {})
    for overlay in ("point", "line"):  # a line's points, an area's line: marks of their own
        if mark.get(overlay):
            mark[overlay] = {**mark[overlay], "aria": False} if isinstance(mark[overlay], dict) else {"aria": False}
    for layer in part.get("layer", []):
        _unnamed(layer)


def _with_data(template: dict, **datasets: list[dict]) -> dict:
    """The cached template with this run's records: a new top level over the shared (never changed) parts."""
    return {**template, "datasets": datasets}


def _names(result: Result) -> tuple[str, ...]:
    return tuple(a.name for a in result.scenario.alternatives)


@lru_cache(maxsize=64)
def _grouped_template(names: tuple[str, ...], group: str, title: str) -> dict:
    """Grouped bars: one group per value of `group` (`År:O`, `Kommune:N`), a bar per alternative, mill. kr."""
    return _spec(
        alt.Chart(DATA, title=title)
        .mark_bar()
        .encode(
            x=alt.X(group, title=None, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=0)),
            xOffset="Alternativ:N",
            y=alt.Y("mill:Q", axis=MILL_AXIS),
            color=_colour(names),
            tooltip=["Alternativ:N", group, alt.Tooltip("kr:Q", format=",.0f", title="kr")],
        )
    )


def annual_cost(result: Result) -> dict:
    """Annual cost per alternative: grouped bars per year."""
    names = _names(result)
    levels = views.alternative_levels_array(result).tolist()
    records = [
        {"Alternativ": names[a], "År": str(year), "kr": value, "mill": value / 1e6}
        for a, row in enumerate(levels)
        for year, value in zip(result.years, row)
    ]
    return _with_data(_grouped_template(names, "År:O", "Kostnad per år"), figures=records)


def partner_cost(result: Result) -> dict:
    """Each partner's cost over the period in every alternative: grouped bars per municipality."""
    names = _names(result)
    figures = views.partners(result)
    records = [
        {
            "Kommune": p.name,
            "Alternativ": name,
            "kr": figures[alt.id]["levels"][p.id]["total"],
            "mill": figures[alt.id]["levels"][p.id]["total"] / 1e6,
        }
        for p in result.scenario.partners
        for alt, name in zip(result.scenario.alternatives, names)
    ]
    years = result.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return _with_data(_grouped_template(names, "Kommune:N", f"Kostnad per kommune, sum {span}"), figures=records)


@lru_cache(maxsize=64)
def _cumulative_template(names: tuple[str, ...]) -> dict:
    lines = (
        alt.Chart(DATA, title="Akkumulert kostnad")
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("Måned:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("mill:Q", axis=MILL_AXIS),
            color=_colour(names),
            tooltip=["Alternativ:N", alt.Tooltip("måned:N", title="Måned"), alt.Tooltip("kr:Q", format=",.0f")],
        )
    )
    rule = alt.Chart(MARKS).mark_rule(strokeDash=[4, 4], color="#444").encode(x="Måned:T")
    # the label on the side of its rule with the room: in the period's second half it ends at the rule
    left, right = (
        alt.Chart(MARKS)
        .transform_filter(f"datum.side == '{side}'")
        .mark_text(align=side, dx=4 if side == "left" else -4, dy=-6, color="#444")
        .encode(x="Måned:T", y=alt.value(12), text="tekst:N")
        for side in ("left", "right")
    )
    return _spec(lines + rule + left + right)


def cumulative_cost(result: Result) -> dict:
    """Cumulative cost since the start per alternative, with each break-even month marked."""
    names = _names(result)
    months = [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in result.month_numbers.tolist()]
    shown = [fmt.month_short(m) for m in months]
    cumulative = views.monthly_array(result, result.amount).cumsum(axis=1).tolist()
    records = [
        {"Alternativ": names[a], "Måned": f"{month}-01", "måned": text, "kr": value, "mill": value / 1e6}
        for a, row in enumerate(cumulative)
        for month, text, value in zip(months, shown, row)
    ]
    middle = months[len(months) // 2]
    marks = [
        {
            "Måned": f"{c['break_even_month']}-01",
            "tekst": f"Lønner seg fra {fmt.month_short(c['break_even_month'])}",
            "side": "left" if c["break_even_month"] < middle else "right",
        }
        for c in views.comparison(result).values()
        if c["break_even_month"]
    ]
    return _with_data(_cumulative_template(names), figures=records, marks=marks)


@lru_cache(maxsize=64)
def _waterfall_template(title: str) -> dict:
    """Horizontal: one row per post with its whole label (wrapped), so no label is dropped or cut, and each bar
    carries its amount."""
    y = alt.Y("etikett:N", sort=None, title=None, axis=alt.Axis(labelLimit=0, labelExpr="split(datum.label, '|')"))
    bars = (
        alt.Chart(DATA, title=alt.Title(title, anchor="start"))
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("fra:Q", axis=MILL_AXIS),
            x2="til:Q",
            color=alt.Color(
                "type:N",
                scale=alt.Scale(domain=["nivå", "økning", "reduksjon"], range=[GREY, OKABE_ITO[5], OKABE_ITO[2]]),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=["Post:N", alt.Tooltip("endring:Q", format="+.2f", title="mill. kr")],
        )
    )
    amounts = (
        alt.Chart(DATA).mark_text(align="left", dx=4, color="#222").encode(y=y, x=alt.X("høyre:Q"), text="tekst:N")
    )
    return _spec(alt.layer(bars, amounts).properties(height=alt.Step(44)).configure_view(clip=False))


def change_waterfall(result: Result, alternative: str, year: int) -> dict:
    """The year's budget change of one alternative, line by line, from last year's level to this year's."""
    rows = [k for k, info in enumerate(result.line_info) if info.alternative == alternative]
    y = result.years.index(year)
    levels, changes = views.line_levels_array(result), views.line_changes_array(result)
    previous = float(levels[rows, y].sum() - changes[rows, y].sum())
    steps, running = [("Nivå " + str(year - 1), 0.0, previous, "nivå")], previous
    for k in rows:
        change = float(changes[k, y])
        if abs(change) >= 0.5:
            steps.append(
                (result.line_info[k].label, running, running + change, "økning" if change > 0 else "reduksjon")
            )
            running += change
    steps.append(("Nivå " + str(year), 0.0, running, "nivå"))
    records = [
        {
            "Post": post,
            "etikett": wrap_label(post, 56),
            "fra": low / 1e6,
            "til": high / 1e6,
            "høyre": max(low, high) / 1e6,
            "endring": (high - low) / 1e6,
            "tekst": fmt.number(high / 1e6, 1) if kind == "nivå" else fmt.number((high - low) / 1e6, 1, plus="+"),
            "type": kind,
        }
        for post, low, high, kind in steps
    ]
    return _with_data(_waterfall_template(f"Endring {year} mot {year - 1} (mill. kr)"), figures=records)


@lru_cache(maxsize=64)
def _fte_template(names: tuple[str, ...]) -> dict:
    return _spec(
        alt.Chart(DATA, title="Årsverk per år")
        .mark_line(point=True)
        .encode(
            x=alt.X("År:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Årsverk:Q", axis=FTE_AXIS),
            color=_colour(names),
            tooltip=["Alternativ:N", "År:O", alt.Tooltip("Årsverk:Q", format=".1f")],
        )
    )


def fte_over_time(result: Result) -> dict:
    """Årsverk per alternative and year."""
    names = _names(result)
    records = [
        {"Alternativ": names[a], "År": str(year), "Årsverk": value}
        for a, row in enumerate(views.fte_array(result).tolist())
        for year, value in zip(result.years, row)
    ]
    return _with_data(_fte_template(names), figures=records)


CAPACITY_PARTS = ("Egne ansatte (effektive)", "Innleid eller kjøpt", "Innleie til dekning", "Udekket behov")
CAPACITY_COLOURS = ["#0072B2", "#3A8CC4", "#B36B00", "#D55E00"]


@lru_cache(maxsize=64)
def _capacity_template(title: str, shown: tuple[int, ...]) -> dict:
    """The stacked capacity chart; its legend has only the parts `shown` (their places in CAPACITY_PARTS)."""
    parts = [CAPACITY_PARTS[k] for k in shown]
    x = alt.X("Måned:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"))
    unmet = alt.datum["Del"] == CAPACITY_PARTS[-1]  # told by a black edge too, not by its colour alone
    stack = (
        alt.Chart(DATA)
        .mark_area(interpolate="step-after", strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("Årsverk:Q", stack="zero", axis=FTE_AXIS),
            stroke=alt.condition(unmet, alt.value("#000000"), alt.value("transparent")),
            color=alt.Color(
                "Del:N",
                scale=alt.Scale(domain=parts, range=[CAPACITY_COLOURS[k] for k in shown]),
                sort=parts,
                legend=alt.Legend(orient="bottom", title=None, labelLimit=0),
            ),
            order=alt.Order("Rekkefølge:Q"),
            tooltip=[alt.Tooltip("Måned:T", format="%m.%Y"), "Del:N", alt.Tooltip("Årsverk:Q", format=".2f")],
        )
    )
    need = (
        alt.Chart(MARKS)
        .mark_line(interpolate="step-after", color="#000000", strokeDash=[6, 3])
        .encode(
            x=x, y="Behov:Q", tooltip=[alt.Tooltip("Måned:T", format="%m.%Y"), alt.Tooltip("Behov:Q", format=".2f")]
        )
    )
    return _spec(alt.layer(stack, need, title=title))


def capacity_chart(result: Result, alternative: str) -> dict:
    """One alternative's capacity per month: own effective årsverk, bought årsverk, cover and unmet need stacked
    (unmet in red with a black edge), the need as a dashed line (docs/method.md §13)."""
    a = result.alternatives.index(alternative)
    parts = views.capacity_months(result)
    months = [m.strftime("%Y-%m-01") for m in result.months]
    keys = ("staff", "bought", "cover", "unmet")
    shown = tuple(n for n, key in enumerate(keys) if (parts[key][a] > 1e-9).any())  # no legend for what is not there
    records = [
        {"Måned": month, "Del": CAPACITY_PARTS[n], "Årsverk": float(parts[keys[n]][a, k]), "Rekkefølge": n}
        for n in shown
        for k, month in enumerate(months)
    ]
    need = [{"Måned": month, "Behov": float(parts["need"][a, k])} for k, month in enumerate(months)]
    title = f"{result.scenario.alternatives[a].name}: kapasitet per måned (stiplet linje: behovet)"
    return _with_data(_capacity_template(title, shown), figures=records, marks=need)


# --- uncertainty (figures from simulation.py and sensitivity.py) ---------------------------------


@lru_cache(maxsize=64)
def _fan_template(names: tuple[str, ...]) -> dict:
    x = alt.X("År:O", title=None, axis=alt.Axis(labelAngle=0))
    band = (
        alt.Chart(DATA)
        .mark_area(opacity=0.25)
        .encode(x=x, y=alt.Y("p10:Q", axis=MILL_AXIS), y2="p90:Q", color=_colour(names))
    )
    median = (
        alt.Chart(DATA)
        .mark_line(point=True)
        .encode(
            x=x,
            y="p50:Q",
            color=_colour(names),
            tooltip=[
                "Alternativ:N",
                "År:O",
                alt.Tooltip("p10:Q", format=".2f", title="P10 (mill. kr)"),
                alt.Tooltip("p50:Q", format=".2f", title="P50 (mill. kr)"),
                alt.Tooltip("p90:Q", format=".2f", title="P90 (mill. kr)"),
            ],
        )
    )
    return _spec(
        alt.layer(band, median, title="Kostnad per år: midterste simulering (linje) og 8 av 10 simuleringer (bånd)")
    )


def fan_chart(scenario, summary: dict) -> dict:
    """Yearly cost per alternative: the P10–P90 band and the P50 line (simulation.summary)."""
    names = tuple(a.name for a in scenario.alternatives)
    records = [
        {"Alternativ": alt["name"], "År": year, **{k: stats[k] / 1e6 for k in ("p10", "p50", "p90")}}
        for alt in summary["alternatives"].values()
        for year, stats in alt["annual"].items()
    ]
    return _with_data(_fan_template(names), figures=records)


@lru_cache(maxsize=16)
def _histogram_template(title: str) -> dict:
    bars = (
        alt.Chart(DATA, title=title)
        .mark_bar()
        .encode(
            x=alt.X(
                "fra:Q",
                bin="binned",
                axis=alt.Axis(title="merkostnad/innsparing i sum mot nullalternativet (mill. kr)", format=MILL_FORMAT),
            ),
            x2="til:Q",
            y=alt.Y("andel:Q", axis=alt.Axis(title="andel av trekkene", format="%")),
            color=alt.Color(
                "side:N",
                scale=alt.Scale(domain=["billigere", "dyrere"], range=[OKABE_ITO[2], OKABE_ITO[5]]),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[
                alt.Tooltip("fra:Q", format=".2f", title="fra (mill. kr)"),
                alt.Tooltip("til:Q", format=".2f", title="til"),
                alt.Tooltip("andel:Q", format=".1%"),
            ],
        )
    )
    zero = alt.Chart(MARKS).mark_rule(color="#444", strokeDash=[4, 4]).encode(x="x:Q")
    return _spec(bars + zero)


def difference_histogram(differences, title: str, bins: int = 40) -> dict:
    """How an alternative's total minus the baseline's is spread over the draws (binned here, not in the browser)."""
    import numpy as np

    counts, edges = np.histogram(np.asarray(differences) / 1e6, bins=bins)
    records = [
        {
            "fra": float(lo),
            "til": float(hi),
            "andel": float(n) / max(1, len(differences)),
            "side": "billigere" if hi <= 0 or (lo < 0 and -lo > hi) else "dyrere",
        }
        for lo, hi, n in zip(edges[:-1], edges[1:], counts)
    ]
    return _with_data(_histogram_template(title), figures=records, marks=[{"x": 0.0}])


@lru_cache(maxsize=16)
def _tornado_template(title: str, subtitle: str) -> dict:
    y = alt.Y(
        "etikett:N",
        sort=None,
        title=None,
        axis=alt.Axis(labelLimit=0, labelExpr="split(datum.label, '|')", labelPadding=6),
    )
    bars = (
        alt.Chart(DATA, title=alt.Title(title, subtitle=subtitle.split("|") if subtitle else None, anchor="start"))
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "fra:Q",
                axis=alt.Axis(
                    title="merkostnad/innsparing i nåverdi mot nullalternativet (mill. kr; under 0: billigere)",
                    format=MILL_FORMAT,
                ),
            ),
            x2="til:Q",
            color=alt.Color(
                "Ende:N",
                scale=alt.Scale(domain=["lav verdi", "høy verdi"], range=[OKABE_ITO[4], OKABE_ITO[1]]),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[
                "Forutsetning:N",
                "Ende:N",
                "verdi:N",
                alt.Tooltip("til:Q", format=".2f", title="merkostnad/innsparing (mill. kr)"),
            ],
        )
    )
    ends = []  # the value tried, printed at the end of its bar (outside it, on the side the bar points to)
    for test, align, dx in (("datum.til >= datum.fra", "left", 4), ("datum.til < datum.fra", "right", -4)):
        ends.append(
            alt.Chart(DATA)
            .transform_filter(test)
            .mark_text(align=align, dx=dx, color="#222")
            .encode(y=y, x="til:Q", text="verdi:N")
        )
    base = alt.Chart(MARKS).mark_rule(color="#444").encode(x="x:Q")
    return _spec(alt.layer(bars, *ends, base).properties(height=alt.Step(34)))


def wrap_label(text: str, width: int = 46) -> str:
    """A long label in lines of at most `width` characters, joined by `|` (an axis label splits them)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "|".join(lines)


def tornado_chart(
    base: float, bars: list, values: dict[str, tuple[str, str, str]], title: str, subtitle: str = ""
) -> dict:
    """One bar per ranged driver from the deterministic difference to its value at the driver's low and high, with
    the value tried at each end and the whole label (wrapped); `subtitle` says which way is cheaper.

    `values` gives each driver's low and high as text and its label on the axis.
    """
    records = []
    for bar in bars:
        low_text, high_text, label = values[bar.driver]
        for end, figure, text in (("lav verdi", bar.low, low_text), ("høy verdi", bar.high, high_text)):
            records.append(
                {
                    "Forutsetning": label,
                    "etikett": wrap_label(label),
                    "Ende": end,
                    "verdi": text,
                    "fra": base / 1e6,
                    "til": figure / 1e6,
                }
            )
    sentences = subtitle.replace(". ", ".\n").splitlines()
    wrapped = "|".join(wrap_label(sentence, 80) for sentence in sentences)
    spec = _with_data(_tornado_template(title, wrapped), figures=records, marks=[{"x": base / 1e6}])
    ends = [v for r in records for v in (r["fra"], r["til"])] or [0.0]
    low, high = min(ends), max(ends)
    room = 0.7 * ((high - low) or 1.0)  # beside the longest bars, room for the values printed at their ends
    bars = copy.deepcopy(spec["layer"][0])  # the template's parts are shared: the changed one is a copy
    bars["encoding"]["x"]["scale"] = {"domain": [low - room, high + room], "nice": False}
    return {**spec, "layer": [bars, *spec["layer"][1:]]}


def tornado_for(scenario, alternative: str, base: float, bars: list, title: str = "Hvilken forutsetning betyr mest"):
    """The tornado of one alternative as the app shows it: its drivers' values and labels, and which way is cheaper
    under the title."""
    from costmodel.engine.sensitivity import tornado_values
    from costmodel.report.narrative import tornado_direction

    direction = tornado_direction(scenario, alternative)
    return tornado_chart(base, bars, tornado_values(scenario), title, direction)


def readable(spec: dict, font: int = 18) -> dict:
    """A chart for the council chamber: its axis, legend and mark text `font` pixels high."""
    sized = copy.deepcopy(spec)
    config = sized.setdefault("config", {})
    config["axis"] = {**config.get("axis", {}), "labelFontSize": font, "titleFontSize": font}
    config["legend"] = {
        **config.get("legend", {}),
        "labelFontSize": font,
        "titleFontSize": font,
        "symbolSize": font * 16,  # a legend's line or dot as visible as its text
        "symbolStrokeWidth": 4,
    }
    config["title"] = {**config.get("title", {}), "fontSize": font + 2, "subtitleFontSize": font}
    config["text"] = {**config.get("text", {}), "fontSize": font}
    sized.setdefault("height", 25 * font)  # the whole chart: at 300 px large text and a legend leave the plot a strip
    return sized


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """A chart as PNG, rendered offline by vl-convert."""
    return vlc.vegalite_to_png(json.dumps(spec), scale=scale)


def to_svg(spec: dict) -> str:
    """A chart as SVG, for slides and print."""
    return vlc.vegalite_to_svg(json.dumps(spec))


@lru_cache(maxsize=16)
def _grid_template(x_title: str, y_title: str, x_order: tuple, y_order: tuple, extent: float) -> dict:
    cells = (
        alt.Chart(DATA)
        .mark_rect()
        .encode(
            x=alt.X("x:N", sort=list(x_order), title=x_title, axis=alt.Axis(labelAngle=0, labelLimit=160)),
            y=alt.Y("y:N", sort=list(y_order), title=y_title, axis=alt.Axis(labelLimit=160)),
            color=alt.Color(
                "mill:Q",
                scale=alt.Scale(domain=[-extent, 0, extent], range=["#1a9641", "#f7f7f7", "#d7191c"]),
                legend=alt.Legend(title="mill. kr (+ dyrere, − billigere)", orient="bottom"),
            ),
            tooltip=["y:N", "x:N", alt.Tooltip("kr:Q", format="+,.0f", title="differanse (kr)")],
        )
    )
    text = (
        alt.Chart(DATA)
        .mark_text(fontSize=11)
        .encode(x=alt.X("x:N", sort=list(x_order)), y=alt.Y("y:N", sort=list(y_order)), text="tekst:N")
    )
    return _spec((cells + text).properties(height=alt.Step(28)))


def grid_heatmap(x_labels: list[str], y_labels: list[str], difference, x_title: str, y_title: str) -> dict:
    """The two-way table as a heatmap: red where the alternative is dearer, green where cheaper, white at 0."""
    extent = max(float(abs(difference).max()) / 1e6, 0.1)
    records = [
        {"x": xl, "y": yl, "kr": float(v), "mill": float(v) / 1e6, "tekst": fmt.number(float(v) / 1e6, 1, plus="+")}
        for yl, row in zip(y_labels, difference)
        for xl, v in zip(x_labels, row)
    ]
    return _with_data(_grid_template(x_title, y_title, tuple(x_labels), tuple(y_labels), extent), figures=records)


# --- follow-up (figures from followup/status.py) ---------------------------------------------------------------

FOLLOW_SERIES = ("Plan (periodisert budsjett)", "Regnskap", "Prognose: plan", "Prognose: trend", "Prognose: modell")
FOLLOW_COLOURS = [GREY, "#0072B2", "#00876A", "#B36B00", "#D55E00"]


@lru_cache(maxsize=8)
def _followup_template() -> dict:
    return _spec(
        alt.Chart(DATA, title="Regnskap mot plan, akkumulert, med prognose til årets slutt")
        .mark_line(point=True)
        .encode(
            x=alt.X("Måned:T", title=None, axis=alt.Axis(format="%b")),
            y=alt.Y("mill:Q", axis=MILL_AXIS),
            color=alt.Color(
                "Serie:N",
                scale=alt.Scale(domain=list(FOLLOW_SERIES), range=FOLLOW_COLOURS),
                legend=alt.Legend(orient="bottom", title=None, labelLimit=0, columns=3),
            ),
            strokeDash=alt.condition("indexof(datum.Serie, 'Prognose') == 0", alt.value([6, 3]), alt.value([1, 0])),
            tooltip=["Serie:N", alt.Tooltip("Måned:T", format="%m.%Y"), alt.Tooltip("kr:Q", format=",.0f")],
        )
    )


def followup_chart(status) -> dict:
    """The plan and the accounts month by month, summed from January, and each forecast as a dashed line from the
    last month counted to December (the chart 420 px high: room for the plot beside its legend)."""
    year, done = status.year, status.months_done
    months = [f"{year}-{m + 1:02d}-01" for m in range(12)]
    plan = status.plan.sum(axis=0).cumsum()
    actual = status.actual.sum(axis=0).cumsum()
    records = [
        {"Serie": FOLLOW_SERIES[0], "Måned": m, "kr": float(v), "mill": float(v) / 1e6} for m, v in zip(months, plan)
    ]
    records += [
        {"Serie": FOLLOW_SERIES[1], "Måned": m, "kr": float(v), "mill": float(v) / 1e6}
        for m, v in zip(months[:done], actual[:done])
    ]
    total = status.as_dict()["total"]["forecast"]
    for series, method in zip(FOLLOW_SERIES[2:], ("plan", "trend", "model")):
        if done < 12:
            for m, v in ((months[done - 1], actual[done - 1]), (months[11], total[method])):
                records.append({"Serie": series, "Måned": m, "kr": float(v), "mill": float(v) / 1e6})
    return {**_with_data(_followup_template(), figures=records), "height": 420}
