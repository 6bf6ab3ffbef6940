"""The economic section of the case document (`costmodel notat`, «Last ned saksframlegg»): «Økonomiske
konsekvenser» as a rådmann writes it in a saksframlegg, with python-docx.

Only Word's built-in styles are used (Heading 1–2, List Bullet, Table Grid, Caption), so the text pastes
into the municipality's own template and takes its look. Every figure comes from the same functions as the
app and the deck.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Mm, Pt

from costmodel import formatting as fmt
from costmodel.engine import Result, views
from costmodel.engine import effects as fx
from costmodel.report import council, narrative, tables
from costmodel.report.properties import APPLICATION, set_app_properties

PLAN_YEARS = 6  # the økonomiplan table shows every year up to six (four budget years, sometimes five or six)
TEXT_WIDTH = 6.29  # inches: A4 (210 mm) less two margins of 25 mm


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
    shares = widths or _shares(header, rows, words)
    sizes = [Emu(int(Inches(TEXT_WIDTH) * share)) for share in shares]
    for c, column in enumerate(table.columns):  # the grid (LibreOffice reads it) and each cell (Word reads those)
        column.width = sizes[c]
    for r, cells in enumerate([header, *rows]):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.width = sizes[c]
            is_words = c in words
            if r == 0:  # a title may break after a slash too («merkostnad/innsparing»)
                cell.text = fmt.unbroken(value).replace("/", "/\u200b")
            else:
                cell.text = fmt.unbroken(value) if is_words else value.replace(" ", "\u00a0")  # a figure never breaks
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if is_words else WD_ALIGN_PARAGRAPH.RIGHT
            for run in p.runs:
                run.bold = r == 0 or (bold_last and r == len(rows))
                run.font.size = Pt(10 if len(header) < 6 else 9)
            if shades and (r, c) in shades:
                _shade(cell, shades[(r, c)])
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _row_rules(table)
    return table


def _row_rules(table) -> None:
    """The header row repeats on every page; no row splits across a page break."""
    for r, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if r == 0:
            properties.append(OxmlElement("w:tblHeader"))


def _shares(header: list[str], rows: list[list[str]], words: tuple[int, ...]) -> list[float]:
    """Each column's share of the text width, from its content: a figure column as wide as its widest figure, a
    column of words as wide as its longest word allows and the rest of the room shared by length."""
    need = []
    padding = 3.0  # the cell's margins, in characters
    for c, title in enumerate(header):
        cells = [str(r[c]) for r in rows]
        title_word = max((len(w) for w in title.replace("/", " ").split()), default=4) * 1.3  # bold
        cell_word = max((len(w) for w in " ".join(cells).split()), default=4) * 1.15
        if c in words:
            need.append(max(title_word, cell_word, 7) + padding)
        else:  # a figure never breaks, and the title breaks only between words
            need.append(max([len(v) * 1.15 for v in cells] + [title_word, 4]) + padding)
    spare = max(0.0, 88.0 - sum(need))  # characters of 9–10 pt across 160 mm, roughly
    lengths = {c: sum(len(str(r[c])) for r in rows) + 1 for c in words}
    total = sum(lengths.values()) or 1
    for c in words:
        need[c] += spare * lengths[c] / total
    return [n / sum(need) for n in need]


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour.lstrip("#"))
    properties.append(fill)


def _bullets(doc, lines: list[str]) -> None:
    for line in lines:
        _paragraph(doc, line, style="List Bullet")


def _paragraph(doc, text: str, style: str | None = None):
    """A paragraph in which no number breaks from its digits or its unit (non-breaking spaces)."""
    return doc.add_paragraph(fmt.unbroken(text), style=style)


def build_note(result: Result, changed: list[str] | None = None, skeleton: bool = False):
    """«Økonomiske konsekvenser» for the scenario as computed (the what-if on screen, described by `changed`): the
    conclusion and the økonomiplan table, then the sections a saksframlegg's economic part has. With `skeleton`,
    the whole saksframlegg: its usual headings, the economic section filled in, the rest marked for the
    saksbehandler to write."""
    s = result.scenario
    doc = Document()
    _setup(doc, s)
    analysis = None
    if s.ranges and s.baseline:  # the conclusion carries how sure it is (docs/method.md §12)
        from costmodel.engine import sensitivity

        analysis = sensitivity.analyse(s)
    sentences = narrative.comparison_sentences(result, analysis.summary if analysis else None)
    if not skeleton:
        _economic_section(doc, result, changed, analysis, sentences, top=1)
        _proposal(doc, s, "Forslag til vedtak", level=2)
        return doc
    doc.add_heading(s.name, level=1)
    _case_block(doc)
    names = [a.name for a in s.alternatives]
    choice = f"valget mellom {', '.join(f'«{n}»' for n in names[:-1])} og «{names[-1]}»" if len(names) > 1 else ""
    doc.add_heading("Saken gjelder", level=2)
    _paragraph(doc, f"Saken gjelder {choice or s.name}. " + WRITE.format("kort hva saken gjelder"))
    doc.add_heading("Bakgrunn", level=2)
    _paragraph(doc, WRITE.format("bakgrunnen: problemet i dag, tidligere vedtak og hvorfor saken kommer nå"))
    doc.add_heading("Saksopplysninger", level=2)
    _paragraph(doc, WRITE.format("saksopplysningene: tjenesten, behovet og hva alternativene innebærer"))
    _economic_section(doc, result, changed, analysis, sentences, top=2)
    doc.add_heading("Vurdering", level=2)  # the saksbehandler's own words; the figures stand above, once
    _paragraph(
        doc,
        WRITE.format(
            "kommunedirektørens vurdering: hva som taler for og mot alternativene, med de økonomiske "
            "konsekvensene og de ikke-prissatte virkningene over som grunnlag"
        ),
    )
    doc.add_heading("Konklusjon", level=2)
    _paragraph(doc, WRITE.format("konklusjonen: hva kommunedirektøren anbefaler, og hvorfor"))
    if not _proposal(doc, s, "Kommunedirektørens forslag til vedtak", level=2):
        doc.add_heading("Kommunedirektørens forslag til vedtak", level=2)
        _paragraph(doc, WRITE.format("forslaget til vedtak, punkt for punkt"), style="List Number")
    return doc


WRITE = "[Skriv {}.]"  # what the saksbehandler writes in the skeleton
FILL = "[Fyll inn]"


def _case_block(doc) -> None:
    """The head of a saksframlegg: who handles the case, its archive number, and the bodies that treat it, for the
    saksbehandler to fill in as the municipality's case system would."""
    _paragraph(doc, f"Saksbehandler: {FILL}    Arkivsaksnr.: {FILL}    Arkiv: {FILL}")
    bodies = [[FILL, body, FILL] for body in ("Formannskapet", "Kommunestyret")]
    _table(doc, ["Utvalgssaksnr.", "Utvalg", "Møtedato"], bodies, widths=[0.3, 0.4, 0.3], words=(0, 1, 2))


def _proposal(doc, s, title: str, level: int) -> bool:
    """The council's proposal as numbered points, when the scenario has one."""
    if s.council is None or not s.council.proposal:
        return False
    doc.add_heading(title, level=level)
    for point in s.council.proposal:
        _paragraph(doc, point, style="List Number")
    return True


def _economic_section(doc, result: Result, changed, analysis, sentences: list[str], top: int) -> None:
    """«Økonomiske konsekvenser» at heading level `top`, its parts one level below."""
    s = result.scenario
    sub = top + 1
    doc.add_heading("Økonomiske konsekvenser", level=top)
    if top == 1:  # the section on its own names its case; in the whole saksframlegg the title does
        _paragraph(doc, f"Sak: {s.name}" + (f", {s.municipality}" if s.municipality else "") + ".", style="Caption")
    _paragraph(
        doc,
        " ".join(sentences)
        or f"Saken gjelder {s.name}. Beløp i {fmt.price_basis(s)}; tallene under er alternativets budsjett.",
    )
    _plan_table(doc, result)
    years = result.years[:PLAN_YEARS]
    doc.add_heading(f"Budsjettendringer {narrative.span_text(years)}", level=sub)
    for alt in council.compared(result) or result.alternatives[:1]:
        frames = tables.budget_frames(result, alt, years=years)
        changes = frames["changes"]
        rows = [[str(label), *(fmt.change(v, "mill") for v in values)] for label, values in changes.iterrows()]
        _paragraph(
            doc, f"{s.alternative(alt).name}: endring mot forrige år (mill. kr, {fmt.price_basis(s)})", style="Caption"
        )
        _table(doc, ["Budsjettpost", *map(str, years)], rows, bold_last=True)
        base = " ".join(tables.change_base(result, alt, council=True))
        _paragraph(doc, f"Summen er regnet før avrunding. {base}", style="Caption")
    if result.need is not None:
        doc.add_heading("Kapasitet", level=sub)
        lines = [narrative.capacity_sentence(result, alt) for alt in result.alternatives]
        lines += [t for t in (narrative.unmet_sentence(result, alt) for alt in result.alternatives) if t]
        _bullets(doc, lines)
    if analysis is not None:
        doc.add_heading("Usikkerhet", level=sub)
        for alt, (_, bars) in analysis.tornados.items():
            _paragraph(doc, narrative.uncertainty_sentence(s, analysis.summary, alt, bars, *analysis.flips[alt]))
            _bullets(doc, narrative.tornado_sentences(result, alt, bars))
    if fx.table(result):
        _effects(doc, result, sub)
    if s.partners:
        _partners(doc, result, sub)
    if s.council is not None and s.council.financing:
        doc.add_heading("Inndekning", level=sub)
        _paragraph(doc, s.council.financing)
    doc.add_heading("Forutsetninger", level=sub)
    _bullets(doc, council.assumption_lines(result, changed or []))
    if s.sources:
        doc.add_heading("Kilder", level=sub)
        _bullets(doc, [council.source_text(source) for source in s.sources])


def _setup(doc, s) -> None:
    """A4 with 25 mm margins, bokmål (nb-NO) on every style so Word does not mark every word as misspelt, and the
    document's own properties: the scenario as title, the municipality as author, today as its date."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = [defaults.find(qn("w:rPrDefault"))] if defaults is not None else []
    targets += list(styles.findall(qn("w:style")))
    for target in targets:
        if target is None:
            continue
        rpr = target.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            target.append(rpr)
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), LANGUAGE)
        rpr.append(lang)
    now = datetime.now().replace(microsecond=0)
    properties = doc.core_properties
    properties.title = s.name
    properties.author = properties.last_modified_by = s.municipality or APPLICATION
    set_app_properties(doc.part.package, Company=s.municipality or APPLICATION)
    properties.subject = "Økonomiske konsekvenser"
    properties.comments = properties.keywords = properties.category = ""
    properties.language = LANGUAGE
    properties.created = properties.modified = now
    properties.revision = 1


LANGUAGE = "nb-NO"


def _plan_table(doc, result: Result) -> None:
    """The økonomiplan: each alternative's cost per year, in the period and in present value (mill. kr, one
    decimal), and the row the council decides on: merkostnad (+) or innsparing (−) against the nullalternativ."""
    s = result.scenario
    summary = views.summary(result)
    years = [str(y) for y in result.years[:PLAN_YEARS]]
    span = narrative.span_text(result.years)
    header = ["Alternativ", *years, f"Sum {span}", "Nåverdi"]
    rows = []
    for alt in s.alternatives:
        a = summary["alternatives"][alt.id]
        rows.append(
            [
                alt.name,
                *(fmt.level(a["annual"][y]) for y in years),
                fmt.level(a["total"]),
                fmt.level(a["present_value"]),
            ]
        )
    for alt, c in summary["comparison"].items():
        name = s.alternative(alt).name
        rows.append(
            [
                f"{name}: merkostnad (+) / innsparing (−)",
                *(fmt.change(c["difference_by_year"][y]) for y in years),
                fmt.change(c["total_difference"]),
                fmt.change(c["present_value_difference"]),
            ]
        )
    _paragraph(doc, f"Økonomiplan (mill. kr, {fmt.price_basis(s)}; {fmt.present_value_basis(s)})", style="Caption")
    _table(doc, header, rows, bold_last=bool(summary["comparison"]))


def _effects(doc, result: Result, level: int) -> None:
    doc.add_heading("Ikke-prissatte virkninger", level=level)
    sentence = council.effects_sentence(result)
    if sentence:
        _paragraph(doc, sentence)
    frame, steps = council.effects_frame(result), council.effects_steps(result)
    alternatives = list(steps.columns)
    header = ["Virkning", "Betydning", *alternatives, "Begrunnelse"]
    body = [
        [r["Virkning"], r["Betydning"], *(r[a] for a in alternatives), r["Begrunnelse"]] for _, r in frame.iterrows()
    ]
    shades = {
        (n + 1, 2 + k): council.COLOURS[int(steps.iloc[n][a])]
        for n in range(len(body))
        for k, a in enumerate(alternatives)
    }
    _table(doc, header, body, shades, words=(0, 1, len(header) - 1))
    _paragraph(
        doc,
        "Konsekvensen mot nullalternativet, fra hvor viktig virkningen er (betydning) og hvor mye alternativet "
        "endrer den (omfang), på skalaen "
        + "−−−− … 0 … ++++".replace(" ", "\u00a0")  # the scale never breaks across lines
        + " (Miljødirektoratets konsekvensvifte, veileder M-1941). Virkningene er vurdert, ikke regnet i kroner, "
        "og legges ikke sammen.",
        style="Caption",
    )


def _partners(doc, result: Result, level: int) -> None:
    """What each municipality pays: its share and the period's figures, then per year (mill. kr)."""
    doc.add_heading("Fordeling mellom kommunene", level=level)
    for sentence in council.partner_sentences(result):
        _paragraph(doc, sentence)
    frame = council.partner_frame(result)
    header = ["Kommune", "Andel", *(f"{c} (mill. kr)" for c in frame.columns[2:])]
    body = [
        [row.iloc[0], fmt.percent(row.iloc[1])]
        + [fmt.change(v) if council.SAVING in c else fmt.level(v) for c, v in row.iloc[2:].items()]
        for _, row in frame.iterrows()
    ]
    _table(doc, header, body, bold_last=True)
    _paragraph(doc, council.partner_key_text(result), style="Caption")
    years = council.partner_years_frame(result)
    shown = years.columns[:PLAN_YEARS] if len(years.columns) > PLAN_YEARS + 1 else years.columns[:-1]
    columns = [*shown, years.columns[-1]]
    body = [
        [
            label,
            *(fmt.change(v) if f", {council.SAVING}:" in label else fmt.level(v) for v in years.loc[label, columns]),
        ]
        for label in years.index
    ]
    _paragraph(doc, f"Hva hver kommune betaler per år (mill. kr, {fmt.price_basis(result.scenario)})", style="Caption")
    _table(doc, ["Alternativ: kommune", *map(str, columns)], body)


def note_bytes(result: Result, changed: list[str] | None = None, skeleton: bool = False) -> bytes:
    buffer = BytesIO()
    build_note(result, changed, skeleton).save(buffer)
    return buffer.getvalue()


# --- the follow-up: «Økonomisk status per august» for a månedsrapport or tertialrapport ---------------------


def build_status_note(result: Result, figures, method: str = "model"):
    """«Økonomisk status per MONTH» (docs/method.md §19): the status in words with the forecast method named, a
    table per line (mill. kr) and the deviations explained; A4, bokmål, Word's built-in styles."""
    from costmodel.followup import report
    from costmodel.followup.status import METHODS

    s = result.scenario
    doc = Document()
    _setup(doc, s)
    doc.add_heading(f"Økonomisk status per {report.month_word(figures)}", level=1)
    decided = s.alternative(s.follow_up.alternative).name
    _paragraph(doc, f"Sak: {s.name}. Vedtatt alternativ: {decided}. Beløp i {fmt.price_basis(s)}.", style="Caption")
    baseline = s.alternative(s.baseline).name.lower() if s.baseline else None
    lead, forecast = report.status_text(figures, baseline, method)[:2]
    _paragraph(doc, lead)
    _paragraph(doc, forecast)
    data = figures.as_dict()
    header = [
        "Linje",
        "Budsjett",
        "Plan hittil",
        "Regnskap hittil",
        "Avvik hittil",
        *(f"Prognose ({report.METHOD_SHORT[m]})" for m in METHODS),
    ]
    rows = [
        [
            label,
            *(fmt.level(v[key]) for key in ("budget", "plan_to_date", "actual_to_date")),
            fmt.change(v["deviation_to_date"]),
            *(fmt.level(v["forecast"][m]) for m in METHODS),
        ]
        for label, v in [*zip(figures.labels, data["lines"].values()), (tables.SUM_LABEL, data["total"])]
    ]
    _paragraph(
        doc,
        f"Regnskap mot plan per {report.month_word(figures)} (mill. kr; summene er regnet før avrunding)",
        style="Caption",
    )
    _table(doc, header, rows, bold_last=True)
    _paragraph(
        doc,
        "Prognosemetodene: " + "; ".join(f"{report.METHOD_SHORT[m]}: {report.METHOD_NAMES[m]}" for m in METHODS) + ".",
        style="Caption",
    )
    doc.add_heading("Avvikene forklart", level=2)
    explained = report.deviation_sentences(figures, report.units(result, figures))
    _bullets(doc, explained or ["Ingen linje avviker fra planen."])
    unmapped = report.unmapped_sentence(figures)
    if unmapped:
        _paragraph(doc, unmapped)
    gains = report.gains_sentence(figures, baseline, report.shared_deviation(result, figures)) if baseline else None
    if gains:
        doc.add_heading("Gevinster", level=2)
        _paragraph(doc, gains)
    return doc


def status_note_bytes(result: Result, figures, method: str = "model") -> bytes:
    buffer = BytesIO()
    build_status_note(result, figures, method).save(buffer)
    return buffer.getvalue()
