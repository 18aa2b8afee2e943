"""Every mystitch_* setting is checked: a value that does not fit is a located
mystitch.config warning and the default, never a crash."""

from __future__ import annotations

import gc

import pytest
import sphinx
from conftest import article, sphinx_build, write_file

from mystitch.config import MystitchConfig

BAD = {
    "articles": 42,
    "allow": "html",  # a single name is taken as a list of one, not refused
    "marker": "(unclosed",
    "lint": "sometimes",
    "chars_per_minute": 0,
    "words_per_minute": 0,
    "tags_path": "../outside",
    "categories_path": "a b",
    "archive_path": 7,
    "home_limit": -3,
    "pagination_path": "../up",
    "site_title": 42,
    "related": -1,
    "max_terms": "many",
    "merge_workers": "lots",
    "feeds_path": "/../feeds",
    "feed_length": 0,
    "sharing": "maybe",
    "article_type": "Tweet",
    "review_path": "../reviews",
    "gc_threshold": -5,
}


# Sphinx prints a warning's type and subtype after it from version 8 on.
SHOWS_TYPES = sphinx.version_info >= (8, 0)


def test_every_setting_is_covered_here():
    assert set(BAD) == {field.name for field in MystitchConfig.fields()}


def _build(tmp_path, conf: str):
    src = tmp_path / "src"
    write_file(src / "conf.py", 'extensions = ["mystitch"]\n' + conf)
    body = "English text for reading time. " * 40 + "\n"
    write_file(src / "post.md", article(body, title="A post"))
    return sphinx_build(src, "text", tmp_path / "out")


@pytest.mark.parametrize("name", [name for name in BAD if name != "allow"])
def test_a_bad_value_is_a_located_warning_and_the_default(tmp_path, name):
    app, warnings = _build(tmp_path, f"\nmystitch_{name} = {BAD[name]!r}\n")
    assert f"conf.py:3: WARNING: mystitch_{name} = {BAD[name]!r}" in warnings
    assert "[mystitch.config]" in warnings or not SHOWS_TYPES
    assert getattr(app.config, f"mystitch_{name}") == MystitchConfig.default(name)
    assert (tmp_path / "out" / "text" / "post.txt").is_file()


def test_a_single_name_is_a_list_of_one(tmp_path):
    app, warnings = _build(tmp_path, 'mystitch_allow = "html"\n')
    assert "mystitch_allow" not in warnings
    assert app.config.mystitch_allow == ["html"]


def test_values_given_with_dash_d_are_read_as_text(tmp_path):
    src = tmp_path / "src"
    write_file(src / "conf.py", 'extensions = ["mystitch"]\n')
    write_file(src / "post.md", article("本文です。\n", title="記事"))
    # Sphinx itself reads "0" and "1" for a true/false setting.
    overrides = {"mystitch_words_per_minute": "150", "mystitch_lint": "1"}
    app, warnings = sphinx_build(src, "text", tmp_path / "out", confoverrides=overrides)
    assert "mystitch_" not in warnings
    assert app.config.mystitch_words_per_minute == 150
    assert app.config.mystitch_lint is True


def _site_with_pyproject(tmp_path, pyproject: str, body: str):
    src = tmp_path / "src"
    write_file(tmp_path / "pyproject.toml", pyproject)  # above the sources, as in a repository
    write_file(src / "conf.py", 'extensions = ["mystitch"]\n')
    write_file(src / "post.md", article(body, title="A post"))
    _, warnings = sphinx_build(src, "text", tmp_path / "out")
    return (tmp_path / "out" / "text" / "post.txt").read_text(), warnings


def test_the_projects_linter_settings_reach_the_merge(tmp_path):
    # One configuration: the marker mystitch-lint and mystitch-merge use is the site's too.
    pyproject = "[tool.mystitch.lint]\nmarker = '^=== CUT ===$'\n"
    body = "The first piece stops in the mid\n=== CUT ===\ndle of a word and goes on.\n"
    page, _ = _site_with_pyproject(tmp_path, pyproject, body)
    assert "=== CUT ===" not in page
    assert "stops in the middle of a word and goes on." in page


def test_an_unreadable_project_configuration_is_a_warning_and_the_defaults(tmp_path):
    page, warnings = _site_with_pyproject(
        tmp_path, "[tool.mystitch.lint]\nsimilarity = 7\n", "One piece.\n---END---\nTwo.\n"
    )
    assert "pyproject.toml" in warnings
    assert "[mystitch.config]" in warnings or not SHOWS_TYPES
    assert "---END---" not in page


# conf.py notes the collector's thresholds while the build reads.
_NOTE_THRESHOLD = """
import gc
def setup(app):
    app.connect("env-before-read-docs", lambda app, env, docs: setattr(app, "seen", gc.get_threshold()))
"""


@pytest.mark.parametrize(
    ("setting", "before", "during"),
    [
        ("", (700, 10, 10), (10000, 10, 10)),
        ("mystitch_gc_threshold = 0\n", (700, 10, 10), (700, 10, 10)),
        ("", (50000, 5, 5), (50000, 5, 5)),  # a process set higher keeps its own
    ],
)
def test_the_collector_is_tuned_for_the_build_only(tmp_path, setting, before, during):
    saved = gc.get_threshold()
    gc.set_threshold(*before)
    try:
        app, _ = _build(tmp_path, setting + _NOTE_THRESHOLD)
        assert app.seen == during
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*saved)
