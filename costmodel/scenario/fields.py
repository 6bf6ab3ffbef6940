"""Field types of a scenario, with their Norwegian checks, and the metadata every field declares.

Types are strict where YAML and pydantic are lax: numbers must be finite numbers (never booleans or
text), rates must be shares (0.141, not 14.1), months `YYYY-MM`, KOSTRA codes three-digit text.

Each field of a model carries its metadata on its pydantic definition (`Field(**describe(…))`):
the Norwegian label, unit, help text and input hints. The what-if controls, the editor, the
workbook's input sheet, explanations, error messages and the JSON Schema all read it from there
(`FieldMeta`, models.field_meta), so a new field is one edit in the model plus its formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictBool, StrictFloat, StrictInt

# --- checks of one value ---------------------------------------------------------------------------


def _share_message(value: float) -> str:
    return f"{value:g} ser ut som en prosentsats; skriv andelen, f.eks. {value / 100:g} for {value:g} %"


def check_rate(value: float) -> float:
    if value > 1:
        raise ValueError(_share_message(value))
    if value < 0:
        raise ValueError("kan ikke være negativ")
    return value


LARGEST = 1e12  # kroner, hours, årsverk: a thousand billion is beyond any municipal budget, and keeps every product
# of two figures exact enough to format and to write (no inf or NaN reaches a view, the JSON or the workbook)


def check_magnitude(value: float) -> float:
    if abs(value) > LARGEST:
        raise ValueError(f"{value:g} er for stort; tall i et scenario må ligge under 1 000 milliarder (1e12)")
    return value


def check_growth(value: float) -> float:
    if value > 1:
        raise ValueError(_share_message(value))
    if value <= -1:
        raise ValueError("må være større enn -1 (−100 %)")
    return value


def check_month(value: Any) -> str:
    """`YYYY-MM` (a date or text), normalised to two-digit months."""
    if isinstance(value, date):
        value = f"{value.year:04d}-{value.month:02d}"
    if not isinstance(value, str):
        raise ValueError(f"skriv måneden som ÅÅÅÅ-MM i anførselstegn eller uten, f.eks. 2017-01 (fikk {value!r})")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not match:
        raise ValueError(f"«{value}» er ikke en måned; skriv ÅÅÅÅ-MM, f.eks. 2017-01")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise ValueError(f"«{value}»: måned {month} finnes ikke (1–12)")
    if not 1900 <= year <= 2200:
        raise ValueError(f"«{value}»: året må ligge mellom 1900 og 2200")
    return f"{year:04d}-{month:02d}"


def check_kostra(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError('KOSTRA-koder er tre sifre i anførselstegn, f.eks. "244"')
    if isinstance(value, int) and 100 <= value <= 999:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{3}", value):
        return value
    raise ValueError(f'{value!r} er ikke en KOSTRA-kode; skriv tre sifre i anførselstegn, f.eks. "010" eller "244"')


def check_text(value: Any) -> Any:
    if isinstance(value, str) and re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError("teksten inneholder kontrolltegn (tabulator, linjeskift e.l.)")
    return value


def check_identifier(value: Any) -> Any:
    if isinstance(value, str) and ("." in value or value != value.strip() or not value):
        raise ValueError(f"«{value}» kan ikke brukes som id: ingen punktum, ikke tom, ingen mellomrom i endene")
    return value


def read_yes_no(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in {"yes", "ja", "true", "no", "nei", "false"}:
        return value.strip().lower() in {"yes", "ja", "true"}
    return value


Number = Annotated[StrictFloat, Field(allow_inf_nan=False), AfterValidator(check_magnitude)]
NonNegative = Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False), AfterValidator(check_magnitude)]
Positive = Annotated[StrictFloat, Field(gt=0, allow_inf_nan=False), AfterValidator(check_magnitude)]
Rate = Annotated[StrictFloat, Field(allow_inf_nan=False), AfterValidator(check_rate)]
GrowthRate = Annotated[StrictFloat, Field(allow_inf_nan=False), AfterValidator(check_growth)]
Month = Annotated[str, BeforeValidator(check_month)]
Kostra = Annotated[str, BeforeValidator(check_kostra)]
Label = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(check_text)]
Identifier = Annotated[
    str, Field(min_length=1, max_length=64), AfterValidator(check_identifier), AfterValidator(check_text)
]
YesNo = Annotated[StrictBool, BeforeValidator(read_yes_no)]
Year = Annotated[StrictInt, Field(ge=1900, le=2200)]


# --- metadata ----------------------------------------------------------------------------------------

WIDGETS = ("slider", "number", "percent", "month", "choice", "toggle", "text")


def describe(
    label: str,
    unit: str | None = None,
    help: str | None = None,
    *,
    widget: str | None = None,
    step: float | None = None,
    low: float | None = None,
    high: float | None = None,
    whatif: bool = False,
) -> dict:
    """Keyword arguments for `Field(…)` that declare a field's metadata.

    label: Norwegian, as it reads inside a sentence (`årslønn`); unit: `kr`, `andel` (shown as %),
    `årsverk`, `timer`, `enheter`, `måned`, `ja/nei`, `kode` or `tekst`; help: one sentence for
    the user; widget, step, low, high: input hints (a control's usual range, which widens for a
    value outside it; `low` defaults to the smallest value the field's type allows); whatif: the
    field gets a control under «Hva om?».
    """
    assert widget is None or widget in WIDGETS, widget
    hints = {"unit": unit, "widget": widget, "step": step, "low": low, "high": high, "whatif": whatif}
    return {
        "title": label,
        "description": help,
        "json_schema_extra": {k: v for k, v in hints.items() if v is not None and v is not False},
    }


def money(label: str, help: str, *, step: float = 10_000, whatif: bool = False) -> dict:
    """`describe` for an amount in kroner, entered as a number."""
    return describe(label, "kr", help, widget="number", step=step, whatif=whatif)


def share(
    label: str, help: str, *, step: float, low: float | None = None, high: float | None = None, whatif: bool = False
) -> dict:
    """`describe` for a share (0,141 for 14,1 %), entered as a percentage."""
    return describe(label, "andel", help, widget="percent", step=step, low=low, high=high, whatif=whatif)


@dataclass(frozen=True)
class FieldMeta:
    """A field's metadata as declared on its model (see `describe`); `low` comes from its type."""

    name: str
    label: str
    unit: str | None = None
    help: str | None = None
    widget: str | None = None
    step: float | None = None
    low: float | None = None
    high: float | None = None
    whatif: bool = False

    @property
    def title(self) -> str:
        """The label as a heading or column title: `Årslønn`, `KOSTRA-funksjon`."""
        return self.label[:1].upper() + self.label[1:]

    @property
    def is_share(self) -> bool:
        return self.unit == "andel"

    @property
    def is_money(self) -> bool:
        return self.unit == "kr"


KIND = describe("type", "tekst", "Linjetypen: staff, consultant, purchase, fixed eller one_off", widget="choice")
# Shared declarations for fields that stand on more than one model (declared once, used by each).
FTE = describe(
    "årsverk", "årsverk", "Antall årsverk (heltidsstillinger)", widget="slider", step=0.1, high=10, whatif=True
)
HOURS_PER_FTE = describe("timer per årsverk", "timer", "Produktive timer i et årsverk", widget="number", step=10)
ANNUAL_AMOUNT = money("årsbeløp", "Beløp per år, fordelt likt på årets måneder", whatif=True)
