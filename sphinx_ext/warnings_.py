"""Every warning the extension gives, in one enum.

Each member is a subtype of the ``mystitch`` warning type, so a project can
silence one kind with ``suppress_warnings = ["mystitch.merge"]``. The docs'
table of warnings is generated from this enum, descriptions included, so it
cannot drift from the code.
"""

from __future__ import annotations

import enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)


class MystitchWarnings(enum.Enum):
    """mystitch's warning subtypes (``mystitch.<value>``), each with what it means."""

    def __new__(cls, value: str, doc: str) -> MystitchWarnings:
        member = object.__new__(cls)
        member._value_ = value
        member.doc = doc
        return member

    doc: str

    MERGE = (
        "merge",
        "The merge could not recover something: a cut nothing continues was trimmed, a heading "
        "with nothing under it was dropped, a marker inside a code block was kept as code. The "
        "removed text is in the message.",
    )
    LINT = (
        "lint",
        "A finding of `mystitch-lint` on a raw article (only with `mystitch_lint = True`).",
    )
    METADATA = (
        "metadata",
        "Front matter that is invalid, unclosed, or holds a value of the wrong type; the "
        "article is still published.",
    )
    UNTRUSTED = (
        "untrusted",
        "Something an article may not do: a directive or role that reads files, emits raw "
        "markup or runs code, a parser setting in its front matter, a link or image with an "
        "unsafe address. It is shown as text or left out; `mystitch_allow` opens it.",
    )
    DUPLICATE = (
        "duplicate",
        "One article saved in two files; the more complete one is published, the other points "
        "to it.",
    )
    COLLISION = (
        "collision",
        "Two things want one page name: two tags, or an article named like one of Sphinx's "
        "own pages (`search`, `genindex`), which is then not published.",
    )
    SOURCE = (
        "source",
        "A file that is left out of the site: unreadable, not UTF-8, binary, too large, not a "
        "regular file, or a link to a folder that contains it.",
    )
    LIST = (
        "list",
        "A `mystitch-articles` list with options that do not fit, or that names a tag no "
        "article has.",
    )
    CONFIG = (
        "config",
        "A `mystitch_*` setting with a value that does not fit (its default is used), or a "
        "generated page that a source page of the same name replaces.",
    )
    PARSE = (
        "parse",
        "The Markdown parser failed on a page; the page is published as plain text, so nothing "
        "is lost.",
    )
    READING_TIME = (
        "reading_time",
        "An article's `reading_time` is far from what its text takes to read, or is not a "
        "number of minutes; the time counted from the text is shown.",
    )

    @property
    def type_name(self) -> str:
        return f"mystitch.{self.value}"


def warn(kind: MystitchWarnings, message: str, location: Any = None, **extra: Any) -> None:
    """Log a warning of one of our kinds (``location``: docname and line, or a node)."""
    logger.warning(message, location=location, type="mystitch", subtype=kind.value, **extra)
