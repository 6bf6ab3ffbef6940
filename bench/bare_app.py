"""The bare Streamlit app the app benchmark compares with: one slider, one figure."""

import streamlit as st

value = st.slider("Verdi", 0.0, 1000.0, 500.0, step=1.0, key="x")
st.metric("Resultat", f"{value * 2:.1f}")
