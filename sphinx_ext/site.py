"""The site around the articles: catalog, generated pages, what to re-read.

``env-get-outdated`` runs in the main process after Sphinx has found the
source files and before anything is read. There the catalog is brought up
to date from the front matter of added and changed articles, the generated
pages are written beside the doctrees (never into the source folder) and
registered as documents, and the documents whose lists changed are handed
back to be read again. An unchanged rebuild writes and reads nothing.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Any

from sphinx.util import logging
from sphinx.util.osutil import SEP

from mystitch.lint.files import read_source

from .catalog import scan
from .config import ExtensionConfig
from .pages import site_pages
from .project import adopt, register
from .sources import drop
from .state import catalog, depends, labels, locations, outdated
from .warnings_ import MystitchWarnings, warn

logger = logging.getLogger(__name__)

PAGES_FOLDER = "mystitch-pages"
_FOLDER = re.compile(r"[\w\-]+(/[\w\-]+)*")


def pages_folder(app: Any) -> Path:
    return Path(app.doctreedir) / PAGES_FOLDER


def is_markdown(app: Any, docname: str) -> bool:
    path = str(app.env.doc2path(docname))
    suffixes = app.config.source_suffix
    for suffix, filetype in suffixes.items() if isinstance(suffixes, dict) else ():
        if path.endswith(suffix):
            return filetype == "markdown"
    return False


def is_candidate(app: Any, docname: str, settings: ExtensionConfig) -> bool:
    return any(fnmatch.fnmatchcase(docname, glob) for glob in settings.articles) and is_markdown(
        app, docname
    )


def check_config(app: Any, config: Any) -> None:
    """Refuse folder names that are not plain relative docnames."""
    defaults = ExtensionConfig()
    for name in ("tags_path", "categories_path", "archive_path"):
        value = getattr(config, f"mystitch_{name}")
        if value == "" or (isinstance(value, str) and _FOLDER.fullmatch(value.strip("/"))):
            setattr(config, f"mystitch_{name}", value.strip("/") if value else "")
            continue
        logger.warning(
            f"mystitch_{name} = {value!r} is not a relative folder name of letters, digits, "
            f"'-' and '_'; using {getattr(defaults, name)!r}",
            type="mystitch",
            subtype="config",
        )
        setattr(config, f"mystitch_{name}", getattr(defaults, name))
    workers = config.mystitch_merge_workers
    if isinstance(workers, str) and workers.strip().isdigit():
        # -D mystitch_merge_workers=0 arrives as text, "auto" being text.
        workers = config.mystitch_merge_workers = int(workers)
    if workers != "auto" and (
        not isinstance(workers, int) or isinstance(workers, bool) or workers < 0
    ):
        logger.warning(
            f"mystitch_merge_workers = {workers!r} is neither 'auto' nor a whole number of "
            "processes; using 'auto'",
            type="mystitch",
            subtype="config",
        )
        config.mystitch_merge_workers = "auto"
    if config.source_encoding.lower().replace("_", "-") not in ("utf-8", "utf-8-sig"):
        logger.warning(
            f"source_encoding = {config.source_encoding!r}: mystitch reads articles as UTF-8, "
            "and leaves out files that are not",
            type="mystitch",
            subtype="config",
        )
    # The build folders may sit inside the source folder (sphinx-build src
    # src/_build): keep Sphinx from reading our generated pages, or its own
    # output, as sources.
    srcdir = Path(app.srcdir).resolve()
    for folder in (app.outdir, app.doctreedir):
        try:
            relative = Path(folder).resolve().relative_to(srcdir)
        except ValueError:
            continue
        if relative.parts:
            config.exclude_patterns = [*config.exclude_patterns, relative.as_posix()]


def on_get_outdated(
    app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> set[str]:
    settings = ExtensionConfig.from_sphinx(app.config)
    cat = catalog(env)
    sources = set(env.found_docs)  # before any generated page joins them
    previous = set(getattr(env, "mystitch_pages", ()))

    for docname in list(cat.entries):
        if docname not in sources:
            del cat.entries[docname]
    for docname in sorted(sources & sphinx_pages(app)):
        # Sphinx would write its own page over this one's output.
        warn(
            MystitchWarnings.COLLISION,
            f"{docname!r} is the name of one of Sphinx's own pages, which would replace "
            "it in the output; it is not published (rename the file)",
            (docname, 1),
        )
        drop(env, docname, added, changed, removed)
        sources.discard(docname)
        cat.entries.pop(docname, None)
    # Front matter handed to the readers of this build, not kept in the pickle.
    env.mystitch_front = fronts = {}
    for docname in sorted((added | changed) - previous):
        path = str(env.doc2path(docname))
        source = read_source(path)
        if source.problems:
            # Sphinx decodes strictly: what the reader could only read with
            # replacements, as UTF-16, or not at all, would stop the build.
            problem = source.problems[0]
            logger.warning(
                f"{problem.fact}; this document is not published",
                location=(docname, problem.line),
                type="mystitch",
                subtype="source",
            )
            drop(env, docname, added, changed, removed)
            sources.discard(docname)
            cat.entries.pop(docname, None)
            continue
        entry, front = None, None
        if source.text is not None and is_candidate(app, docname, settings):
            entry, front = scan(docname, path, source.text, settings.max_terms, settings.marker)
        if front is not None:
            fronts[docname] = front
        if entry is None:
            cat.entries.pop(docname, None)
        else:
            cat.entries[docname] = entry
    reread = cat.rebuild(settings.marker)
    for message in cat.collisions:
        warn(MystitchWarnings.COLLISION, message)

    project = adopt(env)
    root = app.config.root_doc
    words = labels(env)
    home = (root, site_title(app.config.project, words)) if root not in sources else None
    pages = site_pages(cat, words, locations(app.config), home, settings.home_limit)
    folder = pages_folder(app)
    written: set[str] = set()
    for docname, text in pages.items():
        if docname in sources:
            logger.warning(
                f"{env.doc2path(docname)} exists in the source folder, so the extension "
                f"does not generate {docname!r}",
                type="mystitch",
                subtype="config",
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
    generated = {name for name in pages if name not in sources}
    for stale in previous - generated:
        _delete(folder / f"{stale}.md", folder)
    env.mystitch_pages = generated
    # A build killed after the environment was saved wrote no generated page;
    # Sphinx only rewrites what it reads again, so read again what is missing.
    missing = {docname for docname in generated if _output_missing(app, docname)}
    # What is added is read anyway; naming it again would count it twice in
    # Sphinx's "N added, M changed" line.
    return (written | reread | outdated(env) | missing) - removed - added


def _output_missing(app: Any, docname: str) -> bool:
    builder = app.builder
    if hasattr(builder, "get_outfilename"):
        target = builder.get_outfilename(docname)
    elif getattr(builder, "out_suffix", None):
        target = os.path.join(builder.outdir, docname + builder.out_suffix)
    else:
        return False  # a builder that writes one file for the whole project
    return not os.path.exists(target)


def sphinx_pages(app: Any) -> set[str]:
    """Names Sphinx's HTML builders write pages of their own under."""
    if getattr(app.builder, "format", "") != "html":
        return set()
    names = {"genindex", "search"}
    domains = app.env.domains
    for domain in domains.values() if hasattr(domains, "values") else domains:
        names.update(f"{domain.name}-{index.name}" for index in domain.indices)
    return names


def site_title(project: str, words: Any) -> str:
    # Sphinx's placeholder names (old and new) are not a title.
    if not project or project in ("Python", "Project name not set"):
        return words.articles
    return project


def _write(path: Path, text: str, folder: Path) -> bool:
    """Write a generated page unless it already says this; True if written."""
    if folder.resolve() not in path.resolve().parents:
        raise ValueError(
            f"refusing to write {path} outside {folder}"
        )  # slugs make this unreachable
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


def on_build_finished(app: Any, exception: BaseException | None) -> None:
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
        index.write_text(safe, encoding="utf-8")


def on_env_updated(app: Any, env: Any) -> list[str]:
    """Articles and generated pages outside every toctree are orphans, quietly.

    A site lists its articles on index pages, not in a toctree: a toctree of
    every article is rendered in every page's sidebar, which makes the build
    quadratic. Pages a toctree does include keep their place in it.
    """
    env.mystitch_front = {}
    included = env.files_to_rebuild
    root = app.config.root_doc
    for docname in [*catalog(env).entries, *getattr(env, "mystitch_pages", ())]:
        if docname != root and docname not in included and docname in env.metadata:
            env.metadata[docname]["orphan"] = True
    return []


def on_purge_doc(app: Any, env: Any, docname: str) -> None:
    depends(env).pop(docname, None)
    getattr(env, "mystitch_articles", {}).pop(docname, None)
    getattr(env, "mystitch_lines", {}).pop(docname, None)


def on_merge_info(app: Any, env: Any, docnames: set[str], other: Any) -> None:
    for name in ("mystitch_articles", "mystitch_depends", "mystitch_lines"):
        theirs = getattr(other, name, {})
        ours = getattr(env, name, None)
        if ours is None:
            ours = {}
            setattr(env, name, ours)
        ours.update({docname: theirs[docname] for docname in docnames if docname in theirs})


def source_label(app: Any, path: str) -> str:
    """A path as users see it in messages: relative to the source folder."""
    try:
        return Path(path).resolve().relative_to(Path(app.srcdir).resolve()).as_posix()
    except ValueError:
        return path.replace(os.sep, SEP)
