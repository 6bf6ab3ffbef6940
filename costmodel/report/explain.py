"""How each figure was computed, in Norwegian: the formula with the actual inputs filled in, and
for every parameter its value, year and source. The arithmetic is the engine's (engine.py,
views.py); this module only writes it out (docs/method.md is the reference).
"""

from __future__ import annotations

from costmodel import formatting as fmt
from costmodel.engine import views
from costmodel.engine import Result, scenario_context, staff_cost_per_fte, staff_parameters, vat_factor
from costmodel.parameters import load_reference
from costmodel.scenario import Scenario, index_series

KIND_NAMES = {"staff": "egne stillinger", "consultant": "innleie", "purchase": "kjøp av tiltak",
              "fixed": "fast beløp per år", "one_off": "engangsbeløp"}  # fmt: skip


def _num(value: float) -> str:
    return fmt.number(value, 2).removesuffix(",00")


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


def line_formula(scenario: Scenario, alternative: str, line_id: str) -> list[str]:
    """The monthly amount of one line, written out with its drivers and parameters."""
    line = next(line for line in scenario.lines_of(alternative) if line.id == line_id)
    ctx = scenario_context(scenario, load_reference())
    out = [f"{line.label} ({KIND_NAMES[line.kind]})"]
    if line.kind == "staff":
        p = staff_parameters(line, ctx)
        if line.annual_cost_per_fte is not None:
            out.append(f"Kostnad per årsverk: {fmt.kr(line.annual_cost_per_fte)} (oppgitt som full kostnad)")
        else:
            s = line.annual_salary
            salary = s if p["holiday_pay_included"] else s * (1 + p["holiday_pay_rate"])
            pension = s * p["pension_rate"]
            tax = (salary + pension) * p["employer_tax_rate"]
            holiday = "feriepenger inkludert" if p["holiday_pay_included"] else (
                f"+ feriepenger {fmt.percent(p['holiday_pay_rate'])}")  # fmt: skip
            out += [
                f"Lønn: {fmt.kr(salary)} (årslønn {fmt.kr(s)}, {holiday})",
                f"Pensjon: {fmt.percent(p['pension_rate'])} × {fmt.kr(s)} = {fmt.kr(pension)} "
                f"[{parameter_origin(scenario, line, 'pension_rate')}]",
                f"Arbeidsgiveravgift: {fmt.percent(p['employer_tax_rate'])} × ({fmt.kr(salary)} + {fmt.kr(pension)}) "
                f"= {fmt.kr(tax)} [{parameter_origin(scenario, line, 'employer_tax_rate')}]",
                f"Overhead: {fmt.kr(p['overhead_per_fte'])} per årsverk [{parameter_origin(scenario, line, 'overhead_per_fte')}]",
                f"Full kostnad per årsverk: {fmt.kr(staff_cost_per_fte(line, p))}",
            ]
        per_fte = staff_cost_per_fte(line, p)
        out.append(f"Per måned: {_num(line.fte)} årsverk × {fmt.kr(per_fte)} / 12 = {fmt.kr(line.fte * per_fte / 12)}")
        if line.recruitment_cost:
            out.append(f"Rekruttering i startmåneden: {_num(line.fte)} × {fmt.kr(line.recruitment_cost)} = "
                       f"{fmt.kr(line.fte * line.recruitment_cost)}")  # fmt: skip
    elif line.kind == "consultant":
        hours = line.hours_per_fte if line.hours_per_fte is not None else ctx.parameters["hours_per_fte"]
        if line.annual_price_per_fte is not None:
            out.append(f"Per måned: {_num(line.fte)} årsverk × {fmt.kr(line.annual_price_per_fte)} / 12 = "
                       f"{fmt.kr(line.fte * line.annual_price_per_fte / 12)}")  # fmt: skip
        elif line.fte is not None:
            out.append(f"Per måned: {_num(line.fte)} årsverk × {_num(hours)} timer × {fmt.kr(line.hourly_rate)} / 12 = "
                       f"{fmt.kr(line.fte * hours * line.hourly_rate / 12)} [timer per årsverk: "
                       f"{parameter_origin(scenario, line, 'hours_per_fte')}]")  # fmt: skip
        else:
            out.append(f"Per måned: {_num(line.hours_per_month)} timer × {fmt.kr(line.hourly_rate)} = "
                       f"{fmt.kr(line.hours_per_month * line.hourly_rate)}; årsverk: {_num(line.hours_per_month)} × 12 / "
                       f"{_num(hours)} = {_num(line.hours_per_month * 12 / hours)}")  # fmt: skip
    elif line.kind == "purchase":
        if line.annual_amount is not None:
            out.append(f"Per måned: {fmt.kr(line.annual_amount)} / 12 = {fmt.kr(line.annual_amount / 12)}")
        else:
            out.append(f"Per måned: {_num(line.units_per_month)} enheter × {fmt.kr(line.unit_price)} = "
                       f"{fmt.kr(line.units_per_month * line.unit_price)}")  # fmt: skip
    elif line.kind == "fixed":
        out.append(f"Per måned: {fmt.kr(line.annual_amount)} / 12 = {fmt.kr(line.annual_amount / 12)}")
    else:
        out.append(f"Engangsbeløp {fmt.kr(line.amount)} i {line.start or scenario.start}")
    if line.kind in ("consultant", "purchase"):
        factor = vat_factor(line)
        out.append(f"Merverdiavgift: × {_num(factor)}" if factor != 1 else "Ingen merverdiavgift å betale (kompensert eller 0 %)")
    if line.kind != "one_off":
        out.append(f"Aktiv: {line.start or scenario.start} – {line.end or 'åpen slutt'}")
    if scenario.prices == "nominal" and index_series(line) != "none":
        out.append(f"Løpende priser: × prisindeks for {'lønn' if index_series(line) == 'wages' else 'priser'} "
                   f"(1 i {scenario.basis_year})")  # fmt: skip
    return out


def figure_formulas(result: Result, alternative: str) -> list[str]:
    """The key figures of one alternative written out: annual levels, total, present value, comparison."""
    scenario = result.scenario
    a = result.alternatives.index(alternative)
    levels = views.alternative_levels_array(result)[a]
    years = result.years
    factors = views.discount_factors(result)
    out = [
        "Årsnivå = summen av alle linjers månedsbeløp i året: "
        + "; ".join(f"{y}: {fmt.kr(v)}" for y, v in zip(years, levels)),
        f"Sum {years[0]}–{years[-1]} = " + " + ".join(fmt.number(v) for v in levels) + f" = {fmt.kr(levels.sum())}",
        f"Nåverdi = Σ årsnivå / (1 + {fmt.percent(scenario.discount_rate)})^(år − {scenario.start_year}) = "
        + " + ".join(f"{fmt.number(v)} × {fmt.number(f, 4)}" for v, f in zip(levels, factors))
        + f" = {fmt.kr(levels @ factors)}",
    ]
    comparison = views.comparison(result).get(alternative)
    if comparison:
        base = scenario.alternative(scenario.baseline).name
        out.append(f"Differanse mot «{base}» = sum {fmt.kr(levels.sum())} − sum nullalternativ = "
                   f"{fmt.kr(comparison['total_difference'])}")  # fmt: skip
        month = comparison["break_even_month"]
        out.append(
            f"Lønner seg fra: første måned der akkumulert kostnad holder seg på eller under nullalternativets "
            f"til periodens slutt: {fmt.month_name(month) if month else 'ingen slik måned i perioden'}"
        )
    return out
