"""mystitch: publish machine-generated Markdown articles with Sphinx.

``extensions = ["mystitch"]`` in conf.py turns a folder of raw articles into
a site; ``mystitch.lint`` is the Sphinx-free linter and merge behind
``mystitch-lint`` and ``mystitch-merge``. Importing this package loads no
Sphinx: the extension's modules are imported by :func:`setup` only, so the
linter runs where Sphinx is not installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .lint import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    from .extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": 4,  # 4: catalog entries know when an article was updated
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
