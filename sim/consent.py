"""Who must consent before professionals exchange information about a child (seed 003, "7 tips";
domain.md §6): under 12 the parents with gezag; 12 to 15 the parents with gezag and the child;
16 and older the young person alone. Consent is asked per purpose and recipient (issue 15): `covers`
says which exchange an answer speaks to."""

from __future__ import annotations

from dataclasses import dataclass

from sim.model import Person, Scenario

CHILD_CONSENTS_FROM = 12
CHILD_ALONE_FROM = 16


def required_consenters(child: Person) -> frozenset[str]:
    """Person ids whose consent is needed to share about `child` (a 14-year-old must consent too)."""
    if child.age >= CHILD_ALONE_FROM:
        return frozenset({child.id})
    parents = frozenset(child.gezag)
    if child.age >= CHILD_CONSENTS_FROM:
        return parents | {child.id}
    return parents


def consent_complete(child: Person, given_by: set[str] | frozenset[str]) -> bool:
    """True when everyone who must consent for this child's age has consented."""
    needed = required_consenters(child)
    return bool(needed) and needed <= set(given_by)


# -- consent per purpose and recipient (issue 15, item 4; seed 003, 7 tips) ----------------------------
@dataclass(frozen=True)
class ConsentAnswer:
    """One person's answer when a professional asked consent about a child: given or not, when, by whom
    asked, what for (`about`: share, meeting, request, …; None: in general) and for which professionals
    (`share_with`; empty: not named)."""

    child: str
    person: str
    given: bool
    t: float = 0.0
    asked_by: str | None = None
    about: str | None = None
    share_with: frozenset[str] = frozenset()

    @property
    def general(self) -> bool:
        """Asked "in general": no subject and no professionals named (logs from before issue 15)."""
        return self.about is None and not self.share_with


def general_reach(scenario: Scenario, to: str | None) -> bool:
    """Does a consent that names no professional reach `to`? Seed 003, 7 tips, tip 3: the family must know
    "met wie … met welk doel" information is shared. A parent who agrees "in general" agrees to the
    professionals who help the child working together: its care and support providers (roles.yaml
    `care: true`) and its school — not the police, the justice chain (Raad, Veiligheidshuis), the
    school-attendance officer, a coordinator or Veilig Thuis, which must be named to be covered.
    `to` None (anyone): yes."""
    if to is None:
        return True
    kind = scenario.role_kind(to) if to in scenario.role_by_id else None
    return kind is not None and (kind.care or kind.org == "school")


def covers(answer: ConsentAnswer, to: str | None = None, purpose: str | None = None, asker: str | None = None,
           explicit: bool = False, reach: bool = True) -> bool:
    """Does this answer speak to information going to (or, for a request, coming from) the professional
    `to`, for `purpose`, asked by `asker`? Seed 003, 7 tips: consent is for a purpose and a recipient.

    - A consent in general (no subject, nobody named) covers the exchange between the professionals
      who help the child (`reach`: sim.consent.general_reach says whether `to` is one; tip 3) — but not
      when `explicit` consent is needed: breaking professional secrecy needs consent for this recipient
      (domain.md §6: "explicit consent is the starting point").
    - A consent about a subject covers only that subject (`purpose`; None: any).
    - A consent naming professionals covers only them (`to`; None: anyone); one naming nobody reaches
      only as far as a consent in general (`reach`).
    - `asker` (None: anyone) narrows it to consents that professional asked for itself, as when a
      holder of secret facts answers a request: the mother consented that the GGZ tells *the IB'er*."""
    if asker is not None and answer.asked_by not in (None, asker):
        return False
    if answer.general:
        return not explicit and reach
    if purpose is not None and answer.about is not None and answer.about != purpose:
        return False
    if answer.share_with:
        return to is None or to in answer.share_with
    return not explicit and reach


def consented_for(answers: list[ConsentAnswer], child: str, to: str | None = None, purpose: str | None = None,
                  asker: str | None = None, explicit: bool = False, reach: bool = True) -> set[str]:
    """The persons whose latest answer covering this (`covers`) was yes: a refusal after a yes withdraws it."""
    latest: dict[str, bool] = {}
    for a in answers:
        if a.child == child and covers(a, to, purpose, asker, explicit, reach):
            latest[a.person] = a.given
    return {p for p, given in latest.items() if given}


# -- consent to break professional secrecy (issue 15 review; seed 003, 7 tips, tip 7; domain.md §6) ----
def secret_consenters(scenario: Scenario, fact_id: str, child: str) -> frozenset[str]:
    """Whose consent lifts the professional secrecy on this fact: the person the secret is about — an adult
    for themself (the mother for her own diagnosis), for facts about a child whoever consents for that
    child's age — and, for a fact about nobody in particular, whoever consents for `child`."""
    out: set[str] = set()
    for p in scenario.fact_by_id[fact_id].about:
        person = scenario.person_by_id.get(p)
        if person is not None:
            out |= required_consenters(person) if person.is_child else {p}
    return frozenset(out) or required_consenters(scenario.person_by_id[child])


def covers_secret(answer: ConsentAnswer, holder: str, receiver: str, purpose: str | None) -> bool:
    """Does this answer lift `holder`'s professional secrecy towards `receiver`? Only consent asked by (or
    for) the holder of the secret, for this purpose and this recipient: the holder asked it naming
    `receiver` (`covers`, explicit), or `receiver` asked it naming the holder as the one to get the
    information from (a request, a share to the receiver, or a case meeting the receiver convenes with
    the holder at the table). Consent a third party asked for its own
    exchange (the school asked about sharing with the wijkteam) does not lift the GGZ's secrecy."""
    exchange = ("share", "request")  # the holder passing information to the receiver, either way asked
    if purpose in exchange and answer.about in exchange:
        purpose = answer.about
    if answer.asked_by == holder:
        return covers(answer, receiver, purpose, holder, explicit=True)
    allowed = (None, *exchange) if purpose in (None, *exchange) else (None, purpose)
    return answer.asked_by == receiver and holder in answer.share_with and answer.about in allowed


def secret_consented(answers: list[ConsentAnswer], child: str, holder: str, receiver: str,
                     purpose: str | None) -> set[str]:
    """The persons whose latest answer lifting `holder`'s secrecy towards `receiver` (`covers_secret`) was
    yes."""
    latest: dict[str, bool] = {}
    for a in answers:
        if a.child == child and covers_secret(a, holder, receiver, purpose):
            latest[a.person] = a.given
    return {p for p, given in latest.items() if given}


def secret_missing(scenario: Scenario, answers: list[ConsentAnswer], child: str, facts: list[str], holder: str,
                   receiver: str, purpose: str | None) -> frozenset[str]:
    """Who has not consented to `holder` passing these facts under its own secrecy to `receiver`
    (`secret_consenters`, `covers_secret`); facts not under its secrecy need nothing here."""
    secret = [f for f in facts if f in scenario.fact_by_id and under_secrecy(scenario, f, holder, receiver)]
    if not secret:
        return frozenset()
    needed = frozenset().union(*(secret_consenters(scenario, f, child) for f in secret))
    return needed - secret_consented(answers, child, holder, receiver, purpose)


def under_secrecy(scenario: Scenario, fact_id: str, holder: str, to: str | None = None) -> bool:
    """Is passing this fact on breaking the holder's own professional secrecy (beroepsgeheim; seed 003,
    7 tips, tip 7; domain.md §6)? A fact under its secrecy (`secrecy_of`), or GGZ/medical data a
    secrecy-bound holder (roles.yaml `secrecy: true`) keeps; never towards the one whose secret it is.
    Breaking it on consent needs consent for this recipient (`covers`, explicit)."""
    fact = scenario.fact_by_id[fact_id]
    if fact.secrecy_of is not None:
        return fact.secrecy_of == holder and to != holder
    kind = scenario.role_kind(holder) if holder in scenario.role_by_id else None
    return fact.sensitivity in ("ggz", "medical") and bool(kind is not None and kind.secrecy)
