"""The economic section of the case document (`costmodel notat`, «Last ned saksframlegg»): «Økonomiske
konsekvenser» as a rådmann writes it in a saksframlegg, with python-docx.

Only Word's built-in styles are used (Heading 1–2, List Bullet, Table Grid, Caption), so the text pastes
into the municipality's own template and takes its look. Every figure comes from the same functions as the
app and the deck.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt

from costmodel import formatting as fmt
from costmodel.engine import Result, views
from costmodel.engine import effects as fx
from costmodel.report import council, narrative, tables

PLAN_YEARS = 4  # the økonomiplan: four budget years
TEXT_WIDTH = 6.0  # inches: within the margins of A4 and Letter alike


def _table(
    doc,
    header: list[str],
    rows: list[list[str]],
    shades: dict | None = None,
    bold_last: bool = False,
    widths: list[float] | None = None,
    words: tuple[int, ...] = (0,),
):
    """A table in Word's built-in «Table Grid» style: header bold; the columns numbered in `words` hold words (left),
    the rest figures (right, never broken). `widths`: each column's share of the text width (default: the first
    column 0,36, the rest equal)."""
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    shares = widths or [0.36] + [0.64 / max(1, len(header) - 1)] * (len(header) - 1)
    sizes = [Emu(int(Inches(TEXT_WIDTH) * share)) for share in shares]
    for c, column in enumerate(table.columns):  # the grid (LibreOffice reads it) and each cell (Word reads those)
        column.width = sizes[c]
    for r, cells in enumerate([header, *rows]):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.width = sizes[c]
            is_words = c in words
            cell.text = value if is_words or r == 0 else value.replace(" ", "\u00a0")  # a figure never breaks
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if is_words else WD_ALIGN_PARAGRAPH.RIGHT
            for run in p.runs:
                run.bold = r == 0 or (bold_last and r == len(rows))
                run.font.size = Pt(9 if len(header) < 6 else 8)
            if shades and (r, c) in shades:
                _shade(cell, shades[(r, c)])
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return table


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour.lstrip("#"))
    properties.append(fill)


def _bullets(doc, lines: list[str]) -> None:
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")


def _key_figures(result: Result) -> list[str]:
    s = result.scenario
    summary = views.summary(result)
    span = narrative.span_text(result.years)
    out = []
    for alt in s.alternatives:
        figures = summary["alternatives"][alt.id]
        first = str(result.years[0])
        out.append(
            f"{alt.name}: {fmt.kr(figures['annual'][first])} i {first}, {fmt.kr(figures['total'])} i {span}, "
            f"nåverdi {fmt.kr(figures['present_value'])}."
        )
    for alt, c in summary["comparison"].items():
        month = c["break_even_month"]
        out.append(
            f"{s.alternative(alt).name} mot nullalternativet: differanse {fmt.kr(c['total_difference'])} i {span}, "
            f"i nåverdi {fmt.kr(c['present_value_difference'])}; lønner seg fra "
            f"{fmt.month_name(month) if month else 'ikke i perioden'}."
        )
    return out


def build_note(result: Result, changed: list[str] | None = None):
    """«Økonomiske konsekvenser» for the scenario as computed (the what-if on screen, described by `changed`)."""
    s = result.scenario
    doc = Document()
    doc.add_heading("Økonomiske konsekvenser", level=1)
    analysis = None
    if s.ranges and s.baseline:  # the conclusion carries how sure it is (docs/method.md §12)
        from costmodel.engine import sensitivity

        analysis = sensitivity.analyse(s)
    sentences = narrative.comparison_sentences(result, analysis.summary if analysis else None)
    doc.add_paragraph(
        " ".join(sentences)
        or f"Saken gjelder {s.name.lower()}. Beløp i {fmt.price_basis(s)}; tallene under er alternativets budsjett."
    )
    years = result.years[:PLAN_YEARS]
    doc.add_heading(f"Budsjettendringer {narrative.span_text(years)}", level=2)
    for alt in council.compared(result) or result.alternatives[:1]:
        frames = tables.budget_frames(result, alt, years=years)
        changes = frames["changes"]
        rows = [[str(label), *(fmt.change(v, "kr") for v in values)] for label, values in changes.iterrows()]
        doc.add_paragraph(
            f"{s.alternative(alt).name}: endring mot forrige år (kr, {fmt.price_basis(s)})", style="Caption"
        )
        _table(doc, ["Linje", *map(str, years)], rows, bold_last=True)
        doc.add_paragraph(" ".join(tables.change_base(result, alt)), style="Caption")
    doc.add_heading("Nøkkeltall", level=2)
    _bullets(doc, _key_figures(result))
    if result.need is not None:
        doc.add_heading("Kapasitet", level=2)
        lines = [narrative.capacity_sentence(result, alt) for alt in result.alternatives]
        lines += [t for t in (narrative.unmet_sentence(result, alt) for alt in result.alternatives) if t]
        _bullets(doc, lines)
    if analysis is not None:
        doc.add_heading("Usikkerhet", level=2)
        for alt, (_, bars) in analysis.tornados.items():
            doc.add_paragraph(narrative.uncertainty_sentence(s, analysis.summary, alt, bars, *analysis.flips[alt]))
            _bullets(doc, narrative.tornado_sentences(result, alt, bars))
    rows = fx.table(result)
    if rows:
        doc.add_heading("Ikke-prissatte virkninger", level=2)
        sentence = council.effects_sentence(result)
        if sentence:
            doc.add_paragraph(sentence)
        frame, steps = council.effects_frame(result), council.effects_steps(result)
        alternatives = list(steps.columns)
        header = ["Virkning", "Betydning", *alternatives]
        header.append("Begrunnelse")
        body = [
            [r["Virkning"], r["Betydning"], *(r[a] for a in alternatives), r["Begrunnelse"]]
            for _, r in frame.iterrows()
        ]
        shades = {
            (n + 1, 2 + k): council.COLOURS[int(steps.iloc[n][a])]
            for n in range(len(body))
            for k, a in enumerate(alternatives)
        }
        fixed = 0.26 + 0.14 + 0.13 * len(alternatives)
        _table(
            doc,
            header,
            body,
            shades,
            widths=[0.26, 0.14, *[0.13] * len(alternatives), 1 - fixed],
            words=(0, 1, len(header) - 1),  # virkning, betydning and the reasons
        )
        doc.add_paragraph(
            "Konsekvens = betydning × omfang mot nullalternativet, på skalaen "
            + "−−−− … 0 … ++++".replace(" ", "\u00a0")  # the scale never breaks across lines
            + " (Miljødirektoratets konsekvensvifte, M-1941). Virkningene er vurdert, ikke regnet i kroner, "
            "og legges ikke sammen.",
            style="Caption",
        )
    if s.partners:
        doc.add_heading("Fordeling mellom kommunene", level=2)
        for sentence in council.partner_sentences(result):
            doc.add_paragraph(sentence)
        frame = council.partner_frame(result)
        header = ["Kommune", "Andel", *(f"{c} (kr)" for c in frame.columns[2:])]
        body = [
            [row.iloc[0], fmt.percent(row.iloc[1])]
            + [fmt.number(v, plus="+" if "differanse" in c else "") for c, v in row.iloc[2:].items()]
            for _, row in frame.iterrows()
        ]
        _table(doc, header, body, bold_last=True, widths=[0.16] + [0.84 / (len(header) - 1)] * (len(header) - 1))
        doc.add_paragraph(council.partner_key_text(result), style="Caption")
    doc.add_heading("Forutsetninger", level=2)
    _bullets(doc, council.assumption_lines(result, changed or []))
    return doc


def note_bytes(result: Result, changed: list[str] | None = None) -> bytes:
    buffer = BytesIO()
    build_note(result, changed).save(buffer)
    return buffer.getvalue()
