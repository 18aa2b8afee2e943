"""What pages tell search engines and social sites: canonical link, Open
Graph and Twitter card tags, JSON-LD; and that no article can turn any of
it into markup or script."""

from __future__ import annotations

import html.parser
import json
from pathlib import Path

import pytest

from mystitch.sharing import json_ld
from mystitch.terms import clean_text
from tests.news_site import BASE, HOSTILE_AUTHOR, HOSTILE_TAGS, HOSTILE_TITLE, news_site
from tests.test_sphinx_site import PORT, Build, _write


class Head(html.parser.HTMLParser):
    """The parts of a page that crawlers read, as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        elif tag == "meta" and ("property" in values or "name" in values):
            key = values.get("property") or values["name"]
            self.meta.setdefault(key, []).append(values.get("content", ""))
        elif tag == "link":
            self.links.append(values)
        elif tag == "script":
            self._script = [values.get("type", "")]

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1:])))
            self._script = None

    def one(self, key: str) -> str:
        (value,) = self.meta[key]
        return value

    def canonical(self) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def json_ld(self) -> list[dict]:
        return [json.loads(text) for kind, text in self.scripts if kind == "application/ld+json"]


def head(page: str) -> Head:
    parsed = Head()
    parsed.feed(page)
    parsed.close()
    return parsed


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return news_site(tmp_path)


def test_an_article_page_has_open_graph_twitter_and_json_ld(news):
    build = Build(news)
    page = head(build.page("news/rail"))
    url = BASE + "news/rail.html"
    assert page.canonical() == [url]
    assert page.one("og:type") == "article"
    assert page.one("og:title") == "Night trains return to the north line"
    assert page.one("og:description") == "Sleeper services come back in May."
    assert page.one("og:url") == url
    assert page.one("og:site_name") == "Example News"
    assert page.one("og:locale") == "en_US"
    assert page.one("article:published_time") == "2026-02-01T00:00:00+00:00"
    assert page.one("article:author") == "Desk"
    assert page.one("article:section") == "Transport"
    assert page.meta["article:tag"] == ["rail", "AI", "Machine Learning"]
    assert page.one("twitter:card") == "summary"
    assert page.one("twitter:title") == "Night trains return to the north line"
    (data,) = page.json_ld()
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Night trains return to the north line",
        "inLanguage": "en",
        "description": "Sleeper services come back in May.",
        "datePublished": "2026-02-01T00:00:00+00:00",
        "dateModified": "2026-02-01T00:00:00+00:00",
        "author": {"@type": "Person", "name": "Desk"},
        "keywords": ["rail", "AI", "Machine Learning"],
        "articleSection": ["Transport"],
        "url": url,
        "mainEntityOfPage": url,
        "publisher": {"@type": "Organization", "name": "Example News"},
    }
    port = head(build.page("port"))
    assert port.one("og:locale") == "ja_JP" and port.json_ld()[0]["inLanguage"] == "ja"


def test_pages_that_are_no_article_are_websites(news):
    build = Build(news)
    home = head(build.page("index"))
    assert home.canonical() == [BASE + "index.html"]
    assert home.one("og:type") == "website" and home.one("og:url") == BASE + "index.html"
    assert home.one("og:title") == "Example News"
    assert home.json_ld() == []
    tag = head(build.page("tags/港湾"))
    # Sphinx writes page names as they are; a URL escapes them, one time.
    assert tag.canonical() == [BASE + "tags/%E6%B8%AF%E6%B9%BE.html"]
    assert tag.one("og:title") == "Tag: 港湾"


def test_hostile_names_stay_text_in_tags_and_json_ld(news):
    build = Build(news)
    source = build.page("hostile")
    page = head(source)
    title = clean_text(HOSTILE_TITLE)
    assert page.one("og:title") == title and page.one("twitter:title") == title
    assert page.one("article:author") == HOSTILE_AUTHOR
    assert page.meta["article:tag"] == HOSTILE_TAGS
    (data,) = page.json_ld()
    assert data["headline"] == title
    assert data["author"]["name"] == HOSTILE_AUTHOR and data["keywords"] == HOSTILE_TAGS
    # Nothing in the JSON-LD can end its script element or open a comment.
    (text,) = [text for kind, text in page.scripts if kind == "application/ld+json"]
    assert "<" not in text and ">" not in text and "&" not in text
    # Besides the JSON-LD, the scripts are those of a page with plain names.
    plain = head(build.page("news/rail"))
    assert [s for s in page.scripts if s[0] != "application/ld+json"] == [
        s for s in plain.scripts if s[0] != "application/ld+json"
    ]
    assert "<script>alert" not in source and "<img src=x" not in source


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "</SCRIPT >",
        "<!-- <script>",
        "]]> & \u2028 \u2029",
        "\u202e\u0000",
    ],
)
def test_json_ld_is_inert_whatever_it_holds(value):
    element = json_ld({"headline": value})
    body = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "\u2028" not in body
    assert json.loads(body) == {"headline": value}


def test_the_type_of_article_is_a_setting(news):
    build = Build(news, mystitch_article_type="BlogPosting")
    assert head(build.page("port")).json_ld()[0]["@type"] == "BlogPosting"


def test_sharing_can_be_turned_off_and_canonical_stays(news):
    build = Build(news, mystitch_sharing=False)
    page = head(build.page("port"))
    assert not [key for key in page.meta if key.startswith(("og:", "article:", "twitter:"))]
    assert page.json_ld() == []
    assert page.canonical() == [BASE + "port.html"]


def test_without_html_baseurl_there_is_no_address_and_no_canonical(news):
    (news / "conf.py").write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    build = Build(news)
    page = head(build.page("port"))
    assert page.canonical() == []
    assert "og:url" not in page.meta and page.one("og:title") == "新しい港の計画"
    assert "url" not in page.json_ld()[0]


def test_the_copy_of_an_article_saved_twice_points_to_the_published_one(news):
    shorter = PORT.split("---END---")[0] + "---END---\n"
    _write(news, {"old/port-copy.md": shorter})
    build = Build(news)
    copy = head(build.page("old/port-copy"))
    assert copy.canonical() == [BASE + "port.html"]
    assert copy.one("robots") == "noindex"
    assert "og:type" not in copy.meta and copy.json_ld() == []
    published = head(build.page("port"))
    assert published.canonical() == [BASE + "port.html"] and "robots" not in published.meta


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_every_theme_shows_the_head(news, theme):
    pytest.importorskip(theme)
    build = Build(news, out=theme, html_theme=theme)
    page = head(build.page("port"))
    assert page.canonical() == [BASE + "port.html"]
    assert page.one("og:url") == BASE + "port.html"
    assert len(page.json_ld()) == 1
    feeds = [link for link in page.links if link.get("type") == "application/atom+xml"]
    assert [link["href"] for link in feeds] == [BASE + "feeds/atom.xml"]


def test_sphinxext_opengraph_keeps_its_tags_and_gets_ours(news):
    pytest.importorskip("sphinxext.opengraph")
    conf = news / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('"mystitch"', '"mystitch", "sphinxext.opengraph"')
        + f"ogp_site_url = {BASE!r}\n",
        encoding="utf-8",
    )
    build = Build(news)
    page = head(build.page("news/rail"))
    # Each tag once: sphinxext-opengraph writes og:*, the extension the rest.
    ours = [key for key in page.meta if key.startswith(("og:", "twitter:", "article:"))]
    assert all(len(page.meta[key]) == 1 for key in ours if key != "article:tag")
    assert page.one("og:type") == "article"
    assert page.one("og:description") == "Sleeper services come back in May."
    assert page.one("og:url") == BASE + "news/rail.html"
    assert page.one("article:published_time") == "2026-02-01T00:00:00+00:00"
    assert len(page.json_ld()) == 1
    assert head(build.page("index")).one("og:type") == "website"
