"""The Meldcode's weighing steps (afwegingskader, Meldcode stap 4 and 5; seed 003, 9 vragen, vraag 7).

"De verbeterde Meldcode schrijft voor dat professionals bij acute en structurele onveiligheid in een
gezin áltijd moeten melden. Ook al bieden ze zelf hulp of weten ze dat er hulp is." Each player's role
that knows acute or structural unsafety about a child of the family (scoring.units.steps.acute_unsafety)
reports to Veilig Thuis within the scenario's `thresholds.report_days` (default: T-meldcode-report's
days). Organising help (a plan, a case meeting, the regie) does not replace the report. The duty is met
by the role's own report, by a report of a colleague of its own organisation, or by the report of a
professional with whom it agreed on it — it passed its signals to the reporter, heard from the reporter,
or sat at one table about the family with the reporter (Veilig Thuis registers the household). Only
the role's own report is praised (another's discharges the duty, as a duty met by a partner does);
not reporting is a finding for each role that knew."""

from __future__ import annotations

from typing import Any

from scoring.rules import RULES
from scoring.thresholds import DAY, days
from scoring.units.base import RuleUnit
from scoring.units.steps import HELP_STEPS, acute_unsafety, knowledge_mark, step_child
from sim.catalogue import role_kinds


class MustReport(RuleUnit):
    """Per player's role: acute or structural unsafety known, and a report to Veilig Thuis in time."""

    rules = ("T-meldcode-report",)

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.known: dict[str, tuple[float, str]] = {}
        """player's role -> (when it first knew acute or structural unsafety, about which child)"""
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
            self.mark = mark
            self._note_known(t)
        for role, (since, child) in sorted(self.known.items()):
            if role in self.done:
                continue
            covered = self._covered(role, t)
            due = since + self.window * DAY
            if covered is not None and covered[0] <= due:
                self.done.add(role)  # another's agreed report discharges the duty, but is not this role's merit
                if covered[1] == role:
                    self.add("T-meldcode-report", True, max(covered[0], since), role, child=child)
            elif t >= due:
                self.done.add(role)
                self._missed(role, child, due)

    def _note_known(self, t: float) -> None:
        """Every player's role that now knows acute or structural unsafety about a child of the family."""
        for r in self.sc.roles:
            role = r.id
            if role in self.known or not r.playable or not self.ledger.team(role):
                continue
            for child in self.sc.children:
                if acute_unsafety(self.ledger, role, child.id, t):
                    self.known[role] = (t, child.id)
                    break

    def end(self, t: float) -> None:
        """At the end a role whose window is still open is judged only if the report is there."""
        self.tick(t)

    def _missed(self, role: str, child: str, due: float) -> None:
        """No report in time: with help organised, the finding says that help does not replace it."""
        part = "helped" if role in self.helped else "alone"
        texts = (RULES["T-meldcode-report"].parts or {}).get(part, {"nl": "", "en": ""})
        self.add("T-meldcode-report", False, due, role, child=child, days=self.window,
                 texts_nl={"extra": texts["nl"]}, fill_en={"extra": texts["en"]})

    def _covered(self, role: str, upto: float) -> tuple[float, str] | None:
        """When a report about the family that covers `role` was there, and whose: the role's own, a
        colleague's of its organisation, or one agreed with the reporter (signals shared, one table)."""
        kinds = role_kinds()
        org = kinds[self.sc.role_by_id[role].kind].org
        found = []
        for t_r, reporter in self.reports:
            if t_r > upto:
                continue
            rep = self.sc.role_by_id.get(reporter)
            met = [t_c for t_c, roles in self.contacts if t_c <= upto and {role, reporter} <= roles]
            if reporter == role:
                found.append((t_r, role))
            elif rep is not None and kinds[rep.kind].org == org:
                found.append((t_r, reporter))
            elif met:
                found.append((max(t_r, min(met)), reporter))
        return min(found, key=lambda x: (x[0], x[1] != role)) if found else None
