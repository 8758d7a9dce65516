"""`balance FAMILY --solo` (issue 14, item 3): every playable role alone, expert and passive, with
competent partners; a pivotal role must tip the incident either way in at least 90 % of runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli import main

SOLO = Path(__file__).parent / "fixtures" / "solo"
VOS = Path(__file__).parent.parent / "docs" / "examples" / "familie_vos.yaml"


def _copy(tmp_path: Path, edit=lambda text: text) -> Path:
    (tmp_path / "policies").mkdir()
    shutil.copy(SOLO / "policies" / "solo_gezin_expert.yaml", tmp_path / "policies")
    path = tmp_path / "solo_gezin.yaml"
    path.write_text(edit((SOLO / "solo_gezin.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _balance(capsys, path, runs=3) -> tuple[int, dict]:
    code = main(["balance", str(path), "--solo", "--runs", str(runs), "--jobs", "1", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_balance_solo_passes_when_each_pivotal_role_tips_the_incident(capsys, tmp_path):
    code, out = _balance(capsys, _copy(tmp_path))
    assert code == 0 and out["healthy"] and out["partners"] == "competent"
    assert set(out["roles"]) == {"leerkracht", "smw", "wijkagent"}
    teacher = out["roles"]["leerkracht"]
    assert teacher["pivotal"] and teacher["expert"]["incident_rate"] == 0 and teacher["passive"]["incident_rate"] == 1
    assert isinstance(teacher["expert"]["score"], float)


def test_balance_solo_fails_when_a_pivotal_role_cannot_prevent_the_incident(capsys, tmp_path):
    # Veilig Thuis's safety agreements no longer lower the risk: nobody can prevent the incident.
    path = _copy(tmp_path, lambda t: t.replace("delay: 3d, risk: -3", "delay: 3d, risk: 0"))
    code, out = _balance(capsys, path)
    assert code == 1 and not out["healthy"]
    assert any('pivotal role "leerkracht"' in p and "cannot prevent" in p for p in out["problems"])
    assert any('pivotal role "smw"' in p and "cannot prevent" in p for p in out["problems"])


def test_balance_solo_fails_when_a_pivotal_role_is_carried_by_its_partners(capsys, tmp_path):
    path = _copy(tmp_path, lambda t: t.replace("briefing: {nl: Agent, en: Officer}}",
                                               "briefing: {nl: Agent, en: Officer}, pivotal: true}"))
    code, out = _balance(capsys, path)
    assert code == 1
    assert any('pivotal role "wijkagent"' in p and "does not let the incident happen" in p for p in out["problems"])


def test_balance_solo_prints_a_table_per_role(capsys, tmp_path):
    path = str(_copy(tmp_path))
    assert main(["balance", path, "--solo", "--runs", "2", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "expert alleen" in out and "passief alleen" in out and "leerkracht" in out  # Dutch by default
    assert main(["balance", path, "--solo", "--runs", "2", "--jobs", "1", "--lang", "en"]) == 0
    assert "expert alone" in capsys.readouterr().out


@pytest.mark.parametrize("family", ["pietersdam", str(VOS)])
def test_shipped_pivotal_roles_tip_the_incident(capsys, family):
    code, out = _balance(capsys, family, runs=2)
    assert code == 0, out["problems"]
    assert any(r["pivotal"] for r in out["roles"].values())
