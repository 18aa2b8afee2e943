"""Typed configuration, read from ``[tool.mystitch.lint]`` in pyproject.toml.

Every option is a dataclass field whose metadata carries its help text and
validator; the TOML key is the field name with dashes. The same names are
the Sphinx extension's ``mystitch_lint_*`` settings.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .document import DEFAULT_MARKER

DEFAULT_REQUIRED = ("title", "date", "author", "categories", "tags", "excerpt")
# Folders nobody wants linted; an explicit file argument is linted anyway.
ALWAYS_EXCLUDED = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "node_modules",
    "_build",
    "build",
    "dist",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
)


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


def _codes(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{name}' must be a list of rule codes or prefixes")
    codes = tuple(v.strip().upper() for v in value if v.strip())
    for code in codes:
        if not re.fullmatch(r"[A-Z]+\d*", code):
            raise ConfigError(
                f"'{name}': {code!r} is not a rule code or prefix (like DUP or TRN001)"
            )
    return codes


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{name}' must be a list of strings")
    return tuple(value)


def marker_regex(value: Any, name: str) -> str:
    """A marker pattern that compiles and does not match a blank line (also the
    Sphinx extension's check)."""
    if not isinstance(value, str) or not value:
        raise ConfigError(f"'{name}' must be a regular expression")
    try:
        pattern = re.compile(value)
    except re.error as exc:
        raise ConfigError(f"'{name}' is not a valid regular expression: {exc}") from None
    if pattern.match(""):
        raise ConfigError(f"'{name}' matches an empty line, so every blank line would be a marker")
    return value


def _positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"'{name}' must be a whole number >= 0")
    return value


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"'{name}' must be true or false")
    return value


def _ratio(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise ConfigError(f"'{name}' must be a number in (0, 1]")
    return float(value)


def _per_file(value: Any, name: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{name}' must be a table of glob = [codes]")
    return {str(glob): _codes(codes, f"{name}.{glob}") for glob, codes in value.items()}


def _option(default: Any, validator: Callable[[Any, str], Any], help: str) -> Any:
    factory = (lambda: default) if not isinstance(default, dict) else dict
    return field(default_factory=factory, metadata={"validator": validator, "help": help})


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = _option(
        ("DUP", "TRN", "FM", "FRG", "IO"),
        _codes,
        "Rule codes or prefixes to report. A longer prefix in 'ignore' wins over a "
        "shorter one here.",
    )
    ignore: tuple[str, ...] = _option(
        (), _codes, "Rule codes or prefixes never to report (`FM` silences the family)."
    )
    per_file_ignores: dict[str, tuple[str, ...]] = _option(
        {},
        _per_file,
        "Glob (relative to the configuration file) to codes ignored in matching files.",
    )
    exclude: tuple[str, ...] = _option(
        (),
        _strings,
        "Globs of files and folders not to lint when found in a folder. Build and tool "
        "folders (_build, .git, node_modules, .tox, ...) are always skipped.",
    )
    articles: tuple[str, ...] = _option(
        (),
        _strings,
        "Globs of the files that are articles (relative to the configuration file); "
        "every other file is a hand-written page. Empty: a file is an article when it has "
        "fragment markers or article front matter (a date, layout: post, or a title with "
        "categories, tags, author or excerpt).",
    )
    extensions: tuple[str, ...] = _option(
        (".md", ".markdown"), _strings, "File endings linted when a folder is searched."
    )
    text_extensions: tuple[str, ...] = _option(
        (".txt",),
        _strings,
        "File endings linted in a folder only when the file starts with front matter, "
        "since pipelines often save articles as .txt.",
    )
    respect_gitignore: bool = _option(
        True,
        _bool,
        "Skip files and folders that the repository's .gitignore files and .git/info/exclude "
        "ignore, when a folder is searched.",
    )
    force_exclude: bool = _option(
        False,
        _bool,
        "Apply exclude, .gitignore, build folders and the .txt rule to files named on the "
        "command line too, as the pre-commit hook does.",
    )
    marker: str = _option(
        DEFAULT_MARKER, marker_regex, "Regular expression of a fragment marker line."
    )
    required_fields: tuple[str, ...] = _option(
        DEFAULT_REQUIRED, _strings, "Front-matter fields that must be present and non-empty."
    )
    min_chars: int = _option(
        20,
        _positive_int,
        "Shortest paragraph (in characters, whitespace and markup ignored) checked for "
        "exact repeats. Shorter ones and headings are never reported as duplicates alone.",
    )
    near_min_chars: int = _option(
        60,
        _positive_int,
        "Shortest paragraph checked for near-duplicates (character n-gram similarity).",
    )
    similarity: float = _option(
        0.8,
        _ratio,
        "Character 4-gram similarity (Jaccard) at or above which two paragraphs are "
        "near-duplicates.",
    )
    jobs: int = _option(0, _positive_int, "Processes used for large runs; 0 picks one per core.")
    root: str = field(default=".", metadata={"internal": True})
    source: str = field(default="", metadata={"internal": True})  # the file read, if any

    @classmethod
    def options(cls) -> list[dataclasses.Field[Any]]:
        return [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str, root: str = ".") -> LintConfig:
        known = {f.name.replace("_", "-"): f for f in cls.options()}
        values: dict[str, Any] = {"root": root}
        for key, value in data.items():
            option = known.get(key) or known.get(key.replace("_", "-"))
            if option is None:
                close = ", ".join(sorted(known))
                raise ConfigError(f"{source}: unknown option '{key}' (known: {close})")
            try:
                values[option.name] = option.metadata["validator"](value, key)
            except ConfigError as exc:
                raise ConfigError(f"{source}: {exc}") from None
        return cls(**values)

    def with_overrides(self, **changes: Any) -> LintConfig:
        clean = {k: v for k, v in changes.items() if v is not None}
        for name, value in clean.items():
            option = next(f for f in self.options() if f.name == name)
            clean[name] = option.metadata["validator"](value, "--" + name.replace("_", "-"))
        return dataclasses.replace(self, **clean)

    # Selection ---------------------------------------------------------

    def enabled(self, code: str, path: str | None = None) -> bool:
        ignore = self.ignore
        if path is not None and self.per_file_ignores:
            ignore = ignore + self.ignored_for(path)
        return _selected(code, self.select, ignore)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        return tuple(code for _, codes in self.per_file_matches(path) for code in codes)

    def per_file_matches(self, path: str) -> list[tuple[str, tuple[str, ...]]]:
        """The ``per-file-ignores`` entries (glob, codes) that match ``path``."""
        rel = self.relative(path)
        return [
            (glob, codes) for glob, codes in self.per_file_ignores.items() if _glob_match(rel, glob)
        ]

    def relative(self, path: str) -> str:
        # abspath, not resolve(): resolving follows links, and a link loop
        # inside a searched folder must not stop the run.
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        return Path(path).as_posix() if rel.startswith("..") else Path(rel).as_posix()

    def names_article(self, path: str) -> bool:
        """Whether an ``articles`` glob matches ``path`` (never, when none is set)."""
        if not self.articles:
            return False
        rel = self.relative(path)
        return any(_glob_match(rel, glob) for glob in self.articles)

    def is_excluded(self, path: str) -> bool:
        return self.excluded_by(path) is not None

    def excluded_by(self, path: str) -> str | None:
        """The first ``exclude`` glob that matches ``path``, if any."""
        if not self.exclude:
            return None
        rel = self.relative(path)
        return next((glob for glob in self.exclude if _glob_match(rel, glob)), None)


def _selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """The longest matching prefix decides; on a tie, ignore wins."""
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return best_select >= 0 and best_select > best_ignore


def _glob_match(rel: str, glob: str) -> bool:
    glob = glob.rstrip("/")
    path = PurePosixPath(rel)
    if fnmatch.fnmatchcase(rel, glob) or path.match(glob):
        return True
    # A folder glob excludes everything under it.
    return any(
        fnmatch.fnmatchcase(str(parent), glob) for parent in path.parents if str(parent) != "."
    )


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.mystitch]`` table, as ruff does.

    A sub-project's pyproject.toml that does not mention us does not hide the
    parent's configuration. A file that names mystitch is returned even if
    it turns out not to parse: its error is reported, not skipped.
    """
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _configures_us(candidate):
            return candidate
    return None


def _configures_us(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # let load_config name the reason
    if "mystitch" not in text:
        return False  # the cheap answer for nearly every foreign file
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "mystitch" in tool


def load_config(explicit: str | None = None, start: Path | None = None) -> LintConfig:
    """Read the configuration: ``explicit`` file, else the nearest pyproject.toml."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
    else:
        found = find_pyproject((start or Path.cwd()).resolve())
        if found is None:
            return LintConfig()
        path = found
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    section = data.get("tool", {}).get("mystitch", {}).get("lint", {})
    if path.name != "pyproject.toml" and not section:
        # A dedicated file (mystitch.toml) may hold the options at top level.
        section = data.get("lint", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.mystitch.lint] must be a table")
    config = LintConfig.from_mapping(section, f"{path} [tool.mystitch.lint]", str(path.parent))
    _check_codes(config, f"{path} [tool.mystitch.lint]")
    return dataclasses.replace(config, source=str(path))


def _check_codes(config: LintConfig, source: str) -> None:
    """A code that selects nothing is a typo ("TNR"): say so, do not ignore it."""
    from .rules import RULES  # the registry imports rule modules; load it late

    named = [("select", c) for c in config.select] + [("ignore", c) for c in config.ignore]
    named += [
        (f"per-file-ignores.{glob}", c) for glob, cs in config.per_file_ignores.items() for c in cs
    ]
    for option, code in named:
        if not any(rule.startswith(code) for rule in RULES):
            raise ConfigError(f"{source}: '{option}': {code!r} matches no rule code")
