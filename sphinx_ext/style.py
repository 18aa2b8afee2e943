"""The extension's stylesheet: lists, bylines, the article footer, the pager.

Our ``static`` folder is added to the HTML builder's static paths (in
memory: conf.py and the source folder are left alone), so Sphinx copies it
with its own files before any page is written and every page links it with
the same checksum, on a first build as on a rebuild.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    if (
        getattr(app.builder, "format", "") == "html"
        and str(STATIC) not in app.config.html_static_path
    ):
        app.config.html_static_path.append(str(STATIC))


def setup_style(app: Sphinx) -> None:
    app.add_css_file("mystitch.css")
    app.connect("builder-inited", add_static_path)
