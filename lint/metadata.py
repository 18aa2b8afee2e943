"""Front matter: read once, safely, with line numbers.

The YAML goes through python-frontmatter's handler with a loader that is
PyYAML's SafeLoader plus a cap on aliases, so ``!!python/object`` is never
constructed and a "billion laughs" alias bomb is refused before anything
walks it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

_HANDLER = YAMLHandler()
OPENING = re.compile(r"-{3,}[ \t]*")  # the line that opens front matter
_CLOSE = re.compile(r"(?:-{3,}|\.{3})[ \t]*")
# The key runs to the first colon, possessively (the caller strips it): a
# lazy key before "\s*:" retried the run of spaces in "a   …   b" at every
# length of the key.
_TOP_LEVEL_KEY = re.compile(r"([^\s#:][^:]*+):(?:\s|$)")

MAX_EXPANDED_VALUES = 10_000  # front matter is a few dozen values; more is an attack

# LibYAML's loader when PyYAML was built with it: several times faster, and
# just as safe (the same SafeConstructor, no Python tags).
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GuardedSafeLoader(_BASE_LOADER):
    """The safe loader, keeping a date that is no date as text."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # "2025-13-45" matches YAML's timestamp pattern but is no date: keep
        # the text, so the date check can name the field instead of failing.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


GuardedSafeLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", GuardedSafeLoader.construct_yaml_timestamp
)


def expanded_size(value: Any, memo: dict[int, int] | None = None) -> int:
    """Values the data would have with every YAML alias expanded.

    Aliases load as shared objects and cost nothing, but anything that walks
    the result (a template, a JSON dump, a tag index) expands them. The walk
    is memoised, so counting a "billion laughs" document is itself cheap.
    """
    memo = {} if memo is None else memo
    if not isinstance(value, dict | list):
        return 1
    known = memo.get(id(value))
    if known is not None:
        return known
    memo[id(value)] = 1  # a structure that contains itself counts once
    if isinstance(value, dict):
        size = 1 + sum(expanded_size(k, memo) + expanded_size(v, memo) for k, v in value.items())
    else:
        size = 1 + sum(expanded_size(v, memo) for v in value)
    memo[id(value)] = size
    return size


@dataclass(frozen=True, slots=True)
class FrontMatterError:
    line: int
    column: int
    message: str


@dataclass(slots=True)
class FrontMatter:
    """The front matter of one file.

    ``present`` is False when the file does not start with ``---``. Lines are
    1-based file lines; ``body_line`` is the first line after the block.
    """

    present: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    raw: str = ""
    start_line: int = 1
    end_line: int = 0
    body_line: int = 1
    error: FrontMatterError | None = None
    key_lines: dict[str, int] = field(default_factory=dict)
    closed: bool = True  # False: no line ends the block, which swallowed the body

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.start_line)


def split_front_matter(lines: list[str]) -> FrontMatter:
    """Find and load the front matter at the top of ``lines``."""
    if not lines or not OPENING.fullmatch(lines[0]):
        return FrontMatter(present=False, body_line=1)
    for i in range(1, len(lines)):
        if _CLOSE.fullmatch(lines[i]):
            close = i
            break
    else:
        return FrontMatter(
            present=True,
            end_line=len(lines),
            body_line=len(lines) + 1,
            error=FrontMatterError(1, 1, "front matter is never closed: no '---' line ends it"),
            closed=False,
        )
    raw = "\n".join(lines[1:close])
    fm = FrontMatter(present=True, raw=raw, end_line=close + 1, body_line=close + 2)
    for offset, text in enumerate(lines[1:close]):
        match = _TOP_LEVEL_KEY.match(text)
        if match:
            fm.key_lines.setdefault(match.group(1).strip().strip("'\""), offset + 2)
    try:
        data = _HANDLER.load(raw, Loader=GuardedSafeLoader) if raw.strip() else {}
    except yaml.YAMLError as exc:
        fm.error = _yaml_error(exc)
        return fm
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # Constructors of odd scalars (a timestamp like 2025-13-45) raise these.
        fm.error = FrontMatterError(2, 1, f"front matter YAML is invalid: {exc}")
        return fm
    if data is None:
        data = {}
    try:
        size = expanded_size(data)
    except RecursionError:
        fm.error = FrontMatterError(2, 1, "front matter YAML nests too deeply; refused")
        return fm
    if size > MAX_EXPANDED_VALUES:
        fm.error = FrontMatterError(
            2, 1, f"front matter YAML aliases expand to {size:,} values (an alias bomb); refused"
        )
        return fm
    if not isinstance(data, dict):
        fm.error = FrontMatterError(
            2, 1, f"front matter must be a mapping of fields, not a {_type_name(data)}"
        )
        return fm
    fm.data = {str(k): v for k, v in data.items()}
    return fm


def _yaml_error(exc: yaml.YAMLError) -> FrontMatterError:
    # For a quote left open, YAML gives up lines later; the context mark is
    # where the quote began (the title line). Otherwise the problem mark is
    # where the error is.
    context_mark = getattr(exc, "context_mark", None)
    quoted = "quoted scalar" in str(getattr(exc, "context", "") or "")
    mark = (context_mark if quoted else None) or getattr(exc, "problem_mark", None) or context_mark
    # Marks count from the first YAML line, which is file line 2.
    line = mark.line + 2 if mark is not None else 2
    column = mark.column + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem and "could not determine a constructor" in str(context or "") + str(problem):
        text = f"unsafe YAML tag refused: {problem}"
    elif isinstance(exc, yaml.constructor.ConstructorError):
        text = f"unsafe or unknown YAML tag refused: {problem or exc}"
    else:
        text = " ".join(str(p) for p in (context, problem) if p) or str(exc).splitlines()[0]
    return FrontMatterError(line, column, f"front matter YAML does not parse: {text}")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, dt.date):
        return "date"
    return type(value).__name__


type_name = _type_name

_DATE = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?)?"
    r"\s*(?P<tz>Z|UTC|[+-]\d{2}:?\d{2})?"
)
_JA_DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


def is_empty(value: Any) -> bool:
    """A front-matter value that says nothing: missing, blank, or an empty list."""
    if value is None:
        return True
    if isinstance(value, str | list | dict | tuple):
        return not (value.strip() if isinstance(value, str) else value)
    return False


def parse_date(value: Any) -> dt.datetime | None:
    """The article date as an aware datetime, or None if it is not a date.

    Accepts what Jekyll writes (``2025-09-28 02:19:45 +0000``), ISO 8601,
    slashes, and ``2025年9月28日``. Dates without a zone are taken as UTC so
    articles sort the same on every machine.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _DATE.fullmatch(text) or _JA_DATE.fullmatch(text)
    if not match:
        return None
    parts = match.groupdict()
    try:
        tz = dt.UTC
        raw_tz = parts.get("tz")
        if raw_tz and raw_tz not in ("Z", "UTC"):
            sign = -1 if raw_tz[0] == "-" else 1
            digits = raw_tz[1:].replace(":", "")
            tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return dt.datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts.get("H") or 0),
            int(parts.get("M") or 0),
            int(parts.get("S") or 0),
            int((parts.get("f") or "0").ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError:
        return None
