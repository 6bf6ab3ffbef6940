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


def bought_hours(**extra) -> dict:
    """Issue 21's purchase: 220 hours a month of familieveiledning at 1 050 kr, said to be hours (1,56 årsverk)."""
    return {
        "id": "k",
        "label": "Familieveiledning",
        "kind": "purchase",
        "units_per_month": 220,
        "unit": "hour",
        "unit_price": 1050,
        **extra,
    }


def team_case(staff: dict, **top) -> dict:
    """Continued buying of `bought_hours` against an own team (`staff`) from September 2026, the purchases
    running on as `top` says (`end` of the team's purchase in `purchase_end`)."""
    end = top.pop("purchase_end", "2026-09")
    return {
        "name": top.pop("name", "Eget tiltaksteam"),
        "start": "2026-01",
        "months": 48,
        "baseline": "kjop",
        **top,
        "alternatives": [
            {"id": "kjop", "name": "Fortsatt kjøp", "lines": [bought_hours()]},
            {"id": "team", "name": "Eget tiltaksteam", "lines": [staff, bought_hours(end=end)]},
        ],
    }
