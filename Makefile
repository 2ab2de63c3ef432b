# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: run test coverage install install-runtime lock setup messages system lint format \
	typecheck bench clean audit audit-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip first, from its own lock: the pip a Python ships with may be too old to read the others.
$(VENV)/.runtime.installed $(VENV)/.dev.installed $(VENV)/.bench.installed: $(VENV)/.pip.installed

# Installs one lock of requirements/ (every dependency pinned, with its hashes) with the
# venv's own pip; the stamp is remade whenever that lock changes.
$(VENV)/.%.installed: requirements/%.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $<
	touch $@

install-runtime: $(VENV)/.runtime.installed  # what the site needs
install: $(VENV)/.dev.installed  # and what the tests and tools need

# Rewrites the locks from pyproject.toml, keeping every pin that still fits (UPGRADE=1: the
# newest releases allowed). One resolution for every platform and Python >= 3.11; the
# smaller locks are held to the versions of the largest, so all three agree.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: install
	$(BIN)/uv pip compile requirements/pip.in --quiet --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) \
		-o requirements/pip.txt
	$(UV_COMPILE) --extra dev --extra bench -o requirements/bench.txt
	$(UV_COMPILE) --extra dev -c requirements/bench.txt -o requirements/dev.txt
	$(UV_COMPILE) -c requirements/bench.txt -o requirements/runtime.txt

# Each catalogue is compiled when its .po is newer than its .mo (so that suites run side by
# side never rewrite a catalogue another is reading).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
messages: $(CATALOGUES)
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | install-runtime
	$(BIN)/python manage.py compilemessages --locale $* --ignore='.venv*' -v0

setup: messages
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py rebuild_index --noinput

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium, the benchmarks' web test drives wrk, the TEI
# export is validated by jing and the pages by the Nu checker (Java programs), Lighthouse
# and axe-core run on Node: install them from Debian when missing (needs root).
system:
	@test -x $(CHROMIUM) && command -v wrk >/dev/null && command -v jing >/dev/null && \
		command -v java >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk jing \
		default-jre-headless; }

# Lighthouse, axe-core and the Nu checker (vnu.jar), pinned by tests/audit/package-lock.json;
# no install script runs (vnu-jar's would fetch a Java, Debian's is used).
AUDIT_DIR := tests/audit
$(AUDIT_DIR)/node_modules/.installed: $(AUDIT_DIR)/package-lock.json | system
	@command -v npm >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	cd $(AUDIT_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@
audit-tools: $(AUDIT_DIR)/node_modules/.installed

# The audits alone (Lighthouse mobile and desktop, axe, Nu) on every kind of page, served by
# a live server; prints the table (page x scores, axe violations, Nu errors). CI's last step;
# AUDIT_PAGES=list,history for a few pages, AUDIT_REPORTS=var/audit for Lighthouse's reports.
audit: install messages system audit-tools
	$(BIN)/pytest tests/browser/test_audits.py -m audit -q -s

# COVERAGE=1 runs the suite under coverage (branch coverage of the apps, see pyproject.toml).
test: install messages system
	$(if $(COVERAGE),$(BIN)/coverage run -m pytest,$(BIN)/pytest) $(PYTEST_ARGS)

# The suite under coverage, its report, and the floor under which the import pipeline and
# the search backends must not fall.
COVERAGE_FLOOR := 90
COVERAGE_FLOORED := interviews/importing search/backends
coverage:
	$(MAKE) test COVERAGE=1
	$(BIN)/coverage report
	@for package in $(COVERAGE_FLOORED); do \
		total=$$($(BIN)/coverage report --include="$$package/*" --format=total \
			--fail-under=$(COVERAGE_FLOOR)) || failed=1; \
		echo "$$package: $$total% branch coverage (floor $(COVERAGE_FLOOR)%)"; \
	done; test -z "$$failed"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install
	$(BIN)/mypy

# Needs the peers the benchmarks compare the archive with (the bench lock): first the tests
# of that comparison and of the realistic corpus, then the measurements on each corpus
# profile, on a database and index of their own (see benchmarks/RESULTS.md), then every
# report kept in var/ side by side, with how each figure grows; SIZE=1000 for a quick run.
# haystack's first index build alone takes 21 min at 10k: BENCH_OPTIONS= to measure it too.
# The exports are timed on the first profile only: they do not depend on its word counts.
BENCH_PROFILES ?= realistic recombined
BENCH_OPTIONS ?= --skip haystack
bench: $(VENV)/.bench.installed messages system
	$(BIN)/pytest benchmarks/tests
	once=; for profile in $(BENCH_PROFILES); do \
		$(BIN)/python -m benchmarks --size $${SIZE:-10000} --profile $$profile $(BENCH_OPTIONS) \
			$$once --json var/bench-$$profile-$${SIZE:-10000}.json || exit 1; \
		once="--skip export"; \
	done
	$(BIN)/python -m benchmarks.growth var/bench-*-*.json

clean:
	rm -rf $(VENV) var staticfiles .coverage
