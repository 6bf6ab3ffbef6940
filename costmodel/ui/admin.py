"""«Deling og tilgang»: a member's own links (revoke), and for an administrator the organisation's members and
roles, whether links may open without sign-in, every link, and the audit trail."""

from __future__ import annotations

import streamlit as st

from costmodel.store import links, members
from costmodel.store.database import StoreError
from costmodel.ui import account
from costmodel.ui.versions import author, when

ROLE_WORDS = {members.READER: "leser", members.EDITOR: "redaktør", members.ADMIN: "administrator"}


def toggle() -> bool:
    """The switch in the sidebar, for members of an organisation."""
    if account.current().membership is None:
        return False
    with st.sidebar:
        return st.toggle(
            "Deling og tilgang", key="admin", help="Lenker du har delt; for administratorer også medlemmer"
        )


def view() -> None:
    who = account.current()
    st.title("Deling og tilgang")
    st.caption(
        f"{who.membership.name}: du er {ROLE_WORDS[who.membership.role]}. En leser kan åpne og laste ned, en redaktør "
        "kan også lagre, og en administrator styrer medlemmer og lenker."
    )
    if "admin_message" in st.session_state:
        st.success(st.session_state.pop("admin_message"))
    if "admin_problem" in st.session_state:
        st.error(st.session_state.pop("admin_problem"))
    _links()
    if who.admin:
        if account.mode() != account.LOCAL_MODE:  # local use has one user and no one to let in
            _members()
            _public()
        _trail()


def _act(action, done: str) -> None:
    try:
        action()
    except StoreError as exc:
        st.session_state["admin_problem"] = f"Ikke gjort: {exc}."
    else:
        st.session_state["admin_message"] = done


def _links() -> None:
    import pandas as pd

    who = account.current()
    st.subheader("Lenker" if who.admin else "Lenker du har delt")
    found = links.links(who.db, who.actor, who.organisation)
    active = [s for s in found if not s.revoked]
    if not active:
        st.write("Ingen lenker er i bruk.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Scenario": [s.title for s in active],
                "Lenke": [f"?scenario=delt:{s.token}" for s in active],
                "Delt av": [author(s.created_by) for s in active],
                "Sist åpnet": [when(s.opened_at) for s in active],
                "Åpen uten innlogging": ["ja" if s.public else "nei" for s in active],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    names = {s.token: f"{s.title} ({s.token[:8]}…)" for s in active}
    chosen = st.selectbox("Velg en lenke", list(names), format_func=names.get, key="admin_link")
    left, right = st.columns(2)
    left.button(
        "Trekk tilbake lenken", key="admin_revoke",
        on_click=_act, args=(lambda: links.revoke(who.db, who.actor, chosen), "Lenken er trukket tilbake."),
    )  # fmt: skip
    if who.admin and who.membership.public_links:
        public = next(s.public for s in active if s.token == chosen)
        right.button(
            "Gjør lenken lukket" if public else "Gjør lenken åpen uten innlogging", key="admin_public_link",
            on_click=_act, args=(lambda: links.make_public(who.db, who.actor, chosen, not public), "Lenken er endret."),
        )  # fmt: skip


def _members() -> None:
    import pandas as pd

    who = account.current()
    st.subheader("Medlemmer")
    found = members.members(who.db, who.actor, who.organisation)
    st.dataframe(
        pd.DataFrame({"Bruker": [u for u, _ in found], "Rolle": [ROLE_WORDS[r] for _, r in found]}),
        hide_index=True,
        width="stretch",
    )
    left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
    user = left.text_input("E-postadresse", key="admin_user", max_chars=320)
    role = middle.selectbox("Rolle", [*members.ROLES, ""], key="admin_role",
                            format_func=lambda r: ROLE_WORDS.get(r, "fjern fra organisasjonen"))  # fmt: skip
    right.button(
        "Lagre", key="admin_member", disabled=not user.strip(),
        on_click=_act, args=(
            lambda: members.set_member(who.db, who.actor, who.organisation, user, role or None),
            f"{user.strip()} er {ROLE_WORDS[role] if role else 'fjernet'}.",
        ),
    )  # fmt: skip


def _public() -> None:
    who = account.current()
    st.subheader("Lenker uten innlogging")
    allowed = who.membership.public_links
    st.write(
        "Lenker kan gjøres åpne uten innlogging, f.eks. for saksdokumenter til et politisk møte."
        if allowed
        else "Ingen lenker kan åpnes uten innlogging."
    )
    switch = lambda: members.allow_public_links(who.db, who.actor, who.organisation, not allowed)  # noqa: E731
    st.button(
        "Ikke tillat åpne lenker" if allowed else "Tillat åpne lenker", key="admin_allow_public",
        on_click=_act, args=(switch, "Innstillingen er endret."),
    )  # fmt: skip


def _trail() -> None:
    import pandas as pd

    who = account.current()
    st.subheader("Logg")
    st.caption(
        "Hvem som har lagret, endret status, åpnet vedtatte versjoner, delt, trukket tilbake og endret medlemmer."
    )
    found = members.audit_trail(who.db, who.actor, who.organisation)
    st.dataframe(
        pd.DataFrame(
            {
                "Tid": [when(e.at) for e in found],
                "Hvem": [author(e.actor) for e in found],
                "Hva": [e.action for e in found],
                "Gjelder": [e.target for e in found],
                "Detaljer": [e.detail for e in found],
            }
        ),
        hide_index=True,
        width="stretch",
    )
