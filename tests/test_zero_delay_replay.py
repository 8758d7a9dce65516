"""A reaction with no delay to a player's last input replays identically (issue 16 review): what an input
sets off at that very moment happens at once, in live play and in replay alike."""

from __future__ import annotations

from sim import FileLog, Session
from sim.log import MemoryLog, read_log
from sim.npc_model import NpcRule
from sim.replay import _rebuild


def test_a_zero_delay_reaction_to_the_last_input_replays_identically(mini, tmp_path):
    rule = NpcRule.model_validate({"id": "agent_reageert", "role": "wijkagent", "delay": 0,
                                   "when": {"done": {"action": "vir_register", "by": "ib"}},
                                   "do": "vir_register", "child": "bram"})
    sc = mini.model_copy(update={"npc": mini.npc.model_copy(update={"rules": [*mini.npc.rules, rule]})})
    path = tmp_path / "s.jsonl"
    s = Session(sc, seed=1, players={"ib"}, log=FileLog(path))
    s.advance(30.0)
    assert s.act("ib", {"do": "vir_register", "child": "anna"}).ok  # the last input: nothing advances after it
    assert any(r.get("type") == "action" and r["role"] == "wijkagent" and r["action"]["child"] == "bram"
               for r in s.records), "the reaction happens at once"
    played = list(s.records)
    s.log.close()
    assert _rebuild(read_log(path), sc, MemoryLog()).records == played
