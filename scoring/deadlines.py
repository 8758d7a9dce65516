"""Deadlines and the end of a session: under-sharing, the bystander effect and stuck cases judged when
their day comes; feedback loops and handovers judged at the end (expectations: scoring.duties) (issue 4).
A mixin of scoring.judge.LiveScorer (seed 003 VIR, seed 004 §7.3 and §7.5, seed 002 step 5)."""

from __future__ import annotations

from scoring.duties import judge_inaction
from scoring.rules import RULES

DAY = 24.0
MEETING = "(meeting)"
SILENCE_DAYS = RULES["P-meldcode-silence"].days
BYSTANDER_DAYS = RULES["F-bystander"].days
STUCK_DAYS = RULES["T-escalation"].days
VT_CHASE_SLACK = 48.0


class DeadlineRules:
    """Time-driven and end-of-session rules of the LiveScorer (uses its state; no state of its own)."""

    def _tick(self, t: float) -> None:
        """Time passes: under-sharing, the bystander effect and stuck cases are judged when their
        deadline comes. Between deadlines nothing is computed (`_next_check` is the nearest one)."""
        if t < self._next_check:
            return
        upcoming = [float("inf")]
        for (role, child), facts in sorted(self.knows.items()):
            if (role, child) in self.silence_done or not facts:
                continue
            first = min(facts.values())
            due = first + SILENCE_DAYS * DAY
            if self.acted.get(role, -1) >= first:
                continue
            if t >= due:
                self.silence_done.add((role, child))
                judge_inaction(self, role, child, due, False, facts=", ".join(sorted(facts)))
            else:
                upcoming.append(due)
        for child in sorted({c for _, c in self.knows}):
            knowers = sorted(r for (r, c), f in self.knows.items() if c == child and f)
            if child not in self.bystander_done and len(knowers) >= 2:
                since = sorted(min(self.knows[(r, child)].values()) for r in knowers)[1]
                due = since + BYSTANDER_DAYS * DAY
                if self.child_acted.get(child, -1) < since:
                    if t >= due:
                        self.bystander_done.add(child)
                        self._add("F-bystander", False, due, None, child=child, extra=", ".join(knowers),
                                  days=BYSTANDER_DAYS)
                    else:
                        upcoming.append(due)
            if child not in self.stuck_done and self.models.get(("case", (child,))) is not None \
                    and self.models[("case", (child,))].state in ("agreed", "taken_up", "fed_back"):
                self._agreed(child, t)
            if child not in self.stuck_done:
                first = min(min(f.values()) for (r, c), f in self.knows.items() if c == child and f)
                due = first + STUCK_DAYS * DAY
                if t >= due:
                    self.stuck_done.add(child)
                    self._add("T-escalation", False, due, None, child=child, days=STUCK_DAYS)
                else:
                    upcoming.append(due)
        self._next_check = min(upcoming)

    def _agreed(self, child: str, t: float) -> None:
        """Who acts is agreed (regisseur or meeting): the case is not stuck (seed 004 §7.3)."""
        if child not in self.stuck_done and any(c == child for _, c in self.knows):
            self.stuck_done.add(child)
            self._add("T-escalation", True, t, None, child=child)

    def _record_expectation(self, do, a, role, t, team=True):
        """The first time anyone — a player or a computer-played partner — meets an expectation.
        A duty of "any of a set" met by a partner is discharged for the players who owned it too."""
        for e in self.sc.expectations:
            if e.id in self.met or e.do != do or role not in e.roles:
                continue
            if all(str(a.get(k)).lower() == str(v).lower() for k, v in e.match.items()):
                self.met[e.id] = (t, role, team)

    def _feedback_end(self, t_end):
        for (giver, child), (_t, recipient) in sorted(self.signals.items()):
            # reporting back is the recipient's duty (seed 002 fig. 6 stap 5); a computer-played
            # recipient's is not the players' (its miss shows in the outcome)
            if self._team(recipient):
                self._add("F-signal-givers", (giver, child) in self.heard_back, t_end, recipient, child=child,
                          to=giver)
        vt_after = self.sc.npc.veilig_thuis.feedback + self.sc.npc.veilig_thuis.triage + VT_CHASE_SLACK
        for (kind, key), m in sorted(self.models.items()):
            if kind == "veilig_thuis" and m.state in ("reported", "triaged", "fed_back", "chased"):
                late = self.vt_t.get(key, 0) + vt_after
                fed = self.vt_fed.get(key)
                if key not in self.vt_chased and ((fed is not None and fed <= late) or (fed is None and t_end < late)):
                    continue  # Veilig Thuis answered in time, or it is not due yet: nothing asked of the reporter
                ok = key in self.vt_chased  # late or no feedback: the reporter should have asked (vraag 4)
                self._add("F-vt-chase", ok, t_end, key[0], child=key[1], days=round(vt_after / DAY))
            if kind == "handover" and m.state == "accepted":
                self._add("F-handover", True, t_end, key[0], child=key[1], to=getattr(m, "to", "-"))
            if kind == "handover" and m.state == "offered":
                self._add("F-handover", False, t_end, key[0], child=key[1], to=getattr(m, "to", "-"))
        for child in sorted({c for _, c in self.knows}):
            knowers = [r for (r, c), f in self.knows.items() if c == child and f]
            if len(knowers) >= 2 and child not in self.bystander_done:
                self._add("F-bystander", True, t_end, None, child=child)

