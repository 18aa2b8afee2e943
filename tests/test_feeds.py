"""Atom feeds: read back with feedparser, as a feed reader would.

Every site here has ``html_baseurl``; feeds need it, and the tests without
it say what happens then.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
import sphinx
from lxml import etree

from mystitch.state import catalog as catalog_of
from mystitch.terms import clean_text
from tests.news_site import BASE, HOSTILE_AUTHOR, HOSTILE_TITLE, news_site
from tests.test_sphinx_site import Build, _article, _write

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return news_site(tmp_path)


def _feed(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _published(entries: list) -> list[tuple]:
    return [entry.published_parsed for entry in entries]


def test_the_site_feed_lists_dated_articles_newest_first_with_absolute_links(news):
    build = Build(news)
    feed = _feed(build.out / "feeds" / "atom.xml")
    assert feed.feed.title == "Example News"
    assert feed.feed.language == "en"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": BASE + "feeds/atom.xml", "alternate": BASE + "index.html"}
    titles = [entry.title for entry in feed.entries]
    # Newest first, across time zones; the undated article is in no feed.
    assert titles == [
        clean_text(HOSTILE_TITLE),
        "新しい港の計画",
        "Night trains return to the north line",
        "Odd <b>names</b> & co",
    ]
    assert _published(feed.entries) == sorted(_published(feed.entries), reverse=True)
    port = feed.entries[1]
    assert port.link == BASE + "port.html" and port.id == port.link
    assert port.published == "2026-03-14T09:30:00+09:00" and port.updated == port.published
    assert port.author == "Desk"
    assert port.summary == "港の新しい計画の要点です。"
    assert [tag.term for tag in port.tags] == ["地域", "港湾", "物流", "ＡＩ"]
    for entry in feed.entries:
        assert entry.link.startswith(BASE), entry.link


def test_each_tag_and_category_has_its_own_feed(news):
    build = Build(news)
    cat = catalog_of(build.app.env)
    for kind, folder in (("tag", "tags"), ("category", "categories")):
        for term in cat.terms[kind].values():
            path = build.out / "feeds" / folder / f"{term.slug}.xml"
            dated = [d for d in term.docnames if cat.published[d].date]
            if not dated:
                assert not path.exists(), path
                continue
            feed = _feed(path)
            assert [entry.link for entry in feed.entries] == [
                f"{BASE}{docname}.html" for docname in dated
            ]
            assert feed.feed.title.endswith(f": {term.name}")
    rail = _feed(build.out / "feeds" / "tags" / "rail.xml")
    assert [entry.title for entry in rail.entries] == ["Night trains return to the north line"]
    alternate = {link.rel: link.href for link in rail.feed.links}["alternate"]
    assert alternate == BASE + "tags/rail.html"


def test_hostile_names_are_text_in_the_feed(news):
    build = Build(news)
    path = build.out / "feeds" / "atom.xml"
    feed = _feed(path)
    entry = feed.entries[0]
    assert entry.title == clean_text(HOSTILE_TITLE)
    assert "\u202e" in entry.title and "\x07" not in entry.title
    assert entry.title_detail.type == "text/plain"
    assert entry.summary == "]]><script>alert(2)</script>"
    assert entry.author == HOSTILE_AUTHOR
    assert [tag.term for tag in entry.tags] == [
        "<b>bold</b>",
        "<script>x</script>",
        "]]>",
        "rtl-\u202etag",
    ]
    # Every element is Atom's: no name became markup, no CDATA was cut open.
    tree = etree.fromstring(path.read_bytes())
    assert {element.tag for element in tree.iter()} <= {
        ATOM + name
        for name in [
            "feed",
            "id",
            "title",
            "updated",
            "author",
            "name",
            "link",
            "generator",
            "entry",
            "summary",
            "category",
            "published",
        ]
    }
    raw = path.read_text(encoding="utf-8")
    assert "<script" not in raw and "<![CDATA[" not in raw
    # The tag's own feed is there too, under a safe name.
    term = catalog_of(build.app.env).term("tag", "<script>x</script>")
    assert _feed(build.out / "feeds" / "tags" / f"{term.slug}.xml").entries[0].title == (
        entry.title
    )


def test_pages_link_to_their_feeds(news):
    build = Build(news)

    def alternates(docname: str) -> list[str]:
        page = build.page(docname)
        return [
            line
            for line in page.splitlines()
            if 'rel="alternate" type="application/atom+xml"' in line
        ]

    for docname in ("index", "port", "categories/index"):
        (link,) = alternates(docname)
        assert f'href="{BASE}feeds/atom.xml"' in link and 'title="Example News"' in link
    site, tag = alternates("tags/港湾")
    assert f'href="{BASE}feeds/atom.xml"' in site
    assert f'href="{BASE}feeds/tags/%E6%B8%AF%E6%B9%BE.xml"' in tag
    assert 'title="Example News — Tag: 港湾"' in tag
    term = catalog_of(build.app.env).term("tag", "<script>x</script>")
    _, hostile = alternates(f"tags/{term.slug}")
    assert "Tag: &lt;script&gt;x&lt;/script&gt;" in hostile


def test_feed_length_and_dirhtml_addresses(news):
    build = Build(news, "dirhtml", mystitch_feed_length=2)
    feed = _feed(build.out / "feeds" / "atom.xml")
    assert [entry.link for entry in feed.entries] == [BASE + "hostile/", BASE + "port/"]
    assert {link.rel: link.href for link in feed.feed.links}["alternate"] == BASE


def test_editing_a_date_or_a_tag_updates_the_feeds(news):
    first = Build(news)
    site = first.out / "feeds" / "atom.xml"
    untouched = first.out / "feeds" / "categories" / "地域.xml"
    stamp = untouched.stat().st_mtime_ns
    rail = news / "news" / "rail.md"
    text = rail.read_text(encoding="utf-8")
    text = text.replace("date: 2026-02-01", "date: 2026-04-01").replace('"rail",', '"夜行列車",')
    text = text.replace("---\n\n", "last_modified_at: 2026-04-02 10:00:00 +0000\n---\n\n", 1)
    rail.write_text(text, encoding="utf-8")
    build = Build(news)
    feed = _feed(site)
    assert feed.entries[0].title == "Night trains return to the north line"
    assert feed.entries[0].updated == "2026-04-02T10:00:00+00:00"
    assert feed.entries[0].published == "2026-04-01T00:00:00+00:00"
    assert feed.feed.updated == "2026-04-02T10:00:00+00:00"
    new_tag = _feed(build.out / "feeds" / "tags" / "夜行列車.xml")
    assert [entry.title for entry in new_tag.entries] == ["Night trains return to the north line"]
    # The tag no dated article has any more loses its feed; others are not rewritten.
    assert not (build.out / "feeds" / "tags" / "rail.xml").exists()
    assert untouched.stat().st_mtime_ns == stamp


def test_an_update_before_the_date_is_a_located_warning(news):
    _write(
        news,
        {
            "late.md": _article("Late", "Body.\n", date="2026-01-05").replace(
                "---\n\n", "updated: 2025-01-01\n---\n\n", 1
            )
        },
    )
    build = Build(news)
    assert "late.md:8: WARNING: updated: 2025-01-01T00:00:00+00:00 is before the date" in (
        build.warnings
    )
    (entry,) = [e for e in _feed(build.out / "feeds" / "atom.xml").entries if e.title == "Late"]
    assert entry.updated == entry.published


def test_without_html_baseurl_there_is_no_feed_and_the_log_says_why(news, tmp_path):
    conf = news / "conf.py"
    conf.write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    build = Build(news)
    assert not (build.out / "feeds").exists()
    assert "html_baseurl is not set" not in build.warnings  # a one-line conf.py builds with -W
    assert "application/atom+xml" not in build.page("index")
    status = (getattr(build.app, "status", None) or build.app._status).getvalue()
    assert "html_baseurl is not set, so no feeds are written" in status
    # A site that asks for feeds by name is warned, at the line that asks.
    conf.write_text('extensions = ["mystitch"]\nmystitch_feeds_path = "news"\n', encoding="utf-8")
    build = Build(news, out="asked")
    assert "conf.py:2: WARNING: html_baseurl is not set" in build.warnings
    # Sphinx writes a warning's type after it from 8.0 on.
    assert "[mystitch.config]" in build.warnings or sphinx.version_info < (8,)


def test_no_feeds_when_turned_off(news):
    build = Build(news, mystitch_feeds_path="")
    assert not (build.out / "feeds").exists()
    assert "application/atom+xml" not in build.page("index")
    assert "html_baseurl is not set" not in build.warnings


def test_the_source_folder_is_untouched_and_no_temporary_file_is_left(news):
    before = sorted(p.relative_to(news) for p in news.rglob("*"))
    build = Build(news, parallel=2)
    assert sorted(p.relative_to(news) for p in news.rglob("*")) == before
    assert not list(build.out.rglob("*.tmp"))
    assert (build.out / "feeds" / "atom.xml").is_file()


def test_feeds_come_from_the_catalog_without_reading_a_page(news):
    first = Build(news)
    folder = first.out / "feeds"
    written = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.xml")}
    for path in folder.rglob("*.xml"):
        path.unlink()
    again = Build(news)
    assert again.read == []
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.xml")} == written


def test_an_entry_that_cannot_be_made_costs_only_itself(news, monkeypatch):
    import mystitch.feeds

    made = mystitch.feeds._entry

    def failing(app, entry, base):
        if entry.docname == "evil":
            raise ValueError("no good")
        return made(app, entry, base)

    monkeypatch.setattr(mystitch.feeds, "_entry", failing)
    build = Build(news)
    titles = [entry.title for entry in _feed(build.out / "feeds" / "atom.xml").entries]
    assert "Odd <b>names</b> & co" not in titles and "新しい港の計画" in titles
    assert "evil.md:1: WARNING: left out of feeds/atom.xml: no good" in build.warnings
