"""Writing cells safely and alike on every sheet: user text never as a formula, inputs yellow, titles bold.

User text is written only through `write_text`, never as a formula or an error value
(docs/method.md §11); control characters are stripped and a leading `=`, `+`, `-` or `@` gets a
quote prefix, so a label such as `=HYPERLINK(…)` stays text in Excel and LibreOffice.
"""

from __future__ import annotations

import re
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

KR, MILL, RATE, MONTH, FACTOR = "#,##0", "0.0", "0.0%", "yyyy-mm", "0.0000"
BOLD = Font(bold=True)
INPUT = PatternFill("solid", fgColor="FFF2CC")
HEADER = PatternFill("solid", fgColor="DDEBF7")
LINKED = PatternFill("solid", fgColor="E2EFDA")  # a formula pointing at a named assumption
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def write_text(cell, text: str) -> None:
    """User text as a text cell: never a formula or error value; control characters stripped."""
    text = CONTROL.sub("", str(text))
    if len(text) > 32_767:
        text = text[:32_766] + "…"
    cell.value = text
    cell.data_type = "s"
    if text.startswith(TRIGGERS):
        cell.quotePrefix = True


def month_date(number: int) -> date:
    """A month number (year × 12 + month − 1) as the first day of that month."""
    return date(number // 12, number % 12 + 1, 1)


def titled_sheet(wb: Workbook, name: str, title: str) -> Worksheet:
    """A new sheet with its title in A1."""
    ws = wb.create_sheet(name)
    write_text(ws["A1"], title)
    ws["A1"].font = Font(bold=True, size=14)
    return ws


def define_name(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    """A workbook-wide name for a cell or range (`Kalkulasjonsrente`), so formulas read as words."""
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!{ref}")


def input_cell(cell, value, number_format: str | None = None) -> None:
    """An input: a yellow cell the user may change."""
    cell.value = value
    cell.fill = INPUT
    if number_format:
        cell.number_format = number_format


def header_row(ws: Worksheet, row: int, titles: list[str], first_column: int = 1, fill: bool = True) -> None:
    """Bold column titles (with the header fill) from `first_column` on, marked as column titles for a screen
    reader: a sheet-level name `ColumnTitle…` on the row's first cell, the convention JAWS and NVDA read."""
    for c, title in enumerate(titles, start=first_column):
        write_text(ws.cell(row, c), title)
        ws.cell(row, c).font = BOLD
        if fill:
            ws.cell(row, c).fill = HEADER
    if titles:
        name = f"ColumnTitle{len([n for n in ws.defined_names if n.startswith('ColumnTitle')]) + 1}"
        column = get_column_letter(first_column)
        ws.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!${column}${row}")


def kroner_width(values, minimum: float = 12) -> float:
    """A column width that shows the widest of `values` as whole kroner with thousand separators, the minus of
    negatives included and room to spare (so no «###» at the default zoom)."""
    longest = max((len(f"{float(v):,.0f}") for v in values), default=0)
    return max(minimum, longest + 4)


INPUT_NOTE = "Inndata: denne cellen kan du endre; regnearket regner om alt som bygger på den."


def mark_inputs(ws: Worksheet) -> None:
    """Say in words, not only in yellow, which cells are inputs (WCAG 1.4.1): selecting one shows, and a screen
    reader reads, the note «Inndata: …» (a data validation that allows anything and carries the input message)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    cells = [c.coordinate for row in ws.iter_rows() for c in row if c.fill == INPUT]
    if not cells:
        return
    note = DataValidation(allow_blank=True, showInputMessage=True, promptTitle="Inndata", prompt=INPUT_NOTE)
    note.showErrorMessage = False
    for coordinate in cells:
        note.add(coordinate)
    ws.add_data_validation(note)


WIDE_SHEETS = ("Forutsetninger", "Beregning", "Kapasitet", "Hovedbok")  # printed over several pages, readable


def print_setup(ws: Worksheet) -> None:
    """A4 landscape. A narrow sheet fits one page wide; a wide one (a column per month or per field) prints at a
    readable scale over as many pages as it needs, repeating its frozen title rows and label columns on each."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    if ws.title in WIDE_SHEETS:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = 70
        ws.print_title_cols = "A:C"  # owner, id and label (or the row's text): every page says what a row is
        frozen = ws.freeze_panes
        if frozen and ws.title != "Forutsetninger":  # its frozen rows are the whole top section
            row, _ = coordinate_to_tuple(frozen)
            if row > 1:
                ws.print_title_rows = f"1:{row - 1}"
    else:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    for row in ws.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.alignment = Alignment(vertical="center")
