"""The administrator's commands for the store: `costmodel db …`, `costmodel scenarios …`, `costmodel org …`.

They act as the server itself (members.SYSTEM), on the database COSTMODEL_DATABASE_URL names (SQLite in the
user folder by default). Every failure prints one Norwegian line and exits 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from costmodel.errors import ScenarioError
from costmodel.store import database, files, members, scenarios
from costmodel.store.database import StoreError
from costmodel.store.members import LOCAL, SYSTEM

db_app = typer.Typer(no_args_is_help=True, help="Databasen: oppgradering og status.")
scenarios_app = typer.Typer(no_args_is_help=True, help="Lagrede scenarier i databasen: liste, eksport og import.")
org_app = typer.Typer(no_args_is_help=True, help="Organisasjoner og medlemmer.")

Organisation = Annotated[str, typer.Option("--organisasjon", "-o", help="Organisasjonens kortnavn")]


def _guard(action: Callable[[], None]) -> None:
    try:
        action()
    except (StoreError, ScenarioError, OSError) as exc:
        typer.echo(f"feil: {exc}", err=True)
        raise typer.Exit(2) from None


def _store() -> database.Database:
    db = database.connect()
    if database.revision(db) != database.head():
        typer.echo("feil: databasen er ikke oppgradert; kjør «costmodel db upgrade» først", err=True)
        raise typer.Exit(2)
    return db


@db_app.command("upgrade")
def upgrade() -> None:
    """Oppgrader databasen til nyeste skjema (alt eller ingenting), og opprett den lokale organisasjonen."""

    def run() -> None:
        db = database.connect()
        before = database.revision(db)
        database.upgrade(db)
        members.ensure_local(db)
        after = database.revision(db)
        typer.echo(f"databasen er på versjon {after}" + ("" if before == after else f" (var {before or 'tom'})"))

    _guard(run)


@db_app.command("status")
def status() -> None:
    """Vis hvilken database som brukes og hvilket skjema den har."""

    def run() -> None:
        db = database.connect()
        shown = db.engine.url.render_as_string(hide_password=True)
        current, newest = database.revision(db), database.head()
        typer.echo(f"database: {shown}\nskjema: {current or 'tomt'} (nyeste {newest})")
        if current == newest:
            count, versions = scenarios.count(db)
            typer.echo(f"{count} lagrede scenarier, {versions} versjoner")

    _guard(run)


@scenarios_app.command("list")
def list_(organisation: Organisation = LOCAL) -> None:
    """Lagrede scenarier med siste versjon, nyeste først."""

    def run() -> None:
        for s in scenarios.list_scenarios(_store(), SYSTEM, organisation):
            stamp = s.saved_at.strftime("%d.%m.%Y %H:%M")
            state = f" [{s.status}]" if s.status else ""
            typer.echo(f"{s.slug}\tversjon {s.latest}{state}\t{stamp}\t{s.author}\t{s.name}")

    _guard(run)


@scenarios_app.command("versions")
def versions(name: str, organisation: Organisation = LOCAL) -> None:
    """Versjonene av et lagret scenario, nyeste først."""

    def run() -> None:
        for v in scenarios.versions(_store(), SYSTEM, organisation, scenarios.key_of(name)):
            state = f" [{v.status}]" if v.status else ""
            typer.echo(f"{v.number}{state}\t{v.saved_at.strftime('%d.%m.%Y %H:%M')}\t{v.author}\t{v.comment}")

    _guard(run)


@scenarios_app.command("export")
def export(
    name: str,
    output: Annotated[Path, typer.Option("--output", "-u", help="Fil å skrive (YAML)")],
    version: Annotated[int | None, typer.Option("--versjon", help="Versjonsnummer (nyeste om utelatt)")] = None,
    organisation: Organisation = LOCAL,
) -> None:
    """Skriv en versjon av et lagret scenario til en YAML-fil, nøyaktig slik den ble lagret."""

    def run() -> None:
        _, info, data = scenarios.open_version(_store(), SYSTEM, organisation, scenarios.key_of(name), version)
        output.write_bytes(data)
        typer.echo(f"skrev versjon {info.number} til {output}")

    _guard(run)


@scenarios_app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help="YAML-filer, eller en mappe med lagrede scenarier")],
    organisation: Organisation = LOCAL,
    comment: Annotated[str, typer.Option("--kommentar")] = "importert",
) -> None:
    """Importer scenariofiler som nye versjoner (en mappe: med tidligere versjoner og delte lenker)."""

    def run() -> None:
        from costmodel.scenario import load_scenario

        db = _store()
        for path in paths:
            if path.is_dir():
                report = files.import_folder(db, SYSTEM, organisation, path)
                typer.echo(f"{path}: {report.words()}")
                continue
            data = path.read_bytes()
            name = load_scenario(data).name
            done = scenarios.save(db, SYSTEM, organisation, name, data, comment=comment, new_version=True)
            typer.echo(f"{path}: lagret som «{done.slug}» versjon {done.number}")

    _guard(run)


@org_app.command("create")
def create(slug: str, name: str) -> None:
    """Opprett en organisasjon (en kommune eller et samarbeid)."""
    _guard(lambda: (members.create_organisation(_store(), slug, name), typer.echo(f"opprettet «{slug}»")))


@org_app.command("member")
def member(
    slug: str,
    user: Annotated[str, typer.Argument(help="Brukerens e-postadresse")],
    role: Annotated[str | None, typer.Argument(help="leser, redaktør eller administrator")] = None,
    remove: Annotated[bool, typer.Option("--fjern", help="Fjern brukeren fra organisasjonen")] = False,
) -> None:
    """Gi en bruker en rolle i en organisasjon, eller fjern brukeren."""
    if role is None and not remove:
        typer.echo("feil: oppgi en rolle (leser, redaktør eller administrator), eller --fjern", err=True)
        raise typer.Exit(2)
    _guard(lambda: (members.set_member(_store(), SYSTEM, slug, user, None if remove else role), typer.echo("ok")))


@org_app.command("list")
def list_organisation(slug: str) -> None:
    """Medlemmene av en organisasjon med roller."""

    def run() -> None:
        for user, held in members.members(_store(), SYSTEM, slug):
            typer.echo(f"{user}\t{held}")

    _guard(run)
