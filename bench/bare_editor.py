"""The bare Streamlit app the editor's cell edits are compared with: one data editor, one figure."""

import pandas as pd
import streamlit as st

table = st.data_editor(pd.DataFrame({"id": ["a"], "tekst": ["A"], "verdi": [3.0]}), hide_index=True, key="x")
st.metric("Resultat", f"{table['verdi'].sum() * 2:.1f}")
