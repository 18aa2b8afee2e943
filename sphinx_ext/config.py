"""The extension's settings: every ``mystitch_*`` value of conf.py, declared once.

Each setting is a field of :class:`MystitchConfig` with its default, a
validator and its help text; registering them with Sphinx, checking what
conf.py (or ``-D``) gave, and the settings table of the docs all come from
these fields. A value that does not fit is a located ``mystitch.config``
warning and the default is used: a typo in conf.py never crashes a build.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mystitch.lint.config import ConfigError, LintConfig, load_config, marker_regex
from mystitch.lint.document import DEFAULT_MARKER
from mystitch.lint.merge import MergeSettings

from .warnings_ import MystitchWarnings, warn

Validator = Callable[[Any], Any]
_FOLDER = re.compile(r"[\w\-]+(/[\w\-]+)*")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of strings")
    return list(value)


def _flag(value: Any) -> bool:
    if isinstance(value, str) and value.strip().lower() in ("0", "1", "true", "false", "yes", "no"):
        return value.strip().lower() in ("1", "true", "yes")  # -D gives text
    if not isinstance(value, bool):
        raise ValueError("must be True or False")
    return value


def _whole(value: Any, minimum: int) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)  # -D gives text
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"must be a whole number of at least {minimum}")
    return value


def _positive(value: Any) -> int:
    return _whole(value, 1)


def _count(value: Any) -> int:
    return _whole(value, 0)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _marker(value: Any) -> str:
    if value == "":
        return value  # the linter's pattern
    try:
        return marker_regex(value, "marker")
    except ConfigError as error:
        raise ValueError(str(error).removeprefix("'marker' ")) from None


def _folder(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a folder name")
    stripped = value.strip("/")
    if value and not _FOLDER.fullmatch(stripped):
        raise ValueError("is not a relative folder name of letters, digits, '-' and '_'")
    return stripped


def _workers(value: Any) -> int | str:
    if value == "auto":
        return value
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)  # -D mystitch_merge_workers=0 arrives as text
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("is neither 'auto' nor a whole number of processes")
    return value


ARTICLE_TYPES = (
    "NewsArticle",
    "BlogPosting",
    "Article",
    "TechArticle",
    "Report",
    "ScholarlyArticle",
)


def _article_type(value: Any) -> str:
    if value not in ARTICLE_TYPES:
        raise ValueError(f"is not one of {', '.join(ARTICLE_TYPES)}")
    return str(value)


def _option(
    default: Any,
    validator: Validator,
    help: str,
    *,
    rebuild: str = "env",
    types: tuple[type, ...] = (),
) -> Any:
    metadata = {"validator": validator, "help": help, "rebuild": rebuild, "types": types}
    if isinstance(default, list):
        return dataclasses.field(default_factory=lambda: list(default), metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclasses.dataclass(frozen=True)
class MystitchConfig:
    """Every ``mystitch_*`` setting, as the extension reads it."""

    articles: list[str] = _option(
        ["**"],
        _strings,
        "Docnames where articles live. Every Markdown document there is untrusted: it is "
        "parsed under the rules of [Security](security.md), whatever its front matter says. "
        "Those with front matter (valid or not) or fragment markers are published as "
        "articles: merged, with a byline, in the lists. Pages the project writes by hand can "
        'live outside these globs (`mystitch_articles = ["posts/**"]`) and are then read '
        "exactly as written.",
        types=(list, tuple, str),
    )
    allow: list[str] = _option(
        [],
        _strings,
        "What articles may use beyond the safe set (see [Security](security.md)): directive "
        "and role names (`include`, `raw`, `eval-rst`, `download`, a third-party extension's "
        "directive), and `html` (raw HTML is published as HTML instead of shown as text), "
        "`substitutions`, `front-matter`, `files`, `math-html` (MathJax's link, class and "
        'style commands in math); `"*"` trusts articles completely.',
        types=(list, tuple, str),
    )
    marker: str = _option(
        # Empty means the linter's pattern; conf.py's value is pickled into
        # the build folder, where a literal marker would look like a leftover.
        "",
        _marker,
        "The fragment marker, as the linter's `marker`; empty means the linter's "
        "`^---END---\\s*$`.",
    )
    lint: bool = _option(
        False,
        _flag,
        "Also report the linter's findings on each raw article, as warnings of type "
        "`mystitch.lint`.",
    )
    chars_per_minute: int = _option(
        500,
        _positive,
        "Reading speed for the byline's reading time of Japanese text, in characters a "
        "minute. An article's own `reading_time` wins.",
    )
    words_per_minute: int = _option(
        220,
        _positive,
        "Reading speed for the byline's reading time of English text, in words a minute.",
    )
    tags_path: str = _option(
        "tags",
        _folder,
        "Where the tag pages go: `tags/index` lists every tag with its number of articles, "
        "and `tags/<name>` the articles of one tag, newest first. An empty string generates "
        "no such pages, and the byline shows the names without links. A folder name is "
        "letters, digits, `-`, `_` and `/`.",
    )
    categories_path: str = _option(
        "categories",
        _folder,
        "Where the category pages go, as `mystitch_tags_path` does for tags.",
    )
    archive_path: str = _option(
        "archive",
        _folder,
        "Where the archive goes: `archive/index` lists every article by year and month. An "
        "empty string turns it off.",
    )
    home_limit: int = _option(
        10,
        _positive,
        "When the project has no root document (`index`), the extension writes one: the "
        "project's name, its latest articles, and links to the indexes. This is how many "
        "articles it lists, and how many each page of older articles lists.",
    )
    pagination_path: str = _option(
        "page",
        _folder,
        "Where the pages of older articles go when the extension writes the home page: "
        "`page/2`, `page/3` …, each linking the first, the last and the nearby pages, so every "
        "article is two clicks from the home page. An empty string writes none.",
    )
    site_title: str = _option(
        "",
        _text,
        "The site's name in every page's `<title>`, sidebar and home page. Empty means "
        "`project` when conf.py sets it, else the title of the project's own home page, else "
        "the word for articles in the site's language. Sphinx's `html_title` wins when set.",
        rebuild="html",
    )
    related: int = _option(
        5,
        _count,
        "Related articles listed under each article: those sharing the most telling tags "
        "with it. `0` lists none.",
    )
    max_terms: int = _option(
        100,
        _positive,
        "Tags kept per article, and categories kept per article. A pipeline that writes "
        "thousands of tags into one article gets a `mystitch.metadata` warning and the first "
        "ones, rather than a site of thousands of pages.",
    )
    merge_workers: int | str = _option(
        "auto",
        _workers,
        "Worker processes that merge articles ahead of a serial build's reader: while Sphinx "
        'reads one article, the workers merge the next ones. `"auto"` uses one process per '
        "spare core, at most two; `0` merges each article as it is read. Builds with fewer "
        "than 16 articles to read, and parallel builds (`-j 2` and up), merge as they read. "
        "The pages are the same either way, and changing this value makes Sphinx read nothing "
        "again.",
        rebuild="",  # how pages are merged, not what they say
        types=(str, int),
    )
    gc_threshold: int = _option(
        10000,
        _count,
        "Allocations between two collections of Python's youngest garbage generation while "
        "Sphinx builds (Python's own is 700, 2000 from 3.13). A site's build holds hundreds "
        "of thousands of doctree nodes, and with Python's setting the collector walks them "
        "over and over: at 500 articles this cuts a build's CPU time by about a seventh at "
        "the same peak memory ([Benchmarks](benchmarks.md)). The process's own setting comes "
        "back when the build ends; `0`, or a process already set higher, keeps it throughout.",
        rebuild="",  # how the build runs, not what it writes
    )
    feeds_path: str = _option(
        "feeds",
        _folder,
        "Where the Atom feeds go in the output: `feeds/atom.xml` for the site, "
        "`feeds/tags/<name>.xml` and `feeds/categories/<name>.xml` for each tag and category "
        "that has pages. Feeds need `html_baseurl`; an empty string writes none. See "
        "[Feeds and sharing](feeds.md).",
        rebuild="html",
    )
    feed_length: int = _option(
        20,
        _positive,
        "Articles in each feed: the newest ones with a date.",
        rebuild="html",
    )
    sharing: bool = _option(
        True,
        _flag,
        "Open Graph and Twitter card tags on every page, and a JSON-LD description of each "
        "article ([Feeds and sharing](feeds.md)).",
        rebuild="html",
    )
    article_type: str = _option(
        "NewsArticle",
        _article_type,
        "The schema.org type of an article in its JSON-LD: `NewsArticle`, `BlogPosting`, "
        "`Article`, `TechArticle`, `Report` or `ScholarlyArticle`.",
        rebuild="html",
    )
    review_path: str = _option(
        "",
        _folder,
        "Where review pages go in the HTML output: for every article that arrived in pieces, "
        "`<folder>/<docname>.html` shows the raw pieces beside the merged page, each span "
        "marked with what the merge did with it ([Reviewing a merge](merging.md#reviewing-a-"
        "merge)). They are for editors: in no toctree, list, feed or search index, marked "
        '`noindex`, linked from no page. An empty string writes none; `"_review"` is a good '
        "name. Turning it on or off reads every article again.",
    )

    # The project's [tool.mystitch.lint], read once per build (not a conf.py
    # setting): the linter's findings and the merge's idea of a repeat.
    linter: LintConfig = dataclasses.field(default_factory=LintConfig, metadata={"internal": True})

    @property
    def marker_pattern(self) -> str:
        return self.marker or self.linter.marker or DEFAULT_MARKER

    @property
    def lint_config(self) -> LintConfig:
        """The project's linter configuration, with conf.py's marker."""
        return dataclasses.replace(self.linter, marker=self.marker_pattern)

    @property
    def merge_settings(self) -> MergeSettings:
        return MergeSettings.from_lint(self.lint_config)

    @classmethod
    def fields(cls) -> tuple[dataclasses.Field[Any], ...]:
        return tuple(f for f in dataclasses.fields(cls) if not f.metadata.get("internal"))

    @classmethod
    def default(cls, name: str) -> Any:
        field = next(f for f in cls.fields() if f.name == name)
        if field.default_factory is not dataclasses.MISSING:
            return field.default_factory()
        return field.default

    @classmethod
    def from_sphinx(cls, config: Any) -> MystitchConfig:
        values = {f.name: getattr(config, f"mystitch_{f.name}") for f in cls.fields()}
        return cls(**values, linter=getattr(config, "mystitch_linter", None) or LintConfig())


def settings(app_or_env: Any) -> MystitchConfig:
    """The settings of this build, checked (see :func:`check`)."""
    return MystitchConfig.from_sphinx(app_or_env.config)


def check(app: Any, config: Any) -> None:
    """``config-inited``: each value that does not fit is warned about and reset."""
    for field in MystitchConfig.fields():
        name = f"mystitch_{field.name}"
        value = getattr(config, name)
        try:
            setattr(config, name, field.metadata["validator"](value))
        except ValueError as error:
            default = MystitchConfig.default(field.name)
            warn(
                MystitchWarnings.CONFIG,
                f"{name} = {value!r} {error}; using {default!r}",
                _where(app, name),
            )
            setattr(config, name, default)
    config.mystitch_linter = _project_linter(app)
    if config.source_encoding.lower().replace("_", "-") not in ("utf-8", "utf-8-sig"):
        warn(
            MystitchWarnings.CONFIG,
            f"source_encoding = {config.source_encoding!r}: mystitch reads articles as UTF-8, "
            "and leaves out files that are not",
            _where(app, "source_encoding"),
        )


def _project_linter(app: Any) -> LintConfig:
    """The nearest pyproject.toml's [tool.mystitch.lint] above the sources,
    as mystitch-lint and mystitch-merge read it there; defaults if unreadable."""
    srcdir = getattr(app, "srcdir", None)
    if not srcdir:
        return LintConfig()
    try:
        return load_config(start=Path(srcdir))
    except ConfigError as error:
        warn(MystitchWarnings.CONFIG, f"{error}; using the linter's defaults")
        return LintConfig()


def _where(app: Any, name: str) -> str | None:
    """``conf.py:LINE`` of the assignment of ``name``, for the warning."""
    confdir = getattr(app, "confdir", None)
    if not confdir:
        return None
    path = Path(confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, 1):
        if re.match(rf"\s*{re.escape(name)}\s*[:=]", line):
            return f"{path}:{number}"
    return None  # set with -D: no line to point at (Sphinx reads a bare text as a docname)


def setup_config(app: Any) -> None:
    for field in MystitchConfig.fields():
        default = MystitchConfig.default(field.name)
        types = field.metadata["types"] or (type(default),)
        app.add_config_value(
            f"mystitch_{field.name}", default, field.metadata["rebuild"], types=list(types)
        )
    # Set by ``check`` from pyproject.toml: a change there re-reads every article.
    app.add_config_value("mystitch_linter", None, "env", types=[LintConfig, type(None)])
    # After Sphinx has turned source_suffix into a dict (priority 800).
    app.connect("config-inited", check, priority=850)
