"""Warnings about an article point at the raw file's line, not the page's.

Sphinx and myst-parser see the merged page, so their warnings (an unknown
directive, code that does not highlight) give its line numbers. A filter on
Sphinx's log handlers maps them through the merge's line map before Sphinx
prints them. The extension's own warnings are about the raw file already.

A parallel reader's warnings are collected by a handler of its own and
replayed in the main process, before the reader's line maps come back with
its environment: the filter is put on that handler too, when the reader
starts on an article, so each warning is mapped where the map is.
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Any

from mystitch.lint.merge import raw_line

from .state import line_maps

_MAPPED = "_mystitch_mapped"
_PATH_LINE = re.compile(r"(.+):(\d+)")


class RawLines(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.app: Any = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.app is None or getattr(record, _MAPPED, False):
            return True
        if record.name.startswith("sphinx.mystitch") or getattr(record, "type", "") == "mystitch":
            return True
        # A warning must never be lost to its location: keep it as it came.
        with contextlib.suppress(Exception):
            self._map(record)
        return True

    def _map(self, record: logging.LogRecord) -> None:
        location = getattr(record, "location", None)
        env = getattr(self.app, "env", None)
        if location is None or env is None:
            return
        if isinstance(location, tuple) and len(location) == 2:
            docname, line = location
        elif hasattr(location, "source") and hasattr(location, "line"):
            line = location.line
            docname = env.path2doc(location.source) if location.source else None
        elif isinstance(location, str) and (match := _PATH_LINE.fullmatch(location)):
            # docutils' reporter, on older Sphinx: "path:line" as text.
            line = int(match.group(2))
            docname = env.path2doc(match.group(1))
        else:
            return
        if not docname or not isinstance(line, int):
            return
        lines = line_maps(env).get(docname)
        if not lines:
            return
        record.location = (docname, raw_line(lines, line))
        setattr(record, _MAPPED, True)


RAW_LINES = RawLines()


def attach(app: Any) -> None:
    """Put the filter first on the handlers of Sphinx's logger, once each.

    On the logger itself too, which is where Sphinx replays the warnings of
    parallel readers. One filter serves however many applications a
    process runs (tests run many): it follows the latest.
    """
    RAW_LINES.app = app
    logger = logging.getLogger("sphinx")
    if RAW_LINES not in logger.filters:
        logger.addFilter(RAW_LINES)
    for handler in logger.handlers:
        if RAW_LINES not in handler.filters:
            handler.filters.insert(0, RAW_LINES)


def on_source_read(app: Any, docname: str, source: list[str]) -> None:
    # A parallel reader collects warnings in a handler it made after setup.
    attach(app)


def setup_raw_lines(app: Any) -> None:
    attach(app)
    app.connect("source-read", on_source_read, priority=100)
