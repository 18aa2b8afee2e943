"""Worker processes that end with the process that started them.

A pool's workers wait on a queue whose pipe every sibling also holds open,
so when the parent is killed (SIGKILL, or SIGTERM, whose default action
skips all cleanup) they never see end-of-file and live on. Each worker asks
the kernel to signal it when its parent dies (Linux), and watches its parent
id as well (everywhere else, and for the moment before that request).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

_PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def end_with_parent(parent: int, then: Callable[..., Any] | None = None, *args: Any) -> None:
    """A pool initializer: end this worker when ``parent`` is gone.

    ``then(*args)`` is the pool's own initializer, if it has one.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request above
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="end-with-parent").start()
    if then is not None:
        then(*args)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)


def initializer(then: Callable[..., Any] | None = None, *args: Any) -> dict[str, Any]:
    """Keyword arguments for ``ProcessPoolExecutor``: workers that end with us."""
    return {"initializer": end_with_parent, "initargs": (os.getpid(), then, *args)}
