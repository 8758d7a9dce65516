"""Checks on the anonymity marks of facts (`identifying`, `narrows`): without them the judge cannot tell
an 'anonymous' consultation that still points at the family from one that does not (sim.anonymity;
seed 003, 7 tips, tip 2: "alleen de namen veranderen of weglaten is niet genoeg"; seed 000
"Anoniempje van 12")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from authoring.lint.base import WARNING, Finding, LintInput

AGE = re.compile(r"\(\d{1,2}\)|\b\d{1,2} jaar\b(?! geleden)"
                 r"|\bvan \d{1,2}\b(?! (uur|minuten|dagen|weken|maanden|kinderen|broers|zussen|jaar geleden))")
"""A child's age in a Dutch fact text: "Peter (11)", "10 jaar", "zijn broer van 16"."""

CLASS = re.compile(r"\bgroep [1-8]\b|\bklas [1-6]\b|\b[1-6]e klas\b|\bbrugklas\b", re.IGNORECASE)
"""A class or group in a Dutch fact text: "groep 5", "klas 2", "3e klas", "brugklas"."""


def nothing_marked(d: LintInput) -> Iterator[Finding]:
    """No fact is marked `identifying` or `narrows`: then no 'anonymous' consultation in this scenario
    can ever be traceable, and the judge praises every one of them."""
    if not any(f.identifying or f.narrows for f in d.scenario.facts):
        yield d.finding(WARNING, "anon_nothing_marked", ("facts",), key=True)


def identity_unmarked(d: LintInput) -> Iterator[Finding]:
    """A fact of `sensitivity: identity` (it names or locates the family) that is not `identifying`:
    telling it 'anonymously' would count as anonymous."""
    for i, fact in enumerate(d.scenario.facts):
        if fact.sensitivity == "identity" and not fact.identifying:
            yield d.finding(WARNING, "anon_identity_unmarked", ("facts", i, "id"), fact=fact.id)


def identifying_not_identity(d: LintInput) -> Iterator[Finding]:
    """`identifying` on a fact that is no identity data: it is meant for a name, an address or a BSN;
    a rare detail or an event narrows the family down (`narrows`) but does not name it."""
    for i, fact in enumerate(d.scenario.facts):
        if fact.identifying and fact.sensitivity != "identity":
            yield d.finding(WARNING, "anon_identifying_not_identity", ("facts", i, "identifying"), fact=fact.id)


def narrows_beside_identifying(d: LintInput) -> Iterator[Finding]:
    """`narrows` on an `identifying` fact adds nothing: the fact is traceable on its own already."""
    for i, fact in enumerate(d.scenario.facts):
        if fact.identifying and fact.narrows:
            yield d.finding(WARNING, "anon_narrows_superfluous", ("facts", i, "narrows"), fact=fact.id)


def duplicate_marks(d: LintInput) -> Iterator[Finding]:
    """The same kind twice in one fact's `narrows` counts once: a typo or a misunderstanding."""
    for i, fact in enumerate(d.scenario.facts):
        twice = sorted({k for k in fact.narrows if fact.narrows.count(k) > 1})
        if twice:
            yield d.finding(WARNING, "anon_narrows_twice", ("facts", i, "narrows"), fact=fact.id,
                            kind=", ".join(twice))


def text_gives_away_more(d: LintInput) -> Iterator[Finding]:
    """The Dutch text names a child's age or a class ("Peter (11)", "groep 5") but the fact is not
    marked so: the age is what made "Anoniempje van 12" traceable (seed 000)."""
    for i, fact in enumerate(d.scenario.facts):
        if fact.identifying:
            continue
        for kind, pattern in (("age", AGE), ("class", CLASS)):
            found = pattern.search(fact.text.nl)
            if found and kind not in fact.narrows:
                yield d.finding(WARNING, "anon_text_gives_away", ("facts", i, "text"), fact=fact.id,
                                kind=kind, words=found.group(0))


RULES = (nothing_marked, identity_unmarked, identifying_not_identity, narrows_beside_identifying,
         duplicate_marks, text_gives_away_more)
