"""For the council: the partner municipalities and the non-priced effects, as inputs on Forutsetninger, and
the sheets Fordeling (each partner's levels, totals, present values and differences, as live formulas) and
Virkninger (the konsekvens of each effect from importance × impact, as formulas; docs/method.md §15–16).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter as col
from openpyxl.worksheet.worksheet import Worksheet

from costmodel import formatting as fmt
from costmodel.engine import Result
from costmodel.report.council import COLOURS, DARK, IMPORTANCE_TEXT
from costmodel.workbook.calculation import challengers
from costmodel.workbook.cells import (
    BOLD,
    INPUT,
    KR,
    RATE,
    define_name,
    header_row,
    input_cell,
    titled_sheet,
    write_text,
)
from costmodel.workbook.layout import (
    COUNCIL_HEADERS,
    COUNCIL_TITLE,
    EFFECT_HEADERS,
    EFFECTS_TITLE,
    FIELD_COLUMN,
    FINANCING_LABEL,
    PARTNER_HEADERS,
    PARTNER_KEY_LABEL,
    PARTNERS_TITLE,
    PROPOSAL_LABEL,
    SHEET,
    SOURCE_HEADERS,
    SOURCES_TITLE,
    Layout,
    impact_header,
)


def add_council_inputs(wb: Workbook, ws: Worksheet, result: Result, top: int) -> int:
    """Forutsetninger: the partners (id, name, share or basis, and the share in use) and the effects (id, label,
    importance, note, impact per alternative). Returns the last row written (top − 3 when there is neither)."""
    s = result.scenario
    last = top - 3
    if s.partners:
        header_row(ws, top, [PARTNERS_TITLE], fill=False)
        write_text(ws.cell(top + 1, 1), PARTNER_KEY_LABEL)
        write_text(ws.cell(top + 1, 2), s.partner_key or "")
        ws.cell(top + 1, 2).fill = INPUT
        header_row(ws, top + 2, PARTNER_HEADERS)
        first, end = top + 3, top + 2 + len(s.partners)
        for row, p in enumerate(s.partners, start=first):
            write_text(ws.cell(row, 1), p.id)
            write_text(ws.cell(row, 2), p.name)
            for c, value, number_format in ((3, p.share, RATE), (4, p.basis, "#,##0.##")):
                if value is None:
                    ws.cell(row, c).fill = INPUT
                else:
                    input_cell(ws.cell(row, c), value, number_format)
            # the share in use: the basis over the sum of bases when bases are given, else the share
            ws.cell(row, 5).value = f"=IF(COUNT($D${first}:$D${end})>0,D{row}/SUM($D${first}:$D${end}),C{row})"
            ws.cell(row, 5).number_format = RATE
        define_name(wb, "KommuneId", SHEET, f"$A${first}:$A${end}")
        define_name(wb, "KommuneAndel", SHEET, f"$E${first}:$E${end}")
        last = end
    if s.effects:
        top = last + 3
        alternatives = [a.id for a in s.alternatives]
        header_row(ws, top, [EFFECTS_TITLE], fill=False)
        header_row(ws, top + 1, [*EFFECT_HEADERS, *map(impact_header, alternatives)])
        for row, e in enumerate(s.effects, start=top + 2):
            write_text(ws.cell(row, 1), e.id)
            write_text(ws.cell(row, 2), e.label)
            write_text(ws.cell(row, 3), e.importance)
            write_text(ws.cell(row, 4), e.note or "")
            for c, alt in enumerate(alternatives, start=5):
                write_text(ws.cell(row, c), e.impact.get(alt, "0"))
            for c in [3, 4, *range(5, 5 + len(alternatives))]:
                ws.cell(row, c).fill = INPUT
        define_name(wb, "Virkninger", SHEET, f"$A${top + 2}:$A${top + 1 + len(s.effects)}")
        last = top + 1 + len(s.effects)
    return _words_inputs(ws, s, last)


def _words_inputs(ws: Worksheet, s, last: int) -> int:
    """Forutsetninger: the sources (one row each) and the saksbehandler's text for the council (inndekning, and the
    proposal's points in order), as editable inputs read back by `import`. Returns the last row written."""
    if s.sources:
        top = last + 3
        header_row(ws, top, [SOURCES_TITLE], fill=False)
        header_row(ws, top + 1, SOURCE_HEADERS)
        for row, source in enumerate(s.sources, start=top + 2):
            for c, value in enumerate((source.title, source.publisher, source.year, source.href, source.note), 1):
                write_text(ws.cell(row, c), "" if value is None else str(value))
                ws.cell(row, c).fill = INPUT
        last = top + 1 + len(s.sources)
    if s.council is not None and (s.council.financing or s.council.proposal):
        top = last + 3
        header_row(ws, top, [COUNCIL_TITLE], fill=False)
        header_row(ws, top + 1, COUNCIL_HEADERS)
        texts = ([(FINANCING_LABEL, s.council.financing)] if s.council.financing else []) + [
            (PROPOSAL_LABEL, point) for point in s.council.proposal
        ]
        for row, (label, text) in enumerate(texts, start=top + 2):
            write_text(ws.cell(row, 1), label)
            write_text(ws.cell(row, 2), text)
            ws.cell(row, 2).fill = INPUT
            ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        last = top + 1 + len(texts)
    return last


def partner_rows(ws: Worksheet, result: Result) -> dict[str, int]:
    """Each partner's row on Forutsetninger (found by its id in column A under the partners' header)."""
    ids = {p.id for p in result.scenario.partners}
    rows, seen = {}, False
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row, 1).value
        seen = seen or value == PARTNER_HEADERS[0]
        if seen and value in ids and value not in rows:
            rows[value] = row
    return rows


def add_split_sheet(wb: Workbook, result: Result, layout: Layout) -> None:
    """Fordeling: each budget line's weight per partner, then each partner's level per year (SUMPRODUCT of the
    lines' levels on Årsbudsjett and the weights), total, present value, and differences against the baseline."""
    s = result.scenario
    if not s.partners:
        return
    years = result.years
    ws = titled_sheet(wb, "Fordeling", "Fordeling mellom samarbeidskommunene (formler)")
    rows = partner_rows(wb[SHEET], result)
    write_text(ws["A2"], "Hver linje fordeles etter andelen i bruk, eller betales helt av kommunen i «Betales av».")
    partner_column = FIELD_COLUMN["partner"]
    row = 4
    levels_at: dict[tuple[str, str], int] = {}
    last_year = col(1 + len(years))
    total_col, pv_col = 2 + len(years), 3 + len(years)
    for a in s.alternatives:
        write_text(ws.cell(row, 1), a.name)
        ws.cell(row, 1).font = BOLD
        header_row(ws, row + 1, ["Linje", "Betales av", *(p.name for p in s.partners)])
        first = row + 2
        lines = layout.lines[a.id]
        owners = {b.id: b.owner for b in lines if b.owner is not None}
        for r, b in enumerate(lines, start=first):
            write_text(ws.cell(r, 1), b.label)
            source = b.id if b.derived is None else b.of
            if b.derived == "cover" or source is None:
                write_text(ws.cell(r, 2), "")
            else:
                payer = f"{SHEET}!${partner_column}${layout.line_rows[(owners[source], source)]}"
                ws.cell(r, 2).value = f'=""&{payer}'
            for c, p in enumerate(s.partners, start=3):
                share = f"{SHEET}!$E${rows[p.id]}"
                ws.cell(r, c).value = f'=IF($B{r}="",{share},IF($B{r}={SHEET}!$A${rows[p.id]},1,0))'
                ws.cell(r, c).number_format = RATE
        last = first + len(lines) - 1
        budget_first = layout.budget_rows[(a.id, lines[0].id)] if lines else None
        row = last + 2
        write_text(ws.cell(row, 1), f"{a.name}: nivå per kommune (kr)")
        ws.cell(row, 1).font = BOLD
        for k, year in enumerate(years):
            ws.cell(row, 2 + k).value = year
            ws.cell(row, 2 + k).font = BOLD
        write_text(ws.cell(row, total_col), "Sum")
        write_text(ws.cell(row, pv_col), f"Nåverdi ({fmt.present_value_basis(s)})")
        for n, p in enumerate(s.partners, start=1):
            r = row + n
            levels_at[(a.id, p.id)] = r
            write_text(ws.cell(r, 1), p.name)
            weights = f"${col(2 + n)}${first}:${col(2 + n)}${last}"
            for k in range(len(years)):
                if budget_first is None:
                    ws.cell(r, 2 + k).value = 0
                else:
                    c = col(3 + k)
                    levels = f"'Årsbudsjett'!{c}${budget_first}:{c}${budget_first + len(lines) - 1}"
                    ws.cell(r, 2 + k).value = f"=SUMPRODUCT({levels},{weights})"
            ws.cell(r, total_col).value = f"=SUM(B{r}:{last_year}{r})"
            ws.cell(r, pv_col).value = f"=SUMPRODUCT(B{r}:{last_year}{r},Sammenligning!$B$3:${last_year}$3)"
            for c in range(2, pv_col + 1):
                ws.cell(r, c).number_format = KR
        r = row + len(s.partners) + 1
        layout.split_rows[a.id] = r
        write_text(ws.cell(r, 1), "Sum (lik alternativets nivå)")
        ws.cell(r, 1).font = BOLD
        for c in range(2, pv_col + 1):
            ws.cell(r, c).value = f"=SUM({col(c)}{row + 1}:{col(c)}{r - 1})"
            ws.cell(r, c).number_format = KR
            ws.cell(r, c).font = BOLD
        row = r + 3
    if s.baseline:
        for a in challengers(s):
            write_text(ws.cell(row, 1), f"{a.name}: differanse mot nullalternativet per kommune (kr)")
            ws.cell(row, 1).font = BOLD
            for k, year in enumerate(years):
                ws.cell(row, 2 + k).value = year
            write_text(ws.cell(row, total_col), "Sum")
            write_text(ws.cell(row, pv_col), "Nåverdi")
            for n, p in enumerate(s.partners, start=1):
                r = row + n
                write_text(ws.cell(r, 1), p.name)
                mine, base = levels_at[(a.id, p.id)], levels_at[(s.baseline, p.id)]
                for c in range(2, pv_col + 1):
                    ws.cell(r, c).value = f"={col(c)}{mine}-{col(c)}{base}"
                    ws.cell(r, c).number_format = KR
            row += len(s.partners) + 2
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 16
    for c in range(3, pv_col + 1):
        ws.column_dimensions[col(c)].width = 16


def add_effects_sheet(wb: Workbook, result: Result) -> None:
    """Virkninger: each effect's konsekvens per alternative, from the importance and impact on Forutsetninger by
    formula (steps = importance rank + |impact| − 1, signed; docs/method.md §15), coloured by step."""
    s = result.scenario
    if not s.effects:
        return
    ws = titled_sheet(wb, "Virkninger", "Ikke-prissatte virkninger: konsekvens (vurdert, ikke regnet i kroner)")
    inputs = wb[SHEET]
    first_input = next(r for r in range(1, inputs.max_row + 1) if inputs.cell(r, 1).value == EFFECT_HEADERS[0]) + 1
    alternatives = [a for a in s.alternatives if a.id != s.baseline]
    header_row(ws, 3, ["Virkning", "Betydning", *(f"{a.name}: omfang" for a in alternatives)])
    header_row(ws, 3, [f"{a.name}: konsekvens" for a in alternatives], first_column=3 + len(alternatives))
    columns = {a.id: 5 + k for k, a in enumerate(s.alternatives)}
    for n, _ in enumerate(s.effects):
        row, source = 4 + n, first_input + n
        ws.cell(row, 1).value = f"={SHEET}!$B${source}"
        ws.cell(row, 2).value = f"={SHEET}!$C${source}"
        for k, a in enumerate(alternatives):
            impact = f"{SHEET}!${col(columns[a.id])}${source}"
            ws.cell(row, 3 + k).value = f'=""&{impact}'
            steps = (
                f'IF({impact}="0",0,(MATCH({SHEET}!$C${source},{{"liten","middels","stor"}},0)+LEN({impact})-1)'
                f'*IF(LEFT({impact},1)="+",1,-1))'
            )
            cell = ws.cell(row, 3 + len(alternatives) + k)
            cell.value = f'=IF({steps}=0,"0",REPT(IF({steps}>0,"+","−"),ABS({steps})))'
            cell.alignment = Alignment(horizontal="center")
            cell.font = Font(bold=True)
    last = 3 + len(s.effects)
    first_col, last_col = col(3 + len(alternatives)), col(2 + 2 * len(alternatives))
    for steps, colour in COLOURS.items():
        text = "0" if steps == 0 else ("+" if steps > 0 else "−") * abs(steps)
        ws.conditional_formatting.add(
            f"{first_col}4:{last_col}{last}",
            CellIsRule(
                operator="equal",
                formula=[f'"{text}"'],
                fill=PatternFill("solid", fgColor=colour.lstrip("#")),
                font=Font(bold=True, color="FFFFFF" if steps in DARK else "000000"),
            ),
        )
    write_text(
        ws.cell(last + 2, 1),
        "Konsekvens = betydning × omfang mot nullalternativet, på skalaen −−−− … 0 … ++++ (Miljødirektoratets "
        "konsekvensvifte, M-1941). Betydning: " + ", ".join(IMPORTANCE_TEXT.values()).lower() + ".",
    )
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 12
    for c in range(3, 3 + 2 * len(alternatives)):
        ws.column_dimensions[col(c)].width = 22
