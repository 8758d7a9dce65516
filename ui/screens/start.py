"""Start screen: language, scenario (title, family, duration, sources), role (briefing and what it
knows at the start), font size, 'resume saved game' when an unfinished log exists, and the scenario
studio (issue 21) for trainers who build a family of their own."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import tempfile
from pathlib import Path

import pygame

from cli.selfcmd import child_command, is_frozen
from sim import MemoryLog, Session, available_scenarios
from sim.partners import LEVELS
from ui import onboarding
from ui.game import DEFAULT_SEED, load, unfinished_saves
from ui.sources import public_sources
from ui.widgets import Screen, esc

FONT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
ROOT = Path(__file__).resolve().parents[2]
STUDIO_ENVS = (ROOT / ".venv" / "studio" / "bin" / "python", ROOT / ".venv" / "studio" / "Scripts" / "python.exe")


def studio_command(lang: str, port: int) -> tuple[list[str], Path | None] | None:
    """How the game starts the scenario studio (issue 21) in a process of its own: Ketenspel's own
    `studio` subcommand (cli.selfcmd.child_command) where NiceGUI is installed, else the same command
    in the studio's own environment (.venv/studio, made by `make studio`, run from the checkout).
    Returns (argv, working folder) or None when NiceGUI is nowhere to be found."""
    args = ("studio", "--port", str(port), "--lang", lang)
    if importlib.util.find_spec("nicegui") is not None:
        return child_command(*args), None
    if is_frozen():
        return None
    for python in STUDIO_ENVS:
        if python.exists():
            return [str(python), *child_command(*args)[1:]], ROOT
    return None


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on now (so a studio already open elsewhere is no obstacle)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StartScreen(Screen):
    """Choose what to play; Enter starts."""

    def __init__(self, app, scenario_ref: str | None = None, role: str | None = None):
        super().__init__(app)
        self.scenarios = {sid: load(str(path)) for sid, path in available_scenarios().items()}
        self.ids = list(self.scenarios)
        self.sc_index = self.ids.index(scenario_ref) if scenario_ref in self.scenarios else \
            (self.ids.index("pietersdam") if "pietersdam" in self.ids else 0)
        self.role_index = 0
        if role:
            roles = self.roles()
            self.role_index = roles.index(role) if role in roles else 0
        self.saves = unfinished_saves()
        self.focus_index = 6  # "Begin" (after language, font, coach, case, role, partners): Enter starts at once

    def scenario(self):
        """The scenario chosen."""
        return self.scenarios[self.ids[self.sc_index]]

    def roles(self) -> list[str]:
        """Playable roles of the chosen scenario."""
        return [r.id for r in self.scenario().roles if r.playable]

    def role(self) -> str:
        """The role chosen."""
        return self.roles()[self.role_index % len(self.roles())]

    # -- choices -------------------------------------------------------------------------------
    def _cycle(self, attr: str, n: int):
        def step(d: int) -> None:
            setattr(self, attr, (getattr(self, attr) + d) % n)
            if attr == "sc_index":
                self.role_index = 0
            self.app.rebuild()
        return step

    def _lang(self, d: int = 1) -> None:
        self.app.set_lang("en" if self.app.lang == "nl" else "nl")

    def _scale(self, d: int = 1) -> None:
        i = min(range(len(FONT_SCALES)), key=lambda n: abs(FONT_SCALES[n] - self.app.font_scale))
        self.app.set_font_scale(FONT_SCALES[(i + d) % len(FONT_SCALES)])

    def _coach(self, d: int = 1) -> None:
        self.app.coach_on = not self.app.coach_on
        self.app.rebuild()

    def _partners(self, d: int = 1) -> None:
        levels = list(LEVELS)
        self.app.partners = levels[(levels.index(self.app.partners) + d) % len(levels)]
        self.app.rebuild()

    def _start(self) -> None:
        self.app.start_new(self.scenario(), self.role())

    def _resume(self) -> None:
        self.app.resume(self.saves[0])

    def _join(self) -> None:
        """Join a training day on the LAN (issue 18, item 3): code, name, the trainer's session."""
        from ui.screens.join import JoinScreen

        self.app.show(JoinScreen(self.app))

    def _studio(self) -> None:
        """Open the scenario studio in the browser, as its own program (it stays when the game closes).
        Where it cannot start, say plainly why and how to install it (`make studio`)."""
        tr, port = self.tr, free_port()
        found = studio_command(self.app.lang, port)
        if found is None:
            self.app.status_html = f"<b>{esc(tr('start.studio_missing'))}</b><br><br>"
            self.app.rebuild()
            return
        argv, cwd = found
        said = tempfile.TemporaryFile()
        try:
            proc = subprocess.Popen(argv, cwd=cwd, stdout=said, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
            proc.wait(timeout=1.5)  # a studio that cannot start ends at once and says why
        except subprocess.TimeoutExpired:
            self.app.status_html = esc(tr("start.studio_started", url=f"http://127.0.0.1:{port}")) + "<br><br>"
        except OSError as exc:
            self.app.status_html = f"<b>{esc(tr('start.studio_failed', why=exc.strerror or exc))}</b><br><br>"
        else:
            said.seek(0)
            lines = [ln for ln in said.read().decode("utf-8", "replace").splitlines() if ln.strip()]
            why = lines[-1] if lines else f"exit {proc.returncode}"
            key = "start.studio_missing" if "NiceGUI" in why else "start.studio_failed"
            self.app.status_html = f"<b>{esc(tr(key, why=why))}</b><br><br>"
        finally:
            said.close()
        self.app.rebuild()

    def on_escape(self) -> None:
        """Escape leaves the game."""
        self.app.running = False

    # -- layout --------------------------------------------------------------------------------
    def build(self) -> None:
        """Two columns: choices left, what they mean right."""
        tr, w, h, pad = self.tr, *self.app.size, self.pad
        self.label(pygame.Rect(pad * 2, pad, w - 4 * pad, self.row), tr("app.title"), "@title")
        left_w = int(w * (0.38 if self.scale < 1.5 else 0.5 if self.scale < 1.75 else 0.6))  # 0.6: room for [J]
        sc, role = self.scenario(), self.role()
        step_sc = self._cycle("sc_index", len(self.ids))
        step_role = self._cycle("role_index", len(self.roles()))
        items = [
            (tr("start.language", value=tr("lang.name")) + "  [L]", self._lang, pygame.K_l, self._lang),
            (tr("start.scenario", value=tr.text(sc.meta.title.model_dump())) + "  [S]",
             lambda: step_sc(1), pygame.K_s, step_sc),
            (tr("start.role", value=tr.text(sc.role_name(role).model_dump())) + "  [R]",
             lambda: step_role(1), pygame.K_r, step_role),
            (tr("start.font", value=f"{round(self.app.font_scale * 100)} %") + "  [F]", self._scale, pygame.K_f, self._scale),
            (tr("start.coach", value=tr("start.coach_on" if self.app.coach_on else "start.coach_off")) + "  [C]",
             self._coach, pygame.K_c, self._coach),
            (tr("start.partners", value=tr(f"start.partners.{self.app.partners}")) + "  [P]",
             lambda: self._partners(1), pygame.K_p, self._partners),
        ]
        y = self.row + 2 * pad
        y = self.flow(pad * 2, y, left_w, [items[0], items[3], items[4], items[5]])  # short choices share rows
        for item in items[1:3]:
            y = self.flow(pad * 2, y, left_w, [item])
        y += pad
        actions = [(tr("start.begin") + "  [Enter]", self._start, None)]
        if self.saves:
            actions.append((tr("start.resume") + "  [H]", self._resume, pygame.K_h))
        actions.append((tr("start.join") + "  [J]", self._join, pygame.K_j))
        actions.append((tr("glossary.title") + "  [?]", self.app.toggle_glossary, None))
        actions.append((tr("start.quit") + "  [Esc]", self.on_escape, None))
        y = self.flow(pad * 2, y, left_w, actions, {0: "@toggle_on"})  # share rows where they fit
        tour = (onboarding.label(tr, "start_button") + "  [T]", lambda: self.app.start_tour(self.ids[self.sc_index]), pygame.K_t)
        studio = (tr("start.studio"), self._studio, pygame.K_w)  # issue 21: beside the tour, above the text that scrolls
        top = self.flow(left_w + 4 * pad, self.row + 2 * pad, w - left_w - 6 * pad, [tour, studio])  # issue 17, item 4
        self.textbox(pygame.Rect(left_w + 4 * pad, top, w - left_w - 6 * pad, h - top - 2 * pad), self.info_html(sc, role))
        if y + 2 * self.row < h:
            self.textbox(pygame.Rect(pad * 2, y, left_w, h - y - pad), esc(tr("start.keys")))

    def info_html(self, sc, role: str) -> str:
        """Scenario and role description; 'what you know at the start' comes from the role's view."""
        tr = self.tr
        view = Session(sc, DEFAULT_SEED, players={role}, log=MemoryLog()).view(role)
        family = ", ".join(f"{tr.text(p['name'])} ({p['age']})" for p in view.family)
        parts = [
            self.app.status_html,
            f"<b>{esc(tr.text(sc.meta.title.model_dump()))}</b><br>",
            # The trainer's summary names what roles still have to find out; the start screen shows only
            # the scenario's introduction (issue 17, item 7: no hidden facts given away).
            (esc(tr.text(sc.meta.intro.model_dump())) + "<br><br>") if sc.meta.intro else "",
            f"<b>{esc(tr('start.family'))}</b> {esc(family)}<br>",
            f"<b>{esc(tr('start.duration'))}</b> {esc(tr.span(sc.meta.duration))}<br>",
            f"<b>{esc(tr('start.sources'))}</b> {esc(public_sources(tr, list(sc.meta.sources)))}<br><br>",
            f"<b>{esc(tr('start.your_role', role=tr.text(view.name)))}</b><br>{self.role_kind_html(sc, role)}"
            f"{esc(tr.text(view.briefing))}<br><br>",
            f"<b>{esc(tr('start.partners', value=tr(f'start.partners.{self.app.partners}')))}</b><br>"
            f"{esc(tr(f'start.partners_help.{self.app.partners}'))}<br><br>",
            f"<b>{esc(tr('start.known'))}</b><br>",
        ]
        parts += [f"• {esc(tr.text(f.text))}<br>" for f in view.dossier] or [esc(tr("start.known_none"))]
        if self.saves:
            parts.append(f"<br><b>{esc(tr('start.saved'))}</b> {esc(self.saves[0].name)}")
        return "".join(parts)

    def role_kind_html(self, sc, role: str) -> str:
        """What this kind of professional does, and whether it is bound by professional secrecy
        (sim/data/roles.yaml; issue 17, item 5: a role picker that explains each role)."""
        tr = self.tr
        kind = sc.role_kind(role)
        if kind is None:
            return ""
        task = f"{esc(tr.text(kind.task.model_dump()))}<br>" if kind.task else ""
        secrecy = esc(tr("start.secrecy_yes" if kind.secrecy else "start.secrecy_no"))
        return f"{task}<i>{secrecy}</i><br><br>"

    def handle_key(self, event) -> None:
        """Enter starts the game unless a button has the focus (then Enter presses it)."""
        super().handle_key(event)
