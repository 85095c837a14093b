# Two commands for a newcomer: `make serve` and `make test`. Both set up what is missing first:
# system packages (apt), the Python venv in .venv/ and the npm packages.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# .python-version selects the interpreter through pyenv; python3.12 is the fallback elsewhere.
BOOT_PYTHON := $(firstword $(shell command -v pyenv >/dev/null 2>&1 && pyenv which python 2>/dev/null) $(shell command -v python3.12 2>/dev/null) python3)
# command:package pairs installed with apt when the command (or file, for a path) is missing (node,
# npm: npm ci and the Pyodide parity test; nginx and its brotli module: the tests of deploy/ serve the
# site through a real nginx).
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
SYSTEM_NEEDS := dot:graphviz pdftotext:poppler-utils chromium:chromium node:nodejs npm:npm \
  /usr/sbin/nginx:nginx $(NGINX_BROTLI):libnginx-mod-http-brotli-static openssl:openssl
# The school whose name and contacts the site shows: `make build SCHOOL=scholen/de-regenboog.toml`.
# SITE_DIR: where the site goes (one folder per school when a board builds for several schools).
SCHOOL ?= $(or $(MELDCODE_SCHOOL),school.toml)
SITE_DIR ?= site
export MELDCODE_SCHOOL := $(abspath $(SCHOOL))
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: help setup system build serve test check lint typecheck unit fast goldens holidays names bench clean

help:
	@echo "make serve    bouw de site en toon hem op http://127.0.0.1:8000"
	@echo "make test     voer alle controles en tests uit"
	@echo "make check    snel: ruff, mypy en alle tests zonder browser (terwijl je werkt)"
	@echo "make build    bouw de site in site/ (of: make build SCHOOL=school.toml SITE_DIR=map)"
	@echo "make goldens  maak de vaste verwachte uitvoer (tests/golden/) opnieuw"
	@echo "make holidays maak de tabel met feestdagen opnieuw"
	@echo "make names    maak de lijst met voornamen (controle op persoonsgegevens) opnieuw"
	@echo "make bench    meet hoe snel de zelfcheck start (tegen Pyodide zonder aanpassingen)"

setup: system $(VENV)/.installed node_modules/.installed

system:
	@missing=""; for pair in $(SYSTEM_NEEDS); do \
	  need="$${pair%%:*}"; \
	  command -v "$$need" >/dev/null 2>&1 || [ -e "$$need" ] || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Systeempakketten installeren:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(VENV)/bin/python:
	@$(BOOT_PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
	  { echo "Python 3.12 of nieuwer is nodig (gevonden: $(BOOT_PYTHON))."; exit 1; }
	$(BOOT_PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: setup
	$(PY) -m mkdocs build --strict --site-dir "$(abspath $(SITE_DIR))"

serve: build
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

lint: setup
	$(PY) -m ruff check .

typecheck: setup
	$(PY) -m mypy

# On every core, one test file per worker at a time: the tests of one expensive module or session
# fixture (the walk through the site, the Pyodide parity run) live in one file, so it is made once.
# Files start in the order tests/conftest.py gives them (the slowest first), not xdist's own.
unit: build
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder

test: lint typecheck unit

# The fast lane for the edit-test loop: every test that needs no Chromium (tests/conftest.py marks
# those that do as `browser`). `make test` still runs everything.
fast: build
	$(PY) -m pytest -q -m "not browser"

check: lint typecheck fast

goldens: setup
	$(PY) -m pytest tests --update-goldens -q

holidays: setup
	$(PY) -m site_src.holiday_table

names: setup
	$(PY) -m site_src.name_list

# A measurement, not a test: it prints medians and never fails on a time. It times one more full
# `make build` itself (build_s).
bench: build
	$(PY) -m benchmarks.note_check
	$(PY) -m benchmarks

clean:
	rm -rf site build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
