"""A list or a table cut by a fragment marker, read through into the next fragment.

The generator cuts a list like any text: inside an item ("- 供給が安" then
"定しています。"), between two items, or inside a bullet ("-" then " mjvssa").
The next fragment carries on with a paragraph (the rest of the item, then
the next items as a list) or with a list (the next items, or the list
written again from an earlier item). A table cut inside a row carries on
with the rest of the row and the rows after it, which read as a paragraph
(or a list: "- |") on their own. These functions say what the one block
is; the merge decides when to ask (see ``_Merger.continue_block``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .document import FENCE, Block, Kind, parse_blocks
from .repeats import shingles  # the linter's definition of alike text
from .text import (
    SENTENCE_OPENERS,
    comparison_key,
    ends_terminated,
    is_cjk,
    overlap,
    starts_mid_sentence,
    unclosed_opener,
)

MAX_OVERLAP = 64  # items a retry repeats at most; bounds the search per list

_BULLET = re.compile(
    r"(?P<indent>\s*)(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})(?P<delimiter>[.)]))(?:[ \t]+|$)"
)


@dataclass(frozen=True, slots=True)
class Item:
    # Comparison key of its text, brackets left out: a reference link reads as
    # its text where its definition is in the same piece, as "[text][label]"
    # where it is not, and a cut one as "[text".
    key: str
    lines: tuple[str, ...]  # its source lines, bullet included


_UNRESOLVED = re.compile(r"\]\[[^\[\]]*\]")  # the "[label]" of "[text][label]"


def items(block: Block, first: int = 0, stop: int | None = None) -> list[Item]:
    """The top-level items of a list block (those from ``first`` to ``stop``),
    each with its source lines."""
    lines = block.source.split("\n")
    out: list[Item] = []
    count = len(block.items)
    for i in range(first, count if stop is None else min(stop, count)):
        item = block.items[i]
        start = item.line - block.line
        end = block.items[i + 1].line - block.line if i + 1 < count else len(lines)
        key = _UNRESOLVED.sub("", comparison_key(item.text)).replace("[", "").replace("]", "")
        out.append(Item(key, tuple(lines[start:end])))
    return out


def bullet(line: str) -> str:
    """The list's kind, as CommonMark tells lists apart: the bullet character,
    or the delimiter of an ordered list. Empty for a line that opens no item."""
    match = _BULLET.match(line)
    if not match:
        return ""
    return match["bullet"] or match["delimiter"]


def _cells(row: str) -> int:
    # One pipe off each end: "|部品|型番||" has an empty last cell, three in all.
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(row.split("|"))


def row_complete(header: str, row: str) -> bool:
    """Does a table row have all the header's cells, and its closing ``|``
    when the header has one? A row that does not was cut."""
    closed = not header.rstrip().endswith("|") or row.rstrip().endswith("|")
    return closed and _cells(row) >= _cells(header)


def join_rows(
    table: str, rest: str, join: Callable[[str, str], str], header: bool = False
) -> str | None:
    """A table's source read through into the text that carries it on: the
    rest of its last row (joined as a cut sentence is), then the rows after it.

    With a ``header`` (``table`` reads as a table), a complete last row
    (``row_complete``) is carried on only by a new row (None otherwise).
    Without one (cut before the ``| --- |`` row ends) a new row is read
    where the last line ends with ``|`` and ``rest`` begins with one.
    """
    lines = table.rstrip("\n").split("\n")
    head, *more = rest.lstrip("\n").split("\n")
    last = lines[-1].rstrip()
    if header and len(lines) > 2:  # a body row, not the | --- | row, is last
        if row_complete(lines[0], last):
            # Complete: only a row goes on ("3 | 4" yes, "End." no).
            return "\n".join([*lines, head.lstrip(), *more]) if "|" in head else None
    elif last.endswith("|") and head.lstrip().startswith("|"):
        return "\n".join([*lines, head.lstrip(), *more])
    return "\n".join([*lines[:-1], join(lines[-1], head), *more])


def item_paragraph_twice(source: str) -> tuple[str, int, int] | None:
    """A list whose item has the same paragraph twice, one after the other
    ("  引入了無盡範圍…：" twice under one bullet): the list without the second,
    and the 0-based lines the two start on; None when there is none."""
    lines = source.split("\n")
    runs: list[tuple[int, int]] = []  # (first, end) of each run of lines
    at = 0
    while at < len(lines):
        if not lines[at].strip():
            at += 1
            continue
        end = at
        while end < len(lines) and lines[end].strip():
            end += 1
        runs.append((at, end))
        at = end
    for (a, b), (c, d) in pairwise(runs):
        first, second = lines[a:b], lines[c:d]
        if (
            first[0][:1].isspace()  # a paragraph under the item, not its bullet line
            and not _BULLET.match(first[0])
            and [line.strip() for line in first] == [line.strip() for line in second]
            and len("".join(first).strip()) >= MIN_ITEM_RESTART
        ):
            return "\n".join([*lines[:b], *lines[d:]]), a, c
    return None


def starts_item(line: str) -> bool:
    """Does the line open a list item ("- ", "* ", "12. ")?"""
    return _BULLET.match(line) is not None


def item_twice(source: str, after: int = 0) -> str | None:
    """A list with one item written twice in a row, each on one line, the
    second copy on line ``after`` or later (the whole item, then again where
    an attempt cut shorter was restarted): the list with it once; None when
    there is none."""
    lines = source.split("\n")
    filled = [at for at, line in enumerate(lines) if line.strip()]
    for a, b in pairwise(filled):
        if (
            b >= after
            and _BULLET.match(lines[a])
            and lines[a].strip() == lines[b].strip()
            and len(lines[a].strip()) >= MIN_ITEM_RESTART
        ):
            return "\n".join([*lines[:a], *lines[b:]])
    return None


def _goes_on_the_line(head: str) -> bool:
    """The piece starts with one space and a word or a mark (" [Bug #10212]"):
    the generator went on with the item's line after its full stop."""
    return head[:1] == " " and (head[1:2].isalnum() or head[1:2] in "[`*_(")


def item_paragraph_again(lines: list[str], again: str) -> str | None:
    """The list with the cut paragraph under its last item written again
    from its start ("  Dabei handelt es sich…verwiesen" then the same lines
    and on, or stopped sooner, "…Beschl" then "…sodass"): the latest
    attempt, at the item's indent."""
    start = len(lines)
    while start > 0 and lines[start - 1].strip():
        start -= 1
    if start == 0 or _BULLET.match(lines[start]) or not lines[start][:1].isspace():
        return None  # the item's first paragraph: one written again has its bullet
    # Less its last word, which the cut may have stopped in ("referen").
    written = comparison_key("\n".join(lines[start:]).rstrip().rpartition(" ")[0])
    key = comparison_key(again)
    if len(written) < MIN_ITEM_RESTART or key == written:
        return None
    if not (key.startswith(written) or (len(key) >= MIN_ITEM_RESTART and written.startswith(key))):
        return None
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    return "\n".join([*lines[:start], *(indent + line.strip() for line in again.split("\n"))])


_LINK_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+!?\[[^\]\n]*\]\([^()\s]*\)[ \t]*")
MIN_ITEM_RESTART = 24  # characters of the cut paragraph a restart must repeat


def continue_item(
    block: Block,
    paragraph: Block,
    join: Callable[[str, str], str],
    one_word: Callable[[str, str], bool] | None = None,
) -> str | None:
    """The list with its last item read through into ``paragraph``, or None
    when the paragraph does not carry the item on.

    It does not when the item ends a sentence, or when the paragraph begins
    a sentence of its own in English ("…the" then "Latency fell").
    """
    if block.kind is not Kind.LIST or not block.items:
        return None
    lines = block.source.split("\n")
    last = lines[-1]
    text = block.items[-1].text.rstrip()
    head, *rest = paragraph.source.split("\n")
    if not head.strip():
        return None
    restarted = item_paragraph_again(lines, paragraph.source)
    if restarted is not None:
        return restarted
    if _LINK_ITEM.fullmatch(last) and not head[:1].isspace():
        return None  # "- [Rust: nom](https://…)": an item that is one closed link is whole
    if _fence_line(last):
        # The item's code fence ("   ```"): nothing goes on that line (it would
        # no longer close, or open, the code). An indented head is the item's
        # code (after an opening fence) or its next paragraph (after a closing
        # one); anything else is no part of it.
        if not head[:1].isspace():
            return None
        closed = sum(1 for line in lines if _fence_line(line)) % 2 == 0
        return "\n".join([*lines, *([""] if closed else []), head, *rest])
    if overlap(last, head, 6, 3):
        # The item written again from a few words back ("Que genera un" after
        # "…eager.  Que genera un"), whatever its first letter: the same item.
        joined = join(last, head)
    elif _BULLET.fullmatch(last.rstrip()):
        # Cut right after the bullet ("-" or "- "): the item's text is all here.
        joined = last.rstrip() + " " + head.lstrip()
    elif text.endswith((":", "：")) and head.strip():
        # "- `Quit`:" then "Has no data…": what the colon announces, on its line.
        joined = join(last, head)
    elif (ends_terminated(text) and not _goes_on_the_line(head)) or (
        # A piece that starts with the space after a cut word ("Unwinding
        # between" + " Rust functions…") went on with the same line, capital
        # or not; after a link or a mark the item was whole; inside a bracket
        # ("* [Bitnami" + "Ruby Stack][rubystack]") it was not.
        not (head.startswith(" ") and head[1:2].isalnum() and last.rstrip()[-1:].isalnum())
        and re.match(r"[A-Z][a-z]", head.lstrip())
        and text[-1:].isascii()
        and unclosed_opener(last) is None
        and not (one_word is not None and one_word(last, head))  # "LuaLa" + "TeX"
        # (the item's own lines follow: "1. The" + "Display and Debug impls…",
        # then "   Display API…" under the item and "2. The backtrace…")
        and not _item_goes_on(last, rest)
    ):
        return None
    elif (
        (
            _ends_like_its_siblings(block)
            or (_no_full_stops(block) and head.lstrip().startswith(SENTENCE_OPENERS))
        )
        and not starts_mid_sentence(head)
        and is_cjk(head.lstrip()[:1] or " ")
    ):
        # "…を取得する", "…を監視する", "…を追加する": Japanese items end without
        # "。"; the last one ends as the others do, or none ends with one and
        # the paragraph after it opens with words that only open a sentence
        # ("これらの概念には…"): the item was whole.
        return None
    else:
        # An item written again comes with its bullet, as a list (join_lists):
        # "- d" then "doirh" is the rest of a word, whatever letter it starts with.
        joined = join(last, head)
    return "\n".join([*lines[:-1], joined, *rest])


def _item_goes_on(last: str, rest: list[str]) -> bool:
    """Do the paragraph's next lines read as the rest of the list item the
    cut line opened: its own lines, indented as its text, or the next item
    of the list ("2." after "1.", a bullet like its own)?"""
    marker = _BULLET.match(last)
    if marker is None:
        return False
    number = marker["number"]
    width = len(marker.group(0))
    after = (
        marker["indent"]
        + (f"{int(number) + 1}{marker['delimiter']}" if number else marker["bullet"])
        + " "
    )
    for line in rest[:MAX_ITEM_GOES_ON]:
        if not line.strip():
            return False
        if line.startswith(" " * width) and not line[width : width + 1].isspace():
            return True
        if line.startswith(after):
            return True
    return False


MAX_ITEM_GOES_ON = 8  # lines of the paragraph looked at


def _fence_line(line: str) -> bool:
    """A code fence's line, indented as deep as the item it is in."""
    return FENCE.match(line.lstrip()) is not None


MIN_SIBLINGS = 2  # whole items that end as the last one does: the list's style


def _no_full_stops(block: Block) -> bool:
    """A list of at least MIN_SIBLINGS whole items, none ending on a full stop."""
    texts = [item.text.rstrip() for item in block.items]
    return len(texts) > MIN_SIBLINGS and not any(ends_terminated(text) for text in texts)


def _ends_like_its_siblings(block: Block) -> bool:
    """Does the last item end with the same two characters (not a full stop)
    as at least MIN_SIBLINGS of the items before it?"""
    texts = [item.text.rstrip() for item in block.items]
    end = texts[-1][-2:]
    if len(end) < 2 or not all(map(is_cjk, end)) or end[-1] in "。．":
        return False
    return sum(1 for text in texts[:-1] if text.endswith(end)) >= MIN_SIBLINGS


def join_lists(
    block: Block, following: Block, retry: bool = True, tight: bool = False
) -> tuple[str, int] | None:
    """One list from a list and the list the next fragment begins with.

    Returns the source and how many items of ``block`` the second list wrote
    again (a retry from an earlier item, or the cut last item restarted);
    None when the two are not one list (different bullets). Without
    ``retry`` (the items a piece writes right under the item it finished)
    a list that begins like ``block`` is no restart of it.
    """
    if block.kind is not Kind.LIST or following.kind is not Kind.LIST:
        return None
    new = items(following)
    count = len(block.items)
    if not count or not new or bullet(_first_line(block)) != bullet(_first_line(following)):
        return None
    # Only the items a retry can write again are read, not the whole list:
    # a list carried on piece after piece is joined once per piece.
    if retry and len(new) <= count and _starts_again(items(block, 0, len(new) + 1), new, count):
        # The list written again from its first item and stopped short: all
        # of it is the retry's (the merge keeps the longer list it stands for).
        return following.source, count
    old = items(block, max(0, count - MAX_OVERLAP))
    overlap = 0
    for size in range(min(len(old), len(new)), 0, -1):
        start = len(old) - size
        same = all(_same_item(old[start + i].key, new[i].key) for i in range(size - 1))
        last, again = old[-1].key, new[size - 1].key
        # The last item may be the cut one: the retry's version begins with it
        # (as written where it closed markup: "[`Vec::dedup_by`]" is whole, no
        # cut of "[`Vec::dedup_by_key`]").
        if same and (
            again == last or (again.startswith(last) and _may_go_on(old[-1], new[size - 1]))
        ):
            overlap = size
            break
    lines = block.source.split("\n")
    if overlap:
        del lines[block.items[count - overlap].line - block.line :]
    while lines and not lines[-1].strip():
        lines.pop()
    # A blank line at the end of an item keeps a loose list loose; the item
    # before the join gets the same gap as the items around it.
    # (``tight``: the items were written right under the one they follow.)
    loose = any(not line.strip() for item in old[:-1] for line in item.lines[-1:])
    gap = [""] if loose and not tight else []
    joined = [*lines, *(gap if lines else []), *following.source.split("\n")]
    return "\n".join(joined), overlap


def _may_go_on(cut: Item, whole: Item) -> bool:
    written = "\n".join(cut.lines).rstrip()
    return written[-1:] not in "])`*_>" or "\n".join(whole.lines).startswith(written)


def _first_line(block: Block) -> str:
    return block.source.partition("\n")[0]


WINDOWS = (1, MAX_OVERLAP + 1)  # items or rows parsed again with a join, fewest first


def parse_joined(block: Block, source: str, fragment: int) -> tuple[list[Block], int]:
    """``source``, ``block`` read through into what carries it on, as blocks.

    A list or table has only its end parsed again: its last item or row
    (with the few a retry wrote again) and what follows; the items or rows
    before stay as ``block`` has them when ``source`` begins with them.
    Parsed whole at every join, a block carried on piece after piece would
    cost the square of its length. Returns the blocks and how many
    characters were parsed.
    """
    lines: list[str] | None = None
    for keep, header in _splits(block):
        if lines is None:
            lines = block.source.split("\n")
        prefix = "\n".join(lines[:keep])
        if not source.startswith(prefix + "\n"):
            continue
        first = block.line + keep - header
        rest = source[len(prefix) + 1 :]
        window = "\n".join([*lines[:header], rest]) if header else rest
        blocks = parse_blocks(window, first, fragment)
        if blocks and blocks[0].kind is block.kind and blocks[0].line == first:
            blocks[0] = _rejoined(block, prefix, keep, header, blocks[0])
            return blocks, len(window)
    return parse_blocks(source, block.line, fragment), len(source)


def _splits(block: Block) -> list[tuple[int, int]]:
    """Where the part of ``block`` that a join may change can begin: lines
    of ``block`` to keep, and lines to parse again before the rest (a
    table's header and delimiter row), for each window that leaves some."""
    if block.kind is Kind.LIST:
        count = len(block.items)
        return [(block.items[-n].line - block.line, 0) for n in WINDOWS if n < count]
    if block.kind is Kind.TABLE:
        count = block.source.count("\n") + 1
        return [(count - n, 2) for n in WINDOWS if count - n > 2]
    return []


def _rejoined(block: Block, prefix: str, keep: int, header: int, tail: Block) -> Block:
    source = tail.source
    if header:
        source = source.split("\n", header)[header] if source.count("\n") >= header else ""
    whole = Block(block.kind, block.line, tail.end_line, prefix + "\n" + source, tail.fragment)
    if block.kind is Kind.LIST:
        first = block.line + keep
        whole.items = (*(item for item in block.items if item.line < first), *tail.items)
        whole.text = "\n".join(item.text for item in whole.items)
        whole.key = comparison_key(whole.text) if whole.text else ""
    return whole


REWORDED_ITEM = 0.8  # 4-gram similarity of an item and its rewording ("基本的に、" added)
MIN_REWORDED_ITEM = 30  # shorter items are too alike by chance


def _same_item(old: str, new: str) -> bool:
    """The same item, or the same written again with a few words changed."""
    if old == new:
        return True
    shorter, longer = sorted((len(old), len(new)))
    if shorter < MIN_REWORDED_ITEM or shorter < REWORDED_ITEM * longer:
        return False  # the 4-gram similarity is at most the ratio of the lengths
    a, b = _grams(old), _grams(new)
    return len(a & b) >= REWORDED_ITEM * len(a | b)


@lru_cache(maxsize=256)
def _grams(key: str) -> frozenset[str]:
    # A retry's items are compared with each earlier item in turn: each once.
    return shingles(key)


def _starts_again(old: list[Item], new: list[Item], count: int) -> bool:
    """Do ``new``'s items write the first of ``count`` items (``old``, at least
    as many as ``new``) again from the first, the last one cut short?"""
    last = len(new) - 1
    shorter = len(new) < count or new[last].key != old[last].key
    return (
        shorter
        and bool(new[last].key)
        and old[last].key.startswith(new[last].key)
        and all(new[i].key == old[i].key for i in range(last))
    )
