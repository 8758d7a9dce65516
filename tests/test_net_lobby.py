"""The lobby (issue 7 §2): people pick or are given roles, the facilitator moves them, and the roles
nobody took are played by the computer once the game starts."""

from __future__ import annotations

import pytest

from net.game import Game, GameError


def test_people_without_a_choice_get_the_least_crowded_role(pietersdam):
    game = Game(pietersdam, 1)
    first, second = game.join("Ans", None), game.join("Bert", None)
    assert first.role != second.role
    assert {first.role, second.role} <= set(game.playable)


def test_a_computer_role_cannot_be_taken(pietersdam):
    game = Game(pietersdam, 1)
    with pytest.raises(GameError) as refused:
        game.join("Carla", "veilig_thuis")
    assert "computer" in refused.value.text["nl"]


def test_the_facilitator_moves_people_and_untaken_roles_become_npcs(pietersdam):
    game = Game(pietersdam, 1)
    game.join("Ans", "smw")
    game.join("Bert", "smw")
    game.control("move", {"player": "Bert", "role": "wijkagent"})
    session = game.start()
    assert session.players == {"smw", "wijkagent"}
    status = game.control("status", {})
    assert "leerkracht" in status["npc_roles"] and "smw" not in status["npc_roles"]
    with pytest.raises(GameError):
        game.join("Dirk", "leerkracht")          # played by the computer now
    late = game.join("Eva", None)
    assert late.role is None, "a latecomer waits until the trainer places them (issue 18)"
    game.control("move", {"player": late.id, "role": "wijkagent"})
    assert late.role == "wijkagent", "the trainer places a latecomer in a role people play"


def test_a_paused_game_refuses_actions_until_resumed(pietersdam):
    game = Game(pietersdam, 1)
    ans = game.join("Ans", "smw")
    game.start()
    game.control("pause", {})
    with pytest.raises(GameError) as paused:
        game.act(ans, {"do": "observe", "child": "kevin"})
    assert paused.value.code == "paused"
    game.control("resume", {})
    assert game.act(ans, {"do": "observe", "child": "kevin"}).ok
