"""The facilitator console a trainer types into (issue 7 §3): Dutch commands, pause, a message that
reaches one role only, a look at a desk, the team timeline, and the end that takes everyone to the
debrief."""

from __future__ import annotations

from net.client import Client
from net.console import parse_command, run_console
from net.game import Game
from tests.test_net_session import hosted, run


def test_dutch_commands_become_controls_and_typos_are_explained():
    assert parse_command("pauze", "T") == {"type": "control", "token": "T", "op": "pause"}
    assert parse_command('bericht smw "Bel de wijkagent"', "T") == {
        "type": "control", "token": "T", "op": "message", "role": "smw", "text": "Bel de wijkagent"}
    assert parse_command("bericht alle Koffiepauze", "T")["op"] == "message"
    assert "role" not in parse_command("bericht alle Koffiepauze", "T")
    assert parse_command("naar 3d", "T")["to"] == "3d"
    assert parse_command("vlieg weg", "T") == "unknown"
    assert parse_command("", "T") is None


def test_a_trainer_pauses_messages_one_role_and_ends_the_game(pietersdam):
    async def body():
        game = Game(pietersdam, 2, code="DAG123")
        async with hosted(game) as (_server, addr):
            smw = await Client.open(addr, "DAG123", name="Ans", role="smw")
            agent = await Client.open(addr, "DAG123", name="Bert", role="wijkagent")
            fac = await Client.open(addr, "DAG123", as_="facilitator", token=game.facilitator_token)
            lines = iter(["help", "status", "start 0", "volgende", "pauze", "bericht smw Kom even langs",
                          "bureau smw", "hervat", "inject buurt_klaagt", "tijdlijn", "vlieg", "einde", "einde door", "stop"])
            out: list[str] = []
            await run_console(fac, game.facilitator_token, "nl", read=lambda _p: next(lines), write=out.append)
            await smw.wait_for(lambda c: c.debrief is not None)
            await agent.wait_for(lambda c: c.debrief is not None)
            return out, smw, agent

    out, smw, agent = run(body())
    text = "\n".join(out)
    assert "Opdrachten:" in text and "Ans" in text and "Bert" in text
    assert "Computer speelt:" in text and "leerkracht" in text.split("Computer speelt:")[1]
    assert "Kom even langs" in text, "the desk of the smw shows the message"
    assert "trainer: inject buurt_klaagt" in text
    assert "Onbekende opdracht" in text
    assert "Hoe eindigt het spel?" in text, "'einde' alone asks what happens to the remaining time"
    assert "Spel beëindigd" in text and "Teamscore: " in text
    assert any(m["text"]["nl"] == "Kom even langs" for m in smw.view["inbox"])
    assert not any(m["text"]["nl"] == "Kom even langs" for m in agent.view["inbox"])
    assert smw.debrief["outcome"] == agent.debrief["outcome"] is not None
