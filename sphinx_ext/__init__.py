"""mystitch's Sphinx extension: ``extensions = ["sphinx_ext"]``.

It sets up myst-parser when the project did not list it, so a project of
Markdown articles needs nothing else in conf.py.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    if "myst_parser" not in app.extensions:
        app.setup_extension("myst_parser")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
