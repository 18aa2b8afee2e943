"""Reading a cut through: how a piece's first unit meets the cut it follows.

This is the only place where a sentence is taken out of a paragraph: the cut
text that a restart replaces. Everything else in the merge is decided for
whole paragraphs.

Given the cut unit (the last unit of an earlier piece, cut mid-sentence) and
the first unit of a later piece, the later one is, in this order:

* a restart of the cut sentence ("この英国…" after "この") or of the cut
  paragraph, or of the paragraph from one of its sentences on: the cut text
  is replaced by the restart;
* a restart with an overlap ("…業界の注目が" then "さらに…業界の注目が
  集まっています。"): the overlap appears once;
* a shorter attempt at the same continuation, cut even earlier: it adds
  nothing;
* text that stands in the article already, or a fresh English sentence:
  no continuation at all (the piece went back to retry, or begins anew);
* otherwise the rest of the cut sentence, joined on with a space only
  between two words (the article's own vocabulary tells "impor|tant" from
  "the|next").

Lists and tables cut by a marker are read through the same way (see
``cut_blocks``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..articles import is_syntax
from ..cut_blocks import (
    continue_item,
    item_paragraph_again,
    item_twice,
    join_lists,
    join_rows,
    parse_joined,
)
from ..document import Kind, Role
from ..repeats import shingles
from ..text import (
    SENTENCE_OPENERS,
    ends_terminated,
    is_cjk,
    overlap,
    starts_mid_sentence,
    unclosed_opener,
)
from .article import without_lead_in
from .sentences import (
    LINK_OPEN,
    Sentence,
    fresh_english_sentence,
    join_cut,
    one_word,
    read_on_key,
    source_key,
    split_source,
    start_as_long_as,
)
from .units import DEFINITION, Unit, make_unit

MIN_KNOWN = 12  # a sentence this long that stands already is no coincidence
MIN_TAIL = 8  # a head this short inside the cut is no evidence of a shorter retry
MIN_LINK_RESTART = 4  # "[We " and on: a cut link written again from its bracket
MIN_RETRY = 16  # a head starting mid-sentence is a retry from inside the cut when this long
MIN_REWORDED = 16  # shorter sentences are too alike by chance to call one a rewrite
REWORDED = 0.6  # 4-gram similarity of a sentence and its rewrite
REWORDED_ALIGNED = 0.4  # the same, when the sentence after it is the same one again
MIN_WRAP = 50  # narrower lines are no wrapping width
WRAP_SLACK = 20  # a wrapped line is at most a long word shorter than the width
MIN_OVERLAP = 6  # shortest overlap between a cut and a restart inside it
MIN_SPANNING = 16  # an overlap across a full stop: a clause at least
MIN_WORDS_AGAIN = 4  # two short words and a full stop ("by 1.") again in lower case
MIN_OVERLAP_CJK = 3  # three characters at the very cut say much more in Japanese
_ELLIPSIS_END = re.compile(r"(?:…|‥|\.\.\.)[*_]*\s*$")
_LOWER_START = re.compile(r"\s*[a-z]")


class How(enum.Enum):
    RESTARTED = "restarted"
    STITCHED = "stitched"
    SHORTER = "shorter"  # an earlier-cut attempt: adds nothing


@dataclass(frozen=True, slots=True)
class Joined:
    how: How
    unit: Unit | None  # the cut unit read through (None for SHORTER)
    rest: list[Unit]  # units the join produced after it (a table's tail, read as blocks)
    parsed: int = 0  # characters of Markdown parsed again to make it


def read_through(
    cut: Unit,
    head: Unit,
    known: Callable[[Sentence], bool],
    vocabulary: set[str],
    known_after: Callable[[Sentence, Sentence], bool] | None = None,
    familiar: Callable[[Unit], bool] | None = None,
    goes_on: Callable[[Unit, Unit], bool] | None = None,
    went_on: Callable[[Sentence, Sentence], bool] | None = None,
    labelled: Callable[[Unit], bool] | None = None,
) -> Joined | None:
    """``cut`` read through into ``head``, or None when ``head`` does not carry it on.

    ``known`` says whether a sentence stands in the article already (the
    head of a retry does); ``known_after`` whether a sentence stands right
    after another; ``went_on`` whether an earlier attempt at the cut's
    paragraph went on from its last sentence (or one alike) to another;
    ``labelled`` whether the cut stops on a label the article writes its
    value after on the same line ("Chromium issue:" + " [1325751](…)").
    """
    written = cut.source.strip()
    if (
        written
        and head.source.lstrip().startswith(written)
        and len(head.source.strip()) > len(written)
    ):
        # The block written again from its start (a table cut in its header,
        # a list, a paragraph): the whole one replaces the cut one.
        return Joined(How.RESTARTED, _whole(cut, head), [])
    line = _line_restarted(cut, head)
    if line is not None:
        return line
    if DEFINITION.match(head.block.source):
        return None  # "replacements\n: Automatically convert…": a new term of a definition list
    # A line MyST reads as something else ("%…", "# …") that is the cut's rest.
    misread = _percent_rest(cut, head) or _heading_rest(cut, head)
    if misread is not None:
        return misread
    if link_card(head) and not written[-1:].isascii():
        return None  # "…以下にあります" + an address on its own line: a card, a block
    if syntax_left_open(cut):
        return _syntax_through(cut, head)
    if comment_left_open(cut):
        return _comment_through(cut, head, vocabulary)
    if cut.block.kind in (Kind.LIST, Kind.TABLE):
        if cut.block.kind is Kind.LIST and head.block.kind is Kind.PARAGRAPH:
            # The cut paragraph under the last item written again: it stands
            # in the list, but this is the latest attempt at it, not a repeat.
            item = item_paragraph_again(cut.block.source.split("\n"), head.block.source)
            if item is not None:
                return _reparsed(cut, head, item, How.RESTARTED)
        if (
            head.prose
            and head.sentences
            and known(head.sentences[0])
            # (not the rest of the word the cut stops in: "1. Add … as in" +
            # "herent methods.", which "…unstable, inherent methods." holds)
            and not (
                _LOWER_START.match(head.source)
                and one_word(cut.source.rstrip(), head.source.lstrip(), vocabulary)
            )
        ):
            return None  # a paragraph that stands already: the piece went back
        items = _items_restarted(cut, head) if cut.block.kind is Kind.LIST else None
        if items is not None:
            return items
        if cut.block.kind is Kind.LIST and _item_lines_again(cut, head):
            return None  # "  MD5\n  : d8a0…", lines the list has: it went back
        return _block_through(cut, head, vocabulary)
    if not cut.prose or not cut.sentences:
        return None
    last = cut.sentences[-1]
    if not cut.cut:
        # The piece stopped after a sentence: only a restart says the next one
        # goes on with this paragraph (the rest may be a paragraph of its own).
        restart = _restart(cut, head) if head.prose and head.sentences else None
        if restart is not None:
            return restart
        if _shorter_attempt(cut, head):
            return Joined(How.SHORTER, None, [])
        if (
            head.prose
            and head.sentences
            and went_on is not None
            and went_on(last, head.sentences[0])
        ):
            # The latest attempt stopped where an earlier one went on with
            # this very sentence ("…可能です。" then "例えば、…"): the earlier
            # attempt's continuation, in the same paragraph.
            unit = cut.with_sentences([*cut.sentences, *head.sentences])
            return Joined(How.STITCHED, _joined(unit, cut, head), [])
        on_the_line = (
            cut.block.kind is Kind.PARAGRAPH
            and head.block.kind is Kind.PARAGRAPH
            and (_goes_on_the_line(head) or (labelled is not None and labelled(cut)))
        )
        if on_the_line and not head.prose and head.block.role is Role.LINKS:
            # A label's value that is a link alone ("Chromium issue:" then
            # "[1325751](https://crbug.com/1325751)"): the rest of its line.
            sentences = split_source(head.block)
            if sentences:
                unit = cut.with_sentences([*cut.sentences, *sentences])
                return Joined(How.STITCHED, _joined(unit, cut, head), [])
        if (
            head.prose
            and head.sentences
            and (
                _wrapped_on(cut, head)
                or on_the_line
                or _goes_on_after_colon(cut, head)
                or _refers_back(cut, head)
                or (goes_on is not None and _unspaced_after(cut, head) and goes_on(cut, head))
            )
            and not known(head.sentences[0])
        ):
            unit = cut.with_sentences([*cut.sentences, *head.sentences])
            return Joined(How.STITCHED, _joined(unit, cut, head), [])
        # A sentence ending after an ellipsis goes on only in lower case; one
        # ending inside a quote ("…は「判断できない。") goes on with the next
        # piece's text, unless that begins a table.
        if _ELLIPSIS_END.search(last.source) and not cut.quote_open:
            if not (head.prose and _lower(head)):
                return None
        elif not cut.quote_open or head.source.lstrip().startswith("|"):
            return None
    if "|" in cut.source and cut.cut:
        # A table cut before its "| --- |" row was whole reads as a paragraph;
        # with the head it may read as the table again.
        table = _header_through(cut, head, vocabulary)
        if table is not None:
            return table
    if not head.prose and cut.cut and head.block.kind is Kind.PARAGRAPH:
        # The cut sentence written again as a line of links ("[Submit your qu"
        # then "[Submit your quotes for next week!][submit]."): the same restart.
        restarted = last.source.strip()
        # (A link restarted from its bracket, "[We l" then "[We love…](…)",
        # however short: the bracket and its first letters are no coincidence.)
        long_enough = len(restarted) >= MIN_TAIL or (
            restarted.startswith("[") and len(restarted) >= MIN_LINK_RESTART
        )
        if long_enough and head.source.lstrip().startswith(restarted):
            sentences = split_source(head.block)
            if sentences:
                unit = cut.with_sentences([*cut.sentences[:-1], *sentences])
                return Joined(How.RESTARTED, _joined(unit, cut, head), [])
        # A link the cut stopped in, written again from its bracket ("…and the
        # [Coding guidelines](https://" then "[Coding guidelines](https://…)."):
        # the sentence up to the link, then the link whole.
        shared = overlap(last.source, head.source, MIN_LINK_RESTART)
        if shared and head.source.lstrip().startswith("["):
            sentences = split_source(head.block)
            if sentences:
                written = last.source.rstrip()[:-shared] + sentences[0].source.lstrip()
                first = sentences[0]
                middle = Sentence(written, source_key(written), first.complete, last.line)
                unit = cut.with_sentences([*cut.sentences[:-1], middle, *sentences[1:]])
                return Joined(How.RESTARTED, _joined(unit, cut, head), [])
    links = _links_on(cut, head, known, vocabulary)
    if links is not None:
        return links
    if not head.prose or not head.sentences:
        return None
    first = head.sentences[0]
    same_start = first.source.lstrip()[:1] == last.source.lstrip()[:1]
    # A restart of the cut sentence: "この" then "この英国…" (or "この" again);
    # not when the head's first sentence is one the paragraph has ("Arr" cut
    # in a paragraph opening "Arrow Functionは…。"): that restarts the paragraph.
    whole = {sentence.key for sentence in cut.sentences[:-1]}
    if first.key.startswith(last.key) and same_start and first.key not in whole:
        return Joined(How.RESTARTED, _replace(cut, len(cut.sentences) - 1, head), [])
    # A restart of the paragraph, or of it from one of its complete sentences:
    # the head writes the cut's sentences from there on again, and goes on.
    done = cut.sentences[:-1]
    for at in range(len(done)):
        again = len(done) - at
        if len(head.sentences) <= again:
            continue
        if all(head.sentences[j].key == done[at + j].key for j in range(again)) and (
            again >= 2
            or len(first.key) >= MIN_TAIL
            or head.sentences[again].key.startswith(last.key)
        ):
            return Joined(How.RESTARTED, _replace(cut, at, head), [])
    if (
        not first.complete
        and len(stem := read_on_key(first.source, first.key)) >= MIN_TAIL
        and stem in last.key
    ):
        return Joined(How.SHORTER, None, [])
    if head.cut and len(head.key) >= MIN_TAIL:
        # The paragraph written again from one of its sentences and cut
        # sooner ("Intense! In effect, this er"): the longer text stands, and
        # the next piece goes on from this latest cut.
        rest = ""
        tail = "".join(s.key for s in head.sentences[1:])
        # (Cut in a link's address, "[Dan Abramov](https://bsky.app/prof", it
        # says what the link says.)
        head_key = head.key
        if "](" in head.source and LINK_OPEN.search(head.source):
            last_head = head.sentences[-1]
            done_keys = "".join(s.key for s in head.sentences[:-1])
            head_key = done_keys + read_on_key(last_head.source, last_head.key)
        for at in range(len(cut.sentences) - 1, -1, -1):
            key = cut.sentences[at].key
            rest = key + rest
            if rest.startswith(head_key):
                return Joined(How.SHORTER, _replace(cut, at, head), [])
            if (
                # Or from a few words before one of its full stops ("and
                # fast. This is a weekly summ"): those words stand already.
                len(head.sentences) > 1
                and len(tail) >= MIN_TAIL
                and len(first.key) < len(key)
                and key.endswith(first.key)
                and len(head.key) >= MIN_RETRY
                and rest[len(key) :].startswith(tail)
            ):
                unit = cut.with_sentences([*cut.sentences[: at + 1], *head.sentences[1:]])
                return Joined(How.SHORTER, _joined(unit, cut, head), [])
    # The cut's last words written again, then on ("しかし、呼び方を区別" then
    # "び方を区別したほうが…"): the cut restarted a few words back, even where
    # the sentence goes on to words of the paragraph's first one.
    shared = overlap(last.source, first.source, MIN_OVERLAP, MIN_OVERLAP_CJK)
    if shared:
        joined = last.source.rstrip()[:-shared] + first.source.lstrip()
        return Joined(How.RESTARTED, _splice(cut, head, joined), [])
    for at, sentence in enumerate(done):
        # The paragraph written again from one of its sentences in other
        # words ("基本的に、" + the sentence): the latest attempt, from there.
        # Less alike will do when the head's next sentence is the cut's next
        # ("…部分もあります。" then "…部分も存在します。", each before "たとえば、…").
        if reworded(sentence, first) or (
            reworded(sentence, first, REWORDED_ALIGNED)
            and len(head.sentences) > 1
            and _next_again(cut, at, head.sentences[1])
        ):
            return Joined(How.RESTARTED, _replace(cut, at, head), [])
    if _restarted_in_other_words(last, first):
        # The cut sentence itself written again in other words ("…確認できま"
        # then "…確認可能です。"): the latest attempt replaces it.
        return Joined(How.RESTARTED, _replace(cut, len(done), head), [])
    back = _word_back(last.source, first.source)
    if back:
        joined = last.source.rstrip()[:-back] + first.source.lstrip()
        return Joined(How.RESTARTED, _splice(cut, head, joined), [])
    spanning = _restarted_across(cut, head)
    if spanning is not None:
        return spanning
    if known(first) and (len(first.key) >= MIN_KNOWN or not _goes_on(head)):
        # Text the article has: the piece went back (a retry), whatever its
        # first letter says; the alignment, or an earlier cut, places it.
        return None
    if (
        known_after is not None
        and len(head.sentences) > 1
        and len(head.sentences[1].key) >= MIN_KNOWN
        and known_after(first, head.sentences[1])
    ):
        # "そうです。" then a long sentence, as the article has them one after
        # the other: a passage written again, not the cut's rest.
        return None
    if (
        fresh_english_sentence(last, first)
        and not (_goes_on(head) or _goes_on_the_line(head))
        and not _closes_bracket(last, first)
        and not (familiar is not None and _new_words(last, head, familiar))
    ):
        return None
    joined = join_cut(last.source, first.source, vocabulary)
    return Joined(How.STITCHED, _splice(cut, head, joined), [])


MAX_ITEM_LINES = 64  # lines at the end of a cut list a retry from inside it is looked for in


def _item_lines_again(cut: Unit, head: Unit) -> bool:
    """Do the head's first lines (two or more, indented as an item's, or the
    first items of a list) stand, line for line, in the cut list?"""
    source = head.block.source
    listed = head.block.kind is Kind.LIST
    if not listed and (source[:1] not in (" ", "\t") or head.block.kind is not Kind.PARAGRAPH):
        return False
    # A list that goes back to one of the items goes on with new ones after
    # two it has ("  * `--jit-max-cache`…", "* `Symbol#to_s`…", then "* `CGI…`").
    lines = [line.strip() for line in source.split("\n") if line.strip()][: 2 if listed else 3]
    if len(lines) < 2 or (listed and sum(map(len, lines)) < 2 * MIN_KNOWN):
        return False
    # Its last lines only: a retry goes back a little (and a list a thousand
    # pieces carry on stays linear).
    tail = cut.source.rsplit("\n", MAX_ITEM_LINES)[-MAX_ITEM_LINES:]
    written = [line.strip() for line in tail if line.strip()]
    return any(
        line == lines[0]
        and len(written) - at >= len(lines)
        and all(map(_line_again, written[at + 1 : at + len(lines)], lines[1:]))
        for at, line in enumerate(written)
    )


def _items_restarted(cut: Unit, head: Unit) -> Joined | None:
    """A list written again from one of its last items, then on with new
    ones ("  * `--jit-max-cache`…", "* `Symbol#to_s`…" that end the list, then
    "* `CGI.escapeHTML`…"): the list as far as that item, then the head's."""
    if head.block.kind is not Kind.LIST or not _item_lines_again(cut, head):
        return None
    mine = [line.strip() for line in head.block.source.split("\n") if line.strip()]
    lines = cut.source.split("\n")
    start = max(0, len(lines) - MAX_ITEM_LINES)
    written = [(at, line.strip()) for at, line in enumerate(lines[start:], start) if line.strip()]
    for k, (at, line) in enumerate(written):
        rest = [text for _, text in written[k:]]
        # The last line may be the cut one, which the head writes whole.
        if (
            line == mine[0]
            and len(mine) >= len(rest)
            and all(_line_again(a, b) for a, b in zip(rest[:-1], mine, strict=False))
            and mine[len(rest) - 1].startswith(rest[-1])
            and (len(mine) > len(rest) or len(mine[len(rest) - 1]) > len(rest[-1]))
        ):
            # The lines before it as written: a tight list stays tight.
            source = "\n".join(lines[:at]) + "\n" + head.block.source.strip("\n")
            joined = _reparsed(cut, head, source, How.RESTARTED)
            if joined is not None and joined.unit is not None:
                joined.unit.cut, joined.unit.quote_open = head.cut, head.quote_open
            return joined
    return None


def _line_again(old: str, new: str) -> bool:
    """A line of a list written again, as it was or in other words (the
    item's paragraph retried: "…not T-opsem." then "…not T-opsem, in most
    cases."), the latest attempt standing."""
    if old == new:
        return True
    return min(len(old), len(new)) >= MIN_REWORDED and (
        _jaccard(shingles(source_key(old)), shingles(source_key(new))) >= REWORDED
    )


def _line_restarted(cut: Unit, head: Unit) -> Joined | None:
    """The head writes the cut's last line again from its start and on
    ("[The Complet" under two lines of links, then "[The Complete CSS
    Animations Tutorial](…)"): the line restarted, the paragraph one."""
    if cut.block.kind is not Kind.PARAGRAPH:
        return None
    before, _, last = cut.source.rstrip().rpartition("\n")
    stem = last.strip()
    if not before.strip() or len(stem) < MIN_OVERLAP:
        return None
    first = head.source.lstrip().split("\n", 1)[0]
    if len(first) <= len(stem) or not first.startswith(stem):
        return None
    indent = last[: len(last) - len(last.lstrip())]
    joined = _reparsed(cut, head, before + "\n" + indent + head.source.lstrip(), How.RESTARTED)
    if joined is not None and joined.unit is not None:
        # It ends where the head ends, cut or not.
        joined.unit.cut, joined.unit.quote_open = head.cut, head.quote_open
        joined.unit.word_begun = head.word_begun
    return joined


def _closes_bracket(last: Sentence, first: Sentence) -> bool:
    """The cut is inside a link's text and the head closes it ("Email the
    [Rust Community" + "Team][community] for access."): one sentence."""
    opened = unclosed_opener(last.source)
    line = first.source.lstrip().split("\n", 1)[0]
    close = line.find("]")
    return (
        opened is not None and opened[1] == "[" and close >= 0 and not 0 <= line.find("[") < close
    )


def _shorter_attempt(cut: Unit, head: Unit) -> bool:
    """A piece that is only the start of the paragraph the last one ended
    whole ("まずは四隅に該当する" after "まずは四隅に該当するものを…抽出。"),
    cut: an attempt that got less far, which the next piece may go on from."""
    if not (head.prose and head.cut and head.sentences and len(head.sentences) == 1):
        return False
    if not cut.sentences:
        return False
    first = head.sentences[0]
    return (
        not first.complete
        and len(first.key) >= MIN_TAIL
        and cut.sentences[0].key.startswith(first.key)
        and len(cut.sentences[0].key) > len(first.key)
    )


def syntax_left_open(unit: Unit) -> bool:
    """An admonition or tab line stopped before its title: "/// note |",
    '=== ":octi' (a quote left open)."""
    source = unit.source.strip()
    return (
        unit.block.kind is Kind.PARAGRAPH
        and not unit.prose
        and "\n" not in source
        and is_syntax(source)
        and (source.endswith("|") or source.count('"') % 2 == 1)
    )


def comment_left_open(unit: Unit) -> bool:
    """An HTML comment a marker cut before its "-->"."""
    source = unit.source
    start = source.find("<!--")
    return unit.block.kind is Kind.HTML and start >= 0 and "-->" not in source[start:]


def _comment_through(cut: Unit, head: Unit, vocabulary: set[str]) -> Joined | None:
    """The comment's rest, which the document model gives as one block of
    the next piece's lines up to the "-->" (see ``document``)."""
    if head.block.kind is not Kind.HTML or head.source.lstrip().startswith("<"):
        return None  # a comment or an element of its own: the cut one stays open
    before = cut.source.rstrip()
    last = before.rpartition("\n")[2]
    stem = last.strip()
    after = head.source.lstrip("\n")
    restarted = _lines_restarted(before.split("\n"), after)
    if "-->" in before[-2:] + after[:2]:
        joined = before + after  # the "-->" the marker cut in two
    elif restarted is not None:
        joined = restarted
    elif (shared := overlap(last, after, MIN_OVERLAP, MIN_OVERLAP_CJK)) and shared < len(stem):
        joined = before[:-shared] + after  # restarted a few words back
    elif ends_terminated(last) or last[-1:] in _LINE_ENDS:
        joined = before + "\n\n" + after  # the next block of its text
    else:
        joined = join_cut(cut.source, head.source, vocabulary)  # "co" + "ntributors:"
    return _reparsed(cut, head, joined, How.STITCHED)


def _lines_restarted(lines: list[str], after: str) -> str | None:
    """The cut's last lines of text written again from the start of one of
    them ("Dear community cont" then "Dear community contributors:", or the
    paragraph's first line again): the whole ones replace them."""
    for at in range(len(lines) - 1, -1, -1):
        if not lines[at].strip():
            break  # only the last paragraph of the comment's text
        tail = "\n".join(lines[at:]).strip()
        if len(tail) >= MIN_OVERLAP and after.startswith(tail) and len(after) > len(tail):
            indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
            return "\n".join([*lines[:at], indent + after])
    return None


def _syntax_through(cut: Unit, head: Unit) -> Joined | None:
    """The syntax line's title, the next piece's first line: one line."""
    line, _, rest = head.block.source.partition("\n")
    if not line.strip() or rest.strip() or head.block.kind is not Kind.PARAGRAPH:
        return None  # only a one-line paragraph can be the rest of a title
    before = cut.source.rstrip("\n")
    if before.rstrip().endswith("|"):
        joined = before.rstrip() + " " + line.strip()  # "/// note | Technical Details"
    else:
        joined = before + line  # inside the quote: the cut fell where the text did
    return _reparsed(cut, head, joined, How.STITCHED)


def _next_again(cut: Unit, at: int, following: Sentence) -> bool:
    """Is ``following`` the cut's sentence after ``at`` (its cut last one
    written on)?"""
    assert cut.sentences is not None
    if at + 1 >= len(cut.sentences):
        return False
    expected = cut.sentences[at + 1]
    if at + 2 == len(cut.sentences) and not expected.complete:
        return len(expected.key) >= MIN_TAIL and following.key.startswith(expected.key)
    return following.key == expected.key


def reworded(old: Sentence, new: Sentence, alike: float = REWORDED) -> bool:
    """Is ``new`` the sentence ``old`` written again in other words?"""
    if not (old.complete and new.complete) or min(len(old.key), len(new.key)) < MIN_REWORDED:
        return False
    if old.key == new.key:
        return False  # the same sentence: a plain restart, taken before
    if starts_mid_sentence(new.source.lstrip()) or new.key in old.key:
        return False  # the rest of it, written again from a word on: not a rewrite
    if old.key in new.key:
        return True
    return _jaccard(shingles(old.key), shingles(new.key)) >= alike


def _restarted_in_other_words(cut: Sentence, new: Sentence) -> bool:
    """Is ``new`` the cut sentence ``cut`` written again from its start in
    other words? As alike as far as the cut one went (4-gram Jaccard), and
    opening with the same letter."""
    if len(cut.key) < MIN_REWORDED or len(new.key) <= len(cut.key):
        return False
    if cut.source.lstrip()[:1] != new.source.lstrip()[:1]:
        return False
    stem = start_as_long_as(new.key, cut.key)
    return _jaccard(shingles(cut.key), shingles(stem)) >= REWORDED


_FOOTNOTE_MARK = re.compile(r" ?\[\^[^\]\s]+\](?!:)")  # a mark, not a definition


def link_card(unit: Unit) -> bool:
    """An address alone on its line: Zenn and others show it as a card, a block."""
    return _LINK_CARD.fullmatch(unit.source.strip()) is not None


_LINK_CARD = re.compile(r"https?://[^\s<>]+")


def _links_on(
    cut: Unit, head: Unit, known: Callable[[Sentence], bool], vocabulary: set[str]
) -> Joined | None:
    """A sentence cut on a comma or a word, then a line of links only ("If
    you find any errors," + " [please submit a PR](…)."): the link is the
    sentence's rest. After a colon a line of links is a block of its own."""
    if not (
        cut.cut
        and cut.sentences
        and head.block.kind is Kind.PARAGRAPH
        and head.block.role is Role.LINKS
    ):
        return None
    last = cut.sentences[-1]
    end = last.source.rstrip()[-1:]
    if not (_goes_on_the_line(head) or end.isalnum() or end in ",、，"):
        return None
    sentences = split_source(head.block)
    if not sentences or known(sentences[0]):
        return None
    first = sentences[0]
    joined = join_cut(last.source, first.source, vocabulary)
    middle = Sentence(joined, source_key(joined), first.complete, last.line)
    unit = cut.with_sentences([*cut.sentences[:-1], middle, *sentences[1:]])
    return Joined(How.STITCHED, _joined(unit, cut, head), [])


def _new_words(last: Sentence, head: Unit, familiar: Callable[[Unit], bool]) -> bool:
    """A cut on a word ("…happy hacking with"), then a capitalised text the
    article has in no form ("Ruby 2.5!"): a name carrying the sentence on,
    not the generator starting over (which writes text it had again). A head
    that is itself cut may be a short attempt at anything."""
    return last.source.rstrip()[-1:].isalnum() and not head.cut and not familiar(head)


def _goes_on_the_line(head: Unit) -> bool:
    """The piece starts with the space after the last one's full stop (" It
    turns…"): the generator went on with the same line, so the same paragraph."""
    source = head.block.source
    if _FOOTNOTE_MARK.match(source):
        return True  # " [^1]": a footnote mark belongs to the sentence before it
    # A sentence that starts mid-way (" sorting.") is the rest of some cut:
    # which one is for the alignment to say.
    # The sentence may open with markup: " `(500, 0)` から…", " [Link](…) shows".
    return (
        source.startswith(" ")
        and not source.startswith("  ")
        and (source[1:2].isalnum() or source[1:2] in "`[*_(「『\"'“‘")
        and not starts_mid_sentence(source[1:])
    )


def _refers_back(cut: Unit, head: Unit) -> bool:
    """The head opens with words that take up the sentence before: one
    paragraph. In hard-wrapped text a head whose first line is as wide as
    the others starts a paragraph of its own, whatever its first words."""
    if not (
        cut.block.kind is Kind.PARAGRAPH
        and head.block.kind is Kind.PARAGRAPH
        and head.source.lstrip().startswith(SENTENCE_OPENERS)
    ):
        return False
    lines = head.source.strip().split("\n")
    before = cut.source.rstrip().split("\n")
    whole = before[:-1] + lines[1:-1]
    width = max((len(line) for line in whole), default=0)
    if width < MIN_WRAP or any(len(line) < width - WRAP_SLACK for line in whole):
        return True  # not wrapped at one width: the first words decide
    # The head's first line is the rest of the cut's last: together no wider than the others.
    rest = len(lines[0]) < width and len(before[-1]) + len(lines[0]) <= width + WRAP_SLACK
    return len(lines) == 1 or rest


def _unspaced_after(cut: Unit, head: Unit) -> bool:
    """Two paragraphs in a script that puts no space after a full stop
    (Japanese, Chinese): nothing at the cut says whether the line went on.
    The head may open with a name or code ("Chrome 88以降で…", "`-i`を…")."""
    end = cut.source.rstrip()[-1:]
    first = head.sentences[0].source if head.sentences else ""
    return (
        cut.block.kind is Kind.PARAGRAPH
        and head.block.kind is Kind.PARAGRAPH
        and bool(end)
        and is_cjk(end)
        and first[:1] not in ("", " ", "\t", "\n")
        and any(is_cjk(ch) for ch in first)
    )


def _goes_on_after_colon(cut: Unit, head: Unit) -> bool:
    """The piece stopped on a colon and the next starts with the space after
    it and a lower-case word ("…features in Rust:" + " through the flag"):
    the colon ended no sentence, the line goes on."""
    return (
        cut.source.rstrip().endswith(":")
        and head.block.source.startswith(" ")
        and bool(re.match(r" [a-z]", head.block.source))
    )


_LINE_ENDS = set(".!?:;。！？：")


def _wrapped_on(cut: Unit, head: Unit) -> bool:
    """Hard-wrapped text cut between two sentences of one line.

    Where a paragraph is wrapped at a width, a piece that stops after a
    sentence in the middle of a line leaves that line short, and the next
    piece starts with the rest of it: the two halves make one line as wide as
    the paragraph's others. A paragraph that ends has a short last line too,
    but the next paragraph's first line is a whole one.
    """
    before = cut.source.rstrip().split("\n")
    after = head.source.strip().split("\n")
    whole = before[:-1] + after[1:-1]  # lines wrapped at the width
    # One whole line gives the width: the head's short first line, with more
    # under it, is what a wrapped paragraph never has unless it goes on.
    if not whole or len(after) < 2:
        return False
    width = max(len(line) for line in whole)
    if width < MIN_WRAP or any(len(line) < width - WRAP_SLACK for line in whole):
        return False  # not wrapped at one width
    first = after[0].strip()
    halves = len(before[-1]) + 1 + len(first)
    if width - WRAP_SLACK <= halves <= width and len(after[0]) < width - WRAP_SLACK:
        return True
    # The head's first line had room for the next line's first word, which
    # a wrapped paragraph's first line never has: it is the rest of a line.
    # (The width seen is at most the paragraph's: a line of both halves may
    # be a little wider. A line ending on a full stop may be a line break
    # after each sentence, which is no wrapping.)
    word = len(after[1].split(maxsplit=1)[0]) if after[1].strip() else width
    return (
        len(first) + 1 + word <= width
        and halves <= width + WRAP_SLACK
        and first[-1:] not in _LINE_ENDS
    )


def _restart(cut: Unit, head: Unit) -> Joined | None:
    """A paragraph that ended whole, written again from one of its sentences
    or from a few words before its end: one paragraph."""
    assert cut.sentences and head.sentences
    done = cut.sentences
    first = head.sentences[0]
    for at in range(len(done)):
        again = len(done) - at
        if (
            len(head.sentences) > again
            and all(_again(head.sentences[j].key, done[at + j].key) for j in range(again))
            and (again >= 2 or len(first.key) >= MIN_TAIL)
        ):
            return Joined(How.RESTARTED, _replace(cut, at, head), [])
    shared = overlap(done[-1].source, first.source, MIN_OVERLAP, MIN_OVERLAP_CJK)
    shared = shared or _last_words_again(done[-1].source, first.source)
    if shared and shared < len(done[-1].source.rstrip()):
        # Words from the middle of the last sentence on: not the paragraph
        # written again from a sentence, which the loop above takes.
        joined = done[-1].source.rstrip()[:-shared] + first.source.lstrip()
        return Joined(How.RESTARTED, _splice(cut, head, joined), [])
    if (
        len(head.sentences) > 1
        and first.key != done[-1].key
        and done[-1].source.rstrip().endswith(first.source.strip())
        and len(first.key) >= (MIN_OVERLAP_CJK if all(map(is_cjk, first.key)) else MIN_OVERLAP)
    ):
        # The last words of the last sentence, then the rest ("にできます。"
        # then "一覧は…"): a restart a few words back that ends at the same
        # full stop. The words are written once.
        unit = cut.with_sentences([*done, *head.sentences[1:]])
        return Joined(How.RESTARTED, _joined(unit, cut, head), [])
    return None


MAX_WORDS_BACK = 200  # characters looked at for the two words at a cut
_TWO_LAST_WORDS = re.compile(r"(?<!\S)(\w+)(\s+)([A-Za-z]+)$")
_TWO_FIRST_WORDS = re.compile(r"(\w+)(\s+)([A-Za-z]+)")


def _word_back(last: str, first: str) -> int:
    """The cut sentence restarted one word back, too short an overlap to
    count by length ("…Rust is a\npro" then "a\nprogramming language"): the
    head's first word is the one before the cut, its next word goes on from
    the cut letters. Returns how much of the cut it replaces."""
    tail = last.rstrip()[-MAX_WORDS_BACK:]  # (bounded: a hostile line stays linear)
    end = _TWO_LAST_WORDS.search(tail)
    start = _TWO_FIRST_WORDS.match(first.lstrip()[:MAX_WORDS_BACK])
    if end is None or start is None:
        return 0
    word, cut_letters = end.group(1), end.group(3)
    if start.group(1) != word or not start.group(3).startswith(cut_letters):
        return 0
    if len(start.group(3)) <= len(cut_letters):
        return 0
    return len(tail) - end.start()


def _last_words_again(last: str, first: str) -> int:
    """The last words of the sentence again, whole and in lower case, too
    few to be an overlap by length ("…the count goes up by 1." then "by 1.
    When `c` goes out of scope…"): no paragraph begins in lower case."""
    if not _LOWER_START.match(first):
        return 0
    last = last.rstrip()
    shared = overlap(last, first, MIN_WORDS_AGAIN)
    words = last[len(last) - shared :]
    if shared and " " in words.strip() and last[len(last) - shared - 1 : -shared].isspace():
        return shared
    return 0


def _restarted_across(cut: Unit, head: Unit) -> Joined | None:
    """A restart from before the last full stop the sentences were split at
    ("…of Ruby (e.g. JRuby, TruffleRuby) which can" then "(e.g. JRuby,
    TruffleRuby) which can support…"): the overlap spans a sentence end, so
    it is looked for in the paragraph, and must be longer than its last
    sentence and long enough to be no chance."""
    if not cut.sentences or len(cut.sentences) < 2 or head.block.kind is not Kind.PARAGRAPH:
        return None
    last = cut.sentences[-1].source.strip()
    shared = overlap(cut.source, head.source, MIN_SPANNING, MIN_SPANNING)
    if shared <= len(last):
        return None
    source = cut.source.rstrip()[:-shared] + head.source.lstrip()
    joined = _reparsed(cut, head, source, How.RESTARTED)
    if joined is not None and joined.unit is not None:
        joined.unit.cut, joined.unit.quote_open = head.cut, head.quote_open
    return joined


def _again(key: str, written: str) -> bool:
    """The same sentence, or written again after a lead-in ("基本的に、では…")."""
    return key == written or without_lead_in(key) == written


def _whole(cut: Unit, head: Unit) -> Unit:
    """The head, standing where the cut stood."""
    unit = make_unit(head.block, head.piece)
    unit.cut, unit.quote_open = head.cut, head.quote_open
    return unit


def _setext_dash(head: Unit) -> bool:
    return head.block.kind is Kind.HEADING and head.block.source.rstrip().endswith("\n-")


def _goes_on(head: Unit) -> bool:
    return bool(head.sentences and starts_mid_sentence(head.sentences[0].source))


def _lower(head: Unit) -> bool:
    return bool(head.sentences and _LOWER_START.match(head.sentences[0].source))


def _replace(cut: Unit, at: int, head: Unit) -> Unit:
    """The cut's sentences before ``at``, then the head's."""
    assert cut.sentences is not None and head.sentences is not None
    unit = cut.with_sentences([*cut.sentences[:at], *head.sentences])
    return _joined(unit, cut, head)


def _splice(cut: Unit, head: Unit, joined: str) -> Unit:
    """The cut sentence replaced by ``joined``, then the rest of the head."""
    assert cut.sentences is not None and head.sentences is not None
    last, first = cut.sentences[-1], head.sentences[0]

    middle = Sentence(joined, source_key(joined), first.complete, last.line)
    unit = cut.with_sentences([*cut.sentences[:-1], middle, *head.sentences[1:]])
    return _joined(unit, cut, head)


def _joined(unit: Unit, cut: Unit, head: Unit) -> Unit:
    """A unit made of two: it ends where the head ends, cut or not."""
    unit.cut = head.cut
    unit.quote_open = head.quote_open
    unit.piece = head.piece
    # Where the head's lines begin in the joined text, for the line map.
    offset = unit.source.find(head.source.split("\n", 1)[0].strip()[:20])
    if offset > 0:
        unit.extra.append((unit.source.count("\n", 0, offset), head.line))
    return unit


def _block_through(cut: Unit, head: Unit, vocabulary: set[str]) -> Joined | None:
    """A list or table cut by a marker, read through into the head."""

    def join(before: str, after: str) -> str:
        # The item restarted a few words back ("判定の根拠となる画像" + "の根拠
        # となる画像を…"), as a paragraph's cut sentence may be.
        shared = overlap(before, after, MIN_OVERLAP, MIN_OVERLAP_CJK)
        if shared and shared < len(before.rstrip()):
            return before.rstrip()[:-shared] + after.lstrip()
        if shared and after.lstrip().startswith(before.strip()):
            # The row or item written again from its start ("| **Root HMR** |
            # 30." then the whole row): the whole one replaces the cut one.
            return before[: len(before) - len(before.lstrip())] + after.lstrip()
        return join_cut(before, after, vocabulary)

    block = cut.block
    source: str | None = None
    how = How.STITCHED
    if block.kind is Kind.LIST and head.block.kind is Kind.LIST:
        joined = join_lists(block, head.block)
        if joined is not None:
            source, again = joined
            how = How.RESTARTED if again else How.STITCHED
            if again:
                # The item restarted was an attempt at the item before it,
                # cut sooner ("* 合併 RubyGems…請改用" under the whole item).
                source = item_twice(source, block.source.rstrip().count("\n")) or source
    elif block.kind is Kind.LIST and (head.block.kind is Kind.PARAGRAPH or _setext_dash(head)):
        # The item's rest; "fdoaf" then a bullet cut bare ("-") reads as a
        # setext heading, and is the same rest.
        source = continue_item(block, head.block, join, lambda a, b: one_word(a, b, vocabulary))
    elif block.kind is Kind.TABLE and (
        head.block.kind in (Kind.PARAGRAPH, Kind.LIST) or _indented_cells(head)
    ):
        source = join_rows(block.source, head.block.source, join, header=True)
    if source is None:
        return None
    return _reparsed(cut, head, source, how)


def _indented_cells(head: Unit) -> bool:
    """A row's rest that opens with the spaces before its next cell ("| Vite
    3.0.0  |" + "    3.05MB    |    17.8MB    |"): read alone, indented code."""
    first = head.block.source.split("\n", 1)[0]
    return (
        head.block.kind is Kind.CODE and first[:1] in (" ", "\t") and first.rstrip().endswith("|")
    )


def _header_through(cut: Unit, head: Unit, vocabulary: set[str]) -> Joined | None:
    """The cut (``a | b`` or ``| a``) and the head read as one table: joined
    where the cut fell, or, the cut having fallen at a line's end, on a new line."""
    if head.block.kind not in (Kind.PARAGRAPH, Kind.LIST, Kind.TABLE):
        return None
    joined = join_rows(cut.source, head.block.source, lambda a, b: join_cut(a, b, vocabulary))
    candidates = [joined] if joined is not None else []
    candidates.append(cut.source.rstrip("\n") + "\n" + head.block.source.lstrip("\n"))
    for source in candidates:
        found = _reparsed(cut, head, source, How.STITCHED, table_only=True)
        if found is not None:
            return found
    return None


def _percent_rest(cut: Unit, head: Unit) -> Joined | None:
    """A cut carried on by a line MyST reads as a comment: a number cut
    before its "%" ("売上は前年より50" then "%増えました。"), or an encoded
    address cut before one of its "%XX" ("…%5D%0A" then "%0Aprint%28…)").
    The line goes back on the cut; read as a comment it would be hidden."""
    if not (
        cut.prose and cut.cut and head.block.kind is Kind.OTHER and head.source.startswith("%")
    ):
        return None
    if LINK_OPEN.search(cut.source) is not None:
        first = head.source.split("\n", 1)[0]
        rest = first.split(")", 1)[0]
        if rest == first or any(ch.isspace() for ch in rest):
            return None  # no ")" closes the address on the line: no rest of it
    elif not cut.source.rstrip()[-1:].isdigit():
        return None
    return _reparsed(cut, head, cut.source.rstrip() + head.source, How.STITCHED)


def _heading_rest(cut: Unit, head: Unit) -> Joined | None:
    """A cut before a "#" ("Microsoft created C" then "# as a language for
    its platform."): the line reads as a heading, which, left with nothing
    under it, would go. A one-line heading that starts mid-sentence (a
    lower-case word, a particle) or ends as a Japanese sentence does, right
    after a sentence cut on a letter or digit, is the sentence's rest."""
    if not (cut.prose and cut.cut and head.block.kind is Kind.HEADING):
        return None
    line = head.source.strip()
    text = line.lstrip("#").strip()
    if "\n" in line or not text or not cut.source.rstrip()[-1:].isalnum():
        return None
    if not (text[0].islower() or starts_mid_sentence(text) or text.endswith("。")):
        return None  # ("…で書かれています。": a heading does not end as a sentence)
    return _reparsed(cut, head, cut.source.rstrip() + line, How.STITCHED)


def _reparsed(
    cut: Unit, head: Unit, source: str, how: How, table_only: bool = False
) -> Joined | None:
    """The joined source as blocks: one block of the cut's kind (a list read
    through stays a list), or a table followed by what comes after it."""
    blocks, parsed = parse_joined(cut.block, source, head.piece)
    if not blocks:
        return None
    if table_only:
        # The table, or the line of text it follows and then the table.
        first_table = 1 if blocks[0].kind is Kind.PARAGRAPH and len(blocks) > 1 else 0
        if blocks[first_table].kind is not Kind.TABLE:
            return None
    elif len(blocks) != 1 or blocks[0].kind is not cut.block.kind:
        return None  # the join would not read as one block: keep both as written
    units = [make_unit(block, head.piece) for block in blocks]
    units[0].line = cut.line
    units[-1].ends_article = head.ends_article  # the generator stopped after it
    return Joined(how, units[0], units[1:], parsed)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0
