# Two commands do all the set-up on a fresh machine:
#   make run    install, migrate, load the demo content and serve web + Celery worker + beat
#   make test   install, then ruff, migration check and the whole test suite (with the browser
#               tests, in Debian's Chromium, which `make browser` installs)
# `make help` lists every target.

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install browser run serve migrate demo test lint format check messages bench-scheduling bench-search bench-tools bench backup restore clean

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

# The browser tests (tests/e2e/) and docs/screenshots/capture.py drive Debian's Chromium through
# Playwright; Playwright never downloads a browser of its own (no `playwright install`).
CHROMIUM := /usr/bin/chromium

browser: ## Install Debian's Chromium (browser tests, screenshots) and poppler-utils (PDF tests) (apt-get, as root or with sudo)
	@if [ -x $(CHROMIUM) ] && command -v pdftotext >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; \
	else echo "make browser: $(CHROMIUM) is missing and installing it needs root or sudo;" \
	  "run 'sudo apt-get install chromium'. The browser tests skip without it (and fail on CI)." >&2; exit 0; fi; \
	command -v apt-get >/dev/null 2>&1 || { echo "make browser: $(CHROMIUM) is missing and there is" \
	  "no apt-get: install Chromium at $(CHROMIUM). The browser tests skip without it (and fail on CI)." >&2; exit 0; }; \
	echo "Installing Debian's chromium for the browser tests and poppler-utils for the PDF tests"; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation2 fonts-dejavu-core poppler-utils >/dev/null && \
	test -x $(CHROMIUM)

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

test: browser lint check ## Lint, check migrations and run the whole test suite (browser tests too)
	$(BIN)/pytest

bench-scheduling: install ## Measure how late scheduled pages go live (needs Redis; not part of make test)
	$(PY) bench/scheduling.py

bench-search: install ## Time search_pages against Wagtail's default search on 10 000 pages (needs PostgreSQL)
	$(PY) bench/search.py

# make bench drives the site with wrk, behind Debian's nginx and its cache-purge module (ngx_cache_purge
# 2.3, the micro-cache's PURGE); bookworm's nginx-light is only nginx plus the echo module.
BENCH_TOOLS := /usr/bin/wrk /usr/sbin/nginx /usr/share/nginx/modules/ngx_http_cache_purge_module.so

bench-tools: ## Install wrk, nginx and its cache-purge module for make bench (apt-get, as root or with sudo)
	@missing=; for f in $(BENCH_TOOLS); do [ -e $$f ] || missing="$$missing $$f"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; \
	else echo "make bench-tools:$$missing missing and installing them needs root or sudo; run" \
	  "'sudo apt-get install wrk nginx libnginx-mod-http-cache-purge'." >&2; exit 1; fi; \
	command -v apt-get >/dev/null 2>&1 || { echo "make bench-tools:$$missing missing and there is" \
	  "no apt-get: install wrk, nginx and ngx_cache_purge 2.3." >&2; exit 1; }; \
	echo "Installing Debian's wrk, nginx and libnginx-mod-http-cache-purge for the benchmark"; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends wrk nginx libnginx-mod-http-cache-purge >/dev/null && \
	for f in $(BENCH_TOOLS); do test -e $$f || { echo "make bench-tools: $$f still missing" >&2; exit 1; }; done

bench: install bench-tools ## Load the public pages under gunicorn and nginx with wrk; writes docs/performance.md (PostgreSQL, Redis)
	$(PY) bench/pages.py

# The English msgids are the English text, so the English catalogue translates each one to itself:
# msgattrib drops what msgmerge guessed (fuzzy entries), msgen fills every empty entry with its msgid.
EN_PO := locale/en/LC_MESSAGES/django.po

messages: install ## Update and compile the Vietnamese and English catalogues (needs GNU gettext)
	$(MANAGE) makemessages --locale vi --locale en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'docs/*' --ignore 'bench/*'
	msgattrib --clear-fuzzy --empty --clear-previous --output-file=$(EN_PO) $(EN_PO)
	msgen --output-file=$(EN_PO) $(EN_PO)
	$(MANAGE) compilemessages --ignore '.venv/*'

# Backups (docs/backup.md): one archive of the database and media, with a manifest of SHA-256 sums.
backup: install ## Back up the database and media into var/backups/ (OUTPUT=dir for another folder)
	$(MANAGE) backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: install ## Restore ARCHIVE=… into an empty database and media folder (docs/backup.md)
	@test -n "$(ARCHIVE)" || { echo "make restore ARCHIVE=var/backups/cms-backup-….tar.gz" >&2; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)"

clean: ## Remove the virtualenv, the SQLite database and run-time files
	rm -rf $(VENV) db.sqlite3 var media
