"""Monte Carlo benchmark: 10 000 draws of the 120-month, 60-line, 3-alternative scenario (issue 5).

Every numeric driver of every line gets a range (PERT ±20 %), a third of the lines a start-month
range, and wage growth a range: the worst case, where every line's amount and the price index
vary by draw. The floor is a plain numpy copy of an array the size of the draws × months × lines
cost cube, measured in the same run (memory bandwidth). Aims: under 10 × the floor, under 1 s.
"""

from __future__ import annotations

import copy

import numpy as np
from bench_engine import benchmark_scenario, median_seconds

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


def main() -> None:
    scenario = parse_scenario(ranged(benchmark_scenario()))
    lines = sum(len(a.lines) for a in scenario.alternatives)
    simulation.simulate(scenario, 500, 1)  # warm up
    t_sim = median_seconds(lambda: simulation.simulate(scenario, DRAWS, 1), 5)
    sim = simulation.simulate(scenario, DRAWS, 1)
    t_summary = median_seconds(lambda: simulation.summary(sim), 5)
    cube = np.ones((DRAWS, scenario.months, lines))
    t_copy = median_seconds(lambda: cube.copy(), 5)
    t_tornado = median_seconds(lambda: sensitivity.tornado(scenario, "alt1"), 5)
    t_solve = median_seconds(lambda: sensitivity.solve(scenario, "alt1.l0.fte", "alt1"), 5)
    x = ("alt1.l0.fte", [float(v) for v in np.linspace(0.5, 10, 20)])
    y = ("growth.wages.default", [float(v) for v in np.linspace(0.0, 0.06, 20)])
    t_grid = median_seconds(lambda: grid(scenario, x, y, "alt1", "present_value"), 5)
    print("Monte Carlo benchmark (median of repeated runs)")
    print(
        f"  scenario: {scenario.months} months, {len(scenario.alternatives)} alternatives, {lines} lines, "
        f"{len(scenario.ranges)} ranged drivers, {DRAWS} draws"
    )
    print(f"  simulate (all draws):                  {t_sim * 1000:8.1f} ms   (aim: under 1 000 ms)")
    print(f"  summary (percentiles, probabilities):  {t_summary * 1000:8.1f} ms")
    print(f"  floor: numpy copy of the cost cube:    {t_copy * 1000:8.1f} ms   ({cube.nbytes / 1e6:.0f} MB)")
    print(f"  ratio simulate / floor:                {t_sim / t_copy:8.2f} x   (aim: under 10 x)")
    print(f"  tornado ({len(scenario.ranges)} drivers, low and high):    {t_tornado * 1000:8.1f} ms")
    print(f"  goal seek (one driver):                {t_solve * 1000:8.1f} ms")
    print(f"  grid 20 × 20 (costmodel grid):          {t_grid * 1000:8.1f} ms   (aim: well under 1 000 ms)")


if __name__ == "__main__":
    main()
