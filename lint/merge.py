"""Merge an article's fragments into one clean MyST page.

The merge walks the blocks of every fragment in order, keeping a cursor in
the output. A prose paragraph is split into sentences (source text, markup
kept) and each complete sentence is looked up in an index of the sentences
already in the output:

* a sentence that is already there is an *anchor*: it is not written
  again, and the paragraph it belongs to becomes where the block's new
  sentences go, right after the anchor, in the block's own order;
* a block with no anchor at all is new and goes in at the cursor, which is
  just after the last thing the current fragment matched, so an attempt
  that adds a section between two known sections puts it between them;
* a heading that already stands moves the cursor into its section.

At a fragment boundary the cut sentence of the previous fragment is
resolved: restarted (the next fragment begins with it), continued directly
(the next fragment begins mid-sentence), made obsolete (a complete version
of it stands elsewhere), or trimmed as unrecoverable with a warning.

Everything that is not prose is copied exactly as written. The result is
deterministic, and merging a merged page changes nothing.
"""

from __future__ import annotations

import bisect
import enum
import heapq
import re
from collections import Counter
from dataclasses import dataclass, field

import yaml

from .cut_blocks import continue_item, join_lists, join_rows
from .document import Block, Document, Kind, Role, parse_blocks, parse_document
from .repeats import fingerprints as _prints
from .repeats import shingles as _shingles
from .text import (
    CLOSERS,
    comparison_key,
    ends_terminated,
    is_cjk,
    sentence_end,
    unclosed_opener,
)
from .text import overlap as text_overlap

NEAR_SENTENCE = 0.8  # 4-gram Jaccard at which two sentences are one sentence twice
MIN_SENTENCE = 12  # shorter sentences ("Yes." "以上です。") may recur on purpose in new text
MIN_ANCHOR = 8  # but half a paragraph of them matching one paragraph is a repeat
GRAM, GRAM_STEP = 8, 4  # the containment index (see _Merger._containing)
MAX_BUCKET = 64  # a gram in more sentences than this is looked past (see _containing)
NEAR_PARAGRAPH_MIN = 60  # shorter paragraphs are compared exactly only, as in the linter
MIN_TAIL = 8  # shortest retry tail: "ました。" ends half the sentences in Japanese
LONG_TAIL = 30  # a head this long found inside merged text is a retry on its own
MIN_OVERLAP = 6  # shortest overlap between a cut and a retry that restarts inside it
MIN_OVERLAP_CJK = 3  # the same in Japanese, where three characters say much more
MIN_CUT_MATCH = 8  # a cut this short ("この") could begin anything
SHINGLE = 4


class Action(enum.StrEnum):
    STITCHED = "stitched"  # a cut read through into the next fragment
    RESTARTED = "restarted"  # the next fragment restarted the cut sentence
    DROPPED = "dropped"  # a repeat was not written again
    COMPLETED = "completed"  # a cut-short copy gave way to the complete version
    TRIMMED = "trimmed"  # an unrecoverable cut was removed
    REPAIRED = "repaired"  # broken markup was mended
    HEADING = "heading-dropped"  # a heading left with nothing under it
    COPIED = "copied"  # front matter that does not parse, written back as it was
    KEPT = "kept"  # text that looks like a defect, kept as written (a marker in code)


@dataclass(frozen=True, slots=True)
class Event:
    action: Action
    line: int
    message: str
    removed: str = ""
    warning: bool = False

    @property
    def warning_text(self) -> str:
        """The message, with the text it removed: what a warning says."""
        return f"{self.message}: {self.removed!r}" if self.removed else self.message


@dataclass(slots=True)
class Sentence:
    source: str  # as written, with its trailing whitespace
    key: str
    complete: bool
    line: int


@dataclass(slots=True)
class Piece:
    """One block of the merged page."""

    block: Block
    sentences: list[Sentence] | None = None  # prose only
    changed: bool = False
    dangling: bool = False  # a heading that ended its fragment
    removed: bool = False

    @property
    def is_prose(self) -> bool:
        return self.sentences is not None

    def render(self) -> str:
        if self.sentences is None or not self.changed:
            return self.block.source
        return _join_sentences(self.sentences)


@dataclass(slots=True)
class MergeResult:
    text: str
    events: list[Event] = field(default_factory=list)
    # (line of the page, line of the raw file) where each block starts, in
    # page order: a line of the page maps to the raw line of its block plus
    # its distance from the block's first line.
    lines: list[tuple[int, int]] = field(default_factory=list)

    @property
    def warnings(self) -> list[Event]:
        return [e for e in self.events if e.warning]

    @property
    def clean(self) -> bool:
        return not self.warnings


# Sentence splitting on the source: emphasis markers right after a
# terminal belong to the sentence they close.
_SOURCE_END = sentence_end(CLOSERS + "*_")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
_HTML_TAG = re.compile(r"<[^>\n]+>")


def source_key(source: str) -> str:
    """Comparison key of a piece of Markdown source."""
    text = _HTML_TAG.sub("", _LINK_TARGET.sub("", source))
    return comparison_key(text.replace("[", "").replace("]", ""))


def split_source(block: Block) -> list[Sentence]:
    source = block.source
    out: list[Sentence] = []
    pos = 0
    line = block.line  # of ``pos``, counted as we go: a recount per sentence is quadratic
    for match in _SOURCE_END.finditer(source):
        end = match.end()
        while end < len(source) and source[end] in " \t\n":
            end += 1
        chunk = source[pos:end]
        if chunk.strip():
            out.append(Sentence(chunk, source_key(chunk), True, line))
        line += chunk.count("\n")
        pos = end
    if pos < len(source) and source[pos:].strip():
        chunk = source[pos:]
        out.append(
            Sentence(
                chunk,
                source_key(chunk),
                ends_terminated(_HTML_TAG.sub("", chunk).replace("*", "")),
                line,
            )
        )
    return out


def _join_sentences(sentences: list[Sentence]) -> str:
    parts: list[str] = []
    for i, sentence in enumerate(sentences):
        text = sentence.source
        if i < len(sentences) - 1:
            following = sentences[i + 1].source
            if text and not text[-1].isspace() and _needs_space(text.rstrip(), following):
                text += " "
        else:
            text = text.rstrip()
        parts.append(text)
    return "".join(parts)


def _needs_space(before: str, after: str) -> bool:
    if not before or not after:
        return False
    return not (is_cjk(before[-1]) or is_cjk(after[0]))


_WORD = re.compile(r"[A-Za-z0-9']+")
_ELLIPSIS_END = re.compile(r"(?:…|‥|\.\.\.)[*_]*\s*$")
_LOWER_START = re.compile(r"\s*[a-z]")


def _vocabulary(document: Document) -> set[str]:
    """Words of the article, less the halves of words cut at a marker."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(document.text):
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    lines = document.lines
    for marker in document.markers:
        # The last word before a marker and the first after it may be halves.
        before = next((lines[i] for i in range(marker.line - 2, -1, -1) if lines[i].strip()), "")
        after = next((lines[i] for i in range(marker.line, len(lines)) if lines[i].strip()), "")
        for edge in _WORD.findall(before)[-1:] + _WORD.findall(after)[:1]:
            counts[edge.lower()] = counts.get(edge.lower(), 1) - 1
    return {word for word, count in counts.items() if count > 0}


def _fresh_english_sentence(cut: Sentence, head: Sentence) -> bool:
    """A cut "…rewrote the" then "Latency fell…": a new sentence, not a continuation."""
    before = cut.source.rstrip()
    after = head.source.lstrip()
    # A capitalised word ("Latency"), not an all-caps word cut in two ("AN」").
    return bool(before) and bool(re.match(r"[A-Z][a-z]", after)) and before[-1].isascii()


def _join_cut(before: str, after: str, vocabulary: set[str]) -> str:
    """Join a cut and its continuation, with a space only between two words.

    Japanese needs none. In English, "impor" + "tant" is one word and "the"
    + "next" two; the article's own vocabulary tells which.
    """
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return before + after
    if not (
        before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum()
    ):
        return before + after
    left = _WORD.findall(before)[-1].lower()
    right = _WORD.findall(after)[0].lower()
    if (left + right) in vocabulary:
        return before + after
    if left in vocabulary and right in vocabulary:
        return before + " " + after
    return before + after


class _Merger:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.out: list[Piece] = []
        self.sentence_home: dict[str, Piece] = {}
        self.grams: dict[str, list[str]] = {}
        # Paragraph fingerprints, to spot a retry that reworded a paragraph.
        self.paragraphs: list[Piece] = []
        self.paragraph_prints: dict[int, list[int]] = {}
        self.prefixes: dict[str, list[str]] = {}
        self.headings: dict[str, Piece] = {}
        self.literal: dict[tuple[Kind, str], Piece] = {}
        # Lists, fences and tables by their first characters, and those a marker cut.
        self.literal_heads: dict[tuple[Kind, str], list[Piece]] = {}
        self.cut_literals: set[int] = set()
        self.events: list[Event] = []
        self.cursor = 0
        self.added = False  # has the current fragment added anything yet?
        self.pending: Piece | None = None  # the paragraph the last fragment cut
        self.cuts: set[tuple[str, int]] = set()  # every sentence a marker cut
        # Words of the article, to tell "impor|tant" from "the|next" at a cut.
        self.vocabulary = _vocabulary(document)
        # The list or table the last fragment was cut in, and the line the
        # block that carries it on must start at (None: the next fragment's first).
        self.open_block: Piece | None = None
        self.open_line: int | None = None
        self.ellipsis: Piece | None = None  # the paragraph the last fragment ended "…"
        self.quote_cuts: set[int] = set()  # paragraphs once taken as cut inside a quote
        self._last_prints: tuple[str, set[int]] = ("", set())

    # Output bookkeeping ----------------------------------------------

    def position(self, piece: Piece) -> int:
        for i in range(len(self.out) - 1, -1, -1):
            if self.out[i] is piece:
                return i
        raise ValueError("piece not in output")

    def insert(self, piece: Piece) -> None:
        self.out.insert(self.cursor, piece)
        self.cursor += 1
        self.added = True
        self.register(piece)

    def register(self, piece: Piece) -> None:
        block = piece.block
        if piece.sentences is not None:
            for sentence in piece.sentences:
                if sentence.complete:
                    self.remember(sentence.key, piece)
        elif block.is_heading_like:
            self.headings.setdefault(block.key, piece)
        else:
            source = block.source.strip()
            self.literal.setdefault((block.kind, source), piece)
            if block.kind in _CUTTABLE:
                bucket = self.literal_heads.setdefault((block.kind, source[:LITERAL_HEAD]), [])
                if not bucket or bucket[-1] is not piece:  # read through: indexed already
                    bucket.append(piece)

    def remember(self, key: str, piece: Piece) -> None:
        if key in self.sentence_home:
            return
        self.sentence_home[key] = piece
        for at in range(0, len(key) - GRAM + 1, GRAM_STEP):
            self.grams.setdefault(key[at : at + GRAM], []).append(key)
        self.prefixes.setdefault(key[:MIN_CUT_MATCH], []).append(key)

    def move_cursor(self, piece: Piece) -> None:
        """Follow a match. Backwards only while the fragment re-synchronises
        (a retry starting again from earlier text); once the fragment has
        added something, a match behind the cursor is only a repeat."""
        target = self.position(piece) + 1
        if target >= self.cursor or not self.added:
            self.cursor = target

    def note(
        self, action: Action, line: int, message: str, removed: str = "", warning: bool = False
    ) -> None:
        self.events.append(Event(action, line, message, removed, warning))

    # The walk ---------------------------------------------------------

    def run(self) -> list[Piece]:
        last_index = len(self.document.fragments) - 1
        for fragment in self.document.fragments:
            blocks = [b for b in fragment.blocks if b.role is not Role.TITLE]
            # In an article with markers the last piece was cut too, marker
            # or not: the generator simply stopped.
            cut_end = fragment.marker is not None or (
                self.document.has_markers and fragment.index == last_index
            )
            if cut_end and blocks and blocks[-1].is_prose:
                last = split_source(blocks[-1])
                if last and not last[-1].complete:
                    self.cuts.add((last[-1].key, last[-1].line))
            self.cursor = len(self.out)
            self.added = False
            first = fragment.index > 0
            carried: Piece | None = None  # the list or table the last block went into
            for block in blocks:
                carried = self.open_block
                if carried is not None and self.continue_block(block):
                    first = False
                    continue
                carried = None
                table = None
                if first and self.pending is not None:
                    table = self._table_read_through(block, last=block is blocks[-1])
                if table is not None:
                    first = False
                    carried = (
                        table if table.block.kind is Kind.TABLE and not table.removed else None
                    )
                    continue
                if block.is_heading_like:
                    self.heading(block, first)
                elif block.is_prose:
                    self.paragraph(block, first)
                else:
                    if first:
                        self.resolve_pending()
                    self.literal_block(block, cut=cut_end and block is blocks[-1])
                if not (block.kind is Kind.HTML and block.source.lstrip().startswith("<!--")):
                    first = False
                    self.ellipsis = None
            self.close_fragment(cut_end)
            self.open_block = self.open_line = None
            if fragment.marker is not None and blocks:
                tail = carried
                if tail is None and blocks[-1].kind in _CONTINUED and self.cursor:
                    tail = self.out[self.cursor - 1]
                if tail is not None and tail.block.kind in _CONTINUED:
                    self.open_block = tail
        self.resolve_pending()
        self.settle_cuts()
        self.settle_cut_blocks()
        self.drop_dangling_headings()
        return self.out

    def settle_cut_blocks(self) -> None:
        """A list, fence or table cut at a fragment's end, nothing carried on,
        whose whole version stands: the cut copy goes. Decided at the end, as
        the cut copy of a table may be the start of a new one with the same
        header, until the next fragment says otherwise."""
        for piece in list(self.out):
            if id(piece) not in self.cut_literals or piece.removed:
                continue
            source = piece.block.source.strip()
            for other in self.literal_heads.get((piece.block.kind, source[:LITERAL_HEAD]), [])[
                -MAX_BUCKET:
            ]:
                if (
                    other is not piece
                    and not other.removed
                    and _cut_copy(source, other.block.source.strip())
                ):
                    piece.removed = True
                    self.out.remove(piece)
                    self.note(
                        Action.COMPLETED,
                        piece.block.line,
                        f"cut {piece.block.kind.value}; the whole one stands at line "
                        f"{other.block.line}",
                    )
                    break

    def settle_cuts(self) -> None:
        """Every sentence the generator cut is completed or trimmed, wherever
        the merge put it. Text a writer left unpunctuated on purpose was never
        at a fragment's end, and is not touched."""
        for piece in list(self.out):
            if piece.sentences is None:
                continue
            kept = []
            for sentence in piece.sentences:
                if sentence.complete or (sentence.key, sentence.line) not in self.cuts:
                    kept.append(sentence)
                else:
                    beside = any(
                        o is not sentence and o.key.startswith(sentence.key)
                        for o in piece.sentences
                    )
                    self.drop_cut(sentence, completed=beside or self._completes(sentence))
            if len(kept) != len(piece.sentences):
                piece.sentences = kept
                piece.changed = True
                if not kept:
                    piece.removed = True
                    self.out.remove(piece)

    def close_fragment(self, has_marker: bool) -> None:
        """Remember the fragment's cut, if it ends on one."""
        if self.pending is not None and self.pending is not (
            self.out[self.cursor - 1] if self.cursor else None
        ):
            self.resolve_pending()  # a cut the fragment did not continue
        if not has_marker or not self.cursor:
            return
        tail = self.out[self.cursor - 1]
        if (
            tail.sentences
            and tail.sentences[-1].complete
            and id(tail) not in self.quote_cuts
            and unclosed_opener(tail.render()) is not None
        ):
            # "…は「判断できない。" stops inside a quote: a cut, full stop or not.
            # Once only: read through and still open, the quote is the text's own.
            self.quote_cuts.add(id(tail))
            last = tail.sentences[-1]
            tail.sentences[-1] = Sentence(last.source, last.key, False, last.line)
        if tail.sentences and not tail.sentences[-1].complete:
            self.pending = tail
        elif tail.block.is_heading_like:
            tail.dangling = True
        elif tail.sentences and _ELLIPSIS_END.search(tail.sentences[-1].source):
            # "…results were…" may end a sentence or be cut right after the
            # ellipsis: only a next fragment that goes on in lower case says.
            self.ellipsis = tail

    def heading(self, block: Block, opens_fragment: bool) -> None:
        if opens_fragment:
            self.resolve_pending()
        existing = self.headings.get(block.key)
        if existing is not None and not existing.removed:
            self.move_cursor(existing)
            self.note(Action.DROPPED, block.line, f"heading repeats line {existing.block.line}")
            return
        # A heading cut mid-phrase and restarted: "### 倫理と" then "### 倫理と社会".
        if self.cursor:
            previous = self.out[self.cursor - 1]
            if (
                previous.dangling
                and previous.block.kind is block.kind
                and block.key.startswith(previous.block.key)
            ):
                piece = Piece(block)
                previous.removed = True
                self.out[self.cursor - 1] = piece
                self.register(piece)
                self.note(
                    Action.COMPLETED,
                    block.line,
                    f"heading completes the cut heading at line {previous.block.line}",
                )
                return
        self.insert(Piece(block))

    def literal_block(self, block: Block, cut: bool = False) -> None:
        """Copy a block that is not prose, unless it stands already.

        A list, fence or table cut at a fragment's end and written again
        whole appears once, whole, whichever of the two comes first: a
        later whole one takes the cut one's place here, and a cut one that
        the next fragment does not carry on goes in ``settle_cut_blocks``.
        """
        source = block.source.strip()
        if block.kind in _CUTTABLE and len(source) >= LITERAL_HEAD:
            # Only the blocks that begin alike: a scan of every block would be quadratic.
            for piece in self.literal_heads.get((block.kind, source[:LITERAL_HEAD]), [])[
                -MAX_BUCKET:
            ]:
                other = piece.block.source.strip()
                if piece.removed or other == source:
                    continue
                if id(piece) in self.cut_literals and _cut_copy(other, source):
                    at = self.position(piece)
                    piece.removed = True
                    replacement = Piece(block)
                    self.out[at] = replacement
                    self.register(replacement)
                    self.note(
                        Action.COMPLETED,
                        block.line,
                        f"{block.kind.value} completes the cut one at line {piece.block.line}",
                    )
                    self.move_cursor(replacement)
                    return
        existing = self.literal.get((block.kind, source))
        if existing is not None and not existing.removed and block.kind is not Kind.RULE:
            self.move_cursor(existing)
            self.note(
                Action.DROPPED, block.line, f"{block.kind.value} repeats line {existing.block.line}"
            )
            return
        piece = Piece(block)
        self.insert(piece)
        if cut:
            self.cut_literals.add(id(piece))

    # Lists and tables cut by a marker -----------------------------------

    def continue_block(self, block: Block) -> bool:
        """Read a cut list or table through into ``block``; False if it is not theirs.

        The block carries it on when it is the next fragment's first (or,
        after a list item read through, the one right below it): a list with
        the next items or written again from an earlier one, or a paragraph
        with the rest of the last item or row.
        """
        piece, line = self.open_block, self.open_line
        self.open_block = self.open_line = None
        if piece is None or piece.removed or (line is not None and block.line != line):
            return False
        if block.kind is Kind.LIST and piece.block.kind is Kind.LIST:
            standing = self.literal.get((Kind.LIST, block.source.strip()))
            if standing is not None and standing is not piece and not standing.removed:
                return False  # a retry of another list: a repeat, as literal_block says
            joined = join_lists(piece.block, block)
            if joined is None:
                return False
            source, again = joined
            action = Action.RESTARTED if again else Action.STITCHED
            # The items below an item read through belong to the same cut: one event.
            return self._replace_literal(piece, source, block, action, quiet=line is not None)
        if piece.block.kind is Kind.TABLE:
            # The rest of the row, as a paragraph or, "- |", a list.
            if block.kind not in (Kind.PARAGRAPH, Kind.LIST):
                return False
            return self._table_through(piece, piece.block.source, block, header=True) is not None
        # "fdoaf" then a bullet cut bare ("-") reads as a setext heading.
        setext = block.kind is Kind.HEADING and block.source.rstrip().endswith("\n-")
        if not (block.kind is Kind.PARAGRAPH and block.role is not Role.TITLE) and not setext:
            return False
        sentences = split_source(block)
        if sentences and self.home_of(sentences[0]) is not None:
            return False  # it begins with merged text: a retry, not the item's rest
        source = continue_item(piece.block, block, self._join)
        if source is None or not self._replace_literal(piece, source, block, Action.STITCHED):
            return False
        self.open_block, self.open_line = piece, block.end_line + 1  # the next items may follow
        return True

    def _replace_literal(
        self, piece: Piece, source: str, block: Block, action: Action, quiet: bool = False
    ) -> bool:
        kind = piece.block.kind
        parsed = parse_blocks(source, piece.block.line, piece.block.fragment)
        if len(parsed) != 1 or parsed[0].kind is not kind:
            return False  # the join would not read as one block: keep both as written
        cut = piece.block.items[-1].line if piece.block.items else piece.block.end_line
        self._forget(piece)
        piece.block = parsed[0]
        if not quiet:
            verb = "restarts" if action is Action.RESTARTED else "continues"
            self.note(action, block.line, f"{verb} the {kind.value} cut at line {cut}")
        self._place_read_through(piece)
        return True

    def _forget(self, piece: Piece) -> None:
        """A block about to be read through is no longer what it was: a later
        copy of its cut text is no repeat of it."""
        key = (piece.block.kind, piece.block.source.strip())
        if self.literal.get(key) is piece:
            del self.literal[key]

    def _place_read_through(self, piece: Piece) -> None:
        """Index a block a cut was read through into; once whole, it may be
        a block that stands already (a retry): then it goes."""
        standing = self.literal.get((piece.block.kind, piece.block.source.strip()))
        if standing is not None and standing is not piece and not standing.removed:
            at = self.position(piece)
            del self.out[at]
            piece.removed = True
            if at < self.cursor:
                self.cursor -= 1
            self.note(
                Action.DROPPED,
                piece.block.line,
                f"{piece.block.kind.value} repeats line {standing.block.line}",
            )
            self.move_cursor(standing)
            return
        self.register(piece)
        self.move_cursor(piece)

    # Paragraphs -------------------------------------------------------

    def paragraph(self, block: Block, opens_fragment: bool) -> None:
        sentences = split_source(block)
        if not sentences:
            return
        if opens_fragment and self.pending is not None:
            assert self.pending.sentences
            if not (
                block.source.startswith("|") and ends_terminated(self.pending.sentences[-1].source)
            ):
                self.continue_cut(block, sentences)
                return
            # A sentence with its full stop, taken for cut by an open quote, goes
            # on with no "| a": a table begins, cut (see _table_read_through).
            self.resolve_pending()
        ellipsis, self.ellipsis = self.ellipsis, None
        if (
            opens_fragment
            and ellipsis is not None
            and not ellipsis.removed
            and _LOWER_START.match(sentences[0].source)
        ):
            assert ellipsis.sentences
            source = _join_cut(ellipsis.sentences[-1].source, sentences[0].source, self.vocabulary)
            self._complete_cut(block, ellipsis, source, sentences, Action.STITCHED, "stitched onto")
            return
        if opens_fragment:
            self.resolve_pending()
        self.place(block, sentences)

    def continue_cut(self, block: Block, sentences: list[Sentence]) -> None:
        """The fragment's first paragraph meets the previous fragment's cut.

        In order: a restart of the cut sentence or of its paragraph; a retry
        of an earlier continuation (it begins with text already merged); a
        fresh English sentence; otherwise a direct continuation, stitched.
        """
        pending = self.pending
        assert pending is not None and pending.sentences
        cut = pending.sentences[-1]
        head = sentences[0]
        # A restart writes the cut again as it was; keys fold case, so "O" cut
        # from "Oouzmc" would otherwise read as restarted by "ouzmc".
        same_start = head.source.lstrip()[:1] == cut.source.lstrip()[:1]
        if head.key.startswith(cut.key) and len(head.key) > len(cut.key) and same_start:
            pending.sentences.pop()
            pending.changed = True
            self.pending = None
            self.note(Action.RESTARTED, block.line, f"restarts the sentence cut at line {cut.line}")
            self.move_cursor(pending)
            self.place(block, sentences, prefer=pending)
            return
        if not head.complete and len(head.key) >= MIN_TAIL and head.key in cut.key:
            # A shorter attempt at the same continuation, cut even earlier: it
            # adds nothing; the cut waits for an attempt that goes further.
            self.note(Action.DROPPED, block.line, f"repeats part of the cut at line {cut.line}")
            if len(sentences) > 1:
                self.continue_cut(block, sentences[1:])
            return
        overlap = text_overlap(cut.source, head.source, MIN_OVERLAP, MIN_OVERLAP_CJK)
        if overlap:
            # A retry restarting inside the cut sentence: "…業界の注目が" then
            # "さらに…業界の注目が集まっています。" The overlap appears once.
            source = cut.source.rstrip()[:-overlap] + head.source.lstrip()
            self._complete_cut(block, pending, source, sentences, Action.RESTARTED, "restarts")
            return
        if any(s.key == head.key for s in pending.sentences[:-1]):
            self.pending = None
            self.move_cursor(pending)
            self.place(block, sentences, prefer=pending)
            return
        if self._is_retry(pending, sentences):
            # A second attempt at an earlier continuation: its head is the tail
            # of a sentence that stands already.
            if self._is_tail(pending, head, sentences[1:]):
                self.note(Action.DROPPED, block.line, "retry begins with text already merged")
                if len(sentences) > 1:
                    # What follows the tail meets the cut afresh: it may restart it.
                    self.continue_cut(block, sentences[1:])
                    return
                return
            # The complete version of the cut often comes later in the retry:
            # leave the cut open until the fragment ends.
            self.pending = None
            self.place(block, sentences)
            self.pending = pending
            return
        if _fresh_english_sentence(cut, head):
            self.pending = None
            self.place(block, sentences)
            self.pending = pending
            self.resolve_pending()
            return
        source = _join_cut(cut.source, head.source, self.vocabulary)
        self._complete_cut(block, pending, source, sentences, Action.STITCHED, "stitched onto")

    def _table_read_through(self, block: Block, last: bool) -> Piece | None:
        """A table cut before its ``| --- |`` row was complete is a paragraph
        to Markdown ("| a | b |" and "| --"): with the next fragment's first
        block it may read as the table again. Returns the table, or the still
        unfinished header when ``block`` ends a fragment cut again."""
        pending = self.pending
        # The rest reads as a paragraph, a list ("- | --- |") or, once its
        # header row is whole, a table of its own ("目 | 値 |" and "| --- |").
        if pending is None or block.kind not in (Kind.PARAGRAPH, Kind.LIST, Kind.TABLE):
            return None
        if "|" not in pending.render():  # "| a | b" or "a | b": a header, cut
            return None
        table = self._table_through(pending, pending.render(), block, header=False)
        if table is not None:
            self.pending = None
            return table
        # Only a header that is plainly one ("| a"): other text with a "|" in it
        # is a cut sentence, for continue_cut.
        plain = last and pending.render().lstrip().startswith("|")
        joined = join_rows(pending.render(), block.source, self._join) if plain else None
        parsed = parse_blocks(joined, pending.block.line, block.fragment) if joined else []
        if len(parsed) != 1 or parsed[0].kind is not Kind.PARAGRAPH:
            return None
        # Cut again before the header was whole ("| a" + " | b |\n| ---"):
        # the joined header waits for the next fragment, as a cut sentence does.
        header = Piece(parsed[0], split_source(parsed[0]))
        self.out[self.position(pending)] = header
        pending.removed = True
        self.pending = header
        self.note(
            Action.STITCHED, block.line, f"continues the table cut at line {pending.block.line}"
        )
        self.move_cursor(header)
        return header

    def _table_through(self, piece: Piece, text: str, block: Block, header: bool) -> Piece | None:
        """The table ``text`` (the source of ``piece``) read through into ``block``."""
        joined = join_rows(text, block.source, self._join, header)
        if joined is None:
            return None
        # "a | b" then "--- | ---": the cut may also have fallen at a line's end.
        return self._into_table(piece, joined, block) or self._into_table(
            piece, text.rstrip("\n") + "\n" + block.source.lstrip("\n"), block
        )

    def _into_table(self, piece: Piece, joined: str, block: Block) -> Piece | None:
        """Put the table ``joined`` begins with in place of ``piece``; what
        follows the table in ``block`` is merged as the blocks it reads as."""
        parsed = parse_blocks(joined, piece.block.line, block.fragment)
        if not parsed or parsed[0].kind is not Kind.TABLE:
            return None
        cut = piece.block.end_line
        if piece.sentences is None:
            table = piece  # a table read through: the same piece, longer
            self._forget(table)
            table.block = parsed[0]
        else:
            table = Piece(parsed[0])  # the paragraph the cut table was
            self.out[self.position(piece)] = table
            piece.removed = True
        self.note(Action.STITCHED, block.line, f"continues the table cut at line {cut}")
        self._place_read_through(table)
        for rest in parsed[1:]:
            if rest.is_heading_like:
                self.heading(rest, False)
            elif rest.is_prose:
                self.paragraph(rest, False)
            else:
                self.literal_block(rest)
        return table

    def _join(self, before: str, after: str) -> str:
        return _join_cut(before, after, self.vocabulary)

    def _complete_cut(
        self,
        block: Block,
        pending: Piece,
        source: str,
        sentences: list[Sentence],
        action: Action,
        verb: str,
    ) -> None:
        """Replace the cut sentence with ``source``, the cut read through, and
        merge the rest of the paragraph after it."""
        assert pending.sentences
        cut, head = pending.sentences[-1], sentences[0]
        pending.sentences[-1] = Sentence(source, source_key(source), head.complete, cut.line)
        pending.changed = True
        self.pending = None
        self.register(pending)
        self.note(action, block.line, f"{verb} the sentence cut at line {cut.line}")
        self.move_cursor(pending)
        if len(sentences) > 1:
            self.place(block, sentences[1:], prefer=pending)
        elif not head.complete:
            self.pending = pending  # still cut: the next fragment may go on

    def _is_tail(self, pending: Piece, head: Sentence, rest: list[Sentence] = ()) -> bool:
        """Is ``head`` the end of a sentence already merged?

        A short phrase recurs in any article, so containment alone counts only
        for a long head, or when what follows it is merged text too (a retry).
        """
        if (
            len(head.key) >= MIN_SENTENCE
            and self._containing(head.key) is not None
            and (len(head.key) >= LONG_TAIL or (rest and self.home_of(rest[0]) is not None))
        ):
            return True
        assert pending.sentences is not None
        if len(head.key) < MIN_TAIL:
            return False  # "。" ends every sentence; it is no evidence
        return any(
            s.complete and s.key.endswith(head.key) and s.key != head.key
            for s in pending.sentences[:-1]
        )

    def _is_retry(self, pending: Piece, sentences: list[Sentence]) -> bool:
        head = sentences[0]
        exact = len(head.key) >= MIN_ANCHOR and head.key in self.sentence_home
        if exact or self._is_tail(pending, head, sentences[1:]):
            return True
        if not head.complete and len(sentences) == 1 and self._completes(head):
            # "配布サイトから取得した重み" alone, and the sentence it begins stands:
            # an attempt cut even earlier than the one merged, not the cut's rest.
            return True
        known = sum(len(s.key) for s in sentences if self.home_of(s) is not None)
        return known * 2 >= sum(len(s.key) for s in sentences)

    def home_of(self, sentence: Sentence) -> Piece | None:
        if not sentence.complete or len(sentence.key) < MIN_ANCHOR:
            return None
        home = self.sentence_home.get(sentence.key)
        if home is None:
            # Part of a merged sentence: a retry starting inside one
            # ("への投資は不可欠です。") or a restated tail.
            home = self._containing(sentence.key)
        return home if home is not None and not home.removed else None

    def place(self, block: Block, sentences: list[Sentence], prefer: Piece | None = None) -> None:
        """Merge a paragraph's sentences into the output.

        The paragraph joins an existing one when that one holds at least half
        of its text (it is a repeat, a longer or a shorter version); else it
        is new, less any sentence that already stands elsewhere.
        """
        homes = [self.home_of(s) for s in sentences]
        if prefer is not None and prefer.sentences:
            # Inside the paragraph being continued a match is certain, short or not.
            own = {s.key for s in prefer.sentences if s.complete}
            homes = [prefer if s.key in own else h for s, h in zip(sentences, homes, strict=True)]
        anchor = prefer
        if anchor is None:
            weight: dict[int, int] = {}
            for sentence, home in zip(sentences, homes, strict=True):
                if home is not None:
                    weight[id(home)] = weight.get(id(home), 0) + len(sentence.key)
            total = sum(len(s.key) for s in sentences) or 1
            if weight:
                best = max(weight, key=lambda k: weight[k])
                if weight[best] * 2 >= total:
                    anchor = next(h for h in homes if h is not None and id(h) == best)
            first = homes[0]
            # Two paragraphs that begin with the same sentence are two versions
            # of one paragraph (one was cut).
            if (
                anchor is None
                and first is not None
                and first.sentences
                and first.sentences[0].key == sentences[0].key
            ):
                anchor = first
        # Far behind text this fragment already went past: a repeat of an
        # earlier paragraph, not a retry of it. It stays where it stands.
        if (
            anchor is not None
            and prefer is None
            and self.added
            and self.position(anchor) + 1 < self.cursor
        ):
            anchor = None
        if anchor is None:
            self.place_new(block, sentences, homes)
            return
        assert anchor.sentences is not None
        self.move_cursor(anchor)
        index = len(anchor.sentences) - 1 if prefer is not None else -1
        waiting: list[Sentence] = []
        added = False
        last = len(sentences) - 1
        for position, (sentence, home) in enumerate(zip(sentences, homes, strict=True)):
            if home is anchor:
                found = self._index_of(anchor, sentence.key)
                if waiting and found and anchor.sentences[found - 1].key.endswith(waiting[0].key):
                    waiting.pop(0)  # the tail of the sentence before the anchor: a retry
                if waiting:
                    anchor.sentences[found:found] = waiting
                    found += len(waiting)
                    waiting = []
                    added = True
                index = found
                continue
            if home is not None:
                continue  # it stands elsewhere already: once is enough
            if not sentence.complete and position == last:
                following = (
                    anchor.sentences[index + 1] if index + 1 < len(anchor.sentences) else None
                )
                # The cut copy of the very next sentence, or of one elsewhere;
                # as short a cut as "F" could begin any sentence.
                if (
                    following is not None
                    and len(sentence.key) >= MIN_CUT_MATCH
                    and following.key.startswith(sentence.key)
                ) or self._completes(sentence):
                    self.note(
                        Action.COMPLETED, sentence.line, "cut sentence already stands complete"
                    )
                    continue
            if sentence.complete:
                variant = self._variant(anchor, sentence)
                if variant is not None:
                    index = variant
                    continue
            if index < 0:
                waiting.append(sentence)
            else:
                index += 1
                anchor.sentences.insert(index, sentence)
                added = True
            if sentence.complete:
                self.remember(sentence.key, anchor)
        if waiting:
            anchor.sentences.extend(waiting)
            added = True
        if added:
            anchor.changed = True
            # The paragraph's own last sentence decides whether it ends on a cut.
            self._keep_cut_last(anchor)
        elif prefer is None:
            self.note(Action.DROPPED, block.line, f"paragraph repeats line {anchor.block.line}")

    def _keep_cut_last(self, piece: Piece) -> None:
        """Tidy cut sentences that new sentences now surround.

        Next to its own complete version a cut copy just goes; a cut that
        something else now follows can only be trimmed.
        """
        assert piece.sentences is not None
        sentences = piece.sentences
        for i in range(len(sentences) - 1, -1, -1):
            cut = sentences[i]
            if cut.complete:
                continue
            # Its own longer version in the same paragraph (complete, or a later
            # cut of the same sentence) supersedes it. A cut as short as "F"
            # begins too many sentences: only a version written after it (a
            # restart) counts then.
            if any(
                n is not cut
                and n.key.startswith(cut.key)
                and len(n.key) > len(cut.key)
                and (len(cut.key) >= MIN_CUT_MATCH or n.line > cut.line)
                for n in sentences
            ):
                del sentences[i]
                self.drop_cut(cut, completed=True)
            elif i < len(sentences) - 1:
                del sentences[i]
                self.drop_cut(cut, completed=self._completes(cut))

    def place_new(self, block: Block, sentences: list[Sentence], homes: list[Piece | None]) -> None:
        kept: list[Sentence] = []
        last = len(sentences) - 1
        for position, (sentence, home) in enumerate(zip(sentences, homes, strict=True)):
            if home is not None and len(sentence.key) >= MIN_SENTENCE:
                continue
            if not sentence.complete and position == last and self._completes(sentence):
                self.note(Action.COMPLETED, sentence.line, "cut sentence already stands complete")
                continue
            kept.append(sentence)
        if not kept:
            self.note(Action.DROPPED, block.line, "paragraph repeats sentences that already stand")
            return
        twin = self._near_paragraph(block.key) if all(s.complete for s in kept) else None
        if twin is not None:
            # A retry that reworded the paragraph a little: once is enough.
            self.note(
                Action.DROPPED, block.line, f"paragraph nearly repeats line {twin.block.line}"
            )
            self.move_cursor(twin)
            return
        piece = Piece(block, kept, changed=len(kept) != len(sentences))
        self.insert(piece)
        self._index_paragraph(piece)

    def _fingerprints(self, key: str) -> set[int]:
        # A new paragraph is looked up, then indexed: the same key twice in a row.
        if self._last_prints[0] != key:
            self._last_prints = (key, _prints(key))
        return self._last_prints[1]

    def _index_paragraph(self, piece: Piece) -> None:
        key = piece.block.key
        if len(key) < NEAR_PARAGRAPH_MIN:
            return
        prints = self._fingerprints(key)
        piece_id = len(self.paragraphs)
        self.paragraphs.append(piece)
        for h in prints:
            self.paragraph_prints.setdefault(h, []).append(piece_id)

    def _near_paragraph(self, key: str) -> Piece | None:
        """A merged paragraph this one nearly repeats (4-gram Jaccard >= 0.8)."""
        if len(key) < NEAR_PARAGRAPH_MIN:
            return None
        prints = self._fingerprints(key)
        votes: Counter[int] = Counter()
        for h in prints:
            bucket = self.paragraph_prints.get(h)
            if bucket:
                votes.update(bucket[:40])  # counted in C: common prints have long lists
        need = max(2, len(prints) // 3)
        # Filter before sorting: common fingerprints give votes to thousands
        # of paragraphs in a long article, and few of them reach ``need``.
        likely = heapq.nsmallest(6, ((-n, i) for i, n in votes.items() if n >= need))
        mine: frozenset[str] | None = None  # built only when a candidate needs it
        for _, piece_id in likely:
            piece = self.paragraphs[piece_id]
            if piece.removed:
                continue
            mine = mine or _shingles(key)
            theirs = _shingles(piece.block.key)
            if len(mine & theirs) / len(mine | theirs) >= NEAR_SENTENCE:
                return piece
        return None

    def _completes(self, cut: Sentence) -> bool:
        """Does a complete sentence that this cut one begins already stand?"""
        if len(cut.key) < MIN_CUT_MATCH:
            return False
        return any(
            k.startswith(cut.key) and k != cut.key
            for k in self.prefixes.get(cut.key[:MIN_CUT_MATCH], ())
        )

    def _index_of(self, piece: Piece, key: str) -> int:
        assert piece.sentences is not None
        for i, sentence in enumerate(piece.sentences):
            if sentence.key == key or key in sentence.key:
                return i
        return len(piece.sentences) - 1

    def _containing(self, key: str) -> Piece | None:
        """The piece holding a merged sentence that contains ``key``.

        Sentences are indexed by their GRAM-character substrings at every
        GRAM_STEP-th offset; any sentence containing ``key`` has one of those
        grams at one of ``key``'s first GRAM_STEP offsets.
        """
        if len(key) < MIN_SENTENCE:
            return None
        for offset in range(GRAM_STEP):
            bucket = self.grams.get(key[offset : offset + GRAM], ())
            if len(bucket) > MAX_BUCKET:
                # A common gram ("paragraph", "しています") would make the scan
                # quadratic: a containing sentence holds every gram of key at
                # this alignment, so the rarest of them lists it too.
                grams = range(offset, len(key) - GRAM + 1, GRAM_STEP)
                bucket = min((self.grams.get(key[at : at + GRAM], ()) for at in grams), key=len)
            for other in bucket:
                if key in other:
                    return self.sentence_home[other]
        return None

    def _variant(self, anchor: Piece, sentence: Sentence) -> int | None:
        """A sentence of the anchor this one rewrites; the longer one stays."""
        assert anchor.sentences is not None
        mine = _shingles(sentence.key)
        for i, other in enumerate(anchor.sentences):
            if not other.complete:
                continue
            theirs = _shingles(other.key)
            union = mine | theirs
            if union and len(mine & theirs) / len(union) >= NEAR_SENTENCE:
                if len(sentence.key) > len(other.key):
                    anchor.sentences[i] = sentence
                    anchor.changed = True
                    self.remember(sentence.key, anchor)
                return i
        return None

    # Cuts nothing continues -------------------------------------------

    def drop_cut(self, cut: Sentence, completed: bool) -> None:
        """Say why a cut sentence leaves the page: its complete version stands
        (quietly), or nothing continues it (a warning with the removed text)."""
        if completed:
            self.note(Action.COMPLETED, cut.line, "cut sentence already stands complete")
        else:
            self.note(
                Action.TRIMMED,
                cut.line,
                "trimmed a cut sentence nothing continues",
                cut.source.strip(),
                warning=True,
            )

    def resolve_pending(self) -> None:
        pending = self.pending
        self.pending = None
        if pending is None or pending.removed or not pending.sentences:
            return
        cut = pending.sentences[-1]
        if cut.complete:
            return
        pending.sentences.pop()
        pending.changed = True
        self.drop_cut(cut, completed=self._completes(cut))
        if not pending.sentences:
            at = self.position(pending)
            del self.out[at]
            pending.removed = True
            if at < self.cursor:
                self.cursor -= 1

    def drop_dangling_headings(self) -> None:
        """Remove headings left with nothing under them, from the end back, so
        that a section emptied by a removed subsection goes too."""
        kept: list[Piece] = []
        for piece in reversed(self.out):
            block = piece.block
            following = kept[-1] if kept else None
            if piece.dangling and any(
                k.startswith(block.key) and k != block.key for k in self.headings
            ):
                self.note(Action.COMPLETED, block.line, "cut heading; the whole one stands")
                piece.removed = True
                continue
            at_end = following is None
            if piece.dangling or (block.is_heading_like and at_end and self.document.has_markers):
                level = block.level or 7
                if following is None or (
                    following.block.is_heading_like and (following.block.level or 7) <= level
                ):
                    self.note(
                        Action.HEADING,
                        block.line,
                        "removed a heading with nothing under it",
                        block.source.strip(),
                        warning=True,
                    )
                    piece.removed = True
                    continue
            kept.append(piece)
        kept.reverse()
        self.out = kept


_CUTTABLE = (Kind.LIST, Kind.CODE, Kind.TABLE)
_CONTINUED = (Kind.LIST, Kind.TABLE)  # read through into the next fragment (cut_blocks.py)
LITERAL_HEAD = 8  # characters a cut copy of a list shares with the whole one


def _cut_copy(short: str, whole: str) -> bool:
    """Is ``short`` the start of ``whole``, cut? Tables with the same header,
    or lists with the same first items, are not copies of each other."""
    return len(whole) > len(short) and whole.startswith(short)


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


def _repair_markup(piece: Piece, events: list[Event]) -> None:
    """A lone ** left by a cut or a restart is removed."""
    if piece.sentences is None:
        return
    text = piece.render()
    bare = _CODE_SPAN.sub(lambda m: "\x00" * len(m.group(0)), text)
    if bare.count("**") % 2 == 0:
        return
    # Pair ** from the left; the one left over is the stray.
    positions = [m.start() for m in re.finditer(r"\*\*", bare)]
    stray = positions[-1]
    for first, second in zip(positions[::2], positions[1::2], strict=False):
        between = bare[first + 2 : second]
        if "\n\n" in between or not between.strip():
            stray = first
            break
    repaired = text[:stray] + text[stray + 2 :]
    piece.sentences = [Sentence(repaired, source_key(repaired), True, piece.block.line)]
    piece.changed = True
    events.append(Event(Action.REPAIRED, piece.block.line, "removed a lone '**' left by a cut"))


def _front_matter_text(document: Document) -> str:
    front = document.front_matter
    if not front.present:
        return ""
    if front.error is not None or not front.data:
        return "---\n" + front.raw + ("\n" if front.raw else "") + "---\n"
    dumped = yaml.safe_dump(
        front.data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000
    )
    return "---\n" + dumped + "---\n"


def raw_line(lines: list[tuple[int, int]], line: int) -> int:
    """The raw file's line for a line of a merged page, by its line map."""
    at = bisect.bisect_right(lines, (line, 1 << 62)) - 1
    if at < 0:
        return line
    page, raw = lines[at]
    return raw + (line - page)


def merge_document(document: Document, front_matter: bool = True) -> MergeResult:
    """Merge a document's fragments into one page.

    With ``front_matter=False`` the page is the body alone: a caller that
    writes its own front matter (the Sphinx extension) skips a YAML dump.
    """
    front = document.front_matter
    if not front.closed:
        # Where the fields end and the body begins is anyone's guess: merging
        # a guess could lose the article, so it is written back untouched.
        event = Event(
            Action.COPIED,
            1,
            f"{front.error.message if front.error else 'front matter is never closed'} "
            "(FM002); nothing merged, the file is copied as written",
            warning=True,
        )
        return MergeResult(document.text.rstrip("\n") + "\n", [event])
    merger = _Merger(document)
    pieces = merger.run()
    events = merger.events
    if front.error is not None:
        # The body merges as usual; the fields go back as written, since the
        # merge cannot read them either.
        events.append(
            Event(
                Action.COPIED,
                front.error.line,
                f"{front.error.message} (FM002); front matter copied as written",
                warning=True,
            )
        )
    for piece in pieces:
        _repair_markup(piece, events)
        if piece.block.unclosed and piece.block.fragment == len(document.fragments) - 1:
            # Inside a fragment the marker ends the fence; in the last one no
            # line does, and the rest of the article is shown as code.
            events.append(
                Event(
                    Action.KEPT,
                    piece.block.line,
                    "code fence is never closed: the rest of the article is code",
                    warning=True,
                )
            )
    for line in document.code_markers:
        events.append(
            Event(
                Action.KEPT,
                line,
                "fragment marker inside a code block is kept as code",
                warning=True,
            )
        )
    body: list[str] = []
    starts: list[int] = []  # raw line of each body part
    title = document.title
    starts_with_title = bool(
        pieces and pieces[0].block.kind is Kind.HEADING and pieces[0].block.level == 1
    )
    if title and not starts_with_title:
        body.append("# " + title)
        starts.append(front.key_lines.get("title", 1))
    for piece in pieces:
        body.append(piece.render())
        starts.append(piece.block.line)
    text = _front_matter_text(document) if front_matter else ""
    if text and body:
        text += "\n"
    lines: list[tuple[int, int]] = []
    line = text.count("\n") + 1
    for part, raw in zip(body, starts, strict=True):
        if part.strip():
            lines.append((line, raw))
            line += part.count("\n") + 2  # parts are joined by a blank line
    text += "\n\n".join(part for part in body if part.strip())
    return MergeResult(text.rstrip("\n") + "\n", sorted(events, key=lambda e: e.line), lines)


def merge_text(text: str, path: str = "<text>", marker: str | None = None) -> MergeResult:
    document = parse_document(path, text, marker) if marker else parse_document(path, text)
    return merge_document(document)
