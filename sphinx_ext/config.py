"""The extension's settings, as typed ``mystitch_*`` values of conf.py."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from lint.document import DEFAULT_MARKER


@dataclass(frozen=True)
class ExtensionConfig:
    articles: list[str] = field(
        default_factory=lambda: ["**"],
        metadata={
            "help": "Globs of docnames that may be articles; a title in the front matter "
            "is needed too."
        },
    )
    marker: str = field(
        default=DEFAULT_MARKER, metadata={"help": "Regular expression of a fragment marker line."}
    )
    lint: bool = field(
        default=False,
        metadata={"help": "Also report mystitch-lint's findings on raw articles as warnings."},
    )
    chars_per_minute: int = field(
        default=500, metadata={"help": "Reading speed for Japanese text, in characters a minute."}
    )
    words_per_minute: int = field(
        default=220, metadata={"help": "Reading speed for English text, in words a minute."}
    )

    @classmethod
    def register(cls, app: Any) -> None:
        for option in fields(cls):
            default = (
                option.default_factory() if callable(option.default_factory) else option.default
            )
            app.add_config_value(f"mystitch_{option.name}", default, "env", types=[type(default)])

    @classmethod
    def from_sphinx(cls, config: Any) -> ExtensionConfig:
        return cls(
            **{option.name: getattr(config, f"mystitch_{option.name}") for option in fields(cls)}
        )
