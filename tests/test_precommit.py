"""The pre-commit hook, installed for real with ``pre-commit try-repo``.

try-repo needs a git repository: the working tree is copied to a tmp folder
and committed there, so uncommitted work is what gets tried. Installing the
hook's environment takes seconds, so those tests are slow (CI runs them);
the default run checks the hook's definition, which is what try-repo reads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import BODY_LINE, ROOT, build_article

_NEXT_TO_PYTHON = Path(sys.executable).parent / "pre-commit"
PRE_COMMIT = str(_NEXT_TO_PYTHON) if _NEXT_TO_PYTHON.exists() else shutil.which("pre-commit")
GIT = shutil.which("git")

needs_pre_commit = pytest.mark.skipif(
    PRE_COMMIT is None or GIT is None, reason="needs pre-commit and git on PATH"
)


def test_the_hook_lints_markdown_in_one_process_with_our_command():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "mystitch-lint"
    # pre-commit installs the package (language: python) and runs its console script.
    assert hook["language"] == "python"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert scripts["scripts"][hook["entry"]] == "mystitch.lint.cli:run"
    assert hook["types_or"] == ["markdown"]
    assert hook.get("pass_filenames", True) is True  # the staged files are named
    # One run over every staged file, so that duplicates across files are found.
    assert hook["require_serial"] is True


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        [
            GIT,
            "-c",
            "user.name=mystitch tests",
            "-c",
            "user.email=tests@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def tried(tmp_path_factory):
    """Run try-repo on a raw and a clean article; return both results."""
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "mystitch"
    shutil.copytree(
        ROOT,
        repo,
        ignore=shutil.ignore_patterns(
            ".git",
            ".tox",
            ".venv",
            "venv",
            "*.egg-info",
            "__pycache__",
            "_build",
            ".pytest_cache",
            ".ruff_cache",
            ".hypothesis",
        ),
    )
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot of the working tree")

    work = base / "site"
    work.mkdir()
    (work / "raw.md").write_text(
        build_article("図書館は町の中心にあります。利用者は年々増えて\n---END---\n"),
        encoding="utf-8",
    )
    (work / "clean.md").write_text(
        build_article("The harbour is busy again.\n\nShips arrive every day.\n", lang="en"),
        encoding="utf-8",
    )
    _git(work, "init", "-q")
    _git(work, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)

    def attempt(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(repo), "mystitch-lint", "--files", name],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    return attempt("raw.md"), attempt("clean.md")


@pytest.mark.slow
@needs_pre_commit
def test_hook_fails_on_a_raw_article_and_names_the_rule(tried):
    raw, _ = tried
    output = raw.stdout + raw.stderr
    assert raw.returncode == 1, output
    assert f"raw.md:{BODY_LINE + 1}:1: FRG001" in output
    assert f"raw.md:{BODY_LINE}:" in output and "TRN001" in output


@pytest.mark.slow
@needs_pre_commit
def test_hook_passes_on_a_clean_article(tried):
    _, clean = tried
    output = clean.stdout + clean.stderr
    assert clean.returncode == 0, output
    assert "Passed" in output
    assert "FRG001" not in output
