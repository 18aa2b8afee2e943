"""The archive and the pages of older articles: every article a few clicks from home.

* ``archive/index``: every year with its months and their counts;
* ``archive/2026``: the titles of a year's articles, month by month;
* ``archive/2026/03``: the articles of a month, with the months around it;
* ``archive/undated``: articles without a date;
* ``page/2`` … ``page/N``: when the extension writes the home page, the
  articles it has no room for, ``mystitch_home_limit`` a page, each page
  linking the first, the last and the pages around it. The oldest article
  is two clicks from the home page, however many there are.

The pages are MyST text like the tag pages (pages.py): only our words,
numbers and page names appear in them, and the lists are directives.
A page's text changes only when the months or the number of pages do.
"""

from __future__ import annotations

from .catalog import Catalog
from .pages import Labels, Locations, directive, escape


def _link(text: str, docname: str) -> str:
    # Page names here are our own: folders from conf.py (checked), digits.
    return f"{{doc}}`{escape(text)} </{docname}>`"


def _months(catalog: Catalog) -> list[str]:
    return sorted((p for p in catalog.periods if len(p) == 7), reverse=True)


def archive_index(catalog: Catalog, labels: Labels, places: Locations) -> str:
    parts = [f"# {labels.archive}\n"]
    by_year: dict[str, list[str]] = {}
    for period in _months(catalog):
        by_year.setdefault(period[:4], []).append(period)
    for year, months in by_year.items():
        count = len(catalog.periods.get(year, ()))
        line = f"- {_link(labels.year(year), places.period(year))} ({labels.count(count)}): "
        line += " · ".join(
            f"{_link(labels.month_name(m), places.period(m))} "
            f"({labels.count(len(catalog.periods[m]))})"
            for m in months
        )
        parts.append(line)
    if "" in catalog.periods:
        count = len(catalog.periods[""])
        parts.append(f"- {_link(labels.undated, places.period(''))} ({labels.count(count)})")
    if len(parts) == 1:
        parts.append(labels.empty)
    return "\n".join(parts) + "\n"


def _around(labels: Labels, places: Locations, older: str, up: str, newer: str) -> str:
    """``← older · up · newer →`` between archive pages ("" where there is none)."""
    parts = []
    if older:
        name = labels.month(older) if len(older) == 7 else labels.year(older)
        parts.append(_link(f"← {name}", places.period(older)))
    if up:
        parts.append(_link(labels.year(up), places.period(up)))
    if newer:
        name = labels.month(newer) if len(newer) == 7 else labels.year(newer)
        parts.append(_link(f"{name} →", places.period(newer)))
    if not parts:
        return ""
    return "```{container} mystitch-pager\n" + " · ".join(parts) + "\n```\n\n"


def year_page(
    year: str, months: list[str], older: str, newer: str, labels: Labels, places: Locations
) -> str:
    parts = [f"# {labels.year(year)}\n", _around(labels, places, older, "", newer)]
    for month in months:
        parts.append(f"## {labels.month(month)}\n")
        # Titles and dates: the month's page has the rest.
        parts.append(directive("mystitch-articles", period=month, brief=""))
    return "\n".join(parts)


def month_page(month: str, older: str, newer: str, labels: Labels, places: Locations) -> str:
    return (
        f"# {labels.month(month)}\n\n"
        + _around(labels, places, older, month[:4], newer)
        + directive("mystitch-articles", period=month)
    )


def archive_pages(catalog: Catalog, labels: Labels, places: Locations) -> dict[str, str]:
    """The archive index and a page per year, per month, and for undated articles."""
    if not places.archive:
        return {}
    pages = {places.archive_index: archive_index(catalog, labels, places)}
    months = _months(catalog)
    years = sorted({m[:4] for m in months}, reverse=True)
    for index, year in enumerate(years):
        older = years[index + 1] if index + 1 < len(years) else ""
        newer = years[index - 1] if index else ""
        own = [m for m in months if m.startswith(year)]
        pages[places.period(year)] = year_page(year, own, older, newer, labels, places)
    for index, month in enumerate(months):
        older = months[index + 1] if index + 1 < len(months) else ""
        newer = months[index - 1] if index else ""
        pages[places.period(month)] = month_page(month, older, newer, labels, places)
    if "" in catalog.periods:
        pages[places.period("")] = f"# {labels.undated}\n\n" + directive(
            "mystitch-articles", period="undated"
        )
    return pages


def page_names(home: str, folder: str, count: int) -> list[str]:
    """Docnames of the pages of articles: the home page, then ``page/2`` …"""
    return [home] + [f"{folder}/{number}" for number in range(2, count + 1)]


def pager(names: list[str], current: int, labels: Labels) -> str:
    """Links between the pages of articles (``current`` counts from 1)."""
    last = len(names)
    if last < 2:
        return ""
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    parts = []
    if current > 1:
        parts.append(_link(f"← {labels.newer}", names[current - 2]))
    previous = 0
    for number in shown:
        if number > previous + 1:
            parts.append("…")
        parts.append(
            f"**{number}**" if number == current else _link(str(number), names[number - 1])
        )
        previous = number
    if current < last:
        parts.append(_link(f"{labels.older} →", names[current]))
    return "```{container} mystitch-pager\n" + " · ".join(parts) + "\n```\n\n"


def older_pages(
    catalog: Catalog, labels: Labels, home: str, folder: str, limit: int, title: str
) -> tuple[str, dict[str, str]]:
    """The home page's pager, and the pages of older articles."""
    if not folder:
        return "", {}
    count = max(1, -(-len(catalog.newest) // limit))
    names = page_names(home, folder, count)
    pages = {}
    for number in range(2, count + 1):
        pages[names[number - 1]] = (
            "---\norphan: true\n---\n\n"
            f"# {escape(title)}: {labels.page(number)}\n\n"
            + directive("mystitch-articles", offset=(number - 1) * limit, limit=limit, no_more="")
            + "\n"
            + pager(names, number, labels)
        )
    return pager(names, 1, labels), pages
