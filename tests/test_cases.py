"""Expected figures written as YAML cases a budget person can read (tests/cases/*.yaml).

Each case has a `name` stating the rule, a `scenario` (a file in budgets/ or written out in full),
an `absolute_error_margin` in kroner and `expect`: paths in `costmodel summary --json` with the
figure and, as a comment, its arithmetic. A path is ALTERNATIVE.FIELD…, ALTERNATIVE.LINE.FIELD…
or comparison.ALTERNATIVE.FIELD….
"""

from pathlib import Path

import pytest
from conftest import ROOT

from costmodel.engine import compute, views
from costmodel.scenario import load_scenario, parse_scenario
from costmodel.yamlsafe import load_yaml

CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in sorted((Path(__file__).parent / "cases").glob("*.yaml"))
    for case in load_yaml(path.read_bytes())
]


def figure(summary: dict, path: str):
    """The figure a case's path names in the summary."""
    parts = path.split(".")
    if parts[0] == "comparison":
        node, parts = summary["comparison"], parts[1:]
    else:
        node, parts = summary["alternatives"][parts[0]], parts[1:]
        if parts[0] in node["lines"]:
            node, parts = node["lines"][parts[0]], parts[1:]
    for part in parts:
        node = node[part]
    return node


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    source = case["scenario"]
    scenario = load_scenario(ROOT / source) if isinstance(source, str) else parse_scenario(source)
    summary = views.summary(compute(scenario))
    margin = case.get("absolute_error_margin", 0.01)
    for path, expected in case["expect"].items():
        got = figure(summary, path)
        if isinstance(expected, str):
            assert got == expected, path
        else:
            assert got == pytest.approx(expected, abs=margin), path
