"""Bounds on the work one scenario may ask for, checked before any work starts, so that no file, address or
slider can take a server down for everyone else on it (docs/method.md §6).

The engine's work is the ledger: every line an alternative computes (its own and the common lines) for every
month. The bounds are on that, on the draws of a simulation and on the cells of a two-way table; each refusal
says the limit in Norwegian.
"""

from __future__ import annotations

from typing import Any

from costmodel import formatting as fmt
from costmodel.errors import Problem, ScenarioError
from costmodel.scenario.models import MAX_MONTHS

MAX_ALTERNATIVES = 12
MAX_LINES_PER_ALTERNATIVE = 100  # each one a group of controls in the app
MAX_LINES = 300  # lines computed: each alternative's own, and the common lines once per alternative
MAX_LEDGER = 60_000  # months × lines computed: e.g. 100 lines over 50 years, or 300 over 200 months
MAX_WORK = 300_000_000  # draws (or table cells) × months × lines computed: about five seconds
DEFAULT_MONTHS = 12


def _count(items: Any) -> int:
    return len(items) if isinstance(items, list) else 0


def size_problems(data: dict) -> list[Problem]:
    """What is too big in raw scenario data, before it is validated or computed (empty when within bounds)."""
    alternatives = data.get("alternatives") if isinstance(data.get("alternatives"), list) else []
    common = _count(data.get("common"))
    own = [_count(a.get("lines")) if isinstance(a, dict) else 0 for a in alternatives]
    problems = []
    if len(alternatives) > MAX_ALTERNATIVES:
        problems.append(
            Problem("alternatives", f"{len(alternatives)} alternativer er for mange; høyst {MAX_ALTERNATIVES}")
        )
    for i, count in enumerate(own):
        if count > MAX_LINES_PER_ALTERNATIVE:
            problems.append(
                Problem(
                    f"alternatives[{i}].lines",
                    f"{fmt.number(count)} linjer i ett alternativ er for mange; høyst {MAX_LINES_PER_ALTERNATIVE}",
                )
            )
    if common > MAX_LINES_PER_ALTERNATIVE:
        problems.append(
            Problem("common", f"{fmt.number(common)} felles linjer er for mange; høyst {MAX_LINES_PER_ALTERNATIVE}")
        )
    lines = sum(own) + common * max(len(alternatives), 1)
    if lines > MAX_LINES:
        problems.append(
            Problem(
                "alternatives",
                f"scenariet regner {fmt.number(lines)} linjer (felles linjer én gang per alternativ); høyst "
                f"{MAX_LINES}",
            )
        )
    months = data.get("months")  # one out of its own range is reported as a field error instead
    months = months if isinstance(months, int) and 1 <= months <= MAX_MONTHS else DEFAULT_MONTHS
    if not problems and months * lines > MAX_LEDGER:
        problems.append(
            Problem(
                "months",
                f"{months} måneder × {lines} linjer = {fmt.number(months * lines)} månedsposter er for mye; høyst "
                f"{fmt.number(MAX_LEDGER)}. Kort ned perioden eller slå sammen linjer",
            )
        )
    simulation = data.get("simulation") if isinstance(data.get("simulation"), dict) else {}
    draws = simulation.get("draws")  # the default is checked when a simulation is asked for (check_work)
    if not problems and isinstance(draws, int) and draws * months * lines > MAX_WORK:
        problems.append(Problem("simulation.draws", _too_much("trekk", draws, months * lines)))
    return problems


def ledger_cells(scenario) -> int:
    """Months × lines computed, for a validated scenario."""
    lines = sum(len(a.lines) + len(scenario.common) for a in scenario.alternatives)
    return scenario.months * lines


def check_work(scenario, count: int, what: str, option: str) -> None:
    """Refuse `count` draws (or table cells, `what`) over this scenario when the work would pass MAX_WORK."""
    if count * ledger_cells(scenario) > MAX_WORK:
        raise ScenarioError(Problem(option, _too_much(what, count, ledger_cells(scenario))))


def _too_much(what: str, count: int, cells: int) -> str:
    most = max(MAX_WORK // max(cells, 1), 1)
    return (
        f"{fmt.number(count)} {what} over {fmt.number(cells)} månedsposter er mer arbeid enn én forespørsel får gjøre "
        f"(høyst {fmt.number(MAX_WORK)} beregnede poster); bruk høyst {fmt.number(most)} {what} for dette scenariet"
    )
