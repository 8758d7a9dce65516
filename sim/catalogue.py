"""The catalogue of partner roles a scenario can put at the table (domain.md §1), read from data."""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import Field
from ruamel.yaml import YAML

from sim.fields import Frozen, Text


class RoleKind(Frozen):
    """A kind of professional: its name, whether it has professional secrecy, whether it gives care. A
    scenario may define kinds of its own (`kinds:`, issue 20 item 4) for a job the catalogue lacks — a
    mentor, a debt counsellor — instead of borrowing another kind's secrecy."""

    name: Text
    secrecy: bool = Field(description="bound by professional secrecy (beroepsgeheim: doctor, GGZ, social worker)")
    care: bool = Field(description="gives care or support (goed hulpverlenerschap can apply)")
    org: str = Field(default="", description="the organisation it belongs to (school, politie, gemeente …): "
                     "roles of one organisation consult as colleagues; default its own")
    the: dict[str, str] = {"nl": "de", "en": "the"}
    """The article the name takes inside a sentence ("de leerkracht", "het sociaal wijkteam"; empty for
    a name such as Veilig Thuis)."""
    takes_over_care: bool = True
    """False for Veilig Thuis: it never takes a family's case over (seed 003, 9 vragen, vraag 8)."""
    task: Text | None = None
    """What this professional does and sees (domain.md §1), shown when a player picks the role."""
    proper: bool = False
    """A proper name keeps its capital inside a sentence ("de Raad voor de Kinderbescherming")."""


@cache
def role_kinds() -> dict[str, RoleKind]:
    """Every role kind by id (leerkracht, ib, smw, wijkagent, … ; domain.md §1)."""
    text = resources.files("sim").joinpath("data/roles.yaml").read_text(encoding="utf-8")
    raw = YAML(typ="safe").load(text)
    return {kind: RoleKind.model_validate(value) for kind, value in raw.items()}
