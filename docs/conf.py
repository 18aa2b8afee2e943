"""Sphinx configuration for mystitch's own documentation.

The site is built with mystitch's own extension, so what we publish goes
through the same code path as our users' articles.
"""

project = "mystitch"
author = "mystitch developers"

# mystitch._docs: the settings and warnings reference, made from the code.
extensions = ["mystitch", "mystitch._docs"]

# colon_fence for ::: directives, deflist for term/definition lists.
myst_enable_extensions = ["colon_fence", "deflist"]
# Anchors on headings down to ###, so pages can link to one option or rule
# section (configuration.md#per-file-ignores).
myst_heading_anchors = 3

html_theme = "alabaster"
# Where the site would be published: feeds, canonical links and Open Graph
# tags need an absolute address (feeds.md). The .example domain is reserved.
html_baseurl = "https://mystitch.example/"

exclude_patterns = ["_build"]

# Articles live in examples/; the rest of the site is ours, written by hand,
# and trusted (mystitch_articles: see security.md).
mystitch_articles = ["examples/*"]

# The example articles in examples/ are raw fragment articles, markers, cut
# sentences and repeats included; the extension merges them as it reads.
# Their last fragments end on cuts on purpose, so the trims are expected,
# and their front matter says what their generator guessed the reading time
# would be, several minutes off, as generators do: the byline shows the time
# counted from the text (site.md, "Reading time").
suppress_warnings = ["mystitch.merge", "mystitch.reading_time"]

# Each example's review page, the raw pieces beside the merged page
# (merging.md, "Reviewing a merge"): examples.md links them for readers.
mystitch_review_path = "_review"
