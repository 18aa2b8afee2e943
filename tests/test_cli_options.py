"""``mystitch-lint`` options ruff and markdownlint-cli2 users reach for: codes in
any case, --extend-select/--extend-exclude, standard input, --output-file,
--statistics, --show-settings, --fix and --diff, SARIF locations, progress.

Like test_cli.py, the tests call ``main([...])`` in a project folder made in
tmp_path; files found in folders (gitignore, build folders, .txt articles)
are test_discovery.py's.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import sys
import tomllib

import pytest
from conftest import BODY_LINE, build_article, write_file
from test_cli import RAW, RAW_LINES, parsed, run

from mystitch.lint.cli import main


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


# --- standard input -----------------------------------------------------------------


@pytest.fixture
def stdin(monkeypatch):
    """Call it with text or bytes to make them standard input."""

    def feed(data: str | bytes) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))

    return feed


def test_dash_reads_standard_input(site, capsys, stdin):
    stdin(RAW)
    code, out, err = run(capsys, "-")
    assert code == 1
    assert parsed(out) == [
        ("-", line, c) for c, line in sorted(RAW_LINES.items(), key=lambda x: x[1])
    ]
    assert "in 1 file" in err


def test_stdin_filename_names_the_findings_and_picks_per_file_ignores(site, capsys, stdin):
    (site.root / "pyproject.toml").write_text(
        '[tool.mystitch.lint.per-file-ignores]\n"posts/*" = ["TRN"]\n', encoding="utf-8"
    )
    stdin(RAW)
    code, out, _ = run(capsys, "--stdin-filename", "posts/a.md")
    assert code == 1 and parsed(out) == [("posts/a.md", RAW_LINES["FRG001"], "FRG001")]
    stdin(RAW)
    assert codes(run(capsys, "--stdin-filename", "other/a.md", "-")[1]) == [
        "TRN001",
        "FRG001",
        "TRN004",
    ]


def test_stdin_with_force_exclude_lints_nothing_for_an_excluded_name(site, capsys, stdin):
    stdin(RAW)
    assert run(capsys, "--force-exclude", "--stdin-filename", "drafts/a.md") == (0, "", "")
    stdin("pyyaml\n---END---\n")
    assert run(capsys, "--force-exclude", "--stdin-filename", "requirements.txt")[:2] == (0, "")
    stdin(RAW)  # a .txt article is told by its own first line
    assert run(capsys, "--force-exclude", "--stdin-filename", "saved.txt")[0] == 1


def test_stdin_that_is_not_utf8_is_io002(site, capsys, stdin):
    stdin(build_article("The café opened.\n", lang="en").encode("latin-1"))
    code, out, _ = run(capsys, "--stdin-filename", "cafe.md")
    assert code == 1 and ("cafe.md", BODY_LINE, "IO002") in parsed(out)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["-", "raw.md"], "cannot be linted together with other paths"),
        (["--stdin-filename", "a.md", "raw.md"], "--stdin-filename names standard input"),
        (["--statistics", "--format", "sarif", "raw.md"], "--statistics prints text or json"),
        (["--diff", "--output-file", "x.sarif", "raw.md"], "--diff prints the changes only"),
    ],
)
def test_option_combinations_that_make_no_sense_are_usage_errors(site, capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "") and words in err


# --- --output-file ---------------------------------------------------------------------


def test_output_file_gets_the_format_and_the_console_gets_text(site, capsys):
    code, out, err = run(
        capsys, "--output-format", "sarif", "--output-file", "out/lint.sarif", "raw.md"
    )
    assert code == 1
    assert codes(out) == ["TRN001", "FRG001", "TRN004"]  # text on the console
    log = json.loads((site.root / "out" / "lint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["TRN001", "FRG001", "TRN004"]
    assert "3 findings in 1 file" in err
    assert sorted(p.name for p in (site.root / "out").iterdir()) == ["lint.sarif"]  # no temp file


def test_output_file_is_replaced_whole_and_keeps_its_permission_bits(site, capsys):
    report = site("lint.json", "yesterday's report, much longer than today's " * 100)
    report.chmod(0o640)
    assert run(capsys, "--format", "json", "-o", "lint.json", "raw.md")[0] == 1
    assert [d["code"] for d in json.loads(report.read_text(encoding="utf-8"))] == [
        "TRN001",
        "FRG001",
        "TRN004",
    ]
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_an_output_file_that_cannot_be_written_is_exit_2_and_named(site, capsys):
    site("blocker", "a file where a folder should be\n")
    code, out, err = run(
        capsys, "--format", "sarif", "--output-file", "blocker/lint.sarif", "raw.md"
    )
    assert code == 2
    assert "blocker/lint.sarif: cannot write:" in err and "Traceback" not in err
    assert codes(out) == ["TRN001", "FRG001", "TRN004"]  # the findings are still shown


def test_exit_zero_with_an_output_file(site, capsys):
    code, _, _ = run(capsys, "--exit-zero", "--format", "sarif", "-o", "x.sarif", "raw.md")
    assert code == 0 and (site.root / "x.sarif").is_file()


# --- --statistics ------------------------------------------------------------------------


def test_statistics_counts_findings_per_rule(site, capsys):
    site("raw2.md", RAW.replace("図書館", "博物館"))
    code, out, err = run(capsys, "--statistics", "--select", "TRN001,FRG", "raw.md", "raw2.md")
    assert code == 1
    assert out.splitlines() == [
        "2  FRG001  [*] fragment-marker",
        "2  TRN001      truncated-sentence",
    ]
    assert "4 findings in 2 files" in err
    _, out, _ = run(capsys, "--statistics", "--format", "json", "--select", "FRG", "raw.md")
    assert json.loads(out) == [
        {"code": "FRG001", "name": "fragment-marker", "count": 1, "fixable": True}
    ]


def test_statistics_on_the_console_and_sarif_in_a_file(site, capsys):
    code, out, _ = run(capsys, "--statistics", "--format", "sarif", "-o", "x.sarif", "raw.md")
    assert code == 1 and "FRG001  [*] fragment-marker" in out
    assert len(json.loads((site.root / "x.sarif").read_text())["runs"][0]["results"]) == 3


# --- SARIF locations --------------------------------------------------------------------------


def _sarif(capsys, *argv: str) -> dict:
    return json.loads(run(capsys, "--format", "sarif", *argv)[1])


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("a b.md", "a%20b.md"),
        ("#1.md", "%231.md"),
        ("100%.md", "100%25.md"),
        ("記事.md", "%E8%A8%98%E4%BA%8B.md"),
        ("a:b.md", "a%3Ab.md"),
        ("sub dir/é.md", "sub%20dir/%C3%A9.md"),
    ],
)
def test_sarif_uris_are_percent_encoded(project, monkeypatch, capsys, name, uri):
    project(name, RAW)
    monkeypatch.chdir(project.root)
    log = _sarif(capsys, "--select", "FRG", name)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri


def test_sarif_uri_of_an_absolute_path_is_a_file_uri(site, capsys):
    log = _sarif(capsys, "--select", "FRG", str(site.root / "raw.md"))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]
    assert uri == (site.root / "raw.md").as_uri() and uri.startswith("file:///")


EMOJI_RAW = RAW.replace("図書館は町の", "🚀🚀図書館は町の")


@pytest.mark.parametrize("from_stdin", [False, True])
def test_sarif_columns_are_utf16_code_units(project, monkeypatch, capsys, stdin, from_stdin):
    project("e.md", EMOJI_RAW)
    monkeypatch.chdir(project.root)
    text_column = parsed_columns(run(capsys, "--select", "TRN001", "e.md")[1])
    assert text_column == [17]  # characters: 🚀🚀 and 14 more before the cut sentence
    if from_stdin:
        stdin(EMOJI_RAW)
        log = _sarif(capsys, "--select", "TRN001", "--stdin-filename", "e.md")
    else:
        log = _sarif(capsys, "--select", "TRN001", "e.md")
    [run_] = log["runs"]
    assert run_["columnKind"] == "utf16CodeUnits"
    region = run_["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == 19  # each emoji is two UTF-16 code units


def parsed_columns(out: str) -> list[int]:
    return [int(row.split(":")[2]) for row in out.splitlines()]


def test_sarif_columns_of_bmp_text_are_unchanged(site, capsys):
    log = _sarif(capsys, "raw.md")
    columns = [
        r["locations"][0]["physicalLocation"]["region"]["startColumn"]
        for r in log["runs"][0]["results"]
    ]
    assert columns == parsed_columns(run(capsys, "raw.md")[1]) == [15, 1, 1]


# --- --fix and --diff -----------------------------------------------------------------------

MERGED_LINE = "図書館は町の中心にあります。利用者は年々増えてへの投資が続いています。"


def test_fix_merges_an_article_with_markers_in_place_and_lints_the_result(site, capsys):
    # No marker, one finding (FM003) the merge would not mend anyway.
    page = site("page.md", build_article("The harbour is busy.\n", lang="en", drop=["author"]))
    before = page.read_bytes()
    code, out, err = run(capsys, "--fix", "raw.md", "page.md")
    text = (site.root / "raw.md").read_text(encoding="utf-8")
    assert "---END---" not in text and MERGED_LINE in text
    assert "FRG001" not in out  # the findings are those of the fixed file
    assert page.read_bytes() == before  # no marker: not the merge's to change
    assert [(p, c) for p, _, c in parsed(out)] == [("page.md", "FM003")] and code == 1
    assert "mystitch-lint: fixed raw.md (stitched 1)" in err
    assert "fragment markers" not in err
    # A second run has nothing left to fix.
    assert "fixed" not in run(capsys, "--fix", "raw.md")[2]


def test_fix_keeps_bom_line_ends_permission_bits_and_links(site, capsys):
    crlf = site("crlf.md", b"\xef\xbb\xbf" + RAW.replace("\n", "\r\n").encode("utf-8"))
    crlf.chmod(0o640)
    real = site("drafts/real.md", RAW.replace("図書館", "博物館"))
    (site.root / "linked.md").symlink_to(real)
    assert run(capsys, "--fix", "crlf.md", "linked.md")[0] == 0
    data = crlf.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"---END---" not in data
    assert data.count(b"\r\n") == data.count(b"\n")
    assert MERGED_LINE in data.decode("utf-8-sig")
    assert stat.S_IMODE(crlf.stat().st_mode) == 0o640
    assert (site.root / "linked.md").is_symlink() and "---END---" not in real.read_text()
    assert sorted(p.name for p in site.root.iterdir() if p.name.startswith(".")) == []


def test_fix_leaves_text_that_is_not_utf8_alone(site, capsys):
    latin = site(
        "latin.md",
        RAW.replace("図書館", "Café").encode("utf-8").replace(b"Caf\xc3\xa9", b"Caf\xe9"),
    )
    before = latin.read_bytes()
    code, out, err = run(capsys, "--fix", "latin.md")
    assert latin.read_bytes() == before
    assert "latin.md: not fixed: not clean UTF-8 text" in err
    assert "FRG001" in out and code == 1


def test_fix_follows_select_ignore_and_suppression_comments(site, capsys):
    quiet = site("quiet.md", "<!-- mystitch-lint-disable-file FRG001 -->\n" + RAW)
    before = (site.root / "raw.md").read_bytes(), quiet.read_bytes()
    run(capsys, "--fix", "--ignore", "FRG", "raw.md", "quiet.md")
    assert ((site.root / "raw.md").read_bytes(), quiet.read_bytes()) == before


def test_fix_a_file_that_cannot_be_written_keeps_it_and_says_so(site, capsys, monkeypatch):
    from mystitch.lint import merge_cli

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(merge_cli.os, "fsync", full)
    before = (site.root / "raw.md").read_bytes()
    code, out, err = run(capsys, "--fix", "raw.md")
    assert (site.root / "raw.md").read_bytes() == before
    assert "raw.md: not fixed: cannot write: No space left on device" in err
    assert code == 1 and "FRG001" in out
    assert [p.name for p in site.root.iterdir() if p.suffix == ".tmp"] == []


def test_a_crash_in_the_merge_costs_that_file_its_fix_and_is_exit_2(site, capsys, monkeypatch):
    from mystitch.lint import fix

    def broken(*args, **kwargs):
        raise IndexError("string index out of range")

    monkeypatch.setattr(fix, "merge_text", broken)
    before = (site.root / "raw.md").read_bytes()
    code, out, err = run(capsys, "--fix", "raw.md")
    assert code == 2 and (site.root / "raw.md").read_bytes() == before
    assert "raw.md: not fixed: IndexError: string index out of range" in err
    assert "Traceback" not in err and "FRG001" in out


def test_diff_shows_the_fix_and_writes_nothing(site, capsys):
    before = (site.root / "raw.md").read_bytes()
    code, out, err = run(capsys, "--diff", "raw.md")
    assert code == 1 and (site.root / "raw.md").read_bytes() == before
    assert out.startswith("--- a/raw.md\n+++ b/raw.md\n@@ ")
    assert "\n----END---\n" in out and f"\n+{MERGED_LINE}\n" in out
    assert "--fix would merge the fragments of 1 file" in err
    site("clean.md", build_article("図書館は町の中心にあります。\n"))
    assert run(capsys, "--diff", "clean.md")[:2] == (0, "")


def test_fix_on_standard_input_prints_the_article(site, capsys, stdin):
    stdin(RAW.replace("\n", "\r\n"))
    code, out, err = run(capsys, "--fix", "--stdin-filename", "a.md")
    assert MERGED_LINE + "\r\n" in out and "---END---" not in out
    assert code == 0 and "0 findings in 1 file" in err
    stdin(CLEAN_TEXT := build_article("図書館は町の中心にあります。\n"))
    assert run(capsys, "--fix", "-")[1] == CLEAN_TEXT  # nothing to fix: as it came
    stdin(RAW)
    code, out, _ = run(capsys, "--diff", "-")
    assert code == 1 and out.startswith("--- a/-\n")


# --- --show-settings -------------------------------------------------------------------------


def test_show_settings_names_the_file_and_explains_a_path(project, monkeypatch, capsys):
    (project.root / ".git").mkdir()
    write_file(project.root / ".gitignore", "out/\n")
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(
        "[tool.mystitch.lint]\nexclude = ['drafts']\nsimilarity = 0.9\nmarker = '^<<<CUT>>>\\s*$'\n"
        "[tool.mystitch.lint.per-file-ignores]\n'docs/*.md' = ['FM']\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project.root)
    code, out, err = run(
        capsys, "--show-settings", "--ignore", "dup003", "docs/a.md", "out/b.md", "drafts/c.md"
    )
    assert code == 0 and err == ""
    assert f"# Configuration file: {pyproject}" in out
    assert "# docs/a.md: named on the command line, linted; found in a folder search, picked" in out
    assert '#   per-file-ignores "docs/*.md" ignores FM here' in out
    assert "found in a folder search, passed over (in out: ignored by git)" in out
    assert "passed over (in drafts: excluded by 'drafts')" in out
    table = tomllib.loads(out)["tool"]["mystitch"]["lint"]
    assert table["similarity"] == 0.9 and table["marker"] == r"^<<<CUT>>>\s*$"
    assert table["ignore"] == ["DUP003"] and table["per-file-ignores"] == {"docs/*.md": ["FM"]}
    assert 'ignore = ["DUP003"]  # from the command line' in out
    rules = next(line for line in out.splitlines() if "rules checked" in line)
    assert " FM001" not in rules and " DUP003" not in rules and " DUP001" in rules


def test_show_settings_says_whether_a_file_is_an_article_or_a_page(project, monkeypatch, capsys):
    project("guide.md", "# Guide\n\nWritten by hand.\n")
    project("post.md", build_article("本文です。\n"))
    project("piece.md", "本文の途中で\n---END---\n続きです。\n")
    project("zenn.md", '---\ntitle: "t"\nemoji: "🦀"\ntopics: ["rust"]\n---\n\nBody.\n')
    monkeypatch.chdir(project.root)
    _, out, _ = run(capsys, "--show-settings", "guide.md", "post.md", "piece.md", "zenn.md")
    read_as = [line for line in out.splitlines() if line.startswith("#   read as")]
    assert read_as == [
        "#   read as a page: no front matter and no fragment markers",
        "#   read as an article: its front matter is an article's",
        "#   read as an article: it has fragment markers",
        "#   read as a page: its front matter is not an article's (no date, layout: post, …)",
    ]
    (project.root / "pyproject.toml").write_text(
        '[tool.mystitch.lint]\narticles = ["guide.md"]\n', encoding="utf-8"
    )
    _, out, _ = run(capsys, "--show-settings", "guide.md", "post.md")
    assert "#   read as an article: the articles setting names it" in out
    assert "#   read as a page: the articles setting does not name it" in out


def test_show_settings_without_a_table_says_the_defaults(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--show-settings")
    assert code == 0 and "# Configuration file: none found, so the defaults" in out
    assert tomllib.loads(out)["tool"]["mystitch"]["lint"]["select"] == [
        "DUP",
        "TRN",
        "FM",
        "FRG",
        "IO",
    ]


# --- progress ----------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch):
    """Call it in the test (pytest's capture sets standard error up again after
    fixtures) to make standard error a terminal that shows progress at once."""
    from mystitch.lint import progress

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")

    def watch() -> Terminal:
        screen = Terminal()
        monkeypatch.setattr(sys, "stderr", screen)
        return screen

    return watch


def test_progress_on_a_terminal_then_the_summary(site, capsys, terminal):
    site("raw2.md", RAW.replace("図書館", "博物館"))
    screen = terminal()
    assert main(["raw.md", "raw2.md"]) == 1
    shown = screen.getvalue()
    assert "\rmystitch-lint: 2 of 2 files checked" in shown
    erased = shown.index("\r\x1b[K")
    assert shown.index("mystitch-lint: 6 findings in 2 files") > erased
    assert "files checked" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "setting",
    [
        ("--format", "json"),
        ("--format", "sarif"),
        ("--format", "github"),
        ("--quiet",),
        ("CI",),
        ("dumb",),
    ],
)
def test_no_progress_in_ci_logs_machine_formats_or_quiet_runs(site, terminal, monkeypatch, setting):
    if setting == ("CI",):
        monkeypatch.setenv("CI", "true")
        setting = ()
    elif setting == ("dumb",):
        monkeypatch.setenv("TERM", "dumb")
        setting = ()
    screen = terminal()
    main([*setting, "raw.md"])
    assert "\r" not in screen.getvalue()
    main(["raw.md"] if setting else ["--format", "json", "raw.md"])  # the same run, shown
    assert ("\r" in screen.getvalue()) == bool(setting)


def test_no_progress_when_standard_error_is_not_a_terminal(site, capsys, monkeypatch):
    from mystitch.lint import progress

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.delenv("CI", raising=False)
    main(["raw.md"])
    assert "\r" not in capsys.readouterr().err
