"""The scenario model: one family's case as immutable data (persons, roles, facts, timeline, risk,
incident, NPC behaviour, expectations). Loaded from YAML by sim.loader; nothing here is family-specific."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, WithJsonSchema, model_validator

from sim.catalogue import RoleKind
from sim.conditions import Condition
from sim.conversation_model import Conversation
from sim.expectations import Expectation, Thresholds, Window, action_fits  # noqa: F401 — part of the model
from sim.fields import Frozen, Hours, Id, SeedRef, Text
from sim.npc_model import (  # noqa: F401 — part of the scenario model
    NpcBehaviour,
    NpcRule,
    PartnerLevel,
    PartnerLevels,
    RaadBehaviour,
    VeiligThuisBehaviour,
)

Sensitivity = Literal["ordinary", "school", "medical", "ggz", "justice", "domestic_violence", "identity"]
"""How sensitive a fact is (AVG special categories, seed 003 7 tips): medical and GGZ data and
justice data need a strong basis; `identity` facts name or locate the family."""


class Meta(Frozen):
    """What the scenario is: id, title, summary, the seeds it comes from, how long it runs."""

    id: Id
    title: Text
    summary: Text = Field(description="the whole story for the trainer: the debrief and the report tell it; the "
                          "player does not see it before the end (it names what roles still have to find out)")
    intro: Text | None = Field(default=None, description="what every player may read on the start screen: the "
                               "family as anyone around it sees it, without the facts roles still have to find out")
    sources: list[SeedRef] = Field(min_length=1)
    duration: Hours = Field(description="how long the scenario runs, e.g. 10w")
    start_date: dt.date = Field(description="calendar date of simulated hour 0, for displays")
    start_time: dt.time = Field(default=dt.time(8, 30),
                                description="clock time of simulated hour 0 (start of the working day), for displays")
    version: int = 1

    def moment(self, hours: float) -> dt.datetime:
        """The calendar moment of a simulated time: start_date + start_time + hours (for displays;
        the engine itself counts hours)."""
        return dt.datetime.combine(self.start_date, self.start_time) + dt.timedelta(hours=hours)


class Person(Frozen):
    """A member of the family (or household). Children are under 18; `gezag` lists who has
    parental authority over a child — they give consent for a child under 16 (seed 003, 7 tips)."""

    id: Id
    name: Annotated[str, WithJsonSchema({
        "anyOf": [{"type": "string", "minLength": 1},
                  {"type": "object", "properties": {"nl": {"type": "string", "minLength": 1},
                                                    "en": {"type": "string", "minLength": 1}},
                   "required": ["nl", "en"], "additionalProperties": False}],
        "description": "naam zoals spelers die zien; een beschrijvende naam ('Moeder Pietersdam') mag in twee "
                       "talen: {nl: …, en: …} / name as players see it, optionally in both languages"})] = Field(
        min_length=1)
    name_en: str | None = Field(default=None, description="the name in English, when it differs (set by "
                                "writing `name: {nl: …, en: …}`)")
    age: int = Field(ge=0, le=120)
    relation: Text = Field(description="rol in het gezin, bv. moeder / role in the family, e.g. mother")
    gezag: list[Id] = Field(default_factory=list, description="who has parental authority (for children)")
    consents: Condition | bool = Field(
        default=True, description="gives consent to share when asked: true, false, or a condition")

    @model_validator(mode="before")
    @classmethod
    def _name_in_two_languages(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("name"), dict):
            names = data["name"]
            data = {**data, "name": names.get("nl"), "name_en": names.get("en")}
        return data

    def name_in(self, lang: str) -> str:
        """The name in a language: 'Moeder Pietersdam' / "Pietersdam's mother"; a proper name is the same."""
        return self.name_en if lang == "en" and self.name_en else self.name

    @property
    def names(self) -> Text:
        """The name in both languages."""
        return Text(nl=self.name, en=self.name_in("en"))

    @property
    def is_child(self) -> bool:
        """A minor: the Meldcode, the VIR and the consent-by-age rules are about children."""
        return self.age < 18


class Family(Frozen):
    """The household the scenario is about."""

    name: Text
    town: Literal["small", "medium", "large"] = Field(
        default="medium", description="small towns make 'anonymous' consultations traceable (seed 000)")
    persons: list[Person] = Field(min_length=1)


class Role(Frozen):
    """A partner at the table: a kind from the catalogue, playable by a person or by the computer."""

    id: Id
    kind: Id
    name: Text | None = Field(default=None, description="defaults to the catalogue name of the kind")
    organisation: Text
    playable: bool = True
    briefing: Text
    clients: list[Id] = Field(default_factory=list, description="persons this role works with directly")
    knows_at_start: list[Id] = Field(default_factory=list)
    pivotal: bool = Field(
        default=False, description="holds a piece without which the chain breaks: played alone with competent "
        "partners, this role's expert play prevents the incident and its passivity lets it happen (balance --solo)")


class Reveal(Frozen):
    """How a fact can be found out by acting: which action, by which roles, under which condition."""

    action: Literal["observe", "talk_child", "talk_parents"]
    roles: list[Id] = Field(min_length=1)
    child: Id | None = Field(default=None, description="only when the action is about this child")
    when: Condition | None = None


Narrowing = Literal["age", "school", "class", "place", "household", "event", "rare"]
"""What a fact, told without names, still gives away about the family (sim.anonymity counts these
pieces): `age` a child's exact age ("Anoniempje van 12", seed 000); `school` the school, crèche or
club a child attends; `class` the class or group ("groep 5"); `place` the village, neighbourhood or
street; `household` who the family is made up of (divorced parents, two sons of 10 and 14, mother's
new boyfriend); `event` something others saw or registered (a police call-out, an arrest, a crisis
admission); `rare` a rare detail (an uncle who was murdered). Seed 003, 7 tips, tip 2: "alleen de
namen veranderen of weglaten is niet genoeg"."""


class Fact(Frozen):
    """One piece of the puzzle. `needed_by` drives minimisation (seed 003, tip 6); `secrecy_of`
    names the role whose professional secrecy covers it. `identifying` (a name, an address, a BSN)
    and `narrows` (school, class, a rare detail …) say how far the fact, told "anonymously",
    points at the family (sim.anonymity; seed 000 "Anoniempje van 12"; seed 003, 7 tips, tip 2)."""

    id: Id
    text: Text
    about: list[Id] = Field(min_length=1)
    sensitivity: Sensitivity = "ordinary"
    secrecy_of: Id | None = None
    needed_by: list[Id] = Field(default_factory=list)
    identifying: bool = Field(
        default=False, description="a direct identifier (name, address, BSN, date of birth): told 'anonymously', "
        "it makes the family traceable on its own, in any town, to anyone (seed 003, 7 tips, tip 2)")
    narrows: list[Narrowing] = Field(
        default_factory=list, description="what this fact, without names, still gives away about the family: "
        "age, school, class, place, household, event, rare. One piece stays anonymous; a combination "
        "(school + class + a rare detail; fewer in a small town or for a recipient who knows the family) "
        "is traceable (sim.anonymity; seed 000, seed 003 tip 2)")
    safety: bool = Field(default=False, description="a signal of unsafety (Meldcode, domain.md §4)")
    key: bool = Field(default=False, description="part of the full picture")
    revealed_by: list[Reveal] = Field(default_factory=list)
    source: SeedRef


class WorldEvent(Frozen):
    """Something that happens in the family's world at a time: who notices it, what they learn,
    what it does to the risk. `inject: true` events only happen when a facilitator injects them.
    With `after_event` the event follows another one (a world event, the incident or an intervention):
    `at` is then the time after that event, moved forward to the next moment its observers are at work
    (a child tells the teacher on the next school day after a night at home, seed 004 §1); it does not
    happen when that event never does."""

    id: Id
    at: Hours
    after_event: Id | None = Field(
        default=None, description="the world event, incident or intervention this event follows; `at` is then "
        "the time after it (moved to the next working moment of the observers)")
    jitter: Hours = 0.0
    chance: float = Field(default=1.0, ge=0.0, le=1.0)
    when: Condition | None = None
    kind: Literal["observation", "disclosure", "message", "call_out", "complaint", "news"] = "observation"
    sender: Text
    message: Text
    observed_by: list[Id] = Field(default_factory=list)
    facts: list[Id] = Field(default_factory=list)
    risk: float = 0.0
    inject: bool = False
    source: SeedRef


class Risk(Frozen):
    """The family's risk level over time (0–10): events raise it, interventions lower it."""

    start: float = Field(ge=0, le=10)
    urgent_at: float = Field(default=7, ge=0, le=10, description="Veilig Thuis treats reports as urgent from here")


class ChildOutcome(Frozen):
    """What becomes of one child: harmed, harmed but softened, or safe (and supported or not)."""

    child: Id
    harmed: Text
    softened: Text
    safe: Text
    unsupported: Text
    supported_when: Condition


class Incident(Frozen):
    """The foreseeable incident: it happens at `at` (± jitter) when the risk is still at or above
    `threshold`; `softened_by` makes it less harmful (e.g. safety agreements already in place)."""

    id: Id
    at: Hours
    jitter: Hours = 0.0
    threshold: float = Field(ge=0, le=10)
    sender: Text
    message: Text
    observed_by: list[Id] = Field(default_factory=list)
    facts: list[Id] = Field(default_factory=list)
    softened_by: Condition | None = None
    outcomes: list[ChildOutcome] = Field(min_length=1)
    source: SeedRef


class Intervention(Frozen):
    """How the world answers good (or poor) cooperation: once `when` holds, after `delay`, the risk
    changes and the listed roles get a message and learn the listed facts."""

    id: Id
    when: Condition
    delay: Hours = 0.0
    jitter: Hours = 0.0
    risk: float = 0.0
    sender: Text
    message: Text
    tell: list[Id] = Field(default_factory=list)
    facts: list[Id] = Field(default_factory=list)
    source: SeedRef


class VirRegistration(Frozen):
    """A VIR registration that exists before the scenario starts (e.g. GGZ signalled months ago)."""

    role: Id
    child: Id
    at: Hours = 0.0


class Vir(Frozen):
    """Verwijsindex settings (seed 003): earlier registrations and who becomes regisseur on a match."""

    registered: list[VirRegistration] = Field(default_factory=list)
    regisseur: Id | None = Field(default=None, description="role assigned as regisseur on a match")


class Scenario(Frozen):
    """A whole scenario file. Cross-references (ids that must exist) are checked by sim.references."""

    meta: Meta
    family: Family
    roles: list[Role] = Field(min_length=1)
    facts: list[Fact] = Field(min_length=1)
    events: list[WorldEvent] = Field(default_factory=list)
    risk: Risk
    incident: Incident
    interventions: list[Intervention] = Field(default_factory=list)
    npc: NpcBehaviour = NpcBehaviour()
    expectations: list[Expectation] = Field(default_factory=list)
    vir: Vir = Vir()
    kinds: dict[Id, RoleKind] = Field(
        default_factory=dict, description="kinds of professional of this scenario's own, for a job the catalogue "
        "lacks (name, secrecy, care, org, task); a role then names it as its kind")
    thresholds: Thresholds = Field(default_factory=Thresholds,
                                   description="the judge's didactic deadlines in days, where this scenario "
                                   "sets its own (docs/scenario-schrijven.md)")
    conversations: list[Conversation] = Field(
        default_factory=list, description="talks with choices: branching dialogues with a parent, the child, a "
        "colleague or Veilig Thuis (issue 17, item 6; docs/scenario-schrijven.md)")
    content_hash: str = Field(default="", exclude=True, description="set by the loader")
    source_path: str = Field(default="", exclude=True, description="the file it was loaded from (set by the loader)")

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def fact_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.family.persons}

    @cached_property
    def conversation_by_id(self) -> dict[str, Conversation]:
        return {c.id: c for c in self.conversations}

    @cached_property
    def event_by_id(self) -> dict[str, WorldEvent]:
        return {e.id: e for e in self.events}

    @cached_property
    def children(self) -> list[Person]:
        """The minors of the family, in file order (kept: scoring asks it for every fact it weighs)."""
        return [p for p in self.family.persons if p.is_child]

    def person_name(self, person_id: str | None) -> str:
        """A family member's display name ('?' when no person is meant)."""
        return self.person_by_id[person_id].name if person_id else "?"

    @cached_property
    def kind_by_id(self) -> dict[str, RoleKind]:
        """Every kind of professional this scenario knows: the catalogue's and its own (`kinds:`); an own
        kind without an organisation is its own organisation."""
        from sim.catalogue import role_kinds

        own = {k: (v if v.org else v.model_copy(update={"org": k})) for k, v in self.kinds.items()}
        return {**role_kinds(), **own}

    def role_name(self, role_id: str) -> Text:
        """The display name of a role in play (its own name, else its kind's)."""
        role = self.role_by_id[role_id]
        return role.name or self.kind_by_id[role.kind].name

    def role_kind(self, role_id: str):
        """The kind of this role (sim.catalogue.RoleKind: its task, secrecy, care, org), the catalogue's
        or the scenario's own."""
        return self.kind_by_id.get(self.role_by_id[role_id].kind)

    def role_in_sentence(self, role_id: str) -> Text:
        """The role as it reads inside a sentence: "de leerkracht", "het sociaal wijkteam", "Veilig
        Thuis", "the class teacher" — the article of its kind, a common noun in lower case."""
        kind = self.kind_by_id[self.role_by_id[role_id].kind]
        name = self.role_name(role_id)

        def phrase(text: str, article: str) -> str:
            if text.split(" ")[0].endswith(("'s", "’s")):  # "Lisanne's teacher": a possessive needs none
                return text
            if not kind.proper and len(text) > 1 and text[1].islower():
                text = text[0].lower() + text[1:]
            return f"{article} {text}" if article else text

        return Text(nl=phrase(name.nl, kind.the.get("nl", "")), en=phrase(name.en, kind.the.get("en", "")))
