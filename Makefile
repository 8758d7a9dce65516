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
# The scenario studio (NiceGUI) has an environment of its own too (issue 21).
SVENV  := .venv-studio
SSTAMP := $(SVENV)/.installed
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

.PHONY: setup lrs play test bench soak clean browser studio studio-setup

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

$(SSTAMP): pyproject.toml
	@test -x $(SVENV)/bin/python || $(PYTHON) -m venv $(SVENV)
	$(SVENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[studio-test]'
	@touch $(SSTAMP)

studio-setup: $(SSTAMP)

# `make studio ARGS=mijn_gezin.yaml`: the scenario studio in the browser (issue 21).
studio: studio-setup
	$(SVENV)/bin/python main.py studio $(ARGS)

play: setup
	$(BIN)/python main.py play $(ARGS)

# The studio's browser test drives Debian's chromium (issue 21); as root with apt it is installed here,
# elsewhere that one test is skipped with the reason printed.
browser:
	@command -v chromedriver >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		(apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1)) || \
		echo "note: chromium/chromium-driver not installed; the studio's browser test will be skipped"; }

test: setup lrs studio-setup browser
	$(HEADLESS) $(BIN)/python -m pytest -q --ignore-glob='tests/test_studio_[bp]*' $(ARGS)
	$(HEADLESS) $(SVENV)/bin/python -m pytest -q tests/test_studio_pages.py tests/test_studio_browser.py

bench: setup
	$(HEADLESS) $(BIN)/python -m bench

# The long reliability runs of issue 13 (thousands of fuzzed files and sessions; tens of minutes).
soak: setup
	$(HEADLESS) $(BIN)/python -m bench soak

clean:
	rm -rf $(VENV) $(LRS_VENV) $(SVENV) build *.egg-info .pytest_cache
