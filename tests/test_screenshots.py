"""docs/screenshots.py builds the sample site and names pages that exist.

Taking the pictures needs Playwright (the screenshots extra); that part is
run by hand. What it takes is checked here, so a change to page names or
to the examples cannot leave the script pointing at nothing.
"""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_sample_site_has_the_three_pages(tmp_path):
    out, pages = _script().build("alabaster", tmp_path)
    assert set(pages) == {"home", "article", "tag"}
    for docname in pages.values():
        assert (out / f"{docname}.html").is_file(), docname
    assert pages["tag"].startswith("tags/") and (out / "feeds" / "atom.xml").is_file()


def test_the_docs_page_shows_every_picture_the_script_takes():
    script = _script()
    page = (ROOT / "docs" / "screenshots.md").read_text(encoding="utf-8")
    for theme in script.THEMES:
        for name in ("home", "article", "tag"):
            picture = f"screenshots/{theme.removesuffix('_sphinx_theme')}-{name}.png"
            assert f"]({picture})" in page
            assert (ROOT / "docs" / picture).is_file()
