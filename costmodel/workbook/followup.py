"""The follow-up in the workbook (docs/method.md §19): the postings counted as values (Posteringer), and on
Oppfølging the plan per line and month from Beregning, the accounts as SUMIFS over the postings, and the figures
to date and the plan and trend forecasts as live formulas; the month counted through is an input. The model
forecast needs the activity file and stands as the engine's value."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter as col

from costmodel.engine import Result
from costmodel.followup.status import Status
from costmodel.workbook.cells import BOLD, INPUT, KR, header_row, input_cell, titled_sheet, write_text
from costmodel.workbook.layout import FIRST_MONTH_COLUMN, Layout

POSTINGS = "Posteringer"
SHEET = "Oppfølging"
NONE = "(ingen)"  # the line of a posting no line takes
POSTING_HEADERS = [
    "Rad i filen",
    "Periode",
    "Måned",
    "Art",
    "Funksjon",
    "Ansvar",
    "Prosjekt",
    "Tekst",
    "Beløp",
    "Linje",
]
SUMMARY = [
    "Budsjett",
    "Plan hittil",
    "Regnskap hittil",
    "Avvik hittil",
    "Prognose (plan)",
    "Prognose (trend)",
    "Prognose (modell) per måned talt",
]
MONTH_COLUMNS = [col(4 + m) for m in range(12)]  # D … O: January … December


def add_followup_sheets(wb: Workbook, result: Result, layout: Layout, status: Status) -> None:
    _postings(wb, status)
    ws = titled_sheet(wb, SHEET, f"Oppfølging {status.year}: regnskap mot plan for det vedtatte alternativet")
    write_text(ws["A3"], "Til og med måned (1–12)")
    input_cell(ws["C3"], status.months_done, "0")
    write_text(ws["A4"], "År")
    ws["C4"] = status.year
    last = len(status.postings) + 1
    amount, line, month = (f"{POSTINGS}!${c}$2:${c}${max(last, 2)}" for c in ("I", "J", "C"))
    n = len(status.lines)
    summary_top, plan_top = 7, 7 + n + 6  # under the sum, the unmapped and the note on the model forecast
    actual_top, seen_top, rank_top = plan_top + n + 3, plan_top + 2 * n + 6, plan_top + 3 * n + 9
    months = f"$D${plan_top - 1}:$O${plan_top - 1}"
    header_row(ws, summary_top - 1, ["Linje-id", "Linje", *SUMMARY])
    for title, top in (
        ("Plan per måned", plan_top),
        ("Regnskap per måned", actual_top),
        ("Måneder med regnskap (1: ja)", seen_top),
        ("Plass fra siste måned med regnskap", rank_top),
    ):
        header_row(ws, top - 1, ["Linje-id", title, "", *[str(m + 1) for m in range(12)]])
        for m, c in enumerate(MONTH_COLUMNS):
            ws[f"{c}{top - 1}"] = m + 1  # the month's number, which the formulas compare with C3
    alternative = result.scenario.follow_up.alternative
    start = int(result.month_numbers[0])
    for k, line_id in enumerate(status.lines):
        rows = {
            name: top + k
            for name, top in (
                ("sum", summary_top),
                ("plan", plan_top),
                ("actual", actual_top),
                ("seen", seen_top),
                ("rank", rank_top),
            )
        }
        for r in rows.values():
            write_text(ws.cell(r, 1), line_id)
        write_text(ws.cell(rows["sum"], 2), status.labels[k])
        source = layout.calc_rows[(alternative, line_id)]
        for m, c in enumerate(MONTH_COLUMNS):
            offset = status.year * 12 + m - start
            in_horizon = 0 <= offset < len(result.month_numbers)
            ws[f"{c}{rows['plan']}"] = f"=Beregning!{col(FIRST_MONTH_COLUMN + offset)}{source}" if in_horizon else 0
            ws[f"{c}{rows['actual']}"] = f"=SUMIFS({amount},{line},$A{rows['actual']},{month},{c}${actual_top - 1})"
            ws[f"{c}{rows['seen']}"] = f"=IF(COUNTIFS({line},$A{rows['seen']},{month},{c}${seen_top - 1})>0,1,0)"
            seen = f"$D{rows['seen']}:$O{rows['seen']}"
            ws[f"{c}{rows['rank']}"] = (
                f"=IF(AND({c}${rank_top - 1}<=$C$3,{c}{rows['seen']}=1),"
                f"SUMPRODUCT(({months}>={c}${rank_top - 1})*({months}<=$C$3)*{seen}),0)"
            )
            for r in (rows["plan"], rows["actual"]):
                ws[f"{c}{r}"].number_format = KR
        plan, actual, rank = (f"$D{rows[x]}:$O{rows[x]}" for x in ("plan", "actual", "rank"))
        r = rows["sum"]
        last3 = f"({rank}>=1)*({rank}<=3)"
        ws[f"C{r}"] = f"=SUM({plan})"
        ws[f"D{r}"] = f"=SUMPRODUCT(({months}<=$C$3)*{plan})"
        ws[f"E{r}"] = f"=SUMPRODUCT(({months}<=$C$3)*{actual})"
        ws[f"F{r}"] = f"=E{r}-D{r}"
        ws[f"G{r}"] = f"=E{r}+SUMPRODUCT(({months}>$C$3)*{plan})"
        ws[f"H{r}"] = f"=E{r}+IF(SUMPRODUCT({last3})>0,SUMPRODUCT({last3}*{actual})/SUMPRODUCT({last3}),0)*(12-$C$3)"
        ws[f"I{r}"] = float(status.forecast["model"][k])  # needs the activity file: the engine's value
        for c in "CDEFGHI":
            ws[f"{c}{r}"].number_format = KR
    total = summary_top + n
    write_text(ws.cell(total, 2), "Sum")
    ws.cell(total, 2).font = BOLD
    for c in "CDEFGHI":
        ws[f"{c}{total}"] = f"=SUM({c}{summary_top}:{c}{total - 1})"
        ws[f"{c}{total}"].number_format = KR
        ws[f"{c}{total}"].font = BOLD
    write_text(ws.cell(total + 1, 2), "Ikke knyttet til noen linje (regnskap hittil)")
    ws[f"E{total + 1}"] = f'=SUMIFS({amount},{line},"{NONE}",{month},"<="&$C$3)'
    ws[f"E{total + 1}"].number_format = KR
    write_text(
        ws.cell(total + 2, 2),
        f"Prognose (modell) er regnet i kostnadsmodellen fra aktivitetsfilen per {status.months_done}. måned og "
        "følger ikke C3; de andre tallene er formler.",
    )
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 44
    for c in "CDEFGHI":
        ws.column_dimensions[c].width = 16


def _postings(wb: Workbook, status: Status) -> None:
    """Posteringer: every posting counted, as read, with its line (the engine's mapping; change a cell and the
    sums on Oppfølging follow)."""
    ws = wb.create_sheet(POSTINGS)
    header_row(ws, 1, POSTING_HEADERS)
    for r, p in enumerate(status.postings.itertuples(index=False), start=2):
        number = int(p.month)
        ws.cell(r, 1).value = int(p.rad)
        write_text(ws.cell(r, 2), f"{number // 12:04d}-{number % 12 + 1:02d}")
        ws.cell(r, 3).value = number % 12 + 1
        for c, value in ((4, p.art), (5, p.funksjon), (6, p.ansvar), (7, p.prosjekt), (8, p.tekst)):
            write_text(ws.cell(r, c), str(value))
        ws.cell(r, 9).value = float(p.amount)
        ws.cell(r, 9).number_format = KR
        write_text(ws.cell(r, 10), p.line or NONE)
        ws.cell(r, 10).fill = INPUT
    ws.freeze_panes = "A2"
