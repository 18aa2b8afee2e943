"""The text of the pages the extension adds: indexes, archive, home page.

Pages are MyST Markdown. Names from front matter only ever appear escaped
(every ASCII punctuation character backslash-escaped), so a tag like
``<script>`` or ``{eval-rst}`` is text, never markup. The lists themselves
are directives that build docutils nodes from the catalog at read time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import KINDS, Catalog, Term

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Inline Markdown that shows ``text`` literally, on one line."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


@dataclass(frozen=True)
class Labels:
    """Words of the generated pages, in the site's language."""

    tags: str = "Tags"
    tag: str = "Tag"
    categories: str = "Categories"
    category: str = "Category"
    archive: str = "Archive"
    undated: str = "Undated"
    latest: str = "Latest articles"
    articles: str = "Articles"
    empty: str = "No articles yet."
    no_terms: str = "None yet."
    published_as: str = "This article is published as"
    japanese: bool = False

    def plural(self, kind: str) -> str:
        return self.tags if kind == "tag" else self.categories

    def singular(self, kind: str) -> str:
        return self.tag if kind == "tag" else self.category

    def month(self, period: str) -> str:
        year, month = int(period[:4]), int(period[5:7])
        if self.japanese:
            return f"{year}年{month}月"
        return f"{_MONTHS[month - 1]} {year}"

    def year(self, period: str) -> str:
        return f"{period}年" if self.japanese else period

    def count(self, count: int) -> str:
        return f"{count}件" if self.japanese else f"{count}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

JAPANESE = Labels(
    tags="タグ",
    tag="タグ",
    categories="カテゴリー",
    category="カテゴリー",
    archive="アーカイブ",
    undated="日付なし",
    latest="新着記事",
    articles="記事",
    empty="記事はまだありません。",
    no_terms="まだありません。",
    published_as="この記事は次のページで公開しています:",
    japanese=True,
)


def labels_for(language: str | None) -> Labels:
    return JAPANESE if (language or "").lower().startswith("ja") else Labels()


@dataclass(frozen=True)
class Locations:
    """Where the generated pages go; an empty folder name turns them off."""

    tag: str
    category: str
    archive: str

    def folder(self, kind: str) -> str:
        return self.tag if kind == "tag" else self.category

    def index(self, kind: str) -> str:
        folder = self.folder(kind)
        return f"{folder}/index" if folder else ""

    def term(self, term: Term) -> str:
        folder = self.folder(term.kind)
        return f"{folder}/{term.slug}" if folder else ""

    @property
    def archive_index(self) -> str:
        return f"{self.archive}/index" if self.archive else ""


def _directive(name: str, **options: object) -> str:
    lines = [f"```{{{name}}}"]
    lines += [f":{key.replace('_', '-')}: {value}" for key, value in options.items()]
    return "\n".join([*lines, "```", ""])


def term_index_page(kind: str, labels: Labels) -> str:
    return f"# {labels.plural(kind)}\n\n" + _directive("mystitch-terms", kind=kind)


def term_page(term: Term, labels: Labels) -> str:
    # Term pages are reached from the index and from bylines, not through a
    # toctree: a toctree of every tag would be rendered in every sidebar.
    return (
        "---\norphan: true\n---\n\n"
        f"# {labels.singular(term.kind)}: {escape(term.name)}\n\n"
        + _directive("mystitch-articles", **{f"{term.kind}_page": term.slug})
    )


def archive_page(catalog: Catalog, labels: Labels) -> str:
    parts = [f"# {labels.archive}\n"]
    months = sorted((p for p in catalog.periods if len(p) == 7), reverse=True)
    year = ""
    for period in months:
        if period[:4] != year:
            year = period[:4]
            parts.append(f"## {labels.year(year)}\n")
        parts.append(f"### {labels.month(period)}\n")
        parts.append(_directive("mystitch-articles", period=period))
    if "" in catalog.periods:
        parts.append(f"## {labels.undated}\n")
        parts.append(_directive("mystitch-articles", period="undated"))
    if len(parts) == 1:
        parts.append(labels.empty + "\n")
    return "\n".join(parts)


def home_page(title: str, labels: Labels, locations: Locations, limit: int) -> str:
    """The root document of a project that has none: a folder of articles."""
    indexes = [
        docname
        for docname in (
            locations.index("tag"),
            locations.index("category"),
            locations.archive_index,
        )
        if docname
    ]
    toctree = "```{toctree}\n:maxdepth: 1\n\n" + "\n".join(indexes) + "\n```\n" if indexes else ""
    return (
        f"# {escape(title)}\n\n## {labels.latest}\n\n"
        + _directive("mystitch-articles", limit=limit)
        + "\n"
        + toctree
    )


def site_pages(
    catalog: Catalog,
    labels: Labels,
    locations: Locations,
    home: tuple[str, str] | None,
    home_limit: int,
) -> dict[str, str]:
    """Every generated page: docname -> MyST text."""
    pages: dict[str, str] = {}
    for kind in KINDS:
        index = locations.index(kind)
        if not index:
            continue
        pages[index] = term_index_page(kind, labels)
        for term in catalog.terms.get(kind, {}).values():
            pages[locations.term(term)] = term_page(term, labels)
    if locations.archive_index:
        pages[locations.archive_index] = archive_page(catalog, labels)
    if home is not None:
        docname, title = home
        pages[docname] = home_page(title, labels, locations, home_limit)
    return pages
