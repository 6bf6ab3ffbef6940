"""Scenarios: what a scenario file may say, how it is checked, read and saved (stage 1 of the pipeline).

- fields.py: field types with their Norwegian checks, and the metadata every field declares;
- models.py: the frozen pydantic models (the scenario, its parameters, growth, alternatives, lines);
- assumptions.py: named values several fields share, `{ref: NAME}`;
- ranges.py: uncertain values written as ranges in place of numbers;
- checks.py: whole-scenario checks, each a named function;
- messages.py: validation errors in plain Norwegian;
- load.py: data and files in, a validated Scenario out (and back to data);
- storage.py: saving scenarios safely;
- schema.py: the format as JSON Schema; drafts.py: a scenario as the editor's tables and back.
"""

from costmodel.scenario.checks import RESERVED_IDS, scenario_warnings
from costmodel.scenario.fields import FieldMeta
from costmodel.scenario.load import load_scenario, parse_scenario, scenario_to_data
from costmodel.scenario.messages import translate_errors
from costmodel.scenario.models import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    HOUR,
    LINE_KINDS,
    LINE_MODELS,
    MAX_DRAWS,
    MAX_MONTHS,
    Alternative,
    Capacity,
    ConsultantLine,
    FixedLine,
    Growth,
    Need,
    OneOffLine,
    PurchaseLine,
    Scenario,
    Simulation,
    StaffLine,
    StaffParameters,
    field_meta,
    growth_years,
    index_series,
    kind_from_word,
    kind_label,
    line_field,
    line_fields_in_order,
    line_series,
    model_fields,
    month_index,
    month_label,
    used_series,
    value_kind,
)

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "HOUR",
    "LINE_KINDS",
    "LINE_MODELS",
    "MAX_DRAWS",
    "MAX_MONTHS",
    "RESERVED_IDS",
    "Alternative",
    "Capacity",
    "ConsultantLine",
    "FieldMeta",
    "FixedLine",
    "Growth",
    "Need",
    "OneOffLine",
    "PurchaseLine",
    "Scenario",
    "Simulation",
    "StaffLine",
    "StaffParameters",
    "field_meta",
    "growth_years",
    "index_series",
    "kind_from_word",
    "kind_label",
    "line_field",
    "line_fields_in_order",
    "line_series",
    "load_scenario",
    "model_fields",
    "month_index",
    "month_label",
    "parse_scenario",
    "scenario_to_data",
    "scenario_warnings",
    "translate_errors",
    "used_series",
    "value_kind",
]
