"""Dated reference parameters, shipped as YAML data inside the package: defaults, employer's tax, growth.

Parameters are data with a date and a source (as in OpenFisca), never constants in code. Every
file has one shape:

    description: what the value is (Norwegian, shown to users)
    unit: andel | kr | timer | ja/nei | sone
    documentation: optional, what the values do and do not cover
    values:
      2007-01-01:              # in force from this date
        value: 0.141
        confidence: ✔          # ✔ stated in the source, ◐ secondary or derived, ✗ a modelling choice
        note: optional, why this value
        reference:
          - {title: …, publisher: …, year: …, href: …}   # href where the source is public

Folders: `defaults/NAME.yaml` (a default every scenario gets unless it sets its own),
`arbeidsgiveravgift/ZONE.yaml` (the rate of each zone), `growth/SERIES/wages.yaml` and
`prices.yaml` (a named growth series: each value covers its own year only). `capacity/NAME.yaml`
holds published figures a user chooses a capacity rate from (sick leave, turnover, months to refill
a position, the price of hired against own årsverk): a `figures:` list of `{label, low, high,
year, confidence, note, reference}`. `vintage.yaml` dates the set. The files are found relative to
this package (an installed wheel has them); set `COSTMODEL_PARAMETERS` to a folder of the same
layout to use other values. They are read once and handed out as immutable objects, so every user
and session shares them safely.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from costmodel.errors import Problem, ScenarioError
from costmodel.yamlsafe import load_yaml

PARAMETERS_DIR = Path(os.environ.get("COSTMODEL_PARAMETERS", Path(__file__).resolve().parent))
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


@dataclass(frozen=True)
class Source:
    """One reference behind a value: title, publisher, year and link (each may be missing)."""

    title: str
    publisher: str = ""
    year: int | None = None
    href: str = ""

    def __str__(self) -> str:
        details = ", ".join(str(part) for part in (self.publisher, self.year) if part)
        return f"{self.title} ({details})" if details else self.title


@dataclass(frozen=True)
class Parameter:
    """One reference value: the year it is dated from, why, and where it comes from.

    Attributes:
      value: the number (or text, for a zone) itself.
      year: the year of the value's date (the year it describes or is in force from).
      confidence: ✔ stated in the source, ◐ secondary or derived, ✗ a modelling choice.
      note: why this value, in Norwegian.
      references: the sources, most official first.
    """

    value: Any
    year: int
    confidence: str = ""
    note: str = ""
    references: tuple[Source, ...] = ()

    @property
    def source(self) -> str:
        """The note and the references as one line of text, for explanations."""
        return "; ".join([self.note, *map(str, self.references)] if self.note else map(str, self.references))


@dataclass(frozen=True)
class Series:
    """One parameter file: its description, unit and dated values (oldest first)."""

    description: str
    unit: str
    values: tuple[Parameter, ...]

    def at(self, year: int) -> Parameter:
        """The value in force in `year`: the last dated at or before it, else the first."""
        entries = [p for p in self.values if p.year <= year] or [self.values[0]]
        return entries[-1]


@dataclass(frozen=True)
class Figure:
    """A published figure a user chooses a rate from: a label, its span (low = high for one value), its year."""

    label: str
    low: float
    high: float
    year: int
    confidence: str = ""
    note: str = ""
    references: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Figures:
    """One capacity reference file (capacity/): what it measures, its unit, and the published figures."""

    description: str
    unit: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Reference:
    """All reference parameters: defaults, employer's tax by zone, named growth series."""

    vintage: str
    defaults: Mapping[str, Series]
    employer_tax: Mapping[str, Series]
    growth: Mapping[str, Mapping[str, Mapping[int, Parameter]]]  # name → wages/prices → year → rate
    capacity: Mapping[str, Figures]  # sick_leave, turnover, refill_months, cover_price_ratio (capacity/)

    def employer_tax_rate(self, zone: str, year: int) -> Parameter:
        """The arbeidsgiveravgift rate in force in `year` for `zone`."""
        return self.employer_tax[zone].at(year)

    def default_parameter(self, name: str, year: int | None = None) -> Parameter:
        """A default as a dated parameter (the one in force in `year`, else the newest)."""
        series = self.defaults[name]
        return series.at(year) if year is not None else series.values[-1]

    def default(self, name: str) -> Any:
        return self.default_parameter(name).value


def _read(path: Path) -> Any:
    try:
        return load_yaml(path.read_bytes())
    except (OSError, ScenarioError) as exc:
        raise ScenarioError(Problem(str(path), f"referanseparametre kan ikke leses: {exc}")) from None


def _year(key: Any, path: Path) -> int:
    match = re.fullmatch(r"(\d{4})(-\d{2}-\d{2})?", str(key))
    if not match:
        raise ScenarioError(Problem(str(path), f"«{key}» er ikke en dato (ÅÅÅÅ-MM-DD)"))
    return int(match[1])


def read_series(path: Path) -> Series:
    """One parameter file in the shape the module docstring gives."""
    data = _read(path)
    try:
        values = tuple(
            Parameter(
                value=entry["value"],
                year=_year(date, path),
                confidence=str(entry.get("confidence", "")),
                note=" ".join(str(entry.get("note", "")).split()),
                references=tuple(Source(**ref) for ref in entry.get("reference") or ()),
            )
            for date, entry in data["values"].items()
        )
        return Series(str(data["description"]), str(data["unit"]), tuple(sorted(values, key=lambda p: p.year)))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ScenarioError(Problem(str(path), f"referanseparametre har feil form: {exc!r}")) from None


def read_figures(path: Path) -> Figures:
    """One capacity reference file: description, unit and a list of figures with their sources."""
    data = _read(path)
    try:
        figures = tuple(
            Figure(
                label=str(f["label"]),
                low=float(f["low"]),
                high=float(f["high"]),
                year=int(f["year"]),
                confidence=str(f.get("confidence", "")),
                note=" ".join(str(f.get("note", "")).split()),
                references=tuple(Source(**ref) for ref in f.get("reference") or ()),
            )
            for f in data["figures"]
        )
        return Figures(str(data["description"]), str(data["unit"]), figures)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ScenarioError(Problem(str(path), f"referanseparametre har feil form: {exc!r}")) from None


def _zone_order(name: str) -> tuple[int, str]:
    """Zones in the official order I, Ia, II, III, IV, IVa, V."""
    return ROMAN.get(name.rstrip("a"), 99), name


@lru_cache(maxsize=4)
def load_reference(directory: Path = PARAMETERS_DIR) -> Reference:
    """Read the parameter files in `directory` (default: the ones in this package)."""
    defaults = {path.stem: read_series(path) for path in sorted((directory / "defaults").glob("*.yaml"))}
    zone_files = sorted((directory / "arbeidsgiveravgift").glob("*.yaml"), key=lambda p: _zone_order(p.stem))
    zones = {path.stem: read_series(path) for path in zone_files}
    growth = {}
    for folder in (
        sorted(p for p in (directory / "growth").iterdir() if p.is_dir()) if (directory / "growth").is_dir() else ()
    ):
        growth[folder.name] = MappingProxyType(
            {
                series: MappingProxyType({p.year: p for p in read_series(folder / f"{series}.yaml").values})
                for series in ("wages", "prices")
            }
        )
    if not defaults or not zones:
        raise ScenarioError(Problem(str(directory), "referanseparametre mangler (defaults/ og arbeidsgiveravgift/)"))
    return Reference(
        vintage=str(_read(directory / "vintage.yaml")["vintage"]),
        defaults=MappingProxyType(defaults),
        employer_tax=MappingProxyType(zones),
        growth=MappingProxyType(growth),
        capacity=MappingProxyType(
            {path.stem: read_figures(path) for path in sorted((directory / "capacity").glob("*.yaml"))}
        ),
    )
