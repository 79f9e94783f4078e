# Cadenza: two commands for people (`make demo`, `make test`) and a few helpers.
# Each target installs what it needs: uv (through pip when it is not on PATH), then the
# locked dependencies (`uv sync --frozen`). Extra arguments go through ARGS:
#   make demo ARGS="--port 8001"      make test ARGS="-k web -x"

SHELL := /bin/bash
.DEFAULT_GOAL := help
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
ARGS ?=

# uv on PATH, or the one `make uv` installs with pip (`python3 -m uv` finds it either way).
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")

.PHONY: help uv sync sync-dev demo test lint fix ci clean-test-db

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

uv: ## install uv with pip when it is missing
	@if ! command -v uv >/dev/null 2>&1 && ! $(PYTHON) -m uv --version >/dev/null 2>&1; then \
	  echo "uv not found: installing it with pip (user install)"; \
	  $(PYTHON) -m pip install --disable-pip-version-check --user --quiet uv \
	    || $(PYTHON) -m pip install --disable-pip-version-check --user --quiet --break-system-packages uv \
	    || $(PYTHON) -m pip install --disable-pip-version-check --quiet uv; \
	  command -v uv >/dev/null 2>&1 || echo "uv is installed but not on your PATH: make runs it as" \
	    "'$(PYTHON) -m uv'; run Cadenza as .venv/bin/cadenza (README.md)"; \
	fi

sync: uv ## install the app's locked dependencies into .venv
	$(UV) sync --frozen --no-dev --inexact

sync-dev: uv ## install the app and its development tools into .venv
	$(UV) sync --frozen

demo: sync ## load the demo record into ./var (or CADENZA_HOME) and serve it
	$(UV) run --no-sync cadenza demo $(ARGS)

# Tests get a throwaway CADENZA_HOME, so they never touch your ./var data. They run on
# SQLite unless DATABASE_URL points at PostgreSQL (pytest-django makes a test_ database).
test: sync-dev ## run the test suite (SQLite, or PostgreSQL through DATABASE_URL)
	@home=$$(mktemp -d "$${TMPDIR:-/tmp}/cadenza-test.XXXXXX"); \
	trap 'rm -rf "$$home"' EXIT; \
	echo "+ CADENZA_HOME=$$home $(UV) run --no-sync pytest $(ARGS)"; \
	CADENZA_HOME="$$home" $(UV) run --no-sync pytest $(ARGS)

lint: sync-dev ## ruff, formatting, mypy, imports (layers, cycles), module lengths, migrations
	@home=$$(mktemp -d "$${TMPDIR:-/tmp}/cadenza-lint.XXXXXX"); \
	trap 'rm -rf "$$home"' EXIT; export CADENZA_HOME="$$home" DJANGO_SETTINGS_MODULE=cadenza.settings; \
	failed=""; \
	for step in "ruff check" "ruff format --check" "mypy" "lint-imports" \
	            "python .ci/module_lengths.py src/cadenza" \
	            "python -m django makemigrations --check --dry-run"; do \
	  echo "+ uv run $$step"; \
	  $(UV) run --no-sync $$step || failed="$$failed; $$step"; \
	done; \
	if [ -n "$$failed" ]; then echo "lint FAILED: $${failed#; }"; exit 1; fi; \
	echo "lint passed"

fix: sync-dev ## let ruff fix what it can and format the code
	$(UV) run --no-sync ruff check --fix
	$(UV) run --no-sync ruff format

ci: ## what CI runs: .ci/run (installs Chromium with apt when missing)
	bash .ci/run
