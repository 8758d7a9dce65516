"""The engine's own inbox texts (nl/en), read from sim/data/messages.yaml — content stays in data."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ruamel.yaml import YAML

from sim.fields import Text


@cache
def _catalogue() -> dict[str, Text]:
    raw = YAML(typ="safe").load(resources.files("sim").joinpath("data/messages.yaml").read_text("utf-8"))
    return {key: Text.model_validate(value) for key, value in raw.items()}


def message(key: str, **params: Text | str) -> Text:
    """The text `key` with placeholders filled; a Text parameter is filled per language."""
    base = _catalogue()[key]
    nl = {k: (v.nl if isinstance(v, Text) else v) for k, v in params.items()}
    en = {k: (v.en if isinstance(v, Text) else v) for k, v in params.items()}
    return Text(nl=base.nl.format(**nl), en=base.en.format(**en))

