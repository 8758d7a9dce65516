"""End and debrief: your own score (your role's) and your own findings, beside the team's outcome —
what happened to the children (session.outcome), the team's score and the team's items — a timeline
of your actions against the expert's, and 'play again from this point' (issue 14, item 2)."""

from __future__ import annotations

import html
import re

import pygame

from ui.coach import finding_html, ordered
from ui.screens.certificate import CertificateWriter, clean_name, last_name, remember_name, where
from ui.screens.panel_focus import PanelFocusMixin
from ui.widgets import BASE_FONT, Screen, esc, measure_font


class DebriefScreen(PanelFocusMixin, Screen):
    """The last screen of a game. Its two panels are in the Tab order and F6 goes from one to the other
    (ui.screens.panel_focus): a keyboard-only player reaches and scrolls both."""

    def __init__(self, app):
        super().__init__(app)
        self.moments = [0.0] + sorted({r["t"] for r in app.game.my_inputs()})
        self.moment_index = 0
        self.asking_name = False
        self.name_text = ""
        self.writer: CertificateWriter | None = None
        self.sender: AttemptSender | None = None

    def on_escape(self) -> None:
        """Back to the start screen (a group game's window closes: the game belongs to the group); while
        the certificate's name is asked, Escape only closes that question."""
        if self.asking_name:
            self.asking_name = False
            self.focus_index = 0
            self.app.rebuild()
        elif self.app.game.networked:
            self.app.running = False
        else:
            self.app.to_start()

    def _moment(self, d: int) -> None:
        self.moment_index = (self.moment_index + d) % len(self.moments)
        self.app.rebuild()

    def build(self) -> None:
        """Your score and your own findings left; the team (the children, the team's score, team
        items) and the timeline right; buttons above (or the certificate's name field), and what just
        happened (the certificate) on a line of its own across the window."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("debrief.title"), "@title")
        y = self.row + 2 * pad
        if self.asking_name:
            y = self.name_row(y)
        else:
            y = self.flow(pad, y, w - 2 * pad, self.button_items(), {0: "@toggle_on"})
        if self.app.status_html:  # e.g. "bezig…", or where the certificate was saved
            status_h = self.status_height()
            self.textbox(pygame.Rect(pad, y, w - 2 * pad, status_h), self.app.status_html, self.app.status_kind)
            y += status_h + pad
        col = (w - 3 * pad) // 2
        first = not hasattr(self, "panels")  # the game just ended: the summaries at once, the rest next frames
        mine, team, talks = self.outcome_html(), self.team_html(), self.conversations_html()
        self.focus_panel(self.textbox(pygame.Rect(pad, y, col, h - y - pad), mine,
                                      partial=first and mine[:self.summary_length]))
        self.focus_panel(self.textbox(pygame.Rect(2 * pad + col, y, col, h - y - pad),
                                      team + "<br><br>" + (talks + "<br><br>" if talks else "") + self.timeline_html(),
                                      partial=first and team))

    def button_items(self) -> list[tuple]:
        """Play again (from a moment), the certificate, back to the start — or a group game's own."""
        tr, g = self.tr, self.app.game
        moment = self.moments[self.moment_index]
        when = tr("debrief.from_start") if moment == 0 else tr.moment(g.scenario.meta, moment)
        items = [
            (tr("debrief.again", when=when) + " ‹ ›", lambda: self.app.play_again(moment), pygame.K_p, self._moment),
            (tr("debrief.to_start") + " [Esc]", self.on_escape, None),
        ]
        if getattr(g, "path", None) and not g.networked:
            items.insert(1, (tr("debrief.certificate") + " [C]", self.ask_name, pygame.K_c))
        if g.networked:  # the group's game: no replay here; the facilitator leads the debrief
            items = [(tr("net.close_window") + " [Esc]", self.on_escape, None)]
            net = self.app.net
            if net is not None and len(net.seats) > 1:
                items.insert(0, (tr("net.next_debrief") + " [H]", net.next_debrief, pygame.K_h))
        return items

    def status_height(self) -> int:
        """Room for the status line's text as it wraps across the window (four lines at most; more scrolls)."""
        text = html.unescape(re.sub(r"<[^>]+>", "", self.app.status_html.replace("<br>", "\n")))
        width = self.app.size[0] - 2 * self.pad - int(40 * self.scale)
        lines = min(4, sum(len(self.wrap(line, width)) for line in text.split("\n")))
        return int(lines * measure_font(round(BASE_FONT * self.scale)).get_linesize() * 1.35) + 2 * self.pad

    # -- the certificate -----------------------------------------------------------------------
    def name_row(self, y: int) -> int:
        """The certificate's question: the name to put on it (a text field with the last name used),
        then make it or not."""
        tr, (w, _), pad = self.tr, self.app.size, self.pad
        text = tr("debrief.cert_name")
        lw = min(self.text_width(text), w // 2)
        self.label(pygame.Rect(pad, y, lw, self.row), text, "@heading")
        box = self.entry(pygame.Rect(pad + lw, y, w - 2 * pad - lw, self.row), self.name_text,
                         tr("debrief.cert_name_placeholder"))
        if hasattr(box, "edit_position"):
            box.edit_position = len(self.name_text)  # typing goes on after the remembered name
        return self.flow(pad, y + self.row + pad // 2, w - 2 * pad,
                         [(tr("debrief.cert_make") + " [Enter]", self.write_certificate, None),
                          (tr("act.cancel") + " [Esc]", self.on_escape, None)], {0: "@toggle_on"})

    def ask_name(self) -> None:
        """C: ask whose name goes on the certificate (not while one is being made)."""
        if self.writer is not None and not self.writer.done:
            return
        self.asking_name = True
        self.name_text = last_name()
        self.focus_index = 0  # the name field
        self.app.rebuild()

    def on_text(self, element, text: str) -> None:
        """Keep the name as it is typed."""
        if self.asking_name:
            self.name_text = text

    def write_certificate(self) -> None:
        """Write the one-page certificate PDF beside the saved game (report.certificate; issue 17,
        item 9) on a thread of its own, saying "bezig…" at once; `update` says where it is when done."""
        if not self.asking_name or (self.writer is not None and not self.writer.done):
            return
        name = clean_name(self.name_text)
        remember_name(name)
        self.asking_name = False
        self.focus_index = 0
        out = str(self.app.game.path.with_suffix(".pdf"))
        self.writer = CertificateWriter.start(str(self.app.game.path), out, self.app.lang, name or None)
        self.app.status_html = esc(self.tr("debrief.certificate_busy"))
        self.app.status_kind = "@status"
        self.app.rebuild()

    def certificate_done(self) -> None:
        """The PDF is written (or failed): say where it is; send the xAPI statements when an LRS is set up
        (a cmi5 launch, or KETENSPEL_LRS), in the background (AttemptSender)."""
        writer, self.writer = self.writer, None
        if writer.error is not None:
            self.app.status_html = f"<b>{esc(self.tr('debrief.certificate_failed'))}</b> {esc(writer.error)}"
            self.app.status_kind = "@refusal"
            return
        name, folder = where(writer.out)
        self.app.status_html = esc(self.tr("debrief.certificate_written", file=name, folder=folder))
        self.sender = AttemptSender.start(str(self.app.game.path), getattr(self.app, "cmi5", None))
        if self.sender is not None:
            self.app.status_html += "<br>" + esc(self.tr("debrief.xapi_sending"))

    def handle_key(self, event) -> None:
        """Enter in the name field makes the certificate."""
        if self.asking_name and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.editing():
            self.write_certificate()
            return
        super().handle_key(event)

    def update(self, dt: float) -> bool:
        """The certificate is written: say where; once the statements have gone (or stayed queued), say so."""
        if self.writer is not None and self.writer.done:
            self.certificate_done()
            return True
        sender = self.sender
        if sender is None or sender.result is None:
            return False
        self.sender = None
        line = self.tr("debrief.xapi_sending")
        self.app.status_html = self.app.status_html.replace("<br>" + esc(line), "") + "<br>" + sender.status_html(self.tr)
        return True

    def verdict(self) -> dict:
        """The scorer's verdict once per screen (it is asked by both columns)."""
        if getattr(self, "_verdict", None) is None:
            self._verdict = self.app.scores()
        return self._verdict

    def outcome_html(self) -> str:
        """Your own score (your role's, `score.per_role[role]`) and your own findings: what to improve,
        then what went well. Another partner's missed step is never listed as yours."""
        tr, g = self.tr, self.app.game
        team = self.verdict()["score"]
        mine = team.get("per_role", {}).get(g.role)
        rows = [f"<i>{esc(tr('debrief.panel_keys'))}</i>",
                f"<b>{esc(tr('debrief.your_title', role=self.app.sender_name(g.role)))}</b>"]
        if mine and mine.get("total") is None:  # no duty this role could know of: no score at all
            rows.append(esc(tr("debrief.nothing_judged")))
        elif mine:
            rows.append(f"<b>{esc(tr('debrief.your_score', **whole_scores(mine)))}</b>")
            rows.append(esc(tr("debrief.your_dims", **whole_scores(mine))))
        else:
            rows.append(esc(tr("debrief.no_scoring")))
        self.summary_length = len("<br>".join(rows))  # your score: what the first frame after the game shows
        own = [f for f in self.verdict()["findings"] if _own(f, g.role)]
        rows += findings_rows(tr, own, ("debrief.improve", "debrief.praise"))
        if not own:
            rows += ["", esc(tr("debrief.no_findings"))]
        return "<br>".join(rows)

    def team_html(self) -> str:
        """The team's outcome beside your score: what became of each child, the team's score and the
        items that belong to the team as a whole (no single role)."""
        tr, g = self.tr, self.app.game
        out = g.outcome or {}
        rows = [f"<b>{esc(tr('debrief.team_title'))}</b>", f"<b>{esc(tr('debrief.children'))}</b>"]
        if out.get("incident"):
            rows.append(esc(tr("debrief.incident", day=int(out["incident_at"] // 24) + 1)))
        else:
            rows.append(esc(tr("debrief.no_incident")))
        for child, res in out.get("children", {}).items():
            rows.append(f"<b>{esc(self.app.person_name(child))}</b>: {esc(tr.text(res['text']))}")
        team = self.verdict()["score"]
        if "total" in team:
            rows += ["", esc(tr("debrief.score", **whole_scores(team)))]
        shared = [f for f in self.verdict()["findings"] if f.get("role") is None]
        rows += findings_rows(tr, shared, ("debrief.team_improve", "debrief.team_praise"))
        return "<br>".join(rows)

    def conversations_html(self) -> str:
        """Your conversations with choices: what you said and what was answered (issue 17, item 6); the
        judge's verdict on them is among your findings."""
        tr = self.tr
        held = [c for c in self.app.game.view().conversations if c["history"]]
        rows = [f"<b>{esc(tr('debrief.conversations'))}</b>"] if held else []
        start = self.app.game.scenario.meta
        for c in held:
            for talk in c.get("talks") or [{"t": c["history"][0]["t"], "history": c["history"]}]:  # each talk apart
                rows.append(f"<i>{esc(tr.text(c['title']))} — {esc(tr.moment(start, talk['t']))}</i>")
                rows += [f"{esc(tr('conv.you'))}: “{esc(tr.text(h['say']))}” — {esc(tr.text(h['reply']))}"
                         for h in talk["history"]]
        return "<br>".join(rows)

    def timeline_html(self) -> str:
        """Your actions and the expert's for your role, merged by time. A conversation with choices is
        one entry (when it began), its choices on sub-lines, not one entry per choice."""
        tr, g = self.tr, self.app.game
        start = g.scenario.meta
        entries = [(r["t"], 0, r["action"]) for r in g.my_inputs()]
        entries += [(t, 1, a) for t, a in g.expert()]
        entries.sort(key=lambda e: (e[0], e[1]))
        rows = [f"<b>{esc(tr('debrief.timeline'))}</b>"]
        said: dict[tuple[int, str], list[str]] = {}
        for t, who, action in entries:
            if action.get("do") == "converse":
                key = (who, action.get("conversation", ""))
                if key in said:  # a later choice of a conversation already listed
                    said[key].append(self.choice_line(t, action))
                    continue
                said[key] = [self.choice_line(t, action)]
            tag = tr("debrief.you") if who == 0 else tr("debrief.expert")
            rows.append((f"{esc(tr.moment(start, t))} — <b>{esc(tag)}</b>: {esc(self.app.describe(action))}",
                         said.get((who, action.get("conversation", ""))) if action.get("do") == "converse" else None))
        lines = [rows[0]]
        for row in rows[1:]:
            text, choices = row
            lines.append(text + "".join(f"<br>    · {c}" for c in choices or ()))
        if len(lines) == 1:
            lines.append(esc(tr("debrief.no_actions")))
        if g.networked:
            from ui.screens.team_debrief import who_knew_html

            lines += ["", who_knew_html(self.app, g.client.debrief or {})]
        return "<br>".join(lines)

    def choice_line(self, t: float, action: dict) -> str:
        """One choice in a conversation, for the timeline: the time of day and what was said (short)."""
        convs = getattr(self.app.game.scenario, "conversation_by_id", {})
        conv = convs.get(action.get("conversation", ""))
        say = next((c.say for node in (conv.nodes if conv else ()) for c in node.choices
                    if c.id == action.get("choice")), None)
        text = self.tr.text(say.model_dump()) if say is not None else str(action.get("choice", ""))
        if len(text) > 70:
            text = text[:68].rsplit(" ", 1)[0] + " …"
        meta = self.app.game.scenario.meta
        return f"{esc(self.tr.date(meta, t))} {meta.moment(t):%H:%M} “{esc(text)}”"

def whole_scores(score: dict) -> dict[str, str]:
    """Scores as whole numbers for display ("–" for a dimension the scorer did not give)."""
    return {k: f"{score[k]:.0f}" if isinstance(score.get(k), (int, float)) else "–"
            for k in ("total", "timeliness", "privacy", "feedback")}


def _own(finding: dict, role: str) -> bool:
    """A finding about the player's own role (not a team item, not another partner's)."""
    who = finding.get("role")
    return role in who if isinstance(who, (list, tuple)) else who == role


def findings_rows(tr, findings: list[dict], titles: tuple[str, str]) -> list[str]:
    """Findings as lines under two headings — faults (violations first), then praise — each with its
    public source (`cite`), never the seed."""
    faults = ordered([f for f in findings if f.get("severity") != "praise"])
    praise = [f for f in findings if f.get("severity") == "praise"]
    rows: list[str] = []
    for title, group in zip(titles, (faults, praise)):
        if group:
            rows += ["", f"<b>{esc(tr(title))}</b>"] + [finding_html(tr, f) for f in group]
    return rows


class AttemptSender:
    """Sends an attempt's xAPI statements on a thread of its own, so a slow or absent LRS never holds up
    the window (report.xapi_export.deliver_attempt: an unreachable LRS leaves them in the offline queue)."""

    def __init__(self, log: str, cmi5: object | None):
        self.log, self.cmi5 = log, cmi5
        self.result = None

    @classmethod
    def start(cls, log: str, cmi5: object | None) -> AttemptSender | None:
        """Start sending when an LRS is set up (a cmi5 launch, or KETENSPEL_LRS); None otherwise."""
        import os
        import threading

        from report.xapi_actor import ENV_LRS

        if cmi5 is None and not os.environ.get(ENV_LRS):
            return None
        sender = cls(log, cmi5)
        threading.Thread(target=sender.run, name="xapi-attempt", daemon=True).start()
        return sender

    def run(self) -> None:
        """Deliver (or queue); whatever goes wrong becomes a result, never an exception in the window."""
        from report.xapi_export import Attempt, deliver_attempt

        try:
            result = deliver_attempt(self.log, cmi5=self.cmi5)
        except Exception as exc:  # noqa: BLE001 — the window stays open whatever the LRS does
            result = Attempt("failed", lines=[str(exc)])
        self.result = result

    def status_html(self, tr) -> str:
        """One line for the status: sent, queued or not sent (with the reason)."""
        r = self.result
        if r.state == "sent":
            return esc(tr("debrief.xapi_sent", n=r.delivered))
        if r.state == "queued":
            return esc(tr("debrief.xapi_queued", n=r.queued))
        why = r.lines[0].removeprefix("warning: the xAPI statements were not sent: ") if r.lines else ""
        return f"<b>{esc(tr('debrief.xapi_failed'))}</b> {esc(why)}"
