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
    HOUR,
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


def _mappings(data: dict, key: str) -> list[tuple[int, dict]]:
    items = data.get(key)
    return [(k, item) for k, item in enumerate(items if isinstance(items, list) else []) if isinstance(item, dict)]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def partner_problems(data: dict) -> list[Problem]:
    """Partners: unique ids, all by share or all by basis, shares summing to 100 %; a line's `partner` known."""
    partners = _mappings(data, "partners")
    problems = []
    ids = [p.get("id") for _, p in partners]
    for k, partner in partners:
        if isinstance(partner.get("id"), str) and ids.index(partner["id"]) != k:
            problems.append(Problem(f"partners[{k}].id", f"kommunen «{partner['id']}» finnes allerede"))
    by_share = [k for k, p in partners if p.get("share") is not None]
    by_basis = [k for k, p in partners if p.get("basis") is not None]
    if by_share and by_basis:
        k = max(by_share[0], by_basis[0])
        problems.append(Problem(f"partners[{k}]", "alle kommunene må ha share (andel), eller alle basis (grunnlag)"))
    shares = [p.get("share") for _, p in partners]
    if by_share and not by_basis and all(_number(v) for v in shares) and abs(sum(shares) - 1) > 1e-9:
        problems.append(Problem("partners", f"andelene summerer til {fmt.percent(sum(shares))}, ikke 100 %"))
    known = [i for i in ids if isinstance(i, str)]
    for path, _, line in _raw_lines(data):
        partner = line.get("partner")
        if partner is None:
            continue
        if not known:
            problems.append(Problem(f"{path}.partner", "partner brukes bare når scenariet har samarbeidskommuner"))
        elif partner not in known:
            hint = difflib.get_close_matches(str(partner), known, n=1)
            also = f" (mente du «{hint[0]}»?)" if hint else f"; velg en av {', '.join(known)}"
            problems.append(Problem(f"{path}.partner", f"ukjent kommune «{partner}»{also}"))
    return problems


def effect_problems(data: dict) -> list[Problem]:
    """Effects: unique ids; judged for every alternative but the nullalternativ (which is 0), and for no other."""
    alternatives = [a for a in _alternative_ids(data) if isinstance(a, str)]
    baseline = data.get("baseline")
    problems = []
    effects = _mappings(data, "effects")
    ids = [e.get("id") for _, e in effects]
    for k, effect in effects:
        where = f"effects[{k}]"
        if isinstance(effect.get("id"), str) and ids.index(effect["id"]) != k:
            problems.append(Problem(f"{where}.id", f"virkningen «{effect['id']}» finnes allerede"))
        impact = effect.get("impact")
        if not isinstance(impact, dict):
            continue
        for alt in impact:
            if alt not in alternatives:
                hint = difflib.get_close_matches(str(alt), alternatives, n=1)
                also = f" (mente du «{hint[0]}»?)" if hint else ""
                problems.append(Problem(f"{where}.impact.{alt}", f"«{alt}» er ikke et alternativ{also}"))
        missing = [a for a in alternatives if a not in impact and a != baseline]
        if missing:
            them = ", ".join(f"«{a}»" for a in missing)
            problems.append(Problem(f"{where}.impact", f"mangler vurdering for {them} (--, -, 0, + eller ++)"))
        if baseline in impact and str(impact[baseline]).strip() not in ("0", "0.0"):
            problems.append(
                Problem(f"{where}.impact.{baseline}", "nullalternativet er sammenligningsgrunnlaget; omfanget er 0")
            )
    return problems


def follow_up_problems(data: dict) -> list[Problem]:
    """The follow-up names an alternative of the scenario, and each account mapping a line of it (format 1.3)."""
    follow = data.get("follow_up")
    if not isinstance(follow, dict) or not isinstance(follow.get("alternative"), str):
        return []
    ids = [a for a in _alternative_ids(data) if isinstance(a, str)]
    chosen = follow["alternative"]
    if chosen not in ids:
        hint = difflib.get_close_matches(chosen, ids, n=1)
        also = f" (mente du «{hint[0]}»?)" if hint else f"; velg ett av {', '.join(ids)}"
        return [Problem("follow_up.alternative", f"«{chosen}» er ikke et alternativ{also}")]
    lines = [
        line.get("id")
        for path, owner, line in _raw_lines(data)
        if owner == "common" or owner == f"alternatives[{ids.index(chosen)}]"
    ]
    problems = []
    for k, mapping in _mappings(follow, "accounts"):
        line = mapping.get("line")
        if isinstance(line, str) and line not in lines:
            problems.append(Problem(f"follow_up.accounts[{k}].line", f"«{line}» er ikke en linje i «{chosen}»"))
    return problems


RAW_CHECKS: list[Callable[[dict], list[Problem]]] = [
    follow_up_problems,
    partner_problems,
    effect_problems,
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


def _lines_with_paths(s: Scenario) -> Iterator[tuple[str, str, Any]]:
    """(field path, owner's name, line) for every line: the common ones, then each alternative's."""
    for j, line in enumerate(s.common):
        yield f"common[{j}]", "felles linjer", line
    for i, a in enumerate(s.alternatives):
        for j, line in enumerate(a.lines):
            yield f"alternatives[{i}].lines[{j}]", a.name, line


def silent_purchases(s: Scenario) -> list[Problem]:
    """Under a capacity need, a purchase that says neither its hours (`unit: hour`) nor `fte_equivalent` delivers
    nothing, so the need it meets would be bought again as cover (contract 1.3; docs/method.md §13)."""
    if s.capacity is None:
        return []
    return [
        Problem(
            f"{path}.fte_equivalent",
            f"«{line.label}» ({owner}) er et kjøp som ikke sier hva det leverer; det teller derfor ikke i "
            "kapasitetsbehovet, og behovet det dekker kjøpes på nytt som dekning. Oppgi årsverk levert, eller "
            "enhet timer, eller sett «teller i kapasiteten» til nei hvis kjøpet ikke dekker behovet",
        )
        for path, owner, line in _lines_with_paths(s)
        if line.kind == "purchase" and line.capacity and not line.delivers_capacity()
    ]


def hours_without_units(s: Scenario) -> list[Problem]:
    """`unit: hour` on a purchase priced by an annual amount: there are no hours to turn into årsverk."""
    return [
        Problem(
            f"{path}.unit",
            f"«{line.label}» ({owner}) har enhet timer, men er gitt som årsbeløp; timene kan ikke regnes om til "
            "årsverk. Oppgi enheter per måned og enhetspris, eller årsverk levert",
        )
        for path, owner, line in _lines_with_paths(s)
        if line.kind == "purchase"
        and line.unit == HOUR
        and line.units_per_month is None
        and line.fte_equivalent is None
    ]


def unused_assumptions(s: Scenario) -> list[Problem]:
    """A named assumption no field refers to moves no figure: it is not a driver of the uncertainty either."""
    return [
        Problem(
            f"assumptions.{name}",
            f"forutsetningen «{a.label}» brukes ikke i noe felt og påvirker ingen tall (heller ikke usikkerheten); "
            "la feltene som skal følge den, vise til den, eller fjern den",
        )
        for name, a in s.assumptions.items()
        if not s.referring(name)
    ]


WARNING_CHECKS: list[Callable[[Scenario], list[Problem]]] = [
    unused_assumptions,
    lines_outside_horizon,
    silent_purchases,
    hours_without_units,
]


def scenario_warnings(s: Scenario) -> list[Problem]:
    """What is valid but probably not meant (a line that never runs), each with its field path, in Norwegian."""
    return [p for check in WARNING_CHECKS for p in check(s)]
