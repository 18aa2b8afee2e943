"""FM: the Jekyll-style front matter every article needs.

Only articles are checked (see :mod:`lint.articles`): a hand-written page
owes us no front matter, and its own keys (MyST's, Zenn's) are its business.
The generator's schema (FM003 required fields, FM004 types) is demanded of
what it wrote, articles with fragment markers, of the files the ``articles``
setting names, and of articles whose front matter follows it; a blog post
of another schema is only held to front matter that loads (FM002).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..articles import Standing
from ..findings import Hit
from ..metadata import is_empty, parse_date, type_name
from . import checker


@checker(
    "FM001",
    "missing-front-matter",
    "An article (fragment markers, or named by `articles`) has no front matter block.",
    severity="error",
)
def missing(document, analysis, config) -> Iterator[Hit]:
    if not analysis.page and not document.front_matter.present:
        yield Hit(1, "no front matter: an article starts with a '---' block of YAML fields")


@checker(
    "FM002",
    "invalid-front-matter",
    "The front matter is never closed, is not valid YAML, is not a mapping, or uses "
    "unsafe YAML tags or too many aliases.",
    severity="error",
)
def invalid(document, analysis, config) -> Iterator[Hit]:
    error = document.front_matter.error
    if error is not None and not analysis.page:
        yield Hit(error.line, error.message, column=error.column)


def _schema_applies(analysis) -> bool:
    """Whether the article is held to our schema (FM003, FM004): what the
    generator wrote, what ``articles`` names, and an article whose front
    matter follows ours; not a blog post of another schema (lint.articles)."""
    return analysis.standing in (Standing.GENERATED, Standing.ARTICLE)


@checker(
    "FM003",
    "missing-field",
    "A required front-matter field is missing or empty.",
    severity="error",
)
def missing_field(document, analysis, config) -> Iterator[Hit]:
    front = document.front_matter
    if not front.present or front.error or not _schema_applies(analysis):
        return
    for name in config.required_fields:
        if name not in front.data:
            yield Hit(front.start_line, f"required field '{name}' is missing from the front matter")
        elif is_empty(front.data[name]):
            yield Hit(front.line_of(name), f"required field '{name}' is empty")


def _list_of_strings(name: str, value: Any) -> str | None:
    if not isinstance(value, list):
        return f"'{name}' must be a list of strings, not a {type_name(value)}"
    for position, entry in enumerate(value, 1):
        if not isinstance(entry, str):
            return f"'{name}' entry {position} must be a string, not a {type_name(entry)}"
        if not entry.strip():
            return f"'{name}' entry {position} is an empty string"
    return None


@checker(
    "FM004",
    "wrong-type",
    "A front-matter field has the wrong type: tags and categories are lists of strings, "
    "the date parses, reading_time is a positive whole number, title, author and excerpt "
    "are text.",
    severity="error",
)
def wrong_type(document, analysis, config) -> Iterator[Hit]:
    front = document.front_matter
    if not front.present or front.error or not _schema_applies(analysis):
        return
    data = front.data
    for name in ("tags", "categories"):
        if name in data and not is_empty(data[name]):
            problem = _list_of_strings(name, data[name])
            if problem:
                yield Hit(front.line_of(name), problem)
    if "date" in data and not is_empty(data["date"]) and parse_date(data["date"]) is None:
        yield Hit(
            front.line_of("date"),
            f"'date' {data['date']!r} is not a date "
            "(write YYYY-MM-DD, optionally with HH:MM:SS and a zone like +0900)",
        )
    if "reading_time" in data and data["reading_time"] is not None:
        value = data["reading_time"]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            yield Hit(
                front.line_of("reading_time"),
                f"'reading_time' must be a positive whole number of minutes, not {value!r}",
            )
    for name in ("title", "author", "excerpt"):
        if name in data and not is_empty(data[name]) and not isinstance(data[name], str):
            yield Hit(front.line_of(name), f"'{name}' must be text, not a {type_name(data[name])}")
