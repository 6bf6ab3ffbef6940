"""What the council reads beside the kroner: the non-priced effects and each partner municipality's share.

Shared by the app, the deck and the case note, so the three say the same. Every figure comes from
views.py (partners) or effects.py (konsekvens); nothing here computes a cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from costmodel import formatting as fmt
from costmodel.engine import Result, views
from costmodel.engine import effects as fx
from costmodel.report.narrative import _mid_sentence, span_text

if TYPE_CHECKING:
    import pandas as pd

IMPORTANCE_TEXT = {"liten": "Liten", "middels": "Middels", "stor": "Stor"}
# Konsekvens colours, red to green through grey: the same in the app, the workbook and the deck.
COLOURS = {
    -4: "#b2182b",
    -3: "#d6604d",
    -2: "#f4a582",
    -1: "#fddbc7",
    0: "#f0f0f0",
    1: "#d1e5f0",
    2: "#92c5de",
    3: "#4393c3",
    4: "#2166ac",
}
DARK = {-4, -3, 3, 4}  # steps whose colour needs white text


def compared(result: Result) -> list[str]:
    """The alternatives judged against the nullalternativ (all of them without one)."""
    return [a for a in result.alternatives if a != result.scenario.baseline]


def effects_frame(result: Result) -> pd.DataFrame:
    """The effects table: Virkning, Betydning, one konsekvens column per compared alternative, Begrunnelse."""
    import pandas as pd

    names = {a.id: a.name for a in result.scenario.alternatives}
    rows = []
    for row in fx.table(result):
        out = {"Virkning": row["label"], "Betydning": IMPORTANCE_TEXT[row["importance"]]}
        for alt in compared(result):
            out[names[alt]] = row["alternatives"][alt]["symbol"]
        out["Begrunnelse"] = row["note"] or ""
        rows.append(out)
    return pd.DataFrame(rows)


def effects_steps(result: Result) -> pd.DataFrame:
    """The konsekvens steps (−4 … 4) behind effects_frame's symbols, same shape, for colouring."""
    import pandas as pd

    names = {a.id: a.name for a in result.scenario.alternatives}
    return pd.DataFrame(
        [{names[alt]: row["alternatives"][alt]["consequence"] for alt in compared(result)} for row in fx.table(result)]
    )


def effects_sentence(result: Result) -> str | None:
    """«De ikke-prissatte virkningene taler for eget tiltaksteam: 4 positive, ingen negative (størst: …).»"""
    rows = fx.table(result)
    if not rows or result.scenario.baseline is None:
        return None
    baseline = _mid_sentence(result.scenario.alternative(result.scenario.baseline).name)
    out = []
    for alt in compared(result):
        name = result.scenario.alternative(alt).name
        steps = [(row["alternatives"][alt]["consequence"], row["label"]) for row in rows]
        plus = sum(1 for s, _ in steps if s > 0)
        minus = sum(1 for s, _ in steps if s < 0)
        count = f"{_count(plus, 'positiv', 'positive')} og {_count(minus, 'negativ', 'negative')}"
        if plus and not minus:
            lean = f"De ikke-prissatte virkningene taler for {_mid_sentence(name)}"
        elif minus and not plus:
            lean = f"De ikke-prissatte virkningene taler for {baseline}"
        else:
            lean = f"De ikke-prissatte virkningene av {_mid_sentence(name)} trekker i ulike retninger"
        top = max(abs(s) for s, _ in steps)
        largest = [(s, label) for s, label in steps if abs(s) == top and s]  # every one as large, not the first
        named = " og ".join(f"«{label}» ({fx.symbol(s)})" for s, label in largest)
        biggest = f"; størst: {named}" if largest else ""
        out.append(f"{lean}: {count} mot {baseline}{biggest}. De er vurdert, ikke regnet i kroner.")
    return " ".join(out)


def _count(n: int, one: str, many: str) -> str:
    return "ingen " + many if n == 0 else f"{n} {one if n == 1 else many}"


# --- partners ------------------------------------------------------------------------------------------


SAVING = "merkostnad/innsparing"  # the council's word for an alternative's difference against the nullalternativ


def partner_frame(result: Result) -> pd.DataFrame:
    """Per partner: its share of the key, each alternative's cost over the period, and the difference of each
    compared alternative against the nullalternativ (in total and in present value). Unrounded kroner."""
    import pandas as pd

    s = result.scenario
    figures = views.partners(result)
    shares = s.partner_shares()
    span = span_text(result.years)
    rows = []
    for p in s.partners:
        row = {"Kommune": p.name, "Andel av nøkkelen": shares[p.id]}
        for alt in s.alternatives:
            row[f"{alt.name}, {span}"] = figures[alt.id]["levels"][p.id]["total"]
        for alt in compared(result):
            if "differences" in figures[alt]:
                d = figures[alt]["differences"][p.id]
                name = s.alternative(alt).name
                row[f"{name}: {SAVING}"] = d["total_difference"]
                row[f"{name}: {SAVING} i nåverdi"] = d["present_value_difference"]
        rows.append(row)
    frame = pd.DataFrame(rows)
    total = {"Kommune": "Sum", "Andel av nøkkelen": sum(shares.values())}
    total.update({c: frame[c].sum() for c in frame.columns[2:]})
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def partner_years_frame(result: Result) -> pd.DataFrame:
    """What each municipality pays per year in each alternative, and each compared alternative's difference per
    year for each municipality: rows `Alternativ: Kommune`, columns the years and the sum. Unrounded kroner."""
    import pandas as pd

    s = result.scenario
    figures = views.partners(result)
    years = [str(y) for y in result.years]
    rows = {}
    for alt in s.alternatives:
        for p in s.partners:
            annual = figures[alt.id]["levels"][p.id]["annual"]
            rows[f"{alt.name}: {p.name}"] = [annual[y] for y in years]
    for alt in compared(result):
        for p in s.partners:
            d = figures[alt].get("differences", {}).get(p.id)
            if d is not None:
                by_year = d["difference_by_year"]
                rows[f"{s.alternative(alt).name}, {SAVING}: {p.name}"] = [by_year[y] for y in years]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=years)
    frame[f"Sum {span_text(result.years)}"] = frame.sum(axis=1)
    return frame.rename_axis("Kommune")


def partner_frame_text(result: Result) -> pd.DataFrame:
    """partner_frame formatted for a table: shares in per cent, kroner as `1 234 567 kr`, differences signed."""
    frame = partner_frame(result)
    out = frame.copy()
    out["Andel av nøkkelen"] = frame["Andel av nøkkelen"].map(fmt.percent)
    for column in frame.columns[2:]:
        signed = SAVING in column
        out[column] = frame[column].map(lambda v, s=signed: f"{fmt.number(v, plus='+' if s else '')} kr")
    return out


def partner_sentences(result: Result) -> list[str]:
    """«For Søndre Land betyr rådmannens forslag 2,1 mill. kr lavere kostnader i 2017–2020 (nåverdi …).»"""
    s = result.scenario
    if not s.partners or s.baseline is None:
        return []
    figures = views.partners(result)
    span = span_text(result.years)
    out = []
    for alt in compared(result):
        name = _mid_sentence(s.alternative(alt).name)
        for p in s.partners:
            d = figures[alt]["differences"][p.id]
            total, pv = d["total_difference"], d["present_value_difference"]
            if abs(total) < 50_000:
                what = f"omtrent de samme kostnadene i {span}"
            else:
                what = f"{fmt.mill(abs(total))} {'lavere' if total < 0 else 'høyere'} kostnader i {span}"
            out.append(
                f"For {p.name} betyr {name} {what} (i nåverdi {fmt.mill(abs(pv))} {'lavere' if pv < 0 else 'høyere'})."
            )
    return out


def partner_key_text(result: Result) -> str:
    """How the shares were set: «Fordelingsnøkkel: innbyggere 0–17 år … Nordre Land 51,3 %, Søndre Land 48,7 %.»"""
    s = result.scenario
    shares = ", ".join(f"{p.name} {fmt.percent(v)}" for p, v in zip(s.partners, s.partner_shares().values()))
    paid = sorted({info.label for info in result.line_info if info.partner})
    alone = f" Linjer én kommune betaler alene: {', '.join(paid)}." if paid else ""
    key = f"Fordelingsnøkkel: {s.partner_key}. " if s.partner_key else "Fordelingsnøkkel: "
    return f"{key}{shares}.{alone}"


# --- what the figures rest on --------------------------------------------------------------------------------


def assumption_lines(result: Result, changed: list[str]) -> list[str]:
    """The basis of the figures, one sentence each: first a caveat when the alternatives deliver different capacity
    (not like for like), then kroner, present value, period, parameter vintage, named assumptions, the partners'
    key, and what the what-if changed from the file (`changed`, whatif.describe)."""
    from costmodel.report.narrative import assumption_notes, unequal_capacity

    s = result.scenario
    unequal = unequal_capacity(result)
    out = [
        *([f"Merk: {unequal[0]}"] if unequal else []),
        f"Beløp i {fmt.price_basis(s)}; {fmt.present_value_basis(s)} (fastsatt av Finansdepartementet).",
        f"Periode: {fmt.month_name(s.start)}, {s.months} måneder.",
        *key_inputs(result),
        "Satsene for arbeidsgiveravgift, pensjon og feriepenger er kommunesektorens vanlige satser der saken ikke "
        "har egne.",
        *(f"{note}." for note in assumption_notes(s, council=True)),
        *range_lines(s),
    ]
    if s.partners:
        out.append(partner_key_text(result))
    out.append(
        "Endret fra saksgrunnlaget: " + "; ".join(changed) + "."
        if changed
        else "Tallene er regnet slik saken er lagt fram, uten endringer."
    )
    return out


ABSENCE_PATHS = ("parameters.sick_leave_rate", "parameters.vacancy_rate")  # stated with the key inputs, ranges too


def key_inputs(result: Result) -> list[str]:
    """The inputs a council member asks about, one sentence each: each own position's salary and full cost, the
    pension and arbeidsgiveravgift rates, growth in løpende priser, and sick leave, vacancy and the need."""
    from costmodel.engine.kinds import scenario_context, staff_rates
    from costmodel.parameters import load_reference

    s = result.scenario
    ctx = scenario_context(s, load_reference())
    out, seen = [], set()
    for alt in s.alternatives:
        for line in s.lines_of(alt.id):
            if line.kind != "staff" or line.id in seen:
                continue
            seen.add(line.id)
            rates = staff_rates(line, ctx)
            k = next(k for k, i in enumerate(result.line_info) if i.alternative == alt.id and i.line == line.id)
            total = result.line_costs[k].per_fte["total"]
            if line.annual_salary is None:  # the full cost is given: no rates apply to it
                basis = f"full kostnad {fmt.about(total)} per årsverk (oppgitt)"
            else:
                pension, tax = (fmt.percent(r) for r in (rates.pension_rate, rates.employer_tax_rate))
                basis = (
                    f"årslønn {fmt.kr(line.annual_salary)}, full kostnad om lag {fmt.about(total)} per årsverk "
                    f"(pensjon {pension}, arbeidsgiveravgift {tax})"
                )
            out.append(f"«{line.label}»: {fmt.number(line.fte, 1)} årsverk, {basis}.")
    bought = set()
    for alt in s.alternatives:  # what is bought: volume and price, once, so the figures can be followed
        for line in s.lines_of(alt.id):
            text = bought_text(line, ctx.rates.hours_per_fte)
            if text and text.split("»: ", 1)[1] not in bought:
                bought.add(text.split("»: ", 1)[1])
                out.append(text)
    if s.prices == "nominal":
        years = [y for y in result.years if y > s.basis_year] or result.years
        wages, prices = (s.growth.series(n) for n in ("wages", "prices"))

        def shown(series: dict) -> str:
            return ", ".join(f"{y}: {fmt.percent(series.get(y, series.get('default')))}" for y in years)

        out.append(f"Lønnsvekst {shown(wages)}; prisvekst {shown(prices)}.")
    rates = ctx.rates
    if rates.sick_leave_rate or rates.vacancy_rate or any(p in s.ranges for p in ABSENCE_PATHS):

        def spread(path: str) -> str:
            r = s.ranges.get(path)
            return f" (usikker: {fmt.percent(r.low)} – {fmt.percent(r.high)})" if r else ""

        sick, vacancy = ABSENCE_PATHS
        out.append(
            f"Sykefravær {fmt.percent(rates.sick_leave_rate)}{spread(sick)}, med refusjon av "
            f"{fmt.percent(rates.sick_pay_refund_rate)} av kostnaden; vakanse {fmt.percent(rates.vacancy_rate)}"
            f"{spread(vacancy)}."
        )
    elif any(line.kind == "staff" for alt in s.alternatives for line in s.lines_of(alt.id)):
        out.append("Sykefravær og vakanse er ikke regnet med: hver egen stilling teller som et helt årsverk.")
    if result.need is not None:
        need = s.capacity.need.series()
        if list(need) == ["default"]:
            out.append(f"Behov: {fmt.number(need['default'], 1)} effektive årsverk hvert år.")
        else:
            years = ", ".join(f"{'øvrige år' if y == 'default' else y}: {fmt.number(v, 1)}" for y, v in need.items())
            out.append(f"Behov (effektive årsverk): {years}.")
    return out


def range_lines(scenario) -> list[str]:
    """Every uncertain value the sensitivity slide tries, with its range and the value the figures use, so the list
    of assumptions shows each one (a named assumption's range stands with it already)."""
    from costmodel.engine.sensitivity import plain_labels, plain_value

    paths = [p for p in scenario.ranges if not p.startswith("assumptions.") and p not in ABSENCE_PATHS]
    names = plain_labels(scenario, list(scenario.ranges))
    out = []
    for path in paths:
        r = scenario.ranges[path]
        low, value, high = (plain_value(path, v, r.months, scenario) for v in (r.low, r.value, r.high))
        out.append(f"{names[path]}: {value} (usikker: {low} – {high}).")
    return out


def bought_text(line, hours_per_fte: float) -> str | None:
    """A consultant's or a purchase's volume and price in a sentence: «Byrå»: 2,0 årsverk à 1 695 timer, 1 150 kr
    timen.; None for other kinds."""
    name = f"«{line.label}»"
    if line.kind == "consultant":
        if line.hours_per_month is not None:
            return f"{name}: {fmt.decimal(line.hours_per_month, 1)} timer i måneden à {fmt.kr(line.hourly_rate)}."
        if line.annual_price_per_fte is not None:
            return f"{name}: {fmt.number(line.fte, 1)} årsverk à {fmt.kr(line.annual_price_per_fte)} per år."
        hours = line.hours_per_fte or hours_per_fte
        return (
            f"{name}: {fmt.number(line.fte, 1)} årsverk à {fmt.number(hours)} timer, {fmt.kr(line.hourly_rate)} timen."
        )
    if line.kind != "purchase":
        return None
    if line.units_per_month is not None:
        unit = "timer" if line.unit == "hour" else line.unit or "enheter"
        volume = f"{fmt.decimal(line.units_per_month, 1)} {unit} i måneden à {fmt.kr(line.unit_price)}"
    else:
        volume = f"{fmt.kr(line.annual_amount)} per år"
    delivers = f" (anslått til {fmt.number(line.fte_equivalent, 1)} årsverk)" if line.fte_equivalent is not None else ""
    return f"{name}: {volume}{delivers}."


def source_text(source) -> str:
    """A source as «Kilder» lists it: title, publisher, year, note, then its address."""
    parts = [source.title, source.publisher, str(source.year) if source.year else None, source.note]
    text = ", ".join(p for p in parts if p)
    return f"{text}. {source.href}" if source.href else f"{text}."
