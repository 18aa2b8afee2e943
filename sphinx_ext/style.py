"""The extension's stylesheet: lists, bylines, the article footer, the pager.

It is copied into the output's ``_static`` when an HTML build finishes, and
linked from every page; the source folder and conf.py's static paths are
left alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

STYLESHEET = Path(__file__).parent / "static" / "mystitch.css"


def copy_stylesheet(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None and getattr(app.builder, "format", "") == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STYLESHEET, static / STYLESHEET.name)


def setup_style(app: Sphinx) -> None:
    app.add_css_file("mystitch.css")
    app.connect("build-finished", copy_stylesheet)
