"""Scenario files: a checked YAML serialisation, safe names, download file names.

Saved scenarios, links and drafts live in the store (costmodel/store/), never in budgets/; this module turns a
scenario into the YAML bytes the store keeps (read back and compared before anything is kept) and a user's
name into a safe key or file name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from costmodel.scenario import Scenario, load_scenario, scenario_to_data
from costmodel.yamlsafe import dump_yaml

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class SaveError(Exception):
    """A save that did not happen; the message says why in Norwegian. Nothing stored was changed."""


def slug(name: str) -> str:
    """A safe file name stem from a user's name for a scenario: `Plan B – 2025` → `plan-b-2025`."""
    text = name.strip().lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)  # dashes and the minus separate words too
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not text or len(name) > 100 or "\x00" in name or "/" in name or "\\" in name or ".." in name:
        raise SaveError(f"«{name[:60]}» kan ikke brukes som navn; bruk bokstaver, tall og bindestrek (høyst 64 tegn)")
    if text in WINDOWS_RESERVED:
        raise SaveError(f"«{name}» er et reservert filnavn; velg et annet navn")
    return text[:64].strip("-")


def download_name(title: str, suffix: str, today: date | None = None, kind: str = "") -> str:
    """A download's file name: the title as a slug, what it is, and today's date
    (`land-barnevernstjeneste-…-regneark-2026-11-25.xlsx`), so a workbook and a deck never share a name."""
    try:
        stem = slug(title[:80].replace("/", " ").replace("\\", " ").replace("..", " "))
    except SaveError:
        stem = "kostnadsmodell"
    what = f"-{kind}" if kind else ""
    return f"{stem}{what}-{(today or date.today()).isoformat()}{suffix}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def serialise(scenario: Scenario, title: str) -> bytes:
    """The scenario as YAML with a header comment; reading the bytes back gives the same scenario."""
    header = (
        f"# {' '.join(title.split())}\n# Lagret fra kostnadsmodell {datetime.now().isoformat(timespec='seconds')}\n"
    )
    data = (header + dump_yaml(scenario_to_data(scenario))).encode("utf-8")
    if load_scenario(data) != scenario:
        raise SaveError("scenariet kunne ikke skrives slik at det leses likt tilbake; ingenting er lagret")
    return data
