"""A cache of duplicate signatures, in the user's cache folder.

Comparing a file with every article of the project needs every article's
digest (lint.corpus): a hash and a line per paragraph, and the article's
identity. Reading and parsing thousands of articles at each commit would
cost as much as linting them, so the digests are kept between runs in one
SQLite file per project, in the user's cache folder, never in the project:

* ``MYSTITCH_CACHE_DIR`` when it is set;
* else ``$XDG_CACHE_HOME/mystitch`` or ``~/.cache/mystitch`` (Linux and other
  Unix), ``~/Library/Caches/mystitch`` (macOS), ``%LOCALAPPDATA%\\mystitch\\Cache``
  (Windows).

An entry is the file's size and modification time, a hash of its text and
its digest, for one *fingerprint*: the linter's own source and the settings a
digest depends on, so a new version or another marker never reads an old
digest. A file whose size or time changed is read again and its text hash
compared; only a changed text is parsed again. Writes are transactions, in
small batches, so two runs that race each see whole entries; a cache that
cannot be opened, is locked too long or is damaged is passed over (the
digests are computed instead), and never fails a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import struct
import sys
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from .config import LintConfig
from .corpus import Digest

ENV_DIR = "MYSTITCH_CACHE_DIR"
SCHEMA = 1
BATCH = 500  # rows per write transaction: short locks, little held in memory
TIMEOUT = 5.0  # seconds to wait for another run's write lock
# A modification time this close to when the entry was written may hide a
# second change within the file system's clock tick: such an entry is
# checked against the text's hash, as git does with "racily clean" entries.
RACY_NS = 2_000_000_000
# A project's cache not used for this long is deleted by the next run that
# opens the folder: projects come and go (a clone in /tmp, a test's folder).
UNUSED_DAYS = 30
# Settings that change what is linted or reported, not what a digest holds.
_NOT_IN_DIGEST = frozenset(
    (
        "select",
        "ignore",
        "per_file_ignores",
        "exclude",
        "force_exclude",
        "respect_gitignore",
        "jobs",
        "source",
        "root",
    )
)
_HEAD = struct.Struct("<QIII")  # article, title line, paragraphs, length of the id


def cache_dir() -> Path:
    """The folder of mystitch's cache for this user (see the module's docstring)."""
    chosen = os.environ.get(ENV_DIR)
    if chosen:
        return Path(chosen).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "mystitch" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "mystitch"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache"
    return base_dir / "mystitch"


def fingerprint(config: LintConfig) -> bytes:
    """What a digest depends on: the linter's source and the settings that shape it."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"schema {SCHEMA}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    for option in fields(config):
        if option.name not in _NOT_IN_DIGEST:
            digest.update(f"{option.name}={getattr(config, option.name)!r}\n".encode())
    return digest.digest()


def text_hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Stamp:
    """What says a file is unchanged: size and time, then the text's hash."""

    mtime_ns: int
    size: int
    text: bytes


def pack(found: Digest | None) -> bytes:
    """A digest as bytes (empty for a file without one, such as a page)."""
    if found is None:
        return b""
    ident = (found.article_id or "").encode("utf-8", "surrogatepass")
    flag = 1 if found.article_id is not None else 0
    head = _HEAD.pack(found.article, found.title_line, len(found.hashes), len(ident) << 1 | flag)
    return b"".join(
        (head, ident, found.hashes.tobytes(), found.lines.tobytes(), found.ends.tobytes())
    )


def unpack(path: str, data: bytes) -> Digest | None:
    """The digest ``pack`` wrote; raises ValueError for bytes it did not write."""
    if not data:
        return None
    article, title_line, count, ident = _HEAD.unpack_from(data)
    at = _HEAD.size
    size = ident >> 1
    article_id = data[at : at + size].decode("utf-8", "surrogatepass") if ident & 1 else None
    at += size
    hashes, lines, ends = array("Q"), array("I"), array("I")
    for part in (hashes, lines, ends):
        end = at + count * part.itemsize
        if end > len(data):
            raise ValueError("truncated digest")
        part.frombytes(data[at:end])
        at = end
    if at != len(data):
        raise ValueError("digest of the wrong length")
    return Digest(path, hashes, lines, ends, article, article_id, title_line)


def stamp_of(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class SignatureCache:
    """The digests of one project's files, keyed by their path in the project."""

    def __init__(self, connection: sqlite3.Connection, print_: bytes) -> None:
        self.db = connection
        self.fingerprint = print_
        self.pending: list[tuple[str, int, int, int, bytes, bytes, bytes]] = []
        self.broken = False

    @classmethod
    def open(
        cls, project: str, config: LintConfig, folder: Path | None = None
    ) -> SignatureCache | None:
        """The cache of ``project`` (a folder), or None when there can be none."""
        folder = folder or cache_dir()
        name = hashlib.blake2b(
            os.path.abspath(project).encode("utf-8", "surrogatepass"), digest_size=10
        )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _tag_cache_folder(folder)
            _sweep(folder)
            path = folder / f"duplicates-{name.hexdigest()}.sqlite3"
            db = sqlite3.connect(path, timeout=TIMEOUT)
            os.utime(path)  # in use: not swept
            db.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, mtime_ns INTEGER, "
                "size INTEGER, written_ns INTEGER, text BLOB, fingerprint BLOB, digest BLOB)"
            )
            db.commit()
        except (OSError, sqlite3.Error):
            return None
        return cls(db, fingerprint(config))

    def entries(self) -> dict[str, tuple[int, int, int, bytes]]:
        """Every entry of this fingerprint: path to (time, size, written, text hash)."""
        if self.broken:
            return {}
        try:
            rows = self.db.execute(
                "SELECT path, mtime_ns, size, written_ns, text FROM files WHERE fingerprint = ?",
                (self.fingerprint,),
            )
            return {path: (mtime, size, written, text) for path, mtime, size, written, text in rows}
        except sqlite3.Error:
            self.broken = True
            return {}

    def digest(self, key: str, path: str) -> Digest | None:
        """The stored digest of ``key``, named ``path``; raises KeyError when there is none."""
        if self.broken:
            raise KeyError(key)
        try:
            row = self.db.execute(
                "SELECT digest FROM files WHERE path = ? AND fingerprint = ?",
                (key, self.fingerprint),
            ).fetchone()
        except sqlite3.Error:
            self.broken = True
            raise KeyError(key) from None
        if row is None:
            raise KeyError(key)
        try:
            return unpack(path, row[0])
        except (ValueError, struct.error, UnicodeDecodeError):
            raise KeyError(key) from None

    def touch(self, key: str, stamp: Stamp) -> None:
        """``key``'s text is unchanged: keep its digest under its new time and size."""
        if self.broken:
            return
        try:
            with self.db:
                self.db.execute(
                    "UPDATE files SET mtime_ns = ?, size = ?, written_ns = ? "
                    "WHERE path = ? AND fingerprint = ?",
                    (stamp.mtime_ns, stamp.size, time.time_ns(), key, self.fingerprint),
                )
        except sqlite3.Error:
            self.broken = True

    def put(self, key: str, stamp: Stamp, found: Digest | None) -> None:
        self.pending.append(
            (
                key,
                stamp.mtime_ns,
                stamp.size,
                time.time_ns(),
                stamp.text,
                self.fingerprint,
                pack(found),
            )
        )
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        rows, self.pending = self.pending, []
        if self.broken or not rows:
            return
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", rows
                )
        except sqlite3.Error:
            self.broken = True

    def forget(self, keys: Iterable[str]) -> None:
        """Drop the entries of files that are no longer in the project, and
        those another version or setting wrote."""
        gone = [(key,) for key in keys]
        if self.broken:
            return
        try:
            with self.db:
                self.db.executemany("DELETE FROM files WHERE path = ?", gone)
                self.db.execute("DELETE FROM files WHERE fingerprint != ?", (self.fingerprint,))
        except sqlite3.Error:
            self.broken = True

    def close(self) -> None:
        self.flush()
        with contextlib.suppress(sqlite3.Error):
            self.db.close()


def _sweep(folder: Path) -> None:
    """Delete the caches of projects no run has opened for UNUSED_DAYS."""
    limit = time.time() - UNUSED_DAYS * 86400
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith("duplicates-") and entry.name.endswith(".sqlite3"):
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < limit:
                        os.unlink(entry.path)


def _tag_cache_folder(folder: Path) -> None:
    """Mark the folder as a cache (CACHEDIR.TAG), so that backups skip it."""
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        with contextlib.suppress(OSError):
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file marks mystitch-lint's cache folder; see https://bford.info/cachedir/\n",
                encoding="ascii",
            )
