"""Small builders for scenarios in tests."""

from costmodel.engine import compute, views
from costmodel.scenario import parse_scenario


def scenario(lines=None, *, alternatives=None, **top):
    """A one-alternative scenario (id `a`) from a list of line dicts, or several alternatives."""
    data = {"name": "Test", "start": "2020-01", "months": 24}
    data.update(top)
    data["alternatives"] = alternatives or [{"id": "a", "name": "A", "lines": lines or []}]
    return data


def run(data):
    return views.summary(compute(parse_scenario(data)))


def line_annual(data, line_id, alternative="a"):
    return run(data)["alternatives"][alternative]["lines"][line_id]["annual"]
