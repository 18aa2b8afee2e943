"""A second, independent cutter: a clean Markdown page in, a fragmenting pipeline's raw text out.

    from cutter import cut_document, Config
    case = cut_document(clean_text, seed=3)
    case.raw        # what the pipeline would have written: pieces, each ending with ---END---
    case.expected   # the page an editor would publish from it (../shared/gold/README.md)
    case.tags       # the behaviours this case exercises, for per-behaviour figures

It was written from the gold logs, not from ``benchmarks/corpus.py``, and makes its own
choices. The body is one string ``B`` (blocks joined by one blank line); the pipeline is
modelled as a writer that emits spans ``B[q:p]`` of it. A *cut* stops a span at ``p`` and
ends the piece with a marker line; the *continuation* decides where the next span starts:

* ``continue``: at ``p`` (the rest of the word, sentence, item, row or block);
* ``restart_sentence``: at the start of the cut unit (the sentence, list item or table row);
* ``restart_overlap``: a few words (English) or characters (Japanese) before ``p``, inside the
  cut unit;
* ``restart_block``: at the start of the cut block (paragraph, list, table, or the heading
  again after a dangling heading);
* ``retry_back``: at the start of a block one to three blocks back;
* ``retry_section``: at the start of the current section (its heading);
* ``retry_continuation``: where the cut span itself started, that is a second attempt at
  the same continuation (the gold's attempts A/B/C).

A retry (``restart_block`` and the three ``retry_*``) may reword one complete sentence it
writes again (the latest attempt's wording is published), and may itself be cut *before*
the point the earlier attempt reached (``short_attempt``), after which the writer carries on
from the new cut. Cut sites are: ``mid_word``, ``mid_sentence``, ``between_sentences``,
``between_blocks``, ``in_list_item``, ``between_items``, ``in_table_row``, ``between_rows``,
``after_heading`` (a dangling heading), ``in_link`` (link text or URL) and ``after_lead_in``
(right after a paragraph ending in ``:`` that introduces a code block or a list).

Never cut: inside a fenced code block (or ``:::``/``$$`` block), a block quote, HTML, a
block of mixed kinds, front matter, an inline code span, an HTML tag or an image. Code is
kept as written by the merge and a marker inside closed code is kept as code, so a cut
there has no editorial answer; the other exclusions keep the expected page unambiguous.
Lists are cut only in top-level items, tables only in body rows.

Besides cuts, the writer plants: a paragraph written again a few blocks later
(``repeat_paragraph``), a paragraph made of the last sentences of the one before
(``repeat_tail``), a section (its heading and first blocks) written again before a later
section, which then follows (``repeat_section``), and the title as the first body line
(``title_line``). The ending is ``complete``, ``tail_retry`` (after the end the writer goes
back and is cut, and nothing continues it: the earlier attempt went further),
``truncate`` (the last piece is cut in a paragraph and nothing follows) or
``truncate_heading`` (it ends on a heading).

The expected page follows the editorial policy: the clean text, with the latest wording
of every reworded sentence; for ``truncate``, without the incomplete last sentence (and the
paragraph, when it has no complete sentence); for a heading left at the very end, without
it (and without the headings above it that are left empty). ``Config(exact=True)`` uses only
behaviours whose expected page is the clean text itself.

Only the standard library, and one ``random.Random``: a seed always gives the same case.
"""

from __future__ import annotations

import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace

MARKER = "---END---"

# ---------------------------------------------------------------------------
# Configuration

SITE_KINDS = (
    "mid_word",
    "mid_sentence",
    "between_sentences",
    "between_blocks",
    "in_list_item",
    "between_items",
    "in_table_row",
    "between_rows",
    "after_heading",
    "in_link",
    "after_lead_in",
)
CONTINUATIONS = (
    "continue",
    "restart_sentence",
    "restart_overlap",
    "restart_block",
    "retry_back",
    "retry_section",
    "retry_continuation",
)
RETRIES = frozenset({"restart_block", "retry_back", "retry_section", "retry_continuation"})
ENDINGS = ("complete", "tail_retry", "truncate", "truncate_heading")


@dataclass(frozen=True)
class Config:
    """Probabilities and weights of every behaviour. Weights need not sum to one."""

    sites: dict[str, float] = field(
        default_factory=lambda: {
            "mid_word": 3.0,
            "mid_sentence": 3.0,
            "between_sentences": 1.0,
            "between_blocks": 1.0,
            "in_list_item": 1.0,
            "between_items": 0.7,
            "in_table_row": 0.7,
            "between_rows": 0.3,
            "after_heading": 1.0,
            "in_link": 0.7,
            "after_lead_in": 0.7,
        }
    )
    continuations: dict[str, float] = field(
        default_factory=lambda: {
            "continue": 4.0,
            "restart_sentence": 2.0,
            "restart_overlap": 1.5,
            "restart_block": 1.2,
            "retry_back": 1.2,
            "retry_section": 0.6,
            "retry_continuation": 1.0,
        }
    )
    endings: dict[str, float] = field(
        default_factory=lambda: {
            "complete": 3.0,
            "tail_retry": 1.0,
            "truncate": 1.5,
            "truncate_heading": 0.5,
        }
    )
    cuts: int | None = None  # cuts per document; None: one per ``cut_every`` characters
    cut_every: int = 1500
    reword: float = 0.35  # a retry rewords one complete sentence it writes again
    short_attempt: float = 0.2  # a retry is cut before the earlier attempt's cut
    repeat_paragraph: float = 0.3
    repeat_tail: float = 0.15
    repeat_section: float = 0.3
    title_line: float = 0.5
    keep_space: float = 0.5  # an English cut between words: the next piece keeps the space
    tight_marker: float = 0.3  # the marker right under the text, no blank line
    final_marker: float = 0.8  # the last piece ends with a marker too
    exact: bool = False  # only behaviours whose expected page is the clean text

    def effective(self) -> Config:
        if not self.exact:
            return self
        endings = {k: v for k, v in self.endings.items() if k in ("complete", "tail_retry")}
        return replace(self, reword=0.0, endings=endings or {"complete": 1.0})

    @classmethod
    def single(cls, behaviour: str, *, exact: bool = False) -> Config:
        """One behaviour alone, for per-behaviour figures.

        ``cut`` (one cut, any site and continuation), a site kind (one cut there), a
        continuation kind (one cut continued that way), ``reword`` or ``short_attempt``
        (one cut and a retry that rewords, or is cut short), ``repeat_paragraph``,
        ``repeat_tail``, ``repeat_section``, ``title_line``, or an ending. No rewording
        unless asked for.
        """
        none = {
            "repeat_paragraph": 0.0,
            "repeat_tail": 0.0,
            "repeat_section": 0.0,
            "title_line": 0.0,
            "short_attempt": 0.0,
        }
        base = cls(cuts=0, endings={"complete": 1.0}, exact=exact, reword=0.0, **none)
        retries = {k: 1.0 for k in RETRIES}
        if behaviour == "cut":
            return replace(base, cuts=1)
        if behaviour == "reword":  # one cut, a retry that rewords a sentence
            return replace(base, cuts=1, continuations=retries, reword=1.0)
        if behaviour == "short_attempt":  # a retry cut before the earlier attempt's cut
            return replace(base, cuts=1, continuations=retries, short_attempt=1.0)
        if behaviour in SITE_KINDS:
            return replace(base, cuts=1, sites={behaviour: 1.0})
        if behaviour in CONTINUATIONS:
            return replace(base, cuts=1, continuations={behaviour: 1.0})
        if behaviour in none:
            return replace(base, **{behaviour: 1.0})
        if behaviour in ENDINGS:
            return replace(base, endings={behaviour: 1.0})
        raise ValueError(f"unknown behaviour {behaviour!r}")


# ---------------------------------------------------------------------------
# Text classes

_TERMINAL_JA = "。！？"
_TERMINAL_EN = ".!?"
_CLOSERS = "」』）)】〕〉》]”’\"'*_"
_QUOTED_BY = "とってのがをにもやでへ"  # particles after a closed quote: the sentence goes on
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "cf",
        "approx",
        "fig",
        "no",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "vol",
        "ch",
        "sec",
    ]
)


def script(ch: str) -> str:
    """``hira``, ``kata``, ``kanji``, ``latin`` (letters and digits) or ``other``."""
    if "\u3041" <= ch <= "\u309f":
        return "hira"
    if "\u30a0" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f":
        return "kata"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆":
        return "kanji"
    if ch.isalnum():
        return "latin"
    return "other"


def is_japanese(text: str) -> bool:
    return any(script(ch) in ("hira", "kata") for ch in text)


# ---------------------------------------------------------------------------
# The clean document: front matter and blocks

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})")
_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +)(?=\S)")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_BLOCK_START = re.compile(
    r"^(?: {0,3}(?:#{1,6}\s|>|\||<|`{3}|~{3}|:{3}|\$\$|\{|\[\^?[^\]]*\]:|!\[|\[!\[|@\[)"
    r"| {0,3}(?:[-*+]|\d{1,9}[.)]) +\S| {4,}\S|\t)"
)


@dataclass(frozen=True)
class Block:
    text: str
    kind: str  # heading, prose, list, table, fence, other
    start: int  # offset in the body
    level: int = 0  # heading level

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class CleanDoc:
    front: str  # the front matter as written, with its ``---`` lines, or ""
    title: str | None
    blocks: tuple[Block, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks) + "\n" if self.blocks else ""

    def page(self, body: str | None = None) -> str:
        body = self.body if body is None else body
        return self.front + "\n" + body if self.front else body


def _split_front(text: str) -> tuple[str, str]:
    # YAML front matter, or TOML's between "+++" lines (Hugo, Zola): the
    # pipeline writes it; the generator's pieces are the body.
    fence = text[:4]
    if fence not in ("---\n", "+++\n"):
        return "", text
    end = text.find("\n" + fence, 3)
    if end < 0:
        if text.endswith("\n" + fence[:3]):
            return text + "\n", ""
        return "", text
    return text[: end + 5], text[end + 5 :]


def _front_title(front: str) -> str | None:
    for line in front.splitlines()[1:-1]:
        match = re.match(r"^title:\s*(.*?)\s*$", line)
        if match:
            value = match.group(1)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
                if match.group(1)[0] == '"':
                    value = value.replace('\\"', '"')
            return value or None
    return None


def _fence_closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) == {fence[0]}


def _kind(lines: list[str]) -> tuple[str, int]:
    first = lines[0]
    heading = _HEADING.match(first)
    if heading and len(lines) == 1:
        return "heading", len(heading.group(1))
    opener = _FENCE.match(first)
    if opener or first.strip() == "$$":
        fence = opener.group(1) if opener else "$$"
        closes = len(lines) > 1 and _fence_closes(lines[-1], fence)
        inner = any(_fence_closes(x, fence) for x in lines[1:-1])
        if fence.startswith(":"):
            inner = False  # nested colon fences close with fewer colons; copy the block whole
        return ("fence" if closes and not inner else "other"), 0
    if all(_ITEM.match(x) or x.startswith("  ") for x in lines) and _ITEM.match(first):
        return ("list" if not _ITEM.match(first).group(1) else "other"), 0
    if (
        len(lines) >= 2
        and "|" in first
        and _TABLE_DELIMITER.match(lines[1])
        and "-" in lines[1]
        and all("|" in x for x in lines)
    ):
        return "table", 0
    if any(_BLOCK_START.match(x) for x in lines) or any(x.rstrip() != x for x in lines):
        return "other", 0
    if re.match(r"^(=+|-+)\s*$", lines[-1]) and len(lines) > 1:
        return "other", 0  # a setext heading
    return "prose", 0


def parse_clean(text: str) -> CleanDoc:
    """Front matter and blocks, whitespace made canonical.

    Lines lose trailing whitespace outside fences, runs of blank lines become one, and
    a fenced block (``` ~~~ ::: $$) is one block whatever blank lines it holds.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    front, body = _split_front(text)
    groups: list[list[str]] = []
    current: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        if fence is not None:
            current.append(line)
            if _fence_closes(line, fence):
                fence = None
            continue
        line = line.rstrip()
        opener = _FENCE.match(line)
        if opener or line.strip() == "$$":
            fence = opener.group(1) if opener else "$$"
            current.append(line)
            continue
        if not line.strip():
            if current:
                groups.append(current)
                current = []
            continue
        current.append(line)
    if current:
        groups.append(current)
    blocks: list[Block] = []
    offset = 0
    for lines in groups:
        while lines and not lines[-1].strip():
            lines.pop()
        kind, level = _kind(lines)
        block = Block("\n".join(lines), kind, offset, level)
        blocks.append(block)
        offset = block.end + 2
    return CleanDoc(front, _front_title(front) if front else None, tuple(blocks))


# ---------------------------------------------------------------------------
# Inline structure of a block: what may not be cut, links, sentences

_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\((<[^>\n]*>|[^()\s]+)(?:\s+\"[^\"\n]*\")?\)")
_MASKED = re.compile(
    r"<[A-Za-z/!][^>\n]*>"  # HTML tags, autolinks
    r"|\]\[[^\]\n]*\]"  # reference link labels
    r"|\[\^[^\]\n]*\]|\^\[[^\]\n]*\]"  # footnotes
    r"|\$[^$\n]+\$"  # inline math
    r"|\{[a-z-]+\}`[^`\n]*`"  # MyST roles
)
_BARE_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    text: tuple[int, int]
    url: tuple[int, int]


def _inline(text: str) -> tuple[list[bool], list[Link]]:
    """Per character: may a cut fall before it; and the block's links."""
    masked = [False] * (len(text) + 1)

    def mask(a: int, b: int) -> None:
        for i in range(a + 1, b):
            masked[i] = True

    links: list[Link] = []
    for match in _CODE_SPAN.finditer(text):
        mask(match.start(), match.end())
    for match in _IMAGE.finditer(text):
        mask(match.start(), match.end())
    for match in _MASKED.finditer(text):
        mask(match.start(), match.end())
    inside = [False] * (len(text) + 1)
    for match in _LINK.finditer(text):
        if any(masked[match.start() + 1 : match.end()]):
            continue
        links.append(Link(match.start(), match.end(), match.span(1), match.span(2)))
        for i in range(match.start(), match.end()):
            inside[i] = True
    for match in _BARE_URL.finditer(text):
        if not inside[match.start()]:
            mask(match.start(), match.end())
    return masked, links


@dataclass(frozen=True)
class Span:
    """A sentence, a list item or a table row: what a restart writes again."""

    start: int  # offsets in the block
    end: int
    text_start: int  # after a list marker or a row's first ``|``
    terminated: bool = True


def sentences(text: str, masked: list[bool] | None = None) -> list[Span]:
    """The sentences of a prose block, by this module's own rule.

    A sentence ends at 。！？ (and any closers), or at . ! ? with closers, then white space
    and a capital letter, a digit, a quote, a bracket, markup or Japanese, or the end of the
    block; not after a common abbreviation, and never inside code, URLs or HTML.
    """
    if masked is None:
        masked = _inline(text)[0]
    spans: list[Span] = []
    start = len(text) - len(text.lstrip())
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        end = None
        if ch in _TERMINAL_JA and not masked[i]:
            end = i + 1
            k = end
            while k < n and text[k] in _TERMINAL_JA + _CLOSERS:
                k += 1
            if k > end and k < n and text[k] in _QUOTED_BY:
                end = None  # 「本当？」と聞く: the quote ends, the sentence goes on
        elif ch in _TERMINAL_EN and not masked[i]:
            j = i + 1
            while j < n and text[j] in _TERMINAL_EN:
                j += 1
            k = j
            while k < n and text[k] in _CLOSERS:
                k += 1
            word = re.search(r"([A-Za-z.]+)$", text[start:i])
            abbreviation = bool(word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS)
            if ch == "." and (i + 1 < n and text[i + 1].isdigit()):
                abbreviation = True
            if k == n:
                end = k if not abbreviation else None
            elif text[k] in " \n" and not abbreviation:
                m = k
                while m < n and text[m] in " \n":
                    m += 1
                if m < n and (
                    text[m].isupper()
                    or text[m].isdigit()
                    or text[m] in "\"'“‘([*_`「『【"
                    or script(text[m]) in ("hira", "kata", "kanji")
                ):
                    end = k
            elif script(text[k]) in ("hira", "kata", "kanji"):
                end = k if not abbreviation else None
        if end is not None:
            while end < n and text[end] in _CLOSERS + _TERMINAL_JA + "!?":
                end += 1
            spans.append(Span(start, end, start, True))
            while end < n and text[end] in " \n":
                end += 1
            start = i = end
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append(Span(start, n, start, False))
    return spans


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@dataclass(frozen=True)
class Site:
    pos: int  # offset in the body: the piece stops right before this character
    kind: str
    block: int
    unit: Span | None  # in body offsets: the cut sentence, item or row (or the one just ended)
    in_word: bool = False  # an English cut inside a word or between words (for the space)
    at_space: bool = False


def _word_sites(
    text: str, a: int, b: int, masked: list[bool], japanese: bool
) -> list[tuple[int, str]]:
    """Cut places strictly inside ``text[a:b]``: (offset, mid_word or mid_sentence)."""
    out: list[tuple[int, str]] = []
    for i in range(a + 1, b - 1):
        if masked[i]:
            continue
        left, right = text[i - 1], text[i]
        if japanese:
            if left.isspace() or right.isspace():
                continue
            if right in _TERMINAL_JA + "、。」』）】，" or right in _TERMINAL_EN:
                continue
            kl, kr = script(left), script(right)
            if kl == kr and kl != "other":
                out.append((i, "mid_word"))
            elif left in "、，" or (kl != kr and kl != "other" and kr != "other"):
                out.append((i, "mid_sentence"))
        else:
            if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
                w0 = i
                while w0 > a and text[w0 - 1].isascii() and text[w0 - 1].isalpha():
                    w0 -= 1
                w1 = i
                while w1 < b and text[w1].isascii() and text[w1].isalpha():
                    w1 += 1
                if w1 - w0 >= 5 and i - w0 >= 2 and w1 - i >= 2:
                    out.append((i, "mid_word"))
            elif right == " " and not left.isspace() and i + 1 < b and not text[i + 1].isspace():
                # Not at a line break inside a paragraph: once the break is cut away
                # nobody can tell whether it was a break or a space.
                out.append((i, "mid_sentence"))
    return out


def _is_lead_in(block: Block, following: Block | None) -> bool:
    return (
        block.kind == "prose"
        and block.text.rstrip().endswith((":", "："))
        and following is not None
        and (following.kind in ("list", "fence") or following.text.startswith(("```", "~~~")))
    )


def find_sites(doc: CleanDoc) -> list[Site]:
    """Every place the writer may stop, with its kind."""
    sites: list[Site] = []
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        text, base = block.text, block.start
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        whole = Span(base, block.end, base)
        if following is not None:
            if block.kind == "heading":
                sites.append(Site(block.end, "after_heading", index, whole))
            elif _is_lead_in(block, following):
                sites.append(Site(block.end, "after_lead_in", index, whole))
            else:
                sites.append(Site(block.end, "between_blocks", index, whole))
        if block.kind == "prose":
            masked, links = _inline(text)
            japanese = is_japanese(text)
            link_at = [False] * (len(text) + 1)
            for link in links:
                for i in range(link.start, link.end + 1):
                    link_at[i] = True
                a, b = link.text
                for i in range(a + 1, b):
                    if not text[i - 1].isspace() and not text[i].isspace():
                        sites.append(Site(base + i, "in_link", index, None))
                a, b = link.url
                for i in range(a + 3, b - 1):
                    sites.append(Site(base + i, "in_link", index, None))
            spans = sentences(text, masked)
            for n, span in enumerate(spans):
                unit = Span(base + span.start, base + span.end, base + span.start, span.terminated)
                core = span.end
                while core > span.start and text[core - 1] in _CLOSERS + _TERMINAL_JA + ".!?":
                    core -= 1
                for i, kind in _word_sites(text, span.start, core, masked, japanese):
                    if link_at[i]:
                        continue
                    sites.append(
                        Site(
                            base + i,
                            kind,
                            index,
                            unit,
                            in_word=not japanese,
                            at_space=text[i] == " ",
                        )
                    )
                gap = text[span.end : spans[n + 1].start] if n + 1 < len(spans) else ""
                if n + 1 < len(spans) and span.terminated and "\n" not in gap:
                    sites.append(
                        Site(
                            base + span.end,
                            "between_sentences",
                            index,
                            unit,
                            in_word=not japanese,
                            at_space=gap.startswith(" "),
                        )
                    )
            # Attach units to the link sites of this block.
            for k in range(len(sites) - 1, -1, -1):
                site = sites[k]
                if site.block != index:
                    break
                if site.kind == "in_link" and site.unit is None:
                    local = site.pos - base
                    unit = next((s for s in spans if s.start < local < s.end), None)
                    if unit is None:
                        del sites[k]
                        continue
                    sites[k] = replace(
                        site,
                        unit=Span(base + unit.start, base + unit.end, base + unit.start),
                    )
        elif block.kind == "list":
            lines = _lines(text)
            items = [(a, b) for a, b in lines if _ITEM.match(text[a:b])]
            for n, (a, b) in enumerate(items):
                marker = _ITEM.match(text[a:b])
                if marker.group(1):
                    continue  # a nested item: its restart would begin indented
                t0 = a + marker.end()
                unit = Span(base + a, base + b, base + t0)
                masked, links = _inline(text[t0:b])
                for link in links:
                    for i in range(link.start, link.end):
                        masked[i] = True
                japanese = is_japanese(text[t0:b])
                for i, _ in _word_sites(text[t0:b], 0, b - t0, masked, japanese):
                    sites.append(
                        Site(
                            base + t0 + i,
                            "in_list_item",
                            index,
                            unit,
                            not japanese,
                            text[t0 + i] == " ",
                        )
                    )
                if n + 1 < len(items) and not _ITEM.match(text[items[n + 1][0] :]).group(1):
                    nxt = items[n + 1][0]
                    if nxt == b + 1:  # the next line is the next item, not a continuation line
                        sites.append(Site(base + b, "between_items", index, unit))
        elif block.kind == "table":
            lines = _lines(text)
            rows = lines[2:]
            for n, (a, b) in enumerate(rows):
                unit = Span(base + a, base + b, base + a + 1)
                masked, _ = _inline(text[a:b])
                for i in range(2, b - a - 1):
                    if not masked[i] and not text[a + i - 1].isspace():
                        sites.append(Site(base + a + i, "in_table_row", index, unit))
                if n + 1 < len(rows):
                    sites.append(Site(base + b, "between_rows", index, unit))
    return sites


# ---------------------------------------------------------------------------
# Rewording a sentence, as a retry does

_EN_SWAPS = (
    ("however", "still"),
    ("because", "since"),
    ("quickly", "rapidly"),
    ("simple", "straightforward"),
    ("easy", "simple"),
    ("large", "big"),
    ("often", "frequently"),
    ("many", "a lot of"),
    ("important", "essential"),
    ("show", "demonstrate"),
    ("use", "employ"),
    ("need", "require"),
    ("help", "assist"),
    ("start", "begin"),
    ("also", "as well"),
    ("usually", "generally"),
    ("might", "may"),
    ("get", "obtain"),
    ("make", "create"),
    ("really", "truly"),
)
_JA_SWAPS = (
    ("できます", "可能です"),
    ("しかし", "ただし"),
    ("とても", "非常に"),
    ("例えば", "たとえば"),
    ("簡単に", "手軽に"),
    ("思います", "考えます"),
    ("ですが", "ですけれども"),
    ("必要があります", "必要があるでしょう"),
    ("使います", "用います"),
    ("大きな", "大きい"),
    ("すぐに", "ただちに"),
    ("なります", "なるのです"),
    ("ことができます", "ことが可能です"),
    ("ください", "くださいね"),
    ("また、", "さらに、"),
    ("そのため", "このため"),
    ("特に", "とりわけ"),
    ("重要", "大切"),
    ("方法", "やり方"),
    ("使用", "利用"),
    ("あります", "存在します"),
    ("多くの", "たくさんの"),
    ("場合", "ケース"),
    ("問題", "課題"),
    ("現在", "いま"),
)


def reword(sentence: str, rng: random.Random) -> str | None:
    """The sentence said a little differently (one word swapped, or a phrase added)."""
    if is_japanese(sentence):
        found = [(a, b) for a, b in _JA_SWAPS if a in sentence]
        if found:
            old, new = rng.choice(found)
            return sentence.replace(old, new, 1)
        if sentence.startswith(("基本的に", "「", "（")):
            return None
        return "基本的に、" + sentence
    found = [
        (a, b)
        for a, b in _EN_SWAPS
        if re.search(r"(?<![\w'-])" + re.escape(a) + r"(?![\w'-])", sentence)
    ]
    if found:
        old, new = rng.choice(found)
        return re.sub(r"(?<![\w'-])" + re.escape(old) + r"(?![\w'-])", new, sentence, count=1)
    if sentence.endswith(".") and not sentence.endswith(".."):
        return sentence[:-1] + ", in most cases."
    return None


_BOLD_LINE = re.compile(r"^\*\*[^*\n]+\*\*$")
_PLAIN = re.compile(r"^[^`*_\[\]<>|$\\{}]*$")


# ---------------------------------------------------------------------------
# The writer


@dataclass
class Case:
    """One cut document: the raw text, the page expected from it, and what was done."""

    raw: str
    expected: str
    clean: str  # the clean page, canonical
    tags: Counter[str] = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)
    pieces: int = 0


class _Writer:
    def __init__(self, doc: CleanDoc, rng: random.Random, config: Config) -> None:
        self.doc = doc
        self.rng = rng
        self.config = config
        self.body = doc.body.rstrip("\n")
        self.pieces: list[str] = []
        self.current: list[str] = []  # parts of the piece being written
        self.wording: dict[int, tuple[int, str]] = {}  # sentence start -> (end, latest text)
        self.inserts: dict[int, list[tuple[str, str]]] = {}  # body offset -> [(tag, text)]
        self.tags: Counter[str] = Counter()
        self.log: list[str] = []
        self.cut_at_space = False

    # -- text as currently worded ------------------------------------------

    def text(self, a: int, b: int) -> str:
        out = []
        pos = a
        for start in sorted(s for s in self.wording if a <= s and self.wording[s][0] <= b):
            end, new = self.wording[start]
            out.append(self.body[pos:start])
            out.append(new)
            pos = end
        out.append(self.body[pos:b])
        return "".join(out)

    def resolve(self, tag: str, spec: object) -> str:
        """The text of a planted repeat, as worded when it is written."""
        if tag == "title_line":
            return str(spec)
        blocks = self.doc.blocks
        i, k = spec  # type: ignore[misc]
        if tag == "repeat_paragraph":
            return self.text(blocks[i].start, blocks[i].end)
        if tag == "repeat_tail":
            spans = sentences(blocks[i].text)
            return self.text(blocks[i].start + spans[-k].start, blocks[i].end)
        # repeat_section: the heading and its blocks up to block k (not included)
        return self.text(blocks[i].start, blocks[k - 1].end)

    def reworded(self, pos: int) -> bool:
        return any(s < pos < e for s, (e, _) in self.wording.items())

    # -- pieces ---------------------------------------------------------------

    def write(self, a: int, b: int) -> None:
        """Write ``body[a:b]`` (as worded now) into the current piece, with planted repeats."""
        stops = sorted(
            p for p in self.inserts if (a < p <= b + 2) or (p == 0 and a == 0 and not self.pieces)
        )
        pos = a
        for stop in stops:
            if stop > pos:
                self._add(self.text(pos, min(stop, b)))
                pos = min(stop, b)
            for tag, spec in self.inserts.pop(stop):
                self.current.append(self.resolve(tag, spec))
                self.tags[tag] += 1
                self.log.append(f"{tag} at {stop}")
        if b > pos:
            self._add(self.text(pos, b))

    def _add(self, text: str) -> None:
        if not self.current:
            text = text.lstrip("\n")
            if text.startswith(" ") and self.cut_at_space:
                # An English cut between two words: does the next piece keep the space?
                if self.rng.random() < self.config.keep_space:
                    self.tags["space:kept"] += 1
                    text = " " + text.lstrip(" ")
                else:
                    self.tags["space:dropped"] += 1
                    text = text.lstrip(" ")
            self.cut_at_space = False
        text = text.strip("\n")
        if text.strip():
            self.current.append(text)

    def close(self, marker: bool = True) -> None:
        # Only the last piece may lack its marker, and only when there are others:
        # a text without any marker is no pipeline output, it is a clean page.
        marker = marker or not self.pieces
        text = "\n\n".join(
            part.rstrip() if k + 1 == len(self.current) else part
            for k, part in enumerate(self.current)
        ).rstrip()
        if marker:
            tight = self.rng.random() < self.config.tight_marker
            text += ("\n" if tight else "\n\n") + MARKER
        self.pieces.append(text + "\n")
        self.current = []

    # -- choices ----------------------------------------------------------------

    def pick(self, weights: dict[str, float], allowed: set[str] | None = None) -> str | None:
        items = [(k, w) for k, w in weights.items() if w > 0 and (allowed is None or k in allowed)]
        if not items:
            return None
        return self.rng.choices([k for k, _ in items], [w for _, w in items])[0]

    def block_of(self, pos: int) -> int:
        for i, block in enumerate(self.doc.blocks):
            if pos <= block.end:
                return i
        return len(self.doc.blocks) - 1

    def section_start(self, index: int) -> int | None:
        for i in range(index, -1, -1):
            block = self.doc.blocks[i]
            if block.kind == "heading" and block.level >= 2:
                return i
        return None

    def restart(self, site: Site, q: int) -> tuple[str, int]:
        """The continuation after a cut at ``site`` and where the next span starts."""
        blocks = self.doc.blocks
        b = site.block
        unit = site.unit
        inside = unit is not None and unit.start < site.pos < unit.end
        options: dict[str, int] = {"continue": site.pos}
        if unit is not None and (inside or site.kind == "between_sentences"):
            options["restart_sentence"] = unit.start
            japanese = is_japanese(self.body[unit.start : site.pos])
            starts = (
                []
                if site.kind == "in_table_row"
                else self._overlap_starts(unit, site.pos, japanese)
            )
            if starts:
                options["restart_overlap"] = self.rng.choice(starts)
        options["restart_block"] = blocks[b].start
        back = [blocks[j].start for j in range(max(0, b - 3), b)]
        if back:
            options["retry_back"] = self.rng.choice(back)
        section = self.section_start(b)
        if section is not None and section < b and b - section <= 12:
            options["retry_section"] = blocks[section].start
        if 0 < q < site.pos and q != blocks[b].start:
            options["retry_continuation"] = q
        kind = self.pick(self.config.continuations, set(options)) or "continue"
        return kind, options[kind]

    def _overlap_starts(self, unit: Span, pos: int, japanese: bool) -> list[int]:
        lo = unit.text_start
        masked = _inline(self.body[lo:pos])[0]
        links = _inline(self.body[lo:pos])[1]
        for link in links:
            for i in range(link.start, link.end):
                masked[i] = True
        if japanese:
            cands = [pos - n for n in range(4, 13) if pos - n > lo]
        else:
            words = [m.start() + lo for m in re.finditer(r"(?<!\S)\S", self.body[lo:pos])]
            cands = [w for w in words[-5:-1] if w > lo] if len(words) >= 3 else []
        return [c for c in cands if not masked[c - lo] and not self.reworded(c)]

    def maybe_reword(self, a: int, b: int) -> None:
        if self.config.reword <= 0 or self.rng.random() >= self.config.reword:
            return
        candidates = []
        for block in self.doc.blocks:
            if block.kind != "prose" or block.end < a or block.start > b:
                continue
            for span in sentences(block.text):
                s, e = block.start + span.start, block.start + span.end
                if a <= s and e <= b and span.terminated:
                    current = self.wording.get(s, (e, self.body[s:e]))[1]
                    long_enough = len(current) >= (15 if is_japanese(current) else 30)
                    if long_enough and _PLAIN.match(current):
                        candidates.append((s, e, current))
        self.rng.shuffle(candidates)
        for s, e, current in candidates:
            new = reword(current, self.rng)
            if new and new != current:
                self.wording[s] = (e, new)
                self.tags["reword"] += 1
                self.log.append(f"reword {s}-{e}: {current!r} -> {new!r}")
                return


def _sample_sites(
    rng: random.Random, sites: list[Site], weights: dict[str, float], k: int, gap: int = 12
) -> list[Site]:
    by_kind: dict[str, list[Site]] = {}
    for site in sites:
        if weights.get(site.kind, 0) > 0:
            by_kind.setdefault(site.kind, []).append(site)
    chosen: list[Site] = []
    for _ in range(k * 6):
        if len(chosen) >= k or not by_kind:
            break
        kinds = list(by_kind)
        kind = rng.choices(kinds, [weights[x] for x in kinds])[0]
        site = rng.choice(by_kind[kind])
        if all(abs(site.pos - c.pos) >= gap for c in chosen):
            chosen.append(site)
    return sorted(chosen, key=lambda s: s.pos)


def _plan_inserts(writer: _Writer, limit: int) -> None:
    """Repeated paragraphs and sections, and the title line, at block boundaries < ``limit``."""
    rng, config, doc = writer.rng, writer.config, writer.doc
    blocks = doc.blocks
    n = len(blocks)

    def boundary_ok(j: int) -> bool:
        # Not between a lead-in and what it introduces, and not inside the body's end.
        return (
            0 < j <= n
            and blocks[j - 1].kind != "heading"
            and not (j < n and _is_lead_in(blocks[j - 1], blocks[j]))
            and (j == n or blocks[j].start < limit)
            and (j < n or limit >= len(writer.body))
        )

    if doc.title and rng.random() < config.title_line:
        first = blocks[0] if blocks else None
        if not (first and first.kind == "heading" and first.level == 1):
            writer.inserts.setdefault(0, []).append(("title_line", doc.title))
    prose = [i for i, b in enumerate(blocks) if b.kind == "prose" and len(b.text) >= 20]
    if prose and rng.random() < config.repeat_paragraph:
        i = rng.choice(prose)
        spots = [j for j in range(i + 1, min(i + 5, n + 1)) if boundary_ok(j)]
        if spots:
            j = rng.choice(spots)
            at = blocks[j].start if j < n else len(writer.body) + 2
            writer.inserts.setdefault(at, []).append(("repeat_paragraph", (i, None)))
    multi = [i for i in prose if len(sentences(blocks[i].text)) >= 2]
    if multi and rng.random() < config.repeat_tail:
        i = rng.choice(multi)
        if boundary_ok(i + 1):
            count = len(sentences(blocks[i].text))
            keep = rng.randint(1, count - 1)
            at = blocks[i + 1].start if i + 1 < n else len(writer.body) + 2
            writer.inserts.setdefault(at, []).append(("repeat_tail", (i, keep)))
    if rng.random() < config.repeat_section:
        options = []
        for h, block in enumerate(blocks):
            if block.kind != "heading" or block.level < 2:
                continue
            end = next(
                (
                    j
                    for j in range(h + 1, n)
                    if blocks[j].kind == "heading" and blocks[j].level <= block.level
                ),
                n,
            )
            later = [
                j
                for j in range(end, n)
                if blocks[j].kind == "heading"
                and blocks[j].level <= block.level
                and blocks[j].start < limit
            ][:2]
            # The copy ends on a block of its own: not a heading, not a lead-in
            # without what it introduces.
            content = [
                m
                for m in range(h + 2, end + 1)
                if blocks[m - 1].kind != "heading"
                and not (m < n and _is_lead_in(blocks[m - 1], blocks[m]))
            ]
            if later and content:
                options.append((h, content, later))
        if options:
            h, content, later = rng.choice(options)
            m = rng.choice(content)
            j = rng.choice(later)
            writer.inserts.setdefault(blocks[j].start, []).append(("repeat_section", (h, m)))


def _expected_body(writer: _Writer, stop: int | None) -> str:
    """The clean body as last worded, cut back at ``stop`` (the last piece's cut) if any."""
    blocks = writer.doc.blocks
    if stop is None:
        return writer.text(0, len(writer.body)) + "\n"
    b = writer.block_of(stop)
    block = blocks[b]
    if stop >= block.end:
        kept = writer.text(0, block.end)
    else:
        spans = [s for s in sentences(block.text) if block.start + s.end <= stop and s.terminated]
        if spans:
            kept = writer.text(0, block.start + spans[-1].end)
        else:
            kept = writer.text(0, block.start).rstrip("\n")
    parts = kept.rstrip("\n").split("\n\n") if kept.strip() else []
    # A heading left at the very end has nothing under it: it goes, and so do the ones above.
    # A paragraph that is all bold (``**Question?**``) is a heading too, as the gold logs
    # read them. (Splitting on blank lines is safe here: the end is never inside a fence.)
    while (
        parts
        and "\n" not in parts[-1]
        and (_HEADING.match(parts[-1]) or _BOLD_LINE.match(parts[-1]))
    ):
        parts.pop()
    return "\n\n".join(parts) + "\n" if parts else ""


def seed_for(name: str, seed: int) -> int:
    """A stable per-document seed (Python's ``hash`` of a string changes between runs)."""
    return zlib.crc32(f"{seed}\x00{name}".encode())


def cut_document(text: str, seed: int | random.Random = 0, config: Config | None = None) -> Case:
    """Cut the clean page ``text`` as the pipeline would and say what should come back."""
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    config = (config or Config()).effective()
    doc = parse_clean(text)
    clean = doc.page()
    writer = _Writer(doc, rng, config)
    body = writer.body
    if not doc.blocks:
        return Case(clean, clean, clean)
    sites = find_sites(doc)
    ending = writer.pick(config.endings) or "complete"
    stop: int | None = None
    if ending in ("truncate", "truncate_heading"):
        wanted = {
            "truncate": {"mid_word", "mid_sentence", "in_link", "between_sentences"},
            "truncate_heading": {"after_heading"},
        }[ending]
        late = [
            s
            for s in sites
            if s.kind in wanted
            and s.pos >= len(body) * 0.55
            and doc.blocks[s.block].kind in ("prose", "heading")
        ]
        rng.shuffle(late)
        for site in late[:40]:
            # Not an end that leaves a lead-in without what it introduces.
            expected = _expected_body(writer, site.pos)
            last = expected.rstrip("\n").rsplit("\n\n", 1)[-1] if expected.strip() else ""
            if expected.strip() and not last.rstrip().endswith((":", "：")):
                stop = site.pos
                break
        else:
            ending = "complete"
    limit = stop if stop is not None else len(body)
    _plan_inserts(writer, limit)
    k = config.cuts if config.cuts is not None else max(1, round(len(body) / config.cut_every))
    usable = [s for s in sites if s.pos < limit - 8 and s.pos > 8]
    planned = _sample_sites(rng, usable, config.sites, k)
    writer.tags[f"end:{ending}"] += 1

    q = 0
    queue = list(planned)
    while queue:
        site = queue.pop(0)
        if site.pos <= q + 2 or writer.reworded(site.pos):
            continue
        writer.write(q, site.pos)
        writer.close()
        writer.tags[f"cut:{site.kind}"] += 1
        kind, q_next = writer.restart(site, q)
        writer.tags[f"cont:{kind}"] += 1
        writer.cut_at_space = kind == "continue" and site.at_space and site.in_word
        if kind == "continue" and site.kind == "between_sentences":
            # The raw text does not say whether a paragraph break was there: the
            # editor's page joins the sentences (the clean text), which is a guess.
            writer.tags["join:between_sentences"] += 1
        writer.log.append(f"cut {site.kind} at {site.pos}, {kind} from {q_next}")
        short = None
        if kind in RETRIES and rng.random() < config.short_attempt:
            inner = [
                s
                for s in usable
                if q_next + 8 < s.pos < site.pos - 8
                and not writer.reworded(s.pos)
                and config.sites.get(s.kind, 0) > 0
            ]
            if inner:
                short = rng.choice(inner)
                queue.insert(0, short)
                writer.tags["short_attempt"] += 1
        if kind in RETRIES:
            writer.maybe_reword(q_next, short.pos if short else site.pos)
        q = q_next
    if ending in ("truncate", "truncate_heading"):
        writer.write(q, stop)
        writer.close(marker=rng.random() < config.final_marker)
    else:
        writer.write(q, len(body))
        if ending == "tail_retry":
            writer.close()
            b = len(doc.blocks) - 1
            section = writer.section_start(b)
            backs = {doc.blocks[j].start for j in range(max(0, b - 3), b + 1)}
            if section is not None and b - section <= 12:
                backs.add(doc.blocks[section].start)
            if 0 < q < len(body):
                backs.add(q)
            back = rng.choice(sorted(backs))
            inner = [
                s
                for s in sites
                if back + 8 < s.pos < len(body) - 4
                and not writer.reworded(s.pos)
                and s.kind not in ("between_blocks", "after_heading", "after_lead_in")
            ]
            if inner:
                z = rng.choice(inner)
                writer.maybe_reword(back, z.pos)
                writer.write(back, z.pos)
                writer.tags[f"tail_cut:{z.kind}"] += 1
                writer.log.append(f"tail retry from {back}, cut {z.kind} at {z.pos}")
                writer.close(marker=rng.random() < config.final_marker)
            else:  # nowhere to stop a retry: the complete end stands
                writer.tags["end:tail_retry"] -= 1
                writer.tags["end:complete"] += 1
        else:
            writer.close(marker=rng.random() < config.final_marker)
    raw_body = "\n".join(writer.pieces)
    raw = doc.front + "\n" + raw_body if doc.front else raw_body
    expected = doc.page(_expected_body(writer, stop))
    tags = Counter({k: v for k, v in writer.tags.items() if v > 0})
    return Case(raw, expected, clean, tags, writer.log, len(writer.pieces))


def canonical(text: str) -> str:
    """The clean page as the cutter sees it (the expected page of an uncut document)."""
    return parse_clean(text).page()
