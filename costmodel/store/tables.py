"""The database's tables (SQLAlchemy 2 declarative models); migrations/ creates and changes them.

A saved scenario belongs to one organisation and is a list of versions, each the YAML exactly as saved; a
version is never changed after it is written, apart from its status (utkast, forslag, vedtatt, once vedtatt
no more). Links, drafts and the audit trail belong to an organisation too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    """A municipality or an interkommunalt samarbeid."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    public_links: Mapped[bool] = mapped_column(Boolean, default=False)  # its administrators allow open links


class Member(Base):
    """A user's role in an organisation: leser, redaktør or administrator. Users are known by their e-mail."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("organisation_id", "user"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(20))


class SavedScenario(Base):
    __tablename__ = "scenarios"
    __table_args__ = (UniqueConstraint("organisation_id", "slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    latest: Mapped[int] = mapped_column(Integer, default=0)  # the highest version number, raised on each save


class Version(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("scenario_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(320))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default="")  # "", utkast, forslag, vedtatt
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))


class Link(Base):
    """A scenario kept under an unguessable token so that an address reopens it: an upload, or a version shared."""

    __tablename__ = "links"
    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Draft(Base):
    """What the editor holds while a user types (any data, valid or not), so a reload reopens it."""

    __tablename__ = "drafts"
    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    content: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Event(Base):
    """The audit trail: who did what to which scenario, link or member, and when."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")
