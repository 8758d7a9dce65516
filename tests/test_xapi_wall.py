"""The real clock (`wall`) is the one field of a log that is not simulated (docs/architecture.md): two
games with the same scenario, seed and inputs played at different real moments give the same score,
certificate and report — byte for byte but for the play's own session id, which keys the results
store and the xAPI statement ids so that two attempts never collide — and xAPI statements that differ
only in their real timestamps and durations and those ids (issue 19)."""

from __future__ import annotations

import json

import pytest
from report_golden.frozen import frozen_log

from cli import main


def _clock(start: float, step: float):
    moments = iter(range(10**6))
    return lambda: start + step * next(moments)


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """The same solo game (expert smw, seed 7) played on two days at two paces, and played headless."""
    d = tmp_path_factory.mktemp("twins")
    return {"monday": frozen_log(d / "monday.jsonl", "expert", 7, role="smw", wall=_clock(1_796_000_000.0, 15)),
            "friday": frozen_log(d / "friday.jsonl", "expert", 7, role="smw", wall=_clock(1_796_400_000.0, 42)),
            "headless": frozen_log(d / "headless.jsonl", "expert", 7, role="smw")}


def _records(path: str) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def test_the_two_logs_differ_only_in_their_real_moments(twins):
    monday, friday = _records(twins["monday"]), _records(twins["friday"])
    assert len(monday) == len(friday) and all("wall" in r for r in monday)
    assert [r["wall"] for r in monday] != [r["wall"] for r in friday]
    strip = [lambda rs: [{k: v for k, v in r.items() if k != "wall"} for r in rs]][0]
    assert strip(monday) == strip(friday) == strip(_records(twins["headless"]))


def _session_id(log: str) -> str:
    from report.session import load_session

    return load_session(log).session_id


def test_the_html_report_of_the_same_inputs_is_byte_identical_but_for_the_plays_own_id(twins, tmp_path, capsys):
    """Each play keeps its own session id (it keys the results store and the xAPI statement ids: a second
    attempt with the same inputs must not collide with the first in the LRS); all else is the same bytes."""
    out = {}
    for name, log in twins.items():
        path = tmp_path / f"{name}.html"
        assert main(["report", log, "--out", str(path), "--created", "2026-11-23"]) == 0
        ident = _session_id(log)
        data = path.read_bytes()
        assert data.count(ident.encode()) == 1, "the id that results list shows, once"
        out[name] = data.replace(ident.encode(), b"S-ID")
    assert len({_session_id(log) for log in twins.values()}) == 3
    assert out["monday"] == out["friday"] == out["headless"]


def test_the_pdf_report_reads_the_same_whenever_it_was_played(twins, tmp_path, capsys):
    import io

    from pypdf import PdfReader

    texts = []
    for name, log in twins.items():
        path = tmp_path / f"{name}.pdf"
        assert main(["report", log, "--out", str(path), "--created", "2026-11-23"]) == 0
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        texts.append(" ".join(p.extract_text() or "" for p in reader.pages).replace(_session_id(log), "S-ID"))
    assert texts[0] == texts[1] == texts[2] and "S-ID" in texts[0]


def test_the_score_and_the_certificate_do_not_depend_on_the_real_clock(twins, tmp_path, capsys):
    scores, pdfs = [], []
    for name, log in twins.items():
        assert main(["replay", log, "--json"]) == 0
        scores.append(capsys.readouterr().out)
        assert main(["certificate", log, "--out", str(tmp_path / f"{name}.pdf"), "--created", "2026-11-23"]) == 0
        capsys.readouterr()
        pdfs.append((tmp_path / f"{name}.pdf").read_bytes())
    assert scores[0] == scores[1] == scores[2] and '"total"' in scores[0]
    assert pdfs[0] == pdfs[1] == pdfs[2]


def test_xapi_differs_only_in_its_real_moments_and_the_attempts_own_ids(twins, tmp_path, capsys):
    """Timestamps and durations are the real ones; statement ids, registration and cmi5 session id
    belong to the attempt (a second attempt with the same inputs must not collide with the first in
    the LRS); everything else — verbs, objects, scores, findings, simulated hours — is identical."""
    sent = {}
    for name in ("monday", "friday"):
        out = tmp_path / f"{name}.json"
        assert main(["export-xapi", twins[name], "--out", str(out), "--name", "Fatima El Amrani"]) == 0
        sent[name] = json.loads(out.read_text(encoding="utf-8"))

    def simulated(statements):
        out = []
        for s in statements:
            s = {k: v for k, v in s.items() if k not in ("timestamp", "id")}
            s["context"] = {k: v for k, v in s["context"].items() if k != "registration"}
            s["context"]["extensions"] = {k: v for k, v in s["context"]["extensions"].items() if "sessionid" not in k}
            if "result" in s:
                s["result"] = {k: v for k, v in s["result"].items() if k != "duration"}
            out.append(s)
        return out

    monday, friday = sent["monday"], sent["friday"]
    assert [s["timestamp"] for s in monday] != [s["timestamp"] for s in friday]
    durations = {n: [s["result"]["duration"] for s in st if "duration" in s.get("result", {})] for n, st in sent.items()}
    assert durations["monday"] != durations["friday"], "each its own real play time"
    assert not {s["id"] for s in monday} & {s["id"] for s in friday}, "two attempts, never one id twice"
    assert simulated(monday) == simulated(friday)
