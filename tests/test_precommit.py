"""The pre-commit hook, installed for real with ``pre-commit try-repo``.

try-repo needs a git repository: the working tree is copied to a tmp folder
and committed there, so uncommitted work is what gets tried. Installing the
hook's environment takes seconds, so those tests are slow (CI runs them);
the default run checks the hook's definition, which is what try-repo reads.
"""

from __future__ import annotations

import os
import re
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
    command, *options = hook["entry"].split()
    assert scripts["scripts"][command] == "mystitch.lint.cli:run"
    # .txt articles are handed over too; --force-exclude then lints a named
    # file only if `mystitch-lint .` would (requirements.txt is passed over).
    assert hook["types_or"] == ["markdown", "plain-text"]
    assert options == ["--force-exclude"]
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


RAW = build_article("図書館は町の中心にあります。利用者は年々増えて\n---END---\n")
CLEAN = build_article("The harbour is busy again.\n\nShips arrive every day.\n", lang="en")
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _readme_hook_config() -> str:
    """The README's pre-commit snippet, as a user copies it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## As a pre-commit hook") :]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_the_readme_snippet_names_the_hook_and_the_release_tag_of_this_version():
    [entry] = yaml.safe_load(_readme_hook_config())["repos"]
    # Releases are tagged v<version>, the version of pyproject.toml.
    assert entry["rev"] == f"v{VERSION}"
    assert entry["hooks"] == [{"id": "mystitch-lint"}]
    guide = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    assert f"rev: v{VERSION}" in guide


@pytest.fixture(scope="module")
def hook_repos(tmp_path_factory):
    """A copy of the working tree, committed and tagged as a release would be, and a
    user's repository with articles beside files that are not articles."""
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
    _git(repo, "tag", f"v{VERSION}")

    work = base / "site"
    work.mkdir()
    (work / "raw.md").write_text(RAW, encoding="utf-8")
    (work / "clean.md").write_text(CLEAN, encoding="utf-8")
    (work / "saved.txt").write_text(RAW, encoding="utf-8")  # an article saved as .txt
    # Plain-text files that are no articles; linted, they would fail (a marker line).
    (work / "requirements.txt").write_text("pyyaml>=6\n---END---\n", encoding="utf-8")
    (work / "LICENSE.txt").write_text("MIT License\n---END---\n", encoding="utf-8")
    _git(work, "init", "-q")
    _git(work, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)
    return repo, work, env


def _pre_commit(work: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PRE_COMMIT, *args],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def tried(hook_repos):
    """try-repo on each file of the user's repository: the results by name."""
    repo, work, env = hook_repos
    names = ("raw.md", "clean.md", "saved.txt", "requirements.txt", "LICENSE.txt")
    return {
        name: _pre_commit(work, env, "try-repo", str(repo), "mystitch-lint", "--files", name)
        for name in names
    }


@pytest.mark.slow
@needs_pre_commit
def test_hook_fails_on_a_raw_article_and_names_the_rule(tried):
    raw = tried["raw.md"]
    output = raw.stdout + raw.stderr
    assert raw.returncode == 1, output
    assert f"raw.md:{BODY_LINE + 1}:1: FRG001" in output
    assert f"raw.md:{BODY_LINE}:" in output and "TRN001" in output


@pytest.mark.slow
@needs_pre_commit
def test_hook_passes_on_a_clean_article(tried):
    clean = tried["clean.md"]
    output = clean.stdout + clean.stderr
    assert clean.returncode == 0, output
    assert "Passed" in output
    assert "FRG001" not in output


@pytest.mark.slow
@needs_pre_commit
def test_hook_lints_a_txt_article_and_passes_over_other_text_files(tried):
    saved = tried["saved.txt"]
    assert saved.returncode == 1, saved.stdout + saved.stderr
    assert f"saved.txt:{BODY_LINE + 1}:1: FRG001" in saved.stdout + saved.stderr
    for name in ("requirements.txt", "LICENSE.txt"):
        other = tried[name]
        output = other.stdout + other.stderr
        assert other.returncode == 0, output
        assert "FRG001" not in output and "Passed" in output


@pytest.mark.slow
@needs_pre_commit
def test_the_readme_snippet_works_against_a_tagged_release(hook_repos):
    repo, work, env = hook_repos
    config = _readme_hook_config()
    config = re.sub(r"repo: \S+.*", f"repo: {repo.as_posix()}", config, count=1)
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(work, "add", ".pre-commit-config.yaml")
    result = _pre_commit(work, env, "run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # One run over every file, as `mystitch-lint .` does: the articles, not the rest.
    assert "raw.md:" in output and "saved.txt:" in output
    assert "requirements.txt" not in output and "LICENSE.txt" not in output
    assert "in 3 files" in output


# --- the answer does not depend on what is staged -------------------------------------

ARTICLES = 3000  # enough for pre-commit to split the list of a real repository's files


def _numbered_article(n: int) -> str:
    return build_article(
        f"Article {n} reports on harbour number {n} and what its {n} ships carried.\n\n"
        f"The {n}th harbour opened in {1800 + n % 200} and employs {n * 7} people today.\n",
        lang="en",
        title=f"Harbour {n}",
        date=f"{2000 + n % 25}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
    )


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory):
    """A git repository of thousands of articles, the first saved again as the last."""
    root = tmp_path_factory.mktemp("big") / "site"
    folder = root / "articles"
    folder.mkdir(parents=True)
    for n in range(ARTICLES - 1):
        (folder / f"{n:04d}.md").write_text(_numbered_article(n), encoding="utf-8")
    (folder / f"{ARTICLES - 1:04d}.md").write_text(_numbered_article(0), encoding="utf-8")
    if GIT is not None:
        _git(root, "init", "-q")
    else:
        (root / ".git").mkdir()
    return root


def _hook(capsys, *argv: str) -> tuple[int, list[str]]:
    from mystitch.lint.cli import main

    code = main(["-q", *argv])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.slow
def test_the_hook_split_in_two_runs_fails_exactly_as_a_run_over_the_folder(
    big_repo, monkeypatch, capsys, tmp_path
):
    monkeypatch.chdir(big_repo)
    monkeypatch.setenv("MYSTITCH_CACHE_DIR", str(tmp_path / "cache"))  # cold at first
    staged = sorted(f"articles/{p.name}" for p in (big_repo / "articles").iterdir())
    last = staged[-1]

    # One staged file, the later copy, against a repository the cache has never seen.
    alone = _hook(capsys, "--force-exclude", last)
    code, whole = _hook(capsys, "articles/")
    assert code == 1
    assert whole == [
        f"{last}:2:1: DUP006 same article as articles/0000.md (same title and date); "
        "keep one copy or give them different ids"
    ]
    assert alone == (1, whole)

    # pre-commit's split: each half is a run of its own, with the hook's --force-exclude.
    half = len(staged) // 2
    first = _hook(capsys, "--force-exclude", *staged[:half])
    second = _hook(capsys, "--force-exclude", *staged[half:])
    assert first == (0, [])
    assert second == (1, whole)
    assert sorted(first[1] + second[1]) == whole

    # One staged file against the rest, with the cache warm: what the folder run says of it.
    assert _hook(capsys, "--force-exclude", last) == (1, whole)
    assert _hook(capsys, "--force-exclude", staged[0]) == (0, [])
    assert _hook(capsys, "--force-exclude", staged[1234]) == (0, [])


@pytest.mark.slow
def test_a_new_copy_staged_alone_fails_the_hook_after_an_edit_elsewhere(
    big_repo, monkeypatch, capsys, tmp_path
):
    """The cache follows the files: an article edited to become a copy is seen."""
    monkeypatch.chdir(big_repo)
    monkeypatch.setenv("MYSTITCH_CACHE_DIR", str(tmp_path / "cache"))
    assert _hook(capsys, "articles/")[0] == 1  # fills the cache
    copy = big_repo / "articles" / "2000.md"
    before = copy.read_text(encoding="utf-8")
    try:
        copy.write_text(_numbered_article(1500), encoding="utf-8")
        code, out = _hook(capsys, "--force-exclude", "articles/2000.md")
        assert code == 1
        assert out == [
            "articles/2000.md:2:1: DUP006 same article as articles/1500.md (same title and "
            "date); keep one copy or give them different ids"
        ]
        # Staged alone, the earlier one is compared with the edited file too, and is first.
        assert _hook(capsys, "--force-exclude", "articles/1500.md") == (0, [])
    finally:
        copy.write_text(before, encoding="utf-8")
