"""The line under each list entry: date, author, reading time and tags.

A list shows the reading time of articles that may be read after it in the
same build, or in another process, so an entry keeps only what it will
show (one node, its values as attributes) and the line is made when the
page is written, once every article is read. That also keeps the read
doctrees small: a tag page of hundreds of entries is hundreds of nodes
while Sphinx transforms it, not tens of thousands.

Which articles each page shows is kept (``shown`` in state.py), and a page
whose articles now read in other times is written again, not read again.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .catalog import Catalog, Entry
from .dates import date_node
from .links import doc_link
from .pages import Labels, labels_for
from .state import articles, locations, shown


class entry_meta(nodes.paragraph):  # docutils names nodes in lower case
    """A list entry's date, author, reading time and tags, made when the page is written."""


def meta_node(env: Any, cat: Catalog, entry: Entry, words: Labels) -> entry_meta:
    """The line under a list entry; its page is remembered as showing the article."""
    shown(env).setdefault(env.docname, set()).add(entry.docname)
    places = locations(env.config)
    tags = [
        [name, places.term(term) if (term := cat.term("tag", name)) else ""] for name in entry.tags
    ]
    return entry_meta(
        article=entry.docname,
        date=entry.date,
        author=entry.author,
        tags=tags,
        ja=words.japanese,
    )


def _line(node: entry_meta, env: Any) -> nodes.paragraph:
    line = nodes.paragraph(classes=["mystitch-article-meta"])
    parts: list[nodes.Node] = []
    if node["date"]:
        parts.append(date_node(node["date"]))
    if node["author"]:
        parts.append(nodes.inline("", node["author"], classes=["mystitch-author"]))
    article = articles(env).get(node["article"])
    if article is not None:
        text = labels_for("ja" if node["ja"] else "en").minutes(article.minutes)
        parts.append(nodes.inline("", text, classes=["mystitch-minutes"]))
    if node["tags"]:
        tags = nodes.inline(classes=["mystitch-tag-links"])
        for position, (name, target) in enumerate(node["tags"]):
            if position:
                tags += nodes.Text(", ")
            tags += doc_link(env, target, name) if target else nodes.inline("", name)
        parts.append(tags)
    for position, part in enumerate(parts):
        if position:
            line += nodes.Text(" · ")
        line += part
    return line


class ExpandEntries(SphinxPostTransform):
    # Before the links it makes are resolved (links.py, 5).
    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(entry_meta)):
            node.replace_self(_line(node, self.env))


def remember_times(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: the times of the articles about to be read again."""
    known = articles(env)
    app.mystitch_minutes_before = {  # type: ignore[attr-defined]
        docname: known[docname].minutes for docname in docnames if docname in known
    }


def pages_to_rewrite(app: Sphinx, env: Any) -> list[str]:
    """``env-get-updated``: pages whose lists show an article that now reads in another time."""
    before: dict[str, int] = getattr(app, "mystitch_minutes_before", {})
    app.mystitch_minutes_before = {}  # type: ignore[attr-defined]
    known = articles(env)
    changed = {
        docname
        for docname, minutes in before.items()
        if docname not in known or known[docname].minutes != minutes
    }
    if not changed:
        return []
    return sorted(page for page, showing in shown(env).items() if showing & changed)


def setup_list_times(app: Sphinx) -> None:
    app.add_node(entry_meta)
    app.add_post_transform(ExpandEntries)
    app.connect("env-before-read-docs", remember_times)
    app.connect("env-get-updated", pages_to_rewrite)
