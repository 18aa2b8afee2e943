"""Merging ahead: spare cores merge articles while Sphinx reads.

A serial build (no ``-j``) reads one document after another in the main
process, and the merge is a fifth of an article's read. ``env-before-read-docs``
gives the documents to read in the order Sphinx reads them, so worker
processes merge the articles among them ahead of the reader, and
``source-read`` picks each page up instead of merging it. At most
``WINDOW`` merges are in flight, so finished pages never pile up.

A page is used only if the worker merged exactly the text Sphinx read (a
digest of it says so); anything else (a file changed in between, a worker
that died) is merged in the reading process, as without workers. A parallel
build (``-j N``) reads in Sphinx's own processes, and nothing is merged ahead.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from sphinx.util import logging

from mystitch.lint.files import read_source
from mystitch.lint.metadata import FrontMatter
from mystitch.lint.workers import initializer

from .article_page import Prepared, current_front, prepare_guarded
from .articles import digest
from .catalog import Entry
from .config import MystitchConfig
from .review import merge_config
from .state import catalog, fronts

logger = logging.getLogger(__name__)

WINDOW = 32  # merges in flight: enough to keep the workers busy, little held
MIN_ARTICLES = 16  # fewer are merged sooner than a worker starts
MAX_AUTO_WORKERS = 2  # one worker outruns the reader; a second covers slow cores


def _prepare_file(
    entry: Entry, config: MystitchConfig, front: FrontMatter | None
) -> tuple[bytes, Prepared] | None:
    """In a worker: read and merge one article, as ``source-read`` would."""
    source = read_source(entry.path)
    if source.text is None or source.problems:
        return None
    text = source.text
    return digest(text), prepare_guarded(entry, text, config, current_front(front, text))


def worker_count(setting: int | str) -> int:
    if setting != "auto":
        if isinstance(setting, bool) or not isinstance(setting, int):
            return 0
        return max(setting, 0)
    if hasattr(os, "process_cpu_count"):  # Python 3.13: the cores this process may use
        cores = os.process_cpu_count() or 1
    elif hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    return min(MAX_AUTO_WORKERS, cores - 1)


class Ahead:
    """Articles being merged ahead of the reader, in reading order."""

    def __init__(self, jobs: list[tuple[str, tuple[Any, ...]]], workers: int) -> None:
        self.jobs = deque(jobs)
        self.futures: dict[str, Future[tuple[bytes, Prepared] | None]] = {}
        self.skipped: set[str] = set()
        self.used = 0
        # Workers end with the build, however it ends (a kill included).
        self.pool = ProcessPoolExecutor(workers, **initializer())
        try:
            self._top_up()  # processes start here, and may not be allowed to
        except BaseException:
            self.pool.shutdown(wait=False, cancel_futures=True)
            raise

    def _top_up(self) -> None:
        while self.jobs and len(self.futures) < WINDOW:
            docname, args = self.jobs.popleft()
            if docname not in self.skipped:
                self.futures[docname] = self.pool.submit(_prepare_file, *args)

    def take(self, docname: str, text: str) -> Prepared | None:
        """The page merged ahead for this text, or None to merge it here."""
        future = self.futures.pop(docname, None)
        if future is None:
            self.skipped.add(docname)  # read out of order: not merged twice
            return None
        self._top_up()
        try:
            done = future.result()
        except Exception:  # a worker that died: the reader merges, and reports
            return None
        if done is None or done[0] != digest(text):
            return None
        self.used += 1
        return done[1]

    def close(self) -> None:
        self.jobs.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)


def on_before_read(app: Any, env: Any, docnames: list[str]) -> None:
    """Start merging the articles of a serial read."""
    close(app)
    # Sphinx reads in parallel on these terms (sphinx.builders.Builder.read).
    if len(docnames) > 5 and app.parallel > 1 and app.is_parallel_allowed("read"):
        return
    config = merge_config(app)
    workers = worker_count(config.merge_workers)
    cat = catalog(env)
    loaded = fronts(env)
    jobs = [
        (docname, (cat.entries[docname], config, loaded.get(docname)))
        for docname in docnames
        if docname in cat.entries and docname not in cat.copy_of
    ]
    if workers < 1 or len(jobs) < MIN_ARTICLES:
        return
    try:
        app.mystitch_ahead = Ahead(jobs, min(workers, len(jobs)))
    except (OSError, NotImplementedError) as error:
        # No processes here (a sandbox, a platform without them): merge while reading.
        logger.info(f"mystitch: merging while reading, no worker processes ({error})")


def close(app: Any, *_: Any) -> None:
    """Stop the workers once reading is over (``env-updated``, ``build-finished``)."""
    ahead = getattr(app, "mystitch_ahead", None)
    if ahead is None:
        return
    app.mystitch_ahead = None
    ahead.close()
    app.mystitch_merged_ahead = ahead.used  # for -v, and for the tests
    logger.verbose(f"mystitch: {ahead.used} articles merged ahead of the reader")


def setup_ahead(app: Any) -> None:
    # Last, after any extension that reorders the documents to read.
    app.connect("env-before-read-docs", on_before_read, priority=900)
    # Reading is over at env-updated; build-finished covers a build that failed.
    app.connect("env-updated", close, priority=100)
    app.connect("build-finished", close, priority=100)
