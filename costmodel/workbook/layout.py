"""Where everything is in the workbook, defined once: export writes it, import (read.py) reads it.

Row labels and column titles come from the scenario fields' declared metadata (scenario/models.py),
so a field added to a line kind gets its column here, is written on export and read back on
import without further code. Titles used by earlier versions are kept as aliases for import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from openpyxl.utils import get_column_letter as col

from costmodel.scenario import (
    Alternative,
    FieldMeta,
    Growth,
    Scenario,
    Simulation,
    StaffParameters,
    field_meta,
    line_field,
    line_fields_in_order,
    value_kind,
)
from costmodel.workbook.cells import KR, RATE

SHEET = "Forutsetninger"
FIRST_MONTH_COLUMN = 11  # K: Beregning's first month

# Forutsetninger, scenario-wide values: (defined name, model, field), in row order from row 5.
_GLOBALS = [
    ("Prisaar", Scenario, "price_basis"),
    ("Prisgrunnlag", Scenario, "prices"),
    ("Kalkulasjonsrente", Scenario, "discount_rate"),
    ("Pensjonssats", StaffParameters, "pension_rate"),
    ("Arbeidsgiveravgift", StaffParameters, "employer_tax_rate"),
    ("FeriepengerILonn", StaffParameters, "holiday_pay_included"),
    ("Feriepengesats", StaffParameters, "holiday_pay_rate"),
    ("OverheadPerAarsverk", StaffParameters, "overhead_per_fte"),
    ("TimerPerAarsverk", StaffParameters, "hours_per_fte"),
    ("Sykefravaer", StaffParameters, "sick_leave_rate"),
    ("Sykepengerefusjon", StaffParameters, "sick_pay_refund_rate"),
    ("Vakanse", StaffParameters, "vacancy_rate"),
]


def row_label(meta: FieldMeta) -> str:
    """A value's label in column A: its title, with `(kr)` for money."""
    return f"{meta.title} (kr)" if meta.is_money else meta.title


GLOBALS = [(name, row_label(field_meta(model, field)), field) for name, model, field in _GLOBALS]
GLOBAL_HELP = {field: field_meta(model, field).help or "" for _, model, field in _GLOBALS}
LEGACY_GLOBALS = {  # labels of workbooks exported before the labels came from the models
    "price_basis": "Prisår (kronene beløpene er i)",
    "prices": "Prisgrunnlag (faste eller løpende)",
    "pension_rate": "Pensjon, andel av årslønn",
    "holiday_pay_included": "Feriepenger er med i årslønnen",
    "holiday_pay_rate": "Feriepengesats (når de ikke er med)",
    "overhead_per_fte": "Overhead per årsverk (kr)",
}

# Forutsetninger, what the scenario is: (label in column A, field).
INFO = [
    (field_meta(Scenario, "name").title, "name"),
    (field_meta(Scenario, "municipality").title, "municipality"),
    (field_meta(Scenario, "start").title, "start"),
    (field_meta(Scenario, "months").title, "months"),
    (field_meta(Growth, "source").title, "growth"),
    (field_meta(Simulation, "draws").title, "draws"),
    (field_meta(Simulation, "seed").title, "seed"),
]
ALTERNATIVE_HEADERS = [
    field_meta(Alternative, "id").title,
    field_meta(Alternative, "name").title,
    field_meta(Scenario, "baseline").title,
]
GROWTH_DEFAULT = "Standard (år uten eget tall)"
GROWTH_HEADERS = ["År", field_meta(Growth, "wages").title, field_meta(Growth, "prices").title]
GROWTH_LOG_HEADERS = ["ln(1 + lønnsvekst)", "ln(1 + prisvekst)"]  # formulas, for the price index

# Forutsetninger, the lines table: column A is the owner (an alternative's id or «felles»), then these
# fields in this order; any other field of a line kind follows, so no field is ever left out.
OWNER_HEADER, COMMON_OWNER = "Alternativ", "felles"
LINE_FIELDS = list(line_fields_in_order())
LINE_COLUMNS = [(OWNER_HEADER, None)] + [(line_field(name).title, name) for name in LINE_FIELDS]
LEGACY_HEADERS = {  # column titles of workbooks exported before a label changed
    "AGA-sone": "employer_tax_zone",
    "Overhead per årsverk": "overhead_per_fte",
    "Rekruttering per årsverk": "recruitment_cost",
}
FIELD_COLUMN = {field: col(k + 1) for k, (_, field) in enumerate(LINE_COLUMNS) if field}

NAMED_TITLE = "Navngitte forutsetninger (én verdi som flere felt bruker: endre den her, så følger alle)"
NAMED_COLUMNS = ["Forutsetning", "Beskrivelse", "Verdi", "Navn i formler"]
NAMED_PREFIX = "F_"


def formula_names(names) -> dict[str, str]:
    """Each named assumption's defined name in the workbook (`timepris` → `F_timepris`), unique, formula-safe."""
    out: dict[str, str] = {}
    for name in names:
        base = NAMED_PREFIX + re.sub(r"[^A-Za-z0-9_]", "_", name)
        candidate, k = base, 2
        while candidate.lower() in (v.lower() for v in out.values()):
            candidate, k = f"{base}_{k}", k + 1
        out[name] = candidate
    return out


CAPACITY_TITLE = "Kapasitet: behovet alle alternativene holdes til, og hvordan gapet dekkes"
CAPACITY_ROWS = [  # (defined name, label in column A, field of `capacity:`)
    ("Dekning", "Dekning av gapet (innleie, eller udekket: vises som udekket behov)", "cover"),
    ("DekningPris", "Pris per dekningsårsverk (kr)", "cover_price_per_fte"),
    ("DekningTimepris", "Timepris for dekning (kr)", "cover_hourly_rate"),
    ("SakerPerAarsverk", "Saker per årsverk", "cases_per_fte"),
]
NEED_HEADERS = ["År", "Behov (effektive årsverk)", "Saker"]
LEGACY_CAPACITY_LABELS = {"cover": "Dekning (consultant = innleie, none = vises som udekket)"}
COVER_WORDS = {"consultant": "innleie", "none": "udekket"}  # the file's `cover` as the workbook writes it


def cover_from_word(word: str | None) -> str | None:
    """«innleie» / «udekket» as the workbook writes them, or the file's own words, back to `cover`."""
    if not isinstance(word, str):
        return word
    back = {v: k for k, v in COVER_WORDS.items()} | {"ingen": "none"}
    return back.get(word.strip().lower(), word.strip())


PARTNERS_TITLE = "Samarbeidskommuner: hvordan kostnadene fordeles (vertskommunesamarbeid)"
PARTNER_KEY_LABEL = "Fordelingsnøkkel (hva den bygger på, kilde)"
PARTNER_HEADERS = ["Kommune-id", "Kommune", "Andel", "Fordelingsgrunnlag", "Andel i bruk"]
EFFECTS_TITLE = "Ikke-prissatte virkninger (omfang: --, -, 0, + eller ++ mot nullalternativet)"
EFFECT_HEADERS = ["Virknings-id", "Virkning", "Betydning (liten, middels, stor)", "Begrunnelse"]
SOURCES_TITLE = "Kilder (listes under «Kilder» i presentasjonen og notatet)"
SOURCE_HEADERS = ["Kilde: tittel", "Utgiver", "År", "Lenke", "Merknad"]
COUNCIL_TITLE = "Til saksframlegget (skrives ut slik det står)"
COUNCIL_HEADERS = ["Saksframlegg", "Tekst"]
FINANCING_LABEL = "Inndekning"
PROPOSAL_LABEL = "Forslag til vedtak, punkt"


def impact_header(alternative: str) -> str:
    """The title of an effect's impact column for one alternative (by id, as the file writes it)."""
    return f"Omfang: {alternative}"


RANGES_TITLE = (
    "Usikkerhet: drivere med intervall (cellen i tabellen over må stå på mest sannsynlig verdi eller midtpunktet)"
)
RANGE_COLUMNS = ["Driver", "Beskrivelse", "Lav", "Mest sannsynlig", "Høy", "Fordeling"]


def cell_kind(field: str) -> str:
    """How a line field is written and read: `month`, `flag`, `text` or `number`."""
    return value_kind(field)


def field_format(field: str, value) -> str | None:
    """The spreadsheet format of a line field's number: per cent for shares, kroner for money."""
    if isinstance(value, bool):
        return None
    meta = line_field(field)
    if meta.is_share:
        return RATE
    if meta.unit in ("årsverk", "timer", "enheter", "personer"):
        return "0.0##"
    return KR


class BudgetLine(NamedTuple):
    """One budget line of an alternative in the workbook: a scenario line, or one the engine derives (§13).

    derived: None for a scenario line; `refund` for the sick-pay refund of the staff line `of`; `cover` for
    «dekning», the cover of the capacity gap.
    """

    id: str
    label: str
    kind: str
    owner: str | None  # the owner of its row on Forutsetninger (alternative id or «felles»); None if derived
    derived: str | None = None
    of: str | None = None


@dataclass
class Layout:
    """Where things are, so formulas on one sheet can point at cells on another."""

    lines: dict  # alternative → its BudgetLines in budget order
    line_rows: dict  # (owner, line id) → row in Forutsetninger
    calc_rows: dict  # (alternative, line id) → amount row in Beregning
    fte_rows: dict  # (alternative, line id) → årsverk row in Beregning
    total_rows: dict  # alternative → monthly total row in Beregning
    even_rows: dict  # alternative → "cheaper from here to the end" row in Beregning
    budget_rows: dict  # (alternative, line id) → row in Årsbudsjett; (alternative, None) → sum row
    first_month: str
    last_month: str
    split_rows: dict = field(default_factory=dict)  # alternative → its partners' sum row in Fordeling (§16)
