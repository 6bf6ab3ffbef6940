"""Recalculate a workbook in a real spreadsheet engine (LibreOffice or Gnumeric) and read the values back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SSCONVERT = shutil.which("ssconvert")
ENGINES = {"libreoffice": SOFFICE, "gnumeric": SSCONVERT}
INSTALL = {"libreoffice": "libreoffice-calc-nogui", "gnumeric": "gnumeric"}
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
ERRORS = ("#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def _libreoffice(path: Path, workdir: Path, target: str, folder: str) -> Path:
    """LibreOffice converts `path` to `target` (xlsx, pdf) in its own profile that always recalculates."""
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    out = workdir / folder
    out.mkdir(exist_ok=True)
    command = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    subprocess.run(
        [*command, "--convert-to", target, "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = out / path.with_suffix("." + target).name
    if not result.exists():  # soffice exits 0 even when it fails
        raise RuntimeError(f"LibreOffice did not convert {path.name}")
    return result


def recalculate(path: Path, workdir: Path, engine: str = "libreoffice") -> Path:
    """The engine recalculates every formula of `path` and saves the values; returns the new file."""
    if engine == "gnumeric":
        return _gnumeric(path, workdir)
    return _libreoffice(path, workdir, "xlsx", "recalculated")


PDFTOTEXT = shutil.which("pdftotext")


def rendered_text(path: Path, workdir: Path) -> str:
    """The workbook printed to PDF by LibreOffice, as text: what a reader sees on the pages («###» included)."""
    pdf = _libreoffice(path, workdir, "pdf", "pdf")
    return subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _gnumeric(path: Path, workdir: Path) -> Path:
    """Gnumeric's `ssconvert --recalc` (without --recalc it keeps cached values, so a check could not fail)."""
    out = workdir / "gnumeric"
    out.mkdir(exist_ok=True)
    result = out / path.name
    subprocess.run([SSCONVERT, "--recalc", str(path), str(result)], check=True, capture_output=True, timeout=180)
    if not result.exists():
        raise RuntimeError(f"Gnumeric did not convert {path.name}")
    return result


def values(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path, data_only=True)


def error_cells(workbook: openpyxl.Workbook) -> list[str]:
    return [
        f"{ws.title}!{cell.coordinate}: {cell.value}"
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(ERRORS)
    ]
