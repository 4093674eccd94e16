# Two commands set everything up: `make run` and `make test`.
# The interpreter the virtualenv is made from: Debian's python3 when it is 3.11 or newer, else the
# python3 on PATH. Debian builds it with profile-guided and link-time optimisation; pyenv's
# default build has neither (the import's CPU on each: BENCHMARKS.md). Any Python 3.11+ works:
# make PYTHON_SYS=/path/to/python3
PYTHON_SYS ?= $$(/usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SEEDS ?= seeds

.PHONY: run serve setup test lint format bench bench-parse clean

$(VENV)/bin/python:
	@python=$(PYTHON_SYS); echo "$$python -m venv $(VENV)"; $$python -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

var/secret_key: | $(VENV)/bin/python
	mkdir -p var
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## make run: install, migrate, import seeds/, collect static files, serve on 127.0.0.1:$(PORT)
run: setup
	SECRET_KEY="$$(cat var/secret_key)" $(VENV)/bin/gunicorn ipnews.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - --error-logfile -

setup: $(VENV)/.runtime var/secret_key
	SECRET_KEY="$$(cat var/secret_key)" $(PY) manage.py migrate --noinput
	SECRET_KEY="$$(cat var/secret_key)" $(PY) manage.py import_articles $(SEEDS)
	SECRET_KEY="$$(cat var/secret_key)" $(PY) manage.py collectstatic --noinput --verbosity 0

## make test: the whole suite (unit, integration, browser) on $DATABASE_URL or SQLite
test: $(VENV)/.dev
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var staticfiles test-results .pytest_cache

## make bench: import and page figures at $(BENCH_N) articles on SQLite and PostgreSQL
BENCH_N ?= 100000
bench: $(VENV)/.dev var/secret_key
	command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 || true
	SECRET_KEY="$$(cat var/secret_key)" $(PY) manage.py benchmark --n $(BENCH_N)

## make bench-parse: the pipeline's parse rate (articles/s), no database
bench-parse: $(VENV)/.dev
	$(PY) -m articles.ingest.bench
