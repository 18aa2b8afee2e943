"""A grammar-based fuzzer over the linter, the merge and the Sphinx read path.

Articles come from ``fuzz_grammar.article()``: front matter of every kind,
fragments cut and continued, Markdown and MyST of every kind, hostile strings.
Articles are untrusted input, so whatever the text:

* ``lint_text`` never fails (no internal error, ``IO003``) and every finding
  is on a line of the file;
* ``merge_text`` never raises; its page has no fragment marker outside code,
  every event is on a line of the file, no sentence or line of the article
  is missing from the page without an event on (or naming) its block, and
  merging the page again changes nothing when the first merge had nothing
  to warn about;
* a Sphinx site built from a batch of them builds, publishes every article
  or names it in a located warning, runs no command, leaves the source
  folder as it was, holds no live script, event handler, ``javascript:``
  address or refresh beyond what a clean site has (JSON-LD is data), writes
  well-formed feeds, and publishes no byte of a file outside the source
  folder.

Bugs found and not fixed yet have an xfail test at the end of this file, and
a ``known_*`` helper the properties look past them with.

The default run is derandomised: about 15 CPU seconds. ``-m slow`` runs more
examples, and builds in parallel too, with a fresh seed each time (about two
CPU minutes). ``MYSTITCH_FUZZ_EXAMPLES=N`` sets the number of examples of
every test here (and ``MYSTITCH_FUZZ_SEED`` a seed), for a long run by hand.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import sphinx_build, write_file
from fuzz_grammar import MARKER, article, materialise
from hostile import CONF, CONF_TOKEN, TOKEN, inspect
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from mystitch.lint.document import DEFAULT_MARKER, markdown_parser, parse_document
from mystitch.lint.engine import INTERNAL_ERROR, lint_text
from mystitch.lint.merge import merge_text, raw_line, split_source
from mystitch.lint.text import comparison_key

_EXAMPLES = int(os.environ.get("MYSTITCH_FUZZ_EXAMPLES", "0"))
_SEED = os.environ.get("MYSTITCH_FUZZ_SEED")


def _examples(default: int) -> int:
    return _EXAMPLES or default


# The default run: deterministic, so a red suite means a change broke
# something, not that the fuzzer was lucky today.
FAST = settings(
    max_examples=_examples(60),
    deadline=None,
    derandomize=_SEED is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
# The long run for CI: more examples, a new seed every time.
SLOW = settings(FAST, max_examples=_examples(1000), derandomize=False)


def _seeded(test):
    return seed(int(_SEED))(test) if _SEED is not None else test


def _as_read(text: str) -> str:
    """The text as the tools read a file: no BOM, ``\\n`` newlines."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _line_count(text: str) -> int:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return max(1, len(lines))


# --- the linter ---------------------------------------------------------------


def check_lint(raw: str) -> None:
    text = _as_read(raw)
    findings = lint_text(text)
    count = _line_count(text)
    for finding in findings:
        assert finding.code != INTERNAL_ERROR, finding.message
        assert 1 <= finding.line <= count, finding
        assert finding.line <= (finding.end_line or finding.line) <= count, finding
        assert finding.column >= 1, finding


# What the fuzzer found, as it found it (shrunk); see the tests at the end.
FOUND = [
    "[^1]:A\nx",  # a footnote definition, dropped by the merge of ed134d8
    "**\n*",  # a lone ** repaired, then a page that changed when merged again
    "---\ntitle: |\n k\n e\n...",  # a title with a line break, split in two
    "<r\n---END---\ne>\n---END---\n</",  # a cut of markup only, lost
    "}\n\u200e|||消\n-|-|-\n---END---\n|-\n。",  # a table read through after text
    "> - <!--\n>",  # markdown-it-py raised on a text ending in a bare ">"
    "-\n  ```\n---END---\n```",  # a marker the model takes for code (known)
    ":::\n---END---\n:::\n`",  # a colon fence a marker cut, left open
    # a marker an inline disable comment made text, its paragraph superseded
    "---END---\nS。S。\n\nS。<!-- mystitch-lint-disable FRG001 -->S。\n---END---",
    "\ufeff\r\n---\r\n---END---\r\n\r\n----",  # a page opening on a rule read as front matter
    # ":\n~" read through into "~~python": a paragraph with a fence line, other blocks read again
    "新しい。\r\n\r\n:\r\n~\r\n---END---\r\n~~python\r\n~~~\r\n\r\n\r\n新\r\n---END---\r\nしい。",
    # a marker a disable comment made text, its paragraph moved above the comment
    "---END---\n新しい工場は来年の春に稼働を始める予定です。\n\n"
    + "新しい工場は来年の春に稼働を始める予定です。" * 2
    + "\n\n<!-- mystitch-lint-disable FRG001 -->\n\n新しい工場は来年の春に稼働を始める予定です。"
    + "\n---END---\n"
    + "新しい工場は来年の春に稼働を始める予定です。" * 2,
    # a comment going on past a marker, the block after its "-->" lost with it
    "<!-- a\n---END---\nb -->\n$$\nx = 1\n$$",
    # a marker cut the "-->" itself: the piece after it read as the comment's rest
    "<!-- a -\r\n---END---\r\n->\r\n\r\n新しい工場です。\r\n\r\n<script>x</script>"
    "\r\n---END---\r\n新しい工場です。\r\n\r\n<!-- comment -->",
]


def _found(test):
    for raw in FOUND:
        test = example(raw)(test)
    return test


@FAST
@_seeded
@_found
@given(article())
def test_lint_never_fails_and_finds_on_lines_of_the_file(raw):
    check_lint(raw)


@pytest.mark.slow
@SLOW
@_seeded
@given(article())
def test_lint_never_fails_long_run(raw):
    check_lint(raw)


# --- bugs found and not fixed yet -------------------------------------------------
# Each has a regression test marked xfail(strict=True) at the end of this file.
# The properties look past what these explain, so that they go on finding new
# bugs; delete an entry with the fix (its xfail test then passes and says so).


def code_markers(document) -> list[int]:
    """Markers inside a fenced code block, which the page keeps as code."""
    return document.code_markers


# --- the merge ----------------------------------------------------------------

_MARKER_LINE = re.compile(DEFAULT_MARKER)
_CODE_TOKENS = frozenset({"fence", "code_block"})


def _code_lines(page: str, body: int) -> set[int]:
    """1-based lines of the page's body (from line ``body``) inside fenced or
    indented code, at any depth."""
    tokens = MarkdownIt("commonmark").parse("\n".join(page.split("\n")[body - 1 :]))
    lines: set[int] = set()
    for token in tokens:
        if token.type in _CODE_TOKENS and token.map:
            lines.update(range(token.map[0] + body, token.map[1] + body))
    return lines


def _unaccounted_lines(text: str, result) -> list[tuple[int, str]]:
    """Text of the article the page lacks, with no event for it.

    A prose paragraph is compared sentence by sentence, anything else line by
    line, under the merge's own comparison key (width, case, spacing and
    emphasis folded): a cut joined to its continuation, a paragraph re-flowed
    or a lone ``**`` repaired keeps every character that counts, and a repeat
    is found elsewhere on the page. What the merge drops on purpose (a trimmed
    cut, a near-duplicate sentence, a dangling heading) has an event on a
    line of its block, or names the text it removed.
    """
    document = parse_document("<text>", text)
    if not document.front_matter.closed:
        return []  # copied as written
    page = comparison_key(result.text)
    removed = [comparison_key(event.removed) for event in result.events if event.removed]
    # The lines an event is about: its own, and those its message names
    # ("heading completes the earlier attempt at line 1").
    event_lines = sorted(
        {event.line for event in result.events}
        | {int(n) for event in result.events for n in re.findall(r"\bline (\d+)", event.message)}
    )
    # (line, text, the lines of its block; None for a line that is in no block)
    units: list[tuple[int, str, tuple[int, int] | None]] = []
    in_blocks: set[int] = set()
    for block in document.blocks():
        span = (block.line, block.end_line)
        in_blocks.update(range(block.line, block.end_line + 1))
        if block.is_prose:
            units += [(s.line, s.source, span) for s in split_source(block)]
        else:
            units += [
                (block.line + n, line, span) for n, line in enumerate(block.source.split("\n"))
            ]
    for number in range(document.front_matter.body_line, len(document.lines) + 1):
        if number not in in_blocks:  # link definitions, and what no block holds
            units.append((number, document.lines[number - 1], None))
    lost = []
    for number, unit, span in sorted(units, key=lambda u: u[0]):
        first, last = span or (number, number)
        key = comparison_key(unit)
        if not key or key in page or _MARKER_LINE.match(unit):
            continue
        if any(key in gone or gone in key for gone in removed if gone):
            continue
        if any(first <= at <= last for at in event_lines):
            continue
        lost.append((number, unit))
    return lost


def check_merge(raw: str) -> None:
    text = _as_read(raw)
    result = merge_text(text)
    page = result.text
    document = parse_document("<text>", text)
    count = _line_count(text)
    for event in result.events:
        assert 1 <= event.line <= count, event
    # Front matter never closed: the file is copied as written, markers and all.
    if document.front_matter.closed:
        # Read again, the page has no fragment boundary left ...
        if not code_markers(document):
            assert parse_document("<page>", page).markers == [], page
        # ... and, read by plain CommonMark, every marker line is code.
        lines = page.split("\n")
        body = parse_document("<page>", page).front_matter.body_line
        code = _code_lines(page, body)
        stray = [
            n
            for n, line in enumerate(lines, 1)
            if n >= body
            and _MARKER_LINE.match(line)
            and n not in code
            and "mystitch-lint-disable" not in page
            and raw_line(result.lines, n) not in code_markers(document)
        ]
        assert not stray, (stray, page)
    lost = _unaccounted_lines(text, result)
    assert not lost, (lost, [(e.action.value, e.line, e.message) for e in result.events])
    # The design promises more (merging a merged page changes nothing, always);
    # a page the merge had to warn about may hold what it could not mend, such
    # as a fence never closed, which reads differently once it is one page.
    if result.clean:
        again = merge_text(page)
        assert again.text == page, (page, again.text)


@FAST
@_seeded
@_found
@given(article())
def test_merge_never_raises_and_loses_nothing_silently(raw):
    check_merge(raw)


@pytest.mark.slow
@SLOW
@_seeded
@given(article())
def test_merge_long_run(raw):
    check_merge(raw)


# --- the Sphinx read path -------------------------------------------------------

GOOD = {
    "good-ja.md": "---\ntitle: 良い記事\ndate: 2026-01-02\ntags: [security]\n---\n\n"
    "良い記事の本文です。\n",
    "good-en.md": "---\ntitle: A good article\ndate: 2026-01-02\ntags: [security]\n---\n\n"
    "A good article body. $x^2$\n",
}
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _build(src: Path, out: Path, parallel: int = 0) -> tuple[str, str]:
    app, warnings = sphinx_build(src, "html", out, parallel=parallel)
    return app._status.getvalue(), warnings


# hostile.CONF, with an address for the site, so that feeds are written too.
SITE_CONF = CONF + 'html_baseurl = "https://example.com/blog/"\n'
# A file of the site's own _static folder: which ones a page loads depends on
# the site (its language follows the articles'), and no article adds one.
_STATIC_SCRIPT = re.compile(r"src=(\.\./)*_static/([\w-]+/)*[\w.-]+\.js(\?v=[0-9a-f]+)?")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def _data_scripts(page: str) -> set[str]:
    """JSON-LD blocks of a page, as ``hostile.inspect`` lists scripts: data,
    not code, when the element says so and its text is JSON."""
    found = set()
    for attributes, text in _SCRIPT.findall(page):
        if 'type="application/ld+json"' not in attributes:
            continue
        try:
            json.loads(text)
        except ValueError:
            continue
        found.add(f"src=None{html.unescape(text)}")
    return found


@pytest.fixture(scope="module")
def clean_scripts(tmp_path_factory) -> set[str]:
    """The scripts Sphinx and the theme put in a clean site's pages."""
    root = tmp_path_factory.mktemp("fuzz-clean")
    write_file(root / "src" / "conf.py", SITE_CONF.format(token=""))
    for name, text in GOOD.items():
        write_file(root / "src" / name, text)
    _build(root / "src", root / "out")
    allowed: set[str] = set()
    for page in (root / "out" / "html").rglob("*.html"):
        allowed.update(inspect(page).scripts)
    return allowed


def _myst_parser_crashes(text: str) -> bool:
    """Does myst-parser's Markdown parser itself raise on the article, or on
    the page the merge makes of it? (Upstream bugs: the article is published
    as text, as designed, and a test of their own would only test upstream.)"""
    config = MdParserConfig(enable_extensions=_SITE_EXTENSIONS)
    parser = create_md_parser(config, RendererHTML)
    try:
        pages = [text, merge_text(text).text]
    except Exception:
        pages = [text]
    try:
        for page in pages:
            parser.parse(page)
    except Exception:
        return True
    return False


# What hostile.CONF enables, less substitutions, which articles never get.
_SITE_EXTENSIONS = {
    "colon_fence",
    "html_image",
    "html_admonition",
    "attrs_inline",
    "attrs_block",
    "deflist",
    "dollarmath",
    "fieldlist",
}


def _names(count: int) -> list[str]:
    """File names of a batch: every third article in a folder, where
    ``../secret.txt`` is still inside the source folder and ``../../`` is not."""
    return [f"{'sub/' if n % 3 == 2 else ''}a{n:03d}.md" for n in range(count)]


def site_problems(
    texts: list[str], root: Path, allowed: set[str], parallel: int = 0
) -> list[tuple[str, str]]:
    """Build a site of these articles; what is wrong with it, by file."""
    secret, sentinel, src = root / "secret.txt", root / "PWNED", root / "src"
    write_file(secret, TOKEN + "\n")
    write_file(src / "conf.py", SITE_CONF.format(token=CONF_TOKEN))
    write_file(src / "img.png", PNG)
    names = _names(len(texts))
    for name, raw in zip(names, texts, strict=True):
        # As bytes: a "\r" in the text must reach the file as it was drawn.
        text = materialise(raw, str(secret), str(sentinel))
        write_file(src / name, text.encode())
    for name, text in GOOD.items():
        write_file(src / name, text)
    before = _snapshot(src)
    status, warnings = _build(src, root / "out", parallel)
    out = root / "out" / "html"
    problems: list[tuple[str, str]] = []
    if "Traceback" in warnings + status:
        problems.append(("(build)", "a traceback in the build's output"))
    texts_by_name = dict(zip(names, texts, strict=True))
    for line in warnings.splitlines():
        failed = re.search(r"(\S+\.md):\d+: WARNING: the (merge|Markdown parser) failed", line)
        if not failed:
            continue
        # Both are published as text, by design; a crash of myst-parser's own
        # Markdown parser is upstream's, one of ours in that path is not.
        path, what = failed.groups()
        try:
            name = Path(path).relative_to(src).as_posix()
        except ValueError:
            name = path
        raw = texts_by_name.get(name, "")
        if what == "Markdown parser" and _myst_parser_crashes(_as_read(raw)):
            continue
        problems.append((name, line))
    if sentinel.exists():
        problems.append(("(build)", "an article ran a command"))
    if _snapshot(src) != before:
        problems.append(("(build)", "the source folder changed"))
    for name in [*names, *GOOD]:
        published = (out / name.replace(".md", ".html")).is_file()
        if not published and (
            name in GOOD or not re.search(rf"{re.escape(name)}:\d+: WARNING", warnings)
        ):
            problems.append((name, "neither published nor named in a located warning"))
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        where = path.relative_to(out).as_posix()
        name = where.removesuffix(".html") + ".md"  # the article, if the page is one
        if TOKEN.encode() in data or CONF_TOKEN.encode() in data:
            problems.append((name, f"{where} holds a file outside the source folder"))
        if path.suffix == ".html":
            page = inspect(path)
            if page.problems:
                problems.append((name, f"{where}: {page.problems}"))
            source = data.decode("utf-8", errors="replace")
            extra = {
                script
                for script in set(page.scripts) - allowed - _data_scripts(source)
                if not _STATIC_SCRIPT.fullmatch(script)
            }
            if extra:
                problems.append((name, f"{where}: scripts {extra}"))
        if path.suffix in (".xml", ".atom", ".rss"):
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                problems.append((name, f"{where} is not well-formed XML: {error}"))
    return problems


def check_site(texts: list[str], root: Path, allowed: set[str], parallel: int = 0) -> None:
    problems = site_problems(texts, root, allowed, parallel=parallel)
    by_name = dict(zip(_names(len(texts)), texts, strict=True))
    # Each problem with the text of the article it is about, for a reproducer.
    assert not problems, [(name, why, by_name.get(name)) for name, why in problems]


SITE = settings(
    max_examples=_examples(3),
    deadline=None,
    derandomize=_SEED is None,
    # Each example is a whole build: a failure names the article it is
    # about and prints its text, which beats minutes of shrinking.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


@SITE
@_seeded
@given(batch=st.lists(article(), min_size=15, max_size=20))
def test_a_site_of_fuzzed_articles_builds_safely(batch, tmp_path_factory, clean_scripts):
    check_site(batch, tmp_path_factory.mktemp("fuzz-site"), clean_scripts)


@pytest.mark.slow
@settings(SITE, max_examples=_examples(8), derandomize=False)
@_seeded
@given(batch=st.lists(article(), min_size=25, max_size=40), parallel=st.sampled_from([0, 2]))
def test_sites_of_fuzzed_articles_long_run(batch, parallel, tmp_path_factory, clean_scripts):
    """Serial builds, and parallel ones, where the articles are read in other processes."""
    check_site(batch, tmp_path_factory.mktemp("fuzz-site"), clean_scripts, parallel)


def test_the_grammar_writes_markers_and_front_matter():
    """The fuzzer is only as good as what it draws: it draws what we mean."""
    drawn = []

    @settings(max_examples=80, derandomize=True, database=None, deadline=None)
    @given(article())
    def collect(raw):
        drawn.append(raw)

    collect()
    # Loose bounds: how many examples hypothesis draws, and which, may vary.
    assert sum(MARKER in raw for raw in drawn) > len(drawn) / 4
    assert sum(raw.lstrip("\ufeff").startswith("---") for raw in drawn) > len(drawn) / 8
    assert any("{eval-rst}" in raw for raw in drawn)
    assert any(":::{" in raw for raw in drawn)


# --- what the fuzzer found ------------------------------------------------------
# Minimal reproducers of the bugs above, each failing until it is fixed.


def _page_blocks(page: str) -> list[str]:
    """The top-level token types the page's body reads as, colon fences included."""
    body = parse_document("<page>", page).front_matter.body_line
    tokens = markdown_parser().parse("\n".join(page.split("\n")[body - 1 :]))
    return [t.type for t in tokens if t.level == 0 and t.nesting >= 0]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Text[^1].\n\n[^1]: A footnote.\n", "[^1]: A footnote."),
        ("[click][site]\n\n[site]: https://example.com\n", "[site]: https://example.com"),
        ("Text.\n\n[^1]: A footnote.\n---END---\nMore text.\n", "[^1]: A footnote."),
    ],
)
def test_definitions_survive_the_merge(text, kept):
    """markdown-it gives footnote and link definitions no block of their own;
    the merge of ed134d8 dropped them without a word."""
    assert kept in merge_text(text).text


def test_a_title_with_a_line_break_merges_again_unchanged():
    """The merge of ed134d8 wrote the title as a heading, and a title with a
    line break as a heading and a paragraph; the page then changed when
    merged again."""
    page = merge_text("---\ntitle: |\n  block\n  title\n---\n\nBody.\n").text
    assert merge_text(page).text == page
    assert "heading_open" not in _page_blocks(page)


@pytest.mark.parametrize(
    "text",
    ["- item\n\n  ```\n  code\n---END---\n```\n", "1. x\n   ```\n---END---\n   ```\n"],
)
def test_a_marker_after_a_fence_in_a_list_item_is_no_code(text):
    page = merge_text(text).text
    code = _code_lines(page, 1)
    assert all(n in code for n, line in enumerate(page.split("\n"), 1) if line == MARKER), page


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n\n```python\nx = 1\n---END---\nAfter the code.\n\n## Next\n\nMore text.\n",
        "Intro.\n\n~~~\nx = 1\n---END---\nAfter the code.\n\n## Next\n\nMore text.\n",
        "Intro.\n\n:::{note}\nA note\n---END---\nAfter the note.\n\n## Next\n\nMore text.\n",
        "Intro.\n\n<!-- a note\n---END---\nAfter the comment.\n\n## Next\n\nMore text.\n",
        "Intro.\n\n<pre>\nx = 1\n---END---\nAfter the code.\n\n## Next\n\nMore text.\n",
    ],
    ids=["backticks", "tildes", "colons", "comment", "pre"],
)
def test_a_block_a_marker_cut_is_closed_in_the_page(text):
    """The marker ends the block in the article: the page must end it too, or
    the rest of the article becomes code (or the note) without a warning."""
    result = merge_text(text)
    page = result.text
    assert "heading_open" in _page_blocks(page) or result.warnings, page
    assert merge_text(page).text == page


def test_a_repaired_paragraph_merges_again_unchanged():
    """The merge of ed134d8 kept the line break after a lone ``**`` it removed."""
    page = merge_text("**\nText.\n").text
    assert merge_text(page).text == page


@pytest.mark.parametrize(
    "text, row",
    [
        pytest.param(
            "The values are listed below.\n| a | b |\n| -\n---END---\n-- | --- |\n| 1 | 2 |\n",
            "| 1 | 2 |",
            id="en",
        ),
        pytest.param(
            "前置きの文です。\n| 項目 | 値 |\n| --\n---END---\n- | --- |\n| 消費電力 | 4W |\n",
            "| 消費電力 | 4W |",
            id="ja",
        ),
    ],
)
def test_a_table_right_after_text_is_read_through_a_cut(text, row):
    """A table may follow a line of text directly. Cut in its delimiter row,
    it is to be read through as any cut table is, and parted from the text."""
    result = merge_text(text)
    assert row in result.text and "| --- |" in result.text, result.events
    assert not result.warnings, result.warnings
    assert "table_open" in _page_blocks(result.text)
    assert merge_text(result.text).text == result.text


def test_a_cut_of_markup_only_is_not_lost():
    """A cut that is only markup has an empty key, and the merge of ed134d8
    took any next paragraph for its restart: ``<re>`` went without a warning."""
    result = merge_text("<r\n---END---\ne>\n---END---\n</\n")
    trimmed = " ".join(event.removed for event in result.warnings)
    assert "<re>" in result.text + trimmed, result.events


def test_a_refused_image_with_a_target_costs_only_its_article(tmp_path, clean_scripts):
    texts = [
        "---\ntitle: Image\n---\n\n```{image} ../secret.txt\n:target: https://example.com\n```\n",
        "---\ntitle: Scheme\n---\n\n```{image} javascript:alert(1)\n:target: https://example.com\n```\n",
    ]
    problems = site_problems(texts, tmp_path, clean_scripts)
    assert not problems, problems


def test_markdown_it_crashes_cost_no_lint_and_no_merge():
    """An HTML block in a list item in a quote, and a last ``>``: markdown-it-py
    4.3 raises IndexError in getLines, plugins or not, on a text without a last
    newline (a fragment's), and the model's fallback to plain CommonMark did too."""
    text = "> - <!-- a comment\n>\n"
    assert [f.code for f in lint_text(text) if f.code == INTERNAL_ERROR] == []
    merge_text(text)


@pytest.mark.parametrize("fence", ["```", "~~~", ":::{note}"])
def test_a_fence_opened_in_a_list_item_after_a_marker_merges_again_unchanged(fence):
    """Found by the unseeded fuzzer: a fence opened under a list item by the
    piece after a marker, with lines further left than it, is closed by the
    merge; left indented on the page it joined the list item, which ended at
    its first line further left, and merging the page again changed it."""
    raw = f"- S。\n---END---\n  {fence}\n\n\nS。\n---END---\nS。"
    result = merge_text(raw)
    assert result.clean
    assert merge_text(result.text).text == result.text
    assert "S。" in result.text.split(fence[:3])[1]  # still the code's


def test_a_fence_a_list_item_closes_further_right_stays_in_the_item():
    """Read alone, a fence indented two spaces is not closed by a fence
    indented four; under the list item it belongs to, it is. Brought to the
    margin, it took the next items into the code."""
    raw = (
        "* Pattern matching now uses the arrow\n---END---\n\ninstead\n  of `in`.\n\n"
        "  ``` ruby\n   # version 3.0\n    {a: 0} => {a:}\n    ```\n\n* A find pattern is added.\n"
    )
    page = merge_text(raw).text
    assert "\n  ``` ruby\n   # version 3.0\n" in page
    assert "\n* A find pattern is added." in page
    assert merge_text(page).text == page


def test_a_fence_written_whole_keeps_its_indent_and_its_marker_stays_code():
    """Found by the unseeded fuzzer on 0f075a1: the margin rule also took a
    fence written whole under a list item (a marker line in its code, an
    item line further left), and on the page the marker was read as one."""
    raw = (
        "S。\n\nS。\n---END---\nS。\n\nS。\n---END---\n- S。\n  ```\n---END---\n"
        " S。\n  ```\n  ---END---\n- S。\n  ```"
    )
    check_merge(raw)


def test_a_cut_fence_with_marker_text_in_its_code_keeps_its_indent():
    """Found by the unseeded fuzzer on 0e342a2: a fence a marker cut, with a
    marker line in its code and an item line further left, went to the
    margin, where its marker line read as a marker."""
    s = "新しい半導体工場は来年の春に稼働を始める予定です。"
    piece = (
        f"1.\n  - {s}\n  - {s}\n  -\n    ```\n  - {s}\n    - {s}\n      - {s}\n"
        f"        ```\n   ~~~\n   ---END---\n2. {s}\n   ~~~python"
    )
    check_merge(f"{piece}\n---END---\n{piece}")


def test_two_scraps_that_would_read_as_a_marker_are_not_joined():
    """Found by the unseeded fuzzer on 428f217 (and there since the rewrite):
    '--' and '-END---', two pieces' scraps, were read through into a line
    '---END---', a marker on the page."""
    s = "新しい半導体工場は来年の春に稼働を始める予定です。"
    check_merge(f"{s}\n---END---\n{s}\n\n{s}\n\n```text\n---END---\n--\n---END---\n-END---")


def test_a_shorter_restart_of_a_whole_list_the_last_piece_stopped_after_loses_nothing():
    """Found by the unseeded fuzzer (there since the rewrite): "- 新" read
    through into "しい…です。", a list the piece stopped after, then "- 新"
    again: the list counted as cut, so the shorter restart replaced it and
    the whole item was lost without a word."""
    s = "新しい半導体工場は来年の春に稼働を始める予定です。"
    check_merge(f"---END---\n- 新\n---END---\n{s[1:]}\n- {s}\n---END---\n- 新\n---END---\n- 新")


def test_blank_lines_in_a_math_block_another_pieces_dollars_pair_differently_merge_again_unchanged():
    """Found by the unseeded fuzzer (there since the rewrite): a lone "$$" a
    cut left, then a math block that held a run of blank lines; on the page
    the "$$" pair otherwise, the run stood outside math, and merging the page
    again closed it up."""
    s = "新しい半導体工場は来年の春に稼働を始める予定です。"
    check_merge(
        f"$$\n\n{s}\n---END---\n$$\n\n:::::{{note}}\n:::::{{note}}\n```{{note}}\n\n{s}\n:::::\n\n\n\n"
        "$$\nx = 1\n$$"
    )
