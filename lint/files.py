"""Finding Markdown files and reading them without ever raising.

A file that cannot be read becomes an IO finding and the run goes on; a
file that is not UTF-8 is read with replacement characters and reported
with the line of the first bad byte.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from .config import ALWAYS_EXCLUDED, LintConfig

_UTF8_BOM = b"\xef\xbb\xbf"
# An article is tens of kilobytes. Far beyond that a file is a dump or an
# attack, and reading and parsing it would take minutes and gigabytes.
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """What is wrong with a file (``fact``), and what a reader does about it.

    ``then`` may hold ``{verb}``: the linter says "not linted", the merge
    "not merged", and the Sphinx extension uses the fact alone.
    """

    code: str
    line: int
    column: int
    fact: str
    then: str = ""

    def worded(self, verb: str) -> str:
        return f"{self.fact}; {self.then.format(verb=verb)}" if self.then else self.fact

    @property
    def message(self) -> str:
        return self.worded("linted")


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    text: str | None  # None when nothing usable could be read
    problems: tuple[ReadProblem, ...] = ()


def read_source(path: str) -> Source:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never more, whatever the file
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return Source(path, None, (ReadProblem("IO001", 1, 1, f"cannot read file: {reason}"),))
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return Source(
            path,
            None,
            (ReadProblem("IO001", 1, 1, f"file is larger than {limit} MB", "not {verb}"),),
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            return Source(
                path,
                text.replace("\r\n", "\n").replace("\r", "\n"),
                (
                    ReadProblem(
                        "IO002",
                        1,
                        1,
                        "UTF-16 text, not UTF-8",
                        "{verb} as UTF-16 (save it as UTF-8)",
                    ),
                ),
            )
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data.count(b"\n", 0, at) + 1
        return Source(
            path,
            None,
            (
                ReadProblem(
                    "IO002", line, 1, f"binary file (NUL byte at line {line})", "not {verb}"
                ),
            ),
        )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    problems: tuple[ReadProblem, ...] = ()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        problems = (
            ReadProblem(
                "IO002",
                line,
                column,
                f"not UTF-8: byte 0x{byte} cannot be decoded at line {line}",
                "read with replacement characters (save the file as UTF-8)",
            ),
        )
        text = data.decode("utf-8", errors="replace")
    return Source(path, text.replace("\r\n", "\n").replace("\r", "\n"), problems)


def _starts_with_front_matter(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return True  # let the reader report it
    return head.removeprefix(_UTF8_BOM).startswith(b"---")


def discover(
    paths: list[str], config: LintConfig
) -> tuple[list[str], list[tuple[str, ReadProblem]]]:
    """Files to lint under ``paths``, sorted, and problems with the arguments.

    Folders are searched recursively without following links to folders, so
    a link loop cannot trap the walk. Files named explicitly are always
    linted, whatever their ending.
    """
    found: dict[str, str] = {}
    problems: list[tuple[str, ReadProblem]] = []
    suffixes = tuple(s.lower() for s in config.extensions)
    sniffed = tuple(s.lower() for s in config.text_extensions)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d not in ALWAYS_EXCLUDED
                    and not d.startswith(".")
                    and not config.is_excluded(os.path.join(folder, d))
                )
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    lower = name.lower()
                    if config.is_excluded(full):
                        continue
                    if lower.endswith(suffixes) or (
                        lower.endswith(sniffed) and _starts_with_front_matter(full)
                    ):
                        found.setdefault(os.path.normpath(full), full)
        elif path.exists() or path.is_symlink():
            found.setdefault(os.path.normpath(raw), raw)
        else:
            problems.append((raw, ReadProblem("IO001", 1, 1, "no such file or folder")))
    return sorted(found), problems
