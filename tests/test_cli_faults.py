"""Faults in the two commands: one file's failure costs that file only.

A bug met on one file (injected here by making a per-file function raise
for one path, since real bugs get fixed), a worker process that dies, a
FIFO or a device where an article should be, and a disk that fills up while
a page is written. Each is reported as a located line, never a traceback;
the other files are still linted and merged; nothing half-written is left.
"""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, write_file

from mystitch.lint import LintConfig, engine, files, lint_paths, merge_cli, project
from mystitch.lint.cli import main as lint_main
from mystitch.lint.engine import PARALLEL_MIN_FILES
from mystitch.lint.merge_cli import main as merge_main

FRONT = """---
title: "Harbour news"
date: 2026-03-14
categories: ["Harbours"]
tags: ["shipping"]
author: "Jane Doe"
excerpt: "Small harbours are busy again."
---

"""
# One marker, restarted cleanly: the linter reports FRG001 on line 11, and the
# merge stitches it without a warning.
BODY = (
    "The harbour opened a new pier this spring. The work took two\n"
    "---END---\n"
    "The work took two years and cost less than planned.\n"
)
GOOD = FRONT + BODY
MERGED = "The work took two years and cost less than planned."


def finding_of(out: str, name: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(f"{name}:")]


def raising_for(original, suffix: str, exc: BaseException):
    """``original``, except that it raises ``exc`` when its first argument
    (a path, or a document with a path) ends with ``suffix``."""

    def wrapper(first, *args, **kwargs):
        path = first if isinstance(first, str) else first.path
        if str(path).endswith(suffix):
            raise exc
        return original(first, *args, **kwargs)

    return wrapper


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a blocked open() or read() is interrupted."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: something blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


needs_fork = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the fault is injected into workers by patching before they fork",
)
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


# --- FIFOs and devices are never read ---------------------------------------------


@needs_fifo
def test_lint_skips_fifos_in_folders_and_by_name_without_blocking(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "posts" / "good.md", GOOD)
    os.mkfifo(tmp_path / "posts" / "x.md")
    os.mkfifo(tmp_path / "posts" / "x.txt")  # a .txt is sniffed for front matter: not this one
    os.mkfifo(tmp_path / "named.md")
    with deadline(20):
        status = lint_main(["--select", "FRG,IO", "posts", "named.md", "posts/x.md"])
    out, err = capsys.readouterr()
    assert status == 1
    fifo = "IO001 not a regular file (a FIFO); not linted"
    assert finding_of(out, "posts/x.md") == [f"posts/x.md:1:1: {fifo}"]  # once, not twice
    assert finding_of(out, "posts/x.txt") == [f"posts/x.txt:1:1: {fifo}"]
    assert finding_of(out, "named.md") == [f"named.md:1:1: {fifo}"]
    assert len(finding_of(out, "posts/good.md")) == 1
    assert "in 1 file" in err  # only the one article was read


def test_lint_and_merge_refuse_a_device_named_on_the_command_line(tmp_path, monkeypatch, capsys):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "good.md", GOOD)
    with deadline(20):
        assert lint_main(["/dev/zero", "good.md"]) == 1
        out = capsys.readouterr().out
        assert "/dev/zero:1:1: IO001 not a regular file (a character device); not linted" in out
        assert merge_main(["/dev/zero", "good.md", "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert "/dev/zero:1:1: IO001 not a regular file (a character device); not merged" in err
    assert (tmp_path / "out" / "good.md").is_file() and not (tmp_path / "out" / "zero.md").exists()


@needs_fifo
def test_merge_skips_a_fifo_and_writes_the_rest(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "good.md", GOOD)
    os.mkfifo(tmp_path / "x.md")
    os.mkfifo(tmp_path / "y.txt")
    with deadline(20):
        assert merge_main(["x.md", "y.txt", "good.md", "-o", "out"]) == 1
        assert merge_main(["x.md", "--in-place"]) == 1
    err = capsys.readouterr().err
    assert "x.md:1:1: IO001 not a regular file (a FIFO); not merged" in err
    assert "y.txt:1:1: IO001 not a regular file (a FIFO); not merged" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.md"]
    assert stat.S_ISFIFO(os.stat(tmp_path / "x.md").st_mode)  # left alone


@needs_fifo
def test_a_file_swapped_for_a_fifo_after_the_check_is_still_not_read(tmp_path, monkeypatch):
    # The path is looked at, then opened: if it became a FIFO in between, the
    # open must not block and the descriptor's own type must refuse it.
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    regular = os.stat(write_file(tmp_path / "plain.md", GOOD))
    real_stat = os.stat

    def stale_stat(path, *args, **kwargs):
        return regular if str(path) == str(fifo) else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(files.os, "stat", stale_stat)
    with deadline(20):
        source = files.read_source(str(fifo))
    assert source.text is None
    assert [p.message for p in source.problems] == ["not a regular file (a FIFO); not linted"]


@pytest.mark.slow
@needs_fifo
def test_fifos_do_not_hang_either_command(tmp_path):
    write_file(tmp_path / "posts" / "good.md", GOOD)
    os.mkfifo(tmp_path / "posts" / "x.md")
    os.mkfifo(tmp_path / "posts" / "x.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for entry, args in [
        ("mystitch.lint.cli", ["posts", "posts/x.md"]),
        ("mystitch.lint.merge_cli", ["posts/x.md", "posts/good.md", "-o", "out"]),
    ]:
        done = subprocess.run(
            [sys.executable, "-c", f"from {entry} import run; run()", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,  # a FIFO that is opened blocks forever: a hang fails here
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "posts/x.md:1:1: IO001 not a regular file (a FIFO)" in done.stdout + done.stderr
    assert (tmp_path / "out" / "good.md").is_file()


# --- the linter: an internal error costs one file ---------------------------------


def test_lint_a_crash_on_one_file_is_a_located_finding_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "bad.md", GOOD)
    write_file(tmp_path / "good.md", GOOD)
    monkeypatch.setattr(
        engine,
        "parse_document",
        raising_for(engine.parse_document, "bad.md", IndexError("string index out of range")),
    )
    status = lint_main(["--select", "FRG,IO", "bad.md", "good.md"])
    out, err = capsys.readouterr()
    assert status == 2
    assert finding_of(out, "bad.md") == [
        "bad.md:1:1: IO003 internal error: IndexError: string index out of range; "
        "not linted (please report it)"
    ]
    assert finding_of(out, "good.md") == [
        "good.md:11:1: FRG001 fragment marker '---END---' left in the text (1 of 1); "
        "merge the fragments with mystitch"
    ]
    assert "Traceback" not in err
    assert "mystitch-lint: 2 findings in 2 files" in err
    assert "1 file was not checked because of an internal error (IO003)" in err


def test_lint_an_internal_error_is_not_silenced_and_beats_exit_zero(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "bad.md", GOOD)
    monkeypatch.setattr(
        engine, "parse_document", raising_for(engine.parse_document, "bad.md", KeyError("x"))
    )
    # A file nobody checked must not pass, whatever is selected.
    assert lint_main(["--ignore", "IO", "--exit-zero", "-q", "bad.md"]) == 2
    assert "bad.md:1:1: IO003 internal error: KeyError: 'x'" in capsys.readouterr().out
    assert lint_main(["--select", "FRG", "--format", "json", "-q", "bad.md"]) == 2
    assert '"code": "IO003"' in capsys.readouterr().out


def test_lint_a_crash_while_reading_costs_one_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "bad.md", GOOD)
    write_file(tmp_path / "good.md", GOOD)
    # The command line reads through lint.project (a run against the whole project).
    monkeypatch.setattr(
        project, "read_source", raising_for(project.read_source, "bad.md", MemoryError())
    )
    assert lint_main(["--select", "FRG,IO", "bad.md", "good.md"]) == 2
    out = capsys.readouterr().out
    assert finding_of(out, "bad.md") == [
        "bad.md:1:1: IO003 internal error: MemoryError; not linted (please report it)"
    ]
    assert len(finding_of(out, "good.md")) == 1


def test_lint_text_in_memory_reports_the_crash_rather_than_raising(monkeypatch):
    monkeypatch.setattr(
        engine, "lint_document", raising_for(engine.lint_document, "<text>", ValueError("rule"))
    )
    findings = engine.lint_text(GOOD)
    assert [(f.code, f.line, f.severity) for f in findings] == [("IO003", 1, "error")]


def test_the_traceback_is_there_on_request(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "bad.md", GOOD)
    monkeypatch.setattr(
        engine, "parse_document", raising_for(engine.parse_document, "bad.md", IndexError("deep"))
    )
    monkeypatch.setenv("MYSTITCH_DEBUG", "1")
    assert lint_main(["-q", "bad.md"]) == 2
    err = capsys.readouterr().err
    assert "bad.md: internal error:" in err
    assert "Traceback (most recent call last)" in err and "IndexError: deep" in err


def test_a_crash_in_the_cross_file_check_keeps_the_per_file_findings(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "a.md", GOOD)

    def broken(digests, checked=None):
        raise RuntimeError("corpus")

    monkeypatch.setattr(project, "cross_file_hits", broken)
    assert lint_main(["a.md"]) == 2
    out, err = capsys.readouterr()
    assert finding_of(out, "a.md") and "Traceback" not in err
    assert "mystitch-lint: internal error in the cross-file check: RuntimeError: corpus" in err


def _many(folder: Path, count: int = PARALLEL_MIN_FILES) -> list[str]:
    return [str(write_file(folder / f"a{n:03}.md", GOOD)) for n in range(count)]


@needs_fork
def test_lint_a_crash_inside_a_worker_process_costs_one_file(tmp_path, monkeypatch):
    names = _many(tmp_path)
    monkeypatch.setattr(
        engine,
        "parse_document",
        raising_for(engine.parse_document, "a007.md", IndexError("in a worker")),
    )
    report = lint_paths([str(tmp_path)], LintConfig(jobs=2, select=("FRG", "IO")))
    assert engine.job_count(LintConfig(jobs=2), len(names)) == 2
    by_file = {Path(f.path).name: f.code for f in report.findings}
    assert len(by_file) == len(names)
    assert by_file.pop("a007.md") == "IO003"
    assert set(by_file.values()) == {"FRG001"}
    assert report.crashed and report.notes == []


@needs_fork
def test_lint_a_worker_that_dies_loses_no_file(tmp_path, monkeypatch):
    names = _many(tmp_path)
    parent = os.getpid()
    original = engine.lint_path

    def dies_in_a_worker(path, config):
        if path.endswith("a020.md") and os.getpid() != parent:
            os._exit(1)  # as the kernel's OOM killer would leave it
        return original(path, config)

    monkeypatch.setattr(engine, "lint_path", dies_in_a_worker)
    report = lint_paths([str(tmp_path)], LintConfig(jobs=2, select=("FRG", "IO")))
    assert sorted(f.path for f in report.findings) == sorted(names)
    assert {f.code for f in report.findings} == {"FRG001"}
    assert not report.crashed
    assert len(report.notes) == 1 and "BrokenProcessPool" in report.notes[0]
    assert "linted in one process" in report.notes[0]


# --- the merge: an internal error costs one file ----------------------------------


def test_merge_a_crash_on_one_file_is_located_and_the_others_are_written(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "bad.md", "c.md"):
        write_file(tmp_path / name, GOOD)
    monkeypatch.setattr(
        merge_cli,
        "merge_document",
        raising_for(merge_cli.merge_document, "bad.md", IndexError("string index out of range")),
    )
    status = merge_main(["a.md", "bad.md", "c.md", "-o", "out"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.splitlines() == [
        "bad.md:1:1: IO003 internal error: IndexError: string index out of range; "
        "not merged (please report it)"
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.md", "c.md"]
    assert MERGED in (tmp_path / "out" / "c.md").read_text(encoding="utf-8")


def test_merge_in_place_leaves_the_article_it_crashed_on_as_it_was(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("bad.md", "good.md"):
        write_file(tmp_path / name, GOOD)
    monkeypatch.setattr(
        merge_cli, "parse_document", raising_for(merge_cli.parse_document, "bad.md", TypeError())
    )
    assert merge_main(["bad.md", "good.md", "--in-place"]) == 2
    assert "bad.md:1:1: IO003 internal error: TypeError; not merged" in capsys.readouterr().err
    assert (tmp_path / "bad.md").read_text(encoding="utf-8") == GOOD
    assert "---END---" not in (tmp_path / "good.md").read_text(encoding="utf-8")


def test_merge_a_crash_while_reporting_one_file_costs_that_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("bad.md", "good.md"):
        write_file(tmp_path / name, GOOD)
    monkeypatch.setattr(
        merge_cli, "_report_text", raising_for(merge_cli._report_text, "bad.md", ValueError("r"))
    )
    assert merge_main(["bad.md", "good.md", "-o", "out", "--report"]) == 2
    err = capsys.readouterr().err
    assert "bad.md:1:1: IO003 internal error: ValueError: r (please report it)" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "good.md").is_file()


@needs_fork
def test_merge_a_crash_inside_a_worker_process_costs_one_file(tmp_path, monkeypatch, capsys):
    names = _many(tmp_path / "raw")
    monkeypatch.setattr(
        merge_cli,
        "merge_document",
        raising_for(merge_cli.merge_document, "a007.md", IndexError("in a worker")),
    )
    assert merge_main([*names, "-o", str(tmp_path / "out"), "-j", "2"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{names[7]}:1:1: IO003 internal error: IndexError: in a worker; "
        "not merged (please report it)"
    ]
    assert len(list((tmp_path / "out").iterdir())) == len(names) - 1


@needs_fork
def test_merge_a_worker_that_dies_loses_no_file(tmp_path, monkeypatch, capsys):
    names = _many(tmp_path / "raw")
    parent = os.getpid()
    original = merge_cli.read_source

    def dies_in_a_worker(path):
        if path.endswith("a020.md") and os.getpid() != parent:
            os._exit(1)
        return original(path)

    monkeypatch.setattr(merge_cli, "read_source", dies_in_a_worker)
    status = merge_main([*names, "-o", str(tmp_path / "out"), "-j", "2"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "worker processes failed (BrokenProcessPool" in err and "Traceback" not in err
    pages = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert pages == sorted(Path(n).name for n in names)


def test_help_gives_the_exit_statuses(capsys):
    assert lint_main(["--help"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "2 usage or configuration error, or an internal error (IO003)" in said
    assert merge_main(["--help"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "2 usage error, or an internal error (IO003)" in said


# --- writes are whole or not at all -----------------------------------------------


# The page the disk fills up on: its title tells it from the others.
DOOMED = GOOD.replace("Harbour news", "Doomed page")


def _disk_fills_up_on_the_doomed_page(monkeypatch) -> None:
    """Writing the doomed page stops half-way, as on a full disk; the other
    pages are written normally."""
    real = merge_cli._write_fully

    def half_then_full(fd, data):
        if b"Doomed page" in data:
            os.write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, data)

    monkeypatch.setattr(merge_cli, "_write_fully", half_then_full)


def test_a_full_disk_leaves_the_article_intact_in_place(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "b.md", "c.md"):
        write_file(tmp_path / name, DOOMED if name == "b.md" else GOOD)
    before = (tmp_path / "b.md").read_bytes()
    _disk_fills_up_on_the_doomed_page(monkeypatch)
    status = merge_main(["a.md", "b.md", "c.md", "--in-place"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.splitlines() == ["mystitch-merge: b.md: cannot write: No space left on device"]
    assert (tmp_path / "b.md").read_bytes() == before  # byte for byte
    for name in ("a.md", "c.md"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert MERGED in page and "---END---" not in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md", "c.md"]  # no temp file


def test_a_full_disk_leaves_no_truncated_page_in_the_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "b.md", "c.md"):
        write_file(tmp_path / "raw" / name, DOOMED if name == "b.md" else GOOD)
    write_file(tmp_path / "out" / "b.md", "yesterday's page\n")
    _disk_fills_up_on_the_doomed_page(monkeypatch)
    status = merge_main(["raw/a.md", "raw/b.md", "raw/c.md", "-o", "out"])
    err = capsys.readouterr().err
    assert status == 1
    # The message names the page that could not be written, not the input.
    assert err.splitlines() == ["mystitch-merge: out/b.md: cannot write: No space left on device"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.md", "b.md", "c.md"]
    assert (tmp_path / "out" / "b.md").read_text(encoding="utf-8") == "yesterday's page\n"
    assert MERGED in (tmp_path / "out" / "c.md").read_text(encoding="utf-8")


def test_a_failed_sync_also_leaves_the_article_and_no_temporary_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "a.md", GOOD)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(merge_cli.os, "fsync", full)
    assert merge_main(["a.md", "--in-place"]) == 1
    assert "a.md: cannot write: No space left on device" in capsys.readouterr().err
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == GOOD
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_in_place_keeps_the_permission_bits_and_links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    private = write_file(tmp_path / "private.md", GOOD)
    private.chmod(0o640)
    real = write_file(tmp_path / "drafts" / "linked.md", GOOD)
    (tmp_path / "linked.md").symlink_to(real)
    assert merge_main(["private.md", "linked.md", "--in-place"]) == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o640
    assert MERGED in private.read_text(encoding="utf-8")
    assert (tmp_path / "linked.md").is_symlink()  # the link is kept, its target rewritten
    assert "---END---" not in real.read_text(encoding="utf-8")


def test_new_pages_get_the_usual_permissions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "a.md", GOOD)
    old = os.umask(0o027)
    try:
        assert merge_main(["a.md", "-o", "out"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out" / "a.md").stat().st_mode) == 0o640


@needs_fifo
def test_a_fifo_where_a_page_goes_is_replaced_without_blocking(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "a.md", GOOD)
    (tmp_path / "out").mkdir()
    os.mkfifo(tmp_path / "out" / "a.md")
    with deadline(20):
        assert merge_main(["a.md", "-o", "out"]) == 0
    assert MERGED in (tmp_path / "out" / "a.md").read_text(encoding="utf-8")


def test_an_output_that_cannot_be_made_names_the_target(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path / "a.md", GOOD)
    write_file(tmp_path / "out", "a file, not a folder\n")
    assert merge_main(["a.md", "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mystitch-merge: out/a.md: cannot write: ")
    assert "Traceback" not in err
