# Ketenspel — the two commands: `make play` and `make test`.
# Each creates .venv and installs what it needs by itself (needs only Python 3.11+).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

.PHONY: setup play test bench soak clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Ketenspel needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

play: setup
	$(BIN)/python main.py play $(ARGS)

test: setup
	$(HEADLESS) $(BIN)/python -m pytest -q $(ARGS)

bench: setup
	$(HEADLESS) $(BIN)/python -m bench

# The long reliability runs of issue 13 (thousands of fuzzed files and sessions; tens of minutes).
soak: setup
	$(HEADLESS) $(BIN)/python -m bench soak

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
