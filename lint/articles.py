"""Articles and pages: which files the generator's rules are for.

A project holds generated articles and hand-written pages side by side. The
rules that know the generator's habits (front matter it must write, cuts,
retries, repeats) apply in full to articles; on a page the linter is
conservative. A file is an article when

* it has fragment markers: only a generator writes them;
* ``articles`` is set and one of its globs matches it;
* ``articles`` is not set and its front matter is an article's: a ``date``,
  ``layout: post``, or a title with categories, tags, an author or an
  excerpt. Front matter of other keys (MyST's ``myst``, Jupytext's
  ``jupytext``, ``html_meta``, Zenn's ``emoji``/``topics``/``published``, a
  page's ``title`` alone) is a page's.

An article whose front matter follows another schema than ours (it holds
half of ``required-fields`` or fewer: a title, a date and an author) is a
blog post written by hand. Its front matter must load (FM002), but our
fields are not demanded of it, and repeats and cuts are looked for as on a
page.

The Sphinx extension's ``mystitch_articles`` names the same thing, where
articles live; the linter reads its own ``articles`` setting.
"""

from __future__ import annotations

import enum
import re

from .config import LintConfig
from .document import Block, Document, Kind, Role
from .metadata import FrontMatter, is_empty
from .text import split_sentences


class Standing(enum.Enum):
    """What a file is to the linter."""

    PAGE = "page"  # hand-written: conservative rules, no front-matter rules
    POST = "post"  # an article's front matter of another schema: a blog post by hand
    ARTICLE = "article"  # front matter that follows ours: every rule in full
    GENERATED = "generated"  # fragment markers, or named by ``articles``

    @property
    def is_article(self) -> bool:
        return self is not Standing.PAGE

    @property
    def by_hand(self) -> bool:
        """Written by hand: repeats and cuts are looked for as on a page."""
        return self in (Standing.PAGE, Standing.POST)


# With a title, any of these says the front matter is an article's.
_WITH_TITLE = ("categories", "tags", "author", "excerpt")


def article_front_matter(front: FrontMatter) -> bool:
    """Whether front matter is an article's (see the module's docstring).

    Front matter that does not load is an article's too, as the Sphinx
    extension reads it (front matter "valid or not"): what it was meant to
    say cannot be known, and that it does not load is the finding (FM002).
    """
    if not front.present:
        return False
    if front.error is not None:
        return True
    data = front.data
    layout = data.get("layout")
    if isinstance(layout, str) and layout.strip().lower() == "post":
        return True
    if not is_empty(data.get("date")):
        return True
    return "title" in data and any(not is_empty(data.get(key)) for key in _WITH_TITLE)


def follows_schema(front: FrontMatter, required: tuple[str, ...]) -> bool:
    """Front matter holding more than half of the required fields is ours; one
    that does not load may be, and says so by its FM002."""
    if front.error is not None:
        return True
    return sum(1 for name in required if name in front.data) * 2 > len(required)


def standing(document: Document, config: LintConfig) -> Standing:
    """Whether ``document`` is a generated article, an article, a blog post
    of another schema, or a page."""
    if document.markers or config.names_article(document.path):
        return Standing.GENERATED
    front = document.front_matter
    if not config.articles and article_front_matter(front):
        if follows_schema(front, config.required_fields):
            return Standing.ARTICLE
        return Standing.POST
    return Standing.PAGE


# --- block roles: paragraphs that are markup, not prose ------------------------

# What directives, admonitions, tabs and includes look like when a Markdown
# parser without their plugin reads them as a paragraph:
_SYNTAX_LINE = re.compile(
    r"[ \t]*(?:"
    r"(?:!!!|\?\?\?\+?)[ \t]+[A-Za-z]"  # MkDocs admonitions, !!! note / ??? tip
    r"|/{3,}(?:[ \t]+[A-Za-z]|[ \t]*$)"  # pymdownx blocks, /// note | Title ... ///
    r"|={3}[ \t]+[\"']"  # MkDocs content tabs, === "Tab"
    r"|\{\*[ \t]"  # includes, {* ./file.py hl[3] *}
    r"|\{:?[ \t]*[.#][^\s{}]"  # attribute lines, { .class } {: #id }
    r"|:{3,}[ \t]*\{?[A-Za-z]"  # colon fences, :::tip and :::{note}, unclosed or nested
    r"|:{3,}[ \t]*$"  # their closing line
    r"|`{3,}[ \t]*\{"  # a MyST directive fence a marker or a list broke up
    r"|\{%|\{\{|\{#[ \t]"  # template tags, {% include %} {{ var }}, comments {# … #}
    r"|\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]"  # GitHub alerts
    r")"
)
_BLOCK_OPEN = re.compile(r"[ \t]*/{3,}[ \t]+[A-Za-z]")  # /// tip | Title
_BLOCK_CLOSE = re.compile(r"[ \t]*/{3,}[ \t]*")  # ///
_QUOTING_TAG = re.compile(r"<(/?)(?:blockquote|details)\b", re.IGNORECASE)
# A paragraph wrapped in one HTML element, or a run of them:
# <span class="filename">Filename: src/main.rs</span>, <kbd>Ctrl</kbd>+<kbd>C</kbd>.
_HTML_WRAPPED = re.compile(r"\s*<[A-Za-z][^<>]*>")
_HTML_TAIL = re.compile(r"</?[A-Za-z][^<>]*>\s*$")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_RANGE = r"(?:[ \t]*[-–—~][ \t]*(?:" + _MONTH + r"[ \t]+)?" + _DAY + r")?"
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+)?"
_DATES = (
    _WEEKDAY + _MONTH + r"[ \t]+" + _DAY + _RANGE + r",?[ \t]+\d{4}",  # May 27 - 31, 2025
    _DAY + _RANGE + r"[ \t]+" + _MONTH + r",?[ \t]+\d{4}",  # 27 May 2025, 27-31 May 2025
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",  # 2025-05-27
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?",  # 2025年5月27日
)
# A line that opens with a date, as entries of a list of events or releases
# do: "May 27 - 31, 2025. In-person in Athens, Greece", "2025-05-27: …".
_DATE_LEAD = re.compile(r"[ \t]*(?:" + "|".join(_DATES) + r")[ \t]*(?:[.:：,|–—-]|\(|（|$)")


def is_syntax(source: str) -> bool:
    """Is a paragraph directive, admonition, tab, include or attribute syntax
    that a parser without its plugin read as text? The merge compares such
    lines as written, as it does code (``{* a.py hl[1] *}`` and ``{* b.py
    hl[1] *}`` are two includes, not two attempts at one sentence)."""
    return _SYNTAX_LINE.match(source) is not None


def _is_syntax(block: Block) -> bool:
    return is_syntax(block.source)


def _is_html_only(block: Block) -> bool:
    source = block.source.strip()
    return (
        source.startswith("<")
        and _HTML_WRAPPED.match(source) is not None
        and _HTML_TAIL.search(source[-200:]) is not None
    )


def _is_dated_entry(block: Block) -> bool:
    return "\n" not in block.text.strip() and _DATE_LEAD.match(block.text) is not None


def _is_lead_in(block: Block, following: Block | None) -> bool:
    """One sentence ending in a colon, right before what it introduces."""
    if following is None or following.kind not in _LEAD_IN_TARGETS:
        return False
    text = block.text.rstrip()
    if not text or text[-1] not in ":：":
        return False
    return len(split_sentences(text)) <= 1


_LEAD_IN_TARGETS = (Kind.LIST, Kind.CODE, Kind.TABLE, Kind.DIRECTIVE, Kind.HTML, Kind.MATH)


def markup_paragraphs(document: Document) -> set[int]:
    """Ids of the prose paragraphs the linter reads as markup, not prose.

    Lead-in lines before code, a list or a table; directive, admonition,
    tab, include and attribute syntax; paragraphs that are only inline
    HTML; lines that open with a date, as entries of a list do. The
    document model (and so the merge) keeps them as paragraphs: this is
    the linter's reading alone.
    """
    found: set[int] = set()
    # Inside a pymdownx block (/// tip … ///) the text is the block's, as in
    # a MyST or Docusaurus admonition, which the parser keeps whole: a tip
    # repeated on purpose is not prose written twice.
    # So is the text of an HTML <blockquote> or <details>, as of a "> " quote.
    depth = quoted = 0
    for block in document.blocks():
        if block.kind is Kind.HTML:
            for tag in _QUOTING_TAG.finditer(block.source):
                quoted = max(0, quoted - 1) if tag.group(1) else quoted + 1
            continue
        if block.kind is not Kind.PARAGRAPH:
            continue
        inside = depth > 0 or quoted > 0
        for line in block.source.split("\n"):
            if _BLOCK_OPEN.match(line):
                depth, inside = depth + 1, True
            elif _BLOCK_CLOSE.fullmatch(line):
                depth = max(0, depth - 1)
        if inside:
            found.add(id(block))
    for fragment in document.fragments:
        blocks = [
            b
            for b in fragment.blocks
            if not (b.kind is Kind.HTML and b.source.lstrip().startswith("<!--"))
        ]
        for position, block in enumerate(blocks):
            if block.kind is not Kind.PARAGRAPH or block.role is not Role.PROSE:
                continue
            following = blocks[position + 1] if position + 1 < len(blocks) else None
            if (
                _is_syntax(block)
                or _is_html_only(block)
                or _is_dated_entry(block)
                or _is_lead_in(block, following)
            ):
                found.add(id(block))
    return found


def explain(document: Document, config: LintConfig) -> str:
    """What ``document`` is to the linter, and why, in words (--show-settings)."""
    found = standing(document, config)
    if found is Standing.GENERATED:
        if document.markers:
            return "an article: it has fragment markers"
        return "an article: the articles setting names it"
    if found is Standing.ARTICLE:
        return "an article: its front matter is an article's"
    if found is Standing.POST:
        return (
            "a blog post of another schema: its front matter is an article's but holds half "
            "of required-fields or fewer, so it is read as a page but for FM002"
        )
    if config.articles:
        return "a page: the articles setting does not name it and it has no fragment markers"
    if document.front_matter.present:
        return "a page: its front matter is not an article's (no date, layout: post, …)"
    return "a page: no front matter and no fragment markers"
