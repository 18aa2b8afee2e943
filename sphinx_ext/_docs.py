"""Directives for our own docs: the settings and warnings reference, made from
the code (``extensions = ["mystitch", "mystitch._docs"]``), so the docs list
every ``mystitch_*`` setting and every warning type from one source."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .config import MystitchConfig
from .warnings_ import MystitchWarnings

_TYPES = {
    "list[str]": "List of strings",
    "str": "Text",
    "bool": "True or false",
    "int": "Whole number",
    "int | str": '`"auto"` or a whole number',
}


def settings_markdown() -> str:
    """The settings reference, as a MyST definition list."""
    parts = []
    for field in MystitchConfig.fields():
        kind = _TYPES.get(str(field.type), str(field.type))
        default = MystitchConfig.default(field.name)
        shown = f'"{default}"' if isinstance(default, str) else repr(default)
        parts.append(
            f"`mystitch_{field.name}`\n: *{kind}. Default: `{shown}`.* {field.metadata['help']}\n"
        )
    return "\n".join(parts)


def warnings_markdown() -> str:
    """The warnings reference, as a MyST table."""
    rows = ["| Type | What it says |", "| --- | --- |"]
    rows += [f"| `{kind.type_name}` | {kind.doc} |" for kind in MystitchWarnings]
    return "\n".join(rows) + "\n"


class _Generated(SphinxDirective):
    """Markdown made by ``make``, parsed as if it were written in the page."""

    has_content = False
    make: ClassVar[Callable[[], str]]

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        text = type(self).make()
        lines = StringList(text.splitlines(), source=self.get_source_info()[0])
        self.state.nested_parse(lines, self.content_offset, container)
        return list(container.children)


class SettingsDirective(_Generated):
    make = staticmethod(settings_markdown)


class WarningsDirective(_Generated):
    make = staticmethod(warnings_markdown)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("mystitch-settings", SettingsDirective)
    app.add_directive("mystitch-warnings", WarningsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
