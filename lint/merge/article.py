"""The article being built: its blocks in order, and how a unit relates to them.

Each block of the article is a node. A node keeps the unit it shows (the
latest version written of it) and the keys of every version it had, so a
later attempt that repeats superseded text is still recognised. Nodes are
kept in order by a rank; a new node gets a rank between its neighbours, so
an insertion never renumbers the article (except, rarely, to make room).

How a unit relates to a node, the one definition the linter's repeats use
(``repeats.fingerprints``, ``repeats.shingles``):

SAME
    the same text as the node (or as a version it had);
CONTAINED
    the unit's text stands inside the node's: a repeat of part of it, or a
    copy cut short;
COMPLETES
    the node was cut, and the unit's text begins with it: its completion;
VARIANT
    most of the text is the same (character 4-gram Jaccard): another
    attempt at the same paragraph.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections import Counter
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from ..document import Kind, Role
from ..repeats import fingerprints, shingles
from ..text import TERMINALS, code_spans, is_cjk
from .sentences import cut_link, read_on_key, start_as_long_as, words_key
from .units import Unit

GRAM, GRAM_STEP = 8, 4  # the containment index (see Article.containing)
MAX_BUCKET = 48  # a gram in more nodes than this is looked past
MIN_CONTAINED = 12  # shorter text ("はい。") recurs on purpose: only SAME counts
MIN_LIST_PART = 48  # a list this long inside another is a retry of it, not a coincidence
MIN_VARIANT = 40  # shorter paragraphs are compared exactly only
REWORDED_ON = 0.7  # a start this alike to a whole paragraph is no chance
MIN_CUT_VARIANT = 20  # a cut attempt is compared with the start of a text, so shorter
MAX_CANDIDATES = 6
RECENT_REWORDS = 4  # the latest cuts a unit is compared with as a reworded completion
# The latest cuts a unit may complete: more pieces than a long article has,
# and a bound for one of thousands of pieces each ending cut or on a heading.
RECENT_CUTS = 128
# The latest blocks looked in for a list holding a code block, and the
# longest list looked in: each code block costs at most their product.
RECENT_LISTS = 8
MAX_LIST_SCAN = 16 * 1024
LIST_START = 20  # characters of a list's text that find the lists it may be the start of
MAX_PAIRS = 100_000  # similarities remembered at once
MIN_SIZE_RATIO = 0.4  # below the least similarity anything compares with
SAMPLE, SAMPLE_FLOOR = 24, 0.2  # prints enough to estimate a similarity; below any we use
MAX_LEAD = 10  # characters of a lead-in before a sentence written again ("basically")
MAX_LEAD_CJK = 5  # in Japanese ("基本的に", "つまり")
MIN_LEAD_REST = 16  # characters of the sentence after it


def _capital_cut(unit: Unit) -> bool:
    return unit.cut and bool(re.match(r"[A-Z][a-z]", unit.source.lstrip()))


def _starts_a_sentence_in(node: Node, key: str) -> bool:
    """Does ``key`` stand in one of the node's versions where a sentence starts?"""
    for version in node.versions:
        at = version.find(key)
        for _ in range(MAX_OCCURRENCES):  # bounded: "aaaa…" holds a key at every place
            if at < 0:
                break
            if at == 0 or version[at - 1] in SENTENCE_ENDS:
                return True
            at = version.find(key, at + 1)
        else:
            return True  # too many to look at: a text made of it, not a coincidence
    return False


MAX_OCCURRENCES = 16


# What a sentence ends with (the linter's terminals), or a lead-in's colon.
SENTENCE_ENDS = frozenset(TERMINALS + ":：")


def _split_off(node: Node, key: str) -> bool:
    """Is ``key`` the rest of an older version of ``node`` that its latest
    version ends before? "こうしてこの世界にまた一つ" + "新たなトリビアが生まれた。"
    were stitched, and a later attempt wrote them as two paragraphs: the
    second is no repeat, the page no longer has it. (Text an older version
    held that the latest words otherwise is a superseded attempt's.)"""
    if key in node.key:
        return False
    return any(version.startswith(node.key) and version.endswith(key) for version in node.versions)


def _targets(source: str) -> list[str]:
    """Where the links of a text point, in order."""
    return _TARGET.findall(source) if "](" in source else []


_TARGET = re.compile(r"\]\(([^()\s]*)")


def names_other_code(source: str, other: str) -> bool:
    """Do two texts alike in words show other code ("Vue CLI 2 … `config/index.js`"
    then "Vue CLI 3 … `vue.config.js`")? A retry in other words keeps its
    code spans; the writer's next paragraph of the same shape has its own."""
    if "`" not in source or "`" not in other:
        return False
    mine, theirs = _spans(source), _spans(other)
    return bool(mine) and bool(theirs) and not (mine <= theirs or theirs <= mine)


def _spans(source: str) -> set[str]:
    return {source[start:end] for start, end in code_spans(source)}


def _list_start(key: str) -> str | None:
    """The first LIST_START characters of a list's key, a Japanese or Chinese
    letter counting as three ("* 模式匹配\n* REPL" says as much as
    "* pattern matching"); None when the key is shorter."""
    weight = 0
    for at, ch in enumerate(key):
        weight += CJK_WEIGHT if is_cjk(ch) else 1
        if weight >= LIST_START:
            return key[: at + 1]
    return None


CJK_WEIGHT = 3


def without_lead_in(key: str) -> str | None:
    """The key after a few words of lead-in ("基本的に、", "basically,"), if it
    has one: the generator going back sometimes rewords a start that way.

    A lead-in is a word or two (a clause, "としてPDFに変換すると、", is text of
    its own), and what follows it is a sentence long enough to be no stock
    phrase ("以下のような出力となる。" recurs in any document)."""
    for mark in ("、", ","):
        at = key.find(mark)
        if at <= 0 or at > MAX_LEAD:  # (MAX_LEAD_CJK is the shorter)
            continue
        lead = key[:at]
        longest = MAX_LEAD_CJK if any(is_cjk(ch) for ch in lead) else MAX_LEAD
        if at <= longest and len(key) - at - 1 >= MIN_LEAD_REST:
            return key[at + 1 :]
    return None


class Relation(enum.Enum):
    SAME = "same"
    CONTAINED = "contained"
    COMPLETES = "completes"
    VARIANT = "variant"


@dataclass(eq=False, slots=True)
class Node:
    unit: Unit
    rank: float
    born: int  # the piece that first wrote it
    versions: list[str] = field(default_factory=list)
    cut: bool = False  # its text ends on a cut nothing has continued yet
    removed: bool = False
    changed: bool = False  # its text differs from any one unit as written
    older: list[Unit] = field(default_factory=list)  # superseded versions, oldest first

    @property
    def key(self) -> str:
        return self.unit.key

    @property
    def level(self) -> int:
        return self.unit.level


@dataclass(frozen=True, slots=True)
class Match:
    node: Node
    relation: Relation
    score: float = 1.0


def _bare_lines(source: str) -> str:
    """Its lines without their indentation, blank ones left out."""
    return "\n".join(line.strip() for line in source.split("\n") if line.strip())


class Article:
    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.ranks: list[float] = []
        self.exact: dict[str, list[Node]] = {}  # every node a text has been, in order
        self.list_starts: dict[str, list[Node]] = {}  # lists by the start of their text
        self.grams: dict[str, list[tuple[str, Node]]] = {}
        # Lists, by the same grams: a list written again from one of its
        # middle items ("  * SIZE: …" of a download list) is part of it.
        self.list_grams: dict[str, list[tuple[str, Node]]] = {}
        self.prints: dict[int, list[Node]] = {}
        self.cuts: list[Node] = []  # nodes left cut at some piece's end, newest last
        self.cut_ids: set[int] = set()  # the same, to ask whether one is there
        self.stopped: list[Node] = []  # paragraphs a piece ended on whole, newest last
        self.sentences: dict[str, Node] = {}  # complete sentences, for "already written"
        # A candidate is compared again with every unit that resembles it: its
        # 4-grams are made once, not each time (bounded: they take memory).
        self.shingles = lru_cache(maxsize=1024)(shingles)
        self.fingerprints = lru_cache(maxsize=2048)(fingerprints)
        self._pairs: dict[tuple[str, str], float] = {}

    # Order -------------------------------------------------------------

    def index(self, node: Node) -> int:
        at = bisect.bisect_left(self.ranks, node.rank)
        while self.nodes[at] is not node:
            at += 1
        return at

    def after(self, node: Node | None) -> Iterator[Node]:
        """The nodes after ``node`` (all of them for None), in order."""
        start = 0 if node is None else self.index(node) + 1
        for at in range(start, len(self.nodes)):
            yield self.nodes[at]

    def last(self) -> Node | None:
        return self.nodes[-1] if self.nodes else None

    def reserve(self, unit: Unit) -> Node:
        """A node for a new unit, found by matching but not yet in the order
        (its piece has not said what comes after it yet)."""
        node = Node(unit, -1.0, unit.piece)
        self._index(node, unit.key)
        return node

    def insert(self, node: Node, after: Node | None, before: Node | None = None) -> None:
        """Put a reserved node after ``after``, as late as its section allows.

        It goes after every node that follows ``after`` inside the section the
        unit belongs to (what an earlier piece already wrote there comes
        first), and never after ``before`` (the next block its own piece
        aligned with). A heading ends sections of its level and deeper; any
        other block belongs to the section of the heading above it.
        """
        position = 0 if after is None else self.index(after) + 1
        limit = self.index(before) if before is not None and not before.removed else None
        level = node.unit.level or 99
        while position < len(self.nodes) and (limit is None or position < limit):
            following = self.nodes[position]
            if following.level and following.level <= level:
                break  # a heading that closes the unit's section
            position += 1
        if limit is not None:
            position = min(position, limit)
        node.rank = self._rank_at(position)
        self.nodes.insert(position, node)
        self.ranks.insert(position, node.rank)

    def insert_after(self, node: Node, after: Node | None) -> None:
        """Put a reserved node right after ``after`` (first, for None)."""
        position = 0 if after is None else self.index(after) + 1
        node.rank = self._rank_at(position)
        self.nodes.insert(position, node)
        self.ranks.insert(position, node.rank)

    @staticmethod
    def placed(node: Node) -> bool:
        return node.rank >= 0

    def _rank_at(self, position: int) -> float:
        low = self.ranks[position - 1] if position else 0.0
        high = self.ranks[position] if position < len(self.ranks) else low + 2.0
        if high - low < 1e-9:
            self._renumber()
            return self._rank_at(position)
        return (low + high) / 2

    def _renumber(self) -> None:
        for at, node in enumerate(self.nodes):
            node.rank = float(at + 1)
        self.ranks = [node.rank for node in self.nodes]

    def remove(self, node: Node, keep: bool = False) -> None:
        """Take a node out; ``keep``: to put it in again elsewhere."""
        if self.placed(node):
            at = self.index(node)
            del self.nodes[at]
            del self.ranks[at]
            node.rank = -1.0
        node.removed = node.removed or not keep

    def update(self, node: Node, unit: Unit) -> None:
        """``unit`` is the node's latest version: it shows that from now on."""
        before = node.unit.key
        if unit.key != before:
            node.older.append(node.unit)
        node.unit = unit
        node.changed = True
        self._index(node, unit.key)
        if (
            unit.block.kind in (Kind.LIST, Kind.TABLE)
            and before
            and unit.key.startswith(before)
            and len(unit.key) - len(before) >= MIN_CONTAINED
        ):
            # A list or table read through a cut: its rest, written again by a
            # piece that went back, is this block again, not a list of its own.
            kind = before[: before.index(":") + 1] if ":" in before else ""
            self._index(node, kind + unit.key[len(before) :])

    # Matching ----------------------------------------------------------

    def _index(self, node: Node, key: str) -> None:
        if key in node.versions:
            return
        node.versions.append(key)
        holders = self.exact.setdefault(key, [])
        if len(holders) <= MAX_BUCKET:
            holders.append(node)
        start = _list_start(key) if node.unit.block.kind is Kind.LIST else None
        if start is not None:
            starting = self.list_starts.setdefault(start, [])
            if len(starting) <= MAX_BUCKET:
                starting.append(node)
        prose = node.unit.prose
        listed = node.unit.block.kind is Kind.LIST and len(key) >= MIN_LIST_PART
        if prose or listed:  # only prose and lists are looked for inside other text
            grams, entry = (self.grams if prose else self.list_grams), (key, node)
            # A gram twice in one text is one entry: the text holds it either way.
            for gram in {key[at : at + GRAM] for at in range(0, len(key) - GRAM + 1, GRAM_STEP)}:
                bucket = grams.get(gram)
                if bucket is None:
                    grams[gram] = [entry]
                elif len(bucket) <= MAX_BUCKET:
                    bucket.append(entry)
        for sentence in node.unit.sentences or ():
            if sentence.complete and len(sentence.key) >= MIN_CONTAINED:
                self.sentences.setdefault(sentence.key, node)
        if prose and len(key) >= MIN_VARIANT:
            prints = self.prints
            for h in self.fingerprints(key):
                bucket_nodes = prints.get(h)
                if bucket_nodes is None:
                    prints[h] = [node]
                elif len(bucket_nodes) <= MAX_BUCKET and bucket_nodes[-1] is not node:
                    bucket_nodes.append(node)

    def matches(self, unit: Unit, variant: float) -> list[Match]:
        """Every node the unit relates to, best relations first.

        ``variant`` is the least similarity that counts as another attempt.
        Text with the very words of the unit whose links point elsewhere
        ("[a ToDo list](…#eNp1…)で、…" for one API, "…(…#eNqN…)で、…" for the
        other) is none: a repeat or a retry copies its links.
        """
        found = self._matches(unit, variant)
        if not found or (
            "](" not in unit.source
            and "`" not in unit.source
            and all("](" not in m.node.unit.source for m in found)
        ):
            return found
        mine = _targets(unit.source)
        return [
            m
            for m in found
            if not self._credits_another(unit, m, mine)
            and (m.node.key != unit.key or _targets(m.node.unit.source) == mine)
        ]

    @staticmethod
    def _credits_another(unit: Unit, match: Match, mine: list[str]) -> bool:
        """Another attempt in other words keeps its links; a whole paragraph
        like one that stands whose links point elsewhere ("Thank you, to bart
        … [Anna Henningsen](…addaleax)" then "… [Paolo Insogna](…ShogunPanda)")
        is the writer's next one, each crediting its own people."""
        if match.relation is not Relation.VARIANT or unit.cut or match.node.cut:
            return False
        theirs = _targets(match.node.unit.source)
        if mine and theirs and set(mine) != set(theirs):
            return True
        return names_other_code(unit.source, match.node.unit.source)

    def _matches(self, unit: Unit, variant: float) -> list[Match]:
        found: dict[int, Match] = {}
        standing = False
        # Every block with this text: "</Listing>" or "**Example:**" recur, and
        # the one a piece goes on from is the one near where it is.
        for same in self.exact.get(unit.key, ()):
            if same.removed:
                continue
            if same.unit.key == unit.key:
                standing = True
            elif len(unit.key) < MIN_CONTAINED:
                # A superseded version counts when it is long enough to be no
                # coincidence ("| a", cut, was the start of a table once).
                continue
            found[id(same)] = Match(same, Relation.SAME)
        # (one line will do: "   Still, because of…", an item's second
        # paragraph, written again on its own)
        indented = (
            unit.block.kind in (Kind.PARAGRAPH, Kind.CODE)
            and unit.source[:1] in (" ", "\t")
            and (unit.block.kind is Kind.PARAGRAPH or "\n" in unit.source.strip())
        )
        if (unit.block.kind is Kind.CODE or indented) and not found:
            # Code that stood inside a list item (indented under "* <url>"),
            # or lines of an item ("  MD5\n  : d8a0…"), written again on their
            # own after a marker: that item's.
            lines = _bare_lines(unit.source)
            if len(lines) >= MIN_CONTAINED:
                for node in self.nodes[-RECENT_LISTS:]:
                    if (
                        not node.removed
                        # A cut list's item may go on with its code.
                        and (indented or not node.cut)
                        and (
                            node.unit.block.kind is Kind.LIST
                            # the end of a code block written again from a line
                            # in it ("foo({})…" up to "{% endhighlight %}")
                            or (node.unit.block.kind is Kind.CODE and not indented)
                        )
                        and len(node.unit.source) <= MAX_LIST_SCAN
                        and lines in _bare_lines(node.unit.source)
                    ):
                        found.setdefault(id(node), Match(node, Relation.CONTAINED))
                        break
        start = _list_start(unit.key) if unit.block.kind is Kind.LIST else None
        if start is not None:
            # A list written again from its first item and cut before its end
            # ("* [disposition: merge] [Specify…]" and "* [dis"): the start of
            # the list that stands.
            for node in self.list_starts.get(start, ()):
                if (
                    not node.removed
                    and node.unit.block.kind is Kind.LIST
                    and len(node.key) > len(unit.key)
                    and node.key.startswith(unit.key)
                ):
                    found.setdefault(id(node), Match(node, Relation.CONTAINED))
        if (
            unit.block.kind is Kind.LIST
            and not found
            and len(unit.key) >= MIN_LIST_PART
            and len(unit.source) <= MAX_LIST_SCAN
        ):
            body = unit.key.partition(":")[2]  # inside a list, no "list:" before it
            lines = _bare_lines(unit.source)
            for node in self.containing(body, self.list_grams):
                if (
                    node.unit.block.kind is Kind.LIST
                    and len(node.key) > len(unit.key)
                    and len(node.unit.source) <= MAX_LIST_SCAN
                    # Its lines as written, links and all: the same words
                    # may point elsewhere ("Stabilize Cargo's resolver", the
                    # pull request, then the RFC).
                    and lines in _bare_lines(node.unit.source)
                ):
                    found.setdefault(id(node), Match(node, Relation.CONTAINED))
        if unit.heading:
            # A heading cut at a piece's end ("### 倫理と"), written again whole.
            for node in reversed(self.cuts[-RECENT_CUTS:]):
                if (
                    node.level == unit.level
                    and not node.removed
                    and unit.key.startswith(node.key)
                    and len(unit.key) > len(node.key)
                ):
                    found.setdefault(id(node), Match(node, Relation.COMPLETES))
            return list(found.values())
        if not unit.key:
            return list(found.values())
        if not found and unit.block.kind is Kind.PARAGRAPH and unit.block.role is Role.LINKS:
            self._links_as_text(unit, found)
        if unit.prose and len(unit.key) >= MIN_CONTAINED:
            # Lists, tables and code are the same or not: two tables with one
            # header, one list inside a longer one, are two blocks.
            for node in self.containing(unit.key):
                if (
                    node.unit.prose
                    and not _split_off(node, unit.key)
                    # A cut attempt that opens with a capital begins a sentence:
                    # inside a text only where one starts ("Programming langua"
                    # is not part of "…in other programming languages.").
                    and (not _capital_cut(unit) or _starts_a_sentence_in(node, unit.key))
                ):
                    found.setdefault(id(node), Match(node, Relation.CONTAINED))
        if unit.prose and (rest := without_lead_in(unit.key)):
            # A paragraph written again with a lead-in: the same text as far
            # as the index of alike texts is concerned, whatever its length.
            for node in self.exact.get(rest, ()):
                if not node.removed and node.unit.prose:
                    found.setdefault(id(node), Match(node, Relation.VARIANT, 1.0))
        if unit.prose and unit.sentences and len(unit.sentences) > 1:
            # A paragraph a piece stopped after, written again by a later one
            # whole and longer: it goes on from where that one stopped.
            first = unit.sentences[0].key
            # (A short one, "です。", is in no index of sentences: the few
            # paragraphs pieces stopped after are looked at themselves.)
            recent = self.stopped[-RECENT_REWORDS:]
            stopped = (
                self.sentences.get(first)
                or next((n for n in recent if n.key == first), None)
                # Its last sentence written on past its full stop ("…in the
                # same fashion." then "…in the same fashion, in most cases.").
                or next((n for n in reversed(recent) if _goes_on_past(unit.key, n.key)), None)
            )
            if (
                stopped is not None
                and stopped in self.stopped[-RECENT_REWORDS:]
                and not stopped.removed
                and id(stopped) not in found
                and stopped.unit.prose
                and len(unit.key) > len(stopped.key)
                and (unit.key.startswith(stopped.key) or _goes_on_past(unit.key, stopped.key))
            ):
                found[id(stopped)] = Match(stopped, Relation.COMPLETES)
            elif recent and (score := self._reworded_on(unit, recent[-1])) >= max(
                variant, REWORDED_ON
            ):
                # Written again in other words as it goes on ("…ことも
                # できます。" then "…ことも可能です。パッケージの…"): as alike
                # as far as the stopped one went, another attempt at it.
                found[id(recent[-1])] = Match(recent[-1], Relation.VARIANT, score)
        for age, node in enumerate(reversed(self.cuts[-RECENT_CUTS:])):
            if node.removed or not node.cut or id(node) in found:
                continue
            stem = read_on_key(node.unit.source, node.key) if node.unit.prose else node.key
            link = cut_link(node.unit.source) if node.unit.prose else None
            if (
                unit.key.startswith(stem)
                and len(unit.key) > len(stem)
                # Cut in a link's address ("[型ガード関数](../."): what goes on
                # from it writes the link, not only its words ("型ガード関数の例
                # として…" is a paragraph of its own).
                and (link is None or link in unit.source)
            ):
                found[id(node)] = Match(node, Relation.COMPLETES)
            elif (
                age < RECENT_REWORDS
                and unit.prose
                and node.unit.prose
                and len(stem) >= MIN_CUT_VARIANT
                and len(unit.key) > len(stem)
            ):
                # The cut text written again whole in other words ("…the fine
                # points, in most cases. The rest…"): as alike as far as it got.
                head = start_as_long_as(unit.key, stem)
                score = self._alike(head, self.shingles(head), stem)
                if score >= variant:
                    found[id(node)] = Match(node, Relation.VARIANT, score)
        if (
            unit.prose
            and not standing  # the very text stands: other attempts at it are its variants
            and len(unit.key) >= (MIN_CUT_VARIANT if unit.cut else MIN_VARIANT)
        ):
            # A cut attempt is compared with the start of each text: as far as
            # it got, is it the same paragraph?
            for node, score in self.similar(unit.key, variant, prefix=unit.cut):
                found.setdefault(id(node), Match(node, Relation.VARIANT, score))
        return list(found.values())

    def _links_as_text(self, unit: Unit, found: dict[int, Match]) -> None:
        """A line of links the article has as text: a cut one read through
        ("[Submit your sugg" + "…week][submit]!") is prose, keyed by its words,
        and so is a paragraph that ends with it. Its links point the same way."""
        words = words_key(unit.source)
        if len(words) < MIN_CONTAINED:
            return
        mine = _targets(unit.source)
        for node in self.exact.get(words, ()):
            if not node.removed and node.unit.prose and _targets(node.unit.source) == mine:
                found.setdefault(id(node), Match(node, Relation.SAME))
        for node in self.containing(words):
            theirs = _targets(node.unit.source)
            if node.unit.prose and all(target in theirs for target in mine):
                found.setdefault(id(node), Match(node, Relation.CONTAINED))

    def written_after(self, before: str, key: str) -> bool:
        """Does the sentence ``key`` stand in the article right after the sentence ``before``?"""
        node = self.sentences.get(key)
        if node is None or node.removed:
            return False
        sentences = node.unit.sentences or []
        return any(
            sentences[at].key == key and sentences[at - 1].key == before
            for at in range(1, len(sentences))
        )

    def written(self, key: str) -> bool:
        """Does a sentence with this key stand in the article (whole, or inside one)?"""
        if key in self.sentences:
            return True
        return len(key) >= MIN_CONTAINED and bool(self.containing(key))

    def containing(
        self, key: str, index: dict[str, list[tuple[str, Node]]] | None = None
    ) -> list[Node]:
        """Nodes holding ``key`` inside one of their versions.

        Keys are indexed by their GRAM-character substrings at every
        GRAM_STEP-th offset, so any text holding ``key`` has one of ``key``'s
        grams at one of its first GRAM_STEP offsets in the index; the rarest
        gram of that alignment proposes the candidates, checked exactly.
        """
        out: list[Node] = []
        seen: set[Node] = set()
        grams = self.grams if index is None else index
        for offset in range(min(GRAM_STEP, max(1, len(key) - GRAM + 1))):
            rarest: list[tuple[str, Node]] | None = None
            for at in range(offset, len(key) - GRAM + 1, GRAM_STEP):
                bucket = grams.get(key[at : at + GRAM])
                if not bucket:
                    rarest = None  # a gram no text has: nothing holds the key
                    break
                if rarest is None or len(bucket) < len(rarest):
                    rarest = bucket
                    if len(bucket) == 1:
                        break  # one candidate: no rarer gram to find
            for version, node in rarest or ():
                if node not in seen and not node.removed and key in version:
                    seen.add(node)
                    out.append(node)
        return out

    def similar(self, key: str, least: float, prefix: bool = False) -> list[tuple[Node, float]]:
        """Prose nodes whose text is at least ``least`` alike (4-gram Jaccard);
        with ``prefix``, alike to the start of their text, as long as ``key``."""
        prints = self.fingerprints(key)
        if not prints:
            return []
        votes = Counter(chain.from_iterable(filter(None, map(self.prints.get, prints))))
        need = max(2, int(len(prints) * least * (0.3 if prefix else 0.5)))
        if not votes or max(votes.values()) < need:
            return []  # (most texts: no node has enough votes to rank them)
        likely = [node for node, n in votes.most_common(MAX_CANDIDATES) if n >= need]
        if not likely:
            return []
        mine = self.shingles(key)
        out = []
        for node in likely:
            if node.removed:
                continue
            best = 0.0
            for version in node.versions[-3:]:
                other = start_as_long_as(version, key) if prefix else version
                best = max(best, self._alike(key, mine, other))
            if best >= least:
                out.append((node, best))
        return out

    def _reworded_on(self, unit: Unit, stopped: Node) -> float:
        """How alike the unit's start is to a paragraph a piece stopped after."""
        if (
            stopped.removed
            or not stopped.unit.prose
            or len(stopped.key) < MIN_CUT_VARIANT
            or len(unit.key) <= len(stopped.key)
        ):
            return 0.0
        head = start_as_long_as(unit.key, stopped.key)
        return self._alike(head, self.shingles(head), stopped.key)

    def _alike(self, key: str, mine: frozenset[str], other: str) -> float:
        """4-gram Jaccard of two texts, each pair computed once: the units
        around the one being aligned are compared with the same nodes again
        and again (bounded: a long article holds many pairs)."""
        pair = (key, other)
        score = self._pairs.get(pair)
        if score is None:
            if len(self._pairs) >= MAX_PAIRS:
                self._pairs.clear()
            score = 0.0
            a, b = self.fingerprints(key), self.fingerprints(other)
            # The prints sample the same 4-grams of both texts: when there are
            # enough of them, a low Jaccard of the samples rules a pair out
            # at a fraction of the cost (no pair alike enough comes this low).
            if min(len(a), len(b)) < SAMPLE or _jaccard(a, b) >= SAMPLE_FLOOR:
                theirs = self.shingles(other)
                small, large = sorted((len(mine), len(theirs)))
                # Sets of so different sizes cannot be alike enough, whatever they share.
                if small >= MIN_SIZE_RATIO * large:
                    score = _jaccard(mine, theirs)
            self._pairs[pair] = score
        return score


def _jaccard(a: AbstractSet[object], b: AbstractSet[object]) -> float:
    # The union's size from the intersection's: no third set is built.
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


def _goes_on_past(key: str, stopped: str) -> bool:
    """Does ``key`` write the text ``stopped`` ends with a full stop again,
    and go on past where it stopped with a clause ("fashion." and
    "fashion,inmostcases")? Not within a word ("fast." and "faster")."""
    stem = stopped.rstrip(TERMINALS)
    return (
        len(stem) >= MIN_CONTAINED
        and stem != stopped
        and len(key) > len(stem)
        and key.startswith(stem)
        and not key[len(stem)].isalnum()
        and key[len(stem)] not in TERMINALS
    )
