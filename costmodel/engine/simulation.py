"""Monte Carlo over a scenario's ranges: every draw evaluated at once, vectorised over a draw axis.

`monthly_costs` is the engine with arrays in place of driver values: the same per-kind cost
functions (engine/kinds.py) and price index, summed per alternative and month for every draw
without building the draws × lines × months cube (docs/method.md §12).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from costmodel.engine.kinds import LINE_COST, scenario_context
from costmodel.engine.ledger import SERIES, cover_price, discount_factors, price_index
from costmodel.engine.views import EQUAL_TOLERANCE_KR
from costmodel.parameters import Reference, load_reference
from costmodel.scenario import Scenario, index_series, limits, month_index, used_series
from costmodel.scenario.assumptions import field_values
from costmodel.scenario.ranges import month_text

if TYPE_CHECKING:
    import pandas as pd

PERCENTILES = (10, 50, 90)
CHUNK = 2_000  # draws evaluated together: bounds memory, and paces the app's progress bar
NEVER = np.iinfo(np.int64).max


# --- drivers as arrays ---------------------------------------------------------------------------


def substitute(scenario: Scenario, values: Mapping[str, np.ndarray]) -> Scenario:
    """The scenario with each driver path's value replaced by an array over draws (no validation).

    Month drivers take month numbers (year × 12 + month − 1). A named assumption's value
    (`assumptions.NAME`) goes to every field that refers to it, offsets kept.
    """
    values = expand(scenario, values)
    if not values:
        return scenario
    update: dict = {}
    lines: dict[tuple[str, str], dict] = {}
    for path, value in values.items():
        parts = path.split(".")
        if len(parts) == 1:
            update[parts[0]] = value
        elif parts[0] == "parameters":
            update.setdefault("parameters", {})[parts[1]] = value
        elif parts[0] == "growth":
            key = int(parts[2]) if parts[2].isdigit() else parts[2]
            update.setdefault("growth", {}).setdefault(parts[1], {})[key] = value
        elif parts[0] == "capacity":
            update.setdefault("capacity", {})[tuple(parts[1:])] = value
        else:
            lines.setdefault((parts[0], parts[1]), {})[parts[2]] = value
    if "parameters" in update:
        update["parameters"] = scenario.parameters.model_copy(update=update["parameters"])
    if "capacity" in update:
        update["capacity"] = _capacity_with(scenario.capacity, update["capacity"])
    if "growth" in update:
        g = scenario.growth
        update["growth"] = g.model_copy(update={k: {**getattr(g, k), **v} for k, v in update["growth"].items()})

    def replaced(owner: str, items: list) -> list:
        return [line.model_copy(update=lines[owner, line.id]) if (owner, line.id) in lines else line for line in items]

    update["common"] = replaced("common", scenario.common)
    update["alternatives"] = [
        alt.model_copy(update={"lines": replaced(alt.id, alt.lines)}) for alt in scenario.alternatives
    ]
    return scenario.model_copy(update=update)


def _capacity_with(capacity, values: dict):
    """The capacity block with `("need", "fte", "2026")`, `("need", "cases_per_fte")`, `("cover_price_per_fte",)`
    … replaced by arrays."""
    need, own = {}, {}
    for key, value in values.items():
        if key[0] != "need":
            own[key[0]] = value
        elif len(key) == 2:
            need[key[1]] = value
        else:
            year = int(key[2]) if key[2].isdigit() else key[2]
            need[key[1]] = {**(need.get(key[1]) or getattr(capacity.need, key[1])), year: value}
    if need:
        own["need"] = capacity.need.model_copy(update=need)
    return capacity.model_copy(update=own)


def expand(scenario: Scenario, values: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Driver values with each named assumption's passed on to the fields that refer to it."""
    return field_values(scenario.assumptions, scenario.references, values)


def _month(value) -> np.ndarray | int:
    return month_index(value) if isinstance(value, str) else value


def _per_draw(value, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, dtype=float), (n,))


def monthly_costs(
    scenario: Scenario, values: Mapping[str, np.ndarray], n: int, reference: Reference | None = None
) -> np.ndarray:
    """Cost per draw, alternative and month (draws × alternatives × months) with `values` put in.

    Lines with fixed dates are summed per alternative and index series as one matrix product of
    their per-draw monthly amounts and their month masks; lines with drawn dates get masks per draw.
    """
    s = substitute(scenario, values)
    ctx = scenario_context(s, reference or load_reference())
    months = s.start_index + np.arange(s.months)
    years = list(range(s.start_year, s.end_year + 1))
    month_year = months // 12 - years[0]
    used = used_series(s)
    index = [
        np.broadcast_to(price_index(s, name, years)[month_year].T, (n, len(months))) if name in used else 1.0
        for name in SERIES
    ]
    need = _need(s, months, n)
    out = np.zeros((n, len(s.alternatives), len(months)))
    for a, alt in enumerate(s.alternatives):
        amounts: list[list] = [[] for _ in SERIES]
        masks: list[list] = [[] for _ in SERIES]
        drawn = np.zeros((len(SERIES), n, len(months)))
        delivered, delivered_masks = [], []  # effective årsverk of lines with fixed dates, and their masks
        own = np.zeros((n, len(months)))
        for line in s.lines_of(alt.id):
            cost = LINE_COST[line.kind](line, ctx)
            series = SERIES.index(index_series(line))
            start = _month(s.start if line.start is None else line.start)
            end = NEVER if line.end is None else _month(line.end)
            recurring = line.kind != "one_off"
            per_month = cost.monthly + cost.refund  # the refund runs with its staff line, on its index (§13)
            if np.ndim(start) == 0 and np.ndim(end) == 0:
                if recurring:
                    active = (months >= start) & (months <= end)
                    amounts[series].append(_per_draw(per_month, n))
                    masks[series].append(active)
                    if need is not None:
                        delivered.append(_per_draw(cost.effective, n))
                        delivered_masks.append(active)
                amounts[series].append(_per_draw(cost.once, n))
                masks[series].append(months == start)
                continue
            start = np.broadcast_to(start, (n,))[:, None]
            end = np.broadcast_to(end, (n,))[:, None]
            if recurring:
                active = (months >= start) & (months <= end)
                drawn[series] += _per_draw(per_month, n)[:, None] * active
                if need is not None:
                    own += _per_draw(cost.effective, n)[:, None] * active
            drawn[series] += _per_draw(cost.once, n)[:, None] * (months == start)
        if need is not None and s.capacity.cover == "consultant":
            if delivered:
                own += np.column_stack(delivered) @ np.vstack(delivered_masks).astype(float)
            price = _per_draw(cover_price(s, ctx), n)[:, None]
            drawn[SERIES.index("wages")] += np.maximum(0.0, need - own) * price / 12
        for k in range(len(SERIES)):
            if amounts[k]:
                drawn[k] += np.column_stack(amounts[k]) @ np.vstack(masks[k]).astype(float)
            out[:, a, :] += drawn[k] * index[k]
    return out


def _need(s: Scenario, months: np.ndarray, n: int) -> np.ndarray | None:
    """The effective årsverk needed per draw and month (draws × months), or None without a capacity block."""
    if s.capacity is None:
        return None
    years = months // 12
    columns = {y: _per_draw(s.capacity.need.at(int(y)), n) for y in np.unique(years)}
    return np.column_stack([columns[y] for y in years])


# --- the simulation --------------------------------------------------------------------------------


def draw(scenario: Scenario, draws: int, seed: int) -> dict[str, np.ndarray]:
    """Each ranged driver's draws (a stream per driver path and seed; months as month numbers)."""
    return {path: r.sample(seed, draws) for path, r in scenario.ranges.items()}


@dataclass(frozen=True)
class Simulation:
    """The draws and what each draw costs: per alternative and year, and the break-even month."""

    scenario: Scenario
    draws: int
    seed: int
    samples: dict[str, np.ndarray]  # driver path → value per draw
    annual: np.ndarray  # draws × alternatives × years
    break_even: np.ndarray  # draws × alternatives: month number of break-even against the baseline, −1 if none
    years: list[int]

    @property
    def alternatives(self) -> list[str]:
        return [a.id for a in self.scenario.alternatives]

    @cached_property
    def total(self) -> np.ndarray:
        """Draws × alternatives: the cost over the whole horizon."""
        return self.annual.sum(axis=2)

    @cached_property
    def present_value(self) -> np.ndarray:
        """Draws × alternatives: Σ cost(y) / P(y) / (1 + r)^(y − start year), with r and growth as drawn."""
        factors = present_value_factors(self.scenario, self.samples, self.years)
        return self.annual @ factors if factors.ndim == 1 else np.einsum("day,dy->da", self.annual, factors)


def present_value_factors(scenario: Scenario, values: Mapping[str, np.ndarray], years: list[int]) -> np.ndarray:
    """The discount factors of docs/method.md §4 with the discount rate and growth as `values` give them."""
    values = expand(scenario, values)
    growth = {path: v for path, v in values.items() if path.startswith("growth.")}
    prices = price_index(substitute(scenario, growth), "prices", years)
    rate = values.get("discount_rate", scenario.discount_rate)
    return discount_factors(rate, prices, years, scenario.start_year)


def _break_even(monthly: np.ndarray, baseline: int | None, months: np.ndarray) -> np.ndarray:
    """Per draw and alternative, the first month from which the cumulative cost stays at or below the baseline's."""
    out = np.full(monthly.shape[:2], -1, dtype=np.int64)
    if baseline is None:
        return out
    ok = np.cumsum(monthly - monthly[:, baseline : baseline + 1, :], axis=2) <= EQUAL_TOLERANCE_KR
    failing = ~ok
    last_failing = ok.shape[2] - 1 - np.argmax(failing[:, :, ::-1], axis=2)
    first_ok = np.where(failing.any(axis=2), last_failing + 1, 0)
    return np.where(ok[:, :, -1], months[np.minimum(first_ok, len(months) - 1)], -1)


def simulate(
    scenario: Scenario,
    draws: int | None = None,
    seed: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> Simulation:
    """Run the Monte Carlo: `draws` and `seed` default to the scenario's `simulation:` settings."""
    draws = scenario.simulation.draws if draws is None else draws
    seed = scenario.simulation.seed if seed is None else seed
    limits.check_work(scenario, draws, "trekk", "simulation.draws")
    samples = draw(scenario, draws, seed)
    months = scenario.start_index + np.arange(scenario.months)
    years = list(range(scenario.start_year, scenario.end_year + 1))
    bounds = np.flatnonzero(np.diff(months // 12, prepend=-1))  # first month of each year
    ids = [a.id for a in scenario.alternatives]
    baseline = ids.index(scenario.baseline) if scenario.baseline else None
    reference = load_reference()
    annual, even = [], []
    for first in range(0, draws, CHUNK):
        n = min(CHUNK, draws - first)
        chunk = {path: values[first : first + n] for path, values in samples.items()}
        monthly = monthly_costs(scenario, chunk, n, reference)
        annual.append(np.add.reduceat(monthly, bounds, axis=2))
        even.append(_break_even(monthly, baseline, months))
        if progress:
            progress((first + n) / draws)
    return Simulation(scenario, draws, seed, samples, np.concatenate(annual), np.concatenate(even), years)


# --- what comes out ----------------------------------------------------------------------------------


def stats(values: np.ndarray) -> dict[str, float]:
    """Mean and P10/P50/P90 (numpy's linear interpolation between order statistics)."""
    p10, p50, p90 = np.percentile(values, PERCENTILES)
    return {"mean": float(np.mean(values)), "p10": float(p10), "p50": float(p50), "p90": float(p90)}


def summary(sim: Simulation) -> dict:
    """The figures of `costmodel simulate --json` (issue 5's contract, docs/method.md §12)."""
    s = sim.scenario
    alternatives = {
        alt: {
            "name": s.alternatives[a].name,
            "total": stats(sim.total[:, a]),
            "present_value": stats(sim.present_value[:, a]),
            "annual": {str(y): stats(sim.annual[:, a, k]) for k, y in enumerate(sim.years)},
        }
        for a, alt in enumerate(sim.alternatives)
    }
    comparison = {}
    if s.baseline:
        b = sim.alternatives.index(s.baseline)
        for a, alt in enumerate(sim.alternatives):
            if a == b:
                continue
            difference = sim.total[:, a] - sim.total[:, b]
            months = sim.break_even[:, a]
            comparison[alt] = {
                "probability_cheaper": float(np.mean(difference < 0)),
                "probability_break_even": float(np.mean(months >= 0)),
                "total_difference": stats(difference),
                "present_value_difference": stats(sim.present_value[:, a] - sim.present_value[:, b]),
                "break_even_month": _month_stats(months[months >= 0]),
            }
    return {
        "draws": sim.draws,
        "seed": sim.seed,
        "ranges": {path: r.spec() for path, r in s.ranges.items()},
        "alternatives": alternatives,
        "comparison": comparison,
    }


def _month_stats(months: np.ndarray) -> dict | None:
    """P10/P50/P90 of the break-even month among draws that break even (months as YYYY-MM)."""
    if not len(months):
        return None
    p10, p50, p90 = np.percentile(months, PERCENTILES, method="lower")
    return dict(zip(("p10", "p50", "p90"), map(month_text, (p10, p50, p90))))


def samples_frame(sim: Simulation) -> pd.DataFrame:
    """Every draw: its driver values (months as YYYY-MM) and each alternative's total and present value."""
    import pandas as pd

    columns: dict = {}
    for path, values in sim.samples.items():
        r = sim.scenario.ranges[path]
        columns[path] = [month_text(m) for m in values] if r.months else values
    for a, alt in enumerate(sim.alternatives):
        columns[f"{alt}.total"] = sim.total[:, a]
        columns[f"{alt}.present_value"] = sim.present_value[:, a]
    return pd.DataFrame(columns, index=pd.RangeIndex(1, sim.draws + 1, name="draw"))
