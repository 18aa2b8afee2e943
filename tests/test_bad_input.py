"""Bad input, for both commands: a clear message, the documented exit code, no traceback.

Every case writes one bad file next to a good one and runs ``mystitch-lint``
and ``mystitch-merge`` on both: the bad file must be reported as
``path:line:`` with a rule or IO code, and the good file must still be linted
and merged. Big inputs are made here, in tmp_path. docs/bad-input.md
describes the same matrix for users.

Each test runs twice over, through the ``run`` fixture: in this process
(``main([...])``, the default run) and as a subprocess, the way CI runs the
commands (marked slow). Cases with very big inputs are slow both ways; a
smaller case of the same shape stays in the default run.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, write_file

from mystitch.lint import files
from mystitch.lint.cli import main as lint_main
from mystitch.lint.files import MAX_FILE_BYTES
from mystitch.lint.merge import merge_text
from mystitch.lint.merge_cli import main as merge_main

FIELDS = """\
title: "{title}"
date: 2026-03-14 09:30:00 +0900
categories: ["Harbours"]
tags: ["shipping", "coast"]
author: "Jane Doe"
excerpt: "Small harbours are busy again."
"""


def article(title: str, body: str, fields: str = FIELDS) -> str:
    """Front matter on lines 1-8, a blank line, the body from line 10."""
    return "---\n" + fields.replace("{title}", title) + "---\n\n" + body


# A good article whose only fault is one marker that the next fragment restarts
# cleanly: the linter reports it, the merge stitches it without a warning.
GOOD = article(
    "Good article",
    "The harbour opened a new pier this spring. The work took two\n"
    "---END---\n"
    "The work took two years and cost less than planned.\n",
)
GOOD_FINDING = re.compile(r"^good\.md:11:1: FRG001 ", re.M)
GOOD_MERGED = "The work took two years and cost less than planned."


def with_field(name: str, value: str) -> Callable[[Path], Path]:
    """An otherwise valid article whose ``name`` field is written as ``value``."""
    fields = re.sub(rf"^{name}: .*$", f"{name}: {value}", FIELDS, flags=re.M)
    return text(article(f"Field {name} {value[:20]}", "A short body sentence here.\n", fields))


def text(content: str | bytes) -> Callable[[Path], Path]:
    return lambda path: write_file(path, content)


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path], Path]  # writes the bad file at the given path
    lint: list[tuple[str, int]]  # (code, line) the linter reports for it
    merge_status: int = 0
    merge_message: str | None = None  # regex for the merge's line about it
    merge_check: Callable[[str], bool] = field(default=lambda page: True)
    merge_writes: bool = True  # False: nothing could be read, so no page is written
    slow: bool = False  # a stress case: run in CI only, a smaller one stays by default


def _many_lines(count: int) -> Callable[[Path], Path]:
    """``count`` lines: paragraphs of five distinct sentences, a marker half-way
    (file line count // 2 + 10)."""

    def make(path: Path) -> Path:
        rng = random.Random(5)
        lines = [
            ""
            if i % 6 == 5
            else f"Entry {i} holds {rng.randrange(10**9)} crates at berth {i % 97}."
            for i in range(count)
        ]
        lines[count // 2] = "---END---"
        return write_file(path, article("Many lines", "\n".join(lines) + "\n"))

    return make


def _symlink_loop(path: Path) -> Path:
    os.symlink("loop-b.md", path)  # relative links: the loop holds wherever it is
    os.symlink(path.name, path.with_name("loop-b.md"))
    return path


def _unreadable(path: Path) -> Path:
    write_file(path, GOOD.replace("Good article", "Unreadable"))
    path.chmod(0)
    return path


def _python_tag(path: Path) -> Path:
    # If the tag were ever constructed, the file named in it would appear.
    canary = path.with_name("pwned")
    tag = f'!!python/object/apply:os.system ["touch {canary}"]'
    return write_file(path, article("Python tag", "Body text.\n", FIELDS + f"layout: {tag}\n"))


def _deep_list(path: Path) -> Path:
    body = "".join("  " * depth + f"- level {depth}\n" for depth in range(500))
    return write_file(path, article("Deep list", body))


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=False)
)

CASES = [
    # Without front matter or markers a file is a hand-written page: nothing to say.
    Case("empty", text(b""), []),
    Case("whitespace", text(b"  \n\t\n   \n"), []),
    Case(
        "markers-only",
        text("---END---\n---END---\n"),
        [("FM001", 1), ("FRG001", 1), ("FRG001", 2)],
        merge_check=lambda page: "---END---" not in page,
    ),
    Case("no-front-matter", text("# A title\n\nA body sentence.\n"), []),
    Case(
        "unclosed-front-matter",
        text('---\ntitle: "Open"\n\nThe body was swallowed by the fields.\n'),
        [("FM002", 1)],
        1,
        r":1: warning: front matter is never closed.*\(FM002\); nothing merged",
        # Nothing can be told apart, so nothing is lost: the file comes back as it was.
        lambda page: page == '---\ntitle: "Open"\n\nThe body was swallowed by the fields.\n',
    ),
    Case(
        "yaml-does-not-parse",
        text(article("x", "Body text.\n", "title: Colon: inside\n")),
        [("FM002", 2)],
        1,
        r":2: warning: front matter YAML does not parse: .*\(FM002\)",
        lambda page: "title: Colon: inside" in page and "Body text." in page,
    ),
    Case(
        "alias-bomb",
        text(article("x", "Body text.\n", 'a: &a ["lol", "lol", "lol"]\n' + BOMB)),
        [("FM002", 2)],
        1,
        r":2: warning: front matter YAML aliases expand to [\d,]+ values \(an alias bomb\)",
    ),
    Case(
        "python-object-tag",
        _python_tag,
        [("FM002", 8)],
        1,
        r":8: warning: front matter YAML does not parse: unsafe YAML tag refused",
    ),
    Case(
        "utf8-bom",
        text(b"\xef\xbb\xbf" + article("Bom", "Text.\n---END---\n").encode()),
        [("FRG001", 11)],  # the line is right: the BOM adds none
        merge_check=lambda page: page.startswith('---\ntitle: "Bom"') and "\ufeff" not in page,
    ),
    Case(
        "crlf",
        text(article("Crlf", "Text.\n---END---\n").replace("\n", "\r\n").encode()),
        [("FRG001", 11)],
        merge_check=lambda page: "\r" not in page,
    ),
    Case(
        "latin-1",
        text(article("Latin", "Caf\xe9 cr\xe8me.\n").encode("latin-1")),
        [("IO002", 10)],
        1,
        r":10:4: IO002 not UTF-8: byte 0xe9",
    ),
    Case(
        "nul-bytes",
        text(b"---\ntitle: x\x00\x01\x02\n"),
        [("IO002", 2)],
        1,
        r":2:1: IO002 binary file .*; not merged",
        merge_writes=False,
    ),
    Case(
        "png-header",
        text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        [("IO002", 3)],
        1,
        r":3:1: IO002 binary file",
        merge_writes=False,
    ),
    Case(
        "20-mb",
        lambda path: write_file(path, article("Big", "A sentence in a big file. " * 800_000)),
        [("IO001", 1)],
        1,
        r":1:1: IO001 file is larger than 10 MB; not merged",
        merge_writes=False,
    ),
    Case(
        "300k-short-lines",
        lambda path: write_file(path, article("Lines", "a\n" * 300_000)),
        [("IO001", 1)],
        1,
        r":1:1: IO001 file has more than 200,000 lines; not merged",
        merge_writes=False,
    ),
    Case(
        "100k-lines",
        _many_lines(100_000),
        [("FRG001", 50_010)],
        merge_check=lambda page: "---END---" not in page and "Entry 99999 holds" in page,
        slow=True,
    ),
    Case(
        "5k-lines",
        _many_lines(5_000),
        [("FRG001", 2_510)],
        merge_check=lambda page: "---END---" not in page and "Entry 4999 holds" in page,
    ),
    Case(
        "5-mb-line",
        text(article("Long line", "これは長い一行の文です。" * 150_000)),
        [],
        merge_check=lambda page: page.count("\n") < 20,
        slow=True,
    ),
    Case(
        "500-kb-line",
        text(article("Long line", "これは長い一行の文です。" * 15_000)),
        [],
        merge_check=lambda page: page.count("\n") < 20,
    ),
    Case(
        "5-mb-line-no-front-matter",
        text("x" * 5_000_000),
        [],
        slow=True,
    ),
    Case(
        "500-kb-line-no-front-matter",
        text("x" * 500_000),
        [],
    ),
    Case(
        "500-level-list",
        _deep_list,
        [],
        merge_check=lambda page: "- level 499" in page,
    ),
    Case(
        "500-level-quote",
        text(article("Deep quote", "> " * 500 + "deep\n")),
        [],
        merge_check=lambda page: "deep" in page,
    ),
    Case(
        "symlink-loop",
        _symlink_loop,
        [("IO001", 1)],
        1,
        r":1:1: IO001 cannot read file: Too many levels of symbolic links",
        merge_writes=False,
    ),
    Case(
        "unreadable",
        _unreadable,
        [("IO001", 1)],
        1,
        r":1:1: IO001 cannot read file: Permission denied",
        merge_writes=False,
    ),
    Case("tags-null", with_field("tags", "null"), [("FM003", 5)]),
    Case("tags-number", with_field("tags", "42"), [("FM004", 5)]),
    Case("tags-nested", with_field("tags", "[[a, [b]], {c: d}]"), [("FM004", 5)]),
    Case(
        "tags-5000",
        with_field("tags", "[" + ", ".join(f"tag{i}" for i in range(5000)) + "]"),
        [],
        merge_check=lambda page: "tag4999" in page,
    ),
    *(
        Case(f"date-{name}", with_field("date", value), [("FM004", 3)] if bad else [])
        for name, value, bad in [
            ("day-first", "14/03/2026", True),
            ("in-words", "March 3rd, 2026", True),
            ("month-13", "2026-13-45", True),
            ("february-30", "2026-02-30", True),
            ("a-number", "20260314", True),
            ("a-list", "[2026-03-14]", True),
            ("japanese", "2026年3月14日", False),
            ("iso-8601-z", "2026-03-14T09:30:00Z", False),
            ("slashes", "2026/03/14", False),
        ]
    ),
]


PARAMS = [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else []) for c in CASES]


def _needs_a_reader(case: Case) -> None:
    if case.id == "unreadable" and os.geteuid() == 0:
        pytest.skip("root can read a file without permissions")


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


ENTRY = {"lint": "mystitch.lint.cli", "merge": "mystitch.lint.merge_cli"}


@pytest.fixture(params=["in-process", pytest.param("subprocess", marks=pytest.mark.slow)])
def run(request, monkeypatch, capsys) -> Callable[..., Done]:
    """``run("lint" | "merge", *args, cwd=folder)``: the command's exit status and output.

    In process, ``main([...])`` is called in ``cwd``; as a subprocess, the
    command runs as a user runs it: a separate Python, in the folder, where an
    uncaught exception would print a traceback.
    """

    def in_process(tool: str, *args: str, cwd: Path) -> Done:
        monkeypatch.chdir(cwd)
        status = {"lint": lint_main, "merge": merge_main}[tool](list(args))
        out, err = capsys.readouterr()
        return Done(status, out, err)

    def as_subprocess(tool: str, *args: str, cwd: Path) -> Done:
        done = subprocess.run(
            [sys.executable, "-c", f"from {ENTRY[tool]} import run; run()", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,  # a hang is a failure, not a stalled suite
            check=False,
        )
        return Done(done.returncode, done.stdout, done.stderr)

    chosen = in_process if request.param == "in-process" else as_subprocess
    chosen.mode = request.param  # type: ignore[attr-defined]
    return chosen


def _once_for_a_stress_case(case: Case, run: Callable[..., Done]) -> None:
    if case.slow and run.mode == "in-process":  # type: ignore[attr-defined]
        pytest.skip("a stress case: the subprocess run covers it")


@pytest.fixture
def bad_and_good(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, str]:
    case: Case = request.param
    _needs_a_reader(case)
    write_file(tmp_path / "good.md", GOOD)
    bad = case.make(tmp_path / "bad.md")
    return tmp_path, bad.name


def _lint_lines(stdout: str, name: str) -> list[tuple[str, int]]:
    found = re.findall(rf"^{re.escape(name)}:(\d+):\d+: ([A-Z]+\d{{3}}) ", stdout, re.M)
    return sorted((code, int(line)) for line, code in found)


@pytest.mark.parametrize("bad_and_good", PARAMS, indirect=True)
def test_lint_reports_bad_input_and_goes_on(bad_and_good, request, run):
    folder, name = bad_and_good
    case: Case = request.node.callspec.params["bad_and_good"]
    _once_for_a_stress_case(case, run)
    done = run("lint", name, "good.md", cwd=folder)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1  # the good file has a finding too
    assert _lint_lines(done.stdout, name) == sorted(case.lint)
    # Every line of output has the documented shape.
    assert all(re.match(r"^[\w.-]+:\d+:\d+: [A-Z]+\d{3} \S", ln) for ln in done.stdout.splitlines())
    assert GOOD_FINDING.search(done.stdout)
    assert "in 2 files" in done.stderr


@pytest.mark.parametrize("bad_and_good", PARAMS, indirect=True)
def test_merge_reports_bad_input_and_goes_on(bad_and_good, request, run):
    folder, name = bad_and_good
    case: Case = request.node.callspec.params["bad_and_good"]
    _once_for_a_stress_case(case, run)
    done = run("merge", name, "good.md", "-o", "out", cwd=folder)
    assert "Traceback" not in done.stderr
    assert done.returncode == case.merge_status, done.stderr
    about_bad = [ln for ln in done.stderr.splitlines() if ln.startswith(f"{name}:")]
    if case.merge_message is None:
        assert about_bad == []
    else:
        assert about_bad and re.search(re.escape(name) + case.merge_message, about_bad[0])
    assert not any(ln.startswith("good.md:") for ln in done.stderr.splitlines())
    assert GOOD_MERGED in (folder / "out" / "good.md").read_text(encoding="utf-8")
    page = folder / "out" / name
    if case.merge_writes:
        assert case.merge_check(page.read_text(encoding="utf-8"))
    else:
        assert not page.exists()
    assert not (folder / "pwned").exists()


@pytest.mark.parametrize("case", PARAMS)
def test_lint_exit_status_for_the_bad_file_alone(case, tmp_path, monkeypatch, capsys):
    _needs_a_reader(case)
    if case.slow:
        pytest.skip("a stress case: the subprocess runs cover it")
    monkeypatch.chdir(tmp_path)
    bad = case.make(tmp_path / "bad.md")
    assert lint_main([bad.name]) == (1 if case.lint else 0)
    assert "Traceback" not in capsys.readouterr().err


def test_missing_paths(tmp_path, run):
    write_file(tmp_path / "good.md", GOOD)
    done = run("lint", "missing.md", "good.md", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "missing.md:1:1: IO001 no such file or folder" in done.stdout
    assert GOOD_FINDING.search(done.stdout)
    done = run("merge", "missing.md", "good.md", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "missing.md:1:1: IO001 cannot read file: No such file or directory" in done.stderr
    assert (tmp_path / "out" / "good.md").exists()


def test_folder_with_a_link_loop_is_walked_once(tmp_path, run):
    folder = tmp_path / "posts"
    write_file(folder / "good.md", GOOD)
    os.symlink(folder, folder / "again")  # a folder link back up: not followed
    _symlink_loop(folder / "loop.md")
    done = run("lint", "posts", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.count("FRG001") == 1
    assert "posts/loop.md:1:1: IO001 cannot read file: Too many levels" in done.stdout
    assert "posts/loop-b.md:1:1: IO001" in done.stdout


def _file_of(tmp_path: Path, size: int) -> Path:
    body = "x" * (size - len(article("Edge", "")) - 1) + "\n"
    path = write_file(tmp_path / f"edge-{size}.md", article("Edge", body))
    assert path.stat().st_size == size
    return path


@pytest.mark.slow
def test_a_file_just_under_the_size_limit_is_still_read(tmp_path):
    # The limit refuses dumps, not long articles: one a byte short is linted.
    path = _file_of(tmp_path, MAX_FILE_BYTES)
    assert lint_main([str(path), "--select", "IO", "--quiet"]) == 0


def test_the_size_limit_falls_between_two_bytes(tmp_path, monkeypatch, capsys):
    # The same edge as above with a 1 MB limit, so that it runs in no time.
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1024 * 1024)
    assert lint_main([str(_file_of(tmp_path, 1024 * 1024)), "--select", "IO", "-q"]) == 0
    assert lint_main([str(_file_of(tmp_path, 1024 * 1024 + 1)), "--select", "IO", "-q"]) == 1
    assert "IO001 file is larger than 1 MB; not linted" in capsys.readouterr().out


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   \n",
        "---END---\n",
        "---\n",
        "---\n---\n",
        "---\ntitle: [unclosed\n---\n\nBody.\n",
        "---\ntitle: x\n",
        "> " * 500 + "x\n",
        "".join("  " * i + "- x\n" for i in range(500)),
        "[" * 5000 + "\n",
        "**" * 5000 + "\n",
        "```\n" * 3 + "---END---\n```\n",
    ],
)
def test_merge_text_in_process_never_raises_and_settles(raw):
    page = merge_text(raw).text
    assert merge_text(page).text == page
