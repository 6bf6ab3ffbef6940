"""Ranges: an uncertain driver written as `{low, mode, high}` or `{low, high}` in place of its number.

`split_ranges` takes them out of raw scenario data, leaving the deterministic value in their place
(the mode, or the midpoint), so every existing figure is computed as before; the ranges travel
with the scenario and drive the simulation (docs/method.md §12).
"""

from __future__ import annotations

import copy
import hashlib
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

from costmodel import formatting as fmt
from costmodel.errors import Problem

DISTRIBUTIONS = ("pert", "triangular", "uniform")
KEYS = ("low", "mode", "high", "dist")

# Where a range may stand, by the mapping that holds it.
LINE_NUMBERS = (
    "fte",
    "annual_salary",
    "annual_cost_per_fte",
    "recruitment_cost",
    "annual_price_per_fte",
    "hourly_rate",
    "hours_per_month",
    "hours_per_fte",
    "units_per_month",
    "unit_price",
    "annual_amount",
    "fte_equivalent",
    "hires",
    "amount",
    "vat_rate",
    "employer_tax_rate",
    "pension_rate",
    "holiday_pay_rate",
    "overhead_per_fte",
    "sick_leave_rate",
    "sick_pay_refund_rate",
    "vacancy_rate",
)
LINE_MONTHS = ("start", "end")
PARAMETER_NUMBERS = (
    "employer_tax_rate",
    "pension_rate",
    "holiday_pay_rate",
    "overhead_per_fte",
    "hours_per_fte",
    "sick_leave_rate",
    "sick_pay_refund_rate",
    "vacancy_rate",
)
CAPACITY_NUMBERS = ("cover_price_per_fte", "cover_hourly_rate")
SCENARIO_NUMBERS = ("discount_rate",)


@dataclass(frozen=True)
class Range:
    """One uncertain driver: its distribution over [low, high] and where it stands.

    For month fields (`months=True`) the values are month numbers (year × 12 + month − 1), and a
    draw is a whole month: each month from low to high gets the probability of its one-month slice.
    """

    driver: str  # the driver path: innleie.kjop.annual_price_per_fte, parameters.pension_rate, …
    where: str  # the field path in the file: alternatives[0].lines[1].annual_price_per_fte
    low: float
    mode: float | None
    high: float
    dist: str
    months: bool = False

    @property
    def value(self) -> float:
        """The deterministic value: the mode, else the midpoint (for months the earlier middle month)."""
        if self.mode is not None:
            return self.mode
        middle = (self.low + self.high) / 2
        return math.floor(middle) if self.months else middle

    @property
    def mean(self) -> float:
        """The analytic mean of a continuous range (PERT (a+4m+b)/6, triangular (a+m+b)/3, uniform (a+b)/2)."""
        a, b = self.low, self.high
        if self.dist == "uniform":
            return (a + b) / 2
        return (a + 4 * self.mode + b) / 6 if self.dist == "pert" else (a + self.mode + b) / 3

    def sample(self, seed: int, n: int) -> np.ndarray:
        """`n` draws: a stream of its own for each driver path and seed, so adding a range moves no other."""
        import numpy as np  # only drawing needs numpy; reading and checking a scenario does not

        digest = int.from_bytes(hashlib.sha256(self.driver.encode()).digest()[:8], "little")
        rng = np.random.default_rng([seed, digest])
        low, high, mode = self.low, self.high, self.mode
        if self.months:  # a continuous draw over [low, high + 1), floored to its month
            high, mode = high + 1, None if mode is None else mode + 0.5
        if high == low:
            values = np.full(n, float(low))
        elif self.dist == "uniform":
            values = rng.uniform(low, high, n)
        elif self.dist == "triangular":
            values = rng.triangular(low, mode, high, n)
        else:
            width = high - low
            values = low + width * rng.beta(1 + 4 * (mode - low) / width, 1 + 4 * (high - mode) / width, n)
        return np.floor(values) if self.months else values

    def spec(self) -> dict:
        """The range as written in a scenario file."""
        show = month_text if self.months else (lambda v: v)
        out = {"low": show(self.low)}
        if self.mode is not None:
            out["mode"] = show(self.mode)
        out["high"] = show(self.high)
        if self.dist != ("pert" if self.mode is not None else "uniform"):
            out["dist"] = self.dist
        return out

    def file_value(self) -> Any:
        """The deterministic value as the scenario field holds it."""
        return month_text(self.value) if self.months else self.value


def month_text(number: float) -> str:
    number = int(number)
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def is_range(value: Any) -> bool:
    return isinstance(value, dict)


# --- taking ranges out of raw data ----------------------------------------------------------------

# check(owner, field, value) -> messages: the field's own validation of one bound. `owner` is the
# line kind, "parameters", "scenario" or "growth".
Check = Callable[[str, str, Any], list[str]]
MonthReader = Callable[[Any], int]


def positions(data: dict) -> Iterator[tuple[dict, Any, str, str, str, str]]:
    """(holder, key, file path, driver path or "", owner, field) for every place a range may stand."""
    for field in SCENARIO_NUMBERS:
        yield data, field, field, field, "scenario", field
    parameters = data.get("parameters")
    if isinstance(parameters, dict):
        for field in PARAMETER_NUMBERS:
            yield parameters, field, f"parameters.{field}", f"parameters.{field}", "parameters", field
    growth = data.get("growth")
    if isinstance(growth, dict):
        for name in ("wages", "prices"):
            series = growth.get(name)
            if isinstance(series, dict):
                for key in list(series):
                    yield series, key, f"growth.{name}.{key}", f"growth.{name}.{key}", "growth", name
    capacity = data.get("capacity")
    if isinstance(capacity, dict):
        for field in CAPACITY_NUMBERS:
            yield capacity, field, f"capacity.{field}", f"capacity.{field}", "capacity", field
        need = capacity.get("need")
        if isinstance(need, dict):
            yield (
                need,
                "cases_per_fte",
                "capacity.need.cases_per_fte",
                "capacity.need.cases_per_fte",
                "need",
                "cases_per_fte",
            )
            for name in ("fte", "cases"):
                series = need.get(name)
                if isinstance(series, dict):
                    for key in list(series):
                        path = f"capacity.need.{name}.{key}"
                        yield series, key, path, path, "need", name
    common = data.get("common")
    for j, line in enumerate(common if isinstance(common, list) else []):
        if isinstance(line, dict):
            yield from _line_positions(line, f"common[{j}]", "common")
    alternatives = data.get("alternatives")
    for i, alt in enumerate(alternatives if isinstance(alternatives, list) else []):
        lines = alt.get("lines") if isinstance(alt, dict) else None
        alt_id = alt.get("id") if isinstance(alt, dict) else None
        for j, line in enumerate(lines if isinstance(lines, list) else []):
            if isinstance(line, dict):
                yield from _line_positions(line, f"alternatives[{i}].lines[{j}]", alt_id)


def _line_positions(line: dict, path: str, owner_id: Any):
    line_id, kind = line.get("id"), line.get("kind")
    named = isinstance(owner_id, str) and isinstance(line_id, str)
    for field in (*LINE_NUMBERS, *LINE_MONTHS):
        driver = f"{owner_id}.{line_id}.{field}" if named else ""
        yield line, field, f"{path}.{field}", driver, kind if isinstance(kind, str) else "", field


def split_ranges(
    data: dict, check: Check, read_month: MonthReader, linked: dict | None = None
) -> tuple[dict, list[Range], list[Problem]]:
    """Raw data with every range replaced by its deterministic value; the ranges; the problems found.

    `linked`: month fields tied to an assumption (assumptions.date_spans), checked for end before start.
    """
    linked = linked or {}
    if not any(is_range(holder.get(key)) for holder, key, *_ in positions(data)):
        return data, [], _overlapping_dates(data, [], read_month, linked) if linked else []
    data = copy.deepcopy(data)
    ranges, problems = [], []
    for holder, key, where, driver, owner, field in positions(data):
        raw = holder.get(key)
        if not is_range(raw):
            continue
        months = field in LINE_MONTHS
        found, trouble = read_range(raw, where, driver, owner, field, months, check, read_month)
        problems += trouble
        if found is None:
            holder.pop(key)  # reported above; the rest of the file is still checked
            continue
        holder[key] = found.file_value()
        if driver:
            ranges.append(found)
    return data, ranges, problems + _overlapping_dates(data, ranges, read_month, linked)


def _overlapping_dates(data: dict, ranges: list[Range], read_month: MonthReader, linked: dict) -> list[Problem]:
    """A line whose end could be drawn before its start: every draw must end at or after it starts.

    `linked` gives the month fields that refer to an assumption: where → (earliest, latest, name, offset);
    a start and an end tied to the same assumption keep their distance in every draw.
    """
    spans = {r.where: (r.low, r.high, None, 0) for r in ranges if r.months} | linked
    problems = []
    for holder, key, where, *_ in positions(data):
        start_where = where.removesuffix(".end") + ".start"
        if key != "end" or where not in spans and start_where not in spans:
            continue
        try:
            start = spans.get(start_where) or _fixed(read_month(holder.get("start", data.get("start"))))
            end = spans.get(where) or (_fixed(read_month(holder["end"])) if "end" in holder else None)
        except ValueError:
            continue
        if end is None:
            continue
        fixed = start[0] == start[1] and end[0] == end[1]
        if fixed or start[2] is not None and start[2] == end[2]:
            continue  # the same in every draw: checks.end_before_start reports it
        if end[0] < start[1]:
            problems.append(
                Problem(
                    where,
                    f"slutt kan bli trukket før start ({month_text(end[0])} før "
                    f"{month_text(start[1])}); la intervallene ikke overlappe",
                )
            )
    return problems


def _fixed(month: int) -> tuple:
    return (month, month, None, 0)


def read_range(raw: dict, where, driver, owner, field, months, check: Check, read_month: MonthReader):
    unknown = [k for k in raw if k not in KEYS]
    if unknown or "low" not in raw or "high" not in raw:
        detail = f"ukjent nøkkel {', '.join(map(str, unknown))}; " if unknown else ""
        return None, [
            Problem(where, f"{detail}et intervall skrives {{low: …, mode: …, high: …}} eller {{low: …, high: …}}")
        ]
    problems, bounds = [], {}
    for key in ("low", "mode", "high"):
        if key not in raw:
            continue
        value = raw[key]
        if months:
            try:
                bounds[key] = read_month(value)
            except ValueError as exc:
                problems.append(Problem(f"{where}.{key}", str(exc)))
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            problems.append(Problem(f"{where}.{key}", f"må være et endelig tall, fikk {value!r}"[:120]))
            continue
        messages = check(owner, field, value)
        problems += [Problem(f"{where}.{key}", m) for m in messages]
        bounds[key] = value
    dist = raw.get("dist", "pert" if "mode" in raw else "uniform")
    if dist not in DISTRIBUTIONS:
        problems.append(Problem(f"{where}.dist", f"ukjent fordeling {dist!r}; bruk {', '.join(DISTRIBUTIONS)}"))
    elif dist == "uniform" and "mode" in raw:
        problems.append(Problem(f"{where}.dist", "uniform har ingen mode; fjern mode eller velg pert/triangular"))
    elif dist != "uniform" and "mode" not in raw:
        problems.append(Problem(f"{where}.mode", f"{dist} trenger mode (mest sannsynlige verdi)"))
    if problems:
        return None, problems
    low, high, mode = bounds["low"], bounds["high"], bounds.get("mode")
    show = month_text if months else fmt.decimal
    if low > high:
        return None, [Problem(where, f"low ({show(low)}) er større enn high ({show(high)})")]
    if mode is not None and not low <= mode <= high:
        return None, [Problem(f"{where}.mode", f"mode ({show(mode)}) ligger utenfor [{show(low)}, {show(high)}]")]
    return Range(driver, where, low, mode, high, dist, months), []


def insert_ranges(data: dict, ranges) -> dict:
    """Scenario data with each range written back where it stood (the inverse of split_ranges)."""
    for r in ranges:
        if r.driver.startswith("assumptions."):
            continue  # written with its assumption
        holder, key = locate(data, r.where)
        if isinstance(holder, dict):
            holder[key] = r.spec()
    return data


def locate(data: dict, where: str) -> tuple[Any, Any]:
    """The mapping that holds the field at a file path (`alternatives[0].lines[1].fte`) and its key."""
    holder, key = data, None
    for token in re.findall(r"[^.\[\]]+", where):
        if key is not None:
            holder = holder[int(key)] if isinstance(holder, list) else _get(holder, key)
        key = token
    if isinstance(holder, dict) and key not in holder and key.isdigit() and int(key) in holder:
        key = int(key)
    return holder, key


def _get(holder: dict, key: str):
    return holder[key] if key in holder else holder[int(key)]
