"""Whole-or-nothing writes for mystitch-lint: --fix and --output-file.

They use mystitch-merge's writer, so both commands write one way: to a
temporary file beside the target, synced, then renamed over it. A full disk
or a crash leaves the old file (or none), never a truncated one.
"""

from __future__ import annotations

import os
from pathlib import Path


def replace_file(path: str, text: str) -> None:
    """Rewrite ``path`` in place, keeping its permission bits; through a link,
    the file it names (the link stays a link)."""
    _write(Path(os.path.realpath(path)), text)


def write_output(path: str, text: str) -> None:
    """Write a report to ``path``, making its folder if needed."""
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(target, text)


def _write(target: Path, text: str) -> None:
    # Imported here: the merge's command line is not needed by a plain lint run.
    from .merge_cli import _target_mode, _umask, write_atomically

    write_atomically(target, text, _target_mode(target, 0o666 & ~_umask()))
