"""Plain-Norwegian sentences about a result, for presentations. Every number comes from views.py or simulation.py."""

from __future__ import annotations

import numpy as np

from costmodel import formatting as fmt
from costmodel.engine import Result, views
from costmodel.report import tables
from costmodel.scenario import Scenario, month_label


def _mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: `Fortsatt innleie` → `fortsatt innleie` (acronyms kept)."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def comparison_sentences(result: Result, uncertainty: dict | None = None) -> list[str]:
    """One sentence per alternative against the nullalternativ: cost over the period, and when it pays off.

    «Rådmannens forslag koster 4,9 mill. kr mindre enn fortsatt innleie i 2017–2020 og har tjent inn merkostnaden
    i des. 2017.» With the simulation's summary (`uncertainty`), each sentence carries how sure the answer is
    (`certainty`): after the figures when the answer is likely, before them when it is not, so a coin flip never
    reads as a saving. Where the alternatives deliver different capacity, a last sentence says so.
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
        elif month:  # the month the running total catches up, not the first month that costs less
            when = f"og har tjent inn merkostnaden i {fmt.month_short(month)}"
        else:
            when = f"og har ved utgangen av {years[-1]} ikke tjent inn merkostnaden"
        pv = c["present_value_difference"]
        favoured = _mid_sentence(name) if pv < 0 else baseline
        present = (
            f"Målt i nåverdi ({fmt.real_terms(scenario)}) er forskjellen {fmt.mill(abs(pv))} i favør av {favoured}."
        )
        p = uncertainty["comparison"][alt_id]["probability_cheaper"] if uncertainty else None
        q = None if p is None else p if difference < 0 else 1 - p
        if q is not None and q < LIKELIHOOD[1][0]:  # not likely: the doubt first, then the most likely figures
            lead = doubt(q, difference < 0, _mid_sentence(name), baseline)
            out.append(f"{lead} Med mest sannsynlige verdier {_verb_first(cost)} {when}. {present}")
        else:
            sure = certainty(p, cheaper=difference < 0) if p is not None else ""
            out.append(f"{name} {cost} {when}. {present}{sure}")
    unequal = unequal_capacity(result)
    if out and unequal:
        out.append(f"Merk: {unequal[0]}")
    return out


def doubt(q: float, cheaper: bool, name: str, baseline: str) -> str:
    """The conclusion's first words when the answer is not likely (`q`: the share of draws in the direction the
    figures give): «Svaret er usikkert: eget tiltaksteam er billigere enn fortsatt kjøp i bare 6 av 10
    simuleringer (omtrent like sannsynlig som ikke).»"""
    word, other = ("billigere", "dyrere") if cheaper else ("dyrere", "billigere")
    if q > LIKELIHOOD[2][0]:
        only = "bare " if q < 0.5 else ""
        return f"Svaret er usikkert: {name} er {word} enn {baseline} i {only}{draws(q)} ({LIKELIHOOD[2][1]})."
    return f"Svaret snur i simuleringene: {name} er {other} enn {baseline} i {draws(1 - q)}."


def _verb_first(clause: str) -> str:
    """`koster 0,7 mill. kr mindre …` as it reads after an adverbial: `koster det 0,7 mill. kr mindre …`."""
    verb, rest = clause.split(" ", 1)
    return f"{verb} det {rest}"


# The verbal scale of how likely the answer is: the likelihood terms of the IPCC (AR5) that Miljødirektoratet
# uses in Norwegian, on the share of draws in which the alternative is cheaper (docs/method.md §12).
LIKELIHOOD = ((0.90, "svært sannsynlig"), (0.66, "sannsynlig"), (0.33, "omtrent like sannsynlig som ikke"))


def certainty(p: float, cheaper: bool = True) -> str:
    """How sure a likely answer is, from the share of draws in which the alternative is cheaper (`p`), said of the
    direction the sentence states (`cheaper`, else dearer), after its figures: « Svaret er robust: billigere i
    nesten alle simuleringene (svært sannsynlig).» An answer that is not likely opens with `doubt` instead."""
    q, word = (p, "billigere") if cheaper else (1 - p, "dyrere")
    if q >= LIKELIHOOD[0][0]:
        return f" Svaret er robust: {word} i {draws(q)} ({LIKELIHOOD[0][1]})."
    return f" Svaret er {LIKELIHOOD[1][1]}, men ikke sikkert: {word} i {draws(q)}."


def draws(q: float) -> str:
    """A share of the draws in words: `6 av 10 simuleringer`, `nesten alle simuleringene`, `alle simuleringene`."""
    tenths = int(fmt.round_half_away(q * 10, 0))
    if q >= 0.995:
        return "alle simuleringene"
    if tenths == 10:
        return "nesten alle simuleringene"
    return f"{max(tenths, 1) if q > 0 else 0} av 10 simuleringer"


# --- uncertainty ------------------------------------------------------------------------------------


def span_text(years: list) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def probability_sentence(scenario: Scenario, data: dict, alternative: str) -> str:
    """«Eget tiltaksteam er billigere enn fortsatt kjøp over 2019–2023 i 60 % av 10 000 simuleringer.»"""
    c = data["comparison"][alternative]
    years = list(data["alternatives"][alternative]["annual"])
    name = scenario.alternative(alternative).name
    baseline = _mid_sentence(scenario.alternative(scenario.baseline).name)
    return (
        f"{name} er billigere enn {baseline} over {span_text(years)} i "
        f"{fmt.percent(c['probability_cheaper'], 0)} av {fmt.number(data['draws'])} simuleringer."
    )


def uncertainty_sentence(
    scenario: Scenario, data: dict, alternative: str, bars: list, solution, why_not: str | None
) -> str:
    """The answer to «how sure are we?»: probability, the assumption that matters most, where the answer flips.

    `solution` is the goal seek on the first bar that is a number (sensitivity.flip), or None with `why_not`.
    """
    from costmodel.engine.sensitivity import plain_labels, show_value

    out = probability_sentence(scenario, data, alternative)
    if not bars:
        return out
    names = plain_labels(scenario, list(scenario.ranges))
    out += f" Forutsetningen som betyr mest for nåverdien er «{names[bars[0].driver]}»."
    if solution is not None:
        label = "den" if solution.driver == bars[0].driver else f"«{names[solution.driver]}»"
        name = _mid_sentence(scenario.alternative(alternative).name)
        side = "under" if solution.rising else "over"
        value, current = (show_value(solution.driver, v, scenario=scenario) for v in (solution.value, solution.current))
        if value.endswith(" kr"):  # a computed amount, rounded as a saksframlegg rounds it
            value = f"om lag {fmt.about(solution.value)}"  # the current value is the one typed, shown as typed
        tried = scenario.ranges.get(solution.driver)
        if tried is not None and not tried.low <= solution.value <= tried.high:  # a flip far outside means nothing
            low, high = (show_value(solution.driver, v, tried.months, scenario) for v in (tried.low, tried.high))
            out += f" Innenfor intervallet for {label} ({low} – {high}) snur ikke svaret."
        else:
            out += f" Regnet i nåverdi lønner {name} seg når {label} er {side} {value} (i saken {current})."
    elif why_not:
        out += f" {why_not}"
    return out


def tornado_direction(scenario: Scenario, alternative: str) -> str:
    """Which way is cheaper on the tornado, in words, and where the values tried stand."""
    name = scenario.alternative(alternative).name
    baseline = _mid_sentence(scenario.alternative(scenario.baseline).name)
    return (
        f"Til venstre for streken er «{name}» billigere enn {baseline}, til høyre dyrere. "
        "Verdiene som er prøvd, står ved stolpene."
    )


# The rates of own staff's absence: more of them is expected to make own staff dearer.
ABSENCE = {"sick_leave_rate": "sykefravær", "vacancy_rate": "vakanse"}


def tornado_sentences(result: Result, alternative: str, bars: list) -> list[str]:
    """One sentence per bar, which way the driver moves the answer: «Jo høyere sykefravær, jo billigere blir «Egne»
    mot fortsatt kjøp (7,0 % gir −0,3 mill. kr, 25,0 % gir −1,1 mill. kr).» Where more absence makes own staff
    cheaper, against intuition, the sentence says why (spare capacity, the refund, unpaid vacancies)."""
    from costmodel.engine.sensitivity import tornado_values

    scenario = result.scenario
    name = scenario.alternative(alternative).name
    baseline = _mid_sentence(scenario.alternative(scenario.baseline).name)
    values = tornado_values(scenario)
    out = []
    for bar in bars:
        low, high, label = values[bar.driver]
        if abs(bar.high - bar.low) < 1:
            out.append(f"«{label}» flytter ikke svaret.")
            continue
        later = "senere" if scenario.ranges[bar.driver].months else "høyere"
        way = "dyrere" if bar.high > bar.low else "billigere"
        text = (
            f"Jo {later} «{label}», jo {way} blir «{name}» mot {baseline} ({low} gir "
            f"{fmt.mill(bar.low, plus='+')}, {high} gir {fmt.mill(bar.high, plus='+')} i nåverdi)."
        )
        why = _against_intuition(result, alternative, bar)
        out.append(f"{text} {why}" if why else text)
    return out


def _against_intuition(result: Result, alternative: str, bar) -> str | None:
    """Why more sick leave or vacancy makes own staff cheaper, when it does."""
    field = bar.driver.rsplit(".", 1)[-1]
    if bar.driver.startswith("assumptions."):
        refs = result.scenario.referring(bar.driver.split(".", 1)[1])
        field = refs[0].driver.rsplit(".", 1)[-1] if refs else field
    if field not in ABSENCE or bar.high >= bar.low:
        return None
    a = result.alternatives.index(alternative)
    spare = result.need is None or bool(np.mean(result.own[a] - result.need) > 0)
    where = (
        "Uten et kapasitetsbehov i saken må fraværet ikke dekkes med innleie"
        if result.need is None
        else "Alternativet har mer kapasitet enn behovet, så fraværet må ikke dekkes med innleie"
        if spare
        else "Fraværet dekkes med innleie, men det veier mindre enn det som spares"
    )
    saving = (
        "mens sykepengerefusjonen fra NAV senker kostnaden"
        if field == "sick_leave_rate"
        else "mens ubesatte stillinger ikke koster lønn"
    )
    return f"Det kan virke bakvendt: {where}, {saving}."


def simulation_text(scenario: Scenario, data: dict) -> str:
    """`costmodel simulate` as text: P10/P50/P90 per alternative and year, then the comparisons."""
    import pandas as pd

    out = [f"{scenario.name} – usikkerhet: {fmt.number(data['draws'])} trekk, frø {data['seed']}", ""]
    if not data["ranges"]:
        out += [
            "Scenariet har ingen intervaller, så alle trekk gir samme tall. Skriv et intervall i stedet for et tall,",
            "f.eks. annual_amount: {low: 4000000, mode: 5000000, high: 6500000}.",
            "",
        ]
    for a in data["alternatives"].values():
        rows = {**a["annual"], f"Sum {span_text(list(a['annual']))}": a["total"], "Nåverdi": a["present_value"]}
        frame = pd.DataFrame(
            [[v["p10"], v["p50"], v["p90"], v["mean"]] for v in rows.values()],
            index=list(rows),
            columns=["P10", "P50", "P90", "Gjennomsnitt"],
        )
        out += [tables.render(frame, f"{a['name']} (kr)", fmt.number, sum_row=False), ""]
    for alt_id, c in data["comparison"].items():
        d = c["total_difference"]
        out.append(probability_sentence(scenario, data, alt_id))
        out.append(
            f"  Forskjell i sum mot nullalternativet: P10 {fmt.change(d['p10'], 'kr')} kr, "
            f"P50 {fmt.change(d['p50'], 'kr')} kr, P90 {fmt.change(d['p90'], 'kr')} kr."
        )
        months = c["break_even_month"]
        even = f"; i de trekkene, P50 {fmt.month_name(months['p50'])}" if months else ""
        out.append(
            f"  Tjener inn kostnaden innen perioden i {fmt.percent(c['probability_break_even'], 0)} av trekkene{even}."
        )
    return "\n".join(out).rstrip()


def uncertainty_notes(scenario: Scenario, data: dict, result: Result | None = None) -> list[str]:
    """The simulation for the council, in sentences: what was done, the middle value and the span holding 8 of 10
    draws for each alternative over the period, and for each comparison how often and when it pays off, beside the
    month the slides give (`result`: with every value at its most likely), so the two never seem to disagree."""
    months_shown = {a: c["break_even_month"] for a, c in views.comparison(result).items()} if result else {}
    span = span_text(list(next(iter(data["alternatives"].values()))["annual"]))
    out = [
        f"Regnet {fmt.number(data['draws'])} ganger med tilfeldige verdier innenfor intervallene i saken; samme "
        "oppsett gir samme tall hver gang.",
    ]
    for a in data["alternatives"].values():
        t = a["total"]
        out.append(
            f"{a['name']}: {fmt.mill(t['p50'])} i {span} i den midterste simuleringen; 8 av 10 simuleringer gir "
            f"mellom {fmt.mill(t['p10'])} og {fmt.mill(t['p90'])}."
        )
    for alt_id, c in data["comparison"].items():
        d = c["total_difference"]
        name = scenario.alternative(alt_id).name
        months = c["break_even_month"]
        when = f"; i den midterste av dem lønner det seg fra {fmt.month_name(months['p50'])}" if months else ""
        if months_shown.get(alt_id):
            when += f" (med mest sannsynlige verdier, som på lysbildene: {fmt.month_name(months_shown[alt_id])})"
        out.append(
            f"{probability_sentence(scenario, data, alt_id)} Forskjellen mot nullalternativet ligger i 8 av 10 "
            f"simuleringer mellom {fmt.mill(d['p10'], plus='+')} og {fmt.mill(d['p90'], plus='+')}. «{name}» tjener "
            f"inn kostnaden innen perioden i {fmt.percent(c['probability_break_even'], 0)} av simuleringene{when}."
        )
    return out


def csv_origin(scenario: Scenario, base: Scenario, base_name: str) -> str:
    """What an imported CSV of lines took from its base scenario: the period and parameters, and where the
    common lines came from (the base, or the CSV's «felles» rows)."""
    common = ", ".join(f"«{line.label}»" for line in scenario.common) or "ingen"
    where = f"fra {base_name}" if scenario.common == base.common else "fra CSV-filen"
    return (
        f"Periode og forutsetninger fra {base_name}: {fmt.month_name(scenario.start)}, {scenario.months} måneder, "
        f"{fmt.price_basis(scenario)}. Felles linjer ({where}): {common}."
    )


def assumption_notes(scenario: Scenario, council: bool = False) -> list[str]:
    """Each named assumption in a line: `Timepris byrå: 1 150 kr (usikker: 950 kr – 1 350 kr), brukt i 2
    budsjettposter`. For the `council`, without where it is used (the tool's business) and only if it is."""
    from costmodel.engine.sensitivity import plain_value, show_value

    out = []
    for a in scenario.assumptions.values():

        def show(value: float, a=a) -> str:
            return (plain_value if council else show_value)(a.driver, value, a.months, scenario)

        spread = f" (usikker: {show(a.range.low)} – {show(a.range.high)})" if a.range else ""
        uses = len(scenario.referring(a.name))
        posts = len({r.driver.rsplit(".", 1)[0] for r in scenario.referring(a.name)})
        used = f"brukt i {posts} budsjettposter" if posts > 1 else "brukt i én budsjettpost" if uses else ""
        used = used or "brukes ikke i noe felt og påvirker ingen tall"
        label = a.label.removesuffix(" (kr)") if not a.months else a.label  # the value says «kr» already
        if not council:
            out.append(f"{label}: {show(a.value)}{spread}, {used}")
        elif uses:  # an unused assumption moves no figure
            out.append(f"{label}: {show(a.value)}{spread}")
    return out


def silent_purchases(scenario: Scenario) -> list[tuple[str, str]]:
    """(alternative name, line label) of each purchase that counts in capacity but says neither its hours nor its
    årsverk (contract 1.3): its capacity is unknown, not zero."""
    return [
        (alt.name, line.label)
        for alt in scenario.alternatives
        for line in scenario.lines_of(alt.id)
        if line.kind == "purchase" and line.capacity and not line.delivers_capacity()
    ]


def unequal_capacity(result: Result) -> tuple[str, dict | None] | None:
    """Without a capacity need: when the alternatives deliver different effective årsverk, the sentence saying so
    and a need that would compare them like for like (the most any alternative delivers in the last month).
    Where a purchase does not say what it delivers, the comparison cannot be judged: the sentence says so, and
    which lines, with no need offered."""
    s = result.scenario
    if result.need is not None or len(s.alternatives) < 2:
        return None
    silent = silent_purchases(s)
    if silent:
        lines = ", ".join(dict.fromkeys(f"«{label}» ({alt})" for alt, label in silent))
        return (
            f"Om alternativene gir samme kapasitet, kan ikke vurderes: {lines} er kjøp som ikke sier hvor mange "
            "årsverk de leverer. Oppgi årsverk levert (eller enhet timer) på kjøpet for å sammenligne lik for lik.",
            None,
        )
    own = views.yearly_mean(result, result.own)
    spread = own.max(axis=0) - own.min(axis=0)
    if spread.max() <= 0.05:
        return None
    k = len(spread) - 1 if spread[-1] > 0.05 else int(np.argmax(spread))  # the years after any overlap, if they differ
    low, high = int(np.argmin(own[:, k])), int(np.argmax(own[:, k]))
    names = s.alternatives[low].name, s.alternatives[high].name

    bought = views.yearly_mean(result, views.capacity_months(result)["bought"])

    def shown(a: int) -> str:  # årsverk a purchase says it delivers are an estimate, and said to be one
        lines = s.lines_of(s.alternatives[a].id)
        estimated = bought[a, k] > 0.05 and any(
            line.kind == "purchase" and line.fte_equivalent is not None for line in lines
        )
        return ("om lag " if estimated else "") + fmt.number(own[a, k], 1)

    text = (
        f"Alternativene gir ulik kapasitet: {shown(low)} mot {shown(high)} "
        f"effektive årsverk i {result.years[k]} («{names[0]}» mot «{names[1]}»); sammenligningen er ikke lik for lik."
    )
    return text, {"default": round(float(result.own[:, -1].max()), 2)}


def unmet_sentence(result: Result, alternative: str) -> str | None:
    """`«Tre egne» dekker ikke behovet i 7 av 48 måneder (inntil 1,2 årsverk udekket).`, or None when it does."""
    a = result.alternatives.index(alternative)
    unmet = result.unmet[a]
    short = unmet > 1e-9
    if not short.any():
        return None
    name = result.scenario.alternatives[a].name
    return (
        f"«{name}» dekker ikke behovet i {int(short.sum())} av {len(unmet)} måneder "
        f"(inntil {fmt.number(float(unmet.max()), 1)} årsverk udekket)."
    )


def capacity_sentence(result: Result, alternative: str) -> str:
    """`«Rådmannens forslag» har i snitt over perioden 15,7 egne ansatte, 1,5 innleid eller kjøpt og 3,8 innleid
    til dekning, mot et behov på 21,0 effektive årsverk; kostnad per effektivt årsverk om lag 786 000 kr.`
    (with a need; §13; whether the need is met says `unmet_sentence`)"""
    a = result.alternatives.index(alternative)
    name = result.scenario.alternatives[a].name
    need = float(np.mean(result.need))
    staff, own, cover = (float(np.mean(values[a])) for values in (result.own_staff, result.own, result.cover))
    unit = views.cost_per_effective_fte(result)[a]
    price = f"; kostnad per effektivt årsverk om lag {fmt.about(unit)}" if unit == unit else ""
    parts = [f"{fmt.number(staff, 1)} effektive årsverk egne ansatte"] if staff > 0.05 else []
    if own - staff > 0.05:
        parts.append(f"{fmt.number(own - staff, 1)} innleid eller kjøpt")
    if cover > 0.05:
        parts.append(f"{fmt.number(cover, 1)} innleid til dekning")
    listed = ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else parts[0] if parts else "ingen årsverk"
    return (
        f"«{name}» har i snitt over perioden {listed}, mot et behov på {fmt.number(need, 1)} effektive årsverk{price}."
    )


def capacity_references() -> list[str]:
    """The published figures behind the capacity rates, one line each with its source (parameters/capacity/)."""
    from costmodel.parameters import load_reference

    out = []
    for figures in load_reference().capacity.values():
        for f in figures.figures:
            show = {"andel": fmt.percent}.get(figures.unit, lambda v: fmt.number(v, 1))
            span = show(f.low) if f.low == f.high else f"{show(f.low)}–{show(f.high)}"
            unit = "" if figures.unit == "andel" else f" {figures.unit}"
            sources = "; ".join(str(r) for r in f.references)
            what = figures.description.split(";")[0].split(" (")[0]
            out.append(f"{what}: {f.label}: {span}{unit} ({f.year}). {f.note} Kilde: {sources}.")
    return out


# --- speaker notes: what the presenter can say, in words and rounded as the slides are -------------------------


def figure_notes(result: Result, alternative: str) -> list[str]:
    """An alternative's key figures as the presenter says them: each year's cost and the sum, the present value,
    and against the nullalternativ the difference and when it pays off; mill. kr with one decimal, no formulas."""
    s = result.scenario
    summary = views.summary(result)
    figures = summary["alternatives"][alternative]
    span = span_text(result.years)
    name = s.alternative(alternative).name
    years = [f"{fmt.mill(v)} i {y}" for y, v in figures["annual"].items()]
    listed = years[0] if len(years) == 1 else ", ".join(years[:-1]) + " og " + years[-1]
    total = f": til sammen {fmt.mill(figures['total'])} i {span}" if len(years) > 1 else ""
    deflated = " etter at prisveksten er trukket ut" if s.prices == "nominal" else ""
    out = [
        f"«{name}» koster {listed}{total} ({fmt.price_basis(s)}).",
        f"I nåverdi er det {fmt.mill(figures['present_value'])}: hvert år regnet om til kroner i "
        f"{s.start_year}{deflated}, og senere år teller litt mindre (realrente {fmt.percent(s.discount_rate)}).",
    ]
    c = summary["comparison"].get(alternative)
    if c:
        baseline = _mid_sentence(s.alternative(s.baseline).name)
        diff, pv = c["total_difference"], c["present_value_difference"]
        out.append(
            f"Mot {baseline} er det {fmt.mill(abs(diff))} {'billigere' if diff < 0 else 'dyrere'} i {span}, og "
            f"{fmt.mill(abs(pv))} {'billigere' if pv < 0 else 'dyrere'} i nåverdi."
        )
        month = c["break_even_month"]
        out.append(
            f"Det lønner seg fra {fmt.month_name(month)}: fra da har «{name}» til sammen kostet like mye som eller "
            f"mindre enn {baseline}, og det holder seg ut perioden."
            if month
            else f"Merkostnaden er ikke tjent inn ved utgangen av {result.years[-1]}."
        )
    return out
