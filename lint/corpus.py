"""Duplicates across files: one hash table over every paragraph of the run.

Each file is reduced to a digest (paragraph hashes with their lines, and
the article's identity) in the worker that linted it, so the cross-file
pass is a single linear walk with no pair of files ever compared directly.
Files are walked in sorted order; the later file of a pair is the one
reported, naming the earlier.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from .document import Document
from .findings import Hit
from .metadata import parse_date
from .text import comparison_key

SAME_ARTICLE_SHARE = 0.5  # of a file's paragraphs found in one other file
SAME_ARTICLE_MIN = 3


@dataclass(slots=True)
class Digest:
    path: str
    paragraphs: list[tuple[bytes, int, int]] = field(default_factory=list)  # hash, line, end
    article: tuple[str, str] | None = None  # (title key, date) when both are known
    article_id: str | None = None
    title_line: int = 1


def _hash(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


def digest(document: Document, min_chars: int) -> Digest:
    result = Digest(document.path, title_line=document.front_matter.line_of("title"))
    for block in document.prose():
        if len(block.key) >= min_chars:
            result.paragraphs.append((_hash(block.key), block.line, block.end_line))
    data = document.front_matter.data
    title = comparison_key(document.title)
    date = parse_date(data.get("date"))
    if title and date is not None:
        result.article = (title, date.date().isoformat())
    if data.get("id") not in (None, ""):
        result.article_id = str(data["id"])
    return result


def cross_file(digests: list[Digest]) -> dict[str, list[tuple[str, Hit]]]:
    """Findings by path: DUP006 for a whole repeated article, else DUP005."""
    first_seen: dict[bytes, tuple[int, int]] = {}
    articles: dict[tuple[str, str], int] = {}
    ids: dict[str, int] = {}
    out: dict[str, list[tuple[str, Hit]]] = {}
    for index, current in enumerate(digests):
        shared: Counter[int] = Counter()
        matches: list[tuple[int, int, int, int]] = []  # other file, other line, line, end
        for key, line, end in current.paragraphs:
            seen = first_seen.get(key)
            if seen is None:
                first_seen[key] = (index, line)
            elif seen[0] != index:
                shared[seen[0]] += 1
                matches.append((seen[0], seen[1], line, end))
        same: int | None = None
        reason = ""
        if current.article_id is not None and current.article_id in ids:
            same, reason = ids[current.article_id], f"same id {current.article_id!r}"
        elif (
            current.article is not None
            and current.article in articles
            # Different ids say "different articles", whatever the titles.
            and not (current.article_id and digests[articles[current.article]].article_id)
        ):
            same, reason = articles[current.article], "same title and date"
        elif shared:
            other, count = shared.most_common(1)[0]
            total = len(current.paragraphs)
            if count >= SAME_ARTICLE_MIN and count >= SAME_ARTICLE_SHARE * total:
                same, reason = other, f"{count} of {total} paragraphs shared"
        if current.article_id is not None:
            ids.setdefault(current.article_id, index)
        if current.article is not None:
            articles.setdefault(current.article, index)
        hits = out.setdefault(current.path, [])
        if same is not None:
            hits.append(
                (
                    "DUP006",
                    Hit(
                        current.title_line,
                        f"same article as {digests[same].path} ({reason}); keep one copy "
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
                    Hit(
                        line,
                        f"paragraph also stands in {digests[other].path}:{other_line}",
                        end_line=end,
                    ),
                )
            )
    return out
