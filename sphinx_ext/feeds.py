"""Atom feeds: one for the site, one per tag and one per category.

Feeds are made from the catalog once per build, when the HTML is written
(``build-finished``): the catalog already knows every article's title,
date, author, excerpt and terms, so no document is read again for them, and
a changed date or tag is in the next build's feeds. Each feed lists the
newest ``mystitch_feed_length`` dated articles, newest first; an undated
article is in no feed, since an Atom entry must say when it was published.

The XML is written by feedgen (as ABlog does) rather than by hand: lxml
escapes every value, so a title holding ``<script>`` or ``]]>`` is text in
the feed. Feeds need absolute links, so they are written only when
``html_baseurl`` is set; without it the build's log says so once (a
``mystitch.config`` warning when conf.py asked for feeds by name).
Files are replaced whole (written beside, then renamed), and only when their
bytes change.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.util import logging

from . import __version__
from .catalog import KINDS, Catalog, Entry, Term
from .config import _where, settings
from .generated import _write as write_file
from .sharing import site_facts
from .state import catalog, labels, locations
from .urls import absolute, base_url, is_site_builder, page_url
from .warnings_ import MystitchWarnings, warn

logger = logging.getLogger(__name__)
FEED_TYPE = "application/atom+xml"
SITE_FEED = "atom.xml"
# What XML 1.0 cannot hold at all. The catalog already drops control
# characters from names; this keeps a feed well-formed whatever reaches it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Feed:
    """One feed: where it goes, what it is called, which articles it lists."""

    path: str  # under the output folder, with "/"
    title: str
    page: str  # the docname of the HTML page it follows
    docnames: tuple[str, ...]  # newest first


def feed_path(folder: str, kind: str = "", term_folder: str = "", slug: str = "") -> str:
    """``feeds/atom.xml``, or ``feeds/tags/<slug>.xml`` for a term."""
    if not kind:
        return f"{folder}/{SITE_FEED}"
    return f"{folder}/{term_folder}/{slug}.xml"


def _dated(cat: Catalog, docnames: Iterable[str], length: int) -> tuple[str, ...]:
    chosen: list[str] = []
    for docname in docnames:
        if len(chosen) == length or not cat.published[docname].date:
            break  # newest first, undated ones last: the rest are undated
        chosen.append(docname)
    return tuple(chosen)


def site_feeds(app: Any, title: str) -> list[Feed]:
    """Every feed of this build, with at least one article each; ``title``: the site's."""
    config = settings(app)
    folder = config.feeds_path
    if not folder:
        return []
    cat, words, where = catalog(app.env), labels(app.env), locations(app.config)
    feeds = []
    newest = _dated(cat, cat.newest, config.feed_length)
    if newest:
        feeds.append(Feed(feed_path(folder), title, app.config.root_doc, newest))
    for kind in KINDS:
        if not where.folder(kind):
            continue  # no pages for this kind: no feeds either
        for term in cat.terms.get(kind, {}).values():
            docnames = _dated(cat, term.docnames, config.feed_length)
            if docnames:
                feeds.append(
                    Feed(
                        term_feed_path(folder, where.folder(kind), term),
                        f"{title} — {words.singular(kind)}: {term.name}",
                        where.term(term),
                        docnames,
                    )
                )
    return feeds


def term_feed_path(folder: str, term_folder: str, term: Term) -> str:
    return feed_path(folder, term.kind, term_folder, term.slug)


def render(app: Any, feed: Feed, base: str, language: str, site: str) -> bytes:
    """The Atom document of one feed; ``site`` is the site's name."""
    cat = catalog(app.env)
    generator = FeedGenerator()
    url = absolute(base, feed.path)
    generator.id(url)
    generator.title(_xml(feed.title))
    generator.link(href=url, rel="self", type=FEED_TYPE)
    generator.link(href=page_url(app, feed.page) or base, rel="alternate", type="text/html")
    generator.language(language)
    # Atom wants an author for every entry; the site's stands in for those without.
    generator.author(name=_xml(site_author(app.config) or site))
    generator.generator("mystitch", version=__version__)
    latest: dt.datetime | None = None
    for docname in feed.docnames:
        entry = cat.published[docname]
        try:
            item, updated = _entry(app, entry, base)
        except (ValueError, TypeError) as error:  # one bad article costs only its entry
            warn(MystitchWarnings.METADATA, f"left out of {feed.path}: {error}", (docname, 1))
            continue
        generator.add_entry(item, order="append")
        latest = max(latest, updated) if latest else updated
    generator.updated(latest or _parse(cat.published[feed.docnames[0]].date))
    return generator.atom_str(pretty=True)


def _entry(app: Any, entry: Entry, base: str) -> tuple[FeedEntry, dt.datetime]:
    """An article's feed entry, whole, and when it was last updated."""
    url = page_url(app, entry.docname) or base
    published = _parse(entry.date)
    updated = _parse(entry.modified) if entry.modified else published
    item = FeedEntry()
    item.id(url)
    item.title(_xml(entry.title))
    item.link(href=url, rel="alternate", type="text/html")
    item.published(published)
    item.updated(updated)
    if entry.author:
        item.author(name=_xml(entry.author))
    if entry.excerpt:
        item.summary(_xml(entry.excerpt))
    for name in (*entry.categories, *entry.tags):
        item.category(term=_xml(name))
    return item, updated


def site_author(config: Any) -> str:
    """conf.py's ``author``, or "" when it is Sphinx's placeholder."""
    author = str(config.author or "")
    return "" if author in ("unknown", "Author name not set") else author


def _parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: every feed written, stale term feeds removed."""
    if exception is not None or not is_site_builder(app.builder):
        return
    base = base_url(app.config)
    folder = settings(app).feeds_path
    if not base or not folder:
        return
    out = Path(app.outdir)
    site, language, _ = site_facts(app)
    written: set[Path] = set()
    for feed in site_feeds(app, site):
        path = out / feed.path
        # Replaced whole, and only when it changed (as the generated pages are).
        write_file(path, render(app, feed, base, language, site).decode("utf-8"), out)
        written.add(path)
    # The term folders under the feeds folder are ours: a term no article has
    # any more loses its feed.
    where = locations(app.config)
    for kind in KINDS:
        if where.folder(kind):
            for stale in (out / folder / where.folder(kind)).glob("*.xml"):
                if stale not in written:
                    stale.unlink(missing_ok=True)


def feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``<link rel="alternate">`` to the site's feed, and to a term page's own."""
    base = base_url(app.config)
    config = settings(app)
    if not base or not config.feeds_path or not is_site_builder(app.builder):
        return
    cat = catalog(app.env)
    title, _, words = site_facts(app)
    links = []
    if cat.newest and cat.published[cat.newest[0]].date:
        links.append((title, feed_path(config.feeds_path)))
    term = _term_of(cat, locations(app.config), pagename)
    if term is not None and cat.published[term.docnames[0]].date:
        where = locations(app.config)
        links.append(
            (
                f"{title} — {words.singular(term.kind)}: {term.name}",
                term_feed_path(config.feeds_path, where.folder(term.kind), term),
            )
        )
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" type="{FEED_TYPE}" title="{html.escape(name)}" '
        f'href="{html.escape(absolute(base, path))}" />'
        for name, path in links
    )


def _term_of(cat: Catalog, where: Any, pagename: str) -> Term | None:
    for kind in KINDS:
        folder = where.folder(kind)
        if folder and pagename.startswith(folder + "/"):
            key = cat.slugs.get(kind, {}).get(pagename[len(folder) + 1 :])
            if key is not None:
                return cat.terms[kind][key]
    return None


def warn_without_base(app: Sphinx) -> None:
    """``builder-inited``: say once that feeds need ``html_baseurl``.

    A site that asked for feeds (``mystitch_feeds_path`` in conf.py) gets a
    warning; one that did not gets a line in the build's log, so a one-line
    conf.py still builds with ``-W``.
    """
    if not is_site_builder(app.builder) or not settings(app).feeds_path or base_url(app.config):
        return
    message = (
        "html_baseurl is not set, so no feeds are written and pages have no canonical "
        "link or og:url: feeds and sharing need the site's address. Set html_baseurl "
        '(html_baseurl = "https://news.example.com/")'
    )
    config = app.config
    asked = "mystitch_feeds_path" in getattr(config, "_raw_config", {}) or (
        "mystitch_feeds_path" in getattr(config, "overrides", {})
    )
    if asked:
        warn(MystitchWarnings.CONFIG, message, _where(app, "mystitch_feeds_path"))
    else:
        logger.info(f"mystitch: {message}")


def setup_feeds(app: Sphinx) -> None:
    app.connect("builder-inited", warn_without_base)
    app.connect("html-page-context", feed_links)
    app.connect("build-finished", write_feeds)
