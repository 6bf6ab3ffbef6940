"""The ledger: a validated scenario in, every line's cost in every month out (docs/method.md §2–4).

Each line's cost comes from its kind's rule (kinds.py). The expansion over months is vectorised:
a (lines × months) grid of activity masks times the monthly amounts times the price index of each
month's year (§3). Nothing is rounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from costmodel.engine.kinds import LINE_COST, LineCost, Parts, scenario_context
from costmodel.parameters import Reference, load_reference
from costmodel.scenario import Scenario, growth_years, index_series, month_index, used_series

if TYPE_CHECKING:
    import pandas as pd

SERIES = ("wages", "prices", "none")
LEDGER_COLUMNS = [
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


class LineInfo(NamedTuple):
    """One budget line of one alternative, as the ledger and every table name it.

    Attributes:
      alternative: the alternative's id.
      line: the line's id.
      kind: staff, consultant, purchase, fixed or one_off.
      label: the line's text.
      common: whether the line is one of the scenario's common lines.
      previous_year_amount: its level the year before the horizon (for the first year's change).
      kostra_function, kostra_art: its KOSTRA codes, or None.
      partner: the partner municipality that pays the whole line, or None (split by the key).
    """

    alternative: str
    line: str
    kind: str
    label: str
    common: bool
    previous_year_amount: float
    kostra_function: str | None
    kostra_art: str | None
    partner: str | None = None


@dataclass(frozen=True)
class Result:
    """A scenario's ledger and the budget structure every view is built on.

    The ledger is held as columns: one entry per alternative, line and active month in
    `row_line` (position in `line_info`), `row_month` (position in `month_numbers`), `amount`
    and `fte`. `ledger` gives the same rows as a tidy DataFrame; views sum these rows (views.py).
    """

    scenario: Scenario
    line_info: tuple[LineInfo, ...]  # per line of each alternative, in budget order
    line_costs: tuple[LineCost, ...]  # per line, as line_info: its cost in named parts (kinds.py)
    index: Mapping[str, np.ndarray]  # per growth series (wages, prices, none): the price index of each year
    line_alternative: np.ndarray  # per line: position of its alternative in `alternatives`
    previous_year_amount: np.ndarray  # per line
    row_line: np.ndarray
    row_month: np.ndarray
    amount: np.ndarray
    fte: np.ndarray
    month_numbers: np.ndarray  # every modelled month as year × 12 + month − 1
    years: list[int]  # every modelled calendar year
    own: np.ndarray  # alternatives × months: the effective årsverk the alternative's lines deliver (§13)
    own_staff: np.ndarray  # alternatives × months: of `own`, what its own staff deliver (the rest is bought)
    need: np.ndarray | None  # per month: the effective årsverk needed (None without a capacity block)

    @property
    def alternatives(self) -> list[str]:
        return [a.id for a in self.scenario.alternatives]

    @cached_property
    def gap(self) -> np.ndarray:
        """Alternatives × months: the need its own lines leave open, max(0, need − own) (zero without a need)."""
        return np.zeros_like(self.own) if self.need is None else np.maximum(0.0, self.need - self.own)

    @cached_property
    def cover(self) -> np.ndarray:
        """Alternatives × months: the årsverk bought to cover the gap (`cover: consultant`), else zero."""
        covered = self.scenario.capacity is not None and self.scenario.capacity.cover == "consultant"
        return self.gap if covered else np.zeros_like(self.own)

    @cached_property
    def unmet(self) -> np.ndarray:
        """Alternatives × months: the need neither own lines nor cover meet."""
        return self.gap - self.cover

    @cached_property
    def partner_weights(self) -> np.ndarray:
        """Lines × partners: each line's share paid by each partner (the key's shares, or all of it for the
        partner a line names); zero columns without partners (docs/method.md §16)."""
        s = self.scenario
        ids = [p.id for p in s.partners]
        weights = np.tile(np.array(list(s.partner_shares().values()), dtype=float), (len(self.line_info), 1))
        for k, info in enumerate(self.line_info):
            if info.partner is not None:
                weights[k] = [1.0 if pid == info.partner else 0.0 for pid in ids]
        return weights

    @cached_property
    def month_year(self) -> np.ndarray:
        """Position of each month's year in `years`."""
        return self.month_numbers // 12 - self.years[0]

    @cached_property
    def months(self) -> pd.DatetimeIndex:
        """Every modelled month (its first day)."""
        import pandas as pd

        return pd.DatetimeIndex((self.month_numbers - 1970 * 12).astype("datetime64[M]").astype("datetime64[ns]"))

    @cached_property
    def lines(self) -> pd.DataFrame:
        """One row per (alternative, line) in budget order: kind, label, common, previous_year_amount, KOSTRA."""
        import pandas as pd

        return pd.DataFrame(list(self.line_info), columns=list(LineInfo._fields)).set_index(["alternative", "line"])

    @cached_property
    def ledger(self) -> pd.DataFrame:
        """The tidy ledger (hovedbok): one row per alternative, line and active month (LEDGER_COLUMNS)."""
        info = self.lines.reset_index().iloc[self.row_line].reset_index(drop=True)
        months = self.months[self.row_month]
        frame = info.assign(month=months, year=months.year.astype(np.int64), amount=self.amount, fte=self.fte)
        return frame[LEDGER_COLUMNS]


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
    return np.stack(
        np.broadcast_arrays(*[np.asarray(index[y], dtype=float) for y in years])
    )  # (years,) or (years, draws)


def discount_factors(rate, prices_index, years: list[int], start_year: int) -> np.ndarray:
    """1 / P(y) / (1 + r)^(y − start year) for each year (docs/method.md §4, nåverdifaktor).

    A present value is always in real kroner of the price basis at the real rate (DFØ): a year's
    level is deflated by the `prices` index P(y) (1 in faste priser) before it is discounted.
    `rate` is a number or an array over draws, `prices_index` (years,) or (years, draws); the
    factors are (years,) or (draws, years).
    """
    exponent = np.array(years) - start_year
    real = 1 / (1 + np.asarray(rate, dtype=float)[..., None]) ** exponent
    return real / np.asarray(prices_index, dtype=float).T


# --- the ledger ----------------------------------------------------------------------------------

REFUND_SUFFIX, COVER_ID = ".refusjon", "dekning"
COVER_LABEL = "Innleie til dekning av kapasitetsbehov"
REFUND_LABEL = "Sykepengerefusjon (NAV): {}"
REFUND_KOSTRA_ART = "710"  # KOSTRA art 710: refusjon av sykepenger


def need_per_month(scenario: Scenario, month_numbers: np.ndarray) -> np.ndarray | None:
    """The effective årsverk needed in each month: the need of its year (§13); None without a capacity block."""
    if scenario.capacity is None:
        return None
    need = scenario.capacity.need
    years = month_numbers // 12
    per_year = np.array([need.at(int(y)) for y in range(years[0], years[-1] + 1)], dtype=float)
    return per_year[years - years[0]]


def cover_price(scenario: Scenario, ctx) -> float:
    """The annual price of one cover årsverk: `cover_price_per_fte`, or hours per årsverk × `cover_hourly_rate`."""
    capacity = scenario.capacity
    if capacity.cover_price_per_fte is not None:
        return capacity.cover_price_per_fte
    return ctx.rates.hours_per_fte * capacity.cover_hourly_rate


def compute(scenario: Scenario, reference: Reference | None = None) -> Result:
    """Expand every line of every alternative over the horizon into the ledger."""
    ctx = scenario_context(scenario, reference or load_reference())
    first = scenario.start_index
    month_numbers = first + np.arange(scenario.months)
    years = list(range(scenario.start_year, scenario.end_year + 1))
    used = used_series(scenario)
    yearly = np.vstack([price_index(scenario, s, years) if s in used else np.ones(len(years)) for s in SERIES])
    index = yearly[:, month_numbers // 12 - years[0]]

    info, costs, drivers, effective = [], [], [], []
    common_ids = {line.id for line in scenario.common}
    never = np.iinfo(np.int64).max
    for a, alt in enumerate(scenario.alternatives):
        for line in scenario.lines_of(alt.id):
            cost = LINE_COST[line.kind](line, ctx)
            costs.append(cost)
            common = line.id in common_ids
            info.append(
                LineInfo(
                    alt.id,
                    line.id,
                    line.kind,
                    line.label,
                    common,
                    line.previous_year_amount,
                    line.kostra_function,
                    line.kostra_art,
                    line.partner,
                )
            )
            when = (
                a,
                month_index(line.start or scenario.start),
                month_index(line.end) if line.end else never,
                SERIES.index(index_series(line)),
                line.kind != "one_off",
            )
            drivers.append((*when, cost.monthly, cost.once, cost.fte, line.previous_year_amount))
            effective.append(cost.effective)
            if cost.refund != 0:  # the sick-pay refund: its own ledger entry, beside its staff line (§13)
                costs.append(LineCost(monthly=cost.refund, detail=lambda r=cost.refund: Parts({"refund": r})))
                label = REFUND_LABEL.format(line.label)
                kostra = (line.kostra_function, REFUND_KOSTRA_ART)
                refund = LineInfo(alt.id, line.id + REFUND_SUFFIX, "refund", label, common, 0.0, *kostra, line.partner)
                info.append(refund)  # paid back to whoever pays the line
                drivers.append((*when, cost.refund, 0.0, 0.0, 0.0))
                effective.append(0.0)
    columns = [np.array(c) for c in zip(*drivers)] if drivers else [np.zeros(0, dtype=np.int64)] * 9
    alternative, start, end, series, recurring, monthly, once, fte, previous = columns
    recurring = recurring.astype(bool)

    active = recurring[:, None] & (month_numbers >= start[:, None]) & (month_numbers <= end[:, None])
    at_start = month_numbers == start[:, None]
    row_line, row_month = np.nonzero(active | (at_start & ~recurring[:, None]))
    row_active = active[row_line, row_month]
    row_amount = np.where(row_active, monthly[row_line], 0.0) + np.where(
        at_start[row_line, row_month], once[row_line], 0.0
    )
    row_amount = row_amount * index[series[row_line].astype(np.int64), row_month]
    row_fte = np.where(row_active, fte[row_line], 0.0)

    n_alt = len(scenario.alternatives)
    owner = np.zeros((n_alt, len(info)))
    owner[alternative.astype(np.int64), np.arange(len(info))] = 1.0
    delivered = np.asarray(effective, dtype=float)[:, None] * active
    own = owner @ delivered
    own_staff = owner @ (delivered * np.array([i.kind == "staff" for i in info], dtype=float)[:, None])
    need = need_per_month(scenario, month_numbers)
    previous = previous.astype(float)
    alternative = alternative.astype(np.int64)
    if need is not None and scenario.capacity.cover == "consultant":
        # The cover line «dekning»: the gap bought month by month at the cover price, × the wage index (§13).
        gap = np.maximum(0.0, need - own)
        price = cover_price(scenario, ctx)
        wages = index[SERIES.index("wages")]
        first_cover = len(info)  # appended after every scenario line: the ledger stays in line order, then month
        for alt in scenario.alternatives:
            costs.append(LineCost(monthly=price / 12, detail=lambda p=price: Parts({"cover": p / 12})))
            info.append(LineInfo(alt.id, COVER_ID, "consultant", COVER_LABEL, False, 0.0, None, None))
        n_months = len(month_numbers)
        row_line = np.concatenate([row_line, np.repeat(np.arange(first_cover, len(info)), n_months)])
        row_month = np.concatenate([row_month, np.tile(np.arange(n_months), n_alt)])
        row_amount = np.concatenate([row_amount, (gap * (price / 12) * wages).ravel()])
        row_fte = np.concatenate([row_fte, gap.ravel()])
        alternative = np.concatenate([alternative, np.arange(n_alt)])
        previous = np.concatenate([previous, np.zeros(n_alt)])
    return Result(
        scenario=scenario,
        line_info=tuple(info),
        line_costs=tuple(costs),
        index=dict(zip(SERIES, yearly)),
        line_alternative=alternative,
        previous_year_amount=previous,
        row_line=row_line,
        row_month=row_month,
        amount=row_amount,
        fte=row_fte,
        month_numbers=month_numbers,
        years=years,
        own=own,
        own_staff=own_staff,
        need=need,
    )
