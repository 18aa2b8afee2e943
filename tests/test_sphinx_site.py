"""The site the extension builds around articles: indexes, copies, rebuilds.

Every project here has a conf.py with ``extensions = ["mystitch"]`` and
nothing else unless a test says so, and its build folder outside the source
folder, so the byte-for-byte check of the source sees every write.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from sphinx.testing.util import SphinxTestApp

from mystitch.state import catalog as catalog_of
from mystitch.state import fronts
from tests.conftest import SEEDS

ARTICLE = """---
title: "{title}"
date: {date}
categories: {categories}
tags: {tags}
author: "Desk"
excerpt: "{excerpt}"
---

{body}
"""


def _article(
    title: str, body: str, date: str = "2026-01-01", excerpt: str = "", **lists: str
) -> str:
    """A raw article; ``categories`` and ``tags`` are YAML flow lists."""
    return ARTICLE.format(
        title=title,
        date=date,
        categories=lists.get("categories", "[]"),
        tags=lists.get("tags", "[]"),
        excerpt=excerpt,
        body=body,
    )


PORT = _article(
    title="新しい港の計画",
    date="2026-03-14 09:30:00 +0900",
    categories='["地域"]',
    tags='["港湾", "物流", "ＡＩ"]',
    excerpt="港の新しい計画の要点です。",
    body="神戸の新しい港は来年に着工します。完成は三年後の見込みで、工事中も既存の\n---END---\n"
    "既存の岸壁は通常どおり使えます。地元では期待の声が上がっています。\n---END---\n",
)
RAIL = _article(
    title="Night trains return to the north line",
    date="2026-02-01",
    categories='["Transport"]',
    tags='["rail", "AI", "Machine Learning"]',
    excerpt="Sleeper services come back in May.",
    body="The operator will run sleeper trains again from May. Tickets go on sale in\n"
    "---END---\nTickets go on sale in April at every station.\n---END---\n",
)
EVIL = _article(
    title="Odd <b>names</b> & co",
    date="2025-12-24",
    categories='["../../etc", "Security"]',
    tags='["../../etc/passwd", "<script>alert(1)</script>", "index", "{eval-rst}", "a/b"]',
    excerpt="An <img src=x onerror=alert(1)> excerpt.",
    body="This article has names that try to escape. Its body is short.\n---END---\n"
    "Raw <b>HTML</b> in the body is shown as text.\n\n<script>alert(2)</script>\n",
)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    _write(
        src,
        {
            "conf.py": 'extensions = ["mystitch"]\n',
            "port.md": PORT,
            "news/rail.md": RAIL,
            "evil.md": EVIL,
        },
    )
    return src


class Build:
    """One sphinx-build of a project, keeping what was read."""

    def __init__(self, src: Path, builder: str = "html", out: str = "", **kwargs: object):
        self.read: list[str] = []
        parallel = kwargs.pop("parallel", 0)
        self.app = SphinxTestApp(
            builder,
            srcdir=src,
            builddir=src.parent / (out or f"build-{builder}"),
            confoverrides=kwargs or None,
            parallel=parallel,
        )
        self.app.connect(
            "env-before-read-docs", lambda app, env, docnames: self.read.extend(docnames)
        )
        try:
            self.app.build()
        finally:
            self.app.cleanup()
        self.out = Path(self.app.outdir)
        # Sphinx 7 names the warning stream _warning, Sphinx 8 warning.
        self.warnings = getattr(self.app, "warning", None) or self.app._warning
        self.warnings = self.warnings.getvalue()

    def page(self, docname: str) -> str:
        suffix = ".txt" if self.app.builder.name == "text" else ".html"
        return (self.out / f"{docname}{suffix}").read_text(encoding="utf-8")


def _links(page: str) -> list[str]:
    """Internal link targets of a page, as file paths (Sphinx percent-encodes)."""
    found = re.findall(r'<a class="reference internal" href="([^"#]+)', page)
    return [unquote(html.unescape(href)) for href in found]


def test_a_folder_of_articles_becomes_a_site_and_the_source_is_untouched(site, tmp_path):
    before = _snapshot(site)
    build = Build(site, parallel=2)
    assert _snapshot(site) == before
    # Nothing outside the build folder: only src/ and build-html/ exist.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build-html", "src"]
    home = build.page("index")
    for docname in ("port", "news/rail", "evil"):
        assert f"{docname}.html" in _links(home)
    assert {"tags/index.html", "categories/index.html", "archive/index.html"} <= set(_links(home))
    assert "WARNING: document isn't included in any toctree" not in build.warnings
    # No marker anywhere in the output: the raw source is not copied beside the page.
    for path in build.out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".txt", ".js"):
            assert "---END---" not in path.read_text(encoding="utf-8"), path


def test_every_tag_of_every_article_has_a_page_that_links_to_it(site):
    build = Build(site)
    catalog = catalog_of(build.app.env)
    for docname, entry in catalog.published.items():
        article = build.page(docname)
        for kind, folder in (("tag", "tags"), ("category", "categories")):
            for name in entry.terms(kind):
                term = catalog.term(kind, name)
                target = f"{folder}/{term.slug}"
                assert target in build.app.env.all_docs
                # the byline links to the term page, the term page to the article
                assert any(link.endswith(f"{term.slug}.html") for link in _links(article)), name
                back = _links(build.page(target))
                assert any(link.endswith(f"{docname.split('/')[-1]}.html") for link in back)
                index = _links(build.page(f"{folder}/index"))
                assert any(link.endswith(f"{term.slug}.html") for link in index)


def test_tags_that_differ_by_case_or_width_are_one_tag(site):
    build = Build(site)
    terms = catalog_of(build.app.env).terms["tag"]
    assert "ai" in terms and len(terms["ai"].docnames) == 2  # ＡＩ and AI
    assert terms["machine-learning"].slug == "machine-learning"
    assert (build.out / "tags" / "港湾.html").exists()  # Japanese stays readable
    index = build.page("tags/index")
    assert "AI" in index and "(2)" in index


def test_hostile_names_stay_inside_the_output_and_are_shown_escaped(site, tmp_path):
    build = Build(site)
    outputs = [p.resolve() for p in build.out.rglob("*")]
    assert all(build.out.resolve() in p.parents for p in outputs)
    assert not (tmp_path / "etc").exists() and not (build.out.parent / "etc").exists()
    names = {p.name for p in (build.out / "tags").iterdir()}
    assert "index.html" in names
    assert not any(name.startswith(".") or name == "passwd.html" for name in names)
    for path in [*build.out.rglob("*.html"), build.out / "searchindex.js"]:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "<b>names</b>" not in text and "<b>HTML</b>" not in text, path
    evil = build.page("evil")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil  # the tag, shown
    assert "&lt;b&gt;HTML&lt;/b&gt;" in evil  # raw HTML in the body, shown as text
    assert "Odd &lt;b&gt;names&lt;/b&gt; &amp; co" in evil
    # a tag called "index" gets its own page, not the tag index's
    index_tag = catalog_of(build.app.env).term("tag", "index")
    assert index_tag.slug != "index"


def test_text_and_dirhtml_builders(site):
    text = Build(site, "text")
    assert "新しい港の計画" in text.page("tags/港湾")
    assert "---END---" not in text.page("port")
    dirhtml = Build(site, "dirhtml")
    assert (dirhtml.out / "tags" / "港湾" / "index.html").exists()
    assert (dirhtml.out / "archive" / "index.html").exists()


def test_parallel_build_gives_the_same_site(site):
    serial = Build(site, "text", out="serial")
    parallel = Build(site, "text", out="parallel", parallel=2)
    pages = sorted(p.relative_to(serial.out) for p in serial.out.rglob("*.txt"))
    assert pages == sorted(p.relative_to(parallel.out) for p in parallel.out.rglob("*.txt"))
    for page in pages:
        assert (serial.out / page).read_bytes() == (parallel.out / page).read_bytes(), page


def test_article_lists_are_not_toctrees(site):
    # A toctree of every article is rendered in every page's sidebar: the
    # build would grow with the square of the number of articles.
    build = Build(site)
    env = build.app.env
    listed = {child for children in env.toctree_includes.values() for child in children}
    assert not listed & set(catalog_of(env).entries)


def test_front_matter_is_parsed_once_per_file(site, monkeypatch):
    import mystitch.lint.document

    calls: list[int] = []
    original = mystitch.lint.document.split_front_matter

    def counting(lines):
        calls.append(len(lines))
        return original(lines)

    # The catalog loads each article's YAML before reading; the reader reuses it.
    monkeypatch.setattr(mystitch.lint.document, "split_front_matter", counting)
    build = Build(site)
    assert catalog_of(build.app.env).entries
    assert calls == []
    assert not fronts(build.app.env)  # not kept in the pickled environment


def test_unchanged_rebuild_reads_nothing(site):
    Build(site)
    again = Build(site)
    assert again.read == []


@pytest.mark.parametrize("parallel", [0, 2])
def test_adding_a_tag_rebuilds_only_what_shows_it(site, parallel):
    Build(site, parallel=parallel)
    rail = site / "news" / "rail.md"
    rail.write_text(rail.read_text(encoding="utf-8").replace('"rail",', '"rail", "夜行列車",'))
    build = Build(site, parallel=parallel)
    # The article, the tag's pages, and every list that shows the article's
    # tags; no other article (no one else has the tag: no related list changed).
    assert sorted(build.read) == [
        "archive/2026",
        "archive/2026/02",
        "categories/transport",
        "index",
        "news/rail",
        "tags/ai",
        "tags/index",
        "tags/machine-learning",
        "tags/rail",
        "tags/夜行列車",
    ]
    assert "Night trains" in build.page("tags/夜行列車")
    assert "夜行列車" in build.page("tags/index")
    assert any(link.endswith("夜行列車.html") for link in _links(build.page("news/rail")))


def test_adding_and_deleting_articles_keeps_every_index_right(site):
    Build(site)
    _write(
        site,
        {
            "ferry.md": _article(
                "Ferry fares fall",
                "Fares on the island ferry fall by a tenth in April.\n",
                date="2026-04-01",
                excerpt="Cheaper crossings.",
                categories='["Transport"]',
                tags='["ferry"]',
            )
        },
    )
    build = Build(site)
    assert "ferry" in build.read and "tags/ferry" in build.read
    # port is the article before the new one: its "next article" changed.
    assert "port" in build.read and "Ferry fares fall" in build.page("port")
    assert "news/rail" not in build.read and "tags/港湾" not in build.read
    assert "Ferry fares fall" in build.page("archive/2026/04")
    assert "Ferry fares fall" in build.page("categories/transport")
    (site / "ferry.md").unlink()
    (site / "evil.md").unlink()
    build = Build(site)
    assert "2026/04" not in build.page("archive/index")
    assert "archive/2026/04" not in build.app.env.all_docs
    assert "Ferry fares fall" not in build.page("port")
    assert "Ferry fares fall" not in build.page("categories/transport")
    assert "ferry" not in build.app.env.all_docs
    assert "tags/ferry" not in build.app.env.all_docs
    assert "security" not in build.page("categories/index").lower()
    # The lists that showed them, the months beside theirs (their links to
    # the gone months), and the articles that were their neighbours.
    assert sorted(build.read) == [
        "archive/2026",
        "archive/2026/02",
        "archive/2026/03",
        "archive/index",
        "categories/index",
        "categories/transport",
        "index",
        "news/rail",
        "port",
        "tags/index",
    ]


def test_one_article_saved_twice_is_one_article(site):
    # The copy has fewer pieces and other tags: the longer one is published
    # with the tags of both, listed once, and a warning names both files.
    shorter = PORT.split("---END---")[0].replace('"物流"', '"物流", "造船"') + "---END---\n"
    _write(site, {"old/port-copy.md": shorter})
    build = Build(site)
    catalog = catalog_of(build.app.env)
    assert catalog.copy_of == {"old/port-copy": "port"}
    assert "造船" in catalog.published["port"].tags
    assert build.page("tags/index").count("造船") == 1
    assert build.page("tags/港湾").count("新しい港の計画") == 1
    assert build.page("archive/2026/03").count("新しい港の計画") == 1
    assert re.search(
        r"old/port-copy\.md.*port\.md.*same article.*mystitch\.duplicate", build.warnings
    ) or ("old/port-copy.md and port.md are the same article" in build.warnings)
    copy = build.page("old/port-copy")
    assert any(link.endswith("port.html") for link in _links(copy))
    assert any(link.endswith("造船.html") for link in _links(build.page("port")))


def test_same_id_means_same_article(site):
    rail = RAIL.replace("---\n\n", "id: rail-2026\n---\n\n", 1)
    renamed = rail.replace("Night trains return to the north line", "Night trains return")
    _write(site, {"news/rail.md": rail, "news/rail-again.md": renamed.split("---END---")[0]})
    build = Build(site)
    assert catalog_of(build.app.env).copy_of == {"news/rail-again": "news/rail"}
    assert "same id" in build.warnings


def test_articles_directive_lists_latest_and_by_tag(site):
    _write(
        site,
        {
            "index.md": "# Home\n\n```{mystitch-articles}\n:limit: 2\n:no-excerpt:\n```\n\n"
            "## Rail\n\n```{mystitch-articles}\n:tag: RAIL\n```\n\n"
            "## Region\n\n```{mystitch-articles}\n:category: 地域\n```\n\n"
            "```{toctree}\ntags/index\ncategories/index\narchive/index\n```\n",
        },
    )
    build = Build(site, "text")
    home = build.page("index")
    latest = home.split("Rail")[0]
    assert "新しい港の計画" in latest and "Night trains" in latest and "Odd" not in latest
    assert "Sleeper services come back in May." in home  # excerpts in the tag list
    assert "新しい港の計画" in home.split("Region")[1]
    # a new newest article changes the latest list: the home page is read again
    _write(
        site,
        {"newest.md": _article("Newest", "The newest article is here.\n", date="2026-06-01")},
    )
    build = Build(site, "text")
    assert "index" in build.read
    assert "Newest" in build.page("index").split("Rail")[0]


def test_list_directive_reports_bad_options(site):
    _write(
        site,
        {
            "index.md": "# Home\n\n```{mystitch-articles}\n:tag: nothing-like-this\n```\n\n"
            "```{mystitch-articles}\n:period: last-week\n```\n"
        },
    )
    build = Build(site, "text")
    assert "no published article has the tag 'nothing-like-this'" in build.warnings
    assert "period 'last-week' is not YYYY, YYYY-MM or 'undated'" in build.warnings
    # Sphinx 7 does not print the type; suppressing it proves it either way.
    quiet = Build(site, "text", out="quiet", suppress_warnings=["mystitch.list"])
    assert "last-week" not in quiet.warnings


def test_locations_are_configurable_and_checked(site):
    build = Build(site, "text", mystitch_tags_path="topics", mystitch_archive_path="")
    assert (build.out / "topics" / "港湾.txt").exists()
    assert not (build.out / "archive").exists()
    bad = Build(site, "text", out="bad", mystitch_tags_path="../outside")
    assert "mystitch_tags_path = '../outside' is not a relative folder name" in bad.warnings
    assert (bad.out / "tags" / "港湾.txt").exists()
    assert not (site.parent / "outside").exists()


def test_no_tag_pages_means_names_without_links(site):
    build = Build(site, mystitch_tags_path="")
    assert not (build.out / "tags").exists()
    assert "港湾" in build.page("port")


def test_a_source_page_in_the_way_is_kept_and_reported(site):
    _write(site, {"tags/index.md": "# My own tags page\n"})
    build = Build(site, "text")
    assert "My own tags page" in build.page("tags/index")
    assert "does not generate 'tags/index'" in build.warnings


def test_metadata_problems_are_warnings_with_file_and_line(site):
    odd = _article(
        "Odd values",
        "Some text that is complete.\n",
        date="last tuesday",
        categories="[[nested, list], {a: 1}]",
        tags="[" + ", ".join(f"t{n}" for n in range(150)) + "]",
    )
    _write(site, {"odd.md": odd})
    build = Build(site, "text")
    warnings = build.warnings
    assert re.search(r"odd\.md:3: WARNING: date: 'last tuesday' is not a date", warnings)
    assert re.search(r"odd\.md:4: WARNING: categories: a dict is not a name; skipped", warnings)
    assert re.search(r"odd\.md:5: WARNING: tags: 150 entries; the first 100 are kept", warnings)
    assert "Undated" in build.page("archive/index")
    assert "Traceback" not in warnings


def test_japanese_site_words_follow_the_articles_or_the_language(site):
    (site / "news" / "rail.md").unlink()
    (site / "evil.md").unlink()
    build = Build(site, "text")
    assert build.page("tags/index").startswith("タグ")
    english = Build(site, "text", out="en", language="en")
    assert english.page("tags/index").startswith("Tags")


def test_japanese_search_with_language_ja(site):
    build = Build(site, language="ja")
    index = (build.out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    terms = data["terms"]
    assert any("港" in term for term in terms)
    assert data["docnames"].index("port") in _as_list(terms.get("着工") or terms.get("神戸"))


def _as_list(value: object) -> list[int]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_themes(site, theme):
    pytest.importorskip(theme)
    build = Build(site, out=theme, html_theme=theme)
    assert "WARNING" not in build.warnings.replace("mystitch.merge", "")
    assert "港湾" in build.page("tags/index")
    assert any(link.endswith("港湾.html") for link in _links(build.page("port")))


@pytest.mark.seeds
def test_seeds_build_as_a_site(seeds, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt")):
        (src / seed.name).write_bytes(seed.read_bytes())
    before = _snapshot(src)
    build = Build(src, parallel=2)
    assert _snapshot(src) == before
    for seed in sorted(SEEDS.glob("*.txt")):
        page = build.page(seed.stem)
        assert "---END---" not in page
    tags = catalog_of(build.app.env).terms["tag"]
    assert tags and all((build.out / "tags" / f"{t.slug}.html").exists() for t in tags.values())


@pytest.mark.parametrize("parallel", [0, 2])
def test_warnings_of_myst_inside_an_article_give_raw_lines(site, parallel):
    # The merged page has front matter, a byline and a restart fewer than the
    # raw file: myst-parser's own warning must still point at the raw line.
    raw = _article(
        "Line test",
        "The first sentence is complete. The second one is cut in\n---END---\n"
        "cut in the middle and goes on.\n\n```{note}\n:no-such-option: x\nbody\n```\n",
        excerpt="x",
    )
    _write(site, {"lines.md": raw})
    line = raw.split("\n").index(":no-such-option: x") + 1
    build = Build(site, "text", parallel=parallel)
    # myst-parser 3 names the directive's first line, later ones the option's.
    assert re.search(
        rf"lines\.md:({line - 1}|{line}): WARNING: .*no-such-option", build.warnings
    ), build.warnings
