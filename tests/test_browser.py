"""End to end in a real browser: tag index -> tag page -> article; and a
reader of a paginated news site, in each of the three themes, from the home
page through the older pages to the oldest article, on to the next, back,
and to a related article, with the head of each page as crawlers read it.

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
from conftest import sphinx_build

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


def _built_and_served(src: Path, build: Path):
    """Build ``src`` and serve its HTML on a free local port while the test runs."""
    app, _ = sphinx_build(src, "html", build)
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


@pytest.fixture
def served_site(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    for name, text in {"port.md": PORT, "rail.md": RAIL, "evil.md": EVIL}.items():
        (src / name).write_text(text, encoding="utf-8")
    yield from _built_and_served(src, tmp_path / "build")


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


# --- a reader's walk through a paginated news site, in each theme ------------

BASE = "https://news.example.com/"
OLDEST = "最初の記事：港の歴史"
WALK = """<!doctype html>
<meta charset="utf-8">
<iframe id="frame" src="index.html" width="1200" height="900"></iframe>
<pre id="log"></pre>
<script>
const plan = PLAN;
const frame = document.getElementById("frame");
const log = (line) => { document.getElementById("log").textContent += line + "\\n"; };
let phase = "home", turns = 0;
const attr = (doc, selector, name) => {
  const found = doc.querySelector(selector);
  return found ? found.getAttribute(name) : null;
};
const click = (link, what) => { if (link) { link.click(); } else { log("NO LINK " + what); } };
const headingText = (heading) => {
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((a) => a.remove());  // "¶", "#"
  return copy.textContent.trim();
};
const byText = (doc, selector, test) =>
  [...doc.querySelectorAll(selector)].find((a) => test(a.textContent.trim()));
frame.addEventListener("load", () => {
  const doc = frame.contentDocument;
  const heading = doc.querySelector("h1");
  const og = {};
  doc.querySelectorAll("meta[property^='og:']").forEach((m) => {
    og[m.getAttribute("property")] = m.getAttribute("content");
  });
  log("PAGE " + JSON.stringify({
    path: decodeURIComponent(frame.contentWindow.location.pathname),
    h1: heading ? headingText(heading) : "",
    lang: doc.documentElement.getAttribute("lang"),
    canonical: attr(doc, "link[rel='canonical']", "href"),
    feeds: [...doc.querySelectorAll("link[rel='alternate'][type='application/atom+xml']")]
      .map((l) => l.getAttribute("href")),
    og: og,
    jsonld: doc.querySelectorAll("script[type='application/ld+json']").length,
  }));
  if (plan.mode === "first") {
    // The home page's newest article, then stop.
    if (phase === "home") { phase = "done"; click(byText(doc, "a", (t) => t === plan.newest), plan.newest); }
    else { log("DONE"); }
    return;
  }
  if (phase === "home") {
    const oldest = byText(doc, "a", (t) => t === plan.oldest);
    if (oldest) { phase = "oldest"; oldest.click(); return; }
    const older = byText(doc, ".mystitch-pager a", (t) => t.includes(plan.older));
    if (older && turns++ < 20) { older.click(); } else { log("NO LINK older"); }
  } else if (phase === "oldest") {
    phase = "next"; click(doc.querySelector(".mystitch-next a"), "next");
  } else if (phase === "next") {
    phase = "previous"; click(doc.querySelector(".mystitch-previous a"), "previous");
  } else if (phase === "previous") {
    phase = "related"; click(doc.querySelector(".mystitch-related a"), "related");
  } else {
    log("DONE");
  }
});
</script>
"""


def _news_articles() -> dict[str, str]:
    """Fifteen articles: fourteen English ones and, oldest, a Japanese one."""
    files = {}
    for number in range(1, 15):
        topic = "history" if number == 1 else ("rail" if number % 2 else "ferry")
        files[f"story-{number:02d}.md"] = (
            f"---\ntitle: Harbour story {number:02d}\ndate: 2026-01-{number:02d}\n"
            f'tags: ["city", "{topic}"]\nauthor: Desk\nexcerpt: "Part {number} of the series."\n'
            f"---\n\nThe harbour story goes on in part {number}. "
            "Boats come and go, and the town watches them from the pier.\n"
        )
    files["oldest.md"] = (
        f'---\ntitle: "{OLDEST}"\ndate: 2025-12-01\ntags: ["city", "history"]\n'
        'author: "編集部"\nexcerpt: "港の歴史をふりかえります。"\n---\n\n'
        "この港は百年前に開かれました。当時の町は小さく、船も少なかったのです。\n"
    )
    return files


def _walk(browser: str, out: Path, base: str, plan: dict, tmp: Path) -> list[dict]:
    (out / "_walk.html").write_text(WALK.replace("PLAN", _js_object(plan)), encoding="utf-8")
    profile = tmp / f"walk-profile-{len(list(tmp.glob('walk-profile-*')))}"
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=30000",
        "--dump-dom",
        f"{base}/_walk.html",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    match = re.search(r'<pre id="log">(.*?)</pre>', done.stdout, re.S)
    assert match, f"no log from the browser:\n{done.stdout[:2000]}\n{done.stderr[-2000:]}"
    log = html.unescape(match.group(1))
    assert "DONE" in log and "NO LINK" not in log, log
    return [json.loads(line[5:]) for line in log.splitlines() if line.startswith("PAGE ")]


def _js_object(value: dict) -> str:
    return json.dumps(value).replace("<", "\\u003c")


def _need_browser() -> str:
    browser = _browser()
    if browser is None:
        if os.environ.get("MYSTITCH_REQUIRE_BROWSER"):
            pytest.fail("MYSTITCH_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip("no Chromium on this machine")
    return browser


THEMES = ["alabaster", "furo", "pydata_sphinx_theme"]


@pytest.fixture
def served_news(tmp_path: Path, request: pytest.FixtureRequest):
    theme = request.param
    pytest.importorskip(theme)
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["mystitch"]\nproject = "Harbour News"\n'
        f"html_baseurl = {BASE!r}\nhtml_theme = {theme!r}\n",
        encoding="utf-8",
    )
    for name, text in _news_articles().items():
        (src / name).write_text(text, encoding="utf-8")
    yield from _built_and_served(src, tmp_path / "build")


def _article_head(page: dict, docname: str, title: str) -> None:
    """What a crawler and a feed reader find in an article's head."""
    assert page["canonical"] == f"{BASE}{docname}.html", page
    assert page["feeds"] == [f"{BASE}feeds/atom.xml"], page
    assert page["og"]["og:type"] == "article", page
    assert page["og"]["og:title"] == title, page
    assert page["og"]["og:url"] == page["canonical"], page
    assert page["jsonld"] == 1, page


@pytest.mark.slow
@pytest.mark.parametrize("served_news", THEMES, indirect=True)
def test_home_page_and_article_heads_in_a_browser(served_news, tmp_path):
    browser = _need_browser()
    out, base = served_news
    pages = _walk(browser, out, base, {"mode": "first", "newest": "Harbour story 14"}, tmp_path)
    home, article = pages
    assert home["path"] == "/index.html", home
    assert home["canonical"] == f"{BASE}index.html"
    assert home["feeds"] == [f"{BASE}feeds/atom.xml"]
    assert home["og"]["og:type"] == "website" and home["jsonld"] == 0
    assert article["path"] == "/story-14.html" and article["h1"] == "Harbour story 14"
    _article_head(article, "story-14", "Harbour story 14")


@pytest.mark.slow
@pytest.mark.parametrize("served_news", THEMES, indirect=True)
def test_a_reader_pages_to_the_oldest_article_and_walks_on(served_news, tmp_path):
    browser = _need_browser()
    out, base = served_news
    plan = {"mode": "walk", "oldest": OLDEST, "older": "Older articles"}
    pages = _walk(browser, out, base, plan, tmp_path)
    paths = [page["path"] for page in pages]
    # Home, then older pages until the oldest article is listed; a few clicks.
    first_article = paths.index("/oldest.html")
    assert paths[0] == "/index.html" and 2 <= first_article <= 3, paths
    assert all(path.startswith("/page/") for path in paths[1:first_article]), paths
    oldest, following, back, related = pages[first_article:]
    # Each article page is in its own language; the site is English.
    assert pages[0]["lang"] == "en" and oldest["lang"] == "ja", pages
    _article_head(oldest, "oldest", OLDEST)
    assert following["path"] == "/story-01.html" and following["lang"] == "en", following
    _article_head(following, "story-01", "Harbour story 01")
    assert back["path"] == "/oldest.html", back
    assert related["path"].startswith("/story-") and related["og"]["og:type"] == "article"
