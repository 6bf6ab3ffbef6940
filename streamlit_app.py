"""Kostnadsmodell: the what-if app. A thin page over the engine; read it as a table of contents."""

import streamlit as st

from costmodel.engine import compute, whatif
from costmodel.errors import ScenarioError
from costmodel.ui import controls, panels, source

st.set_page_config(
    page_title="Kostnadsmodell – kjøpe eller bygge selv?",
    layout="wide",
    initial_sidebar_state="collapsed" if st.query_params.get("visning") == controls.PRESENTATION else "auto",
)

picked = source.pick()
if picked is None:
    st.stop()
key, scenario = picked

if st.session_state.get("controls_for") != key:
    # A new scenario for this session: controls start at the file's values, or on the first page
    # load at the values a shared link carries.
    first_load = "controls_for" not in st.session_state
    link = {k: v for k, v in st.query_params.items() if k not in controls.VIEW_PARAMS} if first_load else {}
    controls.clear_state()
    changes, problems = controls.changes_from_query(scenario, link)
    problems += controls.seed_state(scenario, changes)
    st.session_state["link_problems"] = st.session_state.get("link_problems", []) + problems
    st.session_state["controls_for"] = key

presenting = controls.presentation_toggle()
controls.sidebar(scenario)
changes = controls.current_changes(scenario)
st.query_params.from_dict({"scenario": key, **controls.view_query(presenting), **whatif.to_query(changes)})
if not presenting:
    panels.header(scenario, changes)

try:
    current = whatif.apply(scenario, changes)
except ScenarioError as exc:
    source.show_problems("Disse verdiene gir ikke et gyldig scenario:", exc.problems)
    st.stop()

result = compute(current)
panels.save_panel(current)
panels.workbook_download(result)
if presenting:
    panels.presentation(result, whatif.describe(scenario, changes))
else:
    panels.key_figures(result)
    panels.tabs(result)
