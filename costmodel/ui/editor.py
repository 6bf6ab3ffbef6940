"""«Ny modell»: build or change a case in the app, in Norwegian, without opening a file.

The draft lives in the session (`drafts.py` turns it into tables and back). The settings are fields;
the alternatives one table; each alternative's lines and the common lines one table per line kind,
with only that kind's fields, titled and formatted from the fields' declared metadata. Every edit is
checked at once by the scenario's own validation: problems are listed at their cells in Norwegian,
and the figures below come from the last valid version. «Angre» steps back; «Lagre» saves a new version in the
store and opens it (its link works for the organisation); «Last ned YAML» downloads it.
"""

from __future__ import annotations

import copy

import streamlit as st

from costmodel import formatting as fmt
from costmodel.errors import ScenarioError
from costmodel.parameters import load_reference
from costmodel.scenario import (
    HOUR,
    LINE_KINDS,
    Scenario,
    kind_label,
    line_field,
    parse_scenario,
    scenario_to_data,
    storage,
)
from costmodel.scenario.drafts import (
    ASSUMPTION_COLUMNS,
    ASSUMPTIONS_TITLE,
    CAPACITY_TITLE,
    COMMON,
    DEFAULT_YEAR,
    EFFECTS_TITLE,
    IMPACT,
    KIND_COLUMN,
    NO_CHOICE,
    ORDER,
    PARAMETERS_TITLE,
    PARTNERS_TITLE,
    POSITION,
    TEMPLATES,
    Tables,
    as_text,
    at_cells,
    capacity_fields,
    cell_kind,
    column_title,
    effect_fields,
    kind_fields,
    month_cell,
    number_cell,
    parameter_fields,
    partner_fields,
    template,
    to_data,
    to_tables,
)
from costmodel.scenario.models import IMPACTS
from costmodel.store import links, scenarios
from costmodel.store.database import StoreError
from costmodel.ui import account, controls, saving, source
from costmodel.yamlsafe import dump_yaml, load_yaml

DRAFT, HISTORY, GENERATION, VALID = "draft", "draft_history", "draft_generation", "draft_valid"
BASE = "draft_base"  # the tables the widgets started from in this generation: edits are kept relative to them
EDITING = "editing"
MAX_UNDO = 50


DRAFT_ID, KEPT = "draft_id", "draft_kept"  # the draft's id on the server (its address), and what was kept last
DRAFT_PARAM = "utkast"  # the address of a draft: ?utkast=ID


EDITING_OF = "editing_of"  # the saved scenario being edited under its own name, or None for a new model
EDITING_KEY = "editing_key"  # its key (`lagret:ORG/NAME@N`): a save under that name is a version of it


def open_editor(data: dict, ident: str | None = None, of: str | None = None, key: str | None = None) -> None:
    """Start editing `data` (a template, a copy of a scenario, a kept draft): the draft, an empty undo history,
    fresh widgets, and an id under which the draft is kept as the user types (a new one unless reopening)."""
    st.session_state[DRAFT] = to_data(to_tables(copy.deepcopy(data)))[0]  # as the tables write it: undo starts empty
    st.session_state[HISTORY] = []
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state.pop(VALID, None)
    st.session_state[EDITING] = True
    st.session_state[DRAFT_ID] = ident or links.new_token()
    st.session_state[KEPT] = st.session_state[DRAFT] if ident else None
    st.session_state[EDITING_OF] = of
    st.session_state[EDITING_KEY] = key


def close_editor() -> None:
    st.session_state[EDITING] = False
    st.query_params.pop(DRAFT_PARAM, None)


def resume() -> None:
    """A draft's address (after a reload, Back, or in another tab) reopens the draft kept on the server."""
    ident = st.query_params.get(DRAFT_PARAM)
    if not ident or (st.session_state.get(EDITING) and st.session_state.get(DRAFT_ID) == ident):
        return
    data = _load_draft(ident)
    if data is None:
        st.query_params.pop(DRAFT_PARAM, None)
        st.session_state["draft_missing"] = True
        return
    open_editor(data, ident)


def _keep_draft(data: dict) -> None:
    """Keep the draft on the server when it has changed, and put its address in the address bar."""
    ident = st.session_state.setdefault(DRAFT_ID, links.new_token())
    who = account.current()
    if who.membership is None:  # not signed in (a public link): nothing is kept on the server
        return
    if st.session_state.get(KEPT) != data:
        try:
            links.save_draft(who.db, who.actor, who.organisation, ident, dump_yaml(data))
        except StoreError as exc:
            st.warning(f"Utkastet kunne ikke tas vare på på serveren ({exc}); last ned eller lagre det før du lukker.")
            return
        st.session_state[KEPT] = copy.deepcopy(data)
    if st.query_params.get(DRAFT_PARAM) != ident:
        st.query_params[DRAFT_PARAM] = ident


def _load_draft(ident: str) -> dict | None:
    """A kept draft of the session's organisation, or None (none under the id, another's, or unreadable)."""
    who = account.current()
    if who.membership is None:
        return None
    try:
        content = links.load_draft(who.db, who.actor, who.organisation, ident)
        data = load_yaml(content.encode("utf-8")) if content is not None else None
    except Exception:  # noqa: BLE001 (a missing or damaged draft reopens nothing, and the app says so)
        return None
    return data if isinstance(data, dict) else None


def undo() -> None:
    history = st.session_state.get(HISTORY) or []
    if history:
        st.session_state[DRAFT] = history.pop()
        st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def start_panel(picked: tuple[str, Scenario] | None) -> None:
    """Sidebar: «Ny modell» from a template, or «Rediger» the scenario on screen: a saved one under its own name
    (saving again keeps the earlier version), a bundled or shared one as a copy."""
    if "saved_message" in st.session_state:
        st.toast(st.session_state.pop("saved_message"), icon=":material/check_circle:")
    if st.session_state.pop("draft_missing", False):
        st.sidebar.warning("Utkastet i adressen finnes ikke lenger (det er lagret som scenario, eller slettet).")
    box = controls.group("Ny modell eller rediger", "new_or_edit", where=st.sidebar)
    if box is None:
        return
    with box:
        st.selectbox("Start fra", list(TEMPLATES), format_func=TEMPLATES.get, key="new_template", persist_state="page")
        st.button(
            "Ny modell", key="new_model", on_click=lambda: open_editor(template(st.session_state["new_template"]))
        )
        if picked is None:
            return
        key, current = picked
        if key.startswith(source.SAVED):
            st.button(
                "Rediger dette scenariet",
                key="edit_copy",
                on_click=lambda: open_editor(scenario_to_data(current), of=current.name, key=key),
            )
        else:
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
    _SLOTS.clear()
    of = st.session_state.get(EDITING_OF)
    st.title(f"Rediger «{of}»" if of else "Ny modell")
    st.caption(
        "Bygg saken din her: alternativene, linjene og forutsetningene. Tallene under regnes fra siste gyldige "
        "versjon mens du skriver. Tall skrives med komma eller punktum; prosenter som prosent (14,1)."
    )
    saved_as = f"Det lagrede scenariet «{of}» er uendret til du" if of else "Det blir et scenario først når du"
    st.info(
        "**Utkast, ikke lagret ennå.** Det du skriver, tas vare på fortløpende: adressen i nettleseren åpner "
        f"utkastet igjen etter en omlasting eller Tilbake. {saved_as} lagrer det nederst.",
        icon=":material/edit_note:",
    )
    top = st.columns([1, 1, 1, 3])
    top[1].button("Avslutt redigering", key="close_editor", on_click=close_editor)
    problems = st.container()  # filled below once the tables are read: what must be mended shows at the top
    settings = _settings(tables)
    _slot("Om modellen")
    alternatives = _alternatives(tables)
    lines = {}
    for k, row in enumerate(alternatives):
        position = row.get(POSITION)
        if position is None:
            row[POSITION] = f"ny{k}"  # a row added here: its lines tables are new
        elif isinstance(position, float):
            row[POSITION] = int(position)  # pandas makes the column float once a row without one is added
    owners = [
        (row[POSITION], row.get("name") or row.get("id") or f"alternativ {k + 1}") for k, row in enumerate(alternatives)
    ]
    for owner, title in [*owners, (COMMON, COMMON_TITLE)]:
        lines.update(_lines(tables, owner, title))
    st.subheader("Forutsetninger")
    assumptions = _assumptions(tables)
    _slot(ASSUMPTIONS_TITLE)
    parameters = _parameters(tables)
    _slot(PARAMETERS_TITLE)
    capacity = _capacity(tables)
    _slot(CAPACITY_TITLE)
    settings["partner_key"], partners = _partners(tables)
    _slot(PARTNERS_TITLE)
    effects = _effects(tables, alternatives)
    _slot(EFFECTS_TITLE)
    edited = Tables(settings, alternatives, lines, assumptions, parameters, capacity, partners, effects, tables.rest)
    data, cells = to_data(edited)
    _keep_draft(data)
    if data != draft:
        history = st.session_state.setdefault(HISTORY, [])
        history.append(draft)
        del history[:-MAX_UNDO]
        st.session_state[DRAFT] = data
    top[0].button(
        "Angre", key="undo", on_click=undo, disabled=not st.session_state.get(HISTORY)
    )  # after this run's edit
    try:
        scenario = parse_scenario(data)
    except ScenarioError as exc:
        shown = at_cells(exc.problems, cells)
        problems.error("**Dette må rettes før tallene oppdateres:**\n" + "\n".join(f"- {p}" for p in shown))
        _beside_their_tables(shown)
        scenario = st.session_state.get(VALID)
        stale = scenario is not None
    else:
        st.session_state[VALID] = scenario
        stale = False
    if scenario is not None:
        _keep(scenario)
    if stale:
        st.warning(
            "**Tallene under er fra siste gyldige versjon av utkastet**, ikke fra det som står i tabellene nå: "
            "rett det som er merket med rødt, så oppdateres de."
        )
    return scenario


COMMON_TITLE = "Felles linjer"  # as drafts.to_data names the common lines' cells
_SLOTS: dict[str, object] = {}  # this run's places beside each table for its problems, by the cells' prefix


def _slot(prefix: str) -> None:
    """A place right below a table (outside its expander) where the problems of its cells are shown."""
    _SLOTS[prefix] = st.empty()


def _beside_their_tables(shown: list[str]) -> None:
    """Each problem also beside the table it concerns (the longest prefix of its cell name), not only at the top."""
    found: dict[str, list[str]] = {}
    for text in shown:
        prefix = max((p for p in _SLOTS if text.startswith(p)), key=len, default=None)
        if prefix is not None:
            found.setdefault(prefix, []).append(text.removeprefix(prefix).lstrip(" ›,:"))
    for prefix, texts in found.items():
        _SLOTS[prefix].error("\n".join(f"- {t}" for t in texts))


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
        value=round(100 * (s.get("discount_rate") or load_reference().default("discount_rate")), 6),
        step=0.5,
        key=_key("discount_rate"),
    )
    out["discount_rate"] = round(rate / 100, 10)
    for name in ("prices", "discount_rate"):  # a default the file left out stays out (undo starts empty)
        if s.get(name) is None and out[name] == Scenario.model_fields[name].get_default(call_default_factory=True):
            out[name] = None
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
        standard = load_reference().default_parameter("wage_growth" if name == "wages" else "price_growth")
        value = series.get("default", standard.value)
        shown = round(value * 100 if isinstance(value, (int, float)) else 0.0, 6)
        rate = column.number_input(
            label,
            -10.0,
            50.0,
            value=shown,
            step=0.1,
            key=_key(f"growth-{name}"),
            help=f"Gjelder år uten eget tall. Standard {fmt.percent(standard.value)} ({standard.year}): "
            f"{standard.source}",
        )
        if "default" in series or rate != shown or not growth.get("source"):  # a named series' own years stand
            series["default"] = round(rate / 100, 10)
        if series:
            growth[name] = series
    tables.rest["growth"] = {k: v for k, v in growth.items() if v is not None}


def _assumptions(tables: Tables) -> list[dict]:
    """Named assumptions: a value (or a range) several fields share; a field refers to one as `{ref: NAVN}`."""
    import pandas as pd

    with st.expander(ASSUMPTIONS_TITLE, expanded=bool(tables.assumptions)):
        st.caption(
            "En verdi flere felt deler, f.eks. en timepris eller måneden de nye er på plass. Skriv navnet i et "
            "felt for å bruke den (i Start og Slutt også med forskyvning: ansatt_fra + 1 for en måned etter). "
            "Verdi er et tall eller en måned (ÅÅÅÅ-MM); fyll heller Lav og Høy (og Mest sannsynlig) for et "
            "usikkert anslag. En sats (Enhet %) skrives i prosent, som alle satser i appen."
        )
        frame = pd.DataFrame(tables.assumptions, columns=list(ASSUMPTION_COLUMNS)).fillna("")
        frame["dist"] = frame["dist"].replace("", NO_CHOICE)
        config = {key: _text_column(title, help=ASSUMPTION_HELP.get(key)) for key, title in ASSUMPTION_COLUMNS.items()}
        config["unit"] = _text_column(
            "Enhet", disabled=True, help="Fra feltene som bruker forutsetningen; en sats (%) skrives i prosent"
        )
        config["dist"] = st.column_config.SelectboxColumn(
            "Fordeling",
            options=[NO_CHOICE, "pert", "triangular", "uniform"],
            default=NO_CHOICE,
            format_func=lambda v: DISTRIBUTIONS.get(v, v),
            help=ASSUMPTION_HELP["dist"],
        )
        edited = st.data_editor(
            frame, num_rows="dynamic", hide_index=True, key=_key("assumptions"), column_config=config
        )
    return [_clean(row) for row in edited.to_dict("records")]


ASSUMPTION_HELP = {
    "name": "Kort navn uten punktum; brukes i {ref: navn}",
    "label": "Slik forutsetningen vises i appen og rapportene",
    "value": "Et tall eller en måned ÅÅÅÅ-MM (tom når Lav og Høy er fylt)",
    "low": "Laveste verdi i et usikkert anslag",
    "mode": "Mest sannsynlige verdi (valgfri)",
    "high": "Høyeste verdi i et usikkert anslag",
    "dist": "Fordelingen mellom Lav og Høy (tom: PERT med mest sannsynlig, ellers jevn)",
}
DISTRIBUTIONS = {NO_CHOICE: "–", "pert": "PERT", "triangular": "trekant", "uniform": "jevn"}


def _parameters(tables: Tables) -> dict:
    """The staff parameters every own position shares unless its line says otherwise (one row)."""
    with st.expander(PARAMETERS_TITLE, expanded=False):
        st.caption(
            "Gjelder alle egne stillinger som ikke har egen verdi på linjen. Tom celle: standardverdien "
            "(arbeidsgiveravgift etter sone, pensjon og feriepenger fra parameterfilene; sykefravær og vakanse 0)."
        )
        rows = _fields_table(parameter_fields(), [tables.parameters], _key("parameters"), dynamic=False)
    return rows[0] if rows else {}


def _capacity(tables: Tables) -> dict | None:
    """Capacity: the effective årsverk every alternative is held to, and how a gap is covered."""
    import pandas as pd

    capacity = tables.capacity
    with st.expander(CAPACITY_TITLE, expanded=capacity is not None):
        on = st.checkbox(
            "Regn med kapasitetsbehov",
            value=capacity is not None,
            key=_key("capacity_on"),
            help="Hold alle alternativene til samme behov for effektive årsverk; et gap dekkes med innleie "
            "eller vises som udekket.",
        )
        if not on:
            return None
        capacity = dict(capacity or {"basis": "fte", "need": [{"year": DEFAULT_YEAR, "value": ""}], "cover": "none"})
        bases = ["fte", "cases"]
        capacity["basis"] = st.radio(
            "Behovet oppgis som",
            bases,
            index=bases.index(capacity.get("basis") or "fte"),
            horizontal=True,
            format_func={"fte": "effektive årsverk per år", "cases": "saker per år"}.get,
            key=_key("capacity_basis"),
        )
        left, right = st.columns([1, 2])
        with left:
            need = st.data_editor(
                pd.DataFrame(capacity.get("need") or [], columns=["year", "value"]).fillna(""),
                num_rows="dynamic",
                hide_index=True,
                key=_key("capacity_need"),
                column_config={
                    "year": _text_column("År", help=f"Et år (2026) eller «{DEFAULT_YEAR}»"),
                    "value": _text_column(
                        "Behov", help="Årsverk eller saker i året; et usikkert anslag som {low: 18, high: 22}"
                    ),
                },
            )
        capacity["need"] = [_clean(row) for row in need.to_dict("records")]
        fields = capacity_fields()
        if capacity["basis"] != "cases":
            fields.pop("cases_per_fte")
        with right:
            row = _fields_table(fields, [capacity], _key(f"capacity-{capacity['basis']}"), dynamic=False)
        capacity.update(row[0] if row else {})
    return capacity


def _partners(tables: Tables) -> tuple[str | None, list[dict]]:
    """Partner municipalities: the key's text, and one row each with a share or a basis (§16)."""
    with st.expander(PARTNERS_TITLE, expanded=bool(tables.partners)):
        st.caption(
            "Kommunene som deler kostnadene i et vertskommunesamarbeid. Gi alle en andel (til sammen 100 %), eller "
            "alle et fordelingsgrunnlag, f.eks. innbyggere 0–17 år. En linje som én kommune betaler alene, får "
            "kommunens id i kolonnen «Betales av»."
        )
        key = st.text_input(
            "Fordelingsnøkkel (hva den bygger på, og kilden)",
            value=tables.settings.get("partner_key") or "",
            key=_key("partner_key"),
        )
        rows = _fields_table(partner_fields(), tables.partners, _key("partners"), dynamic=True)
    return key.strip() or None, rows


def _effects(tables: Tables, alternatives: list[dict]) -> list[dict]:
    """Non-priced effects: importance, and the impact in each alternative against the nullalternativ (§15)."""
    import pandas as pd

    compared = [a for a in alternatives if a.get("id") and not a.get("baseline")]
    with st.expander(EFFECTS_TITLE, expanded=bool(tables.effects)):
        st.caption(
            "Virkninger som ikke regnes i kroner, vurdert mot nullalternativet: betydning (liten, middels, stor) og "
            "omfang per alternativ (−− stort negativt … ++ stort positivt). Sammen gir de konsekvensen på skalaen "
            "−−−− … ++++, som vises ved siden av kronene (stor betydning og omfang + gir +++)."
        )
        metas = effect_fields()
        own = list(metas)  # the impact columns right after the importance, the free-text note last
        columns = [*own[:3], *(IMPACT + a["id"] for a in compared), *own[3:]]
        frame = pd.DataFrame([{k: r.get(k) for k in columns} for r in tables.effects], columns=columns)
        for name in columns:
            if name != "importance":
                frame[name] = frame[name].fillna("")
        config = {name: _column(name, meta, False) for name, meta in metas.items()}
        for a in compared:
            config[IMPACT + a["id"]] = st.column_config.SelectboxColumn(
                f"Omfang: {a.get('name') or a['id']}", options=list(IMPACTS), help="Mot nullalternativet"
            )
        edited = st.data_editor(
            frame,
            num_rows="dynamic",
            hide_index=True,
            key=_key("effects-" + "-".join(a["id"] for a in compared)),
            column_config=config,
        )
    return [_clean(row) for row in edited.to_dict("records")]


def _alternatives(tables: Tables) -> list[dict]:
    import pandas as pd

    st.subheader("Alternativer")
    frame = pd.DataFrame(tables.alternatives or [], columns=["id", "name", "baseline", POSITION])
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        key=_key("alternatives"),
        column_config={
            "id": _text_column("Id", help="Kort id uten punktum, f.eks. innleie", required=True),
            "name": _text_column("Navn", help="Navnet i tabeller og figurer", width="large"),
            "baseline": st.column_config.CheckboxColumn(
                "Nullalternativ", help="Alternativet de andre sammenlignes med"
            ),
            POSITION: None,
        },
    )
    _slot("Alternativer")
    return [_clean(row) for row in edited.to_dict("records")]


def _lines(tables: Tables, owner, title: str) -> dict:
    """One table per line kind for an owner (an alternative's position, or the common lines)."""
    shown = "Felles linjer (i alle alternativer)" if owner == COMMON else title
    st.markdown(f"**{shown[:1].upper() + shown[1:]}**")
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
        out[(owner, kind)] = _kind_table(owner, title, kind, rows) if kind in added else []
    return out


def _kind_table(owner, title: str, kind: str, rows: list[dict]) -> list[dict]:
    metas = {n: line_field(n) for n in kind_fields(kind) if n != KIND_COLUMN}
    st.caption(kind_label(kind).capitalize())
    edited = _fields_table(metas, rows, _key(f"lines-{owner}-{kind}"), dynamic=True, hidden=(ORDER,))
    _slot(f"{title} › {kind_label(kind)}")
    return [{**row, KIND_COLUMN: kind} for row in edited]


def _fields_table(metas: dict, rows: list[dict], key: str, *, dynamic: bool, hidden=()) -> list[dict]:
    """A table with one column per field, drawn from the fields' metadata. A column where any row holds a range
    or a reference is edited as text (`{ref: timepris}`); empty text cells show empty."""
    import pandas as pd

    text = {n for n in metas if any(isinstance(r.get(n), dict) for r in rows)}
    config = {name: None for name in hidden}
    for name, meta in metas.items():
        present = [r.get(name) for r in rows if isinstance(r.get(name), str)]  # a choice the list lacks stays
        config[name] = _column(name, meta, name in text, present)
    numbers = {n for n, meta in metas.items() if cell_kind(n, meta) == "number"}
    months = {n for n, meta in metas.items() if cell_kind(n, meta) == "month"}
    textual = {n for n, meta in metas.items() if n in text or cell_kind(n, meta) == "text"}
    frame = pd.DataFrame(
        [
            {
                **{
                    n: number_cell(r.get(n))
                    if n in numbers
                    else month_cell(r.get(n))
                    if n in months
                    else (as_text(r.get(n)) or "")
                    if n in textual
                    else r.get(n) or NO_CHOICE
                    if n in OPTIONAL_CHOICES
                    else r.get(n)
                    for n in metas
                },
                **{h: r.get(h) for h in hidden},
            }
            for r in rows
        ],
        columns=[*metas, *hidden],
    )
    edited = st.data_editor(
        frame, num_rows="dynamic" if dynamic else "fixed", hide_index=True, key=key, column_config=config
    )
    return [_clean(row) for row in edited.to_dict("records")]


def _column(name: str, meta, as_text_column: bool, present=()):
    """A table column drawn as the field's metadata says: its title and unit, help, bounds, step. A choice column
    also offers the values `present` in its rows."""
    how, title = cell_kind(name, meta), column_title(meta)
    if how == "month":
        # No pattern on the cell: the grid drops a value that fails one without a word. A month (ÅÅÅÅ-MM) or a
        # named month assumption with an offset (`ansatt_fra + 1`) is read by drafts.read_month_cell, and anything
        # else is named at its cell by the scenario's own check.
        return _text_column(title, help=f"{meta.help}. {LINKED_MONTH_HELP}")
    if how == "flag":
        return st.column_config.CheckboxColumn(title, help=meta.help)
    if how == "choice":
        blank = [NO_CHOICE] if name in OPTIONAL_CHOICES else []  # left to the default, never shown as «None»
        options = list(dict.fromkeys([*blank, *CHOICES.get(name, LINE_KINDS), *present]))
        return st.column_config.SelectboxColumn(
            title,
            help=meta.help,
            options=options,
            default=NO_CHOICE if blank else None,
            format_func=lambda v: CHOICE_LABELS.get(v, v),
        )
    if how == "text" or as_text_column:
        return _text_column(title, help=meta.help)
    # Numbers are text cells: the grid's own number editor reads «12,5» as 125 in an English browser and clamps
    # «-5» to 0 without a word; as text they are read as Norwegians write them (read_cell) and a wrong value is
    # named at its cell by the scenario's own check.
    return _text_column(title, help=meta.help, alignment="right")


LINKED_MONTH_HELP = (
    "Skriv måneden som ÅÅÅÅ-MM, eller navnet på en navngitt forutsetning (en måned) for å følge den, "
    "med forskyvning i måneder om du vil: ansatt_fra, ansatt_fra + 1, ansatt_fra − 2"
)


def _text_column(title: str, **options):
    """A text column whose new rows start empty (the grid would show an unset cell as «None»)."""
    return st.column_config.TextColumn(title, default="", **options)


OPTIONAL_CHOICES = ("index", "employer_tax_zone", "unit")  # a blank cell means the default
CHOICES = {
    "index": ["wages", "prices", "none"],
    "employer_tax_zone": ["I", "Ia", "II", "III", "IV", "IVa", "V"],
    "cover": ["none", "consultant"],
    "importance": ["liten", "middels", "stor"],
    "unit": [HOUR, "døgn", "dagsverk", "tiltak", "plass", "uke", "måned"],
}
CHOICE_LABELS = {
    "wages": "lønnsvekst",
    "prices": "prisvekst",
    "none": "ingen",
    "consultant": "innleie",
    HOUR: "timer",
    **{kind: kind_label(kind) for kind in LINE_KINDS},
}


def _clean(row: dict) -> dict:
    """A table row with pandas' blanks (NaN, None) as None."""
    return {k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in row.items()}


def _keep(scenario: Scenario) -> None:
    """Save (atomic, versioned) and open it; or download it as YAML. A name already saved is saved again only
    when the user says so, and the version saved before is kept."""
    st.subheader("Lagre")
    left, middle, right = st.columns([2, 1, 1])
    field = _key(f"save_name-{scenario.name}")  # follows the case's name until the user writes another
    name = left.text_input("Lagres som", value=scenario.name, key=field, max_chars=64)
    refused = saving.denied_text()
    middle.button(
        "Lagre og åpne", key="save_draft", disabled=bool(not name.strip() or refused), on_click=_save,
        args=(scenario, field), help=refused,
    )  # fmt: skip
    if "save_problem" in st.session_state:
        st.error(f"Kunne ikke lagre: {st.session_state.pop('save_problem')}")
    asked = st.session_state.get("save_again")
    if asked is not None:
        st.warning(
            f"Det finnes allerede et lagret scenario som heter «{asked}». Lagre dette som en ny versjon av det? "
            "Versjonene som er lagret fra før, beholdes."
        )
        yes, no = st.columns([1, 3])
        yes.button("Lagre som ny versjon", key="save_again_yes", on_click=_save, args=(scenario, field, True))
        no.button("Avbryt", key="save_again_no", on_click=lambda: st.session_state.pop("save_again", None))
    right.download_button(
        "Last ned YAML",
        storage.serialise(scenario, scenario.name),
        file_name=f"{storage.slug(scenario.name) or 'scenario'}.yaml",
        mime="application/x-yaml",
        key="download_draft",
    )


def _save(scenario: Scenario, field: str, again: bool = False) -> None:
    """Callback of «Lagre og åpne» (and «Lagre som ny versjon» when the user was asked): the saved version becomes
    the scenario on screen, and its link works for the organisation. The name is read from the field as it is now:
    typed and clicked at once, the field's new text comes with the click."""
    name = st.session_state.get(field) or scenario.name
    st.session_state.pop("save_again", None)
    based_on = saving.opened_version(st.session_state.get(EDITING_KEY), name)
    try:
        done = saving.save(scenario, name, new_version=again or based_on is not None, based_on=based_on)
    except scenarios.Exists:  # ask first; a name is added to only when the user says so
        st.session_state["save_again"] = name
        return
    except (StoreError, storage.SaveError) as exc:
        st.session_state["save_problem"] = str(exc)
        return
    st.session_state["saved_message"] = saving.told(done, name)
    who = account.current()
    try:
        links.drop_draft(who.db, who.actor, who.organisation, st.session_state.get(DRAFT_ID, ""))
    except StoreError:
        pass  # the draft is cleaned up later with the others
    st.session_state["source"] = saving.key_of(done)
    close_editor()
