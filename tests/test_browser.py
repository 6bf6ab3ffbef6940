"""The app in a real browser: Debian's headless Chromium driven by Playwright.

Starts `streamlit run`, loads the Land scenario, moves a slider with the keyboard, waits for the
re-render and checks the new key figure against the engine, that no exception box is shown,
and saves a screenshot in artifacts/. Without Chromium the test is skipped with a clear reason,
except under CI, where that is a failure.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from costmodel import formatting as fmt
from costmodel.engine import compute, views, whatif
from costmodel.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from browser_kit import CHROMIUM, browser_page, grid_cell, grid_toggle, serve, settled  # noqa: E402
from helpers import team_case  # noqa: E402

ARTIFACTS = ROOT / "artifacts"


GUIDE_IMAGES = ROOT / "docs" / "bilder"  # the user guide's screenshots: taken here, so they stay current


def keep(page, name: str, guide: str | None = None) -> None:
    """Save a full-page screenshot in artifacts/ and, when `guide` names it, as the user guide's picture."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    if guide:
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(GUIDE_IMAGES / guide), full_page=False)


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = "nettlesertesten ble hoppet over: Chromium finnes ikke (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail("under CI må nettlesertesten kjøre, men " + message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def app_url():
    _require_chromium()
    with serve() as url:
        yield url


def plan_total(fte: float) -> str:
    scenario = load_scenario(ROOT / "budgets" / "land-2017.yaml")
    summary = views.summary(compute(whatif.apply(scenario, {"plan.oppbemanning.fte": fte})))
    return fmt.mill(summary["alternatives"]["plan"]["total"])


def test_moving_a_slider_in_a_real_browser_updates_the_key_figure(app_url):
    from playwright.sync_api import expect

    with browser_page(1200) as page:
        page.goto(app_url)
        total = page.locator(".st-key-figures-plan [data-testid='stMetric']").filter(has_text="Sum 2017–2020")
        expect(total).to_contain_text(plan_total(4.0), timeout=60_000)

        slider = page.locator(".st-key-drv-plan-oppbemanning-fte").get_by_role("slider")
        slider.focus()
        for _ in range(10):  # 10 steps of 0,1 årsverk: 4 → 5
            slider.press("ArrowRight")
        expect(total).to_contain_text(plan_total(5.0), timeout=30_000)
        expect(page.locator("[data-testid='stApp']")).to_have_attribute(
            "data-test-script-state", "notRunning", timeout=30_000
        )
        expect(total).to_contain_text(plan_total(5.0))
        expect(page.get_by_text("Endret fra scenariofilen")).to_be_visible()
        assert page.locator("[data-testid='stException']").count() == 0
        assert "plan.oppbemanning.fte=5" in page.url
        keep(page, "browser-land-slider.png", "hva-om.png")
        # the address carries the what-if, but the steps are not history: Back leaves the page
        page.go_back()
        expect(page).to_have_url("about:blank", timeout=30_000)


def test_a_closed_group_keeps_its_value_in_a_real_browser(app_url):
    """«Felles forutsetninger» is filled when opened; a rate moved there outlives closing it and other moves."""
    from playwright.sync_api import expect

    scenario = load_scenario(ROOT / "budgets" / "land-2017.yaml")
    changes = {"discount_rate": 0.045, "plan.oppbemanning.fte": 4.1}
    expected = fmt.mill(
        views.summary(compute(whatif.apply(scenario, changes)))["alternatives"]["plan"]["present_value"]
    )
    with browser_page(1200) as page:
        page.goto(app_url)
        sidebar = page.locator("[data-testid='stSidebar']")
        rate = page.locator(".st-key-drv-discount_rate").get_by_role("slider")
        expect(sidebar.get_by_text("Felles forutsetninger")).to_be_visible(timeout=60_000)
        expect(rate).to_have_count(0)  # closed: not drawn
        sidebar.get_by_text("Felles forutsetninger").click()
        rate.focus()
        rate.press("ArrowRight")  # one step: 4,0 % → 4,5 %
        expect(page).to_have_url(re.compile(r"discount_rate=0\.045"), timeout=30_000)
        sidebar.get_by_text("Felles forutsetninger").click()  # closed again
        expect(rate).to_have_count(0, timeout=30_000)
        settled(page)
        page.locator(".st-key-drv-plan-oppbemanning-fte").get_by_role("slider").press("ArrowRight")
        present = page.locator(".st-key-figures-plan [data-testid='stMetric']").filter(has_text="Nåverdi")
        expect(present).to_contain_text(expected, timeout=30_000)
        # the address is written last in the run, after the figures: wait for it rather than race it
        expect(page).to_have_url(re.compile(r"discount_rate=0\.045.*plan\.oppbemanning\.fte=4\.1"), timeout=30_000)
        sidebar.get_by_text("Felles forutsetninger").click()
        expect(rate).to_have_value("4.5", timeout=30_000)  # as it was left
        assert page.locator("[data-testid='stException']").count() == 0


def test_uncertainty_tab_in_a_real_browser_shows_the_answer_and_its_charts(app_url):
    from playwright.sync_api import expect

    from costmodel.engine import simulation

    arendal = load_scenario(ROOT / "budgets" / "arendal-tiltaksteam.yaml")
    share = simulation.summary(simulation.simulate(arendal))["comparison"]["tiltaksteam"]["probability_cheaper"]
    with browser_page(1600) as page:
        page.goto(app_url + "?scenario=arendal-tiltaksteam.yaml")
        idle = page.locator("[data-testid='stApp']")
        expect(page.get_by_text("Fortsatt kjøp av hjelpetiltak (nullalternativ)")).to_be_visible(timeout=60_000)
        salary = page.locator(".st-key-drv-tiltaksteam-team-annual_salary input")
        expect(salary).to_have_value("506000", timeout=60_000)  # the first run has drawn the sidebar
        page.get_by_role("tab", name="Usikkerhet").click()
        probability = page.locator(".st-key-uncertainty-figures [data-testid='stMetric']").first
        expect(probability).to_contain_text(fmt.percent(share, 0), timeout=60_000)
        expect(page.get_by_text("betyr mest for nåverdien")).to_be_visible()
        charts = page.locator("[data-testid='stVegaLiteChart']")
        expect(charts).to_have_count(3, timeout=30_000)
        expect(charts.nth(2).locator("canvas, svg").first).to_be_visible(timeout=30_000)
        expect(idle).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)
        assert page.locator("[data-testid='stException']").count() == 0
        expect(salary).to_have_value("506000")
        keep(page, "browser-arendal-uncertainty.png", "usikkerhet.png")


def test_a_copied_link_to_an_upload_reopens_it_for_someone_else(app_url, tmp_path):
    """Upload a scenario, copy the address, open it in a new browser context: the same title and figures."""
    from playwright.sync_api import expect
    from test_links import CASE

    path = tmp_path / "min-kommune.yaml"
    path.write_text(CASE, encoding="utf-8")
    summary = views.summary(compute(load_scenario(path)))
    total = fmt.mill(summary["alternatives"]["egne"]["total"])
    with browser_page(1200) as page:
        page.goto(app_url)
        expect(page.get_by_text("Rådmannens forslag").first).to_be_visible(timeout=60_000)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
        heading = page.get_by_role("heading", name="Egne saksbehandlere i Eksempel kommune")
        expect(heading).to_be_visible(timeout=60_000)
        figure = page.locator(".st-key-figures-egne [data-testid='stMetric']").filter(has_text="Sum 2025–2028")
        expect(figure).to_contain_text(total, timeout=30_000)
        expect(page.locator("[data-testid='stApp']")).to_have_attribute(
            "data-test-script-state", "notRunning", timeout=30_000
        )
        link = page.url
        assert "scenario=delt%3A" in link or "scenario=delt:" in link

        other = page.context.browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
        other.goto(link)
        expect(other.get_by_role("heading", name="Egne saksbehandlere i Eksempel kommune")).to_be_visible(
            timeout=60_000
        )
        again = other.locator(".st-key-figures-egne [data-testid='stMetric']").filter(has_text="Sum 2025–2028")
        expect(again).to_contain_text(total, timeout=30_000)
        assert other.get_by_text("Rådmannens forslag").count() == 0
        keep(other, "browser-shared-link.png")


def test_presentation_mode_keeps_the_sidebar_as_the_user_has_it(app_url):
    """A presentation link opens with the sidebar folded away; switching the mode on and off leaves it open."""
    from playwright.sync_api import expect

    with browser_page(1000) as page:
        sidebar = page.locator("[data-testid='stSidebar']")
        idle = page.locator("[data-testid='stApp']")
        page.goto(app_url + "?scenario=land-2017.yaml&visning=presentasjon")
        expect(page.get_by_text("Forutsetninger bak tallene")).to_be_visible(timeout=60_000)
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        page.goto(app_url)
        toggle = sidebar.get_by_text("Presentasjonsmodus")
        for shown in ("Forutsetninger bak tallene", "Slik er tallene regnet ut"):  # on, then off
            toggle.click()
            expect(page.get_by_text(shown).first).to_be_visible(timeout=30_000)
            expect(idle).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)
            expect(sidebar).to_have_attribute("data-collapsed", "false")
        assert "visning" not in page.url


def test_no_key_figure_is_cut_off_in_a_wide_or_narrow_window(app_url):
    """Five key figures in a row (a difference of more than ten million among them) fit at 1400 and at 1000 px:
    none is cut off with «…»."""
    from playwright.sync_api import expect

    cut = """els => els.filter(e => {
      const d = e.querySelector('div') || e;
      return d.scrollWidth > d.clientWidth + 1;
    }).map(e => e.innerText)"""
    for width in (1400, 1000):
        with browser_page(900) as page:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(app_url + "?scenario=egne-saksbehandlere-2025-kapasitet.yaml")
            expect(page.get_by_text("Differanse 2025–2028")).to_be_visible(timeout=60_000)
            settled(page)
            assert page.locator("[data-testid='stMetricValue'], [data-testid='stMetricLabel']").evaluate_all(cut) == []


def test_the_council_page_prints_without_sidebar_or_buttons(app_url):
    from playwright.sync_api import expect

    with browser_page(1200) as page:
        page.goto(app_url + "?scenario=land-2017.yaml&visning=presentasjon")
        expect(page.get_by_text("Forutsetninger bak tallene")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Hva betyr det for hver kommune?")).to_be_visible()
        expect(page.get_by_role("cell", name="Forsvarlige barnevernstjenester")).to_be_visible()
        expect(page.locator("[data-testid='stApp']")).to_have_attribute(
            "data-test-script-state", "notRunning", timeout=30_000
        )
        expect(page.get_by_role("button", name="Last ned PNG")).to_have_count(0)  # none in the chamber
        size = page.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer'] p").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert size >= 24  # readable from the back of the council chamber
        page.emulate_media(media="print")
        expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
        expect(page.get_by_text("Forutsetninger bak tallene")).to_be_visible()
        expect(page.get_by_text("Hva betyr det for hver kommune?")).to_be_visible()
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
        assert pdf[:4] == b"%PDF"
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "radet.pdf").write_bytes(pdf)
        keep(page, "browser-council-print.png", "presentasjon.png")


CHART_TEXT = """svg => { const k = svg.getBoundingClientRect().width / svg.width.baseVal.value;
  return Math.min(...Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * k)); }"""


def test_the_council_page_reads_from_the_back_row_and_prints_its_charts_readable_on_a4(app_url):
    """Issue 22: at 1920×1080 the charts stand under the conclusion above the fold with 18 px text; Ctrl+P gave five
    pages with the charts as strips at 4–5 pt, now each chart keeps its shape and its text is at least 9 pt."""
    from playwright.sync_api import expect

    with browser_page(1920) as page:
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(app_url + "?scenario=land-2017.yaml&visning=presentasjon")
        expect(page.get_by_text("Forutsetninger bak tallene")).to_be_visible(timeout=60_000)
        settled(page)
        charts = page.locator("[data-testid='stVegaLiteChart'] svg")
        expect(charts.nth(1)).to_be_visible()
        assert charts.nth(0).evaluate(CHART_TEXT) >= 18 and charts.nth(1).evaluate(CHART_TEXT) >= 18
        for k in range(2):  # both charts whole above the fold, under the conclusion
            box = charts.nth(k).bounding_box()
            assert box["y"] + box["height"] <= 1080 and box["height"] >= 300, box
        value = page.locator("[data-testid='stMetricValue']").first.evaluate(
            "e => parseFloat(getComputedStyle(e.querySelector('p') || e).fontSize)"
        )
        assert value >= 40  # the key figures are the largest text on the page
        page.emulate_media(media="print")
        page.wait_for_timeout(500)
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "radet-utskrift.pdf").write_bytes(pdf)
        for k in range(charts.count()):  # CSS px to pt: × 0,75
            assert charts.nth(k).evaluate(CHART_TEXT) * 0.75 >= 9, k
            box = charts.nth(k).bounding_box()
            assert box["height"] >= 250 and box["width"] / box["height"] < 3, box  # a chart, not a strip
        info = subprocess.run(["pdfinfo", str(ARTIFACTS / "radet-utskrift.pdf")], capture_output=True, text=True)
        pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
        assert pages <= 5  # the conclusion; the two charts; the effects; the split; the assumptions


def test_a_named_assumption_in_a_real_browser_moves_both_alternatives(app_url):
    """The new user's case: the shared hourly rate typed once in «Navngitte forutsetninger»."""
    from playwright.sync_api import expect

    case = load_scenario(ROOT / "budgets" / "egne-saksbehandlere-2025.yaml")
    moved = views.summary(compute(whatif.apply(case, {"assumptions.timepris": 1000})))
    difference = fmt.mill(moved["comparison"]["egne"]["total_difference"], plus="+")
    with browser_page(1400) as page:
        page.goto(app_url + "?scenario=egne-saksbehandlere-2025.yaml")
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar.get_by_text("Navngitte forutsetninger")).to_be_visible(timeout=60_000)
        rate = page.locator(".st-key-drv-assumptions-timepris input")
        expect(rate).to_have_value("1150", timeout=60_000)
        expect(sidebar.get_by_text("Timepris: følger «Timepris byrå (kr)»").last).to_be_visible()
        rate.fill("1000")
        rate.press("Enter")
        figure = page.locator(".st-key-figures-egne [data-testid='stMetric']").filter(has_text="Differanse")
        expect(figure).to_contain_text(difference, timeout=30_000)
        expect(page.locator("[data-testid='stApp']")).to_have_attribute(
            "data-test-script-state", "notRunning", timeout=30_000
        )
        assert page.locator("[data-testid='stException']").count() == 0
        assert "assumptions.timepris=1000" in page.url
        keep(page, "browser-named-assumption.png", "navngitte-forutsetninger.png")


def test_a_tab_clicked_while_the_page_is_still_arriving_changes_no_value():
    """A browser that missed the first render must not show, and then send, blank defaults for every control.

    The race needs a slow first run: a server of its own, cold, and the tab clicked the moment it appears.
    """
    from playwright.sync_api import expect

    _require_chromium()
    with serve() as app_url, browser_page(1200) as page:
        page.goto(app_url + "?scenario=egne-saksbehandlere-2025.yaml")
        tab = page.get_by_role("tab", name="Usikkerhet")
        tab.wait_for(timeout=60_000)
        tab.click()  # as soon as it is there
        idle = page.locator("[data-testid='stApp']")
        expect(idle).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)
        rate = page.locator(".st-key-drv-assumptions-timepris input")
        expect(rate).to_have_value("1150", timeout=30_000)
        page.get_by_role("tab", name="Oversikt").click()
        expect(idle).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)
        expect(rate).to_have_value("1150")
        expect(page.get_by_role("heading", name="Egne saksbehandlere i stedet for byrå")).to_be_visible()
        assert page.get_by_text("Endret fra scenariofilen").count() == 0
        assert "assumptions.timepris" not in page.url


NEW_USER_CASE = {
    "name": "Egne saksbehandlere i Eksempel kommune",
    "municipality": "Eksempel kommune",
    "start": "2025-01",
    "months": 48,
    "prices": "nominal",
    "growth": {"wages": {"default": 0.041}, "prices": {"default": 0.041}},  # the editor's sourced default
    "baseline": "byra",
    "alternatives": [
        {
            "id": "byra",
            "name": "Fortsatt innleie fra byrå",
            "lines": [{"id": "byra", "label": "To fra byrå", "kind": "consultant", "fte": 2, "hourly_rate": 1150}],
        },
        {
            "id": "egne",
            "name": "Tre egne saksbehandlere",
            "lines": [
                {
                    "id": "byra",
                    "label": "Byrå (overlapp)",
                    "kind": "consultant",
                    "fte": 2,
                    "hourly_rate": 1150,
                    "end": "2025-04",
                },
                {
                    "id": "saksbehandlere",
                    "label": "Tre faste saksbehandlere",
                    "kind": "staff",
                    "fte": 3,
                    "annual_salary": 640000,
                    "recruitment_cost": 30000,
                    "start": "2025-03",
                },
            ],
        },
    ],
}


def test_the_new_users_case_is_built_from_nothing_in_the_browser_saved_and_reopened_by_its_link():
    """«Ny modell» through the page alone, no file: settings, two alternatives, an agency line at an hourly rate,
    three positions from March with a recruitment cost, løpende priser. The figures equal the engine's for the
    same case written as YAML, to the krone; saved, the link opens the same figures in a fresh context."""
    from playwright.sync_api import expect

    from costmodel.scenario import parse_scenario
    from costmodel.scenario.drafts import kind_fields

    expected = views.summary(compute(parse_scenario(NEW_USER_CASE)))
    consultant, staff = ([n for n in kind_fields(k) if n != "kind"] for k in ("consultant", "staff"))
    _require_chromium()
    with serve() as url, browser_page(2400) as page:
        page.goto(url)
        idle = page.locator("[data-testid='stApp']")

        def settled():
            expect(idle).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)

        expect(page.get_by_text("Rådmannens forslag").first).to_be_visible(timeout=60_000)
        settled()
        page.get_by_text("Ny modell eller rediger").click()
        page.get_by_role("button", name="Ny modell").click()  # «Tom modell»
        expect(page.get_by_role("heading", name="Ny modell")).to_be_visible(timeout=30_000)
        settled()
        for label, text in (
            ("Navn", NEW_USER_CASE["name"]),
            ("Kommune", "Eksempel kommune"),
            ("Første måned (ÅÅÅÅ-MM)", "2025-01"),
        ):
            page.get_by_label(label, exact=True).fill(text)
            page.keyboard.press("Enter")
            settled()
        page.get_by_text("Løpende priser").click()
        expect(page.get_by_role("spinbutton", name="Lønnsvekst per år (%)")).to_have_value("4.10", timeout=30_000)
        grids = page.locator("[data-testid='stDataFrame']")
        for row, (ident, name) in enumerate(
            (("byra", "Fortsatt innleie fra byrå"), ("egne", "Tre egne saksbehandlere"))
        ):
            grid_cell(page, grids.nth(0), row, 0, ident)
            grid_cell(page, grids.nth(0), row, 1, name)
        grid_toggle(page, grids.nth(0), 0, 2)  # «Fortsatt innleie fra byrå» is the nullalternativ
        for n, kinds in ((0, ["innleie"]), (1, ["innleie", "egne stillinger"])):
            for kind in kinds:
                page.locator("[data-testid='stMultiSelect']").nth(n).click()
                page.get_by_role("option", name=kind, exact=True).click()
                page.keyboard.press("Escape")
                settled()
        # the tables now: alternatives, byrå › innleie, egne › egne stillinger, egne › innleie
        tables = (
            (1, consultant, {"id": "byra", "label": "To fra byrå", "fte": "2", "hourly_rate": "1150"}),
            (
                3,
                consultant,
                {"id": "byra", "label": "Byrå (overlapp)", "fte": "2", "hourly_rate": "1150", "end": "2025-04"},
            ),
            (
                2,
                staff,
                {
                    "id": "saksbehandlere",
                    "label": "Tre faste saksbehandlere",
                    "fte": "3",
                    "annual_salary": "640000",
                    "recruitment_cost": "30000",
                    "start": "2025-03",
                },
            ),
        )
        for n, columns, values in tables:
            for field, text in values.items():
                grid_cell(page, grids.nth(n), 0, columns.index(field), text)
        difference = page.locator(".st-key-figures-egne [data-testid='stMetric']").filter(has_text="Differanse")
        expect(difference).to_contain_text(
            fmt.mill(expected["comparison"]["egne"]["total_difference"], plus="+"), timeout=30_000
        )
        keep(page, "browser-editor.png", "ny-modell.png")
        page.get_by_label("Lagres som").fill("Eksempel kommune")
        page.keyboard.press("Enter")
        settled()
        page.get_by_role("button", name="Lagre og åpne").click()
        expect(page.get_by_role("heading", name=NEW_USER_CASE["name"])).to_be_visible(timeout=30_000)
        settled()
        assert re.search(r"scenario=lagret(%3A|:)lokal(%2F|/)eksempel-kommune", page.url)
        levels = [fmt.kr(expected["alternatives"][a]["annual"]["2025"]) for a in ("byra", "egne")]
        for level in levels:  # to the krone, in the yearly table
            expect(page.get_by_role("cell", name=level).first).to_be_visible(timeout=30_000)
        other = page.context.browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
        other.goto(page.url)
        for level in levels:
            expect(other.get_by_role("cell", name=level).first).to_be_visible(timeout=60_000)
        keep(other, "browser-editor-link.png")


def test_the_editor_edits_a_named_assumption_and_capacity_in_their_tables(app_url):
    """A copy of the new user's case in «Ny modell»: the shared rate's most likely value typed once in
    «Navngitte forutsetninger» moves both alternatives; capacity turned on with a need of three årsverk and
    innleie as cover gives the engine's figures for the same case written as a file."""
    from playwright.sync_api import expect

    from costmodel.scenario import parse_scenario, scenario_to_data

    data = scenario_to_data(load_scenario(ROOT / "budgets" / "egne-saksbehandlere-2025.yaml"))
    data["assumptions"]["timepris"]["mode"] = 1250
    after_rate = views.summary(compute(parse_scenario(data)))
    data["capacity"] = {"need": {"fte": {"default": 3}}, "cover": "consultant", "cover_price_per_fte": 1_900_000}
    after_capacity = views.summary(compute(parse_scenario(data)))
    with browser_page(2600) as page:
        page.goto(app_url + "?scenario=egne-saksbehandlere-2025.yaml")
        expect(page.get_by_text("Ny modell eller rediger")).to_be_visible(timeout=60_000)
        settled(page, 60_000)
        page.get_by_text("Ny modell eller rediger").click()
        page.get_by_role("button", name="Rediger en kopi av dette scenariet").click()
        expect(page.get_by_role("heading", name="Ny modell")).to_be_visible(timeout=30_000)
        settled(page)
        difference = page.locator(".st-key-figures-egne [data-testid='stMetric']").filter(has_text="Differanse")
        assumptions = page.locator("[class*='-assumptions'] [data-testid='stDataFrame']")
        expect(assumptions).to_be_visible()  # open, since the case has named assumptions
        grid_cell(page, assumptions, 0, 4, "1250")  # timepris › Mest sannsynlig
        expect(difference).to_contain_text(
            fmt.mill(after_rate["comparison"]["egne"]["total_difference"], plus="+"), timeout=30_000
        )
        page.get_by_text("Kapasitet", exact=True).click()
        page.get_by_text("Regn med kapasitetsbehov").click()
        settled(page)
        expect(page.get_by_text("Kapasitet › Behov, rad 1: mangler verdi")).to_be_visible(timeout=30_000)
        grid_cell(page, page.locator("[class*='-capacity_need'] [data-testid='stDataFrame']"), 0, 1, "3")
        cover = page.locator("[class*='-capacity-fte'] [data-testid='stDataFrame']")
        grid_cell(page, cover, 0, 1, "1900000")  # Pris per dekningsårsverk (before the cover is chosen)
        grid_cell(page, cover, 0, 0, "innleie")  # Dekning
        expect(difference).to_contain_text(
            fmt.mill(after_capacity["comparison"]["egne"]["total_difference"], plus="+"), timeout=30_000
        )
        assert page.locator("[data-testid='stException']").count() == 0
        keep(page, "browser-editor-capacity.png", "ny-modell-forutsetninger.png")


def test_the_council_tab_and_the_deck_and_note_downloads_in_a_real_browser(app_url, tmp_path):
    """Land with a what-if: the tab «Virkninger og fordeling» shows the effects and what each municipality pays;
    the deck and the note downloaded from the page carry the what-if on screen."""
    from docx import Document
    from playwright.sync_api import expect
    from pptx import Presentation

    from costmodel.report import council

    scenario = load_scenario(ROOT / "budgets" / "land-2017.yaml")
    moved = compute(whatif.apply(scenario, {"plan.oppbemanning.fte": 5}))
    sentences = council.partner_sentences(moved)
    with browser_page(1600, accept_downloads=True) as page:
        page.goto(app_url + "?scenario=land-2017.yaml&plan.oppbemanning.fte=5")
        expect(page.get_by_text("Rådmannens forslag").first).to_be_visible(timeout=60_000)
        settled(page, 60_000)
        page.get_by_role("tab", name="Virkninger og fordeling").click()
        expect(page.get_by_text(sentences[0])).to_be_visible(timeout=30_000)
        expect(page.get_by_role("cell", name="Forsvarlige barnevernstjenester")).to_be_visible()
        settled(page)
        assert page.locator("[data-testid='stException']").count() == 0
        keep(page, "browser-council-tab.png", "virkninger-og-fordeling.png")
        with page.expect_download() as download:
            page.get_by_role("button", name="Last ned presentasjon (PowerPoint)").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        assert path.suffix == ".pptx"
        slides = Presentation(str(path)).slides
        shown = "\n".join(s.shapes[0].text_frame.text for s in slides)
        assert "Hva betyr det for hver kommune?" in shown
        assumptions = "\n".join(
            sh.text_frame.text
            for s in slides
            if s.shapes[0].text_frame.text.startswith("Forutsetninger")
            for sh in s.shapes
            if sh.has_text_frame
        )
        assert "årsverk 4 → 5" in assumptions.replace("\u00a0", " ").replace("\u2060", "")
        with page.expect_download() as download:
            page.get_by_role("button", name="Last ned økonomiske konsekvenser (Word)").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        text = (
            "\n".join(p.text for p in Document(str(path)).paragraphs).replace("\u00a0", " ").replace("\u2060", "")
        )  # unbroken figures
        assert sentences[1] in text and "Økonomiske konsekvenser" in text


CAPACITY_CASE = team_case(
    {
        "id": "team",
        "label": "Familieveiledere",
        "kind": "staff",
        "fte": 3,
        "annual_salary": 590000,
        "start": {"ref": "ansatt_fra"},
    },
    name="Eget tiltaksteam med kapasitet",
    purchase_end={"ref": "ansatt_fra", "plus_months": 1},
    assumptions={"ansatt_fra": {"value": "2026-09", "label": "Teamet på plass"}},
    capacity={"need": {"fte": {"default": 1.6}}, "cover": "consultant", "cover_price_per_fte": 1_900_000},
)


def test_a_case_with_a_linked_start_month_and_bought_hours_in_capacity_is_built_from_nothing(app_url):
    """Issue 21's trap, through the page alone: «Tom modell», a named month «ansatt_fra», the team starting at it and
    the bought hours ending a month after it (typed as «ansatt_fra + 1» in the cell), bought hours that count in the
    capacity need, cover with innleie. The linked months stay in their cells, and the figures are the engine's for
    the same case written as a file: the bought hours are not bought a second time as cover."""
    from playwright.sync_api import expect

    from costmodel.scenario import parse_scenario
    from costmodel.scenario.drafts import kind_fields

    expected = views.summary(compute(parse_scenario(CAPACITY_CASE)))
    assert expected["alternatives"]["kjop"]["lines"]["dekning"]["annual"]["2026"] < 100_000  # only the 0,04 gap
    purchase, staff = ([n for n in kind_fields(k) if n != "kind"] for k in ("purchase", "staff"))
    with browser_page(2800) as page:
        page.goto(app_url)
        expect(page.get_by_text("Ny modell eller rediger")).to_be_visible(timeout=60_000)
        settled(page, 60_000)
        page.get_by_text("Ny modell eller rediger").click()
        page.get_by_role("button", name="Ny modell").click()  # «Tom modell»
        expect(page.get_by_role("heading", name="Ny modell")).to_be_visible(timeout=30_000)
        settled(page)
        page.get_by_label("Navn", exact=True).fill(CAPACITY_CASE["name"])
        page.keyboard.press("Enter")
        settled(page)
        page.get_by_label("Første måned (ÅÅÅÅ-MM)", exact=True).fill("2026-01")
        page.keyboard.press("Enter")
        settled(page)
        grids = page.locator("[data-testid='stDataFrame']")
        for row, (ident, name) in enumerate((("kjop", "Fortsatt kjøp"), ("team", "Eget tiltaksteam"))):
            grid_cell(page, grids.nth(0), row, 0, ident)
            grid_cell(page, grids.nth(0), row, 1, name)
        grid_toggle(page, grids.nth(0), 0, 2)  # «Fortsatt kjøp» is the nullalternativ
        page.get_by_text("Navngitte forutsetninger", exact=True).click()
        assumptions = page.locator("[class*='-assumptions'] [data-testid='stDataFrame']")
        for column, text in enumerate(("ansatt_fra", "Teamet på plass", "2026-09")):
            grid_cell(page, assumptions, 0, column, text)
        for n, kinds in ((0, ["kjøp av tiltak"]), (1, ["egne stillinger", "kjøp av tiltak"])):
            for kind in kinds:
                page.locator("[data-testid='stMultiSelect']").nth(n).click()
                page.get_by_role("option", name=kind, exact=True).click()
                page.keyboard.press("Escape")
                settled(page)

        def line_grid(n: int, kind: str):  # the n-th alternative's table of a kind (a new row's owner is «nyN»)
            return page.locator(f"[class*='-lines-'][class*='-{kind}'] [data-testid='stDataFrame']").nth(n)

        first = {"id": "k", "label": "Familieveiledning", "units_per_month": "220", "unit": "timer"}
        tables = (
            (0, "purchase", purchase, {**first, "unit_price": "1050"}),
            (1, "purchase", purchase, {**first, "label": "Overgang", "unit_price": "1050", "end": "ansatt_fra + 1"}),
            (0, "staff", staff, {"id": "team", "label": "Familieveiledere", "fte": "3", "annual_salary": "590000"}),
            (0, "staff", staff, {"start": "ansatt_fra"}),
        )
        for n, kind, columns, values in tables:
            for field, text in values.items():
                grid_cell(page, line_grid(n, kind), 0, columns.index(field), text)
        page.get_by_text("Kapasitet", exact=True).click()
        page.get_by_text("Regn med kapasitetsbehov").click()
        settled(page)
        grid_cell(page, page.locator("[class*='-capacity_need'] [data-testid='stDataFrame']"), 0, 1, "1,6")
        cover = page.locator("[class*='-capacity-fte'] [data-testid='stDataFrame']")
        grid_cell(page, cover, 0, 1, "1900000")  # Pris per dekningsårsverk
        grid_cell(page, cover, 0, 0, "innleie")  # Dekning
        difference = page.locator(".st-key-figures-team [data-testid='stMetric']").filter(has_text="Differanse")
        expect(difference).to_contain_text(
            fmt.mill(expected["comparison"]["team"]["total_difference"], plus="+"), timeout=30_000
        )
        total = page.locator(".st-key-figures-kjop [data-testid='stMetric']").filter(has_text="Sum 2026–2029")
        expect(total).to_contain_text(fmt.mill(expected["alternatives"]["kjop"]["total"]))
        expect(line_grid(0, "staff")).to_contain_text("ansatt_fra")  # the linked month is kept in its cell
        expect(line_grid(1, "purchase")).to_contain_text("ansatt_fra + 1")
        assert page.locator("[data-testid='stException']").count() == 0
        cut = """els => els.filter(e => {
          const d = e.querySelector('div') || e;
          return d.scrollWidth > d.clientWidth + 1;
        }).map(e => e.innerText)"""
        assert page.locator("[data-testid='stMetricValue'], [data-testid='stMetricLabel']").evaluate_all(cut) == []
        keep(page, "browser-editor-linked-capacity.png")


def test_the_follow_up_tab_reads_an_uploaded_ledger_in_a_real_browser(app_url):
    """Issue 23: the økonomisjef uploads the ERP's export in «Oppfølging» and reads the status, the forecast and the
    deviations explained, as the engine computes them."""
    from playwright.sync_api import expect

    from costmodel.followup import read
    from costmodel.followup.status import follow_up

    example = ROOT / "budgets" / "oppfolging"
    scenario = load_scenario(ROOT / "budgets" / "land-2017-oppfolging.yaml")
    postings = read.read_accounts((example / "hovedbok-2017-08.csv").read_bytes(), "h.csv", scenario.follow_up.columns)
    total = follow_up(compute(scenario), postings).as_dict()["total"]
    with browser_page(1400) as page:
        page.goto(app_url + "?scenario=land-2017-oppfolging.yaml")
        page.get_by_role("tab", name="Oppfølging").click(timeout=60_000)
        expect(page.get_by_text("Regnskapet mot planen for det vedtatte alternativet")).to_be_visible(timeout=30_000)
        uploads = page.locator("[data-testid='stMain'] [data-testid='stFileUploaderDropzoneInput']")
        uploads.first.set_input_files(str(example / "hovedbok-2017-08.csv"))
        expect(page.get_by_text("Økonomisk status per august 2017")).to_be_visible(timeout=60_000)
        settled(page)
        figure = page.locator("[data-testid='stMetric']").filter(has_text="Regnskap hittil")
        expect(figure).to_contain_text(fmt.mill(total["actual_to_date"]))
        expect(page.get_by_text("ikke forklart (ingen aktivitetstall for linjen)").first).to_be_visible()
        uploads.nth(1).set_input_files(str(example / "aktivitet-2017-08.csv"))
        expect(page.get_by_text("fordi antall døgn er høyere enn planlagt").first).to_be_visible(timeout=60_000)
        settled(page)
        assert page.locator("[data-testid='stException']").count() == 0
        chart = page.locator("[data-testid='stVegaLiteChart']").last
        expect(chart).to_be_visible()
        keep(page, "browser-oppfolging.png", "oppfolging.png")
