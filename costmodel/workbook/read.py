"""Reading a budget workbook's Forutsetninger sheet back into a scenario, safely.

Untrusted files pass a gate before any parser sees them (size, a real zip, the parts of a
workbook, entry count, declared unpacked size and ratio, no macros, not encrypted), are parsed
only in openpyxl's read-only mode with explicit row and column limits (XML attacks are refused
by defusedxml), and are always closed. Every problem names its cell, in Norwegian:
`Forutsetninger!E31: «tre» er ikke et tall`. Formula cells are read by their computed values; a
formula without one is an error, never zero.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from io import BytesIO
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from costmodel.errors import Problem, ScenarioError
from costmodel.parameters import load_reference
from costmodel.scenario import DEFAULT_DRAWS, DEFAULT_SEED, Scenario, kind_from_word, parse_scenario
from costmodel.workbook.gate import MAX_UPLOAD, check_package, fail
from costmodel.workbook.layout import (
    ALTERNATIVE_HEADERS,
    CAPACITY_ROWS,
    CAPACITY_TITLE,
    COMMON_OWNER,
    COUNCIL_HEADERS,
    EFFECT_HEADERS,
    FINANCING_LABEL,
    GLOBALS,
    GROWTH_DEFAULT,
    GROWTH_HEADERS,
    INFO,
    LEGACY_CAPACITY_LABELS,
    LEGACY_GLOBALS,
    LEGACY_HEADERS,
    LINE_COLUMNS,
    NAMED_COLUMNS,
    NEED_HEADERS,
    OWNER_HEADER,
    PARTNER_HEADERS,
    PARTNER_KEY_LABEL,
    PROPOSAL_LABEL,
    RANGE_COLUMNS,
    RANGES_TITLE,
    SHEET,
    SOURCE_HEADERS,
    cell_kind,
    cover_from_word,
    formula_names,
    impact_header,
)

MAX_ROWS, MAX_COLUMNS = 3000, 40
REFERENCE = re.compile(r"=(?P<name>F_\w+)")
MOVED = re.compile(r"=(?:_xlfn\.)?EDATE\((?P<name>F_\w+)[,;](?P<plus>-?\d+)\)", re.IGNORECASE)


def _grid(data: bytes, computed: bool) -> list[tuple]:
    """The Forutsetninger sheet's cells within the limits, as rows of values (read-only, always closed)."""
    book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=computed, keep_links=False)
    try:
        if SHEET not in book.sheetnames:
            raise fail(f"regnearket har ikke arket «{SHEET}»; bruk et regneark eksportert fra kostnadsmodellen")
        sheet = book[SHEET]
        return list(sheet.iter_rows(min_row=1, max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True))
    finally:
        book.close()


class Sheet:
    """Cells of Forutsetninger (or a CSV of lines) with their computed values, and problems named by cell."""

    def __init__(self, values: list[tuple], formulas: list[tuple], name: str = SHEET):
        self.values, self.formulas, self.problems, self.name = values, formulas, [], name
        self.names: dict[str, str] | None = None  # defined name (lower case) → named assumption, once read

    def raw(self, row: int, column: int) -> Any:
        if row >= len(self.values) or column >= len(self.values[row]):
            return None
        value = self.values[row][column]
        formula = self.formulas[row][column] if row < len(self.formulas) and column < len(self.formulas[row]) else None
        if value is None and isinstance(formula, str) and formula.startswith("="):
            self.problem(
                row,
                column,
                "formelen har ingen beregnet verdi; åpne og lagre filen i Excel eller "
                "LibreOffice, eller skriv inn tallet",
            )
        return value.strip() if isinstance(value, str) else value

    def where(self, row: int, column: int) -> str:
        return f"{self.name}!{get_column_letter(column + 1)}{row + 1}"

    def problem(self, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.where(row, column), message))

    def number(self, row: int, column: int) -> float | None:
        value = self.raw(row, column)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(row, column, f"«{value}» er ikke et tall")
            return None
        return value

    def text(self, row: int, column: int) -> str | None:
        value = self.raw(row, column)
        if value is None or value == "":
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    def month(self, row: int, column: int) -> str | None:
        value = self.raw(row, column)
        if value is None or value == "":
            return None
        if isinstance(value, (datetime, date)):
            return f"{value.year:04d}-{value.month:02d}"
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}", value):
            return value
        self.problem(row, column, f"«{value}» er ikke en måned; skriv en dato eller ÅÅÅÅ-MM")
        return None

    def flag(self, row: int, column: int) -> bool | None:
        value = self.raw(row, column)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("sann", "true", "ja", "usann", "false", "nei"):
            return value.lower() in ("sann", "true", "ja")
        self.problem(row, column, f"«{value}» er ikke SANN eller USANN")
        return None

    def reference(self, row: int, column: int) -> dict | None:
        """A cell whose formula is just a named assumption (`=F_timepris`, `=EDATE(F_ansatt_fra,1)`), as a reference."""
        if self.names is None or row >= len(self.formulas) or column >= len(self.formulas[row]):
            return None
        formula = self.formulas[row][column]
        if not isinstance(formula, str):
            return None
        match = REFERENCE.fullmatch(formula.replace(" ", "")) or MOVED.fullmatch(formula.replace(" ", ""))
        if not match or match["name"].lower() not in self.names:
            return None
        plus = int(match.groupdict().get("plus") or 0)
        return {"ref": self.names[match["name"].lower()], **({"plus_months": plus} if plus else {})}

    def find(self, column: int, label: str) -> int | None:
        for row, cells in enumerate(self.values):
            if column < len(cells) and isinstance(cells[column], str) and cells[column].strip() == label:
                return row
        return None


def _globals(sheet: Sheet, data: dict) -> None:
    ref = load_reference()
    parameters: dict[str, Any] = {}
    for _, label, field in GLOBALS:
        row = sheet.find(0, label)
        if row is None and field in LEGACY_GLOBALS:
            row = sheet.find(0, LEGACY_GLOBALS[field])
        if row is None:
            sheet.problems.append(Problem(SHEET, f"finner ikke raden «{label}» i kolonne A"))
            continue
        source = sheet.text(row, 2) or ""
        from_file = source == "scenariofilen" or (source.startswith("sone ") and "standard" not in source)
        linked = sheet.reference(row, 1)
        if linked is not None:
            (data if field == "discount_rate" else parameters)[field] = linked
            continue
        if field == "prices":
            text = sheet.text(row, 1)
            value = {"faste": "fixed", "løpende": "nominal"}.get((text or "").lower())
            if value is None:
                sheet.problem(row, 1, f"«{text}» er verken «faste» eller «løpende»")
            elif from_file or value != "fixed":
                data["prices"] = value
            continue
        value = sheet.flag(row, 1) if field == "holiday_pay_included" else sheet.number(row, 1)
        if value is None:
            continue
        if field in ("discount_rate", "price_basis"):
            default = (
                ref.default("discount_rate")
                if field == "discount_rate"
                else int(data["start"][:4])
                if data.get("start")
                else None
            )
            if from_file or value != default:
                data[field] = int(value) if field == "price_basis" and float(value).is_integer() else value
            continue
        if field == "employer_tax_rate" and source.startswith("sone "):
            zone = source.split()[1]
            basis = data.get("price_basis") or int(str(data.get("start", "0"))[:4] or 0)
            if zone in ref.employer_tax and value == ref.employer_tax_rate(zone, basis).value:
                if "standard" not in source:
                    parameters["employer_tax_zone"] = zone
                continue
        if from_file or value != ref.default(field):
            parameters[field] = value
    if parameters:
        data["parameters"] = parameters


def _info(sheet: Sheet, data: dict) -> None:
    for label, field in INFO[:4]:
        row = sheet.find(0, label)
        if row is None:
            sheet.problems.append(Problem(SHEET, f"finner ikke raden «{label}» i kolonne A"))
            continue
        if field == "start":
            value = sheet.month(row, 1)
        elif field == "months":
            value = sheet.number(row, 1)
            value = int(value) if isinstance(value, float) and value.is_integer() else value
        else:
            value = sheet.text(row, 1)
        if value is not None:
            data[field] = value


def _simulation(sheet: Sheet, data: dict) -> None:
    """Draws and seed (rows absent in workbooks from before issue 5: the defaults then)."""
    settings = {}
    for label, field in INFO[5:]:
        row = sheet.find(0, label)
        value = sheet.number(row, 1) if row is not None else None
        if value is not None:
            settings[field] = int(value) if float(value).is_integer() else value
    if settings and settings != {"draws": DEFAULT_DRAWS, "seed": DEFAULT_SEED}:
        data["simulation"] = settings


def _named(sheet: Sheet, data: dict, cells: dict[str, str]) -> None:
    """The named assumptions table (absent when the scenario has none): each its value and label."""
    header = _header_row(sheet, NAMED_COLUMNS[:2])
    sheet.names = {}
    if header is None:
        return
    named: dict[str, dict] = {}
    row = header + 1
    while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
        name = sheet.text(row, 0)
        value = sheet.raw(row, 2)
        if isinstance(value, (datetime, date)):
            value = sheet.month(row, 2)
        elif value is not None:
            value = sheet.number(row, 2)
        if value is None:
            sheet.problem(row, 2, f"forutsetningen «{name}» har ingen verdi")
        named[name] = {"value": value, "label": sheet.text(row, 1) or name}
        cells[f"assumptions.{name}"] = sheet.where(row, 2)
        cells[f"assumptions.{name}.value"] = sheet.where(row, 2)
        row += 1
    sheet.names = {defined.lower(): name for name, defined in formula_names(named).items()}
    if named:
        data["assumptions"] = named


def _ranges(sheet: Sheet, data: dict, cells: dict[str, str]) -> dict[str, tuple]:
    """The ranges table put in place of the drivers' values; driver → (its value in the tables above, that cell)."""
    from costmodel.engine.whatif import container

    header = next(
        (r for r, cells in enumerate(sheet.values) if list(cells[: len(RANGE_COLUMNS)]) == RANGE_COLUMNS), None
    )
    found: dict[str, tuple] = {}
    row = header + 1 if header is not None else len(sheet.values)
    while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
        driver = sheet.text(row, 0)
        named = (data.get("assumptions") or {}).get(driver.removeprefix("assumptions."), {})
        months = driver.endswith((".start", ".end")) or isinstance(named.get("value"), str)
        read = sheet.month if months else sheet.number
        spec = {key: read(row, c) for key, c in (("low", 2), ("mode", 3), ("high", 4))}
        spec = {key: value for key, value in spec.items() if value is not None}
        if sheet.text(row, 5):
            spec["dist"] = sheet.text(row, 5)
        try:
            holder, key = container(data, driver)
        except ScenarioError as exc:
            sheet.problem(row, 0, exc.problems[0].message)
            row += 1
            continue
        path = _file_path(data, holder, key)
        if holder is data.get("assumptions"):  # the range of a named assumption: its label stays
            path = f"assumptions.{key}"
            found[driver] = (holder[key].get("value"), cells.get(path, sheet.where(row, 0)))
            holder[key] = {**spec, "label": holder[key].get("label")}
        else:
            found[driver] = (holder.get(key), cells.get(path, sheet.where(row, 0)))
            holder[key] = spec
        cells[path] = sheet.where(row, 2)
        for k, name in enumerate(("low", "mode", "high", "dist"), start=2):
            cells[f"{path}.{name}"] = sheet.where(row, k)
        row += 1
    return found


def _file_path(data: dict, holder: dict, key) -> str:
    """Where `holder[key]` is in scenario data, as field paths in problems name it."""
    if holder is data:
        return str(key)
    if holder is data.get("parameters"):
        return f"parameters.{key}"
    for name, series in (data.get("growth") or {}).items() if isinstance(data.get("growth"), dict) else ():
        if holder is series:
            return f"growth.{name}.{key}"
    for j, line in enumerate(data.get("common", [])):
        if line is holder:
            return f"common[{j}].{key}"
    for i, alt in enumerate(data["alternatives"]):
        for j, line in enumerate(alt["lines"]):
            if line is holder:
                return f"alternatives[{i}].lines[{j}].{key}"
    return str(key)


def _range_conflicts(scenario: Scenario, found: dict[str, tuple]) -> list[Problem]:
    """A driver whose cell above was edited away from its range's value: say which wins, never pick silently."""
    from costmodel import formatting as fmt
    from costmodel.scenario.ranges import month_text

    problems = []
    for driver, (before, cell) in found.items():
        r = scenario.ranges.get(driver)
        if r is None or before is None or isinstance(before, dict):
            continue
        value = month_text(r.value) if r.months else r.value
        if value != before and not (
            isinstance(before, (int, float)) and abs(before - value) <= 1e-9 * max(1.0, abs(value))
        ):
            show = (lambda v: v) if r.months else fmt.decimal
            problems.append(
                Problem(
                    cell,
                    f"intervallet for {driver} sier {show(value)}, men cellen for driveren er "
                    f"{show(before)}; endre cellen eller intervallet så de stemmer, eller slett "
                    f"intervallraden",
                )
            )
    return problems


def _header_row(sheet: Sheet, titles: list[str]) -> int | None:
    """The first row whose first cells are `titles` (later cells are read only when the first match)."""
    for r in range(len(sheet.values)):
        if sheet.raw(r, 0) == titles[0] and sheet.raw(r, 1) == titles[1]:
            return r
    return None


def _growth(sheet: Sheet, data: dict) -> None:
    header = _header_row(sheet, GROWTH_HEADERS[:2])
    if header is None:
        return
    table: dict[str, dict] = {"wages": {}, "prices": {}}
    default_row = header - 1 if sheet.raw(header - 1, 0) == GROWTH_DEFAULT else None
    for column, series in ((1, "wages"), (2, "prices")):
        linked = sheet.reference(default_row, column) if default_row is not None else None
        rate = linked or (sheet.number(default_row, column) if default_row is not None else None)
        if rate is not None:
            table[series]["default"] = rate
    row = header + 1
    while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
        year = sheet.number(row, 0)
        for column, series in ((1, "wages"), (2, "prices")):
            formula = sheet.formulas[row][column] if column < len(sheet.formulas[row]) else None
            if default_row is not None and formula == f"=${get_column_letter(column + 1)}${default_row + 1}":
                continue  # this year takes the default
            rate = sheet.reference(row, column) or sheet.number(row, column)
            if year is not None and rate is not None:
                table[series][int(year)] = rate
        row += 1
    named_row = sheet.find(0, INFO[4][0])
    name = sheet.text(named_row, 1) if named_row is not None else None
    series = load_reference().growth.get(name) if name else None
    linked = any(isinstance(v, dict) for s in table.values() for v in s.values())
    if (
        not linked
        and series is not None
        and all(table[s].get(y) == p.value for s in table for y, p in series[s].items() if y in table[s])
    ):
        extra = {s: {y: v for y, v in table[s].items() if y not in series[s]} for s in table}
        data["growth"] = {"source": name, **{s: v for s, v in extra.items() if v}} if any(extra.values()) else name
    elif data.get("prices") == "nominal" or any(v for s in table.values() for v in s.values()):
        data["growth"] = table


def _capacity(sheet: Sheet, data: dict) -> None:
    """The capacity section (absent when the scenario has none): cover, its price, and the need per year."""
    if sheet.find(0, CAPACITY_TITLE) is None:
        return
    capacity: dict[str, Any] = {}
    for _, label, field in CAPACITY_ROWS:
        row = sheet.find(0, label)
        if row is None and field in LEGACY_CAPACITY_LABELS:
            row = sheet.find(0, LEGACY_CAPACITY_LABELS[field])
        if row is None:
            sheet.problems.append(Problem(SHEET, f"finner ikke raden «{label}» i kolonne A"))
            continue
        if field == "cover":
            value = cover_from_word(sheet.text(row, 1))
        else:
            value = sheet.reference(row, 1) or sheet.number(row, 1)
        if value is not None:
            capacity[field] = value
    per_fte = capacity.pop("cases_per_fte", None)
    header = _header_row(sheet, NEED_HEADERS[:2])
    column = 2 if per_fte is not None else 1
    need: dict[Any, Any] = {}
    if header is not None:
        default_row = header - 1 if sheet.raw(header - 1, 0) == GROWTH_DEFAULT else None
        value = (
            None if default_row is None else sheet.reference(default_row, column) or sheet.number(default_row, column)
        )
        if value is not None:
            need["default"] = value
        row = header + 1
        while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
            formula = sheet.formulas[row][column] if column < len(sheet.formulas[row]) else None
            year = sheet.number(row, 0)
            if default_row is None or formula != f"=${get_column_letter(column + 1)}${default_row + 1}":
                value = sheet.reference(row, column) or sheet.number(row, column)
                if year is not None and value is not None:
                    need[int(year)] = value
            row += 1
    capacity["need"] = {"cases": need, "cases_per_fte": per_fte} if per_fte is not None else {"fte": need}
    data["capacity"] = capacity


def _partners(sheet: Sheet, data: dict, cells: dict[str, str]) -> None:
    """The partner municipalities (absent when the scenario has none): the key's text and each partner's row."""
    header = _header_row(sheet, PARTNER_HEADERS[:2])
    if header is None:
        return
    key_row = sheet.find(0, PARTNER_KEY_LABEL)
    if key_row is not None and sheet.text(key_row, 1):
        data["partner_key"] = sheet.text(key_row, 1)
    partners = []
    row = header + 1
    while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
        partner: dict[str, Any] = {"id": sheet.text(row, 0), "name": sheet.text(row, 1)}
        for column, field in ((2, "share"), (3, "basis")):
            value = sheet.number(row, column)
            if value is not None:
                partner[field] = value
            cells[f"partners[{len(partners)}].{field}"] = sheet.where(row, column)
        cells[f"partners[{len(partners)}]"] = sheet.where(row, 0)
        partners.append(partner)
        row += 1
    data["partners"] = partners


def _effects(sheet: Sheet, data: dict, alternatives: dict[str, dict], cells: dict[str, str]) -> None:
    """The non-priced effects (absent when the scenario has none): one row each, an impact column per alternative."""
    header = _header_row(sheet, EFFECT_HEADERS[:2])
    if header is None:
        return
    columns = {sheet.raw(header, c): c for c in range(MAX_COLUMNS) if sheet.raw(header, c)}
    effects = []
    row = header + 1
    while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
        where = f"effects[{len(effects)}]"
        effect: dict[str, Any] = {"id": sheet.text(row, 0), "label": sheet.text(row, 1)}
        effect["importance"] = sheet.text(row, 2)
        if sheet.text(row, 3):
            effect["note"] = sheet.text(row, 3)
        impact = {}
        for alt in alternatives:
            column = columns.get(impact_header(alt))
            value = None if column is None else sheet.text(row, column)
            if value is not None:
                impact[alt] = value
                cells[f"{where}.impact.{alt}"] = sheet.where(row, column)
        effect["impact"] = impact
        cells[where] = sheet.where(row, 0)
        for k, field in enumerate(("id", "label", "importance", "note")):
            cells[f"{where}.{field}"] = sheet.where(row, k)
        effects.append(effect)
        row += 1
    data["effects"] = effects


def _words(sheet: Sheet, data: dict) -> None:
    """The sources and the saksbehandler's text for the council (each absent when the scenario has none)."""
    header = _header_row(sheet, SOURCE_HEADERS[:2])
    if header is not None:
        sources, row = [], header + 1
        while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
            source: dict[str, Any] = {"title": sheet.text(row, 0)}
            for column, field in ((1, "publisher"), (2, "year"), (3, "href"), (4, "note")):
                value = sheet.text(row, column)
                if value is not None:
                    source[field] = int(float(value)) if field == "year" and _is_number(value) else value
            sources.append(source)
            row += 1
        data["sources"] = sources
    header = _header_row(sheet, COUNCIL_HEADERS)
    if header is not None:
        council: dict[str, Any] = {"proposal": []}
        row = header + 1
        while row < len(sheet.values) and sheet.raw(row, 0) in (FINANCING_LABEL, PROPOSAL_LABEL):
            text = sheet.text(row, 1)
            if text and sheet.raw(row, 0) == FINANCING_LABEL:
                council["financing"] = text
            elif text:
                council["proposal"].append(text)
            row += 1
        data["council"] = council


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _alternatives(sheet: Sheet, data: dict) -> dict[str, dict]:
    header = sheet.find(0, ALTERNATIVE_HEADERS[0])
    alternatives: dict[str, dict] = {}
    if header is None:
        sheet.problems.append(Problem(SHEET, f"finner ikke tabellen «{ALTERNATIVE_HEADERS[0]}» i kolonne A"))
        return alternatives
    row = header + 1
    while row < len(sheet.values) and sheet.raw(row, 0) not in (None, ""):
        ident = sheet.text(row, 0)
        alternatives[ident] = {"id": ident, "name": sheet.text(row, 1) or ident, "lines": []}
        if sheet.flag(row, 2):
            data["baseline"] = ident
        row += 1
    return alternatives


def _lines(sheet: Sheet, data: dict, alternatives: dict[str, dict], cells: dict[str, str]) -> None:
    titles = [OWNER_HEADER, LINE_COLUMNS[1][0]]
    header = _header_row(sheet, titles)
    if header is None:
        sheet.problems.append(
            Problem(sheet.name, f"finner ikke linjetabellen (overskriftene «{titles[0]}» og «{titles[1]}»)")
        )
        return
    columns = {sheet.raw(header, c): c for c in range(MAX_COLUMNS) if sheet.raw(header, c)}
    fields = {field: columns[title] for title, field in LINE_COLUMNS if field and title in columns}
    fields.update({f: columns[title] for title, f in LEGACY_HEADERS.items() if title in columns and f not in fields})
    read = {"month": sheet.month, "flag": sheet.flag, "text": sheet.text, "number": sheet.number}
    common: list[dict] = []
    row = header + 1
    while row < len(sheet.values) and sheet.raw(row, 0) not in (None, "", RANGES_TITLE):
        owner = sheet.text(row, 0)
        line: dict[str, Any] = {}
        for field, column in fields.items():
            value = sheet.reference(row, column) or read[cell_kind(field)](row, column)
            if value is not None:
                line[field] = value
        if "kind" in line:
            line["kind"] = kind_from_word(line["kind"])  # «innleie» as the workbook writes it, or «consultant»
        zone = line.get("employer_tax_zone")
        if (
            zone in load_reference().employer_tax
            and line.get("employer_tax_rate")
            == load_reference()
            .employer_tax_rate(zone, data.get("price_basis") or int(str(data.get("start", "0"))[:4] or 0))
            .value
        ):
            line.pop("employer_tax_rate")
        target = common if owner == COMMON_OWNER else alternatives.get(owner, {}).get("lines")
        if target is None:
            sheet.problem(
                row,
                0,
                f"«{owner}» er ikke et alternativ i tabellen «{ALTERNATIVE_HEADERS[0]}» (eller «{COMMON_OWNER}»)",
            )
        else:
            place = "common" if owner == COMMON_OWNER else f"alternatives[{list(alternatives).index(owner)}].lines"
            cells[f"{place}[{len(target)}]"] = sheet.where(row, fields.get("id", 1))
            for field, column in fields.items():
                cells[f"{place}[{len(target)}].{field}"] = sheet.where(row, column)
            target.append(line)
        row += 1
    _stray_rows(sheet, row, len(LINE_COLUMNS))
    if common:
        data["common"] = common


def _stray_rows(sheet: Sheet, row: int, width: int) -> None:
    """Rows with content after the blank row that ends the lines table (up to the ranges table) are reported,
    never silently left out."""
    while row < len(sheet.values) and sheet.raw(row, 0) != RANGES_TITLE:
        cells = sheet.values[row][:width]
        if any(value not in (None, "") for value in cells):
            sheet.problem(
                row, 0, "raden står etter en tom rad i linjetabellen og blir ikke lest; fjern de tomme radene over den"
            )
        row += 1


def _row(cell: str) -> str | None:
    match = re.fullmatch(r".+![A-Z]+(\d+)", cell)
    return match[1] if match else None


def _validated(sheet: Sheet, scenario: dict, cells: dict[str, str]) -> Scenario:
    """Validate the data read; every problem named by its cell, none twice for a row already reported."""
    try:
        result = parse_scenario(scenario)
    except ScenarioError as exc:
        reported = {_row(p.path) for p in sheet.problems} - {None}
        for problem in exc.problems:
            path = problem.path
            cell = cells.get(path) or cells.get(re.sub(r"\.[a-z_]+$", "", path)) or path
            if cell != path and _row(cell) in reported:
                continue  # e.g. a driver reported unreadable above is now also "missing"
            sheet.problems.append(Problem(cell, problem.message))
    if sheet.problems:
        raise ScenarioError(sheet.problems)
    return result


def read_workbook(data: bytes) -> Scenario:
    """A scenario from the Forutsetninger sheet of a workbook (edited or not); ScenarioError names each cell."""
    check_package(data)
    try:
        values, formulas = _grid(data, computed=True), _grid(data, computed=False)
    except ScenarioError:
        raise
    except Exception:  # noqa: BLE001 (openpyxl and zipfile raise their own errors, in English, for broken parts)
        raise fail("regnearket kan ikke leses: en del av filen er skadet eller ikke et vanlig Excel-regneark") from None
    sheet = Sheet(values, formulas)
    scenario: dict[str, Any] = {}
    cells: dict[str, str] = {}
    _info(sheet, scenario)
    _named(sheet, scenario, cells)
    _globals(sheet, scenario)
    _growth(sheet, scenario)
    _simulation(sheet, scenario)
    _capacity(sheet, scenario)
    _partners(sheet, scenario, cells)
    alternatives = _alternatives(sheet, scenario)
    _effects(sheet, scenario, alternatives, cells)
    _words(sheet, scenario)
    _lines(sheet, scenario, alternatives, cells)
    scenario["alternatives"] = list(alternatives.values())
    found = _ranges(sheet, scenario, cells)
    result = _validated(sheet, scenario, cells)
    conflicts = _range_conflicts(result, found)
    if conflicts:
        raise ScenarioError(conflicts)
    return result


def _csv_value(text: str) -> Any:
    """A CSV field as a spreadsheet would read it: numbers with a decimal comma or point, else text."""
    text = text.strip()
    compact = text.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"0\d+", compact):  # codes such as KOSTRA "010" stay text
        return compact
    if re.fullmatch(r"[-−]?\d+([.,]\d+)?", compact):
        return float(compact.replace("−", "-").replace(",", "."))
    return text or None


def read_lines_csv(data: bytes, base: Scenario, name: str = "linjer.csv") -> Scenario:
    """A scenario whose lines come from a CSV with the lines table's columns (`;` or `,` between fields)
    and everything else from `base`: its period, parameters, alternatives, and its common lines unless the CSV
    has «felles» rows (then those replace them). Problems name their cell (`linjer.csv!E3`)."""
    import csv

    from costmodel.scenario import scenario_to_data

    if len(data) > MAX_UPLOAD:
        raise fail(f"filen er for stor (grensen er {MAX_UPLOAD // 1_000_000} MB)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail("CSV-filen er ikke UTF-8-tekst; lagre den som «CSV UTF-8»") from None
    dialect = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    rows = [tuple(_csv_value(v) for v in row) for row in csv.reader(text.splitlines()[:MAX_ROWS], delimiter=dialect)]
    sheet = Sheet(rows, rows, name)
    scenario = scenario_to_data(base)
    alternatives = {a["id"]: {**a, "lines": []} for a in scenario["alternatives"]}
    base_common = scenario.pop("common", None)
    cells: dict[str, str] = {}
    _lines(sheet, scenario, alternatives, cells)
    if "common" not in scenario and base_common:
        scenario["common"] = base_common  # the CSV has no «felles» rows: the base's common lines stay
    scenario["alternatives"] = list(alternatives.values())
    _keep_unchanged_ranges(scenario, base)
    _keep_unchanged_references(scenario, base)
    return _validated(sheet, scenario, cells)


def _keep_unchanged_ranges(data: dict, base: Scenario) -> None:
    """A CSV has numbers only: the base's range on a line stays where the CSV keeps its value (else the number wins)."""
    from costmodel.engine.whatif import container
    from costmodel.scenario.ranges import month_text

    for driver, r in base.ranges.items():
        try:
            holder, key = container(data, driver)
        except ScenarioError:
            continue
        if holder.get(key) == (month_text(r.value) if r.months else r.value):
            holder[key] = r.spec()


def _keep_unchanged_references(data: dict, base: Scenario) -> None:
    """A CSV has numbers only: a field of the base that refers to a named assumption keeps the reference
    where the CSV keeps the value it gives (else the number wins)."""
    from costmodel.engine.whatif import container

    for ref in base.references:
        try:
            holder, key = container(data, ref.driver)
        except ScenarioError:
            continue
        if holder.get(key) == ref.value(base.assumptions[ref.name]):
            holder[key] = ref.spec()
