"""How each figure was computed, in Norwegian: the formula with the actual inputs filled in, and
for every parameter its value, year and source.

Nothing here computes: every figure is a part the engine returned (engine/kinds.py, LineCost) or
a figure of engine/views.py; this module only writes them out (docs/method.md is the reference).
"""

from __future__ import annotations

import numpy as np

from costmodel import formatting as fmt
from costmodel.engine import LineCost, Result, views
from costmodel.engine.kinds import COMPONENTS, scenario_context, staff_rates
from costmodel.engine.ledger import COVER_ID, REFUND_SUFFIX
from costmodel.parameters import load_reference
from costmodel.scenario import HOUR, Scenario, index_series, kind_label, line_field


def _num(value: float) -> str:
    return fmt.number(value, 2).removesuffix(",00")


def _fine(value: float) -> str:
    """Årsverk to four decimals, without trailing zeros: `1,5575`, `0,0025`, `2`."""
    return fmt.number(value, 4).rstrip("0").removesuffix(",")


def parameter_origin(scenario: Scenario, line, name: str) -> str:
    """Where a staff parameter in force on a line comes from: the line, the scenario, or the reference."""
    ref = load_reference()
    if name == "employer_tax_rate":
        for level, where in ((line, "linjen"), (scenario.parameters, "scenariets parameters")):
            if level.employer_tax_rate is not None:
                return f"satt på {where}"
            if level.employer_tax_zone is not None:
                tax = ref.employer_tax_rate(level.employer_tax_zone, scenario.basis_year)
                return f"sone {level.employer_tax_zone} ({where}), sats fra {tax.year}: {tax.source}"
        zone = ref.default("employer_tax_zone")
        tax = ref.employer_tax_rate(zone, scenario.basis_year)
        return f"standard sone {zone}, sats fra {tax.year}: {tax.source}"
    if getattr(line, name, None) is not None:
        return "satt på linjen"
    if getattr(scenario.parameters, name, None) is not None:
        return "satt i scenariets parameters"
    default = ref.default_parameter(name)
    return f"standardverdi ({default.year}): {default.source}"


def _origin(scenario: Scenario, line, name: str) -> str:
    return f"[{parameter_origin(scenario, line, name)}]"


def _staff(scenario: Scenario, line, cost: LineCost) -> list[str]:
    part, rates = cost.per_fte, cost.inputs
    if "cost_per_fte" in part:
        out = [f"{_label('cost_per_fte')}: {fmt.kr(part['cost_per_fte'])} (oppgitt som full kostnad)"]
    else:
        salary = f"{_label('salary')}: {fmt.kr(part['salary'])} (årslønn"
        if rates["holiday_pay_included"]:
            out = [f"{salary}, feriepenger inkludert)"]
        else:
            out = [
                f"{salary})",
                f"{_label('holiday_pay')}: {fmt.percent(rates['holiday_pay_rate'])} × {fmt.kr(part['salary'])} = "
                f"{fmt.kr(part['holiday_pay'])} {_origin(scenario, line, 'holiday_pay_rate')}",
            ]
        base = " + ".join(
            fmt.kr(part[k]) for k in ("salary", "holiday_pay", "pension") if k != "holiday_pay" or part[k]
        )
        out += [
            f"{_label('pension')}: {fmt.percent(rates['pension_rate'])} × {fmt.kr(part['salary'])} = "
            f"{fmt.kr(part['pension'])} {_origin(scenario, line, 'pension_rate')}",
            f"{_label('employer_tax')}: {fmt.percent(rates['employer_tax_rate'])} × ({base}) = "
            f"{fmt.kr(part['employer_tax'])} {_origin(scenario, line, 'employer_tax_rate')}",
            f"{_label('overhead')}: {fmt.kr(part['overhead'])} per årsverk "
            f"{_origin(scenario, line, 'overhead_per_fte')}",
            f"Full kostnad per årsverk: {fmt.kr(part['total'])}",
        ]
    vacancy = rates["vacancy_rate"]
    filled = f" × (1 − {fmt.percent(vacancy)} vakanse)" if vacancy else ""
    out.append(f"Per måned: {_num(line.fte)} årsverk × {fmt.kr(part['total'])} / 12{filled} = {fmt.kr(cost.monthly)}")
    if rates["sick_leave_rate"] and line.capacity:
        out.append(
            f"Effektive årsverk (kapasitet): {_num(line.fte)} × (1 − {fmt.percent(vacancy)}) × "
            f"(1 − {fmt.percent(rates['sick_leave_rate'])} sykefravær) = {_num(cost.effective)}"
        )
    if line.recruitment_cost:
        hired = f"{_num(line.fte)} årsverk" if line.hires is None else f"{_num(line.hires)} personer ansatt"
        out.append(
            f"{_label('recruitment')} i startmåneden: {hired} × {fmt.kr(line.recruitment_cost)} = "
            f"{fmt.kr(cost.once_parts['recruitment'])}"
        )
    return out


def _consultant(scenario: Scenario, line, cost: LineCost) -> list[str]:
    fee, hours = cost.parts["fee"], cost.inputs["hours_per_fte"]
    if line.annual_price_per_fte is not None:
        return [f"Per måned: {_num(line.fte)} årsverk × {fmt.kr(line.annual_price_per_fte)} / 12 = {fmt.kr(fee)}"]
    if line.fte is not None:
        return [
            f"Per måned: {_num(line.fte)} årsverk × {_num(hours)} timer × {fmt.kr(line.hourly_rate)} / 12 = "
            f"{fmt.kr(fee)} [timer per årsverk: {parameter_origin(scenario, line, 'hours_per_fte')}]"
        ]
    return [
        f"Per måned: {_num(line.hours_per_month)} timer × {fmt.kr(line.hourly_rate)} = {fmt.kr(fee)}; "
        f"årsverk: {_num(line.hours_per_month)} × 12 / {_num(hours)} = {_num(cost.fte)}"
    ]


def _purchase(scenario: Scenario, line, cost: LineCost) -> list[str]:
    before = cost.parts["purchase"]
    if line.annual_amount is not None:
        out = [f"Per måned: {fmt.kr(line.annual_amount)} / 12 = {fmt.kr(before)}"]
    else:
        units = "timer" if line.unit == HOUR else (line.unit or "enheter")
        out = [f"Per måned: {_num(line.units_per_month)} {units} × {fmt.kr(line.unit_price)} = {fmt.kr(before)}"]
    counts = "" if line.capacity else " (teller ikke i kapasiteten)"
    if line.fte_equivalent is not None:
        out.append(f"Årsverk levert: {_num(cost.fte)} (oppgitt som årsverk levert){counts}")
    elif line.unit == HOUR and line.units_per_month is not None:
        hours = cost.inputs["hours_per_fte"]
        out.append(
            f"Årsverk levert: {_num(line.units_per_month)} timer × 12 / {_num(hours)} timer per årsverk = "
            f"{_num(cost.fte)}{counts} [timer per årsverk: {parameter_origin(scenario, line, 'hours_per_fte')}]"
        )
    else:
        out.append(
            "Årsverk levert: ingen oppgitt (verken timer eller årsverk levert), så kjøpet teller ikke i kapasiteten"
        )
    return out


def _fixed(scenario: Scenario, line, cost: LineCost) -> list[str]:
    return [f"Per måned: {fmt.kr(line.annual_amount)} / 12 = {fmt.kr(cost.parts['amount'])}"]


def _one_off(scenario: Scenario, line, cost: LineCost) -> list[str]:
    return [f"Engangsbeløp {fmt.kr(cost.once_parts['amount'])} i {line.start or scenario.start}"]


KIND_STEPS = {"staff": _staff, "consultant": _consultant, "purchase": _purchase, "fixed": _fixed, "one_off": _one_off}


def _label(component: str) -> str:
    return COMPONENTS[component][:1].upper() + COMPONENTS[component][1:]


def line_formula(result: Result, alternative: str, line_id: str) -> list[str]:
    """The monthly amount of one line, written out with its drivers, its parts and where each rate comes from."""
    scenario = result.scenario
    k = next(k for k, info in enumerate(result.line_info) if info.alternative == alternative and info.line == line_id)
    cost = result.line_costs[k]
    if result.line_info[k].kind == "refund":
        return [*_refund(scenario, result.line_info[k], alternative, cost), *_per_year(result, k)]
    if line_id == COVER_ID and line_id not in {line.id for line in scenario.lines_of(alternative)}:
        return _cover(result, k, cost)
    line = next(line for line in scenario.lines_of(alternative) if line.id == line_id)
    out = [f"{line.label} ({kind_label(line.kind)})", *KIND_STEPS[line.kind](scenario, line, cost)]
    if "vat" in cost.parts:
        factor = cost.inputs["vat_factor"]
        out.append(
            f"{_label('vat')}: × {_num(factor)}, {fmt.kr(cost.parts['vat'])} per måned"
            if factor != 1
            else "Ingen merverdiavgift å betale (kompensert eller 0 %)"
        )
    if line.kind != "one_off":
        out.append(f"Aktiv: {line.start or scenario.start} – {line.end or 'åpen slutt'}")
    out += _linked(scenario, "common" if line in scenario.common else alternative, line)
    return [*out, *_per_year(result, k)]


SERIES_WORDS = {"wages": "lønn", "prices": "priser"}


def _series_of(result: Result, k: int) -> str:
    """The growth series line k follows: a scenario line's own, a refund its staff line's, the cover `wages`."""
    info, scenario = result.line_info[k], result.scenario
    if info.line == COVER_ID and info.kind == "consultant":
        own = next((line for line in scenario.lines_of(info.alternative) if line.id == COVER_ID), None)
        if own is None:
            return "wages"
    line_id = info.line.removesuffix(REFUND_SUFFIX) if info.kind == "refund" else info.line
    return index_series(next(line for line in scenario.lines_of(info.alternative) if line.id == line_id))


def _per_year(result: Result, k: int) -> list[str]:
    """How line k's months become its years: in løpende priser the growth factor of each year it runs
    (`× prisindeks for lønn: 2026: 1,0000; …`), then its level each year (`Per år: 2026: 4 mnd. = 708 060 kr; …`,
    the ledger's sums)."""
    scenario, levels = result.scenario, views.line_levels_array(result)[k]
    series = _series_of(result, k)
    out = []
    years = [y for y, level in zip(result.years, levels) if level]
    if scenario.prices == "nominal" and series != "none" and years:
        index = result.index[series]
        factors = "; ".join(f"{y}: {fmt.number(index[result.years.index(y)], 4)}" for y in years)
        out.append(f"Løpende priser: × prisindeks for {SERIES_WORDS[series]} (1 i {scenario.basis_year}): {factors}")
    rows = result.row_line == k
    months = np.bincount(result.month_year[result.row_month[rows]], minlength=len(result.years))
    parts = [f"{y}: {int(n)} mnd. = {fmt.kr(level)}" for y, n, level in zip(result.years, months, levels) if n or level]
    indexed = ", med prisindeks" if out else ""
    out.append(f"Per år (sum av månedene{indexed}): " + ("; ".join(parts) or "ingen måneder i perioden"))
    return out


def _cover(result: Result, k: int, cost: LineCost) -> list[str]:
    """«dekning»: the gap each month × the cover price / 12, with the need, own årsverk and gap of each year."""
    scenario, info = result.scenario, result.line_info[k]
    a = result.alternatives.index(info.alternative)
    capacity = scenario.capacity
    price = cost.monthly * 12
    if capacity.cover_price_per_fte is not None:
        basis = f"{fmt.kr(price)} (pris per dekningsårsverk)"
    else:
        hours = price / capacity.cover_hourly_rate if capacity.cover_hourly_rate else 0.0
        basis = f"{fmt.kr(price)} ({_num(hours)} timer per årsverk × timepris {fmt.kr(capacity.cover_hourly_rate)})"
    parts = views.capacity_array(result)
    gaps = "; ".join(  # four decimals: a gap of 0,0025 årsverk costs kroner and must not read as 0
        f"{y}: behov {_fine(parts['need'][a][n])}, egne {_fine(parts['own'][a][n])}, gap {_fine(parts['cover'][a][n])}"
        for n, y in enumerate(result.years)
    )
    return [
        f"{info.label} (innleie)",
        f"Pris per årsverk: {basis}",
        "Gap per måned = behovet minus alternativets egne effektive årsverk (egne ansatte, innleie og kjøp som sier "
        "hva de leverer), når det er større enn 0",
        f"Snitt per år (effektive årsverk; gapet regnes måned for måned): {gaps}",
        f"Per måned: gap × {fmt.kr(price)} / 12 = gap × {fmt.kr(cost.monthly)}",
        *_per_year(result, k),
    ]


def _refund(scenario: Scenario, info, alternative: str, cost: LineCost) -> list[str]:
    """A staff line's sick-pay refund: its monthly amount × sykefravær × refusjonsandel, negative (§13)."""
    staff_id = info.line.removesuffix(REFUND_SUFFIX)
    line = next(line for line in scenario.lines_of(alternative) if line.id == staff_id)
    rates = staff_rates(line, scenario_context(scenario, load_reference()))
    staff = cost.monthly / -(rates.sick_leave_rate * rates.sick_pay_refund_rate)
    return [
        f"{info.label} (refusjon)",
        f"Per måned: − «{line.label}» per måned {fmt.kr(staff)} × {fmt.percent(rates.sick_leave_rate)} sykefravær × "
        f"{fmt.percent(rates.sick_pay_refund_rate)} refusjon = {fmt.kr(cost.monthly)}",
    ]


def _linked(scenario: Scenario, owner: str, line) -> list[str]:
    """`Timepris følger den navngitte forutsetningen «Timepris byrå (kr)»` for each field that refers to one."""
    out = []
    for ref in scenario.references:
        if ref.driver.rsplit(".", 1)[0] != f"{owner}.{line.id}":
            continue
        a = scenario.assumptions[ref.name]
        offset = f", {ref.plus_months:+d} mnd." if ref.plus_months else ""
        field = line_field(ref.driver.rsplit(".", 1)[1]).title
        out.append(f"{field} følger den navngitte forutsetningen «{a.label}»{offset}")
    return out


def figure_formulas(result: Result, alternative: str) -> list[str]:
    """The key figures of one alternative written out: annual levels, total, present value, comparison."""
    scenario = result.scenario
    summary = views.summary(result)
    figures = summary["alternatives"][alternative]
    levels = list(figures["annual"].values())
    years = result.years
    factors = views.discount_factors(result)
    out = [
        "Årsnivå = summen av alle linjers månedsbeløp i året: "
        + "; ".join(f"{y}: {fmt.kr(v)}" for y, v in zip(years, levels)),
        f"Sum {years[0]}–{years[-1]} = " + " + ".join(map(fmt.number, levels)) + f" = {fmt.kr(figures['total'])}",
        f"Nåverdi ({fmt.present_value_basis(scenario)}) = Σ årsnivå"
        + (" / prisindeks for priser (deflator)" if scenario.prices == "nominal" else "")
        + f" / (1 + {fmt.percent(scenario.discount_rate)})^(år − {scenario.start_year}) = "
        + " + ".join(f"{fmt.number(v)} × {fmt.number(f, 4)}" for v, f in zip(levels, factors))
        + f" = {fmt.kr(figures['present_value'])}",
    ]
    comparison = summary["comparison"].get(alternative)
    if comparison:
        base = scenario.alternative(scenario.baseline).name
        out.append(
            f"Differanse mot «{base}» = sum {fmt.kr(figures['total'])} − sum nullalternativ = "
            f"{fmt.kr(comparison['total_difference'])}"
        )
        month = comparison["break_even_month"]
        out.append(
            f"Lønner seg fra: første måned der akkumulert kostnad holder seg på eller under nullalternativets "
            f"til periodens slutt: {fmt.month_name(month) if month else 'ingen slik måned i perioden'}"
        )
    return out
