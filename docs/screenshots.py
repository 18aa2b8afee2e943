"""Screenshots of a sample site in each theme, for docs/screenshots.md.

    pip install -e ".[screenshots]"
    python docs/screenshots.py            # writes docs/screenshots/<theme>-<page>.png

The sample site is our own example articles (docs/examples, raw fragments
and all) with ``extensions = ["mystitch"]``, a project name and
``html_baseurl``, built with alabaster, furo and pydata-sphinx-theme. Each
build is opened in headless Chromium through Playwright, and the home
page, the newest article and the page of the most used tag are taken whole
(full page). Chromium is the system's (``chromium`` on PATH, as Debian
installs it) when there is one, else Playwright's own
(``playwright install chromium``). Half the articles are Japanese: without
a CJK font (Debian: ``fonts-noto-cjk``) they come out as boxes.

The docs show these files; regenerate them with this script after a change
to how the site looks, never by hand.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

DOCS = Path(__file__).resolve().parent
THEMES = ("alabaster", "furo", "pydata_sphinx_theme")
CONF = """extensions = ["mystitch"]
project = "Example News"
html_baseurl = "https://news.example.com/"
html_theme = {theme!r}
"""
WIDTH, HEIGHT = 1200, 800


def build(theme: str, work: Path) -> tuple[Path, dict[str, str]]:
    """Build the sample site; return its output folder and the pages to take."""
    from mystitch.state import catalog

    src = work / theme / "src"
    src.mkdir(parents=True)
    for article in sorted((DOCS / "examples").glob("*.md")):
        shutil.copy2(article, src / article.name)
    (src / "conf.py").write_text(CONF.format(theme=theme), encoding="utf-8")
    out = work / theme / "html"
    # docutils keeps directives and roles in globals: Sphinx's own command
    # builds inside a namespace that it puts back, and so do we, so that a
    # later build in the same process (the tests) registers them afresh.
    with docutils_namespace():
        doctrees = work / theme / "doctrees"
        app = Sphinx(str(src), str(src), str(out), str(doctrees), "html", status=None)
        app.build()
    cat = catalog(app.env)
    # The most used tag; of equals, the first in code point order.
    tag = min(cat.terms["tag"].values(), key=lambda term: (-len(term.docnames), term.key))
    pages = {
        "home": "index",
        "article": cat.newest[0],
        "tag": f"{app.config.mystitch_tags_path}/{tag.slug}",
    }
    return out, pages


def take(out: Path, pages: dict[str, str], theme: str, target: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    system = shutil.which("chromium") or shutil.which("chromium-browser")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=system, args=["--no-sandbox"] if system else []
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for name, docname in pages.items():
            page.goto((out / f"{docname}.html").as_uri())
            page.wait_for_load_state("networkidle")
            path = target / f"{theme.removesuffix('_sphinx_theme')}-{name}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DOCS / "screenshots")
    parser.add_argument("--themes", default=",".join(THEMES))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mystitch-screenshots-") as folder:
        for theme in args.themes.split(","):
            out, pages = build(theme, Path(folder))
            for path in take(out, pages, theme, args.out):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
