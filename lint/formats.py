"""Output formats: text, json, sarif (GitHub code scanning), github annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from . import __version__
from .findings import Finding
from .rules import RULES

FORMATS: dict[str, Callable[[list[Finding]], str]] = {}


def formatter(
    name: str,
) -> Callable[[Callable[[list[Finding]], str]], Callable[[list[Finding]], str]]:
    def register(func: Callable[[list[Finding]], str]) -> Callable[[list[Finding]], str]:
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


@formatter("sarif")
def as_sarif(findings: list[Finding]) -> str:
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
                        "artifactLocation": {"uri": f.path.replace("\\", "/").removeprefix("./")},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": max(f.end_line, f.line),
                        },
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
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@formatter("github")
def as_github(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
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
        lines.append(f"::{kind} {props}::{_escape_data(f.message)}\n")
    return "".join(lines)
