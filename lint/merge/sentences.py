"""Sentences of Markdown source, as the merge cuts, joins and compares them.

A sentence keeps its source as written (markup, link targets and all) so
that joining two never changes a character; its key leaves out what a
reader does not see, so two renderings of one sentence compare equal.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..document import Block, Document
from ..text import CLOSERS, comparison_key, ends_terminated, is_cjk, sentence_end, sentence_ends


@dataclass(slots=True)
class Sentence:
    source: str  # as written, with its trailing whitespace
    key: str
    complete: bool
    line: int


# Emphasis markers right after a terminal belong to the sentence they close.
_SOURCE_END = sentence_end(CLOSERS + "*_")
_CONTRACTION = re.compile(r"[a-z]['’](?:t|s|re|ll|ve|d|m)$")
_CODE_END = re.compile(r"`[^`\s][^`]*[!?.。]`[\s*_]*$")  # a code span that ends on a terminal
# Link targets and references (``](url)``, ``][ref]``) and HTML tags are
# left out of a sentence's key. Plain patterns (``\]\([^)]*\)``,
# ``<[^>\n]+>``) scan from every "](" or "<" of "](](](…" or "<<<…" to the
# end of the text or line and fail there, each start rescanning the same
# text. These scan possessively and, where the plain one would fail, match
# what it would have scanned: every start inside it fails the same way.
# ``_drop_target`` and ``_drop_tag`` then give back what is no target or tag.
_LINK_TARGET = re.compile(r"\]\([^)]*+(\))?|\]\[[^\]]*\]")
_REFERENCE = re.compile(r"\]\[[^\]]*\]")
_HTML_TAG = re.compile(r"<[^>\n]*+(>)?")
# A word of a spaced script: letters and digits of any script but Japanese
# and Chinese (which put no spaces between words), and apostrophes.
# (A run of letters is one step of the repeat, not one step a letter: the
# same words, found several times faster.)
_WORD = re.compile(r"(?:[^\W_\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+|['’])+")
# Endings that are no words of their own: "test" + "ing" is one word.
# Beginnings that are no words of their own, though hyphenated words
# ("re-run", "non-empty") put them in an article's vocabulary.
_PREFIXES = frozenset(["re", "un", "pre", "dis", "non", "mis", "sub", "semi", "multi", "inter"])
_SUFFIXES = frozenset(
    [
        "s",
        "es",
        "ed",
        "ing",
        "ings",
        "er",
        "ers",
        "est",
        "ly",
        "ion",
        "ions",
        "tion",
        "tions",
        "sion",
        "ment",
        "ments",
        "ness",
        "ity",
        "ities",
        "able",
        "ible",
        "al",
        "ally",
        "ial",
        "ive",
        "ous",
        "ful",
        "less",
        "ise",
        "ize",
        "ised",
        "ized",
        "ising",
        "izing",
        "ance",
        "ence",
        "ant",
        "ent",
        "ary",
        "ory",
        "ism",
        "ist",
        "ists",
    ]
)


def _drop_target(match: re.Match[str]) -> str:
    if match.group(1) is not None or match.group()[1] == "[":
        return ""
    # "](" with no ")" after it: no later "](" has one either; the rest can
    # still hold references.
    return "]" + _REFERENCE.sub("", match.group()[1:])


def _drop_tag(match: re.Match[str]) -> str:
    # "<>", and "<…" that a line's end or the text's end cuts, are no tags.
    return "" if match.group(1) is not None and match.end() - match.start() > 2 else match.group()


def strip_tags(text: str) -> str:
    """``text`` without HTML tags (``<[^>\\n]+>``)."""
    return _HTML_TAG.sub(_drop_tag, text) if "<" in text else text


def source_key(source: str) -> str:
    """Comparison key of a piece of Markdown source."""
    key = words_key(source)
    # Markup only (``<a id="old-name"></a>``): the markup is what it says.
    return key or comparison_key(source)


def is_markup(source: str, words: str | None = None) -> bool:
    """Markup with a few words at most: a link, an image, an anchor
    ("[Playground で試す](…#a)", "@[card](…)", "![top](top.jpg)"). Where it
    points is what tells two of them apart, not their words."""
    if ("]" not in source and "<" not in source) or len(source) > MAX_MARKUP:
        return False  # (the bound also keeps the link pattern linear on hostile lines)
    if len(words_key(source) if words is None else words) >= FEW_WORDS:
        return False
    # Words outside the markup ("For [Rust Belt](…)'s se") make it text.
    bare = _WHOLE_LINK.sub("", source)
    if bare == source:
        return False
    sigils = comparison_key(strip_tags(bare))
    # (Signs, not letters: "[create-vite](…) te" is a sentence cut after a link.)
    return len(sigils) <= MARKUP_SIGILS and not any(ch.isalnum() for ch in sigils)


def words_key(source: str) -> str:
    text = strip_tags(_LINK_TARGET.sub(_drop_target, source) if "]" in source else source)
    return comparison_key(text.replace("[", "").replace("]", ""))


FEW_WORDS = 24  # a key this short is no text of its own
MAX_MARKUP = 1000  # longer than any line of links and images
MARKUP_SIGILS = 2  # characters besides links a markup line may have ("@[card](…)")
_WHOLE_LINK = re.compile(r"!?\[[^\]\n]*\]\([^()\s]*(?:\s+[^()]*)?\)")
LINK_OPEN = re.compile(r"\]\([^)\s]*\s*$")  # a link whose address the text stops in
MAX_ADDRESS = 2048  # characters a link's open address is looked back for


def start_as_long_as(key: str, other: str) -> str:
    """The start of ``key`` as far as ``other`` goes, and an eighth more: a
    rewording of a text is a little longer or shorter, and a later attempt
    is compared with an earlier one that stopped by as much of it."""
    return key[: len(other) + len(other) // 8]


def read_on_key(source: str, key: str) -> str:
    """The key of text cut in a link's address ("HTML ([DOM](https://…/Introdu")
    as it reads once the link closes: what the link says ("HTML (DOM"), not
    the half address. ``key`` is the text's own key, for text cut elsewhere."""
    if "](" not in source or not LINK_OPEN.search(source):
        return key
    return source_key(LINK_OPEN.sub("]", source))


def cut_link(source: str) -> str | None:
    """The link whose address ``source`` stops in, as far as its address
    opens ("[DOM](" of "HTML ([DOM](https://…/Introdu"): what a text that goes
    on from that cut writes, beyond the link's words."""
    found = LINK_OPEN.search(source) if "](" in source else None
    if found is None:
        return None
    start = source.rfind("[", 0, found.start())
    return source[start : found.start() + 2] if start >= 0 else None


def split_source(block: Block) -> list[Sentence]:
    source = block.source
    out: list[Sentence] = []
    pos = 0
    line = block.line  # of ``pos``, counted as we go: a recount per sentence is quadratic
    for match in sentence_ends(_SOURCE_END, source):
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
        # A terminal inside a code span ends nothing: "…useful with the `panic!`".
        complete = ends_terminated(strip_tags(chunk).replace("*", "")) and not _CODE_END.search(
            chunk
        )
        out.append(Sentence(chunk, source_key(chunk), complete, line))
    if out and out[-1].complete and LINK_OPEN.search(out[-1].source):
        # A full stop inside a link's address ("](https://example.") ends nothing.
        out[-1] = Sentence(out[-1].source, out[-1].key, False, out[-1].line)
    return out


def join_sentences(sentences: list[Sentence]) -> str:
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
    if not before or not after or after[0].isspace():
        return False
    # Through the marks around them ("しません。**" + "bindings**を"): Japanese
    # and Chinese put no space after a full stop, whatever markup follows it.
    last = before.rstrip(_MARKS)[-1:] or before[-1]
    first = after.lstrip(_MARKS)[:1] or after[0]
    return not (is_cjk(last) or is_cjk(first))


_MARKS = "*_~`"


class Vocabulary(set[str]):
    """Words of the article, and how its words are spelt (letter trigrams).

    The trigrams answer "does this read as one word or two?" for a cut
    between two words the article uses nowhere else: "tool" + "to" spells
    ``ol$`` and ``^to``, which its words have, rather than ``olt``, ``lto``.
    """

    def __init__(self, words: dict[str, int] | None = None, spaced: bool = False) -> None:
        super().__init__(word for word, count in (words or {}).items() if count > 0)
        self.counts = words or {}
        # The article puts a space between Japanese or Chinese and a Latin
        # word or a number ("Vite は", "Ruby 2.5.0 已发布"), as many do.
        self.spaced = spaced
        self._spelling: tuple[Counter[str], Counter[str], int] | None = None
        self._endings: Counter[str] | None = None

    def endings(self, right: str) -> int:
        """How many of the article's words end with ``right`` and are longer by
        two letters or more (counted once for all, when first asked)."""
        if self._endings is None:
            endings: Counter[str] = Counter()
            for word in self:
                for size in range(MIN_ENDING, min(MAX_ENDING, len(word) - 2) + 1):
                    endings[word[-size:]] += 1
            self._endings = endings
        return self._endings[right]

    @cached_property
    def english(self) -> bool:
        """Is the article's Latin text English (or too short to tell)? An
        English dictionary says nothing of "present" + "an" in Spanish."""
        words = sum(n for word, n in self.counts.items() if n > 0 and word.isascii())
        if words < MIN_LANGUAGE_WORDS:
            return True
        common = sum(max(0, self.counts.get(word, 0)) for word in _ENGLISH_COMMON)
        return common >= ENGLISH_SHARE * words

    def _learn(self) -> tuple[Counter[str], Counter[str], int]:
        # Only a cut between two unknown words asks: most articles never do.
        if self._spelling is None:
            spelling: Counter[str] = Counter()
            contexts: Counter[str] = Counter()
            letters = 0
            for word, count in self.counts.items():
                if word.isalpha() and count > 0:
                    padded = f"^{word}$"
                    for at in range(len(padded) - 2):
                        spelling[padded[at : at + 3]] += count
                        contexts[padded[at : at + 2]] += count
                    letters += len(word) * count
            self._spelling = (spelling, contexts, letters)
        return self._spelling

    @property
    def letters(self) -> int:
        return self._learn()[2]

    def odds(self, trigram: str) -> float:
        """log P(last letter | first two), smoothed over 27 outcomes."""
        spelling, contexts, _ = self._learn()
        return math.log((spelling[trigram] + 0.5) / (contexts[trigram[:2]] + 13.5))


def vocabulary(document: Document) -> Vocabulary:
    """Words of the article, less the halves of words cut at a marker."""
    counts: dict[str, int] = dict(Counter(_WORD.findall(document.text.lower())))
    lines = document.lines
    for marker in document.markers:
        # The last word before a marker and the first after it may be halves.
        before = next((lines[i] for i in range(marker.line - 2, -1, -1) if lines[i].strip()), "")
        after = next((lines[i] for i in range(marker.line, len(lines)) if lines[i].strip()), "")
        for edge in _WORD.findall(before)[-1:] + _WORD.findall(after)[:1]:
            counts[edge.lower()] = counts.get(edge.lower(), 1) - 1
    text = document.text
    if not _ANY_CJK_LETTER.search(text):  # (a quick scan: most articles mix no scripts)
        return Vocabulary(counts, False)
    spaced = len(_SPACED_MIX.findall(text))
    return Vocabulary(counts, spaced >= MIN_SPACED and spaced >= 3 * len(_TIGHT_MIX.findall(text)))


# Latin (a word, a number, a code span) next to Japanese or Chinese letters.
_CJK_LETTER = "\u3040-\u309f\u30a1-\u30ff\u3400-\u9fff\uf900-\ufaff"
_SPACED_MIX = re.compile(f"[A-Za-z0-9`][ ][{_CJK_LETTER}]|[{_CJK_LETTER}][ ][A-Za-z0-9`]")
_TIGHT_MIX = re.compile(f"[A-Za-z0-9`][{_CJK_LETTER}]|[{_CJK_LETTER}][A-Za-z0-9`]")
_ANY_CJK_LETTER = re.compile(f"[{_CJK_LETTER}]")
MIN_SPACED = 5  # fewer say nothing of the article's habit
# English prose has these for about a tenth of its words (public docs: 7.5-18%);
# German, Spanish, French, or Japanese with Latin names in it, under 2%.
_ENGLISH_COMMON = ("the", "and", "of", "to", "is", "that", "with", "for")
ENGLISH_SHARE = 0.03
MIN_LANGUAGE_WORDS = 100  # fewer Latin words say nothing of the language


def fresh_english_sentence(cut: Sentence, head: Sentence) -> bool:
    """A cut "…rewrote the" then "Latency fell…": a new sentence, not a continuation."""
    before = cut.source.rstrip()
    after = head.source.lstrip()
    # A capitalised word ("Latency"), not an all-caps word cut in two ("AN」").
    return bool(before) and bool(re.match(r"[A-Z][a-z]", after)) and before[-1].isascii()


def join_cut(before: str, after: str, vocabulary: set[str]) -> str:
    """Join a cut and its continuation, with a space only between two words.

    Japanese needs none. In English, "impor" + "tant" is one word and "the"
    + "next" two: the article's own vocabulary (less the halves at the cuts)
    tells which. A word the article uses elsewhere on either side, and no
    known word joined, is a cut between words ("the" + "old", "assembly" +
    "code"). Around markup, a space goes where a writer puts one: before an
    opening backtick or bracket ("prints" + "`Should"), after a comma or a
    full stop ("behalf," + "making"), never inside a code span or before a
    closing mark.
    """
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return before + after
    if _in_address(before):
        return before + after  # "(../generics/READ" + "ME.md)": an address has no spaces
    last, first = before[-1], after[0]
    if is_cjk(last) or is_cjk(first):
        if getattr(vocabulary, "spaced", False) and _mixed(last, first):
            return before + " " + after  # the article's habit: "Ruby 2.5.0" + " " + "已发布"
        return before + after
    if last.isalnum() and after.startswith(("http://", "https://")):
        return before + " " + after  # "at" + "https://…": an address is a word of its own
    if last.isalnum() and first.isalnum():
        return before + (" " if _two_words(before, after, vocabulary) else "") + after
    # Around markup, as a writer of any spaced script puts spaces: "फिर आप" +
    # "`templates/…`", "Größe," + "die".
    return before + (" " if _space_around_markup(before, after) else "") + after


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Webster's Second International (1934, public domain, as FreeBSD ships
    it in /usr/share/dict/web2), lower case: 234,450 words, read once per
    process and only when a cut between two words the article does not use
    elsewhere asks. Empty if the package is missing: the article decides alone."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - a dependency, but the merge runs without it
        return frozenset()
    return frozenset(get_english_words_set(["web2"], lower=True))


@lru_cache(maxsize=1)
def _sorted_english() -> list[str]:
    return sorted(english_words())


def begins_english_word(start: str) -> bool:
    """Is ``start`` (lower case) no English word but the start of a longer one
    ("unle" of "unless"; not "tokyo", a name, nor "table", a word)?"""
    english = english_words()
    if not english or start in english:
        return False
    words = _sorted_english()
    at = bisect.bisect_left(words, start)
    return at < len(words) and words[at].startswith(start)


_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                ("ing", "e"), ("er", ""), ("ers", ""), ("ly", ""), ("d", ""))  # fmt: skip


def _english_word(word: str, english: frozenset[str]) -> bool:
    """A word of the list, or one of its inflected forms ("searches", "walked")."""
    if word in english:
        return True
    return any(
        word.endswith(ending)
        and len(word) > len(ending) + 2
        and word[: -len(ending)] + stem in english
        for ending, stem in _INFLECTIONS
    )


def one_word(before: str, after: str, vocabulary: set[str]) -> bool:
    """Do the last word of ``before`` and the first of ``after`` make a word
    the article uses ("LuaLa" + "TeX")?"""
    left, right = _WORD.findall(before), _WORD.findall(after)
    return bool(left and right) and (left[-1] + right[0]).lower() in vocabulary


def _mixed(last: str, first: str) -> bool:
    """Latin (or a code span's backtick) on one side, a Japanese or Chinese letter on the other."""
    letter = re.compile(f"[{_CJK_LETTER}]")
    latin = re.compile(r"[A-Za-z0-9`]")
    return bool(
        (latin.match(last) and letter.match(first)) or (letter.match(last) and latin.match(first))
    )


def _in_address(before: str) -> bool:
    """Does ``before`` stop inside a link's address ("[x](../READ")?"""
    at = before.rfind("](", max(0, len(before) - MAX_ADDRESS))
    if at < 0:
        return False
    address = before[at + 2 :]
    return ")" not in address and not any(ch.isspace() for ch in address)


def _two_words(before: str, after: str, vocabulary: set[str]) -> bool:
    left = _WORD.findall(before)[-1].lower()
    right = _WORD.findall(after)[0].lower()
    if (left + right) in vocabulary or (left + right) in _FUNCTION_WORDS:
        return False  # "whe" + "re": a word every text has, even where only the cut has it
    if left in vocabulary and right in vocabulary:
        return True
    if _CONTRACTION.search(left):
        return True  # "wouldn’t" + "be": a contraction is a whole word
    if (
        left.isalpha()
        and right.isalpha()
        and left.isascii()
        and right.isascii()
        and (len(left) > 1 or left == "a")
        and getattr(vocabulary, "english", True)
    ):
        # Words the article has nowhere else: an English dictionary knows
        # "docu" + "mentation" and "Cate" + "gory" are one word, "ad" + "by"
        # two (a dictionary has "apart", but "a" and "part" are the article's).
        english = english_words()
        if _english_word(left + right, english):
            return False
        # Both halves words, the first of three letters or more: two words. (The list
        # has few inflected forms: "se" + "arches" is "searches".)
        if len(left) > 2 and len(right) > 1 and left in english and _english_word(right, english):
            return True  # "guide" + "walks": the list has "walk"
        if left == "a" and len(right) > 2 and _english_word(right, english):
            return True  # "is a" + "systems language": "asystems" is no word
        if right == "a" and len(left) > 2 and (left in vocabulary or _english_word(left, english)):
            return True  # "reaching" + "a decision": "reachinga" is no word
    capital = _WORD.findall(after)[0]
    if capital[:1].isupper() and capital[1:2].islower() and before[-1].islower():
        return True  # "Bitnami" + "Ruby Stack": a capital starts a word ("JavaScript" is known)
    if not (left.isascii() and right.isascii()):
        # Any other spaced script ("като" + "архивирани", "bereit" + "für"):
        # the article's own words and spelling; the lists below are English.
        if left in vocabulary and len(left) > 1 and len(right) > 2:
            return True
        if len(left) > 3 and right in vocabulary and len(right) > 2:
            return True
        if _ends_words(right, vocabulary):
            return False  # "imple" + "mentación", the end of "fragmentación" and others
        return _spelt_apart(left, right, vocabulary)
    if right[0].isdigit() != left[-1].isdigit():
        # "around" + "17x", "Python" + "3" are two words; "H" + "100", "utf" +
        # "8", "LPDDR" + "5" one name.
        if left[-1].isdigit():
            return False
        if left in vocabulary and len(left) > 1:
            return True
        written = _WORD.findall(before)[-1]
        return len(left) >= 4 and left.isalpha() and not written.isupper()
    if right in _SUFFIXES or not any(ch in "aeiouy" for ch in right):
        return False  # "Test" + "ing", "buil" + "t": the rest of a word
    if left in _PREFIXES:
        return False  # "re" + "peating": "re-run" put the prefix in the vocabulary
    if left in vocabulary and len(left) > 1 and len(right) > 2:
        return True
    # The left word only here ("commonplace"), the right one a word the
    # article uses or a function word ("in", "code"): two words.
    if len(left) > 3 and (right in _FUNCTION_WORDS or (right in vocabulary and len(right) > 2)):
        return True
    if (
        left.isascii()
        and right.isascii()
        and right.isalpha()
        and len(right) > 2
        and right not in vocabulary
        and begins_english_word(left)
        and not _english_word(right, english_words())
    ):
        return False  # "cus" + "tomization": the start of a word, then no word
    return _spelt_apart(left, right, vocabulary)


def _ends_words(right: str, vocabulary: set[str]) -> bool:
    """Is ``right``, no word of the article, the ending of several of its
    words? Then it is the rest of one more ("mentación" of "fragmentación",
    "retroalimentación"), not a word after a space."""
    if not MIN_ENDING <= len(right) <= MAX_ENDING or right in vocabulary:
        return False
    if isinstance(vocabulary, Vocabulary):
        return vocabulary.endings(right) >= 2  # an index, built once: linear
    ending = sum(1 for word in vocabulary if len(word) > len(right) + 1 and word.endswith(right))
    return ending >= 2


MIN_ENDING = 5  # letters: shorter endings ("ción") are words' and suffixes' alike
MAX_ENDING = 16  # longer ones are a word's own


def _spelt_apart(left: str, right: str, vocabulary: set[str]) -> bool:
    """Do the article's words spell the two halves as two words ("tool" +
    "to", "guide" + "walks") rather than one ("commonpl" + "ace")?"""
    if not (left.isalpha() and right.isalpha() and len(left) > 2 and len(right) > 1):
        return False
    model = vocabulary
    if not isinstance(model, Vocabulary) or model.letters < MIN_SPELLING:
        return False  # too few words to tell
    one = model.odds(left[-2:] + right[0]) + model.odds(left[-1] + right[:2])
    two = model.odds(left[-2:] + "$") + model.odds("^" + right[:2])
    # Elsewhere a cut inside a word is the likelier: "Sicherheits" + "probleme".
    margin = SPELLING_MARGIN if getattr(model, "english", True) else SPELLING_MARGIN_OTHER
    return two > one + margin


def _space_around_markup(before: str, after: str) -> bool:
    last, first = before[-1], after[0]
    if first in _CLOSING or last in _OPENING:
        return False  # "the `main" + "`", "(" + "see"
    line = before[before.rfind("\n") + 1 :]
    if line.count("`") % 2:
        return False  # inside a code span: code, not prose
    token = line.rsplit(None, 1)[-1] if line.strip() else ""
    if token.rfind("://") > token.rfind(")") or _in_address(token):
        return False  # inside an address or a link target: "github." + "io"
    if first in "`*_~":
        run = after[: len(after) - len(after.lstrip(first))]
        if line.count(run) % 2:
            return False  # the mark closes a span the left side opened
    if last in ".,;:!?":
        # "behalf," + "making"; not "1." + "5" or "e.g" + ".", nor "crates." +
        # "io" or "main." + "rs" (an address's or a file's name)
        if last == "." and before[-2:-1].isalnum() and _SUFFIX_AFTER_DOT.match(after):
            return False
        return not (last in ".," and before[-2:-1].isdigit() and first.isdigit())
    if last == '"' and line.count('"') % 2 == 0:
        return first.isalnum()  # '"share state"' + "between": the quote closed
    if last == "%" and before[-2:-1].isdigit():
        return first.isalpha()  # "51.8%" + "increase" (an address was ruled out above)
    if last.isalnum():
        return first in _OPENING or first in "`*_~<!"
    if last in "`*_~":
        # "| **" + "Root": a run of marks after a space opens a span, whatever
        # came before on the line; after a word it closes one, and a word follows.
        run = before[len(before.rstrip(last)) - 1 : len(before.rstrip(last))]
        if not run or run.isspace() or run in "|" + _OPENING or is_cjk(run):
            return False  # ("。**" + "bindings**": Japanese opens a span with no space)
        return first.isalnum() and not line.count(last) % 2
    if last in ")]" and _INLINE_LINK_START.match(after):
        # "[disposition: merge]" + "[Tracking issue](…)": a link of its own
        # (joined, "][" would make the two a reference link)
        return True
    if (
        last in "+-=&<>/×→"
        and before[-2:-1] == " "
        and first not in "+-=&|<>/"  # a run of marks: "| -" + "-- |", a table's rule
        and "|" not in line
        and line.strip() != last  # a list item's bullet
    ):
        # "`Cmd` +" + "`Options`": an operator standing as a word of its own
        # has a space on both sides ("C" + "++" or "a/" + "b" has none).
        return True
    return last in _CLOSING_MARKS and first.isalnum()


# The ends of addresses and file names that follow a full stop with no space.
_SUFFIX_AFTER_DOT = re.compile(
    r"(?:io|com|org|net|dev|rs|jp|js|ts|py|rb|md|toml|json|ya?ml|html|css|txt|lock|sh)\b"
)
_INLINE_LINK_START = re.compile(r"\[[^\[\]\n]*\]\(")
_OPENING = "([{\u201c\u2018"
_CLOSING = ".,;:!?)]}\u201d\u2019\u2026"
_CLOSING_MARKS = ")]\u201d\u2019"
# Words that end no other word often enough to matter ("in" does: "obtain").
MIN_SPELLING = 2000  # letters of words an article needs to tell one word from two
SPELLING_MARGIN = 1.0  # log odds two words must win by (best on public English docs)
SPELLING_MARGIN_OTHER = 3.0  # the same in other languages, where no dictionary helps
_FUNCTION_WORDS = frozenset(["the", "with", "from", "that", "this", "which", "when", "where"])
