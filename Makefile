# The commands of the README: `make up` runs APIK, `make demo` fills it with a demo office,
# `make test` tests it.
# Everything else here is what they need on a fresh machine with Python 3.11+.

PYTHON ?= python3
VENV := .venv
TOOLS := .apik/tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
MEMBERS := shared gateway $(wildcard services/*)
INSTALLED := $(VENV)/.installed

# The steps of `make test` each end with their time ("== typecheck: 95 s"), so that
# CI's log says where its time goes (bash's `time`, as TIMEFORMAT writes it).
SHELL := /bin/bash
timed = TIMEFORMAT='== $@: %0R s'; time

# The web app (frontend/): Node 20+ with npm builds it; the gateway serves frontend/dist.
WEB := frontend
WEB_MODULES := $(WEB)/node_modules/.package-lock.json
WEB_BUILD := $(WEB)/dist/index.html
WEB_SOURCES := $(shell find $(WEB)/src -type f 2>/dev/null) $(addprefix $(WEB)/,index.html \
	package.json package-lock.json vite.config.ts tsconfig.json)

.PHONY: up demo test lint typecheck pytest bytecode webtest web client lock clean

up: $(INSTALLED) web bytecode
	$(VENV)/bin/python -m apik_shared.devstack up

# With `make up` running (another shell): a demo office's year, through the API.
demo: $(INSTALLED)
	$(VENV)/bin/python -m apik_shared.devstack demo

test: $(INSTALLED) lint typecheck webtest pytest

lint: $(INSTALLED)
	$(timed) $(VENV)/bin/ruff check .
	$(timed) $(VENV)/bin/ruff format --check .
	$(timed) $(VENV)/bin/lint-imports --no-cache

typecheck: $(INSTALLED)
	$(timed) $(VENV)/bin/mypy

pytest: $(INSTALLED) bytecode
	$(timed) $(VENV)/bin/pytest $(PYTEST_ARGS)

# Our own modules' bytecode, written before the many processes that import them (the
# dependencies' is written at install: --compile-bytecode). Where PYTHONDONTWRITEBYTECODE
# is set (the machine this project is built on sets it), no process writes it, and every
# service, test run and child process compiled each module it imported anew: about a
# third of a service's start. compileall skips what is up to date; an edited file is compiled in memory until
# the next run of this step.
bytecode: $(INSTALLED)
	$(timed) $(VENV)/bin/python -m compileall -q -j 0 $(MEMBERS) tests bench

# The web app's type check and unit tests (Vitest), and its build for the browser tests,
# which run in pytest (tests/e2e/test_webapp.py) against the real stack.
webtest: $(WEB_MODULES) $(WEB_BUILD)
	$(timed) { cd $(WEB) && npm run typecheck && npm test; }

# Built when missing or older than any of its sources.
web: $(WEB_BUILD)

$(WEB_BUILD): $(WEB_MODULES) $(WEB_SOURCES)
	cd $(WEB) && npm run build

# The locked versions, as `npm ci` installs them (the lock has no download addresses:
# npm takes each package from the registry this machine is configured for).
$(WEB_MODULES): $(WEB)/package.json $(WEB)/package-lock.json
	@command -v npm >/dev/null || { echo "the web app needs Node.js 20+ with npm"; exit 1; }
	cd $(WEB) && npm ci
	touch $@

# After an API change: regenerate the typed client (frontend/src/api/schema.d.ts) from
# the gateway's merged OpenAPI document; tests/gateway/webapp fails until it is current.
client: $(INSTALLED) $(WEB_MODULES)
	cd $(WEB) && npm run client

# uv through pip when the machine has none, in a folder of its own.
$(TOOLS)/bin/uv:
	@echo "installing uv (the installer) into $(TOOLS)"
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv

# The locked versions (requirements.lock: pinned, hashed, no index address), then our
# own packages as editable installs.
$(INSTALLED): requirements.lock $(addsuffix /pyproject.toml,$(MEMBERS)) | $(UV)
	@echo "installing APIK and its locked dependencies into $(VENV) (a minute the first time)"
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --compile-bytecode --python $(VENV)/bin/python --require-hashes requirements.lock
	$(UV) pip install --quiet --python $(VENV)/bin/python --no-deps $(addprefix -e ,$(MEMBERS))
	touch $@

# After changing a dependency: re-resolve, and export the lock that is committed.
lock: | $(UV)
	$(UV) lock
	$(UV) export --quiet --format requirements-txt --no-emit-workspace --all-groups \
		--all-extras -o requirements.lock

clean:
	rm -rf $(VENV) .apik .pytest_cache .mypy_cache .ruff_cache $(WEB)/node_modules $(WEB)/dist
