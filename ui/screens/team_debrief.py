"""The trainer's debrief of a group game (issue 7 §3, "end the game and move everyone to the debrief"):
what became of the children, the team's score and each role's, the findings per role, and who knew
which fact when — all from the server's `debrief` frame (scoring.score_log, the same verdict as
`run --json` and the report). With the session log at hand it writes the HTML report for the room."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from ui.coach import cite_html
from ui.screens.debrief import whole_scores
from ui.screens.panel_focus import PanelFocusMixin
from ui.widgets import Screen, esc


def timeline_entry(app: Any, e: dict[str, Any]) -> str:
    """One line of the team timeline in the room's words: when, who, what (HTML)."""
    tr = app.tr
    meta = app.game.scenario.meta
    at = f"<b>{esc(tr.moment(meta, e['t']))}</b>"
    kind = e.get("type")
    if kind == "action":
        who = app.sender_name(e["role"])
        by = f" ({tr('fac.by_computer')})" if e.get("by") == "npc" else ""
        return f"{at} {esc(who)}{esc(by)}: {esc(app.describe(e['action']))}"
    if kind == "input":
        if "inject" in e:
            return f"{at} {esc(tr('fac.tl_inject', event=_event_text(app, e['inject'])))}"
        to = (e.get("message") or {}).get("to")
        return f"{at} {esc(tr('fac.tl_message', who=app.sender_name(to) if to else tr('fac.everyone')))}"
    if kind == "event":
        text = tr.text(e["message"]) if e.get("message") else e.get("event", "")
        who = ", ".join(app.sender_name(r) for r in e.get("observed_by", []))
        return f"{at} {esc(text)}" + (f" <i>({esc(tr('fac.noticed_by', who=who))})</i>" if who else "")
    if kind == "incident":
        return f"{at} <b>{esc(tr('fac.tl_incident' if e.get('happened') else 'fac.tl_incident_averted'))}</b>"
    if kind == "vt_report":
        return f"{at} {esc(tr('fac.tl_vt', who=app.sender_name(e.get('reporter')), child=app.person_name(e.get('child', ''))))}"
    if kind == "meeting":
        return f"{at} {esc(tr('fac.tl_meeting', kind=tr.opt('opt.kind.' + e.get('kind', ''), e.get('kind', '')), who=app.sender_name(e.get('convener'))))}"
    if kind == "regisseur":
        return f"{at} {esc(tr('fac.tl_regisseur', who=app.sender_name(e.get('role')), child=app.person_name(e.get('child', ''))))}"
    if kind == "intervention":
        return f"{at} {esc(tr('fac.tl_intervention', what=e.get('intervention', '')))}"
    return ""


def _event_text(app: Any, event_id: str) -> str:
    """What an injected event says (from the facilitator's status), or its id."""
    for e in (getattr(app.game, "status", None) or {}).get("inject_info", []):
        if e["id"] == event_id:
            return app.tr.text(e["message"])
    return event_id


class TeamDebriefScreen(PanelFocusMixin, Screen):
    """The whole team's debrief on the trainer's screen (and on the projector when mirrored). Both panels
    are in the Tab order; F6 goes from one to the other and the scroll keys scroll the focused one."""

    def on_escape(self) -> None:
        """Escape does not close the trainer's window (the window's close button does)."""

    def write_report(self) -> None:
        """Write the HTML debrief report next to the session log (report/, the same as `report LOG`)."""
        from report.build import build_document
        from report.render import created_label, parse_created, write_document
        from report.session import load_sessions

        log = self.app.game.log_path
        out = str(Path(log).with_suffix(".html"))
        try:
            created = parse_created(None)
            doc = build_document(load_sessions([log]), self.app.lang, created_label(created), None)
            write_document(doc, out, "html", created)
        except Exception as exc:  # noqa: BLE001 — a report problem must not close the trainer's window
            self.app.status_html = f"<b>{esc(self.tr('fac.report_failed'))}</b> {esc(str(exc))}"
        else:
            self.app.status_html = esc(self.tr("fac.report_written", path=out))
        self.app.rebuild()

    def build(self) -> None:
        """Outcome, scores and findings left; who knew what when right; the report button."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.app.game
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("fac.debrief_title"), "@title")
        items = []
        if getattr(g, "log_path", None):
            items.append((tr("fac.report") + " [R]", self.write_report, pygame.K_r))
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad, items, {0: "@toggle_on"}) if items else self.row + 2 * pad
        col = (w - 3 * pad) // 2
        top = self.app.status_html + "<br>" if self.app.status_html else ""
        self.focus_panel(self.textbox(pygame.Rect(pad, y, col, h - y - pad), top + self.scores_html()))
        self.focus_panel(self.textbox(pygame.Rect(2 * pad + col, y, col, h - y - pad),
                                      who_knew_html(self.app, g.client.debrief or {})))

    def scores_html(self) -> str:
        """Children's outcome, team and role scores, findings grouped by role."""
        tr, d = self.tr, self.app.game.client.debrief or {}
        out, score = d.get("outcome") or {}, d.get("score") or {}
        rows = [f"<b>{esc(tr('debrief.children'))}</b>"]
        rows.append(esc(tr("debrief.incident", day=int(out["incident_at"] // 24) + 1) if out.get("incident")
                        else tr("debrief.no_incident")))
        for child, res in out.get("children", {}).items():
            rows.append(f"<b>{esc(self.app.person_name(child))}</b>: {esc(tr.text(res['text']))}")
        if score:
            rows += ["", f"<b>{esc(tr('debrief.score', **whole_scores(score)))}</b>"]
            for role, s in score.get("per_role", {}).items():
                rows.append(esc(f"{self.app.sender_name(role)}: " + tr("fac.role_score", **whole_scores(s))))
        by_role: dict[Any, list[dict]] = {}
        for f in d.get("findings", []):
            who = f.get("role")
            by_role.setdefault(tuple(who) if isinstance(who, list) else who, []).append(f)
        for role, found in by_role.items():
            names = ", ".join(self.app.sender_name(r) for r in role) if isinstance(role, tuple) else \
                self.app.sender_name(role)
            rows += ["", f"<b>{esc(names if role else tr('fac.team'))}</b>"]
            for f in found:  # players see the public source (cite), never the seed
                mark = "+" if f["severity"] == "praise" else "•"
                rows.append(f"{mark} {esc(tr.text(f.get('message')))}{cite_html(tr, f)}")
        return "<br>".join(rows)


def who_knew_html(app: Any, d: dict[str, Any]) -> str:
    """Per fact: which roles knew it, since when and how — the core of the debrief."""
    tr = app.tr
    meta = app.game.scenario.meta
    rows = [f"<b>{esc(tr('net.who_knew'))}</b>"]
    for fact, learned in d.get("who_knew", {}).items():
        text = tr.text(d.get("facts", {}).get(fact, fact))
        who = "; ".join(f"{app.sender_name(x['role'])} ({tr.moment(meta, x['t'])}, {tr.opt('via.' + x['via'], x['via'])})"
                        for x in learned)
        rows.append(f"• {esc(text)}<br><i>{esc(who)}</i>")
    return "<br>".join(rows)

