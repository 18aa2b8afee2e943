"""What a page tells search engines and social sites: canonical link, Open
Graph and Twitter card tags, and a JSON-LD ``NewsArticle`` for articles.

Everything comes from the catalog (title, date, author, tags, excerpt), not
from the page's HTML, and every value is text: attribute values are escaped
whole, and the JSON-LD is JSON with ``<``, ``>`` and ``&`` written as
``\\u`` escapes, so no title can close the ``<script>`` element or open a
comment in it.

Why not sphinxext-opengraph: it takes a page's description from its first
paragraphs (here the byline), has one ``og:type`` for the whole site, no
``article:*`` dates, author or tags, and no Twitter card without
matplotlib. When a project loads it anyway, it keeps the ``og:*`` tags:
this module hands it the excerpt and ``og:type = article`` through the
page's fields and adds only what it lacks, so no tag is written twice.

The page of an article saved twice (see pages.py) points search engines to
the published copy: its canonical link is that copy's address, and it is
``noindex``.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from sphinx.application import Sphinx

from .catalog import Entry
from .config import settings
from .language import article_language
from .pages import Labels
from .site_title import site_title
from .state import articles, catalog, labels
from .urls import base_url, is_site_builder, page_url

OPENGRAPH = "sphinxext.opengraph"
_LOCALES = {"ja": "ja_JP", "en": "en_US"}
_TAG = re.compile(r"<[^>]*>")
# In a <script> element only "</script", "<!--" and "<script" mean anything;
# escaping every < and > (and &, for XHTML readers) rules all of them out.
# U+2028 and U+2029 end a line in old JavaScript parsers.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def site_language(env: Any) -> str:
    """The site's language: conf.py's, or the articles' (language.py sets it)."""
    return str(env.config.language or "en")


def site_facts(app: Any) -> tuple[str, str, Labels]:
    """The site's name, language and words, worked out once per build, as
    every page asks for them."""
    facts = app.__dict__.get("_mystitch_site")
    if facts is None:
        facts = (site_title(app), site_language(app.env), labels(app.env))
        app.__dict__["_mystitch_site"] = facts
    return facts


def forget_site_facts(app: Any, env: Any) -> None:
    """``env-updated``: the catalog is final for this build; work them out again."""
    app.__dict__.pop("_mystitch_site", None)


def page_language(env: Any, docname: str, site: str) -> str:
    """A published article's own language (language.py), else the site's."""
    article = articles(env).get(docname)
    if article is None or docname not in catalog(env).published:
        return site
    return article_language(article, site)


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<script type="application/ld+json">{text.translate(_JSON_ESCAPES)}</script>'


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{key}" content="{html.escape(value)}" />'


def article_data(
    entry: Entry, url: str | None, language: str, site: str, kind: str
) -> dict[str, Any]:
    """The schema.org description of an article."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": entry.title,
        "inLanguage": language,
    }
    if entry.excerpt:
        data["description"] = entry.excerpt
    if entry.date:
        data["datePublished"] = entry.date
        data["dateModified"] = entry.modified or entry.date
    if entry.author:
        data["author"] = {"@type": "Person", "name": entry.author}
    if entry.tags:
        data["keywords"] = list(entry.tags)
    if entry.categories:
        data["articleSection"] = list(entry.categories)
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    data["publisher"] = {"@type": "Organization", "name": site}
    return data


def article_tags(
    entry: Entry, url: str | None, language: str, site: str, opengraph: bool
) -> list[tuple[str, str, str]]:
    """(attribute, key, value) of the Open Graph and Twitter tags of an article."""
    tags: list[tuple[str, str, str]] = []
    if not opengraph:
        tags += [("property", "og:type", "article"), ("property", "og:title", entry.title)]
        if entry.excerpt:
            tags.append(("property", "og:description", entry.excerpt))
        if url:
            tags.append(("property", "og:url", url))
        tags.append(("property", "og:site_name", site))
        if language in _LOCALES:
            tags.append(("property", "og:locale", _LOCALES[language]))
    if entry.date:
        tags.append(("property", "article:published_time", entry.date))
        tags.append(("property", "article:modified_time", entry.modified or entry.date))
    if entry.author:
        tags.append(("property", "article:author", entry.author))
    if entry.categories:
        tags.append(("property", "article:section", entry.categories[0]))
    tags += [("property", "article:tag", name) for name in entry.tags]
    if not opengraph:
        tags += [("name", "twitter:card", "summary"), ("name", "twitter:title", entry.title)]
        if entry.excerpt:
            tags.append(("name", "twitter:description", entry.excerpt))
    return tags


def page_tags(title: str, url: str | None, language: str, site: str) -> list[tuple[str, str, str]]:
    """The tags of a page that is no article: the home page, a tag page."""
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:title", title),
        ("property", "og:site_name", site),
    ]
    if url:
        tags.append(("property", "og:url", url))
    if language in _LOCALES:
        tags.append(("property", "og:locale", _LOCALES[language]))
    return [*tags, ("name", "twitter:card", "summary"), ("name", "twitter:title", title)]


def share(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the head of every page made from a document."""
    if doctree is None or not is_site_builder(app.builder):
        return  # genindex, search; singlehtml and epub have no page addresses
    env = app.env
    cat = catalog(env)
    base = base_url(app.config)
    if base:
        # Sphinx's own canonical link, percent-encoded as feeds and og:url are.
        context["pageurl"] = page_url(app, pagename)
    published = cat.copy_of.get(pagename)
    if published is not None:
        if base:
            context["pageurl"] = page_url(app, published)
        context["metatags"] = context.get("metatags", "") + _lines([("name", "robots", "noindex")])
        return
    config = settings(app)
    if not config.sharing:
        return
    url = context["pageurl"] if base else None
    site, site_lang, _ = site_facts(app)
    language = page_language(env, pagename, site_lang)
    opengraph = OPENGRAPH in app.extensions
    entry = cat.published.get(pagename)
    if entry is None:
        if opengraph:
            return
        title = html.unescape(_TAG.sub("", context.get("title") or "")) or site
        tags = page_tags(title, url, language, site)
        context["metatags"] = context.get("metatags", "") + _lines(tags)
        return
    if opengraph:
        # sphinxext-opengraph writes og:* from the page's fields: give it ours.
        fields = dict(context.get("meta") or {})
        fields["og:type"] = "article"
        if entry.excerpt:
            fields["og:description"] = entry.excerpt
        context["meta"] = fields
    tags = article_tags(entry, url, language, site, opengraph)
    data = article_data(entry, url, language, site, config.article_type)
    context["metatags"] = context.get("metatags", "") + _lines(tags) + "\n" + json_ld(data)


def _lines(tags: list[tuple[str, str, str]]) -> str:
    return "".join("\n" + _meta(*tag) for tag in tags)


def setup_sharing(app: Sphinx) -> None:
    # Before sphinxext-opengraph (priority 500) reads the page's fields.
    app.connect("html-page-context", share, priority=450)
    app.connect("env-updated", forget_site_facts)
