"""Absolute addresses of pages, for feeds, canonical links and sharing tags.

Feeds and Open Graph need absolute links, and only ``html_baseurl`` says
where the site lives. Without it there is no such address: feeds are not
written, and pages carry no canonical link or ``og:url`` (see feeds.py for
the one warning that says so).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

# The builders whose pages are the site's: one file per document, at the
# address the builder names. singlehtml and epub have none of their own.
SITE_BUILDERS = frozenset({"html", "dirhtml"})


def is_site_builder(builder: Any) -> bool:
    return getattr(builder, "name", "") in SITE_BUILDERS


def base_url(config: Any) -> str:
    """``html_baseurl`` ending in ``/``, or "" when it is not set."""
    base = (getattr(config, "html_baseurl", "") or "").strip()
    return base if not base or base.endswith("/") else base + "/"


def absolute(base: str, relative: str) -> str:
    """``relative`` (a path in the output) under ``base``, percent-encoded.

    Page names keep letters of every script (``tags/港湾.html``): a URL
    spells them as UTF-8 escapes, which every feed reader and crawler takes.
    Escapes already there stay as they are (Sphinx's page addresses have them).
    """
    return base + quote(relative, safe="/#%")


def page_url(app: Any, docname: str) -> str | None:
    """The absolute address of a document's page, or None without a base."""
    base = base_url(app.config)
    if not base:
        return None
    return absolute(base, app.builder.get_target_uri(docname))
