"""Saved scenarios and their versions: every save is a new version, and nothing is ever overwritten.

A version keeps the YAML exactly as saved, its author, time, comment and status. Saving asks which version
the user began from (`based_on`); when someone else has saved since, the new version is kept all the same and
the result names the newer ones, so no update is lost and the user is told. A vedtatt version is locked: its
status cannot change, and opening it is recorded in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from costmodel.scenario.storage import SaveError, content_hash, slug
from costmodel.store.database import Database, StoreError, transaction
from costmodel.store.members import EDITOR, READER, Actor, record, require
from costmodel.store.tables import SavedScenario, Version

DRAFT, PROPOSAL, ADOPTED = "utkast", "forslag", "vedtatt"
STATUSES = (DRAFT, PROPOSAL, ADOPTED)
MAX_COMMENT = 500


class Exists(StoreError):
    """A scenario with this name exists, and the save did not say it is a new version of it."""


@dataclass(frozen=True)
class Saved:
    organisation: str
    slug: str
    name: str
    latest: int
    saved_at: datetime
    author: str
    status: str


@dataclass(frozen=True)
class VersionInfo:
    number: int
    author: str
    saved_at: datetime
    comment: str
    status: str
    content_hash: str


@dataclass(frozen=True)
class SaveResult:
    organisation: str
    slug: str
    number: int
    newer: tuple[VersionInfo, ...] = ()  # versions saved by others since the one the user began from


def _info(v: Version) -> VersionInfo:
    return VersionInfo(v.number, v.author, v.saved_at, v.comment, v.status, v.content_hash)


def list_scenarios(db: Database, actor: Actor, organisation: str) -> list[Saved]:
    """The organisation's saved scenarios with their latest version, most recently saved first."""
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        rows = session.execute(
            select(SavedScenario, Version)
            .join(Version, (Version.scenario_id == SavedScenario.id) & (Version.number == SavedScenario.latest))
            .where(SavedScenario.organisation_id == org.id)
            .order_by(Version.saved_at.desc(), SavedScenario.id.desc())
        ).all()
        return [Saved(org.slug, s.slug, s.name, s.latest, v.saved_at, v.author, v.status) for s, v in rows]


def _scenario(session: Session, org_id: int, name_slug: str) -> SavedScenario:
    found = session.scalar(
        select(SavedScenario).where(SavedScenario.organisation_id == org_id, SavedScenario.slug == name_slug)
    )
    if found is None:
        raise StoreError(f"det finnes ikke noe lagret scenario «{name_slug}»")
    return found


def versions(db: Database, actor: Actor, organisation: str, name_slug: str) -> list[VersionInfo]:
    """A saved scenario's versions, newest first."""
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        found = _scenario(session, org.id, name_slug)
        rows = session.scalars(select(Version).where(Version.scenario_id == found.id).order_by(Version.number.desc()))
        return [_info(v) for v in rows]


def open_version(
    db: Database, actor: Actor, organisation: str, name_slug: str, number: int | None = None
) -> tuple[str, VersionInfo, bytes]:
    """(name, version, YAML) of a version, the latest by default. Opening a vedtatt version is recorded."""
    with transaction(db) as session:
        org = require(session, actor, organisation, READER)
        found = _scenario(session, org.id, name_slug)
        wanted = found.latest if number is None else number
        v = session.scalar(select(Version).where(Version.scenario_id == found.id, Version.number == wanted))
        if v is None:
            raise StoreError(f"«{found.name}» har ingen versjon {wanted}")
        if v.status == ADOPTED:
            record(session, org, actor, "åpnet vedtatt versjon", f"{found.slug} v{v.number}")
        return found.name, _info(v), v.content.encode("utf-8")


def save(
    db: Database,
    actor: Actor,
    organisation: str,
    name: str,
    data: bytes,
    *,
    comment: str = "",
    based_on: int | None = None,
    new_version: bool = False,
    status: str = "",
) -> SaveResult:
    """Save `data` (checked YAML) as the next version of the scenario called `name` (created when new).

    An existing name takes a new version only with `new_version` (the user said so); `based_on` is the version
    they began from, and versions saved since are returned in `newer`. Two saves at once both land, one after
    the other.
    """
    key = key_of(name)
    if status not in ("", *STATUSES):
        raise StoreError(f"ukjent status «{status}»")
    text = data.decode("utf-8")
    for attempt in range(3):  # a scenario created by someone else at the same moment: add to it instead
        try:
            with transaction(db) as session:
                org = require(session, actor, organisation, EDITOR)
                found = session.scalar(
                    select(SavedScenario)
                    .where(SavedScenario.organisation_id == org.id, SavedScenario.slug == key)
                    .with_for_update()
                )
                if found is None:
                    found = SavedScenario(
                        organisation_id=org.id, slug=key, name=name.strip()[:200], created_at=_now(), latest=0
                    )
                    session.add(found)
                    session.flush()
                elif not new_version and attempt == 0:
                    raise Exists(f"det finnes allerede et lagret scenario som heter «{found.name}»")
                newer = []
                if based_on is not None and found.latest > based_on:
                    newer = [
                        _info(v)
                        for v in session.scalars(
                            select(Version)
                            .where(Version.scenario_id == found.id, Version.number > based_on)
                            .order_by(Version.number)
                        )
                    ]
                found.latest += 1
                session.add(
                    Version(
                        scenario_id=found.id,
                        number=found.latest,
                        author=actor.user,
                        saved_at=_now(),
                        comment=comment.strip()[:MAX_COMMENT],
                        status=status,
                        content=text,
                        content_hash=content_hash(data),
                    )
                )
                record(session, org, actor, "lagret", f"{key} v{found.latest}", comment.strip()[:200])
                return SaveResult(org.slug, key, found.latest, tuple(newer))
        except IntegrityError:
            if attempt == 2:
                raise StoreError("lagringen kolliderte med en annen lagring tre ganger; prøv igjen") from None
            new_version, based_on = True, based_on or 0
    raise AssertionError("unreachable")


def restore(
    db: Database, actor: Actor, organisation: str, name_slug: str, number: int, comment: str = ""
) -> SaveResult:
    """Make version `number` the newest again, as a new version (nothing is removed)."""
    name, info, data = open_version(db, actor, organisation, name_slug, number)
    words = comment.strip() or f"gjenopprettet fra versjon {info.number}"
    return save(db, actor, organisation, name, data, comment=words, new_version=True)


def set_status(db: Database, actor: Actor, organisation: str, name_slug: str, number: int, status: str) -> None:
    """Mark a version utkast, forslag or vedtatt (or nothing). A vedtatt version stays vedtatt."""
    if status not in ("", *STATUSES):
        raise StoreError(f"ukjent status «{status}»; bruk {', '.join(STATUSES)}")
    with transaction(db) as session:
        org = require(session, actor, organisation, EDITOR)
        found = _scenario(session, org.id, name_slug)
        v = session.scalar(
            select(Version).where(Version.scenario_id == found.id, Version.number == number).with_for_update()
        )
        if v is None:
            raise StoreError(f"«{found.name}» har ingen versjon {number}")
        if v.status == ADOPTED and status != ADOPTED:
            raise StoreError(
                f"versjon {number} av «{found.name}» er vedtatt og låst; en endring lagres som en ny versjon"
            )
        v.status = status
        record(session, org, actor, "status", f"{found.slug} v{number}", status or "ingen")


def count(db: Database) -> tuple[int, int]:
    """(saved scenarios, versions) in the whole database, for reports and benchmarks."""
    with transaction(db) as session:
        return (
            session.scalar(select(func.count()).select_from(SavedScenario)) or 0,
            session.scalar(select(func.count()).select_from(Version)) or 0,
        )


def key_of(name: str) -> str:
    """The key of a saved scenario's name: `Plan B – 2025` → `plan-b-2025`, or a StoreError saying why not."""
    try:
        return slug(name)
    except SaveError as exc:
        raise StoreError(str(exc)) from None


def _now() -> datetime:
    from costmodel.store.members import now

    return now()
