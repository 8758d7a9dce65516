"""The report dialog lets the reporter mark a report urgent (seed 003, 9 vragen, vraag 1: "Spoedzaken
worden binnen 24 uur … opgepakt"); the mark reaches the engine only when chosen, so an ordinary report
stays as it was."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from tests.test_ui_claims import _sent, _start, _texts


def test_the_report_dialog_offers_the_urgent_mark(app, monkeypatch):
    _start(app)
    sent = _sent(app, monkeypatch)
    app.open_form("report_veilig_thuis")
    assert "Spoed: er is acute of structurele onveiligheid" in _texts(app)
    app.screen.values.update(child="kevin", facts=[app.game.view().dossier[0].id])
    app.rebuild()
    app.screen.submit()
    assert sent and "urgent" not in sent[-1]
    app.open_form("report_veilig_thuis")
    app.screen.values.update(child="kevin", facts=[app.game.view().dossier[0].id], urgent=True)
    app.rebuild()
    app.screen.submit()
    assert sent[-1]["urgent"] is True
