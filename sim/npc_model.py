"""The computer-played partners' behaviour in a scenario (`npc:`): scripted rules, Veilig Thuis, the
Raad, partner levels for solo play, delays. Part of the scenario model (sim.model re-exports it)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from sim.actions import ACTION_IDS, Action
from sim.conditions import Condition
from sim.fields import Frozen, Hours, Id


class NpcRule(Frozen):
    """What a computer-played role does: once `when` holds (and the role is not played by a person),
    after `delay` it takes the action."""

    id: Id
    role: Id
    when: Condition
    delay: Hours = 0.0
    jitter: Hours = 0.0
    action: Action

    @model_validator(mode="before")
    @classmethod
    def _inline_action(cls, data: Any) -> Any:
        if isinstance(data, dict) and "do" in data and "action" not in data:
            own = {"id", "role", "when", "delay", "jitter"}
            data = {k: v for k, v in data.items() if k in own} | {
                "action": {k: v for k, v in data.items() if k not in own}}
        return data


class VeiligThuisBehaviour(Frozen):
    """How the NPC Veilig Thuis answers (seed 003, 9 vragen): urgent reports triaged within 24 h,
    others within days; feedback to the reporter, sometimes late (then the reporter should ask)."""

    triage_urgent: Hours = 24.0
    triage: Hours = 120.0
    feedback: Hours = 72.0
    feedback_late_chance: float = Field(default=0.3, ge=0, le=1)
    advice_reply: Hours = 2.0
    triage_acute: Hours = Field(default=4.0, description="acute danger (after the incident): picked up the same day")
    ask_professionals: Hours = Field(
        default=24.0, description="during an investigation: how long after triage Veilig Thuis asks involved professionals")


class RaadBehaviour(Frozen):
    """How the computer-played Raad voor de Kinderbescherming answers an escalation (seed 004 §7.5): a
    request for an investigation is accepted after `reply`, the Raad asks the professionals involved,
    and after `investigation` it concludes; its involvement changes the family's risk by `risk`. A
    request "for an OTS" is answered with the correction and not taken up."""

    reply: Hours = Field(default=48.0, description="how long the Raad takes to answer a request")
    investigation: Hours = Field(default=672.0, description="how long the Raad's investigation takes")
    risk: float = Field(default=-1.0, ge=-10, le=10, description="change in the family's risk when the Raad concludes")


class PartnerLevel(Frozen):
    """How computer partners at one level carry out the expert's steps for their own roles in solo play
    (issue 14): `delay` (± `jitter`) later than the expert would, and some steps not at all — every step
    of the `skip_roles`, every step of the `skip_actions` kinds, and any other step with `skip_chance`.
    Seed 003 (VIR) describes such a partner: an IB'er who "laat het erbij zitten"."""

    delay: Hours = Field(default=0.0, description="how much later than the expert a partner acts, e.g. 1w")
    jitter: Hours = Field(default=0.0, description="random shift (± this much) per step, per seed")
    skip_chance: float = Field(default=0.0, ge=0, le=1, description="chance (0–1) that a partner leaves a step undone")
    skip_roles: list[Id] = Field(default_factory=list, description="roles that leave all their steps undone")
    skip_actions: list[Literal[ACTION_IDS]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="kinds of steps no partner takes at this level, e.g. report_veilig_thuis")


class PartnerLevels(Frozen):
    """The levels of computer partners a solo player can choose (`run … --role R --partners LEVEL`).
    `competent`: the expert's steps, each once the partner knows what it needs; `realistic`: the same,
    later and not all of them (seeds 003, 004); `passive` partners only answer requests (no settings)."""

    competent: PartnerLevel = PartnerLevel()
    realistic: PartnerLevel = PartnerLevel(delay=72.0, jitter=48.0, skip_chance=0.25)


class NpcBehaviour(Frozen):
    """Computer-played behaviour: scripted rules per role plus the institutions' standing habits."""

    veilig_thuis: VeiligThuisBehaviour = VeiligThuisBehaviour()
    raad: RaadBehaviour = Field(default_factory=RaadBehaviour,
                                description="the Raad voor de Kinderbescherming, computer-played (seed 004)")
    refuses_without_consent: list[Id] = Field(
        default_factory=list, description="roles that will not share on request without valid consent (e.g. ggz)")
    answer_delay: Hours = 48.0
    handover_accept_delay: Hours = 24.0
    meeting_delay: dict[str, Hours] = Field(default_factory=lambda: {
        "zat": 168.0, "mdo": 120.0, "wijkteam": 72.0, "hco": 168.0, "jco": 168.0, "family": 96.0})
    rules: list[NpcRule] = Field(default_factory=list)
    partners: PartnerLevels = Field(
        default_factory=PartnerLevels, description="solo play: how computer partners act at each level")
