"""Whole-scenario checks: each a small named function that returns the problems it finds.

`RAW_CHECKS` run on the raw data beside pydantic's field checks, so a file with a bad number and
a duplicate id gets both reported at once; `MODEL_CHECKS` run on the validated scenario.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import ValidationError

from costmodel import formatting as fmt
from costmodel.errors import Problem
from costmodel.scenario.fields import check_month
from costmodel.scenario.messages import translate_errors
from costmodel.scenario.models import (
    LINE_KINDS,
    LINE_MODELS,
    LineBase,
    Scenario,
    growth_years,
    line_series,
    month_index,
    month_label,
    used_series,
)

RESERVED_IDS = (
    "common",
    "parameters",
    "growth",
    "assumptions",
    "capacity",
)  # driver paths begin with these (whatif.py)


def _alternatives(data: dict) -> list:
    alternatives = data.get("alternatives")
    return alternatives if isinstance(alternatives, list) else []


def _alternative_ids(data: dict) -> list:
    return [a.get("id") if isinstance(a, dict) else None for a in _alternatives(data)]


def _raw_lines(data: dict) -> Iterator[tuple[str, str, dict]]:
    """(path, owner, line mapping) for every line in raw data; owner is `common` or `alternatives[i]`."""
    common = data.get("common")
    for j, line in enumerate(common if isinstance(common, list) else []):
        if isinstance(line, dict):
            yield f"common[{j}]", "common", line
    for i, alt in enumerate(_alternatives(data)):
        lines = alt.get("lines") if isinstance(alt, dict) else None
        for j, line in enumerate(lines if isinstance(lines, list) else []):
            if isinstance(line, dict):
                yield f"alternatives[{i}].lines[{j}]", f"alternatives[{i}]", line


def _month_or_none(value: Any) -> int | None:
    try:
        return month_index(check_month(value))
    except ValueError:
        return None


def duplicate_alternatives(data: dict) -> list[Problem]:
    ids = _alternative_ids(data)
    return [
        Problem(f"alternatives[{i}].id", f"alternativet «{alt_id}» finnes allerede")
        for i, alt_id in enumerate(ids)
        if isinstance(alt_id, str) and ids.index(alt_id) != i
    ]


def reserved_ids(data: dict) -> list[Problem]:
    return [
        Problem(f"alternatives[{i}].id", f"«{alt_id}» er reservert (brukes i drivernavn); velg en annen id")
        for i, alt_id in enumerate(_alternative_ids(data))
        if alt_id in RESERVED_IDS
    ]


def unknown_baseline(data: dict) -> list[Problem]:
    baseline = data.get("baseline")
    valid = [a for a in _alternative_ids(data) if isinstance(a, str)]
    if isinstance(baseline, str) and valid and baseline not in valid:
        return [
            Problem("baseline", f"«{baseline}» er ikke et alternativ; velg ett av {', '.join(dict.fromkeys(valid))}")
        ]
    return []


def duplicate_line_ids(data: dict) -> list[Problem]:
    """A line id is unique in its alternative, common lines included (they are in every alternative)."""
    common_ids: list = []
    seen: dict[str, list] = {}
    problems = []
    for path, owner, line in _raw_lines(data):
        ids = seen.setdefault(owner, common_ids if owner == "common" else list(common_ids))
        line_id = line.get("id")
        if isinstance(line_id, str):
            if line_id in ids:
                where = "i common" if line_id in common_ids and owner != "common" else "i samme alternativ"
                problems.append(Problem(f"{path}.id", f"linje-id «{line_id}» er brukt før {where}"))
            ids.append(line_id)
    return problems


def end_before_start(data: dict) -> list[Problem]:
    problems = []
    for path, _, line in _raw_lines(data):
        start = _month_or_none(line.get("start", data.get("start")))
        end = _month_or_none(line["end"]) if "end" in line else None
        if start is not None and end is not None and end < start:
            problems.append(Problem(f"{path}.end", f"slutt {month_label(end)} er før start {month_label(start)}"))
    return problems


def closest_kind(kind: str) -> str | None:
    """The line kind a misspelt one most likely meant (`staf` → `staff`), or None."""
    close = difflib.get_close_matches(kind.strip().lower(), LINE_KINDS, n=1, cutoff=0.6)
    return close[0] if close else None


def lines_of_unknown_kind(data: dict) -> list[Problem]:
    """A line whose kind is unknown still gets its other problems reported: checked as the kind it most likely
    meant, or, when none is close, on the fields every line has."""
    problems = []
    for path, _, line in _raw_lines(data):
        kind = line.get("kind")
        if not isinstance(kind, str) or kind in LINE_KINDS:
            continue
        guess = closest_kind(kind)
        model = LINE_MODELS[guess] if guess else LineBase
        fields = {**line, "kind": guess} if guess else {k: v for k, v in line.items() if k in LineBase.model_fields}
        try:
            model.model_validate(fields)
        except ValidationError as exc:
            problems += [
                Problem(f"{path}.{p.path}" if p.path else path, p.message) for p in translate_errors(exc, model)
            ]
    return problems


def missing_growth(s: Scenario) -> list[Problem]:
    """A scenario in løpende priser needs a growth rate for every year from the price basis to its end: for each
    series a line follows, and always for `prices`, which deflates the present value (docs/method.md §4)."""
    if s.prices != "nominal":
        return []
    problems = []
    for name in sorted(used_series(s)):
        series = s.growth.series(name)
        missing = [] if "default" in series else [y for y in growth_years(s) if y not in series]
        if missing:
            years = ", ".join(map(str, missing))
            them = "dem" if len(missing) > 1 else "det"
            why = "" if name in line_series(s) else " for å regne nåverdien i faste kroner"
            problems.append(
                Problem(
                    f"growth.{name}",
                    f"løpende priser trenger vekst for {years}{why}, men serien mangler {them} og har ingen default",
                )
            )
    return problems


def cover_line_id(data: dict) -> list[Problem]:
    """With `cover: consultant` the engine adds a line `dekning` to every alternative: no line may have that id."""
    capacity = data.get("capacity")
    if not isinstance(capacity, dict) or capacity.get("cover") != "consultant":
        return []
    return [
        Problem(
            f"{path}.id", "id-en «dekning» er reservert for innleie til dekning av kapasitetsbehovet; velg en annen"
        )
        for path, _, line in _raw_lines(data)
        if line.get("id") == "dekning"
    ]


RAW_CHECKS: list[Callable[[dict], list[Problem]]] = [
    cover_line_id,
    duplicate_alternatives,
    reserved_ids,
    unknown_baseline,
    duplicate_line_ids,
    end_before_start,
    lines_of_unknown_kind,
]
MODEL_CHECKS: list[Callable[[Scenario], list[Problem]]] = [missing_growth]


# --- warnings: valid, but probably not what was meant ------------------------------------------------


def lines_outside_horizon(s: Scenario) -> list[Problem]:
    """A line that never runs within the horizon costs nothing there: almost always a typo in a month."""
    first, last = s.start_index, s.start_index + s.months - 1
    span = f"{fmt.month_short(month_label(first))} – {fmt.month_short(month_label(last))}"
    owners = [("common", "felles linjer", s.common)]
    owners += [(f"alternatives[{i}]", a.name, a.lines) for i, a in enumerate(s.alternatives)]
    problems = []
    for prefix, owner, lines in owners:
        for j, line in enumerate(lines):
            path = f"{prefix}.lines[{j}]" if prefix != "common" else f"common[{j}]"
            start = month_index(line.start) if line.start else first
            end = month_index(line.end) if line.end else None
            where = f"«{line.label}» ({owner})"
            if line.kind == "one_off" and not first <= start <= last:
                problems.append(
                    Problem(
                        f"{path}.start",
                        f"{where} er et engangsbeløp i {fmt.month_short(month_label(start))}, utenfor perioden {span}; "
                        "det er ikke med i noen tall",
                    )
                )
            elif line.kind != "one_off" and (start > last or (end is not None and end < first)):
                when = f"starter {fmt.month_short(month_label(start if start > last else end))}"
                when = when if start > last else when.replace("starter", "slutter")
                problems.append(
                    Problem(
                        f"{path}.{'start' if start > last else 'end'}",
                        f"{where} {when}, utenfor perioden {span}; linjen koster ingenting i beregningen",
                    )
                )
    return problems


WARNING_CHECKS: list[Callable[[Scenario], list[Problem]]] = [lines_outside_horizon]


def scenario_warnings(s: Scenario) -> list[Problem]:
    """What is valid but probably not meant (a line that never runs), each with its field path, in Norwegian."""
    return [p for check in WARNING_CHECKS for p in check(s)]
