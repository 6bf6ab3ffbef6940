"""Kostnadsmodell: buy or build? Budget and procurement costs for Norwegian municipalities.

The data flow, one package per step:

1. **Scenarios** (`scenario/`): a YAML file is read safely (`yamlsafe.py`), its named assumptions
   written in where they are referred to (`assumptions.py`), its ranges taken out (`ranges.py`),
   its fields validated against the models (`models.py`, with each field's
   Norwegian label, unit and help declared on it), whole-scenario checks run (`checks.py`), and
   every problem reported at once in Norwegian (`messages.py`): a frozen `Scenario` (`load.py`).
   The format as JSON Schema (`schema.py`); the editor's tables and back (`drafts.py`).
2. **Parameters** (`parameters/`): dated reference values with their sources (defaults,
   arbeidsgiveravgift by zone, growth series), shipped as data inside the package.
3. **Computing** (`engine/`): each line's cost by its kind's rule, in named parts (`kinds.py`);
   every line in every month, with the capacity gap and its cover: the ledger (`ledger.py`);
   every figure a sum over the ledger (`views.py`); what-ifs (`whatif.py`); Monte Carlo,
   tornado, goal seek and two-way tables over the same rules (`simulation.py`, `sensitivity.py`,
   `grid.py`).
4. **Figures in words and pictures** (`report/`): explanations of the engine's parts, sentences,
   budget tables and charts; Norwegian number formats in `formatting.py`.
5. **Faces**: the command line (`cli.py`), the app (`ui/` and `streamlit_app.py`, with the editor
   «Ny modell» in `ui/editor.py`), the budget workbook with live formulas, out and back in
   (`workbook/`, capacity in `workbook/capacity.py`).

docs/method.md gives every formula; its §0 maps the method to these files.
"""

__version__ = "0.1.0"
