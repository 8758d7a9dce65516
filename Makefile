# Ketenspel — `make play` (only what the game needs), `make test` (the developer's tools too),
# `make dist` (the one-folder app for trainers' laptops, docs/installeren.md).
# Each creates .venv and installs what it needs by itself (needs only Python 3.11+).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV     := $(VENV)/.installed-dev
DIST    := $(VENV)/.installed-dist
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: setup play test bench soak dist dist-check wheel clean

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Ketenspel needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

# The game's own dependencies only: no pytest, hypothesis or LRS (issue 22).
$(RUNTIME): pyproject.toml | $(VENV)/bin/python
	$(PIP) -e .
	@touch $(RUNTIME)

$(DEV): pyproject.toml | $(VENV)/bin/python
	$(PIP) -e '.[dev]'
	@touch $(RUNTIME) $(DEV)

$(DIST): pyproject.toml | $(VENV)/bin/python
	$(PIP) -e '.[dist]'
	@touch $(RUNTIME) $(DIST)

setup: $(RUNTIME)

play: $(RUNTIME)
	$(BIN)/python main.py play $(ARGS)

test: $(DEV)
	$(HEADLESS) $(BIN)/python -m pytest -q $(ARGS)

bench: $(DEV)
	$(HEADLESS) $(BIN)/python -m bench

# The long reliability runs of issue 13 (thousands of fuzzed files and sessions; tens of minutes).
soak: $(DEV)
	$(HEADLESS) $(BIN)/python -m bench soak

# A wheel in dist/: `pip install dist/ketenspel-*.whl` (or pipx / uv tool install) on any machine.
wheel: $(RUNTIME)
	$(BIN)/python -m pip wheel --no-deps --quiet -w dist .

# The one-folder app (PyInstaller, ketenspel.spec) in dist/ketenspel/; then checked (bench/dist_check.py).
dist: $(DIST)
	$(BIN)/python -m PyInstaller --noconfirm --clean --log-level WARN ketenspel.spec
	$(HEADLESS) $(BIN)/python -m bench.dist_check dist/ketenspel

dist-check:
	$(HEADLESS) $(BIN)/python -m bench.dist_check dist/ketenspel

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
