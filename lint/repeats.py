"""How each prose block of a document relates to the text before it.

One pass in document order, with no all-pairs loop: exact repeats come from
a dict of comparison keys, "part of an earlier block" from an index of
sampled 8-grams checked exactly for the few blocks it proposes, shared
sentences from a sentence index, restarts of a cut sentence from the (few)
cut sentences seen so far, and near-duplicates from an inverted index of
sampled 4-gram fingerprints, checked exactly only for the candidates it
proposes.

The linter reports these relations; the merger uses them to decide what to
drop, so both agree on what a repeat is.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections import Counter
from dataclasses import dataclass, field

from .articles import Standing
from .document import Block, Document, Kind
from .text import Sentence, comparison_key, overlap, split_sentences

SENTENCE_MIN = 12  # shorter sentences ("Yes." "正直なところ。") recur innocently
CUT_MIN = 4  # a cut sentence must be this long to be recognised when restarted
SHINGLE = 4
MAX_POSTINGS = 40  # a fingerprint in more blocks than this says nothing
GRAM, GRAM_STEP = 8, 8  # the containment index (see _Containment)
# A restart follows its cut within a few fragments; looking further back only
# makes an article with thousands of markers quadratic.
RECENT_CUTS = 8
# On a hand-written page a repeat is a passage copied, this long in all
# (comparison-key characters): one paragraph, or a run of them. One short line
# ("Contributions are welcome!") a writer repeats on purpose, and writes
# parallel paragraphs (the pros, then the cons, of two ways) that are near.
PAGE_LONG = 200
_PAGE_RELATIONS = frozenset(("exact", "part-of"))


class Relation(enum.StrEnum):
    EXACT = "exact"  # the same text as an earlier block
    PART_OF = "part-of"  # the whole text stands inside an earlier block
    CONTAINS = "contains"  # holds earlier blocks whole, and adds text
    SENTENCES = "sentences"  # made (mostly) of sentences that stood earlier
    RESTART = "restart"  # begins by restarting a sentence cut earlier
    REWRITE = "rewrite"  # opens like an earlier paragraph and ends otherwise
    NEAR = "near"  # similar by character 4-grams


@dataclass(slots=True)
class Repeat:
    block: Block
    relation: Relation
    earlier: tuple[Block, ...]
    similarity: float = 1.0


@dataclass(slots=True)
class SectionRepeat:
    heading: Block
    earlier: Block
    repeated: int  # prose blocks of the section that repeat earlier text
    total: int


@dataclass(slots=True)
class Analysis:
    """Everything the rules need beyond the document itself, computed once."""

    prose: list[Block]
    standing: Standing = Standing.GENERATED  # article or page (see lint.articles)
    # Paragraphs the linter reads as markup (lead-ins, directive syntax …), by id.
    markup: set[int] = field(default_factory=set)
    sentences: dict[int, list[Sentence]] = field(default_factory=dict)  # by id(block)
    repeats: dict[int, Repeat] = field(default_factory=dict)  # by id(block)
    sections: list[SectionRepeat] = field(default_factory=list)

    def sentences_of(self, block: Block) -> list[Sentence]:
        found = self.sentences.get(id(block))
        if found is None:
            found = split_sentences(block.text)
            self.sentences[id(block)] = found
        return found

    def repeat_of(self, block: Block) -> Repeat | None:
        return self.repeats.get(id(block))

    @property
    def page(self) -> bool:
        return self.standing is Standing.PAGE

    @property
    def by_hand(self) -> bool:
        """A page or a blog post written by hand (see lint.articles)."""
        return self.standing.by_hand

    def is_prose(self, block: Block) -> bool:
        """A prose paragraph, and not one the linter reads as markup."""
        return block.is_prose and id(block) not in self.markup


def analyse(
    document: Document,
    *,
    min_chars: int = 20,
    near_min_chars: int = 60,
    similarity: float = 0.8,
    standing: Standing = Standing.GENERATED,
    markup: set[int] | None = None,
) -> Analysis:
    """How each prose block repeats earlier text. On a hand-written page
    (``standing``) only a long paragraph or a run of paragraphs written again
    is a repeat; ``markup``: ids of paragraphs that are not prose to the
    linter (see lint.articles)."""
    markup = markup or set()
    prose = [b for b in document.prose() if id(b) not in markup]
    analysis = Analysis(prose, standing, markup)
    if not prose:
        return analysis

    # Only the generator cuts, and only at a fragment's end.
    cut_blocks = {id(f.prose()[-1]) for f in document.fragments if f.prose()}
    fragment_openers = {id(f.prose()[0]) for f in document.fragments[1:] if f.prose()}
    first_with_key: dict[str, Block] = {}
    first_sentence: dict[str, Block] = {}  # a paragraph's opening sentence
    sentence_home: dict[str, Block] = {}
    cut_sentences: list[tuple[str, Block]] = []
    postings: dict[int, list[int]] = {}
    containing = _Containment(prose)

    for index, block in enumerate(prose):
        key = block.key
        sentences = analysis.sentences_of(block)
        keys = [comparison_key(s.text) for s in sentences]
        repeat: Repeat | None = None
        if len(key) >= min_chars:
            earlier = first_with_key.get(key)
            if earlier is not None:
                repeat = Repeat(block, Relation.EXACT, (earlier,))
        if repeat is None and len(key) >= min_chars and index:
            home = containing.earliest(key, index)
            if home is not None:
                repeat = Repeat(block, Relation.PART_OF, (home,))
        if repeat is None and len(key) >= min_chars:
            repeat = _sentence_repeat(block, sentences, keys, sentence_home, similarity)
        # A short cut ("The so") is restarted only at the start of a fragment;
        # a later paragraph that begins "The software…" restarts nothing.
        opener = id(block) in fragment_openers
        if repeat is None and keys and len(keys[0]) >= CUT_MIN:
            for cut_key, cut_block in cut_sentences[-RECENT_CUTS:]:
                # The cut sentence restarted whole (anywhere, if the cut is long
                # enough to be unmistakable), or from a point inside it
                # ("…支援を" then "支援を今年の…") at the start of a fragment.
                whole = keys[0].startswith(cut_key) and len(keys[0]) > len(cut_key)
                if (whole and (opener or len(cut_key) >= SENTENCE_MIN)) or (
                    opener and overlap(cut_key, keys[0]) > 0
                ):
                    repeat = Repeat(block, Relation.RESTART, (cut_block,))
                    break
        if (
            repeat is None
            and len(key) >= min_chars
            and keys
            and sentences[0].terminated
            and len(keys[0]) >= SENTENCE_MIN
        ):
            # A paragraph restarted from its first sentence and ended another
            # way: two versions of one paragraph.
            earlier = first_sentence.get(keys[0])
            if earlier is not None:
                repeat = Repeat(block, Relation.REWRITE, (earlier,))
        # A block that copies an earlier one adds nothing to the index.
        copy = repeat is not None and repeat.relation in (Relation.EXACT, Relation.PART_OF)
        if len(key) >= near_min_chars and not copy:
            prints = fingerprints(key)
            if repeat is None:
                repeat = _near_repeat(block, prints, postings, prose, similarity)
            for h in prints:
                postings.setdefault(h, []).append(index)
        if repeat is not None:
            analysis.repeats[id(block)] = repeat
        if not copy:
            # A copy stands inside an earlier block, which is the one to name.
            containing.add(index)

        first_with_key.setdefault(key, block)
        if keys and sentences[0].terminated and len(keys[0]) >= SENTENCE_MIN:
            first_sentence.setdefault(keys[0], block)
        for sentence, sentence_key in zip(sentences, keys, strict=True):
            if sentence.terminated and len(sentence_key) >= SENTENCE_MIN:
                sentence_home.setdefault(sentence_key, block)
        if (
            id(block) in cut_blocks
            and sentences
            and not sentences[-1].terminated
            and len(keys[-1]) >= CUT_MIN
        ):
            cut_sentences.append((keys[-1], block))

    _drop_other_targets(analysis)
    if analysis.by_hand:
        _keep_page_repeats(document, analysis)
    analysis.sections = _section_repeats(document, analysis)
    return analysis


_TARGET = re.compile(
    r"\]\([ \t]*<?([^()\s<>]+)"  # [text](target)
    r"|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]+)>"  # <scheme:target>
    r"|\b(https?://[^\s<>()\[\]]+)"  # a bare URL
)


def _targets(block: Block) -> set[str]:
    """The link targets a paragraph's source names."""
    if "](" not in block.source and "://" not in block.source:
        return set()
    return {next(g for g in m.groups() if g) for m in _TARGET.finditer(block.source)}


def _drop_other_targets(analysis: Analysis) -> None:
    """The same words linking elsewhere are no repeat: "See [the guide](a)."
    and "See [the guide](b)." point the reader at two different places."""
    for key, repeat in list(analysis.repeats.items()):
        mine = _targets(repeat.block)
        if not mine:
            continue
        theirs: set[str] = set()
        for earlier in repeat.earlier:
            theirs |= _targets(earlier)
        if theirs and not mine <= theirs:
            del analysis.repeats[key]


def _keep_page_repeats(document: Document, analysis: Analysis) -> None:
    """On a page, keep the copies (exact, or part of an earlier paragraph) that
    make a passage of PAGE_LONG characters or more: one long paragraph, or
    paragraphs in a row copying paragraphs in a row, within one section.

    Under another heading a writer repeats a passage on purpose: the same
    notice in the notes of two releases, the same explanation for two
    settings. The generator's relations (restarts, retries, sentences
    reused, near repeats) say nothing about a writer either, who reuses
    sentences and writes parallel paragraphs.
    """
    section: dict[int, int] = {}  # id of a paragraph -> the heading it stands under
    heading = 0
    for block in document.blocks():
        if block.is_heading_like:
            heading = id(block)
        elif block.is_prose:
            section[id(block)] = heading
    position = {id(b): i for i, b in enumerate(analysis.prose)}
    copies: dict[int, int] = {}  # index of a copying paragraph -> index of what it copies
    for repeat in analysis.repeats.values():
        earlier = repeat.earlier[0]
        if (
            repeat.relation.value in _PAGE_RELATIONS
            and section[id(repeat.block)] == section[id(earlier)]
        ):
            copies[position[id(repeat.block)]] = position[id(repeat.earlier[0])]
    keep: set[int] = set()
    run: list[int] = []  # a passage: paragraphs in a row copying paragraphs in a row

    def close() -> None:
        if sum(len(analysis.prose[i].key) for i in run) >= PAGE_LONG:
            keep.update(id(analysis.prose[i]) for i in run)
        run.clear()

    for index in sorted(copies):
        if run and not (index == run[-1] + 1 and copies[index] == copies[run[-1]] + 1):
            close()
        run.append(index)
    close()
    analysis.repeats = {k: r for k, r in analysis.repeats.items() if k in keep}


class _Containment:
    """The earliest earlier block whose key contains a given key.

    A ``str.find`` over all earlier text per block is quadratic, which a
    20 MB article makes minutes. Instead each block's key is indexed by its
    GRAM-character substrings at every GRAM_STEP-th offset: a block holding
    ``key`` at offset p has an indexed gram at p + r for one r < GRAM_STEP,
    which is ``key[r : r + GRAM]`` (and so on every GRAM_STEP after it). The
    rarest of those grams proposes candidates, and each is checked exactly.
    A gram found in more than MAX_POSTINGS blocks stops collecting them;
    only text made entirely of such common grams can be missed.
    """

    def __init__(self, prose: list[Block]) -> None:
        self.prose = prose
        self.postings: dict[str, list[int]] = {}

    def add(self, index: int) -> None:
        key = self.prose[index].key
        for at in range(0, len(key) - GRAM + 1, GRAM_STEP):
            bucket = self.postings.setdefault(key[at : at + GRAM], [])
            if len(bucket) < MAX_POSTINGS and (not bucket or bucket[-1] != index):
                bucket.append(index)

    def earliest(self, key: str, before: int) -> Block | None:
        if len(key) < GRAM + GRAM_STEP - 1:
            # Too short for every alignment to hold a whole gram: search.
            return next((b for b in self.prose[:before] if key in b.key), None)
        best: int | None = None
        for r in range(GRAM_STEP):
            buckets = []
            for at in range(r, len(key) - GRAM + 1, GRAM_STEP):
                bucket = self.postings.get(key[at : at + GRAM])
                if bucket is None:
                    break  # no block holds this gram here: none holds the key
                buckets.append(bucket)
            else:
                for index in min(buckets, key=len):
                    if best is not None and index >= best:
                        break  # buckets are in document order
                    if index < before and key in self.prose[index].key:
                        best = index
                        break
        return None if best is None else self.prose[best]


def _sentence_repeat(
    block: Block,
    sentences: list[Sentence],
    keys: list[str],
    sentence_home: dict[str, Block],
    similarity: float,
) -> Repeat | None:
    """Most of the block's text is sentences that stood earlier."""
    covered = 0
    homes: dict[int, Block] = {}
    total = sum(len(k) for k in keys) or 1
    for sentence, key in zip(sentences, keys, strict=True):
        home = sentence_home.get(key) if sentence.terminated else None
        if home is not None:
            covered += len(key)
            homes.setdefault(id(home), home)
    if not homes:
        return None
    earlier = tuple(homes.values())
    whole = [h for h in earlier if h.key and h.key in block.key]
    if whole and covered / total < 1.0:
        return Repeat(block, Relation.CONTAINS, tuple(whole), covered / total)
    if covered / total >= similarity:
        return Repeat(block, Relation.SENTENCES, earlier, covered / total)
    return None


def fingerprints(key: str) -> set[int]:
    """Hashes of about a quarter of a key's 4-grams, to find near repeats.

    A 4-gram is kept by its own characters, so two texts sharing most
    4-grams share most prints. The hash is arithmetic on code points: the
    same in every process (str hashes are salted per process, and the same
    files must give the same findings) and cheaper than crc32 of each gram.
    A collision only adds a candidate, which the exact Jaccard then rejects.
    """
    codes = list(map(ord, key))
    return {
        (a * 1000003) ^ (b * 9176) ^ (c * 131) ^ d
        for a, b, c, d in zip(codes, codes[1:], codes[2:], codes[3:], strict=False)
        if not (a + d) & 3
    }


def shingles(key: str) -> frozenset[str]:
    """The character 4-grams of a comparison key."""
    if len(key) <= SHINGLE:
        return frozenset((key,))
    return frozenset(key[i : i + SHINGLE] for i in range(len(key) - SHINGLE + 1))


def _near_repeat(
    block: Block,
    prints: set[int],
    postings: dict[int, list[int]],
    prose: list[Block],
    similarity: float,
) -> Repeat | None:
    if not prints:
        return None
    votes: Counter[int] = Counter()
    for h in prints:
        bucket = postings.get(h)
        if bucket and len(bucket) <= MAX_POSTINGS:
            votes.update(bucket)
    need = max(2, int(len(prints) * similarity * 0.5))
    best: tuple[float, int] | None = None
    mine: frozenset[str] | None = None  # built only when a candidate needs it
    # Most blocks have no candidate near ``need``: filter before sorting.
    likely = sorted(((-n, i) for i, n in votes.items() if n >= need))[:8]
    for _, other in likely:
        mine = mine or shingles(block.key)
        theirs = shingles(prose[other].key)
        score = len(mine & theirs) / len(mine | theirs)
        if score >= similarity and (best is None or score > best[0]):
            best = (score, other)
    if best is None:
        return None
    return Repeat(block, Relation.NEAR, (prose[best[1]],), best[0])


def _line(block: Block) -> int:
    return block.line


def _section_repeats(document: Document, analysis: Analysis) -> list[SectionRepeat]:
    """Headings whose section repeats an earlier section of the same title.

    A heading is compared with its chain of parent headings: "What's
    Changed" under "1.2" and under "1.3" are two sections, not one twice.
    """
    blocks = list(document.blocks())
    headings: dict[tuple[str, ...], list[Block]] = {}
    found: list[SectionRepeat] = []
    parents: list[tuple[int, str]] = []  # (level, key) of the open headings
    for i, block in enumerate(blocks):
        if not block.is_heading_like or not block.key:
            continue
        level = block.level or 7
        while parents and parents[-1][0] >= level:
            parents.pop()
        chain = (*(key for _, key in parents), block.key)
        parents.append((level, block.key))
        candidates = headings.setdefault(chain, [])
        if not candidates:
            candidates.append(block)
            continue
        earlier = candidates[0]
        candidates.append(block)
        level = block.level or 7
        body: list[Block] = []
        for j in range(i + 1, len(blocks)):  # not blocks[i + 1 :], a copy per heading
            later = blocks[j]
            if later.is_heading_like and (later.level or 7) <= level:
                break
            if later.kind is Kind.HEADING and level == 7:
                break
            if analysis.is_prose(later):
                body.append(later)
        repeats = [r for r in (analysis.repeat_of(b) for b in body) if r is not None]
        if body and len(repeats) * 2 >= len(body):
            # Name the earlier heading whose section holds what is repeated,
            # not a dangling copy of it.
            first_line = min(e.line for r in repeats for e in r.earlier)
            # Candidates are in document order: bisect, since a heading
            # repeated thousands of times would make a scan quadratic.
            before = bisect.bisect_right(candidates, first_line, 0, len(candidates) - 1, key=_line)
            if before:
                earlier = candidates[before - 1]
            found.append(SectionRepeat(block, earlier, len(repeats), len(body)))
    return found
