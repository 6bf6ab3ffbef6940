"""Where the app's scenario comes from: a bundled file in budgets/ or a user's upload."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from costmodel.errors import Problem, ScenarioError
from costmodel.scenario import Scenario, load_scenario, storage
from costmodel.workbook.read import read_workbook
from costmodel.yamlsafe import MAX_BYTES

BUDGETS = Path(__file__).resolve().parents[2] / "budgets"
DEFAULT = "land-2017.yaml"
UPLOAD = "upload"
SAVED = "lagret:"


def bundled() -> list[str]:
    """Scenario files in budgets/ (file names), the Land scenario first."""
    names = sorted(p.name for p in BUDGETS.glob("*.yaml"))
    return sorted(names, key=lambda n: n != DEFAULT)


@st.cache_data(show_spinner=False, max_entries=32)
def load_bundled(name: str, modified: float) -> Scenario:
    """A bundled scenario, parsed once per file version (the result is a frozen model, copied per caller)."""
    return load_scenario(BUDGETS / name)


def show_problems(title: str, problems: list[Problem]) -> None:
    st.error(title + "\n\n" + "\n".join(f"- `{p.path}`: {p.message}" if p.path else f"- {p.message}" for p in problems))


def _title(option: str, uploaded) -> str:
    if option == UPLOAD:
        return f"Opplastet: {uploaded[0]}"
    if option.startswith(SAVED):
        return f"Lagret: {option.removeprefix(SAVED)}"
    return option


def _take_upload() -> None:
    """Callback of the uploader: check the file, and make it the scenario if it is valid."""
    file = st.session_state.get("upload_widget")
    if file is None:
        return
    data = file.getvalue()
    try:
        if file.name.lower().endswith(".xlsx"):
            data = storage.serialise(read_workbook(data), file.name)  # checked, then kept as YAML
        elif len(data) > MAX_BYTES:
            raise ScenarioError(Problem("", f"filen er for stor (over {MAX_BYTES // 1_000_000} MB)"))
        load_scenario(data)
    except (ScenarioError, storage.SaveError) as exc:
        problems = exc.problems if isinstance(exc, ScenarioError) else [Problem("", str(exc))]
        st.session_state["upload_problems"] = (file.name, problems)
        return
    st.session_state["uploaded"] = (file.name, data)
    st.session_state.pop("upload_problems", None)
    st.session_state["source"] = UPLOAD


def pick() -> tuple[str, Scenario] | None:
    """The scenario picker and upload in the sidebar; returns (source key, scenario), or None after an error."""
    names = bundled() + [SAVED + p.stem for p in storage.saved()]
    wanted = st.query_params.get("scenario", DEFAULT)
    uploaded = st.session_state.get("uploaded")
    options = names + ([UPLOAD] if uploaded else [])
    if "source" not in st.session_state:
        st.session_state["source"] = wanted if wanted in options else DEFAULT
        if wanted not in options:
            st.session_state["link_problems"] = [Problem("scenario", f"scenariet «{wanted}» finnes ikke her")]
    with st.sidebar:
        st.title("Kostnadsmodell")
        st.selectbox("Scenario", options, key="source", format_func=lambda n: _title(n, uploaded))
        st.file_uploader(
            "Last opp et scenario (YAML eller regneark)",
            type=["yaml", "yml", "xlsx"],
            key="upload_widget",
            on_change=_take_upload,
        )
    if "upload_problems" in st.session_state:
        name, problems = st.session_state["upload_problems"]
        show_problems(f"Filen «{name}» kan ikke brukes:", problems)
    key = st.session_state["source"]
    try:
        if key == UPLOAD:
            return key, load_scenario(st.session_state["uploaded"][1])
        if key.startswith(SAVED):
            return key, load_scenario(storage.USER_DIR / f"{storage.slug(key.removeprefix(SAVED))}.yaml")
        return key, load_bundled(key, (BUDGETS / key).stat().st_mtime)
    except (ScenarioError, OSError, storage.SaveError) as exc:
        problems = exc.problems if isinstance(exc, ScenarioError) else [Problem("", str(exc))]
        show_problems(f"Scenariet «{key}» kan ikke leses:", problems)
        return None
