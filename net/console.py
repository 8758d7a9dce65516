"""The facilitator console (issue 7 §3) in a plain terminal: typed commands, Dutch by default.
Usable without the game window: `join HOST:PORT --code C --facilitator --token T`."""

from __future__ import annotations

import asyncio
import json
import shlex
from collections.abc import Callable
from typing import Any

from cli.selfcmd import invocation
from net.client import Client
from sim.timefmt import day_and_hour

HELP = {
    "nl": """Opdrachten:
  status                    wie speelt welke rol, wie heeft gehandeld, wie is lang stil
  start [SNELHEID]          spel starten (rollen zonder speler worden door de computer gespeeld)
  pauze | hervat            klok stilzetten / weer laten lopen
  snelheid N                N gesimuleerde dagen per echte minuut (0 = klok staat stil)
  naar TIJD                 klok vooruit naar bv. 3d, 2w, 36h
  volgende                  klok naar het volgende moment in het scenario
  inject GEBEURTENIS        een gebeurtenis uit het scenario nu laten gebeuren (zie status)
  bericht ROL|alle TEKST    vrije tekst naar één rol of naar iedereen
  bureau ROL                het bureau van een rol bekijken
  tijdlijn [N]              de laatste N regels van de tijdlijn van het team (standaard 20)
  verplaats NAAM ROL        een deelnemer een (andere) rol geven; ook wie nog op een rol wacht
  toestaan NAAM             een verzoek om een andere rol goedkeuren (zie status)
  weigeren NAAM             een verzoek om een andere rol weigeren
  verwijder NAAM            een deelnemer zonder rol verwijderen (in de lobby: iedereen)
  einde door|hier           spel beëindigen: 'door' = de computer speelt de resterende tijd uit,
                            'hier' = de wereld stopt nu en alleen wat gedaan is telt
  stop                      console sluiten (het spel loopt door)""",
    "en": """Commands:
  status                    who plays which role, who acted, who has been idle long
  start [SPEED]             start (roles nobody plays are played by the computer)
  pause | resume            stop / restart the clock
  speed N                   N simulated days per real minute (0 = clock stands still)
  advance TIME              move the clock to e.g. 3d, 2w, 36h
  next                      move the clock to the scenario's next moment
  inject EVENT              let a scenario event happen now (see status)
  message ROLE|all TEXT     free text to one role or to everyone
  desk ROLE                 look at a role's desk
  timeline [N]              the last N lines of the team timeline (default 20)
  move NAME ROLE            give a participant a (different) role; also who waits for one
  approve NAME              approve a request for another role (see status)
  refuse NAME               refuse a request for another role
  remove NAME               remove a participant without a role (in the lobby: anyone)
  end on|here               end the game: 'on' = the computer plays the remaining time,
                            'here' = the world stops now and only what was done counts
  quit                      close the console (the game goes on)""",
}
ALIASES = {"hulp": "help", "pauze": "pause", "hervat": "resume", "snelheid": "speed", "naar": "advance",
           "volgende": "next", "bericht": "message", "bureau": "desk", "tijdlijn": "timeline",
           "verplaats": "move", "einde": "end", "stop": "quit", "?": "help", "toestaan": "approve",
           "weigeren": "refuse", "verwijder": "remove", "verwijderen": "remove"}
END_MODES = {"door": "run_on", "on": "run_on", "hier": "stop_here", "here": "stop_here"}


def when(hours: float, lang: str) -> str:
    """Simulated time as the room says it: dag 3, 14u."""
    day, hour = day_and_hour(hours)
    return f"dag {day}, {hour}u" if lang == "nl" else f"day {day}, {hour}h"


def parse_command(line: str, token: str) -> dict[str, Any] | str | None:
    """A typed line → a control message, or a local command name ('help', 'status', …), or None."""
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    if not words:
        return None
    cmd, rest = ALIASES.get(words[0].lower(), words[0].lower()), words[1:]
    base = {"type": "control", "token": token}
    if cmd in ("help", "quit", "timeline"):
        return f"timeline {rest[0] if rest else 20}" if cmd == "timeline" else cmd
    if cmd == "start":
        return {**base, "op": "start", **({"speed": float(rest[0])} if rest else {})}
    if cmd == "end":
        if len(rest) != 1 or rest[0].lower() not in END_MODES:
            return "end_how"            # the remaining time: the trainer must say what happens to it
        return {**base, "op": "end", "mode": END_MODES[rest[0].lower()]}
    if cmd in ("approve", "refuse", "remove") and len(rest) == 1:
        return {**base, "op": cmd, "player": rest[0]}
    if cmd in ("pause", "resume", "next", "status"):
        return {**base, "op": cmd}
    if cmd == "speed" and rest:
        return {**base, "op": "speed", "speed": float(rest[0])}
    if cmd == "advance" and rest:
        return {**base, "op": "advance", "to": rest[0]}
    if cmd == "inject" and rest:
        return {**base, "op": "inject", "event": rest[0]}
    if cmd == "message" and len(rest) >= 2:
        to = None if rest[0].lower() in ("alle", "all", "iedereen") else rest[0]
        return {**base, "op": "message", "text": " ".join(rest[1:]), **({"role": to} if to else {})}
    if cmd == "desk" and rest:
        return {**base, "op": "desk", "role": rest[0]}
    if cmd == "move" and len(rest) == 2:
        return {**base, "op": "move", "player": rest[0], "role": rest[1]}
    return "unknown"


def render(reply: dict[str, Any], lang: str) -> str:
    """A server reply as lines for the trainer."""
    nl = lang == "nl"
    if reply["type"] == "error":
        return ("Fout: " if nl else "Error: ") + reply["text"][lang]
    op = reply.get("op")
    if op == "status":
        head = (f"{'Toestand' if nl else 'State'}: {reply['state']}, {when(reply['now'], lang)}, "
                f"{'snelheid' if nl else 'speed'} {reply['speed']:g} {'dag/min' if nl else 'days/min'}")
        lines = [head]
        for p in reply["players"]:
            idle = (" — LANG STIL" if nl else " — IDLE LONG") if p["idle_long"] else ""
            lines.append(f"  {p['name']:<16} {p['role'] or '-':<16} {p['actions']:>3} "
                         f"{'acties' if nl else 'actions'}, {p['idle_seconds']:.0f}s {'stil' if nl else 'idle'}{idle}")
        for r in reply.get("requests", []):
            lines.append(f"  {r['name']} ({r['role'] or '-'}) " + ("vraagt om" if nl else "asks for") + f" {r['asks']}"
                         + (" — toestaan/weigeren NAAM" if nl else " — approve/refuse NAME"))
        if reply["npc_roles"]:
            lines.append(("Computer speelt: " if nl else "Computer plays: ") + ", ".join(reply["npc_roles"]))
        if reply["injects"]:
            lines.append(("Mogelijke injects: " if nl else "Possible injects: ") + ", ".join(reply["injects"]))
        return "\n".join(lines)
    if op == "desk":
        v = reply["view"]
        lines = [f"{v['name'][lang]} — {when(v['now'], lang)}", "Dossier:"]
        lines += [f"  [{when(f['learned_at'], lang)}] {f['text'][lang]}" for f in v["dossier"]]
        lines.append("Postvak:" if nl else "Inbox:")
        lines += [f"  [{when(m['t'], lang)}] {m['text'][lang]}" for m in v["inbox"][-10:]]
        return "\n".join(lines)
    if op == "end":
        return "Spel beëindigd; iedereen gaat naar de nabespreking." if nl else "Game ended; everyone moves to the debrief."
    extra = {k: v for k, v in reply.items() if k not in ("type", "op")}
    return "OK" + (" " + json.dumps(extra, ensure_ascii=False) if extra else "")


def debrief_lines(debrief: dict[str, Any], lang: str) -> str:
    """The end of the game in a few lines: the incident, the team score per dimension."""
    nl, out, score = lang == "nl", debrief["outcome"], debrief.get("score") or {}
    lines = [(f"Incident op {when(out['incident_at'], lang)}." if nl else f"Incident at {when(out['incident_at'], lang)}.")
             if out.get("incident") else ("Het incident is voorkomen." if nl else "The incident was prevented.")]
    if score:
        lines.append(("Teamscore" if nl else "Team score") + f": {score['total']:g} — "
                     + ("tijdigheid" if nl else "timeliness") + f" {score['timeliness']:g}, privacy "
                     f"{score['privacy']:g}, feedback {score['feedback']:g}")
    lines.append(f"Verslag: {invocation()} report LOG --out nabespreking.html" if nl
                  else f"Report: {invocation()} report LOG --out debrief.html")
    return "\n".join(lines)


def timeline_line(entry: dict[str, Any], lang: str) -> str:
    """One timeline entry as a line: when, who, what."""
    at = when(entry["t"], lang)
    if entry["type"] == "action":
        a = entry["action"]
        extra = " ".join(f"{k}={a[k]}" for k in ("to", "child", "purpose", "kind") if k in a)
        return f"[{at}] {entry['role']} ({entry['by']}): {a.get('do')} {extra}".rstrip()
    if entry["type"] == "input":
        what = f"inject {entry['inject']}" if "inject" in entry else \
            f"{'bericht aan' if lang == 'nl' else 'message to'} {entry['message']['to'] or 'alle'}"
        return f"[{at}] {'trainer' if lang == 'nl' else 'facilitator'}: {what}"
    name = entry.get("event") or entry.get("intervention") or entry.get("incident") or entry.get("child") or ""
    return f"[{at}] {entry['type']} {name}".rstrip()


async def run_console(client: Client, token: str, lang: str = "nl",
                      read: Callable[[str], str] = input, write: Callable[[str], None] = print) -> int:
    """The interactive loop: read a command, send it, show the answer; `stop` ends the console."""
    write("Trainersconsole — typ 'help' voor de opdrachten." if lang == "nl"
           else "Facilitator console — type 'help' for the commands.")
    announced = False
    while not client.closed.is_set():
        try:
            line = await asyncio.to_thread(read, "trainer> ")
        except EOFError:
            break
        try:
            cmd = parse_command(line, token)
        except ValueError:
            cmd = "unknown"
        if cmd is None:
            continue
        if cmd == "quit":
            break
        if cmd == "help":
            write(HELP[lang])
        elif cmd == "end_how":
            write("Hoe eindigt het spel? 'einde door': de computer speelt de resterende tijd uit; 'einde hier': "
                  "de wereld stopt nu en alleen wat gedaan is telt." if lang == "nl" else
                  "How does the game end? 'end on': the computer plays the remaining time; 'end here': the world "
                  "stops now and only what was done counts.")
        elif cmd == "unknown":
            write("Onbekende opdracht; typ 'help'." if lang == "nl" else "Unknown command; type 'help'.")
        elif isinstance(cmd, str) and cmd.startswith("timeline"):
            n = int(cmd.split()[1]) if cmd.split()[1].isdigit() else 20
            for entry in client.timeline[-n:]:
                write(timeline_line(entry, lang))
        else:
            reply = await client.request(cmd)
            write(render(reply, lang))
            if reply.get("op") == "end":
                await client.wait_for(lambda c: c.debrief is not None, timeout=10)
                write(debrief_lines(client.debrief, lang))
        if client.debrief is not None and not announced:
            announced = True
            write("De nabespreking is begonnen." if lang == "nl" else "The debrief has started.")
    await client.close()
    return 0
