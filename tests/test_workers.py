"""Worker processes end with the process that started them, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import article, write_file

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")

POOL = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from mystitch.lint.workers import initializer

pool = ProcessPoolExecutor(2, **initializer())
pids = set(pool.submit(os.getpid).result() for _ in range(8))
print(" ".join(map(str, sorted(pids))), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is gone, only not reaped yet


def _gone(pids: set[int], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_pool_workers_end_when_their_parent_is_killed(sig):
    parent = subprocess.Popen([sys.executable, "-c", POOL], stdout=subprocess.PIPE, text=True)
    try:
        pids = {int(pid) for pid in parent.stdout.readline().split()}
        assert pids and all(_alive(pid) for pid in pids)
        parent.send_signal(sig)
        parent.wait(timeout=10)
        assert _gone(pids), "workers outlived their parent"
    finally:
        parent.kill()


@pytest.mark.slow
def test_merge_ahead_workers_end_when_the_build_is_killed(tmp_path):
    src = tmp_path / "src"
    write_file(src / "conf.py", 'extensions = ["mystitch"]\nmystitch_merge_workers = 1\n')
    for n in range(40):
        body = "\n\n".join(f"記事{n}の段落{p}です。内容が続きます。" for p in range(200))
        write_file(src / f"a{n:02d}.md", article(body, title=f"記事{n}"))
    out = tmp_path / "out-unique-name"
    build = subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-q", "-b", "text", str(src), str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline and build.poll() is None:
            workers = _children(build.pid)
            time.sleep(0.05)
        if not workers:
            pytest.skip("the build ended before a worker could be seen")
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=10)
        assert _gone(workers), "merge workers outlived the build"
    finally:
        build.kill()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().split(")")[-1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    found.discard(os.getpid())
    return found
