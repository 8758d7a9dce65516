"""Field types shared by scenario, policy and log models: ids, simulated times, bilingual texts."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from sim.timefmt import DurationError, parse_duration


class Frozen(BaseModel):
    """Base for every scenario-side model: immutable, and unknown keys are errors (typos surface)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64),
    WithJsonSchema({"type": "string", "pattern": "^[a-z][a-z0-9_]*$",
                    "description": "id: kleine letters, cijfers en _ / lower-case letters, digits and _"}),
]


def _hours(value: object) -> float:
    try:
        return parse_duration(value)  # type: ignore[arg-type]
    except DurationError:
        raise PydanticCustomError("bad_time", "{got} is not a time; write e.g. 36h, 3d, 2w or 3w2d",
                                  {"got": str(value)}) from None


Hours = Annotated[
    float,
    BeforeValidator(_hours),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^-?(\d+(\.\d+)?[hdw])+$"}, {"type": "number"}],
                    "description": "gesimuleerde tijd: 36h, 3d, 2w, 3w2d (uren, dagen, weken) / "
                                   "simulated time: 36h, 3d, 2w, 3w2d (hours, days, weeks)"}),
]


class Text(Frozen):
    """A text a player or a report shows, in Dutch (default) and English."""

    nl: str = Field(min_length=1, description="Nederlandse tekst")
    en: str = Field(min_length=1, description="English text")

    def get(self, lang: str) -> str:
        """The text in `lang` ('nl' or 'en'); Dutch when the language is unknown."""
        return self.en if lang == "en" else self.nl

    def format(self, **params: str) -> "Text":
        """Both languages with the same placeholders filled in."""
        return Text(nl=self.nl.format(**params), en=self.en.format(**params))


OWN_ADDITION = "eigen toevoeging"
"""How a scenario marks a fact, event or expectation that is not in its sources but its own didactic
addition (issue 16, item 6): `source: "eigen toevoeging: waarom"`. Reports cite it as such, never as a seed."""

SeedRef = Annotated[
    str,
    StringConstraints(pattern=r"\S.*\S", min_length=3, max_length=300),
    WithJsonSchema({"type": "string", "minLength": 3, "maxLength": 300,
                    "description": "waar dit vandaan komt: een passage uit de bronnen (bv. 'seed 004 §1'), uw eigen "
                    "bron (bv. 'Protocol Meldcode gemeente Dorp, §3'), of 'eigen toevoeging: waarom' / where this comes "
                    "from: a passage of the sources, your own reference, or 'own addition: why'"}),
]
"""Where a fact, event or expectation comes from (issue 20, item 4): a seed passage ("seed 004 §1"), a
trainer's own reference (free text, shown as it is written), or "eigen toevoeging: …" for what the
scenario adds itself. The shipped families cite only seeds and own additions (tests/test_sources.py)."""
