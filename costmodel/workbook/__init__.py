"""The budget workbook (a face of the pipeline): the scenario's inputs as cells, the method as live formulas.

Sheets, in order: Forside, Forutsetninger (every input; assumptions.py), Beregning (the monthly
calculation; calculation.py), Årsbudsjett, Endringer and Sammenligning (reports.py), Fordeling and
Virkninger (partners and non-priced effects, when the scenario has them; council.py), Usikkerhet
(simulation results as values, for a scenario with ranges; uncertainty.py), Hovedbok and Kontroll
(reports.py). Where things are is defined once in layout.py, which import (read.py) shares; every
formula that restates the method is in formulas.py; cells.py writes cells safely.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from costmodel.engine import Result
from costmodel.workbook.assumptions import add_assumptions
from costmodel.workbook.calculation import add_calculation
from costmodel.workbook.cells import mark_inputs, print_setup
from costmodel.workbook.council import add_effects_sheet, add_split_sheet
from costmodel.workbook.layout import FIELD_COLUMN
from costmodel.workbook.reports import add_budget, add_comparison, add_controls, add_front, add_ledger
from costmodel.workbook.uncertainty import add_uncertainty_sheet

__all__ = ["FIELD_COLUMN", "build_workbook", "export_bytes"]


def build_workbook(result: Result, follow_up=None) -> Workbook:
    """The whole workbook for a computed scenario; with a follow-up status (followup/status.py), its sheets too."""
    wb = Workbook()
    add_front(wb, result)
    line_rows = add_assumptions(wb, result)
    layout = add_calculation(wb, result, line_rows)
    add_budget(wb, result, layout)
    add_comparison(wb, result, layout)
    add_split_sheet(wb, result, layout)
    add_effects_sheet(wb, result)
    add_uncertainty_sheet(wb, result.scenario)
    add_ledger(wb, result)
    add_controls(wb, result, layout)
    if follow_up is not None:
        from costmodel.workbook.followup import add_followup_sheets

        add_followup_sheets(wb, result, layout, follow_up)
    for ws in wb.worksheets:
        print_setup(ws)
        mark_inputs(ws)
    wb.properties.title = result.scenario.name  # what a screen reader and the file's properties call it
    wb.properties.language = "nb-NO"
    wb.properties.creator = "Kostnadsmodell"
    wb.calculation.fullCalcOnLoad = True
    return wb


def export_bytes(result: Result, follow_up=None) -> bytes:
    buffer = BytesIO()
    build_workbook(result, follow_up).save(buffer)
    return buffer.getvalue()
