"""The scenario: frozen pydantic models of ../shared/scenario-format.md, and how files become them.

Field types are strict where YAML and pydantic are lax: numbers must be finite numbers (never
booleans or text), rates must be shares (0.141, not 14.1), KOSTRA codes three-digit text.
`parse_scenario` adds the checks that need the whole scenario (ids, baseline, dates, growth
years) and reports every problem with its field path, in Norwegian.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from costmodel.errors import Problem, ScenarioError
from costmodel.scenario.ranges import Range, insert_ranges, split_ranges
from costmodel.parameters import load_reference
from costmodel.yamlsafe import load_yaml

MAX_MONTHS = 600
DEFAULT_DRAWS, MAX_DRAWS, DEFAULT_SEED = 10_000, 200_000, 1
RESERVED_IDS = ("common", "parameters", "growth")  # driver paths begin with these (whatif.py)
LINE_KINDS = ("staff", "consultant", "purchase", "fixed", "one_off")

# --- field types -------------------------------------------------------------------------------


def _rate(value: float) -> float:
    if value > 1:
        raise ValueError(
            f"{value:g} ser ut som en prosentsats; skriv andelen, f.eks. {value / 100:g} for {value:g} %"
        )
    if value < 0:
        raise ValueError("kan ikke være negativ")
    return value


def _growth(value: float) -> float:
    if value > 1:
        raise ValueError(
            f"{value:g} ser ut som en prosentsats; skriv andelen, f.eks. {value / 100:g} for {value:g} %"
        )
    if value <= -1:
        raise ValueError("må være større enn -1 (−100 %)")
    return value


def _month(value: Any) -> str:
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


def _kostra(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError("KOSTRA-koder er tre sifre i anførselstegn, f.eks. \"244\"")
    if isinstance(value, int) and 100 <= value <= 999:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{3}", value):
        return value
    raise ValueError(f"{value!r} er ikke en KOSTRA-kode; skriv tre sifre i anførselstegn, f.eks. \"010\" eller \"244\"")


def _text(value: Any) -> Any:
    if isinstance(value, str) and re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError("teksten inneholder kontrolltegn (tabulator, linjeskift e.l.)")
    return value


def _identifier(value: Any) -> Any:
    if isinstance(value, str) and ("." in value or value != value.strip() or not value):
        raise ValueError(f"«{value}» kan ikke brukes som id: ingen punktum, ikke tom, ingen mellomrom i endene")
    return value


def _yes_no(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in {"yes", "ja", "true", "no", "nei", "false"}:
        return value.strip().lower() in {"yes", "ja", "true"}
    return value


Number = Annotated[StrictFloat, Field(allow_inf_nan=False)]
NonNegative = Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[StrictFloat, Field(gt=0, allow_inf_nan=False)]
Rate = Annotated[StrictFloat, Field(allow_inf_nan=False), AfterValidator(_rate)]
GrowthRate = Annotated[StrictFloat, Field(allow_inf_nan=False), AfterValidator(_growth)]
Month = Annotated[str, BeforeValidator(_month)]
Kostra = Annotated[str, BeforeValidator(_kostra)]
Label = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_text)]
Identifier = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_identifier), AfterValidator(_text)]
YesNo = Annotated[StrictBool, BeforeValidator(_yes_no)]
Year = Annotated[StrictInt, Field(ge=1900, le=2200)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --- parameters --------------------------------------------------------------------------------


class StaffParameters(Model):
    """Parameters of staff cost; on `parameters:` for all staff lines, on a staff line for that line."""

    employer_tax_rate: Rate | None = None
    employer_tax_zone: str | None = None
    pension_rate: Rate | None = None
    holiday_pay_included: YesNo | None = None
    holiday_pay_rate: Rate | None = None
    overhead_per_fte: NonNegative | None = None
    hours_per_fte: Positive | None = None

    @field_validator("employer_tax_zone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        zones = load_reference().employer_tax
        if zone is not None and zone not in zones:
            raise ValueError(f"ukjent sone «{zone}»; gyldige soner er {', '.join(zones)}")
        return zone

    @model_validator(mode="after")
    def _one_tax_source(self):
        if self.employer_tax_rate is not None and self.employer_tax_zone is not None:
            raise ValueError("oppgi enten employer_tax_rate eller employer_tax_zone, ikke begge")
        return self


Parameters = StaffParameters


def _series(value: Any) -> Any:
    """Growth series keys: years (2018) or `default`."""
    if not isinstance(value, dict):
        return value
    out = {}
    for key, rate in value.items():
        if isinstance(key, str) and key.strip().isdigit():
            key = int(key)
        if key != "default" and not (isinstance(key, int) and not isinstance(key, bool) and 1900 <= key <= 2200):
            raise ValueError(f"nøkkelen {key!r} er verken et år (f.eks. 2018) eller default")
        out[key] = rate
    return out


Series = Annotated[dict[Union[int, str], GrowthRate], BeforeValidator(_series)]


def _growth_spec(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


class Growth(Model):
    """Wage and price growth per year for nominal prices: inline series, a named one, or both."""

    source: str | None = None
    wages: Series = Field(default_factory=dict)
    prices: Series = Field(default_factory=dict)

    @field_validator("source")
    @classmethod
    def _known_source(cls, name: str | None) -> str | None:
        series = load_reference().growth
        if name is not None and name not in series:
            raise ValueError(f"ukjent vekstserie «{name}»; tilgjengelige: {', '.join(series) or 'ingen'}")
        return name

    def series(self, name: str) -> dict:
        """The effective series: the named source's years overlaid with the inline values."""
        values: dict = {}
        if self.source:
            values.update({y: p.value for y, p in load_reference().growth[self.source][name].items()})
        values.update(getattr(self, name))
        return values


# --- lines -------------------------------------------------------------------------------------


class LineBase(Model):
    id: Identifier
    label: Label
    start: Month | None = None
    end: Month | None = None
    index: Literal["wages", "prices", "none"] | None = None
    kostra_function: Kostra | None = None
    kostra_art: Kostra | None = None
    previous_year_amount: Number = 0.0

    def default_index(self) -> str:
        return "prices"


def _exactly_one(line: BaseModel, *groups: tuple[str, ...], what: str) -> None:
    """Check that exactly one driver group is fully given and no field outside it is set."""
    given = {name for name in line.model_fields_set if getattr(line, name) is not None}
    drivers = set().union(*groups)
    complete = [g for g in groups if set(g) <= given]
    options = " eller ".join(" + ".join(g) for g in groups)
    if not complete:
        raise ValueError(f"mangler prisdriver for {what}: oppgi {options}")
    chosen = max(complete, key=len)
    extra = sorted((given & drivers) - set(chosen))
    if extra:
        raise ValueError(
            f"for mange prisdrivere for {what}: {' + '.join(chosen)} er gitt, i tillegg {', '.join(extra)}; oppgi bare én av {options}"
        )


class StaffLine(LineBase, StaffParameters):
    """Own positions (egne stillinger): årsverk × full cost per årsverk."""

    kind: Literal["staff"]
    fte: NonNegative
    annual_salary: NonNegative | None = None
    annual_cost_per_fte: NonNegative | None = None
    recruitment_cost: NonNegative | None = None

    @model_validator(mode="after")
    def _one_price(self):
        _exactly_one(self, ("fte", "annual_salary"), ("fte", "annual_cost_per_fte"), what="egne stillinger")
        return self

    def default_index(self) -> str:
        return "wages"


class VatMixin(Model):
    vat_rate: Rate = 0.0
    vat_compensated: YesNo = True


class ConsultantLine(LineBase, VatMixin):
    """Hired consultants (innleie): per årsverk, per hour and årsverk, or hours per month."""

    kind: Literal["consultant"]
    fte: NonNegative | None = None
    annual_price_per_fte: NonNegative | None = None
    hourly_rate: NonNegative | None = None
    hours_per_month: NonNegative | None = None
    hours_per_fte: Positive | None = None

    @model_validator(mode="after")
    def _one_price(self):
        _exactly_one(
            self,
            ("fte", "annual_price_per_fte"),
            ("fte", "hourly_rate"),
            ("hours_per_month", "hourly_rate"),
            what="innleie",
        )
        return self

    def default_index(self) -> str:
        return "wages"


class PurchaseLine(LineBase, VatMixin):
    """Purchased measures (kjøp av tiltak): units per month × unit price, or an annual amount."""

    kind: Literal["purchase"]
    units_per_month: NonNegative | None = None
    unit_price: NonNegative | None = None
    annual_amount: NonNegative | None = None

    @model_validator(mode="after")
    def _one_price(self):
        _exactly_one(self, ("units_per_month", "unit_price"), ("annual_amount",), what="kjøp")
        return self


class FixedLine(LineBase):
    """A fixed amount per year (may be negative: a deduction or an income)."""

    kind: Literal["fixed"]
    annual_amount: Number


class OneOffLine(LineBase):
    """A one-off amount (engangsbeløp) in its start month (may be negative)."""

    kind: Literal["one_off"]
    amount: Number


LINE_MODELS = {"staff": StaffLine, "consultant": ConsultantLine, "purchase": PurchaseLine, "fixed": FixedLine,
               "one_off": OneOffLine}  # fmt: skip
Line = Annotated[
    Union[StaffLine, ConsultantLine, PurchaseLine, FixedLine, OneOffLine], Field(discriminator="kind")
]


class Alternative(Model):
    """One way of doing the work (kjøp, egne stillinger, …): its lines besides the common ones."""

    id: Identifier
    name: Label
    lines: list[Line] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _name_defaults_to_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and "name" not in data and isinstance(data.get("id"), str):
            return {**data, "name": data["id"]}
        return data


class Simulation(Model):
    """How the uncertainty simulation runs: number of draws and the seed that makes it repeatable."""

    draws: Annotated[StrictInt, Field(ge=1, le=MAX_DRAWS)] = DEFAULT_DRAWS
    seed: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] = DEFAULT_SEED


class Scenario(Model):
    """A whole scenario file: horizon, price basis, parameters, alternatives and their lines.

    `ranges` holds the uncertain drivers (ranges.py) by driver path; the fields hold their
    deterministic values.
    """

    name: Label
    municipality: Label | None = None
    start: Month
    months: Annotated[StrictInt, Field(ge=1, le=MAX_MONTHS)]
    price_basis: Year | None = None
    prices: Literal["fixed", "nominal"] = "fixed"
    discount_rate: Rate = Field(default_factory=lambda: load_reference().default("discount_rate"))
    growth: Annotated[Growth, BeforeValidator(_growth_spec)] = Field(default_factory=Growth)
    parameters: Parameters = Field(default_factory=Parameters)
    baseline: Identifier | None = None
    simulation: Simulation = Field(default_factory=Simulation)
    common: list[Line] = Field(default_factory=list)
    alternatives: Annotated[list[Alternative], Field(min_length=1)]
    _ranges: dict = PrivateAttr(default_factory=dict)

    @property
    def ranges(self) -> dict[str, Range]:
        """The uncertain drivers, by driver path, in file order."""
        return self._ranges

    @property
    def start_year(self) -> int:
        return int(self.start[:4])

    @property
    def basis_year(self) -> int:
        return self.price_basis if self.price_basis is not None else self.start_year

    @property
    def start_index(self) -> int:
        return month_index(self.start)

    @property
    def end_year(self) -> int:
        return (self.start_index + self.months - 1) // 12

    def alternative(self, alternative_id: str) -> Alternative:
        return next(a for a in self.alternatives if a.id == alternative_id)

    def lines_of(self, alternative_id: str) -> list:
        """The lines of an alternative as budgeted: its own lines, then the common ones."""
        return [*self.alternative(alternative_id).lines, *self.common]


@lru_cache(maxsize=4096)
def month_index(month: str) -> int:
    """`YYYY-MM` as a count of months (year × 12 + month − 1), for arithmetic on months."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# --- whole-scenario checks ---------------------------------------------------------------------


def _raw_lines(data: dict):
    """(path, line mapping) for every line in raw scenario data, skipping what is malformed."""
    common = data.get("common")
    if isinstance(common, list):
        for j, line in enumerate(common):
            if isinstance(line, dict):
                yield f"common[{j}]", line
    alternatives = data.get("alternatives")
    for i, alt in enumerate(alternatives if isinstance(alternatives, list) else []):
        lines = alt.get("lines") if isinstance(alt, dict) else None
        for j, line in enumerate(lines if isinstance(lines, list) else []):
            if isinstance(line, dict):
                yield f"alternatives[{i}].lines[{j}]", line


def _checked_month(value: Any) -> int | None:
    try:
        return month_index(_month(value))
    except ValueError:
        return None


def _structure_problems(data: dict) -> list[Problem]:
    """Checks across fields (ids, baseline, line dates), on raw data so they run beside field errors."""
    problems: list[Problem] = []
    alternatives = data.get("alternatives") if isinstance(data.get("alternatives"), list) else []
    alt_ids = [a.get("id") if isinstance(a, dict) else None for a in alternatives]
    for i, alt_id in enumerate(alt_ids):
        if isinstance(alt_id, str) and alt_ids.index(alt_id) != i:
            problems.append(Problem(f"alternatives[{i}].id", f"alternativet «{alt_id}» finnes allerede"))
        if alt_id in RESERVED_IDS:
            problems.append(Problem(f"alternatives[{i}].id", f"«{alt_id}» er reservert (brukes i drivernavn); velg en annen id"))
    baseline = data.get("baseline")
    valid_ids = [a for a in alt_ids if isinstance(a, str)]
    if isinstance(baseline, str) and valid_ids and baseline not in valid_ids:
        problems.append(Problem("baseline", f"«{baseline}» er ikke et alternativ; velg ett av {', '.join(dict.fromkeys(valid_ids))}"))
    common_ids: list = []
    seen: dict[str, list] = {}
    for path, line in _raw_lines(data):
        owner = path.split(".")[0] if path.startswith("alternatives") else "common"
        ids = seen.setdefault(owner, common_ids if owner == "common" else list(common_ids))
        line_id = line.get("id")
        if isinstance(line_id, str):
            if line_id in ids:
                where = "i common" if line_id in common_ids and owner != "common" else "i samme alternativ"
                problems.append(Problem(f"{path}.id", f"linje-id «{line_id}» er brukt før {where}"))
            ids.append(line_id)
        start = _checked_month(line.get("start", data.get("start")))
        end = _checked_month(line["end"]) if "end" in line else None
        if start is not None and end is not None and end < start:
            problems.append(Problem(f"{path}.end", f"slutt {month_label(end)} er før start {month_label(start)}"))
    return problems


def _all_lines(s: Scenario):
    for j, line in enumerate(s.common):
        yield f"common[{j}]", line
    for i, alt in enumerate(s.alternatives):
        for j, line in enumerate(alt.lines):
            yield f"alternatives[{i}].lines[{j}]", line


def index_series(line) -> str:
    """Which growth series a line follows: its `index`, or the default for its kind."""
    return line.index or line.default_index()


def growth_years(s: Scenario) -> range:
    """Years whose growth rate a nominal scenario needs: from the earlier of price basis and start to the later."""
    return range(min(s.basis_year, s.start_year) + 1, max(s.basis_year, s.end_year) + 1)


def _growth_problems(s: Scenario) -> list[Problem]:
    used = {index_series(line) for _, line in _all_lines(s)} - {"none"}
    problems = []
    for name in sorted(used):
        series = s.growth.series(name)
        if "default" in series:
            continue
        missing = [y for y in growth_years(s) if y not in series]
        if missing:
            years = ", ".join(map(str, missing))
            problems.append(
                Problem(
                    f"growth.{name}",
                    f"løpende priser trenger vekst for {years}, men serien mangler {'dem' if len(missing) > 1 else 'det'} "
                    f"og har ingen default",
                )
            )
    return problems


# --- from data and files -------------------------------------------------------------------------


def parse_scenario(data: Any) -> Scenario:
    """Validate plain data (as loaded from YAML) into a Scenario, or raise ScenarioError with every problem."""
    if not isinstance(data, dict):
        kind = "en liste" if isinstance(data, list) else f"en enkelt verdi ({data!r})"[:80]
        raise ScenarioError(Problem("", f"filen må være en samling felt (name:, start:, months:, …), ikke {kind}"))
    data, ranges, range_problems = split_ranges(data, _check_bound, _month_number)
    problems = _structure_problems(data) + range_problems
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        field_problems = [p for p in translate_errors(exc) if not _within(p.path, range_problems)]
        raise ScenarioError(_in_file_order(field_problems + problems)) from None
    if scenario.prices == "nominal":
        problems += _growth_problems(scenario)
    if problems:
        raise ScenarioError(_in_file_order(problems))
    scenario._ranges = {r.driver: r for r in ranges}
    return scenario


def _within(path: str, problems: list[Problem]) -> bool:
    """Whether `path` is a field whose range was already reported (its value was left out)."""
    return any(p.path == path or p.path.startswith(path + ".") for p in problems)


def _month_number(value: Any) -> int:
    return month_index(_month(value))


@lru_cache(maxsize=None)
def _adapter(owner: str, field: str) -> TypeAdapter | None:
    if owner == "growth":
        return TypeAdapter(GrowthRate)
    model = {"parameters": StaffParameters, "scenario": Scenario, **LINE_MODELS}.get(owner)
    if model is None or field not in model.model_fields:
        return None  # an unknown line kind or field is reported when the scenario is validated
    info = model.model_fields[field]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


def _check_bound(owner: str, field: str, value: Any) -> list[str]:
    """A range bound checked as the field checks its value: the messages, or none."""
    adapter = _adapter(owner, field)
    try:
        adapter is not None and adapter.validate_python(value)
    except ValidationError as exc:
        return [p.message for p in translate_errors(exc)]
    return []


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by where they are in the file (top-level fields first, then lines in order)."""

    order = {name: k for k, name in enumerate(Scenario.model_fields)}
    return sorted(problems, key=lambda p: (order.get(re.split(r"[.\[]", p.path)[0], -1), _split(p.path)))


def _split(path: str) -> list:
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"\[(\d+)\]|\.", path) if t]


def load_scenario(source: str | Path | bytes) -> Scenario:
    """Read and validate a scenario from a path, or from the bytes of an uploaded file."""
    if isinstance(source, bytes):
        return parse_scenario(load_yaml(source))
    path = Path(source)
    try:
        if path.stat().st_size > 1_000_000:
            raise ScenarioError(Problem("", "filen er for stor (over 1 MB)"))
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ScenarioError(Problem("", f"{path} er en mappe, ikke en fil")) from None
    except FileNotFoundError:
        raise ScenarioError(Problem("", f"finner ikke filen {path}")) from None
    except OSError as exc:
        raise ScenarioError(Problem("", f"kan ikke lese {path}: {exc.strerror}")) from None
    return parse_scenario(load_yaml(raw))


def scenario_to_data(scenario: Scenario) -> dict:
    """Plain data that parse_scenario turns back into an equal scenario (fields left at default omitted)."""
    data = scenario.model_dump(mode="json", exclude_unset=True, exclude_none=False)
    return insert_ranges(data, scenario.ranges.values())


# --- errors in plain Norwegian ------------------------------------------------------------------

_MESSAGES = {
    "missing": "mangler (feltet er påkrevd)",
    "extra_forbidden": "ukjent felt – sjekk stavemåten (ukjente felt godtas ikke, så en skrivefeil ikke fjerner en kostnad i stillhet)",
    "finite_number": "må være et endelig tall (ikke NaN eller uendelig)",
    "greater_than_equal": "må være minst {ge:g}",
    "greater_than": "må være større enn {gt:g}",
    "less_than_equal": "kan være høyst {le:g}",
    "less_than": "må være mindre enn {lt:g}",
    "int_type": "må være et heltall",
    "int_from_float": "må være et heltall",
    "int_parsing": "må være et heltall",
    "bool_type": "må være true eller false",
    "bool_parsing": "må være true eller false",
    "string_type": "må være tekst",
    "list_type": "må være en liste (linjer som begynner med -)",
    "dict_type": "må være en samling felt (nøkkel: verdi)",
    "model_type": "må være en samling felt (nøkkel: verdi)",
    "model_attributes_type": "må være en samling felt (nøkkel: verdi)",
    "too_short": "må ha minst {min_length} element",
    "string_too_short": "kan ikke være tom",
    "string_too_long": "er for lang (høyst {max_length} tegn)",
    "literal_error": "må være en av: {expected}",
    "union_tag_invalid": "ukjent linjetype «{tag}»; gyldige typer er " + ", ".join(LINE_KINDS),
    "union_tag_not_found": "mangler kind (linjetype): en av " + ", ".join(LINE_KINDS),
}


def _number_message(value: Any, noun: str = "et tall") -> str:
    if isinstance(value, bool):
        return f"må være {noun}, ikke ja/nei (true/false)"
    if isinstance(value, str):
        return f"må være {noun}, fikk teksten «{value[:40]}»"
    if isinstance(value, float) and noun == "et heltall":
        return f"må være et heltall, fikk {value:g}"
    return f"må være {noun}, fikk {type(value).__name__}"


def _path(loc: tuple) -> str:
    parts: list[str] = []
    previous: Any = None
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif isinstance(previous, int) and item in LINE_KINDS:
            pass  # the discriminated union's tag, not a field
        else:
            parts.append(("." if parts else "") + str(item))
        previous = item
    return "".join(parts)


def translate_errors(exc: ValidationError) -> list[Problem]:
    """pydantic's errors as Problems with the field path as written in the file, in Norwegian."""
    problems = []
    for err in exc.errors(include_url=False):
        kind, ctx = err["type"], err.get("ctx") or {}
        loc = err["loc"]
        if kind in ("float_type", "float_parsing"):
            message = _number_message(err.get("input"))
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            message = _number_message(err.get("input"), "et heltall")
        elif kind == "value_error":
            message = str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
        elif kind in _MESSAGES:
            try:
                message = _MESSAGES[kind].format(**ctx)
            except (KeyError, IndexError):
                message = _MESSAGES[kind]
        else:
            message = err["msg"]
        problems.append(Problem(_path(loc), message))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out
