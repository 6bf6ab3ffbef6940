"""A static page built to mirror the app's page on the Land scenario: the same kinds and number of elements
(sidebar controls in expanders, key figures in columns, tabs with two charts and a table), no computation.

The app benchmark moves its first slider; one metric follows it. Its latency is what Streamlit costs for a page
of this size, so `ratio app / static` is the app's own overhead. `bench_app.py` prints the element counts of
both pages, so a drift between them shows.
"""

import streamlit as st

st.set_page_config(page_title="Statisk side", layout="wide")

YEARS = ["2017", "2018", "2019", "2020"]
ANNUAL = {
    "data": {
        "values": [
            {"Alternativ": a, "År": y, "mill": v}
            for a, values in (("Fortsatt innleie", [3.7] * 4), ("Rådmannens forslag", [3.6, 2.1, 2.1, 2.1]))
            for y, v in zip(YEARS, values)
        ]
    },
    "mark": "bar",
    "encoding": {
        "x": {"field": "År", "type": "ordinal"},
        "xOffset": {"field": "Alternativ"},
        "y": {"field": "mill", "type": "quantitative"},
        "color": {"field": "Alternativ"},
    },
}
CUMULATIVE = {
    "data": {
        "values": [
            {"Alternativ": a, "måned": k, "mill": k * step}
            for a, step in (("Fortsatt innleie", 0.308), ("Rådmannens forslag", 0.206))
            for k in range(48)
        ]
    },
    "mark": {"type": "line", "interpolate": "step-after"},
    "encoding": {
        "x": {"field": "måned", "type": "quantitative"},
        "y": {"field": "mill", "type": "quantitative"},
        "color": {"field": "Alternativ"},
    },
}

# --- the sidebar: scenario, upload, editor, help, presentation, what-if controls in expanders ---------------
side = st.sidebar
side.title("Kostnadsmodell")
side.selectbox("Scenario", ["land-2017.yaml"], key="scenario")
side.file_uploader("Last opp et scenario", key="upload")
with side.expander("Ny modell eller rediger"):
    st.selectbox("Start fra", ["Tom modell"], key="template")
    st.button("Ny modell", key="new")
    st.button("Rediger en kopi", key="copy")
side.toggle("Hjelp", key="help")
side.toggle("Presentasjonsmodus", key="present")
side.header("Hva om?")
with side.expander("Navngitte forutsetninger", expanded=True):
    st.caption("Hver verdi gjelder alle linjene som bruker den.")
    st.number_input("Pris per innleid årsverk (kr)", value=1_400_000, key="price")
with side.expander("Felles forutsetninger"):
    for k in range(3):
        st.slider(f"Sats {k}", 0.0, 1.0, 0.2, key=f"rate{k}")
    st.number_input("Overhead", value=0, key="overhead")
    st.radio("Prisgrunnlag", ["Faste", "Løpende"], key="prices")
with side.expander("Felles linjer"):
    st.number_input("Beløp", value=-500_000, key="fixed")
    st.select_slider("Start", YEARS, key="fixed-start")
    st.select_slider("Slutt", YEARS, key="fixed-end")
with side.expander("Fortsatt innleie"):
    st.slider("Årsverk ", 0.0, 10.0, 3.0, key="consultants")
    st.select_slider("Start ", YEARS, key="c-start")
    st.select_slider("Slutt ", YEARS, key="c-end")
with side.expander("Rådmannens forslag", expanded=True):
    moved = st.slider("Årsverk", 0.0, 100.0, 4.0, step=0.1, key="x")  # the benchmark moves this one
    for k in range(6):
        st.slider(f"Verdi {k}", 0.0, 10.0, 3.0, key=f"v{k}")
    st.select_slider("Start  ", YEARS, key="p-start")
    st.select_slider("Slutt  ", YEARS, key="p-end")
    st.select_slider("Start   ", YEARS, key="q-start")
    st.number_input("Kostnad per årsverk", value=650_000, key="cost")
    st.radio("Indeks", ["lønn", "priser"], key="index")
with side.expander("Kapasitet"):
    st.select_slider("År", YEARS, key="cap-year")
    st.markdown("Behov per år")
side.button("Lagre", key="save")
side.text_input("Navn", key="name")
side.download_button("Last ned regneark", b"x", key="dl1")
side.download_button("Last ned presentasjon", b"x", key="dl2")
side.download_button("Last ned saksframlegg", b"x", key="dl3")
side.download_button("Last ned YAML", b"x", key="dl4")

# --- the page: title, what changed, notices, key figures, tabs --------------------------------------------
st.html("<style>@media print { button { display: none; } }</style>")
st.title("Land barnevernstjeneste – budsjett 2017–2020")
st.caption("Nordre Land / Søndre Land · januar 2017, 48 måneder · faste 2017-kroner")
st.warning("Alternativene gir ulik kapasitet; sammenligningen er ikke lik for lik.")
notes = st.columns(2)
notes[0].caption("Beløp i faste 2017-kroner")
notes[1].caption("Referanseparametre versjon 2026-11")
st.button("Hold alle alternativene til samme behov", key="need")
for alternative, figures, ident in (("Fortsatt innleie", 3, "innleie"), ("Rådmannens forslag", 5, "plan")):
    with st.container(key=f"figures-{ident}"):
        st.subheader(alternative)
        columns = st.columns(figures)
        for k, column in enumerate(columns):
            moving = alternative != "Fortsatt innleie" and k == 1
            value = f"{moved * 0.65:.3f} mill. kr".replace(".", ",") if moving else "3,7 mill. kr"
            column.metric(f"Tall {k}", value, help="Forklaring")
        with st.expander("Slik er tallene regnet ut"):
            st.markdown("Årsnivå = summen av alle linjers månedsbeløp i året.")
tabs = st.tabs(["Oversikt", "Budsjettendringer", "Årsverk", "Usikkerhet", "Virkninger", "Tabell", "Hovedbok"])
with tabs[0]:
    left, right = st.columns(2)
    left.vega_lite_chart(ANNUAL, width="stretch")
    right.vega_lite_chart(CUMULATIVE, width="stretch")
    st.table({"Alternativ": ["Fortsatt innleie", "Rådmannens forslag"], **{y: ["3 700 000 kr"] * 2 for y in YEARS}})
st.markdown("Kilde: bench/static_app.py")
