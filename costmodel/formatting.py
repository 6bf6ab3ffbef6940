"""Norwegian number formats for views: `1 234 567 kr`, `3,6 mill. kr`, `+2,8` / `−2,8` / `–`.

One rounding rule everywhere: half away from zero (as spreadsheets' ROUND and Norwegian
budget documents), applied to the shortest decimal form of the float, and never `-0`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

MINUS = "\u2212"  # the typographic minus used in budget tables
DASH = "\u2013"  # the en dash for "no change"
MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
MONTHS_SHORT = tuple(name if len(name) <= 4 else name[:3] + "." for name in MONTHS)  # sep., mai, juni


def round_half_away(value: float, places: int = 0) -> Decimal:
    """Round half away from zero: 2.5 → 3, −2.5 → −3, 0.125 → 0.13 (at 2 places); −0.4 → 0. Any finite float
    rounds (the context holds the 309 digits of the largest), so no figure can crash a view."""
    with localcontext() as context:
        context.prec = 400
        rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return rounded + 0 if rounded else abs(rounded)  # drop the sign of a negative zero


def number(value: float, places: int = 0, minus: str = MINUS, plus: str = "") -> str:
    """`1 234 567,5` with a space between thousands and a decimal comma."""
    rounded = round_half_away(value, places)
    sign = minus if rounded < 0 else plus if rounded > 0 else ""
    whole, _, fraction = f"{abs(rounded):.{places}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    return sign + grouped + ("," + fraction if places else "")


def decimal(value: float, places: int = 6) -> str:
    """A plain figure with as many decimals as it needs (up to `places`): `1 400 000`, `0,035`."""
    return number(value, places).rstrip("0").rstrip(",") if places else number(value)


_MONTH_WORDS = "|".join([*MONTHS, *(m[:3] + r"\." for m in MONTHS if len(m) > 3)])


def unbroken(text: str) -> str:
    """Text in which no figure breaks across a line: non-breaking spaces inside `1 234 567`, before its unit
    (`kr`, `%`, `mill. kr`, `årsverk`, `effektive årsverk`, `mnd.`, `timer`), inside `mill. kr` and between a month
    and its year (`nov. 2022`, `mars 2025`); a word joiner after the dash of a span of years (`2019–2023`)."""
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "\u00a0", text)
    text = re.sub(r"(?<=\d) (?=%|mill\.|mnd\.|(kr|årsverk|effektive|timer)\b)", "\u00a0", text)
    text = re.sub(r"(?<=mill\.) (?=kr\b)", "\u00a0", text)
    text = re.sub(rf"\b({_MONTH_WORDS}) (?=\d{{4}}\b)", "\\1\u00a0", text)
    return re.sub(r"(?<=\d)–(?=\d)", "–\u2060", text)


def kr(value: float) -> str:
    """Whole kroner: `1 234 567 kr`."""
    return f"{number(value)} kr"


def about(value: float) -> str:
    """A computed amount rounded as a saksframlegg rounds it, to three figures at most: `4,9 mill. kr` from one
    million, else `743 000 kr`, `81 200 kr`, `812 kr` (an hourly rate)."""
    if abs(value) >= 999_950:
        return mill(value)
    step = 1000 if abs(value) >= 100_000 else 100 if abs(value) >= 10_000 else 10 if abs(value) >= 1000 else 1
    return kr(float(round_half_away(value / step)) * step)


def mill(value: float, places: int = 1, plus: str = "") -> str:
    """Millions with one decimal: `3,6 mill. kr` (`+3,6 mill. kr` with `plus="+"`)."""
    return f"{number(value / 1e6, places, plus=plus)} mill. kr"


def change(value: float, unit: str = "mill") -> str:
    """A budget change: `+2,8` / `−2,8` in mill. kr (or `+1 300 000` in kr); `–` when nothing changes."""
    if abs(value) < 0.5:
        return DASH
    if unit == "mill":
        return number(value / 1e6, 1, plus="+")
    return number(value, 0, plus="+")


def level(value: float, unit: str = "mill") -> str:
    """An annual level: `2,8` in mill. kr or `2 800 000` in kr; `–` for nothing."""
    if abs(value) < 0.5:
        return DASH
    return number(value / 1e6, 1) if unit == "mill" else number(value, 0)


def percent(share: float, places: int = 1) -> str:
    """`14,1 %` for 0.141."""
    return f"{number(share * 100, places)} %"


def month_name(month: str) -> str:
    """`2017-09` → `september 2017`."""
    return f"{MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def month_short(month: str) -> str:
    """`2017-09` → `sep. 2017`; `2017-05` → `mai 2017`."""
    return f"{MONTHS_SHORT[int(month[5:7]) - 1]} {month[:4]}"


def real_terms(scenario) -> str:
    """The terms of a present value: `faste 2025-kroner, realrente 4 %` (docs/method.md §4)."""
    return f"faste {scenario.basis_year}-kroner, realrente {decimal(scenario.discount_rate * 100, 2)} %"


def present_value_basis(scenario) -> str:
    """What a present value is: `nåverdi i faste 2025-kroner, realrente 4 %`."""
    return f"nåverdi i {real_terms(scenario)}"


def price_basis(scenario, basis: bool = False) -> str:
    """What the kroner are: `faste 2017-kroner` or `løpende priser` (`løpende priser (basis 2019)` with `basis`)."""
    if scenario.prices == "fixed":
        return f"faste {scenario.basis_year}-kroner"
    return f"løpende priser (basis {scenario.basis_year})" if basis else "løpende priser"
