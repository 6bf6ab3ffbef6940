"""The workbook's Usikkerhet sheet: the simulation's percentiles, the comparison, tornado and goal seek.

These are values from the engine (simulation.py, sensitivity.py), not formulas: a spreadsheet
cannot redo 10 000 draws live. The ranges themselves are inputs on Forutsetninger.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment

from costmodel import formatting as fmt
from costmodel.engine import sensitivity
from costmodel.report import narrative
from costmodel.scenario import Scenario
from costmodel.scenario.ranges import month_text
from costmodel.workbook.cells import BOLD, KR, header_row, titled_sheet, write_text
from costmodel.workbook.cells import RATE as SHARE


def add_uncertainty_sheet(wb: Workbook, scenario: Scenario) -> None:
    """Usikkerhet, for a scenario with ranges (nothing to show without them)."""
    if not scenario.ranges:
        return
    analysis = sensitivity.analyse(scenario)
    data = analysis.summary
    ws = titled_sheet(wb, "Usikkerhet", "Usikkerhet")
    write_text(
        ws["A2"],
        f"{fmt.number(data['draws'])} trekk med frø {data['seed']}. Tallene er verdier fra simuleringen, ikke formler: "
        "eksporter på nytt etter endringer i intervallene "
        "(Forutsetninger).",
    )
    row = 4
    challengers = list(data["comparison"])
    for alternative in challengers:
        bars = analysis.tornados[alternative][1]
        sentence = narrative.uncertainty_sentence(scenario, data, alternative, bars, *analysis.flips[alternative])
        write_text(ws.cell(row, 1), sentence)
        row += 1
    row += 1
    for figures in data["alternatives"].values():
        row = _percentiles(ws, row, figures) + 1
    if challengers:
        row = _comparison(ws, row, scenario, data) + 1
    for alternative in challengers:
        row = _tornado(ws, row, scenario, alternative, analysis.tornados[alternative]) + 1
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 60
    for c in "CDEFGH":
        ws.column_dimensions[c].width = 16
    ws.freeze_panes = "A4"


def _percentiles(ws, row: int, figures: dict) -> int:
    write_text(ws.cell(row, 1), f"{figures['name']}: kostnad (kr)")
    ws.cell(row, 1).font = BOLD
    header_row(ws, row + 1, ["", "", "P10", "P50", "P90", "Gjennomsnitt"], fill=False)
    rows = {**figures["annual"], "Sum over perioden": figures["total"], "Nåverdi": figures["present_value"]}
    for k, (label, stats) in enumerate(rows.items(), start=row + 2):
        write_text(ws.cell(k, 1), label)
        for c, key in enumerate(("p10", "p50", "p90", "mean"), start=3):
            ws.cell(k, c).value = stats[key]
            ws.cell(k, c).number_format = KR
    return row + 2 + len(rows)


def _comparison(ws, row: int, scenario: Scenario, data: dict) -> int:
    write_text(ws.cell(row, 1), f"Mot nullalternativet «{scenario.alternative(scenario.baseline).name}»")
    ws.cell(row, 1).font = BOLD
    header_row(
        ws,
        row + 1,
        [
            "Alternativ",
            "",
            "Differanse i sum, P10 (kr)",
            "P50",
            "P90",
            "Sannsynlighet billigere",
            "Sannsynlighet lønner seg innen perioden",
            "Lønner seg fra (P50)",
        ],
        fill=False,
    )
    for c in range(1, 9):  # long titles wrap inside their column instead of being cut at its edge
        ws.cell(row + 1, c).alignment = Alignment(wrap_text=True, vertical="bottom")
    for k, (alt_id, c) in enumerate(data["comparison"].items(), start=row + 2):
        write_text(ws.cell(k, 1), scenario.alternative(alt_id).name)
        d = c["total_difference"]
        for column, value, number_format in (
            (3, d["p10"], KR),
            (4, d["p50"], KR),
            (5, d["p90"], KR),
            (6, c["probability_cheaper"], SHARE),
            (7, c["probability_break_even"], SHARE),
        ):
            ws.cell(k, column).value = value
            ws.cell(k, column).number_format = number_format
        write_text(ws.cell(k, 8), c["break_even_month"]["p50"] if c["break_even_month"] else "aldri")
    return row + 2 + len(data["comparison"])


def _tornado(ws, row: int, scenario: Scenario, alternative: str, result: tuple) -> int:
    base, bars = result
    name = scenario.alternative(alternative).name
    write_text(
        ws.cell(row, 1),
        f"Tornado: {name}, differanse i nåverdi mot nullalternativet (med verdiene i scenariet: {fmt.kr(base)})",
    )
    ws.cell(row, 1).font = BOLD
    titles = ["Driver", "Beskrivelse", "Lav", "Høy", "Differanse ved lav", "Differanse ved høy", "Utslag"]
    header_row(ws, row + 1, titles, fill=False)
    first = row + 2
    for k, bar in enumerate(bars, start=first):
        r = scenario.ranges[bar.driver]
        write_text(ws.cell(k, 1), bar.driver)
        write_text(ws.cell(k, 2), bar.label)
        for column, value in ((3, bar.low_value), (4, bar.high_value)):
            if r.months:
                write_text(ws.cell(k, column), month_text(value))
            else:
                ws.cell(k, column).value = value
                ws.cell(k, column).number_format = (
                    SHARE if sensitivity.value_is_rate(bar.driver, scenario) else "#,##0.##"
                )
        for column, value in ((5, bar.low), (6, bar.high), (7, bar.swing)):
            ws.cell(k, column).value = value
            ws.cell(k, column).number_format = KR
    if bars:
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"Tornado: {name}"
        chart.y_axis.title = "kr (nåverdi)"
        chart.add_data(
            Reference(ws, min_col=5, max_col=6, min_row=row + 1, max_row=first + len(bars) - 1), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=first + len(bars) - 1))
        chart.x_axis.scaling.orientation = "maxMin"
        ws.add_chart(chart, f"I{row}")
    return first + len(bars)
