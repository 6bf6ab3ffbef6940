"""The cost engine: a validated scenario in, the tidy ledger out.

Each line kind's monthly amount is one small function of its drivers (docs/method.md §2). The
expansion over months is vectorised: a (lines × months) grid of activity masks times the monthly
amounts times the price index of each month's year. Nothing is rounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .reference import Reference, load_reference
from .scenario import (
    ConsultantLine,
    FixedLine,
    OneOffLine,
    PurchaseLine,
    Scenario,
    StaffLine,
    growth_years,
    index_series,
    month_index,
)

SERIES = ("wages", "prices", "none")
LEDGER_COLUMNS = [
    "alternative", "line", "kind", "label", "month", "year", "amount", "fte",
    "kostra_function", "kostra_art", "common",
]  # fmt: skip


@dataclass(frozen=True)
class Result:
    """A scenario's computed ledger and the budget structure every view is built on."""

    scenario: Scenario
    ledger: pd.DataFrame  # one row per alternative, line and active month (LEDGER_COLUMNS)
    lines: pd.DataFrame  # one row per (alternative, line) in budget order: label, kind, previous_year_amount
    months: pd.DatetimeIndex  # every modelled month (first day)
    years: list[int]  # every modelled calendar year


@dataclass(frozen=True)
class LineCost:
    """What a line costs per active month, once at its start, and the årsverk it carries."""

    monthly: float
    once: float = 0.0
    fte: float = 0.0


# --- one small function per line kind ----------------------------------------------------------


def staff_parameters(line: StaffLine, scenario: Scenario, ref: Reference) -> dict:
    """The staff parameters in force for a line: the line's own, else the scenario's, else the reference."""
    names = ("pension_rate", "holiday_pay_included", "holiday_pay_rate", "overhead_per_fte", "hours_per_fte")
    values = {}
    for name in names:
        own, common = getattr(line, name), getattr(scenario.parameters, name)
        values[name] = own if own is not None else common if common is not None else ref.default(name)
    values["employer_tax_rate"] = employer_tax_rate(line, scenario, ref)
    return values


def employer_tax_rate(line: StaffLine, scenario: Scenario, ref: Reference) -> float:
    """Arbeidsgiveravgift: a rate or zone on the line, else on the scenario, else the default zone.

    A zone gives the rate in force in the price-basis year.
    """
    for level in (line, scenario.parameters):
        if level.employer_tax_rate is not None:
            return level.employer_tax_rate
        if level.employer_tax_zone is not None:
            return ref.employer_tax_rate(level.employer_tax_zone, scenario.basis_year).value
    return ref.employer_tax_rate(ref.default("employer_tax_zone"), scenario.basis_year).value


def staff_cost_per_fte(line: StaffLine, p: dict) -> float:
    """Full annual cost of one årsverk (fullkost): salary, pension, employer's tax and overhead."""
    if line.annual_cost_per_fte is not None:
        return line.annual_cost_per_fte
    salary = line.annual_salary if p["holiday_pay_included"] else line.annual_salary * (1 + p["holiday_pay_rate"])
    pension = line.annual_salary * p["pension_rate"]
    tax = (salary + pension) * p["employer_tax_rate"]
    return salary + pension + tax + p["overhead_per_fte"]


def staff_cost(line: StaffLine, scenario: Scenario, ref: Reference) -> LineCost:
    p = staff_parameters(line, scenario, ref)
    return LineCost(
        monthly=line.fte * staff_cost_per_fte(line, p) / 12,
        once=line.fte * (line.recruitment_cost or 0.0),
        fte=line.fte,
    )


def hours_per_fte(line: ConsultantLine, scenario: Scenario, ref: Reference) -> float:
    if line.hours_per_fte is not None:
        return line.hours_per_fte
    if scenario.parameters.hours_per_fte is not None:
        return scenario.parameters.hours_per_fte
    return ref.default("hours_per_fte")


def vat_factor(line: ConsultantLine | PurchaseLine) -> float:
    """1 + VAT when the municipality cannot get the VAT back (momskompensasjon), else 1."""
    return 1.0 if line.vat_compensated else 1.0 + line.vat_rate


def consultant_cost(line: ConsultantLine, scenario: Scenario, ref: Reference) -> LineCost:
    hours = hours_per_fte(line, scenario, ref)
    if line.annual_price_per_fte is not None:
        monthly, fte = line.fte * line.annual_price_per_fte / 12, line.fte
    elif line.fte is not None:
        monthly, fte = line.fte * hours * line.hourly_rate / 12, line.fte
    else:
        monthly, fte = line.hours_per_month * line.hourly_rate, line.hours_per_month * 12 / hours
    return LineCost(monthly=monthly * vat_factor(line), fte=fte)


def purchase_cost(line: PurchaseLine, scenario: Scenario, ref: Reference) -> LineCost:
    if line.annual_amount is not None:
        monthly = line.annual_amount / 12
    else:
        monthly = line.units_per_month * line.unit_price
    return LineCost(monthly=monthly * vat_factor(line))


def fixed_cost(line: FixedLine, scenario: Scenario, ref: Reference) -> LineCost:
    return LineCost(monthly=line.annual_amount / 12)


def one_off_cost(line: OneOffLine, scenario: Scenario, ref: Reference) -> LineCost:
    return LineCost(monthly=0.0, once=line.amount)


LINE_COST = {
    "staff": staff_cost,
    "consultant": consultant_cost,
    "purchase": purchase_cost,
    "fixed": fixed_cost,
    "one_off": one_off_cost,
}


# --- prices over time ----------------------------------------------------------------------------


def price_index(scenario: Scenario, series: str, years: list[int]) -> np.ndarray:
    """I(y) for each year: 1 in the price basis, chained by (1 + g(y)) forwards and backwards."""
    if scenario.prices == "fixed" or series == "none":
        return np.ones(len(years))
    rates = scenario.growth.series(series)
    growth = {y: rates.get(y, rates.get("default")) for y in growth_years(scenario)}
    basis = scenario.basis_year
    index = {basis: 1.0}
    for year in range(basis + 1, max(years) + 1):
        index[year] = index[year - 1] * (1 + growth[year])
    for year in range(basis - 1, min(years) - 1, -1):
        index[year] = index[year + 1] / (1 + growth[year + 1])
    return np.array([index[y] for y in years])


# --- the ledger ----------------------------------------------------------------------------------


def compute(scenario: Scenario, reference: Reference | None = None) -> Result:
    """Expand every line of every alternative over the horizon into the tidy ledger."""
    ref = reference or load_reference()
    first = scenario.start_index
    month_numbers = first + np.arange(scenario.months)
    years = list(range(scenario.start_year, scenario.end_year + 1))
    year_position = month_numbers // 12 - scenario.start_year
    index = np.vstack([price_index(scenario, s, years) for s in SERIES])[:, year_position]

    records = []
    common_ids = {line.id for line in scenario.common}
    for alt in scenario.alternatives:
        for line in scenario.lines_of(alt.id):
            cost = LINE_COST[line.kind](line, scenario, ref)
            records.append(
                {
                    "alternative": alt.id,
                    "line": line.id,
                    "kind": line.kind,
                    "label": line.label,
                    "kostra_function": line.kostra_function,
                    "kostra_art": line.kostra_art,
                    "common": line.id in common_ids,
                    "previous_year_amount": line.previous_year_amount,
                    "start": month_index(line.start or scenario.start),
                    "end": month_index(line.end) if line.end else np.iinfo(np.int64).max,
                    "series": SERIES.index(index_series(line)),
                    "monthly": cost.monthly,
                    "once": cost.once,
                    "fte": cost.fte,
                }
            )
    lines = pd.DataFrame.from_records(records, columns=[*LEDGER_COLUMNS[:4], "kostra_function", "kostra_art", "common",
                                                        "previous_year_amount", "start", "end", "series",
                                                        "monthly", "once", "fte"])  # fmt: skip

    start = lines["start"].to_numpy(np.int64)[:, None]
    end = lines["end"].to_numpy(np.int64)[:, None]
    recurring = (lines["kind"] != "one_off").to_numpy()[:, None]
    active = recurring & (month_numbers >= start) & (month_numbers <= end)
    at_start = month_numbers == start
    amounts = (
        active * lines["monthly"].to_numpy(float)[:, None] + at_start * lines["once"].to_numpy(float)[:, None]
    ) * index[lines["series"].to_numpy(np.int64)]
    rows, cols = np.nonzero(active | (at_start & ~recurring))

    months = pd.date_range(pd.Timestamp(year=first // 12, month=first % 12 + 1, day=1), periods=scenario.months,
                           freq="MS")  # fmt: skip
    ledger = lines.iloc[rows][[*LEDGER_COLUMNS[:4], "kostra_function", "kostra_art", "common"]].reset_index(drop=True)
    ledger["month"] = months[cols]
    ledger["year"] = (month_numbers[cols] // 12).astype(np.int64)
    ledger["amount"] = amounts[rows, cols]
    ledger["fte"] = lines["fte"].to_numpy(float)[rows] * active[rows, cols]
    return Result(
        scenario=scenario,
        ledger=ledger[LEDGER_COLUMNS],
        lines=lines.set_index(["alternative", "line"])[["kind", "label", "common", "previous_year_amount",
                                                        "kostra_function", "kostra_art"]],  # fmt: skip
        months=months,
        years=years,
    )
