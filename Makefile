# Crisis-response handbook. The README's quick start is `make serve` and `make test`.
#   make serve    set up, build with the example data, serve at http://127.0.0.1:8000 (live reload)
#   make test     set up (browser included) and run the whole test suite
#   make build    write the static site into site/ (the last good site survives a failed build)
#   make offline  write dist/handbook-offline.zip (unzip, double-click index.html)
#   make check    bilingual parity check only
#   make clean    remove site/, dist/ and the virtual environment

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve build offline test check clean

$(VENV)/.build-deps: requirements.txt
	@scripts/system-deps.sh build
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test-deps: $(VENV)/.build-deps requirements-dev.txt
	@scripts/system-deps.sh test
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

serve: $(VENV)/.build-deps
	$(PY) -m handbook.site serve --host $(HOST) --port $(PORT)

build: $(VENV)/.build-deps
	$(PY) -m handbook.site build

offline: $(VENV)/.build-deps
	$(PY) -m handbook.site offline

check: $(VENV)/.build-deps
	$(PY) -m handbook.parity docs

test: $(VENV)/.test-deps
	$(PY) -m pytest

clean:
	rm -rf site dist $(VENV) .pytest_cache
