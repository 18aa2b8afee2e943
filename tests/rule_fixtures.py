"""Annotated example articles for the rule tests: finding, reading and checking them.

Layout (tests/rules/README.md says the same for people writing fixtures)::

    tests/rules/<CODE>/<name>.md          an article; its findings are written at its end
    tests/rules/<CODE>/quiet-<name>.md    a look-alike: it must not give <CODE>
    tests/rules/<CODE>/<name>/            a site: every .md in it, linted together
    tests/rules/xpass/<name>.md           a clean article: no finding at all, no annotation

The annotation is an HTML comment, the last thing in the file::

    <!-- expect
    12:1 FRG001 fragment marker '---END---' left in the text (1 of 1); merge the fragments with mystitch
    -->

one ``LINE:COLUMN CODE [MESSAGE]`` line per finding, or ``<!-- expect: none -->``.
A message, when given, must be part of the finding's message; ``{dir}``
stands for the fixture's folder, which cross-file messages name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mystitch.lint import Finding, LintConfig, lint_paths

RULES_DIR = Path(__file__).parent / "rules"
XPASS = "xpass"
QUIET = "quiet-"

_BLOCK = re.compile(rb"\n<!-- expect(?::[ ]none -->|\n(?P<body>.*?)-->)[ \t\r\n]*\Z", re.S)
_LINE = re.compile(r"^(\d+):(\d+) ([A-Z]+\d{3})(?: (.+))?$")


@dataclass(frozen=True)
class Expected:
    line: int
    column: int
    code: str
    message: str | None = None  # part of the finding's message, when given

    def __str__(self) -> str:
        where = f"{self.line}:{self.column} {self.code}"
        return f"{where} {self.message}" if self.message else where


@dataclass(frozen=True)
class Annotated:
    path: Path
    expected: list[Expected] | None  # None: the file has no annotation
    start: int  # byte offset of the annotation (the file's length without one)


def read_annotation(path: Path) -> Annotated:
    """The file's expectations; a line that is not one is an error, not a skip."""
    data = path.read_bytes()
    found = _BLOCK.search(data)
    if found is None:
        return Annotated(path, None, len(data))
    body = (found.group("body") or b"").decode("utf-8").replace("\r", "")
    expected = []
    for row in body.splitlines():
        matched = _LINE.match(row.strip())
        assert matched, f"{path}: not an expectation: {row!r} (write LINE:COLUMN CODE [MESSAGE])"
        line, column, code, message = matched.groups()
        expected.append(Expected(int(line), int(column), code, message))
    return Annotated(path, expected, found.start() + 1)


def without_annotation(path: Path) -> bytes:
    """The file as the rules would see it with no annotation at all."""
    return path.read_bytes()[: read_annotation(path).start]


def fixtures() -> list[Path]:
    """Every fixture: the .md files and the site folders under tests/rules/<folder>/."""
    return sorted(
        entry
        for folder in RULES_DIR.iterdir()
        if folder.is_dir()
        for entry in folder.iterdir()
        if entry.is_dir() or entry.suffix == ".md"
    )


def files_of(fixture: Path) -> list[Path]:
    return sorted(fixture.rglob("*.md")) if fixture.is_dir() else [fixture]


def lint_fixture(fixture: Path) -> dict[str, list[Finding]]:
    """Findings per file name (relative to a site's folder), in report order."""
    folder = fixture if fixture.is_dir() else fixture.parent
    found: dict[str, list[Finding]] = {}
    for finding in lint_paths([str(fixture)], LintConfig()).findings:
        found.setdefault(Path(finding.path).relative_to(folder).as_posix(), []).append(finding)
    return found


def shown(findings: list[Finding], folder: Path) -> list[str]:
    """Findings as annotation lines, with the folder written as ``{dir}``."""
    return [
        str(Expected(f.line, f.column, f.code, f.message.replace(str(folder), "{dir}")))
        for f in findings
    ]


def annotation(lines: list[str]) -> str:
    if not lines:
        return "<!-- expect: none -->\n"
    return "<!-- expect\n" + "".join(line + "\n" for line in lines) + "-->\n"


def rewrite(path: Path, findings: list[Finding], folder: Path) -> None:
    """Write today's findings into the file's annotation (``--update-golden``).

    A message already written that is still part of the finding's message is
    kept as it was, so a shortened one stays short.
    """
    old = {(e.line, e.column, e.code): e.message for e in read_annotation(path).expected or []}
    lines = []
    for finding in findings:
        kept = old.get((finding.line, finding.column, finding.code))
        full = finding.message.replace(str(folder), "{dir}")
        message = kept if kept and kept in full else full
        lines.append(str(Expected(finding.line, finding.column, finding.code, message)))
    text = without_annotation(path).rstrip(b"\r\n") + b"\n\n" + annotation(lines).encode()
    path.write_bytes(text)
