"""A line that never runs within the horizon is valid but almost always a typo: every face says so."""

import json
import subprocess
import sys

from conftest import BUDGETS, ROOT
from helpers import scenario
from streamlit.testing.v1 import AppTest

from costmodel.scenario import load_scenario, parse_scenario, scenario_warnings

CASE = """name: Egne saksbehandlere
start: 2025-01
months: 48
baseline: byra
alternatives:
  - id: byra
    name: Innleie fra byrå
    lines:
      - {id: k, label: To byråsaksbehandlere, kind: consultant, fte: 2, hourly_rate: 1150}
  - id: egne
    name: Egne saksbehandlere
    lines:
      - {id: s, label: Tre saksbehandlere, kind: staff, fte: 3, annual_salary: 640000, start: 2035-03}
      - {id: r, label: Rekruttering, kind: one_off, amount: 90000, start: 2024-11}
"""


def costmodel(*args):
    return subprocess.run([sys.executable, "-m", "costmodel", *args], capture_output=True, text=True)


def test_a_line_outside_the_horizon_and_a_one_off_before_it_are_named_with_their_months():
    from costmodel.yamlsafe import load_yaml

    warnings = scenario_warnings(parse_scenario(load_yaml(CASE.encode())))
    assert [w.path for w in warnings] == ["alternatives[1].lines[0].start", "alternatives[1].lines[1].start"]
    assert "«Tre saksbehandlere» (Egne saksbehandlere) starter mars 2035" in warnings[0].message
    assert "jan. 2025 – des. 2028" in warnings[0].message
    assert "engangsbeløp i nov. 2024" in warnings[1].message


def test_a_line_ending_before_the_horizon_is_named_and_lines_inside_are_not():
    data = scenario(
        [{"id": "x", "label": "X", "kind": "fixed", "annual_amount": 1, "start": "2019-01", "end": "2019-12"}]
    )
    (warning,) = scenario_warnings(parse_scenario(data))
    assert warning.path == "alternatives[0].lines[0].end" and "slutter des. 2019" in warning.message
    for path in BUDGETS.glob("*.yaml"):
        assert scenario_warnings(load_scenario(path)) == []


def test_validate_prints_warnings_and_exits_0_summary_gives_them_in_json(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(CASE, encoding="utf-8")
    checked = costmodel("validate", str(path))
    assert checked.returncode == 0
    assert "2 advarsel(er)" in checked.stdout and "starter mars 2035" in checked.stdout
    summary = costmodel("summary", str(path), "--json")
    assert summary.returncode == 0 and "advarsel" in summary.stderr
    assert [w["path"] for w in json.loads(summary.stdout)["warnings"]] == [
        "alternatives[1].lines[0].start",
        "alternatives[1].lines[1].start",
    ]


def test_the_app_warns_above_the_figures_in_every_mode():
    for presentation in (False, True):
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        if presentation:
            at.query_params["visning"] = "presentasjon"
        at.run()
        at.file_uploader[0].set_value(("typo.yaml", CASE.encode(), "application/x-yaml")).run()
        texts = [w.value for w in at.warning]
        assert any("«Tre saksbehandlere» (Egne saksbehandlere) starter mars 2035" in t for t in texts), texts


def test_importing_lines_onto_a_base_says_its_period_and_keeps_its_common_lines(tmp_path):
    csv = tmp_path / "linjer.csv"
    csv.write_text(
        "Alternativ;Linje-id;Tekst;Type;Årsverk;Pris per årsverk\n"
        "innleie;kjop;Kjøp;consultant;3;1400000\nplan;kjop;Kjøp;consultant;2;1400000\n",
        encoding="utf-8",
    )
    out = costmodel("import", str(csv), "--scenario", str(BUDGETS / "land-2017.yaml"), "-o", str(tmp_path / "ny.yaml"))
    assert out.returncode == 0, out.stderr
    assert "Periode og forutsetninger fra land-2017.yaml: januar 2017, 48 måneder, faste 2017-kroner." in out.stdout
    assert "Felles linjer (fra land-2017.yaml): «Fradrag for konsekvensjustering" in out.stdout
    imported = load_scenario(tmp_path / "ny.yaml")
    assert [line.id for line in imported.common] == ["fradrag"]
