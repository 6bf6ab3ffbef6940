"""From data and files to a validated scenario, and back: every problem found, with its field path.

`parse_scenario` writes each named assumption's value where it is referred to (assumptions.py),
takes the ranges out (ranges.py), validates the fields (models.py) beside the
whole-scenario checks (checks.py) and reports every problem at once in Norwegian (messages.py),
sorted in file order.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from costmodel.errors import Problem, ScenarioError
from costmodel.scenario.assumptions import date_spans, split_assumptions
from costmodel.scenario.checks import MODEL_CHECKS, RAW_CHECKS
from costmodel.scenario.fields import GrowthRate, NonNegative, check_month
from costmodel.scenario.limits import size_problems
from costmodel.scenario.messages import translate_errors
from costmodel.scenario.models import LINE_MODELS, Capacity, Need, Scenario, StaffParameters, month_index
from costmodel.scenario.ranges import insert_ranges, locate, split_ranges
from costmodel.yamlsafe import load_yaml


def parse_scenario(data: Any) -> Scenario:
    """Validate plain data (as loaded from YAML) into a Scenario, or raise ScenarioError with every problem."""
    if not isinstance(data, dict):
        kind = "en liste" if isinstance(data, list) else f"en enkelt verdi ({data!r})"[:80]
        raise ScenarioError(Problem("", f"filen må være en samling felt (name:, start:, months:, …), ikke {kind}"))
    too_big = size_problems(data)  # before any other work: a huge file is refused at once
    if too_big:
        raise ScenarioError(too_big)
    data, assumptions, references, ref_problems = split_assumptions(data, _check_bound, _month_number)
    linked = date_spans(assumptions, references)
    data, ranges, range_problems = split_ranges(data, _check_bound, _month_number, linked)
    range_problems += ref_problems
    problems = [p for check in RAW_CHECKS for p in check(data)] + range_problems
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        field_problems = [p for p in translate_errors(exc) if not _within(p.path, range_problems)]
        raise ScenarioError(_in_file_order(field_problems + problems)) from None
    problems += [p for check in MODEL_CHECKS for p in check(scenario)]
    if problems:
        raise ScenarioError(_in_file_order(problems))
    scenario._assumptions = assumptions
    scenario._references = references
    used = {r.name for r in references}  # an assumption no field uses moves nothing: it is no driver
    scenario._ranges = {a.driver: a.range for a in assumptions.values() if a.range and a.name in used}
    scenario._ranges |= {r.driver: r for r in ranges}
    return scenario


def _within(path: str, problems: list[Problem]) -> bool:
    """Whether `path` is a field whose range was already reported (its value was left out)."""
    return any(p.path == path or p.path.startswith(path + ".") for p in problems)


def _month_number(value: Any) -> int:
    return month_index(check_month(value))


@cache
def _adapter(owner: str, field: str) -> TypeAdapter | None:
    if owner == "growth":
        return TypeAdapter(GrowthRate)
    if owner == "need" and field in ("fte", "cases"):
        return TypeAdapter(NonNegative)
    model = {
        "parameters": StaffParameters,
        "scenario": Scenario,
        "capacity": Capacity,
        "need": Need,
        **LINE_MODELS,
    }.get(owner)
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
    ordered = sorted(problems, key=lambda p: (order.get(re.split(r"[.\[]", p.path)[0], -1), _split(p.path)))
    if len(ordered) <= MAX_LISTED:
        return ordered
    rest = len(ordered) - MAX_LISTED  # a file with thousands of mistakes: the first ones, and how many more
    return ordered[:MAX_LISTED] + [Problem("", f"… og {rest} feil til av samme slag; rett disse først")]


MAX_LISTED = 30


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
    data = insert_ranges(data, scenario.ranges.values())
    for ref in scenario.references:
        holder, key = locate(data, ref.where)
        holder[key] = ref.spec()
    if scenario.assumptions:
        data = {"assumptions": {name: a.spec() for name, a in scenario.assumptions.items()}, **data}
    return data
