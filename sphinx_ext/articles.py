"""Articles: the catalog kept up to date, and each article merged as it is read.

``env-get-outdated`` runs in the main process after Sphinx has found the
source files and before anything is read. There the front matter of added
and changed articles is loaded into the catalog (the others keep their
entry), copies of an article saved twice are sorted out, and documents whose
lists changed are handed back to be read again.

``source-read`` hands Sphinx the merged page instead of the raw text; the
raw file is never written to. Each article is merged once per build: when
the catalog had to merge a copy to see which is longer, the reader picks
that page up (a parallel reader inherits it when its process is forked).
"""

from __future__ import annotations

import hashlib
from typing import Any

from sphinx.application import Sphinx

from .article_page import Prepared, copy_page, current_front, prepare_guarded
from .catalog import Entry, scan
from .review import merge_config, publish
from .sources import checked_source, is_markdown, source_label
from .state import Article, articles, catalog, fronts, generated, line_maps
from .untrusted import untrusted
from .warnings_ import MystitchWarnings, warn

# docname -> (digest of the text merged, the page): merges the catalog made
# in this process, for the reader to take rather than merge again.
_MERGED: dict[str, tuple[bytes, Prepared]] = {}


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def update_catalog(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> set[str]:
    """Bring the catalog up to date with the files Sphinx found."""
    config = merge_config(app)
    cat = catalog(env)
    ours = generated(env)
    for docname in list(cat.entries):
        if docname not in env.found_docs or docname in ours:
            del cat.entries[docname]
    loaded = fronts(env)
    loaded.clear()
    texts: dict[str, str] = {}
    for docname in sorted((added | changed) - ours):
        source = checked_source(env, docname, added, changed, removed)
        if source is None:
            cat.entries.pop(docname, None)
            continue
        entry, front = None, None
        if is_markdown(env, docname) and untrusted(env, docname):
            entry, front = scan(
                docname, source.path, source.text, config.max_terms, config.marker_pattern
            )
        if front is not None:
            loaded[docname] = front
        if entry is None:
            cat.entries.pop(docname, None)
        else:
            cat.entries[docname] = entry
            texts[docname] = source.text

    def size_of(entry: Entry) -> int:
        # Only copies of one article are measured, and each once: the page
        # is kept for the reader.
        text = texts.get(entry.docname)
        if text is None:
            source = checked_source(env, entry.docname, set(), set(), set(), quiet=True)
            if source is None:
                return 0
            text = source.text
        front = current_front(loaded.get(entry.docname), text)
        prepared = prepare_guarded(entry, text, config, front)
        _MERGED[entry.docname] = (digest(text), prepared)
        return prepared.size

    reread = cat.rebuild(size_of)
    for message in cat.collisions:
        warn(MystitchWarnings.COLLISION, message)
    # Pages whose lists changed are found once the generated pages are
    # registered (generated.py); these are articles whose copy status changed.
    return reread - removed - added


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    cat = catalog(env)
    entry = cat.entries.get(docname)
    if entry is None:
        return
    for line, message in entry.problems:
        warn(MystitchWarnings.METADATA, message, (docname, line))
    for line, message in entry.refused:
        warn(MystitchWarnings.UNTRUSTED, message, (docname, line))
    if docname in cat.copy_of:
        published = cat.published[cat.copy_of[docname]]
        warn(
            MystitchWarnings.DUPLICATE,
            f"{source_label(app, entry.path)} and {source_label(app, published.path)} are the "
            f"same article ({'same id' if entry.ident else 'same title and date'}); the more "
            f"complete {source_label(app, published.path)} is published, with the tags and "
            "categories of both",
            (docname, 1),
        )
        source[0] = copy_page(entry)
        return
    prepared = _taken(docname, source[0])
    if prepared is None:
        ahead = getattr(app, "mystitch_ahead", None)  # see ahead.py
        prepared = ahead.take(docname, source[0]) if ahead is not None else None
    if prepared is None:
        front = current_front(fronts(env).get(docname), source[0])
        prepared = prepare_guarded(entry, source[0], merge_config(app), front)
    for line, message in prepared.findings:
        warn(MystitchWarnings.LINT, message, (docname, line))
    for line, message in prepared.warnings:
        warn(MystitchWarnings.MERGE, message, (docname, line))
    for line, message in prepared.reading_time:
        warn(MystitchWarnings.READING_TIME, message, (docname, line))
    articles(env)[docname] = Article(docname, prepared.minutes, prepared.japanese)
    source[0] = prepared.page
    line_maps(env)[docname] = prepared.lines
    publish(app, docname, prepared)  # its review page, when the site publishes them


def _taken(docname: str, text: str) -> Prepared | None:
    merged = _MERGED.pop(docname, None)
    if merged is None or merged[0] != digest(text):
        return None
    return merged[1]


def forget_merges(app: Sphinx, *args: Any) -> None:
    """Reading is over: the pages merged for it are no longer needed."""
    _MERGED.clear()
    fronts(app.env).clear()  # not kept in the saved environment


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """No "show source" copy of an article: its source is the raw fragments.

    Sphinx would copy the raw file, markers and repeats included, beside a
    page that shows none of them.
    """
    if pagename in catalog(app.env).entries:
        context["sourcename"] = ""


def setup_articles(app: Sphinx) -> None:
    # After sources.py has left out what cannot be read (priority 400), before
    # the generated pages are written from the catalog (priority 600).
    app.connect("env-get-outdated", update_catalog, priority=500)
    app.connect("source-read", on_source_read)
    app.connect("env-updated", forget_merges)
    app.connect("html-page-context", on_html_page_context)
