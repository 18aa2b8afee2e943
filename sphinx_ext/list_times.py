"""Reading times in lists, filled in when a page is written.

A list shows the reading time of articles that may be read after it in the
same build, or in another process, so its entries hold a placeholder that
is filled in once every article is read (``doctree-resolved``). Which
articles each page shows is kept (``shown`` in state.py), and a page whose
articles now read in other times is written again, not read again.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .pages import labels_for
from .state import articles, shown


class minutes_placeholder(nodes.inline):  # docutils names nodes in lower case
    """Where a list shows an article's reading time, filled in when the page is written."""


def placeholder(env: Any, docname: str, japanese: bool) -> nodes.Node:
    """A list entry's reading time; the list's page is remembered as showing it."""
    shown(env).setdefault(env.docname, set()).add(docname)
    return minutes_placeholder("", "", classes=["mystitch-minutes"], article=docname, ja=japanese)


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: every article is read by now, its time known."""
    known = articles(app.env)
    for node in list(doctree.findall(minutes_placeholder)):
        article = known.get(node["article"])
        if article is None:
            node.parent.remove(node)
            continue
        text = labels_for("ja" if node["ja"] else "en").minutes(article.minutes)
        node.replace_self(nodes.inline("", text, classes=node["classes"]))


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
    app.add_node(minutes_placeholder)
    app.connect("env-before-read-docs", remember_times)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("doctree-resolved", fill)
