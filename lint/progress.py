"""A progress line for long runs, on a terminal only.

It goes to standard error, and only when that is a terminal, the run is not
in CI (``CI`` set, as every CI service does) and the report on standard
output is text: CI logs, pipes and machine formats never see it. It appears
after half a second, so short runs do not flicker, is redrawn at most ten
times a second, and is erased before anything else is printed.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

DELAY = 0.5  # seconds before the line appears
EVERY = 0.1  # seconds between redraws


class Progress:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.drawn = 0.0
        self.shown = False

    @classmethod
    def on_terminal(cls, stream: TextIO) -> Progress | None:
        """A progress line on ``stream`` if a person is watching it, else None."""
        try:
            terminal = stream.isatty()
        except (AttributeError, ValueError):  # no stream, or a closed one
            return None
        if not terminal or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
            return None
        return cls(stream)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < DELAY or (now - self.drawn < EVERY and done < total):
            return
        self.drawn = now
        self.shown = True
        self.stream.write(f"\rmystitch-lint: {done:,} of {total:,} files checked")
        self.stream.flush()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def close(self) -> None:
        """Erase the line, so that what follows starts at the left."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
