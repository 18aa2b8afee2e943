"""Fault injection: random Markdown, cut at random places, through ``merge_text``.

test_merge_properties.py cuts our real articles the way the generator does.
Here the articles themselves are random: headings, Japanese and English
paragraphs, lists, fences, tables, stray punctuation, stray ``**`` and
brackets left open, cut anywhere by markers. Whatever comes in, the merge
must not raise, must leave no marker line, must keep every complete sentence
of the clean text, and must give its own output back unchanged.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mystitch.lint import parse_document
from mystitch.lint.document import Kind
from mystitch.lint.merge import merge_text
from mystitch.lint.text import comparison_key, split_sentences, unclosed_opener

FRONT = '---\ntitle: "Fault test"\ndate: 2026-01-01\n---\n\n'
MARKER_LINE = re.compile(r"^---END---\s*$", re.M)

# Every word of an article is different. Hypothesis would otherwise shrink
# every word to "aaa", and repeated words make cases no merge can tell apart:
# a continuation that begins with the cut text reads as a restart of it, and
# one whose tail stands elsewhere reads as a retry (both are dropped, by
# design). Real continuations do not repeat the words they continue.
_POOL_RNG = random.Random(0)
_KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのまみむめもやゆよらりるれろわ"
JA_WORDS = sorted({"".join(_POOL_RNG.choices(_KANA, k=4)) for _ in range(3000)})
# Lower case only: a capitalised word after a cut reads as a fresh English
# sentence, and the cut before it is trimmed (see merge._fresh_english_sentence).
EN_WORDS = sorted(
    {"".join(_POOL_RNG.choices("abcdefghijklmnopqrstuvwxyz", k=6)) for _ in range(3000)}
)
NOISE = ["", "**", "「", "（", "[", "(", "、", ",", ";", " --", "…"]
BLOCKS = ["paragraph"] * 5 + ["heading", "list", "fence", "table", "bold", "punctuation"]


class _Words:
    """Draws words without putting any back."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.ja = rng.sample(JA_WORDS, len(JA_WORDS))
        self.en = rng.sample(EN_WORDS, len(EN_WORDS))

    def take(self, japanese: bool, count: int = 1) -> list[str]:
        pool = self.ja if japanese else self.en
        return [pool.pop() for _ in range(count)]


def _sentence(draw: st.DrawFn, words: _Words) -> str:
    noise = draw(st.sampled_from(NOISE))
    if draw(st.booleans()):
        got = words.take(True, draw(st.integers(3, 7)))
        return "".join(got[:-1]) + noise + got[-1] + draw(st.sampled_from("。！？"))
    got = words.take(False, draw(st.integers(4, 10)))
    got[0] = got[0].capitalize()
    at = draw(st.integers(1, len(got) - 1))
    got[at] = noise + got[at]
    return " ".join(got) + draw(st.sampled_from([".", "!", "?"]))


def _paragraph(draw: st.DrawFn, words: _Words) -> str:
    sentences = [_sentence(draw, words) for _ in range(draw(st.integers(1, 4)))]
    glue = "" if all(ord(s[0]) > 0x3000 for s in sentences) else " "
    return glue.join(sentences)


def _block(draw: st.DrawFn, words: _Words) -> str:
    kind = draw(st.sampled_from(BLOCKS))
    if kind == "heading":
        return "#" * draw(st.integers(2, 4)) + " " + " ".join(words.take(False, 3))
    if kind == "list":
        return "\n".join(f"- {item}" for item in words.take(False, draw(st.integers(1, 4))))
    if kind == "fence":
        return "```text\n" + " = ".join(words.take(False, 2)) + "\n```"
    if kind == "table":
        one, two = words.take(False, 2)
        return f"| a | b |\n| --- | --- |\n| {one} | {two} |"
    if kind == "bold":
        return "**" + _paragraph(draw, words) + "**"
    if kind == "punctuation":
        return draw(st.sampled_from(["...", "!!", "---", "* * *", "。。", "——"]))
    return _paragraph(draw, words)


@st.composite
def _article(draw: st.DrawFn) -> tuple[str, list[int]]:
    """The clean body, and where to cut it (offsets into the body)."""
    words = _Words(draw(st.integers(0, 2**32)))
    blocks = [_block(draw, words) for _ in range(draw(st.integers(1, 8)))]
    body = "\n\n".join(blocks) + "\n"
    cuts = draw(st.lists(st.integers(1, len(body) - 1), max_size=4, unique=True))
    # Never between the two stars of a "**": a fragment that is a lone "*"
    # parses as an empty list item, not as text, and nothing can stitch it.
    # Never inside a fence either: code is copied as written, never stitched,
    # so a fence cut open swallows the prose that follows it in its fragment.
    # Nor right after a closing "**" whose line then is all bold: a bold
    # line reads as a label ("**なぜ今か？NVIDIAの構想**"), and a label is not
    # a cut sentence to stitch.
    # And every fragment holds a word: a fragment of nothing but " **" has
    # no text to stitch, and no generator writes one.
    fences = [m.span() for m in re.finditer(r"```.*?```", body, re.S)]
    kept: list[int] = []
    for at in sorted(cuts):
        if body[at - 1 : at + 1] == "**" or any(a < at < b for a, b in fences):
            continue
        line_start = body.rfind("\n", 0, at) + 1
        if body[at - 2 : at] == "**" and body[line_start : line_start + 2] == "**":
            continue
        if any(ch.isalnum() for ch in body[kept[-1] if kept else 0 : at]):
            kept.append(at)
    while kept and not any(ch.isalnum() for ch in body[kept[-1] :]):
        kept.pop()
    return body, kept


def _cut(body: str, cuts: list[int]) -> str:
    """The body as the generator writes it: a marker line at every cut, the
    next fragment carrying straight on."""
    out, last = [], 0
    for at in cuts:
        piece = body[last:at]
        out.append(piece if piece.endswith("\n") else piece + "\n")
        out.append("---END---\n")
        last = at
    out.append(body[last:])
    return "".join(out)


def _complete_sentences(page: str) -> set[str]:
    """Keys of the sentences split_sentences calls terminated, in prose only.

    A paragraph that leaves a bracket open is left out: when a fragment ends
    in it, the merge reads its last sentence as cut inside a quote
    ("…は「判断できない。") and trims it with a warning if nothing continues
    it. That is the design, and brackets still go through every other check.
    """
    document = parse_document("x", page)
    return {
        comparison_key(s.text)
        for block in document.blocks()
        if block.is_prose and unclosed_opener(block.text) is None
        for s in split_sentences(block.text)
        # "..." or "!!" alone ends nothing the merge could stitch back
        if s.terminated and any(ch.isalnum() for ch in s.text)
    }


def _list_items_and_cells(page: str) -> list[str]:
    document = parse_document("x", page)
    items = [
        comparison_key(item.text)
        for block in document.blocks()
        if block.kind is Kind.LIST
        for item in block.items
        if item.text.strip()
    ]
    cells = [
        comparison_key(cell)
        for block in document.blocks()
        if block.kind is Kind.TABLE
        for row in block.source.split("\n")[2:]
        for cell in row.strip().strip("|").split("|")
        if cell.strip()
    ]
    return items + cells


def _all_text(page: str) -> str:
    document = parse_document("x", page)
    return "\x00".join(comparison_key(b.text or b.source) for b in document.blocks())


def _check(body: str, cuts: list[int]) -> None:
    raw = FRONT + _cut(body, cuts)
    page = merge_text(raw).text
    assert not MARKER_LINE.search(page)
    assert merge_text(page).text == page
    merged = _all_text(page)
    lost = [k for k in _complete_sentences(FRONT + body) if k not in merged]
    assert lost == []
    # A list cut anywhere, even inside its bullet, keeps every item's text;
    # a table cut inside a row keeps every cell.
    lost_items = [k for k in _list_items_and_cells(FRONT + body) if k not in merged]
    assert lost_items == []


# A thousand examples take seconds: CI runs them (slow), the default run 60.
# The full test is left as it was: a derandomized test draws its examples
# from the source of its body, so it still tries the same thousand.
@pytest.mark.slow
@settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_article())
def test_random_markdown_cut_anywhere_merges_safely(article):
    body, cuts = article
    _check(body, cuts)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_article())
def test_random_markdown_cut_anywhere_merges_safely_in_60_examples(article):
    _check(*article)


def test_a_cut_continued_in_lower_case_is_no_restart():
    # Found by the test above: comparison keys fold case, so the cut "O" read
    # as restarted by "ouzmc…" and was dropped, losing a letter.
    page = merge_text(FRONT + "O\n---END---\nouzmc onmdoc pfqdjz wdjdnp.\n").text
    assert "Oouzmc onmdoc pfqdjz wdjdnp." in page


def test_a_piece_after_a_cut_heading_does_not_retry_an_old_continuation():
    # Found by the test above: a piece starting mid-line (" tplaui…") after a
    # heading cut at "##" was taken for a later attempt at the first piece's
    # continuation, whose two sentences it then replaced.
    body = (
        "わさくてえうれぬねよしす。さのにらまろのれこおかさのいわゆきろのち。"
        "くせさにとれうおちにさてめたさとけむとちたいてかまもてい。\n\n"
        "Vfdoaf uskcwm xnvtkg mjvssa jxderd. なゆしりくにちろあけよす。\n\n"
        "## tplaui puwvfr ysfmlb\n\nCuvsab imggnk mxcuhu adtggy.\n"
    )
    _check(body, [22, body.index("## ") + 2])


def test_a_heading_cut_mid_word_is_read_through():
    # Found by the test above: "## ibpzik wzyti" at a piece's end and "n
    # tplaui" next: the heading whole, not a paragraph glued to an old cut.
    body = (
        "わさくてえうれぬねよしす。さのにらまろのれこおかさ。のいわゆきろのちくせさに。"
        "とれうおちにさてめたさと。\n\nVfdoaf uskcwm xnvtkg mjvssa. Jxderd sxcxvr jgmmli iihjys.\n\n"
        "## ibpzik wzytin tplaui\n\nPuwvfr ysfmlb cuvsab imggnk.\n"
    )
    _check(body, [33, body.index("wzyti") + 5])
    page = merge_text(FRONT + _cut(body, [33, body.index("wzyti") + 5])).text
    assert "## ibpzik wzytin tplaui\n" in page


def test_a_paragraph_after_a_heading_cut_stays_a_paragraph_despite_an_apostrophe():
    # "users’ code" ends in a plural's apostrophe, not a quote closed from the
    # heading: the paragraph after "## Stability" is no rest of the heading.
    body = (
        "Most respondents use Rust at work.\n\n## Stability\n\n"
        "While Rust has a strong stability guarantee, it means more than keeping users’ "
        "code compiling.\n"
    )
    page = merge_text(FRONT + _cut(body, [body.index("## Stability") + 12])).text
    assert "## Stability\n\nWhile Rust has" in page
