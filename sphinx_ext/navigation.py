"""Under each article: the previous and next article by date, and related articles.

*Previous* is the next older article, *next* the next newer one, among the
dated articles of the site. *Related* articles share tags with it: each
shared tag counts ``log(1 + N / n)`` for a tag of ``n`` articles out of
``N``, so a rare tag says more than one every article has; ties go to the
article nearest in time. Each tag's articles are looked at only within
``RELATED_WINDOW`` of the article in date order, so the work per article is
bounded however common its tags are (no article is compared with every
other one).

The footer is added to the article's doctree as it is read and records
what it showed (state.py), so an article is read again exactly when its
neighbours or its related articles change: a title, a date or a tag.
"""

from __future__ import annotations

import math
from collections import defaultdict

from docutils import nodes
from sphinx.application import Sphinx

from .catalog import Catalog, Entry
from .dates import date_node
from .lists import NO_SEARCH, doc_link
from .pages import labels_for
from .state import EVALUATORS, Query, articles, catalog, evaluate, record

RELATED_WINDOW = 60  # articles of one tag looked at, around the article in date order


def _positions(cat: Catalog, key: object, docnames: tuple[str, ...]) -> dict[str, int]:
    memo = cat.memo
    found = memo.get(key)
    if found is None:
        found = memo[key] = {docname: index for index, docname in enumerate(docnames)}
    return found  # type: ignore[return-value]


def neighbours(cat: Catalog, docname: str) -> tuple[Entry | None, Entry | None]:
    """The next older and the next newer dated article."""
    entry = cat.published.get(docname)
    if entry is None or not entry.date:
        return None, None
    order = cat.newest
    index = _positions(cat, "newest", order)[docname]
    older = cat.published[order[index + 1]] if index + 1 < len(order) else None
    newer = cat.published[order[index - 1]] if index > 0 else None
    return (older if older and older.date else None), newer


def related(cat: Catalog, docname: str, count: int) -> list[Entry]:
    """Up to ``count`` articles that share the most telling tags with this one."""
    entry = cat.published.get(docname)
    if entry is None or count < 1:
        return []
    total = len(cat.published)
    scores: dict[str, float] = defaultdict(float)
    for name in entry.tags:
        term = cat.term("tag", name)
        if term is None or len(term.docnames) < 2:
            continue
        weight = math.log(1 + total / len(term.docnames))
        members = term.docnames
        index = _positions(cat, ("tag", term.key), members).get(docname)
        if index is None:
            continue
        start = max(0, min(index - RELATED_WINDOW // 2, len(members) - RELATED_WINDOW))
        for other in members[start : start + RELATED_WINDOW]:
            if other != docname:
                scores[other] += weight

    def rank(other: str) -> tuple[float, float, str]:
        return (-round(scores[other], 9), abs(cat.published[other].when - entry.when), other)

    return [cat.published[other] for other in sorted(scores, key=rank)[:count]]


def _neighbours_query(cat: Catalog, query: Query) -> object:
    return tuple(
        (entry.docname, entry.title, entry.date) if entry else None
        for entry in neighbours(cat, query[1])
    )


def _related_query(cat: Catalog, query: Query) -> object:
    return tuple((e.docname, e.title, e.date) for e in related(cat, query[1], query[2]))


EVALUATORS["neighbours"] = _neighbours_query
EVALUATORS["related"] = _related_query


def add_footer(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the footer of a published article, in its own language."""
    env = app.env
    docname = env.docname
    cat = catalog(env)
    article = articles(env).get(docname)
    if docname not in cat.published or article is None:
        return  # not an article, or a copy that points to the published one
    words = labels_for("ja" if article.japanese else "en")
    footer = nodes.container(classes=["mystitch-article-footer", NO_SEARCH])
    query: Query = ("neighbours", docname)
    record(env, query, evaluate(cat, query))
    older, newer = neighbours(cat, docname)
    if older or newer:
        line = nodes.paragraph(classes=["mystitch-prev-next"])
        if older:
            part = nodes.inline(classes=["mystitch-previous"])
            part += nodes.Text(f"← {words.previous_article}: ")
            part += doc_link(env, older.docname, older.title)
            line += part
        if newer:
            if older:
                line += nodes.Text(" ")
            part = nodes.inline(classes=["mystitch-next"])
            part += nodes.Text(f"{words.next_article}: ")
            part += doc_link(env, newer.docname, newer.title)
            part += nodes.Text(" →")
            line += part
        footer += line
    count = env.config.mystitch_related
    if count:
        query = ("related", docname, count)
        record(env, query, evaluate(cat, query))
        chosen = related(cat, docname, count)
        if chosen:
            footer += nodes.rubric("", words.related, classes=["mystitch-related-title"])
            items = nodes.bullet_list(classes=["mystitch-related"])
            for other in chosen:
                line = nodes.paragraph()
                line += doc_link(env, other.docname, other.title)
                if other.date:
                    line += nodes.Text(" · ")
                    line += date_node(other.date)
                items += nodes.list_item("", line)
            footer += items
    if footer.children:
        section = next(iter(doctree.findall(nodes.section)), doctree)
        section += footer


def setup_navigation(app: Sphinx) -> None:
    # Before Sphinx's collectors (priority 500) see the doctree.
    app.connect("doctree-read", add_footer, priority=450)
