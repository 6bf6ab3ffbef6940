"""«Ny modell»: build or change a case in the app, in Norwegian, without opening a file.

The draft lives in the session (`drafts.py` turns it into tables and back). The settings are fields;
the alternatives one table; each alternative's lines and the common lines one table per line kind,
with only that kind's fields, titled and formatted from the fields' declared metadata. Every edit is
checked at once by the scenario's own validation: problems are listed at their cells in Norwegian,
and the figures below come from the last valid version. «Angre» steps back; «Lagre» saves with the
atomic, versioned save and opens the saved case (its link works for anyone); «Last ned YAML»
downloads it.
"""

from __future__ import annotations

import copy

import pandas as pd
import streamlit as st

from costmodel.errors import ScenarioError
from costmodel.scenario import LINE_KINDS, Scenario, kind_label, line_field, parse_scenario, scenario_to_data, storage
from costmodel.scenario.drafts import (
    COMMON,
    KIND_COLUMN,
    ORDER,
    POSITION,
    TEMPLATES,
    Tables,
    as_text,
    at_cells,
    cell_kind,
    column_title,
    kind_fields,
    template,
    to_data,
    to_tables,
)
from costmodel.ui import source

DRAFT, HISTORY, GENERATION, VALID = "draft", "draft_history", "draft_generation", "draft_valid"
BASE = "draft_base"  # the tables the widgets started from in this generation: edits are kept relative to them
EDITING = "editing"
MAX_UNDO = 50


def open_editor(data: dict) -> None:
    """Start editing `data` (a template, a copy of a scenario): the draft, an empty undo history, fresh widgets."""
    st.session_state[DRAFT] = copy.deepcopy(data)
    st.session_state[HISTORY] = []
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state.pop(VALID, None)
    st.session_state[EDITING] = True


def close_editor() -> None:
    st.session_state[EDITING] = False


def undo() -> None:
    history = st.session_state.get(HISTORY) or []
    if history:
        st.session_state[DRAFT] = history.pop()
        st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def start_panel(current: Scenario | None) -> None:
    """Sidebar: «Ny modell» from a template, or «Rediger» a copy of the scenario on screen."""
    with st.sidebar.expander("Ny modell eller rediger", expanded=False):
        st.selectbox("Start fra", list(TEMPLATES), format_func=TEMPLATES.get, key="new_template")
        st.button(
            "Ny modell", key="new_model", on_click=lambda: open_editor(template(st.session_state["new_template"]))
        )
        if current is not None:
            st.button(
                "Rediger en kopi av dette scenariet",
                key="edit_copy",
                on_click=lambda: open_editor(scenario_to_data(current) | {"name": f"{current.name} (kopi)"}),
            )


def _key(name: str) -> str:
    return f"ed-{st.session_state.get(GENERATION, 0)}-{name}"


def view() -> Scenario | None:
    """The editor page; returns the last valid scenario (None while nothing valid has been built)."""
    draft = st.session_state[DRAFT]
    generation = st.session_state.get(GENERATION, 0)
    if st.session_state.get(BASE, (None,))[0] != generation:  # a new start, an undo: the widgets start afresh
        st.session_state[BASE] = (generation, to_tables(draft))
    tables = copy.deepcopy(st.session_state[BASE][1])
    st.title("Ny modell")
    st.caption(
        "Bygg saken din her: alternativene, linjene og forutsetningene. Tallene under regnes fra siste gyldige "
        "versjon mens du skriver. Tall skrives med komma eller punktum; prosenter som prosent (14,1)."
    )
    top = st.columns([1, 1, 1, 3])
    top[0].button("Angre", key="undo", on_click=undo, disabled=not st.session_state.get(HISTORY))
    top[1].button("Avslutt redigering", key="close_editor", on_click=close_editor)
    settings = _settings(tables)
    alternatives = _alternatives(tables)
    lines = {}
    for k, row in enumerate(alternatives):
        position = row.get(POSITION)
        if position is None:
            row[POSITION] = f"ny{k}"  # a row added here: its lines tables are new
        elif isinstance(position, float):
            row[POSITION] = int(position)  # pandas makes the column float once a row without one is added
    owners = [
        (row[POSITION], row.get("name") or row.get("id") or f"Alternativ {k + 1}") for k, row in enumerate(alternatives)
    ]
    for owner, title in [*owners, (COMMON, "Felles linjer (i alle alternativer)")]:
        lines.update(_lines(tables, owner, title))
    edited = Tables(settings, alternatives, lines, tables.rest)
    data, cells = to_data(edited)
    if data != draft:
        history = st.session_state.setdefault(HISTORY, [])
        history.append(draft)
        del history[:-MAX_UNDO]
        st.session_state[DRAFT] = data
    try:
        scenario = parse_scenario(data)
    except ScenarioError as exc:
        st.error(
            "**Dette må rettes før tallene oppdateres:**\n" + "\n".join(f"- {p}" for p in at_cells(exc.problems, cells))
        )
        scenario = st.session_state.get(VALID)
        if scenario is not None:
            st.caption("Tallene under er fra siste gyldige versjon.")
    else:
        st.session_state[VALID] = scenario
    if scenario is not None:
        _keep(scenario)
    return scenario


def _settings(tables: Tables) -> dict:
    s = tables.settings
    st.subheader("Om modellen")
    left, middle, right = st.columns(3)
    out = dict(s)
    out["name"] = left.text_input("Navn", value=s.get("name") or "", key=_key("name"))
    out["municipality"] = middle.text_input("Kommune", value=s.get("municipality") or "", key=_key("municipality"))
    out["start"] = right.text_input("Første måned (ÅÅÅÅ-MM)", value=str(s.get("start") or ""), key=_key("start"))
    left, middle, right, last = st.columns(4)
    out["months"] = int(left.number_input("Antall måneder", 1, 600, int(s.get("months") or 48), key=_key("months")))
    prices = ["fixed", "nominal"]
    out["prices"] = middle.radio(
        "Prisgrunnlag",
        prices,
        index=prices.index(s.get("prices") or "fixed"),
        format_func={"fixed": "Faste priser", "nominal": "Løpende priser"}.get,
        horizontal=True,
        key=_key("prices"),
    )
    basis = right.number_input(
        "Prisår (tom: startåret)", 1900, 2200, value=s.get("price_basis"), step=1, key=_key("price_basis")
    )
    out["price_basis"] = int(basis) if basis is not None else None
    rate = last.number_input(
        "Kalkulasjonsrente (%)",
        0.0,
        100.0,
        value=round(100 * (s.get("discount_rate") or 0.04), 6),
        step=0.5,
        key=_key("discount_rate"),
    )
    out["discount_rate"] = round(rate / 100, 10)
    if out["prices"] == "nominal":
        _growth(tables)
    return out


def _growth(tables: Tables) -> None:
    """Løpende priser: the wage and price growth of the years without a figure of their own (`default`); years of
    their own in the file are kept (and shown in «Felles forutsetninger» once the case is saved)."""
    growth = tables.rest.get("growth")
    growth = copy.deepcopy(growth) if isinstance(growth, dict) else {"source": growth} if growth else {}
    left, right, _ = st.columns([1, 1, 2])
    for column, name, label in ((left, "wages", "Lønnsvekst per år (%)"), (right, "prices", "Prisvekst per år (%)")):
        series = dict(growth.get(name) or {})
        value = series.get("default", 0.035 if name == "wages" else 0.025)
        shown = value * 100 if isinstance(value, (int, float)) else 0.0
        rate = column.number_input(label, -10.0, 50.0, value=round(shown, 6), step=0.1, key=_key(f"growth-{name}"))
        series["default"] = round(rate / 100, 10)
        growth[name] = series
    tables.rest["growth"] = {k: v for k, v in growth.items() if v is not None}


def _alternatives(tables: Tables) -> list[dict]:
    st.subheader("Alternativer")
    frame = pd.DataFrame(tables.alternatives or [], columns=["id", "name", "baseline", POSITION])
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        key=_key("alternatives"),
        column_config={
            "id": st.column_config.TextColumn("Id", help="Kort id uten punktum, f.eks. innleie", required=True),
            "name": st.column_config.TextColumn("Navn", help="Navnet i tabeller og figurer", width="large"),
            "baseline": st.column_config.CheckboxColumn(
                "Nullalternativ", help="Alternativet de andre sammenlignes med"
            ),
            POSITION: None,
        },
    )
    return [_clean(row) for row in edited.to_dict("records")]


def _lines(tables: Tables, owner, title: str) -> dict:
    """One table per line kind for an owner (an alternative's position, or the common lines)."""
    st.markdown(f"**{title}**")
    out = {}
    present = [kind for kind in LINE_KINDS if tables.lines.get((owner, kind))]
    added = st.multiselect(
        "Linjetyper",
        LINE_KINDS,
        default=present,
        format_func=kind_label,
        key=_key(f"kinds-{owner}"),
        placeholder="Velg linjetyper",
        help="Velg hvilke typer linjer alternativet har; hver type får sin tabell med bare sine felt.",
    )
    for kind in LINE_KINDS:
        if kind not in added and kind not in present:
            continue
        rows = tables.lines.get((owner, kind), [])
        out[(owner, kind)] = _kind_table(owner, kind, rows) if kind in added else []
    return out


def _kind_table(owner, kind: str, rows: list[dict]) -> list[dict]:
    names = [n for n in kind_fields(kind) if n != KIND_COLUMN]
    text = {n for n in names if any(isinstance(r.get(n), dict) for r in rows)}  # ranges, references: as text
    frame = pd.DataFrame(
        [{**{n: as_text(r.get(n)) if n in text else r.get(n) for n in names}, ORDER: r.get(ORDER)} for r in rows],
        columns=[*names, ORDER],
    )
    config = {ORDER: None}
    for name in names:
        config[name] = _column(name, name in text)
    st.caption(kind_label(kind).capitalize())
    edited = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, key=_key(f"lines-{owner}-{kind}"), column_config=config
    )
    return [{**_clean(row), KIND_COLUMN: kind} for row in edited.to_dict("records")]


def _column(name: str, as_text_column: bool):
    """A table column drawn as the field's metadata says: its title and unit, help, bounds, step."""
    meta, how, title = line_field(name), cell_kind(name), column_title(name)
    if how == "month":
        return st.column_config.TextColumn(title, help=meta.help, validate=r"^\d{4}-\d{1,2}$")
    if how == "flag":
        return st.column_config.CheckboxColumn(title, help=meta.help)
    if how == "choice":
        options = {
            "index": ["wages", "prices", "none"],
            "employer_tax_zone": ["I", "Ia", "II", "III", "IV", "IVa", "V"],
        }
        return st.column_config.SelectboxColumn(title, help=meta.help, options=options.get(name, list(LINE_KINDS)))
    if how == "text" or as_text_column:
        return st.column_config.TextColumn(title, help=meta.help)
    low = 0.0 if meta.low is not None else None
    return st.column_config.NumberColumn(
        title, help=meta.help, min_value=low, format="localized" if meta.is_money else None
    )


def _clean(row: dict) -> dict:
    """A table row with pandas' blanks (NaN, None) as None."""
    return {k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in row.items()}


def _keep(scenario: Scenario) -> None:
    """Save (atomic, versioned) and open it; or download it as YAML."""
    st.subheader("Lagre")
    left, middle, right = st.columns([2, 1, 1])
    name = left.text_input("Navn på filen", value=scenario.name, key=_key("save_name"), max_chars=64)
    middle.button("Lagre og åpne", key="save_draft", disabled=not name.strip(), on_click=_save, args=(scenario, name))
    if "save_problem" in st.session_state:
        st.error(f"Kunne ikke lagre: {st.session_state.pop('save_problem')}")
    right.download_button(
        "Last ned YAML",
        storage.serialise(scenario, scenario.name),
        file_name=f"{storage.slug(scenario.name) or 'scenario'}.yaml",
        mime="application/x-yaml",
        key="download_draft",
    )


def _save(scenario: Scenario, name: str) -> None:
    """Callback of «Lagre og åpne»: the saved file becomes the scenario on screen, and its link works for anyone."""
    try:
        storage.save_scenario(scenario, name)
    except storage.SaveError as exc:
        st.session_state["save_problem"] = str(exc)
        return
    st.session_state["source"] = source.SAVED + storage.slug(name)
    close_editor()
