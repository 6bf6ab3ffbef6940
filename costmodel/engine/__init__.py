"""Computing (stage 3 of the pipeline): from a validated scenario to every figure.

- kinds.py: one cost rule per line kind, in named parts (the only place a rate is multiplied);
- ledger.py: the ledger, every line's cost in every month (`compute`);
- views.py: every figure as a sum over the ledger (levels, changes, årsverk, present value, comparison,
  the split between partner municipalities);
- effects.py: the konsekvens of non-priced effects (never kroner);
- whatif.py: driver paths and what-if changes to a scenario;
- simulation.py and sensitivity.py: Monte Carlo, tornado and goal seek over the same rules.
"""

from costmodel.engine.kinds import LineCost
from costmodel.engine.ledger import LineInfo, Result, compute, price_index

__all__ = ["LineCost", "LineInfo", "Result", "compute", "price_index"]
