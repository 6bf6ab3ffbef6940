"""Real-browser latency from a slider move to the updated key figure: our app against a bare app.

Both apps run under `streamlit run` in the same session, driven by Debian's Chromium through
Playwright. A move is one ArrowRight on the slider; its latency runs from the key press until the
figure's text has changed and the script state is back to notRunning. The editor's cell edit is
timed the same way, from the Tab that commits a typed value, against a bare app with one data editor
(Streamlit's data editor alone takes several times a slider's round trip, so a slider is no fair anchor
for a cell). Prints medians with their spread and the ratios.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from browser_kit import ARGS, CHROMIUM, ROOT, open_cell, serve, settled

MOVES = 15
PAUSE_MS = 100  # between moves: back-to-back presses make the bare figure jump between frames
CHANGED = """([selector, previous]) => {
  const figure = document.querySelector(selector);
  const app = document.querySelector('[data-testid="stApp"]');
  return figure && figure.innerText !== previous && app.getAttribute('data-test-script-state') === 'notRunning';
}"""


def latencies(browser, url: str, slider: str, figure: str) -> list[float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(url)
    page.wait_for_selector(figure, timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        ".getAttribute('data-test-script-state') === 'notRunning'",
        timeout=60_000,
    )
    handle = page.locator(slider).get_by_role("slider")
    handle.focus()
    times = []
    for _ in range(MOVES + 2):
        page.wait_for_timeout(PAUSE_MS)
        before = page.locator(figure).inner_text()
        start = time.perf_counter()
        handle.press("ArrowRight")
        page.wait_for_function(CHANGED, arg=[figure, before], polling="raf", timeout=30_000)
        times.append(time.perf_counter() - start)
    page.close()
    return times[2:]  # the first moves warm caches


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


def spread(times: list[float]) -> str:
    """The median and the middle half of the measurements, in milliseconds."""
    q1, median, q3 = (q * 1000 for q in statistics.quantiles(times, n=4))
    return f"{median:8.1f} ms  (middle half {q1:.0f}–{q3:.0f} ms)"


def main() -> None:
    if not Path(CHROMIUM).exists():
        print("App benchmark skipped: Chromium not found (apt-get install chromium).")
        return
    from playwright.sync_api import sync_playwright

    with (
        serve(ROOT / "streamlit_app.py") as ours,
        serve(ROOT / "bench" / "bare_app.py") as bare,
        serve(ROOT / "bench" / "bare_editor.py") as bare_editor,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        app = latencies(browser, ours, ".st-key-drv-plan-oppbemanning-fte", ".st-key-figures-plan")
        base = latencies(browser, bare, ".st-key-x", "[data-testid='stMetric']")
        cells = cell_latencies(browser, ours)
        bare_cells = cell_latencies(browser, bare_editor, bare=True)
        browser.close()
    ours_ms, bare_ms, cell_ms, bare_cell_ms = (statistics.median(t) * 1000 for t in (app, base, cells, bare_cells))
    print(f"App benchmark: headless Chromium, median of {MOVES} moves, {PAUSE_MS} ms between moves")
    print(f"  kostnadsmodell, slider (Land):          {spread(app)}")
    print(f"  kostnadsmodell, editor cell (Årsverk):  {spread(cells)}")
    print(f"  bare Streamlit app (one slider):        {spread(base)}")
    print(f"  bare Streamlit app (one data editor):   {spread(bare_cells)}")
    print(f"  ratio app slider / bare:                {ours_ms / bare_ms:8.2f} x")
    print(
        f"  ratio editor cell / bare data editor:   {cell_ms / bare_cell_ms:8.2f} x   "
        f"(aim: at most the slider's {ours_ms / bare_ms:.2f} x)"
    )
    print(f"  ratio editor cell / app slider:         {cell_ms / ours_ms:8.2f} x")


if __name__ == "__main__":
    main()
