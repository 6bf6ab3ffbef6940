"""Format 1.3 keeps format 1.2 (contract 1.3): a file without the new keys gives the figures it gave before.

`tests/golden/format-1.2/NAME.json` is `costmodel summary --json` of each bundled scenario with the keys of 1.3
(`unit`, `fte_equivalent`, `hires`) taken out, as the engine of format 1.2 printed it (commit 8a3b12c).
"""

import json

import pytest
from conftest import BUDGETS
from pytest import approx

from costmodel.engine import compute, views
from costmodel.scenario import parse_scenario
from costmodel.yamlsafe import load_yaml

GOLDEN = BUDGETS.parent / "tests" / "golden" / "format-1.2"
NEW_KEYS = {"unit", "fte_equivalent", "hires", "sources", "council", "follow_up"}


def as_version_1_2(node):
    """The same scenario data without the keys format 1.3 added."""
    if isinstance(node, dict):
        return {k: as_version_1_2(v) for k, v in node.items() if k not in NEW_KEYS}
    if isinstance(node, list):
        return [as_version_1_2(v) for v in node]
    return node


def figures(summary: dict) -> dict:
    """Every figure of a summary that format 1.2 had: levels, changes, årsverk, totals, capacity, comparisons."""
    keep = ("annual", "changes", "fte", "total", "present_value", "capacity", "partners")
    out = {}
    for alt, a in summary["alternatives"].items():
        out[alt] = {k: a[k] for k in keep if k in a}
        out[alt]["lines"] = {line: {k: v[k] for k in ("annual", "changes")} for line, v in a["lines"].items()}
    out["comparison"] = summary.get("comparison", {})
    return out


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_a_version_1_2_file_gives_the_same_figures(path):
    data = as_version_1_2(load_yaml((BUDGETS / f"{path.stem}.yaml").read_bytes()))
    ours = figures(views.summary(compute(parse_scenario(data))))
    theirs = figures(json.loads(path.read_text(encoding="utf-8")))
    assert _close(ours, theirs)


def _close(ours, theirs, where="") -> bool:
    if isinstance(theirs, dict):
        assert set(ours) == set(theirs), where
        return all(_close(ours[k], theirs[k], f"{where}.{k}") for k in theirs)
    if isinstance(theirs, (int, float)) and not isinstance(theirs, bool):
        assert ours == approx(theirs, rel=1e-12, abs=1e-6), where
        return True
    assert ours == theirs, where
    return True


def test_every_bundled_scenario_has_its_version_1_2_figures():
    assert {p.stem for p in GOLDEN.glob("*.json")} == {p.stem for p in BUDGETS.glob("*.yaml")}
