"""The first schema: organisations, members, saved scenarios and their versions, links, drafts, events.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("public_links", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    owner = lambda: sa.Column(  # noqa: E731
        "organisation_id", sa.Integer, sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer, primary_key=True),
        owner(),
        sa.Column("user", sa.String(320), nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.UniqueConstraint("organisation_id", "user"),
    )
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, primary_key=True),
        owner(),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("latest", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("organisation_id", "slug"),
    )
    op.create_index("ix_scenarios_organisation_id", "scenarios", ["organisation_id"])
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("author", sa.String(320), nullable=False),
        sa.Column("saved_at", WHEN, nullable=False),
        sa.Column("comment", sa.String(500), nullable=False, server_default=""),
        sa.Column("status", sa.String(20), nullable=False, server_default=""),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("scenario_id", "number"),
    )
    op.create_index("ix_versions_scenario_id", "versions", ["scenario_id"])
    op.create_table(
        "links",
        sa.Column("token", sa.String(64), primary_key=True),
        owner(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("opened_at", WHEN, nullable=False),
        sa.Column("public", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("revoked_at", WHEN, nullable=True),
    )
    op.create_index("ix_links_organisation_id", "links", ["organisation_id"])
    op.create_table(
        "drafts",
        sa.Column("token", sa.String(64), primary_key=True),
        owner(),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("changed_at", WHEN, nullable=False),
    )
    op.create_index("ix_drafts_organisation_id", "drafts", ["organisation_id"])
    op.create_index("ix_drafts_changed_at", "drafts", ["changed_at"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", WHEN, nullable=False),
        owner(),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(300), nullable=False, server_default=""),
        sa.Column("detail", sa.String(500), nullable=False, server_default=""),
    )
    op.create_index("ix_events_at", "events", ["at"])
    op.create_index("ix_events_organisation_id", "events", ["organisation_id"])


def downgrade() -> None:
    for table in ("events", "drafts", "links", "versions", "scenarios", "members", "organisations"):
        op.drop_table(table)
