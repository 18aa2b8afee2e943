"""Articles are untrusted: a site built from hostile articles runs no command,
publishes no file of the build machine, holds no live script, and still
publishes every good article beside them (see tests/hostile.py)."""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import sphinx_build, write_file
from hostile import CONF, CONF_TOKEN, TOKEN, corpus, inspect
from lxml import etree

from mystitch.state import catalog
from mystitch.untrusted import Policy, safe_url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:x",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
    ],
)
def test_unsafe_link_targets(url):
    assert not safe_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a?b=c", "http://x", "mailto:a@b.c", "#part", "other.html", "../up"],
)
def test_safe_link_targets(url):
    assert safe_url(url)


def test_the_policy_opens_only_what_it_names():
    closed = Policy()
    assert closed.directive("note") and closed.directive("py:function")
    assert not closed.directive("include") and not closed.directive("Include")
    assert not closed.role("download") and not closed.role("raw")
    assert not closed.html and not closed.files
    opened = Policy(frozenset({"include", "html"}))
    assert opened.directive("include") and opened.files and opened.html
    assert not opened.directive("eval-rst")
    assert Policy(frozenset({"*"})).directive("anything-at-all")


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _build(src: Path, out: Path, parallel: int = 0) -> tuple[Any, str]:
    return sphinx_build(src, "html", out, parallel=parallel)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    secret, sentinel = root / "secret.txt", root / "PWNED"
    write_file(secret, TOKEN + "\n")
    src = root / "src"
    write_file(src / "conf.py", CONF.format(token=CONF_TOKEN))
    found = corpus(secret, sentinel)
    for name, text in found.files.items():
        write_file(src / name, text)
    before = _snapshot(src)
    serial, serial_warnings = _build(src, root / "serial")
    _, parallel_warnings = _build(src, root / "parallel", parallel=2)
    # What Sphinx and the theme put in every page: the only scripts allowed.
    clean = root / "clean"
    write_file(clean / "conf.py", CONF.format(token=""))
    for name in ("good-ja.md", "good-en.md"):
        write_file(clean / name, found.files[name])
    _build(clean, root / "clean-out")
    allowed = set()
    for page in (root / "clean-out" / "html").rglob("*.html"):
        allowed.update(inspect(page).scripts)
    return {
        "root": root,
        "src": src,
        "before": before,
        "found": found,
        "sentinel": sentinel,
        "out": root / "serial" / "html",
        "parallel_out": root / "parallel" / "html",
        "warnings": serial_warnings,
        "parallel_warnings": parallel_warnings,
        "allowed_scripts": allowed,
        "app": serial,
    }


@pytest.mark.slow
def test_no_command_runs(hostile_site):
    assert not hostile_site["sentinel"].exists()


@pytest.mark.slow
def test_no_file_of_the_build_machine_is_published(hostile_site):
    for out in (hostile_site["out"], hostile_site["parallel_out"]):
        for path in out.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert TOKEN.encode() not in data, path
                assert CONF_TOKEN.encode() not in data, path
        assert not any(p.name in ("secret.txt", "conf.py") for p in out.rglob("*"))


@pytest.mark.slow
def test_no_page_holds_live_script_or_a_redirect(hostile_site):
    allowed = hostile_site["allowed_scripts"]
    pages = list(hostile_site["out"].rglob("*.html"))
    assert len(pages) > 150
    for path in pages:
        page = inspect(path)
        assert not page.problems, (path.name, page.problems)
        extra = set(page.scripts) - allowed
        assert not extra, (path.name, extra)
        # MathJax typesets text between its delimiters anywhere on the page:
        # it runs with its safe extension and reads only Sphinx's math.
        if page.mathjax:
            assert any('"ui/safe"' in script for script in page.scripts), path.name


@pytest.mark.slow
def test_every_good_article_is_published_and_listed(hostile_site):
    out = hostile_site["out"]
    # The archive's year, month and undated pages list every article.
    archive = "".join(p.read_text(encoding="utf-8") for p in (out / "archive").rglob("*.html"))
    for docname, sentence in hostile_site["found"].good.items():
        page = out / f"{docname}.html"
        assert sentence in page.read_text(encoding="utf-8")
        assert re.search(rf'href="(\.\./)+{re.escape(docname)}\.html"', archive), docname


@pytest.mark.slow
def test_each_hostile_article_costs_only_itself(hostile_site):
    """Every file is published, or a warning names it; no traceback anywhere."""
    warnings = hostile_site["warnings"]
    assert "Traceback" not in warnings
    out = hostile_site["out"]
    for name in hostile_site["found"].files:
        docname = name.removesuffix(".md")
        assert (out / f"{docname}.html").is_file() or name in warnings, name


@pytest.mark.slow
def test_the_source_folder_is_untouched(hostile_site):
    assert _snapshot(hostile_site["src"]) == hostile_site["before"]


@pytest.mark.slow
def test_serial_and_parallel_builds_publish_the_same_pages(hostile_site):
    serial, parallel = hostile_site["out"], hostile_site["parallel_out"]
    names = sorted(p.relative_to(serial) for p in serial.rglob("*.html"))
    assert names == sorted(p.relative_to(parallel) for p in parallel.rglob("*.html"))
    for name in names:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name

    # The same warnings, whatever order the processes gave them in.
    def lines(text: str) -> list[str]:
        return sorted(re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines())

    assert lines(hostile_site["warnings"]) == lines(hostile_site["parallel_warnings"])


@pytest.mark.slow
def test_refusals_are_warnings_that_name_file_and_line(hostile_site):
    warnings = hostile_site["warnings"]
    assert re.search(r"body-include\.md:\d+: WARNING: directive 'include' is not allowed", warnings)
    assert re.search(r"body-eval-rst-raw\.md:\d+: WARNING: directive 'eval-rst'", warnings)
    assert re.search(r"fm-myst-substitution\.md:3: WARNING: front matter key 'myst'", warnings)
    assert re.search(
        r"body-md-image-outside\.md:\d+: WARNING: image .* outside the source", warnings
    )


@pytest.mark.slow
def test_refused_text_is_shown_not_lost(hostile_site):
    page = (hostile_site["out"] / "body-include.html").read_text(encoding="utf-8")
    assert "{include} ../secret.txt" in page
    page = (hostile_site["out"] / "body-script.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('raw')&lt;/script&gt;" in page


@pytest.mark.slow
def test_articles_named_like_sphinx_pages_and_colliding_tags_are_not_lost(hostile_site):
    warnings = hostile_site["warnings"]
    assert re.search(r"search\.md.*WARNING: .*Sphinx's own", warnings)
    assert re.search(r"genindex\.md.*WARNING: .*Sphinx's own", warnings)
    cat = catalog(hostile_site["app"].env)
    first, second = cat.term("tag", "foo!"), cat.term("tag", "foo-c0cfbde0")
    assert first.slug != second.slug
    for term, docname in ((first, "tag-a"), (second, "tag-b")):
        page = (hostile_site["out"] / "tags" / f"{term.slug}.html").read_text(encoding="utf-8")
        assert f'href="../{docname}.html"' in page


@pytest.mark.slow
def test_markers_in_code_stay_code_and_unclosed_fences_warn(hostile_site):
    page = (hostile_site["out"] / "code-marker.html").read_text(encoding="utf-8")
    assert "first\n---END---\nsecond" in page
    assert re.search(r"unclosed-fence\.md:\d+: WARNING: .*never closed", hostile_site["warnings"])


@pytest.mark.slow
def test_control_characters_do_not_cost_the_description(hostile_site):
    page = (hostile_site["out"] / "fm-control.html").read_text(encoding="utf-8")
    assert re.search(r'<meta content="line break end" name="description"', page) or re.search(
        r'<meta name="description" content="line break end"', page
    )


@pytest.mark.slow
def test_every_feed_parses_and_holds_names_as_text(hostile_site):
    out = hostile_site["out"]
    feeds = sorted((out / "feeds").rglob("*.xml"))
    assert len(feeds) > 5
    for path in feeds:
        data = path.read_bytes()
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        # Only Atom's elements: no name became markup of its own.
        tree = etree.fromstring(data)
        assert all(el.tag.startswith("{http://www.w3.org/2005/Atom}") for el in tree.iter())
        assert TOKEN.encode() not in data
    term = catalog(hostile_site["app"].env).term("tag", "<script>alert('tag')</script>")
    (entry,) = feedparser.parse((out / "feeds" / "tags" / f"{term.slug}.xml").read_bytes()).entries
    assert entry.title == "<script>alert('title')</script>"
    assert entry.summary == "\"><script>alert('excerpt')</script>"
    assert entry.author == "<img src=x onerror=alert('author')>"
    assert "<svg onload=alert('cat')>" in [tag.term for tag in entry.tags]


@pytest.mark.slow
def test_sharing_tags_and_json_ld_hold_names_as_text(hostile_site):
    path = hostile_site["out"] / "fm-names.html"
    page = inspect(path)
    (data,) = page.data
    assert data["headline"] == "<script>alert('title')</script>"
    assert data["author"]["name"] == "<img src=x onerror=alert('author')>"
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<meta property="og:title" content="([^"]*)" />', text)
    assert found and html.unescape(found.group(1)) == "<script>alert('title')</script>"
    # Every article page has its JSON-LD, parsed (inspect reports one that does not).
    for docname in hostile_site["found"].good:
        assert len(inspect(hostile_site["out"] / f"{docname}.html").data) == 1


MATH_ARTICLE = (
    "---\ntitle: Math\ndate: 2026-01-02\n---\n\n"
    "Area {math}`\\pi r^2`, and {math}`\\href{javascript:alert(1)}{click}`.\n\n"
    "```{math}\n\\class{x}{y}\n```\n"
)


@pytest.mark.parametrize("allow", [[], ["math-html"]])
def test_math_that_mathjax_would_make_live_is_shown_as_code(tmp_path, allow):
    # MathJax typesets in the reader's browser: "\href{javascript:…}" becomes
    # a link there, "\class" and "\style" classes and styles.
    src = tmp_path / "src"
    write_file(src / "conf.py", f'extensions = ["mystitch"]\nmystitch_allow = {allow!r}\n')
    write_file(src / "a.md", MATH_ARTICLE)
    app, warnings = sphinx_build(src)
    page = (Path(app.outdir) / "a.html").read_text(encoding="utf-8")
    assert '<span class="math notranslate nohighlight">\\(\\pi r^2\\)</span>' in page
    refused = re.findall(r"a\.md:(\d+): WARNING: math with (\\\w+) is shown as code", warnings)
    if allow:
        assert not refused and "\\(\\href{javascript" in page
    else:
        # (An inline role's line is the paragraph's in older myst-parsers.)
        assert [command for _, command in refused] == ["\\href", "\\class"]
        assert refused[1] == ("8", "\\class")
        assert "\\(\\href" not in page and "\\[\\class" not in page
        assert '<span class="pre">\\href{javascript:alert(1)}{click}</span>' in page


def test_an_option_may_not_count_past_its_directives_content(tmp_path):
    # Sphinx makes a list of every line number a range names, and a column
    # per :columns:; an article's "1-2000000000" would take the build's memory.
    src = tmp_path / "src"
    write_file(src / "conf.py", 'extensions = ["mystitch"]\n')
    write_file(
        src / "a.md",
        "---\ntitle: Counts\ndate: 2026-01-02\n---\n\n"
        "```{code-block} python\n:emphasize-lines: 1-50000\n\nx = 1\n```\n\n"
        "```{code-block} python\n:emphasize-lines: 2\n\nx = 1\ny = 2\n```\n\n"
        "```{hlist}\n:columns: 99999\n\n- a\n- b\n```\n",
    )
    app, warnings = sphinx_build(src)
    page = (Path(app.outdir) / "a.html").read_text(encoding="utf-8")
    assert re.findall(r"a\.md:(\d+): WARNING: '([\w-]+)' option :([\w-]+):", warnings) == [
        ("6", "code-block", "emphasize-lines"),
        ("19", "hlist", "columns"),
    ]
    assert page.count('class="hll"') == 1  # the block within its lines keeps its option
    assert page.count('class="hlist') == 1 and page.count("<td>") == 2


def test_attacks_a_red_team_found_are_refused(tmp_path):
    # Each one worked before: a "//" path published a file of the build
    # machine, a toctree entry made a javascript: link, an invisible index
    # entry or a numref format stopped the build with a traceback, a dozen
    # brackets in cpp:expr took minutes, as did a few hundred characters for
    # some highlighters, and MathJax typeset "$$\href{javascript:…}$$" text.
    secret = tmp_path / "secret.txt"
    write_file(secret, TOKEN + "\n")
    src = tmp_path / "src"
    write_file(src / "conf.py", 'extensions = ["mystitch"]\n')
    body = "\n\n".join(
        [
            f"![secret](/{secret})",
            "```{toctree}\nClick <javascript://%0Aalert(document.domain)>\n```",
            "Energy {math}`E=mc^2`, and $$\\href{javascript:alert(1)}{x}$$ in text.",
            "Text {index}`\u200f`, {numref}`{0} <top>` and {cpp:expr}`" + "(" * 3 + "`.",
            "```mcfunction\n" + "1" * 300 + "x\n```",
        ]
    )
    write_file(src / "a.md", "---\ntitle: Attacks\ndate: 2026-01-02\n---\n\n(top)=\n" + body + "\n")
    app, warnings = sphinx_build(src)
    out = Path(app.outdir)
    assert not any(TOKEN.encode() in p.read_bytes() for p in out.rglob("*") if p.is_file())
    page = (out / "a.html").read_text(encoding="utf-8")
    assert "javascript:" not in re.sub(r"\\href\{javascript:alert\(1\)\}", "", page)
    assert '"ui/safe"' in page and '"processHtmlClass"' in page
    for refused in (
        "image '/",
        "toctree entry",
        "role 'index'",
        "role 'numref'",
        "role 'cpp:expr'",
    ):
        assert refused in warnings, refused
    assert "code in 'mcfunction' is shown as plain text" in warnings


def test_an_article_holds_a_few_lists_at_most(tmp_path):
    # A list may show every article: a thousand in one article of a
    # 300-article site took 373 s and 5.7 GB.
    src = tmp_path / "src"
    write_file(src / "conf.py", 'extensions = ["mystitch"]\n')
    write_file(src / "b.md", "---\ntitle: Other\ndate: 2026-01-01\n---\n\nText.\n")
    lists = "```{mystitch-articles}\n```\n\n" * 4 + "```{mystitch-terms}\n```\n"
    write_file(src / "a.md", "---\ntitle: Lists\ndate: 2026-01-02\n---\n\n" + lists)
    app, warnings = sphinx_build(src)
    assert warnings.count("an article may hold 3 lists") == 2
    page = (Path(app.outdir) / "a.html").read_text(encoding="utf-8")
    assert page.count('class="mystitch-articles') == 3 and "mystitch-terms" not in page
