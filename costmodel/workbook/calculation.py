"""Beregning: the monthly calculation per line as live formulas over Forutsetninger (docs/method.md §2–3, §5).

Rows: month headers and the two price indices, one formula row per line and month, årsverk per
line and month, totals per alternative, and for each compared alternative its cumulative
difference against the baseline and whether it stays cheaper to the end. The formulas are
formulas.py's.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter as col

from costmodel.engine import Result, views
from costmodel.engine.ledger import COVER_ID, COVER_LABEL, REFUND_LABEL, REFUND_SUFFIX
from costmodel.scenario import kind_label
from costmodel.workbook import formulas
from costmodel.workbook.capacity import add_capacity_sheet, cover_price
from costmodel.workbook.cells import FACTOR, KR, MONTH, header_row, kroner_width, month_date, titled_sheet, write_text
from costmodel.workbook.layout import COMMON_OWNER, FIELD_COLUMN, FIRST_MONTH_COLUMN, BudgetLine, Layout


def challengers(s) -> list:
    """The alternatives compared with the baseline (none without one)."""
    return [a for a in s.alternatives if s.baseline is not None and a.id != s.baseline]


def budget_lines(result: Result) -> dict[str, list[BudgetLine]]:
    """Each alternative's lines in the workbook: its scenario lines; beside each staff line its sick-pay refund
    when the scenario models capacity (so editing a rate in the workbook moves it); «dekning» last (§13)."""
    s = result.scenario
    refunds = s.capacity is not None or any(info.kind == "refund" for info in result.line_info)
    common_ids = {line.id for line in s.common}
    out = {}
    for a in s.alternatives:
        rows = []
        for line in s.lines_of(a.id):
            rows.append(BudgetLine(line.id, line.label, line.kind, COMMON_OWNER if line.id in common_ids else a.id))
            if refunds and line.kind == "staff":
                label = REFUND_LABEL.format(line.label)
                rows.append(BudgetLine(line.id + REFUND_SUFFIX, label, "refund", None, "refund", line.id))
        if s.capacity is not None and s.capacity.cover == "consultant":
            rows.append(BudgetLine(COVER_ID, COVER_LABEL, "consultant", None, "cover"))
        out[a.id] = rows
    return out


def add_calculation(wb: Workbook, result: Result, line_rows: dict) -> Layout:
    """Beregning: month headers, price indices, one formula row per line and month, totals, break-even."""
    s = result.scenario
    lines = budget_lines(result)
    ws = titled_sheet(wb, "Beregning", "Beregning per måned (formler; endre inndata på Forutsetninger)")
    months = result.month_numbers.tolist()
    first_col, last_col = col(FIRST_MONTH_COLUMN), col(FIRST_MONTH_COLUMN + len(months) - 1)
    for r, text in ((2, "Måned"), (3, "Månedsnummer"), (4, "År"), (5, "Lønnsindeks"), (6, "Prisindeks")):
        header_row(ws, r, [text], first_column=10, fill=False)
    for k, number in enumerate(months):
        c = col(FIRST_MONTH_COLUMN + k)
        ws[f"{c}2"].value = month_date(number)
        ws[f"{c}2"].number_format = MONTH
        ws[f"{c}3"] = formulas.month_number(f"{c}2")
        ws[f"{c}4"] = f"=YEAR({c}2)"
        for r, series in ((5, "Lonnsvekst"), (6, "Prisvekst")):
            ws[f"{c}{r}"] = formulas.price_index(f"{c}$4", series)
            ws[f"{c}{r}"].number_format = FACTOR
    headers = ["Alternativ", "Linje-id", "Tekst", "Type", "Per måned", "Engangsbeløp", "Startmåned", "Sluttmåned"]
    header_row(ws, 8, [*headers, "Indeks", "Årsverk"])

    fte_rows, total_rows, even_rows = {}, {}, {}
    keys = [(a.id, b) for a in s.alternatives for b in lines[a.id]]
    calc_rows = {(alt, b.id): 9 + k for k, (alt, b) in enumerate(keys)}
    cover_rows = add_capacity_sheet(wb, result, lines, calc_rows, line_rows) if s.capacity is not None else {}
    scenario_lines = {(a.id, line.id): line for a in s.alternatives for line in s.lines_of(a.id)}
    row = 8
    for alt, b in keys:
        row += 1
        write_text(ws.cell(row, 1), alt)
        write_text(ws.cell(row, 2), b.id)
        write_text(ws.cell(row, 3), b.label)
        if b.derived is None:
            _line_row(ws, row, scenario_lines[(alt, b.id)], line_rows[(b.owner, b.id)])
        elif b.derived == "refund":
            _refund_row(ws, row, calc_rows[(alt, b.of)], line_rows[(_owner(lines[alt], b.of), b.of)])
        for c in (5, 6):
            ws.cell(row, c).number_format = KR
        for k in range(len(months)):
            c = col(FIRST_MONTH_COLUMN + k)
            ws[f"{c}{row}"] = formulas.line_month(c, row)
            ws[f"{c}{row}"].number_format = KR
        if b.derived == "cover":
            _cover_row(ws, row, cover_rows[alt], len(months))
    row += 2
    header_row(ws, row, ["Årsverk per måned"], fill=False)
    for alt, b in keys:
        row += 1
        fte_rows[(alt, b.id)] = row
        source = calc_rows[(alt, b.id)]
        write_text(ws.cell(row, 1), alt)
        write_text(ws.cell(row, 2), b.id)
        write_text(ws.cell(row, 3), b.label)
        for k in range(len(months)):
            c = col(FIRST_MONTH_COLUMN + k)
            cover = f"=Kapasitet!{c}{cover_rows[alt]}" if b.derived == "cover" else None
            ws[f"{c}{row}"] = cover or formulas.fte_month(c, source)
    row += 2
    header_row(ws, row, ["Sum per alternativ og måned"], fill=False)
    for a in s.alternatives:
        row += 1
        total_rows[a.id] = row
        write_text(ws.cell(row, 1), a.id)
        write_text(ws.cell(row, 3), a.name)
        rows = [calc_rows[(a.id, b.id)] for b in lines[a.id]]
        for k in range(len(months)):
            c = col(FIRST_MONTH_COLUMN + k)
            ws[f"{c}{row}"] = "=" + ("+".join(f"{c}{r}" for r in rows) if rows else "0")
            ws[f"{c}{row}"].number_format = KR
    if s.baseline:
        base = total_rows[s.baseline]
        for a in challengers(s):
            row += 2
            write_text(ws.cell(row, 1), a.id)
            write_text(ws.cell(row, 3), f"{a.name}: akkumulert differanse mot nullalternativet")
            write_text(ws.cell(row + 1, 3), "Billigere eller likt fra denne måneden til periodens slutt")
            mine = total_rows[a.id]
            for k in range(len(months)):
                c = col(FIRST_MONTH_COLUMN + k)
                ws[f"{c}{row}"] = formulas.cumulative_difference(first_col, c, mine, base)
                ws[f"{c}{row}"].number_format = KR
            for k in reversed(range(len(months))):
                after = None if k == len(months) - 1 else col(FIRST_MONTH_COLUMN + k + 1)
                ws[f"{col(FIRST_MONTH_COLUMN + k)}{row + 1}"] = formulas.cheaper_to_end(
                    col(FIRST_MONTH_COLUMN + k), row, after
                )
            even_rows[a.id] = row + 1
            row += 1
    ws.freeze_panes = ws.cell(9, FIRST_MONTH_COLUMN)
    ws.column_dimensions["C"].width = 40
    monthly = views.monthly_array(result, result.amount)
    widest = kroner_width([*result.amount, *monthly.ravel(), *monthly.cumsum(axis=1).ravel()])
    for c in range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + len(months)):
        ws.column_dimensions[col(c)].width = widest
    return Layout(lines, line_rows, calc_rows, fte_rows, total_rows, even_rows, {}, first_col, last_col)


def _owner(budget: list[BudgetLine], line_id: str) -> str:
    return next(b.owner for b in budget if b.id == line_id and b.derived is None)


def _line_row(ws, row: int, line, source: int) -> None:
    """A scenario line: its kind, amounts, årsverk, months and index from its row on Forutsetninger."""
    fr = f"Forutsetninger!${{}}${source}"
    ws.cell(row, 4).value = f"={fr.format(FIELD_COLUMN['kind'])}"
    monthly, once, fte = formulas.line_formulas(line, source)
    ws.cell(row, 5).value, ws.cell(row, 6).value, ws.cell(row, 10).value = monthly, once, fte
    ws.cell(row, 7).value = formulas.start_month(fr.format(FIELD_COLUMN["start"]))
    ws.cell(row, 8).value = formulas.end_month(fr.format(FIELD_COLUMN["end"]))
    ws.cell(row, 9).value = formulas.index_series(fr.format(FIELD_COLUMN["index"]), line.default_index())


def _refund_row(ws, row: int, staff: int, source: int) -> None:
    """The sick-pay refund of the staff line in row `staff`: − its monthly amount × sykefravær × refusjon (§13)."""
    write_text(ws.cell(row, 4), kind_label("refund"))
    ws.cell(row, 5).value = formulas.refund(f"$E{staff}", source)
    ws.cell(row, 6).value, ws.cell(row, 10).value = "=0", "=0"
    for c in (7, 8, 9):
        ws.cell(row, c).value = f"={col(c)}{staff}"


def _cover_row(ws, row: int, cover: int, months: int) -> None:
    """«dekning»: the cover årsverk of the month (Kapasitet) × the cover price / 12 × the wage index (§13)."""
    write_text(ws.cell(row, 4), kind_label("consultant"))
    ws.cell(row, 5).value = f"={cover_price()}/12"
    ws.cell(row, 6).value, ws.cell(row, 10).value = "=0", "=0"
    ws.cell(row, 7).value = "=YEAR(Startmaaned)*12+MONTH(Startmaaned)-1"
    ws.cell(row, 8).value = formulas.SENTINEL_END
    write_text(ws.cell(row, 9), "wages")
    for k in range(months):
        c = col(FIRST_MONTH_COLUMN + k)
        ws[f"{c}{row}"] = f"=Kapasitet!{c}{cover}*$E{row}*{c}$5"
