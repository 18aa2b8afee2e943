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

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mystitch.lint.document import DEFAULT_MARKER, compile_marker
from mystitch.lint.metadata import FrontMatter, parse_date, split_front_matter, type_name
from mystitch.lint.text import comparison_key, is_mostly_cjk

from .terms import clean_text, term_key, term_slug, term_values, unique_terms

KINDS = ("tag", "category")


@dataclass(frozen=True, slots=True)
class Entry:
    """One article as its front matter describes it."""

    docname: str
    path: str
    title: str
    date: str = ""  # ISO 8601 in the article's own zone; empty when undated
    when: float = 0.0  # the same instant as a POSIX time, for sorting across zones
    modified: str = ""  # last_modified_at (or updated), ISO 8601; empty when not given
    author: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    excerpt: str = ""
    ident: str = ""
    japanese: bool = False
    # (file line, message): front matter values that were not what we expected
    problems: tuple[tuple[int, str], ...] = ()
    # (file line, message): front matter keys an article may not set
    refused: tuple[tuple[int, str], ...] = ()

    def terms(self, kind: str) -> tuple[str, ...]:
        return self.tags if kind == "tag" else self.categories

    @property
    def identity(self) -> str:
        """Files with the same identity are one article."""
        if self.ident:
            return "id:" + self.ident
        return f"title:{comparison_key(self.title)}@{self.date[:10]}"

    @property
    def listing(self) -> tuple[object, ...]:
        """What an article list shows of this entry: a change re-reads the list."""
        return (self.docname, self.title, self.date, self.excerpt, self.author, self.tags)


@dataclass(frozen=True, slots=True)
class Term:
    kind: str
    key: str
    slug: str
    name: str
    docnames: tuple[str, ...]  # published articles, newest first


# Front matter keys that configure Sphinx or myst-parser for one page. They
# are the route to code execution (myst: substitutions) and redirects
# (html_meta): an article may not set them.
PARSER_KEYS = frozenset(
    {
        "myst",
        "mystnb",
        "substitutions",
        "html_meta",
        "jupytext",
        "kernelspec",
        "orphan",
        "nosearch",
        "tocdepth",
        "nocomments",
        "file_format",
    }
)
_HEADING = re.compile(r"#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")


def scan(
    docname: str, path: str, text: str, max_terms: int, marker: str = DEFAULT_MARKER
) -> tuple[Entry | None, FrontMatter | None]:
    """The entry of one file (None if it is no article) and its front matter.

    A file where articles live is an article when it has front matter (valid
    or not, closed or not) or fragment markers: a broken article is still an
    article, published with what can be recovered, never a trusted page.
    Only the front matter is loaded here; the body waits for the reader, who
    is handed this front matter rather than parsing the YAML again.
    """
    lines = text.split("\n")
    front = split_front_matter(lines)
    marker_line = compile_marker(marker).match
    if not front.present and not any(marker_line(line) for line in lines):
        return None, front
    problems: list[tuple[int, str]] = []
    refused: list[tuple[int, str]] = []
    data = front.data if front.error is None else {}
    if front.error is not None:
        problems.append(
            (
                front.error.line,
                f"{front.error.message}; the article is published without its front matter",
            )
        )
    title = _title(data.get("title"))
    if not title:
        if data.get("title") is not None:
            problems.append(
                (
                    front.key_lines.get("title", 1),
                    f"title: a {type_name(data.get('title'))} is not a title; "
                    "the first heading is used",
                )
            )
        title = _first_heading(lines[front.body_line - 1 :]) or docname.rsplit("/", 1)[-1]
    terms: dict[str, tuple[str, ...]] = {}
    for kind, name in (("tag", "tags"), ("category", "categories")):
        values, issues = term_values(data.get(name))
        line = front.key_lines.get(name, 1)
        problems.extend((line, f"{name}: {issue}") for issue in issues)
        values = unique_terms(clean_text(value) for value in values)
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
    for key in data:
        if key in PARSER_KEYS or "." in key:
            refused.append(
                (
                    front.key_lines.get(key, 1),
                    f"front matter key {key!r} sets up Sphinx or myst-parser, which an "
                    "article may not do; ignored (add 'front-matter' to mystitch_allow to "
                    "trust it)",
                )
            )
    modified = _modified(data, front.key_lines, date, problems)
    ident = data.get("id")
    excerpt = _text(data.get("excerpt"))
    entry = Entry(
        docname=docname,
        path=path,
        title=title,
        date=date.isoformat() if date else "",
        when=date.timestamp() if date else 0.0,
        modified=modified,
        author=_text(data.get("author")),
        tags=terms["tag"],
        categories=terms["category"],
        excerpt=excerpt,
        ident=str(ident).strip() if isinstance(ident, str | int) and str(ident).strip() else "",
        japanese=is_mostly_cjk(title + excerpt),
        problems=tuple(problems),
        refused=tuple(refused),
    )
    return entry, front


def _modified(
    data: dict[str, object],
    key_lines: dict[str, int],
    date: object,
    problems: list[tuple[int, str]],
) -> str:
    """When the article was last changed (Jekyll's ``last_modified_at``), if given
    and not before its date: feeds and JSON-LD show it as the update."""
    key = next((k for k in ("last_modified_at", "updated") if data.get(k) is not None), None)
    if key is None:
        return ""
    value = parse_date(data[key])
    line = key_lines.get(key, 1)
    if value is None:
        problems.append((line, f"{key}: {str(data[key])[:40]!r} is not a date; ignored"))
        return ""
    if isinstance(date, dt.datetime) and value < date:
        problems.append((line, f"{key}: {value.isoformat()} is before the date; ignored"))
        return ""
    return value.isoformat()


def _title(value: object) -> str:
    return _text(value) if not isinstance(value, bool) else ""


def _first_heading(lines: list[str]) -> str:
    """The text of the body's first ATX heading: a title for an article whose
    front matter gives none."""
    for line in lines:
        match = _HEADING.fullmatch(line)
        if match and (text := clean_text(match.group(1).replace("*", ""))):
            return text
    return ""


def _text(value: object) -> str:
    return clean_text(str(value)) if isinstance(value, str | int | float) else ""


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
    # page names two terms wanted, said once per build
    collisions: list[str] = field(default_factory=list)
    # True when this build changed no published entry and no copy: every list
    # and every navigation shows what it showed, so none is checked.
    unchanged: bool = False

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_memo", None)  # worked out again in each build
        return state

    @property
    def memo(self) -> dict[object, object]:
        """Results derived from this build's index (navigation.py), kept until it changes."""
        return self.__dict__.setdefault("_memo", {})

    def rebuild(self, size_of: Callable[[Entry], int]) -> set[str]:
        """Group copies, pick what is published, index the terms.

        ``size_of`` tells how much text an article has once merged: of two
        copies the longer is published. It is asked only about copies whose
        file changed since it was last asked. Returns the docnames whose
        copy status changed: they must be read again, the published copy to
        show the union of terms, the others to show a pointer.
        """
        old_copy_of, old_copies, old_published = self.copy_of, self.copies, self.published
        groups: dict[str, list[str]] = defaultdict(list)
        for docname in sorted(self.entries):
            groups[self.entries[docname].identity].append(docname)
        self.copy_of, self.copies, self.published = {}, {}, {}
        for members in groups.values():
            if len(members) == 1:
                self.published[members[0]] = self.entries[members[0]]
                continue
            best = max(members, key=lambda name: (self._size(name, size_of), -len(name)))
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
        self.unchanged = self.published == old_published and self.copy_of == old_copy_of
        self._index()
        changed = {
            name
            for name in self.entries
            if self.copy_of.get(name) != old_copy_of.get(name)
            or self.copies.get(name) != old_copies.get(name)
        }
        return changed

    def _size(self, docname: str, size_of: Callable[[Entry], int]) -> int:
        current = file_stamp(self.entries[docname].path)
        cached = self.sizes.get(docname)
        if cached is None or cached[0] != current:
            cached = (current, size_of(self.entries[docname]))
            self.sizes[docname] = cached
        return cached[1]

    def _index(self) -> None:
        self.memo.clear()
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
        self.terms, self.slugs, self.collisions = {}, {}, []
        for kind in KINDS:
            members: dict[str, list[str]] = defaultdict(list)
            spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for entry in order:
                for name in entry.terms(kind):
                    key = term_key(name)
                    members[key].append(entry.docname)
                    spellings[key][name] += 1
            table: dict[str, Term] = {}
            taken: dict[str, str] = {}  # slug -> key
            for key in sorted(members):
                # The most used spelling names the term; ties go to the first in
                # code point order, so the name does not depend on read order.
                name = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
                slug = term_slug(key)
                if slug in taken:
                    # Two keys hashed alike: the later in key order gets a longer hash.
                    self.collisions.append(
                        f"the {kind}s {taken[slug]!r} and {key!r} would share the page "
                        f"{slug!r}; {key!r} gets its own"
                    )
                    slug = term_slug(key + "\x00", digest_size=8)
                taken[slug] = key
                table[key] = Term(kind, key, slug, name, tuple(members[key]))
            self.terms[kind] = table
            self.slugs[kind] = {term.slug: key for key, term in table.items()}

    def term(self, kind: str, name: str, by_page: bool = False) -> Term | None:
        """A term by name as written (or its key), else by page name;
        ``by_page``: by page name only."""
        table = self.terms.get(kind, {})
        if not by_page:
            key = term_key(name)
            if key in table:
                return table[key]
        found = self.slugs.get(kind, {}).get(name.strip())
        return table.get(found) if found else None

    def select(
        self,
        *,
        kind: str = "",
        name: str = "",
        period: str | None = None,
        offset: int = 0,
        limit: int = 0,
        by_page: bool = False,
    ) -> list[Entry]:
        """Published articles, newest first: all, of one term, or of one period;
        ``limit`` of them (0: all) from the ``offset``-th on.

        ``period`` is ``"YYYY"``, ``"YYYY-MM"``, or ``""`` for undated ones.
        """
        if kind:
            term = self.term(kind, name, by_page)
            docnames: tuple[str, ...] = term.docnames if term else ()
            if period is not None:
                docnames = tuple(d for d in docnames if self._in(d, period))
        elif period is not None:
            docnames = self.periods.get(period, ())
        else:
            docnames = self.newest
        docnames = docnames[offset : offset + limit if limit else None]
        return [self.published[docname] for docname in docnames]

    def window(self, *, limit: int = 0, **query: Any) -> tuple[list[Entry], bool]:
        """:meth:`select`, and whether the list goes on past ``limit`` ("more articles")."""
        chosen = self.select(limit=limit + 1 if limit else 0, **query)
        if limit and len(chosen) > limit:
            return chosen[:limit], True
        return chosen, False

    def listing(self, entry: Entry) -> tuple[object, ...]:
        """What a list shows of an entry, the pages its tags link to included."""
        slugs = tuple(term.slug if (term := self.term("tag", n)) else "" for n in entry.tags)
        return (*entry.listing, slugs)

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
