"""Sphinx configuration of mystitch's own site, built with mystitch itself."""

import sys
from pathlib import Path

# The extension lives in this repository, beside docs/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

project = "mystitch"
author = "mystitch developers"
copyright = "2026, mystitch developers"

extensions = ["sphinx_ext"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "alabaster"
html_title = "mystitch"
html_theme_options = {
    "description": "Publish machine-generated articles with Sphinx, cleanly.",
    "fixed_sidebar": True,
}

# The example articles are raw fragment articles. They are linted by the
# tests; the site publishes them once the extension merges articles.
exclude_patterns = ["_build", "examples"]
