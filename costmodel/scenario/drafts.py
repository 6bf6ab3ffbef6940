"""Drafts: a scenario being built in the app's editor, as tables of rows and back (no Streamlit here).

The editor shows the scenario's settings as fields, its alternatives as one table, and each
alternative's lines (and the common lines) as one table per line kind, with only that kind's fields
as columns, titled by the fields' declared labels (models.py). `to_data` turns the tables back into
scenario data and records which table cell each field came from, so every problem
`parse_scenario` finds is shown at its cell, in Norwegian. Templates start a new case.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from typing import Any

from costmodel.errors import Problem
from costmodel.scenario.fields import FieldMeta
from costmodel.scenario.messages import in_words, place
from costmodel.scenario.models import (
    LINE_KINDS,
    LINE_MODELS,
    kind_label,
    line_field,
    line_fields_in_order,
    model_fields,
    unit_kind,
)

COMMON = "common"
KIND_COLUMN = "kind"
ORDER = "_order"  # a hidden column: the line's place among its owner's lines, kept across the kind tables
POSITION = "_pos"  # a hidden column of the alternatives: which lines tables belong to the row (kept when rows move)


def kind_fields(kind: str) -> list[str]:
    """The fields a line of `kind` may have, in the order lines are shown (models.LINE_FIELD_ORDER)."""
    names = model_fields(LINE_MODELS[kind])
    return [n for n in line_fields_in_order() if n in names]


def column_title(name: str | FieldMeta) -> str:
    """A column's heading: the field's title with its unit (`Årslønn (kr)`, `Mva-sats (%)`, `Start (ÅÅÅÅ-MM)`)."""
    meta = line_field(name) if isinstance(name, str) else name
    unit = {"kr": "kr", "andel": "%", "måned": "ÅÅÅÅ-MM"}.get(meta.unit or "")
    return f"{meta.title} ({unit})" if unit else meta.title


NO_CHOICE = "–"  # what an optional choice cell shows when it is left to the default (the grid shows null as «None»)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value in ("", NO_CHOICE)


CHOICE_FIELDS = (KIND_COLUMN, "index", "employer_tax_zone", "cover", "importance", "unit")


def cell_kind(name: str, meta: FieldMeta | None = None) -> str:
    """How a field is edited: a `choice` from a list, else by its unit (`number`, `month`, `flag`, `text`)."""
    return "choice" if name in CHOICE_FIELDS else unit_kind(meta or line_field(name))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _per_cent(value: Any, factor: float) -> Any:
    """A share (or a range of shares) in per cent (factor 100) or back (factor 1/100); references stay."""
    if _is_number(value):
        return round(value * factor, 12)
    if isinstance(value, dict) and "ref" not in value:
        return {k: _per_cent(v, factor) if k in ("low", "mode", "high") else v for k, v in value.items()}
    return value


def to_row(values: dict, metas: dict[str, FieldMeta]) -> dict:
    """Field values as a table row, one column per field (shares, and ranges of shares, in per cent)."""
    return {
        name: _per_cent(values.get(name), 100) if meta.is_share else values.get(name) for name, meta in metas.items()
    }


def from_row(row: dict, metas: dict[str, FieldMeta]) -> dict:
    """A table row back to field values: blank cells left out, numbers written as text read, per cent to shares."""
    out = {}
    for name, meta in metas.items():
        value = row.get(name)
        if _blank(value):
            continue
        if cell_kind(name, meta) == "month":
            value = read_month_cell(value)  # a month, or a named assumption with an offset
        elif cell_kind(name, meta) == "number" or (isinstance(value, str) and value.lstrip().startswith("{")):
            value = read_cell(value)  # a number written as text, a range or a reference
            if isinstance(value, str) and re.fullmatch(r"[A-Za-z_]\w*", value.strip()):
                value = {"ref": value.strip()}  # the name of a named assumption
        if meta.is_share:
            value = _per_cent(value, 1 / 100)
        out[name] = value.strip() if isinstance(value, str) else value
    return out


def line_rows(lines: list[dict], kind: str) -> list[dict]:
    """The lines of one kind as table rows: one column per field of the kind (shares in per cent)."""
    metas = {name: line_field(name) for name in kind_fields(kind)}
    return [{ORDER: k, **to_row(line, metas)} for k, line in enumerate(lines) if line.get("kind") == kind]


def as_text(value: Any) -> str | None:
    """A range or a reference as the editor shows it in a text cell: `{ref: timepris}`, `{low: 1, high: 3}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def read_cell(value: Any) -> Any:
    """A text cell back: `{ref: …}` or `{low: …}` as a mapping, a number written with a decimal comma or spaces
    as a number, anything else as it is."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("{"):
        from costmodel.yamlsafe import load_yaml

        try:
            return load_yaml(text.encode())
        except Exception:  # noqa: BLE001 (the scenario's own check names the cell)
            return text
    compact = text.replace("\u00a0", "").replace(" ", "").replace("−", "-")
    if re.fullmatch(r"-?\d+([.,]\d+)?", compact):
        return float(compact.replace(",", "."))
    return text


_LINKED_MONTH = re.compile(r"([A-Za-z_][\w]*)\s*(?:([+\-−])\s*(\d+))?\s*(?:mnd\.?|måneder|måned)?", re.UNICODE)


def read_month_cell(value: Any) -> Any:
    """A month cell back: `2025-03` as it is; `{ref: ansatt_fra, plus_months: 1}` as a reference; and the short form
    a user writes in the cell, `ansatt_fra`, `ansatt_fra + 1` or `ansatt_fra − 2 mnd.`, as the same reference.
    Anything else is kept as written, so the scenario's own check names the cell."""
    value = read_cell(value)
    if not isinstance(value, str):
        return value
    text = value.strip()
    match = _LINKED_MONTH.fullmatch(text)
    if match is None or re.fullmatch(r"\d{4}-\d{1,2}", text):
        return text
    name, sign, months = match.groups()
    reference: dict[str, Any] = {"ref": name}
    if months and int(months):
        reference["plus_months"] = -int(months) if sign in ("-", "−") else int(months)
    return reference


def month_cell(value: Any) -> str:
    """A month field as its cell shows it: `2025-03`, or a linked month in the short form `ansatt_fra + 1`."""
    if isinstance(value, dict) and set(value) <= {"ref", "plus_months"} and "ref" in value:
        offset = int(value.get("plus_months") or 0)
        return f"{value['ref']} {'+' if offset > 0 else '−'} {abs(offset)}" if offset else str(value["ref"])
    return as_text(value) or ""


def rows_to_lines(rows: list[dict], kind: str) -> list[dict]:
    """Table rows of one kind back to lines (blank cells left out, per cent back to shares)."""
    metas = {name: line_field(name) for name in kind_fields(kind) if name != KIND_COLUMN}
    lines = []
    for row in rows:
        if all(_blank(row.get(name)) for name in metas):
            continue  # an empty row the user added and left
        order = row.get(ORDER)
        lines.append({"kind": row.get(KIND_COLUMN) or kind, ORDER: math.inf if _blank(order) else order})
        lines[-1].update(from_row(row, metas))
    return lines


@dataclass
class Tables:
    """A draft as the editor shows it: settings, alternatives, and line rows per owner and kind."""

    settings: dict
    alternatives: list[dict]  # rows: id, name, baseline (bool)
    lines: dict = field(default_factory=dict)  # (owner position or COMMON, kind) → rows
    assumptions: list[dict] = field(default_factory=list)  # rows: name, label, value, low, mode, high, dist
    parameters: dict = field(default_factory=dict)  # the scenario-wide staff parameters as one row
    capacity: dict | None = None  # need rows (year, value) and the cover fields; None: no capacity
    partners: list[dict] = field(default_factory=list)  # rows: id, name, share (per cent), basis
    effects: list[dict] = field(default_factory=list)  # rows: id, label, importance, note, impact.ALT
    rest: dict = field(default_factory=dict)  # what the editor does not show (growth by year, simulation, …), kept


SETTINGS = ("name", "municipality", "start", "months", "prices", "price_basis", "discount_rate", "partner_key")


def to_tables(data: dict) -> Tables:
    """Scenario data as the editor's tables."""
    settings = {k: data.get(k) for k in SETTINGS}
    alternatives = [
        {
            "id": a.get("id"),
            "name": a.get("name", a.get("id")),
            "baseline": a.get("id") == data.get("baseline"),
            POSITION: k,
        }
        for k, a in enumerate(data.get("alternatives", []))
    ]
    owners = [(k, a.get("lines") or []) for k, a in enumerate(data.get("alternatives", []))]
    owners.append((COMMON, data.get("common") or []))
    lines = {(owner, kind): line_rows(items, kind) for owner, items in owners for kind in LINE_KINDS}
    shown = (
        *SETTINGS,
        "alternatives",
        "common",
        "baseline",
        "assumptions",
        "parameters",
        "capacity",
        "partners",
        "effects",
    )
    rest = {k: copy.deepcopy(v) for k, v in data.items() if k not in shown}
    return Tables(
        settings,
        alternatives,
        lines,
        assumption_rows(data.get("assumptions"), assumption_units(data)),
        to_row(data.get("parameters") or {}, parameter_fields()),
        capacity_rows(data.get("capacity")),
        [to_row(p, partner_fields()) for p in data.get("partners") or [] if isinstance(p, dict)],
        effect_rows(data.get("effects")),
        rest,
    )


def to_data(tables: Tables) -> tuple[dict, dict[str, str]]:
    """The editor's tables as scenario data, and where each field path came from (for problems at their cell)."""
    data: dict[str, Any] = {k: v for k, v in tables.settings.items() if not _blank(v)}
    data.update(copy.deepcopy(tables.rest))
    cells: dict[str, str] = {k: f"Om modellen › {_setting_title(k)}" for k in SETTINGS}
    alternatives, baseline = [], None
    for position, row in enumerate(tables.alternatives):
        if all(_blank(row.get(k)) for k in ("id", "name")):
            continue
        ident = row.get("id") if not _blank(row.get("id")) else None
        name = row.get("name") if not _blank(row.get("name")) else ident
        where = f"alternatives[{len(alternatives)}]"
        cells[f"{where}.id"] = f"Alternativer, rad {position + 1} › Id"
        cells[f"{where}.name"] = f"Alternativer, rad {position + 1} › Navn"
        if row.get("baseline"):
            baseline = ident
        owner = row.get(POSITION) if not _blank(row.get(POSITION)) else position
        lines = _owner_lines(tables, owner, f"{where}.lines", name or f"alternativ {position + 1}", cells)
        alternatives.append({"id": ident, "name": name, "lines": lines})
    data["alternatives"] = alternatives
    common = _owner_lines(tables, COMMON, COMMON, "Felles linjer", cells)
    if common:
        data["common"] = common
    if baseline:
        data["baseline"] = baseline
    assumptions = rows_to_assumptions(tables.assumptions, cells)
    if assumptions:
        data["assumptions"] = assumptions
    parameters = from_row(tables.parameters, parameter_fields())
    if parameters:
        data["parameters"] = parameters
    for name, meta in parameter_fields().items():
        cells[f"parameters.{name}"] = f"{PARAMETERS_TITLE} › {column_title(meta)}"
    if tables.capacity is not None:
        data["capacity"] = rows_to_capacity(tables.capacity, cells)
    cells["partner_key"] = f"{PARTNERS_TITLE} › Fordelingsnøkkel"
    cells["partners"] = PARTNERS_TITLE
    partners = rows_to_partners(tables.partners, cells)
    if partners:
        data["partners"] = partners
    effects = rows_to_effects(tables.effects, cells)
    if effects:
        data["effects"] = effects
    _assumptions_from_per_cent(data)  # once every field that may use an assumption is in place
    return data, cells


def _owner_lines(tables: Tables, owner, path: str, title: str, cells: dict) -> list[dict]:
    """An owner's lines from its kind tables, in their original order (new rows last), each cell named."""
    found = []
    for kind in LINE_KINDS:
        rows = tables.lines.get((owner, kind), [])
        for row_number, line in enumerate(rows_to_lines(rows, kind), start=1):
            found.append((line.pop(ORDER), len(found), kind, row_number, line))
    out = []
    for _, _, kind, row_number, line in sorted(found, key=lambda f: f[:2]):
        where = f"{path}[{len(out)}]"
        table = f"{title} › {kind_label(kind)}, rad {row_number}"
        cells[where] = table
        for name in kind_fields(kind):
            cells[f"{where}.{name}"] = f"{table} › {column_title(name)}"
        out.append(line)
    return out


def _setting_title(name: str) -> str:
    from costmodel.scenario.models import Scenario, field_meta

    return field_meta(Scenario, name).title


def at_cells(problems: list[Problem], cells: dict[str, str]) -> list[str]:
    """Each problem named by the table cell it concerns: `Tre egne › egne stillinger, rad 1 › Årsverk: …`."""
    out = []
    for p in problems:
        where = cells.get(p.path)
        if where is None:  # a field's part (`….fte.low`) or a whole line: the nearest cell that has a name
            parent = p.path
            while parent and parent not in cells:
                shorter = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", parent)
                parent = "" if shorter == parent else shorter  # a top-level path with no cell: named as it is
            where = cells.get(parent) or place(p.path)
        out.append(f"{where}: {in_words(p.message)}" if where else in_words(p.message))
    return out


# --- named assumptions, staff parameters, capacity -------------------------------------------------------

ASSUMPTIONS_TITLE = "Navngitte forutsetninger"
PARAMETERS_TITLE = "Felles forutsetninger for egne ansatte"
CAPACITY_TITLE = "Kapasitet"
ASSUMPTION_COLUMNS = {
    "name": "Navn",
    "label": "Tekst",
    "value": "Verdi",
    "low": "Lav",
    "mode": "Mest sannsynlig",
    "high": "Høy",
    "dist": "Fordeling",
    "unit": "Enhet",
}
DEFAULT_YEAR = "øvrige år"  # the need of the years without a figure of their own (`default` in the file)


def parameter_fields() -> dict[str, FieldMeta]:
    """The scenario-wide staff parameters, in the order lines show them."""
    from costmodel.scenario.models import StaffParameters

    names = model_fields(StaffParameters)
    return {n: names[n] for n in line_fields_in_order() if n in names}


def capacity_fields() -> dict[str, FieldMeta]:
    """The capacity settings besides the need per year: cases per årsverk and the cover."""
    from costmodel.scenario.models import Capacity, Need

    cover = {name: meta for name, meta in model_fields(Capacity).items() if name != "need"}
    return {"cases_per_fte": model_fields(Need)["cases_per_fte"], **cover}


def number_cell(value: Any) -> str:
    """A number as the editor's text cell shows it, as Norwegians write it: `650 000`, `14,1`, `-500 000`; a range
    or a reference as text; empty as empty. `read_cell` reads each of these back."""
    if not _is_number(value):
        return as_text(value) or ""
    text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def number_text(value: Any) -> str:
    """A number as a Norwegian writes it in a text cell (`1150`, `0,25`); anything else as_text."""
    if _is_number(value):
        return str(int(value)) if float(value).is_integer() else repr(float(value)).replace(".", ",")
    return as_text(value) or ""


def assumption_units(data: dict) -> dict[str, str]:
    """The unit of each named assumption, from the first field that refers to it: `%` for a share (its value is
    edited in per cent, as every rate in the app), `kr`, `årsverk`, `måned` … (what the cell shows in «Enhet»)."""
    from costmodel.scenario.models import Capacity, Need, Scenario, StaffParameters
    from costmodel.scenario.ranges import positions

    owners = {"parameters": StaffParameters, "scenario": Scenario, "capacity": Capacity, "need": Need}
    units: dict[str, str] = {}
    for holder, key, _, _, owner, name in positions(data):
        value = holder.get(key)
        if not isinstance(value, dict) or not isinstance(value.get("ref"), str) or value["ref"] in units:
            continue
        if owner == "growth":
            unit = "andel"
        elif owner in owners:
            unit = model_fields(owners[owner]).get(name, FieldMeta(name, name)).unit
        else:
            model = LINE_MODELS.get(owner)
            unit = model_fields(model)[name].unit if model is not None and name in model.model_fields else None
        units[value["ref"]] = {"andel": "%", "ja/nei": ""}.get(unit or "", unit or "")
    return units


def assumption_rows(assumptions: Any, units: dict[str, str] | None = None) -> list[dict]:
    """Named assumptions as rows: name, label, and a value or a range (low, mode, high, dist), all as text; an
    assumption a share field uses in per cent (`units`: assumption_units), with its unit in «Enhet»."""
    rows = []
    units = units or {}
    for name, spec in (assumptions or {}).items() if isinstance(assumptions, dict) else []:
        spec = spec if isinstance(spec, dict) else {"value": spec}
        row = {"name": str(name), "label": spec.get("label") or "", "unit": units.get(str(name), "")}
        factor = 100 if row["unit"] == "%" else 1
        row.update(
            {
                k: number_text(_per_cent(spec.get(k), factor) if k != "dist" else spec.get(k))
                if spec.get(k) is not None
                else ""
                for k in RANGE_AND_VALUE
            }
        )
        rows.append(row)
    return rows


def _assumptions_from_per_cent(data: dict) -> None:
    """The values of assumptions that share fields use, typed in per cent, back to shares (in place)."""
    shares = [name for name, unit in assumption_units(data).items() if unit == "%"]
    for name in shares:
        spec = data.get("assumptions", {}).get(name)
        if isinstance(spec, dict):
            for k in ("value", "low", "mode", "high"):
                if _is_number(spec.get(k)):
                    spec[k] = _per_cent(spec[k], 1 / 100)


RANGE_AND_VALUE = ("value", "low", "mode", "high", "dist")


def rows_to_assumptions(rows: list[dict], cells: dict) -> dict:
    """Assumption rows back to the `assumptions:` block, each cell named for its problems."""
    out = {}
    for number, row in enumerate(rows, start=1):
        if all(_blank(row.get(k)) for k in ASSUMPTION_COLUMNS):
            continue
        name = str(row.get("name") or "").strip() or f"forutsetning{number}"
        spec = {k: read_cell(row[k]) for k in RANGE_AND_VALUE if not _blank(row.get(k))}
        if not _blank(row.get("label")):
            spec["label"] = str(row["label"]).strip()
        out[name] = spec
        cells[f"assumptions.{name}"] = f"{ASSUMPTIONS_TITLE}, rad {number}"
        for key, title in ASSUMPTION_COLUMNS.items():
            cells[f"assumptions.{name}.{key}"] = f"{ASSUMPTIONS_TITLE}, rad {number} › {title}"
    return out


def capacity_rows(capacity: Any) -> dict | None:
    """The `capacity:` block as the editor shows it: the basis (fte or cases), need rows by year, cover fields."""
    if not isinstance(capacity, dict):
        return None
    need = capacity.get("need") if isinstance(capacity.get("need"), dict) else {}
    basis = "cases" if "cases" in need else "fte"
    series = need.get(basis) if isinstance(need.get(basis), dict) else {}
    rows = [
        {"year": DEFAULT_YEAR if str(year) == "default" else str(year), "value": number_text(value)}
        for year, value in series.items()
        if value is not None
    ]
    fields = to_row({**capacity, "cases_per_fte": need.get("cases_per_fte")}, capacity_fields())
    return {"basis": basis, "need": rows, **fields}


def rows_to_capacity(capacity: dict, cells: dict) -> dict:
    """The editor's capacity back to the `capacity:` block, each cell named for its problems."""
    basis = capacity.get("basis") or "fte"
    series: dict = {}
    for number, row in enumerate(capacity.get("need") or [], start=1):
        if _blank(row.get("value")) and _blank(row.get("year")):
            continue
        year = str(row.get("year") or "").strip()
        key: Any = "default" if year.lower() in ("", "default", "alle", "alle år", DEFAULT_YEAR) else year
        key = int(key) if isinstance(key, str) and key.isdigit() else key
        series[key] = None if _blank(row.get("value")) else read_cell(row.get("value"))
        cells[f"capacity.need.{basis}.{key}"] = f"{CAPACITY_TITLE} › Behov, rad {number}"
    fields = from_row(capacity, capacity_fields())
    need: dict = {basis: series}
    if basis == "cases" and "cases_per_fte" in fields:
        need["cases_per_fte"] = fields.pop("cases_per_fte")
    fields.pop("cases_per_fte", None)
    cells["capacity"] = CAPACITY_TITLE
    cells["capacity.need"] = cells[f"capacity.need.{basis}"] = f"{CAPACITY_TITLE} › Behov"
    for name, meta in capacity_fields().items():
        cells[f"capacity.{name}"] = f"{CAPACITY_TITLE} › {column_title(meta)}"
    cells["capacity.need.cases_per_fte"] = cells["capacity.cases_per_fte"]
    return {"need": need, **fields}


# --- partner municipalities and non-priced effects ------------------------------------------------------------

PARTNERS_TITLE = "Samarbeidskommuner"
EFFECTS_TITLE = "Ikke-prissatte virkninger"
IMPACT = "impact."  # an effect row's impact column for one alternative: `impact.ALT`


def partner_fields() -> dict[str, FieldMeta]:
    from costmodel.scenario.models import Partner

    return model_fields(Partner)


def effect_fields() -> dict[str, FieldMeta]:
    """An effect's own fields (its impact is one column per alternative)."""
    from costmodel.scenario.models import Effect

    return {name: meta for name, meta in model_fields(Effect).items() if name != "impact"}


def effect_rows(effects: Any) -> list[dict]:
    rows = []
    for effect in effects if isinstance(effects, list) else []:
        if isinstance(effect, dict):
            impact = effect.get("impact") if isinstance(effect.get("impact"), dict) else {}
            rows.append({**to_row(effect, effect_fields()), **{IMPACT + k: v for k, v in impact.items()}})
    return rows


def _numbered(rows: list[dict], names) -> list[tuple[int, dict]]:
    """The rows that hold anything, with their row number as the table shows it."""
    return [(n, row) for n, row in enumerate(rows, start=1) if not all(_blank(row.get(k)) for k in names)]


def rows_to_partners(rows: list[dict], cells: dict) -> list[dict]:
    metas = partner_fields()
    out = []
    for number, row in _numbered(rows, metas):
        where = f"partners[{len(out)}]"
        cells[where] = f"{PARTNERS_TITLE}, rad {number}"
        for name, meta in metas.items():
            cells[f"{where}.{name}"] = f"{PARTNERS_TITLE}, rad {number} › {column_title(meta)}"
        out.append(from_row(row, metas))
    return out


def rows_to_effects(rows: list[dict], cells: dict) -> list[dict]:
    metas = effect_fields()
    out = []
    for number, row in _numbered(rows, [*metas, *(k for k in rows[0] if k.startswith(IMPACT))] if rows else metas):
        where = f"effects[{len(out)}]"
        cells[where] = cells[f"{where}.impact"] = f"{EFFECTS_TITLE}, rad {number}"
        for name, meta in metas.items():
            cells[f"{where}.{name}"] = f"{EFFECTS_TITLE}, rad {number} › {column_title(meta)}"
        effect = from_row(row, metas)
        impact = {}
        for key, value in row.items():
            if key.startswith(IMPACT) and not _blank(value):
                alt = key[len(IMPACT) :]
                impact[alt] = value
                cells[f"{where}.impact.{alt}"] = f"{EFFECTS_TITLE}, rad {number} › Omfang: {alt}"
        out.append({**effect, "impact": impact})
    return out


# --- templates --------------------------------------------------------------------------------------------


def blank(start: str = "2026-01") -> dict:
    """A new, empty case: one alternative, no lines, four years from `start`."""
    return {
        "name": "Ny modell",
        "start": start,
        "months": 48,
        "alternatives": [{"id": "a1", "name": "Alternativ 1", "lines": []}],
    }


def template(name: str, start: str = "2026-01") -> dict:
    """A template to start from: innleie → faste stillinger, kjøp → eget tiltaksteam, or a plain budget."""
    year = int(start[:4])
    if name == "innleie":
        return {
            "name": "Innleie eller faste stillinger",
            "start": start,
            "months": 48,
            "baseline": "innleie",
            "alternatives": [
                {
                    "id": "innleie",
                    "name": "Fortsatt innleie",
                    "lines": [
                        {
                            "id": "innleie",
                            "label": "Innleie fra byrå",
                            "kind": "consultant",
                            "fte": 2.0,
                            "hourly_rate": 1150.0,
                            "previous_year_amount": 3898500.0,  # in today's budget: 2 × 1 695 × 1 150
                        }
                    ],
                },
                {
                    "id": "egne",
                    "name": "Faste stillinger",
                    "lines": [
                        {
                            "id": "innleie",
                            "label": "Innleie fra byrå (overgang)",
                            "kind": "consultant",
                            "fte": 2.0,
                            "hourly_rate": 1150.0,
                            "end": f"{year}-04",
                            "previous_year_amount": 3898500.0,
                        },
                        {
                            "id": "stillinger",
                            "label": "Faste stillinger",
                            "kind": "staff",
                            "fte": 3.0,
                            "annual_salary": 640000.0,
                            "recruitment_cost": 30000.0,
                            "start": f"{year}-03",
                        },
                    ],
                },
            ],
        }
    if name == "tiltak":
        return {
            "name": "Kjøp av hjelpetiltak eller eget tiltaksteam",
            "start": start,
            "months": 60,
            "baseline": "kjop",
            "alternatives": [
                {
                    "id": "kjop",
                    "name": "Fortsatt kjøp av hjelpetiltak",
                    "lines": [
                        {
                            "id": "kjop",
                            "label": "Kjøp av hjelpetiltak (timer)",
                            "kind": "purchase",
                            "units_per_month": 420.0,
                            "unit": "hour",
                            "unit_price": 1000.0,
                            "previous_year_amount": 5040000.0,  # in today's budget: 420 × 1 000 × 12
                        }
                    ],
                },
                {
                    "id": "team",
                    "name": "Eget tiltaksteam",
                    "lines": [
                        {
                            "id": "kjop",
                            "label": "Kjøp av hjelpetiltak (til teamet er i drift)",
                            "kind": "purchase",
                            "units_per_month": 420.0,
                            "unit": "hour",
                            "unit_price": 1000.0,
                            "end": f"{year}-08",
                            "previous_year_amount": 5040000.0,
                        },
                        {
                            "id": "team",
                            "label": "Tiltaksteam",
                            "kind": "staff",
                            "fte": 3.0,
                            "annual_salary": 560000.0,
                            "recruitment_cost": 30000.0,
                            "hires": 3.0,
                            "start": f"{year}-06",
                        },
                    ],
                },
            ],
        }
    if name == "budsjett":
        return {
            "name": "Budsjett",
            "start": start,
            "months": 12,
            "alternatives": [
                {
                    "id": "budsjett",
                    "name": "Budsjett",
                    "lines": [{"id": "lonn", "label": "Lønn", "kind": "staff", "fte": 1.0, "annual_salary": 600000.0}],
                }
            ],
        }
    return blank(start)


TEMPLATES = {
    "blank": "Tom modell",
    "innleie": "Innleie → faste stillinger",
    "tiltak": "Kjøp av hjelpetiltak → eget tiltaksteam",
    "budsjett": "Ett alternativ (et vanlig budsjett)",
}
