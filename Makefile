# Glashelder. Two commands: `make run` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes (pytest-xdist); each gets its own test database on the throwaway cluster.
PYTEST_WORKERS ?= 2
MANAGE := $(BIN)/python manage.py
VENDOR := site/static/vendor

.PHONY: run test install assets messages lint migrations-check demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exact versions of every Python package are pinned in requirements.lock.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

# NL Design System CSS from npm (versions locked in package-lock.json), copied into static files.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR)/.built: node_modules/.installed
	mkdir -p $(VENDOR)/utrecht $(VENDOR)/voorbeeld
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht/index.css
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css $(VENDOR)/voorbeeld/theme.css
	touch $@

assets: $(VENDOR)/.built

messages: install
	@scripts/ensure-system-packages.sh gettext
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

demo: install assets messages
	mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_authorities
	$(MANAGE) load_demo

run: demo
	@echo "Glashelder on http://127.0.0.1:$(PORT)/ (demo accounts: see README)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

test: install assets messages
	@scripts/ensure-system-packages.sh postgresql chromium
	$(BIN)/ruff check .
	# The layering contract (.importlinter): a new import pointing the wrong way fails the build.
	$(BIN)/lint-imports --no-cache
	$(MANAGE) makemigrations --check --dry-run
	scripts/with-postgres.sh $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var staticfiles
