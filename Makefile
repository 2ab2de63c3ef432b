# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: run test install setup messages system lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $@

install: $(VENV)/.installed

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

setup: messages
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_seed
	@if $(BIN)/python manage.py help rebuild_index >/dev/null 2>&1; then \
		$(BIN)/python manage.py rebuild_index --noinput; fi

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium, the benchmarks' web test drives wrk and the TEI
# export is validated by jing (a Java program): install them from Debian when missing
# (needs root).
system:
	@test -x $(CHROMIUM) && command -v wrk >/dev/null && command -v jing >/dev/null && \
		command -v java >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk jing \
		default-jre-headless; }

test: messages system
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Uses its own database and index (see benchmarks/RESULTS.md); SIZE=1000 for a quick run.
bench: messages system
	$(BIN)/python -m benchmarks --size $${SIZE:-10000}

clean:
	rm -rf $(VENV) var staticfiles
