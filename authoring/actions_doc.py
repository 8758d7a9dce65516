"""The action reference for trainers: every action of the vocabulary with its settings, what it means in
practice, an example line and the rules that judge it (issue 20, item 1). `python -m authoring.actions_doc`
writes docs/acties.md; `ketenspel help [ACTIE]` prints the same in the terminal.

Built from the action models (sim.actions), the window's labels and help texts (ui/assets/i18n) and
authoring/data/actions.yaml (examples, rules); the rules' own words come from the rule catalogue."""

from __future__ import annotations

import typing
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from scoring.rules import RULES
from sim.actions import ACTION_IDS, ACTION_MODELS, ONLY_FOR_ORG
from sim.catalogue import role_kinds
from sim.errors import hint
from ui.i18n import strings

DOC = Path(__file__).resolve().parent.parent / "docs" / "acties.md"
WORDS = {
    "nl": {"title": "Acties", "settings": "Instellingen", "example": "Voorbeeld", "rules": "Beoordeeld door",
           "required": "verplicht", "default": "standaard", "list_facts": "lijst van feit-id's",
           "list_roles": "lijst van rol-id's", "bool": "true of false", "text": "vrije tekst",
           "role": "rol-id", "child": "id van een kind", "only": "Alleen voor", "none": "geen instellingen",
           "org": "rollen van de organisatie `{org}`: de soort {kinds}, of een eigen soort met `org: {org}`",
           "reason_when": "alleen nodig bij `unsafe_to_inform: true`",
           "intro": "*Gegenereerd door `python -m authoring.actions_doc` uit de acties van het spel — niet met de hand "
                    "bewerken.* Elke actie zoals een speler haar in het venster kiest, en zoals u haar schrijft in een "
                    "policybestand of een npc-regel (`do: …` met de instellingen). `ketenspel help ACTIE` toont hetzelfde "
                    "in de terminal.", "claim": "een bewering; de beoordeling controleert haar in het logboek"},
    "en": {"title": "Actions", "settings": "Settings", "example": "Example", "rules": "Judged by",
           "required": "required", "default": "default", "list_facts": "list of fact ids",
           "list_roles": "list of role ids", "bool": "true or false", "text": "free text", "role": "role id",
           "child": "id of a child", "only": "Only for", "none": "no settings",
           "org": "roles of the organisation `{org}`: the kind {kinds}, or a kind of your own with `org: {org}`",
           "reason_when": "only needed with `unsafe_to_inform: true`",
           "intro": "Every action as a player picks it in the window, and as you write it in a policy file or an NPC "
                    "rule (`do: …` with its settings).", "claim": "a claim; the judge checks it against the log"},
}
CLAIMS = frozenset({"informed", "parents_informed", "documented"})


def _data() -> dict[str, Any]:
    text = resources.files("authoring").joinpath("data/actions.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def _literal(annotation: Any) -> list[str] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(v) for v in typing.get_args(annotation)]
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    for a in args:
        if typing.get_origin(a) is typing.Literal:
            return [str(v) for v in typing.get_args(a)]
    return None


def _kind(key: str, annotation: Any, lang: str) -> str:
    w, tr = WORDS[lang], strings(lang)
    values = _literal(annotation)
    if values is not None:
        return ", ".join(f"`{v}`" + (f" ({tr[f'opt.{key}.{v}']})" if f"opt.{key}.{v}" in tr else "") for v in values)
    if annotation is bool:
        return w["bool"]
    if typing.get_origin(annotation) is list:
        return w["list_facts"] if key == "facts" else w["list_roles"]
    if key == "child":
        return w["child"]
    if key in ("to", "from", "regisseur"):
        return w["role"]
    return w["text"]


def settings(do: str, lang: str) -> list[str]:
    """One line per setting of action `do`: name, label, what it takes, required or its default."""
    w, tr = WORDS[lang], strings(lang)
    out = []
    for name, info in ACTION_MODELS[do].model_fields.items():
        if name == "do":
            continue
        key = info.alias or name
        label = tr.get(f"param.{key}", "").replace(" (verplicht)", "").replace(" (required)", "")
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        need = w["required"] if info.is_required() else (
            f"{w['default']} `{str(default).lower()}`" if default not in (None, [], "") else "")
        if key == "reason":  # the window asks for it once 'unsafe to inform' is ticked; a file may leave it out
            need = w["reason_when"]
        claim = f" — {w['claim']}" if key in CLAIMS else ""
        out.append(f"`{key}`" + (f" — {label}" if label else "") + f": {_kind(key, info.annotation, lang)}"
                   + (f" ({need})" if need else "") + claim)
    return out


def section(do: str, lang: str = "nl") -> str:
    """The reference of one action as Markdown (also what `ketenspel help ACTIE` prints)."""
    w, tr, data = WORDS[lang], strings(lang), _data()[do]
    lines = [f"## `{do}` — {tr.get(f'action.{do}', do)}", "", tr.get(f"help.{do}", ""), ""]
    if do in ONLY_FOR_ORG:
        org = ONLY_FOR_ORG[do]
        kinds = ", ".join(f"`{k}`" for k, kind in sorted(role_kinds().items()) if kind.org == org) or "—"
        lines += [f"{w['only']}: " + w["org"].format(org=org, kinds=kinds) + ".", ""]
    lines += [f"**{w['settings']}**", ""]
    lines += [f"- {s}" for s in settings(do, lang)] or [f"- {w['none']}"]
    lines += ["", f"**{w['example']}**", "", "```yaml", f"  - {data['example']}", "```", "", f"**{w['rules']}**", ""]
    for rid in data["rules"]:
        rule = RULES[rid]
        checks = rule.checks[lang].replace("{days}", str(getattr(rule, "days", None) or "")).split(". ")[0].rstrip(".")
        lines.append(f"- `{rid}`: {checks}.")
    return "\n".join(lines) + "\n"


def document(lang: str = "nl") -> str:
    """docs/acties.md: every action, in the order of the vocabulary."""
    w = WORDS[lang]
    parts = [f"# {w['title']}", "", w["intro"], ""]
    parts += [f"- [`{do}`](#{do.replace('_', '')}) — {strings(lang).get(f'action.{do}', do)}" for do in ACTION_IDS]
    parts.append("")
    return "\n".join(parts) + "\n" + "\n".join(section(do, lang) for do in ACTION_IDS)


def help_command(args: Any) -> int:
    """`ketenspel help [ACTIE] [--lang en]`: one action's reference, or the list of actions."""
    import sys

    lang = getattr(args, "lang", "nl")
    if not args.action:
        for do in ACTION_IDS:
            print(f"{do:<22}{strings(lang).get(f'action.{do}', do)}")
        return 0
    if args.action not in ACTION_MODELS:
        near = hint(args.action, ACTION_IDS)
        unknown = {"nl": f'er is geen actie "{args.action}"{near.nl}; `ketenspel help` toont ze allemaal',
                   "en": f'there is no action "{args.action}"{near.en}; `ketenspel help` lists them all'}
        print(unknown[lang], file=sys.stderr)
        return 2
    print(section(args.action, lang))
    return 0


def main() -> int:
    """Write docs/acties.md."""
    DOC.write_text(document("nl"), encoding="utf-8")
    print(DOC)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
