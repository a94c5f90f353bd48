# The single entry point: `make demo`, `make test`, `make docs`, `make bench`, `make mutation`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest docs bench mutation clean

$(BIN)/.installed-%: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	touch $@

demo: $(BIN)/.installed-dev
	$(BIN)/python examples/quickstart.py

test: lint typecheck pytest

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check src tests examples bench docs tools
	$(BIN)/ruff format --check src tests examples bench docs tools

typecheck: $(BIN)/.installed-dev
	$(BIN)/mypy

pytest: $(BIN)/.installed-dev
	$(BIN)/pytest -q

docs: $(BIN)/.installed-docs
	$(BIN)/sphinx-build -n -W --keep-going -b html docs docs/_build/html

bench: $(BIN)/.installed-bench
	$(BIN)/python bench/run.py
	$(BIN)/python bench/sla.py
	$(BIN)/python bench/staffing.py
	$(BIN)/python bench/escalation.py

# Sampled mutation testing of calendar, sla, authz, onboarding and escalation (not in `make test`);
# `make mutation ARGS=--full` runs every mutant, `ARGS="--survivors authz"` lists survivors.
mutation: $(BIN)/.installed-mutation
	$(BIN)/python tools/mutation.py $(ARGS)

clean:
	rm -rf $(VENV) docs/_build .hypothesis .mypy_cache .ruff_cache .mutation
