"""The merge to look at: the raw pieces beside the page, every span marked.

``mystitch-merge --report html`` and the Sphinx extension's
``mystitch_review_path`` write this page for an editor who would rather look
than read a log. On one side the raw article, piece by piece, with its marker
lines and its own line numbers; on the other the merged page. Every raw span
(a block, or the part of one a decision was about) says what happened to it
(kept, stitched, restarted, superseded, completed, trimmed, dropped, heading
dropped …), with the merge's own messages, and links to where its text went
on the page, or to the text it repeats or gave way to; every block of the
page links back to the raw lines it came from.

What a span is marked comes from the merge's result alone: the line map
(which raw lines start which lines of the page) and the events (the raw line
each decision is about, and the other block it involves). Nothing is merged
again, and the page is made in one pass over the article.

The raw text is hostile. Everything from it is escaped; control, bidi and
invisible characters are shown as their code points (an editor should see
them); lines wrap however long they are. A Content-Security-Policy allows
the page's own stylesheet and nothing else: no script runs, nothing is
loaded from anywhere.
"""

from __future__ import annotations

import base64
import bisect
import enum
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..document import Block, Document, Kind, Role
from ..text import comparison_key, is_mostly_cjk
from .events import Action, Event, MergeResult

ARTICLE_SLOT = "<!--mystitch-review:article-->"  # see review_html's ``article_slot``
Put = Callable[[str], None]  # appends a piece of the page


class Mark(enum.Enum):
    """What happened to a raw span: a class name, a symbol, a label, a meaning."""

    def __new__(cls, slug: str, symbol: str, label: str, meaning: str) -> Mark:
        member = object.__new__(cls)
        member._value_ = slug
        member.symbol = symbol
        member.label = label
        member.meaning = meaning
        return member

    symbol: str
    label: str
    meaning: str

    KEPT = ("kept", "✓", "kept", "on the page as written")
    STITCHED = (
        "stitched",
        "⤷",
        "stitched",
        "the rest of a cut: joined to the text the cut stopped in",
    )
    RESTARTED = (
        "restarted",
        "↻",
        "restarted",
        "the cut sentence or paragraph written again: it replaces the cut text",
    )
    SUPERSEDED = (
        "superseded",
        "⇄",
        "superseded",
        "an earlier attempt that a later one replaced",
    )
    COMPLETED = (
        "completed",
        "◐",
        "completed",
        "cut text that gave way to its complete version",
    )
    TRIMMED = (
        "trimmed",
        "✂",
        "trimmed",
        "a cut nothing continues: the cut text (struck through) is left out",
    )
    DROPPED = ("dropped", "✕", "dropped", "repeats text the page has: not written again")
    HEADING = ("heading-dropped", "⌫", "heading dropped", "a heading with nothing under it")
    TITLE = ("title", "T", "title line", "the title written again as a line: the page has it")
    MARKER = ("marker", "§", "marker", "ends a piece; never on the page")
    FRONT = ("front", "≡", "front matter", "the article's fields")
    UNACCOUNTED = (
        "unaccounted",
        "?",
        "not on the page",
        "not on the page, and the merge recorded no decision about it",
    )

    @property
    def on_page(self) -> bool:
        return self in _ON_PAGE


_ON_PAGE = frozenset({Mark.KEPT, Mark.STITCHED, Mark.RESTARTED, Mark.TRIMMED})


@dataclass(slots=True)
class Span:
    """Raw lines ``first``..``last`` and what happened to them."""

    first: int
    last: int
    piece: int  # 0-based; -1 for the front matter
    mark: Mark = Mark.KEPT
    page: int = 0  # page line where its text is (its own, or the text it went with); 0: none
    to: int = 0  # raw line of the text it repeats, went with, or gave way to; 0: none
    events: list[Event] = field(default_factory=list)  # decisions about it
    removed: tuple[int, int] | None = None  # characters of its text not on the page (struck)


@dataclass(slots=True)
class PageBlock:
    """Page lines ``first``..``last`` and the raw lines they came from."""

    first: int
    last: int
    sources: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Review:
    """Everything the page shows, before it is written as HTML."""

    spans: list[Span]
    blocks: list[PageBlock]
    starts: list[int]  # first line of each span, for lookups

    def span_at(self, line: int) -> Span | None:
        at = bisect.bisect_right(self.starts, line) - 1
        if at < 0 or self.spans[at].last < line:
            return None
        return self.spans[at]


def review(document: Document, result: MergeResult) -> Review:
    """What happened to every raw span of ``document`` in ``result``."""
    spans = _spans(document, result)
    starts = [span.first for span in spans]
    found = Review(spans, _page_blocks(result), starts)
    for page, raw in result.lines:
        span = found.span_at(raw)
        if span is not None and span.piece >= 0 and (not span.page or page < span.page):
            span.page = page
    if result.text.startswith("---\n") and spans and spans[0].piece == -1:
        spans[0].page = 1  # the front matter, copied as written
    objects: dict[int, list[Event]] = {}
    for event in result.events:
        subject = found.span_at(event.line)
        if subject is not None:
            subject.events.append(event)
        other = found.span_at(event.other) if event.other else None
        if other is not None and other is not subject:
            other.events.append(event)
            objects.setdefault(other.first, []).append(event)
    title = comparison_key(document.title)
    blocks = {block.line: block for block in document.blocks()}
    for span in spans:  # in raw order: what a span follows stands before it
        _decide(span, objects.get(span.first, []), found, blocks.get(span.first), title)
    _left_out(document, result, spans)
    return found


# Decisions about a whole block as it stands, never about a part of one.
_NOT_A_PART = frozenset({Action.KEPT, Action.REPAIRED, Action.COPIED})
# A join's other line is the cut it reads through: a block as a whole.
_JOINS = frozenset({Action.STITCHED, Action.RESTARTED})


def _spans(document: Document, result: MergeResult) -> list[Span]:
    """The front matter, every block (split where a decision or the line map
    falls inside it) and every marker line, in raw order."""
    front = document.front_matter
    spans: list[Span] = []
    if front.present:
        spans.append(Span(front.start_line, max(front.start_line, front.end_line), -1, Mark.FRONT))
    decided = [e for e in result.events if e.action not in _NOT_A_PART]
    cuts = sorted(
        {e.line for e in decided}
        | {e.other for e in decided if e.other and e.action not in _JOINS}
        | {raw for _, raw in result.lines}
    )
    for fragment in document.fragments:
        for block in fragment.blocks:
            first = block.line
            at = bisect.bisect_right(cuts, first)
            while at < len(cuts) and cuts[at] <= block.end_line:
                spans.append(Span(first, cuts[at] - 1, fragment.index))
                first = cuts[at]
                at += 1
            spans.append(Span(first, block.end_line, fragment.index))
        if fragment.marker is not None:
            line = fragment.marker.line
            spans.append(Span(line, line, fragment.index, Mark.MARKER))
    spans.sort(key=lambda span: span.first)  # already in order; blocks never overlap
    return spans


def _decide(
    span: Span, objects: list[Event], found: Review, block: Block | None, title: str
) -> None:
    """The span's mark, and where it links, from the decisions about it."""
    if span.mark in (Mark.FRONT, Mark.MARKER):
        return
    mine = {e.action: e for e in span.events if span.first <= e.line <= span.last}
    joined = mine.get(Action.RESTARTED) or mine.get(Action.STITCHED)
    if span.page:
        if Action.TRIMMED in mine:
            span.mark = Mark.TRIMMED
        elif joined is not None:
            span.mark = Mark.RESTARTED if joined.action is Action.RESTARTED else Mark.STITCHED
            span.to = joined.other
        else:
            span.mark = Mark.KEPT
        return
    if joined is not None and joined.other:
        # Read through into the cut: its text is where the cut is, or shares
        # the cut's fate when the cut gave way to something else.
        into = found.span_at(joined.other)
        if into is None or into.mark.on_page:
            span.mark = Mark.RESTARTED if joined.action is Action.RESTARTED else Mark.STITCHED
            span.to, span.page = joined.other, into.page if into else 0
        else:
            span.mark, span.to, span.page = into.mark, into.to or into.first, into.page
        return
    for action, mark in (
        (Action.HEADING, Mark.HEADING),
        (Action.DROPPED, Mark.DROPPED),
        (Action.TRIMMED, Mark.TRIMMED),
    ):
        if action in mine:
            span.mark = mark
            span.to = mine[action].other
            break
    else:
        replaced = next(
            (e for e in reversed(objects) if e.action in (Action.SUPERSEDED, Action.RESTARTED)),
            None,
        )
        completed = next((e for e in reversed(objects) if e.action is Action.COMPLETED), None)
        if replaced is not None:
            span.mark, span.to = Mark.SUPERSEDED, replaced.line
        elif completed is not None:
            span.mark, span.to = Mark.COMPLETED, completed.line
        elif Action.COMPLETED in mine:
            span.mark, span.to = Mark.COMPLETED, mine[Action.COMPLETED].other
        elif _title_line(block, title):
            span.mark = Mark.TITLE
        else:
            span.mark = Mark.UNACCOUNTED
    if span.to:
        # Where the text it repeats or gave way to is on the page; a later
        # span's page is not known yet and is looked up when written.
        target = found.span_at(span.to)
        if target is not None and target.first < span.first:
            span.page = target.page


def _title_line(block: Block | None, title: str) -> bool:
    """The title written again as a line of the body: the merge leaves it out."""
    if block is None:
        return False
    return block.role is Role.TITLE or (
        bool(title) and block.kind is Kind.PARAGRAPH and block.key == title
    )


def _left_out(document: Document, result: MergeResult, spans: list[Span]) -> None:
    """The words of a span that are not on the page although the span is:
    a trimmed cut, and the cut text a restart replaced. They are struck out."""
    page: list[str] | None = None
    for span in spans:
        text = "\n".join(document.lines[span.first - 1 : span.last])
        if span.mark is Mark.TRIMMED:
            trimmed = next(
                (e for e in span.events if e.action is Action.TRIMMED and e.removed), None
            )
            if trimmed is not None:
                start = text.find(trimmed.removed, _offset(text, trimmed.line - span.first))
                if start >= 0:
                    span.removed = (start, start + len(trimmed.removed))
            continue
        restart = next(
            (e for e in span.events if e.action is Action.RESTARTED and e.other == span.first),
            None,
        )
        if restart is None or span.mark is not Mark.KEPT:
            continue
        if page is None:
            page = result.text.split("\n")
        shown = "\n".join(page[span.page - 1 : span.page + span.last - span.first])
        same = _common_start(text, shown)
        if same == 0:
            # Nothing of the cut is left: the restart wrote the paragraph anew.
            span.mark, span.to = Mark.SUPERSEDED, restart.line
        elif same < len(text.rstrip()):
            span.removed = (same, len(text))


def _common_start(raw: str, page: str) -> int:
    """How much of ``raw`` the page begins with, backed off to a word's start
    ("could" and "cut" share no word, only a letter)."""
    size = 0
    limit = min(len(raw), len(page))
    while size < limit and raw[size] == page[size]:
        size += 1
    if size < len(raw) and size < len(page):
        while size > 0 and raw[size - 1].isascii() and raw[size - 1].isalnum():
            size -= 1
    return size


def _offset(text: str, lines: int) -> int:
    at = 0
    for _ in range(max(lines, 0)):
        found = text.find("\n", at)
        if found < 0:
            return at
        at = found + 1
    return at


def _page_blocks(result: MergeResult) -> list[PageBlock]:
    """The page cut where the line map starts a block or a later piece's lines."""
    count = result.text.count("\n")
    sources: dict[int, list[int]] = {}
    for page, raw in result.lines:
        sources.setdefault(page, []).append(raw)
    starts = sorted(line for line in sources if 1 <= line <= count)
    if not starts or starts[0] != 1:
        starts.insert(0, 1)
    blocks = []
    for at, first in enumerate(starts):
        last = starts[at + 1] - 1 if at + 1 < len(starts) else count
        blocks.append(PageBlock(first, max(first, last), sorted(set(sources.get(first, [])))))
    return blocks


# --- HTML -------------------------------------------------------------------

# What an editor must see but a browser would hide or act on: C0 and C1
# controls (tab and newline excepted), bidi embeddings, overrides, isolates
# and marks, zero-width and invisible characters, line and paragraph
# separators, lone surrogates and noncharacters.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\ufffe\uffff]"
)


def _shown(match: re.Match[str]) -> str:
    code = f"U+{ord(match.group()):04X}"
    return f'<span class="cc" title="{code}">{code}</span>'


def esc(text: str) -> str:
    """Raw text as HTML text: escaped, hidden characters shown by code point."""
    return _HIDDEN.sub(_shown, html.escape(text, quote=True))


_CSS = """\
:root{color-scheme:light;--ink:#1b1b1b;--muted:#595959;--rule:#cfcfcf}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;\
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans JP",sans-serif}
a{color:#0b57a4}
header,#decisions{padding:.75rem 1rem}
header{border-bottom:1px solid var(--rule)}
h1{font-size:1.15rem;margin:0 0 .3rem;overflow-wrap:anywhere}
h2{font-size:1rem;margin:0}
h3{font-size:.9rem;margin:1rem 0 .3rem;color:var(--muted)}
header p,header ul{margin:.3rem 0}
.counts,.legend,.pieces{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem .9rem}
.legend li{flex:1 1 16rem;font-size:.85rem}
details summary{cursor:pointer;font-weight:600}
main{display:block}
.col{padding:0 .75rem 1rem;min-width:0}
.col>h2{position:sticky;top:0;z-index:1;background:#fff;padding:.5rem 0;\
border-bottom:1px solid var(--rule)}
@media (min-width:60rem){main{display:grid;grid-template-columns:1fr 1fr;height:100vh}\
.col{overflow:auto}.col+.col{border-left:1px solid var(--rule)}}
ol.t{margin:0;padding:0 0 0 4.2em;\
font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono",monospace}
ol.t li{white-space:pre-wrap;overflow-wrap:anywhere;min-height:1.45em}
ol.t li::marker{color:var(--muted);font-size:.85em}
.s,.p{border-left:.4rem var(--b,solid) var(--c,#bbb);background:var(--bg,#fff);margin:.3rem 0;\
padding:.15rem .4rem}
.gap{opacity:.6}
.s:target,.p:target{outline:3px solid #000;outline-offset:1px}
.off{background-image:repeating-linear-gradient(135deg,transparent 0 7px,#0000001a 7px 9px)}
.h{margin:0;font-size:.8rem;display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline}
.chip{display:inline-block;border:2px solid var(--c);border-radius:.3rem;padding:0 .35em;\
background:#fff;font-size:.8rem;font-weight:700;white-space:nowrap}
.why{margin:.2rem 0 0;padding-left:1.2rem;font-size:.8rem;color:var(--muted)}
.why li{overflow-wrap:anywhere}
.warn{color:#8a2c00;font-weight:700}
del{background:#fbd9c9;text-decoration:line-through;text-decoration-thickness:2px}
.cc{border:1px solid #a33;border-radius:2px;padding:0 .15em;color:#a33;font-size:.75em}
.m-kept{--c:#009E73;--bg:#edf7f3}
.m-stitched{--c:#0072B2;--bg:#e8f1f8;--b:double}
.m-restarted{--c:#56B4E9;--bg:#eaf5fc;--b:double}
.m-superseded{--c:#E69F00;--bg:#fdf4e1;--b:dashed}
.m-completed{--c:#CC79A7;--bg:#f9edf4;--b:dashed}
.m-trimmed{--c:#D55E00;--bg:#fbece3}
.m-dropped{--c:#6b6b6b;--bg:#f1f1f1;--b:dotted}
.m-heading-dropped{--c:#D55E00;--bg:#f7eee9;--b:dotted}
.m-title{--c:#6b6b6b;--bg:#f5f5f5;--b:dotted}
.m-marker{--c:#000;--bg:#e6e6e6}
.m-front{--c:#8c8c8c;--bg:#fafafa}
.m-unaccounted{--c:#000;--bg:#F0E442;--b:dashed}
.p{--c:#9ab}
"""
_CSP = (
    "default-src 'none'; "
    f"style-src 'sha256-{base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()}'; "
    "base-uri 'none'; form-action 'none'"
)


def review_html(
    document: Document,
    result: MergeResult,
    name: str,
    *,
    page_name: str = "",
    article_slot: bool = False,
) -> str:
    """One self-contained HTML page: the raw article beside ``result``'s page.

    ``name`` is the raw file as the reader knows it, ``page_name`` the merged
    page's. With ``article_slot`` the header holds :data:`ARTICLE_SLOT` once,
    before any text of the article, for a caller to put a link in (the Sphinx
    extension links the published page).
    """
    found = review(document, result)
    lang = _language(document)
    out: list[str] = []
    put = out.append
    title = document.title
    put(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Merge review: {esc(name)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
    )
    _header(put, document, result, found, name, title, article_slot)
    put('<main>\n<section class="col" id="raw" aria-labelledby="raw-h">\n')
    put(f'<h2 id="raw-h">Raw article <small>({esc(name)})</small></h2>\n<div lang="{lang}">\n')
    _raw_column(put, document, found)
    put("</div>\n</section>\n")
    put('<section class="col" id="page" aria-labelledby="page-h">\n')
    shown = f" <small>({esc(page_name)})</small>" if page_name else ""
    put(f'<h2 id="page-h">Merged page{shown}</h2>\n<div lang="{lang}">\n')
    _page_column(put, result, found)
    put("</div>\n</section>\n</main>\n")
    _decisions(put, result, found)
    put("</body>\n</html>\n")
    return "".join(out)


def _language(document: Document) -> str:
    sample = document.title + "".join(block.text for block in document.prose()[:3])
    return "ja" if is_mostly_cjk(sample) else "en"


def _header(
    put: Put,
    document: Document,
    result: MergeResult,
    found: Review,
    name: str,
    title: str,
    article_slot: bool,
) -> None:
    pieces = len(document.fragments)
    put(f"<header>\n<h1>Merge review: {esc(name)}</h1>\n")
    if title:
        put(f"<p>{esc(title)}</p>\n")
    raw_lines, page_lines = len(document.lines), result.text.count("\n")
    warnings = len(result.warnings)
    said = f'; <span class="warn">⚠ {warnings} warning{"s" if warnings != 1 else ""}</span>'
    put(
        f"<p>{pieces} piece{'s' if pieces != 1 else ''}, {raw_lines} raw lines; "
        f"the page has {page_lines} lines. "
        f'<a href="#raw">Raw article</a> · <a href="#page">Merged page</a> · '
        f'<a href="#decisions">{len(result.events)} decisions</a>'
        f"{said if warnings else ''}"
        f"{' · ' + ARTICLE_SLOT if article_slot else ''}</p>\n"
    )
    counts: dict[Mark, int] = {}
    for span in found.spans:
        counts[span.mark] = counts.get(span.mark, 0) + 1
    put('<ul class="counts" aria-label="spans by what happened to them">')
    for mark in Mark:
        if counts.get(mark):
            put(f'<li class="m-{mark.value}">{_chip(mark)} {counts[mark]}</li>')
    put("</ul>\n")
    if pieces > 1:
        put('<ul class="pieces" aria-label="pieces">')
        for fragment in document.fragments:
            put(f'<li><a href="#piece-{fragment.index + 1}">piece {fragment.index + 1}</a></li>')
        put("</ul>\n")
    put(
        "<details open>\n<summary>How to read this page</summary>\n<p>Left, the raw article as "
        "it arrived, piece by piece, with its own line numbers; right, the merged page. Every "
        "raw span says what happened to it, in words, with a symbol and a colour; spans whose "
        "own text is not on the page are striped. Links go to where the text went, to the text "
        "it repeats or gave way to, and from every block of the page back to its raw lines."
        '</p>\n<ul class="legend">'
    )
    for mark in Mark:
        put(f'<li class="m-{mark.value}">{_chip(mark)} {esc(mark.meaning)}</li>')
    put("</ul>\n</details>\n</header>\n")


def _chip(mark: Mark) -> str:
    return f'<span class="chip"><span aria-hidden="true">{mark.symbol}</span> {mark.label}</span>'


def _raw_column(put: Put, document: Document, found: Review) -> None:
    lines = document.lines
    spans = found.spans
    at = 0
    if spans and spans[0].piece == -1:
        _span(put, lines, spans[0], found)
        at = 1
    count = len(document.fragments)
    for fragment in document.fragments:
        end = fragment.marker.line if fragment.marker else len(lines)
        first = fragment.line
        put(
            f'<section id="piece-{fragment.index + 1}" aria-label="piece {fragment.index + 1}">'
            f"<h3>Piece {fragment.index + 1} of {count} · "
            f"{_range(first, end)}</h3>\n"
        )
        line = first
        while at < len(spans) and spans[at].first <= end:
            span = spans[at]
            if span.first > line:
                _gap(put, lines, line, span.first - 1)
            _span(put, lines, span, found)
            line = span.last + 1
            at += 1
        if line <= end:
            _gap(put, lines, line, end)
        put("</section>\n")


def _range(first: int, last: int) -> str:
    return f"line {first}" if last <= first else f"lines {first}–{last}"


def _gap(put: Put, lines: list[str], first: int, last: int) -> None:
    put(f'<ol class="t gap" start="{first}">')
    put("".join(f"<li>{esc(line)}</li>" for line in lines[first - 1 : last]))
    put("</ol>\n")


def _span(put: Put, lines: list[str], span: Span, found: Review) -> None:
    mark = span.mark
    # Striped: its own text is not on the page (a trimmed paragraph may be gone whole).
    shown = span.page and (mark.on_page or mark is Mark.FRONT)
    off = "" if shown else " off"
    put(f'<div class="s m-{mark.value}{off}" id="r{span.first}">\n<p class="h">{_chip(mark)}')
    put(f"<span>{_range(span.first, span.last)}</span>")
    page = span.page or _page_of(span, found)
    if page:
        where = "on the page" if mark.on_page or mark is Mark.FRONT else "that text on the page"
        put(f' <a href="#p{page}">→ {where}: line {page}</a>')
    if span.to:
        target = found.span_at(span.to)
        if target is not None and target is not span:
            put(f' <a href="#r{target.first}">{_relation(mark)} line {span.to}</a>')
    if span.piece >= 0 and mark is not Mark.MARKER:
        put(f" <span>piece {span.piece + 1}</span>")
    put("</p>\n")
    _text_lines(put, lines, span)
    if span.events:
        put('<ul class="why">')
        for event in span.events:
            put(f"<li>{_event_text(event, found, span)}</li>")
        put("</ul>\n")
    elif mark is Mark.MARKER:
        put('<ul class="why"><li>the marker that ends this piece</li></ul>\n')
    put("</div>\n")


def _relation(mark: Mark) -> str:
    return {
        Mark.DROPPED: "repeats",
        Mark.HEADING: "see",
        Mark.SUPERSEDED: "replaced by",
        Mark.COMPLETED: "completed by",
        Mark.STITCHED: "joined to the cut at",
        Mark.RESTARTED: "restarts the cut at",
    }.get(mark, "see")


def _page_of(span: Span, found: Review) -> int:
    """The page line of the text a span went with or gave way to, following
    later attempts (a span replaced by one that a third replaced)."""
    seen = 0
    while span.to and not span.page and seen < 64:  # a chain, never a loop
        target = found.span_at(span.to)
        if target is None or target is span:
            return 0
        span = target
        seen += 1
    return span.page


def _text_lines(put: Put, lines: list[str], span: Span) -> None:
    put(f'<ol class="t" start="{span.first}">')
    chosen = lines[span.first - 1 : span.last]
    if span.removed is None:
        put("".join(f"<li>{esc(line)}</li>" for line in chosen))
    else:
        start, end = span.removed
        offset = 0
        for line in chosen:
            a, b = max(start - offset, 0), min(end - offset, len(line))
            if a < b:
                put(f"<li>{esc(line[:a])}<del>{esc(line[a:b])}</del>{esc(line[b:])}</li>")
            else:
                put(f"<li>{esc(line)}</li>")
            offset += len(line) + 1
    put("</ol>\n")


def _event_text(event: Event, found: Review, here: Span | None) -> str:
    """One decision: its line, action and message, linked to the spans it names."""
    subject = found.span_at(event.line)
    where = f"line {event.line}"
    if subject is not None and subject is not here:
        where = f'<a href="#r{subject.first}">{where}</a>'
    text = f"{where} · <b>{esc(event.action.value)}</b>: {esc(event.message)}"
    if event.removed:
        text += f" (removed: {esc(repr(event.removed))})"
    other = found.span_at(event.other) if event.other else None
    if other is not None and other is not here:
        text += f' · <a href="#r{other.first}">line {event.other}</a>'
    if event.warning:
        text = f'<span class="warn">⚠ warning</span> {text}'
    return text


def _page_column(put: Put, result: MergeResult, found: Review) -> None:
    lines = result.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for block in found.blocks:
        last = block.last
        while last > block.first and not lines[last - 1].strip():
            last -= 1
        put(f'<div class="p" id="p{block.first}">')
        sources = [(raw, found.span_at(raw)) for raw in block.sources]
        if any(span is not None for _, span in sources):
            links = ", ".join(
                f'<a href="#r{span.first}">line {raw}</a>'
                + (f" (piece {span.piece + 1})" if span.piece >= 0 else "")
                for raw, span in sources
                if span is not None
            )
            put(f'<p class="h"><span>← from raw {links}</span></p>')
        elif block.first == 1 and lines[:1] == ["---"]:
            put('<p class="h"><span>front matter, as written</span></p>')
        put(f'<ol class="t" start="{block.first}">')
        put("".join(f"<li>{esc(line)}</li>" for line in lines[block.first - 1 : last]))
        put("</ol></div>\n")
        if last < block.last:
            _gap(put, lines, last + 1, block.last)


def _decisions(put: Put, result: MergeResult, found: Review) -> None:
    put('<section id="decisions" aria-labelledby="decisions-h">\n')
    put(f'<h2 id="decisions-h">Every decision ({len(result.events)})</h2>\n')
    if not result.events:
        put("<p>None: the page is the raw article as written, without its markers.</p>\n")
    else:
        put('<ul class="why">')
        for event in result.events:
            put(f"<li>{_event_text(event, found, None)}</li>")
        put("</ul>\n")
    put("</section>\n")
