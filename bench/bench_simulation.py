"""Monte Carlo benchmark: 10 000 draws of the 120-month, 60-line, 3-alternative scenario (issue 5).

Every numeric driver of every line gets a range (PERT ±20 %), a third of the lines a start-month
range, and wage growth a range: the worst case, where every line's amount and the price index
vary by draw. The floor is a plain numpy copy of an array the size of the draws × months × lines
cost cube, measured in the same run (memory bandwidth). The same again with capacity (ranged sick leave, a need
covered by consultants) and named assumptions (an hourly rate and a start month that several lines refer to,
both ranged). Aims: under 10 × the floor and under 0,5 s, both ways; a 20 × 20 grid under 1 s.
"""

from __future__ import annotations

import copy

import numpy as np
from bench_capacity import with_capacity
from bench_engine import benchmark_scenario
from measure import load, paired, ratios, seconds, spread

from costmodel.engine import sensitivity, simulation
from costmodel.engine.grid import grid
from costmodel.scenario import parse_scenario

DRAWS = 10_000
MONEY = (
    "fte",
    "annual_salary",
    "annual_price_per_fte",
    "hours_per_month",
    "hourly_rate",
    "units_per_month",
    "unit_price",
    "annual_amount",
    "amount",
    "recruitment_cost",
)


def ranged(data: dict) -> dict:
    data = copy.deepcopy(data)
    for alt in data["alternatives"]:
        for k, line in enumerate(alt["lines"]):
            for field in MONEY:
                value = line.get(field)
                if isinstance(value, (int, float)) and value:
                    low, high = sorted((value * 0.8, value * 1.2))
                    line[field] = {"low": low, "mode": value, "high": high}
            if k % 3 == 0 and "end" not in line:
                year, month = map(int, line["start"].split("-"))
                n = year * 12 + month - 1
                line["start"] = {"low": line["start"], "high": f"{(n + 6) // 12:04d}-{(n + 6) % 12 + 1:02d}"}
    data["growth"]["wages"]["default"] = {"low": 0.02, "mode": 0.035, "high": 0.06}
    return data


def with_assumptions(data: dict) -> dict:
    """Hourly rates and the first staff line's start as named assumptions (ranged) that the lines refer to."""
    data = copy.deepcopy(data)
    data["assumptions"] = {
        "timepris": {"low": 800, "mode": 950, "high": 1300, "label": "Timepris"},
        "ansatt_fra": {"low": "2024-03", "mode": "2024-06", "high": "2025-01", "label": "Ansatte på plass"},
    }
    for alt in data["alternatives"]:
        for line in alt["lines"]:
            if "hourly_rate" in line:
                line["hourly_rate"] = {"ref": "timepris"}
            if line["kind"] == "staff" and "end" not in line:
                line["start"] = {"ref": "ansatt_fra"}
    return data


def main() -> None:
    scenario = parse_scenario(ranged(benchmark_scenario()))
    full = parse_scenario(with_assumptions(with_capacity(ranged(benchmark_scenario()), ranged=True)))
    lines = sum(len(a.lines) for a in scenario.alternatives)
    simulation.simulate(scenario, 500, 1), simulation.simulate(full, 500, 1)  # warm up
    cube = np.ones((DRAWS, scenario.months, lines))
    t_sim, t_copy = paired(lambda: simulation.simulate(scenario, DRAWS, 1), lambda: cube.copy(), 7)
    t_full, t_copy_full = paired(lambda: simulation.simulate(full, DRAWS, 1), lambda: cube.copy(), 7)
    sim = simulation.simulate(scenario, DRAWS, 1)
    t_summary = seconds(lambda: simulation.summary(sim), 5)
    t_tornado = seconds(lambda: sensitivity.tornado(scenario, "alt1"), 5)
    t_solve = seconds(lambda: sensitivity.solve(scenario, "alt1.l0.fte", "alt1"), 5)
    x = ("alt1.l0.fte", [float(v) for v in np.linspace(0.5, 10, 20)])
    y = ("growth.wages.default", [float(v) for v in np.linspace(0.0, 0.06, 20)])
    t_grid = seconds(lambda: grid(scenario, x, y, "alt1", "present_value"), 5)
    print(f"Monte Carlo benchmark (repeated runs; {load()})")
    print(
        f"  scenario: {scenario.months} months, {len(scenario.alternatives)} alternatives, {lines} lines, "
        f"{len(scenario.ranges)} ranged drivers, {DRAWS} draws"
    )
    print(f"  simulate (all draws):                  {spread(t_sim)}   (aim: under 500 ms)")
    print(f"  summary (percentiles, probabilities):  {spread(t_summary)}")
    print(f"  floor: numpy copy of the cost cube:    {spread(t_copy)}   ({cube.nbytes / 1e6:.0f} MB)")
    print(f"  ratio simulate / floor:                {spread(ratios(t_sim, t_copy), 'x', 1)}   (aim: under 10 x)")
    print(f"  with capacity and assumptions ({len(full.ranges)} ranged drivers):")
    print(f"    simulate (all draws):                {spread(t_full)}   (aim: under 500 ms)")
    print(f"    ratio simulate / floor:              {spread(ratios(t_full, t_copy_full), 'x', 1)}   (aim: under 10 x)")
    print(f"  tornado ({len(scenario.ranges)} drivers, low and high):    {spread(t_tornado)}")
    print(f"  goal seek (one driver):                {spread(t_solve)}")
    print(f"  grid 20 × 20 (costmodel grid):          {spread(t_grid)}   (aim: under 1 000 ms)")


if __name__ == "__main__":
    main()
