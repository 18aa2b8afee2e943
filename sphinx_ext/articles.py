"""Articles: merged at read time, with a byline, a description and warnings.

The raw file is never written to. ``source-read`` hands Sphinx the merged
page instead of the raw text, and keeps what the byline and (later) the
indexes need in ``env.mystitch_articles``, merged back from parallel readers.
"""

from __future__ import annotations

import fnmatch
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from lint.config import LintConfig
from lint.document import FENCE, parse_document
from lint.engine import lint_document
from lint.merge import merge_document
from lint.metadata import parse_date
from lint.text import comparison_key, is_mostly_cjk

from .config import ExtensionConfig

logger = logging.getLogger(__name__)

BYLINE = "```{mystitch-byline}\n```"


@dataclass
class Article:
    """What the site knows of one article, kept in the environment."""

    docname: str
    title: str
    date: str = ""  # ISO 8601, for sorting and display
    author: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    excerpt: str = ""
    minutes: int = 1
    japanese: bool = False


def store(env: Any) -> dict[str, Article]:
    if not hasattr(env, "mystitch_articles"):
        env.mystitch_articles = {}
    return env.mystitch_articles


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [
            str(v).strip() for v in value if isinstance(v, str | int | float) and str(v).strip()
        ]
    return []


def reading_minutes(text: str, config: ExtensionConfig) -> int:
    body = re.sub(r"^---\n.*?\n---\n", "", text, count=1, flags=re.S)
    if is_mostly_cjk(body):
        return max(1, math.ceil(len(comparison_key(body)) / config.chars_per_minute))
    return max(1, math.ceil(len(re.findall(r"\w+", body)) / config.words_per_minute))


def on_source_read(app: Any, docname: str, source: list[str]) -> None:
    config = ExtensionConfig.from_sphinx(app.config)
    if not any(fnmatch.fnmatchcase(docname, glob) for glob in config.articles):
        return
    path = str(app.env.doc2path(docname))
    document = parse_document(path, source[0], config.marker)
    front = document.front_matter
    if not front.present or front.error is not None or not document.title:
        return
    if config.lint:
        lint_config = LintConfig(marker=config.marker)
        for finding in lint_document(document, lint_config).findings:
            logger.warning(
                f"{finding.code} {finding.message}",
                location=(docname, finding.line),
                type="mystitch",
                subtype="lint",
            )
    result = merge_document(document)
    for event in result.warnings:
        removed = f": {event.removed!r}" if event.removed else ""
        logger.warning(
            f"{event.message}{removed}",
            location=(docname, event.line),
            type="mystitch",
            subtype="merge",
        )
    data = front.data
    date = parse_date(data.get("date"))
    given = data.get("reading_time")
    article = Article(
        docname=docname,
        title=document.title,
        date=date.isoformat() if date else "",
        author=str(data.get("author") or "").strip(),
        categories=_strings(data.get("categories")),
        tags=_strings(data.get("tags")),
        excerpt=str(data.get("excerpt") or "").strip(),
        minutes=given
        if isinstance(given, int) and not isinstance(given, bool) and given > 0
        else reading_minutes(result.text, config),
        japanese=is_mostly_cjk(document.title + "".join(b.text for b in document.prose()[:3])),
    )
    store(app.env)[docname] = article
    source[0] = _page(result.text, article, data)


def _page(merged: str, article: Article, fields: dict[str, Any]) -> str:
    """The merged page with our front matter additions and the byline.

    ``fields`` is the front matter the document model already loaded; the
    merged page's own copy of it is replaced, not parsed again.
    """
    _, _, body = merged.split("---\n", 2)
    data = dict(fields)
    if article.excerpt:
        myst = dict(data["myst"]) if isinstance(data.get("myst"), dict) else {}
        myst.setdefault("html_meta", {}).setdefault("description", article.excerpt)
        data["myst"] = myst
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    # The byline goes right under the title heading the merge wrote.
    heading, _, rest = body.lstrip("\n").partition("\n")
    return f"---\n{front}---\n\n{heading}\n\n{BYLINE}\n{_shift_headings(rest)}"


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


def on_purge_doc(app: Any, env: Any, docname: str) -> None:
    store(env).pop(docname, None)


def on_merge_info(app: Any, env: Any, docnames: set[str], other: Any) -> None:
    theirs = store(other)
    store(env).update({name: theirs[name] for name in docnames if name in theirs})


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
        labels = ("カテゴリー", "タグ") if article.japanese else ("Categories", "Tags")
        for label, values in zip(labels, (article.categories, article.tags), strict=True):
            if values:
                result.append(
                    nodes.paragraph(
                        "", f"{label}: " + ", ".join(values), classes=["mystitch-" + label.lower()]
                    )
                )
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
