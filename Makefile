# `make site` builds site/ and dist/<name>-offline.zip; `make test` runs the tests.
# Both set up what they need first: .venv (Python) and node_modules (npm).

PYTHON ?= python3.11
VENV := .venv
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: site test setup node browser clean

site: setup
	$(VENV)/bin/edition build

test: setup browser
	$(VENV)/bin/pytest

# Debian's Chromium for the browser tests (a test tool's own browser download does not work here).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

setup: $(VENV)/.installed node_modules/.package-lock.json

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

node:
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y nodejs npm; }

# The offline search shim and markdownlint, exactly as pinned in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json | node
	npm ci --no-audit --no-fund

clean:
	rm -rf site dist .cache
