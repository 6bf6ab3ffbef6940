"""What-if controls: one widget per driver, their state kept per session and mirrored in the URL.

Widget keys are `drv:` + the driver path (whatif.py). A control starts at the value in force in
the scenario file; the what-if is every control whose value differs from that. Per-user state
lives only in `st.session_state` and the URL's query parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

from costmodel.engine import sensitivity, whatif
from costmodel.errors import Problem
from costmodel.parameters import load_reference
from costmodel.scenario import (
    FieldMeta,
    Scenario,
    field_meta,
    growth_years,
    model_fields,
    month_index,
    month_label,
    used_series,
)

PREFIX = "drv:"
GROUP = "grp:"  # the sidebar's group expanders: open or closed, per scenario
OPEN_END = "åpen"
VIEW_PARAMS = ("scenario", "visning")  # query parameters that are not what-if values
PRESENTATION = "presentasjon"


@dataclass(frozen=True)
class Control:
    """One driver's widget: how it is drawn and how its value converts to the driver's."""

    path: str
    label: str
    widget: str  # slider | number | percent | month | choice | linked (follows a named assumption: no widget)
    low: float | None = None
    high: float | None = None
    step: float | None = None
    options: tuple = ()
    help: str | None = None

    def to_widget(self, value: Any) -> Any:
        if self.widget == "percent":
            return round(float(value or 0.0) * 100, 6)
        if self.widget == "month":
            return value or OPEN_END
        if self.widget in ("slider", "number"):
            return float(value or 0.0)
        return value

    def from_widget(self, value: Any) -> Any:
        if self.widget == "percent":
            return round(value / 100, 10)
        if self.widget == "month":
            return None if value == OPEN_END else value
        if self.path == "months":  # a whole number of months; anything else left for validation to name
            return int(value) if isinstance(value, (int, float)) and math.isfinite(value) else value
        return value


def _span(scenario: Scenario, *months: str | None) -> tuple[str, ...]:
    """Month options covering the horizon and any given month outside it."""
    numbers = [scenario.start_index, scenario.start_index + scenario.months - 1]
    numbers += [month_index(m) for m in months if m]
    return tuple(month_label(n) for n in range(min(numbers), max(numbers) + 1))


WIDGET_ORDER = {"slider": 0, "number": 1, "month": 2}
GLOBAL_PATHS = (  # the scenario-wide what-ifs, in the order the sidebar shows them
    "prices",
    "discount_rate",
    "months",
    "parameters.pension_rate",
    "parameters.overhead_per_fte",
    "parameters.employer_tax_zone",
    "parameters.sick_leave_rate",
    "parameters.vacancy_rate",
    "parameters.sick_pay_refund_rate",
    "growth.wages.default",
    "growth.prices.default",
)


def _title(meta: FieldMeta) -> str:
    """A control's label: the field's title with its unit (`Årslønn (kr)`, `Kalkulasjonsrente (%)`)."""
    unit = {"kr": "kr", "andel": "%"}.get(meta.unit or "")
    return f"{meta.title} ({unit})" if unit else meta.title


def control_for(path: str, meta: FieldMeta, value: Any, scenario: Scenario) -> Control:
    """A driver's control, drawn as its field's metadata says (widget, step, bounds)."""
    widget = meta.widget or "number"
    if widget == "slider":
        low = meta.low if meta.low is not None else 0.0
        top = max(float(meta.high or 0.0), 2 * float(value or 0.0)) if path != "months" else max(meta.high, value)
        return Control(path, _title(meta), "slider", low, float(top), float(meta.step or 1.0), help=meta.help)
    if widget == "percent":
        low, high, step = (round(100 * x, 6) for x in (meta.low or 0.0, meta.high or 1.0, meta.step or 0.001))
        return Control(path, _title(meta), "percent", low, high, step, help=meta.help)
    if widget == "choice":
        options = tuple(load_reference().employer_tax) if meta.name == "employer_tax_zone" else ("fixed", "nominal")
        return Control(path, _title(meta), "choice", options=options, help=meta.help)
    return Control(path, _title(meta), "number", meta.low, None, float(meta.step or 1.0), help=meta.help)


def assumption_controls(scenario: Scenario, horizon: Scenario | None = None) -> list[Control]:
    """One control per named assumption, labelled with its label, drawn as the fields that use it are."""
    controls = []
    for a in scenario.assumptions.values():
        if a.months:
            value = a.file_value()
            extra = [month_label(a.range.low), month_label(a.range.high)] if a.range else []
            months = _span(horizon or scenario, value, *extra)
            controls.append(Control(a.driver, a.label, "month", options=months, help=_used_by(scenario, a.name)))
            continue
        meta = whatif.path_field(a.driver, scenario) or FieldMeta(a.name, a.label, widget="number")
        control = control_for(a.driver, meta, a.value, scenario)
        label = a.label if "(" in a.label else _title(replace(meta, label=a.label))
        controls.append(replace(control, label=label, help=_used_by(scenario, a.name)))
    return controls


def _used_by(scenario: Scenario, name: str) -> str:
    """`Brukes av: Fortsatt innleie › To saksbehandlere fra byrå: timepris; …`."""
    uses = [sensitivity.driver_label(scenario, r.driver) for r in scenario.referring(name)]
    return "Brukes av: " + "; ".join(uses) if uses else "Brukes ikke av noen linje ennå."


def _linked(scenario: Scenario, path: str, title: str) -> Control | None:
    """For a field that refers to a named assumption: a note in place of its own control."""
    ref = scenario.reference_at(path)
    if ref is None:
        return None
    a = scenario.assumptions[ref.name]
    offset = (
        f" + {ref.plus_months} mnd."
        if ref.plus_months > 0
        else f" − {-ref.plus_months} mnd."
        if ref.plus_months
        else ""
    )
    return Control(path, f"{title}: følger «{a.label}»{offset}", "linked", options=(a.driver,))


def line_controls(scenario: Scenario, owner: str, line, horizon: Scenario | None = None) -> list[Control]:
    """Controls for every driver of a line its kind marks as a what-if (årsverk, prices, amounts, start, end).

    A field that refers to a named assumption gets a note saying so in place of a control of its own.
    """
    base = f"{owner}.{line.id}"
    fields = [m for m in model_fields(type(line)).values() if m.whatif and m.widget != "month"]
    fields = [m for m in fields if getattr(line, m.name) is not None]
    controls = [
        _linked(scenario, f"{base}.{m.name}", m.title)
        or control_for(f"{base}.{m.name}", m, getattr(line, m.name), scenario)
        for m in sorted(fields, key=lambda m: WIDGET_ORDER.get(m.widget, 1))
    ]
    months = _span(horizon or scenario, line.start, line.end)
    start = field_meta(type(line), "start").title
    controls.append(
        _linked(scenario, f"{base}.start", start) or Control(f"{base}.start", start, "month", options=months)
    )
    if line.kind != "one_off":
        end = field_meta(type(line), "end").title
        controls.append(
            _linked(scenario, f"{base}.end", end) or Control(f"{base}.end", end, "month", options=(*months, OPEN_END))
        )
    return controls


def global_controls(scenario: Scenario) -> list[Control]:
    """Scenario-wide controls: prices, discount rate, horizon, pension, overhead, employer's tax zone, growth.

    Growth as the file has it: in løpende priser one control per year the scenario needs (its own rate, else
    the default it takes) and the default when the series has one; in faste priser the defaults only, for a
    switch to løpende priser.
    """
    paths = [
        p for p in GLOBAL_PATHS if p != "parameters.employer_tax_zone" or scenario.parameters.employer_tax_rate is None
    ]
    controls = []
    for p in paths:
        if p in whatif.GROWTH_FIELDS:
            name = p.split(".")[1]
            if scenario.prices == "nominal" and name in used_series(scenario):
                for year in growth_years(scenario):
                    path = f"growth.{name}.{year}"
                    control = control_for(
                        path, whatif.path_field(path), whatif.effective_value(scenario, path), scenario
                    )
                    controls.append(replace(control, label=control.label.replace(" (%)", f" {year} (%)")))
            if scenario.prices == "nominal" and "default" not in scenario.growth.series(name):
                continue
            control = control_for(p, whatif.path_field(p), whatif.effective_value(scenario, p), scenario)
            controls.append(replace(control, label=control.label.replace(" (%)", ", øvrige år (%)")))
            continue
        controls.append(control_for(p, whatif.path_field(p), whatif.effective_value(scenario, p), scenario))
    return controls


def capacity_controls(scenario: Scenario) -> list[Control]:
    """With a capacity need (§13): the need per year as the file gives it, cases per årsverk, the cover price."""
    c = scenario.capacity
    if c is None:
        return []
    name = "cases" if c.need.cases is not None else "fte"
    paths = [f"capacity.need.{name}.{key}" for key in getattr(c.need, name)]
    paths += ["capacity.need.cases_per_fte"] if name == "cases" else []
    paths += [f"capacity.{f}" for f in ("cover_price_per_fte", "cover_hourly_rate") if getattr(c, f) is not None]
    out = []
    for path in paths:
        if scenario.reference_at(path) is not None:
            continue  # follows a named assumption, which has the control
        control = control_for(path, whatif.path_field(path), whatif.effective_value(scenario, path), scenario)
        label = whatif.label(path, scenario)
        unit = " (kr)" if control.label.endswith("(kr)") else ""  # the year goes in, the unit stays
        out.append(replace(control, label=label[:1].upper() + label[1:] + unit))
    return out


def all_controls(scenario: Scenario) -> list[Control]:
    """Every control with a widget: named assumptions, the scenario-wide ones, capacity, then each line's."""
    controls = assumption_controls(scenario) + global_controls(scenario) + capacity_controls(scenario)
    for line in scenario.common:
        controls += line_controls(scenario, "common", line)
    for alt in scenario.alternatives:
        for line in alt.lines:
            controls += line_controls(scenario, alt.id, line)
    return [c for c in controls if c.widget != "linked"]


def initial(scenario: Scenario, control: Control) -> Any:
    """The widget value a control starts at: the value in force in the scenario file."""
    value = whatif.effective_value(scenario, control.path)
    if control.path == "parameters.employer_tax_zone" and value is None:
        value = load_reference().default("employer_tax_zone")
    if control.path.startswith("growth.") and value is None:
        value = 0.0  # a series without a rate for this year (faste priser: growth is not used)
    return control.to_widget(value)


def seed_state(scenario: Scenario, changes: dict[str, Any]) -> list[Problem]:
    """Put every control's starting value, or the value `changes` gives it, into the session state."""
    problems, starts = [], {}
    for control in all_controls(scenario):
        value = starts[control.path] = initial(scenario, control)
        if control.path in changes:
            raw = changes[control.path]
            numeric = isinstance(raw, (int, float)) and not isinstance(raw, bool)
            if control.widget in ("slider", "percent", "number") and not numeric:
                problems.append(Problem(control.path, f"«{raw}» er ikke et tall"))
            elif control.options and control.to_widget(raw) not in control.options:
                problems.append(Problem(control.path, f"«{raw}» er ikke et gyldig valg her"))
            else:
                value = control.to_widget(raw)
        st.session_state[PREFIX + control.path] = value
    st.session_state["control_starts"] = starts
    return problems


def start(scenario: Scenario, key: str) -> None:
    """When this session turns to a new scenario: controls start at the file's values, or on the
    first page load at the values a shared link carries (problems with the link are kept to show)."""
    if st.session_state.get("controls_for") == key:
        return
    first_load = "controls_for" not in st.session_state
    link = {k: v for k, v in st.query_params.items() if k not in VIEW_PARAMS} if first_load else {}
    clear_state()
    changes, problems = changes_from_query(scenario, link)
    problems += seed_state(scenario, changes)
    st.session_state["link_problems"] = st.session_state.get("link_problems", []) + problems
    st.session_state["controls_for"] = key


def clear_state() -> None:
    """Forget the controls' values and which groups are open (a new scenario starts at its own defaults)."""
    for key in [k for k in st.session_state if str(k).startswith((PREFIX, GROUP))]:
        del st.session_state[key]


def range_help(scenario: Scenario, path: str) -> str | None:
    """For a driver with a range in the file: the range, and that moving the control fixes the value."""
    r = scenario.ranges.get(path)
    if r is None:
        return None
    show = (
        (lambda v: month_label(int(v))) if r.months else (lambda v: sensitivity.show_value(path, v, scenario=scenario))
    )
    names = {"pert": "PERT", "triangular": "trekant", "uniform": "jevn"}
    mode = f", mest sannsynlig {show(r.mode)}" if r.mode is not None else ""
    return (
        f"Usikker i scenariofilen: {show(r.low)} – {show(r.high)}{mode} ({names[r.dist]} fordeling). "
        "Flytter du denne, brukes tallet i stedet for intervallet."
    )


MOVED = "control_moved"  # set by a control's on_change, just before the run it starts
RUN_MOVED = "control_moved_this_run"  # whether a control's move started this run (begin_run)


def moved() -> None:
    st.session_state[MOVED] = True


def begin_run() -> None:
    """First thing in every run: take the flag a control's on_change set for this run, and clear it. Taken at the
    start, not cleared at the end, so a run cut off midway (a click that interrupts a slider's run) never leaves
    the next run believing a control moved: that run would not set the picker again, and a browser that missed a
    render would send the first scenario in its place (another municipality's figures)."""
    st.session_state[RUN_MOVED] = st.session_state.pop(MOVED, False)


def moved_this_run() -> bool:
    """Whether a control's move started this run (a slider step): what the store said a moment ago still holds,
    so a run like that reuses this session's last answers instead of asking again (account.py, source.py)."""
    return bool(st.session_state.get(RUN_MOVED))


def hold(key: str, default=None) -> None:
    """Set a widget's session value again just before it is drawn (from `default()` when it has none).

    A value put into the session says «show this» to the browser; a value left alone says «keep what
    you show». A browser that missed a render (a tab clicked while the first page was still arriving)
    would then show, and on the next interaction send, the widget's blank default (0, the first
    scenario) for every control. So a run that no control started (a page load, a tab, a button)
    sets every value again. A run a control started does not: the browser shows what it sent, and
    setting it again would undo key presses still on their way (a slider moved step by step).
    """
    if key not in st.session_state:
        st.session_state[key] = default()
    elif not moved_this_run():
        st.session_state[key] = st.session_state[key]


def draw(control: Control, scenario: Scenario) -> None:
    """The control's widget. Its value outlives a run that does not draw it (a closed group: persist_state)."""
    if control.widget == "linked":
        st.caption(control.label)
        return
    key = PREFIX + control.path
    hold(key, lambda: initial(scenario, control))
    tip = range_help(scenario, control.path)
    tip = f"{tip}\n\n{control.help}" if tip and control.path.startswith("assumptions.") else tip or control.help
    common = {"key": key, "on_change": moved, "help": tip, "persist_state": "page"}
    if control.widget in ("slider", "percent"):
        value = st.session_state[key]  # a linked value may lie outside the usual range: widen it
        low, high = min(control.low, value), max(control.high, value)
        # `value` repeats the session's value: without it Streamlit reads the whole session state to guess
        # whether this is a range slider, for every slider in every run (`make bench`).
        st.slider(
            control.label,
            low,
            high,
            value,
            step=control.step,
            format="%.1f %%" if control.widget == "percent" else "%g",
            **common,
        )
    elif control.widget == "number":
        low = None if control.low is None else min(control.low, st.session_state[key])
        places = "%.2f" if control.step and control.step < 1 else "%.0f"  # 1,56 årsverk is not shown as 2
        st.number_input(control.label, min_value=low, step=control.step, format=places, **common)
    elif control.widget == "month":
        st.select_slider(control.label, options=list(control.options), **common)
    else:
        labels = {"fixed": "Faste priser", "nominal": "Løpende priser"}
        st.radio(
            control.label,
            list(control.options),
            horizontal=True,
            format_func=lambda v: labels.get(v, str(v)),
            **common,
        )


def group(title: str, key: str, expanded: bool = False, where=None):
    """An expander filled only while open (in `where`, the current container by default): a slider move sends the
    open groups' widgets and no others, and closed ones keep their values (persist_state). Returns the expander,
    or None when it is closed."""
    box = (where or st).expander(title, expanded=expanded, key=key, on_change="rerun")
    return box if box.open else None


def sidebar(scenario: Scenario, current: Scenario) -> None:
    """Draw every control in the sidebar: the scenario-wide ones, then each alternative's lines.

    Controls start at the file's values (`scenario`); month controls span the horizon of `current`.
    """
    with st.sidebar:
        st.header("Hva om?")
        if scenario.assumptions and (box := group("Navngitte forutsetninger", GROUP + "assumptions", expanded=True)):
            with box:
                st.caption("Hver verdi gjelder alle linjene som bruker den.")
                for control in assumption_controls(scenario, current):
                    draw(control, scenario)
        if box := group("Felles forutsetninger", GROUP + "global"):
            with box:
                for control in global_controls(scenario):
                    draw(control, scenario)
        if scenario.capacity is not None and (box := group("Kapasitet", GROUP + "capacity")):
            with box:
                for control in capacity_controls(scenario):
                    draw(control, scenario)
        groups = [("Felles linjer", "common", scenario.common)] if scenario.common else []
        groups += [(alt.name, alt.id, alt.lines) for alt in scenario.alternatives]
        for title, owner, lines in groups:
            if box := group(title, f"{GROUP}lines-{owner}", expanded=owner not in (scenario.baseline, "common")):
                with box:
                    for line in lines:
                        st.markdown(f"**{line.label}**")
                        for control in line_controls(scenario, owner, line, current):
                            draw(control, scenario)


def current_changes(scenario: Scenario) -> dict[str, Any]:
    """Every control whose value differs from where it started (the scenario file).

    Switching a fixed-price file to løpende priser also takes the growth controls' rates, so
    the what-if has the growth it needs even before they are moved.
    """
    out = {}
    starts = st.session_state.get("control_starts", {})
    for control in all_controls(scenario):
        key = PREFIX + control.path
        start = starts[control.path] if control.path in starts else initial(scenario, control)
        if key in st.session_state and st.session_state[key] != start:
            out[control.path] = control.from_widget(st.session_state[key])
    if out.get("prices") == "nominal":
        for control in all_controls(scenario):
            if control.path in whatif.GROWTH_FIELDS and control.path not in out:
                out[control.path] = control.from_widget(st.session_state.get(PREFIX + control.path, 0.0))
    return out


def changes_from_query(scenario: Scenario, params: dict[str, str]) -> tuple[dict[str, Any], list[Problem]]:
    """What-if values from a link's query parameters (only paths that have a control)."""
    if len(params) > whatif.MAX_QUERY:
        return {}, [
            Problem("", f"lenken setter {len(params)} verdier; høyst {whatif.MAX_QUERY}, så ingen av dem er brukt")
        ]
    known = {c.path for c in all_controls(scenario)}
    wanted = {k: v for k, v in params.items() if k in known}
    changes, problems = whatif.from_query(wanted, scenario)
    unknown = [k for k in params if k not in known]
    problems += [Problem(k[:80], "ingen slik kontroll i dette scenariet") for k in unknown[:10]]
    if len(unknown) > 10:  # a crafted address with thousands of names: a few, and how many more
        problems.append(Problem("", f"… og {len(unknown) - 10} andre verdier i lenken som ikke hører til scenariet"))
    return changes, problems


def initial_sidebar() -> str:
    """The sidebar collapsed when a link opens the presentation; after that the user's own choice stands.

    Only the session's first run decides: a later run's address is the one before this run's toggle, so deciding
    there would collapse the sidebar when presentation mode is switched off.
    """
    first = "presentation" not in st.session_state
    return "collapsed" if first and st.query_params.get("visning") == PRESENTATION else "auto"


def presentation_toggle() -> bool:
    """The presentation-mode switch; a link with `visning=presentasjon` opens in it."""
    hold("presentation", lambda: st.query_params.get("visning") == PRESENTATION)
    with st.sidebar:
        return st.toggle("Presentasjonsmodus", key="presentation", help="En ren side for bystyret")


def view_query(presenting: bool) -> dict[str, str]:
    return {"visning": PRESENTATION} if presenting else {}
