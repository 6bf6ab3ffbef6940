"""Who uses the app, for which organisation, and the store they work in.

Three ways to run, by configuration:
- **local** (nothing configured): one local user, administrator of «Lokal bruk»; the page says «Lokal bruk:
  ingen innlogging». Refused when the server listens on an address others can reach, unless
  COSTMODEL_OPEN_SERVER=1 says it is meant.
- **oidc**: Streamlit's own sign-in (`st.login`) against the OpenID Connect provider in the `[auth]` section of
  `.streamlit/secrets.toml` (Entra ID, ID-porten, …). The user is their e-mail claim.
- **header**: behind an authenticating reverse proxy (oauth2-proxy, …) that sets COSTMODEL_AUTH_HEADER (e.g.
  `X-Forwarded-Email`); the header is believed only from the addresses in COSTMODEL_TRUSTED_PROXIES.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

import streamlit as st

from costmodel.store import database, files, members
from costmodel.store.database import Database, StoreError, Unavailable
from costmodel.store.members import LOCAL, LOCAL_USER, Actor, Membership
from costmodel.ui import controls

LOCAL_MODE, OIDC, HEADER = "lokal", "oidc", "header"
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
ORGANISATION = "organisation"  # the session's chosen organisation (slug)
KNOWN = "membership_known"  # the last membership the database confirmed, for when it does not answer
SEEN = "memberships_seen"  # (user, memberships) as this session last read them; a slider step reuses them


def mode() -> str:
    if os.environ.get("COSTMODEL_AUTH_HEADER"):
        return HEADER
    try:
        if "auth" in st.secrets:
            return OIDC
    except Exception:  # noqa: BLE001 (no secrets file: nothing configured)
        pass
    return LOCAL_MODE


@st.cache_resource(show_spinner=False)
def _open(url: str) -> tuple[Database, str | None]:
    """The store at `url`, once per process: a local SQLite file upgrades itself and takes in the files saved
    before it; a server's database must have been upgraded by `costmodel db upgrade`."""
    db = database.connect(url)
    if db.sqlite:
        database.upgrade(db)
    elif database.current_revision(db) != database.HEAD:
        raise Unavailable("databasen er ikke oppgradert; administratoren må kjøre «costmodel db upgrade»")
    members.ensure_local(db)
    report = files.first_start(db, LOCAL, database.user_dir()) if mode() == LOCAL_MODE else None
    return db, report.words() if report else None


def store() -> Database:
    """The store, or a message on the page and the run stopped when it cannot be reached."""
    try:
        db, report = _open(database.database_url())
    except (StoreError, OSError) as exc:
        _open.clear()
        st.error(f"**Lagrede scenarier er ikke tilgjengelige:** {_reason(exc)}.")
        st.stop()
    if report and not st.session_state.get("import_told"):
        st.session_state["import_told"] = True
        st.info(f"Lagrede scenarier er flyttet inn i databasen: {report}.")
    return db


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, StoreError) else database.UNAVAILABLE


def refuse_open_server() -> None:
    """Local use on an address others can reach is refused, unless explicitly allowed."""
    if mode() != LOCAL_MODE or os.environ.get("COSTMODEL_OPEN_SERVER") == "1":
        return
    address = st.get_option("server.address") or "0.0.0.0"
    if address not in LOOPBACK:
        st.error(
            f"**Serveren er startet på adressen {address} uten innlogging.** Alle som når den, ville sett og kunnet "
            "endre alle lagrede scenarier. Sett opp innlogging (docs/server.md), start på localhost, "
            "eller sett COSTMODEL_OPEN_SERVER=1 hvis det er meningen."
        )
        st.stop()


def actor() -> Actor | None:
    """The user of this session, or None when no one is signed in."""
    if mode() == LOCAL_MODE:
        return LOCAL_USER
    if mode() == HEADER:
        return _from_header()
    if not st.user.is_logged_in:
        return None
    claims = st.user.to_dict()
    return Actor(identity(claims), str(claims.get("name") or claims.get("email") or ""))


def identity(claims: dict) -> str:
    """The user's key: the e-mail claim (or Entra's preferred_username), else `sub:` and the subject, so that an
    identity can never be the local user or the command line's."""
    for claim in ("email", "preferred_username", "upn"):
        value = str(claims.get(claim) or "").strip().lower()
        if "@" in value and len(value) <= 320:
            return value
    return f"sub:{claims.get('sub', '')}"[:320]


def _from_header() -> Actor | None:
    trusted = [n.strip() for n in os.environ.get("COSTMODEL_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if n.strip()]
    client = st.context.ip_address or "127.0.0.1"  # Streamlit reports a loopback peer as None
    try:
        address = ipaddress.ip_address(client)
        allowed = any(address in ipaddress.ip_network(n, strict=False) for n in trusted)
    except ValueError:
        allowed = False
    value = (st.context.headers.get(os.environ["COSTMODEL_AUTH_HEADER"]) or "").strip().lower()
    if not allowed or "@" not in value or len(value) > 320:
        return None
    return Actor(value, value)


def sign_in_page() -> None:
    """What someone not signed in sees: what the app is, and the button."""
    st.title("Kostnadsmodell")
    st.write("Logg inn med kontoen fra kommunen din for å se og lagre scenarier.")
    if mode() == OIDC:
        if st.button("Logg inn", type="primary", key="sign_in"):
            st.login()
    else:
        st.error("Innloggingen foran appen sendte ingen bruker. Kontakt den som drifter tjenesten.")
    st.stop()


def organisation(db: Database, who: Actor) -> Membership:
    """The organisation the session works in: its only one, or the one chosen in the sidebar."""
    try:
        mine = _memberships(db, who)
    except StoreError as exc:  # the database is away: work on with what this session knew, and say so
        known = st.session_state.get(KNOWN)
        if known is None and mode() != LOCAL_MODE:
            st.error(f"**Lagrede scenarier er ikke tilgjengelige:** {exc}.")
            st.stop()
        st.sidebar.warning(
            "Databasen svarer ikke akkurat nå. Du kan regne videre; lagrede scenarier og lagring kommer tilbake når "
            "den svarer igjen."
        )
        return known or Membership(LOCAL, "Lokal bruk", members.ADMIN, True)
    st.session_state[KNOWN] = None
    if not mine:
        st.title("Kostnadsmodell")
        st.warning(
            f"Du er logget inn som {who.user}, men er ikke medlem av noen organisasjon ennå. Be en administrator i "
            "kommunen om å legge deg til."
        )
        if mode() == OIDC and st.button("Logg ut", key="sign_out"):
            st.logout()
        st.stop()
    slugs = [m.organisation for m in mine]
    if st.session_state.get(ORGANISATION) not in slugs:
        st.session_state[ORGANISATION] = slugs[0]
    if len(mine) > 1:
        names = {m.organisation: m.name for m in mine}
        st.sidebar.selectbox("Organisasjon", slugs, key=ORGANISATION, format_func=names.__getitem__)
    chosen = next(m for m in mine if m.organisation == st.session_state[ORGANISATION])
    st.session_state[KNOWN] = chosen
    return chosen


def _memberships(db: Database, who: Actor) -> list[Membership]:
    """The user's memberships, read from the database on every run but one a control's move started (a page
    load, a click, a tab or a new link reads them again; the store checks the role again on every save)."""
    seen = st.session_state.get(SEEN)
    if controls.moved_this_run() and seen is not None and seen[0] == who.user:
        return seen[1]
    mine = members.memberships(db, who)
    st.session_state[SEEN] = (who.user, mine)
    return mine


def status_line(who: Actor, membership: Membership) -> None:
    """Who is signed in, for which organisation and role; or that this is local use without sign-in."""
    with st.sidebar:
        if mode() == LOCAL_MODE:
            st.caption("Lokal bruk: ingen innlogging")
            return
        st.caption(f"Innlogget som {who.name or who.user} · {membership.name} ({membership.role})")
        if mode() == OIDC and st.button("Logg ut", key="sign_out"):
            st.logout()


@dataclass(frozen=True)
class Who:
    """This run's store, user and organisation (membership None: not signed in, opening a public link)."""

    db: Database
    actor: Actor | None
    membership: Membership | None

    @property
    def organisation(self) -> str | None:
        return self.membership.organisation if self.membership else None

    @property
    def may_save(self) -> bool:
        return self.membership is not None and self.membership.role in (members.EDITOR, members.ADMIN)

    @property
    def admin(self) -> bool:
        return self.membership is not None and self.membership.role == members.ADMIN


CURRENT = "_who"


def begin() -> Who:
    """Start of every run: the store, the user and their organisation; the sign-in page (and the run stopped) for
    someone not signed in, except on a link, which opens without sign-in when it is public."""
    refuse_open_server()
    db = store()
    who = actor()
    if who is None:
        if not st.query_params.get("scenario", "").startswith("delt:"):
            sign_in_page()
        if mode() == OIDC and st.sidebar.button("Logg inn", key="sign_in"):  # a public link opens without it
            st.login()
        current = Who(db, None, None)
    else:
        membership = organisation(db, who)
        status_line(who, membership)
        current = Who(db, who, membership)
    st.session_state[CURRENT] = current
    return current


def current() -> Who:
    """This run's Who (begin() sets it); in tests that draw a panel alone, local use."""
    found = st.session_state.get(CURRENT)
    if found is None:
        db, _ = _open(database.database_url())
        found = Who(db, LOCAL_USER, members.memberships(db, LOCAL_USER)[0])
    return found
