"""Drawing a chart spec (report/charts.py) in the page, with its data sent as Arrow.

Streamlit turns each dataset of a Vega-Lite spec into Arrow IPC bytes through pandas on every run (about a
millisecond a chart); datasets that are already Arrow bytes are passed on as they are. pyarrow builds them from the
records directly, twenty times faster, which a slider move feels (`make bench`).
"""

from __future__ import annotations

import re

import pyarrow as pa
import streamlit as st

from costmodel import formatting as fmt


def arrow(records: list[dict]) -> bytes:
    """Records as Arrow IPC stream bytes, as Streamlit sends a dataset."""
    table = pa.Table.from_pylist(records)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


DRAWN = "charts_drawn"  # titles drawn in this run, and how often (new_run clears it)


def new_run() -> None:
    """At the start of every run: no chart drawn yet."""
    st.session_state.pop(DRAWN, None)


def title(spec: dict) -> str:
    """The chart's title as text (Vega-Lite allows a string, a list of lines, or a mapping with `text`; a layered
    chart may carry it on its first layer)."""
    found = spec.get("title") or next((layer["title"] for layer in spec.get("layer", []) if "title" in layer), "")
    found = found.get("text", "") if isinstance(found, dict) else found
    return " ".join(found) if isinstance(found, list) else str(found)


def draw(spec: dict, where=None) -> None:
    """The chart at full width in `where` (the page by default), with a text alternative that names it (WCAG
    1.1.1) and its figures as a table one click away (WCAG 1.1.1, 1.4.1: nothing is shown by colour alone)."""
    place = where or st
    name = title(spec) or "diagram"
    datasets = spec.get("datasets") or {}
    shown = {**spec, "description": f"Diagram: {name}. Tallene står i tabellen under diagrammet."}
    if datasets:
        shown["datasets"] = {key: arrow(records) if records else records for key, records in datasets.items()}
    place.vega_lite_chart(shown, width="stretch")
    records = next((r for r in datasets.values() if r), None)
    if records:  # filled only when opened: a slider move sends a closed expander and no table
        stem = re.sub(r"\W+", "-", name.lower()).strip("-")[:60]
        drawn = st.session_state.setdefault(DRAWN, {})
        drawn[stem] = drawn.get(stem, 0) + 1  # two charts of one title on a page: two keys
        key = f"chart-data-{stem}-{drawn[stem]}"
        box = place.expander(f"Tallene i diagrammet «{name}»", key=key, on_change="rerun")
        if box.open:
            import pandas as pd

            box.dataframe(pd.DataFrame(records).map(_readable), hide_index=True, width="stretch")


def _readable(value):
    """A figure as the page writes figures (`3 700 000`, `3,7`); text as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return fmt.number(value, 0 if abs(value) >= 100 else 1)
