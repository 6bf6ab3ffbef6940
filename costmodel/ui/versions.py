"""The tab «Versjoner» of a saved scenario: its versions (who, when, why, status), opening one, restoring one as
a new version, marking one utkast, forslag or vedtatt, and what changed between two of them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from costmodel.report import compare
from costmodel.scenario import load_scenario
from costmodel.store import links, scenarios
from costmodel.store.database import StoreError
from costmodel.store.members import LOCAL_USER, SYSTEM
from costmodel.ui import account, source

OSLO = ZoneInfo("Europe/Oslo")
STATUS_WORDS = {"": "ingen", "utkast": "utkast", "forslag": "forslag", "vedtatt": "vedtatt (låst)"}


def when(moment: datetime) -> str:
    """A stored time (UTC) as Norwegian local time: `07.12.2026 kl. 09.17`."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(OSLO)
    return local.strftime("%d.%m.%Y kl. %H.%M")


def author(user: str) -> str:
    return {LOCAL_USER.user: "lokal bruker", SYSTEM.user: "importert"}.get(user, user)


def view(key: str) -> None:
    import pandas as pd

    who = account.current()
    organisation, name_slug, opened = source.parse_saved(key)
    organisation = organisation or who.organisation
    try:
        kept = scenarios.versions(who.db, who.actor, organisation, name_slug)
    except StoreError as exc:
        st.error(f"Versjonene kan ikke vises: {exc}.")
        return
    latest = kept[0].number
    opened = opened or latest
    st.subheader("Versjoner")
    st.caption(
        f"Hver lagring er en ny versjon; ingen versjon blir skrevet over. Du ser versjon {opened} av {latest}. "
        "En vedtatt versjon er låst: endringer lagres som en ny versjon."
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Versjon": [v.number for v in kept],
                "Lagret": [when(v.saved_at) for v in kept],
                "Av": [author(v.author) for v in kept],
                "Status": [STATUS_WORDS.get(v.status, v.status) for v in kept],
                "Kommentar": [v.comment for v in kept],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    numbers = [v.number for v in kept]
    label = {v.number: f"Versjon {v.number} ({when(v.saved_at)}, {author(v.author)})" for v in kept}
    chosen = st.selectbox("Velg en versjon", numbers, index=numbers.index(opened), format_func=label.get,
                          key=f"version_pick-{name_slug}")  # fmt: skip
    info = next(v for v in kept if v.number == chosen)
    left, middle = st.columns(2)
    if chosen != opened:
        left.button("Åpne denne versjonen", key="version_open", on_click=_open, args=(organisation, name_slug, chosen))
    if who.may_save and chosen != latest:
        middle.button(
            "Gjenopprett som ny versjon", key="version_restore", on_click=_restore,
            args=(organisation, name_slug, chosen),
        )  # fmt: skip
    if who.may_save:
        _status(organisation, name_slug, info)
    _share(organisation, name_slug, info)
    if "version_message" in st.session_state:
        st.success(st.session_state.pop("version_message"))
    if "version_problem" in st.session_state:
        st.error(st.session_state.pop("version_problem"))
    if len(kept) > 1:
        _compare(organisation, name_slug, kept, chosen)


def _status(organisation: str, name_slug: str, info: scenarios.VersionInfo) -> None:
    if info.status == scenarios.ADOPTED:
        st.caption(f"Versjon {info.number} er vedtatt og låst.")
        return
    options = ["", *scenarios.STATUSES]
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    status = left.selectbox(
        f"Status for versjon {info.number}", options, index=options.index(info.status),
        format_func=lambda s: STATUS_WORDS[s], key=f"version_status-{info.number}",
    )  # fmt: skip
    right.button(
        "Sett status", key="version_set_status", disabled=status == info.status,
        on_click=_set_status, args=(organisation, name_slug, info.number, status),
    )  # fmt: skip
    if status == scenarios.ADOPTED and status != info.status:
        st.warning("En vedtatt versjon kan ikke endres eller få annen status senere.")


def _share(organisation: str, name_slug: str, info: scenarios.VersionInfo) -> None:
    """A link to this version for the organisation's members (an administrator may open it to everyone)."""
    if st.button(f"Lag lenke til versjon {info.number}", key="version_share"):
        who = account.current()
        try:
            name, _, data = scenarios.open_version(who.db, who.actor, organisation, name_slug, info.number)
            token = links.share(who.db, who.actor, who.organisation, f"{name}, versjon {info.number}", data)
        except StoreError as exc:
            st.error(f"Ingen lenke laget: {exc}.")
            return
        st.write("Lenken åpner denne versjonen for medlemmene av organisasjonen (kan trekkes tilbake under «Deling og "
                 "tilgang»). Legg den til etter adressen til appen:")  # fmt: skip
        st.code(f"?scenario=delt:{token}", language=None)


def _compare(organisation: str, name_slug: str, kept: list, chosen: int) -> None:
    import pandas as pd

    who = account.current()
    st.subheader("Hva er endret?")
    others = [v.number for v in kept if v.number != chosen]
    other = st.selectbox(
        f"Sammenlign versjon {chosen} med", others, format_func=lambda n: f"versjon {n}", key="version_against"
    )
    first, second = sorted((other, chosen))
    try:
        before = load_scenario(scenarios.open_version(who.db, who.actor, organisation, name_slug, first)[2])
        after = load_scenario(scenarios.open_version(who.db, who.actor, organisation, name_slug, second)[2])
    except StoreError as exc:
        st.error(f"Versjonene kan ikke sammenlignes: {exc}.")
        return
    changed = compare.changes(before, after)
    if not changed:
        st.write(f"Versjon {first} og {second} har de samme verdiene.")
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "Hva": [c.where for c in changed],
                    f"Versjon {first}": [c.before for c in changed],
                    f"Versjon {second}": [c.after for c in changed],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    figures = compare.key_figures(before, after)
    st.dataframe(
        pd.DataFrame(
            {
                "Nøkkeltall": [f[0] for f in figures],
                f"Versjon {first}": [f[1] for f in figures],
                f"Versjon {second}": [f[2] for f in figures],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _open(organisation: str, name_slug: str, number: int) -> None:
    st.session_state["source"] = source.saved_key(organisation, name_slug, number)
    st.session_state.pop(f"version_pick-{name_slug}", None)  # the list starts at the version on screen


def _restore(organisation: str, name_slug: str, number: int) -> None:
    who = account.current()
    try:
        done = scenarios.restore(who.db, who.actor, organisation, name_slug, number)
    except StoreError as exc:
        st.session_state["version_problem"] = f"Ikke gjenopprettet: {exc}."
        return
    st.session_state["source"] = source.saved_key(organisation, name_slug)
    st.session_state.pop(f"version_pick-{name_slug}", None)
    st.session_state["version_message"] = f"Versjon {number} er gjenopprettet som versjon {done.number}."


def _set_status(organisation: str, name_slug: str, number: int, status: str) -> None:
    who = account.current()
    try:
        scenarios.set_status(who.db, who.actor, organisation, name_slug, number, status)
    except StoreError as exc:
        st.session_state["version_problem"] = f"Status ikke endret: {exc}."
        return
    st.session_state["version_message"] = f"Versjon {number} er merket «{STATUS_WORDS[status]}»."
