"""``--fix`` and ``--diff``: the merge is the fix.

An article with a fragment marker left in it (an ``FRG001`` finding that is
selected and not silenced) was never merged; ``--fix`` merges it, as
``mystitch-merge --in-place`` would (with the same settings), and the run then lints what it wrote.
Nothing else is touched: a page without markers is not the merge's to change.

A file is rewritten whole or not at all (a temporary file renamed over it),
keeps its permission bits, its byte-order mark and its line ends (CRLF stays
CRLF). A file that is not clean UTF-8 is never rewritten: writing back the
replacement characters would destroy the bytes they stand for.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from .atomic import replace_file
from .files import ReadProblem, decode_source, describe_exception, read_bytes
from .findings import Finding
from .formats import FIXABLE
from .merge import MergeSettings, merge_text
from .merge.events import Event

_BOM = "\ufeff"


@dataclass(slots=True)
class Fix:
    path: str
    before: str = ""  # the text as linted: no BOM, plain newlines
    after: str = ""
    events: list[Event] = field(default_factory=list)
    problem: str = ""  # why the file was not fixed or not written
    crashed: bool = False  # the problem is an internal error

    @property
    def changed(self) -> bool:
        return not self.problem and self.after != self.before

    def diff(self) -> str:
        if not self.changed:
            return ""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

    def summary(self) -> str:
        """What the merge did, counted: ``stitched 2, dropped 1``."""
        counts = Counter(event.action.value for event in self.events)
        return ", ".join(f"{action} {count}" for action, count in sorted(counts.items()))


def fixable(findings: list[Finding]) -> list[str]:
    """The files --fix acts on, in order."""
    return sorted({f.path for f in findings if f.code == FIXABLE})


def merged(path: str, text: str, settings: MergeSettings) -> Fix:
    """The merge of ``text``; never raises (a bug costs this file its fix)."""
    try:
        result = merge_text(text, path, settings=settings)
    except Exception as exc:
        return Fix(path, text, text, problem=describe_exception(exc, path), crashed=True)
    return Fix(path, text, result.text, result.events)


def fix_file(path: str, settings: MergeSettings, write: bool = True) -> Fix:
    """Merge the file ``path`` and, with ``write``, put the result in its place."""
    data = read_bytes(path)
    if isinstance(data, ReadProblem):
        return Fix(path, problem=data.fact)
    source = decode_source(path, data)
    if source.text is None or source.problems:
        return Fix(path, problem="not clean UTF-8 text, so not rewritten")
    fix = merged(path, source.text, settings)
    if write and fix.changed:
        try:
            replace_file(path, styled(fix.after, data))
        except OSError as exc:
            fix.problem = f"cannot write: {exc.strerror or describe_exception(exc, path)}"
    return fix


def styled(text: str, like: bytes) -> str:
    """``text`` (plain newlines) with the line ends and byte-order mark of the
    bytes it was read from: CRLF when most lines of ``like`` end so."""
    if like.count(b"\r\n") * 2 > like.count(b"\n"):
        text = text.replace("\n", "\r\n")
    return _BOM + text if like.startswith(b"\xef\xbb\xbf") else text
