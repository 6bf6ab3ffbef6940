"""Where the app's scenario comes from: a bundled file in budgets/, a saved one, or a user's upload.

An upload is kept on the server under an id derived from its content (storage.share), so the page's
address (`?scenario=delt:ID`) reopens it for anyone who has the link. A link that names a scenario that
is not here shows a message and no figures, in every mode: never another municipality's numbers.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from costmodel.errors import Problem, ScenarioError
from costmodel.scenario import Scenario, load_scenario, storage
from costmodel.scenario.messages import in_words, place
from costmodel.ui import controls
from costmodel.workbook.read import read_workbook
from costmodel.yamlsafe import MAX_BYTES

BUDGETS = Path(__file__).resolve().parents[2] / "budgets"
DEFAULT = "land-2017.yaml"
SAVED = "lagret:"
SHARED = "delt:"
NONE = ""  # the picker's value while a link names a scenario that is not here


def bundled() -> list[str]:
    """Scenario files in budgets/ (file names), the Land scenario first."""
    names = sorted(p.name for p in BUDGETS.glob("*.yaml"))
    return sorted(names, key=lambda n: n != DEFAULT)


@st.cache_resource(show_spinner=False, max_entries=32)
def load_bundled(name: str, modified: float) -> Scenario:
    """A bundled scenario, parsed once per file version and shared: a frozen model that no caller changes (a
    what-if makes a new one), so no copy per run (cache_data would unpickle it on every slider move)."""
    return load_scenario(BUDGETS / name)


def missing(name: str) -> None:
    """A link to a scenario that is not here: say so plainly, and show no figures."""
    st.error(
        f"**Scenariet i lenken finnes ikke på denne serveren** (`{name[:80]}`). Det kan være slettet, eller lenken "
        "er skrevet av feil. Ingen tall vises. Velg et scenario i menyen til venstre, eller last opp filen på nytt."
    )


def show_problems(title: str, problems: list[Problem]) -> None:
    st.error(
        title
        + "\n\n"
        + "\n".join(
            f"- {place(p.path)}: {in_words(p.message)}" if p.path else f"- {in_words(p.message)}" for p in problems
        )
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def load_shared(ident: str, modified: float) -> Scenario:
    """A shared upload, parsed once per file version and shared, as load_bundled."""
    return load_scenario(storage.USER_DIR / storage.SHARED / f"{ident}.yaml")


def _shared(key: str) -> Scenario | None:
    path = storage.shared_path(key.removeprefix(SHARED))
    return None if path is None else load_shared(path.stem, path.stat().st_mtime)


def _title(option: str) -> str:
    if option == NONE:
        return "(velg et scenario)"
    if option.startswith(SHARED):
        try:
            scenario = _shared(option)
        except ScenarioError:
            scenario = None
        return f"Opplastet: {scenario.name if scenario else 'finnes ikke lenger'}"
    if option.startswith(SAVED):
        return f"Lagret: {option.removeprefix(SAVED)}"
    return option


def adopt(scenario: Scenario, title: str) -> None:
    """Make a scenario built in the app (e.g. with a capacity need added) this session's scenario, as an upload
    would be: kept under shared/ so its link works for others too."""
    try:
        key = SHARED + storage.share(storage.serialise(scenario, title))
    except (storage.SaveError, OSError) as exc:
        st.session_state["upload_problems"] = (title, [Problem("", str(exc))])
        return
    st.session_state.setdefault("shared_names", {})[key] = title
    st.session_state["source"] = key


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
        key = SHARED + storage.share(data)
    except (ScenarioError, storage.SaveError, OSError) as exc:
        problems = exc.problems if isinstance(exc, ScenarioError) else [Problem("", str(exc))]
        st.session_state["upload_problems"] = (file.name, problems)
        return
    st.session_state.setdefault("shared_names", {})[key] = file.name  # this session's uploads, for the picker
    st.session_state.pop("upload_problems", None)
    st.session_state["source"] = key


def pick() -> tuple[str, Scenario] | None:
    """The scenario picker and upload in the sidebar; returns (source key, scenario), or None after an error."""
    names = bundled() + [SAVED + p.stem for p in storage.saved()]
    wanted = st.query_params.get("scenario", DEFAULT)
    if "source" not in st.session_state:
        found = wanted in names or (wanted.startswith(SHARED) and storage.shared_path(wanted[len(SHARED) :]))
        st.session_state["source"] = wanted if found else NONE
        st.session_state["missing"] = None if found else wanted
    shared = [
        k for k in [*st.session_state.get("shared_names", {}), st.session_state["source"]] if k.startswith(SHARED)
    ]
    options = ([NONE] if st.session_state["source"] == NONE else []) + names + list(dict.fromkeys(shared))
    with st.sidebar:
        st.title("Kostnadsmodell")
        controls.hold("source")
        st.selectbox("Scenario", options, key="source", format_func=_title)
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
    if key == NONE:
        missing(st.session_state.get("missing") or "")
        return None
    try:
        if key.startswith(SHARED):
            scenario = _shared(key)
            if scenario is None:
                missing(key)
                return None
            return key, scenario
        if key.startswith(SAVED):
            return key, load_scenario(storage.USER_DIR / f"{storage.slug(key.removeprefix(SAVED))}.yaml")
        return key, load_bundled(key, (BUDGETS / key).stat().st_mtime)
    except (ScenarioError, OSError, storage.SaveError) as exc:
        problems = exc.problems if isinstance(exc, ScenarioError) else [Problem("", str(exc))]
        show_problems(f"Scenariet «{key}» kan ikke leses:", problems)
        return None
