"""The review page (lint/merge/review.py) and ``mystitch-merge --report html``.

An editor looks at the raw pieces beside the merged page: every raw span
marked with what the merge did to it, linked to where its text went. The
page is kept byte for byte for one article we wrote
(``tests/golden/review/editor.en.raw.md``, one span of every kind); the
others check what any page must be: every raw line shown once, in order;
every link lands; and, the raw text being hostile, nothing of it is markup.
The Sphinx side is in test_sphinx_review.py.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import time
from html.parser import HTMLParser

import pytest
from conftest import GOLDEN, build_article
from hypothesis import given, settings
from hypothesis import strategies as st

from mystitch.lint.document import parse_document
from mystitch.lint.merge import merge_document
from mystitch.lint.merge.review import Mark, esc, review, review_html
from mystitch.lint.merge_cli import main as merge_main

EDITOR = GOLDEN / "review" / "editor.en.raw.md"
MERGE_GOLDEN = sorted((GOLDEN / "merge").glob("*.raw.md"))


def _merged(text: str, path: str = "article.md"):
    document = parse_document(path, text)
    return document, merge_document(document)


def _page(text: str, name: str = "article.md") -> str:
    document, result = _merged(text, name)
    return review_html(document, result, name)


class Parsed(HTMLParser):
    """A review page as a browser sees it: tags, attributes, ids, links, and
    the text of each numbered line of each column."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.metas: list[dict[str, str]] = []
        self.lines: dict[str, list[tuple[int, str]]] = {"raw": [], "page": []}
        self.column = ""
        self.number = 0
        self.line: list[str] | None = None
        self.style = ""
        self.in_style = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        if "id" in found:
            self.ids.append(found["id"] or "")
            if found["id"] in self.lines:
                self.column = found["id"] or ""
        if tag == "a":
            self.hrefs.append(found.get("href") or "")
        if tag == "meta":
            self.metas.append({k: v or "" for k, v in attrs})
        if tag == "ol" and "t" in (found.get("class") or "").split():
            self.number = int(found["start"] or 0)
        if tag == "li" and self.number:
            self.line = []
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.line is not None and self.column:
            self.lines[self.column].append((self.number, "".join(self.line)))
            self.number += 1
            self.line = None
        if tag == "ol":
            self.number = 0
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.line is not None:
            self.line.append(data)
        if self.in_style:
            self.style += data


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "a",
    "ul", "ol", "li", "span", "details", "summary", "section", "main", "div", "small", "b", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "lang", "charset", "http-equiv", "content", "name", "href", "class", "id", "start", "title",
    "aria-label", "aria-labelledby", "aria-hidden", "open",
}  # fmt: skip


def _shown(line: str) -> str:
    """A line as the page shows it: hidden characters as their code points."""
    return re.sub(r"<span[^>]*>(U\+[0-9A-F]+)</span>", r"\1", html.unescape(esc(line)))


def _check_page(page: str, raw: str, merged: str) -> Parsed:
    """What every review page is, whatever the article."""
    parsed = Parsed(page)
    assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
    assert parsed.attributes <= ALLOWED_ATTRIBUTES, parsed.attributes - ALLOWED_ATTRIBUTES
    # Every line of the raw article once, in order, as written; the same for the page.
    raw_lines = raw.split("\n")[:-1] if raw.endswith("\n") else raw.split("\n")
    assert parsed.lines["raw"] == [(n, _shown(line)) for n, line in enumerate(raw_lines, 1)]
    page_lines = merged.split("\n")[:-1]
    assert parsed.lines["page"] == [(n, _shown(line)) for n, line in enumerate(page_lines, 1)]
    # Every link lands on the page itself.
    ids = set(parsed.ids)
    assert len(ids) == len(parsed.ids), "an id is given twice"
    for href in parsed.hrefs:
        assert href.startswith("#") and href[1:] in ids, href
    # No script, nothing loaded: the policy allows the stylesheet, by its hash.
    policy = next(
        m["content"] for m in parsed.metas if m.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "script" not in policy and "unsafe" not in policy
    digest = base64.b64encode(hashlib.sha256(parsed.style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert {"name": "robots", "content": "noindex, nofollow"} in parsed.metas
    return parsed


# --- the golden page --------------------------------------------------------


def test_golden_review_page(golden):
    raw = EDITOR.read_text(encoding="utf-8")
    document, result = _merged(raw, EDITOR.name)
    page = review_html(document, result, EDITOR.name)
    golden("review/editor.en.review.html", page)
    _check_page(page, raw, result.text)


def test_the_golden_article_has_a_span_of_every_kind_each_marked_as_an_editor_would():
    document, result = _merged(EDITOR.read_text(encoding="utf-8"))
    found = review(document, result)
    marks = [(s.first, s.last, s.mark.value, s.page, s.to) for s in found.spans]
    assert marks == [
        (1, 8, "front", 1, 0),  # copied as written
        (10, 10, "title", 0, 0),  # the title written again as a line
        (12, 12, "kept", 10, 0),
        (14, 14, "kept", 12, 0),  # its cut "si" is read through by line 16
        (15, 15, "marker", 0, 0),
        (16, 16, "stitched", 12, 14),  # "x, as before …" goes on with line 14, page line 12
        (18, 18, "kept", 14, 0),
        (20, 20, "kept", 16, 0),  # its cut "had no way" is struck: line 22 restarts it
        (21, 21, "marker", 0, 0),
        (22, 22, "restarted", 16, 20),
        (24, 24, "dropped", 10, 12),  # repeats line 12, which is page line 10
        (26, 26, "dropped", 12, 14),
        (28, 28, "kept", 18, 0),
        (30, 30, "completed", 0, 34),  # cut, and written whole at line 34
        (31, 31, "marker", 0, 0),
        (32, 32, "dropped", 18, 28),
        (34, 34, "kept", 20, 0),
        (36, 36, "kept", 22, 0),
        (38, 38, "superseded", 0, 42),  # a later attempt, line 42, replaced it
        (39, 39, "marker", 0, 0),
        (40, 40, "dropped", 22, 36),
        (42, 42, "kept", 24, 0),
        (44, 44, "kept", 26, 0),
        (46, 46, "trimmed", 28, 0),  # "It closes at" is struck; the rest is on the page
        (47, 47, "marker", 0, 0),
        (48, 48, "heading-dropped", 0, 0),
    ]
    assert {mark for *_, mark, _, _ in marks} == {m.value for m in Mark} - {"unaccounted"}
    struck = {s.first: s.removed for s in found.spans if s.removed}
    text = document.lines
    assert {line: text[line - 1][a:b] for line, (a, b) in struck.items()} == {
        20: "had no way",
        46: "It closes at",
    }


def test_the_page_says_where_each_span_went_and_where_each_block_came_from():
    raw = EDITOR.read_text(encoding="utf-8")
    page = _page(raw, "editor.en.raw.md")
    dropped = re.search(r'<div class="s m-dropped off" id="r24">.*?</div>', page, re.S)
    assert dropped is not None
    assert 'href="#p10"' in dropped.group() and 'href="#r12"' in dropped.group()
    assert "heading repeats line 12" in dropped.group()
    superseded = re.search(r'<div class="s m-superseded off" id="r38">.*?</div>', page, re.S)
    assert superseded is not None and 'href="#r42"' in superseded.group()
    assert 'href="#p24"' in superseded.group()  # where the later attempt is on the page
    block = re.search(r'<div class="p" id="p12">.*?</div>', page, re.S)
    assert block is not None  # the paragraph joined from two pieces links back to both
    assert 'href="#r14"' in block.group() and 'href="#r16"' in block.group()
    assert "<del>had no way</del>" in page and "<del>It closes at</del>" in page
    assert page.count('class="warn"') == 1 + 2 + 2  # the header, and each warning twice


@pytest.mark.parametrize("raw", MERGE_GOLDEN, ids=lambda raw: raw.name.removesuffix(".raw.md"))
def test_every_golden_article_gives_a_whole_page_with_every_span_accounted_for(raw):
    text = raw.read_text(encoding="utf-8")
    document, result = _merged(text, raw.name)
    _check_page(review_html(document, result, raw.name), text, result.text)
    found = review(document, result)
    assert all(span.mark is not Mark.UNACCOUNTED for span in found.spans)
    for span in found.spans:  # a span on the page says where; one that repeats, what
        if span.mark.on_page:
            assert span.page, span
        if span.mark in (Mark.DROPPED, Mark.SUPERSEDED, Mark.COMPLETED, Mark.STITCHED):
            assert span.to, span


def test_a_paragraph_trimmed_whole_is_struck_and_striped():
    text = build_article("最初の段落です。\n\n---END---\n英国の新しい研究拠点では、\n")
    document, result = _merged(text)
    span = review(document, result).span_at(14)
    assert span is not None and (span.mark, span.page, span.removed) == (Mark.TRIMMED, 0, (0, 13))
    page = review_html(document, result, "a.md")
    assert '<div class="s m-trimmed off" id="r14">' in page
    assert "<li><del>英国の新しい研究拠点では、</del></li>" in page


def test_events_name_the_other_block_they_are_about():
    _, result = _merged((GOLDEN / "merge" / "retry.ja.raw.md").read_text(encoding="utf-8"))
    assert [(e.line, e.action.value, e.other) for e in result.events] == [
        (21, "dropped", 11),
        (23, "dropped", 13),
        (25, "dropped", 15),
        (27, "completed", 17),
    ]
    _, result = _merged(
        (GOLDEN / "merge" / "list-and-table-cut.en.raw.md").read_text(encoding="utf-8")
    )
    assert [(e.line, e.action.value, e.other) for e in result.events] == [
        (16, "stitched", 13),  # the cut list begins at line 13
        (25, "stitched", 21),
    ]
    assert (15, 17) in result.lines  # "- close the lid", carried on under the cut list


def test_an_article_without_pieces_is_all_kept_and_says_there_was_nothing_to_decide():
    text = build_article("# Heading\n\nOne paragraph.\n\nAnother one.\n", "en")
    document, result = _merged(text)
    page = review_html(document, result, "plain.md")
    _check_page(page, text, result.text)
    assert {s.mark for s in review(document, result).spans} == {Mark.FRONT, Mark.KEPT}
    assert "None: the page is the raw article as written" in page


def test_unclosed_front_matter_is_shown_copied_as_written():
    text = '---\ntitle: "Never closed"\n\nBody text.\n---END---\nMore.\n'
    document, result = _merged(text)
    page = review_html(document, result, "open.md")
    _check_page(page, text, result.text)
    front = review(document, result).spans[0]
    assert front.mark is Mark.FRONT and front.page == 1
    assert "nothing merged, the file is copied as written" in page


# --- hostile input ----------------------------------------------------------

HOSTILE = """---
title: "<script>alert(1)</script>\\" onload=\\"alert(2)"
date: 2026-01-01
---

<script>alert(3)</script> and </textarea><img src=x onerror=alert(4)> here " ' ` &amp;

## <style>body{display:none}</style> heading --> <!-- ]]> \u202eevil\u202c \x00 \x1b[31m

<iframe src="https://example.com"></iframe><a href="javascript:alert(5)">x</a>
---END---
<svg onload=alert(6)> and <meta http-equiv="refresh" content="0;url=https://example.com">

"><script>alert(7)</script>\u2066\u2069\ufeff\u200b\u2028\x7f\x85
"""


def test_hostile_text_is_text_and_hidden_characters_are_shown():
    page = _page(HOSTILE, 'evil"<script>.md')
    parsed = _check_page(page, HOSTILE, _merged(HOSTILE)[1].text)
    assert "<script" not in page.lower() and "<iframe" not in page.lower()
    assert "<img" not in page.lower() and "<svg" not in page.lower()
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "&lt;/textarea&gt;" in page and "&quot; onload=" in page
    for code in ("U+202E", "U+202C", "U+0000", "U+001B", "U+2066", "U+FEFF", "U+2028", "U+0085"):
        assert f">{code}</span>" in page, code
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)
    assert parsed.hrefs  # and every one of them is a fragment of this page (checked above)


def test_a_lone_surrogate_is_shown_and_the_page_is_utf8():
    text = build_article("Half a pair: \ud800 here.\n---END---\nThe end.\n", "en")
    page = _page(text)
    page.encode("utf-8")  # would raise on a surrogate left in
    assert ">U+D800</span>" in page


# No "\r": the document model takes text with its newlines made "\n" (files are read so).
HOSTILE_PARTS = st.sampled_from(
    [
        "<", ">", "&", '"', "'", "`", "<script>", "</textarea>", "-->", "<!--", "]]>", "\x00",
        "\u202e", "\u2066", "\t", "\ufeff", "\x85", "a", "は", " ", "。", ". ", "\n",
        "\n\n", "\n---END---\n", "## ", "- ", "| a |", "**", "```", "&amp;", "&#60;", "%3C",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(HOSTILE_PARTS, max_size=40).map("".join))
def test_whatever_the_article_holds_the_page_shows_it_as_text(body):
    text = build_article(body, "en", dedent=False)
    document, result = _merged(text)
    page = review_html(document, result, "fuzz.md")
    _check_page(page, text, result.text)
    assert "<script" not in page


# --- mystitch-merge --report html -------------------------------------------


def test_report_html_writes_a_review_beside_each_page(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(EDITOR.parent)
    out = tmp_path / "out"
    status = merge_main([EDITOR.name, "-o", str(out), "--report", "html"])
    captured = capsys.readouterr()
    assert status == 1  # the trimmed cut and the dropped heading: warnings, as without a report
    assert "editor.en.raw.md:46: warning: trimmed a cut sentence" in captured.err
    assert captured.out == ""
    review_page = (out / "editor.en.raw.review.html").read_text(encoding="utf-8")
    assert review_page == (GOLDEN / "review" / "editor.en.review.html").read_text(encoding="utf-8")
    assert (out / "editor.en.raw.md").is_file()


def test_report_html_with_the_page_on_standard_output_writes_here(tmp_path, monkeypatch, capsys):
    raw = tmp_path / "raw" / "a.md"
    raw.parent.mkdir()
    raw.write_text(build_article("One.\n---END---\nTwo.\n", "en"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert merge_main(["--report", "html", "raw/a.md"]) == 0
    assert capsys.readouterr().out.endswith("One.\n\nTwo.\n")
    assert (tmp_path / "a.review.html").is_file()
    assert not (tmp_path / "raw" / "a.review.html").exists()
    # --in-place: beside the source, which is the page.
    assert merge_main(["raw/a.md", "--in-place", "--report=html"]) == 0
    assert (tmp_path / "raw" / "a.review.html").is_file()


def test_report_alone_is_still_the_text_report_whatever_follows(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.md").write_text(build_article("Cut he\n---END---\nre.\n", "en"), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert merge_main(["--report", "a.md"]) == 0
    captured = capsys.readouterr()
    assert "a.md:13: stitched: continues the paragraph cut at line 11" in captured.err
    assert not list(tmp_path.glob("*.html"))


def test_report_html_usage_errors_and_a_review_that_cannot_be_written(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(build_article("Cut he\n---END---\nre.\n", "en"), "utf-8")
    assert merge_main(["a.md", "-o", "out", "--report", "html", "--format", "json"]) == 2
    assert "--format is for --report text" in capsys.readouterr().err
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "a.markdown").write_text("x\n", encoding="utf-8")
    (tmp_path / "b" / "a.md").write_text("y\n", encoding="utf-8")
    assert merge_main(["b/a.md", "b/a.markdown", "--in-place", "--report", "html"]) == 2
    assert "would both be written to" in capsys.readouterr().err
    # A folder where the review should go: the page is written, the review is not.
    (tmp_path / "out" / "a.review.html").mkdir(parents=True)
    assert merge_main(["a.md", "-o", "out", "--report", "html"]) == 1
    err = capsys.readouterr().err
    assert "out/a.review.html: cannot write" in err and "Traceback" not in err
    assert (tmp_path / "out" / "a.md").is_file()


# --- linear -----------------------------------------------------------------


def _long_article(paragraphs: int) -> str:
    parts = []
    for n in range(paragraphs):
        parts.append(f"Paragraph {n} says something new about item {n}. It is cut he")
        parts.append("---END---")
        parts.append(f"re, and goes on. Paragraph {n} says something new about item {n}.")
        parts.append("")
    return build_article("\n".join(parts), "en", dedent=False)


@pytest.mark.slow
def test_the_review_costs_in_proportion_to_the_article():
    """Ten times the article must not cost anything near a hundred times the time."""

    def seconds(text: str) -> float:
        document, result = _merged(text)
        best = float("inf")
        for _ in range(2):
            start = time.process_time()
            review_html(document, result, "long.md")
            best = min(best, time.process_time() - start)
        return best

    small, large = _long_article(200), _long_article(2000)
    ratio = seconds(large) / max(seconds(small), 0.002)
    if ratio > 25:  # once more, in case a pause fell on one run
        ratio = seconds(large) / max(seconds(small), 0.002)
    assert ratio <= 25, f"{ratio:.0f}x"
