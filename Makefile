# Ketenspel — `make play` (only what the game needs), `make test` (the developer's tools too),
# `make dist` (the one-folder app for trainers' laptops, docs/installeren.md).
# Each creates .venv and installs what it needs by itself (needs only Python 3.11+).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV     := $(VENV)/.installed-dev
DIST    := $(VENV)/.installed-dist
# The Learning Record Store the xAPI tests start on loopback (Ralph) lives in a venv of its own: it pins
# a FastAPI version that other packages of the game cannot share.
LRS_VENV  := $(VENV)/lrs
LRS_STAMP := $(LRS_VENV)/.installed
# The scenario studio (NiceGUI) has an environment of its own too (issue 21).
SVENV  := $(VENV)/studio
SSTAMP := $(SVENV)/.installed
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: setup lrs play test bench soak dist dist-check wheel clean browser studio studio-setup

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

# The studio's browser test drives Debian's chromium (issue 21); as root with apt it is installed here,
# elsewhere that one test is skipped with the reason printed.
browser:
	@command -v chromedriver >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		(apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1)) || \
		echo "note: chromium/chromium-driver not installed; the studio's browser test will be skipped"; }

test: $(DEV) lrs studio-setup browser
	$(HEADLESS) $(BIN)/python -m pytest -q --ignore-glob='tests/test_studio_[bp]*' $(ARGS)
	$(HEADLESS) $(SVENV)/bin/python -m pytest -q tests/test_studio_pages.py tests/test_studio_parts.py tests/test_studio_pages_timeline.py tests/test_studio_browser.py \
		tests/test_studio_processes.py

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
	rm -rf $(VENV) $(LRS_VENV) $(SVENV) build dist *.egg-info .pytest_cache
