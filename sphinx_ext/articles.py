"""Articles: merged at read time, with a byline, a description and warnings.

The raw file is never written to. ``source-read`` hands Sphinx the merged
page instead of the raw text, and keeps what the byline needs in
``env.mystitch_articles``. Which documents are articles, and which copy of
an article saved twice is published, the catalog has decided before.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from mystitch.lint.config import LintConfig
from mystitch.lint.document import FENCE, Document, parse_document
from mystitch.lint.engine import lint_document
from mystitch.lint.files import read_source
from mystitch.lint.merge import MergeResult, merge_document
from mystitch.lint.metadata import FrontMatter
from mystitch.lint.text import comparison_key, is_mostly_cjk
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .catalog import Entry
from .config import ExtensionConfig
from .lists import term_link
from .pages import escape
from .site import is_markdown, source_label
from .sources import front_matter_of, without_bad_front_matter
from .state import catalog, evaluate, line_maps, record

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
        logger.warning(message, location=(docname, line), type="mystitch", subtype="metadata")
    if docname in cat.copy_of:
        source[0] = _copy_page(app, entry, cat.published[cat.copy_of[docname]])
        return
    ahead = getattr(app, "mystitch_ahead", None)  # see ahead.py
    prepared = ahead.take(docname, source[0]) if ahead is not None else None
    if prepared is None:
        front = current_front(getattr(app.env, "mystitch_front", {}).get(docname), source[0])
        prepared = prepare(entry, source[0], config, front)
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
    document, result, page = _merged_page(entry, text, config.marker, front)
    findings = []
    if config.lint:
        findings = [
            (finding.line, f"{finding.code} {finding.message}")
            for finding in lint_document(document, LintConfig(marker=config.marker)).findings
        ]
    warnings = [(event.line, event.warning_text) for event in result.warnings]
    given = document.front_matter.data.get("reading_time")
    valid = isinstance(given, int) and not isinstance(given, bool) and given > 0
    return Prepared(
        page=page,
        lines=_page_lines(page, result.lines),
        warnings=warnings,
        findings=findings,
        minutes=given if valid else reading_minutes(result.text, config),
        japanese=entry.japanese
        or is_mostly_cjk(document.title + "".join(b.text for b in document.prose()[:3])),
    )


def _merged_page(
    entry: Entry, text: str, marker: str, front: FrontMatter | None = None
) -> tuple[Document, MergeResult, str]:
    """The article's document, its merge, and the page Sphinx is handed."""
    document = parse_document(entry.path, text, marker, front)
    result = merge_document(document, front_matter=False)
    return document, result, _page(result.text, entry, document.front_matter.data)


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
    marker = ExtensionConfig.from_sphinx(env.config).marker
    _, result, page = _merged_page(entry, source.text, marker)
    return _page_lines(page, result.lines)


def _page_lines(page: str, body_lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The merge's line map, moved to the page ``_page`` made of its body.

    The page adds its front matter above the title, and the byline (three
    lines with its blank) under it.
    """
    title_at = 1
    if page.startswith("---\n"):
        title_at = page.index("\n---\n", 3) + 5  # offset of the line after the fence
        title_at = page.count("\n", 0, title_at) + 2  # past the blank line
    moved = []
    for body_line, raw in body_lines:
        shift = title_at - 1 if body_line == 1 else title_at - 1 + 3
        moved.append((body_line + shift, raw))
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


# Fields of the article itself: the byline and the catalog show them. Handed
# to myst-parser they would only become JSON strings in env.metadata.
ARTICLE_FIELDS = frozenset(
    ["title", "date", "categories", "tags", "author", "excerpt", "reading_time", "layout", "id"]
)


def _page(body: str, article: Entry, fields: dict[str, Any]) -> str:
    """The merged body with the byline, and front matter for Sphinx only.

    Other front matter keys (``orphan``, ``tocdepth``, a theme's options)
    pass through; the excerpt becomes the meta description. The front
    matter is written as JSON, which is YAML, to skip a slow YAML dump.
    """
    data = {key: value for key, value in fields.items() if key not in ARTICLE_FIELDS}
    if article.excerpt:
        myst = dict(data["myst"]) if isinstance(data.get("myst"), dict) else {}
        meta = dict(myst["html_meta"]) if isinstance(myst.get("html_meta"), dict) else {}
        meta.setdefault("description", article.excerpt)
        myst["html_meta"] = meta
        data["myst"] = myst
    front = f"---\n{json.dumps(data, ensure_ascii=False, default=str)}\n---\n\n" if data else ""
    # The byline goes right under the title heading the merge wrote.
    heading, _, rest = body.lstrip("\n").partition("\n")
    if heading in (f"# {str(fields.get('title', '')).strip()}", f"# {article.title}"):
        # The title is data, not Markdown: ``<b>`` in it is shown, not applied.
        heading = f"# {escape(article.title)}"
    return f"{front}{heading}\n\n{BYLINE}\n{_shift_headings(rest)}"


def on_html_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """No "show source" copy of an article: its source is the raw fragments.

    Sphinx would copy the raw file, markers and repeats included, beside a
    page that shows none of them.
    """
    if pagename in catalog(app.env).entries:
        context["sourcename"] = ""


_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.S)


def on_doctree_read(app: Any, doctree: nodes.document) -> None:
    """Show raw HTML in articles as text, unless ``mystitch_raw_html``.

    Articles are machine-written; HTML in them is shown, never run. Comments
    are dropped, as a browser would hide them.
    """
    if app.config.mystitch_raw_html or app.env.docname not in catalog(app.env).entries:
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        text = raw.astext()
        if _COMMENT.fullmatch(text):
            raw.parent.remove(raw)
        elif isinstance(raw.parent, nodes.TextElement):
            raw.replace_self(nodes.Text(text))
        else:
            raw.replace_self(nodes.paragraph(text, text, classes=["mystitch-html-as-text"]))


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


_SKIP_DIRS = {"_build", "node_modules", "__pycache__"}


def on_config_inited(app: Any, config: Any) -> None:
    """Read ``.txt`` files that start with front matter as Markdown articles.

    Pipelines often save articles as ``.txt``. Only those files become
    documents: any other ``.txt`` (notes, robots.txt) is excluded, so the
    suffix never drags in files that were not meant as pages.
    """
    srcdir = Path(app.srcdir)
    articles: list[str] = []
    others: list[str] = []
    for folder, dirs, files in os.walk(srcdir):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")]
        for name in files:
            if not name.endswith(".txt"):
                continue
            path = Path(folder, name)
            relative = path.relative_to(srcdir).as_posix()
            try:
                with open(path, "rb") as handle:
                    head = handle.read(8)
            except OSError:
                continue  # Sphinx reports unreadable documents itself
            (articles if head.removeprefix(b"\xef\xbb\xbf").startswith(b"---") else others).append(
                relative
            )
    if not articles:
        return
    suffixes = config.source_suffix
    if isinstance(suffixes, dict) and ".txt" not in suffixes:
        suffixes[".txt"] = "markdown"
    config.exclude_patterns = [*config.exclude_patterns, *others]
