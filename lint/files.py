"""Reading files without ever raising.

A file that cannot be read becomes an IO finding and the run goes on; a
file that is not UTF-8 is read with replacement characters and reported
with the line of the first bad byte.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import traceback
from dataclasses import dataclass

_UTF8_BOM = b"\xef\xbb\xbf"
# An article is tens of kilobytes. Far beyond that a file is a dump or an
# attack, and reading and parsing it would take minutes and gigabytes.
MAX_FILE_BYTES = 10 * 1024 * 1024
# Lines cost more than their bytes (each is a node, a token, a line-map
# entry): two million one-character lines took a Sphinx build 220 s and
# 4.8 GB, four megabytes of 80-character lines 9.5 s and 268 MB.
MAX_FILE_LINES = 200_000  # a hundred times a long article's


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


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# O_NONBLOCK lets open() return at once on a FIFO with no writer; Windows has
# neither the flag nor FIFOs. O_BINARY is Windows only.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def _not_regular(mode: int) -> ReadProblem:
    """The problem with a path that is there but is no regular file."""
    return ReadProblem("IO001", 1, 1, f"not a regular file ({_kind(mode)})", "not {verb}")


def _cannot_read(exc: OSError) -> ReadProblem:
    reason = exc.strerror or exc.__class__.__name__
    return ReadProblem("IO001", 1, 1, f"cannot read file: {reason}")


def _open_regular(path: str) -> int | ReadProblem:
    """A descriptor open on ``path`` if it is a regular file, else the problem.

    Nothing else is ever opened for reading: a FIFO would block until some
    writer came, and a device such as /dev/zero never ends. The mode is
    checked before opening (opening a device can have effects of its own) and
    again on the descriptor, in case the path changed in between.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None  # missing, a link loop...: open() below names the reason
    if mode is not None and not stat.S_ISREG(mode):
        return _not_regular(mode)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return _cannot_read(exc)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            return _not_regular(mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file ignores the flag; be plain anyway
    except OSError as exc:
        os.close(fd)
        return _cannot_read(exc)
    return fd


def read_bytes(path: str) -> bytes | ReadProblem:
    """The bytes of a regular file (at most one more than the limit), or the problem."""
    opened = _open_regular(path)
    if isinstance(opened, ReadProblem):
        return opened
    try:
        with open(opened, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)  # never more, whatever the file
    except OSError as exc:
        return _cannot_read(exc)


def read_source(path: str) -> Source:
    data = read_bytes(path)
    if isinstance(data, ReadProblem):
        return Source(path, None, (data,))
    return decode_source(path, data)


def read_stdin() -> bytes | ReadProblem:
    """The bytes of standard input (at most one more than the limit), or the problem."""
    try:
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError, AttributeError) as exc:  # closed, or no stdin at all
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        return ReadProblem("IO001", 1, 1, f"cannot read standard input: {reason}")


def decode_source(path: str, data: bytes) -> Source:
    """What a reader gets from ``data``: UTF-8 text with plain newlines, or the problem."""
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return Source(
            path,
            None,
            (ReadProblem("IO001", 1, 1, f"file is larger than {limit} MB", "not {verb}"),),
        )
    if data.count(b"\n") > MAX_FILE_LINES:
        fact = f"file has more than {MAX_FILE_LINES:,} lines"
        return Source(path, None, (ReadProblem("IO001", 1, 1, fact, "not {verb}"),))
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


def describe_exception(exc: BaseException, where: str) -> str:
    """``exc`` in one line, its type first; the traceback, on request only.

    The traceback goes to standard error when ``MYSTITCH_DEBUG`` is set: a
    bug costs one clear line, and whoever reports it can ask for the rest.
    """
    if os.environ.get("MYSTITCH_DEBUG", "") not in ("", "0"):
        print(f"{where}: internal error:", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
    detail = str(exc).strip().splitlines()
    return exc.__class__.__name__ + (f": {detail[0][:200]}" if detail else "")


def internal_error(path: str, exc: BaseException) -> ReadProblem:
    """An exception nobody expected while handling ``path``, as its problem."""
    return ReadProblem(
        "IO003",
        1,
        1,
        f"internal error: {describe_exception(exc, path)}",
        "not {verb} (please report it)",
    )


# The document model's front-matter opener (metadata.OPENING) on the first line.
_OPENER = re.compile(rb"-{3,}[ \t]*(?:\r|\n|$)")
HEAD_BYTES = 512  # enough for the first line of any front matter


def starts_with_front_matter(head: bytes) -> bool:
    """Whether a file that starts with ``head`` opens with front matter, as the
    document model reads it: ``---`` (or more dashes) alone on the first line,
    after an optional byte-order mark. How a ``.txt`` file is told to be an
    article, by the linter and the Sphinx extension alike."""
    return _OPENER.match(head.removeprefix(_UTF8_BOM)) is not None


def read_head(path: str, size: int = HEAD_BYTES) -> bytes | None:
    """The first ``size`` bytes of a regular file; None for anything else (never blocks)."""
    opened = _open_regular(path)
    if isinstance(opened, ReadProblem):
        return None
    try:
        with open(opened, "rb") as handle:
            return handle.read(size)
    except OSError:
        return None


def regular_or_problem(path: str) -> ReadProblem | None:
    """Why ``path`` is not a file to read, if it exists and is no regular file.

    Paths that cannot be looked at are left to the reader, which names the
    reason (a broken link, a link loop).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else _not_regular(mode)
