"""The pages the extension adds: tag, category and archive pages, a home page.

They are written, as MyST, beside the doctrees (never into the source
folder) on ``env-get-outdated``, once the catalog is up to date, and
registered as ordinary documents (see project.py), so every builder writes
them and the search index has them. A page is rewritten only when its text
changes, and read again only then, when a list on it changed, or when its
output is missing: an unchanged rebuild writes and reads nothing, and a
build killed after saving its environment is mended by the next one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .archives import archive_pages, older_pages
from .config import settings
from .pages import site_pages
from .project import adopt, register
from .site_title import configured_title
from .state import catalog, generated, labels, locations, outdated
from .warnings_ import MystitchWarnings, warn

PAGES_FOLDER = "mystitch-pages"


def pages_folder(app: Any) -> Path:
    return Path(app.doctreedir) / PAGES_FOLDER


def write_pages(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> set[str]:
    sources = set(env.found_docs)  # before any generated page joins them
    previous = set(generated(env))
    project = adopt(env)
    root = app.config.root_doc
    words = labels(env)
    cat, places, config = catalog(env), locations(app.config), settings(app)
    pager, pages = "", archive_pages(cat, words, places)
    home = None
    if root not in sources:
        title = configured_title(app.config) or words.articles
        home = (root, title)
        pager, older = older_pages(
            cat, words, root, config.pagination_path, config.home_limit, title
        )
        pages.update(older)
    pages.update(site_pages(cat, words, places, home, config.home_limit, pager))
    folder = pages_folder(app)
    written: set[str] = set()
    for docname, text in pages.items():
        if docname in sources:
            warn(
                MystitchWarnings.CONFIG,
                f"{env.doc2path(docname)} exists in the source folder, so the extension "
                f"does not generate {docname!r}",
                once=True,
            )
            continue
        path = folder / f"{docname}.md"
        if _write(path, text, folder):
            written.add(docname)
        register(project, docname, path)
        removed.discard(docname)
        if docname not in env.all_docs:
            added.add(docname)
    ours = {name for name in pages if name not in sources}
    for stale in previous - ours:
        _delete(folder / f"{stale}.md", folder)
    generated(env).clear()
    generated(env).update(ours)
    # A build killed after the environment was saved wrote no generated page;
    # Sphinx only rewrites what it reads again, so read again what is missing.
    missing = {docname for docname in ours if _output_missing(app, docname)}
    # Every document, generated or not, whose lists the catalog changed.
    # What is added is read anyway; naming it again would count it twice in
    # Sphinx's "N added, M changed" line.
    return (written | missing | outdated(env)) - removed - added


def _output_missing(app: Any, docname: str) -> bool:
    builder = app.builder
    if hasattr(builder, "get_outfilename"):
        target = builder.get_outfilename(docname)
    elif getattr(builder, "out_suffix", None):
        target = os.path.join(builder.outdir, docname + builder.out_suffix)
    else:
        return False  # a builder that writes one file for the whole project
    return not os.path.exists(target)


def site_title(project: str, words: Any) -> str:
    # Sphinx's placeholder names (old and new) are not a title.
    if not project or project in ("Python", "Project name not set"):
        return str(words.articles)
    return project


def _write(path: Path, text: str, folder: Path) -> bool:
    """Write a generated page unless it already says this; True if written."""
    if folder.resolve() not in path.resolve().parents:
        # Page names are slugs of letters, digits and "-": unreachable.
        raise ValueError(f"refusing to write {path} outside {folder}")
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def _delete(path: Path, folder: Path) -> None:
    if folder.resolve() in path.resolve().parents:
        path.unlink(missing_ok=True)


def escape_search_index(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``<``, ``>`` and ``&`` in the search index as JSON escapes.

    The index holds page titles as written, and a tag may be called
    ``<script>``. Sphinx's search escapes titles when it shows them; the
    escapes keep the file safe wherever else it is read or inlined.
    """
    index = Path(app.outdir) / "searchindex.js"
    if exception is not None or app.builder.format != "html" or not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if safe != text:
        temporary = index.with_name(index.name + ".tmp")
        temporary.write_text(safe, encoding="utf-8")
        os.replace(temporary, index)


def mark_orphans(app: Sphinx, env: Any) -> list[str]:
    """Articles and generated pages outside every toctree are orphans, quietly.

    A site lists its articles on index pages, not in a toctree: a toctree of
    every article is rendered in every page's sidebar, which makes the build
    quadratic. Pages a toctree does include keep their place in it.
    """
    included = env.files_to_rebuild
    root = app.config.root_doc
    for docname in [*catalog(env).entries, *generated(env)]:
        if docname != root and docname not in included and docname in env.metadata:
            env.metadata[docname]["orphan"] = True
    return []


def setup_generated(app: Sphinx) -> None:
    # Once the catalog is up to date (articles.py, priority 500).
    app.connect("env-get-outdated", write_pages, priority=600)
    app.connect("env-updated", mark_orphans)
    app.connect("build-finished", escape_search_index)
