"""What the debrief report says: golden content for a fixed seed, and the rules behind its statements."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from report.build import build_document
from report.document import Bullets, Chart, Para, Table
from report.knowledge import knowledge
from report.loops import feedback_loops
from report.session import SessionData, load_session
from sim import FileLog, load_scenario, resolve_scenario
from sim.runner import play, resolve_policy

GOLDEN = Path(__file__).parent / "report_golden"


FROZEN = GOLDEN / "pietersdam_golden.yaml"  # a frozen copy: the shipped scenario may evolve
FROZEN_EXPERT = str(GOLDEN / "pietersdam_golden_expert.yaml")


@pytest.fixture(scope="module")
def pietersdam():
    return load_scenario(resolve_scenario("pietersdam"))


@pytest.fixture(scope="module")
def frozen_logs(tmp_path_factory):
    """The frozen Pietersdam, seed 7: the expert team and a passive team (every role played, nobody acts)."""
    scenario = load_scenario(FROZEN)
    out = {}
    for name, policy in (("expert", FROZEN_EXPERT), ("passive", "passive")):
        path = tmp_path_factory.mktemp("logs") / f"{name}.jsonl"
        log = FileLog(path)
        play(scenario, resolve_policy(scenario, policy), 7, log=log)
        log.close()
        out[name] = str(path)
    return out


@pytest.fixture(scope="module")
def logs(pietersdam, tmp_path_factory):
    """The shipped Pietersdam, seed 7: expert and passive teams."""
    out = {}
    for name in ("expert", "passive"):
        path = tmp_path_factory.mktemp("logs") / f"{name}.jsonl"
        log = FileLog(path)
        play(pietersdam, resolve_policy(pietersdam, name), 7, log=log)
        log.close()
        out[name] = str(path)
    return out


@pytest.fixture
def no_scoring(monkeypatch):
    """The golden pins the report without scores: scores are tested on their own (test_report_scores),
    so the scoring package landing or changing does not move these files."""
    import scoring

    monkeypatch.delattr(scoring, "score_log", raising=False)


def document_text(doc) -> dict:
    """The report's words and numbers (charts by name only): what a golden file pins down."""
    sections = []
    for sec in doc.sections:
        blocks = []
        for b in sec.blocks:
            if isinstance(b, Para):
                blocks.append({"p": b.text, "tone": b.tone})
            elif isinstance(b, Table):
                blocks.append({"table": [b.header] + [[c.text for c in row] for row in b.rows]})
            elif isinstance(b, Bullets):
                blocks.append({"list": b.items})
            elif isinstance(b, Chart):
                blocks.append({"chart": b.name})
        sections.append({"title": sec.title, "blocks": blocks})
    return {"title": doc.title, "subtitle": doc.subtitle, "created": doc.created, "sections": sections}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_golden_report_for_seed_7_expert_and_passive(frozen_logs, lang, no_scoring):
    sessions = [load_session(frozen_logs[name], FROZEN) for name in ("expert", "passive")]
    got = document_text(build_document(sessions, lang, "2026-11-23", expert_policy=FROZEN_EXPERT))
    golden = GOLDEN / f"pietersdam_seed7_expert_passive_{lang}.json"
    if os.environ.get("KETENSPEL_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8")), \
        f"report content changed; if intended, regenerate with KETENSPEL_UPDATE_GOLDEN=1 ({golden.name})"


def test_session_id_is_stable_for_the_same_log(logs):
    assert load_session(logs["expert"]).session_id == load_session(logs["expert"]).session_id
    assert load_session(logs["expert"]).session_id != load_session(logs["passive"]).session_id


def _session(scenario, records, players=("smw", "wijkagent", "leerkracht")) -> SessionData:
    header = {"format": "ketenspel-log/1", "scenario": scenario.meta.id, "seed": 1, "players": list(players)}
    return SessionData("synthetic", header, records, scenario)


def _learn(t, role, fact):
    return {"type": "learn", "t": t, "role": role, "fact": fact, "via": "share", "source": None}


def test_full_picture_exists_when_the_last_key_fact_reaches_any_player(pietersdam):
    key = [f.id for f in pietersdam.facts if f.key]
    records = [_learn(10.0 * i, "smw" if i % 2 else "wijkagent", fact) for i, fact in enumerate(key)]
    k = knowledge(_session(pietersdam, records))
    assert k.team_at == 10.0 * (len(key) - 1)
    assert k.single_role is None and k.missing == ()


def test_knowledge_of_a_non_player_does_not_complete_the_team_picture(pietersdam):
    key = [f.id for f in pietersdam.facts if f.key]
    records = [_learn(1.0, "smw", f) for f in key[:-1]] + [_learn(2.0, "ggz", key[-1])]
    k = knowledge(_session(pietersdam, records))
    assert k.team_at is None and k.missing == (key[-1],)


def test_one_role_holding_every_key_fact_is_named_with_the_moment(pietersdam):
    key = [f.id for f in pietersdam.facts if f.key]
    records = [_learn(5.0 + i, "smw", f) for i, f in enumerate(key)]
    k = knowledge(_session(pietersdam, records))
    assert (k.single_role, k.single_at) == ("smw", 5.0 + len(key) - 1)


def test_a_report_to_veilig_thuis_stays_open_until_veilig_thuis_feeds_back(pietersdam):
    report = {"type": "vt_report", "t": 100.0, "child": "kevin", "reporter": "smw", "urgent": False,
              "parents_informed": True}
    open_loop = feedback_loops(_session(pietersdam, [report]))
    assert [(lp.kind, lp.closed) for lp in open_loop] == [("report", None)]
    feedback = {"type": "feedback", "t": 172.0, "sender": "veilig_thuis", "to": "smw", "child": "kevin",
                "about": "report"}
    closed = feedback_loops(_session(pietersdam, [report, feedback]))
    assert [(lp.kind, lp.closed) for lp in closed] == [("report", 172.0)]


def test_a_handover_is_closed_only_by_explicit_acceptance(pietersdam):
    handover = {"type": "action", "t": 50.0, "role": "smw", "by": "player",
                "action": {"do": "handover", "to": "wijkteam", "child": "kevin"}}
    accept = {"type": "action", "t": 74.0, "role": "wijkteam", "by": "npc",
              "action": {"do": "accept_handover", "child": "kevin"}}
    assert feedback_loops(_session(pietersdam, [handover]))[0].closed is None
    assert feedback_loops(_session(pietersdam, [handover, accept]))[0].closed == 74.0


def test_the_passive_team_gets_questions_about_the_incident_and_the_missing_picture(frozen_logs, no_scoring):
    doc = build_document([load_session(frozen_logs["passive"], FROZEN)], "nl", "2026-11-23",
                         expert_policy=FROZEN_EXPERT)
    questions = next(b for s in doc.sections if s.title.endswith("Vragen met hun bron") for b in s.blocks
                     if isinstance(b, Bullets))
    assert len(questions.items) == 3
    assert "Het incident gebeurde op dag 52" in questions.items[0]
    assert "volledige beeld kwam nooit samen" in questions.items[1]


def test_the_shipped_scenario_gets_a_full_report_with_its_expert_path(logs):
    doc = build_document([load_session(logs["passive"])], "en", "2026-11-23")
    expert = next(s for s in doc.sections if s.title.endswith(": The expert path beside the team's"))
    assert any(isinstance(b, Table) for b in expert.blocks)
    assert any(isinstance(b, Chart) and b.name == "swimlane" for s in doc.sections for b in s.blocks)
