"""Dated reference parameters from budgets/parameters/: defaults, employer's tax, growth series.

Parameters are data with a year and a source (as in OpenFisca), never constants in code. The
files are read once and handed out as immutable objects, so every user and session shares them
safely.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .errors import Problem, ScenarioError
from .yamlsafe import load_yaml

PARAMETERS_DIR = Path(
    os.environ.get("COSTMODEL_PARAMETERS", Path(__file__).resolve().parent.parent / "budgets" / "parameters")
)


@dataclass(frozen=True)
class Parameter:
    """One reference value with the year it describes and where it comes from."""

    value: Any
    year: int
    source: str
    confidence: str = ""


@dataclass(frozen=True)
class Reference:
    """All reference parameters: defaults, employer's tax by zone, named growth series."""

    vintage: str
    defaults: Mapping[str, Parameter]
    employer_tax: Mapping[str, tuple[Parameter, ...]]
    growth: Mapping[str, Mapping[str, Mapping[int, Parameter]]]

    def employer_tax_rate(self, zone: str, year: int) -> Parameter:
        """The arbeidsgiveravgift rate in force in `year` for `zone` (the last entry from that year or before)."""
        entries = [p for p in self.employer_tax[zone] if p.year <= year] or [self.employer_tax[zone][0]]
        return entries[-1]

    def default(self, name: str) -> Any:
        return self.defaults[name].value


def _read(path: Path) -> Any:
    try:
        return load_yaml(path.read_bytes())
    except (OSError, ScenarioError) as exc:
        raise ScenarioError(Problem(str(path), f"referanseparametre kan ikke leses: {exc}")) from None


def _parameter(entry: Mapping, year: int | None = None) -> Parameter:
    return Parameter(
        value=entry["value"],
        year=int(entry.get("from", entry.get("year", year))),
        source=str(entry.get("source", "")),
        confidence=str(entry.get("confidence", "")),
    )


@lru_cache(maxsize=4)
def load_reference(directory: Path = PARAMETERS_DIR) -> Reference:
    """Read the parameter files in `directory` (default: the bundled budgets/parameters)."""
    defaults_file = _read(directory / "defaults.yaml")
    defaults = {name: _parameter(entry) for name, entry in defaults_file["values"].items()}
    zones = {
        zone: tuple(sorted((_parameter(e) for e in entries), key=lambda p: p.year))
        for zone, entries in _read(directory / "arbeidsgiveravgift.yaml")["zones"].items()
    }
    growth = {}
    for path in sorted((directory / "growth").glob("*.yaml")):
        data = _read(path)
        growth[path.stem] = MappingProxyType(
            {
                series: MappingProxyType({int(y): _parameter(e, int(y)) for y, e in (data.get(series) or {}).items()})
                for series in ("wages", "prices")
            }
        )
    return Reference(
        vintage=str(defaults_file.get("vintage", "")),
        defaults=MappingProxyType(defaults),
        employer_tax=MappingProxyType(zones),
        growth=MappingProxyType(growth),
    )
