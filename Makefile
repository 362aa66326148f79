# The commands of the README: `make up` runs APIK, `make demo` fills it with a demo office,
# `make test` tests it.
# Everything else here is what they need on a fresh machine with Python 3.11+.

PYTHON ?= python3
VENV := .venv
TOOLS := .apik/tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
MEMBERS := shared gateway $(wildcard services/*)
INSTALLED := $(VENV)/.installed

.PHONY: up demo test lint typecheck pytest lock clean

up: $(INSTALLED)
	$(VENV)/bin/python -m apik_shared.devstack up

# With `make up` running (another shell): a demo office's year, through the API.
demo: $(INSTALLED)
	$(VENV)/bin/python -m apik_shared.devstack demo

test: $(INSTALLED) lint typecheck pytest

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(INSTALLED)
	$(VENV)/bin/mypy

pytest: $(INSTALLED)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

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
	$(UV) pip sync --quiet --python $(VENV)/bin/python --require-hashes requirements.lock
	$(UV) pip install --quiet --python $(VENV)/bin/python --no-deps $(addprefix -e ,$(MEMBERS))
	touch $@

# After changing a dependency: re-resolve, and export the lock that is committed.
lock: | $(UV)
	$(UV) lock
	$(UV) export --quiet --format requirements-txt --no-emit-workspace --all-groups \
		--all-extras -o requirements.lock

clean:
	rm -rf $(VENV) .apik .pytest_cache .mypy_cache .ruff_cache
