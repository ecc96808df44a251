# Relation Citoyen — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Django 6.1 needs Python 3.12 or newer: take the first one this machine can run.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.1[234]*/bin/python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run as production does (DEBUG off), with a throw-away key, plain-HTTP cookies and texts
# appended to var/sms.log (with DEBUG off the SMS backend has no default, and console is refused).
TEST_ENV := DEBUG=false SECRET_KEY=test-only-not-secret SESSION_COOKIE_SECURE=false SMS_BACKEND=file \
	SITE_URL=http://testserver ALLOWED_HOSTS=testserver,localhost,127.0.0.1
PYTEST_ARGS ?=
# The suite runs in one process per core (pytest-xdist), at most four: each process takes a
# Redis database of its own (REDIS_URL's number plus its index, see tests/conftest.py).
# `--dist load` hands out tests one by one, by position: the schemathesis test's cases share
# one node id, which the file and group modes (keyed by node id) would run only once.
# PYTEST_ARGS='-n 0' runs the suite in one process.
XDIST_ARGS := -n auto --maxprocesses=4 --dist load

.PHONY: run test test-e2e lint security format worker beat messages clean help bench

help:
	@echo "make run    — set everything up and serve on http://$(HOST):$(PORT)"
	@echo "make test   — run the whole test suite (on every core, PYTEST_ARGS='-n 0' for one)"
	@echo "make worker — a Celery worker and beat (needs REDIS_URL)"

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

messages: $(BIN)/.installed
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

run: $(BIN)/.installed messages
	mkdir -p var
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(BIN)/.installed messages
	mkdir -p var
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest $(XDIST_ARGS) $(PYTEST_ARGS)

test-e2e: $(BIN)/.installed messages
	mkdir -p var
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest $(XDIST_ARGS) -m e2e $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Static security analysis: fails on a medium or high finding (pyproject.toml, [tool.bandit]).
security: $(BIN)/.installed
	$(BIN)/bandit -c pyproject.toml -r . --severity-level medium --quiet

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: $(BIN)/.installed
	@test -n "$$REDIS_URL" || { echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run a worker"; exit 1; }
	$(BIN)/celery -A citizen_crm worker --beat --loglevel=INFO --concurrency=2

# Benchmarks on PostgreSQL + Redis (DATABASE_URL, REDIS_URL; see README "Benchmarks").
BENCH_TICKETS ?= 1000000
bench: $(BIN)/.installed messages
	$(BIN)/python -c "import locust" 2>/dev/null || $(BIN)/pip install --quiet -e '.[bench]'
	BIN=$(BIN) BENCH_TICKETS=$(BENCH_TICKETS) bench/run.sh

clean:
	rm -rf $(VENV) var staticfiles
