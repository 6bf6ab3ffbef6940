"""One cost rule per line kind (docs/method.md §2): what a line costs, in named parts.

Each rule is a small function of the line's drivers and the rates in force. It returns a
`LineCost`: the amount per active month and once at its start (in the prices of the price basis,
before the index of §3), the årsverk it carries, and the same money in named parts. This is the
only place a rate is multiplied: the ledger (ledger.py) expands `monthly` and `once` over the
months, explanations (report/explain.py) format the parts, and the simulation calls these very
functions with arrays over draws in place of numbers. The workbook restates them as formulas in
workbook/formulas.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from costmodel.parameters import Reference
from costmodel.scenario import HOUR, ConsultantLine, FixedLine, OneOffLine, PurchaseLine, Scenario, StaffLine

# The named parts of a line's cost, with their Norwegian labels, in the order explanations list them.
COMPONENTS = MappingProxyType(
    {
        "salary": "lønn",
        "holiday_pay": "feriepenger",
        "pension": "pensjon",
        "employer_tax": "arbeidsgiveravgift",
        "overhead": "felleskostnader",
        "cost_per_fte": "kostnad per årsverk",
        "fee": "pris fra leverandøren",
        "purchase": "kjøp",
        "amount": "beløp",
        "vat": "merverdiavgift",
        "recruitment": "rekruttering",
        "vacancy": "vakanse (ubesatte stillinger)",
        "refund": "sykepengerefusjon",
        "cover": "innleie til dekning",
    }
)
EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Parts:
    """A line's cost in named parts, and what the rule used.

    Attributes:
      parts: the amount per active month by component (COMPONENTS); they add up to `monthly`.
      once_parts: the amount in the start month by component; they add up to `once`.
      per_fte: staff only: the annual cost of one årsverk by component, and its `total` (fullkost).
      inputs: what the rule used besides the line's own drivers: the staff rates in force
        (StaffRates as a mapping), `hours_per_fte`, `vat_factor`.
    """

    parts: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    once_parts: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    per_fte: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    inputs: Mapping[str, Any] = field(default_factory=lambda: EMPTY)


def _no_parts() -> Parts:
    return Parts()


@dataclass(frozen=True)
class LineCost:
    """What one line costs, and why.

    Attributes:
      monthly: per active month, in the price basis's kroner (before the price index).
      once: in the start month (recruitment, a one-off amount).
      fte: the årsverk the line pays for while active (staff: less the vacant share).
      detail: the rule's own account of the same money in named parts (`Parts`), worked out when
        first asked for (`parts`, `once_parts`, `per_fte`, `inputs`), so the simulation, which
        needs only the totals, does not pay for it.
    """

    monthly: Any
    once: Any = 0.0
    fte: Any = 0.0
    detail: Callable[[], Parts] = field(default=_no_parts, repr=False, compare=False)
    refund: Any = 0.0  # staff: the sick-pay refund per active month (negative), its own ledger entry
    effective: Any = 0.0  # the årsverk it delivers to the capacity need (docs/method.md §13)

    @cached_property
    def _parts(self) -> Parts:
        return self.detail()

    @property
    def parts(self) -> Mapping[str, Any]:
        return self._parts.parts

    @property
    def once_parts(self) -> Mapping[str, Any]:
        return self._parts.once_parts

    @property
    def per_fte(self) -> Mapping[str, Any]:
        return self._parts.per_fte

    @property
    def inputs(self) -> Mapping[str, Any]:
        return self._parts.inputs


@dataclass(frozen=True)
class StaffRates:
    """The parameters of staff cost in force: the line's own, else the scenario's, else the reference's."""

    employer_tax_rate: Any
    pension_rate: Any
    holiday_pay_included: Any
    holiday_pay_rate: Any
    overhead_per_fte: Any
    hours_per_fte: Any
    sick_leave_rate: Any = 0.0
    sick_pay_refund_rate: Any = 0.0
    vacancy_rate: Any = 0.0


STAFF_RATE_FIELDS = (
    "pension_rate",
    "holiday_pay_included",
    "holiday_pay_rate",
    "overhead_per_fte",
    "hours_per_fte",
    "sick_leave_rate",
    "sick_pay_refund_rate",
    "vacancy_rate",
)


@dataclass(frozen=True)
class Context:
    """What every line's cost may depend on besides its own drivers: the scenario-wide rates."""

    rates: StaffRates
    reference: Reference
    basis_year: int


def scenario_context(scenario: Scenario, ref: Reference) -> Context:
    """Scenario-wide rates: the scenario's `parameters:`, else the reference defaults (docs/method.md §2)."""
    own = scenario.parameters
    values = {
        name: getattr(own, name) if getattr(own, name) is not None else ref.default(name) for name in STAFF_RATE_FIELDS
    }
    if own.employer_tax_rate is not None:
        tax = own.employer_tax_rate
    else:
        tax = ref.employer_tax_rate(
            own.employer_tax_zone or ref.default("employer_tax_zone"), scenario.basis_year
        ).value
    return Context(StaffRates(employer_tax_rate=tax, **values), ref, scenario.basis_year)


def staff_rates(line: StaffLine, ctx: Context) -> StaffRates:
    """The staff rates in force for a line: the line's own where set, else the scenario-wide ones."""
    own = {name: getattr(line, name) for name in STAFF_RATE_FIELDS if getattr(line, name) is not None}
    if line.employer_tax_rate is not None:
        own["employer_tax_rate"] = line.employer_tax_rate
    elif line.employer_tax_zone is not None:
        own["employer_tax_rate"] = ctx.reference.employer_tax_rate(line.employer_tax_zone, ctx.basis_year).value
    return replace(ctx.rates, **own) if own else ctx.rates


def _inputs(rates: StaffRates) -> Mapping[str, Any]:
    return MappingProxyType(dict(vars(rates)))


# --- the rules -----------------------------------------------------------------------------------------


def staff_cost(line: StaffLine, ctx: Context) -> LineCost:
    """Egne stillinger (§2): årsverk × full cost per årsverk / 12 a month; recruitment once per årsverk.

    Full cost per årsverk (fullkost) = lønn (with feriepenger when they are not in the årslønn)
    + pensjon (rate × årslønn) + arbeidsgiveravgift (rate × (lønn + pensjon)) + overhead, or the
    `annual_cost_per_fte` given instead. Capacity (§13): vacant positions draw no pay (× (1 − vakanse)),
    the sick-pay refund is − cost × sykefravær × refusjonsandel, and the line delivers
    årsverk × (1 − vakanse) × (1 − sykefravær) effective årsverk.
    """
    rates = staff_rates(line, ctx)
    if line.annual_cost_per_fte is not None:
        total = line.annual_cost_per_fte

        def per_fte() -> dict:
            return {"cost_per_fte": total}
    else:
        s = line.annual_salary
        paid = s if rates.holiday_pay_included else s * (1 + rates.holiday_pay_rate)
        pension = s * rates.pension_rate
        tax = (paid + pension) * rates.employer_tax_rate
        total = paid + pension + tax + rates.overhead_per_fte

        def per_fte() -> dict:
            return {
                "salary": s,
                "holiday_pay": paid - s,
                "pension": pension,
                "employer_tax": tax,
                "overhead": rates.overhead_per_fte,
            }

    hired = line.fte if line.hires is None else line.hires  # one hire per person; per årsverk without `hires`
    recruitment = hired * (0.0 if line.recruitment_cost is None else line.recruitment_cost)
    filled = 1 - rates.vacancy_rate
    full = line.fte * total / 12
    monthly = full * filled
    refund = -monthly * rates.sick_leave_rate * rates.sick_pay_refund_rate

    def detail() -> Parts:
        annual = per_fte()
        parts = {k: line.fte * v / 12 for k, v in annual.items()}
        if _nonzero(rates.vacancy_rate):
            parts["vacancy"] = monthly - full
        return Parts(
            parts=MappingProxyType(parts),
            once_parts=MappingProxyType({"recruitment": recruitment}),
            per_fte=MappingProxyType({**annual, "total": total}),
            inputs=_inputs(rates),
        )

    effective = line.fte * filled * (1 - rates.sick_leave_rate) if line.capacity else 0.0
    return LineCost(
        monthly=monthly,
        once=recruitment,
        fte=line.fte * filled,
        detail=detail,
        refund=refund,
        effective=effective,
    )


def _nonzero(value: Any) -> bool:
    return bool(np.any(np.asarray(value) != 0))


def vat_factor(line: ConsultantLine | PurchaseLine) -> Any:
    """1 + VAT when the municipality cannot get the VAT back (momskompensasjon), else 1."""
    return 1.0 if line.vat_compensated else 1.0 + line.vat_rate


def _with_vat(line: ConsultantLine | PurchaseLine, name: str, before: Any, fte: Any, inputs: dict) -> LineCost:
    """A bought service: its price × VAT; it delivers its årsverk in full (the supplier covers its own absence)."""
    factor = vat_factor(line)
    monthly = before * factor

    def detail() -> Parts:
        return Parts(
            parts=MappingProxyType({name: before, "vat": monthly - before}),
            inputs=MappingProxyType({**inputs, "vat_factor": factor}),
        )

    effective = fte if line.capacity else 0.0  # a supplier covers its own absence (§13)
    return LineCost(monthly=monthly, fte=fte, detail=detail, effective=effective)


def consultant_cost(line: ConsultantLine, ctx: Context) -> LineCost:
    """Innleie (§2): årsverk × price per årsverk / 12, årsverk × hours × hourly rate / 12, or hours × rate; × VAT."""
    hours = line.hours_per_fte if line.hours_per_fte is not None else ctx.rates.hours_per_fte
    if line.annual_price_per_fte is not None:
        fee, fte = line.fte * line.annual_price_per_fte / 12, line.fte
    elif line.fte is not None:
        fee, fte = line.fte * hours * line.hourly_rate / 12, line.fte
    else:
        fee, fte = line.hours_per_month * line.hourly_rate, line.hours_per_month * 12 / hours
    return _with_vat(line, "fee", fee, fte, {"hours_per_fte": hours})


def purchase_cost(line: PurchaseLine, ctx: Context) -> LineCost:
    """Kjøp av tiltak (§2): annual amount / 12, or units per month × unit price; × VAT.

    What it delivers (§13): `fte_equivalent` årsverk, else with `unit: hour` units × 12 / hours per årsverk,
    else nothing.
    """
    hours = line.hours_per_fte if line.hours_per_fte is not None else ctx.rates.hours_per_fte
    if line.annual_amount is not None:
        before = line.annual_amount / 12
    else:
        before = line.units_per_month * line.unit_price
    if line.fte_equivalent is not None:
        fte = line.fte_equivalent
    elif line.unit == HOUR and line.units_per_month is not None:
        fte = line.units_per_month * 12 / hours
    else:
        fte = 0.0
    return _with_vat(line, "purchase", before, fte, {"hours_per_fte": hours})


def fixed_cost(line: FixedLine, ctx: Context) -> LineCost:
    """Fast beløp per år (§2): annual amount / 12 a month (may be negative)."""
    monthly = line.annual_amount / 12
    return LineCost(monthly=monthly, detail=lambda: Parts(parts=MappingProxyType({"amount": monthly})))


def one_off_cost(line: OneOffLine, ctx: Context) -> LineCost:
    """Engangsbeløp (§2): the amount once, in the start month (may be negative)."""
    amount = line.amount
    return LineCost(monthly=0.0, once=amount, detail=lambda: Parts(once_parts=MappingProxyType({"amount": amount})))


LINE_COST = {
    "staff": staff_cost,
    "consultant": consultant_cost,
    "purchase": purchase_cost,
    "fixed": fixed_cost,
    "one_off": one_off_cost,
}
