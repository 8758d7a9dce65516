"""The end of a session: feedback loops, Veilig Thuis's feedback and handovers judged at the end, and
expectations met (judged in scoring.duties) (issue 4). A mixin of scoring.judge.LiveScorer (seed 004
§7.5, seed 002 step 5, seed 003 9 vragen). The time-driven rules — silence, the bystander effect, stuck
cases — are rule units with their own state (scoring.units.silence, .bystander, .stuck)."""

from __future__ import annotations

from scoring.thresholds import DAY
from sim.actions import is_a
from sim.client_talks import (
    STEP_THREE_PURPOSE,
    conversation_for,
    discussed,
    is_step_three,
    move_of_record,
    over_for_good,
)
from sim.expectations import COVERED_BY

MEETING = "(meeting)"
VT_CHASE_SLACK = 48.0


class DeadlineRules:
    """End-of-session rules of the LiveScorer (uses its state; of its own only `_expecting`, the
    scenario's expectations by the kind of step that can meet them)."""

    _expecting: dict[str, list]
    covered: dict[str, tuple[float, str, bool]]
    _talk_runs: dict[tuple[str, str], list]

    def _record_expectation(self, a, role, t, team=True, source=None):
        """The first time anyone — a player or a computer-played partner — meets an expectation.
        A duty of "any of a set" met by a partner is discharged for the players who owned it too. A
        zorgmelding (judged as a report, `via`) meets a report step and a zorgmelding step alike.

        Meldcode stap 3 (sim.client_talks.is_step_three) is met by a player the way the tracker shows
        it (issue 17 review, item 1): by a conversation with choices once the worry was discussed in it
        (`source` "talk", from `_on_conversation`) — never by the talk a choice merely amounts to
        (`source` "conversation") — or by an ordinary talk about the concern with people the scenario
        gives the role no conversation for."""
        taken = {**a, "do": a.get("via", a["do"])}
        expecting = self._expecting.get(taken["do"])
        if expecting is None:  # the expectations a step of this kind can meet, in the scenario's order
            expecting = self._expecting[taken["do"]] = [e for e in self.sc.expectations if is_a(taken["do"], e.do)]
        for e in expecting:
            if (e.id in self.met and self.met[e.id][0] <= t) or not e.fits(role, taken):
                continue  # (a talk judged when it ended is dated by its start: an earlier one still wins)
            if team and is_step_three(e) and source != "talk" and (
                    source == "conversation" or not self._puts_worry_on_the_table(role, taken)):
                continue
            if source == "talk" and not is_step_three(e):
                continue
            if e.after_event and e.after_event not in self.ledger.events:
                continue  # a step before the event it follows does not meet it (issue 16 review)
            self.met[e.id] = (t, role, team)
        for e in self._coverable():
            if e.id not in self.covered and e.covered_by(role, taken):
                self.covered[e.id] = (t, role, team)

    def _on_conversation(self, r, t):
        """A step of a conversation with choices with the family. A talk is judged as a whole, as the
        tracker reads it (sim.client_talks.discussed: a promise of secrecy later in the talk undoes it)
        when it ends, or at the end of the session: once the worry was discussed in it, it is the role's
        Meldcode stap 3 — dated at the talk's start, with the person it was with."""
        conv = self.sc.conversation_by_id.get(r.get("conversation", ""))
        if conv is None or conv.with_ not in ("parents", "child") or conv.child not in self.sc.person_by_id:
            return
        runs = self._talk_runs.setdefault((r["role"], conv.id), [])
        if not runs or runs[-1]["over"]:
            runs.append({"conversation": conv.id, "with": conv.with_, "moves": [], "over": False, "role": r["role"]})
        run = runs[-1]
        run["moves"].append(move_of_record(conv, r))
        run["over"] = run["moves"][-1]["ended"]
        if run["over"]:
            self._judge_talk(conv, run)

    def _judge_talks_left(self) -> None:
        """At the end of the session: the talks still going on, judged as they stand."""
        for (_role, cid), runs in sorted(self._talk_runs.items()):
            if runs and not runs[-1]["over"]:
                self._judge_talk(self.sc.conversation_by_id[cid], runs[-1])

    def _judge_talk(self, conv, run) -> None:
        if discussed(run, int(self.sc.person_by_id[conv.child].age)) is not None:
            return
        talk = {"do": "talk_parents" if conv.with_ == "parents" else "talk_child", "child": conv.child,
                "purpose": STEP_THREE_PURPOSE, **({"person": conv.person} if conv.person and conv.with_ == "parents" else {})}
        self._record_expectation(talk, run["role"], run["moves"][0]["t"], self._team(run["role"]), source="talk")

    def _puts_worry_on_the_table(self, role, a) -> bool:
        """An ordinary talk action is Meldcode stap 3 only about the concern, and only with people the
        scenario gives the role no conversation with choices for — or whose conversation the role has
        held to its end for good (sim.client_talks.discussed, over_for_good)."""
        if (a.get("purpose") or STEP_THREE_PURPOSE) != STEP_THREE_PURPOSE:
            return False
        conv = conversation_for(self.sc, role, a)
        if conv is None:
            return True
        runs = self._talk_runs.get((role, conv.id)) or []
        return over_for_good(conv, bool(runs) and runs[-1]["over"])

    def _coverable(self) -> list:
        """The expectations a stronger step can make unnecessary (sim.expectations.COVERED_BY)."""
        if "(covered)" not in self._expecting:
            self._expecting["(covered)"] = [e for e in self.sc.expectations if e.do in COVERED_BY]
        return self._expecting["(covered)"]

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

