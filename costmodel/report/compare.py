"""What changed between two versions of a scenario: each value that differs, in words, and the key figures
before and after (the sum over the period per alternative, and each alternative against the nullalternativ)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from costmodel import formatting as fmt
from costmodel.engine import compute, views, whatif
from costmodel.scenario import Scenario, model_fields, scenario_to_data


@dataclass(frozen=True)
class Change:
    where: str  # `Rådmannens forslag › Permanent oppbemanning: årsverk`
    before: str  # `4`, `1 400 000 kr`, `ikke med`
    after: str


def _flat(value: Any, path: str, out: dict[str, Any]) -> None:
    """Scenario data as driver-like paths: alternatives and lines by id (`plan.kjop.fte`), the rest by key."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flat(item, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list) and value and all(isinstance(i, dict) and "id" in i for i in value):
        for item in value:
            _flat(item, f"{path}.{item['id']}" if path not in ("alternatives", "") else str(item["id"]), out)
    else:
        out[path] = value


def _driver(path: str) -> tuple[str, str]:
    """The driver path a flat path belongs to, and the part below it: `assumptions.x.value` → (`assumptions.x`, ``)."""
    parts = path.split(".")
    if parts[0] == "assumptions" and len(parts) >= 3:
        rest = ".".join(parts[2:])
        return ".".join(parts[:2]), "" if rest == "value" else rest
    return path, ""


def _paths(scenario: Scenario) -> dict[str, Any]:
    data = scenario_to_data(scenario)
    out: dict[str, Any] = {}
    for alternative in data.pop("alternatives", []):
        lines = alternative.pop("lines", [])
        _flat(alternative, alternative["id"], out)
        for line in lines:
            _flat(line, f"{alternative['id']}.{line['id']}", out)
    for line in data.pop("common", []) or []:
        _flat(line, f"common.{line['id']}", out)
    _flat(data, "", out)
    return out


def _where(path: str, before: Scenario, after: Scenario) -> str:
    top = model_fields(Scenario).get(path.split(".")[0])
    if top is not None and path not in whatif.SCENARIO_FIELDS and not path.startswith(("growth.", "capacity.")):
        return top.label + (f" ({path.split('.', 1)[1]})" if "." in path else "")
    path, below = _driver(path)
    for scenario in (after, before):
        try:
            return whatif.where(scenario, path) + whatif.label(path, scenario) + (f" ({below})" if below else "")
        except (StopIteration, KeyError, AttributeError, IndexError, TypeError, ValueError):
            continue
    return path


def _show(path: str, value: Any, scenario: Scenario) -> str:
    if value is None:
        return "ikke med"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:120]
    try:
        path, below = _driver(path)
        return str(value)[:120] if below else whatif.show(path, value, scenario)
    except (KeyError, AttributeError, TypeError, ValueError):
        return str(value)[:120]


def changes(before: Scenario, after: Scenario) -> list[Change]:
    """Every value that differs, in the order of the later version's file (values only before at the end)."""
    old, new = _paths(before), _paths(after)
    order = list(new) + [p for p in old if p not in new]
    return [
        Change(_where(p, before, after), _show(p, old.get(p), before), _show(p, new.get(p), after))
        for p in order
        if old.get(p) != new.get(p)
    ]


def key_figures(before: Scenario, after: Scenario) -> list[tuple[str, str, str]]:
    """(what, before, after): the sum over the period per alternative and each against the nullalternativ."""
    figures = [_figures(before), _figures(after)]
    names = list(dict.fromkeys([*figures[0], *figures[1]]))
    return [(name, figures[0].get(name, "ikke med"), figures[1].get(name, "ikke med")) for name in names]


def _figures(scenario: Scenario) -> dict[str, str]:
    result = compute(scenario)
    data = views.summary(result)
    span = f"{result.years[0]}–{result.years[-1]}" if len(result.years) > 1 else str(result.years[0])
    out = {f"{a['name']}, sum {span}": fmt.mill(a["total"]) for a in data["alternatives"].values()}
    for alt, c in data["comparison"].items():
        name = data["alternatives"][alt]["name"]
        out[f"{name} mot nullalternativet, {span}"] = fmt.mill(c["total_difference"], plus="+")
    return out
