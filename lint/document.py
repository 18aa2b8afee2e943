"""The document model shared by the linter and the merger.

A file is read once into front matter and a body. The body is split into
fragments at marker lines, and each fragment is parsed with markdown-it-py
into top-level blocks that keep their source lines. Rules, the merger and
the Sphinx extension all work on this model and never re-parse.

Markers are out-of-band: the generator that writes them knows nothing of
Markdown, so a marker line ends a fragment wherever it stands, even inside
an unclosed code fence. Each fragment is then parsed on its own, so a cut
inside a paragraph, list or fence cannot swallow the next fragment.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from . import myst_role
from .metadata import FrontMatter, split_front_matter
from .text import comparison_key

DEFAULT_MARKER = r"^---END---\s*$"


class Kind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST = "list"
    TABLE = "table"
    CODE = "code"
    HTML = "html"
    QUOTE = "quote"
    RULE = "rule"
    MATH = "math"
    DIRECTIVE = "directive"
    OTHER = "other"  # MyST targets, comments, footnotes: never prose


class Role(enum.StrEnum):
    """What a paragraph is, beyond being a paragraph."""

    PROSE = "prose"
    LABEL = "label"  # a bold line standing alone, used as a heading
    LINKS = "links"  # only links, images or badges
    TITLE = "title"  # the body's first line repeating the title


@dataclass(slots=True)
class Item:
    """One list item: its lines and its plain text."""

    line: int
    end_line: int
    text: str


@dataclass(slots=True)
class Block:
    """A top-level block of a fragment, with 1-based inclusive file lines."""

    kind: Kind
    line: int
    end_line: int
    source: str
    fragment: int
    text: str = ""  # plain text with inline markup removed (prose kinds)
    level: int = 0  # heading level; 0 otherwise
    role: Role | None = None  # paragraphs only
    items: tuple[Item, ...] = ()  # lists only
    key: str = ""  # comparison key of ``text``
    unclosed: bool = False  # a code fence that no fence closes: it runs to the end

    @property
    def is_prose(self) -> bool:
        return self.kind is Kind.PARAGRAPH and self.role is Role.PROSE

    @property
    def is_heading_like(self) -> bool:
        return self.kind is Kind.HEADING or self.role is Role.LABEL


@dataclass(slots=True)
class Marker:
    line: int
    text: str


@dataclass(slots=True)
class Fragment:
    """Text between two markers. ``marker`` is the marker that ends it."""

    index: int
    line: int
    end_line: int
    blocks: list[Block] = field(default_factory=list)
    marker: Marker | None = None

    def prose(self) -> list[Block]:
        return [b for b in self.blocks if b.is_prose]


@dataclass(slots=True)
class Document:
    path: str
    text: str
    lines: list[str]
    front_matter: FrontMatter
    fragments: list[Fragment]
    markers: list[Marker]
    # Lines of marker text inside a fenced code block: code, not boundaries.
    code_markers: list[int] = field(default_factory=list)
    # Lines of marker text made text by a disable comment around them.
    literal_markers: list[int] = field(default_factory=list)

    @property
    def title(self) -> str:
        value = self.front_matter.data.get("title")
        return value.strip() if isinstance(value, str) else ""

    def blocks(self) -> Iterator[Block]:
        for fragment in self.fragments:
            yield from fragment.blocks

    def prose(self) -> list[Block]:
        return [b for b in self.blocks() if b.is_prose]

    @property
    def has_markers(self) -> bool:
        return bool(self.markers)


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark with tables and the MyST block syntax MyST users write."""
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .enable("strikethrough")
        .use(myst_block_plugin)
        .use(myst_role_plugin)
        .use(myst_role.use)  # the same rule, linear in the line (see myst_role.py)
        .use(colon_fence_plugin)
        .use(dollarmath_plugin)
        .use(footnote_plugin)
    )


@cache
def compile_marker(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def parse_document(
    path: str, text: str, marker: str = DEFAULT_MARKER, front: FrontMatter | None = None
) -> Document:
    """Parse decoded text (newlines already ``\\n``) into a Document.

    ``front`` is this text's front matter when the caller has loaded it
    already (the Sphinx extension does, before reading), so YAML is parsed
    once per file.
    """
    if "\r" in text:
        # markdown-it reads a lone "\r" as a line break, and so must the line
        # numbers (files are read with newlines made "\n"; API callers may not).
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline ends the last line, it adds none
    if front is None:
        front = split_front_matter(lines)
    marker_re = compile_marker(marker)
    first_body = front.body_line  # 1-based
    fragments: list[Fragment] = []
    markers: list[Marker] = []
    start = first_body
    literal = _literal_lines(lines, first_body) if "mystitch-lint-disable" in text else set()
    in_code = [
        line
        for line in (
            _markers_in_code(lines, first_body, marker_re) if "``" in text or "~~" in text else []
        )
        if line not in literal  # shown on purpose, between disable comments
    ]
    disabled = sorted(literal - set(in_code))
    literal.update(in_code)
    for number in range(first_body, len(lines) + 1):
        if marker_re.match(lines[number - 1]) and number not in literal:
            found = Marker(number, lines[number - 1])
            markers.append(found)
            fragments.append(_parse_fragment(lines, len(fragments), start, number - 1, found))
            start = number + 1
    if start <= len(lines) or not fragments:
        fragments.append(_parse_fragment(lines, len(fragments), start, len(lines), None))
    if not front.present and fragments and _opens_toml(fragments[0]):
        for fragment in fragments:
            _toml_front_matter(fragment, lines)
    if "{%" in text:
        inside = False  # a fragment before ended inside a highlight block
        for fragment in fragments:
            inside = _liquid_code(fragment, lines, inside)
    if "<!--" in text:
        # A comment no "-->" closes would hide the rest of the page: the
        # merge closes it at the cut instead.
        last_close = max((n for n, line in enumerate(lines, 1) if "-->" in line), default=0)
        still_open = False
        for before, fragment in pairwise(fragments):
            if fragment.line > last_close:
                break
            still_open = _comment_goes_on(before, fragment, lines, still_open)
    shown = [number for number in disabled if marker_re.match(lines[number - 1])]
    document = Document(path, text, lines, front, fragments, markers, in_code, shown)
    _mark_title_line(document)
    return document


_FRG_COMMENT = re.compile(
    r"<!--\s*mystitch-lint-(disable-file|disable-next-line|disable|enable)((?:\s+[A-Za-z]+\d*)*)\s*-->"
)
FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")  # a code fence opening or closing


_FENCE_OPEN = re.compile(r" {0,3}(`{3,}(?!.*`)|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")


def _markers_in_code(lines: list[str], first: int, marker_re: re.Pattern[str]) -> list[int]:
    """Marker lines that stand inside a fenced code block: they are code.

    An article about fragments may show a marker in an example. A marker is
    code when the fence around it is closed after it and nothing between the
    two opens a fence of its own: a generator that cut inside code and then
    wrote the block again (" ```python " after the cut) or left a fence open
    at the end has markers that are boundaries, as everywhere else.
    """
    found: list[int] = []
    fence: tuple[str, int] | None = None
    inside: list[int] = []
    restarted = False
    for number in range(first, len(lines) + 1):
        line = lines[number - 1]
        if fence is None:
            opening = _FENCE_OPEN.match(line)
            if opening:
                fence = (opening.group(1)[0], len(opening.group(1)))
                inside, restarted = [], False
            continue
        closing = _FENCE_CLOSE.fullmatch(line)
        if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= fence[1]:
            if not restarted:
                found.extend(inside)
            fence = None
        elif marker_re.match(line):
            inside.append(number)
        elif inside and (again := _FENCE_OPEN.match(line)) and again.group(2).strip():
            restarted = again.group(1)[0] == fence[0]
    # A fence still open at the end: the closing fences above may have been
    # openers of blocks written again, so no marker is taken for code.
    if fence is not None or not found:
        return []
    # Lines alone do not see containers: a fence opened in a list item or a
    # quote ends with it, at the first line outside (" ```" in "- item", then
    # an unindented marker). Markdown's own reading has the last word.
    text = "\n".join(lines[first - 1 :]) + "\n"
    fenced: set[int] = set()
    for token in _tokens(text):
        if token.type == "fence" and token.map:
            fenced.update(range(token.map[0] + first, token.map[1] + first))
    return [number for number in found if number in fenced]


def _literal_lines(lines: list[str], first: int) -> set[int]:
    """Lines where a marker is text, not a fragment boundary.

    Documentation that shows a marker in an example says so by disabling
    FRG around it: `<!-- mystitch-lint-disable FRG001 -->` ... `enable`,
    `disable-next-line FRG` before a code fence, or `disable-file FRG`,
    each on a line of its own.
    """
    literal: set[int] = set()
    start: int | None = None
    number = first
    while number <= len(lines):
        # Only a comment on a line of its own: one inside a paragraph goes
        # wherever the merge puts that paragraph (a superseded attempt takes
        # it away), and the marker it had made text would read as a marker.
        match = _FRG_COMMENT.fullmatch(lines[number - 1].strip())
        if match is None:
            number += 1
            continue
        codes = match.group(2).split()
        about_frg = not codes or any(
            "FRG001".startswith(c.upper()) or c.upper().startswith("FRG") for c in codes
        )
        if about_frg and match.group(1) == "disable-file":
            return set(range(first, len(lines) + 1))
        if about_frg and match.group(1) == "disable" and start is None:
            start = number
        elif about_frg and match.group(1) == "enable" and start is not None:
            literal.update(range(start, number + 1))
            start = None
        elif about_frg and match.group(1) == "disable-next-line":
            target = number + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            end = target
            fence = FENCE.match(lines[target - 1]) if target <= len(lines) else None
            if fence:
                # The whole fenced example that starts on that line.
                mark = fence.group(1)
                end = target + 1
                while end <= len(lines) and not lines[end - 1].strip().startswith(mark):
                    end += 1
            literal.update(range(target, end + 1))
        number += 1
    if start is not None:
        literal.update(range(start, len(lines) + 1))
    return literal


_TOML_FENCE = re.compile(r"\+{3}[ \t]*")  # the line around TOML front matter


def _opens_toml(fragment: Fragment) -> bool:
    first = fragment.blocks[0] if fragment.blocks else None
    return first is not None and _TOML_FENCE.fullmatch(first.source.split("\n", 1)[0]) is not None


def _toml_front_matter(fragment: Fragment, lines: list[str]) -> None:
    """TOML front matter (Hugo, Zola: fields between "+++" lines) as one block.

    MyST reads each "+++" as a block break and the fields as a paragraph, so
    the merge would drop the closing "+++" as a repeat of the opening one and
    match a ``description = "…"`` field against the article's first sentence.
    Fields are data, compared as written, as code is; a piece that restarts
    the article writes them again from the first "+++", and the block a
    marker cut before its closing line is ``unclosed``, as a cut fence is.
    """
    if not _opens_toml(fragment):
        return
    first = fragment.blocks[0].line
    close = next(
        (n for n in range(first + 1, fragment.end_line + 1) if _TOML_FENCE.fullmatch(lines[n - 1])),
        None,
    )
    end = close if close is not None else fragment.end_line
    while end > first and not lines[end - 1].strip():
        end -= 1
    block = Block(Kind.CODE, first, end, "\n".join(lines[first - 1 : end]), fragment.index)
    block.unclosed = close is None
    fragment.blocks = [block, *_blocks_after(fragment, lines, end)]


_LIQUID_OPEN = re.compile(r"\{%-?\s*highlight\b[^%]*-?%\}\s*")
_LIQUID_CLOSE = re.compile(r"\{%-?\s*endhighlight\s*-?%\}\s*")


def _liquid_code(fragment: Fragment, lines: list[str], inside: bool) -> bool:
    """Jekyll's "{% highlight ruby %}" … "{% endhighlight %}" as one code block.

    CommonMark reads the code between the tags as paragraphs, so a method
    shown twice in a post ("def foo(*args, **kwargs, &block)") would be a
    repeated paragraph, a line of code a sentence cut short, and a Ruby
    comment a heading. ``inside``: the fragment before ended inside such a
    block. Returns whether this one does.

    The tags are found line by line (an opening tag on a line the parser
    read as prose; a fence inside the code does not hide the closing tag),
    and only the text between blocks is parsed again, once: linear in the
    fragment, however many blocks it holds.
    """
    first, last = fragment.line, fragment.end_line
    if first > last or not fragment.blocks:
        return False
    prose = bytearray(last - first + 1)  # lines of the parser's paragraphs
    for block in fragment.blocks:
        if block.kind is Kind.PARAGRAPH:
            for n in range(max(block.line, first), min(block.end_line, last) + 1):
                prose[n - first] = 1
    regions: list[tuple[int, int]] = []
    n = fragment.blocks[0].line
    head = fragment.blocks[0]
    if (inside or head.kind is Kind.PARAGRAPH) and not _LIQUID_OPEN.fullmatch(lines[n - 1]):
        # The fragment opens inside a block: the one the fragment before left
        # open, or one a retry went back into. Its code runs to the first
        # closing tag, if no opening tag comes first.
        for at in range(n, last + 1):
            if _LIQUID_OPEN.fullmatch(lines[at - 1]):
                break
            if _LIQUID_CLOSE.fullmatch(lines[at - 1]):
                regions.append((n, at))
                n = at + 1
                break
    open_at_end = False
    while n <= last:
        if not (prose[n - first] and _LIQUID_OPEN.fullmatch(lines[n - 1])):
            n += 1
            continue
        close = next(
            (at for at in range(n + 1, last + 1) if _LIQUID_CLOSE.fullmatch(lines[at - 1])), None
        )
        if close is None:
            # Cut by a marker before its closing tag: code to the fragment's
            # end all the same ("  # => warning" is no heading), left as
            # written (the next fragment has the rest, up to its tag).
            end = last
            while end > n and not lines[end - 1].strip():
                end -= 1
            regions.append((n, end))
            open_at_end = True
            break
        regions.append((n, close))
        n = close + 1
    if not regions:
        return False
    out: list[Block] = []
    blocks = fragment.blocks
    at = 0  # blocks before ``at`` end before the gap being filled
    gap = first
    bounds = [*regions, (last + 1, last + 1)] if not open_at_end else regions
    for start, end in bounds:
        # The blocks on the gap's lines: as parsed when none crosses its
        # bounds, parsed again otherwise (blocks and regions both go down
        # the page: one walk over each).
        while at < len(blocks) and blocks[at].end_line < gap:
            at += 1
        inside_gap: list[Block] = []
        crossing = False
        while at < len(blocks) and blocks[at].line < start:
            block = blocks[at]
            if block.line < gap or block.end_line >= start:
                crossing = True
            else:
                inside_gap.append(block)
            if block.end_line >= start:
                break  # it goes on past the gap: the next gap looks at it too
            at += 1
        if crossing and gap < start:
            text = "\n".join(lines[gap - 1 : start - 1])
            inside_gap = parse_blocks(text, gap, fragment.index) if text.strip() else []
        out.extend(inside_gap)
        if start <= last:
            source = "\n".join(lines[start - 1 : end])
            out.append(Block(Kind.CODE, start, end, source, fragment.index))
        gap = end + 1
    fragment.blocks = out
    return open_at_end


def _comment_goes_on(
    before: Fragment, fragment: Fragment, lines: list[str], still_open: bool
) -> bool:
    """An HTML comment a marker cut ("<!--\n\nDear community co") goes on
    in the next fragment up to its "-->": those lines are the comment's,
    one block, not paragraphs and lists of the page. True when the comment
    is still open at this fragment's end."""
    last = before.blocks[-1] if before.blocks else None
    if not (
        fragment.blocks
        and last is not None
        and last.kind is Kind.HTML
        and (still_open or last.source.lstrip().startswith("<!--"))
        and "-->" not in last.source
    ):
        return False
    first = fragment.blocks[0].line
    close = next((n for n in range(first, fragment.end_line + 1) if "-->" in lines[n - 1]), None)
    if "-->" in last.source.rstrip()[-2:] + lines[first - 1].lstrip()[:2]:
        close = first  # the marker cut the "-->" itself ("… -" then "->")
    end = close if close is not None else fragment.end_line
    if any("<!--" in lines[n - 1] for n in range(first, end + 1)):
        return False  # a comment of its own: the piece went back and wrote it again
    while end > first and not lines[end - 1].strip():
        end -= 1
    block = Block(Kind.HTML, first, end, "\n".join(lines[first - 1 : end]), fragment.index)
    fragment.blocks = [block, *_blocks_after(fragment, lines, end)]
    return close is None


def _blocks_after(fragment: Fragment, lines: list[str], end: int) -> list[Block]:
    """The fragment's blocks after line ``end``, parsed again from the next
    line: a block the parser ran across that line ("-->" then "$$" read as
    one paragraph) must not be lost with the lines before it."""
    if all(b.line > end for b in fragment.blocks if b.end_line > end):
        return [b for b in fragment.blocks if b.line > end]
    if end >= fragment.end_line:
        return []
    return parse_blocks("\n".join(lines[end : fragment.end_line]), end + 1, fragment.index)


def _parse_fragment(
    lines: list[str], index: int, first: int, last: int, marker: Marker | None
) -> Fragment:
    fragment = Fragment(index, first, max(first, last), marker=marker)
    if last < first:
        return fragment
    chunk = lines[first - 1 : last]
    fragment.blocks = parse_blocks("\n".join(chunk), first, index)
    return fragment


def parse_blocks(source: str, line: int, fragment: int) -> list[Block]:
    """The blocks of a piece of Markdown whose first line is ``line`` of its file."""
    chunk = source.split("\n")
    blocks = list(_blocks(_tokens(source), chunk, line, fragment))
    return _with_unparsed_lines(blocks, chunk, line, fragment)


def _with_unparsed_lines(
    blocks: list[Block], chunk: list[str], first: int, fragment: int
) -> list[Block]:
    """Lines no token covers, as blocks of their own: link reference
    definitions (``[1.0]: https://…``) give markdown-it no token, and a
    page built from the blocks must not lose them."""
    covered = 0  # next line (0-based in the chunk) not yet in a block
    out: list[Block] = []

    def gap(upto: int) -> None:
        start = covered
        while start < upto:
            while start < upto and not chunk[start].strip():
                start += 1
            end = start
            while end < upto and chunk[end].strip():
                end += 1
            if end > start:
                source = "\n".join(chunk[start:end])
                out.append(Block(Kind.OTHER, first + start, first + end - 1, source, fragment))
            start = end

    for block in blocks:
        gap(block.line - first)
        out.append(block)
        covered = max(covered, block.end_line - first + 1)
    gap(len(chunk))
    return out


def _tokens(source: str) -> list[Token]:
    """markdown-it's tokens; a plugin that crashes on odd input costs its syntax only.

    mdit-py-plugins' colon fence raised IndexError on "> :::{note}" then ">".
    Plain CommonMark reads the text instead, so the file is still linted and
    merged. Nesting deep enough to exhaust the stack is left to the callers,
    which report it for that file.
    """
    if not source.endswith("\n"):
        # markdown-it-py reads past the end of a text that stops on a bare ">"
        # in a list in a quote (IndexError in getLines): it expects a last newline.
        source += "\n"
    try:
        return markdown_parser().parse(source)
    except RecursionError:
        raise
    except Exception:
        pass
    try:
        return plain_parser().parse(source)
    except RecursionError:
        raise
    except Exception:
        # The last resort: paragraphs, nothing else, so the text is still read.
        return MarkdownIt("zero").parse(source)


@cache
def plain_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


_BLOCK_KIND = {
    "paragraph_open": Kind.PARAGRAPH,
    "heading_open": Kind.HEADING,
    "bullet_list_open": Kind.LIST,
    "ordered_list_open": Kind.LIST,
    "table_open": Kind.TABLE,
    "fence": Kind.CODE,
    "code_block": Kind.CODE,
    "html_block": Kind.HTML,
    "blockquote_open": Kind.QUOTE,
    "hr": Kind.RULE,
    "math_block": Kind.MATH,
    "math_block_label": Kind.MATH,
    "colon_fence": Kind.DIRECTIVE,
}

# The tail is possessive: with "\s*[:：]?\s*" the engine splits a run of
# spaces after the closing "**" between the two "\s*" in every way there is
# before it gives up on "**a**   …   x": quadratic in the run.
_LABEL_SOURCE = re.compile(r"\s*(\*\*|__)(?=\S)(.+?)(?<=\S)\1\s*+(?:[:：]\s*+)?")


def _blocks(tokens: list[Token], chunk: list[str], first: int, index: int) -> Iterator[Block]:
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i]
        if token.level != 0 or token.map is None or token.nesting == -1:
            i += 1
            continue
        kind = _BLOCK_KIND.get(token.type, Kind.OTHER)
        begin, end = token.map
        # The closing token of a container is the next level-0 token with
        # nesting -1; everything between belongs to this block.
        j = i + 1
        if token.nesting == 1:
            depth = 1
            while j < count and depth:
                depth += tokens[j].nesting if tokens[j].level == 0 else 0
                j += 1
        inner = tokens[i + 1 : j]
        # markdown-it counts a fenced block's map to the closing fence; a
        # paragraph's map may include lazy lines. Trailing blanks never count.
        while end > begin + 1 and not chunk[end - 1].strip():
            end -= 1
        source = "\n".join(chunk[begin:end])
        block = Block(kind, first + begin, first + end - 1, source, index)
        if token.type == "fence":
            closing = _FENCE_CLOSE.fullmatch(chunk[end - 1]) if end - 1 > begin else None
            block.unclosed = not (
                closing
                and closing.group(1)[0] == token.markup[0]
                and len(closing.group(1)) >= len(token.markup)
            )
        if kind is Kind.PARAGRAPH:
            inline = inner[0] if inner and inner[0].type == "inline" else None
            block.text = plain_text(inline)
            block.role = _paragraph_role(inline, source)
        elif kind is Kind.HEADING:
            inline = inner[0] if inner and inner[0].type == "inline" else None
            block.text = plain_text(inline)
            block.level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif kind is Kind.LIST:
            block.items = tuple(_items(inner, first))
            block.text = "\n".join(item.text for item in block.items)
        elif kind is Kind.QUOTE:
            block.text = "\n".join(plain_text(t) for t in inner if t.type == "inline")
        block.key = comparison_key(block.text) if block.text else ""
        yield block
        i = j if token.nesting == 1 else i + 1


def _items(tokens: list[Token], first: int) -> Iterator[Item]:
    """Top-level items of a list (nested lists are part of their item)."""
    item_level = 1
    current: Item | None = None
    parts: list[str] = []
    for token in tokens:
        if token.type == "list_item_open" and token.level == item_level:
            begin, end = token.map or (0, 1)
            current = Item(first + begin, first + end - 1, "")
            parts = []
        elif token.type == "list_item_close" and token.level == item_level and current:
            current.text = "\n".join(p for p in parts if p)
            yield current
            current = None
        elif token.type == "inline" and current is not None:
            parts.append(plain_text(token))


def plain_text(inline: Token | None) -> str:
    """The text a reader sees: markup, URLs and HTML tags removed."""
    if inline is None:
        return ""
    if not inline.children:
        return inline.content
    out: list[str] = []
    for child in inline.children:
        kind = child.type
        if kind in ("text", "code_inline", "math_inline", "myst_role"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image":
            out.append(child.content)
    return "".join(out)


def _paragraph_role(inline: Token | None, source: str) -> Role:
    if all(_REFERENCE_LINE.match(line) for line in source.strip().split("\n")):
        # "[1]: {{ site.url }}/news/…/": link references that a template
        # (Jekyll's, Hugo's) makes no valid ones read as a paragraph, but
        # they are links, not sentences.
        return Role.LINKS
    if inline is None or not inline.children:
        return Role.PROSE
    children = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if not children:
        return Role.PROSE
    # A bold line alone is a label. CommonMark does not close ** after a
    # Japanese closing bracket, so fall back to the source shape.
    if "\n" not in source.strip() and (
        (children[0].type == "strong_open" and _closes_last(children))
        or _LABEL_SOURCE.fullmatch(source)
    ):
        # A bold line is a heading unless it reads as a sentence: a full
        # stop at its end (a short question is still a heading).
        text = plain_text(inline).strip().strip("*_").rstrip(":：")
        # A sentence ending inside it makes it prose too: bold text that a
        # cut left without its full stop ("**Done. And then the**").
        if _one_link(children):
            # "**[Learn more about CHIPS](/docs/chips/)**" under a section's
            # last paragraph: a link to follow, not the heading of what follows.
            return Role.LINKS
        if (
            not text or text[-1] not in "。．.!！" or len(text) > 200
        ) and not _INNER_SENTENCE_END.search(text):
            return Role.LABEL
    depth = 0
    has_link = False
    for child in children:
        if child.type == "link_open":
            depth += 1
            has_link = True
        elif child.type == "link_close":
            depth -= 1
        elif child.type == "image":
            has_link = True
        elif depth == 0 and child.type == "text":
            # Separators between links ("|", "∙", "·", an emoji) are not prose.
            if any(ch.isalnum() for ch in child.content):
                return Role.PROSE
        elif depth == 0 and child.type not in _DECORATION_TOKENS:
            return Role.PROSE
    return Role.LINKS if has_link else Role.PROSE


# A link reference's shape: a label, then an address ("{{ site.url }}/…",
# "/path", "https://…", "#id", "<…>"), not "[Update]: The release…".
_REFERENCE_LINE = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:\{\{|[<#/.]|[^\s/]*[/:])")
_INNER_SENTENCE_END = re.compile(r"[。．！!]\s*\S|\.\s+\S")
_DECORATION_TOKENS = frozenset(
    ("softbreak", "hardbreak", "html_inline", "em_open", "em_close", "strong_open", "strong_close")
)


def _one_link(children: list[Token]) -> bool:
    """Is a bold line one link and nothing else ("**[text](url)**")?"""
    return (
        len(children) >= 4
        and children[0].type == "strong_open"
        and children[1].type == "link_open"
        and children[-1].type == "strong_close"
        and children[-2].type == "link_close"
        and sum(1 for child in children if child.type == "link_open") == 1
    )


def _closes_last(children: list[Token]) -> bool:
    tail = children[-1]
    if tail.type == "strong_close":
        return True
    return (
        tail.type == "text"
        and tail.content.strip() in (":", "：")
        and len(children) > 1
        and children[-2].type == "strong_close"
    )


def _mark_title_line(document: Document) -> None:
    """The body's first paragraph that only repeats the title is not prose."""
    title_key = comparison_key(document.title)
    if not title_key:
        return
    for block in document.fragments[0].blocks:
        if block.kind is Kind.PARAGRAPH and block.key == title_key:
            block.role = Role.TITLE
        return
