"""What the browser tests and the app benchmark share: Chromium's flags, a Streamlit server on a free port,
and typing into a data editor's cells with the keyboard, as a person does."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
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
IDLE = "[data-testid='stApp']"
EDITOR_INPUT = "#portal textarea, #portal input"  # the data editor's cell editor, when open


@contextlib.contextmanager
def browser_page(height: int = 1200, **options):
    """A page 1400 px wide in a fresh headless Chromium, closed afterwards (`page.context.browser` opens more)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            options.setdefault("viewport", {"width": 1400, "height": height})
            yield browser.new_page(**options)
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(
    script: Path = ROOT / "streamlit_app.py", port: int | None = None, env: dict | None = None, server=None, cwd=ROOT
):
    """`streamlit run SCRIPT` on a free port (or `port`), with extra environment variables, in `cwd` (whose
    `.streamlit/` holds the settings and secrets); yields the app's address (and, with `server=list`, appends the
    process to it, for its memory)."""
    port = port or free_port()
    process = subprocess.Popen(
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
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    if server is not None:
        server.append(process)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), 0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"{script.name} did not start")
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=20)


def settled(page, timeout: int = 30_000) -> None:
    """Wait until the script has finished its run."""
    from playwright.sync_api import expect

    expect(page.locator(IDLE)).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)


def select_row_start(page, grid, row: int) -> None:
    """Select the first cell of a data editor's row. A click focuses the grid, selects the cell, or (on a
    selected cell) opens its editor: click until it is selected or open, and close an open editor."""
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    for _ in range(2):
        page.mouse.click(box["x"] + 50, box["y"] + 35 * (row + 1) + 17)
        page.wait_for_timeout(400)
        if page.locator(EDITOR_INPUT).count():
            page.keyboard.press("Escape")
            page.wait_for_timeout(200)
            return


def open_cell(page, grid, row: int, column: int) -> None:
    """Open one cell's editor: select the row's first cell, move right, press Enter (tried again if the grid's
    focus had not settled after a rerun)."""
    from playwright.sync_api import expect

    for _attempt in range(3):
        select_row_start(page, grid, row)
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        if page.locator(EDITOR_INPUT).count():
            break
        page.keyboard.press("Escape")
    expect(page.locator(EDITOR_INPUT).first).to_be_visible(timeout=5_000)


def grid_cell(page, grid, row: int, column: int, text: str) -> None:
    """Type into one cell of a data editor: open it, type, commit with Tab (Enter would step into the add-row),
    wait for the rerun."""
    open_cell(page, grid, row, column)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.wait_for_timeout(300)
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    settled(page)


def grid_toggle(page, grid, row: int, column: int) -> None:
    """Tick a checkbox cell: select the row's first cell, move right, press Space."""
    select_row_start(page, grid, row)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.wait_for_timeout(500)
    settled(page)
