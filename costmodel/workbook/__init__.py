"""The budget workbook (a face of the pipeline): the scenario's inputs as cells, the method as live formulas.

Sheets, in order: Forside, Forutsetninger (every input; assumptions.py), Beregning (the monthly
calculation; calculation.py), Årsbudsjett, Endringer and Sammenligning (reports.py), Fordeling and
Virkninger (partners and non-priced effects, when the scenario has them; council.py), Usikkerhet
(simulation results as values, for a scenario with ranges; uncertainty.py), Hovedbok and Kontroll
(reports.py). Where things are is defined once in layout.py, which import (read.py) shares; every
formula that restates the method is in formulas.py; cells.py writes cells safely.
"""
