"""Real-browser latency from a slider move to the updated key figure: our app against a bare app.

Both apps run under `streamlit run` in the same session, driven by Debian's Chromium through
Playwright. A move is one ArrowRight on the slider; its latency runs from the key press until the
figure's text has changed and the script state is back to notRunning. Prints medians and the ratio
(aim: within 1.5 times the bare app).
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MOVES = 15
CHANGED = """([selector, previous]) => {
  const figure = document.querySelector(selector);
  const app = document.querySelector('[data-testid="stApp"]');
  return figure && figure.innerText !== previous && app.getAttribute('data-test-script-state') === 'notRunning';
}"""


def serve(script: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"{script.name} did not start")


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
        before = page.locator(figure).inner_text()
        start = time.perf_counter()
        handle.press("ArrowRight")
        page.wait_for_function(CHANGED, arg=[figure, before], polling="raf", timeout=30_000)
        times.append(time.perf_counter() - start)
    page.close()
    return times[2:]  # the first moves warm caches


def main() -> None:
    if not Path(CHROMIUM).exists():
        print("App benchmark skipped: Chromium not found (apt-get install chromium).")
        return
    from playwright.sync_api import sync_playwright

    ours = serve(ROOT / "streamlit_app.py", 8701)
    bare = serve(ROOT / "bench" / "bare_app.py", 8702)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            app = latencies(
                browser, "http://127.0.0.1:8701/", ".st-key-drv-plan-oppbemanning-fte", ".st-key-figures-plan"
            )  # the plan's key figures: its total moves every step
            base = latencies(browser, "http://127.0.0.1:8702/", ".st-key-x", "[data-testid='stMetric']")
            browser.close()
    finally:
        for server in (ours, bare):
            server.terminate()
            server.wait(timeout=20)
    ours_ms, bare_ms = statistics.median(app) * 1000, statistics.median(base) * 1000
    print(f"App benchmark: slider move to updated key figure in headless Chromium (median of {MOVES} moves)")
    print(f"  kostnadsmodell (Land scenario):        {ours_ms:8.1f} ms")
    print(f"  bare Streamlit app (one slider):       {bare_ms:8.1f} ms")
    print(f"  ratio app / bare:                      {ours_ms / bare_ms:8.2f} x   (aim: at most 1.5 x)")


if __name__ == "__main__":
    main()
