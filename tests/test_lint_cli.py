"""The command line: formats, exit codes, configuration, suppression, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, article, write_file

from mystitch.lint.cli import main

CUT = article("完全な文です。途中で\n\n---END---\n")  # TRN001 at 11, FRG001 at 13


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    return tmp_path


write = write_file


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_text_output_and_exit_codes(project, capsys):
    write(project / "bad.md", CUT)
    write(project / "good.md", article("良い文です。\n", title="別の記事"))
    status, out, err = run(capsys, "bad.md", "good.md")
    assert status == 1
    assert out.splitlines() == [
        "bad.md:11:8: TRN001 sentence ends where the fragment was cut: '途中で'",
        "bad.md:13:1: FRG001 fragment marker '---END---' left in the text (1 of 1); merge the fragments with mystitch",
    ]
    assert "2 findings in 2 files" in err
    assert run(capsys, "good.md")[0] == 0
    assert run(capsys, "bad.md", "--exit-zero")[0] == 0


def test_json_output(project, capsys):
    write(project / "bad.md", CUT)
    status, out, _ = run(capsys, "bad.md", "--format", "json")
    data = json.loads(out)
    assert status == 1
    assert set(data[0]) == {"path", "line", "column", "end_line", "code", "message", "severity"}
    assert [(d["code"], d["line"], d["severity"]) for d in data] == [
        ("TRN001", 11, "warning"),
        ("FRG001", 13, "error"),
    ]


def test_sarif_output(project, capsys):
    write(project / "bad.md", CUT)
    _, out, _ = run(capsys, "bad.md", "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["name"] == "mystitch-lint"
    rule_ids = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    assert {"TRN001", "FRG001"} <= rule_ids
    result = run_["results"][1]
    assert result["ruleId"] == "FRG001" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 13
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.md"


def test_github_output_escapes(project, capsys):
    write(project / "a,b.md", CUT)
    _, out, _ = run(capsys, "a,b.md", "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith(
        "::warning file=a%2Cb.md,line=11,endLine=11,col=8,title=TRN001 truncated-sentence::"
    )
    assert lines[1].startswith("::error file=a%2Cb.md,line=13,")


def test_usage_errors_exit_2_without_traceback(project, capsys):
    status, _, err = run(capsys, "--format", "yaml")
    assert status == 2 and "Traceback" not in err
    status, _, err = run(capsys, "--select", "XYZ")
    assert status == 2 and "unknown rule code" in err


def test_bad_configuration_names_file_and_key(project, capsys):
    write(project / "pyproject.toml", "[tool.mystitch.lint]\nsimilarity = 3\n")
    status, _, err = run(capsys, ".")
    assert status == 2 and "pyproject.toml" in err and "similarity" in err
    write(project / "pyproject.toml", "[tool.mystitch.lint]\nnot-an-option = 1\n")
    status, _, err = run(capsys, ".")
    assert status == 2 and "not-an-option" in err
    write(project / "pyproject.toml", "[tool.mystitch.lint\n")
    status, _, err = run(capsys, ".")
    assert status == 2 and "not valid TOML" in err
    write(project / "pyproject.toml", "[tool.mystitch.lint]\nmarker = '('\n")
    status, _, err = run(capsys, ".")
    assert status == 2 and "marker" in err


def test_select_and_ignore_prefixes(project, capsys):
    write(project / "bad.md", "本文です。途中で\n\n---END---\n")  # FM001 too
    _, out, _ = run(capsys, "bad.md", "--ignore", "FM")
    assert "FM001" not in out and "FRG001" in out
    _, out, _ = run(capsys, "bad.md", "--select", "TRN")
    assert [line.split()[1] for line in out.splitlines()] == ["TRN001"]
    _, out, _ = run(capsys, "bad.md", "--select", "TRN,FRG", "--ignore", "TRN001")
    assert [line.split()[1] for line in out.splitlines()] == ["FRG001"]


def test_configuration_and_per_file_ignores(project, capsys):
    write(
        project / "pyproject.toml",
        "[tool.mystitch.lint]\nignore = ['FRG']\nrequired-fields = ['title']\n"
        "[tool.mystitch.lint.per-file-ignores]\n'drafts/*.md' = ['TRN']\n",
    )
    write(project / "drafts" / "d.md", "---\ntitle: t\n---\n\n途中で\n\n---END---\n")
    write(project / "posts" / "p.md", "---\ntitle: t\n---\n\n途中で\n\n---END---\n")
    _, out, _ = run(capsys, ".")
    assert out.splitlines() == [
        "posts/p.md:5:1: TRN001 sentence ends where the fragment was cut: '途中で'"
    ]


def test_suppression_comments(project, capsys):
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
    write(project / "s.md", article(body))
    _, out, _ = run(capsys, "s.md", "--select", "TRN001,DUP001")
    assert [line.split(":")[1] + line.split()[1] for line in out.splitlines()] == [
        "24DUP001",
        "30TRN001",
    ]
    write(
        project / "f.md",
        article("<!-- mystitch-lint-disable-file TRN FRG -->\n\n途中で\n\n---END---\n"),
    )
    assert run(capsys, "f.md")[0] == 0


def test_folders_are_searched_with_sensible_exclusions(project, capsys):
    for name in ("a.md", "sub/b.markdown", "_build/x.md", ".git/y.md", "node_modules/z.md"):
        write(project / name, CUT)
    write(project / "article.txt", CUT)
    write(project / "notes.txt", "plain notes, not an article\n")
    _, out, err = run(capsys, ".", "--select", "FRG")
    paths = sorted({line.split(":")[0] for line in out.splitlines()})
    assert paths == ["a.md", "article.txt", "sub/b.markdown"]
    assert "in 3 files" in err


def test_bad_files_are_reported_and_the_rest_still_linted(project, capsys):
    write(project / "good" / "bad.md", CUT)
    write(
        project / "good" / "latin1.md",
        "---\ntitle: t\n---\n\nCaf\xe9 cr\xe8me.\n".encode("latin-1"),
    )
    write(project / "good" / "binary.md", b"---\x00\x01\x02")
    os.symlink(project / "nowhere.md", project / "good" / "broken.md")
    os.symlink(project / "good", project / "good" / "loop")
    status, out, err = run(capsys, "good", "missing.md")
    assert status == 1 and "Traceback" not in err
    lines = out.splitlines()
    assert any(line.startswith("good/bad.md:13:1: FRG001") for line in lines)
    assert any(line.startswith("good/latin1.md:5:4: IO002 not UTF-8") for line in lines)
    assert any(line.startswith("good/binary.md:1:1: IO002 binary file") for line in lines)
    assert any(line.startswith("good/broken.md:1:1: IO001") for line in lines)
    assert any(line.startswith("missing.md:1:1: IO001 no such file") for line in lines)


def test_bom_and_crlf_keep_lines_right(project, capsys):
    write(project / "w.md", b"\xef\xbb\xbf" + CUT.replace("\n", "\r\n").encode("utf-8"))
    _, out, _ = run(capsys, "w.md")
    assert [line.split(":")[1] for line in out.splitlines()] == ["11", "13"]


def test_list_rules_names_every_code(capsys):
    status, out, _ = run(capsys, "--list-rules")
    assert status == 0
    for code in ("FRG001", "FM001", "FM004", "TRN004", "DUP006", "IO002"):
        assert code in out


def test_python_dash_m_and_console_script(tmp_path):
    bad = write(tmp_path / "bad.md", CUT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "mystitch.lint", str(bad), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert [d["code"] for d in json.loads(done.stdout)] == ["TRN001", "FRG001"]


def test_many_files_run_in_parallel_with_the_same_result(project, capsys):
    for i in range(60):
        write(
            project / f"a{i:02}.md",
            article(f"記事{i}の本文です。途中で\n\n---END---\n", title=f"記事{i}"),
        )
    _, serial, _ = run(capsys, ".", "--jobs", "1")
    _, parallel, _ = run(capsys, ".", "--jobs", "2")
    assert serial == parallel and serial.count("FRG001") == 60
