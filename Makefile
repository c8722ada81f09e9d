# The README's commands. `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN := PYTHONPATH=scripts NO_MKDOCS_2_WARNING=1 $(BIN)/python
SERVE_URL ?= http://127.0.0.1:8000/

# Dates in the built site (the sitemap's) come from the last commit, so the same input builds the same bytes.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build check test lint format bench schema accept-text release goldens clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Build, then regenerate the pages whenever the source, an annotation or a page changes;
# mkdocs serve reloads the browser when they do.
serve: $(BIN)/.installed
	SITE_URL=$(SERVE_URL) $(RUN) -m edition generate
	SITE_URL=$(SERVE_URL) $(RUN) -m edition watch & watcher=$$!; \
	trap 'kill $$watcher 2>/dev/null' EXIT INT TERM; \
	SITE_URL=$(SERVE_URL) NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# `make build RENDERER=zensical` lays the same pages out with Zensical instead of MkDocs.
RENDERER ?= mkdocs
build: $(BIN)/.installed
	EDITION_RENDERER=$(RENDERER) $(RUN) -m edition build

# Validate the source and every annotation without rendering: what an editor runs on save.
check: $(BIN)/.installed
	@$(RUN) -m edition check

test: $(BIN)/.installed lint
	$(RUN) -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(BIN)/.installed
	$(BIN)/ruff format scripts tests
	$(BIN)/ruff check --fix scripts tests

bench: $(BIN)/.installed
	$(RUN) scripts/bench.py

# Publish the annotation format for editors' tools.
schema: $(BIN)/.installed
	$(RUN) -m edition schema > schema/annotations.schema.json

# After reviewing a deliberate correction of the transcription: pin it; published ids keep their paragraphs.
accept-text: $(BIN)/.installed
	$(RUN) -m edition accept-text

# Record the version in edition.yml as a release: later citations of it are told what changed since.
release: $(BIN)/.installed
	$(RUN) -m edition release

# Rewrite the golden files of the generated pages and exports, for review as a diff.
goldens: $(BIN)/.installed
	REWRITE_GOLDENS=1 $(RUN) -m pytest -q tests/test_golden.py

clean:
	rm -rf build site .pytest_cache test-artifacts
