"""The share and report dialogs ask for no free claims (issue 14, item 4): no "informed" or "recorded"
box to tick; they show what the role's own talks with the family were — names and dates, and who still
has to be told for the child's age (seed 003, 7 tips) — and let the player say, with a reason, that
informing the family first would endanger the child (seed 003, 9 vragen, vraag 2; Meldcode stap 3)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from ui.screens.action import ActionFormScreen  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402

CLAIMS = ("informed", "parents_informed", "documented")


def _texts(app) -> str:
    """Every text on screen, one per line."""
    out = []
    for element in app.manager.get_sprite_group().sprites():
        if not getattr(element, "visible", True):
            continue  # the desk's elements wait hidden while a dialog is open (ui.screens.desk_reuse)
        for attr in ("text", "html_text"):
            value = getattr(element, attr, None)
            if isinstance(value, str):
                out.append(value)
    return "\n".join(out)


def _start(app):
    app.start_new(app.screen.scenario(), "smw")
    app.game.session.advance(24.0)


def _sent(app, monkeypatch) -> list[dict]:
    """What the window hands to the engine."""
    sent: list[dict] = []
    act = app.game.act

    def spy(action):
        sent.append(dict(action))
        return act(action)
    monkeypatch.setattr(app.game, "act", spy)
    return sent


def _type(app, key: str, text: str) -> None:
    """Type `text` into the dialog's field `key` (as pygame_gui reports a changed text field)."""
    screen = app.screen
    box = next(b for b, (k, _, _) in screen.entries.items() if k == key)
    box.set_text(text)
    app.handle(pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_CHANGED, ui_element=box, text=text))


def test_the_share_dialog_has_no_informed_checkbox(app, monkeypatch):
    _start(app)
    for do in ("share", "report_veilig_thuis", "case_meeting"):
        app.open_form(do)
        keys = {f.key for f in app.screen.fields}
        assert not keys & set(CLAIMS), (do, keys)
        shown = _texts(app)
        for label in ("Cliënt vooraf geïnformeerd", "Ouders vooraf geïnformeerd", "Vastgelegd in het dossier"):
            assert label not in shown, (do, label)
    sent = _sent(app, monkeypatch)
    app.open_form("share")
    app.screen.values.update(to="wijkteam", facts=[app.game.view().dossier[0].id], basis="meldcode", child="kevin")
    app.screen.submit()
    app.open_form("report_veilig_thuis")
    app.screen.values.update(child="kevin", facts=[app.game.view().dossier[0].id])
    app.screen.submit()
    assert [a["do"] for a in sent] == ["share", "report_veilig_thuis"]
    for action in sent:
        assert not set(action) & set(CLAIMS), action


def test_the_dialog_shows_who_was_informed_and_when(app):
    _start(app)
    assert app.game.act({"do": "talk_parents", "child": "kevin", "purpose": "inform"}).ok
    app.open_form("share")
    app.screen.values["child"] = "kevin"
    app.rebuild()
    shown = _texts(app)
    assert "Moeder Pietersdam en Vader Pietersdam geïnformeerd op 8 sep (gesprek: informeren)." in shown
    assert "Iedereen die het moet weten, is vooraf geïnformeerd." in shown
    assert "moeder" not in shown.replace("Moeder", ""), "names, not ids"
    app.screen.values["child"] = "henk"  # 14: the child is told too
    app.rebuild()
    shown = _texts(app)
    assert "U hebt nog met niemand van het gezin over Henk gesproken." in shown
    assert "Henk (14) is nog niet geïnformeerd — vanaf 12 jaar hoort het kind het ook." in shown
    assert "Moeder Pietersdam en Vader Pietersdam zijn nog niet geïnformeerd." in shown
    assert app.game.act({"do": "talk_parents", "child": "henk", "purpose": "concern"}).ok
    app.open_form("share")
    app.screen.values["child"] = "henk"
    app.rebuild()
    assert "daarin hebt u nog niet verteld dat u informatie gaat delen" in _texts(app), \
        "a talk about a concern is not yet telling them of a share"
    app.set_lang("en")
    assert "Henk (14) has not been informed yet — from 12 the child is told too." in _texts(app)


def test_unsafe_to_inform_needs_a_reason(app, monkeypatch):
    _start(app)
    sent = _sent(app, monkeypatch)
    app.open_form("report_veilig_thuis")
    screen = app.screen
    screen.values.update(child="kevin", facts=[app.game.view().dossier[0].id])
    assert "reason" not in {k for k, _, _ in screen.entries.values()}, "the reason is asked with the choice"
    label = "Het gezin vooraf informeren zou het kind in gevaar brengen"
    assert label in _texts(app)
    screen._toggle("unsafe_to_inform")()
    assert "reason" in {k for k, _, _ in app.screen.entries.values()}
    screen.submit()
    assert isinstance(app.screen, ActionFormScreen) and "waarom" in screen.refusal_html.lower()
    assert not [r for r in app.game.session.records if r.get("type") == "action" and r.get("by") == "player"]
    _type(app, "reason", "Vader wordt agressief als hij hoort dat er over het gezin gepraat wordt.")
    _type(app, "considerations", "Kevins veiligheid gaat voor; alleen feiten die Veilig Thuis nodig heeft.")
    assert "72 van 500 tekens" in _texts(app) and "72 van 1000 tekens" in _texts(app)
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=pygame.KMOD_CTRL, unicode="\r"))
    assert isinstance(app.screen, DeskScreen)
    last = sent[-1]
    assert last["unsafe_to_inform"] is True and last["reason"].startswith("Vader wordt agressief")
    assert last["considerations"].startswith("Kevins veiligheid")
    logged = [r for r in app.game.session.records if r.get("type") == "action"][-1]["action"]
    assert logged["reason"] == last["reason"]


def test_keys_typed_in_a_text_field_are_text_not_shortcuts(app):
    _start(app)
    app.open_form("share")
    screen = app.screen
    box = next(b for b, (k, _, _) in screen.entries.items() if k == "considerations")
    screen.focus_index = screen.focus.index(box)
    app.rebuild()
    box = next(b for b, (k, _, _) in app.screen.entries.items() if k == "considerations")
    assert app.screen.editing() is box
    before = app.screen
    for key, char in ((pygame.K_SPACE, " "), (pygame.K_RETURN, "\r"), (pygame.K_DOWN, "")):
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char, scancode=0))
    assert app.screen is before and isinstance(app.screen, ActionFormScreen), "no button was pressed"
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    assert isinstance(app.screen, DeskScreen), "Escape still cancels"


def test_the_dialog_shows_the_talks_in_a_network_window_too(app):
    """A LAN window gets the view as JSON and the scenario only as its public card (ui.remote): the
    talks travel with the view, and the dialog reads the same from them."""
    import json

    from net.views import card
    from sim.view import RoleView
    from ui.remote import PublicScenario

    _start(app)
    assert app.game.act({"do": "talk_parents", "child": "kevin", "purpose": "inform"}).ok
    local = app.game

    class OverTheNetwork:
        def __init__(self):
            self.scenario = PublicScenario(json.loads(json.dumps(card(local.scenario))))
            self.role, self.networked = local.role, True

        def view(self):
            return RoleView.from_dict(json.loads(json.dumps(local.view().as_dict())))

    app.game = OverTheNetwork()
    app.open_form("report_veilig_thuis")
    app.screen.values["child"] = "kevin"
    app.rebuild()
    assert "Moeder Pietersdam en Vader Pietersdam geïnformeerd op 8 sep (gesprek: informeren)." in _texts(app)


def test_a_reason_longer_than_allowed_is_refused_in_words_not_cut_off(app, monkeypatch):
    _start(app)
    sent = _sent(app, monkeypatch)
    app.open_form("report_veilig_thuis")
    app.screen.values.update(child="kevin", facts=[app.game.view().dossier[0].id], unsafe_to_inform=True)
    app.rebuild()
    _type(app, "reason", "x" * 501)
    assert "501 van 500 tekens" in _texts(app)
    app.screen.submit()
    assert not sent and "Te lang" in app.screen.refusal_html and "hoogstens 500" in app.screen.refusal_html
    _type(app, "reason", "x" * 500)
    app.screen.submit()
    assert sent and len(sent[-1]["reason"]) == 500


def test_whom_the_consent_is_for_is_asked_only_when_asking_consent(app, monkeypatch):
    _start(app)
    sent = _sent(app, monkeypatch)
    app.open_form("talk_parents")
    label = "Met welke professionals"
    app.screen.values["purpose"] = "inform"
    app.rebuild()
    assert label not in _texts(app)
    app.screen.values["purpose"] = "consent"
    app.rebuild()
    assert label in _texts(app)
    app.screen.values["share_with"] = ["wijkteam"]
    app.screen.submit()
    assert sent[-1]["share_with"] == ["wijkteam"]
    assert [r for r in app.game.session.records if r.get("type") == "consent"][-1]["share_with"] == ["wijkteam"]
