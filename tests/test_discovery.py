"""Which configuration and which files: pyproject.toml in nested projects,
build folders, .gitignore, .txt articles and --force-exclude (the hook's).

The tests call ``main([...])`` in a folder made in tmp_path, as test_cli.py.
"""

from __future__ import annotations

from pathlib import Path

from conftest import build_article, write_file

from mystitch.lint.cli import main
from mystitch.lint.config import load_config

RAW = build_article("本文です。途中で\n---END---\n")


def linted(capsys, *argv: str) -> set[str]:
    """The paths with a finding (each RAW article has some)."""
    main(["--select", "FRG", *argv])
    out = capsys.readouterr().out
    return {row.split(":", 1)[0] for row in out.splitlines()}


# --- configuration in nested projects ---------------------------------------------


def _toml(path: Path, text: str) -> Path:
    return write_file(path, text)


def test_a_sub_project_without_our_table_does_not_hide_the_parents(tmp_path):
    root = _toml(tmp_path / "pyproject.toml", "[tool.mystitch.lint]\nsimilarity = 0.9\n")
    _toml(tmp_path / "docs" / "pyproject.toml", '[project]\nname = "docs"\n')
    config = load_config(start=tmp_path / "docs")
    assert config.similarity == 0.9
    assert config.source == str(root) and config.root == str(tmp_path)


def test_the_nearest_table_wins(tmp_path):
    _toml(tmp_path / "pyproject.toml", "[tool.mystitch.lint]\nsimilarity = 0.9\n")
    inner = _toml(tmp_path / "docs" / "pyproject.toml", "[tool.mystitch.lint]\nmin-chars = 5\n")
    config = load_config(start=tmp_path / "docs" / "deeper")
    assert (config.min_chars, config.similarity) == (5, 0.8)  # no merging of the two
    assert config.source == str(inner)


def test_a_foreign_pyproject_that_does_not_parse_is_passed_over(tmp_path):
    _toml(tmp_path / "pyproject.toml", "[tool.mystitch.lint]\nsimilarity = 0.9\n")
    _toml(tmp_path / "docs" / "pyproject.toml", "[project\nname = 'docs'\n")
    assert load_config(start=tmp_path / "docs").similarity == 0.9


def test_no_table_anywhere_means_the_defaults(tmp_path):
    _toml(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 99\n')
    config = load_config(start=tmp_path)
    assert config.similarity == 0.8 and config.source == ""


def test_a_sub_project_run_from_its_folder_uses_the_parents_table(tmp_path, monkeypatch, capsys):
    _toml(tmp_path / "pyproject.toml", '[tool.mystitch.lint]\nselect = ["FRG"]\n')
    _toml(tmp_path / "site" / "pyproject.toml", '[project]\nname = "site"\n')
    write_file(tmp_path / "site" / "a.md", RAW)
    monkeypatch.chdir(tmp_path / "site")
    main(["a.md"])
    out = capsys.readouterr().out
    assert [row.split()[1] for row in out.splitlines()] == ["FRG001"]
