"""Capacity benchmark (issue 12): the engine with a need and its cover against the same scenario without.

The benchmark scenario (120 months, 3 alternatives, 60 lines) gets sick leave, refund and vacancy and a
need covered by consultants, so every alternative has a month-by-month gap and a «dekning» line. Aims: the
gap and cover add at most a third to the engine's time; 10 000 draws with ranged sick leave under 1 s.
"""

from __future__ import annotations

import copy

from bench_engine import benchmark_scenario, engine_all_views, median_seconds

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
    t_plain = median_seconds(lambda: engine_all_views(plain), 200)
    t_capacity = median_seconds(lambda: engine_all_views(capacity), 200)
    simulation.simulate(ranged, 500, 1)
    t_sim = median_seconds(lambda: simulation.simulate(ranged, DRAWS, 1), 5)
    print("Capacity benchmark (median of repeated runs)")
    print("  scenario: 120 months, 3 alternatives, 60 lines; need 40 effective årsverk covered by consultants")
    print(f"  engine + all views, without capacity:  {t_plain * 1000:8.2f} ms")
    print(f"  engine + all views, with capacity:     {t_capacity * 1000:8.2f} ms")
    print(f"  ratio with / without:                  {t_capacity / t_plain:8.2f} x   (aim: at most 1,33 x)")
    print(f"  simulate {DRAWS} draws, sick leave ranged: {t_sim * 1000:8.1f} ms   (aim: under 1 000 ms)")


if __name__ == "__main__":
    main()
