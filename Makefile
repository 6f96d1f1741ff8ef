# The two commands of the README: `make up` (set up, load the seeds, serve) and `make test`.
# Both create the virtual environment and install what they need on a fresh machine.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
KG := $(BIN)/kg
PYTHON ?= python3

.PHONY: up test venv neo4j lint typecheck browser wheel clean

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

# Debian's Chromium for the end-to-end tests (Playwright drives it; no browser download),
# and a CJK font so screenshots show Chinese.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei; }

# The package as a user installs it: build the wheel, install it into a fresh venv and
# extract a seed from another directory (the lexicon must ship inside the package).
WHEEL_TMP := $(shell mktemp -d -u /tmp/kg-wheel.XXXXXX)
wheel: venv
	rm -rf $(WHEEL_TMP) && mkdir -p $(WHEEL_TMP)
	$(BIN)/pip wheel -q --no-deps -w $(WHEEL_TMP)/dist . && rm -rf build
	$(PYTHON) -m venv $(WHEEL_TMP)/venv
	$(WHEEL_TMP)/venv/bin/pip install -q $(WHEEL_TMP)/dist/*.whl
	cd $(WHEEL_TMP) && ./venv/bin/kg extract $(CURDIR)/seeds/000_673f5facfc9806a9.txt -o out.jsonl
	test "$$(grep -c '"label":"Department"' $(WHEEL_TMP)/out.jsonl)" -gt 10
	rm -rf $(WHEEL_TMP)

test: venv lint typecheck browser wheel
	$(BIN)/pytest

clean:
	-$(KG) neo4j stop
	rm -rf $(VENV) .kg build dist *.egg-info
