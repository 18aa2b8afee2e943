"""The pre-commit hook, installed for real by ``pre-commit try-repo``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, article

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit"
)

pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None, reason="needs pre-commit and git"
)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of the working tree, so uncommitted work is what is tried."""
    copy = tmp_path_factory.mktemp("hook") / "mystitch"
    ignore = shutil.ignore_patterns(".git", ".tox", ".venv", "*.egg-info", "__pycache__", "_build")
    shutil.copytree(ROOT, copy, ignore=ignore)
    _git("init", "-q", cwd=copy)
    _git("add", "-A", cwd=copy)
    _git("commit", "-q", "-m", "snapshot", cwd=copy)
    return copy


def _try(hook_repo: Path, workdir: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(workdir.parent / "pre-commit-home")}
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(hook_repo), "mystitch-lint", "--files", *files],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_hook_fails_on_a_raw_article_and_passes_on_a_clean_one(hook_repo, tmp_path):
    work = tmp_path / "site"
    work.mkdir()
    (work / "raw.md").write_text(article("完全な文です。途中で\n\n---END---\n"), encoding="utf-8")
    (work / "clean.md").write_text(article("完全な文です。\n"), encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)
    failed = _try(hook_repo, work, "raw.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "raw.md:13:1: FRG001" in failed.stdout
    passed = _try(hook_repo, work, "clean.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
