"""What a reader of the published site sees (issue 12): a named site in the
articles' language, articles with their neighbours and related articles, lists
with authors, tags and reading times, archives, pages of older articles, and
rebuilds that read again only what shows an edit.

Every project has a conf.py with ``extensions = ["mystitch"]`` and nothing
else unless a test says so.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import sphinx

from mystitch.reading_time import counted_minutes, given_minutes, reading_time
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


def _section(page: str, css_class: str) -> str:
    """The HTML of the first element with this class, up to the end of the page."""
    start = page.index(f'class="{css_class}')
    return page[start:]


def _footer(page: str) -> str:
    footer = _section(page, "mystitch-article-footer")
    return footer[: footer.index("</div>")]


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
    # The theme's own <html lang> follows each article.
    assert re.search(r'<html[^>]* lang="ja"', page)
    assert re.search(r'<html[^>]* lang="en"', build.page("a07"))


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


def test_search_finds_an_article_not_every_list_that_shows_it(news):
    # An entry repeats its article's title and excerpt on the home page, tag,
    # category and archive pages: a hit on each would bury the article itself.
    body = "The Zanzibarite terminal opened. " * 10
    text = _front("Article 07", "2026-03-03", ["AI", "ports"], excerpt="Zanzibarite terminal")
    _write(news, {"a07.md": text + body + "\n"})
    build = Build(news)
    assert "Zanzibarite terminal" in build.page("index")  # the home page shows the entry
    index = (build.out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])

    def pages(table: str, word: str) -> set[str]:
        (key,) = [key for key in data[table] if key.startswith(word)]
        return {data["docnames"][i] for i in _as_list(data[table][key])}

    if sphinx.version_info >= (7, 3):  # the first Sphinx to skip "no-search" nodes
        assert pages("terms", "zanzibarit") == {"a07"}
    # A tag page is still found by its name, which is its title.
    assert any(name.endswith("/ports") for name in pages("titleterms", "port"))


def _as_list(value: object) -> list[int]:
    return value if isinstance(value, list) else [value]


def test_each_article_page_is_in_its_own_language(news):
    build = Build(news)
    english = build.page("a07")
    assert '<html lang="en"' in english
    assert re.search(r'<section id="article-07" lang="en">', english)
    assert "Previous article" in english  # its footer speaks English
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


# --- article pages -------------------------------------------------------------


def test_an_article_links_the_articles_before_and_after_it_by_date(news):
    build = Build(news)
    footer = _footer(build.page("a05"))
    previous = _section(footer, "mystitch-previous")
    following = _section(footer, "mystitch-next")
    assert "a04.html" in _hrefs(previous)[0] and "a06.html" in _hrefs(following)[0]
    newest = _footer(build.page("a12"))
    assert "mystitch-next" not in newest and "a11.html" in _hrefs(newest)[0]
    assert "mystitch-previous" not in _footer(build.page("a01"))


def test_related_articles_share_the_most_telling_tags(news):
    build = Build(news)
    related = _section(_footer(build.page("a04")), "mystitch-related")
    linked = [href.removesuffix(".html") for href in _hrefs(related)]
    # a04 has AI (every article), 半導体 (4) and 量子 (3): the two that share
    # 量子 come first, nearest in time first; then 半導体; AI alone is last.
    assert linked[:2] == ["a06", "a10"]
    assert set(linked[2:4]) == {"a01", "a08"}
    assert len(linked) == 5
    assert "no-search" in _section(build.page("a04"), "mystitch-article-footer")[:80]


def test_related_articles_are_bounded_per_article():
    from mystitch.catalog import Catalog, Entry
    from mystitch.navigation import RELATED_WINDOW, related

    cat = Catalog()
    for n in range(1000):
        day = f"2020-01-01T00:00:{n % 60:02d}+00:00"
        cat.entries[f"d{n}"] = Entry(f"d{n}", f"d{n}.md", f"T{n}", day, float(n), tags=("all",))
    cat.rebuild(lambda entry: 0)
    memo = cat.memo
    picked = related(cat, "d500", 5)
    assert len(picked) == 5
    # Only the window around the article was scored: the nearest in time.
    assert all(abs(int(e.docname[1:]) - 500) <= RELATED_WINDOW for e in picked)
    assert ("tag", "all") in memo  # positions worked out once per build


def test_dates_are_machine_readable_and_terms_are_linked(news):
    build = Build(news)
    page = build.page("a04")
    assert (
        '<time class="mystitch-date" datetime="2026-02-02T00:00:00+00:00">2026-02-02</time>' in page
    )
    byline = page[page.index("mystitch-tag-links") :]
    assert "tags/量子.html" in _hrefs(byline)[: len(_hrefs(byline))]
    assert "categories/news.html" in _hrefs(page)


# --- reading time --------------------------------------------------------------


def test_reading_time_is_counted_in_characters_or_words():
    assert counted_minutes("あ" * 1000, 500, 220)[0] == 2
    assert counted_minutes("word " * 441, 500, 220)[0] == 3
    assert counted_minutes("", 500, 220)[0] == 1
    assert [given_minutes(v) for v in (8, "8", "8 min", "8分", 0, True, "soon")] == [
        8,
        8,
        8,
        8,
        None,
        None,
        None,
    ]


def test_the_front_matter_wins_only_when_close_to_the_text():
    text = "あ" * 4000  # eight minutes at 500 characters a minute
    assert reading_time(None, text, 500, 220) == (8, None)
    assert reading_time(9, text, 500, 220) == (9, None)  # within a quarter
    assert reading_time(6, text, 500, 220) == (6, None)
    minutes, problem = reading_time(3, text, 500, 220)
    assert minutes == 8
    assert problem == (
        "reading_time: 3 minutes, but the text reads in about 8 "
        "(4,000 characters at 500 a minute); 8 is shown"
    )
    assert reading_time("8 分", text, 500, 220) == (8, None)
    assert "is not a number of minutes" in str(reading_time("later", text, 500, 220)[1])


def test_a_reading_time_far_off_is_a_located_warning(news):
    _write(news, {"a05.md": ARTICLES["a05"].replace('"Desk"\n', '"Desk"\nreading_time: 30\n')})
    build = Build(news)
    line = ARTICLES["a05"].split("\n").index('author: "Desk"') + 2
    assert re.search(
        rf"a05\.md:{line}: WARNING: reading_time: 30 minutes, but the text reads in about 2 "
        r"\([\d,]+ characters at 500 a minute\); 2 is shown",
        build.warnings,
    )
    assert "約2分" in build.page("a05")
    quiet = Build(news, out="quiet", suppress_warnings=["mystitch.reading_time"])
    assert "reading_time" not in quiet.warnings


# --- lists ---------------------------------------------------------------------


def test_list_entries_show_author_tags_and_reading_time(news):
    _write(news, {"a12.md": _ja("記事12", "2026-05-30", ["AI"], excerpt="記事12")})
    build = Build(news)
    home = build.page("index")
    entry = _section(home, "mystitch-article")
    entry = entry[: entry.index("</li>")]
    assert '<span class="mystitch-author">Desk</span>' in entry
    assert '<span class="mystitch-minutes">約2分</span>' in entry
    assert "tags/ai.html" in _hrefs(entry)
    assert "mystitch-excerpt" not in entry  # the excerpt is the title: shown once
    css = (build.out / "_static" / "mystitch.css").read_text(encoding="utf-8")
    assert re.search(r"\.mystitch-date[^{]*\{\s*white-space: nowrap", css)
    assert 'href="_static/mystitch.css' in home


def test_every_article_is_two_clicks_from_the_home_page(news):
    build = Build(news, mystitch_home_limit=3)
    assert (build.out / "page" / "4.html").is_file() and not (
        build.out / "page" / "5.html"
    ).exists()
    depth = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        current = queue.popleft()
        if depth[current] == 2:
            continue
        for href in _hrefs((build.out / current).read_text(encoding="utf-8")):
            target = urljoin(current, href)
            if target not in depth:
                depth[target] = depth[current] + 1
                queue.append(target)
    assert all(depth.get(f"{name}.html", 9) <= 2 for name in ARTICLES), depth
    # The last page holds the oldest articles, and links back.
    last = build.page("page/4")
    assert [h for h in _hrefs(last) if h.startswith("../a")][:3] == [
        "../a03.html",
        "../a02.html",
        "../a01.html",
    ]
    assert "過去の記事" not in last and "新しい記事" in last


def test_archive_pages_per_year_and_month(news):
    _write(news, {"undated.md": _ja("日付のない記事", None, ["AI"])})
    build = Build(news)
    index = build.page("archive/index")
    assert {"2026.html", "2026/02.html", "undated.html"} <= set(_hrefs(index))
    assert "(3件)" in index  # three articles in each month
    month = build.page("archive/2026/02")
    assert [h for h in _hrefs(month) if re.fullmatch(r"\.\./\.\./a\d\d\.html", h)] == [
        "../../a06.html",
        "../../a05.html",
        "../../a04.html",
    ]
    assert {"../2026.html", "01.html", "03.html"} <= set(_hrefs(month))
    assert "記事12" in build.page("archive/2026") and "記事12" not in month
    assert "日付のない記事" in build.page("archive/undated")


def test_a_limited_list_links_to_the_rest(news):
    _write(
        news,
        {
            "index.md": "# Home\n\n```{mystitch-articles}\n:limit: 2\n```\n\n"
            "```{mystitch-articles}\n:tag: 量子\n:limit: 1\n```\n\n"
            "```{mystitch-articles}\n:limit: 20\n```\n"
        },
    )
    build = Build(news)
    more = re.findall(r'<p class="mystitch-more[^"]*">(.*?)</p>', build.page("index"))
    assert len(more) == 2  # the third list is whole
    assert "archive/index.html" in _hrefs(more[0]) and "tags/量子.html" in _hrefs(more[1])


# --- rebuilds ------------------------------------------------------------------


def _set_date(src: Path, name: str, date: str) -> None:
    path = src / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'date: "[^"]*"', f'date: "{date}"', text, count=1), encoding="utf-8")


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_new_date_rereads_the_neighbours_and_the_lists_that_show_it(news, parallel):
    # A tag of its own: no related list has it, whose order goes by dates.
    _write(news, {"a05.md": _ja("記事05", "2026-02-14", ["季節"])})
    Build(news, parallel=parallel)
    _set_date(news, "a05", "2026-04-10")  # from between a04 and a06 to between a09 and a10
    build = Build(news, parallel=parallel)
    assert sorted(build.read) == [
        "a04",  # its neighbours, before and after
        "a05",
        "a06",
        "a09",
        "a10",
        "archive/2026",
        "archive/2026/02",
        "archive/2026/04",
        "archive/index",
        "categories/news",
        "index",
        "tags/季節",
    ]
    assert "a06.html" in _hrefs(_section(build.page("a04"), "mystitch-next"))
    assert "a05.html" in _hrefs(_section(build.page("a09"), "mystitch-next"))
    assert "記事05" in build.page("archive/2026/04")


def test_a_new_tag_rereads_the_articles_whose_related_list_it_changes(news):
    Build(news)
    path = news / "a02.md"
    path.write_text(path.read_text(encoding="utf-8").replace('["AI"]', '["AI", "量子"]'))
    build = Build(news)
    read = set(build.read)
    # a02 now shares 量子 with a04, a06, a10: their related lists change.
    assert {"a02", "a04", "a06", "a10", "tags/量子", "tags/index"} <= read
    assert "a07" not in read and "a12" not in read
    related = _section(_footer(build.page("a04")), "mystitch-related")
    assert "a02.html" in _hrefs(related)


def test_a_body_edit_rereads_the_article_only_and_rewrites_the_lists_with_its_time(news):
    first = Build(news)
    assert "約2分" in _section(first.page("tags/量子"), "mystitch-articles")
    untouched = (first.out / "tags" / "半導体.html").stat().st_mtime_ns
    path = news / "a06.md"
    path.write_text(path.read_text(encoding="utf-8") + JA_BODY * 100, encoding="utf-8")
    build = Build(news)
    assert build.read == ["a06"]
    # Lists that show a06 are written again with its new time; the others are not.
    page = build.page("tags/量子")
    entry = page[page.index('href="../a06.html"') :]
    assert "約9分" in entry[: entry.index("</li>")]  # 4,440 characters
    assert "約9分" in build.page("a06")
    assert (build.out / "tags" / "半導体.html").stat().st_mtime_ns == untouched


def test_an_edit_that_changes_no_time_rewrites_no_list(news):
    first = Build(news)
    stamp = (first.out / "tags" / "量子.html").stat().st_mtime_ns
    path = news / "a06.md"
    path.write_text(path.read_text(encoding="utf-8").replace("公開した", "公表した", 1))
    build = Build(news)
    assert build.read == ["a06"]
    assert (build.out / "tags" / "量子.html").stat().st_mtime_ns == stamp
