"""Source files Sphinx must not be handed as they are.

Sphinx stops the whole build with a traceback on a file it cannot decode,
and myst-parser loads any front matter it finds, alias bombs included. A
pipeline's bad file must cost that file only: it is reported with its line
and left out (undecodable), or read without its front matter (YAML that is
invalid or dangerous), and every other page is still published.
"""

from __future__ import annotations

import codecs
from typing import Any

from lint.files import MAX_FILE_BYTES
from lint.metadata import FrontMatter, split_front_matter


def undecodable(path: str, encoding: str) -> tuple[int, str] | None:
    """(line, reason) if Sphinx could not read this file as text, else None."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return 1, f"cannot read file: {exc.strerror or exc.__class__.__name__}"
    if len(data) > MAX_FILE_BYTES:
        # As the linter: a file this size is a dump, and would cost minutes.
        return 1, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return 1, "UTF-16 text; save it as UTF-8"
    if b"\x00" in data:
        at = data.index(b"\x00")
        return data.count(b"\n", 0, at) + 1, "binary file (a NUL byte)"
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        name = "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-8") else encoding
        return line, f"not {name}: byte 0x{byte} cannot be decoded; save the file as UTF-8"
    except LookupError:
        return None  # Sphinx reports an unknown source_encoding itself
    return None


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


def describe(front: FrontMatter) -> tuple[int, str]:
    assert front.error is not None
    return front.error.line, front.error.message


def drop(env: Any, docname: str, added: set[str], changed: set[str], removed: set[str]) -> None:
    """Leave a document out of this build, and out of the last one's results."""
    added.discard(docname)
    changed.discard(docname)
    env.project.docnames.discard(docname)
    if docname in env.all_docs:
        removed.add(docname)
