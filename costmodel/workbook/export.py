"""The whole budget workbook for a computed scenario, as an openpyxl Workbook or as .xlsx bytes."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from costmodel.engine import Result
from costmodel.workbook.assumptions import add_assumptions
from costmodel.workbook.calculation import add_calculation
from costmodel.workbook.cells import mark_inputs, print_setup
from costmodel.workbook.council import add_effects_sheet, add_split_sheet
from costmodel.workbook.reports import add_budget, add_comparison, add_controls, add_front, add_ledger
from costmodel.workbook.uncertainty import add_uncertainty_sheet


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
