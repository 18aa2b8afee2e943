"""Source files Sphinx must not be handed as they are.

Sphinx stops the whole build with a traceback on a file it cannot decode,
and myst-parser loads any front matter it finds, alias bombs included. A
pipeline's bad file must cost that file only: it is reported with its line
and left out (what the linter's reader cannot read as UTF-8), or read
without its front matter (YAML that is invalid or dangerous), and every
other page is still published.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from mystitch.lint.metadata import FrontMatter, split_front_matter

from .warnings_ import MystitchWarnings, warn


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


def drop(env: Any, docname: str, added: set[str], changed: set[str], removed: set[str]) -> None:
    """Leave a document out of this build, and out of the last one's results."""
    added.discard(docname)
    changed.discard(docname)
    env.project.docnames.discard(docname)
    if docname in env.all_docs:
        removed.add(docname)


_SKIP_DIRS = {"_build", "node_modules", "__pycache__"}


def on_config_inited(app: Any, config: Any) -> None:
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
            path = os.path.join(folder, name)
            if os.path.islink(path):
                target = os.path.realpath(path)
                if here == target or here.startswith(target.rstrip(os.sep) + os.sep):
                    loops.append(Path(path).relative_to(srcdir).as_posix())
        for name in files:
            if not name.endswith(".txt"):
                continue
            path = Path(folder, name)
            head = read_head(path, 8)
            if head is None:
                continue  # not a readable regular file: Sphinx or the catalog says so
            relative = path.relative_to(srcdir).as_posix()
            is_article = head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")
            (articles if is_article else others).append(relative)
    for loop in loops:
        warn(
            MystitchWarnings.SOURCE,
            f"{loop} links to a folder that contains it; it is not followed",
        )
    excluded = [*others, *loops]
    if articles:
        suffixes = config.source_suffix
        if isinstance(suffixes, dict) and ".txt" not in suffixes:
            suffixes[".txt"] = "markdown"
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
