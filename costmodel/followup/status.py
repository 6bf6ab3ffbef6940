"""The accounts against the plan (contract 1.3, «Follow-up»; docs/method.md §19): for the decided alternative's
lines in the follow-up year, plan, actual and deviation per month and to date; the forecast of the year by three
methods; the volume/price split of each deviation where activity is known; and the gains against the baseline.

Pure: a computed Result and the tidy frames of read.py in, figures out (kroner, unrounded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from costmodel.engine import Result
from costmodel.engine.ledger import REFUND_SUFFIX
from costmodel.errors import Problem, ScenarioError
from costmodel.scenario import month_label

REFUND_ART = "710"  # KOSTRA art of sykelønnsrefusjon: a refund line's own account, under its staff line's funksjon
METHODS = ("plan", "trend", "model")
TREND_MONTHS = 3


@dataclass(frozen=True)
class Rule:
    """Which postings belong to a line: each given field's codes (a field not given matches anything)."""

    line: str
    art: tuple[str, ...] | None = None
    funksjon: tuple[str, ...] | None = None
    ansvar: tuple[str, ...] | None = None
    prosjekt: tuple[str, ...] | None = None

    def matches(self, postings: pd.DataFrame) -> np.ndarray:
        mask = np.ones(len(postings), dtype=bool)
        for field in ("art", "funksjon", "ansvar", "prosjekt"):
            codes = getattr(self, field)
            if codes is not None:
                mask &= postings[field].isin(codes).to_numpy()
        return mask


def _codes(value) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def rules(result: Result) -> list[Rule]:
    """The decided alternative's lines and the accounts each maps from: the `accounts:` block where it names the
    line, else the line's own KOSTRA art and funksjon (a refund line: art 710 under its staff line's funksjon).
    A line with no codes at all maps nothing."""
    s = result.scenario
    follow = s.follow_up
    named: dict[str, list[Rule]] = {}
    for m in follow.accounts:
        named.setdefault(m.line, []).append(
            Rule(m.line, _codes(m.art), _codes(m.funksjon), _codes(m.ansvar), _codes(m.prosjekt))
        )
    out = []
    for info in result.line_info:
        if info.alternative != follow.alternative:
            continue
        if info.line in named:
            out += named[info.line]
        elif info.kind == "refund":
            owner = info.line.removesuffix(REFUND_SUFFIX)
            if owner not in named and info.kostra_function is None:
                continue  # its staff line maps from nothing either
            staff = named.get(owner, [Rule(owner, None, _codes(info.kostra_function))])
            out += [Rule(info.line, (REFUND_ART,), r.funksjon, r.ansvar, r.prosjekt) for r in staff]
        elif info.kostra_art or info.kostra_function:
            out.append(Rule(info.line, _codes(info.kostra_art), _codes(info.kostra_function)))
    return out


@dataclass(frozen=True)
class Status:
    """The follow-up of one year through one month. Per line (in budget order, `lines`) and month of the year
    (`plan`, `actual`: lines × 12); the rest as `as_dict` gives it."""

    year: int
    through: int  # the last month counted, as year × 12 + month − 1
    lines: list[str]
    labels: list[str]
    plan: np.ndarray
    actual: np.ndarray
    forecast: dict[str, np.ndarray]  # method → per line, the year's forecast
    volume: list[float | None]  # per line, to date; None without activity
    price: list[float | None]
    unmapped_rows: int
    unmapped_amount: float
    unmapped: pd.DataFrame  # the postings counted that match no line, as read
    postings: pd.DataFrame  # every posting counted, as read, with the id of its line in `line` ("" for none)
    outside_rows: int  # postings before the year or after `through`, not counted
    gains: dict[str, float] | None

    @property
    def months_done(self) -> int:
        return self.through - self.year * 12 + 1

    def line_figures(self, k: int) -> dict:
        done = self.months_done
        plan, actual = float(self.plan[k, :done].sum()), float(self.actual[k, :done].sum())
        return {
            "plan_to_date": plan,
            "actual_to_date": actual,
            "deviation_to_date": actual - plan,
            "budget": float(self.plan[k].sum()),
            "forecast": {m: float(self.forecast[m][k]) for m in METHODS},
            "volume_effect": self.volume[k],
            "price_effect": self.price[k],
        }

    def as_dict(self) -> dict:
        """The figures of `costmodel oppfolging --json` (contract 1.3)."""
        lines = {line: self.line_figures(k) for k, line in enumerate(self.lines)}
        keys = ("plan_to_date", "actual_to_date", "deviation_to_date", "budget")
        total: dict = {key: float(sum(v[key] for v in lines.values())) for key in keys}
        total["forecast"] = {m: float(sum(v["forecast"][m] for v in lines.values())) for m in METHODS}
        for effect in ("volume_effect", "price_effect"):
            known = [v[effect] for v in lines.values() if v[effect] is not None]
            total[effect] = float(sum(known)) if known else None
        return {
            "year": self.year,
            "through": month_label(self.through),
            "lines": lines,
            "total": total,
            "unmapped": {"rows": self.unmapped_rows, "amount": self.unmapped_amount},
            "gains": self.gains,
        }


def follow_up(
    result: Result, postings: pd.DataFrame, activity: pd.DataFrame | None = None, through: int | None = None
) -> Status:
    """The decided alternative's accounts against its plan, in the year of `through` (default: the last month with
    postings) up to that month. ScenarioError when the scenario has no follow-up, a posting matches two lines, or
    an activity row names a line the alternative does not have."""
    s = result.scenario
    if s.follow_up is None:
        raise ScenarioError(
            Problem("follow_up", "saken har ingen oppfølging: skriv hvilket alternativ som ble vedtatt (follow_up)")
        )
    alt = s.follow_up.alternative
    valid = postings[postings["month"] >= 0]
    if through is None:
        if valid.empty:
            raise ScenarioError(Problem("", "regnskapsfilen har ingen posteringer"))
        through = int(valid["month"].max())
    year = through // 12
    first = year * 12
    counted = valid[(valid["month"] >= first) & (valid["month"] <= through)]
    ks = [k for k, info in enumerate(result.line_info) if info.alternative == alt]
    ids = [result.line_info[k].line for k in ks]
    plan, active = plan_grid(result, ks, year)

    labels = {result.line_info[k].line: result.line_info[k].label for k in ks}
    owner = _owner(rules(result), ids, counted, labels)
    actual = np.zeros_like(plan)
    mapped = owner >= 0
    if mapped.any():
        np.add.at(actual, (owner[mapped], counted["month"].to_numpy()[mapped] - first), counted["amount"][mapped])
    done = through - first + 1
    seen = np.zeros_like(plan, dtype=bool)  # months in which a line has postings
    if mapped.any():
        seen[owner[mapped], counted["month"].to_numpy()[mapped] - first] = True

    quantity, price = activity_grid(activity, ids, year, through)
    planned_q = _planned_quantity(result, ks, active)
    forecast = _forecasts(plan, actual, seen, done, planned_q, quantity, price)
    volume, price_effect = _effects(plan, actual, done, planned_q, quantity, price)

    baseline = s.baseline
    gains = None
    if baseline is not None and baseline != alt:
        base_ks = [k for k, info in enumerate(result.line_info) if info.alternative == baseline]
        base_plan = float(plan_grid(result, base_ks, year)[0][:, :done].sum())
        gains = {
            "planned_to_date": base_plan - float(plan[:, :done].sum()),
            "realised_to_date": base_plan - float(actual[:, :done].sum()),
        }
    unmapped = counted[~mapped]
    return Status(
        year=year,
        through=through,
        lines=ids,
        labels=[result.line_info[k].label for k in ks],
        plan=plan,
        actual=actual,
        forecast=forecast,
        volume=volume,
        price=price_effect,
        unmapped_rows=len(unmapped),
        unmapped_amount=float(unmapped["amount"].sum()),
        unmapped=unmapped.reset_index(drop=True),
        postings=counted.assign(line=[ids[k] if k >= 0 else "" for k in owner]).reset_index(drop=True),
        outside_rows=len(postings) - len(counted),
        gains=gains,
    )


def plan_grid(result: Result, ks: list[int], year: int) -> tuple[np.ndarray, np.ndarray]:
    """Lines × 12 months of `year`: the ledger's amounts (the periodised budget), and whether the line runs."""
    plan = np.zeros((len(ks), 12))
    active = np.zeros((len(ks), 12), dtype=bool)
    where = {k: n for n, k in enumerate(ks)}
    months = result.month_numbers[result.row_month] - year * 12
    keep = np.isin(result.row_line, ks) & (months >= 0) & (months < 12)
    rows = np.array([where[k] for k in result.row_line[keep]], dtype=int)
    np.add.at(plan, (rows, months[keep]), result.amount[keep])
    active[rows, months[keep]] = True
    return plan, active


def _owner(all_rules: list[Rule], ids: list[str], postings: pd.DataFrame, labels: dict[str, str]) -> np.ndarray:
    """Per posting, the position of the line it maps to (−1: none); a posting two lines claim is an error."""
    owner = np.full(len(postings), -1)
    for rule in all_rules:
        mask = rule.matches(postings)
        k = ids.index(rule.line)
        clash = mask & (owner >= 0) & (owner != k)
        if clash.any():
            row = int(postings["rad"].to_numpy()[clash][0])
            other = ids[int(owner[clash][0])]
            first, second = labels.get(other, other), labels.get(rule.line, rule.line)
            raise ScenarioError(
                Problem(
                    f"rad {row}",
                    f"posteringen passer både linjen «{first}» og «{second}» i kontokoblingen; skill linjene med "
                    "art, funksjon, ansvar eller prosjekt",
                )
            )
        owner[mask] = k
    return owner


def activity_grid(activity: pd.DataFrame | None, ids: list[str], year: int, through: int):
    """Lines × 12: the quantity per month (NaN where none is given) and the price (NaN where none is given)."""
    quantity = np.full((len(ids), 12), np.nan)
    price = np.full((len(ids), 12), np.nan)
    if activity is None or activity.empty:
        return quantity, price
    unknown = sorted(set(activity["line"]) - set(ids))
    if unknown:
        row = int(activity.loc[activity["line"] == unknown[0], "rad"].iloc[0])
        raise ScenarioError(
            Problem(f"aktivitetsfilen, rad {row}", f"«{unknown[0]}» er ikke en linje i det vedtatte alternativet")
        )
    within = activity[(activity["month"] >= year * 12) & (activity["month"] <= through)]
    for (line, month), group in within.groupby(["line", "month"]):
        k, m = ids.index(line), int(month) - year * 12
        q = float(group["quantity"].sum())
        quantity[k, m] = q
        priced = group[group["price"].notna()]
        if not priced.empty:  # several rows in a month: the price weighted by quantity
            weight = float(priced["quantity"].sum())
            price[k, m] = (
                float((priced["quantity"] * priced["price"]).sum() / weight)
                if weight
                else float(priced["price"].mean())
            )
    return quantity, price


def _planned_quantity(result: Result, ks: list[int], active: np.ndarray) -> np.ndarray:
    """Lines × 12: the volume the plan assumes in each month the line runs (its own driver: årsverk, hours or
    units a month; NaN for lines that have none, as a fixed amount)."""
    s = result.scenario
    out = np.full(active.shape, np.nan)
    for n, k in enumerate(ks):
        info = result.line_info[k]
        line = next((x for x in s.lines_of(info.alternative) if x.id == info.line), None)
        q = _volume(line)
        if q is not None:
            out[n] = np.where(active[n], q, 0.0)
    return out


def _volume(line) -> float | None:
    """A line's volume driver: årsverk for staff, hours a month (or årsverk) for consultants, units a month for
    purchases; None for the rest."""
    if line is None:
        return None
    if line.kind == "staff":
        return float(line.fte)
    if line.kind == "consultant":
        return float(line.hours_per_month if line.hours_per_month is not None else line.fte)
    if line.kind == "purchase" and line.units_per_month is not None:
        return float(line.units_per_month)
    return None


def _forecasts(plan, actual, seen, done, planned_q, quantity, price) -> dict[str, np.ndarray]:
    """Per line, the year's forecast by each method (contract 1.3)."""
    to_date = actual[:, :done].sum(axis=1)
    left = 12 - done
    out = {"plan": to_date + plan[:, done:].sum(axis=1)}
    trend = np.zeros(len(plan))
    for n in range(len(plan)):
        months = np.flatnonzero(seen[n, :done])[-TREND_MONTHS:]
        trend[n] = actual[n, months].mean() if len(months) else 0.0
    out["trend"] = to_date + trend * left
    model = out["plan"].copy()
    for n in range(len(plan)):
        known = np.flatnonzero(~np.isnan(quantity[n, :done]))
        if not len(known) or np.isnan(planned_q[n]).all():
            continue  # no activity, or no volume to put it in: as plan
        last = known[-1]
        q = quantity[n, last]
        p_given = price[n, last]
        rest = 0.0
        for m in range(done, 12):
            q0 = planned_q[n, m]
            if not q0 > 0:  # the line does not run that month in the plan
                continue
            p = p_given if not np.isnan(p_given) else plan[n, m] / q0
            rest += q * p
        model[n] = to_date[n] + rest
    out["model"] = model
    return out


def _effects(plan, actual, done, planned_q, quantity, price) -> tuple[list[float | None], list[float | None]]:
    """Per line, the deviation to date split into volume and price over the months with activity (contract 1.3);
    None for a line without activity."""
    volume: list[float | None] = []
    prices: list[float | None] = []
    for n in range(len(plan)):
        months = [m for m in range(done) if not np.isnan(quantity[n, m])]
        if not months or np.isnan(planned_q[n]).all():
            volume.append(None)
            prices.append(None)
            continue
        v = p_sum = 0.0
        for m in months:
            q0, q1 = planned_q[n, m], quantity[n, m]
            p1 = price[n, m] if not np.isnan(price[n, m]) else (actual[n, m] / q1 if q1 else np.nan)
            p0 = plan[n, m] / q0 if q0 else np.nan
            p0 = p1 if np.isnan(p0) else p0
            p1 = p0 if np.isnan(p1) else p1
            if np.isnan(p0):  # neither a plan nor an actual price: nothing to split
                continue
            v += (q1 - q0) * (p0 + p1) / 2
            p_sum += (p1 - p0) * (q0 + q1) / 2
        volume.append(float(v))
        prices.append(float(p_sum))
    return volume, prices
