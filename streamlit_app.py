"""Kostnadsmodell: the what-if app. A thin page over the engine; read it as a table of contents."""

import streamlit as st

from costmodel.engine import compute, whatif
from costmodel.errors import ScenarioError
from costmodel.ui import a11y, account, admin, chart, controls, editor, help, panels, runtime, source

st.set_page_config(
    page_title="Kostnadsmodell – kjøpe eller bygge selv?",
    layout="wide",
    initial_sidebar_state=controls.initial_sidebar(),
)

controls.begin_run()  # whether a control's move started this run, taken before anything can cut it short
chart.new_run()  # the charts' tables are keyed by title and count within the run
a11y.page()  # Norwegian language and names, contrast and a visible focus, on every page (WCAG 2.1 AA)
runtime.replace_history_steps()  # a slider step replaces the address; Back leaves the what-if
account.begin()  # the store, the signed-in user and their organisation; or the sign-in page
picked = source.pick()
editor.resume()  # a draft's address reopens it
editor.start_panel(picked)
if help.toggle():  # the user guide in place of the page, until switched off
    help.view()
    st.stop()
if admin.toggle():  # links, members and the audit trail in place of the page
    admin.view()
    st.stop()
if st.session_state.get(editor.EDITING):  # «Ny modell»: the editor, and the figures of its last valid version
    panels.page_style()  # key figures that fit their columns here too
    built = editor.view()
    if built is not None:
        panels.warnings(built)  # what is valid but probably not meant (a purchase that delivers nothing, …)
        built_result = compute(built)
        panels.workbook_download(built_result)
        panels.council_downloads(built_result, [])
        panels.key_figures(built_result, notice=False)
        if built.effects or built.partners:  # what the council sees beside the kroner, as it is being built
            panels.effects(built_result)
            panels.partners(built_result)
    st.stop()
if picked is None:
    st.stop()
key, scenario = picked

panels.page_style()
controls.start(scenario, key)
presenting = controls.presentation_toggle()
changes = controls.current_changes(scenario)  # the widgets' values are in the session before they are drawn
address = {"scenario": key, **controls.view_query(presenting), **whatif.to_query(changes)}
landing = not st.query_params and address == {"scenario": source.DEFAULT}  # that address stays until something changes
try:
    current = whatif.apply(scenario, changes)
except ScenarioError as exc:
    controls.sidebar(scenario, scenario)
    source.show_problems("Disse verdiene gir ikke et gyldig scenario:", exc.problems)
    st.query_params.from_dict(address)
    st.stop()
controls.sidebar(scenario, current)  # month controls span the horizon as the what-if sets it
changed = whatif.describe(scenario, changes)  # what the figures on screen differ from the file by
if not presenting:
    panels.header(scenario, current, changed)
panels.warnings(current)

result = compute(current)
panels.save_panel(current, key)
panels.workbook_download(result)
panels.council_downloads(result, changed)
if presenting:
    panels.presentation(result, changed)
else:
    panels.key_figures(result)
    panels.tabs(result, key)
if not landing:  # written last: the browser redraws the page for a new address together with the run's end
    st.query_params.from_dict(address)
runtime.freeze_after_first_run()  # once per process, when everything long-lived is warm
