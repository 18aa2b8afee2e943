"""Review pages: each article's merge to look at, published out of every index.

With ``mystitch_review_path = "_review"`` the HTML builders write, for every
article that arrived in pieces, the page ``mystitch-merge --report html``
writes (lint/merge/review.py) to ``_review/<docname>.html``: the raw pieces
beside the merged page, every span marked with what happened to it. They
are static files, not documents: no toctree, search index, feed, sitemap or
list knows them, each says ``noindex``, and no page of the site links to
them. An editor opens them by address.

They cost no second merge. The page is made where the article is merged
(``prepare``, in the reader, a merge-ahead worker or the catalog) and written
when the article is read, so an incremental build writes the pages of the
articles it read again and no other. What was written where is kept in the
environment: a page whose article is gone, or no longer has pieces, is
removed once reading is over; a page missing from the output folder (a new
folder, another builder that read the article) has its article read again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from mystitch.lint.merge.review import ARTICLE_SLOT

from .article_page import Prepared
from .config import MystitchConfig, _where, settings
from .generated import _delete as delete_file
from .generated import _write as write_file
from .state import reviews, reviews_written
from .urls import is_site_builder
from .warnings_ import MystitchWarnings, warn

# Output folders that are Sphinx's own: a review page must not land among them.
_SPHINX_FOLDERS = ("_static", "_sources", "_images", "_downloads")


def review_folder(app: Any) -> str:
    """The folder this build writes review pages into; "" for none.

    Decided once per build, before anything is read (:func:`choose_folder`);
    a builder that writes no site (LaTeX, text, linkcheck) writes none.
    """
    chosen = getattr(app, "mystitch_review_folder", None)
    if chosen is not None:
        return str(chosen)
    return settings(app).review_path if is_site_builder(app.builder) else ""


def merge_config(app: Any) -> MystitchConfig:
    """The settings an article is merged with: a review page only where one is written."""
    config = settings(app)
    folder = review_folder(app)
    if folder == config.review_path:
        return config
    return dataclasses.replace(config, review_path=folder)


def choose_folder(app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]):
    """``env-get-outdated``: the review folder of this build, and the articles
    whose review page this output folder lacks, to be read again."""
    config = settings(app)
    folder = config.review_path if is_site_builder(app.builder) else ""
    if folder:
        clash = _clash(app, env, folder)
        if clash:
            warn(
                MystitchWarnings.CONFIG,
                f"mystitch_review_path = {folder!r} is where {clash}; no review pages are written",
                _where(app, "mystitch_review_path"),
            )
            folder = ""
    app.mystitch_review_folder = folder  # type: ignore[attr-defined]  # this build's choice
    if not folder:
        return []
    out = Path(app.outdir)
    written = reviews_written(env).get(_key(app), {})
    return [
        docname
        for docname, (path, digest) in reviews(env).items()
        if not digest or written.get(docname) != (path, digest) or not (out / path).is_file()
    ]


def _clash(app: Any, env: Any, folder: str) -> str:
    """What else lives in ``folder`` of the output, if anything."""
    for docname in sorted(env.found_docs):
        if docname.startswith(folder + "/"):
            return f"the document {docname!r} is"
    config = settings(app)
    others = {
        "mystitch_tags_path": config.tags_path,
        "mystitch_categories_path": config.categories_path,
        "mystitch_archive_path": config.archive_path,
        "mystitch_pagination_path": config.pagination_path,
        "mystitch_feeds_path": config.feeds_path,
    }
    for name, other in others.items():
        if other and _nested(folder, other):
            return f"{name} puts its pages"
    if any(_nested(folder, own) for own in _SPHINX_FOLDERS):
        return "Sphinx puts its own files"
    return ""


def _nested(a: str, b: str) -> bool:
    """One folder is the other, or inside it."""
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def publish(app: Sphinx, docname: str, prepared: Prepared) -> None:
    """After an article is merged in ``source-read``: its review page written, and noted.

    Runs in whichever process reads the article (one of ``-j N``'s readers
    too); the note comes back to the main process with the environment.
    """
    configured = settings(app).review_path
    if not configured or not prepared.pieces:
        return  # never cut, or not merged: nothing to review
    folder = review_folder(app)
    path = f"{folder or configured}/{docname}.html"
    if not folder or not prepared.review:
        # Another builder: the page is due, and the next HTML build writes it.
        reviews(app.env)[docname] = (path, "")
        return
    target = app.builder.get_target_uri(docname)
    link = f'<a href="{html.escape(quote(relative_uri(path, target)))}">the published page</a>'
    page = prepared.review.replace(ARTICLE_SLOT, link, 1)
    out = Path(app.outdir)
    write_file(out / path, page, out)
    reviews(app.env)[docname] = (path, _digest(page))


def tidy(app: Sphinx, env: Any) -> None:
    """``env-updated``: review pages of articles that are gone, or have no
    pieces any more, are removed; what this output folder holds is noted."""
    if not is_site_builder(app.builder):
        return
    out = Path(app.outdir)
    key = _key(app)
    current = {docname: entry for docname, entry in reviews(env).items() if entry[1]}
    before = reviews_written(env).get(key)
    if before is None:
        # First build into this folder with this environment (a fresh one,
        # -E): pages of an earlier environment are not known, so the folder,
        # which is ours, is swept.
        _sweep(out, review_folder(app), {path for path, _ in current.values()})
    else:
        for docname, (path, _) in before.items():
            if current.get(docname, ("",))[0] != path:
                delete_file(out / path, out)
    reviews_written(env)[key] = current


def _sweep(out: Path, folder: str, keep: set[str]) -> None:
    if not folder or not (out / folder).is_dir():
        return
    for page in (out / folder).rglob("*.html"):
        if page.relative_to(out).as_posix() not in keep:
            delete_file(page, out)


def _key(app: Any) -> str:
    return os.path.realpath(app.outdir)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def setup_review(app: Sphinx) -> None:
    # After sources.py (400) has left out what cannot be read, before the
    # catalog merges copies of an article (500) with the settings decided here.
    app.connect("env-get-outdated", choose_folder, priority=450)
    app.connect("env-updated", tidy)
