"""``mystitch-lint`` on the command line: formats, exit codes, configuration,
suppression comments, files and folders, and the command as a program.

The tests call ``main([...])`` in this process, in a project folder made in
tmp_path; the last section runs the installed command. The merge command's
tests are in test_merge_cli.py, and faults of both in test_cli_faults.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BODY_LINE, ROOT, article, build_article, line_of

from mystitch.lint.cli import main
from mystitch.lint.rules import RULES

# An article with one finding of each of three families, on known lines.
RAW = build_article(
    """\
    図書館は町の中心にあります。利用者は年々増えて
    ---END---
    への投資が続いています。
    """
)
RAW_LINES = {"TRN001": BODY_LINE, "FRG001": BODY_LINE + 1, "TRN004": BODY_LINE + 2}
# Another day's article: linted alone, raw.md is still compared with every
# article of its project (DUP006 would name an article of the same title and date).
CLEAN = build_article(
    "図書館は町の中心にあります。\n\n利用者は年々増えています。\n",
    date="2026-03-15 09:30:00 +0900",
)
CLEAN_EN = build_article("The harbour is busy again.\n\nShips arrive every day.\n", lang="en")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def parsed(out: str) -> list[tuple[str, int, str]]:
    """(path, line, code) of each text-format line."""
    rows = []
    for row in out.splitlines():
        path, line, _column, rest = row.split(":", 3)
        rows.append((path, int(line), rest.split()[0]))
    return rows


@pytest.fixture
def site(project, monkeypatch):
    """A project folder as the working directory, with one raw and one clean article."""
    project("raw.md", RAW)
    project("clean.md", CLEAN)
    monkeypatch.chdir(project.root)
    return project


# --- formats ------------------------------------------------------------------


def test_text_format(site, capsys):
    code, out, err = run(capsys, "raw.md")
    assert code == 1
    assert parsed(out) == [
        ("raw.md", RAW_LINES["TRN001"], "TRN001"),
        ("raw.md", RAW_LINES["FRG001"], "FRG001"),
        ("raw.md", RAW_LINES["TRN004"], "TRN004"),
    ]
    assert out.splitlines()[:2] == [
        f"raw.md:{BODY_LINE}:15: TRN001 sentence ends where the fragment was cut: '利用者は年々増えて'",
        f"raw.md:{BODY_LINE + 1}:1: FRG001 fragment marker '---END---' left in the text "
        "(1 of 1); merge the fragments with mystitch",
    ]
    assert err.splitlines() == [
        "mystitch-lint: 3 findings in 1 file",
        "mystitch-lint: 1 file has fragment markers: --fix merges the fragments "
        "(--diff shows the changes first)",
    ]


def test_quiet_drops_the_summary(site, capsys):
    code, out, err = run(capsys, "--quiet", "raw.md")
    assert code == 1 and out and err == ""


def test_json_format(site, capsys):
    code, out, _ = run(capsys, "--format", "json", "raw.md")
    assert code == 1
    data = json.loads(out)
    assert [set(item) for item in data] == [
        {"path", "line", "column", "end_line", "code", "message", "severity"}
    ] * 3
    assert [(d["path"], d["line"], d["code"]) for d in data] == [
        ("raw.md", line, code) for code, line in sorted(RAW_LINES.items(), key=lambda x: x[1])
    ]
    frg = next(d for d in data if d["code"] == "FRG001")
    assert frg["severity"] == "error" and frg["column"] == 1 and frg["end_line"] == frg["line"]
    assert next(d for d in data if d["code"] == "TRN001")["severity"] == "warning"


def test_json_keeps_japanese_readable(site, capsys):
    _, out, _ = run(capsys, "--format", "json", "raw.md")
    assert "への投資" in out


def test_json_of_a_clean_run_is_an_empty_list(site, capsys):
    code, out, _ = run(capsys, "--format", "json", "clean.md")
    assert code == 0 and json.loads(out) == []


def test_sarif_format(site, capsys):
    code, out, _ = run(capsys, "--format", "sarif", "raw.md")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    [run_] = log["runs"]
    assert run_["tool"]["driver"]["name"] == "mystitch-lint"
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    results = run_["results"]
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
    ] == sorted(RAW_LINES.items(), key=lambda x: x[1])
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] == ("error" if result["ruleId"] == "FRG001" else "warning")
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "raw.md"
        assert result["message"]["text"]


def test_github_format(site, capsys):
    code, out, _ = run(capsys, "--format", "github", "raw.md")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    frg = next(line for line in lines if "FRG001" in line)
    assert frg.startswith(
        f"::error file=raw.md,line={BODY_LINE + 1},endLine={BODY_LINE + 1},col=1,"
    )
    trn = next(line for line in lines if "TRN001" in line)
    assert trn.startswith(
        f"::warning file=raw.md,line={BODY_LINE},endLine={BODY_LINE},col=15,"
        "title=TRN001 truncated-sentence::"
    )


@pytest.mark.parametrize(("name", "escaped"), [("a: b.md", "a%3A b.md"), ("a,b.md", "a%2Cb.md")])
def test_github_format_escapes_colons_and_commas_in_paths(
    project, monkeypatch, capsys, name, escaped
):
    project(name, "# 見出し\n\n本文です。途中で\n---END---\n")
    monkeypatch.chdir(project.root)
    _, out, _ = run(capsys, "--format", "github", name)
    assert len(out.splitlines()) == 3  # FM001, TRN001, FRG001
    assert all(
        line.startswith((f"::error file={escaped},", f"::warning file={escaped},"))
        for line in out.splitlines()
    )


# --- exit codes -----------------------------------------------------------------


def test_exit_0_when_clean(site, capsys):
    code, out, err = run(capsys, "clean.md")
    assert (code, out) == (0, "")
    assert "0 findings in 1 file" in err


def test_exit_1_on_findings_and_0_with_exit_zero(site, capsys):
    code, _, err = run(capsys, "raw.md", "clean.md")
    assert code == 1 and "3 findings in 2 files" in err
    code, out, _ = run(capsys, "--exit-zero", "raw.md")
    assert code == 0 and "FRG001" in out
    assert run(capsys, "raw.md", "--exit-zero")[0] == 0  # options may follow the paths


def test_default_path_is_the_current_folder(site, capsys):
    code, out, err = run(capsys)
    assert code == 1
    assert {p for p, _, _ in parsed(out)} == {"raw.md"}
    assert "in 2 files" in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--bogus", "raw.md"], "unrecognized arguments: --bogus"),
        (["--format", "xml", "raw.md"], "invalid choice"),
        (["--select", "XYZ", "raw.md"], "unknown rule code or prefix: XYZ"),
        (["--ignore", "TNR", "raw.md"], "unknown rule code or prefix: TNR"),
        (["--similarity", "3", "raw.md"], "'--similarity' must be a number in (0, 1]"),
        (["--marker", "(", "raw.md"], "'--marker' is not a valid regular expression"),
        (["--marker", ".*", "raw.md"], "matches an empty line"),
        (["--config", "nowhere.toml", "raw.md"], "nowhere.toml: configuration file not found"),
    ],
)
def test_exit_2_on_bad_options(site, capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert words in err
    assert "Traceback" not in err


def test_version_and_list_rules(site, capsys):
    code, out, _ = run(capsys, "--list-rules")
    assert code == 0
    assert len(RULES) >= 20
    for rule in RULES:
        assert f"  {rule}  " in out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("mystitch-lint ")


# --- configuration --------------------------------------------------------------


def _pyproject(root: Path, body: str) -> Path:
    path = root / "pyproject.toml"
    path.write_text('[project]\nname = "site"\n\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "key", "words"),
    [
        ("[tool.mystitch.lint]\nsimilarty = 0.9\n", "similarty", "unknown option 'similarty'"),
        ("[tool.mystitch.lint]\nsimilarity = 3\n", "similarity", "must be a number in (0, 1]"),
        ("[tool.mystitch.lint]\nmin-chars = -1\n", "min-chars", "must be a whole number >= 0"),
        ('[tool.mystitch.lint]\nselect = ["DUP!"]\n', "select", "is not a rule code or prefix"),
        ('[tool.mystitch.lint]\nmarker = ""\n', "marker", "must be a regular expression"),
        ("[tool.mystitch.lint]\nmarker = '('\n", "marker", "is not a valid regular expression"),
        (
            "[tool.mystitch.lint]\nrequired-fields = 3\n",
            "required-fields",
            "must be a list of strings",
        ),
        (
            '[tool.mystitch.lint.per-file-ignores]\n"a/*.md" = [1]\n',
            "per-file-ignores.a/*.md",
            "rule codes",
        ),
    ],
)
def test_exit_2_on_bad_configuration(site, capsys, body, key, words):
    path = _pyproject(site.root, body)
    code, out, err = run(capsys, "raw.md")
    assert code == 2
    assert out == ""
    assert str(path) in err
    assert f"'{key}'" in err
    assert words in err
    assert "Traceback" not in err


def test_exit_2_on_invalid_toml(site, capsys):
    path = _pyproject(site.root, "[tool.mystitch.lint\n")
    code, _, err = run(capsys, "raw.md")
    assert code == 2 and str(path) in err and "not valid TOML" in err


def test_exit_2_on_a_typo_in_the_configured_select(site, capsys):
    # The command line refuses an unknown prefix; the configuration must not
    # accept it silently and then report nothing at all.
    path = _pyproject(site.root, '[tool.mystitch.lint]\nselect = ["TNR"]\n')
    code, _, err = run(capsys, "raw.md")
    assert code == 2
    assert str(path) in err and "'select'" in err and "TNR" in err


def test_configuration_options_apply(site, capsys):
    _pyproject(
        site.root,
        '[tool.mystitch.lint]\nignore = ["TRN004"]\nrequired-fields = ["title", "slug"]\n',
    )
    code, out, _ = run(capsys, "raw.md")
    assert code == 1
    assert [c for _, _, c in parsed(out)] == ["FM003", "TRN001", "FRG001"]
    assert "'slug'" in out


def test_explicit_config_file(site, capsys):
    (site.root / "mystitch.toml").write_text('select = ["FRG"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "--config", "mystitch.toml", "raw.md")
    assert code == 1 and [c for _, _, c in parsed(out)] == ["FRG001"]


# --- select and ignore ----------------------------------------------------------


def test_select_and_ignore_prefixes(site, capsys):
    assert [c for _, _, c in parsed(run(capsys, "--select", "TRN", "raw.md")[1])] == [
        "TRN001",
        "TRN004",
    ]
    assert [c for _, _, c in parsed(run(capsys, "--select", "FRG001,TRN004", "raw.md")[1])] == [
        "FRG001",
        "TRN004",
    ]
    assert [c for _, _, c in parsed(run(capsys, "--ignore", "TRN", "raw.md")[1])] == ["FRG001"]
    assert [
        c for _, _, c in parsed(run(capsys, "--select", "TRN", "--ignore", "TRN001", "raw.md")[1])
    ] == ["TRN004"]
    code, out, _ = run(capsys, "--ignore", "TRN,FRG", "raw.md")
    assert (code, out) == (0, "")


def test_ignore_fm_silences_the_family(project, monkeypatch, capsys):
    # Without front matter a file is an article only when ``articles`` names it.
    (project.root / "pyproject.toml").write_text(
        '[tool.mystitch.lint]\narticles = ["*.md"]\n', encoding="utf-8"
    )
    project("nofm.md", "# 見出し\n\n本文です。\n")
    project("badfm.md", build_article("本文です。\n", tags="AI", drop=["author"]))
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "nofm.md", "badfm.md")
    assert code == 1 and {c for _, _, c in parsed(out)} == {"FM001", "FM003", "FM004"}
    code, out, _ = run(capsys, "--ignore", "FM", "nofm.md", "badfm.md")
    assert (code, out) == (0, "")


def test_per_file_ignores(project, monkeypatch, capsys):
    (project.root / "pyproject.toml").write_text(
        '[tool.mystitch.lint.per-file-ignores]\n"notes/*.md" = ["FM", "TRN001"]\n', encoding="utf-8"
    )
    project("notes/memo.md", "# メモ\n\n途中で終わるメモ。二行目は\n---END---\n")
    project("posts/memo.md", "# メモ\n\n途中で終わるメモ。二行目は\n---END---\n")
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, ".")
    assert code == 1
    assert parsed(out) == [
        ("notes/memo.md", 4, "FRG001"),
        ("posts/memo.md", 1, "FM001"),
        ("posts/memo.md", 3, "TRN001"),
        ("posts/memo.md", 4, "FRG001"),
    ]


def test_per_file_ignores_add_to_the_configured_ignore(project, monkeypatch, capsys):
    (project.root / "pyproject.toml").write_text(
        "[tool.mystitch.lint]\nignore = ['FRG']\nrequired-fields = ['title']\n"
        "[tool.mystitch.lint.per-file-ignores]\n'drafts/*.md' = ['TRN']\n",
        encoding="utf-8",
    )
    project("drafts/d.md", "---\ntitle: t\n---\n\n途中で\n\n---END---\n")
    project("posts/p.md", "---\ntitle: t\n---\n\n途中で\n\n---END---\n")
    monkeypatch.chdir(project.root)
    _, out, _ = run(capsys, ".")
    assert out.splitlines() == [
        "posts/p.md:5:1: TRN001 sentence ends where the fragment was cut: '途中で'"
    ]


# --- suppression comments -------------------------------------------------------


def _lint_one(project, monkeypatch, capsys, text: str, *extra: str) -> list[tuple[int, str]]:
    project("doc.md", text)
    monkeypatch.chdir(project.root)
    _, out, _ = run(capsys, *extra, "doc.md")
    return [(line, code) for _, line, code in parsed(out)]


PARA = "図書館は町の中心にあり、毎日多くの人が訪れています。"


def test_disable_file(project, monkeypatch, capsys):
    text = build_article(
        f"<!-- mystitch-lint-disable-file DUP TRN -->\n\n{PARA}\n\n{PARA}途中で\n\n---END---\n"
    )
    assert _lint_one(project, monkeypatch, capsys, text) == [(line_of(text, "---END---"), "FRG001")]
    everything = "<!-- mystitch-lint-disable-file -->\n\n本文です。途中で\n---END---\n"
    assert _lint_one(project, monkeypatch, capsys, everything) == []


def test_disable_and_enable(project, monkeypatch, capsys):
    text = build_article(
        f"""\
        {PARA}

        <!-- mystitch-lint-disable DUP001 -->

        {PARA}

        <!-- mystitch-lint-enable DUP001 -->

        {PARA}
        """
    )
    assert _lint_one(project, monkeypatch, capsys, text) == [(line_of(text, PARA, 3), "DUP001")]


def test_disable_without_enable_runs_to_the_end(project, monkeypatch, capsys):
    text = build_article(f"{PARA}\n\n<!-- mystitch-lint-disable DUP -->\n\n{PARA}\n\n{PARA}\n")
    assert _lint_one(project, monkeypatch, capsys, text) == []


def test_disable_next_line_covers_the_next_block(project, monkeypatch, capsys):
    text = build_article(
        f"""\
        {PARA}

        <!-- mystitch-lint-disable-next-line DUP001 -->

        {PARA}

        {PARA}
        """
    )
    assert _lint_one(project, monkeypatch, capsys, text) == [(line_of(text, PARA, 3), "DUP001")]
    other_code = text.replace("disable-next-line DUP001", "disable-next-line TRN")
    assert _lint_one(project, monkeypatch, capsys, other_code) == [
        (line_of(text, PARA, 2), "DUP001"),
        (line_of(text, PARA, 3), "DUP001"),
    ]


def test_disable_line(project, monkeypatch, capsys):
    text = build_article(
        f"""\
        The harbour reopened last spring. Since then the town has <!-- mystitch-lint-disable-line TRN001 -->

        {PARA}

        {PARA} <!-- mystitch-lint-disable-line DUP001 -->

        {PARA} <!-- mystitch-lint-disable-line TRN -->
        """,
        lang="en",
    )
    assert _lint_one(project, monkeypatch, capsys, text) == [(line_of(text, PARA, 3), "DUP001")]
    without = text.replace("<!-- mystitch-lint-disable-line TRN001 -->", "")
    assert _lint_one(project, monkeypatch, capsys, without) == [
        (BODY_LINE, "TRN001"),
        (line_of(text, PARA, 3), "DUP001"),
    ]
    every_code = text.replace("disable-line TRN001", "disable-line")
    assert _lint_one(project, monkeypatch, capsys, every_code) == [
        (line_of(text, PARA, 3), "DUP001")
    ]


def test_comment_inside_a_code_block_is_an_example(project, monkeypatch, capsys):
    text = build_article(
        f"""\
        抑制コメントの書き方の例です。

        ```markdown
        <!-- mystitch-lint-disable-file -->
        ```

        {PARA}

        {PARA}
        """
    )
    assert _lint_one(project, monkeypatch, capsys, text) == [(line_of(text, PARA, 2), "DUP001")]


def test_every_kind_of_comment_in_one_article(project, monkeypatch, capsys):
    body = (
        "<!-- mystitch-lint-disable-next-line TRN -->\n"  # 11
        "一文目です。途中で\n\n"  # 12
        "二文目です。途中で <!-- mystitch-lint-disable-line -->\n\n"  # 14
        "<!-- mystitch-lint-disable DUP001 -->\n\n"  # 16
        "同じ段落が繰り返されるとここで報告されます。\n\n"  # 18
        "同じ段落が繰り返されるとここで報告されます。\n\n"  # 20
        "<!-- mystitch-lint-enable DUP001 -->\n\n"  # 22
        "同じ段落が繰り返されるとここで報告されます。\n\n"  # 24
        "```markdown\n<!-- mystitch-lint-disable-file -->\n```\n\n"  # 26-28
        "三文目です。途中で\n"  # 30
    )
    found = _lint_one(project, monkeypatch, capsys, article(body), "--select", "TRN001,DUP001")
    assert found == [(24, "DUP001"), (30, "TRN001")]
    two_families = article("<!-- mystitch-lint-disable-file TRN FRG -->\n\n途中で\n\n---END---\n")
    assert _lint_one(project, monkeypatch, capsys, two_families) == []


# --- finding files --------------------------------------------------------------

ARTICLE_TXT = build_article("本文です。途中で\n---END---\n")


def test_folder_recursion_picks_markdown_and_front_matter_txt(project, monkeypatch, capsys):
    project("posts/2026/a.md", ARTICLE_TXT)
    project("posts/b.markdown", ARTICLE_TXT)
    project("posts/c.txt", ARTICLE_TXT)
    project("posts/notes.txt", "ただのメモです。途中で\n---END---\n")
    project("posts/d.MD", ARTICLE_TXT)
    project("posts/_build/html/e.md", ARTICLE_TXT)
    project("posts/.git/f.md", ARTICLE_TXT)
    project("node_modules/pkg/README.md", ARTICLE_TXT)
    project("drafts/g.md", ARTICLE_TXT)  # excluded by the project's pyproject
    project("posts/image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    monkeypatch.chdir(project.root)
    code, out, err = run(capsys, ".")
    assert code == 1
    assert sorted({p for p, _, _ in parsed(out)}) == [
        "posts/2026/a.md",
        "posts/b.markdown",
        "posts/c.txt",
        "posts/d.MD",
    ]
    assert "in 4 files" in err


def test_a_named_file_is_linted_whatever_its_ending(project, monkeypatch, capsys):
    project("notes.txt", "ただのメモです。途中で\n---END---\n")
    monkeypatch.chdir(project.root)
    _, out, _ = run(capsys, "notes.txt")
    assert ("notes.txt", 2, "FRG001") in parsed(out)


def test_missing_path_is_reported_and_the_rest_still_linted(site, capsys):
    code, out, _ = run(capsys, "nowhere.md", "raw.md")
    assert code == 1
    rows = parsed(out)
    assert ("nowhere.md", 1, "IO001") in rows
    assert ("raw.md", BODY_LINE + 1, "FRG001") in rows
    assert "no such file or folder" in out


def test_broken_symlink_and_directory_loop(project, monkeypatch, capsys):
    project("posts/a.md", RAW)
    os.symlink("missing.md", project.root / "posts" / "broken.md")
    (project.root / "posts" / "sub").mkdir()
    os.symlink("..", project.root / "posts" / "sub" / "up")  # a folder loop
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "posts")
    assert code == 1
    rows = parsed(out)
    assert ("posts/broken.md", 1, "IO001") in rows
    assert [r for r in rows if r[0] == "posts/a.md"] == [
        ("posts/a.md", line, c) for c, line in sorted(RAW_LINES.items(), key=lambda x: x[1])
    ]
    assert len(rows) == 4  # the loop is not followed: a.md is linted once


def test_symlink_loop_entry_is_reported_and_the_rest_still_linted(project, monkeypatch, capsys):
    project("posts/a.md", RAW)
    os.symlink("loop.md", project.root / "posts" / "loop.md")
    os.symlink("ping.md", project.root / "posts" / "pong.md")
    os.symlink("pong.md", project.root / "posts" / "ping.md")
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "posts")
    assert code == 1
    rows = parsed(out)
    assert {(p, line, c) for p, line, c in rows if c == "IO001"} == {
        ("posts/loop.md", 1, "IO001"),
        ("posts/ping.md", 1, "IO001"),
        ("posts/pong.md", 1, "IO001"),
    }
    assert ("posts/a.md", BODY_LINE + 1, "FRG001") in rows


def test_symlink_loop_named_on_the_command_line(project, monkeypatch, capsys):
    project("a.md", RAW)
    os.symlink("self.md", project.root / "self.md")
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "self.md", "a.md")
    assert code == 1
    rows = parsed(out)
    assert ("self.md", 1, "IO001") in rows and ("a.md", BODY_LINE + 1, "FRG001") in rows


def test_bom_and_crlf_keep_lines_right(project, monkeypatch, capsys):
    cut = article("完全な文です。途中で\n\n---END---\n")  # TRN001 at 11, FRG001 at 13
    project("w.md", b"\xef\xbb\xbf" + cut.replace("\n", "\r\n").encode("utf-8"))
    monkeypatch.chdir(project.root)
    _, out, _ = run(capsys, "w.md")
    assert [(line, code) for _, line, code in parsed(out)] == [(11, "TRN001"), (13, "FRG001")]


def test_latin1_file_is_io002_with_its_line(project, monkeypatch, capsys):
    text = build_article("The café opened in spring.\n\nIts owner is from Zürich.\n", lang="en")
    project("latin1.md", text.encode("latin-1"))
    project("a.md", RAW)
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "--format", "json", "latin1.md", "a.md")
    assert code == 1
    data = json.loads(out)
    io = [d for d in data if d["path"] == "latin1.md"]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in io] == [
        ("IO002", BODY_LINE, 8, "error")
    ]
    assert "0xe9" in io[0]["message"] and f"line {BODY_LINE}" in io[0]["message"]
    assert any(d["path"] == "a.md" and d["code"] == "FRG001" for d in data)


def test_binary_file_is_io002(project, monkeypatch, capsys):
    project("blob.md", b"---\ntitle: x\n---\n\x00\x01\x02binary")
    project("clean.md", CLEAN)
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "blob.md", "clean.md")
    assert code == 1
    assert parsed(out) == [("blob.md", 4, "IO002")]
    assert "binary file" in out


def test_unreadable_file(project, monkeypatch, capsys):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = project("secret.md", CLEAN)
    path.chmod(0)
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "secret.md")
    assert code == 1 and parsed(out) == [("secret.md", 1, "IO001")]


# --- across files ---------------------------------------------------------------


def test_same_article_saved_twice_cut_shorter_with_other_tags(project, monkeypatch, capsys):
    body = """\
        図書館は町の中心にあり、毎日多くの人が訪れています。

        駅前の広場も整備が進み、週末には朝市が開かれます。

        市は来年度、図書館の開館時間を夜九時まで延ばす予定です。

        住民の多くは、この計画を歓迎していると答えました。
        """
    full = build_article(body)
    project("2026-02-03-library.md", full)
    cut = build_article(body, tags=["地域", "行政"])
    cut = cut[: cut.index("市は来年度")] + "市は来年度、図書館の\n---END---\n"
    project("copy/library.md", cut)
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "--select", "DUP", ".")
    assert code == 1
    assert parsed(out) == [("copy/library.md", 2, "DUP006")]
    assert "same article as 2026-02-03-library.md (same title and date)" in out


def test_paragraph_shared_by_two_articles_is_dup005(project, monkeypatch, capsys):
    shared = "The harbour handles twelve ships a day and employs most of the town."
    project(
        "a.md",
        build_article(
            f"{shared}\n\nA paragraph only in the first article.\n", lang="en", title="A"
        ),
    )
    project(
        "b.md",
        build_article(
            f"A paragraph only in the second article.\n\n{shared}\n", lang="en", title="B"
        ),
    )
    monkeypatch.chdir(project.root)
    code, out, _ = run(capsys, "a.md", "b.md")
    assert code == 1
    assert parsed(out) == [("b.md", BODY_LINE + 2, "DUP005")]
    assert f"paragraph also stands in a.md:{BODY_LINE}" in out
    code, out, _ = run(capsys, "--ignore", "DUP005", "a.md", "b.md")
    assert (code, out) == (0, "")


# --- as a program -----------------------------------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_python_dash_m_lint(project):
    project("raw.md", RAW)
    project("clean.md", CLEAN_EN)
    result = subprocess.run(
        [sys.executable, "-m", "mystitch.lint", "--format", "json", "raw.md", "clean.md"],
        cwd=project.root,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert sorted((d["code"], d["line"]) for d in data) == sorted(RAW_LINES.items())
    assert "3 findings in 2 files" in result.stderr


def test_console_script_exit_codes(project):
    project("clean.md", CLEAN_EN)
    script = Path(sys.executable).parent / "mystitch-lint"
    if not script.exists():
        pytest.skip("mystitch-lint is not installed next to the interpreter")
    ok = subprocess.run(
        [str(script), "clean.md"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(
        [str(script), "--nope"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_comment_quoted_in_a_code_span_is_an_example(project, monkeypatch, capsys):
    text = build_article(
        f"Write `<!-- mystitch-lint-disable-file -->` to silence a file.\n\n{PARA}\n\n{PARA}\n"
    )
    assert _lint_one(project, monkeypatch, capsys, text) == [(line_of(text, PARA, 2), "DUP001")]


# --- configuration lookup and large runs -------------------------------------------


def test_load_config_finds_the_nearest_pyproject_and_resolves_globs(project):
    from mystitch.lint.config import load_config

    (project.root / "pyproject.toml").write_text(
        "[tool.mystitch.lint]\nsimilarity = 0.9\n\n"
        '[tool.mystitch.lint.per-file-ignores]\n"posts/old/*.md" = ["DUP00"]\n',
        encoding="utf-8",
    )
    deep = project.root / "posts" / "old"
    deep.mkdir(parents=True)
    config = load_config(start=deep)
    assert config.similarity == 0.9
    assert config.root == str(project.root)
    assert not config.enabled("DUP001", str(deep / "a.md"))
    assert config.enabled("DUP001", str(project.root / "posts" / "a.md"))
    assert config.enabled("TRN001", str(deep / "a.md"))


def test_a_large_run_in_parallel_gives_the_same_findings(project, monkeypatch, capsys):
    shared = "Every article of this site ends with the same long disclaimer paragraph."
    for n in range(50):
        project(
            f"posts/{n:02d}.md",
            build_article(
                f"Article number {n} has its own opening paragraph here.\n\n{shared}\n",
                lang="en",
                title=f"Article {n}",
            ),
        )
    monkeypatch.chdir(project.root)
    code, serial, _ = run(capsys, "--jobs", "1", "posts")
    assert code == 1
    code, parallel, err = run(capsys, "--jobs", "2", "posts")
    assert code == 1 and parallel == serial
    rows = parsed(parallel)
    assert len(rows) == 49 and {c for _, _, c in rows} == {"DUP005"}
    assert rows[0] == ("posts/01.md", BODY_LINE + 2, "DUP005")
    assert "in 50 files" in err
