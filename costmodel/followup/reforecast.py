"""Re-forecast: the scenario with what happened put in as its drivers (docs/method.md §19), so the økonomiplan can
be rolled forward on it. Each line of the decided alternative with activity takes the activity's last quantity,
and its last price where the file gives one, in the field the line is driven by; a field that follows a named
assumption changes the assumption (every line sharing it moves, as a shared price should)."""

from __future__ import annotations

import numpy as np

from costmodel import formatting as fmt
from costmodel.engine import Result, whatif
from costmodel.followup.status import activity_grid
from costmodel.scenario import Scenario, parse_scenario, scenario_to_data
from costmodel.scenario.models import index_series


def changes(result: Result, activity, through: int) -> tuple[dict[str, float], list[str]]:
    """The driver changes (driver path → value) and, per change, a sentence saying what and from what."""
    s = result.scenario
    alt = s.follow_up.alternative
    lines = {line.id: line for line in s.lines_of(alt)}
    ids = [info.line for info in result.line_info if info.alternative == alt]
    year = through // 12
    quantity, price = activity_grid(activity, ids, year, through)
    out: dict[str, float] = {}
    said = []
    for n, line_id in enumerate(ids):
        line = lines.get(line_id)
        known = np.flatnonzero(~np.isnan(quantity[n]))
        fields = _fields(line) if line is not None else None
        if fields is None:
            continue
        volume_field, price_field, per_year = fields
        owner = "common" if line in s.common else alt
        updates = []
        q = p = float("nan")
        if len(known):
            q, p = float(quantity[n, known[-1]]), float(price[n, known[-1]])
            if q != getattr(line, volume_field):
                updates.append((volume_field, q))
        if not np.isnan(p) and price_field is not None:
            index = float(result.index[index_series(line)][result.years.index(year)]) if year in result.years else 1.0
            value = p * (12 if per_year else 1) / index  # in the price basis's kroner
            if abs(value - getattr(line, price_field)) > 1e-9:
                updates.append((price_field, value))
        sick = _last_sick_leave(activity, line_id, through)
        if line.kind == "staff" and sick is not None and abs(sick - _sick_leave(s, line)) > 1e-12:
            updates.append(("sick_leave_rate", sick))
        start = _actual_start(line, quantity[n], year, through)
        if start is not None:
            updates.append(("start", start))
        # what happened in the world happened under either alternative: the baseline's line of the same id moves too
        baseline = s.baseline if s.baseline and s.baseline != alt else None
        twins = [o for o in (owner, baseline) if o] if owner != "common" else [owner]
        for field, value in updates:
            for where in twins[1:]:
                twin = next((x for x in s.lines_of(where) if x.id == line_id and x.kind == line.kind), None)
                if twin is not None and field != "start" and s.reference_at(f"{where}.{line_id}.{field}") is None:
                    out[f"{where}.{line_id}.{field}"] = value
            path = f"{owner}.{line_id}.{field}"
            reference = s.reference_at(path)
            target = f"assumptions.{reference.name}" if reference is not None else path
            before = _sick_leave(s, line) if field == "sick_leave_rate" else getattr(line, field)
            out[target] = value
            show = (
                fmt.percent
                if field == "sick_leave_rate"
                else fmt.month_name
                if field == "start"
                else (lambda v: fmt.decimal(v, 2))
            )
            said.append(
                f"«{line.label}»: {whatif.label(path, s)} {show(before)} → {show(value)}"
                + (f" (den navngitte forutsetningen «{s.assumptions[reference.name].label}»)" if reference else "")
            )
    return out, said


def _sick_leave(scenario: Scenario, line) -> float:
    """A staff line's sick leave in force: its own, else the scenario's, else the reference default."""
    from costmodel.engine.kinds import scenario_context, staff_rates
    from costmodel.parameters import load_reference

    return float(staff_rates(line, scenario_context(scenario, load_reference())).sick_leave_rate)


def _actual_start(line, quantity, year: int, through: int) -> str | None:
    """A line planned to start within the year that the activity shows starting later (nothing in its first months,
    then something): the month it did start; None otherwise."""
    from costmodel.scenario.models import month_index, month_label

    if line.start is None or month_index(line.start) // 12 != year:
        return None
    first = month_index(line.start) - year * 12
    done = through - year * 12 + 1
    months = [m for m in range(first, done) if not np.isnan(quantity[m])]
    started = next((m for m in months if quantity[m] > 0), None)
    if started is None or started == first or any(quantity[m] > 0 for m in months if m < started):
        return None
    return month_label(year * 12 + started)


def _last_sick_leave(activity, line_id: str, through: int) -> float | None:
    """A staff line's sick leave in the last month up to `through` the activity file gives one."""
    if activity is None or "sick_leave" not in activity:
        return None
    rows = activity[(activity["line"] == line_id) & (activity["month"] <= through) & activity["sick_leave"].notna()]
    return None if rows.empty else float(rows.sort_values("month")["sick_leave"].iloc[-1])


def _fields(line) -> tuple[str, str | None, bool] | None:
    """The field a line's volume is in, the field of its price (None: none that a monthly price fits), and whether
    that price is per year."""
    if line.kind == "staff":
        return "fte", ("annual_cost_per_fte" if line.annual_cost_per_fte is not None else None), True
    if line.kind == "consultant":
        if line.hours_per_month is not None:
            return "hours_per_month", "hourly_rate", False
        return "fte", ("annual_price_per_fte" if line.annual_price_per_fte is not None else None), True
    if line.kind == "purchase" and line.units_per_month is not None:
        return "units_per_month", "unit_price", False
    return None


def reforecast(result: Result, activity, through: int) -> tuple[Scenario, list[str]]:
    """The scenario re-forecast on the activity through `through`, named as such, and what was changed."""
    found, said = changes(result, activity, through)
    moved = whatif.apply(result.scenario, found)
    name = f"{result.scenario.name} – reprognose per {fmt.MONTHS[through % 12]} {through // 12}"
    return parse_scenario(scenario_to_data(moved) | {"name": name[:200]}), said
