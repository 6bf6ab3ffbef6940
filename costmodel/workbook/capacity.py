"""Kapasitet: the need, each line's effective årsverk, the gap and its cover, month by month, as formulas
(docs/method.md §13); and the capacity inputs on Forutsetninger they read.

The gap row feeds the «dekning» line on Beregning, so editing sick leave, vacancy, an årsverk or the need
on Forutsetninger moves the cover cost.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter as col
from openpyxl.worksheet.worksheet import Worksheet

from costmodel.engine import Result
from costmodel.workbook.cells import (
    BOLD,
    INPUT,
    KR,
    MONTH,
    define_name,
    header_row,
    input_cell,
    titled_sheet,
    write_text,
)
from costmodel.workbook.layout import (
    CAPACITY_ROWS,
    CAPACITY_TITLE,
    COVER_WORDS,
    FIELD_COLUMN,
    FIRST_MONTH_COLUMN,
    GROWTH_DEFAULT,
    NEED_HEADERS,
    SHEET,
    BudgetLine,
)

AMOUNT = "#,##0.00"


def add_capacity_inputs(wb: Workbook, ws: Worksheet, result: Result, top: int) -> tuple[int, dict]:
    """Forutsetninger, capacity: cover, its price, cases per årsverk, and the need per year.

    Returns the last row, and the cell of each capacity driver path (for references to named assumptions).

    Every modelled year has a row; a year without a figure of its own points at the «Standard» row.
    Names: `Dekning`, `DekningPris`, `DekningTimepris`, `SakerPerAarsverk`, `BehovAar`, `BehovAarsverk`.
    """
    c = result.scenario.capacity
    header_row(ws, top, [CAPACITY_TITLE], fill=False)
    values = {
        "cover": COVER_WORDS[c.cover],
        "cover_price_per_fte": c.cover_price_per_fte,
        "cover_hourly_rate": c.cover_hourly_rate,
        "cases_per_fte": c.need.cases_per_fte,
    }
    places = {}
    for row, (name, label, field) in enumerate(CAPACITY_ROWS, start=top + 1):
        places["capacity." + ("need." if field == "cases_per_fte" else "") + field] = f"B{row}"
        write_text(ws.cell(row, 1), label)
        value = values[field]
        if isinstance(value, str):
            write_text(ws.cell(row, 2), value)
            ws.cell(row, 2).fill = INPUT
        elif value is None:
            ws.cell(row, 2).fill = INPUT
        else:
            input_cell(ws.cell(row, 2), value, KR if field != "cases_per_fte" else "#,##0.##")
        define_name(wb, name, SHEET, f"$B${row}")
    default_row = top + len(CAPACITY_ROWS) + 2
    cases = c.need.cases is not None
    series = dict(c.need.cases if cases else c.need.fte)
    column = 3 if cases else 2
    write_text(ws.cell(default_row, 1), GROWTH_DEFAULT)
    kind = "cases" if cases else "fte"
    places[f"capacity.need.{kind}.default"] = f"{col(column)}{default_row}"
    if "default" in series:
        input_cell(ws.cell(default_row, column), series["default"], "#,##0.##")
    header_row(ws, default_row + 1, NEED_HEADERS)
    years = sorted(set(result.years) | {y for y in series if y != "default"})
    for row, year in enumerate(years, start=default_row + 2):
        ws.cell(row, 1).value = year
        cell = ws.cell(row, column)
        places[f"capacity.need.{kind}.{year}"] = f"{col(column)}{row}"
        if year in series:
            input_cell(cell, series[year], "#,##0.##")
        else:
            cell.value = f"=${col(column)}${default_row}"
            cell.number_format = "#,##0.##"
        if cases:
            ws.cell(row, 2).value = f"=C{row}/SakerPerAarsverk"
            ws.cell(row, 2).number_format = "#,##0.##"
    first, last = default_row + 2, default_row + 1 + len(years)
    define_name(wb, "BehovAar", SHEET, f"$A${first}:$A${last}")
    define_name(wb, "BehovAarsverk", SHEET, f"$B${first}:$B${last}")
    return last, places


def cover_price() -> str:
    """The annual price of one cover årsverk: its own price, else hours per årsverk × the hourly rate (§13)."""
    return "IF(ISBLANK(DekningPris),TimerPerAarsverk*DekningTimepris,DekningPris)"


def add_capacity_sheet(wb: Workbook, result: Result, lines: dict, calc_rows: dict, line_rows: dict) -> dict:
    """Kapasitet: need, effective årsverk per line, own, gap, cover and unmet per alternative and month.

    Returns alternative → the row of its cover årsverk («Dekning»), which the «dekning» line on Beregning prices.
    """
    s = result.scenario
    ws = titled_sheet(wb, "Kapasitet", "Kapasitet per måned (effektive årsverk; formler over Forutsetninger)")
    months = len(result.month_numbers)
    columns = [col(FIRST_MONTH_COLUMN + k) for k in range(months)]
    for r, text in ((2, "Måned"), (3, "Månedsnummer"), (4, "År"), (6, "Behov (effektive årsverk)")):
        write_text(ws.cell(r, 10 if r < 6 else 1), text)
        ws.cell(r, 10 if r < 6 else 1).font = BOLD
    for c in columns:
        ws[f"{c}2"] = f"=Beregning!{c}2"
        ws[f"{c}2"].number_format = MONTH
        ws[f"{c}3"] = f"=Beregning!{c}3"
        ws[f"{c}4"] = f"=Beregning!{c}4"
        ws[f"{c}6"] = f"=SUMPRODUCT((BehovAar={c}$4)*BehovAarsverk)"
        ws[f"{c}6"].number_format = AMOUNT
    cover_rows = {}
    row = 7
    for a in s.alternatives:
        row += 1
        write_text(ws.cell(row, 1), a.name)
        ws.cell(row, 1).font = BOLD
        delivering = [b for b in lines[a.id] if b.derived is None and b.kind in ("staff", "consultant", "purchase")]
        first = row + 1
        for b in delivering:
            row += 1
            _line_row(ws, row, a.id, b, calc_rows[(a.id, b.id)], line_rows[(b.owner, b.id)], columns)
        rows = {"Egne effektive årsverk": row + 1, "Gap": row + 2, "Dekning (innleie)": row + 3, "Udekket": row + 4}
        for label, r in rows.items():
            write_text(ws.cell(r, 1), a.id)
            write_text(ws.cell(r, 3), label)
            ws.cell(r, 3).font = BOLD
        for c in columns:
            own, gap, cover, unmet = (f"{c}{r}" for r in rows.values())
            ws[own] = f"=SUM({c}{first}:{c}{row})" if row >= first else "=0"
            ws[gap] = f"=MAX(0,{c}$6-{own})"
            ws[cover] = f'=IF(OR(Dekning="{COVER_WORDS["consultant"]}",Dekning="consultant"),{gap},0)'
            ws[unmet] = f"={gap}-{cover}"
            for cell in (own, gap, cover, unmet):
                ws[cell].number_format = AMOUNT
        cover_rows[a.id] = rows["Dekning (innleie)"]
        row += 5
    ws.freeze_panes = ws.cell(7, FIRST_MONTH_COLUMN)
    ws.column_dimensions["C"].width = 40
    return cover_rows


def _line_row(ws: Worksheet, row: int, alt: str, b: BudgetLine, calc: int, source: int, columns: list) -> None:
    """One line's effective årsverk per month: paid årsverk (Beregning) × (1 − sykefravær) for own staff, in full
    for consultants and purchases that say what they deliver; none when the line does not count in the capacity."""
    write_text(ws.cell(row, 1), alt)
    write_text(ws.cell(row, 2), b.id)
    write_text(ws.cell(row, 3), b.label)
    flag = f"Forutsetninger!${FIELD_COLUMN['capacity']}${source}"
    counts = f"IF(ISBLANK({flag}),1,IF({flag},1,0))"
    effective = f"Beregning!$J{calc}*{counts}"
    if b.kind == "staff":
        sick = f"Forutsetninger!${FIELD_COLUMN['sick_leave_rate']}${source}"
        effective += f"*(1-IF(ISBLANK({sick}),Sykefravaer,{sick}))"
    for c in columns:
        ws[f"{c}{row}"] = f"=IF(AND({c}$3>=Beregning!$G{calc},{c}$3<=Beregning!$H{calc}),{effective},0)"
        ws[f"{c}{row}"].number_format = AMOUNT
