"""The byline under an article's title: date, author, reading time, and its
categories and tags, each a link to its page. Its words are in the article's
own language."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .dates import date_node
from .lists import term_link
from .pages import labels_for
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
        words = labels_for("ja" if article.japanese else "en")
        parts: list[nodes.Node] = []
        if entry.date:
            parts.append(date_node(entry.date))
        if entry.author:
            parts.append(nodes.inline("", entry.author, classes=["mystitch-author"]))
        parts.append(nodes.inline("", words.minutes(article.minutes), classes=["mystitch-minutes"]))
        byline = nodes.paragraph(classes=["mystitch-byline"])
        for position, part in enumerate(parts):
            if position:
                byline += nodes.Text(" · ")
            byline += part
        result: list[nodes.Node] = [byline]
        query = ("article", docname)
        record(self.env, query, evaluate(cat, query))
        if docname not in cat.published:
            return result
        for kind in ("category", "tag"):
            names = entry.terms(kind)
            if not names:
                continue
            line = nodes.paragraph(
                "", f"{words.plural(kind)}: ", classes=[f"mystitch-{kind}-links"]
            )
            for position, name in enumerate(names):
                if position:
                    line += nodes.Text(", ")
                line += term_link(self.env, cat.term(kind, name), name)
            result.append(line)
        return result


def setup_byline(app: Sphinx) -> None:
    app.add_directive("mystitch-byline", BylineDirective)
