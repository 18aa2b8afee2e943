"""Plain-text helpers shared by the rules and the merger.

Everything here works on the *plain text* of a block (inline markup already
removed by the parser) and must treat Japanese, which has no spaces between
words, as well as English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Full stops of other scripts, which end a sentence whatever follows: the
# Devanagari danda and double danda, the Urdu full stop, the Arabic question
# mark, the Armenian full stop, the Ethiopic full stop and question mark.
OTHER_STOPS = "।॥۔؟։።፧"
# Terminal punctuation: Japanese full stops and marks, their ASCII twins, and
# the ellipses a writer ends on deliberately.
TERMINALS = "。．！？!?.…‥" + OTHER_STOPS
# What may follow a terminal and still close the sentence: brackets, quotes.
CLOSERS = "」』）)］]】〕〉》〙〛”’\"'»"
PAIRS = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "［": "］",
    "[": "]",
    "【": "】",
    "〔": "〕",
    "〈": "〉",
    "《": "》",
    "〘": "〙",
    "〚": "〛",
    "“": "”",
    "‘": "’",
    "«": "»",
}
CLOSING_OF = {v: k for k, v in PAIRS.items()}
# Quotes other languages pair otherwise: German „…“ and ‚…‘ (Polish „…”), and
# German »…« where French writes «…». Each opens, and is closed by any of its
# closers, which elsewhere open a quote of their own.
OTHER_QUOTES = {"„": "“”", "‚": "‘’", "»": "«"}
_OTHER_CLOSERS = frozenset("".join(OTHER_QUOTES.values()))
_ANY_BRACKET = re.compile("[" + re.escape("".join(PAIRS) + "".join(OTHER_QUOTES)) + "]")
_OPENER_OR_CLOSER = re.compile(
    "[" + re.escape("".join(PAIRS) + "".join(CLOSING_OF) + "".join(OTHER_QUOTES)) + "]"
)

# Left out of a key besides white space: emphasis and code marks, the
# zero-width space, the byte-order mark.
_KEY_DROPS = "*_`~\u200b\ufeff"
# The same text is keyed again and again (a block's plain text, then its
# source; a sentence of every piece that repeats it): keys of texts up to
# this long are remembered, few enough to hold little memory.
MAX_REMEMBERED_KEY, REMEMBERED_KEYS = 2000, 2048


def comparison_key(text: str) -> str:
    """Key under which two renderings of the same text compare equal.

    NFKC folds full-width and half-width forms (``ＡＩ`` and ``AI``), casefold
    folds case, and all whitespace and leftover emphasis characters go, so a
    paragraph re-flowed or re-emphasised by a retry still matches.
    """
    return _remembered_key(text) if len(text) <= MAX_REMEMBERED_KEY else _key(text)


def _key(text: str) -> str:
    # (ASCII is its own NFKC form, and str.isascii() needs no scan.)
    folded = (text if text.isascii() else unicodedata.normalize("NFKC", text)).casefold()
    for drop in _KEY_DROPS:
        if drop in folded:  # (a scan, cheaper than a pattern's substitution)
            folded = folded.replace(drop, "")
    # split() cuts at exactly the white space a pattern's \s matches.
    return "".join(folded.split())


_remembered_key = lru_cache(maxsize=REMEMBERED_KEYS)(_key)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x3000 <= code <= 0x303F  # CJK punctuation
    )


def _strip_trailing_decoration(text: str) -> str:
    """Drop emoji and other symbols after the last word ("Enjoy! 🎉")."""
    end = len(text)
    while end:
        ch = text[end - 1]
        if ch.isspace() or unicodedata.category(ch) in ("So", "Sk", "Cf", "Mn"):
            end -= 1
            continue
        break
    return text[:end]


def strip_closers(text: str) -> str:
    return _strip_trailing_decoration(text).rstrip(CLOSERS + " \t\n")


_EMOJI_TAIL = "\ufe0e\ufe0f\u200d\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
_EMOTICON = re.compile(r"(?:[:;=]-?[)(DPp3]|\^_?\^|<3+|\\o/|(?<!\w)o/)\s*$")


def ends_terminated(text: str) -> bool:
    """True when the text ends a sentence: a terminal, then only closers.

    A closing emoji or emoticon ("Enjoy 🎉", "…;)") is a deliberate ending
    too: the generator never cuts right after one.
    """
    stripped = text.rstrip()
    # An emoji's variation selector (U+FE0F in "✔️"), a joiner or a skin
    # tone after it is part of the emoji.
    symbol = stripped.rstrip(_EMOJI_TAIL)
    if symbol and (unicodedata.category(symbol[-1]) == "So" or _EMOTICON.search(stripped)):
        return True
    core = strip_closers(text)
    return bool(core) and core[-1] in TERMINALS


def ends_with_colon(text: str) -> bool:
    core = _strip_trailing_decoration(text)
    return bool(core) and core[-1] in ":："


# A sentence ends at a Japanese terminal (no space needed after it) or at an
# ASCII one followed by space/end/CJK, with any closers after it. A full stop
# between digits ("3.14") or before a lower-case word ("e.g. this") does not
# end a sentence.
def sentence_end(closers: str = CLOSERS) -> re.Pattern[str]:
    """The pattern of a sentence's end, with ``closers`` allowed after it.

    The merge, which splits Markdown source, adds ``*`` and ``_``: emphasis
    closed right after a terminal belongs to the sentence it closes.
    """
    after = "[" + re.escape(closers) + "]*"
    return re.compile(
        # Japanese terminals end a sentence whatever follows ("です。NVIDIAは"),
        # except the text of a link ("[…どうか？](https://…)": the closers are
        # taken whole, and "]" right before "(" or "[" ends no sentence).
        r"(?:[。．！？" + OTHER_STOPS + r"]++[!?]*+" + after + r"+(?!(?<=\])[(\[]))"
        # ASCII ones need a space (or CJK, or the end) after them.
        r"|(?:(?:[!?]+|…+|‥+|(?<!\.)\.(?:\.\.)?(?!\d))"
        + after
        + r"(?=$|\s+(?![a-z])|[^\x00-\x7f]))"
    )


_SENTENCE_END = sentence_end()
# Every sentence end starts with a terminal, and never with a full stop
# after another one (the lookbehind only looks at what the class found).
_TERMINAL = re.compile("[" + re.escape(TERMINALS) + r"](?<!\.\.)")


def sentence_ends(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` for a ``sentence_end`` pattern.

    The pattern has no prefix the regex engine can scan for, so finditer
    tries all of it at every character; a terminal, which every match
    starts with, is found by a plain scan, and the pattern tried there only.
    (A match's ``pos`` is where it was tried: use its span.)
    """
    find, match = _TERMINAL.search, pattern.match
    pos = 0
    while (terminal := find(text, pos)) is not None:
        found = match(text, terminal.start())  # (a lookbehind still sees the text before)
        if found is None:
            pos = terminal.start() + 1
        else:
            yield found
            pos = found.end()  # (never empty: each branch takes a character)


_EMOTICON_MOUTH = re.compile(r".?[:;=]-?$|[:;=]-$")
_QUOTE_TAIL = " \t\n“‘«»‹›"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offset in the block's plain text
    end: int
    terminated: bool


def split_sentences(text: str) -> list[Sentence]:
    """Split plain text into sentences, keeping offsets.

    The last sentence may be unterminated; that is exactly what a cut looks
    like, and callers check ``terminated``.
    """
    sentences: list[Sentence] = []
    pos = 0
    length = len(text)
    for match in sentence_ends(_SENTENCE_END, text):
        end = match.end()
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            sentences.append(Sentence(chunk.strip(), pos + lead, end, True))
        pos = end
    if sentences and pos < length and not text[pos:].strip(_QUOTE_TAIL):
        # Quotes other languages close with ("…Tag.“", "…jeden.‘", "…«") are
        # not closers in English, where they open: at the very end they close.
        last = sentences[-1]
        sentences[-1] = Sentence(text[last.start :].strip(), last.start, length, True)
    elif pos < length and text[pos:].strip():
        chunk = text[pos:]
        lead = len(chunk) - len(chunk.lstrip())
        tail = chunk.strip()
        sentences.append(Sentence(tail, pos + lead, length, ends_terminated(tail)))
    return sentences


def overlap(cut: str, head: str, minimum: int = 6, cjk_minimum: int | None = None) -> int:
    """Length of the longest end of ``cut`` that ``head`` begins with, or 0.

    A retry that restarts inside a cut repeats its last words. Below
    ``minimum`` characters an overlap may be chance ("in the" / "theory");
    in Japanese ``cjk_minimum`` can be lower, since three characters at the
    very cut ("既存の" / "既存の岸壁は") already say it was restarted.
    """
    cut = cut.rstrip()
    head = head.lstrip()
    if not cut or not head:
        return 0
    floor = min(minimum, cjk_minimum or minimum)
    # Only where head's first character stands in the cut can an overlap
    # begin: jumping between those places is fast on real text. Each try
    # compares up to its size, though, so a cut like "aaa…ab" before
    # "aaa…ac" would cost its length squared: past a budget of compared
    # characters the borders come from a prefix function instead.
    at = len(cut) - min(len(cut), len(head) - 1)
    budget = 4 * len(head) + 256
    while (at := cut.find(head[0], at)) >= 0 and len(cut) - at >= floor:
        size = len(cut) - at
        budget -= size
        if budget < 0:
            return _overlap_linear(cut, head, minimum, floor)
        if head.startswith(cut[at:]) and (
            size >= minimum or _cjk_enough(cut[at:], floor) or _words_enough(cut, at, head)
        ):
            return size
        if size >= 4 and head.startswith(cut[at:]) and _name_into_japanese(cut, at, head):
            return size
        if head.startswith(cut[at:]) and _inside_a_scheme(cut, at, head):
            return size
        at += 1
    return 0


# The start of a link's address at the end of a cut ("[yoichiro](https").
_SCHEME_END = re.compile(r"(?<![A-Za-z])https?:?/{0,2}$")


def _inside_a_scheme(cut: str, at: int, head: str) -> bool:
    """A cut in an address's scheme written again a few letters back
    ("…](https" then "ttps://github.com/…"): together they make the scheme
    whole, where side by side they would make "httpsttps://"."""
    tail = cut[-8:]
    scheme = _SCHEME_END.search(tail)
    if scheme is None:
        return False
    start = len(cut) - len(tail) + scheme.start()
    return start < at and (cut[start:at] + head).startswith(("http://", "https://"))


def _cjk_enough(shared: str, floor: int) -> bool:
    """Enough Japanese in a short overlap to say it was restarted: "既存の",
    and "たVMに、" with a name inside it, or "回VMを" and "PI を", where a
    Japanese character counts twice and a Latin one once."""
    cjk = sum(1 for ch in shared if is_cjk(ch))
    return cjk >= floor or (cjk > 0 and cjk + sum(not ch.isspace() for ch in shared) >= 4)


def _words_enough(cut: str, at: int, head: str) -> bool:
    """A short overlap that begins a word, spans two and ends inside a word
    the head goes on with ("by ad" then "by adding some logs"): written again
    from a few words back, not chance."""
    shared = cut[at:]
    size = len(shared)
    return (
        " " in shared
        and (at == 0 or cut[at - 1].isspace())
        and shared[-1].isalnum()
        and len(head) > size
        and head[size].isalnum()
    )


def _name_into_japanese(cut: str, at: int, head: str) -> bool:
    """The cut's last Latin word, whole, written again and followed by
    Japanese ("…定義されいてるTrait" then "Traitです："): a restart."""
    shared = cut[at:]
    size = len(shared)
    return (
        shared.isascii()
        and shared.isalnum()
        and (at == 0 or cut[at - 1].isspace() or is_cjk(cut[at - 1]))
        and len(head) > size
        and is_cjk(head[size])
    )


def _overlap_linear(cut: str, head: str, minimum: int, floor: int) -> int:
    """``overlap`` in time linear in the lengths (Knuth-Morris-Pratt).

    The longest end of ``cut`` that begins ``head`` is the state of a KMP
    matcher for ``head`` after reading ``cut``; shorter ones follow from
    the prefix function. The first of them, longest first, that is long
    enough (or Japanese enough, or words enough) is the answer, as in the
    loop of ``overlap``.
    """
    pattern = head[: min(len(cut), len(head) - 1)]
    if not pattern:
        return 0
    fail = _prefix_function(pattern)
    state = 0
    for ch in cut[len(cut) - len(pattern) :]:
        while state and (state == len(pattern) or ch != pattern[state]):
            state = fail[state - 1]
        if ch == pattern[state]:
            state += 1
    while state and state >= floor:
        at = len(cut) - state
        if state >= minimum or _cjk_enough(cut[at:], floor) or _words_enough(cut, at, head):
            return state
        if state >= 4 and _name_into_japanese(cut, at, head):
            return state
        if _inside_a_scheme(cut, at, head):
            return state
        state = fail[state - 1]
    return 0


def _prefix_function(pattern: str) -> list[int]:
    """For each prefix of ``pattern``, the length of its longest proper
    border (Knuth-Morris-Pratt's failure function)."""
    fail = [0] * len(pattern)
    k = 0
    for i in range(1, len(pattern)):
        while k and pattern[i] != pattern[k]:
            k = fail[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        fail[i] = k
    return fail


FIND_ALL_FAST = 16  # occurrences found by str.find before find_all turns to KMP


def find_all(text: str, part: str) -> Iterator[int]:
    """Where ``part`` stands in ``text``, overlapping places included, in order.

    ``str.find`` from one past each place reads the part again each time:
    "A.A.A…" stands in a longer "A.A.A…" at every other offset, at the cost
    of its length each time. After a few places a Knuth-Morris-Pratt scan
    takes over, linear in the text.
    """
    if not part:
        return
    found = text.find(part)
    for _ in range(FIND_ALL_FAST):
        if found < 0:
            return
        yield found
        found = text.find(part, found + 1)
    if found < 0:
        return
    yield found
    fail = _prefix_function(part)
    k = 0
    for i in range(found + 1, len(text)):
        ch = text[i]
        while k and ch != part[k]:
            k = fail[k - 1]
        if ch == part[k]:
            k += 1
            if k == len(part):
                yield i - k + 1
                k = fail[k - 1]


def unclosed_opener(text: str) -> tuple[int, str] | None:
    """Offset and character of the first bracket left open at the end.

    Only paired brackets and curly quotes count: straight quotes and
    apostrophes are ambiguous in English, and a stray closer (a smiley ``:)``)
    is no cut.
    """
    if not _ANY_BRACKET.search(text):
        return None  # most paragraphs have none: skip the walk
    stack: list[tuple[int, str]] = []
    # How many of each opener the stack holds: a closer whose opener is not
    # there ("](](](…") must not walk the whole stack to learn it.
    held = dict.fromkeys([*PAIRS, *OTHER_QUOTES], 0)
    # Visit the brackets only; Japanese paragraphs nearly all have some.
    for match in _OPENER_OR_CLOSER.finditer(text):
        i, ch = match.start(), match.group()
        other = (
            next((q for q, closers in OTHER_QUOTES.items() if ch in closers and held[q]), None)
            if ch in _OTHER_CLOSERS
            else None
        )
        if other is not None:
            opener = other  # “ after „ closes it, « after » too
        elif ch in OTHER_QUOTES and not (ch in CLOSING_OF and held[CLOSING_OF[ch]]):
            # "»" opens a quote only before a word: "Next »" opens nothing.
            if ch not in CLOSING_OF or text[i + 1 : i + 2].strip():
                stack.append((i, ch))
                held[ch] += 1
            continue
        elif ch == "(" and _EMOTICON_MOUTH.match(text, max(0, i - 2), i):
            continue  # a frown, ":(" or ":-(", opens nothing
        elif ch in PAIRS:
            # The same character opens and closes nothing else; curly quotes
            # are distinct characters, so a plain stack works.
            stack.append((i, ch))
            held[ch] += 1
            continue
        else:
            opener = CLOSING_OF[ch]
        if held[opener]:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][1] == opener:
                    for _, closed in stack[k:]:
                        held[closed] -= 1
                    del stack[k:]
                    break
    return stack[0] if stack else None


def unmatched_closer_at_start(text: str) -> bool:
    """A closer before any opener in the first sentence: "AN」（NVIDIA…".

    That is the tail of a bracket opened in the previous fragment.
    """
    first = text[:200]
    depth: dict[str, int] = {}
    for at, ch in enumerate(first):
        if ch in PAIRS:
            depth[ch] = depth.get(ch, 0) + 1
        elif ch == "’" and first[at - 1 : at].isalpha() and first[at + 1 : at + 2].isalpha():
            continue  # an apostrophe ("Let’s", "don’t"), not a closing quote
        elif ch == "’" and at and first[at - 1] in "sS" and not first[at + 1 : at + 2].isalpha():
            continue  # a plural's apostrophe ("users’ code")
        elif ch in CLOSING_OF and ch not in ")]":
            opener = CLOSING_OF[ch]
            if depth.get(opener, 0) == 0:
                return True
            depth[opener] -= 1
        elif ch in "。．！？":
            return False
    return False


# Characters that never begin a Japanese sentence: particles that only
# attach to a preceding word, small kana, the long-vowel mark, and
# punctuation. "への投資は…" can only be the tail of a cut sentence.
_JA_CONTINUATION_START = re.compile(
    r"^(?:[をへんっゃゅょぁぃぅぇぉーゝゞ、。，．！？・ー]"
    r"|が(?!ん|っ)|に(?:は|も|よ|お(?!い)|つ|と|対|関)"
    r"|の(?:で|に|は|も|が|を|よ|な)|は(?:、|ず|ある|ない)"
    r"|で(?:あ|き|し|す)|と(?:いう|して|し|なる|なり|な|の|も)|ま(?:す|し|せ)|られ|れ(?:る|た|て|ま)"
    r"|から(?!こそ|だ)|まで|より(?!も)|など|ため(?!に)|こと(?:で|が|は|を|に|も))"
)


# The first words of a sentence that takes up the one before it ("これは…",
# "However, …"). A paragraph may open with them too, but a sentence inside
# one does so far more often: after a piece that stopped on a full stop, a
# piece opening with one goes on with the paragraph.
SENTENCE_OPENERS = (
    "これは", "それは", "これに", "それに", "また、", "さらに", "しかし", "ただし", "つまり",
    "特に", "例えば", "なお、", "そのため", "一方", "そして", "そこで", "これら", "したがって",
    "加えて", "This ", "It ", "These ", "That ", "However", "For example", "But ", "So ",
    "Also", "Then ", "Then,", "Instead", "They ", "Otherwise", "For instance",
    "その", "すると、", "同様に", "これが", "これで", "これを", "詳しくは", "詳細は", "代わりに",
    "逆に", "従って", "たとえば", "Because ", "Once ",
    # Chinese (simplified and traditional): "此版本包括…", "比如要找 Rails，…".
    "这", "這", "此", "其", "它", "比如", "例如", "因此", "但是", "然而", "此外", "另外",
    "同时", "同時", "所以", "而且", "不过", "不過",
)  # fmt: skip


def starts_mid_sentence(text: str) -> bool:
    """Lexical signs that text is the continuation of a cut sentence."""
    stripped = text.lstrip()
    if not stripped:
        return False
    first = stripped[0]
    if first in "、，,;；)）」』】" or (first in ".．" and not stripped.startswith("...")):
        return True
    if unmatched_closer_at_start(stripped):
        return True
    if _JA_CONTINUATION_START.match(stripped):
        return True
    # English: a lower-case word that is not a brand spelled in camel case
    # ("iPhone", "macOS") or an identifier.
    word = re.match(r"[A-Za-z][\w'-]*", stripped)
    if word and stripped[0].islower():
        token = word.group(0)
        return token.islower() and "_" not in token
    return False


def is_mostly_cjk(text: str) -> bool:
    sample = [c for c in text[:400] if not c.isspace()]
    if not sample:
        return False
    return sum(1 for c in sample if is_cjk(c)) * 2 > len(sample)


_BACKTICKS = re.compile("`+")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where ``(`+)(?:(?!\\1).)+?\\1`` (DOTALL) matches ``text``, left to right.

    That pattern finds code spans, but the regex engine retries every
    length of every backtick run against the rest of the text: a line of
    backticks takes hours. This is the same matches in one pass over the
    runs. From a run of R backticks the pattern settles on the longest
    opening k whose remainder in the run cannot itself read as the
    opening (R - k < k), such that a later run holds k backticks; the span
    closes at the first such run. It starts R - R' backticks into the run,
    where R' is the longest run length that leaves a valid k.
    """
    runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return []
    longest_after = [0] * len(runs)  # the longest run after each run
    for i in range(len(runs) - 2, -1, -1):
        longest_after[i] = max(longest_after[i + 1], runs[i + 1][1])
    spans: list[tuple[int, int]] = []
    index = 0
    start, length = runs[0]
    while index < len(runs) - 1 and length:
        later = longest_after[index]
        usable = length if length <= later else min(length, 2 * later - 1)
        k = min(usable, later)
        begin = start + length - usable
        close = index + 1
        while runs[close][1] < k:
            close += 1
        spans.append((begin, runs[close][0] + k))
        # The search goes on in what the closing run has left.
        index = close
        start, length = runs[close][0] + k, runs[close][1] - k
        if not length and index + 1 < len(runs):
            index += 1
            start, length = runs[index]
    return spans


def mask_code_spans(text: str, fill: str | None = None) -> str:
    """``text`` with its code spans (see ``code_spans``) removed, or each of
    their characters replaced by ``fill``."""
    if "`" not in text:
        return text
    parts: list[str] = []
    last = 0
    for begin, end in code_spans(text):
        parts.append(text[last:begin])
        if fill is not None:
            parts.append(fill * (end - begin))
        last = end
    parts.append(text[last:])
    return "".join(parts)
