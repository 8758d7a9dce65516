"""The team's name comes from the session (issue 19, item 1: `host --team`): it is in the log header the
debrief report reads, and survives a resume from the lobby."""

from __future__ import annotations

from net.game import Game
from report.session import load_session
from report.teampage import team_name
from report.texts import Words


def test_the_hosts_team_name_is_in_the_log_and_names_the_team_in_the_report(pietersdam, tmp_path):
    log = tmp_path / "dag.jsonl"
    game = Game(pietersdam, 3, log_path=log, team="Team Noord")
    game.save_lobby()
    member = game.join("Anna", None)
    game.choose_role(member, "leerkracht")
    game.start()
    game.session.advance(48.0)
    game.session.finish()
    game.session.log.close()
    s = load_session(log)
    assert s.header["team"] == "Team Noord"
    assert team_name(0, s, Words("nl")) == "Team Noord"


def test_the_team_name_survives_a_resume_in_the_lobby(pietersdam, tmp_path):
    log = tmp_path / "dag.jsonl"
    game = Game(pietersdam, 3, log_path=log, team="Team Zuid")
    game.save_lobby()
    again = Game.resume(log)
    assert again.team == "Team Zuid"
