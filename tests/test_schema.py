"""The scenario format as JSON Schema (`costmodel schema`, docs/scenario.schema.json) checked with a standard
validator: every bundled scenario passes, a misspelt field does not, and the shipped file is current."""

import copy
import json
import subprocess
import sys

import jsonschema
import pytest
from conftest import BUDGETS, ROOT

from costmodel.scenario.schema import scenario_schema
from costmodel.yamlsafe import load_yaml

SCHEMA_FILE = ROOT / "docs" / "scenario.schema.json"


def as_json(data):
    """YAML data as a JSON document has it (year keys as text)."""
    return json.loads(json.dumps(data, default=str))


def validator():
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_the_shipped_schema_is_the_one_costmodel_schema_prints():
    out = subprocess.run([sys.executable, "-m", "costmodel", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == scenario_schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(scenario_schema())


@pytest.mark.parametrize("path", sorted(BUDGETS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_scenario_validates_and_points_at_the_schema(path):
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../docs/scenario.schema.json")
    assert not list(validator().iter_errors(as_json(load_yaml(path.read_bytes()))))


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["alternatives"][0]["lines"][0].update(hourly_rat=900),
        lambda d: d.update(discount_rat=0.04),
        lambda d: d["alternatives"][0]["lines"][0].update(fte={"low": 1, "hihg": 3}),
        lambda d: d["alternatives"][0]["lines"][0].update(fte={"ref": "x", "plus": 1}),
        lambda d: d["assumptions"]["timepris"].update(lable="x"),
    ],
)
def test_a_misspelt_field_does_not_validate(edit):
    data = as_json(load_yaml((BUDGETS / "egne-saksbehandlere-2025.yaml").read_bytes()))
    assert not list(validator().iter_errors(data))
    bad = copy.deepcopy(data)
    edit(bad)
    assert list(validator().iter_errors(bad))


FORMAT = ROOT / "docs" / "scenario-format.md"


def test_the_format_document_names_every_field_of_every_model():
    from costmodel.scenario.models import (
        LINE_MODELS,
        AccountMapping,
        Alternative,
        Capacity,
        Council,
        FollowUp,
        Growth,
        Need,
        Scenario,
        Simulation,
        Source,
        StaffParameters,
    )

    text = FORMAT.read_text(encoding="utf-8")
    models = (Scenario, StaffParameters, Growth, Alternative, Simulation, Capacity, Need, *LINE_MODELS.values())
    for model in (*models, Source, Council, FollowUp, AccountMapping):
        for name in model.model_fields:
            assert f"`{name}`" in text, f"docs/scenario-format.md does not describe {model.__name__}.{name}"


def test_the_format_documents_example_is_a_valid_scenario():
    import re

    from costmodel.scenario import parse_scenario

    example = re.search(r"## A whole file\n\n```yaml\n(.*?)```", FORMAT.read_text(encoding="utf-8"), re.S)[1]
    scenario = parse_scenario(load_yaml(example.encode()))
    assert scenario.assumptions["timepris"].value == 1150 and scenario.baseline == "byra"
    assert not list(validator().iter_errors(as_json(load_yaml(example.encode()))))
