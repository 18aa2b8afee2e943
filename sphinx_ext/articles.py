"""Articles: merged at read time, with a byline, a description and warnings.

The raw file is never written to. ``source-read`` hands Sphinx the merged
page instead of the raw text, and keeps what the byline needs in
``env.mystitch_articles``. Which documents are articles, and which copy of
an article saved twice is published, the catalog has decided before.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from mystitch.lint.config import LintConfig
from mystitch.lint.document import FENCE, Document, parse_document
from mystitch.lint.engine import lint_document
from mystitch.lint.files import read_source
from mystitch.lint.merge import Action, MergeResult, merge_document
from mystitch.lint.metadata import FrontMatter, split_front_matter
from mystitch.lint.text import comparison_key, is_mostly_cjk

from .catalog import Entry
from .config import ExtensionConfig
from .lists import term_link
from .pages import escape
from .site import is_markdown, source_label
from .sources import front_matter_of, without_bad_front_matter
from .state import catalog, evaluate, line_maps, record
from .warnings_ import MystitchWarnings, warn

logger = logging.getLogger(__name__)

BYLINE = "```{mystitch-byline}\n```"


@dataclass
class Article:
    """What the site knows of one article, kept in the environment."""

    docname: str
    title: str
    date: str = ""  # ISO 8601, for sorting and display
    author: str = ""
    excerpt: str = ""
    minutes: int = 1
    japanese: bool = False


def store(env: Any) -> dict[str, Article]:
    if not hasattr(env, "mystitch_articles"):
        env.mystitch_articles = {}
    return env.mystitch_articles


def reading_minutes(body: str, config: ExtensionConfig) -> int:
    """Minutes to read a merged body: Japanese by characters, English by words."""
    if is_mostly_cjk(body):
        return max(1, math.ceil(len(comparison_key(body)) / config.chars_per_minute))
    return max(1, math.ceil(len(re.findall(r"\w+", body)) / config.words_per_minute))


def on_source_read(app: Any, docname: str, source: list[str]) -> None:
    cat = catalog(app.env)
    entry = cat.entries.get(docname)
    if entry is None:
        # Not an article. Unusable front matter is still not handed to
        # myst-parser, which would load an alias bomb or stop on a tag.
        if is_markdown(app, docname):
            front = front_matter_of(source[0], getattr(app.env, "mystitch_front", {}).get(docname))
            if front is not None and front.error is not None:
                line, message = front.error.line, front.error.message
                blanked = without_bad_front_matter(source[0], front)
                if blanked is None:
                    outcome = "the text is published as it is, not as an article"
                else:
                    outcome = "the page is published without its front matter"
                    source[0] = blanked
                logger.warning(
                    f"{message}; {outcome}",
                    location=(docname, line),
                    type="mystitch",
                    subtype="metadata",
                )
        return
    config = ExtensionConfig.from_sphinx(app.config)
    for line, message in entry.problems:
        warn(MystitchWarnings.METADATA, message, (docname, line))
    for line, message in entry.refused:
        warn(MystitchWarnings.UNTRUSTED, message, (docname, line))
    if docname in cat.copy_of:
        source[0] = _copy_page(app, entry, cat.published[cat.copy_of[docname]])
        return
    ahead = getattr(app, "mystitch_ahead", None)  # see ahead.py
    prepared = ahead.take(docname, source[0]) if ahead is not None else None
    if prepared is None:
        front = current_front(getattr(app.env, "mystitch_front", {}).get(docname), source[0])
        try:
            prepared = prepare(entry, source[0], config, front)
        except Exception as error:  # one article's failure costs that article only
            prepared = unmerged(entry, source[0], error)
    for line, message in prepared.findings:
        logger.warning(message, location=(docname, line), type="mystitch", subtype="lint")
    for line, message in prepared.warnings:
        logger.warning(message, location=(docname, line), type="mystitch", subtype="merge")
    store(app.env)[docname] = Article(
        docname=docname,
        title=entry.title,
        date=entry.date,
        author=entry.author,
        excerpt=entry.excerpt,
        minutes=prepared.minutes,
        japanese=prepared.japanese,
    )
    source[0] = prepared.page
    line_maps(app.env)[docname] = prepared.lines


@dataclass
class Prepared:
    """An article made ready for Sphinx: what ``source-read`` needs of its merge.

    Small and picklable, so that another process can make it (see ahead.py).
    """

    page: str
    lines: list[tuple[int, int]]  # (line of the page, line of the raw file)
    warnings: list[tuple[int, str]]  # (raw line, message) of what the merge could not recover
    findings: list[tuple[int, str]]  # the linter's, when mystitch_lint is on
    minutes: int
    japanese: bool


def prepare(
    entry: Entry, text: str, config: ExtensionConfig, front: FrontMatter | None = None
) -> Prepared:
    """Merge an article's raw text into the page Sphinx reads."""
    document, result, page, lines = _merged_page(entry, text, config, front)
    findings = []
    if config.lint:
        findings = [
            (finding.line, f"{finding.code} {finding.message}")
            for finding in lint_document(document, LintConfig(marker=config.marker)).findings
        ]
    # Front matter problems were reported when the catalog read the fields.
    warnings = [
        (event.line, event.warning_text)
        for event in result.warnings
        if event.action is not Action.COPIED
    ]
    given = document.front_matter.data.get("reading_time")
    valid = isinstance(given, int) and not isinstance(given, bool) and given > 0
    return Prepared(
        page=page,
        lines=lines,
        warnings=warnings,
        findings=findings,
        minutes=given if valid else reading_minutes(result.text, config),
        japanese=entry.japanese
        or is_mostly_cjk(document.title + "".join(b.text for b in document.prose()[:3])),
    )


def unmerged(entry: Entry, text: str, error: BaseException) -> Prepared:
    """An article the merge failed on, published as written (markers and all)."""
    lines = text.split("\n")
    front = split_front_matter(lines)
    body = "\n".join(lines[front.body_line - 1 :]) if front.closed else text
    page, moves = _page(body, entry, {}, trusted=False)
    reason = (
        "it nests too deeply"
        if isinstance(error, RecursionError)
        else (f"{type(error).__name__}: {error}")
    )
    return Prepared(
        page=page,
        lines=_page_lines([(1, front.body_line if front.closed else 1)], moves),
        warnings=[(1, f"the merge failed on this article ({reason}); it is published as written")],
        findings=[],
        minutes=1,
        japanese=entry.japanese,
    )


def _merged_page(
    entry: Entry, text: str, config: ExtensionConfig, front: FrontMatter | None = None
) -> tuple[Document, MergeResult, str, list[tuple[int, int]]]:
    """The article's document, its merge, the page Sphinx is handed and its line map."""
    document = parse_document(entry.path, text, config.marker, front)
    result = merge_document(document, front_matter=False)
    fields = document.front_matter.data if document.front_matter.error is None else {}
    trusted = "front-matter" in config.allow or "*" in config.allow
    page, moves = _page(result.text, entry, fields, trusted)
    return document, result, page, _page_lines(result.lines, moves)


def page_lines_for(env: Any, docname: str) -> list[tuple[int, int]] | None:
    """The line map of an article read in another process: merge it again.

    Sphinx replays a parallel reader's warnings before it merges that
    reader's environment back, so the map is not there yet. This runs only
    for an article that has a warning of Sphinx's or myst-parser's.
    """
    cat = catalog(env)
    entry = cat.entries.get(docname)
    if entry is None or docname in cat.copy_of:
        return None
    source = read_source(entry.path)
    if source.text is None:
        return None
    return _merged_page(entry, source.text, ExtensionConfig.from_sphinx(env.config))[3]


def _page_lines(
    body_lines: list[tuple[int, int]], moves: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The merge's line map, moved to where ``_page`` put the body's lines."""
    moved = []
    for body_line, raw in body_lines:
        first, page_line = max((m for m in moves if m[0] <= body_line), default=moves[0])
        moved.append((body_line - first + page_line, raw))
    return moved


def current_front(front: FrontMatter | None, text: str) -> FrontMatter | None:
    """The front matter the catalog loaded, if the text still has it."""
    if front is None or not front.present:
        return None
    lines = text.split("\n", front.end_line)
    if "\n".join(lines[1 : front.end_line - 1]) != front.raw:
        return None  # the file changed since: parse what is read
    return front


def _copy_page(app: Any, entry: Entry, published: Entry) -> str:
    """A copy of an article saved twice: a pointer to the published one."""
    logger.warning(
        f"{source_label(app, entry.path)} and {source_label(app, published.path)} are the same "
        f"article ({'same id' if entry.ident else 'same title and date'}); the more complete "
        f"{source_label(app, published.path)} is published, with the tags and categories of both",
        location=(entry.docname, 1),
        type="mystitch",
        subtype="duplicate",
    )
    return (
        "---\norphan: true\nnosearch: true\n---\n\n"
        f"# {escape(entry.title)}\n\n```{{mystitch-copy}}\n```\n"
    )


# Fields of the article itself: the byline and the catalog show them.
ARTICLE_FIELDS = frozenset(
    ["title", "date", "categories", "tags", "author", "excerpt", "reading_time", "layout", "id"]
)


def _page(
    body: str, article: Entry, fields: dict[str, Any], trusted: bool
) -> tuple[str, list[tuple[int, int]]]:
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


def on_html_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """No "show source" copy of an article: its source is the raw fragments.

    Sphinx would copy the raw file, markers and repeats included, beside a
    page that shows none of them.
    """
    if pagename in catalog(app.env).entries:
        context["sourcename"] = ""


_ATX = re.compile(r"^(#{1,6})(\s)")


def _shift_headings(body: str) -> str:
    """Make the article's shallowest section heading a ``##``.

    Generated articles often open their sections at ``###`` under the title;
    Sphinx would warn about the skipped level. Relative levels are kept.
    """
    lines = body.split("\n")
    fence: str | None = None
    headings: list[int] = []
    for index, line in enumerate(lines):
        marker = FENCE.match(line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)[:3]
            continue
        if fence is None and _ATX.match(line):
            headings.append(index)
    if not headings:
        return body
    shift = min(len(_ATX.match(lines[i]).group(1)) for i in headings) - 2
    if shift <= 0:
        return body
    for index in headings:
        lines[index] = lines[index][shift:]
    return "\n".join(lines)


class BylineDirective(SphinxDirective):
    """Date, author, reading time, categories and tags under an article's title."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        article = store(self.env).get(self.env.docname)
        if article is None:
            return []
        parts = []
        if article.date:
            parts.append(article.date[:10])
        if article.author:
            parts.append(article.author)
        parts.append(
            f"約{article.minutes}分" if article.japanese else f"{article.minutes} min read"
        )
        byline = nodes.paragraph("", " · ".join(parts), classes=["mystitch-byline"])
        result: list[nodes.Node] = [byline]
        cat = catalog(self.env)
        query = ("article", self.env.docname)
        record(self.env, query, evaluate(cat, query))
        entry = cat.published.get(self.env.docname)
        if entry is None:
            return result
        labels = ("カテゴリー", "タグ") if article.japanese else ("Categories", "Tags")
        for label, kind in zip(labels, ("category", "tag"), strict=True):
            names = entry.terms(kind)
            if not names:
                continue
            line = nodes.paragraph("", f"{label}: ", classes=[f"mystitch-{kind}-links"])
            for position, name in enumerate(names):
                if position:
                    line += nodes.Text(", ")
                line += term_link(self.env, cat.term(kind, name), name)
            result.append(line)
        return result
