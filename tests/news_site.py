"""A small news site for the feed and sharing tests: three articles of
test_sphinx_site, one with hostile names, one undated, and ``html_baseurl``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_sphinx_site import EVIL, PORT, RAIL, _write

BASE = "https://news.example.com/"
# Hostile names: markup, the end of a CDATA section, a control character, a
# right-to-left override. Written as JSON, which YAML reads with its escapes.
HOSTILE_TITLE = "</title><script>alert(1)</script> ]]> <!-- bell\x07 \u202eevil"
HOSTILE_TAGS = ["<script>x</script>", "]]>", "rtl-\u202etag"]
HOSTILE_AUTHOR = "<img src=x onerror=alert(1)>\u202e"
HOSTILE = (
    "---\n"
    f"title: {json.dumps(HOSTILE_TITLE)}\n"
    "date: 2026-03-20\n"
    f"tags: {json.dumps(HOSTILE_TAGS)}\n"
    f"categories: {json.dumps(['<b>bold</b>'])}\n"
    f"author: {json.dumps(HOSTILE_AUTHOR)}\n"
    f"excerpt: {json.dumps(']]><script>alert(2)</script>')}\n"
    "---\n\nA hostile article with a plain body.\n"
)
UNDATED = "---\ntitle: No date here\ntags: [rail]\n---\n\nAn undated article.\n"


def news_site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    _write(
        src,
        {
            "conf.py": (
                f'extensions = ["mystitch"]\nproject = "Example News"\nhtml_baseurl = {BASE!r}\n'
            ),
            "port.md": PORT,
            "news/rail.md": RAIL,
            "evil.md": EVIL,
            "hostile.md": HOSTILE,
            "undated.md": UNDATED,
        },
    )
    return src
