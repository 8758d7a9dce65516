"""The glossary (begrippenlijst): the words of the field explained, each with its public source
(issue 17, item 5). Content lives in ui/data/glossary.yaml, nl and en."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML


@cache
def glossary() -> list[dict[str, Any]]:
    """Every term in reading order: {term: {nl, en}, text: {nl, en}, cite: {nl, en}}."""
    text = resources.files("ui").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    return list(YAML(typ="safe").load(text))
