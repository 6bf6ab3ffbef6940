"""The sheets that report: Årsbudsjett and Endringer, Sammenligning, Hovedbok, Kontroll and Forside.

Levels, changes, present values and break-even are formulas.py's formulas over Beregning; the
rest are sums and reconciliations. Hovedbok is the engine's ledger as values, for pivot tables;
Kontroll ends in one cell that is TRUE only when everything adds up.
"""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter as col
from openpyxl.workbook.defined_name import DefinedName

from costmodel import __version__
from costmodel import formatting as fmt
from costmodel.engine import Result, views
from costmodel.parameters import load_reference
from costmodel.scenario import kind_label, line_field
from costmodel.workbook import formulas
from costmodel.workbook.calculation import challengers
from costmodel.workbook.cells import (
    BOLD,
    FACTOR,
    KR,
    MONTH,
    header_row,
    kroner_width,
    month_date,
    titled_sheet,
    write_text,
)
from costmodel.workbook.layout import FIELD_COLUMN, FIRST_MONTH_COLUMN, OWNER_HEADER, Layout

SAME_AS_EXPORTED = (
    "Samme tall som i appen ved eksport (til informasjon: blir USANN når inndata endres, og det er ventet)"
)


def add_budget(wb: Workbook, result: Result, layout: Layout) -> None:
    """Årsbudsjett (levels) and Endringer (changes, also in mill. kr), per line with sum rows."""
    s = result.scenario
    years = result.years
    ws = titled_sheet(wb, "Årsbudsjett", "Årsbudsjett: nivå per år (kr)")
    months = f"Beregning!${layout.first_month}$4:${layout.last_month}$4"
    row = 2
    for a in s.alternatives:
        row += 1
        write_text(ws.cell(row, 1), a.name)
        ws.cell(row, 1).font = BOLD
        for k, year in enumerate(years):
            ws.cell(row, 3 + k).value = year
            ws.cell(row, 3 + k).font = BOLD
        first = row + 1
        for line in layout.lines[a.id]:
            row += 1
            layout.budget_rows[(a.id, line.id)] = row
            write_text(ws.cell(row, 1), line.label)
            write_text(ws.cell(row, 2), line.id)
            source = layout.calc_rows[(a.id, line.id)]
            for k, year in enumerate(years):
                amounts = f"Beregning!${layout.first_month}${source}:${layout.last_month}${source}"
                ws.cell(row, 3 + k).value = formulas.annual_level(months, amounts, year)
                ws.cell(row, 3 + k).number_format = KR
        row += 1
        layout.budget_rows[(a.id, None)] = row
        write_text(ws.cell(row, 1), "Sum")
        ws.cell(row, 1).font = BOLD
        for k in range(len(years)):
            c = col(3 + k)
            ws.cell(row, 3 + k).value = f"=SUM({c}{first}:{c}{row - 1})" if row > first else "=0"
            ws.cell(row, 3 + k).number_format = KR
            ws.cell(row, 3 + k).font = BOLD
        row += 1
    levels = views.line_levels_array(result)
    changes = views.line_changes_array(result)
    sums = views.alternative_levels_array(result)
    widest = kroner_width([*levels.ravel(), *changes.ravel(), *sums.ravel(), *(sums.sum(axis=1))], minimum=14)
    ws.column_dimensions["A"].width = 60
    for k in range(len(years)):
        ws.column_dimensions[col(3 + k)].width = widest
    ws.freeze_panes = "C2"

    ch = titled_sheet(wb, "Endringer", "Endring mot forrige år")
    width = len(years)
    write_text(ch.cell(2, 3), "kr")
    write_text(ch.cell(2, 4 + width), "mill. kr")
    for (alt, line_id), level_row in layout.budget_rows.items():
        ch.cell(level_row, 1).value = f"='Årsbudsjett'!A{level_row}"
        for k in range(width):
            level = f"'Årsbudsjett'!{col(3 + k)}{level_row}"
            if line_id is None:
                lines = [layout.budget_rows[(alt, line.id)] for line in layout.lines[alt]]
                change = "=" + ("+".join(f"{col(3 + k)}{r}" for r in lines) if lines else "0")
            elif k == 0:
                change = formulas.change(level, _previous(layout, alt, line_id))
            else:
                change = formulas.change(level, f"'Årsbudsjett'!{col(2 + k)}{level_row}")
            ch.cell(level_row, 3 + k).value = change
            ch.cell(level_row, 3 + k).number_format = KR
            ch.cell(level_row, 4 + width + k).value = f"=ROUND({col(3 + k)}{level_row}/1000000,1)"
            ch.cell(level_row, 4 + width + k).number_format = '+0.0;-0.0;"–"'
    for a in s.alternatives:
        header = layout.budget_rows[(a.id, layout.lines[a.id][0].id)] - 1 if layout.lines[a.id] else None
        if header:
            write_text(ch.cell(header, 1), a.name)
            ch.cell(header, 1).font = BOLD
            for k, year in enumerate(years):
                ch.cell(header, 3 + k).value = year
                ch.cell(header, 4 + width + k).value = year
    _against_first_year(ch, result, layout)
    ch.column_dimensions["A"].width = 60
    for k in range(width):
        ch.column_dimensions[col(3 + k)].width = widest
        ch.column_dimensions[col(4 + width + k)].width = 10
    ch.freeze_panes = "C3"


def _against_first_year(ch, result: Result, layout: Layout) -> None:
    """Endringer, below the year-on-year table: each year against the first year's budget (opprinnelig budsjett),
    the form many økonomiplan documents use."""
    s, years = result.scenario, result.years
    top = ch.max_row + 3
    before = years[0] - 1
    header_row(
        ch, top, [f"Grunnlaget for endring {years[0]}: budsjett {before}, linjenes nivå året før (kr)"], fill=False
    )
    row = top
    for a in s.alternatives:  # the base of the first year's change, in words and kroner (contract 1.3)
        row += 1
        write_text(ch.cell(row, 1), f"{a.name}: endring {years[0]} er regnet fra budsjett {before}")
        previous = [_previous(layout, a.id, line.id) for line in layout.lines[a.id]]
        ch.cell(row, 3).value = "=" + ("+".join(previous) if previous else "0")
        ch.cell(row, 3).number_format = KR
    top = row + 2
    header_row(ch, top, [f"Endring mot budsjett {years[0]} (kr)"], fill=False)
    row = top
    for a in s.alternatives:
        row += 1
        write_text(ch.cell(row, 1), a.name)
        ch.cell(row, 1).font = BOLD
        for k, year in enumerate(years):
            ch.cell(row, 3 + k).value = year
        for line_id in [line.id for line in layout.lines[a.id]] + [None]:
            row += 1
            level_row = layout.budget_rows[(a.id, line_id)]
            ch.cell(row, 1).value = f"='Årsbudsjett'!A{level_row}"
            write_text(ch.cell(row, 2), line_id or "")
            for k in range(len(years)):
                level, base = f"'Årsbudsjett'!{col(3 + k)}{level_row}", f"'Årsbudsjett'!$C{level_row}"
                ch.cell(row, 3 + k).value = formulas.change(level, base)
                ch.cell(row, 3 + k).number_format = KR
        row += 1


def add_comparison(wb: Workbook, result: Result, layout: Layout) -> None:
    """Sammenligning: levels, present values, and each alternative against the baseline."""
    s = result.scenario
    years = result.years
    ws = titled_sheet(wb, "Sammenligning", "Sammenligning med nullalternativet")
    write_text(ws["A3"], "Nåverdifaktor (deflatert og diskontert)")
    write_text(ws["A4"], "Prisindeks (deflator)")
    for k, year in enumerate(years):
        c = col(2 + k)
        ws.cell(2, 2 + k).value = year
        ws.cell(2, 2 + k).font = BOLD
        ws.cell(3, 2 + k).value = formulas.discount_factor(year, f"{c}$4")
        ws.cell(3, 2 + k).number_format = FACTOR
        ws.cell(4, 2 + k).value = formulas.price_index(f"{c}$2", "Prisvekst")
        ws.cell(4, 2 + k).number_format = FACTOR
    total_col, pv_col = 2 + len(years), 3 + len(years)
    write_text(ws.cell(2, total_col), "Sum")
    write_text(ws.cell(2, pv_col), f"Nåverdi ({fmt.present_value_basis(s)})")
    level_rows = {}
    for n, a in enumerate(s.alternatives):
        row = 5 + n
        level_rows[a.id] = row
        write_text(ws.cell(row, 1), a.name + (" (nullalternativ)" if a.id == s.baseline else ""))
        source = layout.budget_rows[(a.id, None)]
        for k in range(len(years)):
            ws.cell(row, 2 + k).value = f"='Årsbudsjett'!{col(3 + k)}{source}"
        ws.cell(row, total_col).value = f"=SUM(B{row}:{col(1 + len(years))}{row})"
        last = col(1 + len(years))
        ws.cell(row, pv_col).value = formulas.present_value(f"B{row}:{last}{row}", f"$B$3:${last}$3")
        for c in range(2, pv_col + 1):
            ws.cell(row, c).number_format = KR
    row = 6 + len(s.alternatives)
    if s.baseline:
        base = level_rows[s.baseline]
        for a in challengers(s):
            row += 1
            write_text(ws.cell(row, 1), f"{a.name}: differanse mot nullalternativet")
            ws.cell(row, 1).font = BOLD
            for k in range(len(years)):
                c = col(2 + k)
                ws.cell(row, 2 + k).value = f"={c}{level_rows[a.id]}-{c}{base}"
                ws.cell(row + 1, 2 + k).value = f"=SUM($B{row}:{c}{row})"
            for c in (total_col, pv_col):
                ws.cell(row, c).value = f"={col(c)}{level_rows[a.id]}-{col(c)}{base}"
            write_text(ws.cell(row + 1, 1), "Akkumulert differanse")
            write_text(ws.cell(row + 2, 1), "Lønner seg fra (måned)")
            even = layout.even_rows[a.id]
            ws.cell(row + 2, 2).value = formulas.break_even(
                f"Beregning!${layout.first_month}${even}:${layout.last_month}${even}"
            )
            ws.cell(row + 2, 2).number_format = MONTH
            for r in (row, row + 1):
                for c in range(2, pv_col + 1):
                    ws.cell(r, c).number_format = KR
            row += 3
    ws.column_dimensions["A"].width = 50
    ws.freeze_panes = "B3"
    levels = views.alternative_levels_array(result)
    widest = kroner_width([*levels.ravel(), *levels.sum(axis=1), *(levels.sum(axis=1) - levels.sum(axis=1).min())])
    for c in range(2, pv_col + 1):
        ws.column_dimensions[col(c)].width = widest
    chart = BarChart()
    chart.title = "Kostnad per år"
    chart.y_axis.title = "kr"
    data = Reference(ws, min_col=1, max_col=1 + len(years), min_row=5, max_row=4 + len(s.alternatives))
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=1 + len(years), min_row=2))
    ws.add_chart(chart, f"A{row + 2}")
    line_chart = LineChart()
    line_chart.title = "Akkumulert kostnad per måned"
    line_chart.y_axis.title = "kr"
    calc = wb["Beregning"]
    cumulative_top = calc.max_row + 2
    write_text(calc.cell(cumulative_top, 1), "Akkumulert kostnad")
    for n, a in enumerate(s.alternatives):
        r = cumulative_top + 1 + n
        write_text(calc.cell(r, 10), a.name)
        total = layout.total_rows[a.id]
        for k in range(len(result.month_numbers)):
            c = col(FIRST_MONTH_COLUMN + k)
            calc[f"{c}{r}"] = f"=SUM(${layout.first_month}{total}:{c}{total})"
            calc[f"{c}{r}"].number_format = KR
    data = Reference(
        calc,
        min_col=10,
        max_col=FIRST_MONTH_COLUMN + len(result.month_numbers) - 1,
        min_row=cumulative_top + 1,
        max_row=cumulative_top + len(s.alternatives),
    )
    line_chart.add_data(data, from_rows=True, titles_from_data=True)
    line_chart.set_categories(
        Reference(
            calc, min_col=FIRST_MONTH_COLUMN, max_col=FIRST_MONTH_COLUMN + len(result.month_numbers) - 1, min_row=2
        )
    )
    ws.add_chart(line_chart, f"J{row + 2}")


def _previous(layout: Layout, alternative: str, line_id: str) -> str:
    """A line's level the year before the horizon: its «Forrige års nivå» cell; 0 for a line the engine derives."""
    line = next(b for b in layout.lines[alternative] if b.id == line_id)
    if line.derived is not None:
        return "0"
    return formulas.blank_as_zero(
        f"Forutsetninger!${FIELD_COLUMN['previous_year_amount']}${layout.line_rows[(line.owner, line_id)]}"
    )


def add_ledger(wb: Workbook, result: Result) -> None:
    """Hovedbok: the engine's ledger as values, one row per alternative, line and month."""
    ws = wb.create_sheet("Hovedbok")
    titles = [line_field(f).title for f in ("kind", "label")]
    kostra = [line_field(f).title for f in ("kostra_function", "kostra_art")]
    header_row(ws, 1, [OWNER_HEADER, line_field("id").title, *titles, "Måned", "År", "Beløp", "Årsverk", *kostra])
    info = result.line_info
    for r, (k, m, amount, fte) in enumerate(
        zip(result.row_line.tolist(), result.row_month.tolist(), result.amount.tolist(), result.fte.tolist()), start=2
    ):
        line = info[k]
        number = int(result.month_numbers[m])
        for c, text in ((1, line.alternative), (2, line.line), (3, kind_label(line.kind)), (4, line.label)):
            write_text(ws.cell(r, c), text)
        ws.cell(r, 5).value = month_date(number)
        ws.cell(r, 5).number_format = MONTH
        ws.cell(r, 6).value = number // 12
        ws.cell(r, 7).value = amount
        ws.cell(r, 7).number_format = KR
        ws.cell(r, 8).value = fte
        for c, code in ((9, line.kostra_function), (10, line.kostra_art)):
            if code:
                write_text(ws.cell(r, c), code)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{max(2, len(result.amount) + 1)}"
    ws.column_dimensions["D"].width = 44
    ws.column_dimensions["G"].width = kroner_width(result.amount)


def add_controls(wb: Workbook, result: Result, layout: Layout) -> None:
    """Kontroll: «regnearket går opp» (reconciliations within the workbook, each TRUE when it holds within 0,5 kr,
    TRUE after any valid edit of the inputs) and, apart, «samme tall som i appen ved eksport» (the calculation
    against the engine's ledger as exported: for information, FALSE once inputs are edited)."""
    s = result.scenario
    ws = titled_sheet(wb, "Kontroll", "Kontroll")
    n_lines = len(s.common) + sum(len(a.lines) for a in s.alternatives)
    checks = [
        (
            f"Alle linjene på Forutsetninger er med i beregningen ({n_lines}); en ny linje kommer med ved å lese "
            "regnearket inn i kostnadsmodell og eksportere på nytt",
            f"COUNTA(Linjetabell)={n_lines}",
        )
    ]
    same = []
    months = f"${layout.first_month}{{r}}:${layout.last_month}{{r}}"
    ledger_rows = max(2, len(result.amount) + 1)
    years = result.years
    for a in s.alternatives:
        total = layout.total_rows[a.id]
        annual = (
            f"'Årsbudsjett'!C{layout.budget_rows[(a.id, None)]}:{col(2 + len(years))}{layout.budget_rows[(a.id, None)]}"
        )
        checks.append(
            (
                f"{a.name}: månedene summerer til årene",
                f"ABS(SUM(Beregning!{months.format(r=total)})-SUM({annual}))<0.5",
            )
        )
        same.append(
            (
                f"{a.name}: beregningen er lik hovedboken (appens tall ved eksport)",
                f"ABS(SUMIF(Hovedbok!$A$2:$A${ledger_rows},Beregning!$A${total},Hovedbok!$G$2:$G${ledger_rows})"
                f"-SUM(Beregning!{months.format(r=total)}))<0.5",
            )
        )
        for line in layout.lines[a.id]:
            calc = layout.calc_rows[(a.id, line.id)]
            budget = layout.budget_rows[(a.id, line.id)]
            levels = f"'Årsbudsjett'!C{budget}:{col(2 + len(years))}{budget}"
            changes = f"Endringer!C{budget}:{col(2 + len(years))}{budget}"
            last = f"'Årsbudsjett'!{col(2 + len(years))}{budget}"
            previous = _previous(layout, a.id, line.id)
            checks.append(
                (
                    f"{a.name} › {line.label}: linjen summerer til årene",
                    f"ABS(SUM(Beregning!{months.format(r=calc)})-SUM({levels}))<0.5",
                )
            )
            checks.append(
                (f"{a.name} › {line.label}: endringene teleskoperer", f"ABS(SUM({changes})-({last}-{previous}))<0.5")
            )
        if a.id in layout.split_rows:
            split = f"Fordeling!{col(2 + len(years))}{layout.split_rows[a.id]}"
            checks.append(
                (f"{a.name}: kommunenes andeler summerer til alternativets sum", f"ABS({split}-SUM({annual}))<0.5")
            )
        lines = [layout.budget_rows[(a.id, line.id)] for line in layout.lines[a.id]]
        sum_row = layout.budget_rows[(a.id, None)]
        for k in range(len(years)):
            c = col(3 + k)
            parts = "+".join(f"'Årsbudsjett'!{c}{r}" for r in lines) or "0"
            checks.append(
                (f"{a.name}: linjene summerer til totalen {years[k]}", f"ABS({parts}-'Årsbudsjett'!{c}{sum_row})<0.5")
            )
    for n, (label, formula) in enumerate(checks, start=4):
        write_text(ws.cell(n, 1), label)
        ws.cell(n, 2).value = f"={formula}"
    header_row(ws, 3, ["Regnearket går opp (alle skal være SANN)"], fill=False)
    ws["B3"] = f"=AND(B4:B{3 + len(checks)})"
    ws["B3"].font = BOLD
    wb.defined_names["AltStemmer"] = DefinedName("AltStemmer", attr_text="'Kontroll'!$B$3")
    top = 5 + len(checks)
    header_row(ws, top, [SAME_AS_EXPORTED], fill=False)
    for n, (label, formula) in enumerate(same, start=top + 1):
        write_text(ws.cell(n, 1), label)
        ws.cell(n, 2).value = f"={formula}"
    ws.cell(top, 2).value = f"=AND(B{top + 1}:B{top + len(same)})"
    ws.cell(top, 2).font = BOLD
    wb.defined_names["SammeSomVedEksport"] = DefinedName("SammeSomVedEksport", attr_text=f"'Kontroll'!$B${top}")
    ws.column_dimensions["A"].width = 100


def add_front(wb: Workbook, result: Result) -> None:
    """Forside: what the workbook is, its price basis and vintage, and whether everything adds up."""
    ws = wb.active
    ws.title = "Forside"
    s = result.scenario
    write_text(ws["A1"], s.name)
    ws["A1"].font = Font(bold=True, size=16)
    rows = [
        ("Kommune", s.municipality or ""),
        ("Periode", f"{s.start}, {s.months} måneder"),
        ("Prisgrunnlag", fmt.price_basis(s)),
        ("Laget", datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("Program", f"kostnadsmodell {__version__}"),
        ("Referanseparametre", f"versjon {load_reference().vintage}"),
        ("Regnearket går opp", ""),
        ("Samme tall som i appen", ""),
    ]
    for n, (label, value) in enumerate(rows, start=3):
        write_text(ws.cell(n, 1), label)
        ws.cell(n, 1).font = BOLD
        write_text(ws.cell(n, 2), value)
    ws.cell(1 + len(rows), 2).value = "=AltStemmer"
    ws.cell(2 + len(rows), 2).value = "=SammeSomVedEksport"
    write_text(ws.cell(2 + len(rows), 3), "til informasjon: blir USANN når inndata endres, og det er ventet")
    write_text(
        ws.cell(4 + len(rows), 1),
        "Gule celler på arket Forutsetninger er inndata; alle andre tall er formler over dem. Hovedbok er motorens "
        "tall som verdier, til pivottabeller og kontroll.",
    )
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60
