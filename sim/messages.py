"""The engine's own inbox texts (nl/en), read from sim/data/messages.yaml — content stays in data.

Besides the texts, the fills that make them read as sentences a Dutch professional would write: a role
as it stands in a sentence ("de zorgcoördinator", "het sociaal wijkteam", "Veilig Thuis"), lists joined
with "en" / "and", the family when no child is named, and a sibling called by the relation the scenario
gives ("de broer van Henk", not "een broer of zus")."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Sequence

from ruamel.yaml import YAML

from sim.fields import Text

if TYPE_CHECKING:
    from sim.model import Scenario

LANGS = ("nl", "en")


@cache
def _raw() -> dict[str, Any]:
    return YAML(typ="safe").load(resources.files("sim").joinpath("data/messages.yaml").read_text("utf-8"))


@cache
def _catalogue() -> dict[str, Text]:
    """The texts; keys starting with "_" hold word lists, not texts."""
    return {key: Text.model_validate(value) for key, value in _raw().items() if not key.startswith("_")}


def capital(text: str) -> str:
    """The text with its first letter a capital, for the start of a sentence ("de leerkracht" → "De leerkracht")."""
    return text[:1].upper() + text[1:]


def message(key: str, **params: Text | str) -> Text:
    """The text `key` with placeholders filled; a Text parameter is filled per language. Every parameter
    can also be written with a capital first letter ({Sender}) where it starts a sentence."""
    base = _catalogue()[key]
    out = {}
    for lang in LANGS:
        values = {k: (getattr(v, lang) if isinstance(v, Text) else v) for k, v in params.items()}
        values.update({capital(k): capital(v) for k, v in list(values.items())})
        out[lang] = getattr(base, lang).format(**values)
    return Text(**out)


def join_names(names: Sequence[str], lang: str) -> str:
    """Names as a sentence lists them: "a, b en c" / "a, b and c"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {getattr(_catalogue()['and'], lang)} " + names[-1]


def join_texts(items: Sequence[Text | str]) -> Text:
    """Several names (per language, or the same in both) joined as a sentence lists them."""
    return Text(**{lang: join_names([getattr(i, lang) if isinstance(i, Text) else i for i in items], lang)
                   for lang in LANGS})


def role_phrase(sc: "Scenario", role: str) -> Text:
    """A role as it reads inside a sentence: "de leerkracht", "het sociaal wijkteam", "Veilig Thuis"."""
    return sc.role_in_sentence(role)


def child_phrase(sc: "Scenario", child: str | None) -> Text:
    """The child a message is about, or "het gezin" / "the family" when the action names no child."""
    if child:
        return sc.person_by_id[child].names
    return _catalogue()["no_child"]


def people_phrase(sc: "Scenario", people: Sequence[str]) -> Text:
    """Family members named as a sentence lists them ("Moeder Pietersdam en Vader Pietersdam"); the
    family when nobody is named."""
    if not people:
        return _catalogue()["no_child"]
    return join_texts([sc.person_by_id[p].names for p in people])


def _sibling_word(sc: "Scenario", person: str) -> str:
    """"brother", "sister" or "any", read from the relation the scenario gives ("zoon, broer van Kevin")."""
    relation = sc.person_by_id[person].relation
    words = _raw()["_siblings"]
    for lang in LANGS:
        first = getattr(relation, lang).split(",")[0].split(" ")[0].strip().lower()
        for word, spec in words.items():
            if any(first.endswith(end) for end in spec.get("ends", ())):
                return word
    return "any"


def self_phrase(sc: "Scenario", child: str) -> Text:
    """A child consenting about itself: "over zichzelf" / "about himself" (the relation gives the word)."""
    return Text.model_validate(_raw()["_siblings"][_sibling_word(sc, child)]["self"])


def sibling_phrase(sc: "Scenario", sibling: str, child: str) -> Text:
    """How `sibling` is related to `child`: "de broer" (the only brother), "een zus" (one of several),
    "een broer of zus" when the scenario's relation does not say."""
    word = _sibling_word(sc, sibling)
    parents = set(sc.person_by_id[child].gezag)
    alike = [p.id for p in sc.children if p.id != child and parents & set(p.gezag) and _sibling_word(sc, p.id) == word]
    spec = _raw()["_siblings"][word]
    return Text.model_validate(spec["the" if len(alike) <= 1 else "a"])
