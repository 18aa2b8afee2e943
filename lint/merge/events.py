"""What the merge did, and where: every decision is an event.

``mystitch-merge --report`` prints them all; the ones that lose or keep
text a reader should know about are warnings (the Sphinx extension's
``mystitch.merge``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Action(enum.StrEnum):
    STITCHED = "stitched"  # a cut read through into the next piece
    RESTARTED = "restarted"  # the next piece restarted the cut sentence or paragraph
    DROPPED = "dropped"  # a repeat was not written again
    SUPERSEDED = "superseded"  # an earlier attempt gave way to a later one
    COMPLETED = "completed"  # a cut gave way to its complete version
    TRIMMED = "trimmed"  # an unrecoverable cut was removed
    REPAIRED = "repaired"  # broken markup was mended
    HEADING = "heading-dropped"  # a heading left with nothing under it
    COPIED = "copied"  # front matter that does not parse, written back as it was
    KEPT = "kept"  # text that looks like a defect, kept as written (a marker in code)


@dataclass(frozen=True, slots=True)
class Event:
    action: Action
    line: int
    message: str
    removed: str = ""
    warning: bool = False
    # The raw line of the other block the decision is about: the text a
    # dropped block repeats, the cut a stitch or a restart reads through, the
    # earlier attempt a later one replaces or completes, the whole version a
    # cut copy gives way to. 0 when there is none. The review page links by it.
    other: int = 0

    @property
    def warning_text(self) -> str:
        """The message, with the text it removed: what a warning says."""
        return f"{self.message}: {self.removed!r}" if self.removed else self.message


@dataclass(slots=True)
class MergeResult:
    text: str
    events: list[Event] = field(default_factory=list)
    # (line of the page, line of the raw file) where each block starts (and
    # where a join puts a later piece's lines), in page order: a line of the
    # page maps to the raw line before it plus its distance from it.
    lines: list[tuple[int, int]] = field(default_factory=list)

    @property
    def warnings(self) -> list[Event]:
        return [e for e in self.events if e.warning]

    @property
    def clean(self) -> bool:
        return not self.warnings
