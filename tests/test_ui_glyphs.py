"""Every character the window can show is in the bundled font (issue 17: arrows rendered as □ in the
lobby). pygame_gui has no fallback font: a character missing from Noto Sans is drawn as an empty box.
Checked: every string of the translations, the window's own data (glossary, guided tour), the shipped
scenarios and the engine's and scorer's text files, and every string literal in ui/ that is not a
docstring — in the regular, bold and italic faces the theme uses."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame.freetype  # noqa: E402
import pytest  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FACES = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"]
DATA = (sorted((ROOT / "ui" / "assets" / "i18n").glob("*.json")) + sorted((ROOT / "ui" / "data").glob("*.yaml"))
        + sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "sim" / "data").glob("*.yaml"))
        + sorted((ROOT / "scoring").glob("*.yaml")))


@pytest.fixture(scope="module")
def fonts():
    pygame.freetype.init()
    return {face: pygame.freetype.Font(str(ROOT / "ui" / "assets" / "fonts" / face), 15) for face in FACES}


def strings_in(value):
    """Every string in a loaded JSON/YAML document (keys are ids, values are shown)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


def literals_in(path: Path):
    """The string literals of a Python file, leaving out docstrings (they are never shown)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            docs.add(id(body[0].value))
        if isinstance(node, (ast.Module, ast.ClassDef)):  # attribute docstrings after an assignment
            for a, b in zip(node.body, node.body[1:]):
                if isinstance(a, (ast.Assign, ast.AnnAssign)) and isinstance(b, ast.Expr) \
                        and isinstance(b.value, ast.Constant):
                    docs.add(id(b.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.value


def missing(fonts, texts) -> dict[str, str]:
    """Characters (with the face that lacks them) a font cannot draw."""
    chars = {ch for text in texts for ch in text if ch not in "\n\r\t"}
    out = {}
    for ch in sorted(chars):
        for face, font in fonts.items():
            if font.get_metrics(ch)[0] is None:
                out[ch] = f"U+{ord(ch):04X} not in {face}"
    return out


def test_the_check_notices_a_character_the_font_lacks(fonts):
    assert "←" in missing(fonts, ["pijltjes ← →"])
    assert not missing(fonts, ["Kies Kevin — ‹ › • · é ë ï ’ “ ” …"])


@pytest.mark.parametrize("path", DATA, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_text_in_the_data_is_drawable(fonts, path):
    doc = json.loads(path.read_text(encoding="utf-8")) if path.suffix == ".json" \
        else YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert missing(fonts, strings_in(doc)) == {}


def test_every_string_the_window_code_shows_is_drawable(fonts):
    found = {}
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for ch, why in missing(fonts, literals_in(path)).items():
            found[ch] = f"{why} ({path.relative_to(ROOT)})"
    assert found == {}
