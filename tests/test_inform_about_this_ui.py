"""The talk dialog lets the player say what a talk is about and with whom, and the share dialog's
'informed' lines say it back (issue 15, items 4 and 9; seed 003, 7 tips: informing and consent are for a
purpose and a recipient)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from tests.test_ui_claims import _sent, _start, _texts  # noqa: E402


def test_the_talk_dialog_asks_what_the_talk_is_about_and_with_whom(app, monkeypatch):
    """Informing about a share with the neighbourhood team: the dialog offers the subject, then asks
    with whom; the engine logs both."""
    _start(app)
    sent = _sent(app, monkeypatch)
    app.open_form("talk_parents")
    app.screen.values.update({"child": "kevin", "purpose": "inform"})
    app.rebuild()
    assert "Waarover (niets gekozen: in het algemeen)" in _texts(app)
    assert "Met welke professionals" not in _texts(app)
    app.screen.values["about"] = "share"
    app.rebuild()
    assert "Met welke professionals" in _texts(app)
    app.screen.values["share_with"] = ["wijkteam"]
    app.screen.submit()
    assert sent[-1]["about"] == "share" and sent[-1]["share_with"] == ["wijkteam"]


def test_the_share_dialog_says_what_each_talk_was_about(app):
    """'Moeder … geïnformeerd op … (gesprek: informeren, over delen met het sociaal wijkteam)'; a talk
    about the Verwijsindex does not count for a share."""
    _start(app)
    assert app.game.act({"do": "talk_parents", "child": "kevin", "purpose": "inform", "about": "share",
                         "share_with": ["wijkteam"]}).ok
    app.open_form("share")
    app.screen.values.update({"child": "kevin", "to": "wijkteam"})
    app.rebuild()
    shown = _texts(app)
    assert "geïnformeerd op 8 sep (gesprek: informeren, over delen met het sociaal wijkteam)." in shown
    assert app.game.act({"do": "talk_parents", "child": "henk", "purpose": "inform", "about": "vir"}).ok
    app.open_form("share")
    app.screen.values["child"] = "henk"
    app.rebuild()
    shown = _texts(app)
    assert "over de registratie in de Verwijsindex) — daarin hebt u nog niet verteld" in shown


def test_a_talk_about_sharing_with_others_does_not_count_for_this_recipient_in_the_dialog(app):
    """Told of a share with the neighbourhood team, the family has not been told of one with the police:
    the dialog says so when the police is the chosen recipient, as the judge does (P-informed)."""
    _start(app)
    assert app.game.act({"do": "talk_parents", "child": "kevin", "purpose": "inform", "about": "share",
                         "share_with": ["wijkteam"]}).ok
    app.open_form("share")
    app.screen.values.update({"child": "kevin", "to": "wijkagent"})
    app.rebuild()
    shown = _texts(app)
    assert "dat ging over delen met anderen dan deze" in shown
    assert "Moeder Pietersdam en Vader Pietersdam zijn nog niet geïnformeerd." in shown
