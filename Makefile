# Ketenspel — the two commands: `make play` and `make test`.
# Each creates .venv and installs what it needs by itself (needs only Python 3.11+).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The Learning Record Store the xAPI tests start on loopback (Ralph) lives in a venv of its own: it pins
# a FastAPI version that other packages of the game cannot share.
LRS_VENV  := .venv-ralph
LRS_STAMP := $(LRS_VENV)/.installed
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

.PHONY: setup lrs play test bench soak clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Ketenspel needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

$(LRS_STAMP):
	@test -x $(LRS_VENV)/bin/python || $(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check 'ralph-malph[cli,lrs]>=5.0,<6' 'requests>=2.31'  # Ralph's auth imports requests
	@touch $(LRS_STAMP)

lrs: $(LRS_STAMP)

play: setup
	$(BIN)/python main.py play $(ARGS)

test: setup lrs
	$(HEADLESS) $(BIN)/python -m pytest -q $(ARGS)

bench: setup
	$(HEADLESS) $(BIN)/python -m bench

# The long reliability runs of issue 13 (thousands of fuzzed files and sessions; tens of minutes).
soak: setup
	$(HEADLESS) $(BIN)/python -m bench soak

clean:
	rm -rf $(VENV) $(LRS_VENV) build *.egg-info .pytest_cache
