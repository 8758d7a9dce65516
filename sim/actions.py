"""The action vocabulary of design.md: every decision a professional can take, with its parameters.

Ids are stable (logs, policies and the network protocol use them); labels are translated in
ui/assets/i18n. Structural checks live here; checks against a running session live in sim.effects.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag, TypeAdapter, model_validator
from pydantic_core import PydanticCustomError

from sim.fields import Frozen, Id

REASON_MAX = 500
"""Longest reason a player may give why informing the family first would endanger the child."""
CONSIDERATIONS_MAX = 1000
"""Longest weighing a player may write into the file (seed 003, 7 tips: "afwegingen vastleggen")."""

Basis = Literal["consent", "meldcode", "ots", "conflict_of_duties", "goed_hulpverlenerschap",
                "legal_duty", "none"]
"""Legal basis claimed for sharing (seed 003, 7 tips, tip 1; VIR exceptions a and b): consent, a
Meldcode report, a supervision order (OTS), conflict of duties (conflict van plichten), good
care-giving (goed hulpverlenerschap: without it the child's interest is harmed), a legal duty (e.g. the
school's absence report to leerplicht) — or none."""

Purpose = Literal["inform", "concern", "consent"]
"""How a talk with the family goes: tell them (inform), discuss a worry (concern), or ask consent."""

Subject = Literal["share", "report", "meeting", "request", "vir"]
"""What a talk with the family is about (issue 15, items 4 and 9; seed 003, 7 tips: consent and informing
are for a purpose and a recipient): passing facts on to the professionals `share_with` (share), a report
to Veilig Thuis (report), a case meeting with the professionals `share_with` (meeting), asking the
professionals `share_with` for information (request), or a registration in the Verwijsindex (vir). A talk
without a subject is "in general" (sim.claims, sim.consent: what that still covers)."""
MeetingKind = Literal["zat", "mdo", "wijkteam", "hco", "jco", "family"]
EscalationTarget = Literal["coordinator", "veiligheidshuis", "raad"]
EscalationRequest = Literal["regie", "doorzettingsmacht", "case_meeting", "onderzoek", "ots"]


class _Action(Frozen):
    """Base of all actions; `do` names the action."""

    def params(self) -> dict[str, Any]:
        """The action as a plain, JSON-ready mapping (as in policy files and the log)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class Observe(_Action):
    """Look closely at a child (in class, on the street): may reveal what passive noticing misses."""

    do: Literal["observe"]
    child: Id


SHARE_WITH_HELP = ("the professionals the talk is about: whom the consent is asked for, or whom the family is told "
                   "the facts will go to (seed 003, 7 tips: consent for a purpose and a recipient); empty: the "
                   "professionals involved in general")
ABOUT_HELP = ("what the talk is about: share (passing facts on to share_with), report (a report to Veilig Thuis), "
              "meeting (a case meeting with share_with), request (asking share_with for information), vir (a "
              "Verwijsindex registration); empty: in general")


class _Talk(_Action):
    """A talk with the family; `share_with` and `about` are logged only when given (old logs stay as they were)."""

    def params(self) -> dict[str, Any]:
        """As `_Action.params`, leaving out an empty `share_with` (logs of talks without it stay as they were)."""
        out = super().params()
        if not out.get("share_with"):
            out.pop("share_with", None)
        return out


class TalkChild(_Talk):
    """Talk with the child: inform, voice a concern, or ask consent (12+ must consent too, seed 003)."""

    do: Literal["talk_child"]
    child: Id
    purpose: Purpose = "concern"
    share_with: list[Id] = Field(default_factory=list, description=SHARE_WITH_HELP)
    about: Subject | None = Field(default=None, description=ABOUT_HELP)


class TalkParents(_Talk):
    """Talk with the parents who have gezag — together, or with one of them (`person`): inform, voice a
    concern, or ask consent. A talk with one parent informs that parent only (seed 003, 7 tips: each
    parent with gezag is told and asked; issue 17 review, item 2)."""

    do: Literal["talk_parents"]
    child: Id
    person: Id | None = Field(default=None, description="the one family member you talk with (a talk with mother "
                              "alone, say); empty: the parents with gezag together")
    purpose: Purpose = "concern"
    share_with: list[Id] = Field(default_factory=list, description=SHARE_WITH_HELP)
    about: Subject | None = Field(default=None, description=ABOUT_HELP)


class ConsultColleague(_Action):
    """Consult a colleague inside one's own organisation (Meldcode step 2, seed 003)."""

    do: Literal["consult_colleague"]
    child: Id | None = None
    facts: list[Id] = Field(default_factory=list)


class ConsultAnonymous(_Action):
    """Consult another professional without naming the family; must really be untraceable (seed 000)."""

    do: Literal["consult_anonymous"]
    to: Id
    facts: list[Id] = Field(default_factory=list)


class AdviceVeiligThuis(_Action):
    """Ask Veilig Thuis for advice; anonymous calls get no follow-up feedback (seed 003, 9 vragen)."""

    do: Literal["advice_veilig_thuis"]
    anonymous: bool = True
    child: Id | None = None
    facts: list[Id] = Field(default_factory=list)


VIR_IDENTITY_ONLY = "vir_identity_only"
"""The error type of a Verwijsindex registration that carries content: the refusal names the rule (the
VIR holds identity only), not pydantic's "extra inputs" (sim.effects.rule_refusal, sim.pydantic_errors)."""


class VirRegister(_Action):
    """Register a signal of involvement in the Verwijsindex: identity only, no content (seed 003, VIR:
    "Er staat geen inhoudelijke informatie in de VIR"). A registration with anything beyond the child —
    facts, a reason, a note — is refused with that rule."""

    do: Literal["vir_register"]
    child: Id

    @model_validator(mode="before")
    @classmethod
    def _identity_only(cls, data: Any) -> Any:
        if isinstance(data, dict):
            extra = sorted(str(k) for k in data if k not in ("do", "child"))
            if extra:
                raise PydanticCustomError(VIR_IDENTITY_ONLY, "the Verwijsindex holds identity only, no content "
                                          "({keys})", {"keys": ", ".join(extra)})
        return data


class _Claims(_Action):
    """What a professional says about a share or a report beyond its facts (issue 14, item 4).

    Whether the family was informed first is *derived* from the talks that took place (sim.claims);
    the old booleans `informed`, `parents_informed` and `documented` are still read from old policy
    files and logs, but only as claims the judge checks against the log. What the player can add
    (fields `unsafe_to_inform`, `reason`, `considerations`, declared last in each action) is that
    informing the family first would endanger the child — with a reason (seed 003, 9 vragen, vraag 2;
    Meldcode stap 3) — and the weighing written into the file (seed 003, 7 tips: "afwegingen
    vastleggen")."""

    def params(self) -> dict[str, Any]:
        """As `_Action.params`, leaving out `unsafe_to_inform` when it is not claimed (logs of actions
        without it stay as they were)."""
        out = super().params()
        if not out.get("unsafe_to_inform"):
            out.pop("unsafe_to_inform", None)
        return out


class Share(_Claims):
    """Give facts to another professional, on a stated basis. `informed` and `documented` are claims
    only (checked against the log)."""

    do: Literal["share"]
    to: Id
    facts: list[Id] = Field(min_length=1)
    basis: Basis = "none"
    informed: bool = False
    documented: bool = False
    child: Id | None = None
    unsafe_to_inform: bool = False
    reason: str | None = Field(default=None, max_length=REASON_MAX)
    considerations: str | None = Field(default=None, max_length=CONSIDERATIONS_MAX)


class RequestInfo(_Action):
    """Ask another professional for information about a child (seed 003, tip 4 and 6)."""

    do: Literal["request_info"]
    from_: Id = Field(alias="from")
    child: Id | None = None
    facts: list[Id] = Field(default_factory=list)
    basis: Basis = "none"


class CaseMeeting(_Action):
    """Plan a case meeting (ZAT, MDO, wijkteam, HCO, JCO, family); it takes place days later."""

    do: Literal["case_meeting"]
    kind: MeetingKind
    child: Id
    invite: list[Id] = Field(default_factory=list)
    with_parents: bool = False
    basis: Basis = "none"
    informed: bool = False
    facts: list[Id] = Field(default_factory=list, description="what the convener brings; default: what it may share")
    regisseur: Id | None = Field(default=None, description="the role the meeting agrees will lead")
    considerations: str | None = Field(default=None, max_length=CONSIDERATIONS_MAX,
                                       description="the weighing written into the file (conflict of duties needs it)")


class ReportVeiligThuis(_Claims):
    """Report (melding) to Veilig Thuis, with names; parents informed beforehand (unless that would
    endanger the child), no consent needed. `parents_informed` is a claim only (checked against the log)."""

    do: Literal["report_veilig_thuis"]
    child: Id
    facts: list[Id] = Field(min_length=1)
    parents_informed: bool = False
    urgent: bool = Field(default=False, description=(
        "the reporter marks the report urgent (seed 003, 9 vragen, vraag 1: spoedzaken binnen 24 uur); a claim "
        "the judge checks against the acute or structural unsafety the reporter knew"))
    unsafe_to_inform: bool = False
    reason: str | None = Field(default=None, max_length=REASON_MAX)
    considerations: str | None = Field(default=None, max_length=CONSIDERATIONS_MAX)

    def params(self) -> dict[str, Any]:
        """As `_Claims.params`, leaving out `urgent` when it is not marked (old logs stay as they were)."""
        out = super().params()
        if not out.get("urgent"):
            out.pop("urgent", None)
        return out


class Zorgmelding(ReportVeiligThuis):
    """The police's report to Veilig Thuis (zorgmelding) after a call-out to a family where children
    live: "In de praktijk komen veruit de meeste van die meldingen bij de politie vandaan" (seed 000);
    the HCO takes in young people "via een zorgmelding van de politie" (seed 004 §7.4). Only a police
    role makes one, and only after it was at a call-out to the family (sim.effects). Judged as a report
    (the family is told beforehand unless that endangers the child; Veilig Thuis triages it)."""

    do: Literal["zorgmelding"]  # type: ignore[assignment]


REPORTS: frozenset[str] = frozenset({"report_veilig_thuis", "zorgmelding"})
"""The actions that are a report to Veilig Thuis: a professional's melding and the police's zorgmelding."""


def as_report(a: dict[str, Any]) -> dict[str, Any]:
    """A zorgmelding as the report to Veilig Thuis it is (`via: zorgmelding` keeps where it came
    from); any other action unchanged. Scoring judges both the same way (seed 003, 9 vragen)."""
    if a.get("do") == "zorgmelding":
        return {**a, "do": "report_veilig_thuis", "via": "zorgmelding"}
    return a


def is_a(do: str | None, wanted: str) -> bool:
    """Is an action `do` the kind of step `wanted`? Itself, or — for a report to Veilig Thuis — the
    police's zorgmelding too (`as_report`): the one place conditions, expectations and reports ask it.
    Asked tens of thousands of times per simulated week, so it answers without building `as_report`'s dict."""
    return do == wanted or (do == "zorgmelding" and wanted == "report_veilig_thuis")


class Escalate(_Action):
    """Escalate a stuck case: to the coordinator (doorzettingsmacht), the Veiligheidshuis, or the Raad.
    Of the Raad voor de Kinderbescherming a professional asks an investigation (`onderzoek`) into whether
    a supervision order is feasible; only the Raad itself asks the juvenile judge for an OTS (seed 004
    §7.5), so a request `ots` is answered with that correction (sim.raad)."""

    do: Literal["escalate"]
    to: EscalationTarget
    child: Id
    request: EscalationRequest = "regie"


class GiveFeedback(_Action):
    """Tell someone who signalled what became of it (terugkoppeling, seed 002 step 5)."""

    do: Literal["give_feedback"]
    to: Id
    child: Id | None = None


class AskFeedback(_Action):
    """Ask for feedback that is late, e.g. from Veilig Thuis after a report (seed 003 q4)."""

    do: Literal["ask_feedback"]
    to: Id
    child: Id | None = None


class TakeRegie(_Action):
    """Become the regisseur: one family, one plan, one contact person (seed 003, Brunssum)."""

    do: Literal["take_regie"]
    child: Id


class Handover(_Action):
    """Offer the case to another professional; never let go before they explicitly took over (seed 004 §7.5)."""

    do: Literal["handover"]
    to: Id
    child: Id


class AcceptHandover(_Action):
    """Explicitly take over a case that was offered to you."""

    do: Literal["accept_handover"]
    child: Id
    from_: Id | None = Field(default=None, alias="from")


class MakePlan(_Action):
    """Make one family plan (1 gezin 1 plan), ideally with the parents and the child."""

    do: Literal["make_plan"]
    child: Id
    with_parents: bool = True


class CloseCase(_Action):
    """Close your involvement with a child's case."""

    do: Literal["close_case"]
    child: Id


class Converse(_Action):
    """Say one thing in a conversation with choices (issue 17, item 6): the choice `choice` at the node
    the role has reached in the scenario's conversation `conversation` (sim.conversations). The other
    side answers; what it says becomes knowledge; a choice can amount to an ordinary talk or consult."""

    do: Literal["converse"]
    conversation: Id
    choice: Id


class Wait(_Action):
    """Deliberately do nothing now."""

    do: Literal["wait"]


ACTION_MODELS: dict[str, type[_Action]] = {
    m.model_fields["do"].annotation.__args__[0]: m  # type: ignore[union-attr]
    for m in (Observe, TalkChild, TalkParents, ConsultColleague, ConsultAnonymous, AdviceVeiligThuis,
              VirRegister, Share, RequestInfo, CaseMeeting, ReportVeiligThuis, Zorgmelding, Escalate, GiveFeedback,
              AskFeedback, TakeRegie, Handover, AcceptHandover, MakePlan, CloseCase, Wait, Converse)
}
ACTION_IDS: tuple[str, ...] = tuple(ACTION_MODELS)


ONLY_FOR_ORG: dict[str, str] = {"zorgmelding": "politie"}
"""Actions only one organisation takes: the zorgmelding is the police's (seed 000, seed 004 §7.4)."""


def offered_to(org: str) -> tuple[str, ...]:
    """The actions a professional of organisation `org` (sim/data/roles.yaml) has in the menu: all,
    except those of another organisation (ONLY_FOR_ORG). The engine refuses them anyway (sim.effects)."""
    return tuple(do for do in ACTION_IDS if ONLY_FOR_ORG.get(do, org) == org)


def _action_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("do")
    return getattr(value, "do", None)


Action = Annotated[
    Union[tuple(Annotated[m, Tag(k)] for k, m in ACTION_MODELS.items())],  # type: ignore[misc]
    Discriminator(_action_tag),
]
ACTION_ADAPTER: TypeAdapter[Any] = TypeAdapter(Action)


def parse_action(data: dict[str, Any]) -> _Action:
    """Validate a plain mapping (from a policy file, the UI or the network) into an action."""
    return ACTION_ADAPTER.validate_python(data)

