"""Links between the site's own pages, resolved without a domain lookup.

Lists, bylines and footers link thousands of articles and tag pages. As
``pending_xref`` nodes, each would go through the ``std`` domain when the
page is written (joining paths, looking up titles) for a document we
already know by name. A ``doc_ref`` names its document, and a transform run
before Sphinx's own resolver turns it into the same ``reference`` the
``doc`` role makes, through the builder, so every builder gets its own
kind of address. A document that does not exist leaves its text, and a
warning, as the role would.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

logger = logging.getLogger(__name__)


class doc_ref(nodes.inline):  # docutils names nodes in lower case
    """A link to one of the site's documents, by docname."""


def doc_link(env: Any, docname: str, text: str) -> nodes.Node:
    """A link to a document, made when the page is written."""
    return doc_ref("", "", nodes.inline(text, text, classes=["doc"]), target=docname)


class ResolveLinks(SphinxPostTransform):
    # Before Sphinx's ReferencesResolver (10), which would find nothing to do.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        env = self.env
        # Sphinx 9 keeps the application private (and deprecates .app); Sphinx 7 has no _app.
        builder = (getattr(env, "_app", None) or self.app).builder
        here = env.docname
        for node in list(self.document.findall(doc_ref)):
            target = node["target"]
            if target in env.all_docs:
                node.replace_self(make_refnode(builder, here, target, None, node.children))
            else:
                logger.warning(
                    f"unknown document: {target!r}", location=node, type="ref", subtype="doc"
                )
                node.replace_self(node.children)


def setup_links(app: Sphinx) -> None:
    app.add_node(doc_ref)
    app.add_post_transform(ResolveLinks)
