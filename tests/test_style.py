"""The code is formatted and linted as configured in pyproject.toml ([tool.ruff]); the repository stands alone."""

import subprocess
import sys

from conftest import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_code_is_formatted():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_passes_the_linter():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_points_outside_the_repository():
    result = subprocess.run(
        [
            "git",
            "grep",
            "-n",
            "-I",
            "-E",
            r"\.\./shared|[Ss]eed 00[0-9]",
            "--",
            ".",
            ":!uv.lock",
            ":!tests/test_style.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.stdout == "", "references to documents outside the repository:\n" + result.stdout
