"""Views over the ledger: annual levels, changes, årsverk, present value, comparison, summary.

Every figure is a sum or mean of ledger rows (docs/method.md §4), grouped with numpy's
bincount over the ledger's columns; nothing is rounded. The `*_array` functions are the
figures; the others label them as DataFrames for tables and charts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from costmodel.engine import Result, ledger
from costmodel.scenario import month_label

if TYPE_CHECKING:
    import pandas as pd

# Two cumulative costs closer than this (in kroner) count as equal when finding break-even, so
# that floating-point noise in equal alternatives cannot move the month (docs/method.md §5).
EQUAL_TOLERANCE_KR = 0.001


def _group_sum(keys: np.ndarray, weights: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Sum `weights` by flat group key into an array of `shape`."""
    return np.bincount(keys, weights=weights, minlength=shape[0] * shape[1]).reshape(shape)


# --- the figures, as arrays -----------------------------------------------------------------------


def line_levels_array(result: Result) -> np.ndarray:
    """Annual level (årsnivå) per line and year: lines × years."""
    shape = (len(result.line_info), len(result.years))
    return _group_sum(result.row_line * shape[1] + result.month_year[result.row_month], result.amount, shape)


def changes_array(levels: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """Change against the previous year (endring); the first year against `previous` (last year's level)."""
    return np.diff(levels, axis=1, prepend=previous[:, None])


def changes_against_array(levels: np.ndarray, base: int, previous: np.ndarray | None = None) -> np.ndarray:
    """Change against one year's level (the opprinnelig budsjett of that year): level(y) − level(base).
    `base` −1 is the year before the horizon, whose levels are `previous` (each line's previous_year_amount)."""
    if base == -1:
        return levels - previous[:, None]
    return levels - levels[:, base : base + 1]


def line_changes_array(result: Result) -> np.ndarray:
    return changes_array(line_levels_array(result), result.previous_year_amount)


def alternative_levels_array(result: Result) -> np.ndarray:
    """Annual level per alternative and year: alternatives × years."""
    shape = (len(result.alternatives), len(result.years))
    keys = result.line_alternative[result.row_line] * shape[1] + result.month_year[result.row_month]
    return _group_sum(keys, result.amount, shape)


def alternative_changes_array(result: Result, levels: np.ndarray | None = None) -> np.ndarray:
    previous = np.bincount(
        result.line_alternative, weights=result.previous_year_amount, minlength=len(result.alternatives)
    )
    return changes_array(alternative_levels_array(result) if levels is None else levels, previous)


def monthly_array(result: Result, values: np.ndarray) -> np.ndarray:
    """`values` (amount or fte of each ledger row) summed per alternative and month: alternatives × months."""
    shape = (len(result.alternatives), len(result.month_numbers))
    return _group_sum(result.line_alternative[result.row_line] * shape[1] + result.row_month, values, shape)


def fte_array(result: Result) -> np.ndarray:
    """Årsverk per alternative and year: the mean over the year's modelled months of the summed årsverk.

    Each ledger row carries one month's årsverk, so the year's sum over rows divided by the
    number of modelled months in the year is that mean.
    """
    shape = (len(result.alternatives), len(result.years))
    keys = result.line_alternative[result.row_line] * shape[1] + result.month_year[result.row_month]
    return _group_sum(keys, result.fte, shape) / np.bincount(result.month_year, minlength=shape[1])


def discount_factors(result: Result) -> np.ndarray:
    """1 / P(y) / (1 + r)^(y − start year) for each modelled year: deflated to the price basis, then discounted."""
    s = result.scenario
    return ledger.discount_factors(s.discount_rate, result.index["prices"], result.years, s.start_year)


def break_even_month(cost: np.ndarray, baseline: np.ndarray, months) -> str | None:
    """First month from which the cumulative cost stays at or below the baseline's to the end; None if never.

    `months` are the month numbers (year × 12 + month − 1) or month starts of the horizon.
    """
    ok = np.cumsum(cost) - np.cumsum(baseline) <= EQUAL_TOLERANCE_KR
    if not ok[-1]:
        return None
    failing = np.flatnonzero(~ok)
    month = months[failing[-1] + 1 if len(failing) else 0]
    return month.strftime("%Y-%m") if hasattr(month, "strftime") else month_label(int(month))


# --- labelled views -------------------------------------------------------------------------------


def annual_levels(result: Result) -> pd.DataFrame:
    """Annual level per line (rows: alternative, line in budget order; columns: years)."""
    import pandas as pd

    return pd.DataFrame(line_levels_array(result), index=result.lines.index, columns=result.years)


def line_changes(result: Result) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(line_changes_array(result), index=result.lines.index, columns=result.years)


def alternative_levels(result: Result) -> pd.DataFrame:
    """Annual level per alternative (rows: alternatives in file order; columns: years)."""
    import pandas as pd

    return pd.DataFrame(alternative_levels_array(result), index=_alternatives(result), columns=result.years)


def monthly_totals(result: Result) -> pd.DataFrame:
    """Cost per alternative and month (rows: alternatives; columns: every modelled month)."""
    import pandas as pd

    return pd.DataFrame(monthly_array(result, result.amount), index=_alternatives(result), columns=result.months)


def fte_by_year(result: Result) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(fte_array(result), index=_alternatives(result), columns=result.years)


def yearly_mean(result: Result, values: np.ndarray) -> np.ndarray:
    """`values` per month (… × months) as the mean over each year's modelled months (… × years)."""
    years = np.zeros((len(result.month_year), len(result.years)))
    years[np.arange(len(result.month_year)), result.month_year] = 1.0
    return (values @ years) / years.sum(axis=0)


def capacity_array(result: Result) -> dict[str, np.ndarray]:
    """need, own, cover and unmet årsverk per alternative and year: each the mean over the year's months (§13)."""
    need = np.broadcast_to(result.need, result.own.shape)
    return {
        name: yearly_mean(result, values)
        for name, values in (("need", need), ("own", result.own), ("cover", result.cover), ("unmet", result.unmet))
    }


def capacity_months(result: Result) -> dict[str, np.ndarray]:
    """Per alternative and month (§13): the need, effective årsverk of own staff and of bought consultants
    (its own lines), the cover bought for the gap, and the need left unmet."""
    need = np.zeros_like(result.own) if result.need is None else np.broadcast_to(result.need, result.own.shape)
    return {
        "need": need,
        "staff": result.own_staff,
        "bought": result.own - result.own_staff,
        "cover": result.cover,
        "unmet": result.unmet,
    }


def cost_per_effective_fte(result: Result) -> np.ndarray:
    """Per alternative: the cost over the horizon per effective årsverk-year delivered (own lines and cover);
    NaN when it delivers none. The unit price of capacity, like for like across alternatives."""
    years = (result.own + result.cover).sum(axis=1) / 12
    total = alternative_levels_array(result).sum(axis=1)
    return np.divide(total, years, out=np.full(len(total), np.nan), where=years > 0)


def partner_levels_array(result: Result, line_levels: np.ndarray | None = None) -> np.ndarray:
    """Annual level per partner, alternative and year: partners × alternatives × years. Each line's level is
    split by its partner weights (Result.partner_weights), so the partners add up to the alternative."""
    levels = line_levels_array(result) if line_levels is None else line_levels
    owner = np.zeros((len(result.alternatives), len(result.line_info)))
    owner[result.line_alternative, np.arange(len(result.line_info))] = 1.0
    return np.einsum("al,lp,ly->pay", owner, result.partner_weights, levels)


def partners(result: Result, line_levels: np.ndarray | None = None) -> dict[str, dict[str, dict]]:
    """Per alternative, per partner: annual levels, total and present value; and for each compared alternative
    the partner's total and present-value difference against the baseline. Empty without partners."""
    s = result.scenario
    if not s.partners:
        return {}
    levels = partner_levels_array(result, line_levels)
    pv = levels @ discount_factors(result)
    years = [str(y) for y in result.years]
    out: dict[str, dict] = {}
    b = result.alternatives.index(s.baseline) if s.baseline else None
    for a, alt in enumerate(result.alternatives):
        own = {
            p.id: {
                "annual": dict(zip(years, levels[k, a].tolist())),
                "total": float(levels[k, a].sum()),
                "present_value": float(pv[k, a]),
            }
            for k, p in enumerate(s.partners)
        }
        out[alt] = {"levels": own}
        if b is not None and a != b:
            out[alt]["differences"] = {
                p.id: {
                    "difference_by_year": dict(zip(years, (levels[k, a] - levels[k, b]).tolist())),
                    "total_difference": float(levels[k, a].sum() - levels[k, b].sum()),
                    "present_value_difference": float(pv[k, a] - pv[k, b]),
                }
                for k, p in enumerate(s.partners)
            }
    return out


def comparison(result: Result, levels: np.ndarray | None = None) -> dict[str, dict]:
    """Each non-baseline alternative against the baseline (nullalternativet)."""
    baseline = result.scenario.baseline
    if baseline is None:
        return {}
    levels = alternative_levels_array(result) if levels is None else levels
    pv = levels @ discount_factors(result)
    monthly = monthly_array(result, result.amount)
    b = result.alternatives.index(baseline)
    out = {}
    for a, alt in enumerate(result.alternatives):
        if a == b:
            continue
        diff = levels[a] - levels[b]
        out[alt] = {
            "difference_by_year": _by_year(result.years, diff),
            "total_difference": float(diff.sum()),
            "present_value_difference": float(pv[a] - pv[b]),
            "break_even_month": break_even_month(monthly[a], monthly[b], result.month_numbers),
        }
    return out


def summary(result: Result) -> dict:
    """The figures of `costmodel summary --json` (docs/method.md §4, "What comes out")."""
    s, years = result.scenario, [str(y) for y in result.years]
    alt_levels = alternative_levels_array(result)
    pv = alt_levels @ discount_factors(result)
    rows: dict[str, dict] = {a: {} for a in result.alternatives}
    line_levels = line_levels_array(result)
    line_change = changes_array(line_levels, result.previous_year_amount)
    per_line = zip(result.line_info, line_levels.tolist(), line_change.tolist())
    for info, levels, changes in per_line:
        rows[info.alternative][info.line] = {
            "label": info.label,
            "kind": info.kind,
            "annual": dict(zip(years, levels)),
            "changes": dict(zip(years, changes)),
        }
    per_alt = zip(
        alt_levels.tolist(), alternative_changes_array(result, alt_levels).tolist(), fte_array(result).tolist()
    )
    alternatives = {
        alt.id: {
            "name": alt.name,
            "annual": dict(zip(years, levels)),
            "changes": dict(zip(years, changes)),
            "fte": dict(zip(years, fte)),
            "total": float(alt_levels[a].sum()),
            "present_value": float(pv[a]),
            "lines": rows[alt.id],
        }
        for a, (alt, (levels, changes, fte)) in enumerate(zip(s.alternatives, per_alt))
    }
    shared = partners(result, line_levels)
    compared = comparison(result, alt_levels)
    for alt, figures in shared.items():
        alternatives[alt]["partners"] = figures["levels"]
        if "differences" in figures:
            compared[alt]["partners"] = figures["differences"]
    if result.need is not None:
        figures = capacity_array(result)
        for a, alt in enumerate(s.alternatives):
            alternatives[alt.id]["capacity"] = {name: _by_year(result.years, v[a]) for name, v in figures.items()}
    return {
        "name": s.name,
        "municipality": s.municipality,
        "start": s.start,
        "months": s.months,
        "prices": s.prices,
        "price_basis": s.basis_year,
        "discount_rate": s.discount_rate,
        "baseline": s.baseline,
        "alternatives": alternatives,
        "comparison": compared,
    }


def _alternatives(result: Result) -> pd.Index:
    import pandas as pd

    return pd.Index(result.alternatives, name="alternative")


def _by_year(years: list[int], values: np.ndarray) -> dict[str, float]:
    return dict(zip(map(str, years), values.tolist()))
