"""What the extension keeps in the Sphinx environment, and how it is read.

``env.mystitch_catalog`` is built in the main process before reading and
only read by readers. ``env.mystitch_depends`` records, per document, what it
showed of the catalog (a fingerprint per query), so a change to the catalog
re-reads exactly the documents whose lists changed. Readers in parallel
processes fill ``mystitch_depends`` and ``mystitch_articles`` for the
documents they read, and ``env-merge-info`` brings both back.
"""

from __future__ import annotations

from typing import Any

from .catalog import Catalog, fingerprint
from .config import ExtensionConfig
from .pages import Labels, Locations, labels_for

Query = tuple[Any, ...]


def catalog(env: Any) -> Catalog:
    if not hasattr(env, "mystitch_catalog"):
        env.mystitch_catalog = Catalog()
    return env.mystitch_catalog


def depends(env: Any) -> dict[str, dict[Query, str]]:
    if not hasattr(env, "mystitch_depends"):
        env.mystitch_depends = {}
    return env.mystitch_depends


def line_maps(env: Any) -> dict[str, list[tuple[int, int]]]:
    """docname -> (line of the merged page, line of the raw file), per block."""
    if not hasattr(env, "mystitch_lines"):
        env.mystitch_lines = {}
    return env.mystitch_lines


def locations(config: Any) -> Locations:
    settings = ExtensionConfig.from_sphinx(config)
    return Locations(settings.tags_path, settings.categories_path, settings.archive_path)


def labels(env: Any) -> Labels:
    """The site's words: its ``language`` if conf.py sets one, else the articles'."""
    config = env.config
    explicit = "language" in getattr(config, "_raw_config", {}) or "language" in getattr(
        config, "overrides", {}
    )
    if explicit:
        return labels_for(config.language)
    published = catalog(env).published.values()
    japanese = sum(entry.japanese for entry in published)
    return labels_for("ja" if japanese * 2 > len(published) else "en")


def evaluate(cat: Catalog, query: Query) -> object:
    """What a query shows: equal results render equal output."""
    what = query[0]
    if what == "articles":
        _, kind, name, period, limit, by_page = query
        chosen = cat.select(kind=kind, name=name, period=period, limit=limit, by_page=by_page)
        return tuple(entry.listing for entry in chosen)
    if what == "terms":
        return tuple(
            (term.slug, term.name, len(term.docnames))
            for term in cat.terms.get(query[1], {}).values()
        )
    if what == "article":
        docname = query[1]
        entry = cat.published.get(docname)
        return (
            entry.tags if entry else None,
            entry.categories if entry else None,
            cat.copy_of.get(docname),
            cat.copies.get(docname),
        )
    raise ValueError(f"unknown query {query!r}")


def record(env: Any, query: Query, result: object) -> None:
    depends(env).setdefault(env.docname, {})[query] = fingerprint(result)


def outdated(env: Any) -> set[str]:
    """Documents whose recorded queries give another result now."""
    cat = catalog(env)
    stale = set()
    for docname, queries in depends(env).items():
        if any(fingerprint(evaluate(cat, query)) != seen for query, seen in queries.items()):
            stale.add(docname)
    return stale
