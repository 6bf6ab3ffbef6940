"""Forutsetninger: every input as a cell, laid out as layout.py says, so import can read it back.

The scenario-wide values have defined names (`Kalkulasjonsrente`, `Pensjonssats`, …) that the
formulas use; each says where its value comes from (the scenario file, a default, a zone) and what
it means (the field's help text). Then what the scenario is, its alternatives, growth per year,
every line's drivers (a blank parameter cell means: the scenario-wide value), and the ranges.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter as col
from openpyxl.worksheet.worksheet import Worksheet

from costmodel.engine import Result
from costmodel.engine.kinds import scenario_context
from costmodel.engine.sensitivity import driver_label, value_is_rate
from costmodel.parameters import load_reference
from costmodel.scenario import growth_years, kind_label, month_index
from costmodel.scenario.ranges import PARAMETER_NUMBERS
from costmodel.workbook.capacity import add_capacity_inputs
from costmodel.workbook.cells import (
    INPUT,
    KR,
    LINKED,
    MONTH,
    RATE,
    define_name,
    header_row,
    input_cell,
    month_date,
    titled_sheet,
    write_text,
)
from costmodel.workbook.council import add_council_inputs
from costmodel.workbook.layout import (
    ALTERNATIVE_HEADERS,
    COMMON_OWNER,
    FIELD_COLUMN,
    GLOBAL_HELP,
    GLOBALS,
    GROWTH_DEFAULT,
    GROWTH_HEADERS,
    GROWTH_LOG_HEADERS,
    INFO,
    LINE_COLUMNS,
    NAMED_COLUMNS,
    NAMED_TITLE,
    RANGE_COLUMNS,
    RANGES_TITLE,
    SHEET,
    cell_kind,
    field_format,
    formula_names,
)

GLOBAL_PATHS = {  # the scenario-wide rows a reference may stand in, by driver path
    "discount_rate": "discount_rate",
    **{f: f"parameters.{f}" for f in PARAMETER_NUMBERS},
}


def add_assumptions(wb: Workbook, result: Result) -> dict:
    """Forutsetninger: global parameters (named), growth per year, and every line's drivers."""
    s = result.scenario
    ctx = scenario_context(s, load_reference())
    ws = titled_sheet(wb, SHEET, "Forutsetninger")
    write_text(ws["A2"], "Gule celler er inndata. Endre dem, og alle ark regner på nytt.")
    ref = load_reference()
    own = s.parameters
    zone = own.employer_tax_zone or (None if own.employer_tax_rate is not None else ref.default("employer_tax_zone"))
    values = {  # field → (value, number format, set in the scenario file?)
        "price_basis": (s.basis_year, "0", s.price_basis is not None),
        "prices": ("faste" if s.prices == "fixed" else "løpende", None, "prices" in s.model_fields_set),
        "discount_rate": (s.discount_rate, RATE, "discount_rate" in s.model_fields_set),
        "employer_tax_rate": (
            ctx.rates.employer_tax_rate,
            RATE,
            own.employer_tax_rate is not None or own.employer_tax_zone is not None,
        ),
        "holiday_pay_included": (bool(ctx.rates.holiday_pay_included), None, own.holiday_pay_included is not None),
        "hours_per_fte": (ctx.rates.hours_per_fte, "#,##0", own.hours_per_fte is not None),
        "overhead_per_fte": (ctx.rates.overhead_per_fte, KR, own.overhead_per_fte is not None),
    }
    for field in ("pension_rate", "holiday_pay_rate", "sick_leave_rate", "sick_pay_refund_rate", "vacancy_rate"):
        values[field] = (getattr(ctx.rates, field), RATE, getattr(own, field) is not None)
    globals_ = [(name, label, *values[field]) for name, label, field in GLOBALS]
    header_row(ws, 4, ["Felles forutsetninger"], fill=False)
    header_row(ws, 4, ["Kilde", "Forklaring"], first_column=3, fill=False)
    for k, (name, label, value, number_format, in_file) in enumerate(globals_):
        row = 5 + k
        write_text(ws.cell(row, 1), label)
        if isinstance(value, str):
            write_text(ws.cell(row, 2), value)
            ws.cell(row, 2).fill = INPUT
        else:
            input_cell(ws.cell(row, 2), value, number_format)
        define_name(wb, name, SHEET, f"$B${row}")
        source = "scenariofilen" if in_file else "standardverdi"
        if name == "Arbeidsgiveravgift" and zone:
            source = f"sone {zone}" + ("" if own.employer_tax_zone else " (standardverdi)")
        write_text(ws.cell(row, 3), source)
        write_text(ws.cell(row, 4), GLOBAL_HELP[GLOBALS[k][2]])
    info_row = 5 + len(globals_) + 1
    values = {
        "name": s.name,
        "municipality": s.municipality or "",
        "start": month_date(s.start_index),
        "months": s.months,
        "growth": s.growth.source or "",
        "draws": s.simulation.draws,
        "seed": s.simulation.seed,
    }
    info = [(label, values[field]) for label, field in INFO]
    for k, (label, value) in enumerate(info):
        write_text(ws.cell(info_row + k, 1), label)
        if isinstance(value, str):
            write_text(ws.cell(info_row + k, 2), value)
        else:
            ws.cell(info_row + k, 2).value = value
    ws.cell(info_row + 2, 2).number_format = MONTH
    define_name(wb, "Startmaaned", SHEET, f"$B${info_row + 2}")
    alt_top = info_row + len(info) + 1
    header_row(ws, alt_top, ALTERNATIVE_HEADERS, fill=False)
    for k, a in enumerate(s.alternatives, start=1):
        write_text(ws.cell(alt_top + k, 1), a.id)
        write_text(ws.cell(alt_top + k, 2), a.name)
        ws.cell(alt_top + k, 3).value = a.id == s.baseline
    info_row = alt_top + len(s.alternatives) - 1
    if s.assumptions:
        info_row = _named_table(wb, ws, s, info_row + 3)

    growth_top = info_row + 3
    header_row(ws, growth_top, ["Vekst per år (brukes med løpende priser)"], fill=False)
    wages, prices = s.growth.series("wages"), s.growth.series("prices")
    default_row = growth_top + 1  # år uten eget tall tar standardverdien: cellene er formler mot denne raden
    write_text(ws.cell(default_row, 1), GROWTH_DEFAULT)
    for c, series in ((2, wages), (3, prices)):
        if "default" in series:
            input_cell(ws.cell(default_row, c), series["default"], RATE)
    header_row(ws, default_row + 1, [*GROWTH_HEADERS, *GROWTH_LOG_HEADERS], fill=False)
    explicit = {y for series in (wages, prices) for y in series if y != "default"}
    years = sorted(set(growth_years(s)) | explicit) or [s.basis_year + 1]
    for k, year in enumerate(years):
        row = default_row + 2 + k
        ws.cell(row, 1).value = year
        for c, series in ((2, wages), (3, prices)):
            cell = ws.cell(row, c)
            if year in series:
                input_cell(cell, series[year], RATE)
            elif "default" in series:
                cell.value = f"=${col(c)}${default_row}"
                cell.number_format = RATE
            else:
                input_cell(cell, 0.0, RATE)
        for c in (4, 5):  # ln(1 + g), so the index is a plain SUMPRODUCT in every engine (formulas.price_index)
            ws.cell(row, c).value = f"=LN(1+{col(c - 2)}{row})"
            ws.cell(row, c).number_format = "0.000000"
    first, last = default_row + 2, default_row + 1 + len(years)
    places = {f"growth.{name}.default": f"{col(c)}{default_row}" for c, name in ((2, "wages"), (3, "prices"))}
    places |= {
        f"growth.{name}.{year}": f"{col(c)}{first + k}"
        for k, year in enumerate(years)
        for c, name in ((2, "wages"), (3, "prices"))
    }
    places |= {GLOBAL_PATHS[field]: f"B{5 + k}" for k, (_, _, field) in enumerate(GLOBALS) if field in GLOBAL_PATHS}
    define_name(wb, "VekstAar", SHEET, f"$A${first}:$A${last}")
    define_name(wb, "Lonnsvekst", SHEET, f"$B${first}:$B${last}")
    define_name(wb, "Prisvekst", SHEET, f"$C${first}:$C${last}")
    define_name(wb, "LnLonnsvekst", SHEET, f"$D${first}:$D${last}")
    define_name(wb, "LnPrisvekst", SHEET, f"$E${first}:$E${last}")

    if s.capacity is not None:
        last, capacity_places = add_capacity_inputs(wb, ws, result, last + 3)
        places |= capacity_places
    last = add_council_inputs(wb, ws, result, last + 3)
    top = last + 3
    header_row(ws, top - 1, ["Linjer (tomme parameterceller betyr: bruk felles forutsetning)"], fill=False)
    header_row(ws, top, [header for header, _ in LINE_COLUMNS])
    rows = {}
    owners = [(COMMON_OWNER, s.common)] + [(a.id, a.lines) for a in s.alternatives]
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
                kind = cell_kind(field)
                if kind == "month":
                    input_cell(cell, month_date(month_index(value)), MONTH)
                elif kind == "text":
                    write_text(cell, kind_label(value) if field == "kind" else value)  # the kind in Norwegian
                    if field not in ("id", "kind", "label"):
                        cell.fill = INPUT
                else:
                    input_cell(cell, value, field_format(field, value))
    _link_references(ws, s, places, rows)
    # Room for a few more lines: the Kontroll counts every id in Linjetabell, so an added line is never silent.
    define_name(wb, "Linjetabell", SHEET, f"${FIELD_COLUMN['id']}${top + 1}:${FIELD_COLUMN['id']}${row + 3}")
    _ranges_table(ws, s, row + 5)
    ws.freeze_panes = ws.cell(top + 1, 4)
    for c in range(1, len(LINE_COLUMNS) + 1):
        ws.column_dimensions[col(c)].width = 14
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["C"].width = 44
    return rows


def _named_table(wb: Workbook, ws: Worksheet, s, top: int) -> int:
    """The named assumptions: one input cell each, with a defined name the fields that use it point at.

    Returns the table's last row.
    """
    header_row(ws, top, [NAMED_TITLE], fill=False)
    header_row(ws, top + 1, NAMED_COLUMNS)
    names = formula_names(s.assumptions)
    for k, a in enumerate(s.assumptions.values(), start=top + 2):
        write_text(ws.cell(k, 1), a.name)
        write_text(ws.cell(k, 2), a.label)
        if a.months:
            input_cell(ws.cell(k, 3), month_date(int(a.value)), MONTH)
        else:
            input_cell(ws.cell(k, 3), a.value, RATE if value_is_rate(a.driver, s) else "#,##0.##")
        write_text(ws.cell(k, 4), names[a.name])
        define_name(wb, names[a.name], SHEET, f"$C${k}")
    return top + 1 + len(s.assumptions)


def _link_references(ws: Worksheet, s, places: dict[str, str], rows: dict) -> None:
    """Every cell of a field that refers to a named assumption holds a formula pointing at it (`=F_timepris`,
    `=EDATE(F_ansatt_fra,1)` for a month moved by its offset), so changing the assumption moves them all."""
    names = formula_names(s.assumptions)
    for ref in s.references:
        owner, line_id, field = (ref.driver.split(".") + ["", ""])[:3]
        if ref.where.startswith(("alternatives", "common")):
            cell = ws[f"{FIELD_COLUMN[field]}{rows[(COMMON_OWNER if owner == 'common' else owner, line_id)]}"]
        else:
            cell = ws[places[ref.driver]]
        name = names[ref.name]
        cell.value = f"=EDATE({name},{ref.plus_months})" if ref.plus_months else f"={name}"
        cell.fill = LINKED


def _ranges_table(ws: Worksheet, s, top: int) -> None:
    """Forutsetninger, uncertain drivers: one row per range (docs/method.md §12), read back on import."""
    header_row(ws, top - 1, [RANGES_TITLE], fill=False)
    header_row(ws, top, RANGE_COLUMNS)
    for k, (path, r) in enumerate(s.ranges.items(), start=1):
        write_text(ws.cell(top + k, 1), path)
        write_text(ws.cell(top + k, 2), driver_label(s, path))
        for c, value in ((3, r.low), (4, r.mode), (5, r.high)):
            if value is None:
                ws.cell(top + k, c).fill = INPUT
            elif r.months:
                input_cell(ws.cell(top + k, c), month_date(int(value)), MONTH)
            else:
                input_cell(ws.cell(top + k, c), value, RATE if value_is_rate(path, s) else "#,##0.##")
        write_text(ws.cell(top + k, 6), r.dist)
        ws.cell(top + k, 6).fill = INPUT
