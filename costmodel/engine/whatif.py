"""What-if changes: named driver values applied to a scenario, giving a new validated scenario.

A driver path names one value in a scenario: `ALTERNATIVE.LINE.FIELD` (`plan.kjop.fte`),
`common.LINE.FIELD`, `parameters.FIELD`, a named assumption (`assumptions.timepris`, which moves
every field that refers to it), or a scenario field (`months`, `prices`, `discount_rate`,
`growth.wages.default`). A field that refers to an assumption is not a driver of its own. A
what-if is a mapping from paths to values; the scenario file itself is never changed.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from costmodel import formatting as fmt
from costmodel.errors import Problem, ScenarioError
from costmodel.parameters import load_reference
from costmodel.scenario import (
    LINE_MODELS,
    Capacity,
    FieldMeta,
    Growth,
    Need,
    Scenario,
    StaffParameters,
    field_meta,
    model_fields,
    parse_scenario,
    scenario_to_data,
)
from costmodel.scenario.assumptions import is_assumption, is_reference
from costmodel.yamlsafe import load_yaml

SCENARIO_FIELDS = ("months", "prices", "discount_rate", "price_basis")
GROWTH_FIELDS = ("growth.wages.default", "growth.prices.default")


def path_field(path: str, scenario: Scenario | None = None) -> FieldMeta | None:
    """The declared metadata of the field a driver path names (models.py), or None when it names none.

    A named assumption takes the metadata of the first field that refers to it (its unit and steps).
    """
    parts = path.split(".")
    if is_assumption(path):
        refs = scenario.referring(parts[1]) if scenario is not None and len(parts) == 2 else []
        return path_field(refs[0].driver, scenario) if refs else None
    if path in SCENARIO_FIELDS:
        return field_meta(Scenario, path)
    if parts[0] == "capacity" and len(parts) >= 2:
        return (
            model_fields(Need).get(parts[2])
            if parts[1] == "need" and len(parts) >= 3
            else model_fields(Capacity).get(parts[1])
        )
    if parts[0] == "growth" and len(parts) == 3:
        return model_fields(Growth).get(parts[1])
    if parts[0] == "parameters" and len(parts) == 2:
        return model_fields(StaffParameters).get(parts[1])
    if len(parts) == 3:
        line = _line(scenario, parts[0], parts[1]) if scenario is not None else None
        if line is not None:
            return model_fields(type(line)).get(parts[2])
        return next((model_fields(m)[parts[2]] for m in LINE_MODELS.values() if parts[2] in m.model_fields), None)
    return None


def label(path: str, scenario: Scenario | None = None) -> str:
    """A driver's field in Norwegian: `årsverk`, `kalkulasjonsrente`, `lønnsvekst` (`lønnsvekst 2021` for a year)."""
    if is_assumption(path):
        found = scenario.assumptions.get(path.split(".", 1)[1]) if scenario is not None else None
        return found.label if found else path.split(".", 1)[1]
    meta = path_field(path, scenario)
    text = meta.label if meta else path.rsplit(".", 1)[-1]
    if _growth_year(path):
        return f"{text} {path.split('.')[2]}"
    if path.startswith("capacity.need.") and len(path.split(".")) == 4:
        year = path.split(".")[3]
        need = scenario.capacity.need if scenario is not None and scenario.capacity is not None else None
        only = need is not None and list(getattr(need, path.split(".")[2]) or {}) == ["default"]
        return f"{text} {year}" if year.isdigit() else text if only else f"{text}, øvrige år"
    return text


def _line(scenario: Scenario, owner: str, line_id: str):
    alternative = next((a for a in scenario.alternatives if a.id == owner), None)
    lines = scenario.common if owner == "common" else alternative.lines if alternative else []
    return next((line for line in lines if line.id == line_id), None)


def _find(items: list, ident: str, what: str, path: str) -> dict:
    for item in items:
        if isinstance(item, dict) and item.get("id") == ident:
            return item
    raise ScenarioError(Problem(path, f"finner ikke {what} «{ident}»"))


def container(data: dict, path: str) -> tuple[dict, str]:
    """The mapping in scenario data that holds the value `path` names, and the key in it."""
    parts = path.split(".")
    if path in SCENARIO_FIELDS:
        return data, path
    if parts[0] == "capacity":
        return _capacity_container(data, path)
    if is_assumption(path):
        block = data.get("assumptions")
        if len(parts) != 2 or not isinstance(block, dict) or parts[1] not in block:
            known = ", ".join(block) if isinstance(block, dict) else "ingen"
            raise ScenarioError(Problem(path, f"finner ikke forutsetningen «{parts[-1]}»; kjente: {known}"))
        return block, parts[1]
    if path in GROWTH_FIELDS or _growth_year(path):
        growth = data.get("growth")
        growth = growth if isinstance(growth, dict) else {}
        return growth.setdefault(parts[1], {}), "default" if path in GROWTH_FIELDS else int(parts[2])
    if len(parts) == 2 and parts[0] == "parameters":
        return data.setdefault("parameters", {}), parts[1]
    if len(parts) == 3 and parts[0] == "common":
        return _find(data.get("common", []), parts[1], "linjen", path), parts[2]
    if len(parts) == 3:
        alternative = _find(data.get("alternatives", []), parts[0], "alternativet", path)
        return _find(alternative.get("lines", []), parts[1], "linjen", path), parts[2]
    raise ScenarioError(
        Problem(path, "ukjent driver; bruk ALTERNATIV.LINJE.FELT, common.LINJE.FELT eller parameters.FELT")
    )


def _capacity_container(data: dict, path: str) -> tuple[dict, Any]:
    """`capacity.cover_price_per_fte`, `capacity.need.cases_per_fte`, `capacity.need.fte.2026` (or `.default`)."""
    parts = path.split(".")
    capacity = data.get("capacity")
    if not isinstance(capacity, dict):
        raise ScenarioError(Problem(path, "scenariet har ingen kapasitet (capacity:)"))
    if len(parts) == 2:
        return capacity, parts[1]
    need = capacity.get("need") if parts[1] == "need" else None
    if isinstance(need, dict) and len(parts) == 3:
        return need, parts[2]
    if isinstance(need, dict) and len(parts) == 4 and isinstance(need.get(parts[2]), dict):
        return need[parts[2]], int(parts[3]) if parts[3].isdigit() else parts[3]
    raise ScenarioError(Problem(path, "ukjent kapasitetsdriver; bruk f.eks. capacity.need.fte.2026"))


def _growth_year(path: str) -> bool:
    """`growth.wages.2021`: one year's rate in a growth series."""
    parts = path.split(".")
    return len(parts) == 3 and parts[0] == "growth" and parts[1] in ("wages", "prices") and parts[2].isdigit()


def value_at(scenario: Scenario, path: str) -> Any:
    """The value a driver path names in a scenario (None when it is not set)."""
    holder, key = container(copy.deepcopy(scenario_to_data(scenario)), path)
    return holder.get(key)


def effective_value(scenario: Scenario, path: str) -> Any:
    """The value in force for a driver path, defaults included (what a control should start at)."""
    parts = path.split(".")
    if path in SCENARIO_FIELDS:
        return scenario.basis_year if path == "price_basis" else getattr(scenario, path)
    if path in GROWTH_FIELDS:
        return scenario.growth.series(parts[1]).get("default")
    if is_assumption(path):
        value_at(scenario, path)  # raises when the assumption is unknown
        return scenario.assumptions[parts[1]].file_value()
    if parts[0] == "capacity" and len(parts) == 4 and scenario.capacity is not None:
        value_at(scenario, path)  # raises when the path names nothing
        series = getattr(scenario.capacity.need, parts[2]) or {}
        return series.get(int(parts[3]) if parts[3].isdigit() else parts[3], series.get("default"))
    if _growth_year(path):  # the year's own rate, else the series' default that it takes
        series = scenario.growth.series(parts[1])
        return series.get(int(parts[2]), series.get("default"))
    if parts[0] == "parameters":
        own = getattr(scenario.parameters, parts[1])
        return own if own is not None or parts[1] == "employer_tax_rate" else load_reference().default(parts[1])
    if len(parts) != 3:
        return value_at(scenario, path)  # raises: the path names nothing
    line = _line(scenario, parts[0], parts[1])
    if line is None or parts[2] not in type(line).model_fields:
        return value_at(scenario, path)  # raises, or None for a field this line cannot have
    if parts[2] == "start":
        return line.start or scenario.start
    return getattr(line, parts[2], None)


def apply(scenario: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """A new validated scenario with the driver values in `changes`; ScenarioError names what is wrong."""
    if not changes:
        return scenario
    data = copy.deepcopy(scenario_to_data(scenario))
    if any(path in GROWTH_FIELDS or _growth_year(path) for path in changes):
        # The series in force become inline ones first; a `default` what-if then sets the rate of the years
        # without one of their own, a year's what-if sets that year: nothing else in the series changes.
        data["growth"] = {name: dict(scenario.growth.series(name)) for name in ("wages", "prices")}
        for ref in scenario.references:  # a rate that follows a named assumption keeps following it
            if ref.driver.startswith("growth."):
                _, name, year = ref.driver.split(".")
                data["growth"][name][int(year) if year.isdigit() else year] = ref.spec()
    problems = []
    for path, value in changes.items():
        if path in GROWTH_FIELDS:
            series = data["growth"][path.split(".")[1]]
            if value is None:
                series.pop("default", None)
            else:
                series["default"] = value
            continue
        try:
            holder, key = container(data, path)
        except ScenarioError as exc:
            problems += exc.problems
            continue
        if is_assumption(path):
            if value is None:
                problems.append(Problem(path, "en forutsetning må ha en verdi"))
            else:  # a value (or a range) in place of what the file gives
                body = value if isinstance(value, dict) else {"value": value}
                holder[key] = {**body, "label": scenario.assumptions[key].label}
            continue
        if is_reference(holder.get(key)):
            try:
                check_own_driver(scenario, path)
            except ScenarioError as exc:
                problems += exc.problems
            continue
        if value is None:
            holder.pop(key, None)
        else:
            holder[key] = value
    if problems:
        raise ScenarioError(problems)
    return parse_scenario(data)


def check_own_driver(scenario: Scenario, path: str) -> None:
    """Raise ScenarioError when the field a path names follows a named assumption (not a driver of its own)."""
    ref = scenario.reference_at(path)
    if ref is not None:
        a = scenario.assumptions[ref.name]
        raise ScenarioError(
            Problem(path, f"{label(path, scenario)} følger forutsetningen «{a.label}»; bruk {a.driver} i stedet")
        )


def describe(scenario: Scenario, changes: Mapping[str, Any]) -> list[str]:
    """Each change in plain Norwegian: `Rådmannens forslag › Permanent oppbemanning: årsverk 4 → 5`."""
    out = []
    for path, value in changes.items():
        before = effective_value(scenario, path)
        before, after = show(path, before, scenario), show(path, value, scenario)
        out.append(f"{where(scenario, path)}{label(path, scenario)} {before} → {after}")
    return out


def where(scenario: Scenario, path: str) -> str:
    """Whose driver a path names, as a label prefix: `Felles › Fradrag: `, `Kjøp › Hjelpetiltak: ` or ``."""
    parts = path.split(".")
    if path in SCENARIO_FIELDS or parts[0] in ("growth", "parameters", "assumptions", "capacity"):
        return ""
    if parts[0] == "common":
        line = next(line for line in scenario.common if line.id == parts[1])
        return f"Felles › {line.label}: "
    alternative = scenario.alternative(parts[0])
    line = next(line for line in alternative.lines if line.id == parts[1])
    return f"{alternative.name} › {line.label}: "


def show(path: str, value: Any, scenario: Scenario | None = None) -> str:
    """A driver's value in Norwegian format, by its field's unit: `14,1 %`, `1 400 000 kr`, `ja`, `4,5`."""
    if value is None:
        return "som i filen" if path in GROWTH_FIELDS else "ikke satt"
    meta = path_field(path, scenario)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if meta and meta.is_share and number:
        return fmt.percent(value)
    if meta and meta.is_money and number:
        return fmt.kr(value)
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, float):
        return fmt.decimal(value, 2)
    if path == "prices":
        return {"fixed": "faste priser", "nominal": "løpende priser"}.get(value, str(value))
    return str(value)


def to_query(changes: Mapping[str, Any]) -> dict[str, str]:
    """Changes as URL query parameters (path → text that `from_query` reads back)."""
    out = {}
    for path, value in changes.items():
        if isinstance(value, bool):
            out[path] = "true" if value else "false"
        elif isinstance(value, float) and value.is_integer():
            out[path] = str(int(value))
        else:
            out[path] = str(value)
    return out


MAX_QUERY, MAX_QUERY_TEXT = 200, 200  # parameters an address may set, and characters in one value


def from_query(params: Mapping[str, str], scenario: Scenario) -> tuple[dict[str, Any], list[Problem]]:
    """Changes read from URL query parameters; parameters that name no driver are reported, not applied. An
    address may set at most MAX_QUERY values of at most MAX_QUERY_TEXT characters each."""
    changes, problems = {}, []
    if len(params) > MAX_QUERY:
        return {}, [Problem("", f"lenken setter {len(params)} verdier; høyst {MAX_QUERY}, så ingen av dem er brukt")]
    for path, text in params.items():
        if len(text) > MAX_QUERY_TEXT:
            problems.append(Problem(path[:80], f"verdien er over {MAX_QUERY_TEXT} tegn lang"))
            continue
        try:
            value_at(scenario, path)
            value = load_yaml(text) if text.strip() else None
        except ScenarioError as exc:
            problems += [Problem(path, p.message) for p in exc.problems]
            continue
        changes[path] = value
    return changes, problems
