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
