"""Files in and out of the store: the import of scenarios saved before the database, and exports.

Before the database, saved scenarios were files in the user folder (`NAME.yaml`, earlier versions
`NAME.yaml.1`, `NAME.yaml.2`, …), uploads `delt/ID.yaml`. `import_folder` brings them in as versions and
links (an old link keeps its id, so it still opens), checks each file first, skips what is already there,
and leaves the files as they were. On first start it runs once into the local organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario
from costmodel.scenario.storage import content_hash
from costmodel.store import links, scenarios
from costmodel.store.database import Database, StoreError, transaction
from costmodel.store.members import SYSTEM, Actor, record, require
from costmodel.store.tables import Event, Link, SavedScenario, Version

IMPORTED = "importerte filer"


@dataclass
class Report:
    scenarios: int = 0
    versions: int = 0
    links: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)

    def words(self) -> str:
        versions = f"{self.versions} {'versjon' if self.versions == 1 else 'versjoner'}"
        saved = f"{self.scenarios} {'lagret scenario' if self.scenarios == 1 else 'lagrede scenarier'}"
        shared = f"{self.links} {'delt lenke' if self.links == 1 else 'delte lenker'}"
        text = f"{versions} av {saved} og {shared} er flyttet inn i databasen; filene ligger urørt"
        if self.skipped:
            text += f". {len(self.skipped)} filer kunne ikke leses og er ikke tatt med: " + "; ".join(
                f"{name} ({why})" for name, why in self.skipped[:10]
            )
        return text


def _check(path: Path) -> bytes:
    data = path.read_bytes()
    load_scenario(data)
    return data


def _title(data: bytes, fallback: str) -> str:
    first = data.split(b"\n", 1)[0].decode("utf-8", "replace")
    return first[1:].strip()[:200] if first.startswith("#") and first[1:].strip() else fallback


def _version_number(path: Path) -> int:
    return int(path.suffix[1:]) if path.suffix[1:].isdigit() else 1_000_000


def import_folder(db: Database, actor: Actor, organisation: str, folder: Path) -> Report:
    """Import the saved scenarios in `folder` (with their numbered earlier versions) and its `delt/` uploads."""
    report = Report()
    for current in sorted(folder.glob("*.yaml")):
        files = sorted(current.parent.glob(current.name + ".*"), key=_version_number) + [current]
        files = [f for f in files if f == current or f.suffix[1:].isdigit()]
        name = None
        added = 0
        for file in files:
            try:
                data = _check(file)
            except (ScenarioError, OSError, UnicodeDecodeError) as exc:
                report.skipped.append((file.name, _why(exc)))
                continue
            name = name or _title(current.read_bytes(), current.stem)
            if _has(db, organisation, scenarios.key_of(name), content_hash(data)):
                continue
            when = datetime.fromtimestamp(file.stat().st_mtime, UTC)
            result = scenarios.save(
                db, actor, organisation, name, data, comment=f"importert fra {file.name}", new_version=True
            )
            _stamp(db, result, when)
            added += 1
        report.versions += added
        report.scenarios += added > 0
    for file in sorted((folder / "delt").glob("*.yaml")):
        token = file.stem if links.TOKEN.fullmatch(file.stem) else None
        try:
            data = _check(file)
        except (ScenarioError, OSError, UnicodeDecodeError) as exc:
            report.skipped.append((f"delt/{file.name}", _why(exc)))
            continue
        if token is not None and _link_exists(db, token):
            continue
        links.share(db, actor, organisation, _title(data, "Opplastet"), data, token)
        report.links += 1
    return report


def first_start(db: Database, organisation: str, folder: Path) -> Report | None:
    """Import the files from before the database once, into `organisation`; the report, or None when done
    before or there is nothing to import."""
    if not any(folder.glob("*.yaml")) and not any((folder / "delt").glob("*.yaml")):
        return None
    with transaction(db) as session:
        org = require(session, SYSTEM, organisation)
        if session.scalar(select(Event.id).where(Event.organisation_id == org.id, Event.action == IMPORTED)):
            return None
    report = import_folder(db, SYSTEM, organisation, folder)
    with transaction(db) as session:
        record(session, require(session, SYSTEM, organisation), SYSTEM, IMPORTED, str(folder.name), report.words())
    return report


def _why(exc: Exception) -> str:
    if isinstance(exc, ScenarioError):
        return "ikke et gyldig scenario"
    if isinstance(exc, UnicodeDecodeError):
        return "ikke tekst i UTF-8"
    return "kunne ikke leses"


def _has(db: Database, organisation: str, name_slug: str, digest: str) -> bool:
    with transaction(db) as session:
        org = require(session, SYSTEM, organisation)
        return (
            session.scalar(
                select(Version.id)
                .join(SavedScenario, SavedScenario.id == Version.scenario_id)
                .where(
                    SavedScenario.organisation_id == org.id,
                    SavedScenario.slug == name_slug,
                    Version.content_hash == digest,
                )
            )
            is not None
        )


def _link_exists(db: Database, token: str) -> bool:
    with transaction(db) as session:
        return session.get(Link, token) is not None


def _stamp(db: Database, result: scenarios.SaveResult, when: datetime) -> None:
    """An imported version keeps the time its file was written."""
    with transaction(db) as session:
        row = session.scalar(
            select(Version)
            .join(SavedScenario, SavedScenario.id == Version.scenario_id)
            .where(SavedScenario.slug == result.slug, Version.number == result.number)
            .where(SavedScenario.organisation_id == require(session, SYSTEM, result.organisation).id)
        )
        if row is None:
            raise StoreError("importen fant ikke versjonen den nettopp lagret")
        row.saved_at = when
