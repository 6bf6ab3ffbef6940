"""Alembic's environment: migrations run on the connection `store.database.upgrade` passes, in its transaction."""

from alembic import context
from sqlalchemy import create_engine, text

config = context.config
connection = config.attributes.get("connection")


def run(connection) -> None:
    if connection.dialect.name == "postgresql":  # two servers starting an upgrade at once take turns
        connection.execute(text("SELECT pg_advisory_xact_lock(4711002)"))
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    context.run_migrations()


if connection is not None:
    run(connection)
else:  # the alembic command line, pointed at sqlalchemy.url
    with create_engine(config.get_main_option("sqlalchemy.url")).begin() as own:
        run(own)
