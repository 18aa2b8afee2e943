"""With ``mystitch_lint``, what the extension publishes as an article is linted as one.

mystitch-lint decides by content which files are articles; the extension has
already decided, by ``mystitch_articles`` and front matter or markers, and its
findings are those of an article whatever the front matter holds.
"""

from __future__ import annotations

from tests.test_sphinx_site import Build, _write


def test_an_article_of_the_site_gets_every_rule_even_with_a_title_alone(tmp_path):
    src = tmp_path / "src"
    _write(
        src,
        {
            "conf.py": 'extensions = ["mystitch"]\n',
            # A title alone: mystitch-lint reads such a file as a page, the site as an article.
            "note.md": '---\ntitle: "A note"\n---\n\nThe harbour reopened in spring.\n',
        },
    )
    build = Build(src, "text", mystitch_lint=True)
    assert "FM003" in build.warnings and "'excerpt' is missing" in build.warnings
