"""A build killed at any phase leaves nothing that the next build does not mend."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article, write_file

# An extension that kills the build, as SIGKILL would, at the Nth time an
# event fires: the phases of a build are reading, saving the environment and
# writing, and a kill may fall into any of them.
KILLER = """
import os, signal

def setup(app):
    event, _, nth = os.environ.get("KILL_AT", "").partition(":")
    if not event:
        return {"parallel_read_safe": True}
    seen = {"count": 0}

    def kill(*args):
        seen["count"] += 1
        if seen["count"] >= int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)

    app.connect(event, kill)
    return {"parallel_read_safe": True}
"""


def _site(src: Path) -> None:
    write_file(
        src / "conf.py",
        "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        'extensions = ["mystitch", "killer"]\n',
    )
    write_file(src / "killer.py", KILLER)
    for n in range(6):
        body = f"記事{n}の本文です。続きがあります\n---END---\nます。\n"
        write_file(src / f"post{n}.md", article(body, title=f"記事{n}"))


def _build(src: Path, out: Path, kill_at: str = "") -> int:
    env = {**os.environ, "KILL_AT": kill_at}
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


def _pages(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")}


@pytest.mark.slow
@pytest.mark.parametrize(
    "kill_at",
    [
        "env-get-outdated",  # before anything is read
        "source-read:3",  # in the middle of reading
        "env-updated",  # read, not yet saved
        "html-page-context",  # saved, first page being written
        "html-page-context:5",  # saved, half the pages written
        "build-finished",  # everything written, search index not yet escaped
    ],
)
def test_a_killed_build_is_mended_by_the_next(tmp_path, kill_at):
    src = tmp_path / "src"
    _site(src)
    whole = tmp_path / "whole"
    assert _build(src, whole) == 0
    out = tmp_path / "out"
    assert _build(src, out, kill_at) != 0
    assert _build(src, out) == 0
    assert _pages(out) == _pages(whole)
    for name in _pages(whole):
        assert filecmp.cmp(whole / name, out / name, shallow=False), name


def test_deleted_generated_pages_come_back(tmp_path):
    src = tmp_path / "src"
    _site(src)
    out = tmp_path / "out"
    assert _build(src, out) == 0
    expected = _pages(out)
    for name in ("index.html", "tags/index.html", "archive/index.html"):
        (out / name).unlink()
    assert _build(src, out) == 0
    assert _pages(out) == expected


def test_fifos_and_link_loops_cost_only_themselves(tmp_path):
    src = tmp_path / "src"
    _site(src)
    os.mkfifo(src / "pipe.md")
    os.mkfifo(src / "pipe.txt")
    (src / "news").mkdir()
    write_file(src / "news" / "inner.md", article("中の記事です。\n", title="中"))
    (src / "news" / "loop").symlink_to("..", target_is_directory=True)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "pipe.md" in done.stderr and "not a regular file" in done.stderr
    assert "news/loop links to a folder that contains it" in done.stderr
    pages = _pages(out)
    assert "news/inner.html" in pages and "post0.html" in pages
    assert not any("loop/" in page for page in pages)
