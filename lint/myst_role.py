"""The MyST role rule (``{name}`content```) in time linear in the source.

mdit-py-plugins' ``myst_role`` (0.4 to 0.7 at least) begins with
``VALID_NAME_PATTERN.match(state.src[state.pos :])``: a copy of the rest of
the paragraph at every place the inline parser tries the rule, which is
every place no earlier rule takes, so every "]" and "(" of a line of
"](](](…". That is quadratic: 0.45 s for such a line of 160 KB, 2.4 s at
512 KB, hours at some megabytes. This rule reads the source in place and
otherwise does what that one does, token for token; ``use`` puts it in the
plugin's place in a parser that has the plugin.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_NAME = re.compile(r"\{([a-zA-Z0-9\_\-\+\:]+)\}")  # the plugin's, unanchored for match(src, pos)


def myst_role(state: StateInline, silent: bool) -> bool:
    src = state.src
    if not src.startswith("{", state.pos):
        return False
    match = _NAME.match(src, state.pos)
    if not match:
        return False
    start = pos = match.end()
    while pos < len(src) and src[pos] == "`":
        pos += 1
    if pos >= len(src) or pos == start:
        return False  # no backtick after the name, or nothing after them
    ticks = pos - start
    # A closing run of this length looked for in vain from some place is
    # not found from any later place: a second search would read the same
    # rest of the paragraph again.
    missing: dict[int, int] = state.__dict__.setdefault("_mystitch_missing_ticks", {})
    if pos + 1 >= missing.get(ticks, len(src) + 1):
        return False
    found = src.find("`" * ticks, pos + 1)
    if found < 0:
        missing[ticks] = pos + 1
        return False
    if not silent:
        token = state.push("myst_role", "", 0)
        token.meta = {"name": match.group(1)}
        token.content = src[pos:found].replace("\n", " ")
    state.pos = found + ticks
    return True


def use(md: MarkdownIt) -> None:
    """Put ``myst_role`` in place of the plugin's rule of that name."""
    md.inline.ruler.at("myst_role", myst_role)
