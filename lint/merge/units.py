"""The merge's first stage: each piece of the article as a list of units.

A unit is one block as the generator wrote it (a paragraph, a heading, a
list, a table, code …) with the key it is compared by. A prose unit keeps
its sentences as written, because the only place a sentence is ever taken
out of a paragraph is a cut: the cut text that the next piece continues or
restarts. The title line (a first paragraph that only repeats the title)
is no unit at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..articles import is_syntax
from ..document import Block, Document, Kind, Role
from ..text import (
    comparison_key,
    ends_terminated,
    ends_with_colon,
    is_cjk,
    mask_code_spans,
    unclosed_opener,
)
from .sentences import (
    LINK_OPEN,
    Sentence,
    Vocabulary,
    begins_english_word,
    english_words,
    is_markup,
    join_sentences,
    source_key,
    split_source,
    strip_tags,
    vocabulary,
    words_key,
)

LABEL_LEVEL = 7  # a bold line used as a heading sits below every ATX level


@dataclass(slots=True)
class Unit:
    block: Block
    piece: int
    source: str
    key: str
    sentences: list[Sentence] | None = None  # prose only
    level: int = 0  # heading-like: 1-6 for ATX/setext, LABEL_LEVEL for a bold label
    cut: bool = False  # ends the piece on an incomplete sentence
    quote_open: bool = False  # ends the piece inside a quote, full stop or not
    line: int = 0  # raw line of its first line
    extra: list[tuple[int, int]] = field(default_factory=list)  # (offset, raw line) of joins
    word_begun: bool = False  # the article's last line, the first letters of a word
    ends_article: bool = False  # the article's last unit: the generator stopped after it

    @property
    def prose(self) -> bool:
        return self.sentences is not None

    @property
    def heading(self) -> bool:
        return self.level > 0

    @property
    def complete(self) -> bool:
        """Does its text end a sentence (or a lead-in ending in a colon)?"""
        if self.sentences is None:
            return True
        if not self.sentences:
            return True
        last = self.sentences[-1]
        # (The colon of an address a cut stops in, "[logs](https:", leads into
        # nothing; nor does a definition's colon with no definition, "SHA256\n:".)
        # Nor does a colon inside emphasis the paragraph opened and never
        # closed ("*This Week in Rust is edited by:" then "[…](…) and […](…).*").
        return last.complete or (
            ends_with_colon(last.source.rstrip())
            and not LINK_OPEN.search(last.source)
            and not _EMPTY_DEFINITION.search(last.source)
            and not _emphasis_open(self.source)
        )

    def with_sentences(self, sentences: list[Sentence]) -> Unit:
        """The same unit with other sentences (a join, a restart)."""
        source = join_sentences(sentences)
        return Unit(
            self.block,
            self.piece,
            source,
            source_key(source),
            sentences,
            self.level,
            False,
            False,
            self.line,
            list(self.extra),
        )


def make_unit(block: Block, piece: int) -> Unit:
    words = words_key(block.source) if block.kind is Kind.PARAGRAPH else ""
    syntax = block.kind is Kind.PARAGRAPH and is_syntax(block.source)  # "{* a.py *}", "!!! note"
    prose = block.kind is Kind.PARAGRAPH and block.role is Role.PROSE and not syntax
    if prose and not is_markup(block.source, words):
        key = words or comparison_key(block.source)  # source_key, worked out once
        return Unit(block, piece, block.source, key, split_source(block), line=block.line)
    if block.kind is Kind.HEADING:
        return Unit(block, piece, block.source, "#" + block.key, level=block.level, line=block.line)
    if block.is_heading_like:  # a bold label
        return Unit(block, piece, block.source, "#" + block.key, level=LABEL_LEVEL, line=block.line)
    source = block.source.strip()
    # A line of links only is told apart by where they point, as markup is:
    # '[import, title:"index.html"](./example/index.html)' twice, to two files.
    literal = (
        block.kind is not Kind.PARAGRAPH or syntax or block.role is Role.LINKS or is_markup(source)
    )
    key = comparison_key(source) if literal else source_key(source)
    return Unit(block, piece, block.source, f"{block.kind.value}:{key}", line=block.line)


def _as_written(block: Block, piece: int) -> Unit:
    # Keyed by its exact text: it is the same only as an exact copy.
    return Unit(block, piece, block.source, f"as-written:{block.source}", line=block.line)


def pieces_of(document: Document, words: Vocabulary | None = None) -> list[list[Unit]]:
    """Each fragment's units, in order; the title line left out. ``words``:
    the document's vocabulary, when the caller has it already."""
    title = comparison_key(document.title)
    out: list[list[Unit]] = []
    last = len(document.fragments) - 1
    # The last fragment with text, found once: asking per fragment whether any
    # after it has text would be quadratic in an article of thousands of markers.
    final = max((f.index for f in document.fragments if f.blocks), default=-1)
    shown = iter(document.literal_markers)
    marker = next(shown, None)
    for fragment in document.fragments:
        units = []
        for block in fragment.blocks:
            while marker is not None and marker < block.line:
                marker = next(shown, None)
            if marker is not None and marker <= block.end_line:
                # A marker a disable comment made text, inside this block: the
                # block stays as and where written (moved out from under the
                # comment, or joined, the marker would split the page again).
                units.append(_as_written(block, fragment.index))
                continue
            if block.role is Role.TITLE or (
                title and block.kind is Kind.PARAGRAPH and block.key == title
            ):
                continue  # the title repeated as a line of the body
            units.append(make_unit(block, fragment.index))
        # In an article with markers the last piece was cut too, marker or
        # not: the generator simply stopped.
        cut_end = fragment.marker is not None or (document.has_markers and fragment.index == last)
        at_end = fragment.index >= final
        if cut_end and units and not units[-1].prose and at_end:
            units[-1].ends_article = True  # a list the generator stopped after
        if cut_end and units and units[-1].prose:
            tail = units[-1]
            # A paragraph closed by an attribute list on a line of its own
            # ("{: .summary}", kramdown's), or by a footnote mark or a comment
            # after its full stop ("。 [^6] <!-- textlint-disable -->"), ended
            # there: markup ends no sentence.
            tail.cut = (
                not tail.complete
                and not _ATTRIBUTE_LINE.search(tail.source.rstrip())
                and not _markup_after_the_end(tail)
                # Pelican's or MultiMarkdown's metadata lines opening the
                # file ("Title: …\nDate: 2022-02-02"): fields, not a sentence.
                and not (
                    fragment.index == 0
                    and len(units) == 1
                    and _METADATA.fullmatch(tail.source.strip())
                )
            )
            if tail.cut and at_end:
                # The very end, nothing after it: cut when it reads cut, not a
                # line that is whole without a full stop ("MIT").
                tail.ends_article = True
                tail.word_begun = word_begun(tail, document, words)
                tail.cut = tail.word_begun or reads_cut(tail)
            # "…は「判断できない。" stops inside a quote: the next piece may carry
            # it on, though nothing is trimmed if none does.
            tail.quote_open = unclosed_opener(tail.source) is not None
        out.append(units)
    return out


def _markup_after_the_end(unit: Unit) -> bool:
    """The last 'sentence' is footnote marks, comments or tags after a whole one."""
    sentences = unit.sentences
    if not sentences or len(sentences) < 2 or not sentences[-2].complete:
        return False
    # strip_tags takes comments as it takes tags ("<!-- textlint-disable -->").
    return not strip_tags(_FOOTNOTE_MARKS.sub("", sentences[-1].source)).strip()


_METADATA = re.compile(
    r"(?:[A-Z][\w-]{0,30}:[ \t]+\S[^\n]*\n){1,40}[A-Z][\w-]{0,30}:[ \t]+\S[^\n]*"
)
_FOOTNOTE_MARKS = re.compile(r"\[\^[^\]\s]+\]")


def sentence_complete(sentence: Sentence) -> bool:
    return sentence.complete or ends_terminated(sentence.source)


# A whole link, reference, tag, template, code span or attribute list
# ("{: .summary}", "{#intro}", as kramdown and MyST write them) at the end.
_CLOSED_MARKUP = re.compile(
    r"(?:\]\([^()\s]*\)|\]\[[^\]]*\]|</?[A-Za-z][^<>]*>|\}\}|`|\{[:#.][^{}\n]*\})$"
)
_ATTRIBUTE_LINE = re.compile(r"\n[ \t]*\{[:#.][^{}\n]*\}$")
_BARE_URL = re.compile(r"(?:^|\s)(?:https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$")  # or an e-mail
# The first letters of a word, capitalised as a paragraph's first word is.
_WORD_START = re.compile(r"[A-Z][a-z]{0,4}")  # "J", "Unle"
_TITLE_WORD = re.compile(r"[A-Z][a-z]{1,20}")  # "Run": capitalised as a sentence starts
# A term, then its definition (a MyST definition list, read as a paragraph).
DEFINITION = re.compile(r"[^\n]{1,80}\n:[ \t]")
# A sentence's first word, capitalised, at the very end ("### Library Support"
# then "In"): the generator stopped as it began one.
_OPENING_WORD_END = re.compile(
    r"(?<![\w-])(?:The|An|In|On|At|Of|To|For|With|From|By|And|But|Or|If|When|While|As|"
    r"This|These|Those|That|We|You|They|Our|Their|Its|There|Here|Once|After|Before)$"
)
_EMPTY_DEFINITION = re.compile(r"\n[ \t]*:[ \t]*$")


def _emphasis_open(source: str) -> bool:
    """The paragraph opens with emphasis ("*…", "_…") it never closes."""
    text = source.lstrip()
    mark = text[:1]
    if mark not in ("*", "_") or text[1:2].isspace():
        return False
    return mask_code_spans(text).replace("\\" + mark, "").count(mark) % 2 == 1


MIN_CJK_CLAUSE = 4  # Japanese letters without "。" that are a clause, not a label
MIN_CJK_CUT = 2  # Japanese or Chinese letters that make a line a sentence of theirs ("から")
MIN_ASIDE = 12  # characters of an aside that may stand as a sentence: not "(1)"
LONG_UNSTOPPED = 10  # words: more than a label, a name or a byline has
MAX_KANA_START = 16  # characters of a last line that may be a katakana word begun
_CLOSING_ASIDE = re.compile(r"\s\([^()]*\)$")  # " (open June 1st – June 21st)" at the end
_LAST_LETTERS = re.compile(r"(?<!\S)([^\W\d_]+)[^\w.!?。]*$")  # the last word, letters only
_OPEN_ENDING = re.compile(r"(?:[\u3040-\u309f、，,;；:：(（「『【]|\b[a-z]+)\W*$")


def _whole_aside(text: str) -> bool:
    """Is the sentence one aside in brackets, the first closed by the last
    ("(… but shouldn't be used to _only_ keep an issue open)")? A cut lands
    right after a closing bracket far less often than a writer leaves the
    full stop out of an aside."""
    text = text.strip()
    pair = {"(": ")", "（": "）"}.get(text[:1])
    if pair is None or not text.endswith(pair) or len(text) < MIN_ASIDE:
        return False
    depth = 0
    for at, ch in enumerate(text):
        if ch == text[0]:
            depth += 1
        elif ch == pair:
            depth -= 1
            if depth == 0:
                return at == len(text) - 1
    return False


def reads_cut(unit: Unit) -> bool:
    """A last paragraph without a full stop that plainly stops mid-sentence:
    after a sentence of its own, inside a bracket, on a particle, a comma or
    a lower-case word."""
    assert unit.sentences
    if unclosed_opener(unit.source) is not None or LINK_OPEN.search(unit.source):
        return True
    if DEFINITION.match(unit.source):
        return False  # a definition list's "term / : definition" needs no full stop
    text = unit.sentences[-1].source.rstrip()
    if _CLOSED_MARKUP.search(text) or _BARE_URL.search(text):
        return False  # ends on a whole link, tag or address: a cut leaves them open
    if mask_code_spans(unit.source).count("**") % 2:
        return True  # "📖 **Implement": bold opened and never closed (`**kwargs` is code)
    if text[-1:] in "）)」』" and text[:-1].rstrip().endswith(_JA_FINAL):
        return False  # an aside ended like a sentence: "（とはいえ、…誕生しました）"
    if _whole_aside(text):
        return False  # "(The `x` label does the same thing, but …)": an aside, opened and closed
    if len(unit.sentences) > 1:
        return True  # a line after a sentence of its own
    if text.endswith(")") and _CLOSING_ASIDE.search(text):
        # "[Take the survey](…) (open June 1st &ndash; June 21st)": a line
        # that closes an aside it opened ends there (a cut lands right after
        # a ")" far less often than a whole call to action does).
        return False
    if len(text.split()) >= LONG_UNSTOPPED:
        # A sentence of many words ends on a full stop: without one, one
        # whose last word is a noun ("…das Mittel der Wahl") was cut too.
        return True
    if text[-1:] and "\u0900" <= text[-1] <= "\u097f" and text[-1] not in "।॥" and " " in text:
        return True  # Hindi ends a sentence with "।": words of Devanagari without one were cut
    if (
        text[-1:]
        and "\uac00" <= text[-1] <= "\ud7a3"
        and text[-1] not in _KO_FINAL
        and len(text.split()) >= MIN_KO_WORDS
    ):
        return True  # "이 릴리스를 만드는 데": Korean words on a connective ending, no full stop
    if text[-1:].isascii() and text[-1:].isalnum() and sum(map(is_cjk, text)) >= MIN_CJK_CUT:
        return True  # "Node.jsからlla": a Japanese sentence cut inside a Latin word
    if "、" in text or (text and is_cjk(text[-1]) and len(text) >= MIN_CJK_CLAUSE):
        # Japanese ends a sentence with 。: a line of prose without one was cut,
        # and a clause ("それまでの間、Angu") whatever script it stops in.
        return True
    if _OPEN_ENDING.search(text) or _OPENING_WORD_END.search(text):
        return True
    # A word of any alphabet in lower case at the end ("…pour la décou"):
    # "[a-z]" above knows only ASCII letters.
    last = _LAST_LETTERS.search(text)
    return last is not None and last.group(1).islower()


_KO_FINAL = "다요까죠니음함됨"  # Korean sentence (or note) endings, whole without "."
MIN_KO_WORDS = 3  # fewer words may be a label ("릴리스 코멘트")
# Japanese sentence endings: a closed aside that ends on one is whole without 。
_JA_FINAL = ("した", "です", "ます", "ません", "ください", "でしょう")  # "ました", "でした" too


def word_begun(unit: Unit, document: Document, words: Vocabulary | None = None) -> bool:
    """The article's last line is the first letters of a word it uses ("Con"
    of "configuration") and no word of its own: the generator stopped as it
    began a paragraph. An acronym ("MIT") or a word the article has is whole."""
    text = unit.source.strip()
    if text[-1:] and "\u30a1" <= text[-1] <= "\u30fa" and len(text) <= MAX_KANA_START:
        # "自サイ" of "自サイト": a katakana word the article writes longer
        # elsewhere, stopped in (a kanji or kana word, "以上", may end whole).
        return re.search(re.escape(text) + "[\u30a1-\u30fc]", document.text) is not None
    if _TITLE_WORD.fullmatch(text) and re.search(
        rf"(?<![\w-]){text.lower()}(?![\w-])", document.text
    ):
        return True  # "Run", the article saying "run" elsewhere: a sentence's first word
    if _WORD_START.fullmatch(text):
        start = text.lower()
        if words is None:
            words = vocabulary(document)
        if start not in words and begins_english_word(start):
            return True  # "Unle", "Gr": no word of the article's or English, a start of one
    else:
        # Or a line whose last word is such a start ("…with the Client-server
        # Communica", the article saying "Communication" elsewhere), and no
        # English word either.
        last = _LAST_WORD.search(text)
        if last is None or " " not in text or last.group().lower() in english_words():
            return False
        start = last.group().lower()
    if words is None:
        words = vocabulary(document)  # less the halves of words cut at a marker
    return start not in words and any(
        len(word) > len(start) and word.startswith(start) for word in words
    )


_LAST_WORD = re.compile(r"(?<![A-Za-z0-9_\-])[A-Za-z][a-z]{2,}$")
