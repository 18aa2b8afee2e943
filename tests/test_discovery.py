"""Which configuration and which files: pyproject.toml in nested projects,
build folders, .gitignore, .txt articles and --force-exclude (the hook's).

The tests call ``main([...])`` in a folder made in tmp_path, as test_cli.py.
"""

from __future__ import annotations

import os
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


# --- build folders ------------------------------------------------------------------


def test_build_folders_are_passed_over(tmp_path, monkeypatch, capsys):
    write_file(tmp_path / "articles" / "a.md", RAW)
    # What `sphinx-build articles/ public/` leaves: .buildinfo and copies of the sources.
    write_file(tmp_path / "public" / ".buildinfo", "# Sphinx build info version 1\n")
    write_file(tmp_path / "public" / "_sources" / "a.md.txt", RAW)
    write_file(tmp_path / "public" / "a.md", RAW)
    write_file(tmp_path / "docs" / "_build" / "html" / "b.md", RAW)
    monkeypatch.chdir(tmp_path)
    assert linted(capsys, ".") == {"articles/a.md"}
    # A build folder named on the command line is searched: it was asked for.
    assert linted(capsys, "public") == {"public/a.md", "public/_sources/a.md.txt"}


# --- .gitignore ----------------------------------------------------------------------


def _repo(root: Path, gitignore: str) -> Path:
    (root / ".git" / "info").mkdir(parents=True)
    write_file(root / ".gitignore", gitignore)
    return root


def test_gitignored_files_and_folders_are_passed_over(tmp_path, monkeypatch, capsys):
    _repo(tmp_path, "out/\n*.draft.md\nposts/secret*\n!posts/secret-ok.md\n")
    for name in (
        "posts/a.md",
        "posts/b.draft.md",
        "posts/secret.md",
        "posts/secret-ok.md",
        "out/c.md",
        "deep/out/d.md",  # "out/" has no leading slash: any folder called out
        "sub/e.md",
        "sub/f.md",
        "sub/keep/g.md",
    ):
        write_file(tmp_path / name, RAW)
    # A deeper .gitignore wins over a shallower one, and re-includes what it names.
    write_file(tmp_path / "sub" / ".gitignore", "e.md\n!*.draft.md\n")
    write_file(tmp_path / "sub" / "h.draft.md", RAW)
    write_file(tmp_path / ".git" / "info" / "exclude", "keep/\n")
    monkeypatch.chdir(tmp_path)
    assert linted(capsys, ".") == {"posts/a.md", "posts/secret-ok.md", "sub/f.md", "sub/h.draft.md"}
    assert linted(capsys, "--no-respect-gitignore", ".") == {
        "posts/a.md",
        "posts/b.draft.md",
        "posts/secret.md",
        "posts/secret-ok.md",
        "out/c.md",
        "deep/out/d.md",
        "sub/e.md",
        "sub/f.md",
        "sub/h.draft.md",
        "sub/keep/g.md",
    }
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mystitch.lint]\nrespect-gitignore = false\n", encoding="utf-8"
    )
    assert "out/c.md" in linted(capsys, ".")


def test_named_files_and_folders_are_linted_even_when_ignored(tmp_path, monkeypatch, capsys):
    _repo(tmp_path, "out/\n")
    write_file(tmp_path / "out" / "c.md", RAW)
    write_file(tmp_path / "out" / "sub" / "d.md", RAW)
    monkeypatch.chdir(tmp_path)
    assert linted(capsys, "out/c.md") == {"out/c.md"}
    assert linted(capsys, "out") == {"out/c.md", "out/sub/d.md"}


def test_gitignore_counts_only_inside_a_repository(tmp_path, monkeypatch, capsys):
    write_file(tmp_path / ".gitignore", "*.md\n")  # no .git: not a repository
    write_file(tmp_path / "a.md", RAW)
    monkeypatch.chdir(tmp_path)
    assert linted(capsys, ".") == {"a.md"}


def test_a_fifo_gitignore_does_not_block_the_search(tmp_path, monkeypatch, capsys):
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / ".gitignore")
    write_file(tmp_path / "a.md", RAW)
    monkeypatch.chdir(tmp_path)
    assert linted(capsys, ".") == {"a.md"}


# --- .txt articles ----------------------------------------------------------------------

TXT_FILES = {
    "saved.txt": RAW,  # front matter: an article
    "bom.txt": "\ufeff" + RAW,
    "crlf.txt": RAW.replace("\n", "\r\n"),
    "requirements.txt": "pyyaml>=6\n---END---\n",
    "LICENSE.txt": "MIT License\n\n---END---\n",
    "dashes.txt": "---not front matter\n---END---\n",
}


def test_a_txt_file_is_an_article_when_it_starts_with_front_matter(tmp_path, monkeypatch, capsys):
    for name, text in TXT_FILES.items():
        write_file(tmp_path / name, text)
    monkeypatch.chdir(tmp_path)
    assert linted(capsys, ".") == {"saved.txt", "bom.txt", "crlf.txt"}


def test_the_sphinx_extension_reads_the_same_txt_files_as_articles(tmp_path):
    from types import SimpleNamespace

    from mystitch.sources import scan_source_folder

    for name, text in TXT_FILES.items():
        write_file(tmp_path / name, text)
    app = SimpleNamespace(srcdir=str(tmp_path), outdir="/nowhere", doctreedir="/nowhere")
    config = SimpleNamespace(source_suffix={".md": "markdown"}, exclude_patterns=[])
    scan_source_folder(app, config)  # type: ignore[arg-type]
    published = {name for name in TXT_FILES if name not in config.exclude_patterns}
    assert published == {"saved.txt", "bom.txt", "crlf.txt"}
    assert config.source_suffix[".txt"] == "markdown"


# --- --force-exclude: the hook's setting --------------------------------------------------


def test_force_exclude_lints_a_named_file_only_if_a_search_would(tmp_path, monkeypatch, capsys):
    _repo(tmp_path, "ignored/\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mystitch.lint]\nexclude = ["drafts"]\n', encoding="utf-8"
    )
    named = {
        "posts/a.md": RAW,
        "posts/saved.txt": RAW,
        "requirements.txt": "pyyaml\n---END---\n",
        "LICENSE.txt": "MIT\n---END---\n",
        "drafts/b.md": RAW,
        "ignored/c.md": RAW,
        "public/_sources/a.md.txt": RAW,
        "node_modules/pkg/README.md": RAW,
        ".github/ISSUE_TEMPLATE.md": RAW,
        "script.py": "# ---END---\n",
    }
    for name, text in named.items():
        write_file(tmp_path / name, text)
    write_file(tmp_path / "public" / ".buildinfo", "")
    monkeypatch.chdir(tmp_path)
    every = linted(capsys, *named)
    assert every == set(named) - {"script.py"}  # named files are linted whatever they are
    hook = linted(capsys, "--force-exclude", *named)
    assert hook == {"posts/a.md", "posts/saved.txt"} == linted(capsys, ".")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mystitch.lint]\nforce-exclude = true\n", encoding="utf-8"
    )
    assert linted(capsys, "requirements.txt", "posts/a.md") == {"posts/a.md"}


def test_force_exclude_still_reports_a_missing_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    main(["--force-exclude", "gone.md"])
    assert "gone.md:1:1: IO001 no such file or folder" in capsys.readouterr().out
