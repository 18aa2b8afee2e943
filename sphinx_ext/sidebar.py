"""The sidebar's table of contents, made once per folder for pages outside it.

Themes call ``toctree()`` on every page, and Sphinx resolves the root
document's toctrees for that page and renders them: the page and its
ancestors are marked current, and the links are made relative to the page.
A page that no toctree includes (every article, tag, category, archive and
older-articles page of a site) has nothing to mark, so what it gets differs
from another such page's only by the folder its links start from. Those
pages share one rendering per folder and set of arguments, made for the
first of them. Pages a toctree includes, and the root, are rendered by
Sphinx as before, as is everything a builder or another extension changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

# Sphinx's own ``toctree`` of a page (StandaloneHTMLBuilder.handle_page).
_SPHINX_TOCTREE = "StandaloneHTMLBuilder.handle_page.<locals>.<lambda>"
_CACHE = "mystitch_sidebar_toctrees"


def _plain_html(builder: Any) -> bool:
    """A builder whose toctree and addresses are the html builder's own.

    dirhtml gives ``a`` and ``a/index`` one address, singlehtml its own
    toctree: they keep Sphinx's.
    """
    kind = type(builder)
    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and kind.get_target_uri is StandaloneHTMLBuilder.get_target_uri
        and kind.get_relative_uri is StandaloneHTMLBuilder.get_relative_uri
        and kind._get_local_toctree is StandaloneHTMLBuilder._get_local_toctree
        and kind.render_partial is StandaloneHTMLBuilder.render_partial
    )


def share_toctree(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: a page outside every toctree gets its folder's sidebar."""
    render: Callable[..., str] | None = context.get("toctree")
    if render is None or getattr(render, "__qualname__", "") != _SPHINX_TOCTREE:
        return
    env = app.env
    if pagename == app.config.root_doc or pagename in env.files_to_rebuild:
        return  # the page, or one of its ancestors, is marked current
    if not _plain_html(app.builder):
        return
    cache: dict[tuple[Any, ...], str] | None = getattr(app, _CACHE, None)
    if cache is None:
        return
    folder = pagename.rpartition("/")[0]

    def toctree(**kwargs: Any) -> str:
        key = (folder, *sorted(kwargs.items()))
        try:
            found = cache.get(key)
        except TypeError:  # an argument that cannot be a key
            return render(**kwargs)
        if found is None:
            found = cache[key] = render(**kwargs)
        return found

    context["toctree"] = toctree


def forget_toctrees(app: Sphinx, *args: Any) -> None:
    """A new build, or what was read changed the toctrees: render them again."""
    setattr(app, _CACHE, {})


def setup_sidebar(app: Sphinx) -> None:
    app.connect("builder-inited", forget_toctrees)
    app.connect("env-updated", forget_toctrees)
    # Early, so that a handler that wraps the toctree afterwards still wraps Sphinx's.
    app.connect("html-page-context", share_toctree, priority=100)
