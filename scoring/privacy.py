"""Privacy rules of a share (seed 003, 7 tips; stappenplan "Kan ik informatie delen?"): a basis,
the right consent for the child's age, professional secrecy, minimisation, real anonymity and
subsidiarity. Each is a small function that reads the ledger and the scenario and writes findings
through the judge; claims (informed, documented) live in scoring.claims."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from scoring.bases import fits, table
from scoring.rules import RULES
from sim.anonymity import traceable_facts
from sim.consent import required_consenters, secret_missing, under_secrecy

if TYPE_CHECKING:
    from scoring.judge import LiveScorer

STRONG = {"meldcode", "ots", "conflict_of_duties"}
"""Bases weighty enough to pass on data under professional secrecy without consent — only where they fit
the recipient and the purpose (scoring.bases; issue 15: a claimed basis is not taken at face value)."""

PURPOSE = {"share": "share", "request_info": "request", "case_meeting": "meeting"}
"""The consent purpose (sim.actions.Subject) each kind of step needs."""


def secret_facts(scorer: LiveScorer, facts: Iterable[str], to: str) -> list[str]:
    """Facts under professional secrecy or GGZ/medical-sensitive, not the recipient's own secret."""
    sc = scorer.sc
    secret = [f for f in facts if sc.fact_by_id[f].secrecy_of or sc.fact_by_id[f].sensitivity in ("ggz", "medical")]
    return [f for f in secret if sc.fact_by_id[f].secrecy_of != to]


def consent_missing(scorer: LiveScorer, child: str, to: str | list[str], purpose: str, explicit: bool) -> list[str]:
    """Who (by the child's age) has not consented to this purpose for this recipient (every one of
    them, for a list: the others at a table). Breaking professional secrecy needs `explicit` consent,
    for this recipient (sim.consent.covers)."""
    person = scorer.sc.person_by_id[child]
    recipients = [to] if isinstance(to, str) else list(to)
    missing = set()
    for r in recipients or [None]:
        missing |= required_consenters(person) - scorer.ledger.consent_given(child, r, purpose, explicit=explicit)
    return sorted(missing)


def _fits_all(scorer: LiveScorer, basis: str, role: str, to: str, recipients: str | list[str], do: str, child: str,
              t: float, secret: bool, documented: bool, facts: list[str]) -> bool:
    """Does a basis other than consent fit every recipient of this step (scoring.bases)? A request naming
    no facts asks the holder for what the requester's task needs: its basis must fit the holder passing
    that on to the requester (nothing secret named), or it earns no praise."""
    if basis in ("consent", "none") or basis not in table() or not child:
        return True
    pairs = [(to, role)] if do == "request_info" else \
        [(role, r) for r in ([recipients] if isinstance(recipients, str) else recipients)]
    return all(fits(scorer.ledger, basis, s, r, child, t, secret=secret, documented=documented).ok for s, r in pairs)


def step_texts(scorer: LiveScorer, rule: str, do: str, to: str, facts: Iterable[str] = ()) -> dict[str, dict]:
    """The words for the kind of step a finding is about (the rule's `parts`: `<do>` as {step}, and
    `<do>_what` as {what}; each may name {to} and {facts}): a request is no "deelde". Returns the
    `texts_nl` and `fill_en` arguments of the judge's `_add`."""
    parts = RULES[rule].parts or {}
    out: dict[str, dict] = {"texts_nl": {}, "fill_en": {}}
    joined = ", ".join(facts)
    for lang, key in (("nl", "texts_nl"), ("en", "fill_en")):
        names = {"to": scorer._name("to", to, lang), "facts": scorer._name("facts", joined, lang)}
        for slot, part in (("step", do), ("what", f"{do}_what")):
            text = parts.get(part) or parts.get("share" if slot == "step" else "share_what")
            if text:
                out[key][slot] = text[lang].format(**names)
    return out


def check_basis(scorer: LiveScorer, role: str, to: str, basis: str, t: float, child: str,
                facts: Iterable[str] = (), do: str | None = None, present: list[str] | None = None,
                documented: bool | None = None) -> None:
    """P-basis, P-consent-age and P-secrecy for one share (tip 1; who consents by age; beroepsgeheim).
    Consent counts for the purpose of the step `do` and its recipient (at a table: everyone `present`);
    secret facts need consent for this recipient, or a strong basis that fits (scoring.bases). Facts under
    the holder's own professional secrecy need the consent of whom the secret is about (an adult for
    themself; for a child by age), asked by or for the holder, for this purpose and recipient
    (sim.consent.secret_missing): a consent the school asked does not lift the GGZ's secrecy. Left out,
    `do`, `present` and `documented` are read from the record being judged (the ledger's `last`)."""
    facts = list(facts)
    last = scorer.ledger.last or {}
    if last.get("type") == "meeting":
        do = do or "case_meeting"
        present = present if present is not None else list(last.get("present", []))
        if documented is None:
            documented = scorer.ledger.documented(role, "case_meeting", child, t)
    elif last.get("type") == "action" and last.get("role") == role:
        do = do or last["action"].get("do")
        if documented is None:
            documented = bool(str(last["action"].get("considerations") or "").strip())
    do, documented = do or "share", bool(documented)
    person = scorer.sc.person_by_id.get(child)
    secret = secret_facts(scorer, facts, to)
    recipients: str | list[str] = [r for r in (present or []) if r != role] if present is not None else to
    consent_ok = False
    missing: list[str] = []
    purpose = PURPOSE.get(do, "share")
    if basis == "consent" and person is not None:
        holder, receiver = (to, role) if do == "request_info" else (role, to)
        own_secret = [f for f in facts if under_secrecy(scorer.sc, f, holder, receiver)]
        # the facts not under the holder's secrecy need consent by the child's age for this purpose and
        # recipient; the secret ones the consent that lifts the secrecy (sim.consent.secret_missing)
        needed = consent_missing(scorer, child, recipients, purpose, explicit=False) \
            if len(own_secret) < len(facts) or not facts else []
        missing = sorted(set(needed) | secret_missing(scorer.sc, scorer.ledger.consent_answers, child, own_secret,
                                                      holder, receiver, purpose))
        consent_ok = not missing
    if not missing and _fits_all(scorer, basis, role, to, recipients, do, child, t, bool(secret), documented, facts):
        # consent that was not given is no basis (P-consent-age says so), nor is one that does not fit
        # the recipient (P-basis-fit says so): neither is praised
        scorer._add("P-basis", basis != "none", t, role, to=to, facts=", ".join(facts), extra=basis,
                    **step_texts(scorer, "P-basis", do, to, facts))
    if basis == "consent" and person is not None:
        scorer._add("P-consent-age", consent_ok, t, role, child=child, to=to, extra=", ".join(missing),
                    **step_texts(scorer, "P-consent-age", do, to, facts))
    if secret:
        sharer, receiver = (to, role) if do == "request_info" else (role, to)
        fit = fits(scorer.ledger, basis, sharer, receiver, child, t, secret=True, documented=documented)
        scorer._add("P-secrecy", (basis in STRONG and fit.ok) or consent_ok, t, role, to=to, facts=", ".join(secret),
                    **step_texts(scorer, "P-secrecy", do, to, secret))


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
