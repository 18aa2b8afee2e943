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
    older: str = "Older articles"
    newer: str = "Newer articles"
    previous_article: str = "Previous article"
    next_article: str = "Next article"
    related: str = "Related articles"
    more: str = "More articles"
    page_of: str = "page {}"
    read_minutes: str = "{} min read"
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

    def month_name(self, period: str) -> str:
        """The month alone, under its year: ``March``, ``3月``."""
        month = int(period[5:7])
        return f"{month}月" if self.japanese else _MONTHS[month - 1]

    def minutes(self, minutes: int) -> str:
        return self.read_minutes.format(minutes)

    def page(self, number: int) -> str:
        return self.page_of.format(number)


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
    older="過去の記事",
    newer="新しい記事",
    previous_article="前の記事",
    next_article="次の記事",
    related="関連記事",
    more="もっと見る",
    page_of="{}ページ目",
    read_minutes="約{}分",
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

    def period(self, period: str) -> str:
        """The archive page of ``YYYY``, ``YYYY-MM`` or ``""`` (undated): ``archive/2026/03``."""
        if not self.archive:
            return ""
        return f"{self.archive}/{period.replace('-', '/') or 'undated'}"


def directive(name: str, **options: object) -> str:
    """A fenced directive; an option given as ``""`` is a flag."""
    lines = [f"```{{{name}}}"]
    lines += [f":{key.replace('_', '-')}: {value}".rstrip() for key, value in options.items()]
    return "\n".join([*lines, "```", ""])


def term_index_page(kind: str, labels: Labels) -> str:
    return f"# {labels.plural(kind)}\n\n" + directive("mystitch-terms", kind=kind)


def term_page(term: Term, labels: Labels) -> str:
    # Term pages are reached from the index and from bylines, not through a
    # toctree: a toctree of every tag would be rendered in every sidebar.
    return (
        "---\norphan: true\n---\n\n"
        f"# {labels.singular(term.kind)}: {escape(term.name)}\n\n"
        + directive("mystitch-articles", **{f"{term.kind}_page": term.slug})
    )


def home_page(title: str, labels: Labels, locations: Locations, limit: int, pager: str) -> str:
    """The root document of a project that has none: a folder of articles.

    ``pager`` links the pages of older articles (archives.py)."""
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
        + directive("mystitch-articles", limit=limit, no_more="")
        + "\n"
        + pager
        + toctree
    )


def site_pages(
    catalog: Catalog,
    labels: Labels,
    locations: Locations,
    home: tuple[str, str] | None,
    home_limit: int,
    pager: str = "",
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
    if home is not None:
        docname, title = home
        pages[docname] = home_page(title, labels, locations, home_limit, pager)
    return pages
