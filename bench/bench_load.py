"""Load test: many browser sessions on one server, Monte Carlo included, and the server's memory after each round.

Each round opens SESSIONS sessions at once (separate browser contexts), each on Arendal (ranges, so the
«Usikkerhet» tab simulates 10 000 draws): it moves a slider MOVES times, opens «Usikkerhet» and waits for the
answer, then closes. The server's resident memory (VmRSS) is read after each round. With gc.freeze (the default,
costmodel/ui/runtime.py) memory must stay bounded: the last rounds no higher than the first ones by more than
noise. The same is measured with KOSTNADSMODELL_GC_FREEZE=0 for comparison.
"""

from __future__ import annotations

import os
from pathlib import Path

from browser_kit import ARGS, CHROMIUM, ROOT, serve, settled

ROUNDS = int(os.environ.get("LOAD_ROUNDS", 8))
SESSIONS = int(os.environ.get("LOAD_SESSIONS", 6))
MOVES = 5
SLIDER = ".st-key-drv-tiltaksteam-team-fte"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def session(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    page = context.new_page()
    page.goto(url + "?scenario=arendal-tiltaksteam.yaml")
    return context, page


def work(page) -> None:
    from playwright.sync_api import expect

    page.locator(SLIDER).wait_for(timeout=120_000)
    settled(page, 120_000)
    handle = page.locator(SLIDER).get_by_role("slider")
    handle.focus()
    for _ in range(MOVES):
        handle.press("ArrowRight")
        page.wait_for_timeout(150)
    settled(page, 120_000)
    page.get_by_role("tab", name="Usikkerhet").click()
    expect(page.get_by_text("betyr mest for nåverdien")).to_be_visible(timeout=120_000)


def rounds(browser, url: str, pid: int) -> list[float]:
    memory = []
    for _ in range(ROUNDS):
        opened = [session(browser, url) for _ in range(SESSIONS)]
        for _, page in opened:
            work(page)
        for context, _ in opened:
            context.close()
        memory.append(rss_mb(pid))
    return memory


def main() -> None:
    if not Path(CHROMIUM).exists():
        print("Load test skipped: Chromium not found (apt-get install chromium).")
        return
    from playwright.sync_api import sync_playwright

    results = {}
    for label, env in (("with gc.freeze", {}), ("without gc.freeze", {"KOSTNADSMODELL_GC_FREEZE": "0"})):
        servers: list = []
        with serve(ROOT / "streamlit_app.py", env=env, server=servers) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            results[label] = rounds(browser, url, servers[0].pid)
            browser.close()
    print(f"Load test: {ROUNDS} rounds of {SESSIONS} sessions on Arendal (slider moves, 10 000-draw simulation each)")
    for label, memory in results.items():
        shown = ", ".join(f"{m:.0f}" for m in memory)
        growth = memory[-1] - memory[0]
        print(f"  server memory {label} after each round (MB): {shown}   growth first→last round: {growth:+.0f} MB")


if __name__ == "__main__":
    main()
