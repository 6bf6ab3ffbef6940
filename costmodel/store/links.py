"""Links and drafts: scenarios kept under an unguessable token so that an address reopens them.

An upload (or a scenario built in the app) gets a link in the uploader's organisation. Opening a link keeps
it alive; a link not opened for LINK_DAYS is removed, and a user's own oldest links go first when they pass
MAX_LINKS_PER_USER, never anyone else's. A link opens for the organisation's members; it opens without
sign-in only when it is made public and the organisation's administrator allows public links. A revoked
link opens for no one.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from costmodel.store.database import Database, StoreError, transaction
from costmodel.store.members import ADMIN, READER, Actor, Denied, now, record, require, role
from costmodel.store.tables import Draft, Link, Organisation

TOKEN = re.compile(r"[0-9a-f]{32}")
LINK_DAYS = 365
MAX_LINKS_PER_USER = 500
MAX_DRAFTS_PER_ORGANISATION = 2000
GONE = "lenken finnes ikke (lenger) på denne serveren"


@dataclass(frozen=True)
class Shared:
    token: str
    organisation: str
    title: str
    created_by: str
    created_at: datetime
    opened_at: datetime
    public: bool
    revoked: bool


def new_token() -> str:
    return secrets.token_hex(16)  # 128 bits


def share(db: Database, actor: Actor, organisation: str, title: str, data: bytes, token: str | None = None) -> str:
    """Keep `data` (checked YAML) under a new token in the organisation; return the token. Any member may share
    what they can see. `token` keeps an old link's id when files from before the database are imported."""
    token = token or new_token()
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        stamp = now()
        session.add(
            Link(
                token=token,
                organisation_id=org.id,
                title=title.strip()[:200] or "Opplastet",
                content=data.decode(),
                created_by=actor.user,
                created_at=stamp,
                opened_at=stamp,
            )
        )
        _trim(session, org, actor)
        record(session, org, actor, "delte", token[:8], title[:200])
    return token


def _trim(session: Session, org: Organisation, actor: Actor) -> None:
    session.execute(delete(Link).where(Link.opened_at < now() - timedelta(days=LINK_DAYS)))
    own = session.scalars(
        select(Link.token)
        .where(Link.organisation_id == org.id, Link.created_by == actor.user)
        .order_by(Link.opened_at.desc(), Link.created_at.desc())
        .offset(MAX_LINKS_PER_USER)
    ).all()
    if own:
        session.execute(delete(Link).where(Link.token.in_(own)))


def open_link(db: Database, actor: Actor | None, token: str) -> tuple[Shared, bytes]:
    """The scenario behind a link, for a member of its organisation, or for anyone (actor None: not signed in)
    when it is public and public links are allowed. Opening keeps the link alive."""
    if not TOKEN.fullmatch(token or ""):
        raise StoreError(GONE)
    with transaction(db) as session:
        link = session.get(Link, token)
        if link is None or link.revoked_at is not None:
            raise StoreError(GONE if link is None else "lenken er trukket tilbake og viser ikke lenger noe")
        org = session.get(Organisation, link.organisation_id)
        member = actor is not None and role(session, actor, org) is not None
        if not member and not (link.public and org.public_links):
            raise Denied("ikke tilgang: lenken hører til en organisasjon du ikke er medlem av")
        link.opened_at = now()
        return _shared(link, org), link.content.encode("utf-8")


def links(db: Database, actor: Actor, organisation: str) -> list[Shared]:
    """The organisation's links, most recently opened first: a member sees their own, an administrator all."""
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        query = select(Link).where(Link.organisation_id == org.id)
        if role(session, actor, org) != ADMIN:
            query = query.where(Link.created_by == actor.user)
        return [_shared(link, org) for link in session.scalars(query.order_by(Link.opened_at.desc()))]


def revoke(db: Database, actor: Actor, token: str) -> None:
    """Stop a link from opening: by whoever made it, or an administrator of its organisation."""
    _change(db, actor, token, "trakk tilbake lenke", lambda link: setattr(link, "revoked_at", now()))


def make_public(db: Database, actor: Actor, token: str, public: bool) -> None:
    """Let a link open without sign-in (for a council's public papers); only an administrator, and only where
    the organisation allows public links."""

    def change(link: Link) -> None:
        link.public = public

    _change(db, actor, token, "åpen lenke" if public else "lukket lenke", change, ADMIN, public)


def _change(db, actor, token, action, change, needed=READER, opening=False) -> None:
    """Change a link: its maker may (with role `needed`), and so may an administrator of its organisation."""
    with transaction(db) as session:
        link = session.get(Link, token) if TOKEN.fullmatch(token or "") else None
        if link is None:
            raise StoreError(GONE)
        org = session.get(Organisation, link.organisation_id)
        if link.created_by != actor.user:
            needed = ADMIN
        require(session, actor, org.slug, needed)
        if opening and not org.public_links:
            raise Denied("organisasjonen tillater ikke åpne lenker; en administrator kan slå det på")
        change(link)
        record(session, org, actor, action, token[:8], link.title)


def _shared(link: Link, org: Organisation) -> Shared:
    return Shared(
        link.token,
        org.slug,
        link.title,
        link.created_by,
        link.created_at,
        link.opened_at,
        link.public,
        link.revoked_at is not None,
    )


def save_draft(db: Database, actor: Actor, organisation: str, token: str, content: str) -> None:
    """Keep the editor's draft under its token, replacing the earlier text; the organisation keeps at most
    MAX_DRAFTS_PER_ORGANISATION, the least recently changed removed first."""
    if not TOKEN.fullmatch(token or ""):
        raise StoreError("ugyldig utkast-id")
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        draft = session.get(Draft, token)
        if draft is not None and draft.organisation_id != org.id:
            raise Denied("ikke tilgang til dette utkastet")
        if draft is None:
            session.add(Draft(token=token, organisation_id=org.id, content=content, changed_at=now()))
        else:
            draft.content, draft.changed_at = content, now()
        old = session.scalars(
            select(Draft.token)
            .where(Draft.organisation_id == org.id)
            .order_by(Draft.changed_at.desc())
            .offset(MAX_DRAFTS_PER_ORGANISATION)
        ).all()
        if old:
            session.execute(delete(Draft).where(Draft.token.in_(old)))


def load_draft(db: Database, actor: Actor, organisation: str, token: str) -> str | None:
    """A kept draft's text, or None when there is none under the token in the user's organisation."""
    if not TOKEN.fullmatch(token or ""):
        return None
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        draft = session.get(Draft, token)
        return draft.content if draft is not None and draft.organisation_id == org.id else None


def drop_draft(db: Database, actor: Actor, organisation: str, token: str) -> None:
    if not TOKEN.fullmatch(token or ""):
        return
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        session.execute(delete(Draft).where(Draft.token == token, Draft.organisation_id == org.id))
