"""An independent, deliberately plain re-implementation of the scenario format (docs/method.md).

It reads the raw scenario data (a dict as loaded from YAML, defaults filled in here) and loops
over alternatives, lines and months one by one. The tests compare the engine with it on bundled
and random scenarios; the benchmark times it as the straightforward reference.

Its defaults and zone rates are written here on purpose, independent of costmodel/parameters/:
a change to a bundled parameter must be made here too.
"""

from __future__ import annotations

DEFAULTS = {
    "employer_tax_rate": 0.141,
    "pension_rate": 0.20,
    "holiday_pay_included": True,
    "holiday_pay_rate": 0.12,
    "overhead_per_fte": 0.0,
    "hours_per_fte": 1695.0,
    "sick_leave_rate": 0.0,
    "sick_pay_refund_rate": 0.0,
    "vacancy_rate": 0.0,
}
ZONES = {"I": 0.141, "Ia": 0.106, "II": 0.106, "III": 0.064, "IV": 0.051, "IVa": 0.079, "V": 0.0}


def _ym(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


def _param(name, line, params):
    if name == "employer_tax_rate":
        for level in (line, params):
            if level.get("employer_tax_rate") is not None:
                return level["employer_tax_rate"]
            if level.get("employer_tax_zone") is not None:
                return ZONES[level["employer_tax_zone"]]
        return DEFAULTS[name]
    if line.get(name) is not None:
        return line[name]
    if params.get(name) is not None:
        return params[name]
    return DEFAULTS[name]


def _monthly(line, params):
    """(recurring monthly amount, one-off at start, årsverk) for one line."""
    kind = line["kind"]
    if kind == "staff":
        if line.get("annual_cost_per_fte") is not None:
            per_fte = line["annual_cost_per_fte"]
        else:
            s = line["annual_salary"]
            salary = (
                s
                if _param("holiday_pay_included", line, params)
                else s * (1 + _param("holiday_pay_rate", line, params))
            )
            pension = s * _param("pension_rate", line, params)
            tax = (salary + pension) * _param("employer_tax_rate", line, params)
            per_fte = salary + pension + tax + _param("overhead_per_fte", line, params)
        paid = line["fte"] * (1 - _param("vacancy_rate", line, params))  # vacant positions draw no pay
        hired = line["hires"] if line.get("hires") is not None else line["fte"]  # contract 1.3: one hire per person
        return paid * per_fte / 12, hired * (line.get("recruitment_cost") or 0), paid
    vat = 1.0
    if kind in ("consultant", "purchase") and line.get("vat_compensated", True) is False:
        vat = 1 + line.get("vat_rate", 0.0)
    if kind == "consultant":
        hours = _param("hours_per_fte", line, params)
        if line.get("annual_price_per_fte") is not None:
            return line["fte"] * line["annual_price_per_fte"] / 12 * vat, 0.0, line["fte"]
        if line.get("fte") is not None:
            return line["fte"] * hours * line["hourly_rate"] / 12 * vat, 0.0, line["fte"]
        return line["hours_per_month"] * line["hourly_rate"] * vat, 0.0, line["hours_per_month"] * 12 / hours
    if kind == "purchase":
        # contract 1.3: fte_equivalent, else hours (unit: hour) × 12 / hours per årsverk, else nothing
        if line.get("fte_equivalent") is not None:
            delivered = line["fte_equivalent"]
        elif line.get("unit") == "hour" and line.get("units_per_month") is not None:
            delivered = line["units_per_month"] * 12 / _param("hours_per_fte", line, params)
        else:
            delivered = 0.0
        if line.get("annual_amount") is not None:
            return line["annual_amount"] / 12 * vat, 0.0, delivered
        return line["units_per_month"] * line["unit_price"] * vat, 0.0, delivered
    if kind == "fixed":
        return line["annual_amount"] / 12, 0.0, 0.0
    return 0.0, line["amount"], 0.0


def _growth_series(data, name):
    growth = data.get("growth") or {}
    if isinstance(growth, str):
        growth = {"source": growth}
    series = {}
    if growth.get("source") == "statsbudsjett":
        series.update(
            {2016: 0.027, 2019: 0.028, 2020: 0.031, 2021: 0.027, 2022: 0.025, 2023: 0.037, 2024: 0.043, 2025: 0.041}
        )
    series.update({(k if k == "default" else int(k)): v for k, v in (growth.get(name) or {}).items()})
    return series


def _index(data, series_name, year):
    if data.get("prices", "fixed") == "fixed" or series_name == "none":
        return 1.0
    g = _growth_series(data, series_name)
    rate = lambda y: g[y] if y in g else g["default"]  # noqa: E731
    basis = data.get("price_basis") or _ym(str(data["start"]))[0]
    value = 1.0
    if year > basis:
        for y in range(basis + 1, year + 1):
            value *= 1 + rate(y)
    else:
        for y in range(basis, year, -1):
            value /= 1 + rate(y)
    return value


def _assumed(spec: dict):
    """An assumption's value without simulation: `value`, else the mode, else the midpoint (months: the earlier)."""
    if "value" in spec:
        return spec["value"]
    if "mode" in spec:
        return spec["mode"]
    low, high = spec["low"], spec["high"]
    if isinstance(low, str):
        a, b = _ym(low), _ym(high)
        n = (a[0] * 12 + a[1] - 1 + b[0] * 12 + b[1] - 1) // 2
        return f"{n // 12:04d}-{n % 12 + 1:02d}"
    return (low + high) / 2


def resolve(data, assumptions=None):
    """The data with every `{ref: NAME, plus_months: n}` replaced by the named value (a month moved n months)."""
    if assumptions is None and isinstance(data, dict):
        assumptions = {name: _assumed(spec) for name, spec in (data.get("assumptions") or {}).items()}
        data = {k: v for k, v in data.items() if k != "assumptions"}
    if isinstance(data, dict) and "ref" in data:
        value = assumptions[data["ref"]]
        if isinstance(value, str):
            y, m = _ym(value)
            n = y * 12 + m - 1 + data.get("plus_months", 0)
            return f"{n // 12:04d}-{n % 12 + 1:02d}"
        return value
    if isinstance(data, dict):
        return {k: resolve(v, assumptions) for k, v in data.items()}
    if isinstance(data, list):
        return [resolve(v, assumptions) for v in data]
    return data


def _capacity(data, params, months, own):
    """(need per month, cover price per årsverk-year or None) of a `capacity:` block, or None without one."""
    capacity = data.get("capacity")
    if not capacity:
        return None
    need = capacity["need"]
    per_year = {}
    for year, _ in months:
        if "fte" in need:
            series = {int(k) if str(k).isdigit() else k: v for k, v in need["fte"].items()}
            per_year[year] = series.get(year, series.get("default"))
        else:
            series = {int(k) if str(k).isdigit() else k: v for k, v in need["cases"].items()}
            per_year[year] = series.get(year, series.get("default")) / need["cases_per_fte"]
    price = None
    if capacity.get("cover") == "consultant":
        if capacity.get("cover_price_per_fte") is not None:
            price = capacity["cover_price_per_fte"]
        else:
            price = _param("hours_per_fte", {}, params) * capacity["cover_hourly_rate"]
    return [per_year[y] for y, _ in months], price


def _partner_weights(data: dict, line: dict | None) -> dict:
    """Each partner's part of a line: all of it for the partner the line names, else the key's share."""
    partners = data.get("partners") or []
    if any("basis" in p for p in partners):
        total = sum(p["basis"] for p in partners)
        shares = {p["id"]: p["basis"] / total for p in partners}
    else:
        shares = {p["id"]: p["share"] for p in partners}
    named = (line or {}).get("partner")
    return {pid: (1.0 if pid == named else 0.0) for pid in shares} if named else shares


def compute(data: dict) -> dict:
    """Summary figures in the shape of `costmodel summary --json`, by plain loops."""
    data = resolve(data)
    y0, m0 = _ym(str(data["start"]))
    months = [(y0 + (m0 - 1 + k) // 12, (m0 - 1 + k) % 12 + 1) for k in range(data["months"])]
    years = sorted({y for y, _ in months})
    params = data.get("parameters") or {}
    rate = data.get("discount_rate", 0.04)
    out = {"alternatives": {}, "comparison": {}}
    monthly_totals = {}
    for alt in data["alternatives"]:
        lines_out = {}
        total_by_year = {y: 0.0 for y in years}
        fte_by_month = [0.0] * len(months)
        own_by_month = [0.0] * len(months)
        month_total = [0.0] * len(months)
        previous_total = 0.0
        partner_annual = {pid: {y: 0.0 for y in years} for pid in _partner_weights(data, None)}
        for line in list(alt.get("lines") or []) + list(data.get("common") or []):
            recurring, once, fte = _monthly(line, params)
            kind = line["kind"]
            sick = _param("sick_leave_rate", line, params) if kind == "staff" else 0.0
            refund = -recurring * sick * _param("sick_pay_refund_rate", line, params) if kind == "staff" else 0.0
            bought = ("staff", "consultant", "purchase")
            delivers = fte * (1 - sick) if kind in bought and line.get("capacity", True) else 0.0
            refund_annual = {y: 0.0 for y in years}
            series = line.get("index") or ("wages" if kind in ("staff", "consultant") else "prices")
            start = _ym(str(line.get("start") or data["start"]))
            end = _ym(str(line["end"])) if line.get("end") else (9999, 12)
            annual = {y: 0.0 for y in years}
            for k, (y, m) in enumerate(months):
                amount = 0.0
                active = start <= (y, m) <= end and kind != "one_off"
                if active:
                    amount += recurring
                    fte_by_month[k] += fte
                    own_by_month[k] += delivers
                    back = refund * _index(data, series, y)
                    refund_annual[y] += back
                    month_total[k] += back
                if (y, m) == start:
                    amount += once
                amount *= _index(data, series, y)
                annual[y] += amount
                month_total[k] += amount
            previous = line.get("previous_year_amount", 0.0)
            previous_total += previous
            changes, last = {}, previous
            for y in years:
                changes[str(y)] = annual[y] - last
                last = annual[y]
                total_by_year[y] += annual[y]
            lines_out[line["id"]] = {"annual": {str(y): v for y, v in annual.items()}, "changes": changes}
            for pid, weight in _partner_weights(data, line).items():
                for y in years:
                    partner_annual[pid][y] += weight * (annual[y] + refund_annual[y])
            if refund != 0:
                changes, last = {}, 0.0
                for y in years:
                    changes[str(y)] = refund_annual[y] - last
                    last = refund_annual[y]
                    total_by_year[y] += refund_annual[y]
                lines_out[line["id"] + ".refusjon"] = {
                    "annual": {str(y): v for y, v in refund_annual.items()},
                    "changes": changes,
                }
        capacity = _capacity(data, params, months, own_by_month)
        if capacity is not None:
            need, cover_price = capacity
            gap = [max(0.0, n - o) for n, o in zip(need, own_by_month)]
            covered = cover_price is not None
            cover_annual = {y: 0.0 for y in years}
            for k, (y, _) in enumerate(months):
                if covered:
                    amount = gap[k] * cover_price / 12 * _index(data, "wages", y)
                    cover_annual[y] += amount
                    month_total[k] += amount
                    fte_by_month[k] += gap[k]
            if covered:
                changes, last = {}, 0.0
                for y in years:
                    changes[str(y)] = cover_annual[y] - last
                    last = cover_annual[y]
                    total_by_year[y] += cover_annual[y]
                lines_out["dekning"] = {"annual": {str(y): v for y, v in cover_annual.items()}, "changes": changes}
                for pid, weight in _partner_weights(data, None).items():
                    for y in years:
                        partner_annual[pid][y] += weight * cover_annual[y]
            figures = {"need": need, "own": own_by_month}
            figures["cover"] = gap if covered else [0.0] * len(months)
            figures["unmet"] = [0.0] * len(months) if covered else gap
            capacity_out = {
                name: {
                    str(y): sum(v for v, (yy, _) in zip(values, months) if yy == y)
                    / sum(1 for yy, _ in months if yy == y)
                    for y in years
                }
                for name, values in figures.items()
            }
        else:
            capacity_out = None
        changes, last = {}, previous_total
        for y in years:
            changes[str(y)] = total_by_year[y] - last
            last = total_by_year[y]
        fte = {}
        for y in years:
            values = [fte_by_month[k] for k, (yy, _) in enumerate(months) if yy == y]
            fte[str(y)] = sum(values) / len(values)
        out["alternatives"][alt["id"]] = {
            "annual": {str(y): v for y, v in total_by_year.items()},
            "changes": changes,
            "fte": fte,
            "total": sum(total_by_year.values()),
            # real kroner of the price basis at the real rate: deflate by the prices index, then discount
            "present_value": sum(
                v / _index(data, "prices", y) / (1 + rate) ** (y - y0) for y, v in total_by_year.items()
            ),
            "lines": lines_out,
        }
        if capacity_out is not None:
            out["alternatives"][alt["id"]]["capacity"] = capacity_out
        if partner_annual:
            out["alternatives"][alt["id"]]["partners"] = {
                pid: {
                    "annual": {str(y): v for y, v in values.items()},
                    "total": sum(values.values()),
                    "present_value": sum(
                        v / _index(data, "prices", y) / (1 + rate) ** (y - y0) for y, v in values.items()
                    ),
                }
                for pid, values in partner_annual.items()
            }
        monthly_totals[alt["id"]] = month_total
    base = data.get("baseline")
    if base:
        for alt_id, figures in out["alternatives"].items():
            if alt_id == base:
                continue
            b = out["alternatives"][base]
            cum_a = cum_b = 0.0
            ok = []
            for a_m, b_m in zip(monthly_totals[alt_id], monthly_totals[base]):
                cum_a += a_m
                cum_b += b_m
                ok.append(cum_a <= cum_b + 0.001)
            even = None
            for k in range(len(months)):
                if all(ok[k:]):
                    even = f"{months[k][0]:04d}-{months[k][1]:02d}"
                    break
            out["comparison"][alt_id] = {
                "difference_by_year": {y: figures["annual"][y] - b["annual"][y] for y in figures["annual"]},
                "total_difference": figures["total"] - b["total"],
                "present_value_difference": figures["present_value"] - b["present_value"],
                "break_even_month": even,
            }
            if "partners" in figures:
                out["comparison"][alt_id]["partners"] = {
                    pid: {
                        "total_difference": p["total"] - b["partners"][pid]["total"],
                        "present_value_difference": p["present_value"] - b["partners"][pid]["present_value"],
                    }
                    for pid, p in figures["partners"].items()
                }
    return out
