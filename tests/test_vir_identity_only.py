"""The Verwijsindex holds identity only (seed 003, VIR: "Er staat geen inhoudelijke informatie in de VIR,
het gaat puur om een signaal van betrokkenheid afgeven"): a registration with content is refused with
that rule, in the player's language — not with the parser's "Extra inputs are not permitted"."""

from __future__ import annotations

import pytest

from sim import Session
from sim.errors import ScenarioError


@pytest.mark.parametrize("extra,named", [({"facts": ["kevin_stil"]}, "de feiten"),
                                         ({"note": "moeder drinkt"}, "de overige gegevens")])
def test_a_vir_registration_with_content_is_refused_with_the_rule(pietersdam, extra, named):
    session = Session(pietersdam, seed=1, players=["smw"])
    result = session.act("smw", {"do": "vir_register", "child": "kevin", **extra})
    assert not result.ok
    assert "alleen wie er betrokken is, geen inhoud" in result.reason.nl
    assert "no content" in result.reason.en
    assert "Extra inputs" not in result.reason.nl + result.reason.en
    assert f"laat {named} weg" in result.reason.nl  # names what to leave out, as the form calls it
    assert not [r for r in session.records if r.get("type") == "vir"]


def test_a_vir_registration_with_identity_only_is_accepted(pietersdam):
    session = Session(pietersdam, seed=1, players=["smw"])
    assert session.act("smw", {"do": "vir_register", "child": "kevin"}).ok


def test_a_policy_file_with_vir_content_names_the_rule(pietersdam, tmp_path):
    """A trainer's policy that registers with facts gets the rule, at its line, in Dutch and English."""
    from sim.policy import load_policy

    path = tmp_path / "p.yaml"
    path.write_text("policy: test\nscenario: pietersdam\nactions:\n"
                    "  - {at: 1d, role: smw, do: vir_register, child: kevin, facts: [kevin_stil]}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_policy(path, pietersdam)
    text = str(err.value)
    assert "identity" in text and "Extra inputs" not in text
