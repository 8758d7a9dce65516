"""The coach: every new scoring finding about the player's role or the team, at the moment it arises —
violations and warnings first, then praise — each with the public source a trainer can look up
(`cite`, never the seed); and the history of everything the coach said in this session (issue 14,
item 5). In exam mode (coach off) the findings are still collected but shown only in the debrief."""

from __future__ import annotations

from typing import Any

import pygame

from ui.widgets import Screen, esc

ORDER = {"violation": 0, "warning": 1, "praise": 2}
"""Faults first: a consent violation never hides behind praise."""


def is_mine(finding: dict[str, Any], role: str) -> bool:
    """A finding about the player's own role, or a team item (no role): what the player is shown.
    Another partner's finding is never listed as the player's."""
    who = finding.get("role")
    if isinstance(who, (list, tuple)):
        return role in who
    return who in (role, None)


def ordered(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Violations, then warnings, then praise; in time order within each."""
    return sorted(findings, key=lambda f: (ORDER.get(f.get("severity", ""), 1), f.get("t", 0.0)))


def cite_html(tr: Any, finding: dict[str, Any]) -> str:
    """The public source of a finding in the player's language, or nothing when it has none."""
    cite = finding.get("cite")
    text = tr.text(cite) if cite else ""
    return f" <i>({esc(text)})</i>" if text else ""


def finding_html(tr: Any, finding: dict[str, Any]) -> str:
    """One finding: its kind in words (not by colour alone), what it says and its source."""
    kind = tr.opt(f"coach.kind.{finding.get('severity')}", "")
    head = f"<b>{esc(kind)}:</b> " if kind else ""
    return f"• {head}{esc(tr.text(finding.get('message')))}{cite_html(tr, finding)}"


class Coach:
    """What the coach has seen and said in one game: new findings are collected after every action
    and time step (so none are lost between two calls), shown once, and kept for the history."""

    def __init__(self) -> None:
        self.history: list[dict[str, Any]] = []
        self.pending: list[dict[str, Any]] = []

    def collect(self, game: Any) -> int:
        """Take the game's new findings about the player's role or the team; returns how many came."""
        if game is None:
            return 0
        found = [f for f in game.new_findings() if is_mine(f, game.role)]
        self.history += found
        self.pending += found
        return len(found)

    def has_faults_pending(self) -> bool:
        """Is a violation or warning waiting to be shown (continuous play pauses for it)?"""
        return any(f.get("severity") != "praise" for f in self.pending)

    def take(self) -> list[dict[str, Any]]:
        """The findings not shown yet, faults first; they count as shown from now on."""
        out, self.pending = ordered(self.pending), []
        return out

    def html(self, tr: Any, findings: list[dict[str, Any]]) -> str:
        """The coach's lines for the status panel (empty when there is nothing new)."""
        if not findings:
            return ""
        head = tr("coach.new", n=len(findings)) if len(findings) > 1 else tr("coach.says")
        lines = [f"<b>{esc(head)}:</b>"] + [finding_html(tr, f) for f in findings]
        lines.append(f"<i>{esc(tr('coach.history_hint'))}</i>")
        return "<br>".join(lines)


class CoachHistoryScreen(Screen):
    """Everything the coach said in this session, oldest first, grouped by the moment it arose;
    PageUp/PageDown (or the scroll bar) scroll through it. Exam mode: nothing until the debrief."""

    def on_escape(self) -> None:
        """Back to the desk."""
        self.app.show_desk()

    def build(self) -> None:
        """Title, back button, the history filling the rest of the window."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        self.label(pygame.Rect(pad, pad // 2, w - 2 * pad, self.row), tr("coach.history"), "@title")
        y = self.flow(pad, pad // 2 + self.row, w - 2 * pad,
                      [(tr("act.back") + " [Esc]", self.on_escape, pygame.K_g)])
        self.box = self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), self.history_html())

    def history_html(self) -> str:
        """The history as text: per moment the findings that arose then, faults first."""
        tr, app = self.tr, self.app
        if not app.coach_on:
            return esc(tr("coach.exam"))
        history = app.coach.history
        if not history:
            return esc(tr("coach.none_yet"))
        meta = app.game.scenario.meta
        rows: list[str] = []
        moments = sorted({f.get("t", 0.0) for f in history})
        for t in moments:
            rows.append(f"<b>{esc(tr.moment(meta, t))}</b>")
            rows += [finding_html(tr, f) for f in ordered([f for f in history if f.get("t", 0.0) == t])]
            rows.append("")
        return "<br>".join(rows)

    def handle_key(self, event) -> None:
        """Home/End jump to the start or the end of the history."""
        bar = getattr(getattr(self, "box", None), "scroll_bar", None)
        if bar is not None and event.key in (pygame.K_HOME, pygame.K_END):
            bar.set_scroll_from_start_percentage(0.0 if event.key == pygame.K_HOME else 1.0)
            return
        super().handle_key(event)
