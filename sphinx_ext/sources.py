"""Source files Sphinx must not be handed as they are.

Sphinx stops the whole build with a traceback on a file it cannot decode,
and myst-parser loads any front matter it finds, alias bombs included. A
pipeline's bad file must cost that file only: it is reported with its line
and left out (what the linter's reader cannot read as UTF-8), or read
without its front matter (YAML that is invalid or dangerous), and every
other page is still published.
"""

from __future__ import annotations

from typing import Any

from mystitch.lint.metadata import FrontMatter, split_front_matter


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
