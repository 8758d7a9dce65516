"""Duties and their owners: the scenario's expectations judged per owning role (issue 14, item 1).

An expectation names whose duty it is (`roles`: one role or any of a set). When a player among them
meets it, the finding is that role's: praise on time, a warning with partial points after the ideal
moment, a violation after the latest. When nobody meets it, it counts against EACH owner that knew
enough to act on it before the latest moment — something worrying about the child (or, for a window
that starts at a world event, that event) — and an owner that could not know is not blamed: if no
owner knew, the miss is a team item that says so. A duty met by a computer-played partner (solo play)
is discharged and scores nobody; a duty only partners own is not the players'. Omstandereffect
(seed 003 VIR): "iemand anders zal wel" blames everyone who knew, not nobody."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoring.rules import RULES, cite_for, join_names
from scoring.thresholds import days as threshold_days
from sim.model import action_fits

if TYPE_CHECKING:
    from scoring.judge import LiveScorer

DAY = 24.0


def partial(t: float | None, ideal: float, latest: float, earliest: float = float("-inf")) -> tuple[float, str]:
    """Points and severity of a step at `t` for a window (earliest, ideal, latest): on time full points
    and praise; between the ideal and the latest moment points fall linearly and it is a warning; after
    the latest moment, before the earliest (e.g. a report before the call-out it should follow) or never:
    nothing and a violation (docs/regels.md, 'Gedeeltelijke punten')."""
    if t is None or t > latest or t < earliest:
        return 0.0, "violation"
    if t <= ideal:
        return 1.0, "praise"
    return (1.0 - (t - ideal) / (latest - ideal)) if latest > ideal else 1.0, "warning"


def _names(scorer: LiveScorer, roles: list[str], lang: str) -> str:
    return join_names([scorer._name("role", r, lang) for r in roles], lang) or "-"


def judge_expectations(scorer: LiveScorer) -> None:
    """At the end of the session: every expectation whose window opened, judged per owner."""
    ledger, sc = scorer.ledger, scorer.sc
    worried: dict[str, tuple[float, str]] = {}  # owner of a missed duty -> when it first knew, and of whom
    for e in sc.expectations:
        start = ledger.events.get(e.after_event) if e.after_event else 0.0
        if start is None:
            continue  # the event never happened: nothing to expect
        ideal, latest = start + e.window.ideal, start + e.window.latest
        cite = cite_for(e.source)
        common: dict[str, Any] = {"weight": e.weight, "dimension": e.dimension, "source": e.source, "cite": cite,
                                  "extra": e.text.nl, "extra_en": e.text.en, "days": round(latest / DAY)}
        when = scorer.met.get(e.id)
        if e.optional:  # credit when done in time, never a penalty (seed 003: the VIR route needs no advice call)
            if when is not None and when[2] and start + e.window.earliest <= when[0] <= latest:
                _owner_finding(scorer, when[1], when[0], 1.0, "praise", common, met=True)
            continue
        cover = scorer.covered.get(e.id)
        if cover is not None and cover[0] <= latest and \
                (when is None or partial(when[0], ideal, latest, start + e.window.earliest)[1] != "praise"):
            continue  # a stronger step made it unnecessary: a report covers asking advice (seed 003, "zo nodig")
        if when is not None:
            frac, severity = partial(when[0], ideal, latest, start + e.window.earliest)
            if not when[2]:
                continue  # a computer-played partner did it: discharged, and not the player's merit
            if severity != "violation":
                _owner_finding(scorer, when[1], when[0], frac, severity, common, met=True)
                continue
        owners = [r for r in e.roles if r in sc.role_by_id and scorer._team(r)]
        if not owners:
            continue  # only computer-played partners own it (solo play): not the players' duty
        child = str(e.match.get("child")) if e.match.get("child") else None
        knew = {r: (ledger.knew_event(r, e.after_event, latest) if e.after_event
                    else ledger.knew_about(r, child, latest)) for r in owners}
        blamed = [r for r in owners if knew[r] is not None]
        for role in blamed:
            first = knew[role]
            if role not in worried or first < worried[role][0]:
                worried[role] = (first, child or "")
        share = 1.0 / len(blamed) if blamed else 1.0
        for role in blamed:
            t = when[0] if when is not None and when[1] == role else latest
            why = _why_not(scorer, e, role, when, start, latest)
            _owner_finding(scorer, role, t, 0.0, "violation", {**common, **why.pop("fill", {})}, met=False,
                           share=share, texts=why.get("texts"))
        if not blamed:
            scorer.findings.append(RULES["T-expectation-unknown"].finding(
                False, latest, None, earned=0.0, severity="violation",
                texts_nl={"owners": _names(scorer, owners, "nl")},
                fill_en={"owners": _names(scorer, owners, "en")}, **common))
    _worries_left_alone(scorer, worried)


def _worries_left_alone(scorer: LiveScorer, worried: dict[str, tuple[float, str]]) -> None:
    """Inaction beyond safety signals: an owner of a missed duty who knew of it and took no step at all
    within the scenario's `thresholds.inaction_days` (seed 003 VIR: Lars's IB'er "laat het erbij zitten") loses timeliness and
    feedback points — unless the safety-signal rule already judged that role's silence."""
    days = threshold_days(scorer.sc, "inaction_days")
    judged = {f.role for f in scorer.findings if f.rule == "T-inaction"}
    for role, (first, child) in sorted(worried.items()):
        due = first + days * DAY
        if role in judged or due > scorer.now:
            continue
        if any(first <= t <= due for t, _do, _a in scorer.ledger.steps.get(role, [])):
            continue
        child = child or (scorer.sc.children[0].id if scorer.sc.children else "")
        for rid in ("T-inaction", "F-inaction"):
            scorer._add(rid, False, due, role, child=child, days=days)


def _why_not(scorer: LiveScorer, e: Any, role: str, when: tuple[float, str, bool] | None, start: float,
             latest: float) -> dict[str, Any]:
    """Why a duty `role` owned counts as not done, when it did something close (issue 20): the step came
    before the window opened, or the same action in the window did not fit what was expected (another
    child, another purpose). Empty when nothing close was done: the plain "not done" text says it."""
    parts = RULES["T-expectation"].parts or {}
    earliest = start + e.window.earliest
    if when is not None and when[1] == role and when[0] < earliest:
        return {"texts": parts["early"], "fill": {"done": _day(when[0]), "from": _day(earliest)}}
    for t, do, a in scorer.ledger.steps.get(role, []):
        if do != e.do or not earliest <= t <= latest:
            continue
        wrong = {k: v for k, v in e.match.items() if not action_fits({k: v}, a)}
        if wrong:
            want = {lang: ", ".join(_wanted(scorer, k, v, lang) for k, v in sorted(wrong.items())) for lang in ("nl", "en")}
            return {"texts": {lang: parts["near"][lang].replace("{want}", want[lang]) for lang in ("nl", "en")},
                    "fill": {"done": _day(t)}}
    return {}


def _day(t: float) -> int:
    """The day of a moment as the expectation texts count them ("uiterlijk op dag {days}")."""
    return round(t / DAY)


def _wanted(scorer: LiveScorer, key: str, value: Any, lang: str) -> str:
    """What an expectation asked for in words: 'over Kevin', 'met doel: concern'."""
    label = {"nl": {"child": "over", "to": "aan", "from": "van", "kind": "soort", "purpose": "doel", "about": "over",
                    "with_parents": "met de ouders", "basis": "grondslag"},
             "en": {"child": "about", "to": "to", "from": "from", "kind": "kind", "purpose": "purpose", "about": "about",
                    "with_parents": "with the parents", "basis": "basis"}}[lang]
    name = scorer._name("role" if key in ("to", "from") else key, value, lang)
    if key == "with_parents":
        return label[key] if str(value).lower() == "true" else {"nl": "zonder de ouders", "en": "without the parents"}[lang]
    sep = " " if key in ("child", "to", "from", "about") else ": "
    return f"{label.get(key, key)}{sep}{name}"


def _owner_finding(scorer: LiveScorer, role: str, t: float, frac: float, severity: str,
                   common: dict[str, Any], met: bool, share: float = 1.0, texts: dict[str, str] | None = None) -> None:
    rule = RULES["T-expectation"]
    ok = severity == "praise" or (met and severity == "warning")
    texts = texts or (rule.late if severity == "warning" else None)
    scorer.findings.append(rule.finding(
        ok, t, role, earned=frac * common["weight"], severity=severity, texts=texts, team_share=share,
        texts_nl={"role": scorer._name("role", role, "nl")}, fill_en={"role": scorer._name("role", role, "en")},
        **common))
