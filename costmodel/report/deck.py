"""The presentation for the council (`costmodel deck`, «Last ned presentasjon»): 16:9 slides with python-pptx.

One slide per question the council asks, each from the same functions the app uses (narrative.py,
council.py, charts.py, tables.py), so the deck shows what the page shows, what-if included. Charts are
PNG at print resolution; tables are native PowerPoint tables in Norwegian number format; each slide's
speaker notes say how its figures were computed («Slik er tallene regnet ut»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from costmodel import formatting as fmt
from costmodel.engine import Result, views
from costmodel.engine import effects as fx
from costmodel.report import charts, council, glossary, narrative, tables
from costmodel.report.properties import APPLICATION, set_app_properties

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 13,333 × 7,5 in: 16:9 exactly
MARGIN = Inches(0.5)
SAVING_HEADER = "Merkostnad/innsparing"  # the tornado's differences in the council's word
INK = RGBColor(0x1F, 0x29, 0x37)
MUTED = RGBColor(0x55, 0x5F, 0x6D)
HEAD = RGBColor(0xDD, 0xEB, 0xF7)
CHART_DPI_SCALE = 3.0  # vl-convert scale: about 300 dpi at the size the chart is placed
SMALLEST = 18  # pt: nothing on a slide is smaller, so the back row of the council chamber can read it


@dataclass
class Box:
    """A place on the slide, in inches from the top left."""

    left: float
    top: float
    width: float
    height: float

    def emu(self) -> tuple[Emu, Emu, Emu, Emu]:
        return Inches(self.left), Inches(self.top), Inches(self.width), Inches(self.height)


BODY = Box(0.5, 1.35, 12.33, 5.7)


def norwegian_date(day: date) -> str:
    return f"{day.day}. {fmt.MONTHS[day.month - 1]} {day.year}"


def _text(
    slide,
    box: Box,
    paragraphs: list[str],
    size: int = 20,
    bold: bool = False,
    colour=INK,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
):
    return _fill(slide.shapes.add_textbox(*box.emu()), paragraphs, size, bold, colour, align, anchor)


def _title(slide, box: Box, text: str, size: int, anchor=MSO_ANCHOR.TOP):
    """The slide's title in its title placeholder, which a screen reader announces and the outline lists, placed
    and set as the text boxes are."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = box.emu()
    shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE
    return _fill(shape, [text], size, True, INK, PP_ALIGN.LEFT, anchor)


def _fill(shape, paragraphs: list[str], size: int, bold: bool, colour, align, anchor):
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for k, text in enumerate(paragraphs):
        p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        p.alignment = align
        p.space_after = Pt(size * 0.4)
        run = p.add_run()
        run.text = fmt.unbroken(text)  # no number breaks from its digits or its unit
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    return shape


TITLE_ONLY = 5  # the template's «Title Only» layout: every slide's title is a real title
NOTES = "Slik er tallene regnet ut"  # the heading of every slide's speaker notes but the title slide's


def _slide(prs, title: str, notes: list[str]):
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, Box(0.5, 0.35, 12.33, 0.9), title, size=30)
    slide.notes_slide.notes_text_frame.text = f"{NOTES}\n" + "\n".join(notes)
    return slide


def _png(spec: dict, width: int, height: int, font: int = 18) -> bytes:
    """A chart at a fixed size (pixels at scale 1), rendered at print resolution, its text `font` pixels high."""
    sized = charts.readable(spec, font)
    sized["width"], sized["height"] = width, height
    config = sized["config"]
    config["font"] = "DejaVu Sans"
    config["axis"]["labelLimit"] = 900
    # a number that would collide with its neighbour is left out, never overprinted; a name is never left out
    config["axisQuantitative"] = {**config.get("axisQuantitative", {}), "labelOverlap": "greedy", "labelSeparation": 6}
    return charts.to_png(sized, scale=CHART_DPI_SCALE)


def _chart(slide, spec: dict, width: int, height: int, box: Box, alt: str):
    """The chart placed as large as fits the box, its text at least SMALLEST points there: rendered, measured
    against the room it gets, and rendered again with larger text until it is. `alt` says in words what it shows
    (the picture's alternative text, WCAG 1.1.1)."""
    from PIL import Image

    font = SMALLEST
    for _ in range(4):
        png = _png(spec, width, height, font)
        pixels_w, pixels_h = (n / CHART_DPI_SCALE for n in Image.open(BytesIO(png)).size)
        points_per_pixel = 72 * min(box.width / pixels_w, box.height / pixels_h)
        if font * points_per_pixel >= SMALLEST - 0.05:
            break
        font = int(SMALLEST / points_per_pixel) + 1
    picture = _picture(slide, png, box)
    picture._element.nvPicPr.cNvPr.set("descr", alt)
    return picture


def _picture(slide, png: bytes, box: Box):
    """The picture as large as fits the box, keeping its shape, centred across the box."""
    from PIL import Image

    width, height = Image.open(BytesIO(png)).size
    scale = min(box.width / width, box.height / height)
    left = box.left + (box.width - width * scale) / 2
    return slide.shapes.add_picture(
        BytesIO(png), Inches(left), Inches(box.top), Inches(width * scale), Inches(height * scale)
    )


def _table(
    slide,
    header: list[str],
    rows: list[list[str]],
    box: Box,
    first_width: float,
    size: int = 14,
    fills: dict | None = None,
):
    """A native table: the first column left-aligned (labels), the rest right-aligned (figures)."""
    shape = slide.shapes.add_table(len(rows) + 1, len(header), *box.emu())
    table = shape.table
    rest = (box.width - first_width) / max(1, len(header) - 1)
    table.columns[0].width = Inches(first_width)
    for c in range(1, len(header)):
        table.columns[c].width = Inches(rest)
    row_height = Inches(min(0.5, box.height / (len(rows) + 1)))
    for r in range(len(rows) + 1):
        table.rows[r].height = row_height
    for r, cells in enumerate([header, *rows]):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = fmt.unbroken(text).replace("/", "/\u200b") if r == 0 else fmt.unbroken(text)
            cell.margin_top = cell.margin_bottom = Pt(2)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            p = cell.text_frame.paragraphs[0]
            p.alignment = PP_ALIGN.LEFT if c == 0 else (PP_ALIGN.CENTER if fills else PP_ALIGN.RIGHT)
            for run in p.runs:
                run.font.size = Pt(size)
                run.font.bold = r == 0 or (r == len(rows) and cells[0] == tables.SUM_LABEL)
                run.font.color.rgb = INK
            cell.fill.solid()
            cell.fill.fore_color.rgb = HEAD if r == 0 else RGBColor(0xFF, 0xFF, 0xFF)
            if fills and (r, c) in fills:
                colour, white = fills[(r, c)]
                cell.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
                for run in p.runs:
                    run.font.bold = True
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if white else INK
    return shape


def _span(result: Result) -> str:
    return narrative.span_text(result.years)


# --- the slides ---------------------------------------------------------------------------------------------


def _title_slide(prs, result: Result, today: date) -> None:
    s = result.scenario
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    title = re.sub(r"(\d)–(\d)", "\\1–\u2060\\2", s.name)  # «2019–2023» stays on one line …
    title = "\u00a0".join(title.rsplit(" ", 1))  # … and with the word before it
    _title(slide, Box(0.8, 1.6, 11.7, 2.4), title, size=40, anchor=MSO_ANCHOR.BOTTOM)
    lines = [s.municipality or "", norwegian_date(today), f"Beløp i {fmt.price_basis(s)}"]
    _text(slide, Box(0.8, 4.2, 11.7, 1.6), [line for line in lines if line], size=22, colour=MUTED)
    sources = " og kildene på lysbildet «Kilder»" if s.sources else ""
    slide.notes_slide.notes_text_frame.text = (
        f"Om presentasjonen\nAlle tall er regnet av kostnadsmodellen fra saken «{s.name}» "
        f"{norwegian_date(today)}. Forutsetningene står på lysbildet «Forutsetninger»{sources}. Beløpene er "
        "avrundet til nærmeste 100 000 kr, så en sum kan avvike litt fra summen av de avrundede tallene."
    )


def _conclusion_slide(prs, result: Result, analysis=None) -> None:
    s = result.scenario
    summary = views.summary(result)
    span = _span(result)
    notes = [line for alt in summary["comparison"] for line in narrative.figure_notes(result, alt)]
    slide = _slide(prs, "Konklusjon", notes + [glossary.present_value(s), glossary.break_even()])
    sentences = narrative.comparison_sentences(result, analysis.summary if analysis else None)
    compared = list(summary["comparison"].items())[:2]
    room = 3.3 if len(compared) == 1 else 2.0  # one alternative leaves room for a longer conclusion
    size = 20 if sum(len(t) for t in sentences) < 260 * room / 2 else 18
    _text(slide, Box(0.5, 1.3, 12.33, room), sentences, size=size)
    for n, (alt, c) in enumerate(compared):
        top = 1.6 + room + n * 1.75
        name = summary["alternatives"][alt]["name"]
        _text(
            slide,
            Box(0.5, top, 12.33, 0.4),
            [f"{name} mot {s.alternative(s.baseline).name.lower()}"],
            size=SMALLEST,
            bold=True,
            colour=MUTED,
        )
        diff, pv, month = c["total_difference"], c["present_value_difference"], c["break_even_month"]
        figures = [
            (f"{'Billigere' if diff < 0 else 'Dyrere'} i {span}", fmt.mill(abs(diff))),
            (f"{'Billigere' if pv < 0 else 'Dyrere'} i nåverdi", fmt.mill(abs(pv))),
            ("Lønner seg fra", fmt.month_short(month) if month else "ikke i perioden"),
        ]
        for k, (label, value) in enumerate(figures):
            box = Box(0.5 + k * 4.15, top + 0.45, 3.95, 1.2)
            _text(slide, Box(box.left, box.top, box.width, 0.4), [label], size=SMALLEST, colour=MUTED)
            _text(slide, Box(box.left, box.top + 0.4, box.width, 0.8), [value], size=32, bold=True)
        if analysis is not None:  # how sure, under the figure it qualifies (docs/method.md §12)
            p = analysis.summary["comparison"][alt]["probability_cheaper"]
            sure = f"i {narrative.draws(p if diff < 0 else 1 - p)}"  # the box says which way; this, how often
            _text(slide, Box(0.5, top + 1.47, 3.95, 0.45), [sure], size=SMALLEST, colour=MUTED)


def _budget_conclusion_slide(prs, result: Result) -> None:
    """Without a nullalternativ (a budget on its own): what each alternative costs, in a sentence and three figures."""
    s = result.scenario
    summary = views.summary(result)
    span, first = _span(result), str(result.years[0])
    notes = [line for alt in result.alternatives for line in narrative.figure_notes(result, alt)]
    slide = _slide(prs, "Konklusjon", [*notes, glossary.present_value(s)])
    sentences = [
        f"{summary['alternatives'][alt]['name']} koster {fmt.mill(summary['alternatives'][alt]['total'])} i {span} "
        f"({fmt.price_basis(s)})."
        for alt in result.alternatives
    ]
    _text(slide, Box(0.5, 1.3, 12.33, 2.0), sentences, size=20)
    for n, alt in enumerate(result.alternatives[:2]):
        figures = summary["alternatives"][alt]
        top = 3.6 + n * 1.75
        _text(slide, Box(0.5, top, 12.33, 0.4), [figures["name"]], size=SMALLEST, bold=True, colour=MUTED)
        shown = [(f"Kostnad {first}", fmt.mill(figures["annual"][first]))]
        if len(result.years) > 1:  # one year: its cost is the period's sum and its present value, shown once
            shown.append((f"Sum {span}", fmt.mill(figures["total"])))
            shown.append(("Nåverdi", fmt.mill(figures["present_value"])))
        for k, (label, value) in enumerate(shown):
            box = Box(0.5 + k * 4.15, top + 0.45, 3.95, 1.2)
            _text(slide, Box(box.left, box.top, box.width, 0.4), [label], size=SMALLEST, colour=MUTED)
            _text(slide, Box(box.left, box.top + 0.4, box.width, 0.8), [value], size=32, bold=True)


def _untitled(spec: dict) -> dict:
    """The chart without its titles (its own and its layers'): the slide says what the chart is, and a title wider
    than the plot would shrink it."""
    out = {k: v for k, v in spec.items() if k != "title"}
    if "layer" in out:
        out["layer"] = [_untitled(layer) for layer in out["layer"]]
    return out


def _chart_slide(prs, title: str, spec: dict, notes: list[str], caption: str | None = None) -> None:
    slide = _slide(prs, title, notes)
    alt = f"Diagram: {title}." + (f" {notes[0]}" if notes else "")
    _chart(slide, _untitled(spec), 760, 330, Box(0.9, 1.35, 11.5, 5.2), alt)
    if caption:
        _text(slide, Box(0.5, 6.65, 12.33, 0.6), [caption], size=SMALLEST, colour=MUTED)


def _budget_slide(prs, result: Result, alternative: str) -> None:
    """The change table at 18 pt, over as many slides as its rows need; the base of the first year under it."""
    s = result.scenario
    frames = tables.budget_frames(result, alternative)
    changes = frames["changes"]
    years = [str(y) for y in changes.columns]
    rows = [[label, *(fmt.change(v) for v in values)] for label, values in zip(changes.index, changes.to_numpy())]
    name = s.alternative(alternative).name
    notes = [
        "Hver rad viser hvor mye budsjettposten endres fra året før: det året koster, minus det året før kostet. "
        f"For {result.years[0]} er det endringen fra budsjettet for {result.years[0] - 1}.",
        f"Beløp i mill. kr, {fmt.price_basis(s)}; «–» betyr ingen endring, og 0,0 en endring under 50 000 kr. "
        "Summen er regnet av de uavrundede beløpene, så den kan avvike litt fra summen av tallene i tabellen.",
    ]
    label_width = 12.33 - 1.2 * len(years)  # a year's column holds «−10,5» at 18 pt; the labels get the rest
    base_lines = -(-len(" ".join(tables.change_base(result, alternative, council=True))) // 100) + 1
    pages = _pages(rows, label_width, room=5.1 - 0.35 * base_lines)  # room for the base under the last page
    for k, page in enumerate(pages):
        more = " (forts.)" if k else ""
        joint = " – " if ":" in name else ": "  # never «Budsjettendringer: Hovedprosjekt: RO»
        slide = _slide(prs, f"Budsjettendringer{joint}{name}{more}", notes)
        height = _rows_height(page, label_width) + ROW
        _table(
            slide,
            ["Endring mot forrige år (mill. kr)", *years],
            page,
            Box(0.5, 1.4, 12.33, height),
            label_width,
            SMALLEST,
        )
        if k == len(pages) - 1:
            base = " ".join(tables.change_base(result, alternative, council=True))
            _text(
                slide,
                Box(0.5, 1.6 + height, 12.33, 7.0 - 1.6 - height),
                [f"Mill. kr, {fmt.price_basis(s)}; summen er regnet før avrunding. {base}"],
                size=SMALLEST,
                colour=MUTED,
            )


ROW = 0.45  # inches: one line of a table row at 18 pt with its margins


def _row_lines(label: str, width: float) -> int:
    """Lines a label takes in a first column `width` inches wide at 18 pt (a wide glyph: 0,55 em)."""
    per_line = max(1, int(width * 72 / (0.55 * SMALLEST)))
    return max(1, -(-len(label) // per_line))


def _rows_height(rows: list[list[str]], width: float) -> float:
    return sum(ROW + 0.3 * (_row_lines(r[0], width) - 1) for r in rows)


def _pages(rows: list[list[str]], width: float, room: float) -> list[list[list[str]]]:
    """Rows split into pages of at most `room` inches each (header excluded), in order; a sum row never stands
    alone on a page (the row before it goes with it)."""
    pages: list[list[list[str]]] = [[]]
    for row in rows:
        if pages[-1] and _rows_height([*pages[-1], row], width) > room:
            pages.append([])
        pages[-1].append(row)
    if len(pages) > 1 and len(pages[-1]) == 1 and pages[-1][0][0] == tables.SUM_LABEL:
        pages[-1].insert(0, pages[-2].pop())
    return pages


def _capacity_slide(prs, result: Result) -> None:
    alternative = next(iter(council.compared(result)), result.alternatives[0])
    sentences = [narrative.capacity_sentence(result, alt) for alt in result.alternatives]
    unmet = [t for t in (narrative.unmet_sentence(result, alt) for alt in result.alternatives) if t]
    notes = [
        "Effektive årsverk er arbeidet som faktisk blir gjort: egne stillinger regnes fratrukket vakanse og "
        "sykefravær, mens innleie og kjøpte timer teller fullt.",
        "Det som mangler opp mot behovet, kjøpes som innleie til dekning, og koster som innleie.",
        *sentences,
    ]
    slide = _slide(prs, "Kapasitet: behov og dekning", notes)
    _text(slide, Box(0.5, 1.3, 12.33, 2.35), sentences[:2] + unmet[:1], size=SMALLEST)
    alt = "Diagram: effektive årsverk per år mot behovet, egne og innleide. " + " ".join(sentences[:2])
    _chart(slide, charts.capacity_chart(result, alternative), 760, 250, Box(1.2, 3.7, 10.9, 3.5), alt)


def _uncertainty_slides(prs, result: Result, analysis) -> None:
    from costmodel.engine import sensitivity

    s = result.scenario
    alternative = next(iter(analysis.tornados))
    base, bars = analysis.tornados[alternative]
    sentence = narrative.uncertainty_sentence(s, analysis.summary, alternative, bars, *analysis.flips[alternative])
    notes = narrative.uncertainty_notes(s, analysis.summary, result)
    slide = _slide(prs, "Hvor sikkert er svaret?", notes)
    _text(slide, Box(0.5, 1.3, 12.33, 1.5), [sentence], size=18)
    what = "Kostnad per år. Linje: den midterste simuleringen. Bånd: 8 av 10 simuleringer."
    _text(slide, Box(0.5, 2.85, 12.33, 0.45), [what], size=SMALLEST, colour=MUTED)
    fan = _untitled(charts.fan_chart(s, analysis.summary))
    _chart(slide, fan, 700, 260, Box(0.9, 3.35, 11.5, 3.6), f"Diagram: {what} {sentence}")
    values = sensitivity.tornado_values(s)
    said = narrative.tornado_sentences(result, alternative, bars)  # in the table's order: largest effect first
    lead = (
        "Hver rad viser hvor mye forskjellen i nåverdi mot nullalternativet flytter seg når én forutsetning settes "
        "lav eller høy og alle andre står på mest sannsynlig verdi; den som betyr mest, står først."
    )
    # The tornado as a table: at 18 pt a chart's long names leave its bars no room, a table reads from the back row.
    header = ["Forutsetning", "Lav verdi", SAVING_HEADER, "Høy verdi", SAVING_HEADER]
    rows = [
        [values[b.driver][2], values[b.driver][0], fmt.change(b.low), values[b.driver][1], fmt.change(b.high)]
        for b in bars
    ]
    name = s.alternative(alternative).name
    caption = (
        f"Forskjell i nåverdi mot nullalternativet (mill. kr, {fmt.present_value_basis(s)}) når én forutsetning "
        f"settes lav eller høy og resten står på mest sannsynlig verdi; minus: «{name}» er billigere. Med alle på "
        f"mest sannsynlig verdi: {fmt.change(base)}."
    )
    pages = _pages(rows, 4.6, room=3.9)
    first = 0
    for k, page in enumerate(pages):
        notes = [lead if not k else "Tabellen fortsetter fra forrige lysbilde.", *said[first : first + len(page)]]
        first += len(page)
        slide = _slide(prs, "Hvilken forutsetning betyr mest?" + (" (forts.)" if k else ""), notes)
        height = _rows_height(page, 4.6) + ROW + 0.3  # the header's «Merkostnad/ innsparing» takes two lines
        _table(slide, header, page, Box(0.5, 1.4, 12.33, height), 4.6, SMALLEST)
        _text(slide, Box(0.5, 1.5 + height, 12.33, 7.2 - 1.5 - height), [caption], size=SMALLEST, colour=MUTED)


def _effects_slide(prs, result: Result) -> None:
    frame = council.effects_frame(result)
    steps = council.effects_steps(result)
    alternatives = [c for c in frame.columns if c not in ("Virkning", "Betydning", "Begrunnelse")]
    header = ["Virkning", "Betydning", *alternatives]
    rows = [[row["Virkning"], row["Betydning"], *(row[a] for a in alternatives)] for _, row in frame.iterrows()]
    fills = {
        (r + 1, 2 + k): (council.COLOURS[int(steps.iloc[r][a])], int(steps.iloc[r][a]) in council.DARK)
        for r in range(len(rows))
        for k, a in enumerate(alternatives)
    }
    notes = [
        "Hver rute viser konsekvensen mot nullalternativet: hvor viktig virkningen er (betydning) sammen med hvor mye "
        "alternativet endrer den (omfang), etter Miljødirektoratets konsekvensvifte (veileder M-1941).",
        "Virkningene er vurdert, ikke regnet i kroner, og legges ikke sammen.",
        *(f"{row['Virkning']}: {row['Begrunnelse']}" for _, row in frame.iterrows() if row["Begrunnelse"]),
    ]
    sentence = council.effects_sentence(result)
    width = 6.3 if len(alternatives) <= 2 else 5.0
    pages = _pages(rows, width, room=3.3)
    first = 0
    for k, page in enumerate(pages):
        slide = _slide(prs, "Ikke-prissatte virkninger" + (" (forts.)" if k else ""), notes)
        top = 1.3
        if k == 0 and sentence:
            _text(slide, Box(0.5, 1.3, 12.33, 1.3), [sentence], size=SMALLEST)
            top = 2.7
        shifted = {(r - first, c): v for (r, c), v in fills.items() if first < r <= first + len(page)}
        height = _rows_height(page, width) + ROW
        _table(slide, header, page, Box(0.5, top, 12.33, height), width, SMALLEST, fills=shifted or None)
        first += len(page)
        if k == len(pages) - 1:
            scale = "Skala −−−− … 0 … ++++ mot nullalternativet; vurdert, ikke regnet i kroner."
            _text(slide, Box(0.5, top + height + 0.1, 12.33, 0.6), [scale], size=SMALLEST, colour=MUTED)


def _partner_slide(prs, result: Result) -> None:
    notes = [
        "Hver budsjettpost fordeles etter fordelingsnøkkelen, eller betales helt av kommunen den er merket med; "
        "kommunenes beløp summerer til alternativets.",
        council.partner_key_text(result),
    ]
    slide = _slide(prs, "Hva betyr det for hver kommune?", notes)
    sentences = council.partner_sentences(result)
    _text(slide, Box(0.5, 1.3, 12.33, 1.6), sentences, size=SMALLEST)
    alt = "Diagram: hva hver kommune betaler per år i hvert alternativ. " + " ".join(sentences)
    _chart(slide, charts.partner_cost(result), 430, 280, Box(0.5, 3.0, 6.2, 4.0), alt)
    frame = council.partner_frame(result)
    saving = [c for c in frame.columns if c.endswith(f": {council.SAVING}")]
    header = ["Kommune", *(f"{c} (mill. kr)" for c in saving)]  # the council's word over the signed figures
    rows = [[str(row["Kommune"]), *(fmt.change(row[c]) for c in saving)] for _, row in frame.iterrows()]
    height = ROW * (len(rows) + 2)
    _table(slide, header, rows, Box(6.9, 3.0, 5.93, height), 2.2, SMALLEST)
    key = council.partner_key_text(result)
    _text(slide, Box(6.9, 3.1 + height, 5.93, 7.3 - 3.1 - height), [key], size=SMALLEST, colour=MUTED)


def _assumptions_slide(prs, result: Result, changed: list[str]) -> None:
    lines = council.assumption_lines(result, changed)
    bullets = [f"• {line}" for line in lines]
    per_line = int(BODY.width * 72 / (0.55 * SMALLEST))
    pages: list[list[str]] = [[]]
    for line in bullets:  # as many slides as the lines need at 18 pt
        used = sum(-(-len(b) // per_line) for b in pages[-1]) * 1.2 + 0.4 * len(pages[-1])
        if pages[-1] and used + -(-len(line) // per_line) * 1.2 + 0.4 > BODY.height * 72 / SMALLEST:
            pages.append([])
        pages[-1].append(line)
    for k, page in enumerate(pages):
        title = "Forutsetninger" + (" (forts.)" if k else "")
        notes = [
            "Dette er grunnlaget tallene er regnet på. Der en forutsetning er usikker, står intervallet som er prøvd "
            "i beregningen av usikkerhet; tallene på de andre bildene bruker verdien foran intervallet."
        ]
        slide = _slide(prs, title, notes)
        _text(slide, BODY, page, size=SMALLEST)


def build_deck(result: Result, changed: list[str] | None = None, today: date | None = None) -> Presentation:
    """The deck for the scenario as computed (the what-if on screen, described by `changed`)."""
    s = result.scenario
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, result, today or date.today())
    analysis = None
    if s.ranges and s.baseline:  # the conclusion carries how sure it is (docs/method.md §12)
        from costmodel.engine import sensitivity

        analysis = sensitivity.analyse(s)
    if s.baseline:
        _conclusion_slide(prs, result, analysis)
    else:
        _budget_conclusion_slide(prs, result)
    _chart_slide(
        prs,
        "Kostnad per år",
        charts.annual_cost(result),
        [narrative.figure_notes(result, a)[0] for a in result.alternatives],
        f"Beløp i {fmt.price_basis(s)}.",
    )
    if s.baseline:
        _chart_slide(
            prs,
            "Akkumulert kostnad og når det lønner seg",
            charts.cumulative_cost(result),
            [glossary.break_even()],
            f"Akkumulert fra {fmt.month_name(s.start)}, {fmt.price_basis(s)}.",
        )
    for alt in council.compared(result) or result.alternatives[:1]:
        _budget_slide(prs, result, alt)
    if result.need is not None:
        _capacity_slide(prs, result)
    if analysis is not None:
        _uncertainty_slides(prs, result, analysis)
    if fx.table(result):
        _effects_slide(prs, result)
    if s.partners and s.baseline:
        _partner_slide(prs, result)
    _assumptions_slide(prs, result, changed or [])
    if s.sources:
        _list_slide(prs, "Kilder", [council.source_text(source) for source in s.sources], numbered=False)
    if s.council is not None and s.council.proposal:
        _list_slide(prs, "Forslag til vedtak", list(s.council.proposal), numbered=True)
    _number_slides(prs)
    _properties(prs, s, today or date.today())
    return prs


def _list_slide(prs, title: str, items: list[str], numbered: bool) -> None:
    """A slide of text as the scenario gives it: the sources, or the proposal's numbered points."""
    slide = _slide(prs, title, ["Teksten står slik saksbehandleren har skrevet den i saken."])
    lines = [f"{k}. {item}" if numbered else item for k, item in enumerate(items, start=1)]
    size = 20 if sum(len(line) for line in lines) < 700 else 18
    _text(slide, Box(0.5, 1.4, 12.33, 5.7), lines, size=size)


def _number_slides(prs) -> None:
    """A slide number at the foot of every slide but the title slide, so the council can say «side 4»."""
    for k, slide in enumerate(prs.slides, start=1):
        if k > 1:
            _text(slide, Box(11.53, 6.95, 1.3, 0.5), [str(k)], size=SMALLEST, colour=MUTED, align=PP_ALIGN.RIGHT)


def _properties(prs, s, today: date) -> None:
    """The deck's own properties: the scenario as title, the municipality as author, bokmål, today's date."""
    properties = prs.core_properties
    properties.title = s.name
    author = s.municipality or APPLICATION
    properties.author = properties.last_modified_by = author
    properties.subject = "Kjøpe eller bygge selv: økonomiske konsekvenser"
    properties.comments = properties.keywords = properties.category = ""
    properties.language = "nb-NO"
    moment = datetime(today.year, today.month, today.day)
    properties.created = properties.modified = moment
    properties.revision = 1
    set_app_properties(prs.part.package, PresentationFormat="Widescreen", Slides=len(prs.slides), Company=author)
    for slide in prs.slides:  # every run in bokmål, so spelling is checked as Norwegian
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        run.font._rPr.set("lang", "nb-NO")


def to_bytes(prs: Presentation) -> bytes:
    buffer = BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def deck_bytes(result: Result, changed: list[str] | None = None, today: date | None = None) -> bytes:
    return to_bytes(build_deck(result, changed, today))
