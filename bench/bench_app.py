"""Real-browser latency from a slider move to the updated key figure: the app against a bare one-slider app and
a static page of the same size (bench/static_app.py), and the editor's cell edit against a bare data editor.

Every page runs under `streamlit run` in this session, driven by Debian's Chromium through Playwright. A move is
one ArrowRight on the slider; its latency runs from the key press until the figure's text has changed and the
script state is back to notRunning. Moves are interleaved between the pages (one move on each in turn) with a
pause between them, so a slower moment of the machine falls on all of them alike. A cell edit is timed from the
Tab that commits a typed value. Prints medians with the middle half of the measurements, and the ratios of the
medians with the middle half of their bootstrap resamples (moves on different pages are not pairs). Aims, in the
same run: the app at most 1,0 × the static page and at most 2,6 × the bare app (issue 15).
The app is also measured with Streamlit's garbage collection left as it is (KOSTNADSMODELL_GC_FREEZE=0).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from browser_kit import ARGS, CHROMIUM, ROOT, open_cell, serve, settled
from measure import load, median_ratio, spread

MOVES = 25
PAUSE_MS = 100  # between moves: back-to-back presses make the bare figure jump between frames
CHANGED = """([selector, previous]) => {
  const figure = document.querySelector(selector);
  const app = document.querySelector('[data-testid="stApp"]');
  return figure && figure.innerText !== previous && app.getAttribute('data-test-script-state') === 'notRunning';
}"""
APP = (".st-key-drv-plan-oppbemanning-fte", ".st-key-figures-plan")
BARE = (".st-key-x", "[data-testid='stMetric']")


class Slider:
    """One open page and its slider: `move()` presses ArrowRight once and returns the seconds to the new figure."""

    def __init__(self, browser, url: str, slider: str, figure: str):
        self.page = browser.new_page(viewport={"width": 1400, "height": 1200})
        self.page.goto(url)
        self.page.wait_for_selector(figure, timeout=60_000)
        settled(self.page, 60_000)
        self.handle = self.page.locator(slider).get_by_role("slider")
        self.figure = figure

    def move(self) -> float:
        self.handle.focus()
        self.page.wait_for_timeout(PAUSE_MS)
        before = self.page.locator(self.figure).inner_text()
        start = time.perf_counter()
        self.handle.press("ArrowRight")
        self.page.wait_for_function(CHANGED, arg=[self.figure, before], polling="raf", timeout=30_000)
        return time.perf_counter() - start


def interleaved(pages: dict[str, Slider]) -> dict[str, list[float]]:
    """MOVES moves on each page, one page after the other in turn, each round starting one page later (so no
    page always follows the same one); the first round of each start warms caches."""
    times: dict[str, list[float]] = {name: [] for name in pages}
    names = list(pages)
    for k in range(MOVES + len(names)):
        for name in names[k % len(names) :] + names[: k % len(names)]:
            times[name].append(pages[name].move())
    return {name: t[len(names) :] for name, t in times.items()}


def cell_latencies(browser, url: str, bare: bool = False) -> list[float]:
    """From Tab (committing a typed number in a data editor: the editor's Årsverk of the staff table, or the
    bare editor app's cell) to the updated figure."""
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    page.goto(url)
    settled(page, 60_000)
    if bare:
        figure, grid = "[data-testid='stMetric']", page.locator("[data-testid='stDataFrame']")
    else:
        page.get_by_text("Ny modell eller rediger").click()
        page.get_by_role("combobox", name="Start fra").click()
        page.get_by_role("option", name="Innleie → faste stillinger").click()
        page.get_by_role("button", name="Ny modell").click()
        figure = ".st-key-figures-egne"
        grid = page.locator("[class*='-lines-1-staff'] [data-testid='stDataFrame']")
    page.wait_for_selector(figure, timeout=60_000)
    settled(page)
    times = []
    for k in range(MOVES + 2):
        open_cell(page, grid, 0, 2)  # Id, Tekst, Årsverk
        page.keyboard.press("Control+A")
        page.keyboard.type(str(4 + k % 2))
        page.wait_for_timeout(PAUSE_MS)
        before = page.locator(figure).inner_text()
        start = time.perf_counter()
        page.keyboard.press("Tab")
        page.wait_for_function(CHANGED, arg=[figure, before], polling="raf", timeout=30_000)
        times.append(time.perf_counter() - start)
    page.close()
    return times[2:]


def element_counts() -> tuple[int, int, int]:
    """Elements as AppTest sees them: the app's Land page as a slider move sends it (closed groups empty), the
    same page with every sidebar group open, and the static page."""
    import logging

    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    from costmodel.ui.controls import GROUP

    logger.set_log_level(logging.ERROR)  # AppTest outside a server warns about its context

    def count(node) -> int:
        return 1 + sum(count(child) for child in getattr(node, "children", {}).values())

    app = AppTest.from_file(str(PAGES[0]), default_timeout=60).run()
    sent = count(app._tree)
    for key in [k for k in app.session_state if str(k).startswith(GROUP)] + ["new_or_edit", "save_panel"]:
        app.session_state[key] = True
    opened = count(app.run()._tree)
    return sent, opened, count(AppTest.from_file(str(PAGES[1]), default_timeout=60).run()._tree)


PAGES = (ROOT / "streamlit_app.py", ROOT / "bench" / "static_app.py")


def main() -> None:
    if not Path(CHROMIUM).exists():
        print("App benchmark skipped: Chromium not found (apt-get install chromium).")
        return
    from playwright.sync_api import sync_playwright

    with (
        serve(ROOT / "streamlit_app.py") as ours,
        serve(ROOT / "streamlit_app.py", env={"KOSTNADSMODELL_GC_FREEZE": "0"}) as unfrozen,
        serve(ROOT / "bench" / "static_app.py") as static,
        serve(ROOT / "bench" / "bare_app.py") as bare,
        serve(ROOT / "bench" / "bare_editor.py") as bare_editor,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pages = {
            "app": Slider(browser, ours, *APP),
            "unfrozen": Slider(browser, unfrozen, *APP),
            "static": Slider(browser, static, ".st-key-x", ".st-key-figures-plan"),
            "bare": Slider(browser, bare, *BARE),
        }
        sliders = interleaved(pages)
        cells = cell_latencies(browser, ours)
        bare_cells = cell_latencies(browser, bare_editor, bare=True)
        browser.close()
    before = load()
    sent, opened, static_elements = element_counts()
    print(f"App benchmark: headless Chromium, median of {MOVES} moves per page, interleaved, {PAUSE_MS} ms apart")
    print(f"  {before} when the moves ended")
    print(f"  kostnadsmodell, slider (Land):             {spread(sliders['app'])}")
    print(f"  the same without gc.freeze:                {spread(sliders['unfrozen'])}")
    print(f"  static page, the app's page with every group filled: {spread(sliders['static'])}")
    print(
        f"    (elements: static page {static_elements}; the app {opened} with its groups open, "
        f"{sent} as a move sends it)"
    )
    print(f"  bare Streamlit app (one slider):           {spread(sliders['bare'])}")
    app = sliders["app"]
    for label, top, bottom, aim in (
        ("app / static", app, sliders["static"], "   (aim: at most 1.0 x)"),
        ("app / bare", app, sliders["bare"], "   (aim: at most 2.6 x)"),
        ("app without gc.freeze / app", sliders["unfrozen"], app, ""),
    ):
        print(f"  ratio {label + ':':<37}{spread(median_ratio(top, bottom), 'x', 1)}{aim}")
    print(f"  kostnadsmodell, editor cell (Årsverk):     {spread(cells)}")
    print(f"  bare Streamlit app (one data editor):      {spread(bare_cells)}")
    slider = statistics.median(app) / statistics.median(sliders["bare"])
    print(
        f"  ratio editor cell / bare data editor:      {spread(median_ratio(cells, bare_cells), 'x', 1)}   "
        f"(aim: at most the slider's {slider:.2f} x)"
    )


if __name__ == "__main__":
    main()
