"""What the extension keeps between builds: one Sphinx domain's data.

A domain is where Sphinx expects an extension's state (``sphinx.ext.todo``
keeps its todos the same way): it is pickled with the environment, each
document's part is cleared when the document is read again
(:meth:`MystitchDomain.clear_doc`), and parallel readers' parts come back
through :meth:`MystitchDomain.merge_domaindata`. The data:

``catalog``
    every article's front matter, built in the main process before reading
    and only read by readers (see catalog.py);
``depends``
    per document, what it showed of the catalog (a fingerprint per query),
    so a change re-reads exactly the documents whose lists changed;
``lines``
    per article, the merge's line map (page line -> raw line), so warnings
    about the page name the raw file's line;
``articles``
    per article, what its byline shows (reading time, language);
``shown``
    per document, the articles whose reading time its lists show: the
    time is filled in when the page is written, and a page whose articles'
    times changed is written again without being read (reading_time.py);
``pages``
    the docnames of the pages the extension generates;
``reviews``
    per article with pieces, its review page (path in the output, digest
    of what was written; empty when a builder wrote none), see review.py;
``reviews_written``
    per output folder, the review pages written there, so pages of articles
    that are gone are removed;
``front``
    the front matter the catalog loaded in this build, handed to readers so
    YAML is parsed once; emptied before the environment is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sphinx.domains import Domain

from .catalog import Catalog, fingerprint
from .pages import Labels, Locations, labels_for

Query = tuple[Any, ...]


@dataclass
class Article:
    """What an article's byline shows, from its merge."""

    docname: str
    minutes: int = 1
    japanese: bool = False


class MystitchDomain(Domain):
    name = "mystitch"
    label = "mystitch"
    # 2: "shown", and the queries of lists changed shape; 3: navigation; 4: reviews
    data_version = 4
    initial_data = {  # noqa: RUF012 (Sphinx reads a class attribute)
        "catalog": None,
        "depends": {},
        "lines": {},
        "articles": {},
        "shown": {},
        "pages": set(),
        "front": {},
        "reviews": {},
        "reviews_written": {},
    }
    per_document = ("depends", "lines", "articles", "shown", "reviews")

    def clear_doc(self, docname: str) -> None:
        for name in self.per_document:
            self.data[name].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for name in self.per_document:
            ours, theirs = self.data[name], otherdata[name]
            ours.update({docname: theirs[docname] for docname in docnames if docname in theirs})

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []  # the domain holds state; it defines no cross-reference roles


def data(env: Any) -> dict[str, Any]:
    return env.get_domain(MystitchDomain.name).data


def catalog(env: Any) -> Catalog:
    store = data(env)
    if store["catalog"] is None:
        store["catalog"] = Catalog()
    return store["catalog"]


def depends(env: Any) -> dict[str, dict[Query, str]]:
    return data(env)["depends"]


def line_maps(env: Any) -> dict[str, list[tuple[int, int]]]:
    """docname -> (line of the merged page, line of the raw file), per block."""
    return data(env)["lines"]


def articles(env: Any) -> dict[str, Article]:
    return data(env)["articles"]


def shown(env: Any) -> dict[str, set[str]]:
    """docname -> the articles whose reading time its lists show."""
    return data(env)["shown"]


def generated(env: Any) -> set[str]:
    return data(env)["pages"]


def fronts(env: Any) -> dict[str, Any]:
    return data(env)["front"]


def reviews(env: Any) -> dict[str, tuple[str, str]]:
    """docname -> (review page in the output, digest of it or "" when not written)."""
    return data(env)["reviews"]


def reviews_written(env: Any) -> dict[str, dict[str, tuple[str, str]]]:
    """output folder -> the ``reviews`` entries written there."""
    return data(env)["reviews_written"]


def locations(config: Any) -> Locations:
    return Locations(
        config.mystitch_tags_path, config.mystitch_categories_path, config.mystitch_archive_path
    )


def labels(env: Any) -> Labels:
    """The site's words, in its ``language``: conf.py's, or the articles' (language.py)."""
    return labels_for(env.config.language)


# Queries that other modules answer (navigation.py): kind -> evaluator.
EVALUATORS: dict[str, Callable[[Catalog, Query], object]] = {}


def evaluate(cat: Catalog, query: Query) -> object:
    """What a query shows: equal results render equal output."""
    what = query[0]
    if what in EVALUATORS:
        return EVALUATORS[what](cat, query)
    if what == "articles":
        _, kind, name, period, offset, limit, by_page = query
        chosen, more = cat.window(
            kind=kind, name=name, period=period, offset=offset, limit=limit, by_page=by_page
        )
        return tuple(cat.listing(entry) for entry in chosen), more
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
    if what == "labels":
        return query  # the words of a page: a change of site language re-reads it
    raise ValueError(f"unknown query {query!r}")


def record(env: Any, query: Query, result: object) -> None:
    depends(env).setdefault(env.docname, {})[query] = fingerprint(result)


def outdated(env: Any) -> set[str]:
    """Documents whose recorded queries give another result now."""
    cat = catalog(env)
    if cat.unchanged:
        return set()  # every query is a function of the catalog
    stale = set()
    for docname, queries in depends(env).items():
        if any(fingerprint(evaluate(cat, query)) != seen for query, seen in queries.items()):
            stale.add(docname)
    return stale


def setup_state(app: Any) -> None:
    app.add_domain(MystitchDomain)
