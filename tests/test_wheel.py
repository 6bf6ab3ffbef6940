"""An installed wheel works outside the checkout: it carries its parameter files and computes the same figures."""

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile

from conftest import BUDGETS, ROOT
from pytest import approx

from costmodel.engine import compute, views
from costmodel.scenario import load_scenario


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=300, **kwargs)


def test_an_installed_wheel_finds_its_parameters_and_runs_summary(tmp_path):
    run(sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist"), cwd=ROOT)
    wheel = next((tmp_path / "dist").glob("kostnadsmodell-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "costmodel/parameters/defaults/pension_rate.yaml" in names
    assert "costmodel/parameters/arbeidsgiveravgift/I.yaml" in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", str(venv))
    python = venv / "bin" / "python"
    run(str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel))
    # The dependencies come from this environment's site-packages, added as a plain path: its .pth
    # files (among them the editable install of the checkout) are not processed there.
    site = run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    with open(f"{site}/zz_dependencies.pth", "w", encoding="utf-8") as pth:
        pth.write(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(BUDGETS / "gjerdrum-2022.yaml", work / "mitt-scenario.yaml")
    where = run(str(python), "-c", "import costmodel.parameters as p; print(p.PARAMETERS_DIR)", cwd=work).stdout
    assert where.strip().startswith(str(venv)), where
    out = run(str(venv / "bin" / "costmodel"), "summary", "mitt-scenario.yaml", "--json", cwd=work).stdout
    installed = json.loads(out)
    here = views.summary(compute(load_scenario(BUDGETS / "gjerdrum-2022.yaml")))
    for alternative, figures in here["alternatives"].items():
        assert installed["alternatives"][alternative]["present_value"] == approx(figures["present_value"], abs=1e-6)
