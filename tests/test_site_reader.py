"""What a reader of the published site sees (issue 12): a named site in the
articles' language, each article in its own.

Every project has a conf.py with ``extensions = ["mystitch"]`` and nothing
else unless a test says so.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.test_sphinx_site import Build, _write

JA_BODY = "英国のAI研究所は新しい計算基盤を公開した。研究者は大規模な実験を続ける。"
EN_BODY = "The harbour authority approved the new terminal after a long review. "


def _front(title: str, date: str | None, tags: list[str], **more: object) -> str:
    fields: dict[str, object] = {"title": title}
    if date:
        fields["date"] = date
    fields.update({"tags": tags, "categories": more.pop("categories", ["News"])})
    fields.update({"author": "Desk"} | more)
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _ja(title: str, date: str | None, tags: list[str], size: int = 20, **more: object) -> str:
    return _front(title, date, tags, **more) + JA_BODY * size + "\n"


def _en(title: str, date: str | None, tags: list[str], size: int = 20, **more: object) -> str:
    return _front(title, date, tags, **more) + EN_BODY * size + "\n"


# Twelve articles over five months, mostly Japanese: more than a home page holds.
ARTICLES = {
    "a01": _ja("記事01", "2026-01-05", ["AI", "半導体"]),
    "a02": _ja("記事02", "2026-01-12", ["AI"]),
    "a03": _en("Article 03", "2026-01-20", ["AI", "ports"]),
    "a04": _ja("記事04", "2026-02-02", ["AI", "半導体", "量子"]),
    "a05": _ja("記事05", "2026-02-14", ["AI"]),
    "a06": _ja("記事06", "2026-02-25", ["AI", "量子"]),
    "a07": _en("Article 07", "2026-03-03", ["AI", "ports"]),
    "a08": _ja("記事08", "2026-03-18", ["AI", "半導体"]),
    "a09": _ja("記事09", "2026-04-01", ["AI"]),
    "a10": _ja("記事10", "2026-04-22", ["AI", "量子"]),
    "a11": _ja("記事11", "2026-05-09", ["AI"]),
    "a12": _ja("記事12", "2026-05-30", ["AI", "半導体"]),
}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    _write(src, {"conf.py": 'extensions = ["mystitch"]\n'})
    _write(src, {f"{name}.md": text for name, text in ARTICLES.items()})
    return src


def _hrefs(page: str) -> list[str]:
    found = re.findall(r'<a class="reference internal" href="([^"#]+)', page)
    return [unquote(html.unescape(href)) for href in found]


# --- the site's name and language --------------------------------------------


def test_an_unconfigured_site_is_named_and_has_no_empty_copyright(news):
    build = Build(news)
    for docname in ("index", "a05", "tags/index", "archive/index", "search"):
        page = build.page(docname)
        assert "Project name not set" not in page, docname
        assert "documentation</title>" not in page, docname
        assert "&#169;." not in page and "©." not in page, docname
    # No project, no home page of its own: the word for articles, in Japanese.
    assert "<title>記事05 &#8212; 記事</title>" in build.page("a05")


def test_the_site_title_comes_from_the_setting_the_project_or_the_home_page(news, tmp_path):
    named = Build(news, out="named", mystitch_site_title="テックニュース", project="repo")
    assert "<title>記事05 &#8212; テックニュース</title>" in named.page("a05")
    assert "<h1>テックニュース" in named.page("index")  # the generated home page
    project = Build(news, out="project", project="Example News")
    assert "<title>記事05 &#8212; Example News</title>" in project.page("a05")
    _write(news, {"index.md": "# Harbour <Daily> & Co\n\nOur own home page.\n"})
    home = Build(news, out="home")
    page = home.page("a05")
    assert "<title>記事05 &#8212; Harbour &lt;Daily&gt; &amp; Co</title>" in page
    # alabaster prints the project name unescaped: it arrives escaped.
    assert "<Daily>" not in page and 'href="index.html">Harbour &lt;Daily&gt; &amp; Co</a>' in page


def test_a_new_home_page_title_rewrites_every_page_without_reading_them(news):
    _write(news, {"index.md": "# Harbour Daily\n\nOur own home page.\n"})
    Build(news)
    _write(news, {"index.md": "# Harbour Weekly\n\nOur own home page.\n"})
    build = Build(news)
    assert build.read == ["index"]
    assert "&#8212; Harbour Weekly</title>" in build.page("a05")


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme"])
def test_other_themes_show_the_site_title(news, theme):
    pytest.importorskip(theme)
    build = Build(news, out=theme, html_theme=theme, project="Example News")
    page = build.page("a05")
    assert "Example News" in page and "Project name not set" not in page
    assert re.search(r"<title>記事05 (&#8212;|-|–) Example News</title>", page)


def test_a_mostly_japanese_site_speaks_and_searches_japanese(news):
    build = Build(news)
    assert build.app.config.language == "ja"
    assert '<html lang="ja"' in build.page("index")
    assert "検索" in build.page("index")  # the theme's own words
    assert (build.out / "_static" / "translations.js").is_file()
    index = (build.out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    terms = data["terms"]
    # Sphinx's Japanese splitter: words inside unspaced Japanese text are found.
    assert "英国" in terms and data["docnames"].index("a05") in _as_list(terms["英国"])


def _as_list(value: object) -> list[int]:
    return value if isinstance(value, list) else [value]


def test_each_article_page_is_in_its_own_language(news):
    build = Build(news)
    english = build.page("a07")
    assert '<html lang="en"' in english
    assert re.search(r'<section id="article-07" lang="en">', english)
    japanese = build.page("a08")
    assert '<html lang="ja"' in japanese and 'lang="ja">' in japanese
    forced = Build(news, out="en", language="en")
    assert '<html lang="en"' in forced.page("index")
    assert '<html lang="ja"' in forced.page("a08")


def test_a_language_set_in_conf_py_is_kept(news):
    build = Build(news, language="en")
    assert build.app.config.language == "en"
    assert build.page("tags/index").count("Tags") >= 1


def test_when_the_majority_flips_every_page_follows_pointer_pages_included(news):
    # A copy of a08 saved twice: its page points to the published one.
    copy = ARTICLES["a08"].replace(JA_BODY * 20, JA_BODY * 5)
    _write(news, {"old/a08.md": copy})
    first = Build(news)
    assert "この記事は次のページで公開しています" in first.page("old/a08")
    # Enough English articles to make English the majority.
    _write(
        news, {f"e{n}.md": _en(f"English {n}", f"2025-06-{n:02d}", ["misc"]) for n in range(1, 15)}
    )
    again = Build(news)
    assert again.app.config.language == "en"
    assert "This article is published as" in again.page("old/a08")
    assert "old/a08" in again.read and "a01" in again.read  # a new language: read again
    assert '<html lang="en"' in again.page("index")
