# secstats: two commands on a fresh clone.
#   make figures   builds the venv (from requirements.lock), checks sources and ledger, builds tables and charts
#   make test      the same venv, then ruff, the import contract (lint-imports), mypy and pytest
# Dependencies are real: editing the ledger or the code rebuilds what depends on it, and nothing else.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_READY := $(VENV)/.ready
# make compares modification times, which lie: an input restored with its old time (cp -p, tar,
# rsync) or deleted would rebuild nothing. So the outputs depend on a stamp of the inputs' CONTENT
# hashes (ledger, raw files, code and the site's templates), rewritten only when a hash or the list
# of inputs changes.
INPUTS_STAMP := .cache/inputs.sha256
# Refreshed every time make reads this file (make -q included), rewritten only when a hash or the list changes.
INPUT_FILES = LC_ALL=C find data/ledger data/raw secstats -type f \( -path 'data/*' -o -name '*.py' -o -path 'secstats/site/templates/*' \) | LC_ALL=C sort
_stamp := $(shell mkdir -p $(dir $(INPUTS_STAMP)) && $(INPUT_FILES) | xargs sha256sum > $(INPUTS_STAMP).new \
	&& { cmp -s $(INPUTS_STAMP).new $(INPUTS_STAMP) && rm $(INPUTS_STAMP).new || mv $(INPUTS_STAMP).new $(INPUTS_STAMP); })
# Every built output; tests/test_build.py checks these lists against secstats.publish.catalog and secstats.charts.figures.
TABLE_NAMES := claims homicides extraditions merida_funding weapon_origins overdose_deaths \
	official_mexico_homicides official_mexico_homicide_vintages official_mexico_presidential_terms official_us_overdose_deaths official_us_assistance official_merida_statements \
	reported_extraditions reported_firearm_traces reconciliation verdicts contradictions coverage derivation_inputs
CHART_NAMES := homicides extraditions merida_funding weapon_origins overview \
	homicide_rate_official overdose_deaths_official us_assistance_official
TABLES := $(TABLE_NAMES:%=data/clean/%.csv)
FIGURES := $(foreach name,$(CHART_NAMES),figures/$(name).png figures/$(name).svg figures/$(name)-narrow.png figures/$(name)-narrow.svg)
METADATA := data/clean/datapackage.json data/clean/manifest.json docs/data-dictionary.md docs/verdicts.md
# The site: its fixed pages here; one page per document and per claim is made by the same build.
SITE := site/index.html site/claims/index.html site/style.css site/tables.js \
	$(TABLE_NAMES:%=site/tables/%.html) $(TABLE_NAMES:%=site/data/%.csv)
OUTPUTS := $(TABLES) $(FIGURES) $(METADATA) $(SITE)
# Bytecode is written (to the __pycache__ folders git ignores) even where PYTHONDONTWRITEBYTECODE is
# set, as on CI: otherwise every run compiles the package again and pytest rewrites every test module
# (a second per process). No PYTHONPYCACHEPREFIX: the venv's own bytecode would then be unused.
WITH_BYTECODE := env -u PYTHONDONTWRITEBYTECODE

.PHONY: figures test test-lowest check venv lock clean-venv bench mutation coverage

figures: $(OUTPUTS)

venv: $(VENV_READY)

# uv when it can be installed (seconds), else pip (a minute); both install exactly requirements.lock.
$(VENV_READY): requirements.lock pyproject.toml scripts/venv.sh
	sh scripts/venv.sh $(PYTHON) $(VENV)
	touch $@

# One grouped target: a single process checks, builds and draws (one import of pandas/matplotlib).
# The venv is order-only: a new venv does not make committed outputs stale.
$(OUTPUTS) &: $(INPUTS_STAMP) | $(VENV_READY)
	$(WITH_BYTECODE) $(PY) -m secstats build

# (the stamp is refreshed while the Makefile is read, above, so that make -q answers truly too)

check: | $(VENV_READY)
	$(PY) -m secstats check

# One pytest worker per core (pytest-xdist), each test file on one worker, so the browser tests share
# one browser. Plain `pytest` runs in one process, as mutmut and a debugger want.
PYTEST_WORKERS ?= auto
test: | $(VENV_READY)
	$(VENV)/bin/ruff check secstats tests scripts
	$(VENV)/bin/ruff format --check secstats tests scripts
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy
	$(WITH_BYTECODE) $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile

# The share of the package's lines and branches the whole test suite runs (pytest-cov, one worker per
# core); the last line is the total. Code run only in a subprocess (the CLI tests) is not counted.
coverage: | $(VENV_READY)
	$(WITH_BYTECODE) $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile --cov --cov-report=term:skip-covered -p no:warnings
	@echo "total coverage: $$($(VENV)/bin/coverage report --format=total)%"

# The lowest versions pyproject.toml allows (uv's lowest-direct resolution), in a scratch venv: the
# lower bounds are claims, and the test suite is their proof. Only the byte comparison of committed
# outputs is left out: PNG and SVG bytes belong to the pinned matplotlib of requirements.lock.
LOWEST := /tmp/secstats-lowest
test-lowest: | $(VENV_READY)
	rm -rf $(LOWEST) && $(VENV)/bin/uv venv --quiet --seed --python $(PYTHON) $(LOWEST)
	$(VENV)/bin/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[dev]'
	$(LOWEST)/bin/uv pip list --python $(LOWEST)/bin/python 2>/dev/null | grep -i -E '^(pandas|pandera|matplotlib|numpy|frictionless|duckdb|polars|pytest) '
	$(LOWEST)/bin/python -m pytest -p no:cacheprovider --deselect tests/test_build.py::test_committed_outputs_are_fresh

lock:
	rm -rf /tmp/secstats-lock && $(PYTHON) -m venv /tmp/secstats-lock
	/tmp/secstats-lock/bin/pip install --quiet -e '.[dev]'
# pip freeze leaves out pip and setuptools: their pins are carried over from the current lock.
	tools=$$(grep -E '^(pip|setuptools)==' requirements.lock); \
	{ echo "# Pinned versions of every package the venv holds (runtime + dev). Regenerate with: make lock"; \
	  /tmp/secstats-lock/bin/pip freeze --exclude-editable; echo "$$tools"; } > requirements.lock

bench: | $(VENV_READY)
	$(PY) scripts/benchmark.py

# Mutation testing of the claim semantics, verdicts and contradictions (minutes, not a CI step).
mutation: | $(VENV_READY)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-mutation.lock
	rm -rf mutants && $(VENV)/bin/mutmut run --max-children 2 && $(VENV)/bin/mutmut results

clean-venv:
	rm -rf $(VENV)
