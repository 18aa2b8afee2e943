"""``mystitch-lint`` options ruff and markdownlint-cli2 users reach for: codes in
any case, --extend-select/--extend-exclude, standard input, --output-file,
--statistics, --show-settings, --fix and --diff, SARIF locations, progress.

Like test_cli.py, the tests call ``main([...])`` in a project folder made in
tmp_path; files found in folders (gitignore, build folders, .txt articles)
are test_discovery.py's.
"""

from __future__ import annotations

import pytest
from test_cli import RAW, parsed, run


def codes(out: str) -> list[str]:
    return [code for _, _, code in parsed(out)]


@pytest.fixture
def site(project, monkeypatch):
    """test_cli's raw article, in a project folder that is the working directory."""
    project("raw.md", RAW)
    monkeypatch.chdir(project.root)
    return project


# --- codes in any case, --extend-select, --extend-exclude ------------------------


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_codes_on_the_command_line_ignore_case_like_the_configuration(site, capsys, option):
    lower = run(capsys, option, "trn,frg001", "raw.md")
    upper = run(capsys, option, "TRN,FRG001", "raw.md")
    assert lower == upper
    assert lower[0] in (0, 1) and "unknown rule code" not in lower[2]


def test_select_dup_in_lower_case_selects_the_family(site, capsys):
    (site.root / "pyproject.toml").write_text(
        '[tool.mystitch.lint]\nselect = ["frg"]\n', encoding="utf-8"
    )
    assert codes(run(capsys, "raw.md")[1]) == ["FRG001"]
    assert codes(run(capsys, "--select", "trn", "raw.md")[1]) == ["TRN001", "TRN004"]


def test_extend_select_adds_to_the_configured_select(site, capsys):
    (site.root / "pyproject.toml").write_text(
        '[tool.mystitch.lint]\nselect = ["FRG"]\n', encoding="utf-8"
    )
    assert codes(run(capsys, "raw.md")[1]) == ["FRG001"]
    assert codes(run(capsys, "--extend-select", "TRN004", "raw.md")[1]) == ["FRG001", "TRN004"]
    # --select replaces; --extend-select then adds to what --select chose.
    assert codes(run(capsys, "--select", "TRN001", "--extend-select", "TRN004", "raw.md")[1]) == [
        "TRN001",
        "TRN004",
    ]
    code, _, err = run(capsys, "--extend-select", "XYZ", "raw.md")
    assert code == 2 and "unknown rule code or prefix: XYZ" in err


def test_extend_exclude_adds_to_the_configured_exclude(project, monkeypatch, capsys):
    (project.root / "pyproject.toml").write_text(
        '[tool.mystitch.lint]\nexclude = ["drafts"]\n', encoding="utf-8"
    )
    for name in ("drafts/a.md", "old/b.md", "posts/c.md"):
        project(name, RAW)
    monkeypatch.chdir(project.root)
    _, _, err = run(capsys, ".")
    assert "in 2 files" in err
    _, out, err = run(capsys, "--extend-exclude", "old", ".")
    assert "in 1 file" in err and {row.split(":")[0] for row in out.splitlines()} == {"posts/c.md"}
