# Loa — two commands: `make run` (service with the demo campaign) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-newest test-postgres lint bench clean chromium libreoffice icecast

# Browser tests drive Debian's Chromium (browser downloads are not possible here).
CHROMIUM ?= /usr/bin/chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/loa serve

chromium:
	@test -x $(CHROMIUM) || (apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium)

# Plan PDFs in the tests are made by Debian's LibreOffice (soffice --convert-to pdf).
libreoffice:
	@test -x /usr/bin/soffice || (apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		libreoffice-writer-nogui)

# Stream tests start a throw-away Debian Icecast (icecast2) on a free loopback port.
icecast:
	@test -x /usr/bin/icecast2 || (apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends icecast2)

# The whole suite on SQLite, then on PostgreSQL (.ci/postgres: the machine's server, else a
# throw-away cluster of Debian's postgresql), then (browser tests aside) on the newest CPython.
test: $(VENV)/.installed-test chromium libreoffice icecast
	$(BIN)/python -m pytest
	.ci/postgres run $(BIN)/python -m pytest
	.ci/test-newest-python

# Only the PostgreSQL pass.
test-postgres: $(VENV)/.installed-test chromium libreoffice icecast
	.ci/postgres run $(BIN)/python -m pytest

# Only the second part: CPython 3.13 (else 3.12) in .venv-3.X, tests/browser ignored.
test-newest: libreoffice icecast
	.ci/test-newest-python

lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy audio playlists broadcast api player

clean:
	rm -rf $(VENV) .venv-3.* var .pytest_cache .mypy_cache .ruff_cache
