"""The extension's settings, as typed ``mystitch_*`` values of conf.py."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from mystitch.lint.document import DEFAULT_MARKER


@dataclass(frozen=True)
class ExtensionConfig:
    articles: list[str] = field(
        default_factory=lambda: ["**"],
        metadata={
            "help": "Globs of docnames where articles live. Every Markdown document there "
            "is untrusted (see mystitch_allow); those with front matter or fragment "
            "markers are published as articles."
        },
    )
    marker: str = field(
        # Empty means the linter's pattern; conf.py's value is pickled into
        # the build folder, where a literal marker would look like a leftover.
        default="",
        metadata={"help": "Regular expression of a fragment marker line; empty: the linter's."},
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

    tags_path: str = field(
        default="tags",
        metadata={
            "help": "Folder (docname prefix) of the tag index and tag pages; empty for none."
        },
    )
    categories_path: str = field(
        default="categories",
        metadata={"help": "Folder of the category index and category pages; empty for none."},
    )
    archive_path: str = field(
        default="archive",
        metadata={"help": "Folder of the archive page (by year and month); empty for none."},
    )
    home_limit: int = field(
        default=10,
        metadata={
            "help": "Articles listed on the home page the extension writes when the "
            "project has no root document."
        },
    )
    max_terms: int = field(
        default=100,
        metadata={
            "help": "Tags (and, separately, categories) kept per article; more are "
            "reported and dropped."
        },
    )

    allow: list[str] = field(
        default_factory=list,
        metadata={
            "help": "What articles may use beyond the safe set: directive and role names "
            "(include, raw, eval-rst, download …) and features ('html', 'substitutions', "
            "'front-matter', 'files'); '*' trusts articles completely."
        },
    )
    merge_workers: int | str = field(
        default="auto",
        metadata={
            "help": "Processes that merge articles ahead of a serial read: 'auto' for one "
            "per spare core (at most 2), 0 to merge as each article is read.",
            "types": [str, int],
            "rebuild": "",  # how pages are merged, not what they say
        },
    )

    @classmethod
    def register(cls, app: Any) -> None:
        for option in fields(cls):
            default = (
                option.default_factory() if callable(option.default_factory) else option.default
            )
            types = option.metadata.get("types", [type(default)])
            rebuild = option.metadata.get("rebuild", "env")
            app.add_config_value(f"mystitch_{option.name}", default, rebuild, types=types)

    @classmethod
    def from_sphinx(cls, config: Any) -> ExtensionConfig:
        values = {option.name: getattr(config, f"mystitch_{option.name}") for option in fields(cls)}
        values["marker"] = values["marker"] or DEFAULT_MARKER
        return cls(**values)
