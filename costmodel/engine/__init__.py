"""The cost engine: a validated scenario in, the tidy ledger out.

Each line kind's monthly amount is one small function of its drivers (docs/method.md §2). The
expansion over months is vectorised: a (lines × months) grid of activity masks times the monthly
amounts times the price index of each month's year. Nothing is rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from costmodel.parameters import Reference, load_reference
from costmodel.scenario import (
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
LINE_COLUMNS = ["alternative", "line", "kind", "label", "common", "previous_year_amount", "kostra_function", "kostra_art"]


@dataclass(frozen=True)
class Result:
    """A scenario's ledger and the budget structure every view is built on.

    The ledger is held as columns: one entry per alternative, line and active month in
    `row_line` (position in `line_info`), `row_month` (position in `month_numbers`), `amount`
    and `fte`. `ledger` gives the same rows as a tidy DataFrame; views sum these rows (views.py).
    """

    scenario: Scenario
    line_info: tuple[tuple, ...]  # per line, in budget order: the values of LINE_COLUMNS
    line_alternative: np.ndarray  # per line: position of its alternative in `alternatives`
    previous_year_amount: np.ndarray  # per line
    row_line: np.ndarray
    row_month: np.ndarray
    amount: np.ndarray
    fte: np.ndarray
    month_numbers: np.ndarray  # every modelled month as year × 12 + month − 1
    years: list[int]  # every modelled calendar year

    @property
    def alternatives(self) -> list[str]:
        return [a.id for a in self.scenario.alternatives]

    @cached_property
    def month_year(self) -> np.ndarray:
        """Position of each month's year in `years`."""
        return self.month_numbers // 12 - self.years[0]

    @cached_property
    def months(self) -> pd.DatetimeIndex:
        """Every modelled month (its first day)."""
        return pd.DatetimeIndex((self.month_numbers - 1970 * 12).astype("datetime64[M]").astype("datetime64[ns]"))

    @cached_property
    def lines(self) -> pd.DataFrame:
        """One row per (alternative, line) in budget order: kind, label, common, previous_year_amount, KOSTRA."""
        return pd.DataFrame(list(self.line_info), columns=LINE_COLUMNS).set_index(["alternative", "line"])

    @cached_property
    def ledger(self) -> pd.DataFrame:
        """The tidy ledger (hovedbok): one row per alternative, line and active month (LEDGER_COLUMNS)."""
        info = self.lines.reset_index().iloc[self.row_line].reset_index(drop=True)
        months = self.months[self.row_month]
        frame = info.assign(month=months, year=months.year.astype(np.int64), amount=self.amount, fte=self.fte)
        return frame[LEDGER_COLUMNS]


@dataclass(frozen=True)
class LineCost:
    """What a line costs per active month, once at its start, and the årsverk it carries."""

    monthly: float
    once: float = 0.0
    fte: float = 0.0


# --- one small function per line kind ----------------------------------------------------------


STAFF_PARAMETERS = ("pension_rate", "holiday_pay_included", "holiday_pay_rate", "overhead_per_fte", "hours_per_fte")


@dataclass(frozen=True)
class Context:
    """What every line's cost may depend on besides its own drivers: the scenario-wide parameters."""

    parameters: dict  # STAFF_PARAMETERS and employer_tax_rate as in force for the whole scenario
    reference: Reference
    basis_year: int


def scenario_context(scenario: Scenario, ref: Reference) -> Context:
    """Scenario-wide parameters: the scenario's `parameters:`, else the reference defaults (docs/method.md §2)."""
    own = scenario.parameters
    values = {name: getattr(own, name) if getattr(own, name) is not None else ref.default(name) for name in STAFF_PARAMETERS}
    if own.employer_tax_rate is not None:
        values["employer_tax_rate"] = own.employer_tax_rate
    else:
        zone = own.employer_tax_zone or ref.default("employer_tax_zone")
        values["employer_tax_rate"] = ref.employer_tax_rate(zone, scenario.basis_year).value
    return Context(values, ref, scenario.basis_year)


def staff_parameters(line: StaffLine, ctx: Context) -> dict:
    """The staff parameters in force for a line: the line's own, else the scenario-wide ones."""
    values = dict(ctx.parameters)
    for name in STAFF_PARAMETERS:
        if getattr(line, name) is not None:
            values[name] = getattr(line, name)
    if line.employer_tax_rate is not None:
        values["employer_tax_rate"] = line.employer_tax_rate
    elif line.employer_tax_zone is not None:
        values["employer_tax_rate"] = ctx.reference.employer_tax_rate(line.employer_tax_zone, ctx.basis_year).value
    return values


def staff_cost_per_fte(line: StaffLine, p: dict) -> float:
    """Full annual cost of one årsverk (fullkost): salary, pension, employer's tax and overhead."""
    if line.annual_cost_per_fte is not None:
        return line.annual_cost_per_fte
    salary = line.annual_salary if p["holiday_pay_included"] else line.annual_salary * (1 + p["holiday_pay_rate"])
    pension = line.annual_salary * p["pension_rate"]
    tax = (salary + pension) * p["employer_tax_rate"]
    return salary + pension + tax + p["overhead_per_fte"]


def staff_cost(line: StaffLine, ctx: Context) -> LineCost:
    p = staff_parameters(line, ctx)
    return LineCost(
        monthly=line.fte * staff_cost_per_fte(line, p) / 12,
        once=line.fte * (0.0 if line.recruitment_cost is None else line.recruitment_cost),
        fte=line.fte,
    )


def vat_factor(line: ConsultantLine | PurchaseLine) -> float:
    """1 + VAT when the municipality cannot get the VAT back (momskompensasjon), else 1."""
    return 1.0 if line.vat_compensated else 1.0 + line.vat_rate


def consultant_cost(line: ConsultantLine, ctx: Context) -> LineCost:
    hours = line.hours_per_fte if line.hours_per_fte is not None else ctx.parameters["hours_per_fte"]
    if line.annual_price_per_fte is not None:
        monthly, fte = line.fte * line.annual_price_per_fte / 12, line.fte
    elif line.fte is not None:
        monthly, fte = line.fte * hours * line.hourly_rate / 12, line.fte
    else:
        monthly, fte = line.hours_per_month * line.hourly_rate, line.hours_per_month * 12 / hours
    return LineCost(monthly=monthly * vat_factor(line), fte=fte)


def purchase_cost(line: PurchaseLine, ctx: Context) -> LineCost:
    if line.annual_amount is not None:
        monthly = line.annual_amount / 12
    else:
        monthly = line.units_per_month * line.unit_price
    return LineCost(monthly=monthly * vat_factor(line))


def fixed_cost(line: FixedLine, ctx: Context) -> LineCost:
    return LineCost(monthly=line.annual_amount / 12)


def one_off_cost(line: OneOffLine, ctx: Context) -> LineCost:
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
    """I(y) for each year: 1 in the price basis, chained by (1 + g(y)) forwards and backwards.

    Growth rates may be arrays over draws (simulation.py); the index then has a column per draw.
    """
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
    return np.stack(np.broadcast_arrays(*[np.asarray(index[y], dtype=float) for y in years]))  # (years,) or (years, draws)


# --- the ledger ----------------------------------------------------------------------------------


def compute(scenario: Scenario, reference: Reference | None = None) -> Result:
    """Expand every line of every alternative over the horizon into the ledger."""
    ctx = scenario_context(scenario, reference or load_reference())
    first = scenario.start_index
    month_numbers = first + np.arange(scenario.months)
    years = list(range(scenario.start_year, scenario.end_year + 1))
    index = np.vstack([price_index(scenario, s, years) for s in SERIES])[:, month_numbers // 12 - years[0]]

    info, drivers = [], []
    common_ids = {line.id for line in scenario.common}
    never = np.iinfo(np.int64).max
    for a, alt in enumerate(scenario.alternatives):
        for line in scenario.lines_of(alt.id):
            cost = LINE_COST[line.kind](line, ctx)
            info.append((alt.id, line.id, line.kind, line.label, line.id in common_ids, line.previous_year_amount,
                         line.kostra_function, line.kostra_art))  # fmt: skip
            drivers.append((a, month_index(line.start or scenario.start), month_index(line.end) if line.end else never,
                            SERIES.index(index_series(line)), line.kind != "one_off", cost.monthly, cost.once,
                            cost.fte, line.previous_year_amount))  # fmt: skip
    columns = [np.array(c) for c in zip(*drivers)] if drivers else [np.zeros(0, dtype=np.int64)] * 9
    alternative, start, end, series, recurring, monthly, once, fte, previous = columns
    recurring = recurring.astype(bool)

    active = recurring[:, None] & (month_numbers >= start[:, None]) & (month_numbers <= end[:, None])
    at_start = month_numbers == start[:, None]
    row_line, row_month = np.nonzero(active | (at_start & ~recurring[:, None]))
    row_active = active[row_line, row_month]
    row_amount = (np.where(row_active, monthly[row_line], 0.0) + np.where(at_start[row_line, row_month], once[row_line], 0.0))
    return Result(
        scenario=scenario,
        line_info=tuple(info),
        line_alternative=alternative.astype(np.int64),
        previous_year_amount=previous.astype(float),
        row_line=row_line,
        row_month=row_month,
        amount=row_amount * index[series[row_line].astype(np.int64), row_month],
        fte=np.where(row_active, fte[row_line], 0.0),
        month_numbers=month_numbers,
        years=years,
    )
