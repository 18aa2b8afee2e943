"""Source files: which ones become documents, and which Sphinx must not be handed.

Sphinx stops the whole build with a traceback on a file it cannot decode,
hangs on a FIFO named like a page, follows a link to a folder that contains
it forty levels deep, and writes its own search page over an article named
``search``. A pipeline's bad file must cost that file only: it is reported
with its line and left out, and every other page is still published.
Front matter that is invalid or dangerous is never handed to myst-parser,
on any page.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import SEP

from mystitch.lint.files import HEAD_BYTES, read_source, starts_with_front_matter
from mystitch.lint.metadata import FrontMatter, split_front_matter

from .state import catalog, fronts
from .warnings_ import MystitchWarnings, warn

_SKIP_DIRS = {"_build", "node_modules", "__pycache__"}


@dataclass(frozen=True)
class Readable:
    path: str
    text: str


def is_markdown(env: Any, docname: str) -> bool:
    path = str(env.doc2path(docname))
    suffixes = env.config.source_suffix
    for suffix, filetype in suffixes.items() if isinstance(suffixes, dict) else ():
        if path.endswith(suffix):
            return bool(filetype == "markdown")
    return False


def source_label(app: Any, path: str) -> str:
    """A path as users see it in messages: relative to the source folder."""
    try:
        return Path(path).resolve().relative_to(Path(app.srcdir).resolve()).as_posix()
    except ValueError:
        return path.replace(os.sep, SEP)


def checked_source(
    env: Any,
    docname: str,
    added: set[str],
    changed: set[str],
    removed: set[str],
    quiet: bool = False,
) -> Readable | None:
    """A document's text, read once; None (and the document left out) if it
    cannot be read as Sphinx would need it."""
    path = str(env.doc2path(docname))
    source = read_source(path)
    if source.problems or source.text is None:
        # Sphinx decodes strictly: what the reader could only read with
        # replacements, as UTF-16, or not at all, would stop the build.
        if not quiet:
            problem = source.problems[0]
            warn(
                MystitchWarnings.SOURCE,
                f"{problem.fact}; this document is not published",
                (docname, problem.line),
            )
        drop(env, docname, added, changed, removed)
        return None
    return Readable(path, source.text)


def drop(env: Any, docname: str, added: set[str], changed: set[str], removed: set[str]) -> None:
    """Leave a document out of this build, and out of the last one's results."""
    added.discard(docname)
    changed.discard(docname)
    env.project.docnames.discard(docname)
    if docname in env.all_docs:
        removed.add(docname)


def sphinx_pages(app: Any) -> set[str]:
    """Names Sphinx's HTML builders write pages of their own under."""
    if getattr(app.builder, "format", "") != "html":
        return set()
    names = {"genindex", "search"}
    domains = app.env.domains
    for domain in domains.values() if hasattr(domains, "values") else domains:
        names.update(f"{domain.name}-{index.name}" for index in domain.indices)
    return names


def leave_out_sphinx_pages(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> set[str]:
    """A page named like one of Sphinx's own would be written over: say so."""
    for docname in sorted(set(env.found_docs) & sphinx_pages(app)):
        warn(
            MystitchWarnings.COLLISION,
            f"{docname!r} is the name of one of Sphinx's own pages, which would replace it "
            "in the output; it is not published (rename the file)",
            (docname, 1),
        )
        drop(env, docname, added, changed, removed)
        catalog(env).entries.pop(docname, None)
    return set()


def scan_source_folder(app: Sphinx, config: Any) -> None:
    """Look over the source folder once, before Sphinx finds its documents.

    * ``.txt`` files that start with front matter are Markdown articles, as
      pipelines often save them; any other ``.txt`` (notes, robots.txt) is
      excluded, so the suffix never drags in files not meant as pages.
    * A link to a folder that contains the link (``a/loop -> ..``) is
      excluded: Sphinx follows links, and would read the same pages again
      forty levels deep.
    """
    srcdir = Path(app.srcdir)
    articles: list[str] = []
    others: list[str] = []
    loops: list[str] = []
    for folder, dirs, files in os.walk(srcdir):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")]
        here = os.path.realpath(folder)
        for name in list(dirs):
            link = os.path.join(folder, name)
            if os.path.islink(link):
                target = os.path.realpath(link)
                if here == target or here.startswith(target.rstrip(os.sep) + os.sep):
                    loops.append(Path(link).relative_to(srcdir).as_posix())
        for name in files:
            if not name.endswith(".txt"):
                continue
            path = Path(folder, name)
            head = read_head(path, HEAD_BYTES)
            if head is None:
                continue  # not a readable regular file: reported when it is read
            relative = path.relative_to(srcdir).as_posix()
            is_article = starts_with_front_matter(head)  # as mystitch-lint decides
            (articles if is_article else others).append(relative)
    for loop in loops:
        warn(MystitchWarnings.SOURCE, f"{loop} links to a folder that contains it; not followed")
    if articles:
        suffixes = config.source_suffix
        if isinstance(suffixes, dict) and ".txt" not in suffixes:
            suffixes[".txt"] = "markdown"
    excluded = [*others, *loops]
    # The build folders may sit inside the source folder (sphinx-build src
    # src/_build): keep Sphinx from reading our generated pages, or its own
    # output, as sources.
    source = srcdir.resolve()
    for build in (app.outdir, app.doctreedir):
        try:
            inside = Path(build).resolve().relative_to(source)
        except ValueError:
            continue
        if inside.parts:
            excluded.append(inside.as_posix())
    if excluded:
        config.exclude_patterns = [*config.exclude_patterns, *excluded]


def read_head(path: Path, size: int) -> bytes | None:
    """The first bytes of a regular file; None for anything else.

    Opened without blocking, so a FIFO named like an article cannot hang
    the build.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return os.read(descriptor, size)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def front_matter_of(text: str, known: FrontMatter | None) -> FrontMatter | None:
    if known is not None:
        return known
    if not text.startswith("---"):
        return None
    return split_front_matter(text.split("\n"))


def without_bad_front_matter(text: str, front: FrontMatter | None) -> str | None:
    """The text with a closed but unusable front matter block blanked out.

    Lines stay where they are, so Sphinx's line numbers still match the
    file. An unclosed block is not front matter to myst-parser either: the
    text is left alone. None when there is nothing to blank.
    """
    if front is None or front.error is None or not front.present:
        return None
    lines = text.split("\n")
    if front.end_line >= len(lines) and not front.raw:
        return None  # never closed
    return "\n" * front.end_line + "\n".join(lines[front.end_line :])


def guard_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """A page that is no article (the project's own) with front matter myst-parser
    would choke on, or load an alias bomb from: published without it."""
    if docname in catalog(app.env).entries or not is_markdown(app.env, docname):
        return
    front = front_matter_of(source[0], fronts(app.env).get(docname))
    if front is None or front.error is None:
        return
    blanked = without_bad_front_matter(source[0], front)
    if blanked is None:
        outcome = "the text is published as it is"
    else:
        outcome = "the page is published without its front matter"
        source[0] = blanked
    warn(
        MystitchWarnings.METADATA, f"{front.error.message}; {outcome}", (docname, front.error.line)
    )


def setup_sources(app: Sphinx) -> None:
    # After Sphinx has turned source_suffix into a dict (priority 800).
    app.connect("config-inited", scan_source_folder, priority=900)
    app.connect("env-get-outdated", leave_out_sphinx_pages, priority=400)
    app.connect("source-read", guard_front_matter, priority=400)
