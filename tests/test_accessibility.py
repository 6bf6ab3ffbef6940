"""Universell utforming in a real browser: axe-core (WCAG 2.0/2.1 A and AA rules) on every page and mode of the
app, with no serious or critical violation, the page's language Norwegian, and Streamlit's English names replaced.
Without Chromium or Node.js the checks are skipped with a reason, except under CI (CI=true), where that fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from browser_kit import CHROMIUM, browser_page, serve, settled  # noqa: E402

NODE = ROOT / "tests" / "node"
AXE = NODE / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))"""
# Violations that come from Streamlit itself and cannot be changed from the app: rule id → why. Keep it short.
KNOWN: dict[str, str] = {}
ENGLISH = ["Skip to main content", "Upload", "Main menu", "Browse files", "Drag and drop file here", "Sidebar",
           "file upload", "Open", "Link to heading"]  # fmt: skip


def unavailable(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail("under CI må tilgjengelighetstestene kjøre, men " + message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        unavailable("Chromium finnes ikke (apt-get install chromium)")
    if not AXE.exists():
        if not shutil.which("npm"):
            unavailable("Node.js finnes ikke (apt-get install nodejs npm)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE, check=True, capture_output=True)
    from costmodel.scenario import load_scenario, storage
    from costmodel.store import database, members, scenarios
    from costmodel.store.members import LOCAL, LOCAL_USER

    folder = tmp_path_factory.mktemp("tilgjengelighet")
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    db = database.connect(url)
    database.upgrade(db)
    members.ensure_local(db)
    land = load_scenario(ROOT / "budgets" / "land-2017.yaml")
    scenarios.save(db, LOCAL_USER, LOCAL, "Budsjett 2027", storage.serialise(land, "Budsjett 2027"), comment="utkast")
    with serve(env={"COSTMODEL_DATABASE_URL": url}) as address:
        yield address


def violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, less the known ones."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN, TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes'][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical") and v["id"] not in KNOWN
    ]


def opened(page, address: str) -> None:
    from playwright.sync_api import expect

    page.goto(address)
    expect(page.locator("[data-testid='stMain']")).to_be_visible(timeout=60_000)
    settled(page, 60_000)
    page.wait_for_timeout(500)


def check(page, where: str) -> None:
    settled(page, 60_000)
    page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.lang") == "nb", where
    assert violations(page) == [], where
    names = page.evaluate(
        """() => [...document.querySelectorAll('a, button, [aria-label], small, span')]
             .flatMap(e => [e.getAttribute('aria-label') || '', e.children.length ? '' : e.textContent])"""
    )
    assert not [n for n in names if n in ENGLISH], (where, [n for n in names if n in ENGLISH])


@pytest.mark.parametrize(
    ("where", "query", "tab"),
    [
        ("forsiden", "", None),
        ("usikkerhet", "?scenario=arendal-tiltaksteam.yaml", "Usikkerhet"),
        ("presentasjon", "?scenario=arendal-tiltaksteam.yaml&visning=presentasjon", None),
        ("virkninger og fordeling", "?scenario=land-2017.yaml", "Virkninger og fordeling"),
        ("tabell for to forutsetninger", "?scenario=egne-saksbehandlere-2025.yaml", "Tabell for to forutsetninger"),
        ("hovedbok", "", "Hovedbok"),
        ("oppfølging", "?scenario=land-2017-oppfolging.yaml", "Oppfølging"),
        ("versjoner", "?scenario=lagret:lokal/budsjett-2027", "Versjoner"),
        ("lenke som ikke finnes", "?scenario=delt:" + "0" * 32, None),
    ],
)
def test_every_page_meets_wcag_21_aa_by_axe(app, where, query, tab):
    with browser_page(1100) as page:
        opened(page, app + query)
        if tab:
            page.get_by_role("tab", name=tab).click()
        check(page, where)


def test_the_editor_the_guide_the_sharing_page_and_an_upload_error_meet_wcag_21_aa(app, tmp_path):
    bad = tmp_path / "feil.yaml"
    bad.write_text("name: Feil\nmonths: tolv\n", encoding="utf-8")
    with browser_page(1100) as page:
        opened(page, app)
        page.locator("input[type=file]").first.set_input_files(str(bad))
        page.get_by_text("kan ikke brukes").first.wait_for(timeout=30_000)
        check(page, "opplasting med feil")
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("Ny modell eller rediger").click()
        page.get_by_role("button", name="Ny modell").click()
        page.get_by_text("Utkast, ikke lagret ennå.").wait_for(timeout=30_000)
        check(page, "ny modell")
        opened(page, app)
        sidebar.get_by_text("Hjelp", exact=True).click()
        page.get_by_role("heading", name="Brukerveiledning").wait_for(timeout=30_000)
        page.get_by_role("heading", name="Tilgjengelighetserklæring").wait_for(timeout=30_000)
        check(page, "hjelp")
        opened(page, app)
        sidebar.get_by_text("Deling og tilgang", exact=True).click()
        page.get_by_role("heading", name="Deling og tilgang").wait_for(timeout=30_000)
        check(page, "deling og tilgang")


# --- the documents ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "budgets").glob("*.yaml")))
def test_the_deck_and_the_note_of_every_bundled_scenario_carry_language_title_and_structure(name):
    """PPTX: a unique title on every slide, alternative text on every picture, language nb-NO. DOCX: language,
    title, headings in order (no level skipped), tables with a marked header row."""
    import io

    from docx import Document
    from docx.oxml.ns import qn
    from pptx import Presentation

    from costmodel.engine import compute
    from costmodel.report.deck import deck_bytes
    from costmodel.report.note import note_bytes
    from costmodel.scenario import load_scenario

    result = compute(load_scenario(ROOT / "budgets" / name))
    deck = Presentation(io.BytesIO(deck_bytes(result)))
    assert deck.core_properties.language == "nb-NO" and deck.core_properties.title == result.scenario.name
    titles = [slide.shapes.title.text if slide.shapes.title is not None else "" for slide in deck.slides]
    assert all(titles) and len(set(titles)) == len(titles), titles
    for slide in deck.slides:
        assert slide.shapes[0].shape_id == slide.shapes.title.shape_id  # read first: the title, then the rest
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture
                assert shape._element.nvPicPr.cNvPr.get("descr", "").startswith("Diagram: "), slide.shapes.title.text
    note = Document(io.BytesIO(note_bytes(result, skeleton=True)))
    assert note.core_properties.language == "nb-NO" and note.core_properties.title == result.scenario.name
    pictures = note.element.body.xpath(".//wp:docPr")
    assert all(p.get("descr") for p in pictures)  # any picture says what it shows
    levels = [int(p.style.name.split()[-1]) for p in note.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    for table in note.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None


def _contrast(colour: str, against: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(against)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_chart_marks_its_series_in_colours_of_at_least_3_to_1():
    """WCAG 1.4.11: every colour a chart gives a series or a mark stands out 3:1 from the page (the two-way table's
    middle, «no difference», is meant to fade; its figures are in the table under it)."""
    import json
    import re

    from costmodel.engine import compute
    from costmodel.report import charts
    from costmodel.scenario import load_scenario

    result = compute(load_scenario(ROOT / "budgets" / "land-2017-kapasitet.yaml"))
    specs = [charts.annual_cost(result), charts.cumulative_cost(result), charts.fte_over_time(result)]
    specs += [charts.capacity_chart(result, a) for a in result.alternatives]
    colours = set()
    for spec in specs:
        colours |= set(re.findall(r"#[0-9a-fA-F]{6}", json.dumps(spec)))
    import inspect

    colours |= set(re.findall(r'"(#[0-9a-fA-F]{6})"', inspect.getsource(charts))) - {"#f7f7f7"}
    weak = {c: round(_contrast(c), 2) for c in colours if _contrast(c) < 3}
    assert weak == {}


def test_every_chart_writes_its_numbers_in_norwegian_and_names_nothing_in_english():
    """The charts as the deck and the downloads render them (vl-convert, the same Vega as the browser): axis labels
    with a decimal comma, and none of Vega's English ARIA names (WCAG 3.1.2)."""
    import re
    from xml.etree import ElementTree

    from costmodel.engine import compute
    from costmodel.report import charts
    from costmodel.scenario import load_scenario

    result = compute(load_scenario(ROOT / "budgets" / "land-2017-kapasitet.yaml"))
    specs = [charts.annual_cost(result), charts.cumulative_cost(result), charts.fte_over_time(result)]
    specs += [charts.capacity_chart(result, a) for a in result.alternatives]
    for spec in specs:
        svg = charts.to_svg(spec)
        labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert any(re.fullmatch(r"\d+,\d", label) for label in labels), labels  # 0,5 · 3,5 · 2,0
        assert not [label for label in labels if re.fullmatch(r"[\d\u00a0]+\.\d+", label)], labels  # not 3.5
        assert _heard(ElementTree.fromstring(svg)) == [], spec.get("title")


def _heard(node) -> list[str]:
    """The aria-labels in an SVG tree that a screen reader reads (outside every aria-hidden part)."""
    if node.get("aria-hidden") == "true":
        return []
    own = [node.get("aria-label")] if node.get("aria-label") else []
    return own + [label for child in node for label in _heard(child)]


FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const label = e.getAttribute('aria-label') || e.getAttribute('role') || e.tagName;
  const text = (e.innerText || e.value || '').slice(0, 60);
  return {visible: outlined, label, text,
          key: e.closest('[class*="st-key-"]')?.className.match(/st-key-[\\w-]+/)?.[0] || ''};
}"""


def tab_to(page, wanted, limit: int = 120) -> dict:
    """Press Tab until `wanted(focused)` holds, checking at every step that the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        page.wait_for_timeout(60)
        focused = page.evaluate(FOCUS)
        if focused is None:
            continue
        assert focused["visible"], f"usynlig fokus på {focused}"
        if wanted(focused):
            return focused
    raise AssertionError("nådde ikke målet med tastaturet")


def test_the_main_task_by_keyboard_alone_with_a_visible_focus_at_every_step(app, tmp_path):
    """Choose a scenario, move a what-if, read the answer, download the workbook, open the presentation mode: by
    keyboard alone, the focus visible at every step (WCAG 2.1.1, 2.4.7)."""
    from playwright.sync_api import expect

    with browser_page(1100, accept_downloads=True) as page:
        opened(page, app)
        tab_to(page, lambda f: f["key"] == "st-key-source")
        page.keyboard.type("arendal")
        page.keyboard.press("Enter")
        title = page.locator("[data-testid='stMain'] h1").first
        expect(title).to_have_text("Arendal barnevernstjeneste – tiltaksteam 2019–2023", timeout=60_000)
        settled(page)
        figure = page.locator(".st-key-figures-tiltaksteam [data-testid='stMetric']").first
        before = figure.inner_text()
        tab_to(page, lambda f: f["key"] == "st-key-drv-tiltaksteam-team-fte" and f["label"] == "Årsverk")
        page.keyboard.press("ArrowRight")
        expect(figure).not_to_have_text(before, timeout=30_000)  # the answer, read where it stands
        settled(page)
        tab_to(page, lambda f: "Last ned regneark" in f["text"])
        with page.expect_download(timeout=60_000) as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.endswith(".xlsx")
        tab_to(page, lambda f: f["key"] == "st-key-presentation" and f["label"] == "Presentasjonsmodus")
        page.keyboard.press("Space")
        expect(page).to_have_url(__import__("re").compile("visning=presentasjon"), timeout=30_000)


REFLOW = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const cut = [...document.querySelectorAll('[data-testid=stMetricValue], [data-testid=stMetricLabel], h1, h2, h3, p')]
    .filter(e => e.offsetParent !== null && !e.closest('[data-testid=stDataFrame], table, [data-testid=stSidebar]'))
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 60));
  return {wide: main.scrollWidth - main.clientWidth, cut};
}"""


@pytest.mark.parametrize(("width", "zoom"), [(320, 1), (640, 2)])
def test_at_320_px_and_at_200_percent_nothing_is_cut_off_and_text_needs_no_sideways_scrolling(app, width, zoom):
    """WCAG 1.4.4 and 1.4.10: the page reflows in a 320 px wide window, and at 200 % zoom of a 1 280 px window
    (640 CSS pixels at twice the density, as the browser zooms); tables may scroll."""
    with browser_page(900, viewport={"width": width, "height": 900}, device_scale_factor=zoom) as page:
        page.goto(app + "?scenario=land-2017.yaml")
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=60_000)
        settled(page)
        page.wait_for_timeout(800)
        found = page.evaluate(REFLOW)
        assert found["wide"] <= 1 and found["cut"] == [], found


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "budgets").glob("*.yaml")))
def test_the_workbook_names_its_inputs_in_words_and_carries_its_title_and_language(name):
    """WCAG 1.4.1 in the workbook: every yellow input cell also carries the note «Inndata»; the file has the case's
    title and Norwegian as its language, and every sheet a name and a title in A1."""
    import io

    import openpyxl

    from costmodel.engine import compute
    from costmodel.scenario import load_scenario
    from costmodel.workbook.cells import INPUT
    from costmodel.workbook.export import export_bytes

    result = compute(load_scenario(ROOT / "budgets" / name))
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(result)))
    assert (book.properties.title, book.properties.language) == (result.scenario.name, "nb-NO")
    inputs = 0
    titled = {ws.title for ws in book.worksheets if any(n.startswith("ColumnTitle") for n in ws.defined_names)}
    assert {"Forutsetninger", "Beregning", "Hovedbok", "Kontroll"} <= titled  # column titles marked for a reader
    for ws in book.worksheets:
        assert ws.title and ws["A1"].value, ws.title
        noted = {str(c) for dv in ws.data_validations.dataValidation if dv.promptTitle == "Inndata" for c in dv.sqref}
        for row in ws.iter_rows():
            for cell in row:
                if cell.fill.fgColor.rgb == "00" + INPUT.fgColor.rgb[-6:] or cell.fill == INPUT:
                    inputs += 1
                    assert any(cell.coordinate in ranges.split() or cell.coordinate == ranges for ranges in noted), (
                        ws.title,
                        cell.coordinate,
                    )
    assert inputs > 20


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "budgets").glob("*.yaml")))
def test_the_pdf_of_the_saksframlegg_is_tagged_with_language_and_title(name):
    """PDF/UA from LibreOffice's export: a structure tree, marked content, the language nb-NO, the case's title and
    the PDF/UA identifier."""
    from costmodel.engine import compute
    from costmodel.report.files import note_pdf_file
    from costmodel.report.pdf import office
    from costmodel.scenario import load_scenario

    if office() is None or not shutil.which("pdfinfo"):
        unavailable(
            "LibreOffice Writer eller pdfinfo finnes ikke (apt-get install libreoffice-writer-nogui poppler-utils)"
        )
    scenario = load_scenario(ROOT / "budgets" / name)
    data = note_pdf_file(scenario, [], True)
    assert b"/StructTreeRoot" in data and b"/Lang(nb-NO)" in data and b"pdfuaid:part" in data
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "Tagged:          yes" in info and f"Title:           {compute(scenario).scenario.name}" in info


def test_a_switch_that_is_off_stands_out_3_to_1_from_the_sidebar(app):
    """WCAG 1.4.11 for a control: the track of «Hjelp» (off) against the sidebar, and its knob against the track."""
    with browser_page(1100) as page:
        opened(page, app)
        colours = page.evaluate(
            """() => {
              const track = document.querySelector('.st-key-help label > div');
              const rgb = (c) => c.match(/\\d+/g).slice(0, 3).map(Number);
              return [track, track.firstElementChild, document.querySelector('[data-testid=stSidebar]')]
                .map(e => rgb(getComputedStyle(e).backgroundColor));
            }"""
        )
    track, knob, sidebar = ("#" + "".join(f"{v:02x}" for v in c) for c in colours)
    assert _contrast(track, sidebar) >= 3 and _contrast(knob, track) >= 3, (track, knob, sidebar)


CHART_NAMES = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart], [data-testid=stVegaLiteChart] *')]
  .filter(e => e.hasAttribute('aria-label') && !e.closest('[aria-hidden=true]'))
  .map(e => e.getAttribute('aria-label'))"""


def test_a_chart_is_one_image_named_in_norwegian_with_norwegian_figures_in_its_tooltip(app):
    """WCAG 1.1.1 and 3.1.2: a screen reader hears each chart by the Norwegian name the app gives it (its figures are
    in the table under it), not Vega's English names for axes, legends and marks («X-axis for a discrete scale»,
    «mill: 0.308333333333»); a tooltip writes an amount the Norwegian way (3 700 000, not 3,700,000)."""
    with browser_page(1100) as page:
        opened(page, app)
        charts = page.locator("[data-testid='stVegaLiteChart']")
        charts.nth(1).locator("svg").wait_for(timeout=30_000)
        assert page.evaluate(CHART_NAMES) == [
            "Diagram: Kostnad per år. Tallene står i tabellen under diagrammet.",
            "Diagram: Akkumulert kostnad. Tallene står i tabellen under diagrammet.",
        ]
        box = charts.nth(0).locator("svg").bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.45)  # the first year's bars
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=10_000)
        assert "3\u00a0700\u00a0000" in tooltip.inner_text() or "3\u00a0600\u00a0000" in tooltip.inner_text()
