"""Findings written as they are read, in every output format.

A run over thousands of articles may have hundreds of thousands of
findings; they are formatted one at a time instead of as one string. The
bytes are exactly those of lint.formats (the tests compare them). A report
file is written beside its target and renamed over it at the end, so it is
whole or not there.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TextIO

from .findings import Finding
from .formats import (
    _SARIF_LEVEL,
    _Lines,
    _region,
    as_sarif,
    github_line,
    sarif_uri,
)
from .rules import RULES

_RESULTS = '"results": []'


class Writer:
    """Writes findings to ``out`` in one format: ``write`` each, then ``close``."""

    def __init__(self, fmt: str, out: TextIO | IO[str], texts: Mapping[str, str] | None = None):
        self.fmt = fmt
        self.out = out
        self.count = 0
        self.lines = _Lines(texts or {}) if fmt == "sarif" else None
        self._tail = ""
        self._indent = ""
        if fmt == "sarif":
            skeleton = as_sarif([])
            at = skeleton.index(_RESULTS)
            start = skeleton.rindex("\n", 0, at) + 1
            self._indent = skeleton[start:at] + "  "
            self._head = skeleton[: at + len(_RESULTS) - 1]
            self._empty = skeleton
            self._tail = skeleton[at + len(_RESULTS) - 1 :]
            self._index = {code: i for i, code in enumerate(sorted(RULES))}

    def write(self, f: Finding) -> None:
        first = self.count == 0
        self.count += 1
        if self.fmt == "text":
            self.out.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
        elif self.fmt == "github":
            self.out.write(github_line(f))
        elif self.fmt == "json":
            self.out.write("[\n" if first else ",\n")
            self.out.write(_indented(json.dumps(f.as_dict(), ensure_ascii=False, indent=2), "  "))
        elif self.fmt == "sarif":
            self.out.write(self._head + "\n" if first else ",\n")
            self.out.write(_indented(self._sarif(f), self._indent))
        else:  # pragma: no cover - the command line offers no other
            raise ValueError(f"unknown format {self.fmt!r}")

    def close(self) -> None:
        """Finish the document (json and sarif)."""
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "sarif":
            if self.count == 0:
                self.out.write(self._empty)
            else:
                self.out.write("\n" + self._indent[:-2] + self._tail)

    def _sarif(self, f: Finding) -> str:
        assert self.lines is not None
        if f.code not in self._index:  # a code not in the catalogue: as the formatter does
            return _sarif_result_slow(f)
        result = {
            "ruleId": f.code,
            "ruleIndex": self._index[f.code],
            "level": _SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(f.path)},
                        "region": _region(f, self.lines),
                    }
                }
            ],
        }
        return json.dumps(result, ensure_ascii=False, indent=2)


def _sarif_result_slow(f: Finding) -> str:
    log = json.loads(as_sarif([f]))
    return json.dumps(log["runs"][0]["results"][0], ensure_ascii=False, indent=2)


def _indented(text: str, prefix: str) -> str:
    return prefix + text.replace("\n", "\n" + prefix)


class Tally:
    """What the summary needs, counted as findings go by."""

    def __init__(self) -> None:
        self.count = 0
        self.codes: Counter[str] = Counter()
        self.crashed: set[str] = set()
        self.fixable: set[str] = set()

    def add(self, f: Finding, internal: str, fixable: str) -> None:
        self.count += 1
        self.codes[f.code] += 1
        if f.code == internal:
            self.crashed.add(f.path)
        elif f.code == fixable:
            self.fixable.add(f.path)

    def stand_ins(self) -> list[Finding]:
        """One shared finding per occurrence of each code: enough for --statistics."""
        out: list[Finding] = []
        for code, count in self.codes.items():
            out.extend([Finding("", 0, 0, code, "")] * count)
        return out


class AtomicFile:
    """A text file written beside ``path`` and renamed over it by ``commit``."""

    def __init__(self, path: str) -> None:
        target = Path(os.path.realpath(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        fd, self.temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
        self.handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        from .merge_cli import _target_mode, _umask

        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            mode = _target_mode(self.target, 0o666 & ~_umask())
            if hasattr(os, "fchmod"):
                os.fchmod(self.handle.fileno(), mode)
            self.handle.close()
            if not hasattr(os, "fchmod"):  # Windows
                os.chmod(self.temporary, mode)
            os.replace(self.temporary, self.target)
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temporary)
