"""Which assumption matters (tornado) and where the answer flips (goal seek), over the vectorised engine.

Both look at one measure of an alternative's difference against the baseline: over the whole
horizon (`total`), in present value (`present_value`), or in one year (`"2027"`); docs/method.md §12.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from costmodel import formatting as fmt
from costmodel.engine import whatif
from costmodel.engine.simulation import monthly_costs, present_value_factors
from costmodel.engine.views import EQUAL_TOLERANCE_KR
from costmodel.errors import Problem, ScenarioError
from costmodel.scenario import Scenario, month_index
from costmodel.scenario.assumptions import is_assumption
from costmodel.scenario.ranges import month_text

MEASURES = ("total", "present_value")
MEASURE_TEXT = {"total": "sum over perioden", "present_value": "nåverdi over perioden"}


def measure_text(measure: str, scenario: Scenario | None = None) -> str:
    """`nåverdi over perioden i faste 2019-kroner, realrente 4 %`, `sum over perioden`, `i 2021`."""
    text = MEASURE_TEXT.get(measure, f"i {measure}")
    return f"{text} i {fmt.real_terms(scenario)}" if measure == "present_value" and scenario is not None else text


def check_question(scenario: Scenario, alternative: str | None, measure: str) -> str:
    """The alternative to compare with the baseline (the first other one by default); ScenarioError if none."""
    ids = [a.id for a in scenario.alternatives]
    if scenario.baseline is None:
        raise ScenarioError(Problem("baseline", "scenariet har ikke noe nullalternativ (baseline) å sammenligne med"))
    if alternative is None:
        alternative = next((a for a in ids if a != scenario.baseline), None)
    if alternative not in ids or alternative == scenario.baseline:
        others = ", ".join(a for a in ids if a != scenario.baseline) or "ingen"
        raise ScenarioError(Problem("--alternative", f"«{alternative}» kan ikke sammenlignes; velg en av: {others}"))
    years = [str(y) for y in range(scenario.start_year, scenario.end_year + 1)]
    if measure not in MEASURES and measure not in years:
        raise ScenarioError(
            Problem("--measure", f"«{measure}» er ukjent; bruk total, present_value eller et år {years[0]}–{years[-1]}")
        )
    return alternative


def differences(
    scenario: Scenario, alternative: str, measure: str, values: Mapping[str, np.ndarray], n: int
) -> np.ndarray:
    """Per draw of `values`: the alternative's cost minus the baseline's, by `measure`."""
    ids = [a.id for a in scenario.alternatives]
    monthly = monthly_costs(scenario, values, n)
    diff = monthly[:, ids.index(alternative)] - monthly[:, ids.index(scenario.baseline)]
    months = scenario.start_index + np.arange(scenario.months)
    years = months // 12
    if measure == "total":
        return diff.sum(axis=1)
    if measure != "present_value":
        return diff[:, years == int(measure)].sum(axis=1)
    all_years = list(range(scenario.start_year, scenario.end_year + 1))
    factors = present_value_factors(scenario, values, all_years)  # (years,) or (draws, years)
    return (diff * factors[..., years - scenario.start_year]).sum(axis=1)


# --- tornado -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    driver: str
    label: str
    low_value: float  # the driver at its low (months as month numbers)
    high_value: float
    low: float  # the measured difference with the driver at its low, others at their deterministic values
    high: float
    swing: float  # |high − low|


def tornado(
    scenario: Scenario, alternative: str | None = None, measure: str = "present_value"
) -> tuple[float, list[Bar]]:
    """The deterministic difference, and one bar per ranged driver set to its low and its high, largest swing first."""
    alternative = check_question(scenario, alternative, measure)
    ranges = list(scenario.ranges.values())
    n = 2 * len(ranges) + 1  # row 0: all at their values; rows 2k+1, 2k+2: driver k at low, high
    values = {}
    for k, r in enumerate(ranges):
        column = np.full(n, float(r.value))
        column[2 * k + 1], column[2 * k + 2] = r.low, r.high
        values[r.driver] = column
    result = differences(scenario, alternative, measure, values, n)
    bars = [
        Bar(
            r.driver,
            driver_label(scenario, r.driver),
            r.low,
            r.high,
            float(result[2 * k + 1]),
            float(result[2 * k + 2]),
            float(abs(result[2 * k + 2] - result[2 * k + 1])),
        )
        for k, r in enumerate(ranges)
    ]
    return float(result[0]), sorted(bars, key=lambda b: -b.swing)


def driver_label(scenario: Scenario, path: str, short: bool = False) -> str:
    """`Eget tiltaksteam › Tiltaksteam: årslønn` (short: `Tiltaksteam: årslønn`), `pensjon`, `lønnsvekst 2021`."""
    parts = path.split(".")
    label = whatif.label(path, scenario)
    if short and len(parts) == 3 and parts[0] not in ("growth", "capacity"):
        return f"{_line(scenario, path).label}: {label}"
    return whatif.where(scenario, path) + label


# --- goal seek -------------------------------------------------------------------------------------


class NoBalance(ScenarioError):
    """No value of the driver in its allowed range makes the alternative cost the same as the baseline."""


@dataclass(frozen=True)
class Solution:
    driver: str
    value: float
    current: float
    alternative: str
    measure: str
    rising: bool  # whether the alternative gets dearer against the baseline as the driver rises
    months: bool = False  # a month driver: `value` is the last month the alternative is cheaper (rising)
    # or the first (falling), as a month number


def domain(scenario: Scenario, path: str) -> tuple[float, float]:
    """The values a driver may take: growth above −100 %, rates 0–1, amounts from their type's lower bound
    (none for fixed and one-off lines, which may be negative), hours above 0."""
    if path.startswith("growth."):
        return -0.99, 1.0
    meta = whatif.path_field(path, scenario)
    if meta is not None and meta.is_share:
        return 0.0, 1.0
    if meta is not None and meta.name == "hours_per_fte":
        return 1e-6, math.inf
    if meta is not None and meta.low is None and meta.is_money:
        return -math.inf, math.inf
    return 0.0, math.inf


def _line(scenario: Scenario, path: str):
    owner, line_id, _ = path.split(".")
    lines = scenario.common if owner == "common" else scenario.alternative(owner).lines
    return next(line for line in lines if line.id == line_id)


def solve(scenario: Scenario, driver: str, alternative: str | None = None, measure: str = "present_value") -> Solution:
    """The driver value at which the alternative costs the same as the baseline by `measure` (scipy's brentq).

    The allowed range is searched on a grid around today's value for a change of sign, and the
    crossing nearest today's value is refined. NoBalance says so when there is none.
    """
    from scipy.optimize import brentq  # scipy is loaded for a goal seek only

    alternative = check_question(scenario, alternative, measure)
    current = whatif.effective_value(scenario, driver)  # raises when the path names nothing
    whatif.check_own_driver(scenario, driver)
    label = driver_label(scenario, driver)
    if isinstance(current, str) or driver.endswith((".start", ".end")):
        return _solve_month(scenario, driver, alternative, measure)
    if isinstance(current, bool) or not isinstance(current, (int, float)):
        raise ScenarioError(
            Problem(driver, f"{label} er ikke satt i scenariet; målsøk trenger en driver som er i bruk")
        )
    low, high = domain(scenario, driver)
    grid = _grid(float(current), low, high)
    f_grid = differences(scenario, alternative, measure, {driver: grid}, len(grid))

    def f(x: float) -> float:
        return float(differences(scenario, alternative, measure, {driver: np.array([x])}, 1)[0])

    rising = bool(f_grid[-1] > f_grid[0])
    exact = np.flatnonzero(f_grid == 0)
    crossings = np.flatnonzero(np.sign(f_grid[:-1]) * np.sign(f_grid[1:]) < 0)
    if not len(exact) and not len(crossings):
        names = {a.id: a.name for a in scenario.alternatives}
        verdict = "dyrere" if f_grid.min() > 0 else "billigere"
        span = f"{show_value(driver, grid[0], scenario=scenario)} og {show_value(driver, grid[-1], scenario=scenario)}"
        raise NoBalance(
            Problem(
                driver,
                f"Ingen verdi av «{label}» mellom {span} gjør «{names[alternative]}» like dyrt som "
                f"«{names[scenario.baseline]}» ({measure_text(measure, scenario)}): det er {verdict} for alle verdier.",
            )
        )
    candidates = [float(grid[i]) for i in exact]
    for i in crossings:
        candidates.append(brentq(f, grid[i], grid[i + 1], xtol=1e-12 * max(abs(grid[i]), 1.0), rtol=1e-15, maxiter=200))
    value = min(candidates, key=lambda x: abs(x - current))
    return Solution(driver, value, float(current), alternative, measure, rising)


def _solve_month(scenario: Scenario, driver: str, alternative: str, measure: str) -> Solution:
    """Goal seek on a month: the cost changes in steps, so every month it may take is tried.

    The answer is where the alternative stops (or starts) being cheaper than the baseline: the change
    nearest today's month, as the last month it is cheaper (rising) or the first (falling).
    """
    current = whatif.effective_value(scenario, driver)
    now = month_index(current if current else scenario.start)
    first, last = _month_window(scenario, driver)
    months = np.arange(first, last + 1, dtype=float)
    f = differences(scenario, alternative, measure, {driver: months}, len(months))
    cheaper = f < -EQUAL_TOLERANCE_KR
    changes = np.flatnonzero(cheaper[:-1] != cheaper[1:])
    if not len(changes):
        names = {a.id: a.name for a in scenario.alternatives}
        verdict = "billigere" if cheaper.all() else "ikke billigere"
        span = f"{fmt.month_name(month_text(first))} og {fmt.month_name(month_text(last))}"
        raise NoBalance(
            Problem(
                driver,
                f"«{names[alternative]}» er {verdict} enn «{names[scenario.baseline]}» "
                f"({measure_text(measure, scenario)}) for alle måneder av «{driver_label(scenario, driver)}» "
                f"mellom {span}.",
            )
        )
    k = int(min(changes, key=lambda i: abs(months[i] + 0.5 - now)))
    rising = bool(cheaper[k])  # cheaper up to month k, not after it
    value = months[k] if rising else months[k + 1]
    return Solution(driver, float(value), float(now), alternative, measure, rising, months=True)


def _month_window(scenario: Scenario, driver: str) -> tuple[int, int]:
    """The months a month driver may take within the horizon, keeping each line's end at or after its start."""
    first, last = scenario.start_index, scenario.start_index + scenario.months - 1
    if is_assumption(driver):
        fields = [(r.driver, r.plus_months) for r in scenario.referring(driver.split(".")[1])]
    else:
        fields = [(driver, 0)]
    tied = {path for path, _ in fields}
    for path, plus in fields:
        line, field = path.rsplit(".", 1)
        other = f"{line}.{'end' if field == 'start' else 'start'}"
        if other in tied:
            continue  # tied to the same assumption: the distance is kept
        value = whatif.effective_value(scenario, other)
        if value is None:
            continue
        if field == "start":
            last = min(last, month_index(value) - plus)
        else:
            first = max(first, month_index(value) - plus)
    if first > last:
        raise ScenarioError(Problem(driver, "ingen måned i perioden holder slutt etter start for alle linjene"))
    return first, last


def _grid(current: float, low: float, high: float) -> np.ndarray:
    """Candidate values: today's, steps of 2^k around it out to 1 024 times its size, the ends; within [low, high]."""
    scale = max(abs(current), 1.0)
    steps = scale * 2.0 ** np.arange(-12, 11)
    points = np.concatenate([[current], current + steps, current - steps])
    if math.isfinite(low) and math.isfinite(high):
        points = np.concatenate([points, np.linspace(low, high, 101)])
    else:
        points = np.concatenate([points, [low] if math.isfinite(low) else []])
    return np.unique(np.clip(points, low, high))


def flip(scenario: Scenario, alternative: str, bars: list[Bar]) -> tuple[Solution | None, str | None]:
    """Goal seek in present value on the assumption that matters most (the first bar that is a number).

    The solution, or the sentence saying why nothing balances; (None, None) when no bar is a number.
    """
    for bar in bars:
        if scenario.ranges[bar.driver].months:
            continue
        try:
            return solve(scenario, bar.driver, alternative, "present_value"), None
        except NoBalance as exc:
            return None, exc.problems[0].message
    return None, None


def value_is_rate(driver: str, scenario: Scenario | None = None) -> bool:
    meta = whatif.path_field(driver, scenario)
    return meta is not None and meta.is_share


def show_value(driver: str, value: float, months: bool = False, scenario: Scenario | None = None) -> str:
    """A driver's value in Norwegian format: `4 933 951 kr`, `20,0 %`, `6`, `september 2019` (month numbers)."""
    if months:
        return fmt.month_name(month_text(value))
    return whatif.show(driver, float(value), scenario)


def plain_value(driver: str, value: float, months: bool = False, scenario: Scenario | None = None) -> str:
    """A typed value as the council reads it: `show_value`, with whole tens of thousands from a million in millions
    (`4 mill. kr`, `6,5 mill. kr`) so they stand beside the millions they move."""
    shown = show_value(driver, value, months, scenario)
    if shown.endswith(" kr") and abs(value) >= 1e6 and float(value / 1e4).is_integer():
        return f"{fmt.decimal(value / 1e6, 2)} mill. kr"
    return shown


def sentence(scenario: Scenario, solution: Solution) -> str:
    """The answer in one Norwegian sentence: at what value the alternative and the baseline cost the same."""
    names = {a.id: a.name for a in scenario.alternatives}
    alt, base = names[solution.alternative], names[scenario.baseline]
    if solution.months:
        month, now = (fmt.month_name(month_text(v)) for v in (solution.value, solution.current))
        when = "eller tidligere" if solution.rising else "eller senere"
        return (
            f"«{alt}» er billigere enn «{base}» ({measure_text(solution.measure, scenario)}) når "
            f"«{driver_label(scenario, solution.driver)}» er {month} {when} (i scenariet {now})."
        )
    value = show_value(solution.driver, solution.value, scenario=scenario)
    side = "under" if solution.rising else "over"
    return (
        f"«{alt}» og «{base}» koster det samme ({measure_text(solution.measure, scenario)}) når "
        f"«{driver_label(scenario, solution.driver)}» er {value} "
        f"(i scenariet {show_value(solution.driver, solution.current, scenario=scenario)}); "
        f"«{alt}» er billigst når verdien er {side} dette."
    )


# --- all of it, for the app, presentations and the workbook -------------------------------------------


@dataclass(frozen=True)
class Analysis:
    """The simulation summary, and per compared alternative: its differences per draw, tornado and flip point."""

    summary: dict
    differences: dict[str, np.ndarray]  # alternative → total minus the baseline's, per draw
    tornados: dict[str, tuple[float, list[Bar]]]
    flips: dict[str, tuple[Solution | None, str | None]]


def analyse(scenario: Scenario, progress=None) -> Analysis:
    """Simulate (progress as a share), then tornado and goal seek of each alternative against the baseline."""
    from costmodel.engine.simulation import simulate, summary

    sim = simulate(scenario, progress=progress)
    data = summary(sim)
    ids = [a.id for a in scenario.alternatives]
    differences, tornados, flips = {}, {}, {}
    for alternative in data["comparison"]:
        differences[alternative] = sim.total[:, ids.index(alternative)] - sim.total[:, ids.index(scenario.baseline)]
        tornados[alternative] = tornado(scenario, alternative)
        flips[alternative] = flip(scenario, alternative, tornados[alternative][1])
    return Analysis(data, differences, tornados, flips)


def tornado_values(scenario: Scenario) -> dict[str, tuple[str, str, str]]:
    """Each ranged driver's low and high as text, and its name as the council reads it (`plain_label`)."""
    names = plain_labels(scenario, list(scenario.ranges))
    out = {}
    for path, r in scenario.ranges.items():
        low, high = (plain_value(path, v, r.months, scenario) for v in (r.low, r.high))
        out[path] = (low, high, names[path])
    return out


def plain_labels(scenario: Scenario, paths: list[str]) -> dict[str, str]:
    """Drivers named for a reader who has not seen the file: the field first and capitalised, then the line without
    its parenthesis (`Årslønn – Tiltaksteam, 6 stillinger`, `Felleskostnader per årsverk`); the parenthesis and then
    the alternative come back only where two names would otherwise be the same."""

    def name(path: str, level: int) -> str:
        field = whatif.label(path, scenario).removesuffix(" (kr)")  # the values say «kr»
        field = field[:1].upper() + field[1:]
        parts = path.split(".")
        if len(parts) != 3 or parts[0] in ("growth", "capacity", "parameters", "assumptions"):
            return field
        line = _line(scenario, path).label
        if level == 0:
            line = re.sub(r"\s*\([^()]*\)\s*$", "", line) or line
        owner = f" ({whatif.where(scenario, path).split(' › ')[0]})" if level == 2 else ""
        return f"{field} – {line}{owner}"

    for level in range(3):
        names = {path: name(path, level) for path in paths}
        if len(set(names.values())) == len(names):
            break
    return names
