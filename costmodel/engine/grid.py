"""Excel's two-way data table: an alternative's difference against the baseline for every pair of two drivers.

`costmodel grid` (docs/method.md §12): the difference A − baseline in a measure (total, present value or a
year) for each value of driver x and each value of driver y, all cells computed at once by the vectorised
engine (simulation.monthly_costs), the other drivers as the scenario gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from costmodel.engine import whatif
from costmodel.engine.sensitivity import check_question, differences
from costmodel.engine.simulation import CHUNK, expand
from costmodel.errors import Problem, ScenarioError
from costmodel.scenario import Scenario, limits, month_index
from costmodel.scenario.assumptions import is_assumption
from costmodel.scenario.fields import check_month
from costmodel.yamlsafe import load_yaml

NOT_IN_A_GRID = ("months", "prices", "price_basis")  # they change the horizon or the kind of prices
MAX_VALUES = 200


@dataclass(frozen=True)
class Grid:
    """The table: `difference[i][j]` for `y_values[i]` and `x_values[j]` (months as `YYYY-MM`)."""

    alternative: str
    measure: str
    x_path: str
    x_values: list
    y_path: str
    y_values: list
    difference: np.ndarray  # len(y_values) × len(x_values)


def is_month(scenario: Scenario, path: str) -> bool:
    """Whether a driver takes months: a line's start or end, or a named assumption that is a month."""
    if is_assumption(path):
        found = scenario.assumptions.get(path.split(".", 1)[1])
        return found is not None and found.months
    return path.endswith((".start", ".end"))


def parse_axis(text: str, option: str) -> tuple[str, list]:
    """`PATH=V1,V2,…` into the path and its values (numbers, or months `YYYY-MM`)."""
    path, sep, values = text.partition("=")
    path = path.strip()
    if not sep or not path or not values.strip():
        raise ScenarioError(Problem(option, f"«{text}»: skriv DRIVER=V1,V2,…, f.eks. kjop.k.hourly_rate=900,1000,1100"))
    out = []
    for item in (v.strip() for v in values.split(",")):
        try:
            if re.fullmatch(r"\d{4}-\d{1,2}", item):
                out.append(check_month(item))
                continue
            value = load_yaml(item.encode())
        except (ValueError, ScenarioError) as exc:
            raise ScenarioError(Problem(option, f"«{item}»: {exc}")) from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ScenarioError(Problem(option, f"«{item}» er ikke et tall"))
        out.append(float(value))
    if len(out) > MAX_VALUES:
        raise ScenarioError(Problem(option, f"høyst {MAX_VALUES} verdier per akse"))
    return path, out


def _check(scenario: Scenario, path: str, values: list, option: str) -> None:
    """Each value must be one the field accepts: checked as a what-if of that one value (messages in Norwegian)."""
    if path in NOT_IN_A_GRID:
        raise ScenarioError(Problem(option, f"«{whatif.label(path, scenario)}» kan ikke varieres i en tabell"))
    try:
        whatif.value_at(scenario, path)  # raises when the path names nothing
        whatif.check_own_driver(scenario, path)
    except ScenarioError as exc:
        raise ScenarioError([Problem(option, p.message) for p in exc.problems]) from None
    for value in values:
        try:
            whatif.apply(scenario, {path: value})
        except ScenarioError as exc:
            raise ScenarioError([Problem(option, f"{_show(path, value)}: {p}") for p in exc.problems]) from None


def _show(path: str, value) -> str:
    return value if isinstance(value, str) else whatif.show(path, value)


def grid(
    scenario: Scenario,
    x: tuple[str, list],
    y: tuple[str, list],
    alternative: str | None = None,
    measure: str = "total",
) -> Grid:
    """The difference for every (y, x) pair, computed in one vectorised run."""
    alternative = check_question(scenario, alternative, measure)
    (x_path, x_values), (y_path, y_values) = x, y
    if x_path == y_path:
        raise ScenarioError(Problem("--y", "x og y må være to forskjellige drivere"))
    _check(scenario, x_path, x_values, "--x")
    _check(scenario, y_path, y_values, "--y")
    xs, ys = (
        np.array([month_index(v) if isinstance(v, str) else v for v in values], dtype=float)
        for values in (x_values, y_values)
    )
    values = {x_path: np.tile(xs, len(ys)), y_path: np.repeat(ys, len(xs))}
    n = len(xs) * len(ys)
    limits.check_work(scenario, n, "celler i tabellen", "--y")
    fields = expand(scenario, values)
    for path in fields:
        if path.endswith(".start") and path.removesuffix(".start") + ".end" in fields:
            if (fields[path.removesuffix(".start") + ".end"] < fields[path]).any():
                raise ScenarioError(
                    Problem("--y", "noen par gir slutt før start for samme linje; velg måneder som ikke overlapper")
                )
    parts = [  # in chunks, as the simulation: memory stays bounded however many cells
        differences(scenario, alternative, measure, {p: v[i : i + CHUNK] for p, v in values.items()}, min(CHUNK, n - i))
        for i in range(0, n, CHUNK)
    ]
    difference = np.concatenate(parts).reshape(len(ys), len(xs))
    return Grid(alternative, measure, x_path, x_values, y_path, y_values, difference)
