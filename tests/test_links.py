"""A copied link reopens what was on screen: uploads are kept as links in the store; a link to a scenario that
is not here shows a message and no figures, in every mode."""

import os
import subprocess
import sys

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from costmodel.store import database, links
from costmodel.store.members import LOCAL_USER

APP = str(ROOT / "streamlit_app.py")
CASE = """name: Egne saksbehandlere i Eksempel kommune
start: 2025-01
months: 48
baseline: byra
alternatives:
  - id: byra
    name: Innleie fra byrå
    lines:
      - {id: k, label: To byråsaksbehandlere, kind: consultant, fte: 2, hourly_rate: 1150}
  - id: egne
    name: Tre egne saksbehandlere
    lines:
      - {id: s, label: Tre saksbehandlere, kind: staff, fte: 3, annual_salary: 640000, start: 2025-03}
"""


def open_link(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def shown(at: AppTest) -> tuple[str, list]:
    return at.main.title[0].value if at.main.title else "", [(m.label, m.value) for m in at.metric]


def test_an_upload_is_kept_and_its_link_reopens_it_in_a_new_session():
    at = open_link()
    at.file_uploader[0].set_value(("min-kommune.yaml", CASE.encode(), "application/x-yaml")).run()
    key = at.session_state["source"]
    assert key.startswith("delt:")
    shared, data = links.open_link(database.connect(), LOCAL_USER, key.removeprefix("delt:"))
    assert (shared.title, data) == ("min-kommune.yaml", CASE.encode())
    assert at.query_params["scenario"] in (key, [key])
    title, metrics = shown(at)
    assert title == "Egne saksbehandlere i Eksempel kommune" and metrics
    again = open_link(scenario=key)  # another person with the link
    assert shown(again) == (title, metrics)
    presenting = open_link(scenario=key, visning="presentasjon")
    assert presenting.main.title[0].value == title


@pytest.mark.parametrize("scenario", ["delt:" + "0" * 32, "delt:../../etc/passwd", "finnes-ikke.yaml"])
@pytest.mark.parametrize("mode", [{}, {"visning": "presentasjon"}])
def test_a_link_to_a_scenario_that_is_not_here_shows_a_message_and_no_figures(scenario, mode):
    at = open_link(scenario=scenario, **mode)
    assert not at.exception
    assert any("Scenariet i lenken finnes ikke på denne serveren" in e.value for e in at.error)
    assert not at.metric and not at.main.title
    assert "Land" not in " ".join(m.value for m in at.markdown)


def test_the_user_folder_is_beside_the_checkout_by_default():
    env = {k: v for k, v in os.environ.items() if k != "COSTMODEL_USER_DIR"}
    code = "from costmodel.store import database; print(database.user_dir())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(ROOT / "scenarier")


def test_the_new_users_case_opens_from_its_link_with_the_engines_figures_in_real_kroner():
    from costmodel import formatting as fmt
    from costmodel.engine import compute, views
    from costmodel.scenario import load_scenario

    summary = views.summary(compute(load_scenario(ROOT / "budgets" / "egne-saksbehandlere-2025.yaml")))
    at = open_link(scenario="egne-saksbehandlere-2025.yaml")
    title, metrics = shown(at)
    assert title == summary["name"]
    values = [value for label, value in metrics if label == "Nåverdi"]
    assert values == [fmt.mill(a["present_value"]) for a in summary["alternatives"].values()]
    assert "nåverdi i faste 2025-kroner, realrente 4 %" in at.caption[0].value
