"""The extension, feature by feature: each module registers what it needs."""

from __future__ import annotations

from sphinx.application import Sphinx

from .ahead import setup_ahead
from .articles import setup_articles
from .byline import setup_byline
from .collector import setup_collector
from .config import setup_config
from .dates import setup_dates
from .feeds import setup_feeds
from .generated import setup_generated
from .language import setup_language
from .links import setup_links
from .list_times import setup_list_times
from .lists import setup_lists
from .navigation import setup_navigation
from .raw_lines import setup_raw_lines
from .review import setup_review
from .sharing import setup_sharing
from .sidebar import setup_sidebar
from .site_title import setup_site_title
from .sources import setup_sources
from .state import setup_state
from .style import setup_style
from .untrusted import setup_untrusted


def setup_extension(app: Sphinx) -> None:
    if "myst_parser" not in app.extensions:
        app.setup_extension("myst_parser")
    setup_config(app)  # the mystitch_* settings, checked once conf.py is read
    setup_collector(app)  # garbage collection tuned for a build's large heap
    setup_state(app)  # what is kept between builds: one domain's data
    setup_raw_lines(app)  # warnings about a merged page name the raw file's line
    setup_untrusted(app)  # articles parsed under a policy; every page in a guard
    setup_sources(app)  # what files become documents, and what is left out
    setup_articles(app)  # the catalog, and each article merged as it is read
    setup_ahead(app)  # merging ahead of a serial reader, in spare processes
    setup_review(app)  # review pages of the merge, for editors, out of every index
    setup_byline(app)  # date, author, reading time, tags under the title
    setup_lists(app)  # the article and term lists
    setup_dates(app)  # dates as <time datetime>
    setup_language(app)  # the site's language from its articles; each article's own
    setup_site_title(app)  # a name for the site in titles, sidebars and footers
    setup_links(app)  # links between our pages, made as pages are written
    setup_list_times(app)  # the line under each list entry, made as pages are written
    setup_navigation(app)  # previous, next and related articles under each article
    setup_style(app)  # the stylesheet of lists, bylines and footers
    setup_generated(app)  # tag, category, archive and home pages
    setup_feeds(app)  # Atom feeds of the site, of each tag and category
    setup_sharing(app)  # canonical link, Open Graph, Twitter card, JSON-LD
    setup_sidebar(app)  # the sidebar's toctree rendered once per folder, not per page
