"""DUP005/DUP006 against every article of the project, whichever files are named.

A checked file is compared with all the articles `mystitch-lint .` would find
in its project (the folder of the configuration, or the git repository), so
its findings do not depend on what else is on the command line: the
pre-commit hook, which names the staged files and may be split into several
runs, reports exactly what a run over the whole folder reports for them.
The digests of the files not named come from a cache in the user's cache
folder (tests point ``MYSTITCH_CACHE_DIR`` at a tmp folder, see conftest).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BODY_LINE, build_article, write_file

from mystitch.lint import LintConfig, project
from mystitch.lint.cli import main as lint_main
from mystitch.lint.corpus import Digest, cross_file, cross_file_hits, digest, key_hash
from mystitch.lint.document import parse_document
from mystitch.lint.findings import Finding
from mystitch.lint.formats import FORMATS
from mystitch.lint.output import Writer
from mystitch.lint.signatures import ENV_DIR, cache_dir, pack, unpack

SHARED = "The harbour handles twelve ships a day and employs most of the town."


def _article(n: int, *, shared: bool = False, title: str | None = None) -> str:
    body = f"Article number {n} opens with a paragraph of its very own, long enough.\n"
    if shared:
        body += f"\n{SHARED}\n"
    return build_article(
        body, lang="en", title=title or f"Article {n}", date=f"2026-01-{n % 28 + 1:02d}"
    )


def _repo(root: Path) -> Path:
    """A repository as git sees one: the project is its top folder."""
    (root / ".git").mkdir(parents=True)
    return root


def lint(capsys, *argv: str) -> tuple[int, list[str]]:
    code = lint_main(["-q", *argv])
    out = capsys.readouterr().out
    return code, out.splitlines()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = _repo(tmp_path / "site")
    monkeypatch.chdir(root)
    write_file(root / "articles" / "a.md", _article(1, shared=True))
    write_file(root / "articles" / "b.md", _article(2))
    write_file(root / "articles" / "c.md", _article(3, shared=True))
    return root


def test_a_file_named_alone_is_compared_with_the_whole_project(repo, capsys):
    code, whole = lint(capsys, "articles")
    assert code == 1
    assert whole == [
        f"articles/c.md:{BODY_LINE + 2}:1: DUP005 paragraph also stands in articles/a.md:{BODY_LINE + 2}"
    ]
    # The later file of the pair is reported, whoever else is named.
    assert lint(capsys, "articles/c.md") == (1, whole)
    assert lint(capsys, "--force-exclude", "articles/b.md", "articles/c.md") == (1, whole)
    # The earlier one has nothing of its own to report, alone or not.
    assert lint(capsys, "articles/a.md") == (0, [])
    assert lint(capsys, "articles/a.md", "articles/b.md") == (0, [])


def test_without_the_project_scan_only_the_named_files_are_compared(repo, capsys):
    assert lint(capsys, "--no-project-duplicates", "articles/c.md") == (0, [])
    code, out = lint(capsys, "--no-project-duplicates", "articles/a.md", "articles/c.md")
    assert code == 1 and len(out) == 1


def test_outside_a_project_the_run_compares_its_own_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no .git above a tmp folder, no configuration
    write_file(tmp_path / "a.md", _article(1, shared=True))
    write_file(tmp_path / "c.md", _article(3, shared=True))
    assert project.project_root(LintConfig(), str(tmp_path)) is None
    assert lint(capsys, "c.md") == (0, [])
    assert lint(capsys, "a.md", "c.md")[0] == 1


def test_the_project_is_the_configuration_folder_before_the_repository(tmp_path):
    root = _repo(tmp_path / "repo")
    sub = root / "site"
    sub.mkdir()
    config_file = sub / "pyproject.toml"
    config_file.write_text("[tool.mystitch.lint]\n", encoding="utf-8")
    assert project.project_root(LintConfig(), str(sub)) == str(root)
    assert project.project_root(LintConfig(source=str(config_file)), str(root)) == str(sub)


def test_excluded_ignored_and_build_folders_are_not_part_of_the_project(repo, capsys):
    # Folders that sort before articles/: a copy there would be the first one.
    (repo / "pyproject.toml").write_text(
        '[tool.mystitch.lint]\nexclude = ["0drafts"]\n', encoding="utf-8"
    )
    (repo / ".gitignore").write_text("0scratch/\n", encoding="utf-8")
    for folder in ("0drafts", "0scratch", "0public", "_build", ".hidden"):
        write_file(repo / folder / "a.md", _article(1, shared=True))
    (repo / "0public" / ".buildinfo").write_text("", encoding="utf-8")
    code, whole = lint(capsys, "articles")
    assert code == 1 and len(whole) == 1 and whole[0].endswith(f"in articles/a.md:{BODY_LINE + 2}")
    assert lint(capsys, "articles/a.md") == (0, [])
    assert lint(capsys, "articles/c.md") == (1, whole)


def test_the_same_article_in_another_folder_is_dup006_on_the_later_path(repo, capsys):
    write_file(repo / "articles" / "z-copy.md", _article(1, shared=True))
    code, out = lint(capsys, "articles/z-copy.md")
    assert code == 1
    assert out == [
        "articles/z-copy.md:2:1: DUP006 same article as articles/a.md (same title and date); keep one copy or give them different ids"
    ]


# --- the signature cache ------------------------------------------------------------


def _cache_files() -> list[Path]:
    return sorted(cache_dir().glob("duplicates-*.sqlite3"))


def test_the_cache_lives_in_the_users_cache_folder_never_in_the_project(
    repo, capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "cache"))
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    lint(capsys, "articles/c.md")
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before
    [db] = _cache_files()
    assert db.parent == tmp_path / "cache"
    rows = sqlite3.connect(db).execute("SELECT path FROM files ORDER BY path").fetchall()
    assert rows == [("articles/a.md",), ("articles/b.md",), ("articles/c.md",)]
    assert (db.parent / "CACHEDIR.TAG").is_file()


def test_no_cache_writes_nothing(repo, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "cache"))
    code, out = lint(capsys, "--no-cache", "articles/c.md")
    assert code == 1 and len(out) == 1
    assert not (tmp_path / "cache").exists()


def test_a_changed_article_is_read_again_even_with_the_same_size_and_time(
    repo, capsys, monkeypatch
):
    signed: list[str] = []
    sign = project.sign_file

    def counting(path, config):
        signed.append(Path(path).name)
        return sign(path, config)

    monkeypatch.setattr(project, "sign_file", counting)
    assert lint(capsys, "articles/c.md")[0] == 1
    assert sorted(signed) == ["a.md", "b.md"]
    signed.clear()
    assert lint(capsys, "articles/c.md")[0] == 1
    assert signed == []  # every digest came from the cache

    # Same size and modification time, another paragraph: the text's hash tells.
    a = repo / "articles" / "a.md"
    info = a.stat()
    text = a.read_text(encoding="utf-8")
    changed = text.replace("harbour", "harbeur")
    assert len(changed.encode()) == info.st_size
    a.write_text(changed, encoding="utf-8")
    os.utime(a, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert lint(capsys, "articles/c.md") == (0, [])
    assert signed == ["a.md"]


def test_a_deleted_article_leaves_the_comparison_and_the_cache(repo, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "cache"))
    assert lint(capsys, "articles/c.md")[0] == 1
    (repo / "articles" / "a.md").unlink()
    assert lint(capsys, "articles/c.md") == (0, [])
    [db] = _cache_files()
    assert _paths(db) == {"articles/b.md", "articles/c.md"}


def _paths(db: Path) -> set[str]:
    return {row[0] for row in sqlite3.connect(db).execute("SELECT path FROM files")}


def test_a_damaged_cache_is_passed_over(repo, capsys, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV_DIR, str(folder))
    assert lint(capsys, "articles/c.md")[0] == 1
    [db] = _cache_files()
    db.write_bytes(b"not a database at all" * 100)
    code, out = lint_main(["articles/c.md"]), capsys.readouterr()
    assert code == 1 and "DUP005" in out.out and "Traceback" not in out.err


def test_a_cache_folder_that_cannot_be_made_is_passed_over(repo, capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(ENV_DIR, str(blocker / "cache"))
    assert lint(capsys, "articles/c.md")[0] == 1


def test_two_runs_at_once_share_the_cache(repo):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    command = [sys.executable, "-m", "mystitch.lint", "-q", "articles/c.md"]
    runs = [
        subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1]
    assert len(set(outputs)) == 1 and "DUP005" in outputs[0]


def test_a_digest_packs_and_unpacks_whole():
    text = build_article(
        f"{SHARED}\n\nAnother paragraph that is long enough.\n", lang="en", id="x-1"
    )
    found = digest(parse_document("a.md", text), 20)
    again = unpack("a.md", pack(found))
    assert again is not None and again.paragraphs == found.paragraphs
    assert (again.article, again.article_id, again.title_line) == (found.article, "x-1", 2)
    assert unpack("a.md", pack(None)) is None
    with pytest.raises(ValueError):
        unpack("a.md", pack(found)[:-1])


# --- the cross-file pass --------------------------------------------------------


def _digest(path: str, *keys: str, article: int = 0, ident: str | None = None) -> Digest:
    found = Digest(path, article=article, article_id=ident)
    for n, key in enumerate(keys):
        found.add(key, 10 + n, 10 + n)
    return found


def test_findings_depend_only_on_the_file_and_the_universe():
    universe = [
        _digest("a.md", "p1", "p2", "p3"),
        _digest("b.md", "p1", "x1"),
        _digest("c.md", "p1", "p2", "p3"),
        _digest("d.md", "p2", "p2"),
    ]
    everything = dict(cross_file_hits(universe))
    assert sorted(everything) == [1, 2, 3]
    assert [code for code, _ in everything[2]] == ["DUP006"]  # 3 of 3 paragraphs shared
    assert [hit.message for _, hit in everything[3]] == ["paragraph also stands in a.md:11"] * 2
    assert cross_file(universe) == {universe[i].path: hits for i, hits in everything.items()}
    for chosen in ({1}, {2}, {3}, {0, 3}, {1, 2}):
        some = dict(cross_file_hits(universe, chosen.__contains__))
        assert some == {i: hits for i, hits in everything.items() if i in chosen}


def test_same_id_and_same_title_and_date():
    article = key_hash("title\x002026-01-01")
    universe = [
        _digest("a.md", article=article, ident="one"),
        _digest("b.md", article=article, ident="two"),  # different ids: different articles
        _digest("c.md", ident="one"),
        _digest("d.md", article=article),
    ]
    found = {path: [hit.message for _, hit in hits] for path, hits in cross_file(universe).items()}
    assert found == {
        "c.md": ["same article as a.md (same id 'one'); keep one copy or give them different ids"],
        "d.md": [
            "same article as a.md (same title and date); keep one copy or give them different ids"
        ],
    }


# --- output, one finding at a time ------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_output_is_the_formatters_output(fmt, count, tmp_path):
    text = "# 見出し 🚀\n\n本文 🚀 です。途中で\n"
    findings = [
        Finding(
            "記事 #1.md", 3, 9, "TRN001", "sentence ends where the fragment was cut: '途中で'", 3
        ),
        Finding("記事 #1.md", 3, 1, "DUP005", 'a "quoted"\nmessage, with: commas', 4),
        Finding("b.md", 1, 1, "FRG001", "marker", 1, "error"),
    ][:count]
    texts = {"記事 #1.md": text, "b.md": text}
    expected = FORMATS[fmt](findings, texts) if fmt == "sarif" else FORMATS[fmt](findings)
    out = tmp_path / "out"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = Writer(fmt, handle, texts)
        for finding in findings:
            writer.write(finding)
        writer.close()
    assert out.read_text(encoding="utf-8") == expected


def test_entries_of_another_version_are_dropped(repo, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "cache"))
    assert lint(capsys, "articles/c.md")[0] == 1
    [db] = _cache_files()
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO files VALUES ('old.md', 1, 1, 1, x'00', x'00', x'')")
    assert lint(capsys, "articles/c.md")[0] == 1
    assert _paths(db) == {"articles/a.md", "articles/b.md", "articles/c.md"}


def test_a_crash_in_the_project_search_keeps_the_named_files(repo, capsys, monkeypatch):
    def broken(*args):
        raise RuntimeError("search")

    monkeypatch.setattr(project, "_project_files", broken)
    code = lint_main(["articles/a.md", "articles/c.md"])
    out, err = capsys.readouterr()
    assert code == 2 and "DUP005" in out and "Traceback" not in err
    assert "internal error in the search of the project" in err and "RuntimeError: search" in err


@pytest.mark.parametrize(
    "text",
    [
        _article(1, shared=True),
        build_article(f"{SHARED}\n\nA cut para\n---END---\ngraph goes on here, long enough.\n"),
        f"# A hand-written page\n\n{SHARED}\n\nAnother paragraph of the page, long enough.\n",
        "---\ntitle: [unclosed\n---\n\nBroken front matter, then a paragraph long enough.\n",
    ],
)
def test_a_project_file_read_for_its_signature_alone_has_the_linted_files_digest(text, tmp_path):
    path = write_file(tmp_path / "a.md", text)
    config = LintConfig()
    linted = project.check_file(str(path), config)
    signed = project.sign_file(str(path), config)
    assert (linted.digest is None) == (signed.digest is None)
    if linted.digest is not None and signed.digest is not None:
        assert pack(linted.digest) == pack(signed.digest)
    assert linted.stamp == signed.stamp is not None


def test_caches_of_projects_unused_for_a_month_are_deleted(repo, capsys, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV_DIR, str(folder))
    folder.mkdir()
    old, recent = folder / "duplicates-0000.sqlite3", folder / "duplicates-1111.sqlite3"
    for path in (old, recent):
        path.write_bytes(b"")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    assert lint(capsys, "articles/c.md")[0] == 1
    assert not old.exists() and recent.exists()
    assert len(_cache_files()) == 2  # the recent one and this project's
