"""Nothing a client sends can spoil the session for the others (issue 13): thousands of malformed,
hostile or merely odd frames, and one crafted name, leave a server that still lets a normal player join,
shows sane names, starts and takes actions; text from the network reaches the lobby and the log clean."""

from __future__ import annotations

import asyncio
import json
import random
import unicodedata

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from net.client import Client
from net.game import Game
from net.logfile import is_lobby_log
from net.protocol import CLIENT_TYPES, NAME_MAX, TEXT_MAX
from sim.replay import replay
from tests.test_net_session import hosted, run

FRAMES = 3000
BATCH = 20                  # frames per connection before it pings and reads every answer
NASTY = ["\ud800", "\udfff", "\udbff\udc00", "\x00", "\x07", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\n", "\r",
         "\t", "\u2028", "\x85", "\U0001F600", "é", "ß", '"', "\\", "{", "<script>", " ", "Bram", "smw", "kevin"]


def sane(text: object, limit: int = NAME_MAX) -> bool:
    """A string the lobby, a log or a report may show: UTF-8, short, no control characters."""
    if not isinstance(text, str) or len(text) > limit:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(unicodedata.category(ch)[0] == "C" and ch != "\n" for ch in text)


def nasty_string(rng: random.Random) -> str:
    """Surrogates, control characters, bidi overrides, emoji, or a huge string."""
    if rng.random() < 0.04:
        return rng.choice(["x", "\ud800", "\x00", "é"]) * rng.choice([41, 101, 2001, 9000])
    return "".join(rng.choice(NASTY) for _ in range(rng.randint(0, 12)))


def any_value(rng: random.Random, depth: int = 0) -> object:
    """A JSON value of any type, nested now and then."""
    makers = [lambda: nasty_string(rng), lambda: rng.choice([0, -1, 1, 2 ** 31, 2 ** 63, 10 ** 30, -(10 ** 20)]),
              lambda: rng.choice([0.5, -1e308, 1e308, 3.14]), lambda: rng.random() < 0.5, lambda: None,
              lambda: "3d", lambda: "smw",
              lambda: [any_value(rng, depth + 1) for _ in range(rng.randint(0, 3))],
              lambda: {nasty_string(rng): any_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}]
    return makers[rng.randrange(9 if depth < 3 else 7)]()


def fuzz_frame(rng: random.Random, code: str, token: str) -> str | bytes:
    """One frame a broken or hostile client might send."""
    roll = rng.random()
    if roll < 0.08:
        return rng.randbytes(rng.randint(0, 200))
    if roll < 0.16:
        return rng.choice(["{", '{"type": "hello"', "nul", "[1,", '{"type":"ping"}}', "\x00", "", "{'type':'ping'}",
                           '{"type":"hello","code":"' + code + '","name":"\\ud800"']) + json.dumps(nasty_string(rng))
    if roll < 0.24:
        return json.dumps(any_value(rng))
    if roll < 0.28:
        depth = rng.choice([7, 50, 3000, 20000])
        return '{"type":"act","action":' + "[" * depth + "]" * depth + "}"
    if roll < 0.31:
        return '{"type":"control","token":"' + token + '","op":"speed","speed":' + rng.choice(["NaN", "Infinity",
                                                                                               "-Infinity"]) + "}"
    kind = rng.choice([*CLIENT_TYPES, "bogus", nasty_string(rng)])
    spec = CLIENT_TYPES.get(kind, {"code": str, "name": str})
    msg: dict[str, object] = {"type": kind}
    for key in rng.sample(sorted(spec), rng.randint(0, len(spec))):
        msg[key] = nasty_string(rng) if rng.random() < 0.6 else any_value(rng)
    if kind == "hello" and rng.random() < 0.7:
        msg["code"] = code.lower() if rng.random() < 0.2 else code
        msg["as"] = rng.choice(["player", "bot", "dashboard", nasty_string(rng)])
        msg.pop("token", None)
    if kind == "control" and rng.random() < 0.3:            # the facilitator's own (lobby) controls
        msg["token"] = token
        msg["op"] = rng.choice(["speed", "advance", "message", "move", "desk", "status", "timeline", "inject",
                                "next", "resume", nasty_string(rng)])
    if kind == "act" and rng.random() < 0.5:
        msg["action"] = {"do": rng.choice(["observe", "share", nasty_string(rng)]), "child": nasty_string(rng),
                         "to": any_value(rng), "facts": [nasty_string(rng)]}
    if rng.random() < 0.05:
        msg[nasty_string(rng) or "x"] = any_value(rng)        # an unknown field
    return json.dumps(msg)                                    # lone surrogates travel as \ud800 escapes


async def fuzz(addr: str, code: str, token: str, rng: random.Random) -> dict[str, int]:
    """Send FRAMES frames over fresh connections, BATCH at a time; every answer must be a JSON object."""
    seen = {"frames": 0, "answers": 0, "errors": 0, "closed": 0, "welcomes": 0}
    while seen["frames"] < FRAMES:
        async with connect(f"ws://{addr}", max_size=None) as ws:
            try:
                for _ in range(BATCH):
                    await ws.send(fuzz_frame(rng, code, token))
                    seen["frames"] += 1
                mark = f"end-of-batch-{seen['frames']}"           # answered last, with this ref
                await ws.send(json.dumps({"type": "control", "token": "?", "op": "status", "ref": mark}))
                while True:
                    answer = json.loads(await asyncio.wait_for(ws.recv(), 10))
                    assert isinstance(answer, dict) and isinstance(answer.get("type"), str)
                    if answer["type"] == "error":
                        seen["errors"] += 1
                        assert answer["code"] != "internal", answer          # refused, never a crash
                        assert answer["text"]["nl"] and answer["text"]["en"]
                    seen["welcomes"] += answer["type"] == "welcome"
                    seen["answers"] += 1
                    if answer.get("ref") == mark:
                        break
            except ConnectionClosed as closed:                 # only a frame over the size limit does this
                assert closed.rcvd is not None and closed.rcvd.code == 1009, closed
                seen["closed"] += 1
    return seen


def test_thousands_of_malformed_frames_leave_a_server_a_normal_player_can_join_and_play(pietersdam, tmp_path):
    log = tmp_path / "fuzz.jsonl"

    async def body():
        game = Game(pietersdam, 3, log_path=log, code="FUZZ23")
        async with hosted(game) as (server, addr):
            token = game.facilitator_token
            game.save_lobby()                                  # as `host` does when it listens
            seen = await fuzz(addr, "FUZZ23", token, random.Random(13))
            assert seen["frames"] >= FRAMES and seen["answers"] > FRAMES and seen["welcomes"] > 10
            assert seen["errors"] > FRAMES // 2, "most of these frames are refused, one error each"
            assert game.state == "lobby" and is_lobby_log(log)
            ans = await Client.open(addr, "FUZZ23", name="Ans de Vries", role="smw")
            fac = await Client.open(addr, "FUZZ23", as_="facilitator", token=token)
            await ans.wait_for(lambda c: c.lobby is not None and any("Ans de Vries" in r["players"]
                                                                     for r in c.lobby["roles"]))
            names = [n for r in ans.lobby["roles"] for n in r["players"]]
            assert len(names) == len(game.members) > 10
            assert all(sane(n) and n.strip() == n and n for n in names), [n for n in names if not sane(n)]
            saved = json.loads((tmp_path / "fuzz.jsonl.lobby.json").read_text(encoding="utf-8"))
            assert all(sane(m["name"]) for m in saved["members"])
            start = await fac.request({"type": "control", "token": token, "op": "start", "speed": 0})
            assert start["type"] == "reply", start
            await ans.wait_for(lambda c: c.view is not None)
            ack = await ans.request({"type": "act", "action": {"do": "talk_parents", "child": "kevin",
                                                               "purpose": "inform"}})
            assert ack["type"] == "ack" and ack["ok"], ack
            assert len(server.conns) >= 2
            await ans.close()
            await fac.close()
            return ack["seq"]

    seq = run(body(), timeout=50)
    session, _ = replay(log)
    inputs = [r for r in session.records if r.get("type") == "input"]
    assert any(r["seq"] == seq and r["role"] == "smw" for r in inputs)
    assert all(sane(json.dumps(r, ensure_ascii=False), limit=10 * TEXT_MAX) for r in session.records)


def test_crafted_name_leaves_the_session_playable_for_everyone_else(pietersdam, tmp_path):
    log = tmp_path / "bram.jsonl"

    async def body():
        game = Game(pietersdam, 2, log_path=log, code="BRAM23")
        async with hosted(game) as (_server, addr):
            token = game.facilitator_token
            game.save_lobby()
            ans = await Client.open(addr, "BRAM23", name="Ans", role="smw")
            kees = await Client.open(addr, "BRAM23", name="Kees", role="leerkracht")
            async with connect(f"ws://{addr}") as ws:              # the audit's crafted hello
                await ws.send('{"type":"hello","code":"BRAM23","name":"Bram \\ud800"}')
                refused = json.loads(await ws.recv())
                assert refused["type"] == "error" and refused["code"] == "bad_text"
            assert sorted(m.name for m in game.members.values()) == ["Ans", "Kees"], "the name is not saved"
            odd = "\u202e\x1b[31mBram\x00\n\tde  Boer" + "x" * 80      # bidi override, escapes, NUL, too long
            bram = await Client.open(addr, "BRAM23", name=odd, role="wijkagent")
            assert bram.welcome["name"] == ("[31mBram de Boer" + "x" * 80)[:NAME_MAX]
            for client in (ans, kees, bram):                    # everyone still gets the lobby, with sane names
                await client.wait_for(lambda c: c.lobby is not None and
                                      sum(len(r["players"]) for r in c.lobby["roles"]) == 3)
                assert all(sane(n) for r in client.lobby["roles"] for n in r["players"])
            fac = await Client.open(addr, "BRAM23", as_="facilitator", token=token)
            assert (await fac.request({"type": "control", "token": token, "op": "start", "speed": 0}))["type"] == "reply"
            async with connect(f"ws://{addr}") as ws:              # a crafted message from the facilitator's token
                await ws.send(json.dumps({"type": "control", "token": token, "op": "message", "text": "hallo \ud800"}))
                bad = json.loads(await ws.recv())
                assert bad["type"] == "error" and bad["code"] == "bad_text"
            long = await fac.request({"type": "control", "token": token, "op": "message",
                                      "text": "Let op:\r\nbel\x07 Ans\u202e terug." + "." * 3000})
            assert long["type"] == "reply", long
            acks = [await c.request({"type": "act", "action": a}) for c, a in (
                (ans, {"do": "talk_parents", "child": "kevin", "purpose": "inform"}),
                (kees, {"do": "observe", "child": "kevin"}),
                (bram, {"do": "observe", "child": "kevin"}))]
            assert [a["ok"] for a in acks] == [True, True, True], acks
            await ans.wait_for(lambda c: any(m["text"]["nl"].startswith("Let op:") for m in c.view["inbox"]))
            await fac.request({"type": "control", "token": token, "op": "end"})
            for client in (ans, kees, bram, fac):
                await client.wait_for(lambda c: c.debrief is not None)
                await client.close()

    run(body())
    session, _ = replay(log)
    messages = [r["message"]["text"] for r in session.records if r.get("type") == "input" and "message" in r]
    assert messages == [{"nl": "Let op:\nbel Ans terug." + "." * (TEXT_MAX - len("Let op:\nbel Ans terug.")),
                         "en": messages[0]["en"]}]
    assert all(sane(json.dumps(r, ensure_ascii=False), limit=10 * TEXT_MAX) for r in session.records)
