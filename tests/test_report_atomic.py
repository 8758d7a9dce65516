"""Files written for a person — reports (HTML, PDF), the results CSV, xAPI files and the offline queue —
appear whole or not at all (issue 13): a failure halfway leaves no partial file, no temporary file, and
the previous file exactly as it was."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from report_golden.frozen import frozen_log

from cli import main
from report.xapi_export import EXIT_QUEUED

OLD = b"the previous file, which must survive\n"


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    return frozen_log(tmp_path_factory.mktemp("atomic") / "expert.jsonl", "expert", 7)


def disk_full_on_sync(monkeypatch) -> None:
    """The data cannot be made durable: fsync fails with ENOSPC, as on a disk that filled up while the
    file was written (the last step before the rename)."""

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != name and name in p.name)


@pytest.mark.parametrize("suffix", ["html", "pdf"])
def test_failed_report_leaves_the_old_file(log, tmp_path, monkeypatch, capsys, suffix):
    out = tmp_path / f"rapport.{suffix}"
    out.write_bytes(OLD)
    disk_full_on_sync(monkeypatch)
    assert main(["report", log, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "No space left on device" in err and "nothing was written" in err
    assert out.read_bytes() == OLD
    assert leftovers(tmp_path, out.name) == []


def test_a_report_that_fails_while_rendering_leaves_no_file(log, tmp_path, monkeypatch):
    import report.html

    out = tmp_path / "rapport.html"

    def halfway(doc):
        raise RuntimeError("a bug halfway through the page")

    monkeypatch.setattr(report.html, "render_html", halfway)
    with pytest.raises(RuntimeError):
        main(["report", log, "--out", str(out)])
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_report_that_fails_while_writing_leaves_no_partial_file(log, tmp_path, monkeypatch, capsys):
    """The bytes are written to a temporary file; the write fails after part of them went out."""
    import sim.files

    out = tmp_path / "rapport.html"
    real = sim.files.os.fdopen

    class Half:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.fh.__exit__(*exc)

    monkeypatch.setattr(sim.files.os, "fdopen", lambda *a, **k: Half(real(*a, **k)))
    assert main(["report", log, "--out", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_successful_report_replaces_the_old_file_whole(log, tmp_path):
    out = tmp_path / "rapport.html"
    out.write_bytes(OLD)
    assert main(["report", log, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")
    assert leftovers(tmp_path, out.name) == []


def test_failed_results_export_leaves_the_old_csv(log, tmp_path, monkeypatch, capsys):
    db = tmp_path / "results.sqlite"
    assert main(["results", "add", log, "--db", str(db)]) == 0
    out = tmp_path / "export.csv"
    out.write_bytes(OLD)
    disk_full_on_sync(monkeypatch)
    assert main(["results", "export", "--out", str(out), "--db", str(db)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == OLD
    assert leftovers(tmp_path, out.name) == []


def test_failed_xapi_file_leaves_the_old_file(log, tmp_path, monkeypatch, capsys):
    out = tmp_path / "statements.json"
    out.write_bytes(OLD)
    disk_full_on_sync(monkeypatch)
    assert main(["export-xapi", log, "--out", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == OLD
    assert leftovers(tmp_path, out.name) == []


def unreachable_lrs() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/xAPI"  # nobody listens there any more


def test_failed_queue_write_leaves_the_old_queue(log, tmp_path, monkeypatch, capsys):
    queue = tmp_path / "queue.jsonl"
    old = json.dumps({"lrs": "http://elsewhere/xAPI/statements", "statements": [{"id": "a"}]}) + "\n"
    queue.write_text(old, encoding="utf-8")
    disk_full_on_sync(monkeypatch)
    assert main(["export-xapi", log, "--lrs", unreachable_lrs(), "--queue", str(queue)]) == 2
    err = capsys.readouterr().err
    assert "cannot write the offline queue" in err and "Traceback" not in err
    assert queue.read_text(encoding="utf-8") == old
    assert leftovers(tmp_path, queue.name) == []


def test_the_queue_is_written_whole_and_kept_across_tries(log, tmp_path, capsys):
    queue = tmp_path / "queue.jsonl"
    lrs = unreachable_lrs()
    assert main(["export-xapi", log, "--lrs", lrs, "--queue", str(queue)]) == EXIT_QUEUED
    first = queue.read_bytes()
    assert main(["export-xapi", log, "--lrs", lrs, "--queue", str(queue)]) == EXIT_QUEUED
    assert queue.read_bytes() == first  # the same statements are queued once
    assert leftovers(tmp_path, queue.name) == []
    capsys.readouterr()


def test_a_damaged_queue_is_left_alone_with_a_message(log, tmp_path, capsys):
    queue = tmp_path / "queue.jsonl"
    damaged = b'{"lrs": "http://x/xAPI/statements", "statements": [{"id": "a"}]}\n{"lrs": "http://x/xA\x00\xff\n'
    queue.write_bytes(damaged)
    assert main(["export-xapi", log, "--lrs", unreachable_lrs(), "--queue", str(queue)]) == 2
    err = capsys.readouterr().err
    assert f"{queue}:2: this line of the offline queue is damaged" in err and "Traceback" not in err
    assert queue.read_bytes() == damaged


def test_a_queue_larger_than_the_limit_is_not_read(log, tmp_path, monkeypatch, capsys):
    import report.xapi_send

    queue = tmp_path / "queue.jsonl"
    queue.write_bytes(b"x" * 5000)
    monkeypatch.setattr(report.xapi_send, "MAX_QUEUE_BYTES", 1000)
    assert main(["export-xapi", log, "--lrs", unreachable_lrs(), "--queue", str(queue)]) == 2
    assert "too large" in capsys.readouterr().err
    assert queue.read_bytes() == b"x" * 5000


def _export_at_once(log: str, lrs: str, queue: str, barrier, results) -> None:
    import contextlib
    import io

    out = io.StringIO()
    try:
        barrier.wait(timeout=30)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["export-xapi", log, "--lrs", lrs, "--queue", queue])
        results.put((code, out.getvalue()))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        results.put((-1, repr(exc)))


def test_exports_running_at_once_keep_every_queued_statement(log, tmp_path):
    """Four processes export four different logs at the same moment to an unreachable LRS with one
    queue: the queue ends up with the statements of all four (without the lock, the last writer's
    queue won and the others' statements were gone)."""
    import multiprocessing

    logs = [log] + [frozen_log(tmp_path / f"{p}.jsonl", p, 3) for p in ("passive", "random")]
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["seed"] = 99  # a fourth session: another id, the same records
    (tmp_path / "other.jsonl").write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n", encoding="utf-8")
    logs.append(str(tmp_path / "other.jsonl"))
    queue = tmp_path / "q" / "queue.jsonl"
    ctx = multiprocessing.get_context("fork")
    barrier, results, lrs = ctx.Barrier(len(logs)), ctx.Queue(), unreachable_lrs()
    procs = [ctx.Process(target=_export_at_once, args=(lg, lrs, str(queue), barrier, results))
             for lg in logs]
    for p in procs:
        p.start()
    outs = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert [code for code, _ in outs] == [EXIT_QUEUED] * 4, outs
    batches = [json.loads(line) for line in queue.read_text(encoding="utf-8").splitlines()]
    ids = [st["id"] for b in batches for st in b["statements"]]
    registrations = {st["context"]["registration"] for b in batches for st in b["statements"]}
    assert len(registrations) == 4 and len(ids) == len(set(ids))
