"""Generate docs/regels.md and docs/machines/*.md from the rule catalogue and the machine specs.

`python -m scoring.catalogue` writes them; a test checks the committed files are up to date."""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.machines import SPECS
from scoring.rules import RULES
from scoring.thresholds import SETTING_OF

ROOT = Path(__file__).resolve().parent.parent


def regels_md() -> str:
    """The Dutch/English rule catalogue (docs/regels.md)."""
    out = ["# Regels van de scoring / Scoring rules", "",
           "*Gegenereerd door `python -m scoring.catalogue` uit scoring/rules.yaml — niet met de hand bewerken.*",
           "", "Privacy: elke overtreding kost gewicht × 10 punten. Tijdigheid en terugkoppeling: verdiend / mogelijk.",
           "", "**Gedeeltelijke punten / partial credit.** Een stap op tijd (uiterlijk op het ideale moment) is lof",
           "met alle punten. Een stap na het ideale moment maar vóór het laatste moment krijgt gedeeltelijke punten",
           "(lineair aflopend tot nul op het laatste moment) en is een *waarschuwing*. Na het laatste moment, of",
           "nooit, is het een *overtreding* zonder punten. *A step on time is praise with full points; after its",
           "ideal moment and before its latest it gets partial points and is a warning; after the latest, or never,",
           "it is a violation.*", "",
           "**Taken per rol / duties per role.** Elke verwachting zegt wiens taak het is (`roles`: één rol of een van",
           "een groep). Haalt niemand haar, dan telt dat tegen *elke* eigenaar die er vóór het laatste moment iets",
           "over wist (iets zorgelijks over het kind, of de gebeurtenis waarmee het venster begint); wie het niet",
           "kon weten krijgt geen schuld. Wist geen eigenaar ervan, dan is het een teampunt dat dat zegt",
           "(`T-expectation-unknown`). In solospel is een taak die een computerpartner uitvoerde gedaan (geen",
           "bevinding), en een taak van alleen computerpartners niet die van de speler. Stilzitten telt: wie veiligheidssignalen kende en niets deed, verliest punten",
           "in privacy, tijdigheid én terugkoppeling; een uitnodiging voor andermans overleg is geen eigen stap.",
           "Terugkoppelen is de taak van wie het signaal kreeg (`F-signal-givers`), niet van de gever. Per rol tellen alleen de eigen bevindingen; een dimensie",
           "zonder taak voor die rol wordt niet beoordeeld (leeg, `null`) en telt niet mee: het totaal is het",
           "gewogen gemiddelde over de beoordeelde dimensies (`judged`) — geen stille 100 voor niets doen. Een rol",
           "zonder enige beoordeelde taak (niets wat zij kon weten, of alles al door een ander gedaan) krijgt",
           "geen score (`total: null`, `judged: []`): niet de teamscore en geen gratis 100. Het team telt een",
           "gemiste taak van meerdere eigenaren één keer.", "",
           "**Claims worden getoetst / claims are checked.** 'Geïnformeerd', 'ouders ingelicht' en 'vastgelegd'",
           "worden niet geloofd maar afgeleid uit het logboek (een gesprek met de juiste mensen voor de leeftijd",
           "van het kind, vóór de stap en nadat de rol wist wat zij doorgeeft; een afweging bij de stap). Een claim die het logboek tegenspreekt is een",
           "valse claim (overtreding). Elke bevinding noemt haar openbare bron (`cite`).", "",
           "Totaal = 0,4 × tijdigheid + 0,35 × privacy + 0,25 × terugkoppeling. Alleen de spelers (header `players`)",
           "tellen voor het team; acties van de computer (`by: npc`) niet. De records mogen met of zonder header",
           "komen; zonder header telt elke handelende rol (behalve `by: npc`).", "",
           "*Scoring reads only the scenario and the log records (header included or not). Only the header's",
           "`players` count for the team and `per_role`; NPC actions are the computer's. Without a header every",
           "acting role counts. Live (`LiveScorer.feed`) and batch (`score_log`) run the same code.*", "",
           "**Termijnen zijn didactische keuzes / deadlines are didactic choices.** De Meldcode en de bronnen noemen",
           "geen aantal dagen voor stilzitten, het omstandereffect, een vastgelopen zaak of de melding na acute",
           "onveiligheid. De standaardtermijnen hieronder zijn keuzes voor de training; een scenario stelt eigen",
           "termijnen in met de sectie `thresholds:` (docs/scenario-schrijven.md). *Neither the Meldcode nor the",
           "seeds name these numbers of days; the defaults below are choices for training, and a scenario sets its",
           "own in its `thresholds:` section.*", "",
           "| regel | dimensie | gewicht | bron | openbare bron (cite) | controleert (nl) | checks (en) |",
           "|---|---|---|---|---|---|---|"]
    for r in RULES.values():
        nl, en = (r.checks[k].replace("{days}", str(r.days)) for k in ("nl", "en"))
        if r.id in SETTING_OF:  # an invented deadline: say so, and how a scenario sets its own
            setting = f"`thresholds.{SETTING_OF[r.id]}`"
            unit_nl, unit_en = ("dag", "day") if r.days == 1 else ("dagen", "days")
            nl += f" *({r.days} {unit_nl} is een didactische keuze, geen wettelijke termijn; per scenario in te stellen met {setting}.)*"
            en += f" *({r.days} {unit_en} is a didactic choice, not a legal deadline; a scenario sets its own with {setting}.)*"
        out.append(f"| `{r.id}` | {r.dimension} | {r.weight:g} | {r.source} | {r.cite['nl']} | {nl} | {en} |")
    out += ["", "## Machines", ""]
    for kind, spec in SPECS.items():
        out.append(f"- [{kind}](machines/{kind}.md): {spec['doc']}")
    return "\n".join(out) + "\n"


def machine_md(kind: str) -> str:
    """One machine as a Mermaid state diagram with its triggers and seed."""
    spec = SPECS[kind]
    lines = [f"# {kind}", "", spec["doc"], "", f"Bron / source: {spec['source']}", "", "```mermaid",
             "stateDiagram-v2", f"    [*] --> {spec['states'][0]}"]
    for trigger, sources, dest, record in spec["transitions"]:
        for src in ([sources] if isinstance(sources, str) else sources):
            lines.append(f"    {src} --> {dest}: {trigger}")
    lines += ["```", "", "| trigger | van / from | naar / to | logrecord |", "|---|---|---|---|"]
    for trigger, sources, dest, record in spec["transitions"]:
        src = sources if isinstance(sources, str) else ", ".join(sources)
        lines.append(f"| {trigger} | {src} | {dest} | {record} |")
    return "\n".join(lines) + "\n"


def generated() -> dict[Path, str]:
    """Every generated file and its content."""
    files = {ROOT / "docs" / "regels.md": regels_md()}
    for kind in SPECS:
        files[ROOT / "docs" / "machines" / f"{kind}.md"] = machine_md(kind)
    return files


def main() -> int:
    for path, text in generated().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
