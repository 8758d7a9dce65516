"""Check a frozen one-folder app (issue 22): `python -m bench.dist_check dist/ketenspel` (`make dist` runs it).

From an empty folder, with no checkout on the path, the frozen program must
1. draw the Pietersdam window headless (SDL dummy driver) to a PNG,
2. play the expert team headless: `run pietersdam --policy expert --json`,
3. host a loopback session that a bot, started from the same app, joins and plays to the debrief,
and start like an app: with no command it opens the window (it is still running after a few seconds).
Prints one line per check and exits 1 when one fails. The facilitator side of check 3 is this
checkout's own client (net.client), as a trainer's laptop would be another machine."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODE = "DISTCK"


def program(folder: Path) -> Path:
    """The terminal program inside the one-folder app."""
    exe = folder / ("ketenspel.exe" if os.name == "nt" else "ketenspel")
    if not exe.exists():
        raise SystemExit(f"{exe} is missing: build the app first (make dist)")
    return exe


def environment(data: Path) -> dict[str, str]:
    """A headless environment without the checkout: no PYTHONPATH, a fresh user-data folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return env | {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "KETENSPEL_DATA_DIR": str(data)}


def first_frame_seconds(exe: Path, work: Path, env: dict[str, str], tries: int = 3) -> float:
    """Wall time from starting the app to its first frame written as a PNG (best of `tries`)."""
    return min(first_frames(exe, work, env, tries))


def first_frames(exe: Path, work: Path, env: dict[str, str], tries: int = 3) -> list[float]:
    """Each of `tries` starts to the first frame, in order: the first is the coldest this process can
    make (the files may still be in the system's cache from a build or an earlier run)."""
    times = []
    for n in range(tries):
        shot = work / f"frame{n}.png"
        start = time.perf_counter()
        subprocess.run([str(exe), "play", "pietersdam", "--screenshot", str(shot)], cwd=work, env=env,
                       check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - start)
        if shot.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
            raise AssertionError(f"{shot} is not a PNG")
    return times


def run_expert(exe: Path, work: Path, env: dict[str, str]) -> dict:
    done = subprocess.run([str(exe), "run", "pietersdam", "--policy", "expert", "--json"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise AssertionError(done.stderr)
    return json.loads(done.stdout)


def _read_until(proc: subprocess.Popen, words: tuple[str, ...], seconds: float = 30) -> dict[str, str]:
    seen: dict[str, str] = {}
    deadline = time.monotonic() + seconds
    while not all(w in seen for w in words):
        line = proc.stdout.readline()
        if not line or time.monotonic() > deadline:
            raise AssertionError(f"no {words} from {proc.args[1:3]}: {seen}")
        key, _, value = line.partition(":")
        seen[key.strip()] = value.strip()
    return seen


def host_and_bot(exe: Path, work: Path, env: dict[str, str]) -> str:
    """Host on loopback with the app, join a bot (the app again) as the school social worker, end the
    session from a facilitator client and return the bot's last line (its accepted actions)."""
    host = subprocess.Popen([str(exe), "host", "pietersdam", "--headless", "--bind", "127.0.0.1", "--port", "0",
                             "--code", CODE, "--log", str(work / "dag.jsonl")], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    bot = None
    try:
        seen = _read_until(host, ("Adres", "Trainerstoken"))
        address, token = seen["Adres"], seen["Trainerstoken"]
        bot = subprocess.Popen([str(exe), "join", address, "--code", CODE, "--role", "smw", "--policy", "expert",
                                "--headless"], cwd=work, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        line = bot.stdout.readline()
        if "speelt smw" not in line:
            raise AssertionError(f"the bot did not take its role: {line!r}")
        asyncio.run(_facilitate(address, token))
        out, _ = bot.communicate(timeout=120)
        last = out.strip().splitlines()[-1] if out.strip() else ""
        if bot.returncode != 0 or "acties" not in last or last.split(": ")[1].startswith("0 "):
            raise AssertionError(f"the bot did not play: rc {bot.returncode}, {out!r}")
        return last
    finally:
        for proc in (bot, host):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)


async def _facilitate(address: str, token: str) -> None:
    from net.client import Client

    fac = await Client.open(address, CODE, as_="facilitator", token=token)
    try:
        for op in ({"op": "start", "speed": 0}, {"op": "advance", "to": "70d"}, "wait", {"op": "end", "mode": "run_on"}):
            if op == "wait":           # the bot acts on the clock it sees; give it a moment to catch up
                await asyncio.sleep(3)
                continue
            reply = await fac.request({"type": "control", "token": token, **op})
            if reply.get("ok") is False or reply.get("type") == "error":
                raise AssertionError(f"{op}: {reply}")
    finally:
        await fac.close()


def starts_like_an_app(exe: Path, work: Path, env: dict[str, str], seconds: float = 4) -> bool:
    """With no command the app opens its window (and keeps running) instead of printing help."""
    proc = subprocess.Popen([str(exe)], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        time.sleep(seconds)
        return proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of the installed app."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "dist/ketenspel").resolve()
    exe = program(folder)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp, "elders")
        work.mkdir()
        env = environment(Path(tmp, "data"))
        checks = [("screenshot headless", lambda: f"{first_frame_seconds(exe, work, env, tries=1):.2f} s"),
                  ("run pietersdam --policy expert --json",
                   lambda: "{policy}: {events} records".format(**run_expert(exe, work, env))),
                  ("host + bot on loopback", lambda: host_and_bot(exe, work, env)),
                  ("no command opens the window", lambda: "still running" if starts_like_an_app(exe, work, env)
                   else (_ for _ in ()).throw(AssertionError("it exited")))]
        for name, check in checks:
            try:
                print(f"ok    {name}: {check()}", flush=True)
            except Exception as exc:  # each check reports; the others still run
                failed += 1
                print(f"FAIL  {name}: {exc}", flush=True)
    size, count = folder_size(folder)
    print(f"size  {size / 1e6:.0f} MB in {count} files ({folder})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
