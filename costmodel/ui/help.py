"""«Hjelp»: the Norwegian user guide (docs/brukerveiledning.md) shown in the app, its pictures included."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "brukerveiledning.md"
STATEMENT = GUIDE.with_name("tilgjengelighet.md")  # the tilgjengelighetserklæring, after the guide
PICTURE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<path>[^)]+)\)\s*$")


def toggle() -> bool:
    """The «Hjelp» switch in the sidebar (only where the guide is: a checkout, not an installed wheel)."""
    if not GUIDE.exists():
        return False
    with st.sidebar:
        return st.toggle("Hjelp", key="help", help="Brukerveiledningen, med bilder")


def view() -> None:
    """The guide, paragraph by paragraph; a picture line becomes the picture with its caption."""
    text: list[str] = []
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        match = PICTURE.match(line)
        if match is None:
            text.append(line)
            continue
        st.markdown("\n".join(text))
        text = []
        st.image(str(GUIDE.parent / match["path"]), caption=match["caption"], alt=f"Skjermbilde: {match['caption']}")
    st.markdown("\n".join(text))
    if STATEMENT.exists():
        st.divider()
        st.markdown(STATEMENT.read_text(encoding="utf-8"))
