"""Directives that list articles and terms, built from the catalog.

``mystitch-articles`` is for anyone's page (a home page's latest five, the
articles of one tag); the generated pages use it and ``mystitch-terms``.
Every name is a docutils Text node, so writers escape it; links name
their documents and are made when the page is written (links.py).
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from mystitch.lint.text import comparison_key

from .catalog import Catalog, Entry, Term
from .dates import date_node
from .links import doc_link
from .list_times import meta_node
from .pages import Labels
from .state import Query, catalog, evaluate, labels, locations, record
from .untrusted import policy_for
from .warnings_ import MystitchWarnings, warn

logger = logging.getLogger(__name__)

NO_SEARCH = "no-search"  # the class Sphinx's search index skips
# A list may show every article of the site: a thousand lists in one
# article of a 300-article site took its build 373 s and 5.7 GB.
MAX_LISTS_IN_ARTICLE = 3
_LISTS: weakref.WeakKeyDictionary[nodes.document, int] = weakref.WeakKeyDictionary()


def one_list_too_many(directive: SphinxDirective) -> bool:
    """Past the lists an article may hold; warned about here."""
    env = directive.env
    policy = policy_for(env, env.docname)
    if policy is None or policy.everything:
        return False
    document = directive.state.document
    _LISTS[document] = count = _LISTS.get(document, 0) + 1
    if count <= MAX_LISTS_IN_ARTICLE:
        return False
    warn(
        MystitchWarnings.UNTRUSTED,
        f"an article may hold {MAX_LISTS_IN_ARTICLE} lists of articles or terms; "
        f"'{directive.name}' left out",
        directive.get_location(),
    )
    return True


_BAD = "\x00bad"  # a period the directive was given that is none
_PERIOD = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?|undated")


def term_link(env: Any, term: Term | None, name: str) -> nodes.Node:
    docname = locations(env.config).term(term) if term else ""
    return doc_link(env, docname, name) if docname else nodes.inline("", name)


def _month(value: str) -> int:
    number = directives.positive_int(value)
    if number > 12:
        raise ValueError("a month is 1 to 12")
    return number


class ArticlesDirective(SphinxDirective):
    """``mystitch-articles``: published articles, newest first."""

    has_content = False
    option_spec = {  # noqa: RUF012 (docutils reads a class attribute)
        "tag": directives.unchanged_required,
        "category": directives.unchanged_required,
        # By page name: what the generated term pages use, so that a tag
        # written like another tag's page name ("foo-c0cfbde0") is not taken for it.
        "tag-page": directives.unchanged_required,
        "category-page": directives.unchanged_required,
        "period": directives.unchanged_required,
        "year": directives.positive_int,
        "month": _month,
        "limit": directives.nonnegative_int,
        "offset": directives.nonnegative_int,
        "no-excerpt": directives.flag,
        "no-more": directives.flag,
        "brief": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        if one_list_too_many(self):
            return []
        kind, name, by_page = "", "", False
        for option in ("tag", "category", "tag-page", "category-page"):
            if option in self.options:
                if kind:
                    return self._problem("give one of :tag: and :category:, not two")
                kind, name = option.removesuffix("-page"), self.options[option]
                by_page = option.endswith("-page")
        period = self._period()
        if period == _BAD:
            return self._problem(
                f"period {self.options['period']!r} is not YYYY, YYYY-MM or 'undated'"
            )
        offset, limit = self.options.get("offset", 0), self.options.get("limit", 0)
        query: Query = ("articles", kind, name, period, offset, limit, by_page)
        cat = catalog(self.env)
        if kind and cat.term(kind, name, by_page) is None:
            logger.warning(
                f"no published article has the {kind} {name!r}",
                location=self.get_location(),
                type="mystitch",
                subtype="list",
            )
        result, more = cat.window(
            kind=kind, name=name, period=period, offset=offset, limit=limit, by_page=by_page
        )
        record(self.env, query, evaluate(cat, query))
        words = labels(self.env)
        if not result:
            return [nodes.paragraph("", words.empty, classes=["mystitch-empty"])]
        # An entry repeats its article's title and excerpt: the search index
        # has them from the article, and a hit on every list naming it would
        # bury the article (Sphinx 7.3+ skips "no-search" nodes).
        items = nodes.bullet_list(
            classes=["mystitch-articles", NO_SEARCH, *self.options.get("class", [])]
        )
        for entry in result:
            items += self._item(cat, entry, words)
        shown: list[nodes.Node] = [items]
        if more and "no-more" not in self.options:
            target = self._more(cat, kind, name, by_page, period)
            if target:
                more = nodes.paragraph(classes=["mystitch-more", NO_SEARCH])
                more += doc_link(self.env, target, words.more + " →")
                shown.append(more)
        return shown

    def _period(self) -> str | None:
        """The period asked for: YYYY, YYYY-MM, "" (undated), None (all) or _BAD."""
        if "period" in self.options:
            value = self.options["period"].strip()
            if not _PERIOD.fullmatch(value):
                return _BAD
            return "" if value == "undated" else value
        if "year" in self.options:
            year = f"{self.options['year']:04d}"
            return f"{year}-{self.options['month']:02d}" if "month" in self.options else year
        return None

    def _item(self, cat: Catalog, entry: Entry, words: Labels) -> nodes.list_item:
        item = nodes.list_item(classes=["mystitch-article"])
        line = nodes.paragraph(classes=["mystitch-article-title"])
        line += doc_link(self.env, entry.docname, entry.title)
        item += line
        if "brief" in self.options:
            if entry.date:
                line += nodes.Text(" · ")
                line += date_node(entry.date)
            return item
        item += meta_node(self.env, cat, entry, words)
        # Generators often repeat the title as the excerpt: it is shown once.
        excerpt = "no-excerpt" not in self.options
        if excerpt and entry.excerpt and not _same(entry.excerpt, entry.title):
            item += nodes.paragraph("", entry.excerpt, classes=["mystitch-excerpt"])
        return item

    def _more(self, cat: Catalog, kind: str, name: str, by_page: bool, period: str | None) -> str:
        """The page with the whole of a list cut short by ``:limit:``."""
        places = locations(self.env.config)
        if kind:
            term = cat.term(kind, name, by_page)
            return places.term(term) if term else ""
        if period is not None:
            return places.period(period)
        return places.archive_index

    def _problem(self, message: str) -> list[nodes.Node]:
        logger.warning(message, location=self.get_location(), type="mystitch", subtype="list")
        return []


def _same(excerpt: str, title: str) -> bool:
    return comparison_key(excerpt).rstrip("。.") == comparison_key(title).rstrip("。.")


class TermsDirective(SphinxDirective):
    """``mystitch-terms``: every tag (or category) with its article count."""

    has_content = False
    option_spec = {"kind": lambda value: directives.choice(value, ("tag", "category"))}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        if one_list_too_many(self):
            return []
        kind = self.options.get("kind", "tag")
        cat = catalog(self.env)
        query: Query = ("terms", kind)
        record(self.env, query, evaluate(cat, query))
        terms = sorted(
            cat.terms.get(kind, {}).values(),
            key=lambda term: (-len(term.docnames), term.key),
        )
        if not terms:
            return [nodes.paragraph("", labels(self.env).no_terms, classes=["mystitch-empty"])]
        items = nodes.bullet_list(classes=["mystitch-terms"])
        for term in terms:
            line = nodes.paragraph()
            line += term_link(self.env, term, term.name)
            line += nodes.Text(" ")
            line += nodes.inline(
                "", f"({labels(self.env).count(len(term.docnames))})", classes=["mystitch-count"]
            )
            items += nodes.list_item("", line)
        return [items]


class CopyDirective(SphinxDirective):
    """On a copy of an article saved twice: where the article is published."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        cat = catalog(self.env)
        query: Query = ("article", self.env.docname)
        record(self.env, query, evaluate(cat, query))
        target = cat.copy_of.get(self.env.docname)
        if target is None:
            return []
        entry = cat.published[target]
        line = nodes.paragraph(classes=["mystitch-copy"])
        line += nodes.Text(labels(self.env).published_as + " ")
        line += doc_link(self.env, target, entry.title)
        return [line]


def setup_lists(app: Sphinx) -> None:
    app.add_directive("mystitch-articles", ArticlesDirective)
    app.add_directive("mystitch-terms", TermsDirective)
    app.add_directive("mystitch-copy", CopyDirective)
