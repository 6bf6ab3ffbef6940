"""Each line kind, prices over time, VAT, recruitment, partial years and break-even edges."""

import numpy as np
import pandas as pd
from helpers import line_annual, run, scenario
from pytest import approx

from costmodel.engine import compute
from costmodel.engine.views import break_even_month
from costmodel.scenario import parse_scenario


def test_staff_with_salary_adds_pension_tax_and_overhead():
    data = scenario(
        [{"id": "s", "label": "S", "kind": "staff", "fte": 2, "annual_salary": 500_000}],
        parameters={"pension_rate": 0.2, "employer_tax_rate": 0.141, "overhead_per_fte": 10_000},
    )
    per_fte = 500_000 + 100_000 + 600_000 * 0.141 + 10_000
    assert line_annual(data, "s")["2020"] == approx(2 * per_fte)


def test_staff_holiday_pay_added_when_not_in_salary():
    data = scenario(
        [
            {
                "id": "s",
                "label": "S",
                "kind": "staff",
                "fte": 1,
                "annual_salary": 400_000,
                "holiday_pay_included": False,
                "holiday_pay_rate": 0.12,
                "pension_rate": 0.1,
                "employer_tax_rate": 0.1,
            }
        ]
    )
    salary, pension = 400_000 * 1.12, 40_000
    assert line_annual(data, "s")["2020"] == approx(salary + pension + (salary + pension) * 0.1)


def test_staff_zone_gives_the_reference_rate():
    data = scenario(
        [
            {
                "id": "s",
                "label": "S",
                "kind": "staff",
                "fte": 1,
                "annual_salary": 100_000,
                "pension_rate": 0,
                "employer_tax_zone": "III",
            }
        ]
    )
    assert line_annual(data, "s")["2020"] == approx(100_000 * 1.064)


def test_staff_recruitment_is_a_one_off_in_the_start_month():
    data = scenario(
        [
            {
                "id": "s",
                "label": "S",
                "kind": "staff",
                "fte": 3,
                "annual_cost_per_fte": 120_000,
                "recruitment_cost": 20_000,
                "start": "2020-07",
            }
        ]
    )
    ledger = compute(parse_scenario(data)).ledger
    july = ledger[ledger.month == pd.Timestamp("2020-07-01")].amount.iloc[0]
    august = ledger[ledger.month == pd.Timestamp("2020-08-01")].amount.iloc[0]
    assert july == approx(30_000 + 60_000) and august == approx(30_000)


def test_consultant_three_ways():
    lines = [
        {"id": "y", "label": "Y", "kind": "consultant", "fte": 2, "annual_price_per_fte": 1_200_000},
        {"id": "h", "label": "H", "kind": "consultant", "fte": 1, "hourly_rate": 1000, "hours_per_fte": 1500},
        {"id": "m", "label": "M", "kind": "consultant", "hours_per_month": 100, "hourly_rate": 900},
    ]
    result = run(scenario(lines))["alternatives"]["a"]
    assert result["lines"]["y"]["annual"]["2020"] == approx(2_400_000)
    assert result["lines"]["h"]["annual"]["2020"] == approx(1_500_000)
    assert result["lines"]["m"]["annual"]["2020"] == approx(1_080_000)
    assert result["fte"]["2020"] == approx(2 + 1 + 100 * 12 / 1695)


def test_vat_only_when_not_compensated():
    lines = [
        {"id": "p", "label": "P", "kind": "purchase", "annual_amount": 120_000, "vat_rate": 0.25},
        {
            "id": "q",
            "label": "Q",
            "kind": "purchase",
            "units_per_month": 2,
            "unit_price": 5000,
            "vat_rate": 0.25,
            "vat_compensated": False,
        },
    ]
    result = run(scenario(lines))["alternatives"]["a"]["lines"]
    assert result["p"]["annual"]["2020"] == approx(120_000)
    assert result["q"]["annual"]["2020"] == approx(2 * 5000 * 12 * 1.25)


def test_fixed_and_one_off_may_be_negative():
    lines = [
        {"id": "f", "label": "F", "kind": "fixed", "annual_amount": -60_000, "start": "2020-07"},
        {"id": "o", "label": "O", "kind": "one_off", "amount": -5_000, "start": "2021-03"},
    ]
    result = run(scenario(lines))["alternatives"]["a"]["lines"]
    assert result["f"]["annual"] == approx({"2020": -30_000, "2021": -60_000})
    assert result["o"]["annual"] == approx({"2020": 0, "2021": -5_000})


def test_partial_first_and_last_year_and_lines_beyond_the_horizon():
    data = scenario(
        [
            {"id": "x", "label": "X", "kind": "fixed", "annual_amount": 12_000, "start": "2019-01", "end": "2030-12"},
            {"id": "late", "label": "L", "kind": "fixed", "annual_amount": 12_000, "start": "2025-01"},
            {"id": "gone", "label": "G", "kind": "one_off", "amount": 99, "start": "2019-06"},
        ],
        start="2020-10",
        months=15,
    )
    result = run(data)["alternatives"]["a"]["lines"]
    assert result["x"]["annual"] == approx({"2020": 3_000, "2021": 12_000})
    assert result["late"]["annual"] == approx({"2020": 0, "2021": 0})
    assert result["gone"]["annual"] == approx({"2020": 0, "2021": 0})


def test_previous_year_amount_sets_the_first_change():
    data = scenario(
        [{"id": "x", "label": "X", "kind": "fixed", "annual_amount": 100_000, "previous_year_amount": 80_000}]
    )
    result = run(data)["alternatives"]["a"]
    assert result["lines"]["x"]["changes"] == approx({"2020": 20_000, "2021": 0})
    assert result["changes"]["2020"] == approx(20_000)


def test_nominal_prices_index_forwards_and_backwards_from_the_basis():
    data = scenario(
        [
            {"id": "w", "label": "W", "kind": "consultant", "fte": 1, "annual_price_per_fte": 1_000_000},
            {"id": "p", "label": "P", "kind": "fixed", "annual_amount": 1_000_000},
            {"id": "n", "label": "N", "kind": "fixed", "annual_amount": 1_000_000, "index": "none"},
        ],
        start="2019-01",
        months=36,
        price_basis=2020,
        prices="nominal",
        growth={"wages": {2020: 0.04, "default": 0.03}, "prices": {"default": 0.02}},
    )
    lines = run(data)["alternatives"]["a"]["lines"]
    assert lines["w"]["annual"] == approx({"2019": 1e6 / 1.04, "2020": 1e6, "2021": 1e6 * 1.03})
    assert lines["p"]["annual"] == approx({"2019": 1e6 / 1.02, "2020": 1e6, "2021": 1e6 * 1.02})
    assert lines["n"]["annual"] == approx({"2019": 1e6, "2020": 1e6, "2021": 1e6})


def test_named_growth_series_from_the_state_budget():
    data = scenario(
        [{"id": "p", "label": "P", "kind": "fixed", "annual_amount": 1_000_000}],
        start="2022-01",
        months=24,
        prices="nominal",
        growth="statsbudsjett",
    )
    assert line_annual(data, "p") == approx({"2022": 1e6, "2023": 1e6 * 1.037})


def test_fte_is_the_mean_over_modelled_months():
    data = scenario(
        [{"id": "s", "label": "S", "kind": "staff", "fte": 4, "annual_cost_per_fte": 1, "start": "2020-10"}],
        start="2020-07",
        months=12,
    )
    assert run(data)["alternatives"]["a"]["fte"] == approx({"2020": 2.0, "2021": 4.0})


def test_present_value_discounts_each_year_to_the_start_year():
    data = scenario(
        [{"id": "f", "label": "F", "kind": "fixed", "annual_amount": 1_000_000}], months=36, discount_rate=0.05
    )
    assert run(data)["alternatives"]["a"]["present_value"] == approx(1e6 * (1 + 1 / 1.05 + 1 / 1.05**2))


MONTHS = pd.date_range("2020-01-01", periods=4, freq="MS")


def test_break_even_never():
    assert break_even_month(np.array([2.0, 2, 2, 2]), np.array([1.0, 1, 1, 1]), MONTHS) is None


def test_break_even_from_the_first_month():
    assert break_even_month(np.array([1.0, 1, 1, 1]), np.array([1.0, 2, 1, 1]), MONTHS) == "2020-01"


def test_break_even_crossing_back_and_forth_takes_the_last_crossing():
    # cumulative difference: −1, +1, −1, −1 → cheaper from March for good
    assert break_even_month(np.array([0.0, 3, 0, 1]), np.array([1.0, 1, 2, 1]), MONTHS) == "2020-03"


def test_break_even_lost_in_the_last_month_is_none():
    assert break_even_month(np.array([0.0, 0, 0, 5]), np.array([1.0, 1, 1, 1]), MONTHS) is None


def test_comparison_against_the_baseline():
    alternatives = [
        {"id": "buy", "name": "Kjøp", "lines": [{"id": "k", "label": "K", "kind": "fixed", "annual_amount": 120}]},
        {
            "id": "own",
            "name": "Egne",
            "lines": [
                {"id": "o", "label": "O", "kind": "one_off", "amount": 30},
                {"id": "e", "label": "E", "kind": "fixed", "annual_amount": 60},
            ],
        },
    ]
    comparison = run(scenario(alternatives=alternatives, baseline="buy"))["comparison"]
    assert set(comparison) == {"own"}
    own = comparison["own"]
    assert own["difference_by_year"] == approx({"2020": -30, "2021": -60})
    assert own["total_difference"] == approx(-90)
    # month 1: 35 vs 10; from then 5 a month cheaper: cumulative equal after 5 months (June)
    assert own["break_even_month"] == "2020-06"


def test_ledger_columns_and_kostra_codes():
    data = scenario(
        [
            {
                "id": "s",
                "label": "S",
                "kind": "staff",
                "fte": 1,
                "annual_cost_per_fte": 12,
                "kostra_function": "244",
                "kostra_art": "010",
            }
        ]
    )
    ledger = compute(parse_scenario(data)).ledger
    assert list(ledger.columns) == [
        "alternative",
        "line",
        "kind",
        "label",
        "month",
        "year",
        "amount",
        "fte",
        "kostra_function",
        "kostra_art",
        "common",
    ]
    assert len(ledger) == 24 and set(ledger.kostra_art) == {"010"} and ledger.amount.sum() == approx(24)
