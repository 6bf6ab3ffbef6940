"""What the app does once per server process or once per page, below the page itself: keeping Streamlit's
garbage collection off the slider's path, and keeping the browser's history to real steps."""

from __future__ import annotations

import gc
import os

import streamlit as st

# After every run Streamlit collects garbage on the script thread (`runner.postScriptGC`), holding the interpreter
# lock while the last messages of the run wait: about 70 ms per slider move in this process, more while a browser
# competes for the cores, because the collection walks every long-lived object (pandas, altair, pydantic, numpy
# and our caches). Moving the objects alive after the first full run into the permanent generation once
# (gc.freeze) takes the collection to a few milliseconds; objects made later are collected as before, so memory
# stays bounded (`make bench`, bench_load.py). KOSTNADSMODELL_GC_FREEZE=0 turns it off, for the benchmark.
FREEZE = os.environ.get("KOSTNADSMODELL_GC_FREEZE", "1") != "0"


@st.cache_resource(show_spinner=False)
def _freeze_long_lived() -> bool:
    gc.collect()
    gc.freeze()
    return True


def freeze_after_first_run() -> None:
    """Call at the end of a run: the first run in the process has imported and warmed everything long-lived."""
    if FREEZE:
        _freeze_long_lived()


# Streamlit writes the what-if into the address with history.pushState, so every slider step became a history
# entry and Back walked through them. Within the same scenario and view (and when the landing address is first
# written out in full) the address is replaced instead; a new scenario or view is still a step of its own. Our
# own constant script, run once per page.
HISTORY_SCRIPT = """<script>
(() => {
  if (window.__kostnadsmodellHistory) return;
  window.__kostnadsmodellHistory = true;
  const push = window.history.pushState.bind(window.history);
  const same = (url) => {
    const next = new URL(url, window.location.href);
    const now = new URL(window.location.href);
    const first = !now.searchParams.has("scenario");  // the landing address, now written out in full
    return next.pathname === now.pathname && (first || (
      next.searchParams.get("scenario") === now.searchParams.get("scenario")
      && next.searchParams.get("visning") === now.searchParams.get("visning")));
  };
  window.history.pushState = (state, title, url) =>
    url !== undefined && url !== null && same(url)
      ? window.history.replaceState(state, title, url)
      : push(state, title, url);
})();
</script>"""


def replace_history_steps() -> None:
    st.html(HISTORY_SCRIPT, unsafe_allow_javascript=True)
