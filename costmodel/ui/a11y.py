"""Universell utforming on every page (WCAG 2.1 AA): the page's language, contrast, a visible focus, and
Norwegian names for what Streamlit itself writes in English.

Streamlit writes `<html lang="en">`, captions in a grey of 3,8:1, and English names («Skip to main content»,
«Upload», «Main menu», «Help for …»). One style and one small script, run on every page, set `lang="nb"`, darken
the captions to 6,8:1, give every focusable element a visible outline, and rename those texts as Streamlit draws
them (a MutationObserver: widgets are redrawn on every run). docs/tilgjengelighet.md lists what is met and what
is not.
"""

from __future__ import annotations

import json

import streamlit as st

STYLE = """<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; }  /* Streamlit fades captions to 3,8:1 */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #595653 !important; }
[data-testid="stProgress"] p, [data-testid="stProgress"] div { color: #595653 !important; opacity: 1 !important; }
[data-testid="stFileUploaderDropzoneInstructions"] span, [data-testid="stFileUploaderDropzoneInstructions"] small
  { color: #595653 !important; opacity: 1 !important; }
[data-testid="stCheckbox"] label:not([data-selected]) > div:first-of-type
  { background-color: #8c8a87 !important; }  /* a switch that is off: its track at 3,3:1, not 1,5:1 (react-aria
  marks an on switch data-selected; no :has(), which the browser rechecks on every redraw) */
:focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px !important; }
[data-testid="stCheckbox"] label:focus-within, [data-baseweb="checkbox"]:focus-within
  { outline: 3px solid #1d4ed8; outline-offset: 2px; border-radius: 4px; }
</style>"""

# What Streamlit writes in English, and the Norwegian the page shows (text) or a screen reader hears (label).
NAMES = {
    "Skip to main content": "Gå til hovedinnholdet",
    "Upload": "Last opp",
    "Browse files": "Velg fil",
    "Drag and drop file here": "Dra og slipp filen her",
    "Main menu": "Hovedmeny",
    "Press Enter to apply": "Trykk Enter for å bruke",
    "Select all": "Velg alle",
    "Show password text": "Vis passord",
    "Fullscreen": "Fullskjerm",
    "Close fullscreen": "Lukk fullskjerm",
    "Download as CSV": "Last ned som CSV",
    "Search": "Søk",
    "Close": "Lukk",
    "Clear all": "Tøm",
    "Collapse sidebar": "Skjul sidepanelet",
    "Expand sidebar": "Vis sidepanelet",
    "Sidebar": "Sidepanel",
    "file upload": "filopplasting",
    "Open": "Åpne",
    "Clear value": "Tøm feltet",
    "Link to heading": "Lenke til overskriften",
}
SCRIPT = """<script>
(() => {
  if (window.__kostnadsmodellNorsk) return;
  window.__kostnadsmodellNorsk = true;
  const names = %NAMES%;
  const perFile = /^(\\d+)MB per file/;
  const named = "[aria-label], [title], button, a, span, small, p";
  const rename = (root) => {
    const found = [...root.querySelectorAll(named)];
    if (root.matches && root.matches(named)) found.push(root);
    for (const el of found) {
      for (const attribute of ["aria-label", "title"]) {
        const value = el.getAttribute(attribute);
        if (!value) continue;
        if (names[value]) el.setAttribute(attribute, names[value]);
        else if (value.startsWith("Help for ")) el.setAttribute(attribute, "Hjelp for " + value.slice(9));
      }
      if (el.children.length === 0) {
        const text = el.textContent;
        if (names[text]) el.textContent = names[text];
        else if (perFile.test(text)) {
          el.textContent = text.replace(perFile, "Høyst $1 MB per fil").replace(" • ", " · ");
        }
      }
    }
  };
  // Setting lang, even to the same value, makes the browser restyle the whole page: only when it differs.
  const norwegian = () => { if (document.documentElement.lang !== "nb") document.documentElement.lang = "nb"; };
  norwegian();
  rename(document);
  let added = [];  // only what a run adds is looked at, at most once a frame: a slider step adds little
  new MutationObserver((records) => {
    if (added.length === 0) {
      requestAnimationFrame(() => {
        const roots = added;
        added = [];
        norwegian();
        for (const root of roots) if (root.isConnected) rename(root);
      });
    }
    for (const record of records) {
      for (const node of record.addedNodes) {
        const element = node.nodeType === 1 ? node : node.parentElement;  // a text changed: its element
        if (element && !(element instanceof SVGElement)) added.push(element);  // a chart redraws its own marks
      }
    }
  }).observe(document.body, {childList: true, subtree: true});
})();
</script>""".replace("%NAMES%", json.dumps(NAMES, ensure_ascii=False))


def page() -> None:
    """The style and the script, first thing on every page."""
    st.html(STYLE)
    st.html(SCRIPT, unsafe_allow_javascript=True)
