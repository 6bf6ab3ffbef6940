"""Views over the ledger: annual levels, changes, årsverk, present value, comparison, summary.

Every figure here is a sum or mean of ledger rows (docs/method.md §4). Nothing is rounded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .engine import Result

# Two cumulative costs closer than this (in kroner) count as equal when finding break-even, so
# that floating-point noise in equal alternatives cannot move the month (docs/method.md §5).
EQUAL_TOLERANCE_KR = 0.001


def annual_levels(result: Result) -> pd.DataFrame:
    """Annual level per line (rows: alternative, line in budget order; columns: years)."""
    sums = result.ledger.groupby(["alternative", "line", "year"], sort=False)["amount"].sum()
    return _pivot(sums, result.lines.index, result.years)


def changes(levels: pd.DataFrame, previous: pd.Series) -> pd.DataFrame:
    """Change against the previous year (endring); the first year against `previous` (last year's level)."""
    out = levels.diff(axis=1)
    out[levels.columns[0]] = levels[levels.columns[0]] - previous.reindex(levels.index).to_numpy()
    return out


def line_changes(result: Result) -> pd.DataFrame:
    return changes(annual_levels(result), result.lines["previous_year_amount"])


def alternative_levels(result: Result) -> pd.DataFrame:
    """Annual level per alternative (rows: alternatives in file order; columns: years)."""
    levels = annual_levels(result).groupby(level="alternative", sort=False).sum()
    return levels.reindex(index=_alternatives(result), columns=result.years, fill_value=0.0)


def alternative_changes(result: Result) -> pd.DataFrame:
    previous = result.lines["previous_year_amount"].groupby(level="alternative", sort=False).sum()
    return changes(alternative_levels(result), previous.reindex(_alternatives(result), fill_value=0.0))


def monthly_totals(result: Result) -> pd.DataFrame:
    """Cost per alternative and month (rows: alternatives; columns: every modelled month)."""
    sums = result.ledger.groupby(["alternative", "month"], sort=False)["amount"].sum()
    return _pivot(sums, pd.Index(_alternatives(result), name="alternative"), result.months)


def fte_by_year(result: Result) -> pd.DataFrame:
    """Årsverk per alternative and year: the mean over that year's modelled months of the summed årsverk."""
    sums = result.ledger.groupby(["alternative", "month"], sort=False)["fte"].sum()
    monthly = _pivot(sums, pd.Index(_alternatives(result), name="alternative"), result.months)
    return monthly.T.groupby(result.months.year).mean().T.reindex(columns=result.years)


def discount_factors(result: Result) -> pd.Series:
    """1 / (1 + r)^(y − start year) for each modelled year (nåverdifaktor)."""
    rate = result.scenario.discount_rate
    years = np.array(result.years)
    return pd.Series(1 / (1 + rate) ** (years - result.scenario.start_year), index=result.years)


def present_values(result: Result) -> pd.Series:
    """Present value (nåverdi) per alternative: annual levels discounted to the start year."""
    return alternative_levels(result).mul(discount_factors(result), axis=1).sum(axis=1)


def break_even_month(cost: np.ndarray, baseline: np.ndarray, months: pd.DatetimeIndex) -> str | None:
    """First month from which the cumulative cost stays at or below the baseline's to the end; None if never."""
    ok = np.cumsum(cost) - np.cumsum(baseline) <= EQUAL_TOLERANCE_KR
    if not ok[-1]:
        return None
    failing = np.flatnonzero(~ok)
    first = failing[-1] + 1 if len(failing) else 0
    return months[first].strftime("%Y-%m")


def comparison(result: Result) -> dict[str, dict]:
    """Each non-baseline alternative against the baseline (nullalternativet)."""
    baseline = result.scenario.baseline
    if baseline is None:
        return {}
    levels, pv, monthly = alternative_levels(result), present_values(result), monthly_totals(result)
    out = {}
    for alt in levels.index:
        if alt == baseline:
            continue
        diff = levels.loc[alt] - levels.loc[baseline]
        out[alt] = {
            "difference_by_year": _by_year(diff),
            "total_difference": float(diff.sum()),
            "present_value_difference": float(pv[alt] - pv[baseline]),
            "break_even_month": break_even_month(
                monthly.loc[alt].to_numpy(), monthly.loc[baseline].to_numpy(), result.months
            ),
        }
    return out


def summary(result: Result) -> dict:
    """The figures of `costmodel summary --json` (../shared/scenario-format.md, 'What comes out')."""
    s = result.scenario
    levels, line_change = annual_levels(result), line_changes(result)
    alt_levels, alt_changes = alternative_levels(result), alternative_changes(result)
    fte, pv = fte_by_year(result), present_values(result)
    alternatives = {}
    for alt in s.alternatives:
        lines = {
            line.id: {
                "label": line.label,
                "kind": line.kind,
                "annual": _by_year(levels.loc[(alt.id, line.id)]),
                "changes": _by_year(line_change.loc[(alt.id, line.id)]),
            }
            for line in s.lines_of(alt.id)
        }
        alternatives[alt.id] = {
            "name": alt.name,
            "annual": _by_year(alt_levels.loc[alt.id]),
            "changes": _by_year(alt_changes.loc[alt.id]),
            "fte": _by_year(fte.loc[alt.id]),
            "total": float(alt_levels.loc[alt.id].sum()),
            "present_value": float(pv[alt.id]),
            "lines": lines,
        }
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
        "comparison": comparison(result),
    }


def _pivot(sums: pd.Series, index: pd.Index, columns) -> pd.DataFrame:
    """Sums by (index…, column) as a full table over `index` × `columns`, zero where the ledger has no rows."""
    if not len(sums):
        return pd.DataFrame(0.0, index=index, columns=columns)
    return sums.unstack(-1).reindex(index=index, columns=columns).fillna(0.0).astype(float)


def _alternatives(result: Result) -> list[str]:
    return [a.id for a in result.scenario.alternatives]


def _by_year(row: pd.Series) -> dict[str, float]:
    return {str(year): float(value) for year, value in row.items()}
