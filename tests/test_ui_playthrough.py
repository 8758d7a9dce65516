"""The game window driven like a player would: real pygame key and mouse events through the SDL
dummy driver — start, act (also a refused action, explained), let time pass, quit, resume, debrief."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from ui.screens.action import ActionFormScreen, ActionMenuScreen  # noqa: E402
from ui.screens.debrief import DebriefScreen  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402
from ui.screens.start import StartScreen  # noqa: E402


def key(app, k, mod=0, frames=2):
    """Press and release a key, then let the window process it."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    for _ in range(frames):
        app.frame()


def click(app, element, frames=3):
    """Click the middle of a pygame_gui element with the mouse."""
    pos = element.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False))
    app.frame()
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    app.frame()
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
    for _ in range(frames):
        app.frame()


def button(app, text_start):
    """The button of the current screen whose label starts with `text_start`."""
    for b in app.screen.focus:
        if b.text.startswith(text_start):
            return b
    raise AssertionError(f"no button {text_start!r} among {[b.text for b in app.screen.focus]}")


def focus_on(app, text_start):
    """Tab until the button labelled `text_start` has the focus (keyboard only)."""
    for _ in range(len(app.screen.focus) + 1):
        if app.screen.focus[app.screen.focus_index].text.startswith(text_start):
            return
        key(app, pygame.K_TAB, frames=1)
    raise AssertionError(f"Tab never reached {text_start!r}")


def test_keyboard_only_start_act_refused_and_accepted(app):
    assert isinstance(app.screen, StartScreen)
    key(app, pygame.K_RETURN)  # the focus starts on "Begin het spel"
    assert isinstance(app.screen, DeskScreen)
    assert app.game.role == "smw" and app.game.session.now == 0
    key(app, pygame.K_a)
    assert isinstance(app.screen, ActionMenuScreen)
    focus_on(app, "Informatie delen")
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, ActionFormScreen) and app.screen.do == "share"
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)  # no facts ticked: the engine refuses and says why
    assert isinstance(app.screen, ActionFormScreen)
    assert app.screen.refusal_html and "Niet uitgevoerd" in app.screen.refusal_html
    records_before = len(app.game.session.records)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, DeskScreen)
    assert len(app.game.session.records) == records_before  # a refused action changes nothing
    key(app, pygame.K_a)
    focus_on(app, "Registreren in de Verwijsindex")
    key(app, pygame.K_RETURN)
    focus_on(app, "Uitvoeren")
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen)
    assert app.game.my_inputs()[-1]["action"] == {"do": "vir_register", "child": "kevin"}
    assert "Gedaan" in app.status_html


def test_choice_and_checklist_with_arrows_and_space(app):
    key(app, pygame.K_RETURN)
    key(app, pygame.K_a)
    focus_on(app, "Gesprek met de ouders")
    key(app, pygame.K_RETURN)
    focus_on(app, "Doel van het gesprek")
    key(app, pygame.K_LEFT)  # concern → inform
    assert app.screen.values["purpose"] == "inform"
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    assert app.game.my_inputs()[-1]["action"] == {"do": "talk_parents", "child": "kevin", "purpose": "inform"}
    key(app, pygame.K_a)
    focus_on(app, "Collega raadplegen")
    key(app, pygame.K_RETURN)
    first_fact = app.game.session.view("smw").dossier[0]
    focus_on(app, "[  ]")  # the first checkbox of the fact checklist
    key(app, pygame.K_SPACE)
    assert app.screen.values["facts"] == [first_fact.id]


def test_time_buttons_by_mouse_and_keys(app):
    click(app, button(app, "Begin het spel"))
    assert isinstance(app.screen, DeskScreen)
    key(app, pygame.K_d)
    assert app.game.session.now == 24
    click(app, button(app, "Volgende week"))
    assert app.game.session.now == 24 + 168
    before = app.game.view()
    start = app.game.session.now
    key(app, pygame.K_n)
    after = app.game.view()
    assert app.game.session.now > start
    assert (len(after.inbox), len(after.dossier)) != (len(before.inbox), len(before.dossier)) \
        or app.game.session.finished, "'next event' stops at something the player sees"
    assert "later." in app.status_html  # and says how much time passed


def test_next_event_skips_what_the_role_cannot_see(app):
    """Issue 17, item 8: 'Volgende gebeurtenis' went to world events the player could not see (14 days
    with nothing new); it now stops at the first moment something reaches the player's desk."""
    from ui.game import start_game

    key(app, pygame.K_RETURN)
    twin = start_game(app.game.scenario, app.game.role, app.game.session.seed, save=False)
    key(app, pygame.K_n)
    t = app.game.session.now
    seen = (len(twin.view().inbox), len(twin.view().dossier))
    passed_unseen = 0
    while (nxt := twin.session.next_event_time()) is not None and nxt < t:
        twin.session.advance(nxt)
        assert (len(twin.view().inbox), len(twin.view().dossier)) == seen, "stopped too late"
        passed_unseen += 1
    twin.session.advance(t)
    assert (len(twin.view().inbox), len(twin.view().dossier)) != seen, "stopped where nothing new was seen"
    assert app.game.session.records[-1]["type"] == "clock" and app.game.session.records[-1]["t"] == t


def test_continuous_play_advances_per_frame_and_pauses(app):
    key(app, pygame.K_RETURN)
    key(app, pygame.K_SPACE, frames=1)
    assert app.playing
    start = app.game.session.now
    for _ in range(5):
        app.frame()
    assert app.game.session.now > start or not app.playing  # moved, or paused on a new inbox item
    if app.playing:
        key(app, pygame.K_SPACE, frames=1)
    assert not app.playing
    assert app.game.session.records[-1]["type"] == "clock"  # pausing checkpoints the moment


def test_quit_and_resume_at_the_same_moment_with_the_same_dossier(app):
    key(app, pygame.K_RETURN)
    key(app, pygame.K_a)
    focus_on(app, "Gesprek met de ouders")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    key(app, pygame.K_w)
    key(app, pygame.K_n)
    now = app.game.session.now
    dossier = [f.id for f in app.game.session.view("smw").dossier]
    key(app, pygame.K_ESCAPE)  # save and stop
    assert isinstance(app.screen, StartScreen)
    app.to_start()
    resume = button(app, "Hervat opgeslagen spel")
    click(app, resume)
    assert isinstance(app.screen, DeskScreen)
    assert app.game.session.now == now
    assert [f.id for f in app.game.session.view("smw").dossier] == dossier


def test_a_whole_game_ends_on_the_debrief_and_can_be_played_again(app):
    key(app, pygame.K_RETURN)
    key(app, pygame.K_a)
    focus_on(app, "Registreren in de Verwijsindex")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    for _ in range(11):
        if isinstance(app.screen, DebriefScreen):
            break
        key(app, pygame.K_w)
    assert isinstance(app.screen, DebriefScreen)
    assert app.game.session.finished and app.game.session.outcome["children"]
    html = app.screen.outcome_html() + app.screen.team_html()
    assert "Kevin" in html and "Henk" in html
    timeline = app.screen.timeline_html()
    assert "expert" in timeline and "Registreren in de Verwijsindex" in timeline
    first_action_at = app.game.my_inputs()[0]["t"]
    key(app, pygame.K_RIGHT)  # choose the moment of my first action
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen) and not app.game.session.finished
    assert app.game.session.now == first_action_at
    assert [r["action"] for r in app.game.my_inputs()] == []  # nothing before that moment was re-entered


def test_resizing_lays_the_desk_out_again_within_1280x720_to_1920x1080(app):
    key(app, pygame.K_RETURN)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    app.frame()
    assert app.size == (1920, 1080)
    assert max(b.rect.right for b in app.screen.focus) <= 1920
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500)))
    app.frame()
    assert app.size == (1280, 720)


def test_the_seed_of_the_command_line_is_the_seed_of_the_world(app):
    app.seed = 42
    key(app, pygame.K_RETURN)
    assert app.game.session.seed == 42


def test_a_save_that_cannot_be_resumed_is_explained_not_a_crash(app, tmp_path):
    key(app, pygame.K_RETURN)
    key(app, pygame.K_d)
    key(app, pygame.K_ESCAPE)
    path = app.screen.saves[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0].replace('"hash":"sha256:', '"hash":"sha256:0')] + lines[1:]) + "\n",
                    encoding="utf-8")
    key(app, pygame.K_h)
    assert isinstance(app.screen, StartScreen)
    assert "kan niet worden hervat" in app.screen.info_html(app.screen.scenario(), app.screen.role())


def test_what_arrived_since_the_clock_moved_is_marked_new(app):
    key(app, pygame.K_RETURN)
    key(app, pygame.K_d)
    key(app, pygame.K_a)
    focus_on(app, "Registreren in de Verwijsindex")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    start = app.game.scenario.meta
    view = app.game.session.view("smw")
    assert view.inbox and app.screen.inbox_html(view, start).count("NIEUW") == len(view.inbox)
    key(app, pygame.K_d)  # the clock moved on: what was there before is no longer new
    view = app.game.session.view("smw")
    fresh = [m for m in view.inbox if m["t"] > 24]
    assert app.screen.inbox_html(view, start).count("NIEUW") == len(fresh)


def test_every_literal_string_id_used_by_the_window_exists_in_both_languages():
    import re
    from pathlib import Path

    from ui.i18n import strings
    root = Path(__file__).resolve().parent.parent / "ui"
    used = set()
    for path in root.rglob("*.py"):
        if path.name == "i18n.py":  # its docstring shows made-up ids
            continue
        used |= set(re.findall(r'\btr\(\s*"([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r'\btr\(\s*\'([a-z_]+\.[a-z_.]+)\'', path.read_text(encoding="utf-8")))
    assert len(used) > 40
    for lang in ("nl", "en"):
        missing = sorted(k for k in used if k not in strings(lang))
        assert not missing, (lang, missing)


def test_every_action_of_the_vocabulary_is_reachable_and_has_a_dialog(app):
    from sim.actions import ACTION_IDS
    from ui.i18n import strings

    key(app, pygame.K_RETURN)
    key(app, pygame.K_a)
    labels = [b.text for b in app.screen.focus]
    for do in ACTION_IDS:
        if do == "zorgmelding":  # the police's only (sim.actions.ONLY_FOR_ORG); the smw does not see it
            assert strings("nl")[f"action.{do}"] not in labels
            continue
        assert strings("nl")[f"action.{do}"] in labels, do
        app.open_form(do)
        assert isinstance(app.screen, ActionFormScreen) and app.screen.focus
        app.open_actions()


def test_the_network_map_opens_with_m_and_draws_the_partners(app):
    import pygame_gui

    key(app, pygame.K_RETURN)
    key(app, pygame.K_m)
    assert app.show_map
    images = [e for e in app.manager.get_sprite_group().sprites() if isinstance(e, pygame_gui.elements.UIImage)]
    assert images and images[0].rect.width > 600
    key(app, pygame.K_m)
    assert not app.show_map


def test_at_large_fonts_the_map_has_a_screen_of_its_own(app):
    from ui.screens.map import MapScreen

    key(app, pygame.K_RETURN)
    app.set_font_scale(2.0)
    key(app, pygame.K_m)
    assert isinstance(app.screen, MapScreen)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, DeskScreen)


def test_school_observations_happen_in_school_hours_and_police_call_outs_at_any_hour():
    """Issue 17, item 8: school observations came at 01:30 at night. What only a school sees happens on a
    weekday between 08:30 and 15:00, what other professionals see in office hours; the police is called
    out at any hour."""
    from sim import MemoryLog, Session, load_scenario, resolve_scenario
    from sim.world_events import working_hours

    for family in ("pietersdam", "peter", "lisanne_lars"):
        sc = load_scenario(resolve_scenario(family))
        for seed in range(6):
            s = Session(sc, seed, log=MemoryLog())
            s.advance(sc.meta.duration - 1)
            for r in (r for r in s.records if r.get("type") == "event"):
                hours = working_hours(sc, sc.event_by_id[r["event"]])
                when = sc.meta.moment(r["t"])
                if hours is None:
                    continue
                assert when.weekday() < 5, (family, r["event"], when)
                assert hours[0] <= when.hour + when.minute / 60 <= hours[1], (family, r["event"], when)
