"""A player's own words inside an action — why informing the family would endanger the child, the
considerations written into the file (issue 14) — travel over the LAN as free text: cleaned of control
characters and cut to length, never refused as if they were identifiers."""

from __future__ import annotations

import json

import pytest

from net.protocol import ACTION_TEXT_MAX, ProtocolError, decode


def _act(**action) -> str:
    return json.dumps({"type": "act", "action": {"do": "share", "to": "wijkteam", "facts": ["x"], **action}})


def test_long_considerations_with_newlines_arrive_as_text():
    words = "Afweging: moeder's veiligheid gaat voor.\nOverlegd met collega's. " * 5
    msg = decode(_act(considerations=words))
    assert msg["action"]["considerations"] == words[:ACTION_TEXT_MAX]


def test_a_reason_loses_its_control_characters_and_is_cut():
    msg = decode(_act(unsafe_to_inform=True, reason="Rob \x1b[31mdreigt\x07" + "!" * 5000))
    assert msg["action"]["reason"].startswith("Rob [31mdreigt!") and len(msg["action"]["reason"]) == ACTION_TEXT_MAX


def test_identifiers_in_an_action_are_still_refused_when_too_long():
    with pytest.raises(ProtocolError):
        decode(_act(to="w" * 500))
