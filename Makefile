# Kindred — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# A Python >= 3.12: python3.13, python3.12, or whatever .python-version / PATH selects.
find_python = $(shell for c in python3.13 python3.12 python3 python; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	echo $$c; break; fi; done)

.PHONY: help run serve smoke test lint typecheck pytest install demo benchmarks lock clean bandit

help:
	@echo "make run   - install, migrate, load demo content, serve on http://127.0.0.1:$(PORT)"
	@echo "make test  - ruff, mypy, bandit and the whole pytest suite"
	@echo "make serve - as in production (DEBUG off, gunicorn, worker, scheduler) on 127.0.0.1:$(PORT)"
	@echo "make smoke - the production smoke test CI runs (SQLite; see scripts/smoke_production.py)"

$(PY):
	@PYTHON="$(find_python)"; \
	if [ -z "$$PYTHON" ]; then echo "Kindred needs Python 3.12 or newer (python3.13, python3.12 or python3)." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$PYTHON ($$($$PYTHON --version))"; \
	$$PYTHON -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@export DEBUG=1 KINDRED_DEMO=1; \
	$(PY) manage.py migrate --no-input -v 0 && \
	$(PY) manage.py load_demo && \
	echo "Kindred is running on http://127.0.0.1:$(PORT)  (Ctrl+C to stop)" && \
	echo "Staff two-factor sign-in is relaxed for this demo (DEBUG=1; set KINDRED_STAFF_MFA_REQUIRED=1 to require it)." && \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production settings on this machine: the Procfile's processes (scripts/serve.sh).
serve: $(STAMP)
	PORT=$(PORT) scripts/serve.sh

smoke: $(STAMP)
	$(PY) scripts/smoke_production.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy kindred config benchmarks scripts

pytest: $(STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck bandit pytest

benchmarks: $(STAMP)
	@for script in benchmarks/*.py; do case $$script in */web.py|*/__init__.py) continue;; esac; echo "== $$script"; $(PY) $$script; done

# Re-pin every dependency after changing pyproject.toml (commit the result).
# uv resolves for every platform and Python >= 3.12 and writes a hash for every file; the
# versions already in requirements.lock are kept unless pyproject.toml needs others
# (`make lock UPGRADE=1` moves everything to the newest allowed versions).
lock:
	@test -x /tmp/kindred-lock-venv/bin/uv || { rm -rf /tmp/kindred-lock-venv && $(find_python) -m venv /tmp/kindred-lock-venv && /tmp/kindred-lock-venv/bin/pip install --quiet uv; }
	/tmp/kindred-lock-venv/bin/uv pip compile pyproject.toml --extra dev --extra production \
		--universal --python-version 3.12 --generate-hashes --quiet $(if $(UPGRADE),--upgrade) \
		--output-file requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Static security analysis (part of `make test`, about 15 s): fails on any medium or high
# finding; each one kept is marked `# nosec <id>` with the reason (docs/security.md).
bandit: $(STAMP)
	$(VENV)/bin/bandit -c pyproject.toml -r kindred config scripts benchmarks -ll -q
