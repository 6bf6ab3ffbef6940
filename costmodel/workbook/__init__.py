"""The budget workbook: the scenario's inputs as cells and the method as live Excel formulas.

Sheets: Forside, Forutsetninger (every driver and global parameter as an input cell; globals
have defined names), Beregning (the monthly calculation per line as formulas, docs/method.md
§2–3), Årsbudsjett and Endringer (annual levels and changes over Beregning), Sammenligning
(differences, cumulative difference, present values, break-even), Usikkerhet (the simulation's
percentiles and the tornado, as values; only for a scenario with ranges), Hovedbok (the engine's
ledger as values) and Kontroll (reconciliations ending in one cell that is TRUE only when
everything adds up). Formulas use classic functions that LibreOffice 7.4 and Excel share.

User text is written only through `write_text`, never as a formula (docs/method.md §11).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter as col
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from costmodel import __version__
from costmodel.engine import Result, scenario_context
from costmodel.parameters import load_reference
from costmodel.scenario import growth_years, month_index
from costmodel.engine.sensitivity import driver_label, value_is_rate
from costmodel.workbook.uncertainty import add_uncertainty_sheet

KR, MILL, RATE, MONTH = "#,##0", "0.0", "0.0%", "yyyy-mm"
BOLD = Font(bold=True)
INPUT = PatternFill("solid", fgColor="FFF2CC")
HEADER = PatternFill("solid", fgColor="DDEBF7")
FIRST_MONTH_COLUMN = 11  # K: Beregning's first month
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
KIND_NAMES = {"staff": "egne stillinger", "consultant": "innleie", "purchase": "kjøp", "fixed": "fast beløp",
              "one_off": "engangsbeløp"}  # fmt: skip

# Forutsetninger, global parameters: (defined name, label in column A, scenario field)
GLOBALS = [
    ("Prisaar", "Prisår (kronene beløpene er i)", "price_basis"),
    ("Prisgrunnlag", "Prisgrunnlag (faste eller løpende)", "prices"),
    ("Kalkulasjonsrente", "Kalkulasjonsrente", "discount_rate"),
    ("Pensjonssats", "Pensjon, andel av årslønn", "pension_rate"),
    ("Arbeidsgiveravgift", "Arbeidsgiveravgift", "employer_tax_rate"),
    ("FeriepengerILonn", "Feriepenger er med i årslønnen", "holiday_pay_included"),
    ("Feriepengesats", "Feriepengesats (når de ikke er med)", "holiday_pay_rate"),
    ("OverheadPerAarsverk", "Overhead per årsverk (kr)", "overhead_per_fte"),
    ("TimerPerAarsverk", "Timer per årsverk", "hours_per_fte"),
]
# Forutsetninger, lines table: (column header, line field or None) in column order A, B, …
LINE_COLUMNS = [
    ("Alternativ", None), ("Linje-id", "id"), ("Tekst", "label"), ("Type", "kind"), ("Årsverk", "fte"),
    ("Årslønn", "annual_salary"), ("Kostnad per årsverk", "annual_cost_per_fte"),
    ("Pris per årsverk", "annual_price_per_fte"), ("Timepris", "hourly_rate"), ("Timer per måned", "hours_per_month"),
    ("Enheter per måned", "units_per_month"), ("Enhetspris", "unit_price"), ("Årsbeløp", "annual_amount"),
    ("Beløp", "amount"), ("Rekruttering per årsverk", "recruitment_cost"), ("Start", "start"), ("Slutt", "end"),
    ("Indeks", "index"), ("Mva-sats", "vat_rate"), ("Mva kompensert", "vat_compensated"),
    ("Pensjon", "pension_rate"), ("Arbeidsgiveravgift", "employer_tax_rate"),
    ("Feriepenger i lønn", "holiday_pay_included"), ("Feriepengesats", "holiday_pay_rate"),
    ("Overhead per årsverk", "overhead_per_fte"), ("Timer per årsverk", "hours_per_fte"),
    ("AGA-sone", "employer_tax_zone"),
    ("Forrige års nivå", "previous_year_amount"), ("KOSTRA-funksjon", "kostra_function"), ("KOSTRA-art", "kostra_art"),
]  # fmt: skip
FIELD_COLUMN = {field: col(k + 1) for k, (_, field) in enumerate(LINE_COLUMNS) if field}
TEXT_FIELDS = {"id", "label", "kind", "index", "kostra_function", "kostra_art", "employer_tax_zone"}
RANGES_TITLE = "Usikkerhet: drivere med intervall (cellen i tabellen over må stå på mest sannsynlig verdi eller midtpunktet)"
RANGE_COLUMNS = ["Driver", "Beskrivelse", "Lav", "Mest sannsynlig", "Høy", "Fordeling"]


def write_text(cell, text: str) -> None:
    """User text as a text cell: never a formula or error value; control characters stripped."""
    text = CONTROL.sub("", str(text))
    if len(text) > 32_767:
        text = text[:32_766] + "…"
    cell.value = text
    cell.data_type = "s"
    if text.startswith(TRIGGERS):
        cell.quotePrefix = True


def _month_date(number: int) -> date:
    return date(number // 12, number % 12 + 1, 1)


@dataclass
class Layout:
    """Where things are, so formulas on one sheet can point at cells on another."""

    line_rows: dict  # (owner, line id) → row in Forutsetninger
    calc_rows: dict  # (alternative, line id) → amount row in Beregning
    fte_rows: dict  # (alternative, line id) → årsverk row in Beregning
    total_rows: dict  # alternative → monthly total row in Beregning
    even_rows: dict  # alternative → "cheaper from here to the end" row in Beregning
    budget_rows: dict  # (alternative, line id) → row in Årsbudsjett; (alternative, None) → sum row
    first_month: str
    last_month: str


def _challengers(s) -> list:
    """The alternatives compared with the baseline (none without one)."""
    return [a for a in s.alternatives if s.baseline is not None and a.id != s.baseline]


def _sheet(wb: Workbook, name: str, title: str) -> Worksheet:
    """A new sheet with its title in A1."""
    ws = wb.create_sheet(name)
    write_text(ws["A1"], title)
    ws["A1"].font = Font(bold=True, size=14)
    return ws


def _name(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!{ref}")


def _input(cell, value, number_format: str | None = None) -> None:
    cell.value = value
    cell.fill = INPUT
    if number_format:
        cell.number_format = number_format


def _assumptions(wb: Workbook, result: Result) -> dict:
    """Forutsetninger: global parameters (named), growth per year, and every line's drivers."""
    s = result.scenario
    ctx = scenario_context(s, load_reference())
    ws = _sheet(wb, "Forutsetninger", "Forutsetninger")
    write_text(ws["A2"], "Gule celler er inndata. Endre dem, og alle ark regner på nytt.")
    ref = load_reference()
    own = s.parameters
    zone = own.employer_tax_zone or (None if own.employer_tax_rate is not None else ref.default("employer_tax_zone"))
    values = {  # field → (value, number format, set in the scenario file?)
        "price_basis": (s.basis_year, "0", s.price_basis is not None),
        "prices": ("faste" if s.prices == "fixed" else "løpende", None, "prices" in s.model_fields_set),
        "discount_rate": (s.discount_rate, RATE, "discount_rate" in s.model_fields_set),
        "employer_tax_rate": (ctx.parameters["employer_tax_rate"], RATE,
                              own.employer_tax_rate is not None or own.employer_tax_zone is not None),
        "holiday_pay_included": (bool(ctx.parameters["holiday_pay_included"]), None, own.holiday_pay_included is not None),
        "hours_per_fte": (ctx.parameters["hours_per_fte"], "#,##0", own.hours_per_fte is not None),
        "overhead_per_fte": (ctx.parameters["overhead_per_fte"], KR, own.overhead_per_fte is not None),
    }
    for field in ("pension_rate", "holiday_pay_rate"):
        values[field] = (ctx.parameters[field], RATE, getattr(own, field) is not None)
    globals_ = [(name, label, *values[field]) for name, label, field in GLOBALS]
    write_text(ws["A4"], "Felles forutsetninger")
    ws["A4"].font = BOLD
    write_text(ws["C4"], "Kilde")
    ws["C4"].font = BOLD
    for k, (name, label, value, number_format, in_file) in enumerate(globals_):
        row = 5 + k
        write_text(ws.cell(row, 1), label)
        if isinstance(value, str):
            write_text(ws.cell(row, 2), value)
            ws.cell(row, 2).fill = INPUT
        else:
            _input(ws.cell(row, 2), value, number_format)
        _name(wb, name, "Forutsetninger", f"$B${row}")
        source = "scenariofilen" if in_file else "standardverdi"
        if name == "Arbeidsgiveravgift" and zone:
            source = f"sone {zone}" + ("" if own.employer_tax_zone else " (standardverdi)")
        write_text(ws.cell(row, 3), source)
    info_row = 5 + len(globals_) + 1
    info = [
        ("Navn", s.name), ("Kommune", s.municipality or ""), ("Første måned", _month_date(s.start_index)),
        ("Antall måneder", s.months), ("Vekstserie", s.growth.source or ""),
        ("Simuleringer (trekk)", s.simulation.draws), ("Frø (seed)", s.simulation.seed),
    ]  # fmt: skip
    for k, (label, value) in enumerate(info):
        write_text(ws.cell(info_row + k, 1), label)
        if isinstance(value, str):
            write_text(ws.cell(info_row + k, 2), value)
        else:
            ws.cell(info_row + k, 2).value = value
    ws.cell(info_row + 2, 2).number_format = MONTH
    _name(wb, "Startmaaned", "Forutsetninger", f"$B${info_row + 2}")
    alt_top = info_row + len(info) + 1
    for c, text in enumerate(["Alternativ-id", "Navn på alternativet", "Nullalternativ"], start=1):
        write_text(ws.cell(alt_top, c), text)
        ws.cell(alt_top, c).font = BOLD
    for k, a in enumerate(s.alternatives, start=1):
        write_text(ws.cell(alt_top + k, 1), a.id)
        write_text(ws.cell(alt_top + k, 2), a.name)
        ws.cell(alt_top + k, 3).value = a.id == s.baseline
    info_row = alt_top + len(s.alternatives) - 1

    growth_top = info_row + 3
    write_text(ws.cell(growth_top, 1), "Vekst per år (brukes med løpende priser)")
    ws.cell(growth_top, 1).font = BOLD
    wages, prices = s.growth.series("wages"), s.growth.series("prices")
    default_row = growth_top + 1  # år uten eget tall tar standardverdien: cellene er formler mot denne raden
    write_text(ws.cell(default_row, 1), "Standard (år uten eget tall)")
    for c, series in ((2, wages), (3, prices)):
        if "default" in series:
            _input(ws.cell(default_row, c), series["default"], RATE)
    for c, text in enumerate(["År", "Lønnsvekst", "Prisvekst"], start=1):
        write_text(ws.cell(default_row + 1, c), text)
        ws.cell(default_row + 1, c).font = BOLD
    explicit = {y for series in (wages, prices) for y in series if y != "default"}
    years = sorted(set(growth_years(s)) | explicit) or [s.basis_year + 1]
    for k, year in enumerate(years):
        row = default_row + 2 + k
        ws.cell(row, 1).value = year
        for c, series in ((2, wages), (3, prices)):
            cell = ws.cell(row, c)
            if year in series:
                _input(cell, series[year], RATE)
            elif "default" in series:
                cell.value = f"=${col(c)}${default_row}"
                cell.number_format = RATE
            else:
                _input(cell, 0.0, RATE)
    first, last = default_row + 2, default_row + 1 + len(years)
    _name(wb, "VekstAar", "Forutsetninger", f"$A${first}:$A${last}")
    _name(wb, "Lonnsvekst", "Forutsetninger", f"$B${first}:$B${last}")
    _name(wb, "Prisvekst", "Forutsetninger", f"$C${first}:$C${last}")

    top = last + 3
    write_text(ws.cell(top - 1, 1), "Linjer (tomme parameterceller betyr: bruk felles forutsetning)")
    ws.cell(top - 1, 1).font = BOLD
    for c, (header, _) in enumerate(LINE_COLUMNS, start=1):
        write_text(ws.cell(top, c), header)
        ws.cell(top, c).font = BOLD
        ws.cell(top, c).fill = HEADER
    rows = {}
    owners = [("felles", s.common)] + [(a.id, a.lines) for a in s.alternatives]
    row = top
    for owner, lines in owners:
        for line in lines:
            row += 1
            rows[(owner, line.id)] = row
            write_text(ws.cell(row, 1), owner)
            for c, (_, field) in enumerate(LINE_COLUMNS, start=1):
                if field is None:
                    continue
                cell = ws.cell(row, c)
                value = getattr(line, field, None)
                if field == "employer_tax_rate" and getattr(line, "employer_tax_zone", None):
                    value = load_reference().employer_tax_rate(line.employer_tax_zone, s.basis_year).value
                if value is None:
                    if field in type(line).model_fields:
                        cell.fill = INPUT
                    continue
                if field in ("start", "end"):
                    _input(cell, _month_date(month_index(value)), MONTH)
                elif field in TEXT_FIELDS:
                    write_text(cell, value)
                    if field not in ("id", "kind", "label"):
                        cell.fill = INPUT
                else:
                    _input(cell, value, _number_format(field, value))
    _ranges_table(ws, s, row + 3)
    ws.freeze_panes = ws.cell(top + 1, 4)
    for c in range(1, len(LINE_COLUMNS) + 1):
        ws.column_dimensions[col(c)].width = 14
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["C"].width = 44
    return rows


def _ranges_table(ws: Worksheet, s, top: int) -> None:
    """Forutsetninger, uncertain drivers: one row per range (docs/method.md §12), read back on import."""
    write_text(ws.cell(top - 1, 1), RANGES_TITLE)
    ws.cell(top - 1, 1).font = BOLD
    for c, header in enumerate(RANGE_COLUMNS, start=1):
        write_text(ws.cell(top, c), header)
        ws.cell(top, c).font = BOLD
        ws.cell(top, c).fill = HEADER
    for k, (path, r) in enumerate(s.ranges.items(), start=1):
        write_text(ws.cell(top + k, 1), path)
        write_text(ws.cell(top + k, 2), driver_label(s, path))
        for c, value in ((3, r.low), (4, r.mode), (5, r.high)):
            if value is None:
                ws.cell(top + k, c).fill = INPUT
            elif r.months:
                _input(ws.cell(top + k, c), _month_date(int(value)), MONTH)
            else:
                _input(ws.cell(top + k, c), value, RATE if value_is_rate(path) else "#,##0.##")
        write_text(ws.cell(top + k, 6), r.dist)
        ws.cell(top + k, 6).fill = INPUT


def _number_format(field: str, value) -> str | None:
    if isinstance(value, bool):
        return None
    if field.endswith("rate") and field != "hourly_rate":
        return RATE
    if field in ("fte", "hours_per_month", "units_per_month", "hours_per_fte"):
        return "0.0##"
    return KR


def _param(row: int, field: str, global_name: str) -> str:
    cell = f"Forutsetninger!${FIELD_COLUMN[field]}${row}"
    return f"IF(ISBLANK({cell}),{global_name},{cell})"


def _line_formulas(line, row: int) -> tuple[str, str, str]:
    """(monthly amount, one-off at start, årsverk) of one line as formulas over its Forutsetninger row."""
    f = {field: f"Forutsetninger!${letter}${row}" for field, letter in FIELD_COLUMN.items()}
    vat = f"IF({f['vat_compensated']},1,1+{f['vat_rate']})"
    hours = _param(row, "hours_per_fte", "TimerPerAarsverk")
    if line.kind == "staff":
        if line.annual_cost_per_fte is not None:
            per_fte = f["annual_cost_per_fte"]
        else:
            s = f["annual_salary"]
            salary = f"IF({_param(row, 'holiday_pay_included', 'FeriepengerILonn')},{s},{s}*(1+{_param(row, 'holiday_pay_rate', 'Feriepengesats')}))"
            pension = f"{s}*{_param(row, 'pension_rate', 'Pensjonssats')}"
            tax = f"({salary}+{pension})*{_param(row, 'employer_tax_rate', 'Arbeidsgiveravgift')}"
            per_fte = f"({salary}+{pension}+{tax}+{_param(row, 'overhead_per_fte', 'OverheadPerAarsverk')})"
        return f"={f['fte']}*{per_fte}/12", f"={f['fte']}*N({f['recruitment_cost']})", f"={f['fte']}"
    if line.kind == "consultant":
        if line.annual_price_per_fte is not None:
            return f"={f['fte']}*{f['annual_price_per_fte']}/12*{vat}", "=0", f"={f['fte']}"
        if line.fte is not None:
            return f"={f['fte']}*{hours}*{f['hourly_rate']}/12*{vat}", "=0", f"={f['fte']}"
        return f"={f['hours_per_month']}*{f['hourly_rate']}*{vat}", "=0", f"={f['hours_per_month']}*12/{hours}"
    if line.kind == "purchase":
        if line.annual_amount is not None:
            return f"={f['annual_amount']}/12*{vat}", "=0", "=0"
        return f"={f['units_per_month']}*{f['unit_price']}*{vat}", "=0", "=0"
    if line.kind == "fixed":
        return f"={f['annual_amount']}/12", "=0", "=0"
    return "=0", f"={f['amount']}", "=0"


def _calculation(wb: Workbook, result: Result, line_rows: dict) -> Layout:
    """Beregning: month headers, price indices, one formula row per line and month, totals, break-even."""
    s = result.scenario
    ws = _sheet(wb, "Beregning", "Beregning per måned (formler; endre inndata på Forutsetninger)")
    months = result.month_numbers.tolist()
    first_col, last_col = col(FIRST_MONTH_COLUMN), col(FIRST_MONTH_COLUMN + len(months) - 1)
    for r, text in ((2, "Måned"), (3, "Månedsnummer"), (4, "År"), (5, "Lønnsindeks"), (6, "Prisindeks")):
        write_text(ws.cell(r, 10), text)
        ws.cell(r, 10).font = BOLD
    for k, number in enumerate(months):
        c = col(FIRST_MONTH_COLUMN + k)
        ws[f"{c}2"].value = _month_date(number)
        ws[f"{c}2"].number_format = MONTH
        ws[f"{c}3"] = f"=YEAR({c}2)*12+MONTH({c}2)-1"
        ws[f"{c}4"] = f"=YEAR({c}2)"
        for r, series in ((5, "Lonnsvekst"), (6, "Prisvekst")):
            ws[f"{c}{r}"] = (
                f'=IF(Prisgrunnlag="faste",1,EXP(SUMPRODUCT((VekstAar>Prisaar)*(VekstAar<={c}$4)*LN(1+{series}))'
                f"-SUMPRODUCT((VekstAar>{c}$4)*(VekstAar<=Prisaar)*LN(1+{series}))))"
            )
            ws[f"{c}{r}"].number_format = "0.0000"
    headers = ["Alternativ", "Linje-id", "Tekst", "Type", "Per måned", "Engangsbeløp", "Startmåned", "Sluttmåned",
               "Indeks", "Årsverk"]  # fmt: skip
    for c, text in enumerate(headers, start=1):
        write_text(ws.cell(8, c), text)
        ws.cell(8, c).font = BOLD
        ws.cell(8, c).fill = HEADER

    calc_rows, fte_rows, total_rows, even_rows = {}, {}, {}, {}
    keys = [(a.id, line) for a in s.alternatives for line in s.lines_of(a.id)]
    common_ids = {line.id for line in s.common}
    row = 8
    for alt, line in keys:
        row += 1
        calc_rows[(alt, line.id)] = row
        source = line_rows[("felles" if line.id in common_ids else alt, line.id)]
        fr = f"Forutsetninger!${{}}${source}"
        write_text(ws.cell(row, 1), alt)
        write_text(ws.cell(row, 2), line.id)
        write_text(ws.cell(row, 3), line.label)
        ws.cell(row, 4).value = f"={fr.format(FIELD_COLUMN['kind'])}"
        monthly, once, fte = _line_formulas(line, source)
        ws.cell(row, 5).value, ws.cell(row, 6).value, ws.cell(row, 10).value = monthly, once, fte
        start, end = fr.format(FIELD_COLUMN["start"]), fr.format(FIELD_COLUMN["end"])
        ws.cell(row, 7).value = f"=IF(ISBLANK({start}),YEAR(Startmaaned)*12+MONTH(Startmaaned)-1,YEAR({start})*12+MONTH({start})-1)"
        ws.cell(row, 8).value = f"=IF(ISBLANK({end}),999999,YEAR({end})*12+MONTH({end})-1)"
        index_cell = fr.format(FIELD_COLUMN["index"])
        default = "wages" if line.kind in ("staff", "consultant") else "prices"
        ws.cell(row, 9).value = f'=IF(ISBLANK({index_cell}),"{default}",{index_cell})'  # blank: the kind's default
        for c in (5, 6):
            ws.cell(row, c).number_format = KR
        for k in range(len(months)):
            c = col(FIRST_MONTH_COLUMN + k)
            active = f'AND({c}$3>=$G{row},{c}$3<=$H{row},$D{row}<>"one_off")'
            index = f'IF($I{row}="wages",{c}$5,IF($I{row}="prices",{c}$6,1))'
            ws[f"{c}{row}"] = f"=(IF({active},$E{row},0)+IF({c}$3=$G{row},$F{row},0))*{index}"
            ws[f"{c}{row}"].number_format = KR
    row += 2
    write_text(ws.cell(row, 1), "Årsverk per måned")
    ws.cell(row, 1).font = BOLD
    for alt, line in keys:
        row += 1
        fte_rows[(alt, line.id)] = row
        source = calc_rows[(alt, line.id)]
        write_text(ws.cell(row, 1), alt)
        write_text(ws.cell(row, 2), line.id)
        write_text(ws.cell(row, 3), line.label)
        for k in range(len(months)):
            c = col(FIRST_MONTH_COLUMN + k)
            ws[f"{c}{row}"] = f'=IF(AND({c}$3>=$G{source},{c}$3<=$H{source},$D{source}<>"one_off"),$J{source},0)'
    row += 2
    write_text(ws.cell(row, 1), "Sum per alternativ og måned")
    ws.cell(row, 1).font = BOLD
    for a in s.alternatives:
        row += 1
        total_rows[a.id] = row
        write_text(ws.cell(row, 1), a.id)
        write_text(ws.cell(row, 3), a.name)
        rows = [calc_rows[(a.id, line.id)] for line in s.lines_of(a.id)]
        for k in range(len(months)):
            c = col(FIRST_MONTH_COLUMN + k)
            ws[f"{c}{row}"] = "=" + ("+".join(f"{c}{r}" for r in rows) if rows else "0")
            ws[f"{c}{row}"].number_format = KR
    if s.baseline:
        base = total_rows[s.baseline]
        for a in _challengers(s):
            row += 2
            write_text(ws.cell(row, 1), a.id)
            write_text(ws.cell(row, 3), f"{a.name}: akkumulert differanse mot nullalternativet")
            write_text(ws.cell(row + 1, 3), "Billigere eller likt fra denne måneden til periodens slutt")
            mine = total_rows[a.id]
            for k in range(len(months)):
                c = col(FIRST_MONTH_COLUMN + k)
                ws[f"{c}{row}"] = f"=SUM(${first_col}{mine}:{c}{mine})-SUM(${first_col}{base}:{c}{base})"
                ws[f"{c}{row}"].number_format = KR
            for k in reversed(range(len(months))):
                c, after = col(FIRST_MONTH_COLUMN + k), col(FIRST_MONTH_COLUMN + k + 1)
                ok = f"{c}{row}<=0.001"
                ws[f"{c}{row + 1}"] = f"={ok}" if k == len(months) - 1 else f"=AND({ok},{after}{row + 1})"
            even_rows[a.id] = row + 1
            row += 1
    ws.freeze_panes = ws.cell(9, FIRST_MONTH_COLUMN)
    ws.column_dimensions["C"].width = 40
    for c in range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + len(months)):
        ws.column_dimensions[col(c)].width = 12
    return Layout(line_rows, calc_rows, fte_rows, total_rows, even_rows, {}, first_col, last_col)


def _budget(wb: Workbook, result: Result, layout: Layout) -> None:
    """Årsbudsjett (levels) and Endringer (changes, also in mill. kr), per line with sum rows."""
    s = result.scenario
    years = result.years
    ws = _sheet(wb, "Årsbudsjett", "Årsbudsjett: nivå per år (kr)")
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
        for line in s.lines_of(a.id):
            row += 1
            layout.budget_rows[(a.id, line.id)] = row
            write_text(ws.cell(row, 1), line.label)
            write_text(ws.cell(row, 2), line.id)
            source = layout.calc_rows[(a.id, line.id)]
            for k, year in enumerate(years):
                amounts = f"Beregning!${layout.first_month}${source}:${layout.last_month}${source}"
                ws.cell(row, 3 + k).value = f"=SUMPRODUCT(({months}={year})*{amounts})"
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
    ws.column_dimensions["A"].width = 60
    for k in range(len(years)):
        ws.column_dimensions[col(3 + k)].width = 14
    ws.freeze_panes = "C2"

    ch = _sheet(wb, "Endringer", "Endring mot forrige år")
    width = len(years)
    write_text(ch.cell(2, 3), "kr")
    write_text(ch.cell(2, 4 + width), "mill. kr")
    for (alt, line_id), level_row in layout.budget_rows.items():
        ch.cell(level_row, 1).value = f"='Årsbudsjett'!A{level_row}"
        for k in range(width):
            level = f"'Årsbudsjett'!{col(3 + k)}{level_row}"
            if line_id is None:
                lines = [layout.budget_rows[(alt, line.id)] for line in s.lines_of(alt)]
                change = "=" + ("+".join(f"{col(3 + k)}{r}" for r in lines) if lines else "0")
            elif k == 0:
                owner = "felles" if line_id in {line.id for line in s.common} else alt
                previous = f"Forutsetninger!${FIELD_COLUMN['previous_year_amount']}${layout.line_rows[(owner, line_id)]}"
                change = f"={level}-N({previous})"
            else:
                change = f"={level}-'Årsbudsjett'!{col(2 + k)}{level_row}"
            ch.cell(level_row, 3 + k).value = change
            ch.cell(level_row, 3 + k).number_format = KR
            ch.cell(level_row, 4 + width + k).value = f"=ROUND({col(3 + k)}{level_row}/1000000,1)"
            ch.cell(level_row, 4 + width + k).number_format = '+0.0;-0.0;"–"'
    for a in s.alternatives:
        header = layout.budget_rows[(a.id, s.lines_of(a.id)[0].id)] - 1 if s.lines_of(a.id) else None
        if header:
            write_text(ch.cell(header, 1), a.name)
            ch.cell(header, 1).font = BOLD
            for k, year in enumerate(years):
                ch.cell(header, 3 + k).value = year
                ch.cell(header, 4 + width + k).value = year
    ch.column_dimensions["A"].width = 60
    ch.freeze_panes = "C3"


def _comparison(wb: Workbook, result: Result, layout: Layout) -> None:
    """Sammenligning: levels, present values, and each alternative against the baseline."""
    s = result.scenario
    years = result.years
    ws = _sheet(wb, "Sammenligning", "Sammenligning med nullalternativet")
    write_text(ws["A3"], "Diskonteringsfaktor")
    for k, year in enumerate(years):
        ws.cell(2, 2 + k).value = year
        ws.cell(2, 2 + k).font = BOLD
        ws.cell(3, 2 + k).value = f"=1/(1+Kalkulasjonsrente)^({year}-YEAR(Startmaaned))"
        ws.cell(3, 2 + k).number_format = "0.0000"
    total_col, pv_col = 2 + len(years), 3 + len(years)
    write_text(ws.cell(2, total_col), "Sum")
    write_text(ws.cell(2, pv_col), "Nåverdi")
    level_rows = {}
    for n, a in enumerate(s.alternatives):
        row = 5 + n
        level_rows[a.id] = row
        write_text(ws.cell(row, 1), a.name + (" (nullalternativ)" if a.id == s.baseline else ""))
        source = layout.budget_rows[(a.id, None)]
        for k in range(len(years)):
            ws.cell(row, 2 + k).value = f"='Årsbudsjett'!{col(3 + k)}{source}"
        ws.cell(row, total_col).value = f"=SUM(B{row}:{col(1 + len(years))}{row})"
        ws.cell(row, pv_col).value = f"=SUMPRODUCT(B{row}:{col(1 + len(years))}{row},$B$3:${col(1 + len(years))}$3)"
        for c in range(2, pv_col + 1):
            ws.cell(row, c).number_format = KR
    row = 6 + len(s.alternatives)
    if s.baseline:
        base = level_rows[s.baseline]
        for a in _challengers(s):
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
            ws.cell(row + 2, 2).value = (
                f'=IFERROR(INDEX(Beregning!${layout.first_month}$2:${layout.last_month}$2,'
                f'MATCH(TRUE(),Beregning!${layout.first_month}${even}:${layout.last_month}${even},0)),"ingen")'
            )
            ws.cell(row + 2, 2).number_format = MONTH
            for r in (row, row + 1):
                for c in range(2, pv_col + 1):
                    ws.cell(r, c).number_format = KR
            row += 3
    ws.column_dimensions["A"].width = 50
    ws.freeze_panes = "B3"
    for c in range(2, pv_col + 1):
        ws.column_dimensions[col(c)].width = 14
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
    data = Reference(calc, min_col=10, max_col=FIRST_MONTH_COLUMN + len(result.month_numbers) - 1,
                     min_row=cumulative_top + 1, max_row=cumulative_top + len(s.alternatives))  # fmt: skip
    line_chart.add_data(data, from_rows=True, titles_from_data=True)
    line_chart.set_categories(Reference(calc, min_col=FIRST_MONTH_COLUMN,
                                        max_col=FIRST_MONTH_COLUMN + len(result.month_numbers) - 1, min_row=2))  # fmt: skip
    ws.add_chart(line_chart, f"J{row + 2}")


def _ledger(wb: Workbook, result: Result) -> None:
    """Hovedbok: the engine's ledger as values, one row per alternative, line and month."""
    ws = wb.create_sheet("Hovedbok")
    headers = ["Alternativ", "Linje-id", "Type", "Tekst", "Måned", "År", "Beløp", "Årsverk", "KOSTRA-funksjon",
               "KOSTRA-art"]  # fmt: skip
    for c, text in enumerate(headers, start=1):
        write_text(ws.cell(1, c), text)
        ws.cell(1, c).font = BOLD
        ws.cell(1, c).fill = HEADER
    info = result.line_info
    for r, (k, m, amount, fte) in enumerate(
        zip(result.row_line.tolist(), result.row_month.tolist(), result.amount.tolist(), result.fte.tolist()), start=2
    ):
        alt, line, kind, label, _, _, function, art = info[k]
        number = int(result.month_numbers[m])
        for c, text in ((1, alt), (2, line), (3, kind), (4, label)):
            write_text(ws.cell(r, c), text)
        ws.cell(r, 5).value = _month_date(number)
        ws.cell(r, 5).number_format = MONTH
        ws.cell(r, 6).value = number // 12
        ws.cell(r, 7).value = amount
        ws.cell(r, 7).number_format = KR
        ws.cell(r, 8).value = fte
        for c, code in ((9, function), (10, art)):
            if code:
                write_text(ws.cell(r, c), code)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{max(2, len(result.amount) + 1)}"
    ws.column_dimensions["D"].width = 44


def _controls(wb: Workbook, result: Result, layout: Layout) -> None:
    """Kontroll: reconciliations, each TRUE when it holds within 0,5 kr, ending in one TRUE cell."""
    s = result.scenario
    ws = _sheet(wb, "Kontroll", "Kontroll: alle skal være SANN")
    checks = []
    months = f"${layout.first_month}{{r}}:${layout.last_month}{{r}}"
    ledger_rows = max(2, len(result.amount) + 1)
    years = result.years
    for a in s.alternatives:
        total = layout.total_rows[a.id]
        annual = f"'Årsbudsjett'!C{layout.budget_rows[(a.id, None)]}:{col(2 + len(years))}{layout.budget_rows[(a.id, None)]}"
        checks.append((f"{a.name}: månedene summerer til årene",
                       f"ABS(SUM(Beregning!{months.format(r=total)})-SUM({annual}))<0.5"))  # fmt: skip
        checks.append((f"{a.name}: hovedboken er lik beregningen",
                       f"ABS(SUMIF(Hovedbok!$A$2:$A${ledger_rows},Beregning!$A${total},Hovedbok!$G$2:$G${ledger_rows})"
                       f"-SUM(Beregning!{months.format(r=total)}))<0.5"))  # fmt: skip
        for line in s.lines_of(a.id):
            calc = layout.calc_rows[(a.id, line.id)]
            budget = layout.budget_rows[(a.id, line.id)]
            levels = f"'Årsbudsjett'!C{budget}:{col(2 + len(years))}{budget}"
            changes = f"Endringer!C{budget}:{col(2 + len(years))}{budget}"
            last = f"'Årsbudsjett'!{col(2 + len(years))}{budget}"
            owner = "felles" if line.id in {c.id for c in s.common} else a.id
            previous = f"N(Forutsetninger!${FIELD_COLUMN['previous_year_amount']}${layout.line_rows[(owner, line.id)]})"
            checks.append((f"{a.name} › {line.label}: linjen summerer til årene",
                           f"ABS(SUM(Beregning!{months.format(r=calc)})-SUM({levels}))<0.5"))  # fmt: skip
            checks.append((f"{a.name} › {line.label}: endringene teleskoperer",
                           f"ABS(SUM({changes})-({last}-{previous}))<0.5"))  # fmt: skip
        lines = [layout.budget_rows[(a.id, line.id)] for line in s.lines_of(a.id)]
        sum_row = layout.budget_rows[(a.id, None)]
        for k in range(len(years)):
            c = col(3 + k)
            parts = "+".join(f"'Årsbudsjett'!{c}{r}" for r in lines) or "0"
            checks.append((f"{a.name}: linjene summerer til totalen {years[k]}",
                           f"ABS({parts}-'Årsbudsjett'!{c}{sum_row})<0.5"))  # fmt: skip
    for n, (label, formula) in enumerate(checks, start=4):
        write_text(ws.cell(n, 1), label)
        ws.cell(n, 2).value = f"={formula}"
    write_text(ws["A3"], "Alt stemmer")
    ws["A3"].font = BOLD
    ws["B3"] = f"=AND(B4:B{3 + len(checks)})"
    ws["B3"].font = BOLD
    wb.defined_names["AltStemmer"] = DefinedName("AltStemmer", attr_text="'Kontroll'!$B$3")
    ws.column_dimensions["A"].width = 90


def _front(wb: Workbook, result: Result) -> None:
    ws = wb.active
    ws.title = "Forside"
    s = result.scenario
    write_text(ws["A1"], s.name)
    ws["A1"].font = Font(bold=True, size=16)
    rows = [
        ("Kommune", s.municipality or ""),
        ("Periode", f"{s.start}, {s.months} måneder"),
        ("Prisgrunnlag", f"faste {s.basis_year}-kroner" if s.prices == "fixed" else "løpende priser"),
        ("Laget", datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("Program", f"kostnadsmodell {__version__}"),
        ("Referanseparametre", f"versjon {load_reference().vintage}"),
        ("Kontroll", ""),
    ]
    for n, (label, value) in enumerate(rows, start=3):
        write_text(ws.cell(n, 1), label)
        ws.cell(n, 1).font = BOLD
        write_text(ws.cell(n, 2), value)
    ws.cell(2 + len(rows), 2).value = "=AltStemmer"
    write_text(ws.cell(4 + len(rows), 1), "Gule celler på arket Forutsetninger er inndata; alle andre tall er formler "
                                          "over dem. Hovedbok er motorens tall som verdier, til pivottabeller og "
                                          "kontroll.")  # fmt: skip
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60


def build_workbook(result: Result) -> Workbook:
    """The whole workbook for a computed scenario."""
    wb = Workbook()
    _front(wb, result)
    line_rows = _assumptions(wb, result)
    layout = _calculation(wb, result, line_rows)
    _budget(wb, result, layout)
    _comparison(wb, result, layout)
    add_uncertainty_sheet(wb, result.scenario, write_text)
    _ledger(wb, result)
    _controls(wb, result, layout)
    for ws in wb.worksheets:
        _print_setup(ws)
    wb.calculation.fullCalcOnLoad = True
    return wb


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for row in ws.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.alignment = Alignment(vertical="center")


def export_bytes(result: Result) -> bytes:
    buffer = BytesIO()
    build_workbook(result).save(buffer)
    return buffer.getvalue()
