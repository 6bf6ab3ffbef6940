"""Saving from the app: a scenario becomes a new version in the store under a name, and the user is told the
version's number, and whether someone else saved a newer one since the version they began from."""

from __future__ import annotations

import streamlit as st

from costmodel.scenario import Scenario, storage
from costmodel.store import scenarios
from costmodel.store.database import StoreError
from costmodel.ui import account, source


def opened_version(key: str | None, name: str) -> int | None:
    """The version the user began from when `name` is the saved scenario on screen (`key`), else None."""
    if not key or not key.startswith(source.SAVED):
        return None
    organisation, name_slug, number = source.parse_saved(key)
    try:
        if scenarios.key_of(name) != name_slug:
            return None
    except StoreError:
        return None
    if number is not None:
        return number
    who = account.current()
    try:
        return scenarios.versions(who.db, who.actor, organisation or who.organisation, name_slug)[0].number
    except (StoreError, IndexError):
        return None


def save(
    scenario: Scenario, name: str, comment: str = "", new_version: bool = False, based_on: int | None = None
) -> scenarios.SaveResult:
    """Save as the next version of `name` in the session's organisation (scenarios.Exists when the name is
    taken and `new_version` is not given; StoreError or storage.SaveError with a reason in words)."""
    who = account.current()
    if not who.may_save:
        raise StoreError("du har ikke rollen redaktør og kan ikke lagre; last ned i stedet")
    data = storage.serialise(scenario, name.strip())
    return scenarios.save(
        who.db, who.actor, who.organisation, name, data, comment=comment, new_version=new_version, based_on=based_on
    )


def told(result: scenarios.SaveResult, name: str) -> str:
    """What the user is told after a save: the version, and the newer versions someone else saved meanwhile."""
    from costmodel.ui.versions import author, when

    words = f"Lagret som «{name.strip()}», versjon {result.number}."
    if result.newer:
        others = ", ".join(f"versjon {v.number} av {author(v.author)} {when(v.saved_at)}" for v in result.newer)
        words += (
            f" Merk: det var lagret nyere versjoner enn den du begynte fra ({others}). Begge er tatt vare på; "
            "se fanen «Versjoner»."
        )
    return words


def key_of(result: scenarios.SaveResult) -> str:
    return source.saved_key(result.organisation, result.slug)


def denied_text() -> str | None:
    """Why this session cannot save, or None when it can."""
    who = account.current()
    if who.may_save:
        return None
    if who.membership is None:
        return "Logg inn for å lagre."
    return f"Du har rollen {who.membership.role} i {who.membership.name} og kan ikke lagre; last ned i stedet."


def show_told() -> None:
    """The message of the last save in this session, once."""
    if "saved_told" in st.session_state:
        st.success(st.session_state.pop("saved_told"))
