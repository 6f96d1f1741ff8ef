# The two commands of the README: `make up` (set up, load the seeds, serve) and `make test`.
# Both create the virtual environment and install what they need on a fresh machine.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
KG := $(BIN)/kg
PYTHON ?= python3

.PHONY: up test venv neo4j lint typecheck browser clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

neo4j: venv
	$(KG) neo4j install
	$(KG) neo4j start

up: neo4j
	$(KG) load seeds/
	$(KG) neo4j status
	$(KG) serve

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy

test: venv lint typecheck
	$(BIN)/pytest

clean:
	-$(KG) neo4j stop
	rm -rf $(VENV) .kg
