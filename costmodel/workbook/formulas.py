"""The method as Excel formulas: every formula that restates docs/method.md lives here.

A spreadsheet cannot call the engine, so the workbook restates each rule of engine/kinds.py,
ledger.py and views.py as a formula over the input cells. This module is that restatement, in one
place; the other workbook modules only place its formulas. The LibreOffice recalculation tests
(tests/test_workbook.py) are the proof that both compute the same: every level, change, present
value and break-even month agrees with the engine, also after inputs are edited.

Formulas use classic functions that LibreOffice 7.4 and Excel share (no XLOOKUP, LET or XMATCH).

| formula              | what it computes                                            | docs/method.md |
|----------------------|-------------------------------------------------------------|----------------|
| `line_formulas`      | a line's amount per month, once at start, and its årsverk    | §2, §13        |
| `month_number`       | a month as year × 12 + month − 1                             | §1             |
| `price_index`        | I(y), chained growth from the price basis                   | §3             |
| `start_month`, `end_month`, `index_series` | when a line runs, which index it follows | §2, §3   |
| `line_month`         | one line in one month: active × monthly + once, × index     | §2–3           |
| `fte_month`          | a line's årsverk in one month                                | §2, §4         |
| `annual_level`       | a line's level in a year: the sum of its months             | §4             |
| `change`             | a level against the year before (the first against forrige års nivå) | §4    |
| `discount_factor`    | 1 / P(year) / (1 + r)^(year − start year), P the prices index | §4           |
| `present_value`      | Σ level × discount factor                                   | §4             |
| `cumulative_difference`, `cheaper_to_end`, `break_even` | the month an alternative pays off | §5    |

Where the engines differ (notes for whoever changes a formula): Gnumeric gives #NUM! for N() of an empty
cell (so `blank_as_zero`), does not apply LN to a range inside SUMPRODUCT (so the logarithms are cells),
and refuses INDEX on a one-cell range (so `break_even` counts months with DATE).
"""

from __future__ import annotations

from costmodel.scenario import HOUR, kind_label
from costmodel.workbook.layout import FIELD_COLUMN

SENTINEL_END = 999999  # an open end: later than any modelled month number
ONE_OFF = kind_label("one_off")  # the kind as the workbook writes it (engangsbeløp)


def blank_as_zero(cell: str) -> str:
    """A cell's number, 0 when it is empty. (Not N(): Gnumeric gives #NUM! for N() of an empty cell.)"""
    return f"IF(ISBLANK({cell}),0,{cell})"


def _cell(row: int, field: str) -> str:
    return f"Forutsetninger!${FIELD_COLUMN[field]}${row}"


def _param(row: int, field: str, global_name: str) -> str:
    """A staff parameter in force on a line: the line's own cell, else the scenario-wide named cell."""
    cell = _cell(row, field)
    return f"IF(ISBLANK({cell}),{global_name},{cell})"


def line_formulas(line, row: int) -> tuple[str, str, str]:
    """(monthly amount, once at start, årsverk) of one line, over its row on Forutsetninger (§2).

    The branch is the line's driver group, as in engine/kinds.py.
    """
    f = {field: _cell(row, field) for field in FIELD_COLUMN}
    vat = f"IF({f['vat_compensated']},1,1+{f['vat_rate']})"
    hours = _param(row, "hours_per_fte", "TimerPerAarsverk")
    if line.kind == "staff":
        if line.annual_cost_per_fte is not None:
            per_fte = f["annual_cost_per_fte"]
        else:
            s = f["annual_salary"]
            holiday_included = _param(row, "holiday_pay_included", "FeriepengerILonn")
            salary = f"IF({holiday_included},{s},{s}*(1+{_param(row, 'holiday_pay_rate', 'Feriepengesats')}))"
            pension = f"{s}*{_param(row, 'pension_rate', 'Pensjonssats')}"
            tax = f"({salary}+{pension})*{_param(row, 'employer_tax_rate', 'Arbeidsgiveravgift')}"
            per_fte = f"({salary}+{pension}+{tax}+{_param(row, 'overhead_per_fte', 'OverheadPerAarsverk')})"
        filled = f"(1-{_param(row, 'vacancy_rate', 'Vakanse')})"  # vacant positions draw no pay (§13)
        hired = f"IF(ISBLANK({f['hires']}),{f['fte']},{f['hires']})"  # people hired, else årsverk
        return (
            f"={f['fte']}*{per_fte}/12*{filled}",
            f"={hired}*{blank_as_zero(f['recruitment_cost'])}",
            f"={f['fte']}*{filled}",
        )
    if line.kind == "consultant":
        if line.annual_price_per_fte is not None:
            return f"={f['fte']}*{f['annual_price_per_fte']}/12*{vat}", "=0", f"={f['fte']}"
        if line.fte is not None:
            return f"={f['fte']}*{hours}*{f['hourly_rate']}/12*{vat}", "=0", f"={f['fte']}"
        return f"={f['hours_per_month']}*{f['hourly_rate']}*{vat}", "=0", f"={f['hours_per_month']}*12/{hours}"
    if line.kind == "purchase":  # årsverk levert, else bought hours × 12 / hours per årsverk, else none (§13)
        given = f"ISBLANK({f['fte_equivalent']})"
        if line.annual_amount is not None:
            return f"={f['annual_amount']}/12*{vat}", "=0", f"=IF({given},0,{f['fte_equivalent']})"
        hours_rule = f'IF({f["unit"]}="{HOUR}",{f["units_per_month"]}*12/{hours},0)'
        return (
            f"={f['units_per_month']}*{f['unit_price']}*{vat}",
            "=0",
            f"=IF({given},{hours_rule},{f['fte_equivalent']})",
        )
    if line.kind == "fixed":
        return f"={f['annual_amount']}/12", "=0", "=0"
    return "=0", f"={f['amount']}", "=0"


def refund(monthly: str, row: int) -> str:
    """The sick-pay refund per month of a staff line: − its monthly amount × sykefravær × refusjonsandel (§13)."""
    sick = _param(row, "sick_leave_rate", "Sykefravaer")
    rate = _param(row, "sick_pay_refund_rate", "Sykepengerefusjon")
    return f"=-{monthly}*{sick}*{rate}"


def month_number(date_cell: str) -> str:
    return f"=YEAR({date_cell})*12+MONTH({date_cell})-1"


def price_index(year_cell: str, growth_name: str) -> str:
    """I(y): 1 in faste priser; else exp(Σ ln(1 + g)) over the years from the price basis to y (§3).

    The logarithms are cells on Forutsetninger (`LnLonnsvekst`, `LnPrisvekst`): Gnumeric does not apply
    LN to a whole range inside SUMPRODUCT, which Office and LibreOffice do.
    """
    logs = f"Ln{growth_name}"
    return (
        f'=IF(Prisgrunnlag="faste",1,EXP(SUMPRODUCT((VekstAar>Prisaar)*(VekstAar<={year_cell})*{logs})'
        f"-SUMPRODUCT((VekstAar>{year_cell})*(VekstAar<=Prisaar)*{logs})))"
    )


def start_month(start_cell: str) -> str:
    """A line's first month as a month number: its own start, else the scenario's."""
    return (
        f"=IF(ISBLANK({start_cell}),YEAR(Startmaaned)*12+MONTH(Startmaaned)-1,"
        f"YEAR({start_cell})*12+MONTH({start_cell})-1)"
    )


def end_month(end_cell: str) -> str:
    return f"=IF(ISBLANK({end_cell}),{SENTINEL_END},YEAR({end_cell})*12+MONTH({end_cell})-1)"


def index_series(index_cell: str, default: str) -> str:
    """The growth series a line follows: its `index`, else its kind's default."""
    return f'=IF(ISBLANK({index_cell}),"{default}",{index_cell})'


def line_month(c: str, row: int) -> str:
    """One line in one month (column c): its monthly amount while active, its one-off in the start month, × index."""
    active = f'AND({c}$3>=$G{row},{c}$3<=$H{row},$D{row}<>"{ONE_OFF}")'
    index = f'IF($I{row}="wages",{c}$5,IF($I{row}="prices",{c}$6,1))'
    return f"=(IF({active},$E{row},0)+IF({c}$3=$G{row},$F{row},0))*{index}"


def fte_month(c: str, source: int) -> str:
    return f'=IF(AND({c}$3>=$G{source},{c}$3<=$H{source},$D{source}<>"{ONE_OFF}"),$J{source},0)'


def annual_level(months: str, amounts: str, year: int) -> str:
    """A year's level: the sum of the months of that year."""
    return f"=SUMPRODUCT(({months}={year})*{amounts})"


def change(level: str, previous: str) -> str:
    """Change against the year before; `previous` is last year's level."""
    return f"={level}-{previous}"


def discount_factor(year: int, deflator: str) -> str:
    """1 / P(y) / (1 + r)^(y − start year): the year's level in real kroner of the price basis, discounted (§4)."""
    return f"=1/(1+Kalkulasjonsrente)^({year}-YEAR(Startmaaned))/{deflator}"


def present_value(levels: str, factors: str) -> str:
    return f"=SUMPRODUCT({levels},{factors})"


def cumulative_difference(first_col: str, c: str, mine: int, base: int) -> str:
    return f"=SUM(${first_col}{mine}:{c}{mine})-SUM(${first_col}{base}:{c}{base})"


def cheaper_to_end(c: str, row: int, after: str | None) -> str:
    """TRUE when the cumulative difference is ≤ 0 (0,001 kr tolerance) here and in every later month."""
    ok = f"{c}{row}<=0.001"
    return f"={ok}" if after is None else f"=AND({ok},{after}{row + 1})"


def break_even(cheaper: str) -> str:
    """The first month from which the alternative stays cheaper to the end, or «ingen» when there is none.

    The month is counted from the first month (DATE rolls months over into years) rather than looked up
    with INDEX: with a single index on a one-row range Office reads a column and the OOXML standard a
    row, and Gnumeric refuses INDEX on a one-cell range. No IFERROR: an error stays an error, never «ingen».
    """
    return f'=IF(OR({cheaper}),DATE(YEAR(Startmaaned),MONTH(Startmaaned)+MATCH(TRUE(),{cheaper},0)-1,1),"ingen")'
