"""Faults in the two commands: one file's failure costs that file only.

A FIFO or a device where an article should be is reported as a located
line, never opened for reading; the other files are still linted and merged.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, write_file

from mystitch.lint import files
from mystitch.lint.cli import main as lint_main
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
