"""The site's name in every page's ``<title>``, sidebar and footer, without configuration.

Sphinx names an unconfigured project "Project name not set documentation"
and its footer says "©.". A site built from articles is named, in order:

1. ``mystitch_site_title``;
2. ``project``, when conf.py (or ``-D``) sets it;
3. the title of the home page, when the project writes its own;
4. the word for articles in the site's language ("Articles", 「記事」).

Sphinx's own ``html_title`` and ``html_short_title`` win when they are
set. The name replaces "… documentation" in the page context only, so a
change of name rewrites the pages without reading any again. The footer's
copyright line is left out when ``copyright`` is not set, rather than
printed empty.

The name can come from a page's heading, which an article may write, so it
reaches templates as escaped markup: a theme that escapes it again leaves it
as it is, one that prints it raw (alabaster's sidebar) prints it escaped.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx

from .state import data, generated, labels
from .terms import clean_text

# What Sphinx calls a project nobody named, in its versions since 7.
PLACEHOLDERS = frozenset({"", "Python", "Project name not set"})


def explicit(config: Any, name: str) -> bool:
    """Did conf.py or ``-D`` set this value (rather than Sphinx's default)?"""
    return name in getattr(config, "_raw_config", {}) or name in getattr(config, "overrides", {})


def configured_title(config: Any) -> str:
    """``mystitch_site_title``, else ``project`` when set; "" when neither is."""
    own = clean_text(str(config.mystitch_site_title or ""))
    if own:
        return own
    project = clean_text(str(config.project or ""))
    if explicit(config, "project") and project not in PLACEHOLDERS:
        return project
    return ""


def site_title(app: Any) -> str:
    """The name of the site, as text (feeds and sharing tags use it too)."""
    title = configured_title(app.config)
    if title:
        return title
    env = app.env
    root = app.config.root_doc
    node = env.titles.get(root)
    if root not in generated(env) and node is not None:
        heading = clean_text(node.astext())
        if heading:
            return heading
    return labels(env).articles


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the site's name where themes show the project's."""
    config = app.config
    name: Markup = escape(site_title(app))
    if not explicit(config, "html_title"):
        context["docstitle"] = name
        if not explicit(config, "html_short_title"):
            context["shorttitle"] = name
    if not explicit(config, "project"):
        context["project"] = name
    if not config.copyright:
        context["show_copyright"] = False  # no "©." with nothing after it


def rewrite_on_rename(app: Sphinx, env: Any) -> list[str]:
    """``env-get-updated``: a new name (the home page's title changed) is on every page."""
    if getattr(app.builder, "format", "") != "html":
        return []
    title = site_title(app)
    store = data(env)
    if store.get("site_title") == title:
        return []
    store["site_title"] = title
    return sorted(env.found_docs)


def setup_site_title(app: Sphinx) -> None:
    app.connect("html-page-context", page_context)
    app.connect("env-get-updated", rewrite_on_rename)
