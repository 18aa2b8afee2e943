"""From an article's raw text to the page Sphinx reads: the merge, a title,
the byline, our own front matter, and the line map back to the raw file.

No Sphinx in here: the reader and the merge-ahead workers (ahead.py) run the
same :func:`prepare`, and what it returns is small and picklable.
"""

from __future__ import annotations

import gc
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mystitch.lint.document import FENCE, Document, parse_document
from mystitch.lint.engine import lint_document
from mystitch.lint.merge import Action, MergeResult, merge_document
from mystitch.lint.merge.review import review_html
from mystitch.lint.metadata import FrontMatter, split_front_matter
from mystitch.lint.text import comparison_key, is_mostly_cjk

from .catalog import Entry
from .config import MystitchConfig
from .pages import escape
from .reading_time import reading_time

BYLINE = "```{mystitch-byline}\n```"
# Fields of the article itself: the byline and the catalog show them.
ARTICLE_FIELDS = frozenset(
    ["title", "date", "categories", "tags", "author", "excerpt", "reading_time", "layout", "id"]
).union(["last_modified_at", "updated"])
LineMap = list[tuple[int, int]]  # (line of the page, line of the raw file), per block


@dataclass
class Prepared:
    """An article made ready for Sphinx: what ``source-read`` needs of its merge."""

    page: str
    lines: LineMap
    warnings: list[tuple[int, str]]  # (raw line, message) of what the merge could not recover
    findings: list[tuple[int, str]]  # the linter's, when mystitch_lint is on
    minutes: int
    japanese: bool
    size: int  # characters of merged text: of two copies of an article, the longer is published
    # (raw line, message): a front matter reading_time the text does not bear out
    reading_time: list[tuple[int, str]] = field(default_factory=list)
    pieces: int = 0  # pieces of an article cut by markers; 0: never cut, or not merged
    review: str = ""  # its review page (review.py), when mystitch_review_path asks for one


def prepare(
    entry: Entry, text: str, config: MystitchConfig, front: FrontMatter | None = None
) -> Prepared:
    """Merge an article's raw text into the page Sphinx reads."""
    document, result, page, lines = _merged_page(entry, text, config, front)
    findings = []
    if config.lint:
        findings = [
            (finding.line, f"{finding.code} {finding.message}")
            # An article by mystitch_articles: every rule in full, as mystitch-lint
            # does for the files its own ``articles`` setting names.
            for finding in lint_document(document, config.lint_config, article=True).findings
        ]
    # Front matter problems were reported when the catalog read the fields.
    warnings = [
        (event.line, event.warning_text)
        for event in result.warnings
        if event.action is not Action.COPIED
    ]
    front = document.front_matter
    minutes, problem = reading_time(
        front.data.get("reading_time") if front.error is None else None,
        result.text,
        config.chars_per_minute,
        config.words_per_minute,
    )
    return Prepared(
        page=page,
        lines=lines,
        warnings=warnings,
        findings=findings,
        minutes=minutes,
        japanese=entry.japanese
        or is_mostly_cjk(document.title + "".join(b.text for b in document.prose()[:3])),
        size=len(comparison_key(result.text)),
        reading_time=[(front.line_of("reading_time"), problem)] if problem else [],
        pieces=len(document.fragments) if document.has_markers else 0,
        review=_review(entry, document, result, config),
    )


def _review(entry: Entry, document: Document, result: MergeResult, config: MystitchConfig) -> str:
    """The review page, made here where the merge is at hand (never merged again)."""
    if not config.review_path or not document.has_markers:
        return ""
    # The docname and its suffix: the name an editor knows, and no machine path.
    name = entry.docname + Path(entry.path).suffix
    return review_html(document, result, name, article_slot=True)


def unmerged(entry: Entry, text: str, error: BaseException) -> Prepared:
    """An article the merge failed on, published as written (markers and all)."""
    lines = text.split("\n")
    front = split_front_matter(lines)
    body = "\n".join(lines[front.body_line - 1 :]) if front.closed else text
    page, moves = page_text(body, entry, {}, trusted=False)
    if isinstance(error, RecursionError):
        reason = "it nests too deeply"
    else:
        reason = f"{type(error).__name__}: {error}"
    return Prepared(
        page=page,
        lines=page_lines([(1, front.body_line if front.closed else 1)], moves),
        warnings=[(1, f"the merge failed on this article ({reason}); it is published as written")],
        findings=[],
        minutes=1,
        japanese=entry.japanese,
        size=len(comparison_key(body)),
    )


def prepare_guarded(
    entry: Entry, text: str, config: MystitchConfig, front: FrontMatter | None = None
) -> Prepared:
    """:func:`prepare`; whatever goes wrong costs this article its merge only."""
    # The merge makes many small objects that live until it ends: inside
    # Sphinx's large heap each generation-2 collection they trigger walks
    # every doctree read so far. Collections wait until the merge is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return prepare(entry, text, config, front)
    except Exception as error:
        return unmerged(entry, text, error)
    finally:
        if collecting:
            gc.enable()


def current_front(front: FrontMatter | None, text: str) -> FrontMatter | None:
    """The front matter the catalog loaded, if the text still has it."""
    if front is None or not front.present:
        return None
    lines = text.split("\n", front.end_line)
    if "\n".join(lines[1 : front.end_line - 1]) != front.raw:
        return None  # the file changed since: parse what is read
    return front


def copy_page(entry: Entry) -> str:
    """The page of a copy of an article saved twice: a pointer to the published one."""
    return (
        "---\norphan: true\nnosearch: true\n---\n\n"
        f"# {escape(entry.title)}\n\n```{{mystitch-copy}}\n```\n"
    )


def _merged_page(
    entry: Entry, text: str, config: MystitchConfig, front: FrontMatter | None = None
) -> tuple[Document, MergeResult, str, LineMap]:
    """The article's document, its merge, the page Sphinx is handed and its line map."""
    document = parse_document(entry.path, text, config.marker_pattern, front)
    result = merge_document(document, front_matter=False, settings=config.merge_settings)
    fields = document.front_matter.data if document.front_matter.error is None else {}
    trusted = "front-matter" in config.allow or "*" in config.allow
    page, moves = page_text(result.text, entry, fields, trusted)
    return document, result, page, page_lines(result.lines, moves)


def page_text(
    body: str, article: Entry, fields: dict[str, Any], trusted: bool
) -> tuple[str, LineMap]:
    """The merged body with a title and the byline, and front matter for Sphinx.

    The front matter is ours: the excerpt as the meta description. An
    article's other keys reach Sphinx only when the site trusts its
    front matter (``mystitch_allow``). It is written as JSON, which is YAML,
    to skip a slow YAML dump, and as ASCII, so no character in a value can
    end the block. Returns the page and where the body's lines moved: (first
    body line, page line) per run of lines.
    """
    data = (
        {key: value for key, value in fields.items() if key not in ARTICLE_FIELDS}
        if trusted
        else {}
    )
    if article.excerpt:
        myst = dict(data["myst"]) if isinstance(data.get("myst"), dict) else {}
        meta = dict(myst["html_meta"]) if isinstance(myst.get("html_meta"), dict) else {}
        meta.setdefault("description", article.excerpt)
        myst["html_meta"] = meta
        data["myst"] = myst
    front = f"---\n{json.dumps(data, default=str)}\n---\n\n" if data else ""
    # The title is data, not Markdown: ``<b>`` in it is shown, not applied.
    title = f"# {escape(article.title)}"
    body = body.lstrip("\n")
    first, _, rest = body.partition("\n")
    above = front.count("\n")
    # The byline and its blank take three lines under the heading.
    if first in (f"# {str(fields.get('title', '')).strip()}", f"# {article.title}"):
        heading, moves = title, [(1, above + 1), (2, above + 5)]  # the merge wrote it
    elif first.startswith("# "):
        heading, moves = first, [(1, above + 1), (2, above + 5)]  # the body's own
    else:
        heading, rest, moves = title, body, [(1, above + 5)]  # none: ours goes above
    page = f"{front}{heading}\n\n{BYLINE}\n{_shift_headings(rest)}"
    return page, moves


def page_lines(body_lines: LineMap, moves: LineMap) -> LineMap:
    """The merge's line map, moved to where :func:`page_text` put the body's lines."""
    moved = []
    for body_line, raw in body_lines:
        first, page_line = max((m for m in moves if m[0] <= body_line), default=moves[0])
        moved.append((body_line - first + page_line, raw))
    return moved


_ATX = re.compile(r"(#{1,6})\s")


def _shift_headings(body: str) -> str:
    """Make the article's shallowest section heading a ``##``.

    Generated articles often open their sections at ``###`` under the title;
    Sphinx would warn about the skipped level. Relative levels are kept.
    """
    lines = body.split("\n")
    fence: str | None = None
    headings: list[tuple[int, int]] = []  # (index, level)
    for index, line in enumerate(lines):
        marker = FENCE.match(line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)[:3]
            continue
        if fence is None and (heading := _ATX.match(line)):
            headings.append((index, len(heading.group(1))))
    if not headings:
        return body
    shift = min(level for _, level in headings) - 2
    if shift <= 0:
        return body
    for index, _ in headings:
        lines[index] = lines[index][shift:]
    return "\n".join(lines)
