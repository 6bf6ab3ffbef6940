"""The gate a spreadsheet passes before anything parses it: size, container, parts (zipfile only).

A refused file (not an xlsx, encrypted, a zip bomb, macros) is refused in words before openpyxl is even loaded;
docs/method.md §11 lists the limits.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from costmodel.errors import Problem, ScenarioError

MAX_UPLOAD = 2_000_000  # bytes; a scenario workbook is a few hundred kB at most
MAX_ENTRIES = 200
MAX_UNPACKED = 50_000_000
MAX_RATIO = 100
MAX_READ_WHOLE = 2_000_000  # bytes unpacked of a part openpyxl reads whole even when reading a sheet row by row
READ_WHOLE = ("xl/sharedstrings.xml", "xl/styles.xml", "xl/workbook.xml")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def fail(message: str) -> ScenarioError:
    return ScenarioError(Problem("", message))


def check_package(data: bytes, limit: int = MAX_UPLOAD) -> None:
    """The gate: refuse what is not a plain, reasonably sized xlsx (at most `limit` bytes) before parsing anything."""
    if len(data) > limit:
        raise fail(f"filen er for stor ({len(data) // 1000} kB; grensen er {limit // 1_000_000} MB)")
    if data[:8] == OLE_MAGIC:
        raise fail(
            "filen er kryptert eller passordbeskyttet (eller i det gamle .xls-formatet); lagre den som "
            "vanlig .xlsx uten passord"
        )
    if not zipfile.is_zipfile(BytesIO(data)):
        raise fail("filen er ikke et Excel-regneark (.xlsx); den kan være skadet eller ha feil filtype")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise fail("filen er et skadet regneark") from None
    names = {entry.filename for entry in entries}
    if len(entries) > MAX_ENTRIES:
        raise fail(f"regnearket har for mange deler ({len(entries)}); et budsjettark har under {MAX_ENTRIES}")
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise fail("filen er en zip-fil, men ikke et Excel-regneark (mangler xl/workbook.xml)")
    if any(name.lower().endswith(".bin") or "vbaproject" in name.lower() for name in names):
        raise fail("regnearket inneholder makroer eller binære deler; de leses ikke av sikkerhetsgrunner")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise fail(f"regnearket pakker seg ut til mer enn {MAX_UNPACKED // 1_000_000} MB; det ser ut som en zip-bombe")
    for entry in entries:
        if entry.filename.lower() in READ_WHOLE and entry.file_size > MAX_READ_WHOLE:
            raise fail(
                f"delen {entry.filename} i regnearket er {entry.file_size // 1_000_000} MB; et budsjettark har under "
                f"{MAX_READ_WHOLE // 1_000_000} MB der, og så stor tekst leses ikke"
            )
        if entry.file_size > 1_000_000 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise fail(
                f"delen {entry.filename} pakker seg ut {entry.file_size // max(entry.compress_size, 1)} "
                "ganger; det ser ut som en zip-bombe"
            )
