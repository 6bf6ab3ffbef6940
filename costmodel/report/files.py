"""The council's files from a scenario alone, for work done in a child process (ui/work.py): a Result does not
cross a process boundary, a scenario does, and computing it again gives the same figures."""

from __future__ import annotations

from costmodel.engine import compute
from costmodel.scenario import Scenario


def workbook_file(scenario: Scenario) -> bytes:
    from costmodel.workbook.export import export_bytes

    return export_bytes(compute(scenario))


def deck_file(scenario: Scenario, changed: list[str]) -> bytes:
    from costmodel.report.deck import deck_bytes

    return deck_bytes(compute(scenario), changed)


def note_file(scenario: Scenario, changed: list[str], skeleton: bool = False) -> bytes:
    from costmodel.report.note import note_bytes

    return note_bytes(compute(scenario), changed, skeleton=skeleton)


def note_pdf_file(scenario: Scenario, changed: list[str], skeleton: bool = False) -> bytes:
    """The note (or the whole saksframlegg) as a tagged PDF (PDF/UA)."""
    from costmodel.report.pdf import pdf_from_docx

    return pdf_from_docx(note_file(scenario, changed, skeleton))
