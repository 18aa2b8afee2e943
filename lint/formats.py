"""Output formats: text, json, sarif (GitHub code scanning), github annotations."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

from . import __version__
from .files import read_source
from .findings import Finding
from .rules import RULES

FORMATS: dict[str, Callable[..., str]] = {}
FIXABLE = "FRG001"  # what --fix acts on: a marker left in the text, an article never merged


def formatter(name: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    def register(func: Callable[..., str]) -> Callable[..., str]:
        FORMATS[name] = func
        return func

    return register


@formatter("text")
def as_text(findings: list[Finding]) -> str:
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n" for f in findings)


@formatter("json")
def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning"}


def sarif_uri(path: str) -> str:
    """``path`` as a SARIF ``artifactLocation.uri``: a relative reference with
    every character a URI may not hold percent-encoded (spaces, ``#``, ``%``,
    non-ASCII as UTF-8), or a ``file:`` URI for an absolute path."""
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return Path(path).as_uri()
    while path.startswith("./"):
        path = path[2:]
    # ":" is encoded too: "a:b.md" would otherwise read as a URI with scheme "a".
    return quote(path, safe="/")


def _utf16_column(line: str | None, column: int) -> int:
    """A 1-based column in characters, as UTF-16 code units: what SARIF
    viewers count by default. Characters beyond the BMP (emoji) take two."""
    if line is None:
        return column
    return column + sum(1 for char in line[: column - 1] if char > "\uffff")


class _Lines:
    """The lines of the file findings point into, read again for SARIF's columns
    (findings come sorted by file, so one file is held at a time)."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self.path: str | None = None
        self.lines: list[str] = []

    def __call__(self, path: str, line: int) -> str | None:
        if path != self.path:
            self.path = path
            text = self.texts.get(path)
            if text is None:
                text = read_source(path).text or ""
            self.lines = text.split("\n")
        return self.lines[line - 1] if 0 < line <= len(self.lines) else None


def _region(f: Finding, lines: _Lines) -> dict[str, int]:
    column = f.column
    # IO findings are about bytes (IO002's column counts them), not text: as found.
    if column > 1 and not f.code.startswith("IO"):
        column = _utf16_column(lines(f.path, f.line), column)
    return {"startLine": f.line, "startColumn": column, "endLine": max(f.end_line, f.line)}


@formatter("sarif")
def as_sarif(findings: list[Finding], texts: Mapping[str, str] | None = None) -> str:
    """The SARIF log; ``texts`` holds the text of files not on disk (standard input)."""
    lines = _Lines(texts or {})
    used = sorted({f.code for f in findings} | set(RULES))
    index = {code: i for i, code in enumerate(used)}
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "defaultConfiguration": {"level": _SARIF_LEVEL[RULES[code].severity]},
            "help": {"text": f"{code} {RULES[code].name}: {RULES[code].summary}"},
        }
        for code in used
    ]
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(f.path)},
                        "region": _region(f, lines),
                    }
                }
            ],
        }
        for f in findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mystitch-lint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/mystitch/",
                        "rules": rules,
                    }
                },
                "results": results,
                # Columns of "region" count UTF-16 code units (GitHub's default),
                # converted from the characters that text and json count.
                "columnKind": "utf16CodeUnits",
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    """One finding as a GitHub Actions workflow command (an annotation)."""
    kind = "error" if f.severity == "error" else "warning"
    props = ",".join(
        [
            f"file={_escape_property(f.path)}",
            f"line={f.line}",
            f"endLine={max(f.end_line, f.line)}",
            f"col={f.column}",
            f"title={_escape_property(f.code + ' ' + RULES[f.code].name)}",
        ]
    )
    return f"::{kind} {props}::{_escape_data(f.message)}\n"


@formatter("github")
def as_github(findings: list[Finding]) -> str:
    return "".join(github_line(f) for f in findings)


# --- --statistics -----------------------------------------------------------------


def _counts(findings: list[Finding]) -> list[tuple[str, int]]:
    """(code, count), most frequent first, then by code."""
    counts = Counter(f.code for f in findings)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def statistics_text(findings: list[Finding]) -> str:
    """One line per rule with findings, as ruff's ``--statistics``:
    count, code, ``[*]`` when ``--fix`` acts on it, and the rule's name."""
    rows = _counts(findings)
    width = max((len(str(count)) for _, count in rows), default=1)
    return "".join(
        f"{count:>{width}}  {code:<6}  {'[*]' if code == FIXABLE else '   '} {RULES[code].name}\n"
        for code, count in rows
    )


def statistics_json(findings: list[Finding]) -> str:
    rows = [
        {"code": code, "name": RULES[code].name, "count": count, "fixable": code == FIXABLE}
        for code, count in _counts(findings)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


STATISTICS: dict[str, Callable[[list[Finding]], str]] = {
    "text": statistics_text,
    "json": statistics_json,
}
