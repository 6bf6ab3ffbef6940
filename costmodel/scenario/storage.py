"""Saving what-if scenarios as new YAML files, so that a failed or concurrent save loses nothing.

Saved scenarios go to a user folder, never to the bundled budgets/ (COSTMODEL_USER_DIR, default
`scenarier/` in the project). A save validates by reading its own bytes back, writes a temporary
file in the same folder, flushes and fsyncs it, renames it into place atomically and fsyncs the
folder. The previous version of a file is kept as `NAME.yaml.1`. A lock per name and a check of
the content the user started from give one winner and a clear conflict for two saves at once.
Saving again under a name replaces the file only when asked to (`replaces`), and every earlier version is kept
as `NAME.yaml.1`, `NAME.yaml.2`, … (the highest number the latest before the current one).

Drafts (`save_draft`) are what the editor holds while the user types, kept under an unguessable id in
`USER_DIR/utkast/`, so a reload or Back reopens them from the address; they need not be valid scenarios.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import unicodedata
from datetime import date, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from costmodel.scenario import Scenario, load_scenario, scenario_to_data
from costmodel.yamlsafe import dump_yaml

USER_DIR = Path(os.environ.get("COSTMODEL_USER_DIR", Path(__file__).resolve().parents[2] / "scenarier"))
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


SHARED = "delt"  # uploaded scenarios, kept so a copied link reopens them (USER_DIR/delt/ID.yaml)
MAX_SHARED = 500  # at most this many are kept; the oldest are removed first
SHARED_ID = re.compile(r"[0-9a-f]{32}")


class SaveError(Exception):
    """A save that did not happen; the message says why in Norwegian. Nothing on disk was changed."""


class SaveConflict(SaveError):
    """Someone else saved under the same name first."""


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


def share(data: bytes, folder: Path | None = None) -> str:
    """Keep an uploaded scenario (checked YAML, at most yamlsafe.MAX_BYTES) under an id derived from its content,
    so a link with that id reopens it for anyone who has the link; returns the id (128 bits, unguessable).

    The same content gets the same id and is stored once. At most MAX_SHARED are kept: the least recently
    shared or opened are removed first.
    """
    folder = (folder or USER_DIR / SHARED).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    ident = content_hash(data)[:32]
    target = folder / f"{ident}.yaml"
    with FileLock(str(folder / ".lock"), timeout=10):
        if target.exists():
            os.utime(target)
        else:
            _write_atomically(target, data)
        kept = sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[MAX_SHARED:]:
            old.unlink(missing_ok=True)
    return ident


def shared_path(ident: str, folder: Path | None = None) -> Path | None:
    """The file of a shared scenario, or None when the id is malformed or nothing is kept under it."""
    if not SHARED_ID.fullmatch(ident or ""):
        return None
    path = (folder or USER_DIR / SHARED).resolve() / f"{ident}.yaml"
    return path if path.is_file() else None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def serialise(scenario: Scenario, title: str) -> bytes:
    """The scenario as YAML with a header comment; reading the bytes back gives the same scenario."""
    header = f"# {title}\n# Lagret fra kostnadsmodell {datetime.now().isoformat(timespec='seconds')}\n"
    data = (header + dump_yaml(scenario_to_data(scenario))).encode("utf-8")
    if load_scenario(data) != scenario:
        raise SaveError("scenariet kunne ikke skrives slik at det leses likt tilbake; ingenting er lagret")
    return data


def save_scenario(scenario: Scenario, name: str, folder: Path | None = None, replaces: str | None = None) -> Path:
    """Save `scenario` as `name` in the user folder; return the path.

    A new name must not exist yet. To replace a saved file, pass `replaces`: the content hash
    of the version the user started from; if the file has changed since, that is a conflict.
    """
    folder = (folder or USER_DIR).resolve()
    target = folder / f"{slug(name)}.yaml"
    if target.parent != folder:
        raise SaveError("navnet peker ut av mappen for lagrede scenarier")
    data = serialise(scenario, name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder / f".{target.stem}.lock"), timeout=10):
            _check_conflict(target, replaces)
            _write_atomically(target, data)
    except Timeout:
        raise SaveConflict("en annen lagrer under samme navn akkurat nå; prøv igjen") from None
    except SaveError:
        raise
    except OSError as exc:
        raise SaveError(_os_message(exc)) from None
    return target


def _check_conflict(target: Path, replaces: str | None) -> None:
    if not target.exists():
        if replaces is not None:
            raise SaveConflict(f"«{target.stem}» er slettet eller flyttet av noen andre siden du åpnet det")
        return
    if replaces is None:
        raise SaveConflict(f"det finnes allerede et lagret scenario som heter «{target.stem}»; velg et annet navn")
    if content_hash(target.read_bytes()) != replaces:
        raise SaveConflict(f"«{target.stem}» er endret av noen andre siden du åpnet det; lagre under et nytt navn")


def _write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that at every moment the file holds the old or the new content."""
    token = secrets.token_hex(6)
    temporary = target.with_name(f".{target.stem}.{token}.tmp")
    backup = target.with_name(f".{target.stem}.{token}.bak")
    try:
        _write_synced(temporary, data)
        if target.exists():  # keep the previous version beside it under the next free number, never over another
            _write_synced(backup, target.read_bytes())
            os.replace(backup, target.with_name(f"{target.name}.{len(versions(target)) + 1}"))
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
        backup.unlink(missing_ok=True)
    _fsync_folder(target.parent)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _os_message(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "disken er full; ingenting er lagret, og tidligere filer er uendret"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "mangler skrivetilgang til mappen for lagrede scenarier; ingenting er lagret"
    return f"lagringen mislyktes ({exc.strerror or exc}); ingenting er lagret, og tidligere filer er uendret"


def versions(target: Path) -> list[Path]:
    """The earlier versions kept of a saved file, oldest first (`NAME.yaml.1`, `NAME.yaml.2`, …)."""
    found = [p for p in target.parent.glob(target.name + ".*") if p.suffix[1:].isdigit()]
    return sorted(found, key=lambda p: int(p.suffix[1:]))


def saved_path(name: str, folder: Path | None = None) -> Path:
    """Where a scenario saved under `name` is (whether or not it exists)."""
    return (folder or USER_DIR).resolve() / f"{slug(name)}.yaml"


DRAFTS = "utkast"  # drafts of the editor, kept so a reload reopens them (USER_DIR/utkast/ID.yaml)
MAX_DRAFTS = 500


def new_draft_id() -> str:
    return secrets.token_hex(16)


def save_draft(ident: str, data: dict, folder: Path | None = None) -> None:
    """Keep the editor's draft (any data the tables hold, valid or not) under its id, replaced atomically; at most
    MAX_DRAFTS are kept, the least recently changed removed first."""
    if not SHARED_ID.fullmatch(ident):
        raise SaveError("ugyldig utkast-id")
    folder = (folder or USER_DIR / DRAFTS).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{ident}.yaml"
    with FileLock(str(folder / ".lock"), timeout=10):
        temporary = folder / f".{ident}.{secrets.token_hex(6)}.tmp"
        try:
            _write_synced(temporary, dump_yaml(data).encode("utf-8"))
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        kept = sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[MAX_DRAFTS:]:
            old.unlink(missing_ok=True)


def load_draft(ident: str, folder: Path | None = None) -> dict | None:
    """A kept draft's data, or None when the id is malformed, nothing is kept under it, or it cannot be read."""
    from costmodel.yamlsafe import load_yaml

    if not SHARED_ID.fullmatch(ident or ""):
        return None
    path = (folder or USER_DIR / DRAFTS).resolve() / f"{ident}.yaml"
    try:
        data = load_yaml(path.read_bytes())
    except Exception:  # noqa: BLE001 (a missing or damaged draft reopens nothing, and the app says so)
        return None
    return data if isinstance(data, dict) else None


def drop_draft(ident: str, folder: Path | None = None) -> None:
    if SHARED_ID.fullmatch(ident or ""):
        ((folder or USER_DIR / DRAFTS).resolve() / f"{ident}.yaml").unlink(missing_ok=True)


def saved(folder: Path | None = None) -> list[Path]:
    """Saved scenarios in the user folder, newest first."""
    folder = folder or USER_DIR
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime, reverse=True)
