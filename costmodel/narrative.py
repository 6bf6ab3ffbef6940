"""Plain-Norwegian sentences about a result, for presentations. Every number comes from views.py."""

from __future__ import annotations

from . import formatting as fmt
from . import views
from .engine import Result
from .scenario import month_label


def _mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: `Fortsatt innleie` → `fortsatt innleie` (acronyms kept)."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def comparison_sentences(result: Result) -> list[str]:
    """One sentence per alternative against the nullalternativ: cost over the period, and when it pays off.

    «Rådmannens forslag koster 4,9 mill. kr mindre enn fortsatt innleie i 2017–2020 og er billigere
    fra desember 2017.»
    """
    scenario = result.scenario
    if scenario.baseline is None:
        return []
    years = result.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    baseline = _mid_sentence(scenario.alternative(scenario.baseline).name)
    out = []
    for alt_id, c in views.comparison(result).items():
        name = scenario.alternative(alt_id).name
        difference = c["total_difference"]
        month = c["break_even_month"]
        if abs(difference) < 50_000:  # shows as 0,0 mill. kr
            cost = f"koster omtrent det samme som {baseline} i {span}"
        elif difference < 0:
            cost = f"koster {fmt.mill(-difference)} mindre enn {baseline} i {span}"
        else:
            cost = f"koster {fmt.mill(difference)} mer enn {baseline} i {span}"
        if month is not None and month == month_label(int(result.month_numbers[0])):
            when = "og er aldri dyrere underveis"
        elif month:
            when = f"og er billigere fra {fmt.month_name(month)}"
        else:
            when = f"og har ved utgangen av {years[-1]} ikke tjent inn merkostnaden"
        pv = c["present_value_difference"]
        favoured = _mid_sentence(name) if pv < 0 else baseline
        out.append(
            f"{name} {cost} {when}. Med kalkulasjonsrente {fmt.percent(scenario.discount_rate)} er nåverdien "
            f"av forskjellen {fmt.mill(abs(pv))} i favør av {favoured}."
        )
    return out
