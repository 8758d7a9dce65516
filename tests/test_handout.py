"""The printable handout (issue 18, item 4): `host --handout out.pdf` writes page 1 for the room (how
to join, the code, the address, the QR code, the timing plan) and one role card per playable role with
its briefing, its task and what it may and may not share — from the scenario, for any family."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from report.handout import handout_bytes, plan_rows
from sim import load_scenario, resolve_scenario

ROOT = Path(__file__).resolve().parent.parent


def pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_the_handout_has_the_rooms_page_and_a_card_per_playable_role_for_every_shipped_family():
    for sid in ("pietersdam", "peter", "lisanne_lars"):
        sc = load_scenario(resolve_scenario(sid))
        text = pages(handout_bytes(sc, "192.168.1.20:8765", "K7QMPT"))
        playable = [r for r in sc.roles if r.playable]
        assert len(text) == 1 + len(playable), sid
        assert "Deelnamecode: K7QMPT" in text[0] and "192.168.1.20:8765" in text[0] and "Dagplanning" in text[0]
        for page, role in zip(text[1:], playable):
            assert page.startswith(sc.role_name(role.id).nl), (sid, role.id)
            assert " ".join(role.briefing.nl.split())[:60] in page
            assert "Wat u mag delen" in page and "Wat u niet mag delen" in page


def test_a_role_card_shows_what_that_role_knows_at_the_start_and_no_one_elses_facts():
    sc = load_scenario(resolve_scenario("pietersdam"))
    text = pages(handout_bytes(sc, "10.0.0.2:8765", "ABC234"))
    playable = [r for r in sc.roles if r.playable]
    for page, role in zip(text[1:], playable):
        for fact in sc.facts:
            snippet = " ".join(fact.text.nl.split())[:50]
            if fact.id in role.knows_at_start:
                assert snippet in page, (role.id, fact.id)
            elif not any(fact.id in r.knows_at_start for r in playable if r.id != role.id):
                assert snippet not in page, (role.id, fact.id)


def test_a_role_with_professional_secrecy_is_told_when_it_may_break_it():
    sc = load_scenario(resolve_scenario("pietersdam"))
    text = pages(handout_bytes(sc, "10.0.0.2:8765", "ABC234"))
    for page, role in zip(text[1:], [r for r in sc.roles if r.playable]):
        has_secrecy = sc.role_kind(role.id).secrecy
        assert ("U hebt beroepsgeheim" in page) == has_secrecy, role.id
        assert ("Wat onder uw beroepsgeheim valt" in page) == (has_secrecy or any(
            sc.fact_by_id[f].secrecy_of == role.id for f in role.knows_at_start)), role.id


def test_the_timing_plan_gives_the_case_its_playing_time_at_one_day_a_minute():
    sc = load_scenario(resolve_scenario("pietersdam"))          # 70 days: 35 + 35 minutes of play
    rows, note = plan_rows(sc, "nl")
    assert rows[2] == ("10:00–10:35", "Spelen, deel 1") and rows[4][0] == "10:50–11:25"
    assert "70 minuten voor 70 dagen" in note


def test_the_same_handout_twice_is_the_same_bytes():
    sc = load_scenario(resolve_scenario("peter"))
    assert handout_bytes(sc, "10.0.0.2:8765", "ABC234", "en") == handout_bytes(sc, "10.0.0.2:8765", "ABC234", "en")


def test_host_writes_the_handout_owner_only_and_says_so(tmp_path):
    out = tmp_path / "zaal" / "handout.pdf"
    proc = subprocess.Popen([sys.executable, "-u", str(ROOT / "main.py"), "host", "pietersdam", "--headless", "--bind",
                             "127.0.0.1", "--port", "0", "--no-announce", "--handout", str(out), "--log",
                             str(tmp_path / "s.jsonl")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        seen, deadline = {}, time.monotonic() + 30
        while "Hand-out" not in seen:
            line = proc.stdout.readline()
            assert line and time.monotonic() < deadline, seen
            k, _, v = line.partition(":")
            seen[k.strip()] = v.strip()
        assert seen["Hand-out"] == str(out) and "Op het netwerk" not in seen
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
        text = pages(out.read_bytes())
        assert f"Deelnamecode: {seen['Deelnamecode']}" in text[0] and seen["Adres"] in text[0]
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


def test_host_refuses_a_handout_path_that_is_a_folder_before_starting(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "host", "pietersdam", "--headless",
                           "--handout", str(tmp_path), "--log", str(tmp_path / "s.jsonl")], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--handout" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "s.jsonl").exists()
