# Two entry points for a fresh machine with Python 3.11, pip and make:
#   make run   sets up .venv and starts the app on the bundled Land scenario
#   make test  sets up .venv and runs every test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
UV     := $(VENV)/bin/uv
UV_VERSION := 0.13.9
SYNCED := $(VENV)/.synced
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test bench clean

setup: $(SYNCED)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(UV): | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Install exactly the locked dependencies (uv.lock) into .venv.
$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --inexact --python $(VENV)/bin/python
	touch $@

run: $(SYNCED)
	@echo "Kostnadsmodell: open http://localhost:8501 in a browser (Ctrl+C stops the app)."
	$(VENV)/bin/streamlit run streamlit_app.py --server.port 8501

test: $(SYNCED)
	$(VENV)/bin/python -m pytest

bench: $(SYNCED)
	$(VENV)/bin/python bench/bench_cli.py
	$(VENV)/bin/python bench/bench_engine.py
	$(VENV)/bin/python bench/bench_simulation.py
	$(VENV)/bin/python bench/bench_capacity.py
	$(VENV)/bin/python bench/bench_workbook.py
	$(VENV)/bin/python bench/bench_followup.py
	$(VENV)/bin/python bench/bench_store.py
	$(VENV)/bin/python bench/bench_app.py
	$(VENV)/bin/python bench/bench_start.py
	$(VENV)/bin/python bench/bench_load.py

clean:
	rm -rf $(VENV)
