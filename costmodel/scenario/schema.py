"""The scenario format as JSON Schema: pydantic's schema of the models, widened to what a file may write.

A file may write a range (`{low, mode, high}`) or a reference to a named assumption (`{ref: NAME}`)
in place of any number or month that ranges.py lists, `growth: statsbudsjett` for a named series, and
leave out an alternative's `name`. `docs/scenario.schema.json` is this schema (a test keeps it
current); bundled files point at it with `# yaml-language-server: $schema=…`, so editors complete
and check fields while typing.
"""

from __future__ import annotations

import copy
from typing import Any

from costmodel.scenario.models import LINE_MODELS, Scenario
from costmodel.scenario.ranges import CAPACITY_NUMBERS, DISTRIBUTIONS, LINE_MONTHS, LINE_NUMBERS, PARAMETER_NUMBERS

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"
NUMBER_OR_MONTH = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\d{4}-\d{1,2}$"}]}
RANGE = {
    "type": "object",
    "title": "intervall",
    "description": "Usikker verdi: {low, mode, high} (PERT), {low, high} (jevn) eller med dist",
    "properties": {
        "low": NUMBER_OR_MONTH,
        "mode": NUMBER_OR_MONTH,
        "high": NUMBER_OR_MONTH,
        "dist": {"enum": list(DISTRIBUTIONS)},
    },
    "required": ["low", "high"],
    "additionalProperties": False,
}
REFERENCE = {
    "type": "object",
    "title": "referanse til en navngitt forutsetning",
    "properties": {"ref": {"type": "string"}, "plus_months": {"type": "integer"}},
    "required": ["ref"],
    "additionalProperties": False,
}
ASSUMPTIONS = {
    "title": "navngitte forutsetninger",
    "description": "Verdier som flere felt deler: NAVN: {value: …, label: …} eller {low, mode, high, label}",
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "value": NUMBER_OR_MONTH,
            "low": NUMBER_OR_MONTH,
            "mode": NUMBER_OR_MONTH,
            "high": NUMBER_OR_MONTH,
            "dist": {"enum": list(DISTRIBUTIONS)},
            "label": {"type": "string", "maxLength": 300},
        },
        "additionalProperties": False,
    },
}
WIDER = [{"$ref": "#/$defs/Range"}, {"$ref": "#/$defs/Reference"}]


def _widen(prop: dict) -> None:
    """Let a number or month property also be a range or a reference (in place)."""
    if "anyOf" not in prop:
        kept = {k: prop.pop(k) for k in list(prop) if k in ("type", "minimum", "maximum", "exclusiveMinimum")}
        prop["anyOf"] = [kept]
    prop["anyOf"] = [*prop["anyOf"], *WIDER]


def _widen_values(prop: dict) -> None:
    """A mapping of years to numbers (growth, need): each value may also be a range or a reference."""
    for part in [prop, *prop.get("anyOf", [])]:
        if isinstance(part.get("additionalProperties"), dict):
            part["additionalProperties"] = {"anyOf": [part["additionalProperties"], *WIDER]}


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file (draft 2020-12), with Norwegian titles, units and help."""
    schema = copy.deepcopy(Scenario.model_json_schema(mode="validation"))
    defs = schema["$defs"]
    for model in LINE_MODELS.values():
        props = defs[model.__name__]["properties"]
        for name in (*LINE_NUMBERS, *LINE_MONTHS):
            if name in props:
                _widen(props[name])
    for name in PARAMETER_NUMBERS:
        _widen(defs["StaffParameters"]["properties"][name])
    for name in CAPACITY_NUMBERS:
        _widen(defs["Capacity"]["properties"][name])
    _widen(defs["Need"]["properties"]["cases_per_fte"])
    for name in ("fte", "cases"):
        _widen_values(defs["Need"]["properties"][name])
    for name in ("wages", "prices"):
        _widen_values(defs["Growth"]["properties"][name])
    _widen(schema["properties"]["discount_rate"])
    growth = schema["properties"]["growth"]
    growth["anyOf"] = [{"$ref": growth.pop("$ref")}, {"type": "string", "description": "En navngitt vekstserie"}]
    alternative = defs["Alternative"]
    alternative["required"] = [r for r in alternative.get("required", []) if r != "name"]
    defs["Range"], defs["Reference"] = RANGE, REFERENCE
    schema["properties"] = {"assumptions": ASSUMPTIONS, **schema["properties"]}
    schema["$schema"] = SCHEMA_URL
    schema["description"] = (
        "Et scenario for kostnadsmodell (docs/scenario-format.md). Tall og måneder på linjene, i parameters, "
        "capacity, discount_rate og vekstratene kan også skrives som et intervall {low, mode, high} eller "
        "{low, high}, eller som en referanse til en navngitt forutsetning {ref: NAVN} / {ref: NAVN, plus_months: n}."
    )
    return schema
