"""The Meldcode's weighing steps (afwegingskader, Meldcode stap 4 and 5; seed 003, 9 vragen, vraag 7).

"De verbeterde Meldcode schrijft voor dat professionals bij acute en structurele onveiligheid in een
gezin áltijd moeten melden. Ook al bieden ze zelf hulp of weten ze dat er hulp is." Each player's role
that knows acute or structural unsafety about a child of the family (scoring.units.steps.acute_unsafety)
reports to Veilig Thuis within the scenario's `thresholds.report_days` (default: T-meldcode-report's
days); acute unsafety (a disclosure, a call-out: scoring.units.steps.acute_danger) "direct" (vraag 1:
"bij acute gevallen direct"), within `thresholds.acute_report_days` (T-meldcode-acute). The end of the
game closes the window: a role that knew and had not reported is judged at the end. Organising help (a plan, a case meeting, the regie) does not replace the report. The duty is met
by the role's own report, by a report of a colleague of its own organisation, or by the report of a
professional with whom it agreed on it — it passed its signals to the reporter, heard from the reporter,
or sat at one table about the family with the reporter (Veilig Thuis registers the household). Only
the role's own report is praised (another's discharges the duty, as a duty met by a partner does);
not reporting is a finding for each role that knew."""

from __future__ import annotations

from typing import Any

from scoring.rules import RULES, join_names
from scoring.thresholds import DAY, days
from scoring.units.base import RuleUnit
from scoring.units.steps import (
    HELP_STEPS,
    acute_danger,
    acute_unsafety,
    knowledge_mark,
    say_to,
    step_child,
)


class MustReport(RuleUnit):
    """Per player's role: acute or structural unsafety known, and a report to Veilig Thuis in time."""

    rules = ("T-meldcode-report", "T-meldcode-acute")

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.known: dict[str, tuple[float, str]] = {}
        """player's role -> (when it first knew acute or structural unsafety, about which child)"""
        self.acute: dict[str, tuple[float, str]] = {}
        """player's role -> (when it first knew acute unsafety in the narrow sense, about which child)"""
        self.done: set[str] = set()
        self.reports: list[tuple[float, str]] = []
        """(time, reporter) of every report to Veilig Thuis about a child of the family"""
        self.contacts: list[tuple[float, frozenset[str]]] = []
        """(time, roles) that were in touch about the family: a share between two, a meeting's table"""
        self.helped: set[str] = set()
        """roles that organised help (plan, case meeting, regie)"""
        self.mark: tuple[int, int] | None = None

    @property
    def window(self) -> int:
        """Days from knowing acute or structural unsafety to the report (the scenario's, else the rule's)."""
        return days(self.sc, "report_days")

    @property
    def acute_window(self) -> int:
        """Days from knowing acute unsafety to the report (the scenario's, else T-meldcode-acute's)."""
        return days(self.sc, "acute_report_days")

    def _due(self, role: str) -> tuple[float, str, str, int]:
        """The role's deadline, the rule that sets it, the child, and the window in days: the structural
        window from when it first knew, or the acute one from a disclosure or call-out, whichever ends
        first."""
        since, child = self.known[role]
        due, rule, n = since + self.window * DAY, "T-meldcode-report", self.window
        if role in self.acute:
            a_since, a_child = self.acute[role]
            a_due = a_since + self.acute_window * DAY
            if a_due < due:
                due, rule, child, n = a_due, "T-meldcode-acute", a_child, self.acute_window
        return due, rule, child, n

    def record(self, record: dict[str, Any], t: float) -> None:
        kind = record.get("type")
        if kind == "action":
            a, role = record["action"], record["role"]
            if not step_child(self.ledger, a):
                return
            if a["do"] == "report_veilig_thuis":
                self.reports.append((t, role))
            elif a["do"] == "share" and a.get("to"):
                self.contacts.append((t, frozenset({role, a["to"]})))
            if a["do"] in HELP_STEPS:
                self.helped.add(role)
        elif kind == "meeting":
            table = set(record.get("present", [])) | ({record["convener"]} if record.get("convener") else set())
            self.contacts.append((t, frozenset(table)))

    def tick(self, t: float) -> None:
        """Note who now knows acute or structural unsafety; judge each role whose report is due."""
        mark = knowledge_mark(self.ledger)
        if mark != self.mark:  # only a new fact or a new risk level can make unsafety known
            self._note_known(t, self._learners_since(self.mark))
            self.mark = mark
        self._judge(t, ended=False)

    def _learners_since(self, mark: tuple[int, int] | None) -> set[str] | None:
        """The roles that learned something since `mark`, the only ones that can know more than they did
        then — or None (ask every role) at the first look, when the risk moved since, or once a record
        came out of order (the ledger's `in_order`)."""
        if mark is None or not self.ledger.in_order or mark[1] != len(self.ledger.risk):
            return None
        return set(self.ledger.learners[mark[0]:])

    def _judge(self, t: float, ended: bool) -> None:
        """Praise a role whose report came by its deadline; fault one whose deadline (or the game) ended."""
        for role in sorted(self.known):
            if role in self.done:
                continue
            due, rule, child, n = self._due(role)
            since = min(self.known[role][0], self.acute.get(role, (float("inf"), ""))[0])
            covered = self._covered(role, t)
            if covered is not None and covered[0] <= due:
                self.done.add(role)  # another's agreed report discharges the duty, but is not this role's merit
                if covered[1] == role:
                    self._praised(rule, role, child, max(covered[0], since))
            elif t >= due or ended:
                self.done.add(role)
                self._missed(rule, role, child, min(due, t), n, at_end=t < due)

    def _note_known(self, t: float, roles: set[str] | None = None) -> None:
        """Every player's role that now knows acute or structural unsafety about a child of the family,
        asking only `roles` (None: every role) — a role that learned nothing while the risk stayed as it
        was knows no more than it did at the last look."""
        ledger = self.ledger
        for r in self.sc.roles if roles is None else [r for r in self.sc.roles if r.id in roles]:
            role = r.id
            if role in self.known or not r.playable or not ledger.team(role):
                continue
            for child in self.sc.children:
                if acute_unsafety(ledger, role, child.id, t):
                    self.known[role] = (t, child.id)
                    break
        for role in self.known:
            if role in self.acute or role in self.done or (roles is not None and role not in roles):
                continue
            for child in self.sc.children:
                if acute_danger(ledger, role, child.id, t):
                    self.acute[role] = (t, child.id)
                    break

    def end(self, t: float) -> None:
        """The end of the game closes the window: a role that knew acute or structural unsafety and has
        no report that covers it is judged now, even if its deadline lay after the end."""
        self.tick(t)
        self._judge(t, ended=True)

    def _texts(self, rule: str, names: tuple[str, ...], n: int = 0) -> dict[str, Any]:
        """The fill of the variable parts of the texts (T-meldcode-report's `parts`, in both languages)."""
        parts = RULES["T-meldcode-report"].parts or {}
        nl = "".join(parts[p]["nl"] for p in names).format(n=n)
        en = "".join(parts[p]["en"] for p in names).format(n=n)
        return {"nl": nl, "en": en}

    def _praised(self, rule: str, role: str, child: str, t: float) -> None:
        """The role's own report came in time: "ook naast de hulp" only when it organised help."""
        extra = self._texts(rule, ("helped_good",) if role in self.helped else ("alone",))
        self.add(rule, True, t, role, child=child, texts_nl={"extra": extra["nl"]}, fill_en={"extra": extra["en"]})

    def _missed(self, rule: str, role: str, child: str, t: float, n: int, at_end: bool) -> None:
        """No report in time (or none by the end of the game): with help organised, the finding says that
        help does not replace it."""
        extra = self._texts(rule, ("helped" if role in self.helped else "alone",))
        when = self._texts(rule, ("at_end",) if at_end else ("within_one",) if n == 1 else ("within",), n)
        whom = {lang: join_names([self.scorer._name("child", p, lang) for p in say_to(self.sc, child)], lang)
                for lang in ("nl", "en")}
        self.add(rule, False, t, role, child=child, days=n,
                 texts_nl={"extra": extra["nl"], "when": when["nl"], "whom": whom["nl"]},
                 fill_en={"extra": extra["en"], "when": when["en"], "whom": whom["en"]})

    def _covered(self, role: str, upto: float) -> tuple[float, str] | None:
        """When a report about the family that covers `role` was there, and whose: the role's own, a
        colleague's of its organisation, or one agreed with the reporter (signals shared, one table)."""
        org = self.sc.role_kind(role).org
        found = []
        for t_r, reporter in self.reports:
            if t_r > upto:
                continue
            rep = self.sc.role_by_id.get(reporter)
            met = [t_c for t_c, roles in self.contacts if t_c <= upto and {role, reporter} <= roles]
            if reporter == role:
                found.append((t_r, role))
            elif rep is not None and self.sc.kind_by_id[rep.kind].org == org:
                found.append((t_r, reporter))
            elif met:
                found.append((max(t_r, min(met)), reporter))
        return min(found, key=lambda x: (x[0], x[1] != role)) if found else None
