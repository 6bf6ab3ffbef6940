"""Drawing a chart spec (report/charts.py) in the page, with its data sent as Arrow.

Streamlit turns each dataset of a Vega-Lite spec into Arrow IPC bytes through pandas on every run (about a
millisecond a chart); datasets that are already Arrow bytes are passed on as they are. pyarrow builds them from the
records directly, twenty times faster, which a slider move feels (`make bench`).
"""

from __future__ import annotations

import pyarrow as pa
import streamlit as st


def arrow(records: list[dict]) -> bytes:
    """Records as Arrow IPC stream bytes, as Streamlit sends a dataset."""
    table = pa.Table.from_pylist(records)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def draw(spec: dict, where=None) -> None:
    """The chart at full width in `where` (the page by default)."""
    datasets = spec.get("datasets")
    if datasets:
        spec = {
            **spec,
            "datasets": {name: arrow(records) if records else records for name, records in datasets.items()},
        }
    (where or st).vega_lite_chart(spec, width="stretch")
