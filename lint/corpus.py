"""Duplicates across files: compact signatures and one linear pass over them.

Each file is reduced to a digest in the worker that linted it: a 64-bit hash
per prose paragraph (an ``array('Q')``, with the paragraphs' lines beside it
in ``array('I')``) and the article's identity, about 16 bytes a paragraph.
The cross-file pass compares the digests of a *universe* of files (every
article of the project, or the files of the run) without ever comparing two
files directly, and reports only for the files that were checked.

Files are taken in a fixed order (sorted paths); of a pair, the later file is
the one reported, naming the earlier. A file's findings depend only on the
file and the universe, so they are the same whichever other files are
checked in the same run.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .document import Document
from .findings import Hit
from .metadata import parse_date
from .text import comparison_key

SAME_ARTICLE_SHARE = 0.5  # of a file's paragraphs found in one other file
SAME_ARTICLE_MIN = 3
_BUCKET_SHIFT = 58  # 64 buckets by the top bits of a hash, each sorted on its own


def _hashes() -> array[int]:
    return array("Q")


def _lines() -> array[int]:
    return array("I")


@dataclass(slots=True)
class Digest:
    path: str
    hashes: array[int] = field(default_factory=_hashes)  # one per paragraph
    lines: array[int] = field(default_factory=_lines)  # its first line
    ends: array[int] = field(default_factory=_lines)  # its last line
    article: int = 0  # hash of (title key, date) when both are known, else 0
    article_id: str | None = None
    title_line: int = 1

    @property
    def paragraphs(self) -> list[tuple[int, int, int]]:
        """(hash, line, end line) of each paragraph."""
        return list(zip(self.hashes, self.lines, self.ends, strict=True))

    def add(self, key: str, line: int, end: int) -> None:
        self.hashes.append(key_hash(key))
        self.lines.append(line)
        self.ends.append(end)


def key_hash(key: str) -> int:
    """A comparison key as a 64-bit number (never 0, which means "none")."""
    value = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
    return value or 1


def digest(document: Document, min_chars: int) -> Digest:
    result = Digest(document.path, title_line=document.front_matter.line_of("title"))
    for block in document.prose():
        if len(block.key) >= min_chars:
            result.add(block.key, block.line, block.end_line)
    data = document.front_matter.data
    title = comparison_key(document.title)
    date = parse_date(data.get("date"))
    if title and date is not None:
        result.article = key_hash(f"{title}\x00{date.date().isoformat()}")
    if data.get("id") not in (None, ""):
        result.article_id = str(data["id"])
    return result


def _shared_hashes(digests: Iterable[Digest]) -> set[int]:
    """The hashes that stand in two files or more.

    Every file's distinct hashes go to one of 64 compact buckets, and each
    bucket is sorted on its own, so the pass never holds more than a
    sixty-fourth of the hashes as Python numbers.
    """
    buckets = [array("Q") for _ in range(1 << (64 - _BUCKET_SHIFT))]
    for current in digests:
        for value in set(current.hashes):
            buckets[value >> _BUCKET_SHIFT].append(value)
    shared: set[int] = set()
    for index, bucket in enumerate(buckets):
        ordered = sorted(bucket)
        buckets[index] = array("Q")  # let the bucket go as soon as it is read
        previous = None
        for value in ordered:
            if value == previous:
                shared.add(value)
            previous = value
    return shared


Hits = list[tuple[str, Hit]]


def cross_file_hits(
    digests: Sequence[Digest],
    checked: Callable[[int], bool] | None = None,
    shown: Callable[[int], str] | None = None,
) -> Iterator[tuple[int, Hits]]:
    """(index, hits) of each checked file with findings: DUP006 for a whole
    repeated article, else DUP005 for each paragraph found in an earlier file.

    ``digests`` is the universe, in order; ``checked(i)`` says whether file
    ``i`` is reported on (default: all), and ``shown(i)`` how another file is
    named in a message (default: its path).
    """
    shared = _shared_hashes(digests)
    first_seen: dict[int, tuple[int, int]] = {}  # shared hash: (file, line) of its first copy
    articles: dict[int, int] = {}
    ids: dict[str, int] = {}
    name = shown or (lambda index: digests[index].path)
    for index, current in enumerate(digests):
        report = checked is None or checked(index)
        shared_with: Counter[int] = Counter()
        matches: list[tuple[int, int, int, int]] = []  # other file, other line, line, end
        for key, line, end in zip(current.hashes, current.lines, current.ends, strict=True):
            if key not in shared:
                continue
            seen = first_seen.get(key)
            if seen is None:
                first_seen[key] = (index, line)
            elif seen[0] != index and report:
                shared_with[seen[0]] += 1
                matches.append((seen[0], seen[1], line, end))
        same: int | None = None
        reason = ""
        if not report:
            pass
        elif current.article_id is not None and current.article_id in ids:
            same, reason = ids[current.article_id], f"same id {current.article_id!r}"
        elif (
            current.article
            and current.article in articles
            # Different ids say "different articles", whatever the titles.
            and not (current.article_id and digests[articles[current.article]].article_id)
        ):
            same, reason = articles[current.article], "same title and date"
        elif shared_with:
            other, count = shared_with.most_common(1)[0]
            total = len(current.hashes)
            if count >= SAME_ARTICLE_MIN and count >= SAME_ARTICLE_SHARE * total:
                same, reason = other, f"{count} of {total} paragraphs shared"
        if current.article_id is not None:
            ids.setdefault(current.article_id, index)
        if current.article:
            articles.setdefault(current.article, index)
        if not report:
            continue
        hits: Hits = []
        if same is not None:
            hits.append(
                (
                    "DUP006",
                    Hit(
                        current.title_line,
                        f"same article as {name(same)} ({reason}); keep one copy "
                        "or give them different ids",
                    ),
                )
            )
        for other, other_line, line, end in matches:
            if other == same:
                continue
            hits.append(
                (
                    "DUP005",
                    Hit(line, f"paragraph also stands in {name(other)}:{other_line}", end_line=end),
                )
            )
        if hits:
            yield index, hits


def cross_file(digests: list[Digest]) -> dict[str, Hits]:
    """Findings by path among ``digests`` alone, every one of them checked."""
    return {digests[index].path: hits for index, hits in cross_file_hits(digests)}
