"""Organisations, their members and what each role may do.

A user (known by e-mail, lower case) has one role per organisation: leser may open and export, redaktør may
also save, administrator may also manage members, links and the audit trail. Every store function that
touches an organisation's data asks `require` first; a user who is not a member is told «ikke tilgang» and
nothing about what exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from costmodel.store.database import Database, StoreError, transaction
from costmodel.store.tables import Event, Member, Organisation

READER, EDITOR, ADMIN = "leser", "redaktør", "administrator"
ROLES = (READER, EDITOR, ADMIN)
RANK = {role: n for n, role in enumerate(ROLES)}
LOCAL = "lokal"  # the organisation of local use without sign-in
ORG_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class Denied(StoreError):
    """The user may not do this here."""


@dataclass(frozen=True)
class Actor:
    """Who is asking: the signed-in user's e-mail (or the local user) and a name to show."""

    user: str
    name: str = ""

    def __post_init__(self):
        object.__setattr__(self, "user", self.user.strip().lower())


LOCAL_USER = Actor("lokal", "Lokal bruker")
SYSTEM = Actor("<kommandolinjen>", "Kommandolinjen")  # the server's own command line: no identity can be this


def now() -> datetime:
    return datetime.now(UTC)


def record(session: Session, organisation: Organisation, actor: Actor, action: str, target: str = "", detail=""):
    """Add an event to the audit trail, in the caller's transaction (so it exists exactly when the act does)."""
    session.add(
        Event(
            at=now(),
            organisation_id=organisation.id,
            actor=actor.user,
            action=action,
            target=target[:300],
            detail=str(detail)[:500],
        )
    )


def organisation(session: Session, slug: str) -> Organisation | None:
    return session.scalar(select(Organisation).where(Organisation.slug == slug))


def role(session: Session, actor: Actor, org: Organisation) -> str | None:
    if actor == SYSTEM:
        return ADMIN
    return session.scalar(select(Member.role).where(Member.organisation_id == org.id, Member.user == actor.user))


def require(session: Session, actor: Actor, slug: str, needed: str = READER) -> Organisation:
    """The organisation `slug` when `actor` has at least the role `needed` in it; otherwise Denied."""
    org = organisation(session, slug)
    held = role(session, actor, org) if org is not None else None
    if held is None:
        if actor == SYSTEM:
            raise StoreError(f"organisasjonen «{slug}» finnes ikke")
        raise Denied("ikke tilgang: du er ikke medlem av organisasjonen som eier dette")
    if RANK[held] < RANK[needed]:
        raise Denied(f"ikke tilgang: dette krever rollen {needed}, og du er {held} i {org.name}")
    return org


@dataclass(frozen=True)
class Membership:
    organisation: str  # slug
    name: str
    role: str
    public_links: bool = False


def memberships(db: Database, actor: Actor) -> list[Membership]:
    """The organisations `actor` belongs to, by name."""
    with transaction(db) as session:
        rows = session.execute(
            select(Organisation, Member.role)
            .join(Member, Member.organisation_id == Organisation.id)
            .where(Member.user == actor.user)
            .order_by(Organisation.name)
        ).all()
        return [Membership(org.slug, org.name, held, org.public_links) for org, held in rows]


def create_organisation(db: Database, slug: str, name: str) -> None:
    """A new organisation (an administrator's command); its first administrator is added with set_member."""
    if not ORG_SLUG.fullmatch(slug):
        raise StoreError(f"«{slug[:64]}» kan ikke brukes som kortnavn; bruk små bokstaver, tall og bindestrek")
    with transaction(db) as session:
        if organisation(session, slug) is not None:
            raise StoreError(f"organisasjonen «{slug}» finnes allerede")
        session.add(Organisation(slug=slug, name=name.strip()[:200] or slug))


def ensure_local(db: Database) -> None:
    """Local use: one organisation with the local user as its administrator."""
    with transaction(db) as session:
        org = organisation(session, LOCAL)
        if org is None:
            org = Organisation(slug=LOCAL, name="Lokal bruk", public_links=True)
            session.add(org)
            session.flush()
        if role(session, LOCAL_USER, org) is None:
            session.add(Member(organisation_id=org.id, user=LOCAL_USER.user, role=ADMIN))


def set_member(db: Database, actor: Actor, slug: str, user: str, new_role: str | None) -> None:
    """Give `user` a role in the organisation, or remove them (new_role None). `actor` must be its administrator
    (or SYSTEM). The last administrator cannot be removed or demoted."""
    user = user.strip().lower()
    if new_role is not None and new_role not in ROLES:
        raise StoreError(f"ukjent rolle «{new_role}»; bruk {', '.join(ROLES)}")
    if not user or len(user) > 320:
        raise StoreError("skriv brukerens e-postadresse")
    with transaction(db) as session:
        org = require(session, actor, slug, ADMIN)
        row = session.scalar(select(Member).where(Member.organisation_id == org.id, Member.user == user))
        if row is not None and row.role == ADMIN and new_role != ADMIN:
            admins = session.scalars(select(Member).where(Member.organisation_id == org.id, Member.role == ADMIN))
            if len(admins.all()) == 1:
                raise StoreError("organisasjonen må ha minst én administrator; gi en annen rollen først")
        if new_role is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Member(organisation_id=org.id, user=user, role=new_role))
        else:
            row.role = new_role
        record(session, org, actor, "medlem", user, new_role or "fjernet")


def members(db: Database, actor: Actor, slug: str) -> list[tuple[str, str]]:
    """(user, role) of the organisation's members; for its administrators."""
    with transaction(db) as session:
        org = require(session, actor, slug, ADMIN)
        rows = session.execute(select(Member.user, Member.role).where(Member.organisation_id == org.id))
        return sorted((user, held) for user, held in rows)


def allow_public_links(db: Database, actor: Actor, slug: str, allowed: bool) -> None:
    with transaction(db) as session:
        org = require(session, actor, slug, ADMIN)
        org.public_links = allowed
        record(session, org, actor, "åpne lenker", org.slug, "tillatt" if allowed else "ikke tillatt")


@dataclass(frozen=True)
class Happening:
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


def audit_trail(db: Database, actor: Actor, slug: str, limit: int = 500) -> list[Happening]:
    """The organisation's events, newest first; for its administrators."""
    with transaction(db) as session:
        org = require(session, actor, slug, ADMIN)
        rows = session.scalars(
            select(Event).where(Event.organisation_id == org.id).order_by(Event.at.desc(), Event.id.desc()).limit(limit)
        )
        return [Happening(e.at, e.actor, e.action, e.target, e.detail) for e in rows]
