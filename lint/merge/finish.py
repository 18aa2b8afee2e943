"""The merge's last stage: settle what is still cut, tidy, and write the page.

* A cut nothing continued: its earlier attempt's continuation from the same
  point where there is one (nothing complete is lost), else quietly dropped
  when its complete version stands elsewhere, else trimmed with a warning.
* A heading left with nothing under it goes, with a warning.
* A lone ``**`` that a join or a restart left is mended.
* The page: the front matter as written, then the blocks, with a line map
  from the page's lines to the raw file's.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ..cut_blocks import starts_item
from ..document import Block, Document, Kind, parse_blocks
from ..metadata import OPENING
from ..text import ends_terminated, mask_code_spans
from .article import Article, Node
from .events import Action, Event, MergeResult
from .sentences import source_key
from .units import Unit, make_unit, reads_cut

MIN_CUT_MATCH = 8  # a cut this short ("この") could begin anything


def settle_cuts(article: Article, events: list[Event]) -> None:
    starts: _Starts | None = None  # built at the first cut block
    for node in list(article.nodes):
        if node.cut and not node.unit.prose and not node.level:
            if starts is None:
                starts = _Starts(article)
            _settle_cut_block(article, node, events, starts)
            continue
        unit = node.unit
        sentences = unit.sentences
        if not node.cut or not sentences:
            continue
        cut = sentences[-1]
        if cut.complete:
            continue
        if not (unit.word_begun or reads_cut(unit)):
            node.cut = False  # whole without a full stop ("MIT"): nothing to trim
            continue
        earlier = _earlier_continuation(node)
        if earlier is not None:
            events.append(
                Event(
                    Action.COMPLETED,
                    cut.line,
                    "latest attempt stops short; the earlier attempt goes on from the same point",
                )
            )
            article.update(node, earlier)
            node.cut = False
            continue
        kept = unit.with_sentences(sentences[:-1])
        if len(cut.key) >= MIN_CUT_MATCH and _stands_elsewhere(article, node, cut.key):
            events.append(Event(Action.COMPLETED, cut.line, "cut sentence already stands complete"))
        else:
            events.append(_trimmed(cut.line, cut.source))
        node.cut = False
        # What is left must say something: "..." before the cut sentence
        # ("...यह उसी URL का link…") is its lead, not a paragraph.
        if kept.sentences and any(ch.isalnum() for ch in kept.source):
            article.update(node, kept)
        else:
            article.remove(node)


MAX_TAIL_WORDS = 3  # a longer last line of a list may well be whole
_TITLE_WORD = re.compile(r"[A-Z][a-z]{1,15}")


def trim_first_word(article: Article, events: list[Event]) -> None:
    """The article's last block, one capitalised word of the language under
    a heading ("## Release Comment" then "See"): the generator stopped as the
    section's first sentence began. It goes, with a warning (and the heading,
    left with nothing under it, after it). A name in capitals ("MIT") stays."""
    from .sentences import english_words

    placed = [n for n in article.nodes[-2:] if not n.removed]
    if len(placed) < 2 or not placed[-1].unit.ends_article:
        return
    node, before = placed[-1], placed[0]
    word = node.unit.source.strip()
    if (
        node.unit.block.kind is Kind.PARAGRAPH
        and before.unit.block.kind is Kind.HEADING
        and _TITLE_WORD.fullmatch(word)
        and word.lower() in english_words()
    ):
        events.append(_trimmed(node.unit.line, word))
        article.remove(node)


def trim_list_tail(article: Article, events: list[Event]) -> None:
    """The article's last block, a list the generator stopped in as one of its
    items began a sentence or a paragraph on a line of its own ("   Res" after
    the item's code, "  Addition" after "…performance. [[Feature #14045]](…)"):
    that line, a word or three without a full stop, goes, with a warning."""
    placed = [n for n in article.nodes[-2:] if not n.removed]
    if not placed or not placed[-1].unit.ends_article:
        return
    node = placed[-1]
    if (
        node.unit.block.kind is Kind.PARAGRAPH
        and len(placed) == 2
        and placed[0].unit.block.kind in (Kind.LIST, Kind.CODE)
        # (the code of the item it goes on with stands apart too, indented)
        and (placed[0].unit.block.kind is Kind.LIST or placed[0].unit.source[:1].isspace())
        and _stopped_item_line(node.unit.source.rstrip(), "")
    ):
        # The line stood apart from its list in the last piece: the same line.
        events.append(_trimmed(node.unit.line, node.unit.source))
        article.remove(node)
        return
    if node.unit.block.kind is not Kind.LIST:
        return
    lines = node.unit.source.rstrip().split("\n")
    last = lines[-1]
    if len(lines) < 2 or not _stopped_item_line(last, lines[-2]):
        return
    blocks = parse_blocks("\n".join(lines[:-1]).rstrip(), node.unit.line, node.unit.piece)
    if len(blocks) != 1 or blocks[0].kind is not Kind.LIST:
        return
    kept = make_unit(blocks[0], node.unit.piece)
    kept.line = node.unit.line
    events.append(_trimmed(node.unit.line + len(lines) - 1, last))
    article.update(node, kept)


def _stopped_item_line(line: str, before: str) -> bool:
    """A line of a list item, a word or three of letters without a full stop,
    after a blank line or a line that ends a sentence: where the item's next
    sentence or paragraph began when the generator stopped."""
    words = line.split()
    return (
        line[:1].isspace()  # a line of an item, not its bullet
        and not starts_item(line)
        and 1 <= len(words) <= MAX_TAIL_WORDS
        and all(word.isalpha() for word in words)  # no checksum, size or "key: value"
        and (not before.strip() or _ends_a_sentence(before))
    )


def _ends_a_sentence(line: str) -> bool:
    """Does the line end a sentence, a code block, or a sentence and then the
    links that go with it ("…performance. [[Feature #14045]](…)")?"""
    text = line.rstrip()
    for _ in range(MAX_TAIL_LINKS):
        at = text.rfind("](")
        if not text.endswith(")") or at < 0:
            break
        start = text.rfind("[", 0, at)
        while start > 0 and text[start - 1] == "[":
            start -= 1
        if start < 0:
            break
        text = text[:start].rstrip()
    return text.endswith(("```", "~~~")) or ends_terminated(text)


MAX_TAIL_LINKS = 4  # links after a full stop looked through


MAX_CUT_SCAN = 256  # blocks that start as a cut one does, looked through for its whole version


class _Starts:
    """The article's blocks that are no prose, sorted by their text per kind:
    the blocks that start with a given text are one run of that order."""

    def __init__(self, article: Article) -> None:
        rows: dict[Kind, list[tuple[str, int, Node]]] = {}
        for at, node in enumerate(article.nodes):
            if not node.unit.prose:
                rows.setdefault(node.unit.block.kind, []).append(
                    (node.unit.source.strip(), at, node)
                )
        self.texts: dict[Kind, list[str]] = {}
        self.nodes: dict[Kind, list[Node]] = {}
        for kind, found in rows.items():
            found.sort(key=lambda row: (row[0], row[1]))  # ties in page order
            self.texts[kind] = [row[0] for row in found]
            self.nodes[kind] = [row[2] for row in found]

    def starting(self, kind: Kind, prefix: str) -> list[Node]:
        texts = self.texts.get(kind, [])
        at = bisect.bisect_left(texts, prefix)
        out: list[Node] = []
        while at < len(texts) and texts[at].startswith(prefix) and len(out) < MAX_CUT_SCAN:
            out.append(self.nodes[kind][at])
            at += 1
        return out


def _settle_cut_block(article: Article, node: Node, events: list[Event], starts: _Starts) -> None:
    """A list, fence or table cut at a piece's end that nothing carried on:
    when its whole version stands, the cut copy goes. Decided at the end, as
    a cut table may be the start of another one with the same header.

    A whole version starts as the cut one does: it is looked up in the
    article's blocks sorted by their text (one cut block after every piece
    compared with every block would cost the square of the pieces)."""
    node.cut = False
    source = node.unit.source.strip()
    # Its lines up to the one the marker cut, if there are some ("def main():"
    # then 'print("half'): another attempt written from the same start is it.
    written = source.split("\n")[:-1] if node.unit.block.unclosed else []
    kind = node.unit.block.kind
    candidates = starts.starting(kind, source)
    if len(written) >= 2:
        candidates += starts.starting(kind, "\n".join(written) + "\n")
    candidates.sort(key=lambda other: other.rank)  # the first in the page, as read
    for other in candidates:
        whole = other.unit.source.strip()
        if (
            other is not node
            and not other.removed
            and len(whole) > len(source)
            and (
                whole.startswith(source)
                or (len(written) >= 2 and whole.split("\n")[: len(written)] == written)
            )
        ):
            events.append(
                Event(
                    Action.COMPLETED,
                    node.unit.line,
                    f"cut {node.unit.block.kind.value}; the whole one stands at line "
                    f"{other.unit.line}",
                    other=other.unit.line,
                )
            )
            article.remove(node)
            return


def _trimmed(line: int, text: str) -> Event:
    """The warning for cut text that nothing continued and that goes."""
    return Event(
        Action.TRIMMED, line, "trimmed a cut sentence nothing continues", text.strip(), warning=True
    )


def _earlier_continuation(node: Node) -> Unit | None:
    """An earlier version that goes on past the latest one's cut: the latest
    up to its cut, then the earlier one from the same point (its sentence
    that the cut begins, and what follows it)."""
    unit = node.unit
    assert unit.sentences is not None
    done, cut = unit.sentences[:-1], unit.sentences[-1]
    for older in reversed(node.older):
        sentences = older.sentences or []
        if len(sentences) <= len(done):
            continue
        if not all(_alike(a.key, b.key) for a, b in zip(done, sentences, strict=False)):
            continue
        following = sentences[len(done)]
        # By key, or as written: a cut inside a link ("[issue](https://github.co")
        # has no link in its key, the whole sentence has its text only.
        if (following.key.startswith(cut.key) and len(following.key) > len(cut.key)) or (
            len(following.source.strip()) > len(cut.source.strip())
            and following.source.strip().startswith(cut.source.strip())
        ):
            return unit.with_sentences([*done, *sentences[len(done) :]])
    return None


def _alike(a: str, b: str) -> bool:
    """The same sentence, or a rewording of it ("基本的に、" added)."""
    if a == b or a in b or b in a:
        return True
    from ..repeats import shingles

    mine, theirs = shingles(a), shingles(b)
    return len(mine & theirs) / len(mine | theirs) >= 0.5


def _stands_elsewhere(article: Article, node: Node, key: str) -> bool:
    return any(
        other is not node and any(k.startswith(key) and k != key for k in _sentence_keys(other))
        for other in article.containing(key)
    )


def _sentence_keys(node: Node) -> list[str]:
    return [s.key for s in node.unit.sentences or ()]


def drop_dangling_headings(document: Document, article: Article, events: list[Event]) -> None:
    """From the end back, so a section emptied by a removed subsection goes too.

    A heading the writer put right above the next one, in one piece, is
    theirs (an empty changelog entry, "#### Do not print…" then "#### Bail
    when…"), and so is one a later piece writes again right above it (the
    cut left it dangling, the repeat shows the section is empty): only a
    heading a cut or a dropped repeat left empty goes."""
    after: dict[str, set[str]] = {}
    for fragment in document.fragments:
        for block, following_block in zip(fragment.blocks, fragment.blocks[1:], strict=False):
            if block.kind is Kind.HEADING and following_block.kind is Kind.HEADING:
                after.setdefault(block.key, set()).add(following_block.key)
    following: Node | None = None
    for node in reversed(list(article.nodes)):
        if (
            node.level
            and (following is None or (following.level and following.level <= node.level))
            and not _written_above(node, following, after)
        ):
            events.append(
                Event(
                    Action.HEADING,
                    node.unit.line,
                    "removed a heading with nothing under it",
                    node.unit.source.strip(),
                    warning=True,
                )
            )
            article.remove(node)
            continue
        following = node


def _written_above(node: Node, following: Node | None, after: dict[str, set[str]]) -> bool:
    """Does the raw file have ``following`` right after the heading ``node``,
    in one piece (``after``: the headings written right after each heading)?"""
    if following is None or node.unit.block.kind is not Kind.HEADING:
        return False
    keys = {version.block.key for version in (following.unit, *following.older)}
    return any(
        not keys.isdisjoint(after.get(version.block.key, ()))
        for version in (node.unit, *node.older)
    )


def repair_markup(article: Article, events: list[Event]) -> None:
    """A lone ``**`` left by a cut or a restart is removed."""
    for node in article.nodes:
        unit = node.unit
        if not unit.prose or "**" not in unit.source:
            continue
        text = unit.source
        bare = mask_code_spans(text, "\x00")  # one pass over backtick runs
        if bare.count("**") % 2 == 0:
            continue
        # Pair ** from the left; the one left over is the stray.
        positions = [m.start() for m in re.finditer(r"\*\*", bare)]
        stray = positions[-1]
        for first, second in zip(positions[::2], positions[1::2], strict=False):
            between = bare[first + 2 : second]
            if "\n\n" in between or not between.strip():
                stray = first
                break
        if _code_stars(bare, stray):
            continue  # "foo(**h)", "def bar(h, **kwargs)": code a writer put in a paragraph
        repaired = text[:stray] + text[stray + 2 :]
        node.unit = dataclasses.replace(unit, source=repaired, key=source_key(repaired))
        events.append(Event(Action.REPAIRED, unit.line, "removed a lone '**' left by a cut"))


def _code_stars(text: str, at: int) -> bool:
    """Is the ``**`` at ``at`` code rather than a mark: a double splat after
    an opening bracket, a comma or ``=`` (a Japanese comma before a name),
    or a power between spaces?"""
    before = text[:at].rstrip(" ")
    after = text[at + 2 : at + 3]
    if before[-1:] in ("(", "[", "{", ",", "="):
        return True
    if before[-1:] in ("、", "，") and after.isascii() and (after.isalpha() or after == "_"):
        return True  # "つまり、**kwargsを": a name in Japanese prose
    return text[at - 1 : at] == " " and after == " "


def front_matter_text(document: Document) -> str:
    """The front matter exactly as written: block style, quotes and comments kept."""
    front = document.front_matter
    if not front.present:
        return ""
    return "---\n" + front.raw + ("\n" if front.raw else "") + "---\n"


def close_cut_blocks(document: Document, article: Article, events: list[Event]) -> None:
    """A fence, colon fence, math or HTML block a marker cut is closed.

    In the article the marker ended it; on the page nothing would, and the
    rest of the page would be code (or the note, or the comment). One the
    last piece leaves open runs to the end anyway, and stays as written.
    """
    cut = {
        id(fragment.blocks[-1])
        for fragment in document.fragments
        if fragment.marker is not None and fragment.blocks
    }
    markers = {marker.text.strip() for marker in document.markers}
    for node in article.nodes:
        block = node.unit.block
        if id(block) not in cut:
            continue
        closer = _closer(node.unit.source.rstrip("\n"), block)
        if closer is None:
            continue
        source = node.unit.source.rstrip("\n") + "\n" + closer
        if not any(line.strip() in markers for line in source.split("\n")):
            # (Marker text in its code is code only where it was written.)
            source = _unindented_fence(source)
        node.unit = dataclasses.replace(node.unit, source=source)
        what = block.kind.value if block.kind is not Kind.PARAGRAPH else "math"
        events.append(
            Event(
                Action.REPAIRED,
                node.unit.line,
                f"closed the {what} block a marker cut ({closer.strip()!r})",
            )
        )


def _closer(source: str, block: Block) -> str | None:
    """The line that ends a block left open, or None when it is closed."""
    lines = source.split("\n")
    first = lines[0]
    indent = first[: len(first) - len(first.lstrip())]
    if block.unclosed:  # a backtick or tilde fence: code, or a directive
        fence = re.match(r"\s*(`{3,}|~{3,})", first)
        return indent + fence.group(1) if fence else None
    if block.kind is Kind.DIRECTIVE:
        colons = re.match(r"\s*(:{3,})", first)
        if colons and (len(lines) == 1 or lines[-1].strip() != colons.group(1)):
            return indent + colons.group(1)
        return None
    if block.kind is Kind.MATH or (block.kind is Kind.PARAGRAPH and first.startswith("$$")):
        if lines == ["$$"] or not lines[-1].rstrip().endswith("$$"):
            return "$$"
        return None
    if block.kind is Kind.HTML:
        text = source.lstrip()
        for opener, closing in _HTML_BLOCK_ENDS:
            start = re.match(opener, text, re.I)
            if start:
                end = closing.replace("TAG", start.group(1) if start.groups() else "")
                return None if end.lower() in text[2:].lower() else end
    return None


# CommonMark's HTML blocks 1 to 5 end at a closing string, not at a blank line.
_HTML_BLOCK_ENDS = (
    (r"<(script|pre|style|textarea)(?=\s|>|$)", "</TAG>"),
    (r"<!--", "-->"),
    (r"<\?", "?>"),
    (r"<!\[CDATA\[", "]]>"),
    (r"<![A-Za-z]", ">"),
)


def render(document: Document, article: Article, events: list[Event]) -> MergeResult:
    text = front_matter_text(document)
    parts = [node for node in article.nodes if node.unit.source.strip()]
    if text and parts:
        text += "\n"
    elif parts and OPENING.fullmatch(parts[0].unit.source.strip("\n").partition("\n")[0]):
        # A page that opens on a rule ("---") would read as front matter the
        # next time: a blank first line keeps it a rule.
        text = "\n"
    line = text.count("\n") + 1
    lines: list[tuple[int, int]] = []
    body: list[str] = []
    previous: Node | None = None
    for node in parts:
        source = node.unit.source.strip("\n")
        if node.unit.block.kind is Kind.MATH and not node.unit.extra:
            # Blank lines in a math block are one paragraph break however many;
            # a run of them reads otherwise when the page pairs its "$$" with
            # another piece's (a lone "$$" a cut left), so the page would
            # change when merged again.
            source = _BLANK_RUN.sub("\n\n", source)
        if previous is not None:
            # Blocks written one under the other (a MyST target above its
            # heading, a setext underline) stay so; others get a blank line.
            gap = "\n" if _adjacent(previous, node, document.lines) else "\n\n"
            body.append(gap)
            line += gap.count("\n")
        lines.append((line, node.unit.line))
        for offset, raw in node.unit.extra:
            lines.append((line + offset, raw))
        body.append(source)
        line += source.count("\n")
        previous = node
    text += "".join(body)
    ordered = sorted(events, key=lambda e: e.line)
    return MergeResult(text.rstrip("\n") + "\n", ordered, sorted(lines))


_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


def _unindented_fence(source: str) -> str:
    """A fence a marker cut (the merge closes it), indented one to three
    spaces, one of whose lines goes further left than it before a fence that
    closes it there: brought to the margin as CommonMark reads it alone (each
    line loses up to the fence's indent). Indented, it would join a list item
    above it on the page, and that item, with the code, would end at the line
    further left: read again, the page would say something else. A fence as
    written is left as written: its code may hold a marker the article kept."""
    first, _, rest = source.partition("\n")
    opener = _FENCE.match(first)
    if opener is None or not rest:
        return source
    width = len(opener.group(1))
    mark = opener.group(2)
    lines = rest.split("\n")
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip():
            continue
        if indent < width:
            break  # further left before any close: to the margin
        if (
            indent <= width + 3
            and line.strip().startswith(mark)
            and not line.strip(mark[0]).strip()
        ):
            return source  # closed under the list item too: as written
    else:
        return source
    kept = [line[min(width, len(line) - len(line.lstrip(" "))) :] for line in lines]
    return "\n".join([first[width:], *kept])


_FENCE = re.compile(r"( {1,3})(`{3,}|~{3,}|:{3,})")


def _adjacent(before: Node, after: Node, lines: list[str]) -> bool:
    """Written one under the other: in the raw file, the line right above the
    start of one (or of an earlier attempt at it that began the same way) is
    the last line of the other, or of a copy of it. A cut paragraph read
    through, or restarted by the next piece, still starts right under its
    setext heading."""
    last = before.unit.source.rstrip().rpartition("\n")[2].strip()
    if not last:
        return False
    start = after.unit.source.lstrip()
    for version in (after.unit, *after.older):
        above = version.block.line - 2  # the raw line above, 0-based
        if (
            0 <= above < len(lines)
            and lines[above].strip() == last
            and start.startswith(version.block.source.lstrip()[:EDGE])
        ):
            return True
    return False


EDGE = 16  # characters of a block's edge that say it is still where it was written
