"""Helpers for the conversation tests of the families: say choices, read where a talk stands, and the
findings the conversation rules give (issue 17, item 6)."""

from __future__ import annotations

from scoring import score_log
from sim import Session

CONVERSATION_RULES = ("P-conversation-secrecy", "P-child-view", "F-conversation-opening")


def say(s: Session, role: str, conversation: str, *choices: str) -> None:
    """Say each choice in turn; every one must be accepted."""
    for choice in choices:
        result = s.act(role, {"do": "converse", "conversation": conversation, "choice": choice})
        assert result.ok, (choice, result.reason)


def current(s: Session, role: str, conversation: str) -> dict:
    """The conversation as the role's view shows it now."""
    return next(c for c in s.view(role).conversations if c["id"] == conversation)


def last_reply(s: Session, role: str, conversation: str) -> str:
    """The other side's last answer, in Dutch."""
    return current(s, role, conversation)["history"][-1]["reply"]["nl"]


def conversation_findings(s: Session) -> list:
    """The findings of the conversation rules once the session is finished."""
    s.finish()
    return [f for f in score_log(s.scenario, s.records).findings if f.rule in CONVERSATION_RULES]
