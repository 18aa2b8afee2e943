"""FRG: what the generator's fragment markers leave behind."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from . import checker


@checker(
    "FRG001",
    "fragment-marker",
    "A fragment marker line is still in the text.",
    severity="error",
)
def marker_left(document, analysis, config) -> Iterator[Hit]:
    count = len(document.markers)
    for number, marker in enumerate(document.markers, 1):
        yield Hit(
            marker.line,
            f"fragment marker {marker.text.strip()!r} left in the text "
            f"({number} of {count}); merge the fragments with mystitch",
        )


@checker(
    "FRG002",
    "marker-in-code",
    "A fragment marker line stands inside a fenced code block; it is kept as code.",
)
def marker_in_code(document, analysis, config) -> Iterator[Hit]:
    for line in document.code_markers:
        yield Hit(
            line,
            f"fragment marker {document.lines[line - 1].strip()!r} inside a code block is "
            "kept as code; if the generator cut the code here, write the block again whole",
        )
