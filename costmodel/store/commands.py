"""The administrator's commands for the store: `costmodel db …`, `costmodel scenarios …`, `costmodel org …`.

They act as the server itself (members.SYSTEM), on the database COSTMODEL_DATABASE_URL names (SQLite in the
user folder by default). Every failure prints one Norwegian line and exits 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from costmodel.commandline import INTEGER, PATH, Command, Group
from costmodel.errors import ScenarioError
from costmodel.store import database, files, members, scenarios
from costmodel.store.database import StoreError
from costmodel.store.members import LOCAL, SYSTEM

db_app = Group()  # their help is in cli.py, which lists them without importing this module
scenarios_app = Group()
org_app = Group()

organisation_option = click.option(
    "--organisasjon", "-o", "organisation", default=LOCAL, show_default=True, help="Organisasjonens kortnavn"
)


def _guard(action: Callable[[], None]) -> None:
    try:
        action()
    except (StoreError, ScenarioError, OSError) as exc:
        click.echo(f"feil: {exc}", err=True)
        sys.exit(2)


def _store() -> database.Database:
    db = database.connect()
    if database.current_revision(db) != database.HEAD:
        click.echo("feil: databasen er ikke oppgradert; kjør «costmodel db upgrade» først", err=True)
        sys.exit(2)
    return db


@db_app.command("upgrade", cls=Command)
def upgrade() -> None:
    """Oppgrader databasen til nyeste skjema (alt eller ingenting), og opprett den lokale organisasjonen."""

    def run() -> None:
        db = database.connect()
        before = database.current_revision(db)
        database.upgrade(db)
        members.ensure_local(db)
        after = database.current_revision(db)
        click.echo(f"databasen er på versjon {after}" + ("" if before == after else f" (var {before or 'tom'})"))

    _guard(run)


@db_app.command("status", cls=Command)
def status() -> None:
    """Vis hvilken database som brukes og hvilket skjema den har."""

    def run() -> None:
        db = database.connect()
        shown = db.engine.url.render_as_string(hide_password=True)
        current, newest = database.current_revision(db), database.HEAD
        click.echo(f"database: {shown}\nskjema: {current or 'tomt'} (nyeste {newest})")
        if current == newest:
            count, versions = scenarios.count(db)
            click.echo(f"{count} lagrede scenarier, {versions} versjoner")

    _guard(run)


@scenarios_app.command("list", cls=Command)
@organisation_option
def list_(organisation: str) -> None:
    """Lagrede scenarier med siste versjon, nyeste først."""

    def run() -> None:
        for s in scenarios.list_scenarios(_store(), SYSTEM, organisation):
            stamp = s.saved_at.strftime("%d.%m.%Y %H:%M")
            state = f" [{s.status}]" if s.status else ""
            click.echo(f"{s.slug}\tversjon {s.latest}{state}\t{stamp}\t{s.author}\t{s.name}")

    _guard(run)


@scenarios_app.command("versions", cls=Command)
@click.argument("name", metavar="NAVN", help="Scenariets navn")
@organisation_option
def versions(name: str, organisation: str) -> None:
    """Versjonene av et lagret scenario, nyeste først."""

    def run() -> None:
        for v in scenarios.versions(_store(), SYSTEM, organisation, scenarios.key_of(name)):
            state = f" [{v.status}]" if v.status else ""
            click.echo(f"{v.number}{state}\t{v.saved_at.strftime('%d.%m.%Y %H:%M')}\t{v.author}\t{v.comment}")

    _guard(run)


@scenarios_app.command("export", cls=Command)
@click.argument("name", metavar="NAVN", help="Scenariets navn")
@click.option("--output", "-u", type=PATH, required=True, help="Fil å skrive (YAML)")
@click.option("--versjon", "version", type=INTEGER, help="Versjonsnummer (nyeste om utelatt)")
@organisation_option
def export(name: str, output: Path, version: int | None, organisation: str) -> None:
    """Skriv en versjon av et lagret scenario til en YAML-fil, nøyaktig slik den ble lagret."""

    def run() -> None:
        _, info, data = scenarios.open_version(_store(), SYSTEM, organisation, scenarios.key_of(name), version)
        output.write_bytes(data)
        click.echo(f"skrev versjon {info.number} til {output}")

    _guard(run)


@scenarios_app.command("import", cls=Command)
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=PATH,
    metavar="FILER...",
    help="YAML-filer, eller en mappe med lagrede scenarier",
)
@organisation_option
@click.option("--kommentar", "comment", default="importert", show_default=True, help="Kommentar til versjonene")
def import_(paths: tuple[Path, ...], organisation: str, comment: str) -> None:
    """Importer scenariofiler som nye versjoner (en mappe: med tidligere versjoner og delte lenker)."""

    def run() -> None:
        from costmodel.scenario import load_scenario

        db = _store()
        for path in paths:
            if path.is_dir():
                report = files.import_folder(db, SYSTEM, organisation, path)
                click.echo(f"{path}: {report.words()}")
                continue
            data = path.read_bytes()
            name = load_scenario(data).name
            done = scenarios.save(db, SYSTEM, organisation, name, data, comment=comment, new_version=True)
            click.echo(f"{path}: lagret som «{done.slug}» versjon {done.number}")

    _guard(run)


@org_app.command("create", cls=Command)
@click.argument("slug", metavar="KORTNAVN", help="Organisasjonens kortnavn")
@click.argument("name", metavar="NAVN", help="Organisasjonens fulle navn")
def create(slug: str, name: str) -> None:
    """Opprett en organisasjon (en kommune eller et samarbeid)."""
    _guard(lambda: (members.create_organisation(_store(), slug, name), click.echo(f"opprettet «{slug}»")))


@org_app.command("member", cls=Command)
@click.argument("slug", metavar="KORTNAVN", help="Organisasjonens kortnavn")
@click.argument("user", metavar="E-POST", help="Brukerens e-postadresse")
@click.argument("role", required=False, metavar="[ROLLE]", help="leser, redaktør eller administrator")
@click.option("--fjern", "remove", is_flag=True, help="Fjern brukeren fra organisasjonen")
def member(slug: str, user: str, role: str | None, remove: bool) -> None:
    """Gi en bruker en rolle i en organisasjon, eller fjern brukeren."""
    if role is None and not remove:
        click.echo("feil: oppgi en rolle (leser, redaktør eller administrator), eller --fjern", err=True)
        sys.exit(2)
    _guard(lambda: (members.set_member(_store(), SYSTEM, slug, user, None if remove else role), click.echo("ok")))


@org_app.command("list", cls=Command)
@click.argument("slug", metavar="KORTNAVN", help="Organisasjonens kortnavn")
def list_organisation(slug: str) -> None:
    """Medlemmene av en organisasjon med roller."""

    def run() -> None:
        for user, held in members.members(_store(), SYSTEM, slug):
            click.echo(f"{user}\t{held}")

    _guard(run)
