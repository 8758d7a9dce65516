"""Claims checked against the ledger (issue 14, item 4): "informed", "parents informed", "documented"
and "unsafe to inform" on a share or a report are not believed. What counts is what happened — a talk
with the right people for the child's age before it (sim.claims), a `considerations` note on the step
itself — and a claim the log contradicts is a false claim, never praise (seed 003, 7 tips: cliënt
vooraf informeren, afwegingen vastleggen; 9 vragen, vraag 2; Meldcode stap 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoring.ledger import INFORMS_OF_REPORT, INFORMS_OF_SHARING
from scoring.rules import RULES, join_names
from scoring.units.steps import acute_unsafety, say_to

if TYPE_CHECKING:
    from scoring.judge import LiveScorer


def _unsafe(scorer: LiveScorer, role: str, a: dict[str, Any], t: float, child: str) -> bool | None:
    """The Meldcode's exception "unless safety forbids it" (stap 3 and 4; seed 003, 9 vragen, vraag 2):
    None when the player did not say informing would endanger the child; else whether it is accepted —
    the reason is stated (`reason`) and the ledger bears it out (acute or structural unsafety known to
    the role at that moment, scoring.units.steps.acute_unsafety). A claim without a reason, or one the
    ledger does not bear out, is a false claim."""
    if not a.get("unsafe_to_inform"):
        return None
    accepted = bool(str(a.get("reason") or "").strip()) and acute_unsafety(scorer.ledger, role, child, t)
    scorer._add("P-unsafe-to-inform", accepted, t, role, child=child)
    return accepted


def _documented(scorer: LiveScorer, role: str, a: dict[str, Any], t: float, to: str) -> None:
    """A share without consent, or a report, carries its considerations (a non-empty note)."""
    note = str(a.get("considerations") or "").strip()
    if note:
        scorer._add("P-documented", True, t, role, to=to)
    elif a.get("documented"):
        scorer._add("P-false-documented", False, t, role, to=to)
    else:
        scorer._add("P-documented", False, t, role, to=to)


def _missing(scorer: LiveScorer, who: tuple[str, ...]) -> tuple[str, str]:
    nl = join_names([scorer._name("child", p, "nl") for p in who], "nl") or "-"
    en = join_names([scorer._name("child", p, "en") for p in who], "en") or "-"
    return nl, en


def _say(scorer: LiveScorer, child: str) -> tuple[str, str]:
    """Everyone whom the child's age requires to be told (sim.consent.required_consenters: the parents
    with gezag, from 12 also the child, from 16 the young person alone), by name — for "Juist:" lines."""
    return _missing(scorer, say_to(scorer.sc, child))


def check_share(scorer: LiveScorer, role: str, a: dict[str, Any], t: float, child: str) -> None:
    """Informed and documented, for a share on a basis (seed 003, 7 tips)."""
    to, basis = a["to"], a.get("basis", "none")
    if basis == "none" or not child:
        return
    unsafe = _unsafe(scorer, role, a, t, child)
    told = scorer.ledger.informed(role, child, t, INFORMS_OF_SHARING, a.get("facts", ()))
    nl, en = _missing(scorer, told.missing)
    if told.ok:
        scorer._add("P-informed", True, t, role, to=to, child=child)
    elif a.get("informed"):
        scorer._add("P-false-informed", False, t, role, to=to, child=child, texts_nl={"extra": nl}, fill_en={"extra": en})
    elif not unsafe:
        scorer._add("P-informed", False, t, role, to=to, child=child, texts_nl={"extra": nl}, fill_en={"extra": en})
    if basis != "consent":
        _documented(scorer, role, a, t, to)


def check_report(scorer: LiveScorer, role: str, a: dict[str, Any], t: float, child: str) -> None:
    """Before a report the parents (and a child of 12 or older) are told (seed 003, 9 vragen, vraag 2
    and 5; Meldcode stap 3), unless that would endanger the child — which must be true to count. The
    Meldcode order says what was actually skipped; with the exception accepted (acute danger) the
    order is met by reporting at once."""
    ledger = scorer.ledger
    unsafe = _unsafe(scorer, role, a, t, child)
    told = ledger.informed(role, child, t, INFORMS_OF_REPORT, a.get("facts", ()))
    nl, en = _missing(scorer, told.missing)
    whom_nl, whom_en = _say(scorer, child)
    if told.ok:
        scorer._add("P-report-parents", True, t, role, child=child, texts_nl={"whom": whom_nl}, fill_en={"whom": whom_en})
    elif a.get("parents_informed"):
        scorer._add("P-false-parents-informed", False, t, role, child=child, texts_nl={"extra": nl, "whom": whom_nl},
                    fill_en={"extra": en, "whom": whom_en})
    elif not unsafe:
        scorer._add("P-report-parents", False, t, role, child=child, texts_nl={"extra": nl, "whom": whom_nl},
                    fill_en={"extra": en, "whom": whom_en})
    _documented(scorer, role, a, t, "veilig_thuis")
    _order(scorer, role, t, child, unsafe)


def _order(scorer: LiveScorer, role: str, t: float, child: str, unsafe: bool | None) -> None:
    """T-meldcode-order: a report follows a consultation (stap 2) and a talk with the family (stap 3),
    "tenzij acuut gevaar": with acute or structural unsafety known to the reporter
    (scoring.units.steps.acute_unsafety) the report rightly comes at once, without consulting first;
    the talk is skipped rightly only when the exception to informing was accepted (P-unsafe-to-inform).
    Praise says which steps were skipped under the exception, never "op volgorde" then."""
    ledger = scorer.ledger
    parts = RULES["T-meldcode-order"].parts or {}
    danger = acute_unsafety(ledger, role, child, t)
    missing = [s for s, done in (("consult", ledger.consulted(role, child, t)), ("talk", ledger.talked(role, child, t)))
               if not done]
    excused = {"consult": danger, "talk": bool(unsafe)}
    skipped = [s for s in missing if not excused[s]]
    sep = {"nl": " en ", "en": " and "}
    if skipped:
        extra = {lang: sep[lang].join(parts[s][lang] for s in skipped) for lang in ("nl", "en")}
    elif missing:  # every skipped step excused by acute danger: reported at once, rightly
        extra = {lang: parts["at_once"][lang] + sep[lang].join(parts[s][lang] for s in missing)
                 for lang in ("nl", "en")}
    else:
        extra = {lang: parts["in_order"][lang] for lang in ("nl", "en")}
    scorer._add("T-meldcode-order", not skipped, t, role, child=child, texts_nl={"extra": extra["nl"]},
                fill_en={"extra": extra["en"]})
