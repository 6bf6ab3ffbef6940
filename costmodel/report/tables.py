"""Budget tables as Norwegian budget documents print them, for the command line and CSV.

The numbers come from views.py; this module only selects, orders, labels and formats.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np

from costmodel import formatting as fmt
from costmodel.engine import Result, views

if TYPE_CHECKING:
    import pandas as pd

SUM_LABEL = "Sum"


def budget_frames(
    result: Result, alternative: str, years: list[int] | None = None, against: int | None = None
) -> dict[str, pd.DataFrame]:
    """One alternative's changes and levels per line with a sum row (rows: line labels; columns: years).

    Changes are against the year before, or with `against` against that year's budget (opprinnelig budsjett).
    """
    import pandas as pd

    years = years or result.years
    rows = [k for k, info in enumerate(result.line_info) if info.alternative == alternative]
    columns = [result.years.index(y) for y in years]
    labels = [*(result.line_info[k].label for k in rows), SUM_LABEL]
    levels = views.line_levels_array(result)
    if against is None:
        changes = views.changes_array(levels, result.previous_year_amount)
    else:
        base = -1 if against == result.years[0] - 1 else result.years.index(against)
        changes = views.changes_against_array(levels, base, result.previous_year_amount)
    out = {}
    for name, table in (("changes", changes), ("levels", levels)):
        lines = table[np.ix_(rows, columns)]
        out[name] = pd.DataFrame(np.vstack([lines, lines.sum(axis=0)]), index=labels, columns=years)
    return out


def changes_title(against: int | None) -> str:
    """`endring mot forrige år` or `endring mot budsjett 2025`."""
    return "endring mot forrige år" if against is None else f"endring mot budsjett {against}"


def base_years(result: Result) -> list[int]:
    """The years a change can be measured against: the year before the start (its levels are the lines'
    `previous_year_amount`, the opprinnelig budsjett) and every modelled year."""
    return [result.years[0] - 1, *result.years]


def change_base(result: Result, alternative: str, against: int | None = None, council: bool = False) -> list[str]:
    """What the first year's change is measured from, in words and kroner (contract 1.3, «The budget base»):
    `Endring 2026 er regnet fra budsjett 2025: 2 770 000 kr.`; and, when lines that run from the first month have
    no level in that budget, which ones: their whole first-year amount shows as new spending. For the council
    (`council`) without the words meant for whoever fills in the figures."""
    first, before = result.years[0], result.years[0] - 1
    rows = [k for k, info in enumerate(result.line_info) if info.alternative == alternative]
    if against is not None and against != before:
        level = float(views.line_levels_array(result)[rows, result.years.index(against)].sum())
        return [f"Endringene er regnet fra budsjett {against}: {fmt.kr(level)}."]
    previous = float(result.previous_year_amount[rows].sum())
    what = "Endringene" if against == before else f"Endring {first}"
    origin = "" if council else " (linjenes nivå året før)"
    out = [
        f"{what} er regnet fra budsjett {before}{origin}: {fmt.kr(previous)}."
        if previous
        else f"{what} er regnet fra budsjett {before}, der postene ikke har beløp."
    ]
    new = [
        result.line_info[k].label
        for k in rows
        if result.previous_year_amount[k] == 0 and _runs_first_month(result, k) and result.line_info[k].kind != "refund"
    ]
    if new:
        names = ", ".join(f"«{label}»" for label in new)
        advice = "" if council else " Står linjen alt i budsjettet, oppgi forrige års nivå."
        out.append(f"Uten nivå i budsjett {before}: {names}; hele beløpet i {first} regnes som endring fra 0.{advice}")
    return out


def _runs_first_month(result: Result, k: int) -> bool:
    """Whether line k has an amount in the first modelled month."""
    return bool(np.any((result.row_line == k) & (result.row_month == 0) & (result.amount != 0)))


def render(frame: pd.DataFrame, title: str, cell, sum_row: bool = True) -> str:
    """A plain-text table: first column left-aligned, figures right-aligned, a rule before a sum row."""
    header = ["", *[str(c) for c in frame.columns]]
    rows = [[str(label), *[cell(v) for v in values]] for label, values in zip(frame.index, frame.to_numpy())]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "  ".join([cells[0].ljust(widths[0]), *[c.rjust(w) for c, w in zip(cells[1:], widths[1:])]])

    body = [line(r) for r in rows]
    rule = "-" * len(line(header))
    if not sum_row:
        return "\n".join([title, line(header), rule, *body])
    return "\n".join([title, line(header), rule, *body[:-1], rule, body[-1]])


def csv_safe(text: str) -> str:
    """Text that a spreadsheet will not run as a formula (OWASP CSV injection): prefix with '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r", "\n", "\u2212", "\x00") else text


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame whose every text cell, column title and row label is `csv_safe` (numbers stay numbers), for any CSV
    the app or the CLI writes."""
    import pandas as pd

    out = frame.copy()
    out.columns = [csv_safe(str(c)) if isinstance(c, str) else c for c in out.columns]
    out.index = pd.Index([csv_safe(v) if isinstance(v, str) else v for v in out.index], name=frame.index.name)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [csv_safe(v) if isinstance(v, str) else v for v in out[column]]
    return out


def to_csv(frames: dict[str, pd.DataFrame], unit: str, index_name: str = "linje") -> str:
    """Tables as CSV for Norwegian spreadsheets: `;` between fields, decimal comma, rounded as the view."""
    import pandas as pd

    places, divisor = (1, 1e6) if unit == "mill" else (0, 1)
    parts = []
    for name, frame in frames.items():
        table = frame.map(lambda v: float(fmt.round_half_away(v / divisor, places)))
        unit_text = "mill. kr" if unit == "mill" else "kr"
        table.insert(0, "tabell", f"{ {'changes': 'endring', 'levels': 'nivå'}[name] } ({unit_text})")
        parts.append(table)
    buffer = io.StringIO()
    joined = csv_frame(pd.concat(parts)).rename_axis(index_name)
    joined.to_csv(buffer, sep=";", decimal=",", float_format=f"%.{places}f")
    return buffer.getvalue()
