"""Does a claimed basis (grondslag) fit the recipient and the purpose? (issue 15, item 3; seed 003, 7 tips;
domain.md §3 and §6.) The table is data (scoring/bases.yaml): for each basis which recipients it covers,
what else it needs, why it does not fit and its public source. This module reads the table and answers
for one share from the ledger: the Meldcode covers consultation and the report to Veilig Thuis, not
passing treatment data to the police; conflict of duties needs danger, a written weighing and a
recipient who can act; goed hulpverlenerschap reaches only the care partners of this child and the
place where its help starts (the wijkteam); an OTS the
gezinsvoogd; consent what it was given for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml import YAML

if TYPE_CHECKING:
    from scoring.ledger import Ledger

BASES_FILE = Path(__file__).with_name("bases.yaml")
OWN_STEPS = {"talk_parents", "talk_child", "take_regie", "make_plan", "accept_handover", "vir_register",
             "case_meeting", "observe"}
"""Steps by which a role shows it is involved in a child's care (besides the child being its client)."""


@cache
def table() -> dict[str, dict[str, Any]]:
    """The bases table: basis -> {recipients, experts, can_act, kinds, secret_to, needs, from_orgs, why, cite}."""
    return YAML(typ="safe").load(BASES_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Fit:
    """Whether a basis fits one share; when not, why (texts from the table) and its public source."""

    ok: bool
    why: dict[str, str] | None = None
    cite: dict[str, str] | None = None


def _kind(ledger: Ledger, role: str) -> str:
    r = ledger.sc.role_by_id.get(role)
    return r.kind if r is not None else ""


def _org(ledger: Ledger, role: str) -> str:
    kind = ledger.sc.kind_by_id.get(_kind(ledger, role))
    return kind.org if kind is not None else ""


def involved(ledger: Ledger, role: str, child: str, t: float) -> bool:
    """Is `role` involved in this child's care at `t`: its client, its regisseur (by the VIR or a meeting),
    or a step of its own on the child (a talk, a VIR registration, the regie, a plan, a case taken over,
    a meeting it convened)?"""
    r = ledger.sc.role_by_id.get(role)
    if r is None:
        return False
    if child in r.clients:
        return True
    if any(r_t <= t and who == role for r_t, who in ledger.regisseur.get(child, [])):
        return True
    return any(s_t <= t and do in OWN_STEPS and a.get("child") == child for s_t, do, a in ledger.steps.get(role, []))


def care_partner(ledger: Ledger, role: str, child: str, t: float) -> bool:
    """A care or support provider (roles.yaml `care: true`) involved in this child's care."""
    kind = ledger.sc.kind_by_id.get(_kind(ledger, role))
    return bool(kind is not None and kind.care) and involved(ledger, role, child, t)


def _recipient_fits(spec: dict[str, Any], cls: str, ledger: Ledger, sharer: str, to: str, child: str, t: float) -> bool:
    kind = _kind(ledger, to)
    if cls == "colleague":
        orgs = {_org(ledger, to), _org(ledger, sharer)}
        same = len(orgs) == 1 or any(orgs <= set(circle) for circle in spec.get("circles", []))
        return same and to != sharer
    if cls == "veilig_thuis":
        return kind == "veilig_thuis"
    if cls == "expert":
        return kind in spec.get("experts", [])
    if cls == "care_partner":
        return care_partner(ledger, to, child, t)
    if cls == "starts_care":
        return kind in spec.get("starts_care", [])
    if cls == "can_act":
        return kind in spec.get("can_act", []) or care_partner(ledger, to, child, t)
    if cls == "kinds":
        return kind in spec.get("kinds", [])
    return False


def fits(ledger: Ledger, basis: str, sharer: str, to: str, child: str, t: float, *, secret: bool = False,
         documented: bool = False, consented: bool = True) -> Fit:
    """Does `basis` cover `sharer` passing facts about `child` to `to` at `t`? `secret`: the facts include
    some under professional secrecy; `documented`: the weighing is written on the step; `consented`:
    for the basis consent, whether the consent covers this purpose and recipient (the ledger's answer)."""
    spec = table().get(basis)
    if spec is None:  # "none" and unknown bases: P-basis says there is none
        return Fit(ok=basis != "none")
    bad = Fit(ok=False, why=spec.get("why"), cite=spec.get("cite"))
    if "from_orgs" in spec and _org(ledger, sharer) not in spec["from_orgs"]:
        return bad
    if spec["recipients"] == ["consented"]:
        return Fit(ok=True) if consented else bad
    classes = spec.get("secret_to", spec["recipients"]) if secret else spec["recipients"]
    if not any(_recipient_fits(spec, c, ledger, sharer, to, child, t) for c in classes):
        return bad
    needs = spec.get("needs", [])
    if "documented" in needs and not documented:
        return bad
    if "danger" in needs and not ledger.unsafe_known(sharer, child, t):
        return bad
    return Fit(ok=True)
