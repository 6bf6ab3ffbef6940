"""Capacity benchmark (issue 12): the engine with a need and its cover against the same scenario without.

The benchmark scenario (120 months, 3 alternatives, 60 lines) gets sick leave, refund and vacancy and a
need covered by consultants, so every alternative has a month-by-month gap and a «dekning» line. Aims: the
gap and cover add at most a third to the engine's time; 10 000 draws with ranged sick leave under 0,5 s.
"""

from __future__ import annotations

import copy

from bench_engine import benchmark_scenario, engine_all_views
from measure import load, paired, ratios, seconds, spread

from costmodel.engine import simulation
from costmodel.scenario import parse_scenario

DRAWS = 10_000


def with_capacity(data: dict, ranged: bool = False) -> dict:
    data = copy.deepcopy(data)
    sick = {"low": 0.06, "mode": 0.1, "high": 0.25} if ranged else 0.1
    data["parameters"] = {"sick_leave_rate": sick, "sick_pay_refund_rate": 0.6, "vacancy_rate": 0.05}
    data["capacity"] = {
        "need": {"fte": {"default": 40}},
        "cover": "consultant",
        "cover_price_per_fte": 1_400_000,
    }
    return data


def main() -> None:
    plain = parse_scenario(benchmark_scenario())
    capacity = parse_scenario(with_capacity(benchmark_scenario()))
    ranged = parse_scenario(with_capacity(benchmark_scenario(), ranged=True))
    engine_all_views(plain), engine_all_views(capacity)  # warm up
    t_capacity, t_plain = paired(lambda: engine_all_views(capacity), lambda: engine_all_views(plain), 200)
    simulation.simulate(ranged, 500, 1)
    t_sim = seconds(lambda: simulation.simulate(ranged, DRAWS, 1), 7)
    print(f"Capacity benchmark (repeated runs; {load()})")
    print("  scenario: 120 months, 3 alternatives, 60 lines; need 40 effective årsverk covered by consultants")
    print(f"  engine + all views, without capacity:  {spread(t_plain)}")
    print(f"  engine + all views, with capacity:     {spread(t_capacity)}")
    print(f"  ratio with / without:                  {spread(ratios(t_capacity, t_plain), 'x', 1)}   (aim: <= 1,33 x)")
    print(f"  simulate {DRAWS} draws, sick leave ranged: {spread(t_sim)}   (aim: under 500 ms)")


if __name__ == "__main__":
    main()
