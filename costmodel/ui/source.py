"""Where the app's scenario comes from: a bundled file in budgets/, a saved version in the store, or a link.

Keys, as the address carries them (`?scenario=…`): a bundled file's name; `lagret:ORG/NAME` (the latest
version) or `lagret:ORG/NAME@N` (version N) of a saved scenario; `delt:TOKEN`, a link (an upload, or a
scenario built in the app). Every load asks the store, so access is checked on every run: a link that names
something that is not here, or that the user may not see, shows a message and no figures.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from costmodel.errors import Problem, ScenarioError
from costmodel.scenario import Scenario, load_scenario, parse_scenario, scenario_to_data, storage
from costmodel.scenario.messages import in_words, place
from costmodel.store import links, scenarios
from costmodel.store.database import StoreError, Unavailable
from costmodel.store.members import Denied
from costmodel.ui import account, controls, text
from costmodel.yamlsafe import MAX_BYTES

BUDGETS = Path(__file__).resolve().parents[2] / "budgets"
DEFAULT = "land-2017.yaml"
SAVED = "lagret:"
SHARED = "delt:"
NONE = ""  # the picker's value while a link names a scenario that is not here
LOADED = "source_loaded"  # (key, scenario) last loaded: kept on the page while the database does not answer
TITLES = "source_titles"  # key → the title the picker shows, for saved scenarios and links


def bundled() -> list[str]:
    """Scenario files in budgets/ (file names), the Land scenario first."""
    names = sorted(p.name for p in BUDGETS.glob("*.yaml"))
    return sorted(names, key=lambda n: n != DEFAULT)


@st.cache_resource(show_spinner=False, max_entries=32)
def load_bundled(name: str, modified: float) -> Scenario:
    """A bundled scenario, parsed once per file version and shared: a frozen model that no caller changes (a
    what-if makes a new one), so no copy per run (cache_data would unpickle it on every slider move)."""
    return load_scenario(BUDGETS / name)


@st.cache_resource(show_spinner=False, max_entries=64)
def _parsed(digest: str, _data: bytes) -> Scenario:
    """A stored scenario, parsed once per content (its hash) and shared, as load_bundled; its texts neutral, so
    that nothing in it renders as a link, an image or HTML on the page (text.neutral)."""
    scenario = load_scenario(_data)
    data = scenario_to_data(scenario)
    safe = text.neutral_data(data)
    return scenario if safe == data else parse_scenario(safe)


def saved_key(organisation: str, name_slug: str, number: int | None = None) -> str:
    return f"{SAVED}{organisation}/{name_slug}" + (f"@{number}" if number is not None else "")


def parse_saved(key: str) -> tuple[str | None, str, int | None]:
    """(organisation or None for the session's own, name, version or None for the latest) of a saved key."""
    rest = key.removeprefix(SAVED)
    organisation, _, rest = rest.rpartition("/")
    name, _, number = rest.partition("@")
    return organisation or None, name, int(number) if number.isdigit() else None


def missing(name: str) -> None:
    """A link to a scenario that is not here: say so plainly, and show no figures."""
    st.error(
        f"**Scenariet i lenken finnes ikke på denne serveren** ({text.plain(name[:80])}). Det kan være slettet, "
        "trukket tilbake, eller lenken er skrevet av feil. Ingen tall vises. Velg et scenario i menyen til venstre."
    )


def no_access() -> None:
    st.error(
        "**Ikke tilgang.** Scenariet i lenken hører til en organisasjon du ikke er medlem av. Ingen tall vises. "
        "Be en administrator i den organisasjonen om tilgang, eller velg et scenario i menyen til venstre."
    )


def show_problems(title: str, problems: list[Problem]) -> None:
    st.error(
        text.plain(title)
        + "\n\n"
        + "\n".join(
            f"- {text.plain(place(p.path))}: {text.plain(in_words(p.message))}"
            if p.path
            else f"- {text.plain(in_words(p.message))}"
            for p in problems
        )
    )


def _title(option: str, titles: dict[str, str]) -> str:
    if option == NONE:
        return "(velg et scenario)"
    if option.startswith(SHARED):
        return f"Opplastet: {titles.get(option, 'lenke')}"
    if option.startswith(SAVED):
        _, name, number = parse_saved(option)
        shown = titles.get(option) or titles.get(option.partition("@")[0]) or name
        return f"Lagret: {shown}" + (f", versjon {number}" if number is not None else "")
    return option


def _share(data: bytes, title: str) -> str:
    who = account.current()
    return SHARED + links.share(who.db, who.actor, who.organisation, title, data)


def adopt(scenario: Scenario, title: str) -> None:
    """Make a scenario built in the app (e.g. with a capacity need added) this session's scenario, as an upload
    would be: kept as a link in the organisation, so its address works for the other members too."""
    try:
        key = _share(storage.serialise(scenario, title), title)
    except (storage.SaveError, StoreError) as exc:
        st.session_state["upload_problems"] = (title, [Problem("", str(exc))])
        return
    st.session_state.setdefault(TITLES, {})[key] = title
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
            from costmodel.workbook.read import read_workbook  # openpyxl is loaded for an uploaded workbook only

            data = storage.serialise(read_workbook(data), file.name)  # checked, then kept as YAML
        elif len(data) > MAX_BYTES:
            raise ScenarioError(Problem("", f"filen er for stor (over {MAX_BYTES // 1_000_000} MB)"))
        load_scenario(data)
        key = _share(data, file.name)
    except (ScenarioError, storage.SaveError, StoreError) as exc:
        problems = exc.problems if isinstance(exc, ScenarioError) else [Problem("", str(exc))]
        st.session_state["upload_problems"] = (file.name, problems)
        return
    st.session_state.setdefault(TITLES, {})[key] = file.name
    st.session_state.setdefault("shared_names", {})[key] = file.name  # this session's uploads, for the picker
    st.session_state.pop("upload_problems", None)
    st.session_state["source"] = key


LISTED = "saved_listed"  # (organisation, saved scenarios) as this session last listed them


def _listed(who: account.Who) -> list:
    """The organisation's saved scenarios: listed again on every run but one a control's move started."""
    seen = st.session_state.get(LISTED)
    if controls.moved_this_run() and seen is not None and seen[0] == who.organisation:
        return seen[1]
    found = scenarios.list_scenarios(who.db, who.actor, who.organisation)
    st.session_state[LISTED] = (who.organisation, found)
    return found


def _saved_options() -> list[str]:
    """The organisation's saved scenarios as picker keys (their latest versions), with their titles noted."""
    who = account.current()
    if who.membership is None:
        return []
    try:
        found = _listed(who)
    except StoreError as exc:
        st.sidebar.warning(f"Lagrede scenarier kan ikke vises nå: {exc}.")
        return []
    titles = st.session_state.setdefault(TITLES, {})
    keys = []
    for s in found:
        key = saved_key(s.organisation, s.slug)
        titles[key] = s.name + (f" ({s.status})" if s.status else "")
        keys.append(key)
    return keys


def _initial(wanted: str, names: list[str]) -> str:
    """The address's scenario as a key: an old `lagret:NAME` means the session's own organisation."""
    if wanted.startswith(SAVED) and "/" not in wanted:
        return saved_key(account.current().organisation or "", wanted.removeprefix(SAVED))
    if wanted in names or wanted.startswith((SAVED, SHARED)):
        return wanted
    return NONE


def pick() -> tuple[str, Scenario] | None:
    """The scenario picker and upload in the sidebar; returns (source key, scenario), or None after an error."""
    names = bundled() + _saved_options()
    wanted = st.query_params.get("scenario", DEFAULT)
    if "source" not in st.session_state:
        st.session_state["source"] = _initial(wanted, names)
        st.session_state["missing"] = None if st.session_state["source"] else wanted
    current = st.session_state["source"]
    shared = [k for k in st.session_state.get("shared_names", {}) if k.startswith(SHARED)]
    extra = [current] if current and current not in names else []
    options = ([NONE] if current == NONE else []) + names + list(dict.fromkeys(shared + extra))
    with st.sidebar:
        st.title("Kostnadsmodell")
        controls.hold("source")
        titles = dict(st.session_state.get(TITLES, {}))  # a copy the picker keeps: it formats outside a run too
        st.selectbox("Scenario", options, key="source", format_func=lambda option: _title(option, titles))
        if account.current().membership is not None:
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
        scenario = load(key)
        st.session_state[LOADED] = (key, scenario)
        return key, scenario
    except Unavailable as exc:
        shown = st.session_state.get(LOADED)
        if shown is not None and shown[0] == key:  # what was on the page stays on the page
            st.warning(f"Databasen svarer ikke akkurat nå ({exc}). Du ser scenariet slik det var lastet.")
            return shown
        st.error(f"**Scenariet kan ikke hentes nå:** {exc}.")
    except Denied:
        no_access()
    except StoreError:
        missing(key)
    except (ScenarioError, OSError) as exc:
        problems = exc.problems if isinstance(exc, ScenarioError) else [Problem("", str(exc))]
        show_problems(f"Scenariet «{key}» kan ikke leses:", problems)
    return None


def load(key: str) -> Scenario:
    """The scenario a key names, as this session's user may see it (StoreError, Denied otherwise)."""
    who = account.current()
    if key.startswith(SHARED):
        shared, data = links.open_link(who.db, who.actor, key.removeprefix(SHARED))
        st.session_state.setdefault(TITLES, {})[key] = shared.title
        return _parsed(storage.content_hash(data), data)
    if key.startswith(SAVED):
        organisation, name, number = parse_saved(key)
        if who.actor is None:
            raise Denied("ikke tilgang")
        _, info, data = scenarios.open_version(who.db, who.actor, organisation or who.organisation, name, number)
        return _parsed(info.content_hash, data)
    if key not in bundled():
        raise StoreError("finnes ikke")
    return load_bundled(key, (BUDGETS / key).stat().st_mtime)
