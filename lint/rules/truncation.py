"""TRN: text the generator cut off.

A cut is certain at a fragment's end: the generator stopped there. In the
middle of a fragment a paragraph without a full stop is often deliberate
(a caption, a credit line), so there we only report paragraphs that
otherwise punctuate their sentences, or long ones.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

from ..cut_blocks import row_complete
from ..document import Block, Document, Fragment, Kind
from ..findings import Hit
from ..text import (
    CLOSERS,
    PAIRS,
    TERMINALS,
    comparison_key,
    ends_with_colon,
    find_all,
    is_mostly_cjk,
    mask_code_spans,
    overlap,
    split_sentences,
    starts_mid_sentence,
    unclosed_opener,
)
from . import checker

RECENT_FRAGMENTS = 32  # how far back a retry is looked for

# Blocks a lead-in colon may introduce.
_LEAD_IN_TARGETS = (
    Kind.LIST,
    Kind.CODE,
    Kind.TABLE,
    Kind.QUOTE,
    Kind.HTML,
    Kind.DIRECTIVE,
    Kind.MATH,
)
# A paragraph that ends on a link, a code span, an autolink or a URL. The
# pattern is matched at the start of the reversed source, which is the same
# as searching for it before the trailing space: a search tries every "]("
# of "](](](…" and scans from each to the end for a ")" that never comes.
_TRAILING_LINK_REVERSED = re.compile(
    r"\s*(?:\)[^)]*\(\]|\][^\]]*\[\]|`|>[^<>\s]*:[A-Za-z0-9+.-]{1,31}[A-Za-z]<|\S+//:s?ptth)"
)  # (\]\([^)]*\)|\]\[[^\]]*\]|`|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>|https?://\S+)\s*$


def _ends_with_link(source: str) -> bool:
    return _TRAILING_LINK_REVERSED.match(source[::-1]) is not None


# Where a link, an image or a URL in angle brackets may begin; then where a
# URL may, once no link can.
_LINK_START = re.compile(r"!?\[|<https?://")
_URL_START = re.compile(r"<https?://")


def _strip_links(text: str) -> str:
    r"""Links and images reduced to their text, URLs in angle brackets gone.

    This is ``re.sub(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])|<https?://[^>]*>",
    lambda m: m.group(1) or "", text)``, match for match, in one pass. The
    regex scans from every "[" to the first "]" after it, and from there for
    a ")" or a "]": on "[[[[…" or "](](](…" every start rescans the same
    text. Here a failed scan is remembered: every "[" before the same "]"
    fails the same way, and a ")" or "]" not found is not found again.
    """
    parts: list[str] = []
    last = pos = 0
    dead_before = 0  # a "[" before this offset cannot begin a link
    no_link = no_url = False  # no link, or no <https://…>, can begin any more
    no_paren_from = len(text) + 1  # no ")" at or after this offset
    while not (no_link and no_url):
        match = (_URL_START if no_link else _LINK_START).search(text, pos)
        if match is None:
            break
        at, token = match.start(), match.group()
        end = -1
        label = ""
        if token[-1] == "[":
            bracket = match.end() - 1
            if not no_link and bracket >= dead_before:
                close = text.find("]", bracket + 1)
                after = text[close + 1 : close + 2] if close >= 0 else ""
                if close < 0:
                    no_link = True
                elif after == "(":
                    found = -1 if close + 2 >= no_paren_from else text.find(")", close + 2)
                    if found < 0:
                        no_paren_from = min(no_paren_from, close + 2)
                        dead_before = close
                    else:
                        end, label = found + 1, text[bracket + 1 : close]
                elif after == "[":
                    found = text.find("]", close + 2)
                    if found < 0:
                        no_link = True  # no "]" is left for any later "["
                    else:
                        end, label = found + 1, text[bracket + 1 : close]
                else:
                    dead_before = close
        elif not no_url:
            found = text.find(">", match.end())
            if found < 0:
                no_url = True
            else:
                end = found + 1
        if end < 0:
            # With no URL to look for, the "[" before dead_before need no visit.
            pos = max(at + 1, dead_before) if no_url else at + 1
            continue
        parts.append(text[last:at])
        parts.append(label)
        last = pos = end
    parts.append(text[last:])
    return "".join(parts)


def _bare(source: str) -> str:
    """Source with code spans gone and links reduced to their text."""
    return _strip_links(mask_code_spans(source))


LONG_SENTENCE = 120
_BULLET_LINE = re.compile(r"\s*(?:[・●○■□◆◇▶►→※☆★]|[①-⑳]|[-*+]\s|\d{1,2}[.)．]\s?)")


def _is_aside(sentence: str) -> bool:
    text = sentence.strip()
    return len(text) > 1 and text[0] in PAIRS and text[-1] == PAIRS[text[0]]


def content_blocks(fragment: Fragment) -> list[Block]:
    """Blocks that carry content: HTML comments and rules do not."""
    return [
        b
        for b in fragment.blocks
        if not (b.kind is Kind.HTML and b.source.lstrip().startswith("<!--"))
        and b.kind is not Kind.RULE
    ]


def ends_at_cut(document: Document, fragment: Fragment) -> bool:
    """Did the generator stop at the end of this fragment?"""
    return fragment.marker is not None or (
        document.has_markers and fragment.index == len(document.fragments) - 1
    )


def _sentence_position(block: Block, start: int, sentence: str) -> tuple[int, int]:
    """File line and column where a sentence of the block's text begins."""
    line = block.line + block.text.count("\n", 0, start)
    source_lines = block.source.split("\n")
    offset = line - block.line
    if 0 <= offset < len(source_lines):
        column = source_lines[offset].find(sentence[:8])
        return line, column + 1 if column >= 0 else 1
    return block.end_line, 1


@checker(
    "TRN001",
    "truncated-sentence",
    "A prose paragraph ends without terminal punctuation: its last sentence was cut.",
)
def truncated_sentence(document, analysis, config) -> Iterator[Hit]:
    if analysis.by_hand:
        # A hand-written page was never cut: a line it leaves without a full
        # stop (a credit, a signature, "<3") is the writer's choice.
        return
    for fragment in document.fragments:
        blocks = content_blocks(fragment)
        at_cut = ends_at_cut(document, fragment)
        for position, block in enumerate(blocks):
            last = position == len(blocks) - 1
            following = blocks[position + 1] if not last else None
            if analysis.is_prose(block):
                hit = _check_paragraph(block, analysis, following, at_cut and last)
                if hit:
                    yield hit
            elif block.kind is Kind.LIST and at_cut and last and block.items:
                hit = _check_last_item(block)
                if hit:
                    yield hit
            elif block.kind is Kind.TABLE and at_cut and last:
                hit = _check_last_row(block)
                if hit:
                    yield hit


def _check_paragraph(block: Block, analysis, following: Block | None, at_cut: bool) -> Hit | None:
    sentences = analysis.sentences_of(block)
    if not sentences or sentences[-1].terminated:
        return None
    last_line = block.source.rstrip().rsplit("\n", 1)[-1].strip()
    if len(last_line) > 1 and last_line.startswith("|") and last_line.endswith("|"):
        return None  # rows of a table whose header is in another fragment, not a sentence
    tail = sentences[-1]
    if ends_with_colon(block.text) and (
        not at_cut or (following is not None and following.kind in _LEAD_IN_TARGETS)
    ):
        return None
    if not at_cut:
        # Human habits that look like cuts: a lead-in without a colon
        # ("その場合は" before a list), bullet lines typed as a paragraph
        # ("・…", "①…"), a closing aside in brackets, a trailing link.
        if following is not None and following.kind in _LEAD_IN_TARGETS:
            return None
        if _BULLET_LINE.match(block.text.rsplit("\n", 1)[-1]) or _is_aside(tail.text):
            return None
        if _ends_with_link(block.source):
            return None
        earlier_punctuated = len(sentences) >= 2
        # A Japanese paragraph running on this long without 。 was cut; an
        # English one-sentence paragraph often just lacks its full stop.
        long_enough = is_mostly_cjk(tail.text) and len(comparison_key(tail.text)) >= LONG_SENTENCE
        if not (earlier_punctuated or long_enough):
            return None
    line, column = _sentence_position(block, tail.start, tail.text)
    shown = tail.text if len(tail.text) <= 40 else "…" + tail.text[-39:]
    where = "where the fragment was cut" if at_cut else "with no terminal punctuation"
    return Hit(
        block.end_line, f"sentence ends {where}: {shown!r}", column if line == block.end_line else 1
    )


def _check_last_item(block: Block) -> Hit | None:
    *others, item = block.items
    sentences = split_sentences(item.text)
    if not sentences or sentences[-1].terminated:
        return None
    # Lists often drop full stops; only a list whose other items keep them,
    # or an item that punctuates its own earlier sentences, was cut here.
    punctuated = len(sentences) >= 2 or any(
        o.text.rstrip() and o.text.rstrip()[-1] in TERMINALS for o in others
    )
    if not punctuated:
        return None
    shown = sentences[-1].text[-40:]
    return Hit(item.end_line, f"list item ends where the fragment was cut: {shown!r}")


def _check_last_row(block: Block) -> Hit | None:
    """A last row the fragment's end cut short (see ``row_complete``)."""
    header, *_, row = block.source.split("\n")
    if row is header or not row.strip() or set(row.strip()) <= set("|-: "):
        return None
    if row_complete(header, row):
        return None
    return Hit(block.end_line, f"table row ends where the fragment was cut: {row.strip()[-40:]!r}")


@checker(
    "TRN002",
    "unclosed-markup",
    "A bracket, quote or ** opened in a paragraph is never closed: the text was cut inside it.",
)
def unclosed_markup(document, analysis, config) -> Iterator[Hit]:
    for block in document.blocks():
        if not (analysis.is_prose(block) or block.is_heading_like):
            continue
        # Brackets inside code spans and link targets are not prose.
        bare = _bare(block.source)
        opener = unclosed_opener(bare)
        if opener is not None:
            offset, char = opener
            line = block.line + bare.count("\n", 0, offset)
            yield Hit(line, f"{char!r} is opened but never closed")
        # Code spans keep their width: "*`key`*" is emphasis around code, not "**".
        source = mask_code_spans(block.source, " ")
        if source.count("**") % 2:
            where = source.rfind("**")
            line = block.line + source.count("\n", 0, where)
            column = where - (source.rfind("\n", 0, where) + 1) + 1
            yield Hit(line, "lone '**': bold markup opened or closed without its pair", column)


@checker(
    "TRN003",
    "dangling-heading",
    "A heading stands at the end of a fragment with nothing under it.",
)
def dangling_heading(document, analysis, config) -> Iterator[Hit]:
    if analysis.by_hand:
        return  # a page has no fragments: a heading it ends on is the writer's
    for fragment in document.fragments:
        blocks = content_blocks(fragment)
        if not blocks or not blocks[-1].is_heading_like:
            continue
        heading = blocks[-1]
        if ends_at_cut(document, fragment) or (
            fragment.index == len(document.fragments) - 1 and len(list(document.blocks())) > 1
        ):
            yield Hit(heading.line, f"heading {heading.text.strip()!r} has nothing under it")


def _previous_cut(document: Document, fragment: Fragment, analysis) -> tuple[Block, str] | None:
    """The sentence the previous fragment was cut in, if it was."""
    previous = document.fragments[fragment.index - 1]
    blocks = content_blocks(previous)
    if not blocks or not analysis.is_prose(blocks[-1]):
        return None
    sentences = analysis.sentences_of(blocks[-1])
    if not sentences or sentences[-1].terminated:
        return None
    return blocks[-1], sentences[-1].text


@checker(
    "TRN004",
    "mid-sentence-start",
    "A fragment starts in the middle of a sentence: it continues a cut it does not repeat.",
)
def mid_sentence_start(document, analysis, config) -> Iterator[Hit]:
    # Retries repeat recent text: comparing each fragment with every earlier
    # one would make an article with thousands of markers quadratic.
    recent: deque[list[str]] = deque(maxlen=RECENT_FRAGMENTS)
    for fragment in document.fragments:
        blocks = content_blocks(fragment)
        first = blocks[0] if blocks else None
        if fragment.index and first is not None and analysis.is_prose(first):
            earlier = [key for keys in recent for key in keys]
            message = _mid_sentence(first, analysis, earlier) or _continues_cut(
                document, fragment, first, analysis, earlier
            )
            if message:
                yield Hit(first.line, message)
        recent.append([b.key for b in fragment.blocks if analysis.is_prose(b)])


def _continues_cut(
    document: Document, fragment: Fragment, block: Block, analysis, earlier: list[str]
) -> str | None:
    """After a cut, a paragraph that neither restarts it, nor retries text
    already written, nor opens a new English sentence continues it: the
    merge reads the two halves as one sentence, and so does this rule."""
    found = _previous_cut(document, fragment, analysis)
    sentences = analysis.sentences_of(block)
    if found is None or not sentences:
        return None
    cut_block, cut_text = found
    cut_key = comparison_key(cut_text)
    head = comparison_key(sentences[0].text)
    if not cut_key or not head or head.startswith(cut_key) or overlap(cut_key, head):
        return None  # a restart
    if len(head) >= 8 and any(head in text for text in earlier):
        return None  # a retry of text already written
    if re.match(r"[A-Z][a-z]", sentences[0].text.lstrip()):
        return None  # a new English sentence
    return (
        f"fragment starts mid-sentence: it continues the sentence cut at line {cut_block.end_line}"
    )


def _mid_sentence(block: Block, analysis, earlier: list[str]) -> str | None:
    if starts_mid_sentence(block.text):
        return f"fragment starts mid-sentence: {block.text.strip()[:30]!r}…"
    sentences = analysis.sentences_of(block)
    if not sentences:
        return None
    head = comparison_key(sentences[0].text)
    if len(head) < 8:
        return None
    if _inside_earlier("\x00".join(earlier), head):
        return "fragment starts mid-sentence: its first sentence is the tail of an earlier one"
    return None


def _inside_earlier(joined: str, head: str) -> bool:
    """Does ``head`` stand in ``joined`` (texts joined by NUL) somewhere
    other than at the start of a sentence? Unless it begins ``joined``."""
    # Each walk back over closers stops where the last one did once it
    # reaches the closers that one crossed: a run of closers is crossed once.
    landing = walked = 0
    for found in find_all(joined, head):
        if found == 0:
            return False
        # Closers count as a boundary only after a terminal: 「…です。」
        back = found - 1
        while back > 0 and joined[back] in CLOSERS:
            if back < walked:
                back = landing
                break
            back -= 1
        landing, walked = back, found
        if joined[back] != "\x00" and joined[back] not in TERMINALS:
            return True
    return False


@checker(
    "TRN005",
    "unclosed-fence",
    "A code fence is never closed: everything after it is shown as code.",
)
def unclosed_fence(document, analysis, config) -> Iterator[Hit]:
    last = len(document.fragments) - 1
    for block in document.blocks():
        # Inside a fragment the marker ends the fence (a cut the merge reads
        # through); in the last one nothing does, and the rest is swallowed.
        if block.unclosed and block.fragment == last:
            fence = document.lines[block.line - 1].strip()
            yield Hit(
                block.line,
                f"code fence {fence[:20]!r} is never closed: the rest of the article is code",
            )
