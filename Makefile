# Crisis-response handbook. The README's quick start is `make serve` and `make test`.
#   make serve    set up, build with the example data, serve at http://127.0.0.1:8000 (live reload)
#   make test     set up (browser included) and run the whole test suite
#   make build    write the static site into site/ (the last good site survives a failed build)
#   make offline  write dist/handbook-offline.zip (unzip, double-click index.html)
#   make check    every rule of the build (parity, content data, profile, pages) without building
#   PROFILE=/path/to/folder  build with a company's own profile (serve, build, offline, check)
#   make bench    print the benchmark figures (search, build time and page weight, Lighthouse)
#   make clean    remove site/, dist/ and the virtual environment

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Company profile folder; empty means $HANDBOOK_PROFILE, else profiles/example.
PROFILE ?=
PROFILE_ARG := $(if $(PROFILE),--profile "$(PROFILE)",)

.PHONY: serve build offline test check bench clean

$(VENV)/.build-deps: requirements.txt pyproject.toml
	@scripts/system-deps.sh build
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.test-deps: $(VENV)/.build-deps requirements-dev.txt package-lock.json
	@scripts/system-deps.sh test
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

serve: $(VENV)/.build-deps
	$(PY) -m handbook.site serve --host $(HOST) --port $(PORT) $(PROFILE_ARG)

build: $(VENV)/.build-deps
	$(PY) -m handbook.site build $(PROFILE_ARG)

offline: $(VENV)/.build-deps
	$(PY) -m handbook.site offline $(PROFILE_ARG)

check: $(VENV)/.build-deps
	$(PY) -m handbook.site check $(PROFILE_ARG)

test: $(VENV)/.test-deps
	$(PY) -m pytest

bench: $(VENV)/.test-deps
	npm ci --prefix benchmarks/lighthouse --no-audit --no-fund --loglevel=error
	$(PY) -m benchmarks.search
	$(PY) -m benchmarks.search --file
	$(PY) -m benchmarks.performance
	$(PY) -m benchmarks.lighthouse

clean:
	rm -rf site dist $(VENV) .pytest_cache node_modules
