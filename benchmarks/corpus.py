"""A deterministic corpus of raw generated articles, built from our own texts.

    python benchmarks/corpus.py OUT_DIR -n 1000 --seed 0

The clean source articles live in ``benchmarks/texts/`` (Japanese and
English, written for this project). :func:`clean_article` composes one
clean article from their sections and makes its paragraphs its own, so no
two generated files share a paragraph by accident. :func:`cut_into_fragments`
then does what the content pipeline does: it cuts the body at random points
(mid-word, mid-sentence), writes each piece followed by a ``---END---`` line,
and starts the next piece by continuing the cut, restarting the cut sentence,
restarting the cut paragraph, or retrying the same continuation once or
twice. A piece may also end on a dangling heading, and the last piece ends on
a cut sentence or a heading that nothing continues. :func:`generate` adds
what happens around the cutting: a repeated section, the title repeated as
the first line, varied front matter, and about 2% of files saved twice (the
second copy cut shorter, with other tags).

Everything is drawn from one ``random.Random(seed)`` and uses only the
standard library, so a seed always gives the same bytes.

The generator also knows what it planted. :func:`expected_findings` counts,
per rule code, the findings a linter should report for a list of pieces;
``generate`` writes the counts of every file to ``manifest.json`` beside the
articles (the linter does not read ``.json`` files).

``cut_into_fragments`` and :func:`load_texts` are importable on purpose: the
merge property tests cut each clean text the same way and expect the clean
body back. With its defaults (``variations=False``) the cutting never
changes a word, so merging the pieces must give the body exactly.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Run as a script from anywhere: the repository root holds the linter.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mystitch.lint.text import CLOSERS, PAIRS

MARKER = "---END---"
TEXTS = Path(__file__).resolve().with_name("texts")

# Rule thresholds of mystitch-lint's defaults, used only to predict what a
# planted defect should be reported as (see expected_findings).
MIN_CHARS = 20  # exact and partial repeats
NEAR_MIN_CHARS = 60  # near-duplicates
CUT_MIN = 5  # a cut sentence keeps at least this many characters

# ---------------------------------------------------------------------------
# Text helpers. The bracket tables are the linter's own, so the generator
# and the rules agree on what closes a sentence.

_CLOSERS = "[" + re.escape(CLOSERS) + "]*"
_SENTENCE_END = re.compile(
    r"(?:[。．！？]+[!?]*" + _CLOSERS + r")"
    r"|(?:(?:[!?]+|(?<![.\d])\.(?!\d))" + _CLOSERS + r"(?=$|\s+(?![a-z])|[^\x00-\x7f]))"
)
_KEY_DROP = re.compile(r"[\s*_`~\u200b\ufeff]+")
_KANA = re.compile(r"[ぁ-んァ-ン]")


def comparison_key(text: str) -> str:
    """NFKC, case folded, whitespace and emphasis removed (as the linter does)."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def sentence_starts(paragraph: str) -> list[int]:
    """Offsets where the sentences of a paragraph begin."""
    starts = [0]
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        while end < len(paragraph) and paragraph[end].isspace():
            end += 1
        if end < len(paragraph):
            starts.append(end)
    return starts


def sentence_start(paragraph: str, cut: int) -> int:
    """Where the sentence that the cut at ``cut`` falls into begins."""
    return max(s for s in sentence_starts(paragraph) if s < max(cut, 1))


def is_japanese(text: str) -> bool:
    return bool(_KANA.search(text))


def block_kind(block: str) -> str:
    """``heading``, ``prose`` (a paragraph of sentences) or ``other``."""
    head = block.lstrip()
    if head.startswith("#"):
        return "heading"
    if head.startswith(("- ", "* ", "+ ", "|", "```", "~~~", ">", "<")) or re.match(
        r"\d+\. ", head
    ):
        return "other"
    return "prose"


def heading_level(block: str) -> int:
    return len(block) - len(block.lstrip("#"))


_CLOSING = {closer: opener for opener, closer in PAIRS.items()}


def cut_offsets(paragraph: str, start: int = 0) -> list[int]:
    """Where the generator may stop inside ``paragraph[start:]``.

    Right after a letter, digit, kana or kanji (mid-word or between words),
    at least ``CUT_MIN`` characters into a sentence, outside brackets, quotes
    and markup, and with some text left after the cut. One pass.
    """
    starts = set(sentence_starts(paragraph))
    end = len(paragraph.rstrip())
    offsets: list[int] = []
    depth: Counter[str] = Counter()
    stars = ticks = quotes = 0
    key = 0  # key characters since the sentence (or ``start``) began
    for i, ch in enumerate(paragraph):
        if i in starts or i == start:
            key = 0
        if not _KEY_DROP.match(ch):
            key += 1
        if ch in PAIRS:
            depth[ch] += 1
        elif ch in _CLOSING and depth[_CLOSING[ch]]:
            depth[_CLOSING[ch]] -= 1
        elif ch == "*":
            stars += 1
        elif ch == "`":
            ticks += 1
        elif ch == '"':
            quotes += 1
        cut = i + 1
        if (
            cut > start
            and ch.isalnum()
            and key >= CUT_MIN
            and end - cut >= 9
            and not (stars // 2) % 2
            and not ticks % 2
            and not quotes % 2
            and not any(depth.values())
        ):
            offsets.append(cut)
    return offsets


# ---------------------------------------------------------------------------
# Clean source texts and clean articles


@dataclass(frozen=True)
class CleanText:
    """One file of benchmarks/texts: front-matter fields and the body."""

    name: str
    lang: str
    fields: dict[str, str]
    body: str

    @property
    def title(self) -> str:
        return self.fields.get("title", "").strip('"')

    def text(self) -> str:
        front = "".join(f"{k}: {v}\n" for k, v in self.fields.items())
        return f"---\n{front}---\n\n{self.body}"


def _split_front(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 3)
    fields = {}
    for line in text[4:end].splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields, text[end + 5 :].lstrip("\n")


def load_texts(folder: Path = TEXTS) -> list[CleanText]:
    """The clean source articles, sorted by file name."""
    texts = []
    for path in sorted(folder.glob("*.md")):
        fields, body = _split_front(path.read_text(encoding="utf-8"))
        lang = "ja" if is_japanese(body) else "en"
        texts.append(CleanText(path.stem, lang, fields, body.rstrip("\n") + "\n"))
    return texts


def _sections(body: str) -> tuple[list[str], list[list[str]]]:
    """The blocks before the first ``##`` heading, then each ``##`` section."""
    intro: list[str] = []
    sections: list[list[str]] = []
    for block in body.strip("\n").split("\n\n"):
        if block.startswith("## "):
            sections.append([block])
        elif sections:
            sections[-1].append(block)
        else:
            intro.append(block)
    return intro, sections


def _make_own(block: str, serial: int) -> str:
    """Mark a paragraph as this article's, so no other file repeats any of it.

    The article's report number opens the paragraph and comes again before
    its final full stop. What a cut leaves before it holds the first, the
    rest after a cut or a restarted sentence holds the second, so no piece
    of a paragraph can stand in another file. (Cuts never fall inside the
    opening tag: see :func:`lead`.)
    """
    if block_kind(block) != "prose":
        return block
    ends = list(_SENTENCE_END.finditer(block))
    if not ends:
        return block
    japanese = is_japanese(block)
    at = ends[-1].start()
    opening = f"【第{serial}報】" if japanese else f"[Report {serial}] "
    return opening + block[:at] + _report_tag(serial, japanese) + block[at:]


_LEAD = re.compile(r"(?:【[^】\n]{1,20}】|\[[^\]\n]{1,20}\] )")


def lead(paragraph: str) -> int:
    """Length of a label that opens the paragraph (``[Report 7] ``), or 0.

    A cut lands at least ``CUT_MIN`` characters after it.
    """
    match = _LEAD.match(paragraph)
    return match.end() if match else 0


def _report_tag(serial: int, japanese: bool) -> str:
    return f"（第{serial}報）" if japanese else f" (report {serial})"


@dataclass(frozen=True)
class Article:
    name: str
    lang: str
    title: str
    excerpt: str
    body: str
    sources: tuple[str, ...]


def clean_article(
    rng: random.Random,
    serial: int,
    lang: str | None = None,
    texts: Sequence[CleanText] | None = None,
    target_bytes: int | None = None,
) -> Article:
    """A clean article: sections of our texts, shuffled, every paragraph its own.

    It starts with the introduction of one text and goes on with ``##``
    sections of the texts of the same language, in random order, until the
    body reaches ``target_bytes`` (or every section is used). Every
    paragraph still ends a sentence and none repeats.
    """
    texts = list(texts or load_texts())
    lang = lang or rng.choice(("ja", "en"))
    pool = [t for t in texts if t.lang == lang]
    main = rng.choice(pool)
    target = target_bytes or rng.randint(9_000, 48_000)
    intro, own_sections = _sections(main.body)
    others: list[list[str]] = []
    for text in pool:
        if text is not main:
            others.extend(_sections(text.body)[1])
    rng.shuffle(others)
    chosen = list(own_sections)
    size = sum(len("\n\n".join(s).encode()) for s in [intro, *chosen])
    for section in others:
        if size >= target:
            break
        chosen.append(section)
        size += len("\n\n".join(section).encode())
    # Keep the main text's last section last: it reads as a conclusion.
    head, last = chosen[: len(own_sections) - 1], chosen[len(own_sections) - 1]
    middle = head + chosen[len(own_sections) :]
    rng.shuffle(middle)
    blocks = intro + [b for section in [*middle, last] for b in section]
    body = "\n\n".join(_make_own(b, serial) for b in blocks) + "\n"
    return Article(
        name=main.name,
        lang=lang,
        title=main.title,
        excerpt=main.fields.get("excerpt", "").strip('"'),
        body=body,
        sources=tuple(sorted({main.name} | {t.name for t in pool if t is not main})),
    )


# ---------------------------------------------------------------------------
# Cutting a body into fragments


@dataclass(frozen=True)
class Emitted:
    """A block as written into a piece: all of body block ``src`` or a span of it.

    ``src`` is -1 for text that is not in the body (a ragged end).
    ``changed`` marks a copy with a small change (a retry that reworded).
    """

    text: str
    src: int
    start: int
    end: int
    changed: bool = False


@dataclass
class Piece:
    blocks: list[Emitted] = field(default_factory=list)
    tight: bool = False  # the marker line follows the text without a blank line

    def render(self) -> str:
        text = "\n\n".join(b.text for b in self.blocks)
        return text + ("\n" if self.tight else "\n\n") + MARKER + "\n"


@dataclass
class Cut:
    """The pieces of one body, with the body's blocks they were cut from."""

    blocks: list[str]
    pieces: list[Piece]
    # Reworded copies of body blocks: copy text -> the text it rewords.
    rewords: dict[str, str] = field(default_factory=dict)

    def render(self, pieces: int | None = None) -> str:
        return "\n".join(p.render() for p in self.pieces[:pieces])


JA_RAGGED_HEADINGS = ("## 読者の疑問に答える", "### 編集部の見方", "## 次回予告と取材の裏側")
EN_RAGGED_HEADINGS = ("## Questions from readers", "### Our take", "## What we will cover next")
# ``{tag}`` takes the article's report number, so that no two files share one.
JA_RAGGED_SENTENCES = (
    "最後に{tag}、今回の動きが私たちの仕事と暮らしにどのような変化をもたらすのかを考えてみましょう。",
    "ここまで見てきた論点{tag}を踏まえ、読者の皆さんが明日から取り組めることを三つにまとめます。",
)
EN_RAGGED_SENTENCES = (
    "Before we close{tag}, it is worth asking what all of this means for the people who will use "
    "these systems every day.",
    "To put the numbers{tag} in context, we compared them with the figures that the same "
    "companies reported a year ago.",
)

MODES = ("continue", "sentence", "paragraph", "retry")
MODE_WEIGHTS = (35, 20, 20, 25)
MODE_WEIGHTS_NO_RETRY = (45, 27, 28, 0)
MODE_WEIGHTS_HEAVY = (20, 15, 15, 50)


def _full(blocks: list[str], first: int, last: int) -> list[Emitted]:
    return [Emitted(blocks[i], i, 0, len(blocks[i])) for i in range(first, last)]


def _tail(paragraph: str, src: int, cut: int, end: int | None = None) -> Emitted:
    """The text after a cut, without the whitespace a cut between words leaves."""
    end = len(paragraph) if end is None else end
    start = cut
    while start < end and paragraph[start].isspace():
        start += 1
    return Emitted(paragraph[start:end], src, start, end)


def vary(text: str, rng: random.Random) -> str:
    """The same paragraph reworded a little, as a retry writes it again."""
    starts = sentence_starts(text)
    if is_japanese(text):
        swaps = (
            ("しかし", "ただ"),
            ("大きく", "大幅に"),
            ("増えて", "伸びて"),
            ("少なくありません", "珍しくありません"),
            ("欠かせません", "不可欠です"),
            ("といいます", "とのことです"),
            ("必要があります", "必要があるでしょう"),
        )
    else:
        swaps = (
            (" large ", " big "),
            (" often ", " frequently "),
            (" quickly ", " fast "),
            (" several ", " a number of "),
            (" also ", " as well "),
            (" harder ", " more difficult "),
            (" usually ", " typically "),
        )
    present = [(a, b) for a, b in swaps if a in text]
    if present:
        old, new = rng.choice(present)
        return text.replace(old, new, 1)
    # No word to swap: add a short clause to one sentence.
    which = rng.randrange(len(starts))
    if is_japanese(text):
        at = starts[which]
        return text[:at] + "実際のところ、" + text[at:]
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    if not ends:
        return text + " Or so it seems."
    at = ends[min(which, len(ends) - 1)]
    return text[:at] + ", as several people told us" + text[at:]


def cut_pieces(
    body: str,
    rng: random.Random,
    *,
    ragged_end: bool = True,
    retries: bool = True,
    variations: bool = False,
    protect: Iterable[int] = (),
    cuts: int | None = None,
    serial: int | None = None,
    taken: set[str] | None = None,
    heavy: bool = False,
) -> Cut:
    """Cut ``body`` into pieces the way the pipeline writes them.

    Blocks are separated by one blank line. Each cut stops inside a prose
    paragraph (or, now and then, right after a heading). The piece after a
    paragraph cut starts with the rest of the paragraph (``continue``), the
    cut sentence again (``sentence``), the whole paragraph again
    (``paragraph``), or a failed attempt at the continuation that is itself
    cut and then tried again from the same place (``retry``, once or twice).
    With ``variations`` a failed attempt may reword a paragraph slightly.
    Blocks in ``protect`` are never cut. ``cuts`` fixes the number of cuts;
    ``serial`` goes into the ragged end's sentence to make it the article's own.
    ``taken`` collects what the cuts leave (keyed as the linter compares text)
    across calls, and a cut that would leave the same text as one in another
    article is drawn again, so files share no paragraph by chance. ``heavy``
    cuts twice as often and retries more, up to three failed attempts, like
    the longest articles the pipeline writes.
    """
    blocks = body.strip("\n").split("\n\n")
    kinds = [block_kind(b) for b in blocks]
    protected = set(protect)
    offsets = {
        i: cut_offsets(b, lead(b))
        for i, b in enumerate(blocks)
        if kinds[i] == "prose" and i not in protected
    }
    cuttable = [i for i, found in offsets.items() if found]
    headings = [i for i, k in enumerate(kinds) if k == "heading" and i and i not in protected]
    if cuts is None:
        per_cut = rng.uniform(2_500, 5_000) if heavy else rng.uniform(5_000, 10_000)
        cuts = max(1, round(len(body.encode()) / per_cut))
    sites: dict[int, str] = {}
    for _ in range(cuts * 3):
        if len(sites) >= cuts:
            break
        if headings and rng.random() < 0.12:
            sites.setdefault(rng.choice(headings), "heading")
        elif cuttable:
            sites.setdefault(rng.choice(cuttable), "paragraph")
    ordered = sorted(sites)
    japanese = is_japanese(body)
    pieces: list[Piece] = []
    current: list[Emitted] = []
    pos = 0

    def close() -> None:
        nonlocal current
        pieces.append(Piece(current, tight=rng.random() < 0.2))
        current = []

    for number, i in enumerate(ordered):
        if sites[i] == "heading":
            current += _full(blocks, pos, i + 1)
            close()
            pos = i if rng.random() < 0.5 else i + 1  # the heading again, or its section
            continue
        paragraph = blocks[i]
        cut = _pick(rng, paragraph, offsets[i], taken)
        current += _full(blocks, pos, i)
        current.append(Emitted(paragraph[:cut], i, 0, cut))
        close()
        weights = MODE_WEIGHTS_HEAVY if heavy else MODE_WEIGHTS
        mode = rng.choices(MODES, weights if retries else MODE_WEIGHTS_NO_RETRY)[0]
        tail = _tail(paragraph, i, cut)
        if mode == "retry":
            limit = ordered[number + 1] if number + 1 < len(ordered) else len(blocks)
            limit = min([limit] + [h for h in range(i + 1, len(blocks)) if kinds[h] == "heading"])
            for _ in range(rng.choice((1, 2, 2, 3) if heavy else (1, 1, 2))):
                attempt = _failed_attempt(
                    blocks, kinds, protected, i, tail, limit, rng, variations, taken
                )
                if attempt is None:
                    break
                current = attempt
                close()
            current = [tail]
        elif mode == "continue":
            current = [tail]
        elif mode == "sentence":
            start = sentence_start(paragraph, cut)
            current = [Emitted(paragraph[start:], i, start, len(paragraph))]
        else:  # paragraph: the next piece writes the whole paragraph again
            current = []
            pos = i
            continue
        pos = i + 1
    current += _full(blocks, pos, len(blocks))
    if ragged_end:
        if rng.random() < 0.5:
            pool = JA_RAGGED_HEADINGS if japanese else EN_RAGGED_HEADINGS
            extra = rng.choice(pool)
        else:
            pool = JA_RAGGED_SENTENCES if japanese else EN_RAGGED_SENTENCES
            template = rng.choice(pool)
            tag = "" if serial is None else _report_tag(serial, japanese)
            sentence = template.format(tag=tag)
            after_tag = template.index("{tag}") + len(tag)
            extra = sentence[: rng.choice(cut_offsets(sentence, after_tag))]
        current.append(Emitted(extra, -1, 0, len(extra)))
    close()
    return Cut(blocks, pieces)


def _failed_attempt(
    blocks: list[str],
    kinds: list[str],
    protected: set[int],
    i: int,
    tail: Emitted,
    limit: int,
    rng: random.Random,
    variations: bool,
    taken: set[str] | None,
) -> list[Emitted] | None:
    """A continuation of the cut in block ``i`` that is cut again before ``limit``.

    It stops inside one of the next few prose blocks, or inside the rest of
    the cut paragraph itself. ``None`` when there is no place to stop.
    """
    later = [
        j
        for j in range(i + 1, min(i + 4, limit))
        if kinds[j] == "prose" and j not in protected and cut_offsets(blocks[j], lead(blocks[j]))
    ]
    inside = cut_offsets(blocks[i], tail.start)
    if later and (not inside or rng.random() < 0.7):
        stop = rng.choice(later)
        middle = _full(blocks, i + 1, stop)
        if variations:
            middle = [
                Emitted(vary(e.text, rng), e.src, e.start, e.end, True)
                if kinds[e.src] == "prose"
                and len(comparison_key(e.text)) >= 80
                and rng.random() < 0.35
                else e
                for e in middle
            ]
        cut = _pick(rng, blocks[stop], cut_offsets(blocks[stop], lead(blocks[stop])), taken)
        return [tail, *middle, Emitted(blocks[stop][:cut], stop, 0, cut)]
    if not inside:
        return None
    cut = _pick(rng, blocks[i], inside, taken, tail.start)
    return [Emitted(blocks[i][tail.start : cut], i, tail.start, cut)]


def _pick(
    rng: random.Random, text: str, places: list[int], taken: set[str] | None, start: int = 0
) -> int:
    """A cut offset whose cut-off text no other article has left yet."""
    cut = rng.choice(places)
    if taken is None:
        return cut
    for _ in range(8):
        key = comparison_key(text[start:cut])
        if len(key) < MIN_CHARS or key not in taken:
            taken.add(key)
            break
        cut = rng.choice(places)
    return cut


def cut_into_fragments(
    body: str,
    rng: random.Random,
    *,
    ragged_end: bool = True,
    retries: bool = True,
    variations: bool = False,
) -> str:
    """``body`` written the way the pipeline does: pieces, each ending with a marker.

    See :func:`cut_pieces`. Without ``ragged_end`` the last piece ends with
    the body's own last block, so merging the result must give ``body``
    back; with it, the last piece also has a cut sentence or a dangling
    heading that nothing continues (merging should drop it).
    """
    cut = cut_pieces(body, rng, ragged_end=ragged_end, retries=retries, variations=variations)
    return cut.render()


# ---------------------------------------------------------------------------
# What was planted


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def expected_findings(cut: Cut, pieces: int | None = None) -> Counter[str]:
    """Findings per rule code that the planted defects of ``cut`` should cause.

    ``FRG001`` one per marker; ``TRN001`` one per piece that ends in a cut
    sentence; ``TRN003`` one per piece that ends on a heading; ``TRN004``
    one per piece that starts in the middle of a sentence; ``DUP001`` one
    per paragraph written again word for word (20 characters or more);
    ``DUP002+DUP003`` one per paragraph written again in part, longer, or
    reworded (the linter calls a copy with some sentences the same a
    partial repeat, one reworded throughout a near-duplicate, so the two are
    counted together); ``DUP004`` one per repeated heading whose section
    has paragraphs. ``pieces`` counts only the first pieces (a copy saved
    shorter).
    """
    blocks = cut.blocks
    counts: Counter[str] = Counter()
    spans: dict[str, list[tuple[int, int, bool]]] = {}
    heading_sources: dict[str, set[int]] = {}
    for number, piece in enumerate(cut.pieces[:pieces]):
        counts["FRG001"] += 1
        last = piece.blocks[-1]
        if block_kind(last.text) == "heading":
            counts["TRN003"] += 1
        elif block_kind(last.text) == "prose" and (
            last.src < 0 or last.end < len(blocks[last.src])
        ):
            counts["TRN001"] += 1
        first = piece.blocks[0]
        if (
            number
            and first.src >= 0
            and block_kind(first.text) == "prose"
            and first.start > 0
            and first.start not in sentence_starts(blocks[first.src])
        ):
            counts["TRN004"] += 1
        for emitted in piece.blocks:
            if emitted.src < 0:
                continue
            kind = block_kind(emitted.text)
            if kind == "heading":
                seen = heading_sources.setdefault(emitted.text, set())
                if seen and emitted.src not in seen and _section_has_prose(blocks, emitted.src):
                    counts["DUP004"] += 1
                seen.add(emitted.src)
                continue
            if kind != "prose":
                continue
            identity = blocks[emitted.src]
            changed = emitted.changed or identity in cut.rewords
            identity = cut.rewords.get(identity, identity)
            earlier = spans.setdefault(identity, [])
            span = (emitted.start, emitted.end)
            size = len(comparison_key(emitted.text))
            if earlier:
                if not changed and (*span, False) in earlier:
                    if size >= MIN_CHARS:
                        counts["DUP001"] += 1
                elif any(_overlaps(span, (s, e)) for s, e, _ in earlier) and (
                    size >= (NEAR_MIN_CHARS if changed else MIN_CHARS)
                    # a short restart of a cut sentence: it begins inside the
                    # cut text and goes on past the cut
                    or any(s <= span[0] < e < span[1] for s, e, _ in earlier)
                ):
                    counts["DUP002+DUP003"] += 1
            earlier.append((*span, changed))
    return counts


def _section_has_prose(blocks: list[str], heading: int) -> bool:
    level = heading_level(blocks[heading])
    for block in blocks[heading + 1 :]:
        kind = block_kind(block)
        if kind == "heading" and heading_level(block) <= level:
            return False
        if kind == "prose":
            return True
    return False


# ---------------------------------------------------------------------------
# Whole files

JA_TAGS = (
    "AI", "生成AI", "半導体", "クラウド", "データセンター", "投資", "スタートアップ", "規制",
    "セキュリティ", "オープンソース", "最新ニュース", "技術動向", "製造業", "電力", "人材育成",
    "エッジAI", "金融", "量子コンピューター", "DX", "NVIDIA",
)  # fmt: skip
EN_TAGS = (
    "AI", "semiconductors", "cloud", "databases", "security", "open source", "policy",
    "energy", "startups", "funding", "infrastructure", "hardware", "enterprise", "analysis",
    "supply chain", "Rust",
)  # fmt: skip
JA_CATEGORIES = ("投資分析", "業界動向", "技術解説", "インフラ", "セキュリティ", "政策")
EN_CATEGORIES = ("Analysis", "Industry", "Infrastructure", "Policy", "Security", "Software")
JA_AUTHORS = ("テックデスク編集部", "インフラ取材班", "AI担当デスク", "編集部")
EN_AUTHORS = ("Hardware Desk", "Policy Desk", "Staff Writer", "Data Infrastructure Desk")
JA_TITLES = ("{t}", "【解説】{t}", "{t}（詳報）", "【深掘り】{t}", "{t}：現場から読み解く")
EN_TITLES = ("{t}", "Analysis: {t}", "{t}, explained", "Deep dive: {t}", "{t}: what we know")


def _tags(rng: random.Random, lang: str) -> list[str]:
    own = JA_TAGS if lang == "ja" else EN_TAGS
    other = EN_TAGS if lang == "ja" else JA_TAGS
    tags = rng.sample(own, rng.randint(3, 6))
    if rng.random() < 0.1:
        tags.append(rng.choice([t for t in other if t not in tags]))
    return tags


def _yaml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def front_matter(
    title: str, date: str, lang: str, tags: Sequence[str], excerpt: str, rng: random.Random,
    body_chars: int,
) -> str:  # fmt: skip
    categories = rng.sample(JA_CATEGORIES if lang == "ja" else EN_CATEGORIES, rng.randint(1, 2))
    author = rng.choice(JA_AUTHORS if lang == "ja" else EN_AUTHORS)
    minutes = max(1, body_chars // (500 if lang == "ja" else 1_200))
    return (
        "---\n"
        "layout: post\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"date: {date}\n"
        f"categories: {_yaml_list(categories)}\n"
        f"tags: {_yaml_list(tags)}\n"
        f"author: {json.dumps(author, ensure_ascii=False)}\n"
        f"excerpt: {json.dumps(excerpt, ensure_ascii=False)}\n"
        f"reading_time: {minutes}\n"
        "---\n"
    )


def _duplicate_section(
    body: str, rng: random.Random, variations: bool
) -> tuple[str, list[int], dict[str, str]]:
    """Write one ``##`` section a second time, later in the body.

    Returns the new body, the block indices of the copy (not to be cut) and
    the reworded paragraphs of the copy (copy text -> original text).
    """
    blocks = body.strip("\n").split("\n\n")
    starts = [i for i, b in enumerate(blocks) if b.startswith("## ")]
    if len(starts) < 2:
        return body, [], {}
    which = rng.randrange(len(starts) - 1)
    begin, end = starts[which], starts[which + 1]
    copy = blocks[begin:end]
    rewords: dict[str, str] = {}
    if variations:
        for k, block in enumerate(copy):
            long = block_kind(block) == "prose" and len(comparison_key(block)) >= 80
            if long and rng.random() < 0.3:
                copy[k] = vary(block, rng)
                rewords[copy[k]] = block
    later = [s for s in starts if s > begin] + [len(blocks)]
    at = rng.choice(later[1:] if len(later) > 1 else later)  # after another section
    new = blocks[:at] + copy + blocks[at:]
    return "\n\n".join(new) + "\n", list(range(at, at + len(copy))), rewords


@dataclass
class Planned:
    """One file to write and what it should make the linter say."""

    name: str
    text: str
    expected: Counter[str]
    lang: str
    sources: tuple[str, ...]
    copy_of: str | None = None
    sections_repeated: int = 0


def plan_articles(n: int, seed: int = 0, duplicate_share: float = 0.02) -> list[Planned]:
    """The files of a corpus of ``n`` raw articles, in memory."""
    rng = random.Random(seed)
    texts = load_texts()
    planned: list[Planned] = []
    taken: set[tuple[str, str]] = set()
    cut_off: set[str] = set()
    serial = 0
    while len(planned) < n:
        serial += 1
        article = clean_article(rng, serial, texts=texts)
        # A title and a day no other article has: the linter takes the same
        # title on the same day for the same article (DUP006).
        while True:
            template = rng.choice(JA_TITLES if article.lang == "ja" else EN_TITLES)
            title = template.format(t=article.title)
            day = f"20{rng.randint(24, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if (comparison_key(title), day) not in taken:
                taken.add((comparison_key(title), day))
                break
        zone = "+0900" if article.lang == "ja" else "+0000"
        clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        date = f"{day} {clock} {zone}"
        body = article.body
        protect: list[int] = []
        rewords: dict[str, str] = {}
        if rng.random() < 0.25:
            body, protect, rewords = _duplicate_section(body, rng, variations=True)
        heavy = rng.random() < 0.25
        cut = cut_pieces(
            body, rng, variations=True, protect=protect, serial=serial, taken=cut_off, heavy=heavy
        )
        cut.rewords = rewords
        if rng.random() < (0.5 if article.lang == "ja" else 0.2):
            # The title again as the body's first line, as the pipeline often writes it.
            cut.pieces[0].blocks.insert(0, Emitted(title, -1, 0, len(title)))
        tags = _tags(rng, article.lang)
        front = front_matter(title, date, article.lang, tags, article.excerpt, rng, len(body))
        name = f"{day}-{serial:05d}-{article.name}"
        planned.append(
            Planned(
                name + ".md",
                front + "\n" + cut.render(),
                expected_findings(cut),
                article.lang,
                article.sources,
                sections_repeated=1 if protect else 0,
            )
        )
        if len(planned) < n and len(cut.pieces) > 1 and rng.random() < duplicate_share:
            # The same article saved again: cut shorter, other tags.
            keep = rng.randint((len(cut.pieces) + 1) // 2, len(cut.pieces) - 1)
            tags = _tags(rng, article.lang)
            front = front_matter(title, date, article.lang, tags, article.excerpt, rng, len(body))
            planned.append(
                Planned(
                    name + "-saved-again.md",
                    front + "\n" + cut.render(keep),
                    expected_findings(cut, keep),
                    article.lang,
                    article.sources,
                    copy_of=name + ".md",
                )
            )
    return planned


def generate(
    out_dir: Path | str, n: int, seed: int = 0, duplicate_share: float = 0.02
) -> list[Path]:
    """Write ``n`` raw articles into ``out_dir`` and their ``manifest.json``.

    About ``duplicate_share`` of the files are an earlier file saved again.
    The manifest holds, per file, the findings the planted defects should
    cause (see :func:`expected_findings`), and their totals; every pair of
    copies adds one ``DUP006``, at the file that sorts later.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    manifest: dict[str, object] = {"n": n, "seed": seed, "files": {}}
    totals: Counter[str] = Counter()
    files: dict[str, object] = {}
    items = plan_articles(n, seed, duplicate_share)
    # The linter walks files in sorted order and reports DUP006 at the later
    # file of a pair, naming the earlier one.
    later = {max(item.name, item.copy_of): True for item in items if item.copy_of is not None}
    for item in items:
        path = out / item.name
        path.write_text(item.text, encoding="utf-8")
        written.append(path)
        expected = Counter(item.expected)
        if item.name in later:
            expected["DUP006"] += 1
        totals.update(expected)
        files[item.name] = {
            "lang": item.lang,
            "bytes": len(item.text.encode()),
            "copy_of": item.copy_of,
            "sections_repeated": item.sections_repeated,
            "expected": dict(sorted(expected.items())),
        }
    manifest["files"] = files
    manifest["expected"] = dict(sorted(totals.items()))
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of files (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.out_dir}")


if __name__ == "__main__":
    main()
