"""The rule registry.

Each rule is a small checker function registered under one code with the
:func:`checker` decorator. Per-file checkers take ``(document, analysis,
config)`` and yield :class:`~lint.findings.Hit`; corpus checkers run once
over every file's digest (see :mod:`lint.corpus`). Importing this package
imports every rule module, so the registry is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..findings import Hit

FAMILIES = {
    "FRG": "Fragment markers",
    "FM": "Front matter",
    "TRN": "Truncated text",
    "DUP": "Duplicated text",
    "IO": "Reading files",
}


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: str
    check: Callable[..., Iterable[Hit]] | None
    scope: str  # "file", "corpus" or "io"

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")


RULES: dict[str, Rule] = {}


def checker(
    code: str, name: str, summary: str, *, severity: str = "warning", scope: str = "file"
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func`` as the checker for ``code``."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, name, summary, severity, func, scope)
        return func

    return register


def declare(code: str, name: str, summary: str, *, severity: str, scope: str) -> None:
    """A rule reported by the engine itself rather than by a checker."""
    RULES[code] = Rule(code, name, summary, severity, None, scope)


def file_rules() -> list[Rule]:
    return [r for r in RULES.values() if r.scope == "file"]


from . import duplicates, fragments, front_matter, truncation  # noqa: E402,F401

declare(
    "IO001",
    "unreadable-file",
    "The file could not be read (missing, a folder, no permission, a link loop).",
    severity="error",
    scope="io",
)
declare(
    "IO002",
    "not-utf8",
    "The file is not UTF-8 text; it was read with replacement characters.",
    severity="error",
    scope="io",
)
declare(
    "IO003",
    "internal-error",
    "The linter failed on this file with an internal error; the file was not checked.",
    severity="error",
    scope="io",
)
declare(
    "DUP005",
    "cross-file-paragraph",
    "A paragraph also stands in another file.",
    severity="warning",
    scope="corpus",
)
declare(
    "DUP006",
    "duplicate-article",
    "The whole article also stands in another file.",
    severity="warning",
    scope="corpus",
)
