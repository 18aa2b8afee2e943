"""The site's language, and each article's.

When conf.py sets no ``language``, the site speaks the language of most of
its articles: Japanese when more than half have a Japanese title and excerpt.
That is decided once, when the configuration is read, by a look at the head
of each article file, and set as ``language`` itself, so that everything
Sphinx derives from it follows: the theme's words, the search (Sphinx's
Japanese splitter), the generated pages and the pointer pages of articles
saved twice. A change of majority is then a change of configuration, and
Sphinx reads every page again, as it must: every page shows the new words.

An article's own page is marked with the article's language, whatever the
site's: ``<html lang>`` (through the ``language`` every theme writes there)
and a ``lang`` on the article's section, for themes that write their own
``<html>``.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.project import Project
from sphinx.util import logging

from mystitch.lint.text import is_mostly_cjk

from .site_title import explicit
from .sources import read_head
from .state import Article, articles, catalog

logger = logging.getLogger(__name__)

HEAD = 4096  # bytes of each article read to tell its language
CJK_LANGUAGES = ("ja", "zh", "ko")


def _japanese(head: bytes) -> bool | None:
    """Is the article whose file starts so Japanese? None if it has no front
    matter (it is not counted). As for its page (article_page.py): its title
    and excerpt, or its title and the start of its text, are mostly CJK."""
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    fields = {"title": "", "excerpt": ""}
    end = len(lines)
    for number, line in enumerate(lines[1:], 1):
        if line.strip() == "---":
            end = number
            break
        key, _, value = line.partition(":")
        if key.strip() in fields:
            fields[key.strip()] = value.strip().strip("\"'")
    body = "\n".join(lines[end + 1 :])
    title = fields["title"]
    return is_mostly_cjk(title + fields["excerpt"]) or is_mostly_cjk(title + body)


def majority(srcdir: str | Path, config: Any) -> str | None:
    """``"ja"`` or ``"en"``: the language of most articles; None when there are none."""
    suffixes = config.source_suffix
    markdown = tuple(s for s, kind in suffixes.items() if kind == "markdown")
    if not markdown:
        return None
    project = Project(srcdir, suffixes)
    found = project.discover(config.exclude_patterns, config.include_patterns)
    japanese = total = 0
    for docname in found:
        if not any(fnmatchcase(docname, glob) for glob in config.mystitch_articles):
            continue
        path = Path(project.doc2path(docname, absolute=True))
        if not path.name.endswith(markdown):
            continue
        head = read_head(path, HEAD)
        is_japanese = _japanese(head) if head else None
        if is_japanese is None:
            continue
        total += 1
        japanese += is_japanese
    if not total:
        return None
    return "ja" if japanese * 2 > total else "en"


def infer_language(app: Sphinx, config: Any) -> None:
    """``config-inited``: ``language`` from the articles, when conf.py sets none."""
    if explicit(config, "language"):
        return
    try:
        language = majority(app.srcdir, config)
    except OSError as error:
        logger.info(f"mystitch: the articles' language is unknown ({error})")
        return
    if language is None or language == config.language:
        return
    config.language = language
    # Sphinx loaded its translations for the old language before extensions ran.
    reload = getattr(app, "_init_i18n", None)
    if reload is not None:
        reload()


def article_language(article: Article, site: str | None) -> str:
    """An article's language tag: Japanese, else the site's unless that is CJK."""
    if article.japanese:
        return "ja"
    site = (site or "en").replace("_", "-")
    return "en" if site.split("-")[0].lower() in CJK_LANGUAGES else site


def mark_section(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the article's section carries its ``lang``."""
    env = app.env
    article = articles(env).get(env.docname)
    if article is None or env.docname not in catalog(env).published:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        # docutils writes a "language-" class as the element's lang attribute.
        section["classes"].append("language-" + article_language(article, env.config.language))


def page_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: an article's page is in its own language."""
    article = articles(app.env).get(pagename)
    if article is not None and pagename in catalog(app.env).published:
        context["language"] = article_language(article, app.config.language)


def setup_language(app: Sphinx) -> None:
    # After the settings are checked (850) and .txt articles are found (900).
    app.connect("config-inited", infer_language, priority=950)
    app.connect("doctree-read", mark_section, priority=450)
    app.connect("html-page-context", page_language)
