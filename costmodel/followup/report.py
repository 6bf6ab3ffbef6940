"""The follow-up in Norwegian: the status table and the sentences of a månedsrapport or tertialrapport
(«Økonomisk status per august»), every figure from status.py, rounded only here."""

from __future__ import annotations

import numpy as np
import pandas as pd

from costmodel import formatting as fmt
from costmodel.followup.status import METHODS, Status

METHOD_NAMES = {
    "plan": "regnskap hittil og plan for resten av året",
    "trend": "regnskap hittil og snittet av de tre siste månedene med regnskap for resten av året (tar ikke hensyn "
    "til at en linje starter eller stopper senere i året)",
    "model": "regnskap hittil og modellen med siste måneds mengde og pris for resten av året",
}
METHOD_SHORT = {"plan": "plan", "trend": "trend", "model": "modell"}
UNMAPPED = "ikke knyttet til noen linje"
PRICE_WORDS = {"antall årsverk": "kostnaden per årsverk", "antall timer": "timeprisen"}


def month_word(status: Status) -> str:
    """`august 2017`: the last month counted."""
    return fmt.MONTHS[status.through % 12] + f" {status.year}"


def status_frame(status: Status) -> pd.DataFrame:
    """Per line and in total (kroner): the year's budget, plan and actual to date, the deviation, and the
    forecast by each method with its deviation from the budget."""
    rows = {}
    data = status.as_dict()
    for label, figures in [*zip(status.labels, data["lines"].values()), ("Sum", data["total"])]:
        row = {
            "Budsjett": figures["budget"],
            "Plan hittil": figures["plan_to_date"],
            "Regnskap hittil": figures["actual_to_date"],
            "Avvik hittil": figures["deviation_to_date"],
        }
        for method in METHODS:
            row[f"Prognose ({METHOD_SHORT[method]})"] = figures["forecast"][method]
        rows[label] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def _over(amount: float) -> str:
    return f"merforbruk {fmt.about(amount)}" if amount > 0 else f"mindreforbruk {fmt.about(-amount)}"


def deviation_sentences(status: Status, units: dict[str, str] | None = None) -> list[str]:
    """Each line that deviates, in words, explained by volume and price where activity is known:
    «Innleie: merforbruk 29 000 kr hittil i år; av dette 23 500 kr fordi mengden (timer) er høyere enn planlagt
    og 5 500 kr fordi prisen er høyere.» `units` names each line's volume (timer, årsverk, …)."""
    units = units or {}
    out = []
    for k, line in enumerate(status.lines):
        figures = status.line_figures(k)
        deviation = figures["deviation_to_date"]
        if abs(deviation) < 0.5:
            continue
        text = f"{status.labels[k]}: {_over(deviation)} hittil i år"
        volume, price = figures["volume_effect"], figures["price_effect"]
        if volume is None:
            out.append(f"{text}; ikke forklart (ingen aktivitetstall for linjen).")
            continue
        parts = []
        unit = units.get(line, "mengden")
        if abs(volume) >= 0.5:
            more = "høyere" if volume > 0 else "lavere"
            parts.append(f"{fmt.about(abs(volume))} fordi {unit} er {more} enn planlagt")
        if abs(price) >= 0.5:
            per = f"prisen per {unit.removeprefix('antall ')}" if line in units else "prisen"
            what = PRICE_WORDS.get(unit, per)
            parts.append(f"{fmt.about(abs(price))} fordi {what} er {'høyere' if price > 0 else 'lavere'}")
        rest = deviation - volume - price
        if abs(rest) >= 0.5:
            parts.append(f"{fmt.about(abs(rest))} ikke forklart")
        listed = ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else "".join(parts)
        out.append(f"{text}; av dette {listed}." if parts else f"{text}.")
    return out


def forecast_sentence(status: Status, method: str = "model") -> str:
    """«Prognosen for 2017 er 8,1 mill. kr mot et budsjett på 7,5 mill. kr: merforbruk 0,6 mill. kr (metode: …).»"""
    total = status.as_dict()["total"]
    forecast, budget = total["forecast"][method], total["budget"]
    gap = forecast - budget
    result = "i balanse" if abs(gap) < 0.5 else _over(gap)
    return (
        f"Prognosen for {status.year} er {fmt.about(forecast)} mot et budsjett på {fmt.about(budget)}: {result} "
        f"(metode: {METHOD_NAMES[method]})."
    )


def unmapped_sentence(status: Status) -> str | None:
    if not status.unmapped_rows:
        return None
    rows = "1 postering" if status.unmapped_rows == 1 else f"{status.unmapped_rows} posteringer"
    return (
        f"{rows} på til sammen {fmt.about(status.unmapped_amount)} er {UNMAPPED}; de er "
        "ikke med i tallene over. Hører noen av dem til saken, må kontoene deres knyttes til en linje."
    )


def gains_sentence(status: Status, baseline: str, shared: float = 0.0) -> str | None:
    """«Mot fortsatt innleie hittil i år: planlagt 0,4 mill. kr mer brukt, regnskapet viser 3,7 mill. kr mer brukt.
    Av forskjellen er 2,3 mill. kr merforbruk på linjer som er de samme i begge alternativene …» `shared`: the
    deviation to date on the lines the baseline has alike, which would have come under either alternative."""
    if status.gains is None:
        return None
    planned, realised = status.gains["planned_to_date"], status.gains["realised_to_date"]

    def said(amount: float) -> str:
        return f"{fmt.about(amount)} spart" if amount >= 0 else f"{fmt.about(-amount)} mer brukt"

    both = (
        f" Av forskjellen er {_over(shared)} på linjer som er de samme i begge alternativene; det hadde kommet "
        "uansett, og sier ikke noe om vedtaket."
        if abs(shared) >= 0.5
        else ""
    )
    return (
        f"Mot {baseline} hittil i år: planlagt {said(planned)}, regnskapet viser {said(realised)}.{both} "
        "Nullalternativet er et tenkt forløp (det saken ble vedtatt mot), ikke et regnskap."
    )


def shared_deviation(result, status: Status) -> float:
    """The deviation to date on the decided lines the baseline has alike (same id, same plan for the year)."""
    from costmodel.followup.status import plan_grid

    s = result.scenario
    if not s.baseline or s.baseline == s.follow_up.alternative:
        return 0.0
    base = [k for k, info in enumerate(result.line_info) if info.alternative == s.baseline]
    base_ids = [result.line_info[k].line for k in base]
    base_plan = plan_grid(result, base, status.year)[0]
    done = status.months_done
    total = 0.0
    for n, line in enumerate(status.lines):
        if line in base_ids and np.allclose(base_plan[base_ids.index(line)], status.plan[n]):
            total += float(status.actual[n, :done].sum() - status.plan[n, :done].sum())
    return total


def status_text(
    status: Status, baseline: str | None, method: str = "model", units: dict | None = None, shared: float = 0.0
) -> list[str]:
    """The report's paragraphs, in the order a månedsrapport gives them."""
    data = status.as_dict()["total"]
    lead = (
        f"Per {month_word(status)}: regnskap {fmt.about(data['actual_to_date'])} mot plan "
        f"{fmt.about(data['plan_to_date'])} hittil i år, {_over(data['deviation_to_date'])}."
        if abs(data["deviation_to_date"]) >= 0.5
        else f"Per {month_word(status)}: regnskapet følger planen ({fmt.about(data['actual_to_date'])} hittil i år)."
    )
    out = [lead, forecast_sentence(status, method), *deviation_sentences(status, units)]
    for extra in (unmapped_sentence(status), gains_sentence(status, baseline, shared) if baseline else None):
        if extra:
            out.append(extra)
    return out


def units(result, status: Status) -> dict[str, str]:
    """Each line's volume in words, for the explanations: «antall timer», «antall årsverk», «antall døgn»."""
    s = result.scenario
    lines = {line.id: line for line in s.lines_of(s.follow_up.alternative)}
    out = {}
    for line_id in status.lines:
        line = lines.get(line_id)
        if line is None:
            continue
        if line.kind == "staff" or (line.kind == "consultant" and line.hours_per_month is None):
            out[line_id] = "antall årsverk"
        elif line.kind == "consultant":
            out[line_id] = "antall timer"
        elif line.kind == "purchase":
            out[line_id] = "antall timer" if line.unit == "hour" else f"antall {line.unit or 'enheter'}"
    return out


def unmapped_frame(status: Status) -> pd.DataFrame:
    """The postings no line takes, summed per account (art, funksjon, ansvar, prosjekt), largest first."""
    titles = ["Art", "Funksjon", "Ansvar", "Prosjekt", "Tekst (første)", "Posteringer", "Beløp (kr)"]
    rows = status.unmapped
    if rows.empty:
        return pd.DataFrame(columns=titles)
    keys = ["art", "funksjon", "ansvar", "prosjekt"]
    grouped = rows.groupby(keys, dropna=False).agg(
        tekst=("tekst", "first"), count=("amount", "count"), total=("amount", "sum")
    )
    grouped = grouped.reset_index().sort_values("total", key=abs, ascending=False)
    grouped.columns = titles
    return grouped.reset_index(drop=True)
