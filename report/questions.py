"""Three concrete discussion questions for the debrief, drawn from what happened (templates in data)."""

from __future__ import annotations

from typing import Any

from report.facts import SessionFacts, day
from report.scores import faults
from report.texts import Words, question_templates
from scoring.rules import cite_for


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?'\"" else text + "."


def situations(f: SessionFacts, w: Words) -> dict[str, dict[str, Any]]:
    """The situations the question templates react to, each with the values its text needs."""
    sc = f.session.scenario
    name = lambda r: w.text(sc.role_name(r)) if r in sc.role_by_id else r
    found: dict[str, dict[str, Any]] = {}
    if f.incident_at is not None:
        found["incident_happened"] = {"incident_day": day(f.incident_at)}
    k = f.knowledge
    if k.team_at is None and k.facts:
        missing = [_sentence(w.text(sc.fact_by_id[x].text)) for x in k.missing[:2]]
        found["picture_never"] = {"missing": " / ".join(missing)}
    elif k.team_at is not None and k.single_role is None:
        found["picture_scattered"] = {"picture_day": day(k.team_at)}
    for key, dims in (("privacy_finding", ("privacy",)), ("other_finding", ("timeliness", "feedback"))):
        for finding in faults(f.scored, dims)[:1]:
            found[key] = {"finding_day": day(finding.get("t") or 0),
                          "finding_role": name(finding["role"]) if finding.get("role") else w("team_role"),
                          "finding_message": _sentence(w.text(finding.get("message"))),
                          "finding_source": finding.get("source", "")}
    for loop in f.loops:
        if loop.closed is None:
            key = {"report": "report_loop_open", "signal": "signal_loop_open", "handover": "handover_open"}[loop.kind]
            found.setdefault(key, {"role": name(loop.role), "to": name(loop.to)})
    for st in f.steps:
        exp_text = w.text(st.expectation.text)
        if st.team is None and st.expert is not None:
            found.setdefault("expectation_missed", {"expectation": exp_text, "expert_when": w("day", d=day(st.expert)),
                                                    "expectation_source": st.expectation.source})
        elif st.team is not None and st.team > st.latest:
            found.setdefault("expectation_late", {"expectation": exp_text, "team_day": day(st.team),
                                                  "latest_day": day(st.latest),
                                                  "expectation_source": st.expectation.source})
    child = sc.children[0].name_in(w.lang) if sc.children else ""
    found["always"] = {"child": child}
    return found


def discussion_questions(f: SessionFacts, w: Words, count: int = 3) -> list[tuple[str, str]]:
    """Up to `count` questions as (text, source), most pressing first; one per template."""
    found = situations(f, w)
    out: list[tuple[str, str]] = []
    for tpl in question_templates():
        values = found.get(tpl["when"])
        if values is None:
            continue
        source = str(tpl["source"]).format(**values)
        out.append((tpl["text"][w.lang].format(**values), w.text(cite_for(source))))
        if len(out) == count:
            break
    return out
