"""Dates as ``<time datetime="…">``: machine-readable in HTML, plain text elsewhere.

The date shown is the article's day (``2026-03-14``); the attribute holds
its full instant in the article's own zone (``2026-03-14T09:30:00+09:00``),
as the catalog parsed it, so no text from the article reaches the attribute.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


class time_node(nodes.inline):  # docutils names nodes in lower case
    """A date; HTML writes it as ``<time>``, other builders as its text."""


def date_node(iso: str) -> time_node:
    """The day of an ISO 8601 date, with the whole instant for machines."""
    return time_node("", iso[:10], classes=["mystitch-date"], datetime=iso)


def visit_time(translator: Any, node: time_node) -> None:
    # starttag escapes attribute values; the class keeps the no-wrap style.
    translator.body.append(translator.starttag(node, "time", "", datetime=node["datetime"]))


def depart_time(translator: Any, node: time_node) -> None:
    translator.body.append("</time>")


def setup_dates(app: Sphinx) -> None:
    # Other builders reach the inline visitor: Sphinx dispatches on the node's classes in order.
    app.add_node(time_node, html=(visit_time, depart_time))
