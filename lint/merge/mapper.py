"""The merge's second stage: map each piece onto the article, and build it.

For each piece, in order:

1. **Where it resumes.** Its first unit may read the previous piece's cut
   through (joins.py); or, starting mid-sentence, continue the cut of an
   earlier piece (a later attempt at that continuation); or it resumes
   where the previous piece stopped.
2. **Alignment.** Each unit is then looked up in the article (article.py):
   the same text, part of a text, the completion of a cut, or another
   attempt at a paragraph. A unit that matches just ahead of where the
   piece is (or at it) carries the piece forward; a strong match further
   on skips ahead; a match behind is the piece going back (an
   *excursion*). A unit that matches nothing is new.
3. **What each match does.** A repeat is dropped (the text stays where it
   first stood); the completion of a cut replaces the cut; another attempt
   at a paragraph replaces it (the latest attempt wins), unless it stops
   short of the earlier one, which then stays complete.
4. **Where new text goes.** After what its piece last matched or wrote,
   before the next block the piece matches again, and after everything an
   earlier piece already wrote in the same section: a new section never
   lands inside or before a section that is already there.

An excursion that only repeats (no block rewritten or completed, never
coming back to where the piece was, and the piece no retry of a cut) is a
*repeat*: it is dropped and the new text after it continues where the piece
was before it (``Intro / ## A / a1 / a2 ---END--- ## B / b / ## A / a1 /
## C / c`` gives ``Intro, A (a1, a2), B, C``). Otherwise it is a *retry*:
its new text goes where it was written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..articles import is_syntax
from ..cut_blocks import item_paragraph_twice, join_lists, parse_joined
from ..document import Document, Kind, Role, parse_blocks
from ..text import ends_terminated, is_cjk, split_sentences, starts_mid_sentence
from .article import (
    MIN_CONTAINED,
    MIN_VARIANT,
    SENTENCE_ENDS,
    Article,
    Match,
    Node,
    Relation,
    names_other_code,
    without_lead_in,
)
from .events import Action, Event
from .joins import (
    MIN_KNOWN,
    MIN_TAIL,
    MIN_WRAP,
    REWORDED,
    WRAP_SLACK,
    How,
    Joined,
    comment_left_open,
    link_card,
    read_through,
    reworded,
    syntax_left_open,
)
from .sentences import Sentence, join_cut, source_key, vocabulary
from .settings import MergeSettings
from .units import Unit, make_unit, pieces_of, reads_cut

MAX_SECTION_SCAN = 512  # blocks looked through for a later section (bounded: linear)
MAX_TAG_SCAN = 256  # blocks before a closing tag searched for the element it closes
_BLOCK_OPEN = re.compile(r"^[ \t]*///[ \t]*[A-Za-z]", re.MULTILINE)  # "/// tip | Tipp"
_BLOCK_CLOSE = re.compile(r"^[ \t]*///[ \t]*$", re.MULTILINE)
_FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)  # opens or closes code
_OPENING_TAG = re.compile(r"<([A-Za-z][\w-]*)(?:\s[^<>]*)?>")  # a line that only opens one
# Elements that never close: no text of their own.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"track", "wbr"}
_ONE_ELEMENT = re.compile(r"<([A-Za-z][\w-]*)[^<>\n]*>[^\n]*</\1>")  # one line in one element
_CLOSING_TAGS = re.compile(r"(?:</[A-Za-z][\w-]*>[ \t]*\n?)+")
_ADDRESS = re.compile(r"\]\(([^()\s]*)")  # where an inline link points
_ANCHOR = re.compile(r"\{#[\w-]+\}$")  # an explicit heading id, unique in a page
_HEADING_ID = re.compile(r"\{[#:][^{}\n]*\}$")  # "## Title {#anchor}", "{: .class}"
_ELLIPSIS = re.compile(r"(?:…|‥|\.\.\.)[*_]*\s*$")
LOOKAHEAD = 8  # units ahead a retry may come back to its path after new text
WINDOW = 4  # blocks just ahead of the piece that a weaker match may still carry it to
VARIANT_NEAR = 0.5  # similarity of another attempt at a block the piece is at
VARIANT_CUT = 0.6  # a cut attempt that starts like a paragraph: another attempt at it
# Another attempt anywhere else in the article, and the length at which a
# paragraph written again far away repeats: the linter's (see settings.py).
MIN_CUT_START = 6  # a cut attempt this long that starts the next block is that block
MIN_ADDRESS = 40  # characters of a link's address that make it one of a kind
_DIGITS = re.compile(r"\d+")
MAX_LABEL = 40  # characters of a label that opens a line ("Chromium issue:")
# A label: a few words up to a colon, at a line's start (bounded: linear).
_LABEL = re.compile(rf"[^\s:：][^:：\n]{{0,{MAX_LABEL - 2}}}[:：]")
FAR_REPEAT = 5  # blocks between a block and its copy in one piece: a writer's, not a repeat
CHAIN = 3  # units after a recurring block that may show it is a passage written again
WHOLE = 0.8  # a part this much of a paragraph is that paragraph (written again, shorter)
MIN_PARAGRAPHS = 3  # fewer whole paragraphs say nothing of how long they run
RECENT_STOPPED = 4  # paragraphs pieces stopped after that a restart may still go on from
RECENT_CUTS = 16  # cuts of earlier pieces a later piece may still continue
NEAR_BLOCKS = 16  # blocks around a cut a retry from inside a sentence goes back to
# Blocks a paragraph may lead into without a full stop ("…で微分すると" + a formula).
_INTRODUCED = (Kind.MATH, Kind.CODE, Kind.LIST, Kind.TABLE, Kind.DIRECTIVE)
# Reading cuts through costs what the joined blocks hold: a block carried on
# by piece after piece is handled whole at each join, the square of its
# length. An article may spend this many characters of such work, more for
# a longer article, before its pieces are kept as written (a real article's
# joins spend a few per cent of it; a hostile one of thousands of one-word
# pieces would take hours). Parsing Markdown again costs more per character.
WORK_BASE = 1024 * 1024
WORK_PER_CHAR = 32
PARSE_COST = 8
OVER_BUDGET = "too many pieces carry one block on"


@dataclass
class Excursion:
    before: Node | None  # where the piece was when it went back
    retry: bool  # something in it was rewritten, completed or inserted
    walked: int = 1  # blocks it went through in order
    # A retry only as the piece began as a later attempt: nothing in it was
    # rewritten yet, and new text that does not come back to the blocks it
    # went back to goes on from where the piece was.
    presumed: bool = False


class Merger:
    def __init__(self, document: Document, settings: MergeSettings | None = None) -> None:
        self.document = document
        self.marker_texts = {marker.text.strip() for marker in document.markers}
        self.settings = settings or MergeSettings()
        self.far = self.settings.similarity
        self.article = Article()
        self.events: list[Event] = []
        self.vocabulary = vocabulary(document)
        self._lengths: Counter[int] | None = None  # sentences per whole paragraph, when asked
        self._labels: tuple[set[str], set[str]] | None = None  # see line_labels
        self.cursor: Node | None = None
        # The cut the previous piece ended on: the unit as written, and its node.
        self.open: tuple[Unit, Node] | None = None
        # Cuts of earlier pieces, newest last: a later attempt may continue one.
        self.history: list[tuple[Unit, Node]] = []
        self.fresh: list[Node] = []  # new blocks written since the piece last matched
        # Cut units that began like a paragraph far back, right after new text
        # (``_far_start_after_new_text``), and the nodes they were placed as.
        self.far_units: set[int] = set()
        self.far_starts: set[int] = set()
        self.anchor: Node | None = None  # the node they were written after
        self.shown_twice: set[int] = set()  # nodes kept as a writer's own second copy
        # The first line of each piece read through into a cut, and that cut.
        self.openings: dict[str, tuple[Unit, Node]] = {}
        self.heading_end: tuple[Unit, Node] | None = None  # a heading the last piece ended on
        self.excursion: Excursion | None = None
        self.reworded: Match | None = None  # the paragraph a piece's head rewrites, if any
        self.queue: list[Unit] = []  # the piece's units, and which one is aligned
        self.at = 0
        self.attempt = False  # this piece retries an earlier continuation
        self.last: tuple[Unit, Node | None] | None = None  # the piece's last unit, and its node
        self.work = 0  # characters handled by joins so far (see WORK_BASE)
        self.budget = WORK_BASE + WORK_PER_CHAR * len(document.text)
        self.spent = False  # the budget ran out (said once)

    def note(
        self,
        action: Action,
        line: int,
        message: str,
        removed: str = "",
        warning: bool = False,
        other: int = 0,
    ) -> None:
        self.events.append(Event(action, line, message, removed, warning, other))

    # Pieces --------------------------------------------------------------

    def run(self) -> Article:
        pieces = pieces_of(self.document, self.vocabulary)
        if not self.document.has_markers:
            # No pieces, no generator's repeats: a page as written stays so.
            after = None
            for units in pieces:
                for unit in units:
                    node = self.article.reserve(unit)
                    self.article.insert(node, after)
                    after = node
            return self.article
        for units in pieces:
            self.piece(units)
        return self.article

    def piece(self, units: list[Unit]) -> None:
        if not units:
            return
        self.excursion = None
        self.attempt = False
        self.last = None
        self.reworded = None
        self.queue, self.at = units, 0
        head, rest = units[0], units[1:]
        heading, self.heading_end = self.heading_end, None
        if heading is not None:
            finished = self._finish_heading(heading, head)
            if finished is not None:
                left = [*finished, *rest]
                if not left:
                    return  # the piece was only the heading's rest
                head, rest = left[0], left[1:]
        resumed = self._resume(head)
        if resumed is not None and self.last is not None and rest:
            rest = self._more_items(head, rest)
        # A head read into the cut it continues stays first in the queue, not
        # aligned: the units after it do not open the piece.
        queue = [head, *rest] if resumed is None else [head, *resumed, *rest]
        self.queue = queue
        for at in range(0 if resumed is None else 1, len(queue)):
            self.at = at
            unit = queue[at]
            node = self.align(unit)
            self.last = (unit, node)
        self._end_excursion()
        if self.last is not None:
            unit, node = self.last
            self._close(unit, node)

    def _walks_a_passage(self, head: Unit, node: Node) -> bool:
        """Does the piece open with a whole paragraph that stands (not the
        cut one), followed, as in the article, by the very block after it, or
        by the block right over the cut?"""
        if len(self.queue) < 2 or self.queue[0] is not head or head.cut:
            return False
        following = self.queue[1]
        before = self._prev_of(node)
        for match in self.article.matches(head, self.far):
            if match.relation is not Relation.SAME or match.node is node:
                continue
            # The block after it, or the one right over the cut (it went back
            # two blocks: "ということになります。", "## 温度制御法の種類", then
            # the cut paragraph whole).
            after = self._next_of(match.node)
            if any(
                m.relation is Relation.SAME and m.node in (after, before)
                for m in self.article.matches(following, self.far)
            ):
                return True
        return False

    def _resume(self, head: Unit) -> list[Unit] | None:
        """Read the cut the piece follows through into its first unit.

        Returns the units left to align (the first one consumed), or None
        when the piece does not continue a cut.
        """
        opened, self.open = self.open, None
        through = None
        if self.work > self.budget:
            self._over_budget(opened, head)
            return None
        if opened is not None:
            cut, node = opened
            if (
                not head.prose
                # (unless it writes the cut again from its first letter: "[Guides](../."
                # then "[Guides](../guides.md)" that stands too, a line of links)
                and not head.source.lstrip().startswith(cut.source.strip())
                and any(
                    m.node is not node and m.relation in (Relation.SAME, Relation.CONTAINED)
                    for m in self.article.matches(head, self.far)
                )
            ):
                return None  # a list or table that stands already: a retry, not the rest
            if (
                cut.prose
                and cut.cut
                and (
                    head.block.kind in _INTRODUCED
                    or (not head.prose and is_syntax(head.source))
                    or link_card(head)
                )
                and not _latin_end(cut)
                and "|" not in cut.source.rpartition("\n")[2]  # a table's cut header row
                and not self.article.matches(head, self.far)
            ):
                # "$a$で微分すると" then a new formula, "…ですから、" then a new
                # code block (or a template's "{% highlight ruby %}"): the
                # paragraph led into the block the piece goes on with, it was
                # not cut; nothing is trimmed from it. (A Latin letter at the
                # cut may be half a word: "…the configura".)
                node.cut = False
                cut.cut = False
            # (after a paragraph, or a list or table: "たとえば、…できます。" over
            # a list cut in its last item, then "たとえば、…可能です。" over it again)
            blocky = cut.block.kind in (Kind.LIST, Kind.TABLE)
            if head.prose and (cut.prose or blocky) and not self._starts_mid(head):
                reworded = [
                    m
                    for m in self.article.matches(head, REWORDED)
                    if m.node is not node
                    and m.relation is Relation.VARIANT
                    and m.score >= REWORDED
                    and self.article.placed(m.node)
                ]
                before = self._prev_of(node) if blocky and not reworded else None
                if before is not None and before.unit.prose:
                    # Too short for the index, the lead-in right over the list.
                    score = self._resembles(head, before)
                    if score >= REWORDED and head.key != before.key:
                        reworded = [Match(before, Relation.VARIANT, score)]
                if len(reworded) == 1:
                    # A paragraph the article has, in other words ("…できます。"
                    # then "…可能です。"): the piece went back to write it again,
                    # it is not the cut's rest. (Where several paragraphs are
                    # alike, which one it rewrites is for the alignment to say.)
                    self.reworded = reworded[0]
                    return None
            if (
                head.prose
                and not head.source.lstrip().startswith(cut.source.strip())
                and self._walks_a_passage(head, node)
            ):
                # "(2) 送信側の対応", a paragraph that stands, then the list
                # after it: the piece went back, however its first letters
                # seem to read on from the cut ("(3) 受信"); nor is it a later
                # attempt at an earlier continuation: the alignment places it.
                return None
            joined = read_through(
                cut,
                head,
                lambda sentence: self._written_near(sentence, node),
                self.vocabulary,
                lambda before, after: self.article.written_after(before.key, after.key),
                lambda unit: bool(self.article.matches(unit, VARIANT_NEAR)),
                self._paragraph_goes_on,
                lambda last, first: _earlier_went_on(node, last, first),
                self._label_goes_on,
            )
            self._spend(cut, head, joined)
            if joined is not None and self._makes_marker(joined):
                joined = None  # "--" + "-END---": two scraps that would read as a marker
            if joined is not None and not node.removed:
                through = (cut, node, joined)
        retried = None
        if (
            head.prose
            and head.sentences
            and self._starts_mid(head)
            and (
                through is None
                or self._half_word(through[0], head)
                or self._no_word_between(through[0], head)
            )
        ):
            retried = self._retried_continuation(head)
        # A piece that opens with the very line an earlier continuation opened
        # with (" Studio." twice) went back to the cut that one continued.
        opening = head.block.source.split("\n", 1)[0].strip()
        earlier = self.openings.get(opening) if head.prose else None
        # Or with the same words up to its first full stop, the rest of the
        # line in other words ("instead of on the stack. But they don't have
        # many" then "… a lot of"): the same cut continued again.
        first = head.sentences[0].source.strip() if head.prose and head.sentences else ""
        start = first if len(first) >= MIN_TAIL and first != opening else ""
        if earlier is None and start:
            earlier = self.openings.get(start)
        if (
            earlier is not None
            and (through is None or through[0] is not earlier[0])
            and (retried is None or not retried[0])
        ):
            retried = self._continued_again(*earlier, head) or retried
        if through is not None and (
            retried is None
            or not retried[0]
            or self._same_cut(retried[1:3], through[:2])
            # The head writes this piece's cut again from its first letter:
            # that cut is the one it restarts, whatever an earlier one shares.
            or head.source.lstrip().startswith(through[0].source.strip())
        ):
            self.openings[opening] = through[0], through[1]
            if start:
                self.openings.setdefault(start, (through[0], through[1]))
            return self._joined(*through[:2], head, through[2])
        if (
            retried is not None
            and not retried[0]
            and head.sentences
            and len(head.sentences[0].key) >= MIN_KNOWN
            and self._written(head.sentences[0])
        ):
            # "という運用に落ち着きました。" after a list cut "* 図は…後で": a
            # sentence the article has, which no cut read through forms where
            # it meets it: the piece went back to it (the alignment places it).
            retried = None
        if retried is not None:
            # A later attempt at an earlier piece's continuation ("…structur" +
            # "ed like:"), not the rest of the cut this piece follows ("By default,").
            _, cut, node, joined = retried
            self.attempt = True
            self.openings[opening] = cut, node
            return self._joined(cut, node, head, joined)
        return None

    def _passed_its_place(self, unit: Unit) -> bool:
        """A new section after a retry of an earlier one, where the piece had
        gone past a later section of the same level before it went back
        (and does not come back to it): the new section goes on from where
        the piece was, not inside or before that later section."""
        excursion, cursor = self.excursion, self.cursor
        if (
            excursion is None
            or excursion.before is None
            or cursor is None
            or unit.block.kind is not Kind.HEADING
        ):
            return False
        for distance, node in enumerate(self.article.after(cursor)):
            if node is excursion.before or distance > MAX_SECTION_SCAN:
                return False
            if node.level and node.level <= unit.level and node.unit.block.kind is Kind.HEADING:
                return True
        return False

    def _without_repeated_item_paragraph(self, unit: Unit) -> Unit:
        """A list item with one paragraph written twice in a row: once."""
        found = item_paragraph_twice(unit.source)
        if found is None:
            return unit
        source, first, second = found
        blocks = parse_blocks(source, unit.line, unit.piece)
        if len(blocks) != 1 or blocks[0].kind is not Kind.LIST:
            return unit
        self.note(
            Action.DROPPED,
            unit.line + second,
            f"paragraph repeats line {unit.line + first} in its list item",
            other=unit.line + first,
        )
        again = make_unit(blocks[0], unit.piece)
        again.line, again.ends_article = unit.line, unit.ends_article
        return again

    @staticmethod
    def _same_cut(one: tuple[Unit, Node], other: tuple[Unit, Node]) -> bool:
        """The same cut: the same block, and in a list the same item (a list
        is one block, cut at each of its items in turn)."""
        if one[1] is not other[1]:
            return False
        return other[1].unit.block.kind is not Kind.LIST or one[0] is other[0]

    def _continued_again(
        self, cut: Unit, node: Node, head: Unit
    ) -> tuple[bool, Unit, Node, Joined] | None:
        """The head read through the cut an earlier piece with its opening
        continued: a retry when that gives the text the node has (or a version of it)."""
        if node.removed:
            return None
        joined = read_through(cut, head, lambda sentence: False, self.vocabulary)
        self._spend(cut, head, joined)
        if joined is None or joined.unit is None or self._makes_marker(joined):
            return None
        if self._relation(joined.unit, node) is None:
            return None
        return True, cut, node, joined

    def _makes_marker(self, joined: Joined) -> bool:
        """Would the joined text hold a line that reads as a marker, or, in a
        paragraph, as a code fence (":\n~" + "~~python")? Read again, the page
        would not be the blocks the merge made."""
        if joined.unit is None:
            return False
        if joined.unit.block.kind is Kind.PARAGRAPH and _FENCE_LINE.search(joined.unit.source):
            return True
        if not self.marker_texts:
            return False
        return any(line.strip() in self.marker_texts for line in joined.unit.source.split("\n"))

    def _spend(self, cut: Unit, head: Unit, joined: Joined | None) -> None:
        self.work += len(cut.source) + len(head.source)
        if joined is not None:
            self.work += PARSE_COST * joined.parsed

    def _over_budget(self, opened: tuple[Unit, Node] | None, head: Unit) -> None:
        """Joins have cost all the article may spend: the cut stays as written
        (nothing is trimmed for want of a join) and the piece starts anew."""
        if opened is not None:
            opened[1].cut = False
        if not self.spent:
            self.spent = True
            self.note(
                Action.KEPT,
                head.line,
                f"{OVER_BUDGET}: from here on each piece is kept as written, not read "
                "through into the cut before it",
                warning=True,
            )

    def _half_word(self, cut: Unit, head: Unit) -> bool:
        """The head begins with the rest of a word ("ed like:") that the cut,
        which ends on a whole word or a comma ("By default,"), cannot be the
        start of: the head goes on from some other cut."""
        before, after = cut.source.rstrip(), head.source.lstrip()
        if not before or not after or not (before[-1] == "," or cut.source[-1:].isspace()):
            return False
        word = re.match(r"[a-z]+", after)
        return word is not None and word.group() not in self.vocabulary

    def _no_word_between(self, cut: Unit, head: Unit) -> bool:
        """The cut ends on letters and the head begins with lower-case ones
        that make no word with them ("This week was" + "or](…)"): the head may
        be the rest of another cut ("…behavi" + "or](…)"), which the article
        tells when it has the words that meet there. (Only a head whose first
        line the article has is asked about: the search costs.)"""
        before, after = cut.source.rstrip(), head.source
        end = re.search(r"[A-Za-z]+$", before)
        start = re.match(r"[a-z]+", after)
        if end is None or start is None:
            return False
        if (end.group() + start.group()).casefold() in self.vocabulary:
            return False
        line = source_key(after.split("\n", 1)[0])
        return len(line) >= MIN_CONTAINED and bool(
            self.article.containing(line) or self.article.containing(line, self.article.list_grams)
        )

    def _retried_continuation(self, head: Unit) -> tuple[bool, Unit, Node, Joined] | None:
        """The earlier cut a piece that starts mid-sentence ("への投資は…") is a
        later attempt at the continuation of: the one whose reading-through
        gives the text the article has. The first value says it forms a
        sentence the article has where they meet."""
        best = None
        for age, (cut, node) in enumerate(reversed(self.history[-RECENT_CUTS:])):
            if node.removed:
                continue
            joined = read_through(cut, head, lambda sentence: False, self.vocabulary)
            self._spend(cut, head, joined)
            if joined is None or joined.unit is None or self._makes_marker(joined):
                continue
            match = self._relation(joined.unit, node)
            if match is None:
                continue
            # The right cut makes, where it meets the head, a sentence the
            # article has ("…改変と" + "いう別の…" is one written whole).
            sentences = joined.unit.sentences or []
            at = min(len(cut.sentences or [None]) - 1, len(sentences) - 1)
            formed = match.relation is Relation.SAME or (
                at >= 0 and self.article.written(sentences[at].key)
            )
            if (
                not formed
                and match.relation is Relation.VARIANT
                and (match.score < self.far or not _goes_on_as(node, head))
            ):
                # Neither the article's words where they meet nor a close
                # rewording: the head is no retry of this continuation.
                continue
            rank = (not formed, _order(match), -match.score, age)
            if best is None or rank < best[0]:
                best = (rank, formed, cut, node, joined)
        if best is None:
            return None
        return best[1], best[2], best[3], best[4]

    def _finish_heading(self, heading: tuple[Unit, Node], head: Unit) -> list[Unit] | None:
        """A heading cut at a piece's end ("## ibpzik wzyti") and a piece that
        starts with the rest of its line ("n tplaui"): the heading, whole.

        Returns the units left of the head (its other lines), or None when
        the piece does not carry the heading on.
        """
        written, node = heading
        if node.removed or node.unit is not written or not head.prose:
            return None
        line, _, more = head.block.source.partition("\n")
        if not line.strip() or not starts_mid_sentence(line):
            return None  # " To check…" after a heading is a paragraph, not the title's rest
        first_sentence = head.sentences[0] if head.sentences else None
        if (
            first_sentence is not None
            and first_sentence.complete
            and len(first_sentence.key) >= MIN_KNOWN
            and self._written(first_sentence)
        ):
            return None  # "という運用に…。" standing already: the piece went back
        title = written.source.rstrip()
        first = line.lstrip()[:1]
        if first.isascii() != title[-1:].isascii():
            return None  # "## go-taskの`include`機能" then "go-taskには…": a new paragraph
        if _HEADING_ID.search(title):
            return None  # "### nullリテラル {#null-literal}": closed by its anchor, whole
        if more and not ends_terminated(line.rstrip()) and starts_mid_sentence(more):
            # "docs.rs needs to store the built documentation on the filesystem
            # before" then "serving it…": the first line of a wrapped paragraph,
            # whose sentence goes on, not the rest of a one-line title.
            return None
        whole = join_cut(title, line.rstrip(), self.vocabulary)  # "wzyti" + "n tplaui"
        source = whole + "\n\n" + more if more.strip() else whole
        blocks = parse_blocks(source, written.line, head.piece)
        if not blocks or blocks[0].kind is not Kind.HEADING:
            return None
        unit = make_unit(blocks[0], head.piece)
        unit.line = written.line
        self.article.update(node, unit)
        self.note(Action.STITCHED, head.line, f"continues the heading cut at line {written.line}")
        rest = [make_unit(block, head.piece) for block in blocks[1:]]
        for part in rest:
            part.line = head.line + 1
        return rest

    def _more_items(self, head: Unit, rest: list[Unit]) -> list[Unit]:
        """A list item read through into a paragraph ("く"), then the list's
        next items right under it ("- 保存する"): one list."""
        assert self.last is not None
        joined, node = self.last
        following = rest[0]
        kind = joined.block.kind
        if node is None or following.line != head.block.end_line + 1:
            return rest
        if kind is Kind.LIST and following.block.kind is Kind.LIST:
            # Written by this piece right under the item it finished: its next
            # items, even one that begins like it ("- item numb" under "- item number 0").
            more = join_lists(joined.block, following.block, retry=False, tight=True)
            if more is None:
                return rest
            source, _ = more
        elif kind is Kind.TABLE and _rows(following):
            # A row finished by a piece that opened with the spaces before its
            # next cell (read alone, indented code), then the table's next rows,
            # which alone open no table.
            source = joined.block.source.rstrip("\n") + "\n" + following.block.source.strip("\n")
        else:
            return rest
        blocks, parsed = parse_joined(joined.block, source, following.piece)
        self.work += len(source) + PARSE_COST * parsed
        if len(blocks) != 1 or blocks[0].kind is not kind:
            return rest
        unit = make_unit(blocks[0], following.piece)
        unit.line = joined.line
        # The items under it keep their raw lines in the page's line map.
        offset = source.count("\n") - following.block.source.count("\n")
        unit.extra = [*joined.extra, (offset, following.line)]
        self.article.update(node, unit)
        self.last = (unit, node)
        return rest[1:]

    def _starts_mid(self, head: Unit) -> bool:
        """Does the piece begin in the middle of a sentence?

        Lexically ("への投資は…"), or because its first sentence is the end of
        a sentence the article has ("いう別の危険もあります。" of "…改変という
        別の危険もあります。"): a later attempt that began where a cut fell.
        """
        if not head.sentences:
            return False
        first = head.sentences[0]
        if starts_mid_sentence(first.source):
            return True
        if len(first.key) < MIN_CONTAINED:
            return False
        for node in self.article.containing(first.key):
            for unit in (node.unit, *node.older):
                for sentence in unit.sentences or ():
                    if first.key in sentence.key and not sentence.key.startswith(first.key):
                        return True
        return False

    def _paragraph_goes_on(self, cut: Unit, head: Unit) -> bool:
        """Does a paragraph that a piece stopped in after a full stop go on at
        least as often as it ends, in this article? A piece stops where its length runs
        out, so a stop between two sentences falls inside a paragraph as often
        as the article's paragraphs have sentences to stop after. A head that
        begins mid-sentence ("への投資は…") is a retry's, not the next sentence."""
        if self._starts_mid(head):
            return False
        if self._lengths is None:
            self._lengths = paragraph_lengths(self.document)
        lengths, sentences = self._lengths, len(cut.sentences or ())
        at_least = sum(n for size, n in lengths.items() if size >= sentences)
        # A tie goes on: prose paragraphs mostly have more than one sentence.
        return at_least >= MIN_PARAGRAPHS and lengths[sentences] * 2 <= at_least

    def _label_goes_on(self, cut: Unit) -> bool:
        """Does the cut stop on a label ("Chromium issue:", "出典：") that
        the article writes with its value on the same line, and nowhere on a
        line of its own?"""
        label = cut.source.rstrip().rpartition("\n")[2].strip()
        if not label.endswith((":", "：")) or len(label) > MAX_LABEL:
            return False
        if self._labels is None:
            self._labels = line_labels(self.document)
        inline, alone = self._labels
        return label in inline and label not in alone

    def _written(self, sentence: object) -> bool:
        key = getattr(sentence, "key", "")
        if not key:
            return False
        if self.article.written(key):
            return True
        # A sentence the article has, after a few words of lead-in ("基本的に、",
        # "Basically,"): the generator going back and rewording its start.
        rest = without_lead_in(key)
        return rest is not None and self.article.written(rest)

    def _written_near(self, sentence: Sentence, node: Node) -> bool:
        """Does the sentence stand in the article as a sentence, or inside
        one near ``node``? Words that end a sentence far back ("the
        suggestion!" of "Thanks to A for the suggestion!" two hundred lines
        up) are no sign that the piece went back there."""
        key = sentence.key
        if not key or key in self.article.sentences:
            return bool(key)
        if not self._written(sentence):
            return False
        if not self.article.placed(node):
            return True
        here = self.article.index(node)
        return any(
            self.article.placed(other) and abs(self.article.index(other) - here) <= NEAR_BLOCKS
            for other in self.article.containing(key)
        ) or self._written_whole(key)

    def _written_whole(self, key: str) -> bool:
        rest = without_lead_in(key)
        return rest is not None and rest in self.article.sentences

    def _relation(self, unit: Unit, node: Node) -> Match | None:
        """How ``unit`` relates to ``node``: as another version of it, or none."""
        if unit.key.startswith(node.key) and len(unit.key) > len(node.key):
            return Match(node, Relation.COMPLETES)
        for match in self.article.matches(unit, VARIANT_NEAR):
            if match.node is node:
                return match
        return None

    def _joined(self, cut: Unit, node: Node, head: Unit, joined: object) -> list[Unit]:
        from .joins import Joined

        assert isinstance(joined, Joined)
        if joined.how is How.SHORTER:
            self.note(
                Action.DROPPED,
                head.line,
                f"repeats part of the cut at line {cut.line}",
                other=cut.line,
            )
            self.cursor = node
            # Still cut: a later piece may go on, from the latest attempt's cut
            # when it is the paragraph from its start.
            self.open = (joined.unit or cut, node)
            if joined.unit is not None:
                self.history.append((joined.unit, node))  # a later attempt may go on from it
            elif head.cut:
                # "…because Rust pr", a shorter attempt: a later piece may go on
                # from its cut ("events you from…"), and another again.
                self.history.append((head, node))
            return []
        assert joined.unit is not None
        verb = "restarts" if joined.how is How.RESTARTED else "continues"
        action = Action.RESTARTED if joined.how is How.RESTARTED else Action.STITCHED
        message = f"{verb} the {_what(cut)} cut at line {_cut_line(cut)}"
        self.note(action, head.line, message, other=cut.line)
        unit = joined.unit
        if (
            head.ends_article
            and not unit.cut
            and unit.prose
            and unit.sentences
            and not unit.complete
            and reads_cut(unit)
        ):
            # The article's last words read through ("…[here](https://gist.github"
            # + ".com/…"): still open where the generator stopped, so cut.
            unit.cut = True
        if self._echoed_inside(cut, node):
            # "*This Week in Rust*" (cut) was dropped as words of the paragraph
            # "Hello and welcome to another issue of *This Week in Rust*!…";
            # read through ("… is openly developed…") it is a paragraph of its
            # own, not a later attempt at that one: new text after it.
            self.cursor = node
            return [unit, *joined.rest]
        self._settle(node, unit, joined=True)
        twin = self._twin(node)
        if twin is not None:
            # The cut read through is a paragraph that stands already ("This PR
            # fixes [#1](https://github" + "…[#1](…)." written whole before):
            # a later attempt at it, not a second copy.
            self.note(
                Action.DROPPED,
                head.line,
                f"{_what(unit)} repeats line {twin.unit.line}",
                other=twin.unit.line,
            )
            # What the piece writes next goes on from where the copy stood.
            before = self._prev_of(node)
            self.article.remove(node)
            self.cursor = before or twin
            self.last = (unit, twin)
            return list(joined.rest)
        earlier = self._stopped_short_of(node)
        if earlier is not None:
            # "이 문서는 …입니다." stopped, then "이 문서는 파이썬" cut, then its
            # restart whole and on: the latest attempt at the paragraph.
            self.note(
                Action.SUPERSEDED,
                unit.line,
                f"paragraph replaces the earlier attempt at line {earlier.unit.line}",
                _first_words(earlier.unit.source),
                other=earlier.unit.line,
            )
            self.article.remove(earlier)
        self.cursor = node
        self.last = (unit, node)
        return list(joined.rest)

    @staticmethod
    def _echoed_inside(cut: Unit, node: Node) -> bool:
        """Was the cut a copy of words inside the node's paragraph, neither at
        its start nor at the start of one of its sentences (where a retry
        from inside the paragraph would begin)?"""
        shown = node.unit
        if shown is cut or not (cut.prose and shown.prose and cut.sentences and shown.sentences):
            return False
        first = cut.sentences[0].key
        return (
            bool(first)
            and first in shown.key
            and not any(s.key.startswith(first) for s in shown.sentences)
        )

    def _stopped_short_of(self, node: Node) -> Node | None:
        """The paragraph right before ``node``, one a piece stopped after,
        whose text ``node`` begins with and goes on from."""
        before = self._prev_of(node)
        if (
            before is None
            or before.removed
            or not before.unit.prose
            or not node.unit.prose
            or len(before.key) < MIN_CONTAINED
            or len(node.key) <= len(before.key)
            or not node.key.startswith(before.key)
            or before not in self.article.stopped[-RECENT_STOPPED:]
        ):
            return None
        return before

    def _twin(self, node: Node) -> Node | None:
        """An earlier paragraph with the very text ``node`` shows now, a few
        blocks back (further back, and placed as new text, it is the
        writer's: see ``_far_start_after_new_text``). A table or list read
        through into the one that stands, a few blocks on, is its twin too."""
        if len(node.key) < MIN_CONTAINED or node.cut:
            return None
        here = self.article.index(node) if self.article.placed(node) else None
        if node.unit.block.kind in (Kind.TABLE, Kind.LIST):
            return self._block_twin(node, here)
        if not (node.unit.prose or node.unit.block.role is Role.LINKS):
            return None  # (a line of links read through is one too: "[Guides](../." + "…)")
        for same in self.article.exact.get(node.key, ()):
            if (
                same is not node
                and not same.removed
                and same.unit.key == node.key
                # Keys leave out where links point: "参照: [型付け](…/composition-api…)"
                # and "(…/options-api…)" are two paragraphs, one per API.
                and _ADDRESS.findall(same.unit.source) == _ADDRESS.findall(node.unit.source)
                and self.article.placed(same)
                and same.rank < node.rank
                and (
                    here is None
                    or id(node) not in self.far_starts
                    or here - self.article.index(same) <= FAR_REPEAT
                )
            ):
                return same
        return None

    def _block_twin(self, node: Node, here: int | None) -> Node | None:
        written = node.unit.source.strip()
        for same in self.article.exact.get(node.key, ()):
            if (
                same is not node
                and not same.removed
                and same.unit.source.strip() == written
                and self.article.placed(same)
                and same.rank < node.rank
                and here is not None
                and 0 < here - self.article.index(same) <= FAR_REPEAT
            ):
                return same
        return None

    # Alignment -----------------------------------------------------------

    def align(self, unit: Unit) -> Node | None:
        """Map one unit onto the article; the node it went into."""
        if unit.block.kind is Kind.LIST and not unit.cut:
            unit = self._without_repeated_item_paragraph(unit)
        matches = self.article.matches(unit, VARIANT_NEAR)  # looked up once, used twice
        parts = self._parts(unit, matches)
        if parts is not None:
            node = None
            for part in parts:
                node = self.align(part)
            return node
        match = self._choose(unit, matches)
        if (
            match is not None
            and match.relation is Relation.VARIANT
            and match.node is self.cursor
            and match.node.unit.piece == unit.piece
            and self.at > 0
        ):
            # Two alike paragraphs one after the other in one piece ("add_css_file
            # … CSS files" then "add_js_file … JS files"): the writer's parallel
            # pair, not a rewording; a piece goes back only after a marker.
            match = None
        deliberate = match is not None and (
            self._deliberate(unit, match)
            or self._under_its_own_heading(unit, match)
            or self._closes_an_open_element(unit, match)
            or self._opens_new_text(unit, match)
            or self._recurs_over_new_text(unit, match)
        )
        if deliberate:
            match = None
        comes_back = match is None and self.excursion is not None and self._goes_on_after()
        if comes_back:
            assert self.excursion is not None
            self.excursion.retry = True  # new text the retry puts between blocks it has
            self.excursion.presumed = False
        if (
            match is None
            and self.excursion is not None
            and (
                not self.excursion.retry
                or self.excursion.presumed
                or (not comes_back and self._passed_its_place(unit))
            )
        ):
            # The piece went back only to repeat: what it writes now goes on
            # from where it was before.
            self._settle_fresh(self.anchor)
            self.cursor = self.excursion.before
            self.excursion = None
        if match is None and not deliberate and self._echoes_the_last_sentence(unit):
            assert self.cursor is not None
            line = self.cursor.unit.line
            self.note(
                Action.DROPPED, unit.line, f"paragraph repeats the end of line {line}", other=line
            )
            return self.cursor
        if match is None:
            # New: right after the cursor for now (see _settle_fresh). Once a
            # piece that began as a later attempt writes new text, a later
            # going back is an excursion of its own, repeat or retry.
            self.attempt = False
            node = self.article.reserve(unit)
            self.article.insert_after(node, self.cursor)
            if not self.fresh:
                self.anchor = self.cursor
            self.fresh.append(node)
            if id(unit) in self.far_units:
                self.far_starts.add(id(node))
            if deliberate:
                self.shown_twice.add(id(node))
            self.cursor = node
            return node
        node = match.node
        cursor = self.cursor
        if cursor is None or node is cursor or node.rank > cursor.rank:
            if node is not cursor:
                if self.excursion is not None and not self.fresh:
                    self.excursion.walked += 1
                if self.fresh and self.excursion is not None:
                    self.excursion.retry = True  # new text between blocks it went back to
                    self.excursion.presumed = False
                self.fresh = []  # new blocks stay between what they were written between
            if self.excursion is not None and (
                self.excursion.before is None or node.rank >= self.excursion.before.rank
            ):
                self.excursion = None  # back where the piece was: a retry
        else:
            # The piece goes back.
            self._settle_fresh(self.anchor)
            if self.excursion is None:
                self.excursion = Excursion(self.cursor, self.attempt, presumed=self.attempt)
        rewrote = self._apply(unit, match)
        if rewrote and self.excursion is not None:
            self.excursion.retry = True
            self.excursion.presumed = False
        self.cursor = node
        return node

    def _parts(self, unit: Unit, matches: list[Match]) -> list[Unit] | None:
        """A paragraph that is several paragraphs the article has, run together.

        The generator sometimes writes paragraphs again without the blank
        lines between them, or one paragraph followed by the rewrite of the
        next as one: split where the pieces are paragraphs that stand
        already. A paragraph none of whose parts stands is left whole (one
        sentence a line is a style some writers keep).
        """
        if not unit.prose or not unit.sentences or len(unit.sentences) < 2:
            return None
        if any(m.relation is not Relation.VARIANT for m in matches):
            return None
        groups: list[list[Sentence]] = []
        full = _full_lines(unit)
        for sentence in unit.sentences:
            # Paragraphs run together meet at a line's end; a sentence that
            # starts mid-line, or after a line as wide as the paragraph's
            # wrapping, is the same paragraph (hard-wrapped text).
            previous = groups[-1][-1] if groups else None
            if previous is not None and (
                not previous.source.endswith("\n")
                or (previous.line + previous.source.count("\n") - 1 - unit.line) in full
            ):
                groups[-1].append(sentence)
            else:
                groups.append([sentence])
        if len(groups) > 1:
            parts = [_part(unit, group) for group in groups]
            standing = sum(1 for part in parts if self._stands(part))
            if (standing >= 2 or (standing and standing == len(parts) - 1)) and not self._reworded(
                unit, matches
            ):
                return parts
        # One paragraph, then the next one (or its rewrite), as one.
        first = unit.sentences[0]
        home = self.article.sentences.get(first.key) if first.complete else None
        if home is None or home.removed or not home.unit.prose:
            return None
        size = 0
        at = 0
        for at, sentence in enumerate(unit.sentences):  # noqa: B007 (at is used after)
            size += len(sentence.key)
            if size >= len(home.key):
                break
        head_key = "".join(s.key for s in unit.sentences[: at + 1])
        if head_key != home.key or at + 1 >= len(unit.sentences):
            return None
        rest = _part(unit, unit.sentences[at + 1 :])
        # Two paragraphs only if the rest is (a version of) the one after it;
        # otherwise the paragraph was written again longer, a later version.
        following = next(iter(self.article.after(home)), None)
        if following is None or not any(
            m.node is following for m in self.article.matches(rest, VARIANT_NEAR)
        ):
            return None
        return [_part(unit, unit.sentences[: at + 1]), rest]

    def _reworded(self, unit: Unit, matches: list[Match]) -> bool:
        """Is the paragraph a paragraph of the article written again with a
        sentence reworded ("…later." then "…later, in most cases."): about
        as long and alike enough? Then it is one paragraph, not two run together."""
        return any(
            m.score >= self.far and abs(len(m.node.key) - len(unit.key)) <= len(unit.key) // 5
            for m in matches
        )

    def _stands(self, unit: Unit) -> bool:
        """Is the unit a paragraph of the article (not only a part of one)?"""
        return any(
            self._strong(m)
            and (m.relation is not Relation.CONTAINED or len(unit.key) >= WHOLE * len(m.node.key))
            for m in self.article.matches(unit, self.far)
        )

    def _choose(self, unit: Unit, matches: list[Match]) -> Match | None:
        reworded, self.reworded = self.reworded, None
        if reworded is not None and self.at == 0 and unit is self.queue[0]:
            return reworded  # the piece opens by writing that paragraph again
        matches = list(matches)
        cursor = self.cursor
        if cursor is not None and unit.prose and not unit.heading:
            # A short paragraph rewritten (too short for the similarity index)
            # right where the piece is: another attempt at the next block.
            after = self._next_of(cursor)
            if after is not None and all(m.node is not after for m in matches):
                # A cut attempt however short ("Sp") that starts it is it, too,
                # and so is the article's last line ("以下"): the generator stopped.
                starts = (
                    (unit.cut or unit.ends_article)
                    and after.unit.prose
                    and after.key.startswith(unit.key)
                    and len(after.key) > len(unit.key)
                )
                score = (
                    1.0
                    if starts
                    else 0.0
                    if names_other_code(unit.source, after.unit.source)
                    else self._resembles(unit, after)
                )
                if starts and not unit.cut:
                    # Whole as far as it goes, and the block goes on: it stands in it.
                    matches.append(Match(after, Relation.CONTAINED))
                elif score:
                    matches.append(Match(after, Relation.VARIANT, score))
            if (
                self.at == 0
                and cursor.unit.piece != unit.piece
                and len(cursor.key) < MIN_VARIANT
                and all(m.node is not cursor for m in matches)
                # the same numbers: "Paragraph 1 is here." is no rewording of "… 0 …"
                and _DIGITS.findall(unit.source) == _DIGITS.findall(cursor.unit.source)
                # about as long, neither holding the other ("…fast mode." is no
                # attempt at "…fast modern shell today.": that one goes on)
                and abs(len(unit.key) - len(cursor.key)) <= len(cursor.key) // 5
                and unit.key not in cursor.key
                and cursor.key not in unit.key
            ):
                # The block the last piece ended on, short, written again in
                # other words ("…大変な問題。" then "…大変な課題。"): the piece
                # restarts it; the latest attempt stands.
                score = self._resembles(unit, cursor)
                if score:
                    matches.append(Match(cursor, Relation.VARIANT, score))
        if not matches:
            return None
        following = self.queue[self.at + 1] if self.at + 1 < len(self.queue) else None
        if (
            self.excursion is not None
            and (_wordless(unit) or _markup(unit))
            and following is not None
            and following.block.line == unit.block.end_line + 1
            and not (_markup(following) or _wordless(following))
            and self._new_text(following)
        ):
            # Gone back to repeat a paragraph, the piece writes a line that
            # recurs ("{{book.console}}") right over new code: that line is the
            # new code's, not a sign the piece is walking the old passage (a
            # "///" that closes what it walked stands apart from what follows).
            return None
        if cursor is None:
            strong = [m for m in matches if self._strong(m) and self._far_evidence(unit, m)]
            return min(strong, key=lambda m: m.node.rank) if strong else None
        window: dict[int, int] = {}
        for distance, node in enumerate(self.article.after(cursor), 1):
            if distance > WINDOW:
                break
            window[id(node)] = distance
        near = [m for m in matches if id(m.node) in window]
        if near:
            return min(near, key=lambda m: (window[id(m.node)], _order(m)))
        here = [m for m in matches if m.node is cursor]
        if here:
            return min(here, key=_order)
        strong = [
            m
            for m in matches
            if (self._strong(m) or (unit.cut and m.score >= VARIANT_CUT))
            and self._far_evidence(unit, m)
        ]
        ahead = [m for m in strong if m.node.rank > cursor.rank]
        if ahead:
            return min(ahead, key=lambda m: (m.node.rank, _order(m)))
        # Another attempt at an earlier block, in other words, is where a
        # piece starts or once it has gone back; in the middle of new text,
        # a paragraph like an earlier one ("Step 2 adds one field" after
        # "Step 1 adds one field") is the writer's next one.
        back = self.at == 0 or self.excursion is not None
        behind = [
            m
            for m in strong
            if m.node.rank < cursor.rank and (back or m.relation is not Relation.VARIANT)
        ]
        if behind:
            return max(behind, key=lambda m: (m.node.rank, -_order(m)))
        return None

    def _deliberate(self, unit: Unit, match: Match) -> bool:
        """A block the writer shows twice on purpose, not a repeat to drop.

        The same command before and after a change, "It might look like
        this:" under two steps: far from its first copy, right after new
        text, and in the same piece unless it is code or markup (a later
        piece that writes a paragraph again is the generator going back).
        The generator's repeats are near their copy ("a few blocks later"),
        open with the section's heading, or come after a marker, where the
        piece went back; none of those is this.
        (A passage of such blocks is kept block by block: each one follows
        the new copy of the one before.)
        """
        node = match.node
        if (
            match.relation is not Relation.SAME
            or (
                unit.heading
                # an anchor names one place in a page: that section again
                and (
                    _ANCHOR.search(unit.source.rstrip()) or not self._in_another_section(node, unit)
                )
            )
            or self.excursion is not None
            or self.cursor is None
            or not self.fresh
            or self.fresh[-1] is not self.cursor  # the unit before it was new text,
            or not (  # not a copy itself ("<!-- md:version -->" after a repeated heading)
                id(self.cursor) in self.shown_twice
                or len(self.article.exact.get(self.cursor.key, ())) < 2
            )
            # Prose written again by a later piece is the generator's; a
            # command or its output shown again under new text is the writer's.
            # (A lead-in, "参照:" over a list, is a phrase writers use again.)
            or (node.unit.piece != unit.piece and unit.prose and not self._leads_in(unit))
            or node.older
        ):
            return False
        if self.cursor.unit.heading:
            # Right under a heading of its own that this piece just wrote: the
            # same lead-in in the next step ("…次のコマンドを実行します。").
            return True
        return self.article.index(self.cursor) - self.article.index(node) > FAR_REPEAT

    def _recurs_over_new_text(self, unit: Unit, match: Match) -> bool:
        """A line the article already holds twice, kept both times (a
        filename caption, its commented original above it), right over new
        text (the next listing): the writer's recurring line, once more. The
        generator's repeat of a passage goes on with the passage's next block,
        not with text the article has nowhere."""
        if not self._recurring_line(unit, match):
            return False
        for ahead in self.queue[self.at + 1 : self.at + 1 + CHAIN]:
            if self._new_text(ahead):
                return True
            same = self.article.matches(ahead, VARIANT_NEAR)
            if not any(self._recurring_line(ahead, m) for m in same):
                return False
        return False

    def _recurring_line(self, unit: Unit, match: Match) -> bool:
        """Is ``unit`` a block the writer shows again (one line, markup, a
        code block; no paragraph of prose) that stands, as it is, where the
        article keeps it twice, or once far back or under an earlier heading,
        and nowhere right where the piece is?"""
        if match.relation is not Relation.SAME or unit.heading:
            return False
        if not (
            _markup(unit)
            or _wordless(unit)
            or unit.block.kind is Kind.CODE  # the same command, shown again
            or "\n" not in unit.source.strip()
        ):
            return False
        if unit.prose and (
            len(unit.sentences or ()) > 1
            or _weight(unit.key) >= self.settings.repeat_weight(unit.key)
        ):
            return False  # a paragraph (two sentences, or one of some length) again is a repeat
        kept = [node for node in self.article.exact.get(match.node.key, ()) if not node.removed]
        # A copy where the piece is (the block it just wrote, the one before,
        # the next one on) is the passage the piece walks or restates as it
        # resumes ("</div>" again after a marker), not another use of it.
        if len(kept) >= 2:
            return not any(self._at_cursor(node) for node in kept)
        # Once before, far back (the second listing's caption), or under an
        # earlier heading in the middle of a piece ("Impacts:" in each CVE's
        # section): a generator's copy stands a few blocks from its first, in
        # the same section, or opens a piece that went back.
        return len(kept) == 1 and (
            not self._near_cursor(kept[0]) or (self.at > 0 and self._heading_since(kept[0]))
        )

    def _heading_since(self, node: Node) -> bool:
        """Does a heading stand between ``node`` and where the piece is?
        (Asked of nodes a few blocks back: the scan is short.)"""
        cursor = self.cursor
        if cursor is None or not self.article.placed(node) or not self.article.placed(cursor):
            return False
        start, end = self.article.index(node), self.article.index(cursor)
        return any(
            between.level and not between.removed
            for between in self.article.nodes[start + 1 : end + 1]
        )

    def _at_cursor(self, node: Node) -> bool:
        """Is ``node`` the block the piece is at, the one before or the next one?"""
        cursor = self.cursor
        if cursor is None or not self.article.placed(node) or not self.article.placed(cursor):
            return True
        return -1 <= self.article.index(cursor) - self.article.index(node) <= 1

    def _in_another_section(self, node: Node, unit: Unit) -> bool:
        """Does a heading of a higher level stand between ``node`` and where
        the piece is? "### Affected versions" under each "## CVE-…": a
        document's subsections recur under each of its sections, and the
        generator repeats within a section, a few blocks on."""
        if node.level == 0 or self.cursor is None or node.unit.piece != unit.piece:
            return False  # (a later piece that writes a section again is the generator's)
        start, end = self.article.index(node), self.article.index(self.cursor)
        if end - start > MAX_SECTION_SCAN:
            return True  # bounded, and no generator's repeat is that far from its copy
        return any(
            between.level and between.level < node.level and not between.removed
            for between in self.article.nodes[start + 1 : end + 1]
        )

    def _leads_in(self, unit: Unit) -> bool:
        """A lead-in ("参照:") that leads into the block after it in its piece."""
        following = self.queue[self.at + 1] if self.at + 1 < len(self.queue) else None
        return _lead_in(unit) and following is not None and following.block.kind in _INTRODUCED

    def _closes_an_open_element(self, unit: Unit, match: Match) -> bool:
        """A closing tag ("</div>") or a bare "///" (a pymdownx block's end)
        that closes what the article has open where the piece is: the page's
        structure, not a repeat, however many like it stand (nested "<div>"s
        close one after the other; a piece may start with the "///" that ends
        the last one's tip)."""
        closing = unit.source.strip()
        if (
            match.relation is not Relation.SAME
            or self.excursion is not None
            or self.cursor is None
            or self.cursor.unit.piece != unit.piece
            or not (closing == "///" or _CLOSING_TAGS.fullmatch(closing))
            # The very close that stands right after where the piece is: the
            # piece writes it again (after a paragraph it went back to finish).
            or match.node is self._next_of(self.cursor)
        ):
            return False
        if closing == "///":
            opens, closes = _BLOCK_OPEN, _BLOCK_CLOSE
        else:
            name = re.match(r"</([A-Za-z][\w-]*)", closing)
            assert name is not None
            opens = re.compile(rf"<{name.group(1)}[\s>]", re.IGNORECASE)
            closes = re.compile(rf"</{name.group(1)}>", re.IGNORECASE)
        depth = 0
        # The blocks just before it (bounded: a page of thousands of "</div>"
        # lines stays linear); an element opens a few blocks before it closes.
        end = self.article.index(self.cursor) + 1
        for node in self.article.nodes[max(0, end - MAX_TAG_SCAN) : end]:
            source = node.unit.source
            if not node.removed and ("<" in source or "///" in source):
                depth += len(opens.findall(source)) - len(closes.findall(source))
        return depth > 0

    def _opens_new_text(self, unit: Unit, match: Match) -> bool:
        """An opening tag written again ('<div class="options-api">') whose
        element, as this piece goes on, holds text the article does not have
        before it closes: the tag of that new text, whatever repeats it
        opens with (dropped, it would leave the new text's "</div>" with no
        element to close)."""
        tag = _OPENING_TAG.fullmatch(unit.source.strip())
        if (
            match.relation is not Relation.SAME
            or tag is None
            or tag.group(0).endswith("/>")
            or tag.group(1).lower() in _VOID
        ):
            return False
        previous = self.last[1] if self.last is not None and self.at > 0 else None
        if previous is not None and self._prev_of(match.node) is previous:
            return False  # inside a passage written again, it is that passage's
        name = re.escape(tag.group(1))
        opens = re.compile(rf"<{name}[\s>]", re.IGNORECASE)
        closes = re.compile(rf"</{name}\s*>", re.IGNORECASE)
        depth, new = 1, False
        for ahead in self.queue[self.at + 1 : self.at + 1 + MAX_TAG_SCAN]:
            source = ahead.source
            if "<" in source:
                depth += len(opens.findall(source)) - len(closes.findall(source))
                if depth <= 0:
                    break
            if not new and not _markup(ahead) and not self.article.matches(ahead, self.far):
                new = True
        return new

    def _under_its_own_heading(self, unit: Unit, match: Match) -> bool:
        """A paragraph the article has far back, written again right under a
        heading this piece just wrote and that has nothing else under it
        ("## `--with-node-modules`" over the sentence the introduction has
        too): the section's own text, which a writer repeats on purpose. The
        generator's copies come a few blocks after theirs, and a heading it
        repeats or leaves dangling at a piece's end has text of its own."""
        cursor = self.cursor
        if (
            match.relation is not Relation.SAME
            or not unit.prose
            or cursor is None
            or not cursor.unit.heading
            or cursor.unit.piece != unit.piece
            or match.node.rank > cursor.rank
        ):
            return False
        after = self._next_of(cursor)
        if after is not None and not (after.unit.heading and after.level <= cursor.level):
            return False
        if self.article.index(cursor) - self.article.index(match.node) <= FAR_REPEAT:
            return False
        if _ANCHOR.search(cursor.unit.source.rstrip()):
            # "## Typing component refs {#typing-component-refs}": an anchor of
            # its own names a new place in the page, and what opens it there
            # is its text, however like an earlier section's it reads.
            return True
        # Only if the piece goes on to the next section with nothing new in
        # between: new text under the heading is the section's own (the copy
        # before it the generator's), and a piece that stops may go on later.
        for ahead in self.queue[self.at + 1 : self.at + 1 + CHAIN]:
            if ahead.heading:
                return ahead.level <= cursor.level
            if not self.article.matches(ahead, VARIANT_NEAR):
                return False
        return False

    def _strong(self, match: Match) -> bool:
        return match.relation is not Relation.VARIANT or match.score >= self.far

    def _far_evidence(self, unit: Unit, match: Match, at: int | None = None) -> bool:
        """Is a match away from where the piece is more than a coincidence?

        A paragraph of some length is: the generator repeats, writers do not.
        A heading, a short paragraph or a lead-in ("### Example", "はい。",
        "For example:"), code, a list, a table, an HTML comment recur in any
        document: they count only when the unit after them matches the block
        after their match too (the passage written again), or the unit before
        them matched the block before (``at``: the unit's place in the piece,
        for units looked at ahead of the one being aligned).
        """
        if at is None:
            at = self.at
        cursor = self.cursor
        if (
            at == 0
            and match.relation is Relation.SAME
            and _markup(unit)
            and cursor is not None
            and (match.node is cursor or match.node is self._prev_of(cursor))
            and not self._new_text_follows(at)
        ):
            # A piece that opens on the markup right over where the last one
            # stopped (the commented original over a heading it ended on) is
            # the generator going back a block, not the markup once more.
            return True
        if unit.heading:
            if at == 0 and match.node is self._current_heading():
                # A piece that opens with the heading of the section it was in
                # is that section written again (a retry), however short the rest.
                return True
            if match.relation is Relation.SAME and _ANCHOR.search(unit.source.rstrip()):
                # "## 公式ルーター {#official-router}": an anchor names one
                # place in a page; the heading again is that section again.
                return True
        elif unit.prose:
            ahead = self._introduced(at)
            # One sentence leading into a list, code, a table or a figure
            # ("以下のデフォルト引数にアクセスできます。" over each guard's
            # arguments) is a stock lead-in, however long: it counts as a run
            # only (below).
            stock = (
                at > 0
                and unit.sentences is not None
                and len(unit.sentences) == 1
                and ahead is not None
                and (ahead.block.kind in (Kind.LIST, Kind.CODE, Kind.TABLE) or _figure(ahead))
                # far from its first copy: the generator's copies are near
                and self.cursor is not None
                and match.node.rank < self.cursor.rank
                and self.article.index(self.cursor) - self.article.index(match.node) > FAR_REPEAT
            )
            # A paragraph of sentences that ends on a lead-in ("…第一個候選版本。
            # 此版本包括…。例如：") and leads into no block here weighs as prose.
            into = ahead is not None and ahead.block.kind in _INTRODUCED
            prose = len(unit.sentences or ()) > 1 and not into
            whole = unit.key.rstrip(":：") if prose else unit.key
            if self._far_start_after_new_text(unit, match, at):
                return False
            if self._quotes_own_paragraph(unit, match, at):
                return False
            if not stock and _weight(unit.key) >= self.settings.repeat_weight(whole):
                return True
            if not into and self._near_copy(unit, match):
                return True
            if (
                at == 0
                and len(unit.key) >= MIN_CONTAINED
                and match.node.key.startswith(unit.key)
                # A short line whole ("Filename: Cargo.toml" over each listing)
                # recurs: far back, only the passage after it tells (below).
                and (match.relation is not Relation.SAME or self._near_cursor(match.node))
            ):
                # A piece that opens with the opening of a paragraph that stands
                # is the generator going back to write it again.
                return True
            if (
                at == 0
                and len(match.node.key) >= MIN_CONTAINED
                and len(unit.key) > len(match.node.key)
                and unit.key.endswith(match.node.key)
            ):
                # A piece that opens with a paragraph that stands, reworded at
                # its start ("基本的に、" + it): the generator going back.
                return True
            following = self.queue[at + 1] if at + 1 < len(self.queue) else None
            if (
                match.relation is Relation.SAME
                and unit.key.endswith((":", "："))
                and following is not None
                and (
                    following.heading
                    or (
                        # prose, or a line of links ("[Playground で試す](…)")
                        (following.prose or _wordless(following))
                        and self._leads_into_block(match.node)
                    )
                    # or into the end of an element ("</div>"): into nothing
                    or _CLOSING_TAGS.fullmatch(following.source.strip()) is not None
                )
            ):
                # A paragraph ending on a lead-in ("…でインストールできます："),
                # that stands already, written again before a heading, or
                # before prose where the first copy leads into code or a list,
                # leads into nothing: a repeat, not a block shown twice.
                return True
        elif (
            at == 0
            and not _markup(unit)
            and not (
                self._new_text_follows(at)
                and (_wordless(unit) or not self._near_cursor(match.node))
            )
            and len(unit.key) >= MIN_CONTAINED
        ):
            # A piece that opens on a list, table or code block written before
            # is the generator starting over, not the writer quoting it again,
            # unless new text follows it: a line of syntax ("{{book.console}}"
            # over each example), or a block far back (the policy's quote again
            # under "…from the policy:"), counts only with the passage after it.
            return True
        if self._same_link_again(unit, match):
            return True
        previous = self.last[1] if self.last is not None and at == self.at else None
        if previous is not None and self._prev_of(match.node) is previous:
            return True  # the unit before it matched the block before it: a run
        # The units after it match the blocks after its match, up to one that
        # tells: the passage written again. Markup ("</div>", "<div class=…>")
        # and lead-ins ("Configuration specific to syntax extensions:") recur
        # together under recurring headings, so they only count with more.
        node = match.node
        for ahead in self.queue[at + 1 : at + 1 + CHAIN]:
            after = self._next_of(node)
            if after is None:
                return False
            # A cut short attempt counts as far as it got ("First inst"), a
            # paragraph in other words as another attempt at it.
            starts = (
                ahead.cut and len(ahead.key) >= MIN_CUT_START and after.key.startswith(ahead.key)
            )
            if (
                not starts
                and not self._resembles(ahead, after)
                and not any(
                    m.node is after
                    and self._strong(m)
                    # Code, a list or a table like the one after the match (the
                    # next listing, another file's path) is the writer's next
                    # one; the generator rewords prose, it copies the rest.
                    and (ahead.prose or m.relation is not Relation.VARIANT)
                    for m in self.article.matches(ahead, self.far)
                )
            ):
                return False
            if not _markup(ahead) and not _lead_in(ahead) and not _wordless(ahead):
                return True
            node = after
        return False

    def _introduced(self, at: int) -> Unit | None:
        """The block the unit at ``at`` leads into: the next one in its piece
        past a few lines of markup ("{{book.console}}", "<!-- doctest -->")
        that stand between a lead-in and its code."""
        for ahead in self.queue[at + 1 : at + 1 + CHAIN]:
            if not (_markup(ahead) or (_wordless(ahead) and ahead.block.kind is not Kind.RULE)):
                return ahead
        return None

    def _far_start_after_new_text(self, unit: Unit, match: Match, at: int) -> bool:
        """A paragraph the piece stopped in, right after new text, that begins
        like one far back ("複数の親が同じキーを…" under the second API's
        section, as under the first): the writer's own sentence again, so
        far as the cut shows; the generator's copies come a few blocks on."""
        cursor = self.cursor
        far = (
            unit.cut
            and at > 0
            and at == self.at
            and cursor is not None
            and bool(self.fresh)
            and self.fresh[-1] is cursor
            and self.article.placed(match.node)
            and match.node.rank < cursor.rank
            and self.article.index(cursor) - self.article.index(match.node) > FAR_REPEAT
        )
        if far:
            self.far_units.add(id(unit))
        return far

    def _quotes_own_paragraph(self, unit: Unit, match: Match, at: int) -> bool:
        """A whole paragraph that is a sentence from inside a paragraph this
        same piece wrote a few blocks before ("…error. In most situations,
        we'll lead you… Ferris will also…", a table, then "In most situations,
        we'll lead you…" on its own): the writer saying it again. A piece goes
        back only after a marker, and the generator's part-copies are a
        retry's start (the piece's first unit, or a run) or the paragraph's
        tail right after it (see ``_echoes_the_last_sentence``)."""
        node = match.node
        if (
            match.relation is not Relation.CONTAINED
            or at == 0
            or unit.cut
            or not unit.complete
            or node.unit.piece != unit.piece
            or node.cut
            or node.key.startswith(unit.key)
            or node.key.endswith(unit.key)
        ):
            return False
        previous = self.last[1] if self.last is not None and at == self.at else None
        return previous is None or self._prev_of(node) is not previous

    def _new_text_follows(self, at: int) -> bool:
        """Is the unit after ``at`` in the piece whole text the article has
        nowhere (the next example's code after its "{{book.console}}"), past
        lines of markup ("<!-- doctest -->")?"""
        following = self._introduced(at)
        return following is not None and self._new_text(following)

    def _new_text(self, unit: Unit) -> bool:
        """Whole text like nothing the article has."""
        return not unit.cut and not self.article.matches(unit, VARIANT_NEAR)

    def _same_link_again(self, unit: Unit, match: Match) -> bool:
        """A line of links written again as it stands a few blocks back in
        the same piece, down to a long address ("[Playground で試す](…#eNpN…)"
        under the next "</div>"): the generator's copy. Each example has a
        link of its own; the same address twice in a row is no example."""
        return (
            match.relation is Relation.SAME
            and _wordless(unit)
            and match.node.unit.piece == unit.piece
            and unit.source.strip() == match.node.unit.source.strip()
            and any(len(address) >= MIN_ADDRESS for address in _ADDRESS.findall(unit.source))
            and self._near_cursor(match.node)
        )

    def _near_cursor(self, node: Node) -> bool:
        """Is ``node`` a few blocks from where the piece is (a copy's distance)?"""
        cursor = self.cursor
        if cursor is None or not self.article.placed(node) or not self.article.placed(cursor):
            return True
        return abs(self.article.index(cursor) - self.article.index(node)) <= FAR_REPEAT

    def _near_copy(self, unit: Unit, match: Match) -> bool:
        """A whole sentence of a paragraph written again a few blocks after
        its copy, in the same piece ("Now Ruby 2.0.0-p353 is released." three
        paragraphs on, in the same section): the generator's repeat, short as
        it is. (A lead-in, "For example:" or one before code, is a writer's,
        and so is a line that closes each section, "See the notes for more.")"""
        node, cursor = match.node, self.cursor
        if not (
            match.relation is Relation.SAME
            and cursor is not None
            and node.unit.piece == unit.piece
            and unit.complete
            and not unit.key.endswith((":", "："))
            and len(unit.key) >= MIN_CONTAINED
            and self.article.placed(node)
        ):
            return False
        distance = self.article.index(cursor) - self.article.index(node)
        return 0 < distance <= FAR_REPEAT and not self._heading_since(node)

    def _leads_into_block(self, node: Node) -> bool:
        """Is the block after ``node`` code, a list or a table (what a lead-in
        introduces), past a line of markup ('<span class="filename">…</span>')?"""
        after = self._next_of(node)
        for _ in range(CHAIN):
            if after is None or not (
                _markup(after.unit)
                or _wordless(after.unit)
                or _ONE_ELEMENT.fullmatch(after.unit.source.strip())
            ):
                break
            after = self._next_of(after)
        return after is not None and after.unit.block.kind in (Kind.CODE, Kind.LIST, Kind.TABLE)

    def _resembles(self, unit: Unit, node: Node) -> float:
        """How alike a paragraph is to another attempt at ``node`` (0 if not):
        one holding the other whole ("基本的に、" + it), or alike enough."""
        if not (unit.prose and node.unit.prose and unit.key and node.key):
            return 0.0
        if len(node.key) >= MIN_CONTAINED and node.key in unit.key:
            return len(node.key) / len(unit.key)
        if len(unit.key) >= MIN_CONTAINED and unit.key in node.key:
            return len(unit.key) / len(node.key)
        article = self.article
        score = article._alike(unit.key, article.shingles(unit.key), node.key)
        return score if score >= VARIANT_NEAR else 0.0

    def _current_heading(self) -> Node | None:
        """The heading of the section the cursor is in."""
        cursor = self.cursor
        if cursor is None or cursor.rank < 0:
            return None
        nodes = self.article.nodes
        for at in range(self.article.index(cursor), -1, -1):
            if nodes[at].unit.heading and not nodes[at].removed:
                return nodes[at]
        return None

    def _echoes_the_last_sentence(self, unit: Unit) -> bool:
        """A short paragraph that is the last sentence of the paragraph right
        before it ("…into a file. To do that:" then "To do that:"): the
        generator writing its end again. Longer ones are found as repeats by
        the index; short ones recur on purpose, but not right after themselves."""
        cursor = self.cursor
        if cursor is None or cursor.removed or not unit.prose or not unit.sentences:
            return False
        before = cursor.unit
        if before.block.kind is Kind.LIST and len(unit.sentences) == 1:
            # The last sentence of the list's last item ("…verfügt. Typische
            # Anwendungsfälle sehen wie folgt aus:"), again after the list.
            key = before.key
            return (
                len(key) > len(unit.key) + 1
                and key.endswith(unit.key)
                and key[-len(unit.key) - 1] in SENTENCE_ENDS
            )
        return (
            before.prose
            and not before.heading
            and before.sentences is not None
            and len(before.sentences) > 1
            and len(unit.sentences) == 1
            and before.sentences[-1].key == unit.key
        )

    def _prev_of(self, node: Node) -> Node | None:
        if node.rank < 0:
            return None  # reserved, not placed yet
        nodes = self.article.nodes
        at = self.article.index(node) - 1
        while at >= 0 and nodes[at].removed:
            at -= 1
        return nodes[at] if at >= 0 else None

    def _next_of(self, node: Node) -> Node | None:
        return next(iter(self.article.after(node)), None)

    def _apply(self, unit: Unit, match: Match) -> bool:
        """What a match does to its node; True if the node was rewritten."""
        node = match.node
        relation = match.relation
        if relation is Relation.SAME and unit.key != node.key and not _rest_again(unit, node):
            # A version the node showed before a later attempt replaced it,
            # written again: it is the latest attempt now.
            return self._settle(node, unit)
        start_again = (  # a list written again from its first item, stopped sooner
            relation is Relation.CONTAINED
            and unit.block.kind is Kind.LIST
            and node.key.startswith(unit.key)
        )
        # Lines of a list item written again on their own ("  MD5\n  : d8a0…"):
        # part of the list, cut or not (a cut list may still go on).
        item_lines = (
            relation is Relation.CONTAINED
            and node.unit.block.kind is Kind.LIST
            and unit.block.kind is not Kind.LIST
        )
        # A list's last items written again as they stand, nothing after them:
        # nothing to carry on, cut as the list may be.
        end_again = (
            relation is Relation.CONTAINED
            and unit.block.kind is Kind.LIST
            and node.unit.block.kind is Kind.LIST
            and node.key.endswith(unit.key.partition(":")[2])
        )
        if relation is Relation.SAME or (
            relation is Relation.CONTAINED
            and (not node.cut or start_again or item_lines or end_again)
        ):
            what = "repeats" if unit.key == node.key else "repeats part of"
            message = f"{_what(unit)} {what} line {node.unit.line}"
            self.note(Action.DROPPED, unit.line, message, other=node.unit.line)
            if node.cut and unit.source.strip() == node.unit.source.strip() and not unit.cut:
                # Written again as it stands, and the piece went on past it
                # ("…soon. (_Correction: …_)" then a comment): it ended there.
                node.cut = False
            return False
        return self._settle(node, unit)

    def _settle(self, node: Node, unit: Unit, joined: bool = False) -> bool:
        """``unit`` is a later version of ``node``'s text: which one the article shows.

        The latest attempt wins, except where it stops short (cut) of a
        version that went further: then the complete one stays, so nothing
        complete is lost. Returns True if the node now shows ``unit``.
        """
        current = node.unit
        # The cut read through goes further even where its words are the
        # same ("[Thanks!](http" + "s://…)": a key has no address in it).
        through = (
            joined
            and len(unit.source.strip()) > len(current.source.strip())
            and unit.source.lstrip().startswith(current.source.strip())
        )
        if unit.key == current.key and not through:
            node.cut = unit.cut
            return False
        # (A list the last piece stopped after counts as cut, but not when its
        # last item ends a sentence: "- 新" again is shorter than "- 新しい…です。".)
        unit = _from_item(current, unit)  # (a list again from a later item: the items before)
        whole = not node.cut or unit.ends_article or ends_terminated(current.source.rstrip())
        shorter_list = whole and _fewer_items(unit, current)
        if (unit.cut or shorter_list) and not through and _within(unit, current):
            # A copy cut shorter than the version that stands, or a list
            # written again from its first item that stops before the whole
            # items of the one that stands (or ends the article): that one stays.
            self.note(
                Action.COMPLETED,
                unit.line,
                f"an attempt cut short of line {current.line}; the longer one stays",
                other=current.line,
            )
            return False
        unit = _from_inside(current, unit)
        if current.key in unit.key or unit.key.startswith(current.key):
            action, verb = Action.COMPLETED, "completes"
        else:
            action, verb = Action.SUPERSEDED, "replaces"
        if not joined:
            self.note(
                action,
                unit.line,
                f"{_what(unit)} {verb} the earlier attempt at line {current.line}",
                _first_words(current.source) if action is Action.SUPERSEDED else "",
                other=current.line,
            )
        self.article.update(node, unit)
        node.cut = unit.cut
        if action is Action.COMPLETED and unit.prose:
            self._absorb_rest(node, unit.key[unit.key.find(current.key) + len(current.key) :])
        return True

    def _absorb_rest(self, node: Node, rest: str) -> None:
        """A paragraph completed by a version whose rest is the paragraphs
        right after it ("…は ref です。" stopped, "他の ref と…" as a paragraph
        of its own, then both as one): one paragraph, as the latest attempt
        writes it; the ones it took in go."""
        following = self._next_of(node)
        while (
            rest
            and following is not None
            and following.unit.prose
            and not following.unit.heading
            and following.key
            and rest.startswith(following.key)
            # (not a block this piece placed, or one it goes on from)
            and following is not self.anchor
            and not any(fresh is following for fresh in self.fresh)
            and (self.excursion is None or self.excursion.before is not following)
        ):
            rest = rest[len(following.key) :]
            self.note(
                Action.DROPPED,
                following.unit.line,
                f"paragraph is the rest of line {node.unit.line}, written as one",
                other=node.unit.line,
            )
            after = self._next_of(following)
            if self.cursor is following:
                self.cursor = node
            self.article.remove(following)
            following = after

    def _goes_on_after(self) -> bool:
        """After new text, does the piece come back to blocks of the stretch it
        went back to (between where it is and where it was)? Then the new
        text belongs between them: a retry that adds a section."""
        excursion, cursor = self.excursion, self.cursor
        if excursion is None or cursor is None or excursion.before is None:
            return False
        # One paragraph written again is a repeat the piece carries on from;
        # a passage walked again is a retry, which may add a whole section.
        reach = LOOKAHEAD if excursion.walked > 1 else 1
        for at in range(self.at + 1, min(len(self.queue), self.at + 1 + reach)):
            unit = self.queue[at]
            for match in self.article.matches(unit, self.far):
                node = match.node
                if (
                    self.article.placed(node)
                    and cursor.rank < node.rank < excursion.before.rank
                    and (self._strong(match) and self._far_evidence(unit, match, at))
                ):
                    return True
        return False

    def _settle_fresh(self, after: Node | None) -> None:
        """The new blocks written since the last match, with no block of their
        piece after them: after ``after``, and after whatever an earlier piece
        wrote there in the same section (a new section after every section
        that stands). The cursor stays on the last of them."""
        fresh, self.fresh = self.fresh, []
        if not fresh:
            return
        for node in fresh:
            self.article.remove(node, keep=True)
        for node in fresh:
            if node.removed:
                continue
            self.article.insert(node, after)
            after = node
        self.cursor = after

    def _end_excursion(self) -> None:
        """A piece ends: what it wrote last goes where it belongs."""
        excursion, self.excursion = self.excursion, None
        if excursion is not None and not excursion.retry:
            # Only repeats: what the piece wrote after them continues where it was.
            if self.fresh:
                self._settle_fresh(excursion.before)
            else:
                self.cursor = excursion.before
            return
        self._settle_fresh(self.anchor)

    def _close(self, written: Unit, node: Node | None) -> None:
        """Remember how the piece ended, for the next piece to read through."""
        if node is None or node.removed or self.spent:
            return  # (past the budget, no piece reads a cut through: none is left cut)
        shows = node.unit is written
        if written.cut:
            # Cut: the next piece may go on with it, a later attempt may too.
            self.open = (written, node)
            self.history.append((written, node))
            # A cut copy of a complete version leaves that complete; of a
            # longer cut one ("The" of "The reason why I ([@vjeux](https://githu"),
            # that one still cut (unless a later piece wrote it whole and
            # went on: then it ended there).
            node.cut = shows or (node.unit.cut and node.cut)
        elif written.block.kind in (Kind.LIST, Kind.TABLE, Kind.CODE):
            # A list or table the next piece may carry on; if none does and
            # its whole version stands, the cut copy goes (finish.py). A
            # shorter copy dropped as its start leaves it as cut as it was.
            self.open = (written, node)
            if written.block.kind is Kind.LIST:
                # A later piece may write its last item's rest again.
                self.history.append((written, node))
            node.cut = shows or (node.cut and node.key.startswith(written.key))
        elif shows and comment_left_open(written):
            # "<!--\n\nDear community co": the comment goes on in the next piece.
            self.open = (written, node)
            node.cut = True
        elif shows and syntax_left_open(written):
            # "/// note |" or '=== ":octi': the title is in the next piece.
            self.open = (written, node)
            node.cut = True
        elif written.block.kind is Kind.PARAGRAPH and not written.prose and not written.heading:
            # Syntax with its text ("/// version-added | v2.11" + "Named type"):
            # the next piece may write it again from its start, whole.
            self.open = (written, node)
        elif written.prose:
            # Whole, but the piece stopped here: the next one may restart it
            # from a few words back, or carry on a quote or an ellipsis.
            self.open = (written, node)
            self.article.stopped.append(node)
        if written.heading and shows and written.block.kind is Kind.HEADING:
            self.heading_end = (written, node)
        if (node.cut or (written.heading and shows)) and id(node) not in self.article.cut_ids:
            # A dangling heading may be cut too ("### 倫理と"): a longer one completes it.
            self.article.cuts.append(node)
            self.article.cut_ids.add(id(node))


def _earlier_went_on(node: Node, last: Sentence, first: Sentence) -> bool:
    """Did a superseded version of ``node`` go on from ``last`` (or the
    sentence it rewords) to ``first``?"""
    if len(first.key) < MIN_KNOWN:
        return False
    for older in node.older:
        sentences = older.sentences or []
        for before, after in pairwise(sentences):
            if after.key == first.key and (before.key == last.key or reworded(before, last)):
                return True
    return False


def _goes_on_as(node: Node, head: Unit) -> bool:
    """Does the node's text have the head's words, most of them at least (a
    retried continuation, reworded or not)? A long paragraph is alike to
    itself read through into anything ("…and" + "ize `Write` impl…")."""
    key = head.key
    grams = [key[at : at + PROBE] for at in range(0, min(len(key), PROBE * PROBES), PROBE)]
    grams = [gram for gram in grams if len(gram) == PROBE] or [key]
    text = "".join(node.versions)
    return 2 * sum(gram in text for gram in grams) >= len(grams)


PROBE, PROBES = 8, 8  # characters of a probe, and how many of the head's start


def _from_inside(current: Unit, unit: Unit) -> Unit:
    """A later attempt that starts at one of the paragraph's later sentences
    ("基本的に、分子動力学法においては…" after "私が京で最も苦労したのは…。"):
    the paragraph up to there, then the attempt. A sentence goes out of a
    paragraph only at a cut, never because a retry began after it."""
    old, new = current.sentences, unit.sentences
    if not (current.prose and unit.prose and old and new) or len(old) < 2:
        return unit
    first = new[0].key
    if len(first) < MIN_KNOWN or old[0].key == first:
        return unit
    bare = without_lead_in(first)  # "基本的に、" + the sentence: the same start
    at = next(
        (
            at
            for at in range(1, len(old))
            if old[at].key in (first, bare)
            or (len(old[at].key) >= MIN_KNOWN and first.startswith(old[at].key))
        ),
        None,
    )
    if at is None and current.key not in unit.key:
        # Or that sentence in other words ("…必要になります。" then "…必要に
        # なるのです。"): the retry starts there all the same. (About as long
        # first: the 4-gram measure is the costly test.)
        at = next(
            (
                at
                for at in range(1, len(old))
                if abs(len(old[at].key) - len(first)) <= len(first) // 3
                and reworded(old[at], new[0])
            ),
            None,
        )
    if at is None:
        return unit
    merged = unit.with_sentences([*old[:at], *new])
    merged.cut, merged.quote_open = unit.cut, unit.quote_open
    return merged


def _from_item(current: Unit, unit: Unit) -> Unit:
    """A list written again from one of its later items ("- **コンパイラ**: …"
    after "- **完全**: …"): the list up to that item, then the attempt. An item,
    like a sentence, goes out only at a cut."""
    if current.block.kind is not Kind.LIST or unit.block.kind is not Kind.LIST:
        return unit
    first = unit.block.source.strip("\n").split("\n", 1)[0]
    if len(first.strip()) < MIN_KNOWN:
        return unit
    lines = current.block.source.split("\n")
    at = next((at for at, line in enumerate(lines) if at and line.rstrip() == first.rstrip()), None)
    if at is None or not "".join(lines[:at]).strip():
        return unit
    source = "\n".join(lines[:at]) + "\n" + unit.block.source.strip("\n")
    blocks, _ = parse_joined(current.block, source, unit.piece)
    if len(blocks) != 1 or blocks[0].kind is not Kind.LIST:
        return unit
    merged = make_unit(blocks[0], unit.piece)
    merged.line, merged.cut, merged.quote_open = unit.line, unit.cut, unit.quote_open
    merged.ends_article = unit.ends_article
    return merged


def _rows(unit: Unit) -> bool:
    """Lines of text that are all a table's rows ("| Reduction | -30% |")."""
    lines = unit.block.source.strip("\n").split("\n")
    return unit.block.kind is Kind.PARAGRAPH and all(
        line.lstrip().startswith("|") and line.rstrip().endswith("|") for line in lines
    )


def _latin_end(unit: Unit) -> bool:
    last = unit.source.rstrip()[-1:]
    return last.isascii() and last.isalnum()


def _part(unit: Unit, sentences: list[Sentence]) -> Unit:
    part = unit.with_sentences(list(sentences))
    part.line = sentences[0].line
    part.cut = unit.cut and sentences[-1] is unit.sentences[-1]  # type: ignore[index]
    part.quote_open = unit.quote_open and sentences[-1] is unit.sentences[-1]  # type: ignore[index]
    return part


def _order(match: Match) -> int:
    return (
        Relation.SAME,
        Relation.COMPLETES,
        Relation.CONTAINED,
        Relation.VARIANT,
    ).index(match.relation)


def _fewer_items(unit: Unit, current: Unit) -> bool:
    """A list that is the start of the list that stands (its first items)."""
    return (
        unit.block.kind is Kind.LIST
        and current.block.kind is Kind.LIST
        and len(unit.key) < len(current.key)
        and current.key.startswith(unit.key)
    )


def _rest_again(unit: Unit, node: Node) -> bool:
    """The rest of a list or table that a cut was read through into, written
    again by a piece that went back: the whole block stands."""
    return unit.block.kind in (Kind.LIST, Kind.TABLE) and unit.key.partition(":")[2] in node.key


def _within(unit: Unit, whole: Unit) -> bool:
    """Is the cut ``unit``'s text the start of ``whole`` (or inside it)?"""
    if whole.key.startswith(unit.key) or unit.key in whole.key:
        return True
    if not unit.sentences:
        return False
    complete = "".join(s.key for s in unit.sentences[:-1])
    return (
        bool(complete)
        and whole.key.startswith(complete)
        and whole.key.find(unit.sentences[-1].key[:8], len(complete)) == len(complete)
    )


def _what(unit: Unit) -> str:
    if unit.heading:
        return "heading"
    if unit.prose:
        return "paragraph"
    return unit.block.kind.value


def _cut_line(unit: Unit) -> int:
    if unit.sentences:
        return unit.sentences[-1].line
    return unit.block.end_line


def _first_words(source: str, size: int = 24) -> str:
    text = " ".join(source.split())
    return text if len(text) <= size else text[:size] + "…"


def _weight(key: str) -> int:
    """Length with CJK characters counted twice: a Japanese sentence of 20
    characters says as much as an English one of 40."""
    return len(key) + sum(1 for char in key if is_cjk(char))


def _markup(unit: Unit) -> bool:
    """HTML, a comment, a target: no words of its own."""
    kind = unit.block.kind
    if kind in (Kind.HTML, Kind.OTHER):
        return True
    return kind is Kind.PARAGRAPH and not unit.prose and unit.source.lstrip().startswith("<")


def _wordless(unit: Unit) -> bool:
    """A rule, or a line of links or syntax ("[Hover me](…)", "///"): a passage
    of such lines recurs in a document as written (each example with its result).
    A figure ("![スキャン結果](…)") is content: shown twice, it was written twice."""
    if unit.block.kind is Kind.RULE:
        return True  # "---" between sections: every page has several
    return (
        unit.block.kind is Kind.PARAGRAPH
        and not unit.prose
        and not unit.heading
        and not unit.source.lstrip().startswith("![")
    )


def _figure(unit: Unit) -> bool:
    """A paragraph that is an image alone, which a sentence may introduce."""
    return (
        unit.block.kind is Kind.PARAGRAPH
        and not unit.prose
        and unit.source.lstrip().startswith("![")
    )


def _full_lines(unit: Unit) -> set[int]:
    """Lines of a hard-wrapped paragraph that are as wide as its wrapping
    (by index in the paragraph); none when it is not wrapped at one width."""
    widths = [len(line) for line in unit.source.rstrip("\n").split("\n")]
    if len(widths) < 3:
        return set()
    width = max(widths)
    body = widths[:-1]
    if width < MIN_WRAP or sum(1 for w in body if w >= width - WRAP_SLACK) < 0.8 * len(body):
        return set()
    return {at for at, w in enumerate(widths) if w >= width - WRAP_SLACK}


def _lead_in(unit: Unit) -> bool:
    """A short line that introduces what follows ("Configuration specific to
    syntax extensions:"): documents write the same one before each block."""
    return unit.prose and unit.key.endswith((":", "：")) and len(unit.sentences or ()) <= 1


def line_labels(document: Document) -> tuple[set[str], set[str]]:
    """The labels ("Chromium issue:") that open a paragraph's line with more
    after them, and those that stand as a line alone, in the raw text. A
    piece's last block may be a label cut from its value: left out of the
    second set."""
    inline: set[str] = set()
    alone: set[str] = set()
    for fragment in document.fragments:
        last = len(fragment.blocks) - 1
        for at, block in enumerate(fragment.blocks):
            if block.kind is not Kind.PARAGRAPH:
                continue
            for line in block.source.split("\n"):
                line = line.strip()
                head = _LABEL.match(line)
                if head is None:
                    continue
                if head.end() == len(line):
                    if at != last:
                        alone.add(line)
                else:
                    inline.add(head.group(0))
    return inline, alone


def paragraph_lengths(document: Document) -> Counter[int]:
    """How many whole prose paragraphs of the raw text have how many sentences.
    A piece's first and last blocks may be halves of a cut: left out."""
    lengths: Counter[int] = Counter()
    for fragment in document.fragments:
        for block in fragment.blocks[1:-1]:
            if block.is_prose:
                lengths[len(split_sentences(block.text))] += 1
    return lengths
