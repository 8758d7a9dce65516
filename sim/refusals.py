"""Plain refusals (issue 17, item 3): an action that does not fit its form is refused with what is wrong
and what to do instead, in the player's language — "Kies ten minste één keuze bij de feiten." rather than
the parser's "List should have at least 1 item after validation". Texts in sim/data/refusals.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Iterable

from pydantic import ValidationError
from ruamel.yaml import YAML

from sim.fields import Text
from sim.messages import join_texts

_KIND_OF = {
    "missing": "missing", "too_short": "too_short", "string_too_long": "too_long", "too_long": "too_long",
    "literal_error": "choice", "enum": "choice", "extra_forbidden": "not_part", "union_tag_invalid": "unknown_action",
    "union_tag_not_found": "missing",
}


@cache
def _texts() -> dict[str, Any]:
    text = resources.files("sim").joinpath("data/refusals.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def _field(loc: tuple[Any, ...]) -> str:
    """The setting an error is about: the first named step after the action tag (`share.facts.0` → facts)."""
    names = [str(p) for p in loc if isinstance(p, str)]
    if len(names) > 1:
        return names[1]
    return names[0] if names else "do"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def setting_names(keys: Iterable[str]) -> Text:
    """Settings of an action as a player knows them from the form, joined as a sentence lists them:
    ["facts", "reason"] → "de feiten en de reden" / "the facts and the reason" — never the field ids.
    Settings the forms do not know are together "de overige gegevens"."""
    fields = _texts()["fields"]
    given = list(dict.fromkeys(keys))
    known = [k for k in given if k in fields]
    names = [Text(nl=fields[k]["nl"], en=fields[k]["en"]) for k in known]
    if len(known) < len(given) or not names:
        names.append(Text.model_validate(_texts()["other_settings"]))
    return join_texts(names)


def plain_refusal(exc: ValidationError) -> Text:
    """The first problem of an action that does not parse, as a sentence for the player (nl and en)."""
    err = exc.errors(include_url=False)[0]
    kind = _KIND_OF.get(err["type"], "wrong_value")
    field = _field(tuple(err.get("loc", ())))
    if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
        field = "do"
    names = _texts()["fields"].get(field, {"nl": field, "en": field})
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if err["type"] == "union_tag_invalid":
        given = ctx.get("tag", given)
    shown = str(given)[:40] if isinstance(given, (str, int, float)) else ""
    if kind == "too_short" and "one" in names:
        kind = "too_short_one"  # "Kies ten minste één feit."
    out = {}
    for lang in ("nl", "en"):
        out[lang] = _texts()["kinds"][kind][lang].format(field=names[lang], Field=_capital(names[lang]),
                                                          one=names.get("one", {}).get(lang, ""),
                                                          max=ctx.get("max_length", ""), input=shown)
    return Text(**out)
