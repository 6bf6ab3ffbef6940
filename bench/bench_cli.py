"""Command-line start-up: each command from process start to exit, against what Python needs to import anyway.

Every command runs in a fresh process, as a script looping over files would run it. Rounds are interleaved (each
command once per round, the order turned by one each round), so a slow moment of the machine falls on all alike;
each ratio is taken within its round. Prints medians with the middle half, and the aims of issue 26:

- `costmodel --help` and an import the gate refuses: at most 1,5 × `python -c "import click"` (the command line's
  framework; typer, which it used before, imported in about the same time as click and is no longer a dependency,
  and is shown as well where it is still installed);
- `costmodel validate` of a bundled scenario: at most 1,5 × `python -c "import pydantic, numpy, yaml"`;
- `costmodel summary`: no more than it needs (`python -c "import costmodel.engine, pandas"`: the engine, and pandas
  for the tables it prints; the engine itself no longer loads pandas) and its own work.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import load, ratios, spread

ROOT = Path(__file__).resolve().parent.parent
LAND = str(ROOT / "budgets" / "land-2017.yaml")
ROUNDS = 15
SCRIPT = Path(sys.executable).with_name("costmodel")
COSTMODEL = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "costmodel"]


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    empty = folder / "tom.xlsx"
    empty.write_bytes(b"")
    commands = {
        "python": python("pass"),
        "click": python("import click"),
        "floor": python("import pydantic, numpy, yaml"),
        "engine": python("import costmodel.engine, pandas"),
        "help": [*COSTMODEL, "--help"],
        "refused": [*COSTMODEL, "import", str(empty), "-o", str(folder / "s.yaml")],
        "validate": [*COSTMODEL, "validate", LAND],
        "summary": [*COSTMODEL, "summary", LAND],
    }
    if importlib.util.find_spec("typer") is not None:
        commands["typer"] = python("import typer")
    before = load()
    names = list(commands)
    for name in names:  # warm the file cache and the bytecode once
        seconds(commands[name])
    times: dict[str, list[float]] = {name: [] for name in names}
    for k in range(ROUNDS):
        for name in names[k % len(names) :] + names[: k % len(names)]:
            times[name].append(seconds(commands[name]))

    print(f"Command-line benchmark: {ROUNDS} interleaved rounds, a fresh process each run")
    print(f"  {before} before, {load()} after")
    shown = {
        "python": 'python -c "pass"',
        "click": 'python -c "import click"',
        "typer": 'python -c "import typer"',
        "floor": 'python -c "import pydantic, numpy, yaml"',
        "engine": 'python -c "import costmodel.engine, pandas"',
        "help": "costmodel --help",
        "refused": "costmodel import tom.xlsx (refused)",
        "validate": "costmodel validate land-2017.yaml",
        "summary": "costmodel summary land-2017.yaml",
    }
    for name in [n for n in shown if n in times]:
        print(f"  {shown[name]:<44}{spread(times[name])}")
    aims = [
        ("help", "click", "at most 1.5 x"),
        ("refused", "click", "at most 1.5 x"),
        ("validate", "floor", "at most 1.5 x"),
        ("summary", "engine", "what it imports and its own work"),
    ]
    if "typer" in times:
        aims[2:2] = [("help", "typer", "at most 1.5 x"), ("refused", "typer", "at most 1.5 x")]
    for name, base, aim in aims:
        label = f"ratio {name} / {base}:"
        print(f"  {label:<44}{spread(ratios(times[name], times[base]), 'x', 1)}   (aim: {aim})")


if __name__ == "__main__":
    main()
