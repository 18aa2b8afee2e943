"""Tags and categories: what counts as one term, and the page name it gets.

A term's identity is its *key*: NFKC (full-width ``ＡＩ`` is ``AI``, half-width
kana are full-width), case folded, and runs of spaces, ``-`` and ``_`` made
one ``-``, so ``Machine Learning`` and ``machine-learning`` are one tag.

A term's page name is its *slug*. Letters and digits of every script stay as
they are, so Japanese names remain readable in URLs. Anything else is
replaced, and then a short hash of the key is appended so two keys can never
share a page. A slug has no dot and no slash: no tag can name a file outside
its folder, whatever it says.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

_SEPARATORS = re.compile(r"[\s\-_]+")
_UNSAFE = re.compile(r"[^\w\-]+")
_PLAIN_SLUG = re.compile(r"[^\W_][\w\-]*")
MAX_SLUG = 48
# Names a slug must not take: the index page of the folder, and names that
# Windows reserves for devices, in case the site is checked out there.
_RESERVED = {"index", "genindex", "search", "con", "prn", "aux", "nul"} | {
    f"{device}{n}" for device in ("com", "lpt") for n in range(10)
}


def term_key(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold().strip()
    return _SEPARATORS.sub("-", folded).strip("-") or folded


# The ending a hashed slug has: a plain slug never has it, so "foo-c0cfbde0"
# (a tag written that way) cannot take the page of "foo!" (hashed to it).
_HASHED_ENDING = re.compile(r"-[0-9a-f]{8}")


def term_slug(key: str, digest_size: int = 4) -> str:
    """The page name for a term key: readable when it can be, unique always."""
    if (
        _PLAIN_SLUG.fullmatch(key)
        and len(key) <= MAX_SLUG
        and key not in _RESERVED
        and not _HASHED_ENDING.search(key[-9:])
    ):
        return key
    safe = _UNSAFE.sub("-", key).strip("-_")[:MAX_SLUG].strip("-_")
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=digest_size).hexdigest()
    return f"{safe}-{digest}" if safe else f"term-{digest}"


# Control characters, lone surrogates and non-characters: YAML escapes can
# put them in a value ("\\x07", "\\ud800"), and they break the page's front
# matter and the HTML attributes the value ends up in.
_UNPRINTABLE = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff]")


def clean_text(text: str) -> str:
    """A front-matter value as shown: unprintable characters and runs of
    whitespace made single spaces."""
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


def display_name(name: str) -> str:
    """How a term is shown: as written, with whitespace made single spaces."""
    return clean_text(name)


def term_values(value: Any) -> tuple[list[str], list[str]]:
    """The terms a front matter value names, and what was wrong with it.

    Jekyll accepts a list or a string; a string is split at commas when it
    has any, else at spaces. Numbers are names (``5G`` and ``2026`` are
    common tags). Nested lists are flattened; mappings and nulls inside are
    skipped, and said so, rather than shown as Python reprs.
    """
    problems: list[str] = []
    names: list[str] = []

    def visit(item: Any, depth: int) -> None:
        if item is None:
            return
        if isinstance(item, bool):
            problems.append(f"a true/false value ({item}) is not a name; skipped")
        elif isinstance(item, str | int | float):
            text = display_name(str(item))
            if text:
                names.append(text)
        elif isinstance(item, list | tuple):
            if depth >= 1:
                problems.append("a nested list was flattened")
            for inner in item:
                visit(inner, depth + 1)
        else:
            problems.append(f"a {type(item).__name__} is not a name; skipped")

    if isinstance(value, str):
        parts = value.split(",") if "," in value else value.split()
        names = [display_name(part) for part in parts if display_name(part)]
    else:
        visit(value, 0)
    return names, sorted(set(problems))


def unique_terms(names: Iterable[str]) -> list[str]:
    """Names in their first written form, one per key, in order."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        key = term_key(name)
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return result
