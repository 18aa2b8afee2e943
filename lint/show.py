"""``--show-settings``: the configuration a run uses, where it came from, and
what it means for one path.

The table is printed as TOML that can be pasted into pyproject.toml.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .articles import explain
from .config import LintConfig
from .document import parse_document
from .files import read_source
from .rules import RULES
from .walk import Finder


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A literal string keeps a regular expression's backslashes readable.
        return f"'{value}'" if "'" not in value and "\n" not in value else json.dumps(value)
    return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"


def settings_table(config: LintConfig, overridden: set[str]) -> str:
    lines = ["[tool.mystitch.lint]"]
    tables: list[str] = []
    for option in LintConfig.options():
        key = option.name.replace("_", "-")
        value = getattr(config, option.name)
        note = "  # from the command line" if option.name in overridden else ""
        if isinstance(value, dict):
            tables.append(f"\n[tool.mystitch.lint.{key}]{note}")
            tables.extend(f"{json.dumps(glob)} = {_toml(codes)}" for glob, codes in value.items())
        else:
            lines.append(f"{key} = {_toml(value)}{note}")
    return "\n".join(lines + tables) + "\n"


def _linted(config: LintConfig, finder: Finder, path: str) -> list[str]:
    if os.path.isdir(path):
        return [f"{path}: a folder, searched for files as described below"]
    searched = finder.named_file_skipped(path)
    found = "picked" if searched is None else f"passed over ({searched})"
    if config.force_exclude:
        named = "linted" if searched is None else "passed over (force-exclude)"
    else:
        named = "linted"
    return [f"{path}: named on the command line, {named}; found in a folder search, {found}"]


def _read_as(config: LintConfig, path: str) -> str:
    """Whether the file is an article or a page, and why; "" if it cannot be read."""
    source = read_source(path)
    if source.text is None:
        return ""
    try:
        return explain(parse_document(path, source.text, config.marker), config)
    except Exception:  # a file the linter would report as IO003 explains nothing here
        return ""


def show_settings(config: LintConfig, paths: list[str], overridden: set[str]) -> str:
    finder = Finder(config)
    lines = [
        f"# Configuration file: {config.source or 'none found, so the defaults'}",
        f"# Globs are relative to: {os.path.abspath(config.root)}",
    ]
    for path in paths:
        lines += [f"# {line}" for line in _linted(config, finder, path)]
        if os.path.isdir(path):
            continue
        for glob, codes in config.per_file_matches(path):
            lines.append(f"#   per-file-ignores {json.dumps(glob)} ignores {' '.join(codes)} here")
        read_as = _read_as(config, path)
        if read_as:
            lines.append(f"#   read as {read_as}")
        rules = [code for code in RULES if config.enabled(code, path)]
        lines.append(f"#   rules checked ({len(rules)} of {len(RULES)}): {' '.join(rules)}")
    return "\n".join(lines) + "\n\n" + settings_table(config, overridden)
