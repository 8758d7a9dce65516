"""The debrief report names public sources and the solo player (issue 14, item 8 and item 2)."""

from __future__ import annotations

import pytest

from report.build import build_document
from report.html import render_html
from report.session import load_session
from sim import FileLog, load_scenario, resolve_scenario
from sim.runner import play, resolve_policy


@pytest.fixture(scope="module")
def solo_log(tmp_path_factory):
    sc = load_scenario(resolve_scenario("pietersdam"))
    path = tmp_path_factory.mktemp("solo") / "solo.jsonl"
    log = FileLog(path)
    play(sc, resolve_policy(sc, "expert"), 3, log=log, role="leerkracht", partners="realistic")
    log.close()
    return str(path)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_players_see_the_public_source_never_a_seed_file(solo_log, lang):
    """Findings, sources and discussion questions cite what a trainer can look up ("Meldcode …",
    "Augeo Magazine 18 …"), never "seed 003" (issue 14, item 8)."""
    html = render_html(build_document([load_session(solo_log)], lang, "2026-12-01"))
    assert "seed 0" not in html.lower()
    assert "Augeo Magazine 18" in html


def test_a_solo_session_says_who_played_and_how_the_partners_played(solo_log):
    """A solo report names the player's role and the partner level (issue 14, item 2)."""
    html = render_html(build_document([load_session(solo_log)], "nl", "2026-12-01"))
    assert "de speler was de leerkracht" in html.lower()
    assert "collega&#x27;s zoals de bronnen ze beschrijven" in html or "collega's zoals de bronnen ze beschrijven" in html
