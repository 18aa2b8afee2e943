"""Registering the extension with Sphinx."""

from __future__ import annotations

from sphinx.application import Sphinx

from .ahead import close as close_ahead
from .ahead import on_before_read
from .articles import (
    BylineDirective,
    on_html_page_context,
    on_source_read,
)
from .config import ExtensionConfig
from .lists import ArticlesDirective, CopyDirective, TermsDirective
from .locations import install as install_raw_lines
from .site import (
    check_config,
    on_build_finished,
    on_env_updated,
    on_get_outdated,
    on_merge_info,
    on_purge_doc,
)
from .sources import on_config_inited
from .untrusted import setup_untrusted


def setup_extension(app: Sphinx) -> None:
    if "myst_parser" not in app.extensions:
        app.setup_extension("myst_parser")
    ExtensionConfig.register(app)
    install_raw_lines(app)
    setup_untrusted(app)
    app.add_directive("mystitch-byline", BylineDirective)
    app.add_directive("mystitch-articles", ArticlesDirective)
    app.add_directive("mystitch-terms", TermsDirective)
    app.add_directive("mystitch-copy", CopyDirective)
    # After Sphinx has turned source_suffix into a dict (priority 800).
    app.connect("config-inited", on_config_inited, priority=900)
    app.connect("config-inited", check_config, priority=900)
    app.connect("env-get-outdated", on_get_outdated)
    # Last, after any extension that reorders the documents to read.
    app.connect("env-before-read-docs", on_before_read, priority=900)
    app.connect("source-read", on_source_read)
    app.connect("env-purge-doc", on_purge_doc)
    app.connect("env-merge-info", on_merge_info)
    app.connect("env-updated", close_ahead, priority=100)
    app.connect("env-updated", on_env_updated)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", close_ahead, priority=100)
    app.connect("build-finished", on_build_finished)
