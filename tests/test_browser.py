"""End to end in a real browser: tag index -> tag page -> article.

The site is built with sphinx.testing and served on localhost; headless
Chromium loads a small harness page that clicks through the built pages in
an iframe, as a reader would, and writes down each page it reached. The test
is skipped where Chromium is not installed, unless MYSTITCH_REQUIRE_BROWSER
is set (CI sets it, after installing Debian's chromium).
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.test_sphinx_site import EVIL, PORT, RAIL

HARNESS = """<!doctype html>
<meta charset="utf-8">
<iframe id="frame" src="tags/index.html" width="1000" height="800"></iframe>
<pre id="log"></pre>
<script>
const steps = [TAG, TITLE];
const frame = document.getElementById("frame");
const log = (line) => { document.getElementById("log").textContent += line + "\\n"; };
let step = 0;
frame.addEventListener("load", () => {
  const page = frame.contentDocument;
  const heading = page.querySelector("h1");
  log("PAGE " + decodeURIComponent(frame.contentWindow.location.pathname) + " | "
      + (heading ? heading.textContent.replace("\\u00b6", "").trim() : ""));
  if (step >= steps.length) { log("DONE"); return; }
  const wanted = steps[step++];
  const link = [...page.querySelectorAll("a")].find((a) => a.textContent.trim() === wanted);
  if (link) { link.click(); } else { log("NO LINK " + wanted); }
});
</script>
"""


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def served_site(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    for name, text in {"port.md": PORT, "rail.md": RAIL, "evil.md": EVIL}.items():
        (src / name).write_text(text, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build")
    try:
        app.build()
    finally:
        app.cleanup()
    out = Path(app.outdir)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield out, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the test reads the browser's log, not the server's


def _click_through(browser: str, out: Path, base: str, tag: str, title: str, tmp: Path) -> str:
    script = HARNESS.replace("TAG", _js(tag)).replace("TITLE", _js(title))
    (out / "_e2e.html").write_text(script, encoding="utf-8")
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp / ('profile-' + str(len(list(tmp.glob('profile-*')))))}",
        # Let the iframe's clicks and loads run before the DOM is dumped.
        "--virtual-time-budget=15000",
        "--dump-dom",
        f"{base}/_e2e.html",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    match = re.search(r'<pre id="log">(.*?)</pre>', done.stdout, re.S)
    assert match, f"no log from the browser:\n{done.stdout[:2000]}\n{done.stderr[-2000:]}"
    return html.unescape(match.group(1))


def _js(text: str) -> str:
    # A JSON string is a JS string; "<" escaped so "</script>" cannot end the script.
    return json.dumps(text).replace("<", "\\u003c")


def test_tag_index_to_tag_page_to_article(served_site, tmp_path):
    browser = _browser()
    if browser is None:
        if os.environ.get("MYSTITCH_REQUIRE_BROWSER"):
            pytest.fail("MYSTITCH_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip("no Chromium on this machine")
    out, base = served_site
    log = _click_through(browser, out, base, "港湾", "新しい港の計画", tmp_path)
    pages = [line for line in log.splitlines() if line.startswith("PAGE ")]
    assert pages == [
        "PAGE /tags/index.html | Tags",
        "PAGE /tags/港湾.html | Tag: 港湾",
        "PAGE /port.html | 新しい港の計画",
    ], log
    assert "DONE" in log

    # A hostile tag name is a link like any other, to a page inside the site.
    log = _click_through(
        browser, out, base, "<script>alert(1)</script>", "Odd <b>names</b> & co", tmp_path
    )
    pages = [line for line in log.splitlines() if line.startswith("PAGE ")]
    assert len(pages) == 3, log
    assert pages[1].startswith("PAGE /tags/script-alert-1-script-"), log
    assert pages[1].endswith("| Tag: <script>alert(1)</script>"), log
    assert pages[2] == "PAGE /evil.html | Odd <b>names</b> & co", log
