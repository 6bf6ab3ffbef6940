"""A tagged PDF (PDF/UA) of a Word document, by LibreOffice's own export with its universal-accessibility option:
a structure tree, the document's language and title, for a saksframlegg published on the municipality's site."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from costmodel.errors import Problem, ScenarioError

FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)


def office() -> str | None:
    """LibreOffice's command, where it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_from_docx(data: bytes) -> bytes:
    """The document as a tagged PDF; ScenarioError in Norwegian when it cannot be made here."""
    command = office()
    if command is None:
        raise ScenarioError(Problem("", "PDF kan ikke lages på denne serveren: LibreOffice er ikke installert"))
    with tempfile.TemporaryDirectory(prefix="kostnadsmodell-pdf-") as folder:
        source = Path(folder) / "dokument.docx"
        source.write_bytes(data)
        profile = f"-env:UserInstallation=file://{folder}/profil"  # one conversion never waits on another's lock
        done = subprocess.run(
            [command, "--headless", profile, "--convert-to", FILTER, "--outdir", folder, str(source)],
            capture_output=True,
            timeout=120,
        )
        target = Path(folder) / "dokument.pdf"
        if done.returncode != 0 or not target.exists():
            raise ScenarioError(Problem("", "PDF-en kunne ikke lages; last ned Word-filen i stedet"))
        return target.read_bytes()
