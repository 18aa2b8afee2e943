"""The byline under an article's title: date, author, reading time, and its
categories and tags, each a link to its page."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .lists import term_link
from .state import articles, catalog, evaluate, record


class BylineDirective(SphinxDirective):
    """``mystitch-byline``: written under the title of every article's page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        article = articles(self.env).get(docname)
        cat = catalog(self.env)
        entry = cat.published.get(docname) or cat.entries.get(docname)
        if article is None or entry is None:
            return []
        parts = []
        if entry.date:
            parts.append(entry.date[:10])
        if entry.author:
            parts.append(entry.author)
        parts.append(
            f"約{article.minutes}分" if article.japanese else f"{article.minutes} min read"
        )
        result: list[nodes.Node] = [
            nodes.paragraph("", " · ".join(parts), classes=["mystitch-byline"])
        ]
        query = ("article", docname)
        record(self.env, query, evaluate(cat, query))
        if docname not in cat.published:
            return result
        labels = ("カテゴリー", "タグ") if article.japanese else ("Categories", "Tags")
        for label, kind in zip(labels, ("category", "tag"), strict=True):
            names = entry.terms(kind)
            if not names:
                continue
            line = nodes.paragraph("", f"{label}: ", classes=[f"mystitch-{kind}-links"])
            for position, name in enumerate(names):
                if position:
                    line += nodes.Text(", ")
                line += term_link(self.env, cat.term(kind, name), name)
            result.append(line)
        return result


def setup_byline(app: Sphinx) -> None:
    app.add_directive("mystitch-byline", BylineDirective)
