# Himaya: the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
STATE := .himaya
TOOLS := $(STATE)/tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
VENV := .venv
HIMAYA := $(VENV)/bin/himaya
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
SCALE ?= 1

CONSOLE := console
CONSOLE_SOURCES := $(shell find $(CONSOLE)/src -type f 2>/dev/null) $(CONSOLE)/index.html $(CONSOLE)/graphiql.html \
	$(CONSOLE)/vite.config.ts $(CONSOLE)/package.json $(CONSOLE)/tsconfig.json $(wildcard seed/reference/*.json)
CHROMIUM ?= /usr/bin/chromium

.PHONY: help setup run test lint typecheck pytest bench neo4j-stop clean console chromium

help:
	@echo "make run    - set everything up and serve the API on http://127.0.0.1:8000"
	@echo "make test   - set everything up, then lint, type checks and the whole test suite (browser tests included)"
	@echo "make bench  - seed a synthetic national network (SCALE=$(SCALE)) and benchmark the API"

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required: install it and retry (or set PYTHON=python3.11)")'
	@command -v java >/dev/null || { echo "Java 17+ is required (e.g. apt-get install openjdk-17-jre-headless)"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is required to fetch Neo4j (e.g. apt-get install maven)"; exit 1; }
	@mkdir -p $(STATE) && chmod 700 $(STATE)
	@echo "Bootstrapping the installer (uv $(UV_VERSION))..."
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	@echo "Installing Python dependencies from uv.lock..."
	@$(UV) sync --frozen --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')" --quiet
	@touch $@

setup: $(VENV)/.synced

# The console: packages from the lock file (npm ci, only when the lock file changed), then the build.
$(CONSOLE)/node_modules/.installed: $(CONSOLE)/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js 20+ with npm is required to build the console (e.g. apt-get install nodejs npm)"; exit 1; }
	@echo "Installing the console's packages from console/package-lock.json (npm ci)..."
	@cd $(CONSOLE) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CONSOLE)/dist/index.html: $(CONSOLE)/node_modules/.installed $(CONSOLE_SOURCES)
	@echo "Building the console (npm run build)..."
	@cd $(CONSOLE) && npm run build --silent >/dev/null
	@touch $@

console: $(CONSOLE)/dist/index.html

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Chromium is missing at $(CHROMIUM): installing Debian's package (apt-get install chromium)..."; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; \
	fi

run: setup console
	@$(HIMAYA) neo4j start
	@$(HIMAYA) migrate
	@$(HIMAYA) seed reference
	@$(HIMAYA) seed demo
	@echo ""
	@echo "  Himaya is starting on http://127.0.0.1:8000"
	@echo "    The console: http://127.0.0.1:8000/ (demo accounts: .himaya/demo-accounts.txt)"
	@echo "    GraphQL (GraphiQL in development): http://127.0.0.1:8000/graphql"
	@echo "    readiness: http://127.0.0.1:8000/readyz    metrics: http://127.0.0.1:8000/metrics"
	@echo "    The alert dispatcher runs alongside and stops with the API."
	@echo "    Neo4j keeps running after you stop the API: '$(HIMAYA) neo4j stop' stops it."
	@echo ""
	@$(HIMAYA) worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(HIMAYA) serve

lint: setup
	@$(VENV)/bin/ruff check api graph seed ops tests
	@$(VENV)/bin/python -m ops.cypher_lint
	@$(VENV)/bin/python -m ops.role_lint
	@$(VENV)/bin/python -m ops.scope_lint
	@$(VENV)/bin/lint-imports --no-cache

typecheck: setup
	@$(VENV)/bin/mypy api graph seed ops

pytest: setup console chromium
	@$(VENV)/bin/pytest

test: lint typecheck pytest

bench: setup
	@$(VENV)/bin/python -m seed.bench --scale $(SCALE)

neo4j-stop: setup
	@$(HIMAYA) neo4j stop

clean:
	rm -rf $(VENV) $(TOOLS)
