"""Named assumptions: one value or range that several fields share, written `{ref: NAME, plus_months: n}`.

`split_assumptions` takes the `assumptions:` block out of raw data and writes each reference's value
in its place (a month moved by `plus_months`), so every figure without simulation is what the file
gives with the numbers written in place. The assumptions and references travel with the scenario;
`field_values` turns driver values of `assumptions.NAME` into values of the fields that refer to it,
which is how what-ifs, draws, tornado, goal seek and the grid move linked fields together
(docs/method.md §12).
"""

from __future__ import annotations

import copy
import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from costmodel.errors import Problem
from costmodel.scenario.ranges import LINE_MONTHS, Check, MonthReader, Range, month_text, positions, read_range

PREFIX = "assumptions."
KEYS = ("value", "label", "low", "mode", "high", "dist")
REF_KEYS = ("ref", "plus_months")
MAX_OFFSET = 1200


@dataclass(frozen=True)
class Assumption:
    """One named value (months as month numbers), ranged or not."""

    name: str
    label: str
    value: float
    months: bool
    range: Range | None = None

    @property
    def driver(self) -> str:
        return PREFIX + self.name

    def file_value(self) -> Any:
        return month_text(self.value) if self.months else self.value

    def spec(self) -> dict:
        """The assumption as written in a scenario file."""
        body = self.range.spec() if self.range else {"value": self.file_value()}
        return {**body, "label": self.label}


@dataclass(frozen=True)
class Reference:
    """A field that takes an assumption's value (plus `plus_months` for a month)."""

    name: str
    plus_months: int
    where: str  # the field path in the file: alternatives[1].lines[0].start
    driver: str  # the field's driver path: plan.team.start ("" when the line has no id yet)

    def spec(self) -> dict:
        return {"ref": self.name, **({"plus_months": self.plus_months} if self.plus_months else {})}

    def value(self, assumption: Assumption) -> Any:
        """The value written in place of the reference."""
        if assumption.months:
            return month_text(assumption.value + self.plus_months)
        return assumption.value


def is_reference(value: Any) -> bool:
    return isinstance(value, dict) and "ref" in value


def is_assumption(path: str) -> bool:
    return path.startswith(PREFIX)


def split_assumptions(
    data: dict, check: Check, read_month: MonthReader
) -> tuple[dict, dict[str, Assumption], list[Reference], list[Problem]]:
    """Raw data with each reference replaced by its value; the assumptions; the references; the problems."""
    places = [p for p in positions(data) if is_reference(p[0].get(p[1]))]
    if "assumptions" not in data and not places:
        return data, {}, [], []
    data = copy.deepcopy(data)
    block = data.pop("assumptions", None)
    assumptions, problems, broken = _read_block(block, read_month)
    references = []
    for holder, key, where, driver, owner, field in positions(data):
        raw = holder.get(key)
        if not is_reference(raw):
            continue
        month_field = field in LINE_MONTHS
        found, trouble = _read_reference(raw, where, driver, month_field, assumptions, broken)
        problems += trouble
        if found is None:  # reported above, or with its assumption: a stand-in keeps other checks quiet
            if month_field:
                holder.pop(key)
            else:
                holder[key] = 1.0
            continue
        a = assumptions[found.name]
        holder[key] = found.value(a)
        problems += _check_bounds(a, found, owner, field, check)
        references.append(found)
    return data, assumptions, references, problems + _stray_references(data)


def _read_block(block: Any, read_month: MonthReader) -> tuple[dict[str, Assumption], list[Problem], set]:
    """The assumptions of the block, the problems in it, and the names that are there but broken."""
    if block is None:
        return {}, [], set()
    if not isinstance(block, dict):
        return {}, [Problem("assumptions", "skriv forutsetningene som NAVN: {value: …, label: …}")], set()
    out, problems, broken = {}, [], set()
    for name, spec in block.items():
        where = f"assumptions.{name}"
        broken.add(name)
        if not isinstance(name, str) or not name.strip() or "." in name or name != name.strip():
            problems.append(Problem(where, f"«{name}» kan ikke brukes som navn: ingen punktum, ikke tom"))
            continue
        if not isinstance(spec, dict):
            problems.append(Problem(where, "skriv {value: …, label: …} eller {low: …, mode: …, high: …, label: …}"))
            continue
        found, trouble = _read_assumption(name, spec, where, read_month)
        problems += trouble
        if found is not None:
            out[name] = found
            broken.discard(name)
    return out, problems, broken


def _read_assumption(name: str, spec: dict, where: str, read_month: MonthReader):
    if "ref" in spec or any(is_reference(v) for v in spec.values()):
        return None, [Problem(where, "en forutsetning kan ikke vise til en annen forutsetning; skriv verdien")]
    unknown = [k for k in spec if k not in KEYS]
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), KEYS, n=1, cutoff=0.6)
        hint = f": mente du `{close[0]}`?" if close else f"; gyldige felt er {', '.join(KEYS)}"
        return None, [Problem(f"{where}.{unknown[0]}", f"ukjent felt `{unknown[0]}`{hint}")]
    label = spec.get("label", name)
    if not isinstance(label, str) or not label.strip() or len(label) > 300:
        return None, [Problem(f"{where}.label", "skriv en tekst (høyst 300 tegn)")]
    ranged = "low" in spec or "high" in spec or "mode" in spec or "dist" in spec
    if ranged == ("value" in spec):
        what = "både value og et intervall" if ranged else "verken value eller et intervall"
        return None, [Problem(where, f"har {what}; oppgi enten value eller {{low, mode, high}}")]
    first = spec["low"] if ranged and "low" in spec else spec.get("value")
    months = isinstance(first, (str, date))
    if ranged:
        body = {k: v for k, v in spec.items() if k != "label"}
        found, problems = read_range(body, where, PREFIX + name, "", "", months, lambda *_: [], read_month)
        if found is None:
            return None, problems
        return Assumption(name, label.strip(), found.value, months, found), []
    value = spec["value"]
    if months:
        try:
            return Assumption(name, label.strip(), read_month(value), True), []
        except ValueError as exc:
            return None, [Problem(f"{where}.value", str(exc))]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None, [
            Problem(f"{where}.value", f"må være et endelig tall eller en måned ÅÅÅÅ-MM, fikk {value!r}"[:120])
        ]
    return Assumption(name, label.strip(), value, False), []


def _read_reference(raw: dict, where: str, driver: str, month_field: bool, assumptions: dict, broken: set):
    unknown = [k for k in raw if k not in REF_KEYS]
    if unknown:
        return None, [
            Problem(where, f"ukjent nøkkel {unknown[0]}; skriv {{ref: NAVN}} eller {{ref: NAVN, plus_months: n}}")
        ]
    name = raw["ref"]
    if name in broken:
        return None, []
    if not isinstance(name, str) or name not in assumptions:
        known = list(assumptions)
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f": mente du «{close[0]}»?" if close else f"; kjente forutsetninger: {', '.join(known) or 'ingen'}"
        what = "en måned (ÅÅÅÅ-MM)" if month_field else "et tall"
        return None, [Problem(where, f"«{name}» er verken {what} eller en kjent forutsetning{hint}")]
    a = assumptions[name]
    if a.months and not month_field:
        return None, [Problem(where, f"«{a.label}» er en måned og kan ikke stå i et tallfelt")]
    if month_field and not a.months:
        return None, [Problem(where, f"«{a.label}» er et tall; start og slutt trenger en måned")]
    plus = raw.get("plus_months", 0)
    if "plus_months" in raw and not a.months:
        return None, [Problem(f"{where}.plus_months", "plus_months kan bare brukes med måneder (start og slutt)")]
    if isinstance(plus, bool) or not isinstance(plus, int) or abs(plus) > MAX_OFFSET:
        return None, [
            Problem(f"{where}.plus_months", f"må være et helt antall måneder (høyst {MAX_OFFSET}), fikk {plus!r}")
        ]
    return Reference(name, plus, where, driver), []


def _check_bounds(a: Assumption, ref: Reference, owner: str, field: str, check: Check) -> list[Problem]:
    """A ranged number assumption must suit every field it stands in, at both ends of its range."""
    if a.range is None or a.months:
        return []
    problems = []
    for bound in (a.range.low, a.range.high):
        problems += [Problem(ref.where, f"«{a.label}» kan bli {bound:g} her: {m}") for m in check(owner, field, bound)]
    return problems[:1]


def _stray_references(data: Any, path: str = "") -> list[Problem]:
    """References where none may stand (a name, a count of months, …)."""
    if is_reference(data):
        return [
            Problem(path, "en forutsetning kan bare stå i tall- og månedsfelt på linjer, parametre, rente og vekst")
        ]
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _stray_references(v, f"{path}.{k}" if path else str(k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _stray_references(v, f"{path}[{i}]")]
    return []


def date_spans(assumptions: dict[str, Assumption], references: list[Reference]) -> dict[str, tuple]:
    """For each month field that refers to an assumption: (earliest, latest, name, plus_months)."""
    out = {}
    for ref in references:
        a = assumptions[ref.name]
        if a.months:
            low, high = (a.range.low, a.range.high) if a.range else (a.value, a.value)
            out[ref.where] = (low + ref.plus_months, high + ref.plus_months, ref.name, ref.plus_months)
    return out


def field_values(
    assumptions: Mapping[str, Assumption], references: list[Reference], values: Mapping[str, Any]
) -> dict[str, Any]:
    """Driver values with each `assumptions.NAME` passed on to the fields that refer to it (offsets kept).

    Values may be numbers or arrays over draws; months are month numbers.
    """
    if not any(is_assumption(path) for path in values):
        return dict(values)
    out = {path: v for path, v in values.items() if not is_assumption(path)}
    for ref in references:
        value = values.get(PREFIX + ref.name)
        if value is not None:
            out[ref.driver] = value + ref.plus_months  # a month, or an array of months over draws
    return out
