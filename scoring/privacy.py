"""Privacy rules of a share (seed 003, 7 tips; stappenplan "Kan ik informatie delen?"): a basis,
the right consent for the child's age, professional secrecy, minimisation, real anonymity and
subsidiarity. Each is a small function that reads the ledger and the scenario and writes findings
through the judge; claims (informed, documented) live in scoring.claims."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sim.anonymity import traceable_facts
from sim.consent import required_consenters

if TYPE_CHECKING:
    from scoring.judge import LiveScorer

STRONG = {"meldcode", "ots", "conflict_of_duties"}
"""Bases weighty enough to pass on data under professional secrecy without consent."""


def check_basis(scorer: LiveScorer, role: str, to: str, basis: str, t: float, child: str,
                facts: Iterable[str] = ()) -> None:
    """P-basis, P-consent-age and P-secrecy for one share (tip 1; who consents by age; beroepsgeheim)."""
    facts = list(facts)
    sc = scorer.sc
    person = sc.person_by_id.get(child)
    consent_ok = False
    missing: list[str] = []
    if basis == "consent" and person is not None:
        missing = sorted(required_consenters(person) - scorer.ledger.consent_given(child, to))
        consent_ok = not missing
    if not missing:  # consent that was not given is no basis: P-consent-age says so, never praise
        scorer._add("P-basis", basis != "none", t, role, to=to, facts=", ".join(facts), extra=basis)
    if basis == "consent" and person is not None:
        scorer._add("P-consent-age", consent_ok, t, role, child=child, extra=", ".join(missing))
    secret = [f for f in facts if sc.fact_by_id[f].secrecy_of or sc.fact_by_id[f].sensitivity in ("ggz", "medical")]
    secret = [f for f in secret if sc.fact_by_id[f].secrecy_of != to]
    if secret:
        scorer._add("P-secrecy", basis in STRONG or consent_ok, t, role, to=to, facts=", ".join(secret))


def check_minimisation(scorer: LiveScorer, role: str, to: str, facts: Iterable[str], t: float) -> None:
    """P-minimisation: only what the recipient needs for their own task (tip 6)."""
    extra = [f for f in facts if to not in scorer.sc.fact_by_id[f].needed_by]
    scorer._add("P-minimisation", not extra, t, role, to=to, facts=", ".join(extra))


def check_meeting_minimisation(scorer: LiveScorer, said: dict[str, list[str]], present: set[str], t: float,
                               table: str) -> None:
    """P-minimisation at a table: the purpose is the combined picture, so a fact is too much when nobody
    else present needs it for their task (tip 6)."""
    for speaker, facts in sorted(said.items()):
        extra = [f for f in facts if not (set(scorer.sc.fact_by_id[f].needed_by) & (present - {speaker}))]
        scorer._add("P-minimisation", not extra, t, speaker, to=table, facts=", ".join(extra))


def check_anonymous(scorer: LiveScorer, role: str, to: str, facts: Iterable[str], t: float) -> None:
    """P-anonymous: an anonymous consultation names nothing that makes the family traceable (seed 000,
    'Anoniempje van 12'; tip 2)."""
    bad = traceable_facts(scorer.sc, list(facts), to,
                          [f for f, k in scorer.ledger.knew.get(to, {}).items() if k <= t])
    scorer._add("P-anonymous", not bad, t, role, to=to, facts=", ".join(bad))


def check_subsidiarity(scorer: LiveScorer, role: str, source: str, t: float, child: str) -> None:
    """P-subsidiarity: ask the family before asking other professionals (tip 4)."""
    scorer._add("P-subsidiarity", scorer.ledger.talked(role, child, t), t, role, to=source, child=child)
