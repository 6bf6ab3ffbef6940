"""The app's start-up in a real browser: a cold server and a link on a warm one, each against the static page.

- **Cold server:** from `streamlit run` (the process started) until the first key figure shows in Chromium, for the
  app on the bundled Land scenario and for the static page of the same size (bench/static_app.py), in turns.
- **Warm server:** from opening an address in a new browser tab (a new Streamlit session) until its first key
  figure shows: the landing page, a what-if address, a link shared from the store with a what-if on it,
  presentation mode, and the static page, in turns. Each server has answered once before the rounds begin.

The app runs on a store of its own in a temporary folder, created (migrated) before the first cold start, as a
server that has run before has it.

Each ratio is taken within its round; prints medians with the middle half, the machine's load, and the aims of
issue 26: a link on a warm server at most 1,2 × the static page's first render, a cold server at most 2 × the
static page's cold start.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from browser_kit import ARGS, CHROMIUM, ROOT, serve
from measure import load, ratios, spread

COLD_ROUNDS = 5
WARM_ROUNDS = 15
APP, STATIC = ROOT / "streamlit_app.py", ROOT / "bench" / "static_app.py"
FIGURE = "[class*='st-key-{}'] [data-testid='stMetricValue']"
LINKS = {  # what a council member opens, and where the first key figure is ({token}: the shared link)
    "landing": ("", FIGURE.format("figures-plan")),
    "what-if address": ("?scenario=land-2017.yaml&plan.oppbemanning.fte=5", FIGURE.format("figures-plan")),
    "shared link + what-if": ("?scenario=delt:{token}&plan.oppbemanning.fte=5", FIGURE.format("figures-plan")),
    "presentation": ("?scenario=land-2017.yaml&visning=presentasjon", FIGURE.format("presentation-plan")),
}
STATIC_FIGURE = FIGURE.format("figures-plan")


def prepared_store(folder: Path) -> str:
    """A store in `folder`, migrated, with Land shared as a link; the link's token."""
    os.environ["COSTMODEL_USER_DIR"] = str(folder)
    from costmodel.store import database, links, members

    db = database.connect()
    database.upgrade(db)
    members.ensure_local(db)
    land = (ROOT / "budgets" / "land-2017.yaml").read_bytes()
    return links.share(db, members.LOCAL_USER, members.LOCAL, "Land – delt lenke", land)


def first_figure(browser, url: str, figure: str, start: float | None = None) -> float:
    """Seconds from `start` (default: now) until `figure` shows on `url` in a new tab (a new session)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter() if start is None else start
    page.goto(url)
    page.wait_for_selector(figure, timeout=120_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def cold(browser, script, figure: str, env: dict) -> float:
    start = time.perf_counter()
    with serve(script, env=env) as url:
        return first_figure(browser, url, figure, start)


def main() -> None:
    if not os.path.exists(CHROMIUM):
        print("Start-up benchmark skipped: Chromium not found (apt-get install chromium).")
        return
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="kostnadsmodell-bench-"))
    env = {"COSTMODEL_USER_DIR": str(folder)}
    token = prepared_store(folder)
    before = load()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        colds: dict[str, list[float]] = {"app": [], "static": []}
        for k in range(COLD_ROUNDS):
            for name in ["app", "static"] if k % 2 == 0 else ["static", "app"]:
                script, figure = (APP, FIGURE.format("figures-plan")) if name == "app" else (STATIC, STATIC_FIGURE)
                colds[name].append(cold(browser, script, figure, env))
        warms: dict[str, list[float]] = {name: [] for name in [*LINKS, "static"]}
        with serve(APP, env=env) as app, serve(STATIC, env=env) as static:
            targets = {name: (app + query.format(token=token), figure) for name, (query, figure) in LINKS.items()}
            targets["static"] = (static, STATIC_FIGURE)
            for url, figure in targets.values():  # each server answers once before the rounds
                first_figure(browser, url, figure)
            names = list(targets)
            for k in range(WARM_ROUNDS):
                for name in names[k % len(names) :] + names[: k % len(names)]:
                    warms[name].append(first_figure(browser, *targets[name]))
        browser.close()

    print(f"Start-up benchmark: headless Chromium; {before} before, {load()} after")
    print(f"  cold server, {COLD_ROUNDS} starts each, from `streamlit run` to the first key figure:")
    print(f"    kostnadsmodell (Land)                   {spread(colds['app'])}")
    print(f"    static page                             {spread(colds['static'])}")
    print(
        f"    ratio app / static:                     {spread(ratios(colds['app'], colds['static']), 'x', 1)}"
        "   (aim: at most 2 x)"
    )
    print(f"  warm server, {WARM_ROUNDS} openings each in a new tab, to the first key figure:")
    for name in warms:
        print(f"    {name:<40}{spread(warms[name])}")
    for name in LINKS:
        label = f"ratio {name} / static:"
        print(f"    {label:<40}{spread(ratios(warms[name], warms['static']), 'x', 1)}   (aim: at most 1.2 x)")


if __name__ == "__main__":
    main()
