"""The catalog: what every article's front matter says, for the indexes.

It is built before Sphinx reads anything, from the raw YAML of the articles
that were added or changed (the others keep their entry from the last build),
so every reader, in every process, sees the whole site's tags and categories
while it reads one page. myst-parser's ``env.metadata`` is not used: it holds
lists as JSON strings.

One article saved in several files (the same ``id``, or the same title and
day) is one article here: the file whose merged text is longest is published,
with the tags and categories of all of them, and the others point to it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mystitch.lint.document import parse_document
from mystitch.lint.files import read_source
from mystitch.lint.merge import merge_document
from mystitch.lint.metadata import FrontMatter, parse_date, split_front_matter
from mystitch.lint.text import comparison_key, is_mostly_cjk

from .terms import term_key, term_slug, term_values, unique_terms

KINDS = ("tag", "category")


@dataclass(frozen=True, slots=True)
class Entry:
    """One article as its front matter describes it."""

    docname: str
    path: str
    title: str
    date: str = ""  # ISO 8601 in the article's own zone; empty when undated
    when: float = 0.0  # the same instant as a POSIX time, for sorting across zones
    author: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    excerpt: str = ""
    ident: str = ""
    japanese: bool = False
    # (file line, message): front matter values that were not what we expected
    problems: tuple[tuple[int, str], ...] = ()

    def terms(self, kind: str) -> tuple[str, ...]:
        return self.tags if kind == "tag" else self.categories

    @property
    def identity(self) -> str:
        """Files with the same identity are one article."""
        if self.ident:
            return "id:" + self.ident
        return f"title:{comparison_key(self.title)}@{self.date[:10]}"

    @property
    def listing(self) -> tuple[str, str, str, str]:
        """What an article list shows of this entry: a change re-reads the list."""
        return (self.docname, self.title, self.date, self.excerpt)


@dataclass(frozen=True, slots=True)
class Term:
    kind: str
    key: str
    slug: str
    name: str
    docnames: tuple[str, ...]  # published articles, newest first


def scan(
    docname: str, path: str, text: str, max_terms: int
) -> tuple[Entry | None, FrontMatter | None]:
    """The entry of one file (None if it is no article) and its front matter.

    Only the front matter is loaded here; the body waits for the reader, who
    is handed this front matter rather than parsing the YAML again.
    """
    front = split_front_matter(text.split("\n"))
    data = front.data
    title = data.get("title")
    if not front.present or front.error is not None or not isinstance(title, str):
        return None, front
    if not title.strip():
        return None, front
    problems: list[tuple[int, str]] = []
    terms: dict[str, tuple[str, ...]] = {}
    for kind, name in (("tag", "tags"), ("category", "categories")):
        values, issues = term_values(data.get(name))
        line = front.key_lines.get(name, 1)
        problems.extend((line, f"{name}: {issue}") for issue in issues)
        values = unique_terms(values)
        if len(values) > max_terms:
            problems.append(
                (
                    line,
                    f"{name}: {len(values):,} entries; the first {max_terms} are kept "
                    f"(mystitch_max_terms)",
                )
            )
            values = values[:max_terms]
        terms[kind] = tuple(values)
    date = parse_date(data.get("date"))
    if data.get("date") is not None and date is None:
        problems.append(
            (
                front.key_lines.get("date", 1),
                f"date: {str(data.get('date'))[:40]!r} is not a date; the article is undated",
            )
        )
    ident = data.get("id")
    entry = Entry(
        docname=docname,
        path=path,
        title=" ".join(title.split()),
        date=date.isoformat() if date else "",
        when=date.timestamp() if date else 0.0,
        author=_text(data.get("author")),
        tags=terms["tag"],
        categories=terms["category"],
        excerpt=_text(data.get("excerpt")),
        ident=str(ident).strip() if isinstance(ident, str | int) and str(ident).strip() else "",
        japanese=is_mostly_cjk(title + _text(data.get("excerpt"))),
        problems=tuple(problems),
    )
    return entry, front


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def completeness(path: str, marker: str) -> int:
    """How much text an article has once merged: the longest copy wins."""
    source = read_source(path)
    if source.text is None:
        return 0
    merged = merge_document(parse_document(path, source.text, marker))
    return len(comparison_key(merged.text))


@dataclass
class Catalog:
    entries: dict[str, Entry] = field(default_factory=dict)
    # non-canonical copy -> the docname published in its place
    copy_of: dict[str, str] = field(default_factory=dict)
    # canonical docname -> every file of the article (itself included)
    copies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    published: dict[str, Entry] = field(default_factory=dict)
    terms: dict[str, dict[str, Term]] = field(default_factory=dict)
    slugs: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> slug -> key
    newest: tuple[str, ...] = ()
    # "YYYY", "YYYY-MM" or "" (undated) -> published docnames, newest first
    periods: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # docname -> (file stamp, merged size), so copies are merged once
    sizes: dict[str, tuple[tuple[int, int], int]] = field(default_factory=dict)

    def rebuild(self, marker: str) -> set[str]:
        """Group copies, pick what is published, index the terms.

        Returns the docnames whose copy status changed: they must be read
        again, the published copy to show the union of terms, the others to
        show a pointer.
        """
        old_copy_of, old_copies = self.copy_of, self.copies
        groups: dict[str, list[str]] = defaultdict(list)
        for docname in sorted(self.entries):
            groups[self.entries[docname].identity].append(docname)
        self.copy_of, self.copies, self.published = {}, {}, {}
        for members in groups.values():
            if len(members) == 1:
                self.published[members[0]] = self.entries[members[0]]
                continue
            best = max(members, key=lambda name: (self._size(name, marker), -len(name)))
            self.copies[best] = tuple(members)
            for member in members:
                if member != best:
                    self.copy_of[member] = best
            self.published[best] = replace(
                self.entries[best],
                tags=_union(self.entries[m].tags for m in [best, *members]),
                categories=_union(self.entries[m].categories for m in [best, *members]),
            )
        self.sizes = {name: value for name, value in self.sizes.items() if name in self.entries}
        self._index()
        changed = {
            name
            for name in self.entries
            if self.copy_of.get(name) != old_copy_of.get(name)
            or self.copies.get(name) != old_copies.get(name)
        }
        return changed

    def _size(self, docname: str, marker: str) -> int:
        current = file_stamp(self.entries[docname].path)
        cached = self.sizes.get(docname)
        if cached is None or cached[0] != current:
            cached = (current, completeness(self.entries[docname].path, marker))
            self.sizes[docname] = cached
        return cached[1]

    def _index(self) -> None:
        order = sorted(self.published.values(), key=newest_first)
        self.newest = tuple(entry.docname for entry in order)
        periods: dict[str, list[str]] = defaultdict(list)
        for entry in order:
            if entry.date:
                periods[entry.date[:4]].append(entry.docname)
                periods[entry.date[:7]].append(entry.docname)
            else:
                periods[""].append(entry.docname)
        self.periods = {key: tuple(value) for key, value in periods.items()}
        self.terms, self.slugs = {}, {}
        for kind in KINDS:
            members: dict[str, list[str]] = defaultdict(list)
            spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for entry in order:
                for name in entry.terms(kind):
                    key = term_key(name)
                    members[key].append(entry.docname)
                    spellings[key][name] += 1
            table: dict[str, Term] = {}
            for key, docnames in members.items():
                # The most used spelling names the term; ties go to the first in
                # code point order, so the name does not depend on read order.
                name = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
                table[key] = Term(kind, key, term_slug(key), name, tuple(docnames))
            self.terms[kind] = table
            self.slugs[kind] = {term.slug: key for key, term in table.items()}

    def term(self, kind: str, name: str) -> Term | None:
        """A term by name as written, by key, or by page name."""
        table = self.terms.get(kind, {})
        key = term_key(name)
        if key in table:
            return table[key]
        key = self.slugs.get(kind, {}).get(name.strip())
        return table.get(key) if key else None

    def select(
        self, *, kind: str = "", name: str = "", period: str | None = None, limit: int = 0
    ) -> list[Entry]:
        """Published articles, newest first: all, of one term, or of one period.

        ``period`` is ``"YYYY"``, ``"YYYY-MM"``, or ``""`` for undated ones.
        """
        if kind:
            term = self.term(kind, name)
            docnames: tuple[str, ...] = term.docnames if term else ()
            if period is not None:
                docnames = tuple(d for d in docnames if self._in(d, period))
        elif period is not None:
            docnames = self.periods.get(period, ())
        else:
            docnames = self.newest
        if limit:
            docnames = docnames[:limit]
        return [self.published[docname] for docname in docnames]

    def _in(self, docname: str, period: str) -> bool:
        date = self.published[docname].date
        return date.startswith(period) if period else not date


def newest_first(entry: Entry) -> tuple[int, float, str, str]:
    # Undated articles go last; among equals the title, then the docname decides.
    return (0 if entry.date else 1, -entry.when, entry.title, entry.docname)


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(unique_terms(name for group in groups for name in group))


def fingerprint(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


def file_stamp(path: str) -> tuple[int, int]:
    try:
        info = Path(path).stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)
