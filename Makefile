# Two commands do all the set-up on a fresh machine:
#   make run    install, migrate, load the demo content and serve web + Celery worker + beat
#   make test   install, then ruff, migration check and the whole test suite
# `make help` lists every target.

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run serve migrate demo test lint format check messages bench-scheduling bench-search clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

# The venv is rebuilt when a requirements file changes; the stamp records the last install.
$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create or update the virtualenv in .venv

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content and accounts (idempotent)
	$(MANAGE) load_demo

run: demo ## Install, migrate, load the demo and serve the site, worker and beat on http://127.0.0.1:8000
	$(BIN)/honcho --procfile Procfile.dev start

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and the migration check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

test: lint check ## Lint, check migrations and run the whole test suite
	$(BIN)/pytest

bench-scheduling: install ## Measure how late scheduled pages go live (needs Redis; not part of make test)
	$(PY) bench/scheduling.py

bench-search: install ## Time search_pages against Wagtail's default search on 10 000 pages (needs PostgreSQL)
	$(PY) bench/search.py

# The English msgids are the English text, so the English catalogue translates each one to itself:
# msgattrib drops what msgmerge guessed (fuzzy entries), msgen fills every empty entry with its msgid.
EN_PO := locale/en/LC_MESSAGES/django.po

messages: install ## Update and compile the Vietnamese and English catalogues (needs GNU gettext)
	$(MANAGE) makemessages --locale vi --locale en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'docs/*' --ignore 'bench/*'
	msgattrib --clear-fuzzy --empty --clear-previous --output-file=$(EN_PO) $(EN_PO)
	msgen --output-file=$(EN_PO) $(EN_PO)
	$(MANAGE) compilemessages --ignore '.venv/*'

clean: ## Remove the virtualenv, the SQLite database and run-time files
	rm -rf $(VENV) db.sqlite3 var media
