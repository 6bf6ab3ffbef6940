"""The connection to the database: SQLite in the user folder by default, PostgreSQL on a server.

`COSTMODEL_DATABASE_URL` names the database (`postgresql+psycopg://user:password@host/db`); without it the
store is `kostnadsmodell.sqlite3` in the user folder (COSTMODEL_USER_DIR, default `scenarier/`). Migrations
are Alembic's (migrations/); `upgrade` brings a database to the newest schema in one transaction, so a failed
migration leaves it as it was. Every failure to reach the database becomes a StoreError in Norwegian.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0001"  # the newest migration in migrations/versions/; a new migration moves it
FILE_NAME = "kostnadsmodell.sqlite3"


class StoreError(Exception):
    """Something the store could not do; the message says why in Norwegian, and nothing stored was changed."""


class Unavailable(StoreError):
    """The database cannot be reached or is not ready."""


def user_dir() -> Path:
    """The folder for the SQLite database and the files imported from before the database."""
    default = Path(__file__).resolve().parents[2] / "scenarier"
    return Path(os.environ.get("COSTMODEL_USER_DIR") or default)


def database_url() -> str:
    """The configured database, or SQLite in the user folder."""
    return os.environ.get("COSTMODEL_DATABASE_URL") or f"sqlite:///{user_dir().resolve() / FILE_NAME}"


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def connect(url: str | None = None) -> Database:
    """An engine and session factory for `url` (default: database_url()); connects lazily."""
    url = url or database_url()
    if url.startswith("sqlite"):
        parsed = make_url(url)
        file = parsed.database
        if file and file != ":memory:" and not parsed.query.get("uri"):  # a file: URI names an existing file
            Path(file).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        _sqlite_transactions(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=10)
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))


def _sqlite_transactions(engine: Engine) -> None:
    """SQLite with real transactions: each begins IMMEDIATE (takes the write lock at once, so two saves
    queue instead of failing halfway), DDL included, with foreign keys on and a write-ahead log."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def transaction(db: Database) -> Iterator[Session]:
    """A session in one transaction: committed at the end, rolled back on any error. A failure of the database
    itself (unreachable, full, read-only, busy) becomes a StoreError in words; a broken rule (IntegrityError)
    passes to the caller."""
    try:
        with db.sessions.begin() as session:
            yield session
    except (OperationalError, InterfaceError) as exc:
        raise _in_words(exc) from None
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise Unavailable(UNAVAILABLE) from None
        raise


UNAVAILABLE = "databasen svarer ikke akkurat nå; ingenting er lagret, og det du har på siden er ikke borte. Prøv igjen"
FULL = "disken er full; ingenting er lagret, og det som var lagret fra før, er uendret"
READ_ONLY = "mangler skrivetilgang til databasen; ingenting er lagret, og det som var lagret fra før, er uendret"
BUSY = "databasen er opptatt med en annen lagring; ingenting er lagret. Prøv igjen om litt"


def _in_words(exc: BaseException) -> StoreError:
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "no space left" in text or "could not extend file" in text:
        return StoreError(FULL)
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return StoreError(READ_ONLY)
    if "database is locked" in text or "lock timeout" in text:
        return StoreError(BUSY)
    return Unavailable(UNAVAILABLE)


def alembic_config(db: Database, migrations: Path = MIGRATIONS):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def upgrade(db: Database, revision: str = "head", migrations: Path = MIGRATIONS) -> None:
    """Bring the database to `revision` (the newest by default) in one transaction: all or nothing. A database
    already at the newest schema is left as it is without loading Alembic (a server's start, docs/method.md §18)."""
    if revision == "head" and migrations == MIGRATIONS and current_revision(db) == HEAD:
        return
    from alembic import command

    with db.engine.begin() as connection:
        config = alembic_config(db, migrations)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(db: Database) -> str | None:
    """The schema revision the database is at, or None when it has none yet (Alembic's own table, read with
    SQL)."""
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head() -> str:
    """The newest revision among the migrations, as Alembic finds it (HEAD says the same; a test holds them
    together)."""
    from alembic.script import ScriptDirectory

    config = alembic_config(Database("sqlite://", None, None))  # type: ignore[arg-type]
    return ScriptDirectory.from_config(config).get_current_head()


def has_tables(db: Database) -> bool:
    return inspect(db.engine).has_table("versions")
