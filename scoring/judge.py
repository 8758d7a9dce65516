"""The judge: reads the session log record by record and writes findings (issue 4, issue 14).

One code path for live and batch scoring: `LiveScorer.feed(record)`; `score_log` feeds a whole log.
Every record goes into the ledger first (scoring.ledger: who knew what, talks, consents, risk); the
rules read it — privacy of a share in scoring.privacy, claims in scoring.claims, duties in
scoring.duties, end-of-session loops in scoring.deadlines, and the rules written as units (silence,
the bystander effect, stuck cases, the duty to report: scoring.units), which keep their own state.
Only actions by roles in the header's `players` are judged as the team's (NPC actions, `by: npc`,
are the computer's); the header may be included or left out (then every acting role counts)."""

from __future__ import annotations

from typing import Any

from scoring.claims import check_report, check_share
from scoring.deadlines import MEETING, DeadlineRules
from scoring.duties import judge_expectations
from scoring.ledger import Ledger
from scoring.machines import fire, new_model, release
from scoring.privacy import (
    check_anonymous,
    check_basis,
    check_meeting_minimisation,
    check_minimisation,
    check_subsidiarity,
)
from scoring.result import Finding, ScoreResult, compute
from scoring.rules import BASES, RULES, cite_for, join_names
from scoring.units import all_units
from sim.actions import as_report
from sim.model import Scenario


class LiveScorer(DeadlineRules):
    """Scores a session while it is played: feed each record as it is written; `result()` any time."""

    def __init__(self, scenario: Scenario):
        self.sc = scenario
        self.players: set[str] | None = None
        self.findings: list[Finding] = []
        self.now = 0.0
        self.ended = False
        self.ledger = Ledger(scenario)
        self.met: dict[str, tuple[float, str, bool]] = {}  # expectation -> (when, by whom, a player?)
        self.covered: dict[str, tuple[float, str, bool]] = {}  # expectation -> a stronger step (when, who, player?)
        self._talk_runs: dict[tuple[str, str], list] = {}  # (role, conversation) -> its talks (scoring.deadlines)
        self.signals: dict[tuple[str, str], tuple[float, str]] = {}   # (giver, child) -> (t, recipient)
        self.heard_back: set[tuple[str, str]] = set()
        self.vt_fed: dict[tuple[str, str], float] = {}   # (reporter, child) -> when Veilig Thuis fed back
        self.vt_chased: set[tuple[str, str]] = set()     # the reporter asked Veilig Thuis (vraag 4)
        self.vt: dict[tuple[str, str], Any] = {}
        self.vt_t: dict[tuple[str, str], float] = {}
        self.models: dict[tuple[str, tuple], Any] = {}
        self._phrases: dict[str, Any] = {}  # role -> how it reads in a sentence (nl, en)
        self._expecting: dict[str, list] = {}  # kind of step -> the expectations it can meet (scoring.deadlines)
        self.units = [unit(self) for unit in all_units()]  # the rules written as units (scoring.units)
        self._on: dict[str, list[Any]] = {hook: [u for u in self.units if u.hears(hook)]
                                          for hook in ("tick", "record", "action")}
        """hook -> the units that have their own (in `units` order); the others' hooks do nothing"""

    # ---- helpers -------------------------------------------------------------------------------
    def _m(self, kind: str, *key: str):
        k = (kind, key)
        if k not in self.models:
            self.models[k] = new_model(kind, key)
        return self.models[k]

    def _fire(self, kind: str, trigger: str, *key: str):
        """Fire a trigger on the key's model when the spec allows it from its state (else nothing)."""
        model = self._m(kind, *key)
        fire(kind, model, trigger)
        return model

    def _add(self, rule: str, ok: bool, t: float, role: str | None, earned: float | None = None,
             weight: float | None = None, texts_nl: dict | None = None, fill_en: dict | None = None,
             **fill: Any) -> None:
        fill.setdefault("role", role)
        nl = {k: self._name(k, v, "nl") for k, v in fill.items()} | (texts_nl or {})
        en = {k: self._name(k, v, "en") for k, v in fill.items()} | (fill_en or {})
        self.findings.append(RULES[rule].finding(ok, t, role, earned=earned, weight=weight, fill_en=en, texts_nl=nl))

    def _name(self, key: str, value: Any, lang: str) -> Any:
        """Display names for debrief texts: role and person names, fact texts (ids stay in `role`)."""
        sc = self.sc
        if key in ("role", "to"):
            if value is None:
                return {"nl": "het team", "en": "the team"}[lang]
            if value == MEETING:
                return {"nl": "het casusoverleg", "en": "the case meeting"}[lang]
            if value in sc.role_by_id:
                return getattr(self._in_sentence(value), lang)
            return value
        if key == "child" and value in sc.person_by_id:
            return sc.person_by_id[value].name_in(lang)
        if key == "facts" and value:
            return "; ".join(f"'{getattr(sc.fact_by_id[f].text, lang)}'" if f in sc.fact_by_id else f
                             for f in str(value).split(", "))
        if key == "extra" and isinstance(value, float) and lang == "nl":
            return f"{value:g}".replace(".", ",")  # Dutch decimal comma: risico 4,5
        if key == "extra" and isinstance(value, str) and value:
            ids = value.split(", ")
            if all(r in sc.role_by_id for r in ids):
                return join_names([getattr(self._in_sentence(r), lang) for r in ids], lang)
            if all(p in sc.person_by_id for p in ids):  # people, e.g. who did not consent
                return join_names([sc.person_by_id[p].name_in(lang) for p in ids], lang)
            if value in BASES:
                return BASES[value][lang]
        return value

    def _in_sentence(self, role: str) -> Any:
        """How a role of the scenario reads inside a sentence (sim.model.Scenario.role_in_sentence), made
        once per role for this session's findings."""
        phrase = self._phrases.get(role)
        if phrase is None:
            phrase = self._phrases[role] = self.sc.role_in_sentence(role)
        return phrase

    def _team(self, role: str, by: str = "player") -> bool:
        if by == "npc":
            return False
        return self.players is None or role in self.players

    def _internal(self, roles: set[str]) -> bool:
        """All these roles belong to one organisation (then sharing is consulting colleagues)."""
        orgs = {self.sc.role_kind(r).org for r in roles if r in self.sc.role_by_id}
        return len(orgs) == 1 and len(roles) > 1

    def _child_of(self, facts: list[str]) -> str:
        return self.ledger.child_of(facts)

    # ---- the feed ------------------------------------------------------------------------------
    def feed(self, record: dict[str, Any]) -> None:
        """Take one log record (header, input, action, learn, consent, vir, meeting, vt_*, end …). The
        police's zorgmelding is judged as the report to Veilig Thuis it is (sim.actions.as_report)."""
        if record.get("type") == "action" and record.get("action", {}).get("do") == "zorgmelding":
            record = {**record, "action": as_report(record["action"])}
        self.ledger.feed(record)
        if "format" in record and "type" not in record:
            self.players = set(record.get("players", []))
            return
        t = float(record.get("t", self.now))
        for unit in self._on["tick"]:  # deadlines that came by now are judged before the record's own rules
            unit.tick(t)
        self.now = t
        handler = getattr(self, "_on_" + record.get("type", ""), None)
        if handler:
            handler(record, t)
        if record.get("type") != "end":
            for unit in self._on["record"]:
                unit.record(record, t)

    def _on_learn(self, r: dict, t: float) -> None:
        fact = self.sc.fact_by_id.get(r["fact"])
        if fact is None or not fact.safety or not self._team(r["role"]):
            return
        child = self._child_of([fact.id])
        self._fire("case", "signal", child)
        self._fire("meldcode", "signals", r["role"], child)

    def _on_vir(self, r: dict, t: float) -> None:
        if r["kind"] in ("register", "match"):
            self._fire("vir", r["kind"], r["child"])

    def _on_regisseur(self, r: dict, t: float) -> None:
        self._fire("case", "agree", r["child"])

    def _on_meeting(self, r: dict, t: float) -> None:
        self._fire("case", "agree", r["child"])
        self._fire("vir", "consult", r["child"])
        present = set(r.get("present", []))
        convener = r.get("convener", "")
        if not self._team(convener) or self._internal(present | {convener}):
            return  # an internal meeting (e.g. the school's ZAT) is consulting colleagues: no basis needed
        said = {role: facts for role, facts in r.get("said", {}).items() if facts}
        basis = r.get("basis", "none")
        if said:
            check_basis(self, convener, MEETING, basis, t, r["child"])
        check_meeting_minimisation(self, said, present, t, MEETING)

    def _on_vt_report(self, r: dict, t: float) -> None:
        key = (r["reporter"], r["child"])
        self._fire("veilig_thuis", "report", *key)
        self.vt_t[key] = t

    def _on_vt_triage(self, r: dict, t: float) -> None:
        self._fire("veilig_thuis", "triage", r["reporter"], r["child"])

    def _on_feedback(self, r: dict, t: float) -> None:
        key = (r["to"], r["child"])
        self._fire("veilig_thuis", "feed_back", *key)
        self.heard_back.add(key)
        self.vt_fed.setdefault(key, t)

    def _on_incident(self, r: dict, t: float) -> None:
        # the scenario's own source for its incident, never another family's (issue 16 review)
        inc = self.sc.incident
        self.findings.append(RULES["T-incident"].finding(
            not r["happened"], t, None, source=inc.source, cite=cite_for(inc.source),
            texts_nl={"role": self._name("role", None, "nl"), "extra": self._name("extra", r.get("level"), "nl")},
            fill_en={"role": self._name("role", None, "en"), "extra": self._name("extra", r.get("level"), "en")}))

    def _on_end(self, r: dict, t: float) -> None:
        if self.ended:
            return
        self.ended = True
        self._judge_talks_left()
        judge_expectations(self)
        self._feedback_end(t)
        for unit in self.units:
            unit.record(r, t)
            unit.end(t)

    # ---- actions -------------------------------------------------------------------------------
    def _on_action(self, r: dict, t: float) -> None:
        role, a = r["role"], r["action"]
        do = a["do"]
        if do in ("accept_handover",):
            giver = a.get("from")
            for (kind, key), m in self.models.items():
                if kind == "handover" and key[1] == a["child"] and (giver is None or key[0] == giver) \
                        and m.state == "offered":
                    self._fire("handover", "accept", *key)
                    m.to = role
        team = self._team(role, r.get("by", "player"))
        self._record_expectation(a, role, t, team, "conversation" if r.get("conversation") else None)
        if not team:
            return
        child = a.get("child") or (self._child_of(a.get("facts", [])) if a.get("facts") else "")
        getattr(self, "_act_" + do, lambda *_: None)(role, a, t, child)
        for unit in self._on["action"]:
            unit.action(role, a, t, child)

    def _act_observe(self, role, a, t, child):
        self._fire("case", "assess", child)
        self._fire("meldcode", "signals", role, child)

    def _act_talk_parents(self, role, a, t, child):
        self._fire("meldcode", "talk", role, child)

    _act_talk_child = _act_talk_parents

    def _act_consult_colleague(self, role, a, t, child):
        self._fire("case", "assess", child)
        self._fire("meldcode", "consult", role, child)

    def _act_consult_anonymous(self, role, a, t, child):
        self._act_consult_colleague(role, a, t, child)
        check_anonymous(self, role, a["to"], a.get("facts", []), t)

    def _act_advice_veilig_thuis(self, role, a, t, child):
        if child:
            self._act_consult_colleague(role, a, t, child)
            self._fire("veilig_thuis", "advise", role, child)
        if a.get("anonymous", True):
            check_anonymous(self, role, "veilig_thuis", a.get("facts", []), t)

    def _act_vir_register(self, role, a, t, child):
        self._fire("case", "pass_on", child)
        self._fire("meldcode", "consult", role, child)
        self._add("P-vir-informed", self.ledger.talked(role, child, t), t, role, child=child)

    def _act_share(self, role, a, t, child):
        to, facts, basis = a["to"], a["facts"], a.get("basis", "none")
        self._fire("case", "pass_on", child)
        if basis == "meldcode":
            self._fire("meldcode", "weigh", role, child)
        self.signals.setdefault((role, child), (t, to))
        check_basis(self, role, to, basis, t, child, facts)
        check_minimisation(self, role, to, facts, t)
        check_share(self, role, a, t, child)

    def _act_request_info(self, role, a, t, child):
        check_subsidiarity(self, role, a["from"], t, child)
        check_basis(self, role, a["from"], a.get("basis", "none"), t, child, a.get("facts", []))

    def _act_case_meeting(self, role, a, t, child):
        self._fire("meldcode", "weigh", role, child)

    def _act_report_veilig_thuis(self, role, a, t, child):
        check_report(self, role, a, t, child)
        self._fire("meldcode", "report", role, child)
        self._fire("case", "pass_on", child)  # Veilig Thuis's feedback to the reporter: F-vt-chase

    def _act_give_feedback(self, role, a, t, child):
        self._fire("case", "feed_back", child)
        self.heard_back.add((a["to"], child))

    def _act_ask_feedback(self, role, a, t, child):
        if a["to"] == "veilig_thuis":
            self._fire("veilig_thuis", "chase", role, child)
            self.vt_chased.add((role, child))

    def _act_make_plan(self, role, a, t, child):
        self._fire("case", "take_up", child)

    _act_take_regie = _act_make_plan

    def _act_handover(self, role, a, t, child):
        self._fire("handover", "offer", role, child).to = a["to"]

    def _act_close_case(self, role, a, t, child):
        h = self._m("handover", role, child)
        self._fire("handover", "close", role, child)
        self._add("F-handover", h.state == "closed", t, role, child=child, to=getattr(h, "to", "-"))

    # ---- end of session ------------------------------------------------------------------------
    def close(self) -> None:
        """Detach this scorer's models from the shared machines (call when the session is done)."""
        for (kind, _key), model in self.models.items():
            release(kind, model)
        self.models = {}

    def __del__(self) -> None:
        self.close()

    def result(self) -> ScoreResult:
        """The score so far (final after the `end` record)."""
        roles = sorted(self.players) if self.players is not None else None
        return compute(self.findings, roles)


def score_log(scenario: Scenario, records: list[dict[str, Any]]) -> ScoreResult:
    """Score a whole session log (header included or not) — the same path as live scoring."""
    scorer = LiveScorer(scenario)
    try:
        for record in records:
            scorer.feed(record)
        return scorer.result()
    finally:
        scorer.close()
